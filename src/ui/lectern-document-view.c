/* lectern-document-view.c: a document rendered for reading, with highlights
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lectern-document-view-private.h"

/* How many frames a scroll is checked for after it was asked for. */
#define SCROLL_CHECK_FRAMES 8
G_DEFINE_FINAL_TYPE (LecternDocumentView, lectern_document_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_TEXT_SCALE,
  PROP_PROGRESS,
  PROP_SESSION,
  PROP_CARET_BROWSING,
  N_PROPS
};

enum {
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Characters of context kept on each side of a highlight's quote. */

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

/**
 * lectern_document_view_highlight_range:
 * @self: a #LecternDocumentView
 * @start: first character
 * @end: one past the last character
 * @color: the colour
 * @error: a location for a #GError
 *
 * Highlights a range of the document. A range that is already highlighted
 * exactly takes the new colour instead of gaining an invisible twin.
 *
 * Returns: (transfer none) (nullable): the highlight, or %NULL with @error set
 */
LecternHighlight *
lectern_document_view_highlight_range (LecternDocumentView  *self,
                                       guint                 start,
                                       guint                 end,
                                       LecternColor          color,
                                       GError              **error)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), NULL);
  g_return_val_if_fail (self->document != NULL && self->session != NULL, NULL);

  return lectern_session_highlight_range (self->session, self->document, start, end, color, error);
}

/* A new colour, with an Undo in a toast: the old one meant something. */
static void
recolor (LecternDocumentView *self,
         LecternHighlight    *highlight,
         LecternColor         color)
{
  LecternColor old_color = lectern_highlight_get_color (highlight);

  lectern_highlight_set_color (highlight, color);
  _lectern_document_view_add_recolor_toast (self, highlight, old_color);
}

LecternHighlight *
_lectern_document_view_highlight_selection (LecternDocumentView *self,
                                            LecternColor         color)
{
  g_autoptr(GError) error = NULL;
  LecternHighlight *highlight;
  guint start;
  guint end;

  if (self->document == NULL || self->store == NULL)
    return NULL;

  if (!lectern_document_view_get_selection (self, &start, &end))
    {
      /* No selection: recolour the highlight under the cursor, if any. */
      highlight = _lectern_document_view_highlight_at_selection (self);
      if (highlight != NULL)
        recolor (self, highlight, color);
      return highlight;
    }

  highlight = lectern_annotation_store_find_range (self->store, lectern_document_get_id (self->document),
                                                   start, end);
  if (highlight != NULL)
    {
      recolor (self, highlight, color);
      return highlight;
    }

  highlight = lectern_document_view_highlight_range (self, start, end, color, &error);
  if (highlight == NULL)
    {
      g_signal_emit (self, signals[ADD_TOAST], 0, adw_toast_new (error->message));
      return NULL;
    }

  /* The new colour shows instead of the selection, and the caret stays on
   * the highlight: the next click on it, or Ctrl+Return, opens it (a
   * click inside a selection would start dragging the text instead). */
  lectern_document_view_select_range (self, start, start);

  return highlight;
}

/* Toasts go up to the window. */
void
_lectern_document_view_add_toast (LecternDocumentView *self,
                                  AdwToast            *toast)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

/* Find: the search bar does the work */

guint
lectern_document_view_find (LecternDocumentView *self,
                            const char          *query)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), 0);

  return lectern_search_bar_find (self->search_bar, query);
}

int
lectern_document_view_get_current_match (LecternDocumentView *self,
                                         guint               *start,
                                         guint               *end)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), -1);

  return lectern_search_bar_get_current_match (self->search_bar, start, end);
}

/* Reading progress */

static gboolean
update_progress_idle_cb (gpointer user_data)
{
  LecternDocumentView *self = user_data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  double range = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);
  double fraction = range > 0 ? gtk_adjustment_get_value (adj) / range : 1.0;

  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), range > 0);
  self->progress_source = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);

  return G_SOURCE_REMOVE;
}

/* The adjustment changes while the view is being allocated; whoever shows
 * the progress may resize widgets, so tell them after the frame. */
static void
update_progress (LecternDocumentView *self)
{
  if (self->progress_source == 0)
    self->progress_source = g_idle_add_full (G_PRIORITY_LOW, update_progress_idle_cb, self, NULL);
}

/**
 * lectern_document_view_get_progress:
 * @self: a #LecternDocumentView
 *
 * Returns: how far the reader has scrolled, from 0 (top) to 1 (end)
 */
double
lectern_document_view_get_progress (LecternDocumentView *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), 0);

  return gtk_progress_bar_get_fraction (self->progress_bar);
}

/* Layout: the box fills the widget; popovers are presented. */

static void
lectern_document_view_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  LecternDocumentView *self = LECTERN_DOCUMENT_VIEW (widget);

  gtk_widget_measure (self->box, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
lectern_document_view_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  GTK_WIDGET_CLASS (lectern_document_view_parent_class)->snapshot (widget, snapshot);
  _lectern_document_view_snapshot_notes (LECTERN_DOCUMENT_VIEW (widget), snapshot);
}

static void
lectern_document_view_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  LecternDocumentView *self = LECTERN_DOCUMENT_VIEW (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  gtk_popover_present (GTK_POPOVER (self->selection_popover));
  gtk_popover_present (GTK_POPOVER (self->edit_popover));
  gtk_popover_present (self->note_peek);
}

/* A popover left open as the window closes keeps its keyboard grab on
 * GTK 4.8 (X11), and no other window of the application gets a key. */
static void
lectern_document_view_unmap (GtkWidget *widget)
{
  LecternDocumentView *self = LECTERN_DOCUMENT_VIEW (widget);

  gtk_popover_popdown (GTK_POPOVER (self->selection_popover));
  gtk_popover_popdown (GTK_POPOVER (self->edit_popover));
  gtk_popover_popdown (self->note_peek);

  GTK_WIDGET_CLASS (lectern_document_view_parent_class)->unmap (widget);
}

static void
lectern_document_view_dispose (GObject *object)
{
  LecternDocumentView *self = (LecternDocumentView *)object;

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_handler, self->store);
  g_clear_handle_id (&self->flash_source, g_source_remove);
  if (self->scroll_check_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->text_view), self->scroll_check_id);
  self->scroll_check_id = 0;
  g_clear_handle_id (&self->insert_source, g_source_remove);
  g_clear_handle_id (&self->highlights_source, g_source_remove);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (self->meanings != NULL)
    g_signal_handlers_disconnect_by_data (self->meanings, self);
  g_clear_object (&self->meanings);
  g_clear_object (&self->store);
  g_clear_object (&self->document);
  g_clear_object (&self->css);
  g_clear_pointer ((GtkWidget **)&self->selection_popover, gtk_widget_unparent);
  g_clear_pointer ((GtkWidget **)&self->edit_popover, gtk_widget_unparent);
  g_clear_pointer ((GtkWidget **)&self->note_peek, gtk_widget_unparent);
  g_clear_pointer (&self->note_markers, g_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_DOCUMENT_VIEW);

  g_clear_object (&self->session);

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

    case PROP_PROGRESS:
      g_value_set_double (value, lectern_document_view_get_progress (self));
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_CARET_BROWSING:
      g_value_set_boolean (value, lectern_document_view_get_caret_browsing (self));
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

    case PROP_SESSION:
      lectern_document_view_set_session (self, g_value_get_object (value));
      break;

    case PROP_CARET_BROWSING:
      lectern_document_view_set_caret_browsing (self, g_value_get_boolean (value));
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
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CARET_BROWSING] =
    g_param_spec_boolean ("caret-browsing", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LECTERN_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LecternDocumentView::add-toast:
   * @self: a #LecternDocumentView
   * @toast: (transfer none): a toast to show
   *
   * Asks the window to show @toast (deleted highlights, copied quotes).
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  widget_class->measure = lectern_document_view_measure;
  widget_class->size_allocate = lectern_document_view_size_allocate;
  widget_class->snapshot = lectern_document_view_snapshot;
  widget_class->unmap = lectern_document_view_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lectern-document-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternDocumentView, box);
  gtk_widget_class_bind_template_child (widget_class, LecternDocumentView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, LecternDocumentView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LecternDocumentView, scroller);
  gtk_widget_class_bind_template_child (widget_class, LecternDocumentView, clamp);
  gtk_widget_class_bind_template_child (widget_class, LecternDocumentView, text_view);
  gtk_widget_class_bind_template_child (widget_class, LecternDocumentView, selection_popover);
  gtk_widget_class_bind_template_child (widget_class, LecternDocumentView, edit_popover);
  gtk_widget_class_bind_template_child (widget_class, LecternDocumentView, note_peek);
  gtk_widget_class_bind_template_child (widget_class, LecternDocumentView, note_peek_label);
  _lectern_document_view_class_add_popovers (widget_class);

  _lectern_document_view_class_add_actions (widget_class);
  _lectern_document_view_class_add_caret (widget_class);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lectern_document_view_init (LecternDocumentView *self)
{
  GtkAdjustment *vadjustment;
  GtkTextBuffer *buffer;

  g_type_ensure (ADW_TYPE_CLAMP_SCROLLABLE);
  g_type_ensure (LECTERN_TYPE_SEARCH_BAR);
  g_type_ensure (LECTERN_TYPE_SELECTION_POPOVER);
  g_type_ensure (LECTERN_TYPE_HIGHLIGHT_POPOVER);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->text_scale = 1.0;
  self->pending_scroll = -1;
  self->css = gtk_css_provider_new ();
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->text_view)),
                                  GTK_STYLE_PROVIDER (self->css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  G_GNUC_END_IGNORE_DEPRECATIONS
  update_css (self);

  /* The find marks come last, so they are drawn over highlights. */
  _lectern_document_view_create_tags (self);
  lectern_search_bar_set_text_view (self->search_bar, self->text_view);

  gtk_widget_set_parent (GTK_WIDGET (self->selection_popover), GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->edit_popover), GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->note_peek), GTK_WIDGET (self));

  _lectern_document_view_add_note_tooltips (self);
  _lectern_document_view_add_controllers (self);
  _lectern_document_view_add_caret_shortcut (self);

  buffer = gtk_text_view_get_buffer (self->text_view);
  g_signal_connect_object (buffer, "notify::has-selection",
                           G_CALLBACK (_lectern_document_view_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "mark-set",
                           G_CALLBACK (_lectern_document_view_update_actions), self, G_CONNECT_SWAPPED);
  vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect_object (vadjustment, "value-changed", G_CALLBACK (update_progress), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vadjustment, "value-changed", G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vadjustment, "changed", G_CALLBACK (update_progress), self, G_CONNECT_SWAPPED);
  _lectern_document_view_update_actions (self);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (_lectern_document_view_update_highlight_colors), self,
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

/* Long texts go into the buffer in pieces, the first one small, so the
 * window shows the beginning at once and stays responsive while the rest
 * arrives; styles, highlights and a pending scroll follow at the end. */
#define FIRST_PIECE_BYTES (128 * 1024)
#define PIECE_BYTES (1024 * 1024)
#define PIECEWISE_ABOVE_BYTES (2 * 1024 * 1024)

static gsize
piece_end (const char *text,
           gsize       length,
           gsize       from,
           gsize       size)
{
  const char *newline;

  if (from + size >= length)
    return length;

  /* End on a line break, else on a character boundary. */
  newline = memchr (text + from + size, '\n', MIN (length - from - size, 64 * 1024));
  if (newline != NULL)
    return (gsize)(newline - text) + 1;

  return (gsize)(g_utf8_find_prev_char (text + from, text + from + size) - text);
}

static void
finish_insertion (LecternDocumentView *self)
{
  _lectern_document_view_apply_styles (self);
  _lectern_document_view_apply_highlights (self);
  _lectern_document_view_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (self->pending_scroll >= 0)
    {
      guint offset = (guint)self->pending_scroll;

      self->pending_scroll = -1;
      lectern_document_view_scroll_to_offset (self, offset, self->pending_flash);
    }
}

static gboolean
insert_piece_cb (gpointer user_data)
{
  LecternDocumentView *self = user_data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const char *text = lectern_document_get_text (self->document);
  gsize length = lectern_document_get_text_bytes (self->document);
  gsize end = piece_end (text, length, self->inserted_bytes, PIECE_BYTES);
  GtkTextIter iter;

  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_insert (buffer, &iter, text + self->inserted_bytes, (int)(end - self->inserted_bytes));
  self->inserted_bytes = end;

  if (end < length)
    return G_SOURCE_CONTINUE;

  self->insert_source = 0;
  finish_insertion (self);
  return G_SOURCE_REMOVE;
}

/**
 * lectern_document_view_is_loading:
 * @self: a #LecternDocumentView
 *
 * Returns: %TRUE while a long document is still going into the view
 */
gboolean
lectern_document_view_is_loading (LecternDocumentView *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), FALSE);

  return self->insert_source != 0;
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

  if (gtk_widget_get_visible (GTK_WIDGET (self->edit_popover)))
    gtk_popover_popdown (GTK_POPOVER (self->edit_popover));
  gtk_popover_popdown (GTK_POPOVER (self->selection_popover));
  lectern_search_bar_dismiss (self->search_bar);

  g_clear_handle_id (&self->insert_source, g_source_remove);
  self->pending_scroll = -1;

  buffer = gtk_text_view_get_buffer (self->text_view);
  if (document != NULL && lectern_document_get_text_bytes (document) > PIECEWISE_ABOVE_BYTES)
    {
      const char *text = lectern_document_get_text (document);
      gsize length = lectern_document_get_text_bytes (document);

      self->inserted_bytes = piece_end (text, length, 0, FIRST_PIECE_BYTES);
      gtk_text_buffer_set_text (buffer, text, (int)self->inserted_bytes);
      self->insert_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, insert_piece_cb, self, NULL);
    }
  else if (document != NULL)
    {
      gtk_text_buffer_set_text (buffer, lectern_document_get_text (document),
                                (int)lectern_document_get_text_bytes (document));
      _lectern_document_view_apply_styles (self);
      _lectern_document_view_apply_highlights (self);
    }
  else
    gtk_text_buffer_set_text (buffer, "", 0);

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  _lectern_document_view_update_actions (self);

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
                               G_CALLBACK (_lectern_document_view_store_changed_cb), self,
                               G_CONNECT_SWAPPED);
  _lectern_document_view_apply_highlights (self);
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

/* GTK 4.8 drops a text view's pending scroll when the view is laid out
 * again before the scroll is applied (a pane that settles while Compare
 * draws its links): for a few frames, a scroll that did not take is asked
 * for again. Once the view has moved at all (the scroll took, or the
 * reader scrolled), it is left alone. */
static gboolean
check_scroll_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  LecternDocumentView *self = user_data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextMark *mark = gtk_text_buffer_get_mark (buffer, "lectern-scroll");
  GdkRectangle visible;
  GdkRectangle location;
  GtkTextIter iter;

  if (mark == NULL || self->scroll_checks_left == 0 ||
      gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view))) !=
      self->scroll_check_from)
    {
      self->scroll_check_id = 0;
      return G_SOURCE_REMOVE;
    }
  self->scroll_checks_left--;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, mark);
  gtk_text_view_get_visible_rect (self->text_view, &visible);
  gtk_text_view_get_iter_location (self->text_view, &iter, &location);
  if (location.y < visible.y || location.y + location.height > visible.y + visible.height)
    gtk_text_view_scroll_to_mark (self->text_view, mark, 0.0, TRUE, 0.0, 0.15);

  return G_SOURCE_CONTINUE;
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

  /* Beyond what has arrived of a long text: once it is all there. */
  if (self->insert_source != 0)
    {
      self->pending_scroll = (int)offset;
      self->pending_flash = flash;
      return;
    }

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  mark = gtk_text_buffer_get_mark (buffer, "lectern-scroll");
  if (mark == NULL)
    mark = gtk_text_buffer_create_mark (buffer, "lectern-scroll", &iter, TRUE);
  else
    gtk_text_buffer_move_mark (buffer, mark, &iter);

  /* Scrolling to a mark waits for layout, unlike scrolling to an iter. */
  gtk_text_view_scroll_to_mark (self->text_view, mark, 0.0, TRUE, 0.0, 0.15);
  self->scroll_checks_left = SCROLL_CHECK_FRAMES;
  self->scroll_check_from = gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view)));
  if (self->scroll_check_id == 0)
    self->scroll_check_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->text_view), check_scroll_cb, self, NULL);

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

/**
 * lectern_document_view_set_session:
 * @self: a #LecternDocumentView
 * @session: (nullable): the reader's session, whose documents and
 *   highlights the view shows
 */
void
lectern_document_view_set_session (LecternDocumentView *self,
                                   LecternSession *session)
{
  g_return_if_fail (LECTERN_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (session == NULL || LECTERN_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  lectern_document_view_set_store (self, session != NULL ? lectern_session_get_store (session) : NULL);
  lectern_document_view_set_color_meanings (self, session != NULL ? lectern_session_get_color_meanings (session) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * lectern_document_view_get_session:
 * @self: a #LecternDocumentView
 *
 * Returns: (transfer none) (nullable): the view's session
 */
LecternSession *
lectern_document_view_get_session (LecternDocumentView *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), NULL);

  return self->session;
}
