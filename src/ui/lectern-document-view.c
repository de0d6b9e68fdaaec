/* lectern-document-view.c: a document rendered for reading, with highlights
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lectern-document-view.h"

struct _LecternDocumentView
{
  GtkWidget               parent_instance;

  GtkScrolledWindow      *scroller;
  AdwClampScrollable     *clamp;
  GtkTextView            *text_view;

  LecternDocument        *document;
  LecternAnnotationStore *store;
  GtkCssProvider         *css;
  GtkTextTag             *highlight_tags[LECTERN_N_COLORS];
  GtkTextTag             *overlap_tag;
  GtkTextTag             *flash_tag;
  guint                   flash_source;
  gulong                  store_changed_handler;
  double                  text_scale;
};

G_DEFINE_FINAL_TYPE (LecternDocumentView, lectern_document_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_TEXT_SCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The GNOME palette's strong tones, drawn translucent so text stays
 * readable on light and dark backgrounds. */
static const char * const highlight_colors[LECTERN_N_COLORS] = {
  "#f6d32d", "#33d17a", "#3584e4", "#e01b24", "#c061cb",
};

static void
create_style_tags (GtkTextBuffer *buffer)
{
  static const double heading_scales[] = { 1.8, 1.45, 1.25, 1.12, 1.0, 1.0 };

  for (guint i = 0; i < G_N_ELEMENTS (heading_scales); i++)
    {
      g_autofree char *name = g_strdup_printf ("h%u", i + 1);

      gtk_text_buffer_create_tag (buffer, name,
                                  "scale", heading_scales[i],
                                  "weight", i < 4 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_SEMIBOLD,
                                  "style", i == 5 ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL,
                                  "pixels-above-lines", i < 2 ? 22 : 14,
                                  "pixels-below-lines", 10,
                                  "accumulative-margin", TRUE,
                                  NULL);
    }

  for (guint depth = 1; depth <= 6; depth++)
    {
      g_autofree char *name = g_strdup_printf ("list-%u", depth);

      /* A hanging indent lines wrapped lines up with the text after the bullet. */
      gtk_text_buffer_create_tag (buffer, name,
                                  "left-margin", 24 + 28 * depth,
                                  "indent", -20,
                                  "pixels-below-lines", 6,
                                  NULL);
    }

  gtk_text_buffer_create_tag (buffer, "quote",
                              "left-margin", 24 + 32,
                              "right-margin", 24 + 24,
                              "style", PANGO_STYLE_ITALIC,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "code-block",
                              "family", "Monospace",
                              "scale", 0.9,
                              "wrap-mode", GTK_WRAP_CHAR,
                              "left-margin", 24 + 16,
                              "pixels-inside-wrap", 1,
                              "paragraph-background", "rgba(127,127,127,0.10)",
                              NULL);
  gtk_text_buffer_create_tag (buffer, "rule",
                              "justification", GTK_JUSTIFY_CENTER,
                              "foreground", "rgba(127,127,127,0.8)",
                              "pixels-above-lines", 8,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "footnote",
                              "scale", 0.88,
                              "pixels-below-lines", 8,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "bold", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "italic", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "code",
                              "family", "Monospace",
                              "scale", 0.92,
                              "background", "rgba(127,127,127,0.14)",
                              NULL);
  gtk_text_buffer_create_tag (buffer, "superscript",
                              "rise", 5 * PANGO_SCALE,
                              "scale", 0.72,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "subscript",
                              "rise", -3 * PANGO_SCALE,
                              "scale", 0.72,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "link",
                              "underline", PANGO_UNDERLINE_SINGLE,
                              "foreground", "#1c71d8",
                              NULL);
  gtk_text_buffer_create_tag (buffer, "strikethrough", "strikethrough", TRUE, NULL);
  gtk_text_buffer_create_tag (buffer, "list-marker",
                              "foreground", "rgba(127,127,127,1.0)",
                              NULL);
}

static const char *
block_tag_name (const LecternBlock *block,
                char               *buf,
                gsize               len)
{
  switch (block->kind)
    {
    case LECTERN_BLOCK_HEADING:
      g_snprintf (buf, len, "h%u", CLAMP (block->level, 1, 6));
      return buf;

    case LECTERN_BLOCK_LIST_ITEM:
      g_snprintf (buf, len, "list-%u", CLAMP (block->level, 1, 6));
      return buf;

    case LECTERN_BLOCK_QUOTE:
      return "quote";

    case LECTERN_BLOCK_CODE:
      return "code-block";

    case LECTERN_BLOCK_RULE:
      return "rule";

    case LECTERN_BLOCK_FOOTNOTE:
      return "footnote";

    case LECTERN_BLOCK_PARAGRAPH:
    default:
      /* Plain paragraphs take the view's defaults: no tag, so a 10 MB
       * text of plain paragraphs costs no tagging at all. */
      return NULL;
    }
}

static const char *
run_tag_name (LecternStyle style)
{
  switch (style)
    {
    case LECTERN_STYLE_BOLD:
      return "bold";

    case LECTERN_STYLE_ITALIC:
      return "italic";

    case LECTERN_STYLE_CODE:
      return "code";

    case LECTERN_STYLE_SUPERSCRIPT:
      return "superscript";

    case LECTERN_STYLE_SUBSCRIPT:
      return "subscript";

    case LECTERN_STYLE_LINK:
      return "link";

    case LECTERN_STYLE_STRIKETHROUGH:
      return "strikethrough";

    case LECTERN_STYLE_LIST_MARKER:
      return "list-marker";

    default:
      g_return_val_if_reached (NULL);
    }
}

static void
apply_tag_by_offsets (GtkTextBuffer *buffer,
                      const char    *name,
                      guint          start,
                      guint          end)
{
  GtkTextIter a;
  GtkTextIter b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_buffer_apply_tag_by_name (buffer, name, &a, &b);
}

static void
apply_document_styles (GtkTextBuffer   *buffer,
                       LecternDocument *document)
{
  const LecternBlock *blocks;
  const LecternStyleRun *runs;
  guint n_blocks;
  guint n_runs;

  blocks = lectern_document_get_blocks (document, &n_blocks);
  for (guint i = 0; i < n_blocks; i++)
    {
      char buf[16];
      const char *name = block_tag_name (&blocks[i], buf, sizeof buf);

      if (name != NULL)
        apply_tag_by_offsets (buffer, name, blocks[i].start, blocks[i].end);
      if (blocks[i].quote_depth > 0 && blocks[i].kind != LECTERN_BLOCK_QUOTE)
        apply_tag_by_offsets (buffer, "quote", blocks[i].start, blocks[i].end);
    }

  runs = lectern_document_get_runs (document, &n_runs);
  for (guint i = 0; i < n_runs; i++)
    apply_tag_by_offsets (buffer, run_tag_name (runs[i].style), runs[i].start, runs[i].end);
}

static void
update_highlight_colors (LecternDocumentView *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      GdkRGBA rgba;

      gdk_rgba_parse (&rgba, highlight_colors[i]);
      /* Dark backgrounds need a stronger tint for the same visibility. */
      rgba.alpha = dark ? 0.42 : 0.36;
      g_object_set (self->highlight_tags[i], "background-rgba", &rgba, NULL);
    }
}

static void
create_highlight_tags (LecternDocumentView *self,
                       GtkTextBuffer       *buffer)
{
  GdkRGBA flash = { 0.96, 0.83, 0.18, 0.9 };

  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      g_autofree char *name = g_strdup_printf ("highlight-%s", lectern_color_to_string (i));

      self->highlight_tags[i] = gtk_text_buffer_create_tag (buffer, name, NULL);
    }

  /* Where highlights overlap, an underline shows that more than one is there. */
  self->overlap_tag = gtk_text_buffer_create_tag (buffer, "highlight-overlap",
                                                  "underline", PANGO_UNDERLINE_DOUBLE,
                                                  NULL);
  self->flash_tag = gtk_text_buffer_create_tag (buffer, "flash",
                                                "background-rgba", &flash,
                                                NULL);
  update_highlight_colors (self);
}

static void
clear_highlight_tags (LecternDocumentView *self,
                      GtkTextBuffer       *buffer)
{
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    gtk_text_buffer_remove_tag (buffer, self->highlight_tags[i], &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->overlap_tag, &start, &end);
}

static void
apply_highlights (LecternDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autoptr(GPtrArray) highlights = NULL;
  guint reach = 0;

  clear_highlight_tags (self, buffer);

  if (self->document == NULL || self->store == NULL)
    return;

  /* Sorted by start: a highlight starting before the furthest end seen
   * so far overlaps an earlier one. */
  highlights = lectern_annotation_store_list_for_document (self->store,
                                                           lectern_document_get_id (self->document));
  for (guint i = 0; i < highlights->len; i++)
    {
      LecternHighlight *highlight = g_ptr_array_index (highlights, i);
      guint start = lectern_highlight_get_start (highlight);
      guint end = lectern_highlight_get_end (highlight);
      GtkTextIter a;
      GtkTextIter b;

      if (lectern_highlight_get_state (highlight) != LECTERN_HIGHLIGHT_ANCHORED)
        continue;

      gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
      gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
      gtk_text_buffer_apply_tag (buffer, self->highlight_tags[lectern_highlight_get_color (highlight)], &a, &b);

      if (start < reach)
        apply_tag_by_offsets (buffer, "highlight-overlap", start, MIN (reach, end));
      reach = MAX (reach, end);
    }
}

static void
store_document_changed_cb (LecternDocumentView    *self,
                           const char             *document_id,
                           LecternAnnotationStore *store)
{
  if (self->document != NULL &&
      g_strcmp0 (document_id, lectern_document_get_id (self->document)) == 0)
    apply_highlights (self);
}

static void
update_css (LecternDocumentView *self)
{
  g_autofree char *css = NULL;

  /* The base size scales everything, so heading scales stay relative. */
  css = g_strdup_printf ("textview.lectern-reader { font-size: %.2fpt; }",
                         12.0 * self->text_scale);
  gtk_css_provider_load_from_data (self->css, css, -1);
  adw_clamp_scrollable_set_maximum_size (self->clamp, (int)(760 * self->text_scale));
  adw_clamp_scrollable_set_tightening_threshold (self->clamp, (int)(560 * self->text_scale));
}

static void
lectern_document_view_dispose (GObject *object)
{
  LecternDocumentView *self = (LecternDocumentView *)object;

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_handler, self->store);
  g_clear_handle_id (&self->flash_source, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->document);
  g_clear_object (&self->css);

  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_DOCUMENT_VIEW);

  G_OBJECT_CLASS (lectern_document_view_parent_class)->dispose (object);
}

static void
lectern_document_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LecternDocumentView *self = LECTERN_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_TEXT_SCALE:
      g_value_set_double (value, self->text_scale);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_document_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LecternDocumentView *self = LECTERN_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      lectern_document_view_set_document (self, g_value_get_object (value));
      break;

    case PROP_TEXT_SCALE:
      lectern_document_view_set_text_scale (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_document_view_class_init (LecternDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lectern_document_view_dispose;
  object_class->get_property = lectern_document_view_get_property;
  object_class->set_property = lectern_document_view_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, LECTERN_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TEXT_SCALE] =
    g_param_spec_double ("text-scale", NULL, NULL, 0.5, 3.0, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lectern-document-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternDocumentView, scroller);
  gtk_widget_class_bind_template_child (widget_class, LecternDocumentView, clamp);
  gtk_widget_class_bind_template_child (widget_class, LecternDocumentView, text_view);
}

static void
lectern_document_view_init (LecternDocumentView *self)
{
  GtkTextBuffer *buffer;

  g_type_ensure (ADW_TYPE_CLAMP_SCROLLABLE);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->text_scale = 1.0;
  self->css = gtk_css_provider_new ();
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->text_view)),
                                  GTK_STYLE_PROVIDER (self->css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  G_GNUC_END_IGNORE_DEPRECATIONS
  update_css (self);

  buffer = gtk_text_view_get_buffer (self->text_view);
  create_style_tags (buffer);
  create_highlight_tags (self, buffer);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_highlight_colors), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
lectern_document_view_new (void)
{
  return g_object_new (LECTERN_TYPE_DOCUMENT_VIEW, NULL);
}

LecternDocument *
lectern_document_view_get_document (LecternDocumentView *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), NULL);

  return self->document;
}

/**
 * lectern_document_view_set_document:
 * @self: a #LecternDocumentView
 * @document: (nullable): the document to show
 *
 * Renders @document with its styles and highlights, scrolled to the top.
 */
void
lectern_document_view_set_document (LecternDocumentView *self,
                                    LecternDocument     *document)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;

  g_return_if_fail (LECTERN_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (!document || LECTERN_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;

  buffer = gtk_text_view_get_buffer (self->text_view);
  if (document != NULL)
    {
      gtk_text_buffer_set_text (buffer, lectern_document_get_text (document),
                                (int)lectern_document_get_text_bytes (document));
      apply_document_styles (buffer, document);
      apply_highlights (self);
    }
  else
    gtk_text_buffer_set_text (buffer, "", 0);

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/**
 * lectern_document_view_set_store:
 * @self: a #LecternDocumentView
 * @store: the store whose highlights are drawn
 */
void
lectern_document_view_set_store (LecternDocumentView    *self,
                                 LecternAnnotationStore *store)
{
  g_return_if_fail (LECTERN_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (!store || LECTERN_IS_ANNOTATION_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_handler, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->store_changed_handler =
      g_signal_connect_object (store, "document-changed",
                               G_CALLBACK (store_document_changed_cb), self,
                               G_CONNECT_SWAPPED);
  apply_highlights (self);
}

GtkTextView *
lectern_document_view_get_text_view (LecternDocumentView *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), NULL);

  return self->text_view;
}

double
lectern_document_view_get_text_scale (LecternDocumentView *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), 1.0);

  return self->text_scale;
}

void
lectern_document_view_set_text_scale (LecternDocumentView *self,
                                      double               scale)
{
  g_return_if_fail (LECTERN_IS_DOCUMENT_VIEW (self));

  scale = CLAMP (scale, 0.5, 3.0);
  if (G_APPROX_VALUE (self->text_scale, scale, 0.001))
    return;

  self->text_scale = scale;
  update_css (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SCALE]);
}

/**
 * lectern_document_view_get_selection:
 * @self: a #LecternDocumentView
 * @start: (out): first selected character
 * @end: (out): one past the last selected character
 *
 * Returns: %TRUE if a non-empty range is selected
 */
gboolean
lectern_document_view_get_selection (LecternDocumentView *self,
                                     guint               *start,
                                     guint               *end)
{
  GtkTextBuffer *buffer;
  GtkTextIter a;
  GtkTextIter b;

  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), FALSE);

  buffer = gtk_text_view_get_buffer (self->text_view);
  if (!gtk_text_buffer_get_selection_bounds (buffer, &a, &b))
    return FALSE;

  *start = gtk_text_iter_get_offset (&a);
  *end = gtk_text_iter_get_offset (&b);
  return *end > *start;
}

void
lectern_document_view_select_range (LecternDocumentView *self,
                                    guint                start,
                                    guint                end)
{
  GtkTextBuffer *buffer;
  GtkTextIter a;
  GtkTextIter b;

  g_return_if_fail (LECTERN_IS_DOCUMENT_VIEW (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_buffer_select_range (buffer, &a, &b);
}

static gboolean
unflash_cb (gpointer user_data)
{
  LecternDocumentView *self = user_data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->flash_tag, &start, &end);
  self->flash_source = 0;

  return G_SOURCE_REMOVE;
}

/**
 * lectern_document_view_scroll_to_offset:
 * @self: a #LecternDocumentView
 * @offset: a character offset
 * @flash: whether to flash the line there briefly
 *
 * Scrolls so that @offset is near the top of the view.
 */
void
lectern_document_view_scroll_to_offset (LecternDocumentView *self,
                                        guint                offset,
                                        gboolean             flash)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  GtkTextMark *mark;

  g_return_if_fail (LECTERN_IS_DOCUMENT_VIEW (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  mark = gtk_text_buffer_get_mark (buffer, "lectern-scroll");
  if (mark == NULL)
    mark = gtk_text_buffer_create_mark (buffer, "lectern-scroll", &iter, TRUE);
  else
    gtk_text_buffer_move_mark (buffer, mark, &iter);

  /* Scrolling to a mark waits for layout, unlike scrolling to an iter. */
  gtk_text_view_scroll_to_mark (self->text_view, mark, 0.0, TRUE, 0.0, 0.15);

  if (flash)
    {
      GtkTextIter line_end = iter;

      g_clear_handle_id (&self->flash_source, g_source_remove);
      unflash_cb (self);
      gtk_text_iter_forward_to_line_end (&line_end);
      gtk_text_buffer_apply_tag (buffer, self->flash_tag, &iter, &line_end);
      self->flash_source = g_timeout_add (900, unflash_cb, self);
    }
}

/**
 * lectern_document_view_get_top_offset:
 * @self: a #LecternDocumentView
 *
 * Returns: the offset of the first character of the topmost visible line
 */
guint
lectern_document_view_get_top_offset (LecternDocumentView *self)
{
  GdkRectangle visible;
  GtkTextIter iter;

  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), 0);

  gtk_text_view_get_visible_rect (self->text_view, &visible);
  gtk_text_view_get_line_at_y (self->text_view, &iter, visible.y, NULL);

  return gtk_text_iter_get_offset (&iter);
}
