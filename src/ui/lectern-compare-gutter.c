/* lectern-compare-gutter.c: the links between related passages, drawn
 * between two document panes as bands, as Meld draws changes
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "lectern-compare-gutter-private.h"

struct _LecternCompareGutter
{
  GtkWidget          parent_instance;

  GtkTextView       *views[2];
  LecternComparison *comparison;
  LecternLinkStore  *links;
  LecternDocument   *documents[2];
  LecternSide        focus_side;
  int                focus_passage;
  guint              n_drawn;
  guint              n_user_drawn;
};

G_DEFINE_FINAL_TYPE (LecternCompareGutter, lectern_compare_gutter, GTK_TYPE_WIDGET)

/* The vertical extent of a character range of @view, in gutter coordinates. */
static gboolean
range_to_gutter (LecternCompareGutter *self,
                 GtkTextView          *view,
                 guint                 start,
                 guint                 end,
                 double               *top,
                 double               *bottom)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter a;
  GtkTextIter b;
  GdkRectangle ra;
  GdkRectangle rb;
  graphene_point_t in;
  graphene_point_t out_top;
  graphene_point_t out_bottom;
  int x;
  int y1;
  int y2;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_view_get_iter_location (view, &a, &ra);
  gtk_text_view_get_iter_location (view, &b, &rb);

  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, 0, ra.y, &x, &y1);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, 0, rb.y + rb.height, &x, &y2);

  in = GRAPHENE_POINT_INIT (0, y1);
  if (!gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (self), &in, &out_top))
    return FALSE;
  in = GRAPHENE_POINT_INIT (0, y2);
  if (!gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (self), &in, &out_bottom))
    return FALSE;

  *top = out_top.y;
  *bottom = MAX (out_bottom.y, out_top.y + 2);
  return TRUE;
}

/* The passages of one side that intersect its visible area. */
static void
visible_passages (LecternCompareGutter *self,
                  LecternSide           side,
                  int                  *first,
                  int                  *last)
{
  GtkTextView *view = self->views[side];
  GdkRectangle visible;
  GtkTextIter iter;
  guint top;
  guint bottom;
  guint n = lectern_comparison_get_n_passages (self->comparison, side);
  int lo = 0;
  int hi = (int)n - 1;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_line_at_y (view, &iter, visible.y, NULL);
  top = gtk_text_iter_get_offset (&iter);
  gtk_text_view_get_line_at_y (view, &iter, visible.y + visible.height, NULL);
  gtk_text_iter_forward_to_line_end (&iter);
  bottom = gtk_text_iter_get_offset (&iter);

  /* Passages are in text order: binary search the first that ends after top. */
  *first = (int)n;
  while (lo <= hi)
    {
      int mid = (lo + hi) / 2;

      if (lectern_comparison_get_passage (self->comparison, side, mid)->end <= top)
        lo = mid + 1;
      else
        {
          *first = mid;
          hi = mid - 1;
        }
    }

  *last = *first - 1;
  for (int i = *first; i < (int)n; i++)
    {
      if (lectern_comparison_get_passage (self->comparison, side, i)->start > bottom)
        break;
      *last = i;
    }
}

static void
draw_band (cairo_t       *cr,
           double         width,
           double         a_top,
           double         a_bottom,
           double         b_top,
           double         b_bottom,
           const GdkRGBA *color,
           double         alpha)
{
  double mid = width / 2;

  cairo_move_to (cr, 0, a_top);
  cairo_curve_to (cr, mid, a_top, mid, b_top, width, b_top);
  cairo_line_to (cr, width, b_bottom);
  cairo_curve_to (cr, mid, b_bottom, mid, a_bottom, 0, a_bottom);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, alpha * 0.35);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, alpha);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

static gboolean
link_seen (GArray *drawn,
           guint   a,
           guint   b)
{
  guint pair[2] = { a, b };

  for (guint i = 0; i < drawn->len; i += 2)
    if (g_array_index (drawn, guint, i) == a && g_array_index (drawn, guint, i + 1) == b)
      return TRUE;

  g_array_append_vals (drawn, pair, 2);
  return FALSE;
}

static void
draw_links_from (LecternCompareGutter *self,
                 cairo_t              *cr,
                 double                width,
                 LecternSide           side,
                 GArray               *drawn,
                 const GdkRGBA        *normal,
                 const GdkRGBA        *focused)
{
  LecternSide other = side == LECTERN_SIDE_A ? LECTERN_SIDE_B : LECTERN_SIDE_A;
  int first;
  int last;

  visible_passages (self, side, &first, &last);
  for (int i = first; i <= last; i++)
    {
      const LecternPassage *passage = lectern_comparison_get_passage (self->comparison, side, i);
      const LecternPassageMatch *matches;
      guint n = lectern_comparison_get_matches (self->comparison, side, i, &matches);

      for (guint m = 0; m < n; m++)
        {
          const LecternPassage *target = lectern_comparison_get_passage (self->comparison, other, matches[m].passage);
          guint a_index = side == LECTERN_SIDE_A ? (guint)i : matches[m].passage;
          guint b_index = side == LECTERN_SIDE_A ? matches[m].passage : (guint)i;
          gboolean is_focus;
          double a_top;
          double a_bottom;
          double b_top;
          double b_bottom;
          double alpha;
          const LecternPassage *pa = side == LECTERN_SIDE_A ? passage : target;
          const LecternPassage *pb = side == LECTERN_SIDE_A ? target : passage;

          /* A link seen from both sides is drawn once. */
          if (link_seen (drawn, a_index, b_index))
            continue;

          if (!range_to_gutter (self, self->views[LECTERN_SIDE_A], pa->start, pa->end, &a_top, &a_bottom) ||
              !range_to_gutter (self, self->views[LECTERN_SIDE_B], pb->start, pb->end, &b_top, &b_bottom))
            continue;

          is_focus = self->focus_passage >= 0 &&
                     ((self->focus_side == LECTERN_SIDE_A && (int)a_index == self->focus_passage) ||
                      (self->focus_side == LECTERN_SIDE_B && (int)b_index == self->focus_passage));

          /* Every passage keeps its best partners; those below the
           * threshold are drawn faint, never left out.  Above it, scores
           * run from the threshold (~0.1) to 1: stronger links stand out. */
          if (matches[m].score < lectern_comparison_get_threshold (self->comparison))
            alpha = 0.12;
          else
            alpha = CLAMP (0.3 + matches[m].score * 0.7, 0.3, 1.0);
          if (self->focus_passage >= 0 && !is_focus)
            alpha *= 0.35;

          draw_band (cr, width, a_top, a_bottom, b_top, b_bottom,
                     is_focus ? focused : normal, alpha);
          self->n_drawn++;
        }
    }
}

/* The reader's own links: solid, in the colour of their relation, so they
 * stand apart from the suggested ones. */
static const char * const relation_colors[LECTERN_N_RELATIONS][2] = {
  { "#26a269", "#57e389" },   /* agrees: green */
  { "#c01c28", "#f66151" },   /* contradicts: red */
  { "#1a5fb4", "#99c1f1" },   /* extends: blue */
  { "#9141ac", "#dc8add" },   /* same fact: purple */
};

static void
draw_user_links (LecternCompareGutter *self,
                 cairo_t              *cr,
                 double                width,
                 gboolean              dark)
{
  LecternDocument *left;
  LecternDocument *right;
  g_autoptr(GPtrArray) links = NULL;
  GtkTextBuffer *buffers[2];

  if (self->links == NULL)
    return;

  buffers[0] = gtk_text_view_get_buffer (self->views[0]);
  buffers[1] = gtk_text_view_get_buffer (self->views[1]);
  left = self->documents[0];
  right = self->documents[1];
  if (left == NULL || right == NULL)
    return;

  links = lectern_link_store_list_between (self->links, lectern_document_get_id (left),
                                           lectern_document_get_id (right));
  for (guint i = 0; i < links->len; i++)
    {
      LecternPassageLink *link = g_ptr_array_index (links, i);
      /* A link may have been made with the documents the other way round. */
      gboolean swapped = g_strcmp0 (lectern_passage_link_get_document_id (link, LECTERN_LINK_SIDE_LEFT),
                                    lectern_document_get_id (left)) != 0;
      LecternLinkSide on_left = swapped ? LECTERN_LINK_SIDE_RIGHT : LECTERN_LINK_SIDE_LEFT;
      LecternLinkSide on_right = swapped ? LECTERN_LINK_SIDE_LEFT : LECTERN_LINK_SIDE_RIGHT;
      guint length_left = (guint)gtk_text_buffer_get_char_count (buffers[0]);
      guint length_right = (guint)gtk_text_buffer_get_char_count (buffers[1]);
      double a_top;
      double a_bottom;
      double b_top;
      double b_bottom;
      GdkRGBA color;

      if (lectern_passage_link_get_state (link, on_left) != LECTERN_HIGHLIGHT_ANCHORED ||
          lectern_passage_link_get_state (link, on_right) != LECTERN_HIGHLIGHT_ANCHORED ||
          lectern_passage_link_get_end (link, on_left) > length_left ||
          lectern_passage_link_get_end (link, on_right) > length_right)
        continue;

      if (!range_to_gutter (self, self->views[0], lectern_passage_link_get_start (link, on_left),
                            lectern_passage_link_get_end (link, on_left), &a_top, &a_bottom) ||
          !range_to_gutter (self, self->views[1], lectern_passage_link_get_start (link, on_right),
                            lectern_passage_link_get_end (link, on_right), &b_top, &b_bottom))
        continue;

      gdk_rgba_parse (&color, relation_colors[lectern_passage_link_get_relation (link)][dark ? 1 : 0]);
      draw_band (cr, width, a_top, a_bottom, b_top, b_bottom, &color, 1.0);

      /* A second, thicker edge marks the band as the reader's own. */
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 1.0);
      cairo_set_line_width (cr, 3.0);
      cairo_move_to (cr, 1.5, a_top);
      cairo_line_to (cr, 1.5, a_bottom);
      cairo_move_to (cr, width - 1.5, b_top);
      cairo_line_to (cr, width - 1.5, b_bottom);
      cairo_stroke (cr);
      self->n_user_drawn++;
    }
}

static void
lectern_compare_gutter_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  LecternCompareGutter *self = LECTERN_COMPARE_GUTTER (widget);
  g_autoptr(GArray) drawn = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA normal;
  GdkRGBA focused;
  cairo_t *cr;

  self->n_drawn = 0;
  self->n_user_drawn = 0;
  if (self->views[0] == NULL || self->views[1] == NULL || width <= 0 || height <= 0)
    return;

  if (self->comparison == NULL || !lectern_comparison_is_ready (self->comparison))
    {
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      draw_user_links (self, cr, width, dark);
      cairo_destroy (cr);
      return;
    }

  gdk_rgba_parse (&normal, dark ? "#9a9996" : "#77767b");
  gdk_rgba_parse (&focused, dark ? "#78aeed" : "#1c71d8");

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  drawn = g_array_new (FALSE, FALSE, sizeof (guint));
  draw_links_from (self, cr, width, LECTERN_SIDE_A, drawn, &normal, &focused);
  draw_links_from (self, cr, width, LECTERN_SIDE_B, drawn, &normal, &focused);
  draw_user_links (self, cr, width, dark);
  cairo_destroy (cr);
}

static void
lectern_compare_gutter_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 48;
      *natural = 72;
    }
  else
    {
      *minimum = 0;
      *natural = 0;
    }
}

static void
lectern_compare_gutter_dispose (GObject *object)
{
  LecternCompareGutter *self = LECTERN_COMPARE_GUTTER (object);

  for (guint i = 0; i < 2; i++)
    {
      if (self->views[i] != NULL)
        g_signal_handlers_disconnect_by_data (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->views[i])), self);
      g_clear_weak_pointer (&self->views[i]);
    }
  g_clear_object (&self->comparison);
  g_clear_object (&self->links);
  g_clear_object (&self->documents[0]);
  g_clear_object (&self->documents[1]);

  G_OBJECT_CLASS (lectern_compare_gutter_parent_class)->dispose (object);
}

static void
lectern_compare_gutter_class_init (LecternCompareGutterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lectern_compare_gutter_dispose;
  widget_class->snapshot = lectern_compare_gutter_snapshot;
  widget_class->measure = lectern_compare_gutter_measure;

  gtk_widget_class_set_css_name (widget_class, "lectern-compare-gutter");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
lectern_compare_gutter_init (LecternCompareGutter *self)
{
  self->focus_passage = -1;
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

GtkWidget *
lectern_compare_gutter_new (void)
{
  return g_object_new (LECTERN_TYPE_COMPARE_GUTTER, NULL);
}

/**
 * lectern_compare_gutter_set_views:
 * @self: a #LecternCompareGutter
 * @left: the text view of document A
 * @right: the text view of document B
 *
 * The gutter redraws whenever either view scrolls.
 */
void
lectern_compare_gutter_set_views (LecternCompareGutter *self,
                                  GtkTextView          *left,
                                  GtkTextView          *right)
{
  g_return_if_fail (LECTERN_IS_COMPARE_GUTTER (self));

  g_set_weak_pointer (&self->views[0], left);
  g_set_weak_pointer (&self->views[1], right);

  for (guint i = 0; i < 2; i++)
    {
      GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->views[i]));

      /* Only the scrolled window knows the adjustment once realized;
       * watch the property, and the adjustment it holds. */
      g_signal_connect_object (self->views[i], "notify::vadjustment",
                               G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
      if (adj != NULL)
        {
          g_signal_connect_object (adj, "value-changed", G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (adj, "changed", G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
        }
    }
}

void
lectern_compare_gutter_set_comparison (LecternCompareGutter *self,
                                       LecternComparison    *comparison)
{
  g_return_if_fail (LECTERN_IS_COMPARE_GUTTER (self));

  g_set_object (&self->comparison, comparison);
  self->focus_passage = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lectern_compare_gutter_set_focus:
 * @self: a #LecternCompareGutter
 * @side: the side of @passage
 * @passage: a passage index, or -1 for none
 *
 * Draws the links of @passage in the accent colour and the others faded.
 */
void
lectern_compare_gutter_set_focus (LecternCompareGutter *self,
                                  LecternSide           side,
                                  int                   passage)
{
  g_return_if_fail (LECTERN_IS_COMPARE_GUTTER (self));

  self->focus_side = side;
  self->focus_passage = passage;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lectern_compare_gutter_set_link_store:
 * @self: a #LecternCompareGutter
 * @links: the reader's passage links
 */
void
lectern_compare_gutter_set_link_store (LecternCompareGutter *self,
                                       LecternLinkStore     *links)
{
  g_return_if_fail (LECTERN_IS_COMPARE_GUTTER (self));

  if (self->links != NULL)
    g_signal_handlers_disconnect_by_data (self->links, self);
  g_set_object (&self->links, links);
  if (links != NULL)
    g_signal_connect_object (links, "changed", G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lectern_compare_gutter_set_documents:
 * @self: a #LecternCompareGutter
 * @left: (nullable): the document on the left
 * @right: (nullable): the document on the right
 *
 * The documents whose links (the reader's own) are drawn.
 */
void
lectern_compare_gutter_set_documents (LecternCompareGutter *self,
                                      LecternDocument      *left,
                                      LecternDocument      *right)
{
  g_return_if_fail (LECTERN_IS_COMPARE_GUTTER (self));

  g_set_object (&self->documents[0], left);
  g_set_object (&self->documents[1], right);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lectern_compare_gutter_get_n_user_drawn:
 * @self: a #LecternCompareGutter
 *
 * Returns: how many of the reader's own links the last frame drew
 */
guint
lectern_compare_gutter_get_n_user_drawn (LecternCompareGutter *self)
{
  g_return_val_if_fail (LECTERN_IS_COMPARE_GUTTER (self), 0);

  return self->n_user_drawn;
}

/**
 * lectern_compare_gutter_get_n_drawn:
 * @self: a #LecternCompareGutter
 *
 * Returns: how many links the last frame drew
 */
guint
lectern_compare_gutter_get_n_drawn (LecternCompareGutter *self)
{
  g_return_val_if_fail (LECTERN_IS_COMPARE_GUTTER (self), 0);

  return self->n_drawn;
}
