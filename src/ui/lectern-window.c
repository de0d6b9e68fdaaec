/* lectern-window.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lectern-accessible.h"
#include "lectern-compare-view.h"
#include "lectern-library-row.h"
#include "lectern-outline-row.h"
#include "lectern-notes-view.h"
#include "lectern-window-private.h"


G_DEFINE_FINAL_TYPE (LecternWindow, lectern_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void save_reading_position (LecternWindow *self);

static LecternLibrary *
get_library (LecternWindow *self)
{
  return lectern_session_get_library (self->session);
}

static LecternAnnotationStore *
get_store (LecternWindow *self)
{
  return lectern_session_get_store (self->session);
}

static GSettings *
get_settings (LecternWindow *self)
{
  return self->settings;
}

static char *
describe_file (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    return g_filename_display_name (path);

  return g_file_get_uri (file);
}

/* Library sidebar */

static void
update_orphan_banner (LecternWindow *self)
{
  g_autoptr(GPtrArray) highlights = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  guint orphans = 0;
  guint review = 0;

  if (self->document != NULL)
    {
      highlights = lectern_annotation_store_list_for_document (get_store (self),
                                                               lectern_document_get_id (self->document));
      for (guint i = 0; i < highlights->len; i++)
        {
          LecternHighlightState state = lectern_highlight_get_state (g_ptr_array_index (highlights, i));

          orphans += state == LECTERN_HIGHLIGHT_ORPHANED;
          review += state == LECTERN_HIGHLIGHT_NEEDS_REVIEW;
        }
    }

  if (orphans > 0)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%u highlight could not be placed: its text is no longer in this document.",
                                         "%u highlights could not be placed: their text is no longer in this document.",
                                         orphans),
                            orphans);
  if (review > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u highlight was moved to similar text and needs your review.",
                                           "%u highlights were moved to similar text and need your review.",
                                           review),
                              review);
    }

  if (text->len > 0)
    gtk_label_set_label (self->orphan_label, text->str);
  gtk_revealer_set_reveal_child (self->orphan_banner, orphans + review > 0);
}

static gboolean
update_counts_cb (gpointer user_data)
{
  LecternWindow *self = user_data;

  self->counts_source = 0;
  update_orphan_banner (self);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->library_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (LECTERN_IS_LIBRARY_ROW (child))
      lectern_library_row_update_count (LECTERN_LIBRARY_ROW (child));

  return G_SOURCE_REMOVE;
}

/* Counted once for a burst of changes (an import brings thousands),
 * before the next frame. */
static void
store_document_changed_cb (LecternWindow          *self,
                           const char             *document_id,
                           LecternAnnotationStore *store)
{
  if (self->counts_source == 0)
    self->counts_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_counts_cb, self, NULL);
}

/* Outline and progress */

static void
rebuild_outline (LecternWindow *self)
{
  GtkWidget *child;
  const LecternBlock *blocks;
  guint n_blocks;
  guint n_headings = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->outline_list))) != NULL)
    gtk_list_box_remove (self->outline_list, child);

  if (self->document == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->outline_button), FALSE);
      return;
    }

  blocks = lectern_document_get_blocks (self->document, &n_blocks);
  for (guint i = 0; i < n_blocks; i++)
    {
      g_autofree char *text = NULL;

      if (blocks[i].kind != LECTERN_BLOCK_HEADING)
        continue;

      text = lectern_document_dup_slice (self->document, blocks[i].start, blocks[i].end);
      gtk_list_box_append (self->outline_list, lectern_outline_row_new (text, blocks[i].level, blocks[i].start));
      n_headings++;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->outline_button), n_headings > 0);
}

static void
outline_popover_show_cb (LecternWindow *self)
{
  guint top = lectern_document_view_get_top_offset (self->document_view);
  GtkWidget *current = NULL;

  /* The section the reader is in: the last heading at or above the top. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->outline_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (lectern_outline_row_get_offset (LECTERN_OUTLINE_ROW (child)) > top)
        break;
      current = child;
    }

  if (current == NULL)
    current = gtk_widget_get_first_child (GTK_WIDGET (self->outline_list));
  if (current != NULL)
    {
      gtk_list_box_select_row (self->outline_list, GTK_LIST_BOX_ROW (current));
      gtk_widget_grab_focus (current);
    }
}

static void
outline_row_activated_cb (LecternWindow *self,
                          GtkListBoxRow *row)
{
  guint offset = lectern_outline_row_get_offset (LECTERN_OUTLINE_ROW (row));

  gtk_popover_popdown (self->outline_popover);
  lectern_document_view_scroll_to_offset (self->document_view, offset, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (lectern_document_view_get_text_view (self->document_view)));
}

static void
progress_changed_cb (LecternWindow *self)
{
  double progress = lectern_document_view_get_progress (self->document_view);
  g_autofree char *text = g_strdup_printf ("%d%%", (int)(progress * 100 + 0.5));
  g_autofree char *tooltip = g_strdup_printf (_("Contents (Ctrl+T) — %d%% read"), (int)(progress * 100 + 0.5));

  gtk_label_set_label (self->progress_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->outline_button), tooltip);
}

/**
 * lectern_window_show_highlight:
 * @self: a #LecternWindow
 * @highlight: a highlight
 *
 * Shows @highlight's document in the Read view, scrolled to the passage,
 * which flashes and is selected. A document that is not open is opened.
 */
void
lectern_window_show_highlight (LecternWindow    *self,
                               LecternHighlight *highlight)
{
  const char *document_id = lectern_highlight_get_document_id (highlight);
  LecternDocument *document = lectern_library_find_by_id (get_library (self), document_id);
  const char *uri = NULL;

  g_return_if_fail (LECTERN_IS_WINDOW (self));

  g_free (self->pending_highlight);
  self->pending_highlight = g_strdup (lectern_highlight_get_id (highlight));

  if (document != NULL)
    {
      if (document == self->document)
        save_reading_position (self);
      g_clear_object (&self->document);
      lectern_window_show_document (self, document);
    }
  else if (lectern_annotation_store_lookup_document (get_store (self), document_id, &uri, NULL) && uri != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uri);

      lectern_window_open_file (self, file, TRUE);
    }
  else
    lectern_window_show_message (self, _("The document of this highlight is not open"));
}

/**
 * lectern_window_reattach_highlight:
 * @self: a #LecternWindow
 * @highlight: a highlight, typically orphaned
 *
 * Puts @highlight on the passage selected in the Read view. Without a
 * selection in its document, shows the document and asks for one.
 *
 * Returns: %TRUE if the highlight was re-attached
 */
gboolean
lectern_window_reattach_highlight (LecternWindow    *self,
                                   LecternHighlight *highlight)
{
  const char *document_id = lectern_highlight_get_document_id (highlight);
  g_autoptr(LecternTarget) target = NULL;
  guint start;
  guint end;

  g_return_val_if_fail (LECTERN_IS_WINDOW (self), FALSE);

  if (self->document == NULL ||
      g_strcmp0 (lectern_document_get_id (self->document), document_id) != 0 ||
      !lectern_document_view_get_selection (self->document_view, &start, &end))
    {
      LecternDocument *document = lectern_library_find_by_id (get_library (self), document_id);

      if (document != NULL && document != self->document)
        lectern_window_show_document (self, document);
      adw_view_stack_set_visible_child_name (self->view_stack, "read");
      lectern_window_show_message (self, _("Select the passage this highlight belongs to, then choose Re-attach in Notes again"));
      return FALSE;
    }

  target = lectern_target_new_for_range (self->document, start, end);
  lectern_highlight_reattach_to_target (highlight, target);
  lectern_window_show_message (self, _("Highlight re-attached"));

  return TRUE;
}

static void
notes_link_activated_cb (LecternWindow      *self,
                         LecternPassageLink *link)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "compare");
  if (!lectern_compare_view_show_link (lectern_window_get_compare_view (self), link))
    lectern_window_show_message (self, _("Open both documents of this link to see it in Compare"));
}

static void
notes_reattach_cb (LecternWindow    *self,
                   LecternHighlight *highlight)
{
  lectern_window_reattach_highlight (self, highlight);
}

static LecternDocument *
find_recent (LecternWindow *self,
             guint          i)
{
  if (self->recent_uris[i] == NULL)
    return NULL;

  return lectern_library_find_by_uri (get_library (self), self->recent_uris[i]);
}

static void
view_changed_cb (LecternWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  /* The comparison runs the first time it is looked at, not at start-up,
   * on the two documents the reader opened last. */
  if (g_strcmp0 (name, "compare") == 0)
    {
      lectern_compare_view_set_recent (lectern_window_get_compare_view (self),
                                       find_recent (self, 1), find_recent (self, 0));
      lectern_compare_view_ensure_started (lectern_window_get_compare_view (self));
    }
  else if (g_strcmp0 (name, "notes") == 0)
    lectern_window_get_notes_view (self);
}

static void
notes_highlight_activated_cb (LecternWindow    *self,
                              LecternHighlight *highlight)
{
  if (lectern_highlight_get_state (highlight) == LECTERN_HIGHLIGHT_ORPHANED)
    {
      lectern_window_show_message (self, _("This highlight’s text is no longer in the document"));
      return;
    }

  lectern_window_show_highlight (self, highlight);
}

static void
add_toast_cb (LecternWindow *self,
              AdwToast      *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref_sink (toast));
}

/* Reading positions */

static void
save_reading_position (LecternWindow *self)
{
  GSettings *settings = get_settings (self);
  g_autoptr(GVariant) positions = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *uri;
  const char *current_uri;
  guint32 offset;

  if (self->document == NULL)
    return;

  current_uri = lectern_document_get_uri (self->document);
  positions = g_settings_get_value (settings, "reading-positions");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{su}"));
  g_variant_iter_init (&iter, positions);
  while (g_variant_iter_next (&iter, "{&su}", &uri, &offset))
    {
      if (g_strcmp0 (uri, current_uri) != 0)
        g_variant_builder_add (&builder, "{su}", uri, offset);
    }
  offset = lectern_document_view_get_top_offset (self->document_view);
  g_variant_builder_add (&builder, "{su}", current_uri, offset);
  g_settings_set_value (settings, "reading-positions", g_variant_builder_end (&builder));
  lectern_library_set_read_position (get_library (self), current_uri, offset);
}

static guint
lookup_reading_position (LecternWindow   *self,
                         LecternDocument *document)
{
  g_autoptr(GVariant) positions = g_settings_get_value (get_settings (self), "reading-positions");
  guint32 offset = 0;

  if (!g_variant_lookup (positions, lectern_document_get_uri (document), "u", &offset))
    {
      LecternLibraryEntry *entry = lectern_library_find_entry (get_library (self),
                                                               lectern_document_get_uri (document));

      offset = entry != NULL ? lectern_library_entry_get_position (entry) : 0;
    }

  return MIN (offset, lectern_document_get_length (document));
}

/* Showing and opening documents */

static void
note_recent_uri (LecternWindow *self,
                 const char    *uri)
{
  if (g_strcmp0 (uri, self->recent_uris[0]) == 0)
    return;

  g_free (self->recent_uris[1]);
  self->recent_uris[1] = g_steal_pointer (&self->recent_uris[0]);
  self->recent_uris[0] = g_strdup (uri);
}

/**
 * lectern_window_show_document:
 * @self: a #LecternWindow
 * @document: a document of the library
 *
 * Shows @document in the Read view, at the position the reader left it.
 */
void
lectern_window_show_document (LecternWindow   *self,
                              LecternDocument *document)
{
  g_return_if_fail (LECTERN_IS_WINDOW (self));
  g_return_if_fail (LECTERN_IS_DOCUMENT (document));

  save_reading_position (self);
  g_set_object (&self->document, document);
  note_recent_uri (self, lectern_document_get_uri (document));
  g_clear_object (&self->pending_file);

  lectern_document_view_set_document (self->document_view, document);
  lectern_document_view_scroll_to_offset (self->document_view,
                                          lookup_reading_position (self, document),
                                          FALSE);
  gtk_spinner_stop (self->loading_spinner);
  gtk_stack_set_visible_child_name (self->read_stack, "document");
  adw_view_stack_set_visible_child_name (self->view_stack, "read");
  adw_view_switcher_title_set_subtitle (self->switcher_title, lectern_document_get_title (document));
  gtk_window_set_title (GTK_WINDOW (self), lectern_document_get_title (document));
  _lectern_window_select_library_row (self, lectern_document_get_uri (document));
  rebuild_outline (self);
  update_orphan_banner (self);
  _lectern_window_update_read_as (self);
  if (self->notes_view != NULL)
    lectern_notes_view_set_current_document (self->notes_view, lectern_document_get_id (document));

  if (self->pending_highlight != NULL)
    {
      LecternHighlight *highlight = lectern_annotation_store_find (get_store (self), self->pending_highlight);

      if (highlight != NULL &&
          g_strcmp0 (lectern_highlight_get_document_id (highlight), lectern_document_get_id (document)) == 0)
        {
          lectern_document_view_scroll_to_offset (self->document_view, lectern_highlight_get_start (highlight), TRUE);
          lectern_document_view_select_range (self->document_view,
                                              lectern_highlight_get_start (highlight),
                                              lectern_highlight_get_end (highlight));
        }
      g_clear_pointer (&self->pending_highlight, g_free);
    }
  progress_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (lectern_document_view_get_text_view (self->document_view)));

  g_settings_set_string (get_settings (self), "current-document", lectern_document_get_uri (document));
}

typedef struct
{
  LecternWindow *self;
  GFile         *file;
  gboolean       make_current;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_free (data);
}

/* A failed save is shown whole in the banner, not cut in a toast. */
static void
session_problem_cb (LecternWindow *self,
                    const GError  *error)
{
  if (g_error_matches (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_WRITE_FAILED))
    _lectern_window_show_save_problem (self, error->message);
  else
    lectern_window_show_message (self, error->message);
}

static void
save_problem_cb (LecternWindow *self)
{
  g_autofree char *problem = NULL;

  g_object_get (get_store (self), "save-problem", &problem, NULL);
  if (problem == NULL)
    _lectern_window_show_save_problem (self, NULL);
}

static void
show_error (LecternWindow *self,
            GFile         *file,
            const GError  *error)
{
  g_autofree char *name = describe_file (file);
  g_autofree char *title = g_strdup_printf (_("Could Not Open “%s”"), name);

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_spinner_stop (self->loading_spinner);
  gtk_stack_set_visible_child_name (self->read_stack, "error");
  adw_view_stack_set_visible_child_name (self->view_stack, "read");
}

static void
open_file_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  OpenData *data = user_data;
  LecternWindow *self = data->self;
  g_autoptr(LecternDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  gboolean is_pending;

  document = lectern_session_open_finish (LECTERN_SESSION (object), result, &error);
  is_pending = self->pending_file != NULL && g_file_equal (self->pending_file, data->file);

  if (document == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ;
      else if (is_pending)
        {
          g_clear_object (&self->pending_file);
          show_error (self, data->file, error);
        }
      else
        lectern_window_show_message (self, error->message);

      open_data_free (data);
      return;
    }

  if (is_pending)
    lectern_window_show_document (self, document);

  open_data_free (data);
}

/**
 * lectern_window_open_file:
 * @self: a #LecternWindow
 * @file: a text or Markdown file
 * @make_current: whether to show it once it is loaded
 *
 * Loads @file into the library off the main loop. While a file to be shown
 * loads, the Read view shows its name and a spinner; a file that cannot be
 * read is explained there.
 */
void
lectern_window_open_file (LecternWindow *self,
                          GFile         *file,
                          gboolean       make_current)
{
  OpenData *data;

  g_return_if_fail (LECTERN_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (make_current)
    {
      g_autofree char *name = describe_file (file);
      g_autofree char *text = g_strdup_printf (_("Opening “%s”…"), name);

      g_set_object (&self->pending_file, file);
      gtk_label_set_label (self->loading_label, text);
      gtk_spinner_start (self->loading_spinner);
      gtk_stack_set_visible_child_name (self->read_stack, "loading");
      adw_view_stack_set_visible_child_name (self->view_stack, "read");
    }

  {
    g_autofree char *uri = g_file_get_uri (file);

    note_recent_uri (self, uri);
  }

  data = g_new0 (OpenData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  data->make_current = make_current;

  lectern_session_open_async (self->session, file, self->cancellable, open_file_cb, data);
}

/**
 * lectern_window_show_message:
 * @self: a #LecternWindow
 * @message: a message for the reader
 *
 * Shows @message in a toast.
 */
void
lectern_window_show_message (LecternWindow *self,
                             const char    *message)
{
  AdwToast *toast;

  g_return_if_fail (LECTERN_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Actions */

static void
flap_reveal_changed_cb (LecternWindow *self,
                        GParamSpec    *pspec,
                        AdwFlap       *flap)
{
  gboolean revealed = adw_flap_get_reveal_flap (flap);

  if (!adw_flap_get_folded (flap))
    g_settings_set_boolean (get_settings (self), "show-sidebar", revealed);
}

/* Window state */

static gboolean
lectern_window_close_request (GtkWindow *window)
{
  LecternWindow *self = LECTERN_WINDOW (window);
  GSettings *settings = get_settings (self);
  int width;
  int height;

  if (_lectern_window_confirm_close (self))
    return TRUE;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }

  save_reading_position (self);
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (lectern_window_parent_class)->close_request (window);
}

static void
lectern_window_constructed (GObject *object)
{
  LecternWindow *self = LECTERN_WINDOW (object);
  GSettings *settings;

  G_OBJECT_CLASS (lectern_window_parent_class)->constructed (object);

  g_assert (LECTERN_IS_SESSION (self->session));
  settings = get_settings (self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  adw_flap_set_reveal_flap (self->flap, g_settings_get_boolean (settings, "show-sidebar"));
  g_settings_bind (settings, "text-scale", self->document_view, "text-scale", G_SETTINGS_BIND_DEFAULT);

  lectern_document_view_set_session (self->document_view, self->session);

  _lectern_window_init_library (self);
  g_signal_connect_object (get_store (self), "document-changed",
                           G_CALLBACK (store_document_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "problem", G_CALLBACK (session_problem_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (get_store (self), "notify::save-problem", G_CALLBACK (save_problem_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
lectern_window_dispose (GObject *object)
{
  LecternWindow *self = LECTERN_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->counts_source, g_source_remove);
  _lectern_window_dispose_library (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_WINDOW);

  G_OBJECT_CLASS (lectern_window_parent_class)->dispose (object);
}

static void
lectern_window_finalize (GObject *object)
{
  LecternWindow *self = LECTERN_WINDOW (object);

  g_clear_object (&self->document);
  g_clear_pointer (&self->recent_uris[0], g_free);
  g_clear_pointer (&self->recent_uris[1], g_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->read_as_action);
  g_clear_object (&self->pending_file);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_free (self->pending_highlight);

  G_OBJECT_CLASS (lectern_window_parent_class)->finalize (object);
}

static void
lectern_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LecternWindow *self = LECTERN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      _lectern_window_apply_read_as (self);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_window_class_init (LecternWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = lectern_window_constructed;
  object_class->dispose = lectern_window_dispose;
  object_class->finalize = lectern_window_finalize;
  object_class->set_property = lectern_window_set_property;

  window_class->close_request = lectern_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         LECTERN_TYPE_SESSION,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LECTERN_TYPE_DOCUMENT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lectern-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, library_list);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, read_stack);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, document_view);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, outline_button);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, outline_popover);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, outline_list);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, zoom_label);
  gtk_widget_class_bind_template_callback (widget_class, outline_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, outline_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, progress_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_toast_cb);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, notes_holder);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, compare_holder);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, orphan_banner);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, orphan_label);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, save_banner);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, save_label);
  gtk_widget_class_bind_template_callback (widget_class, notes_reattach_cb);
  gtk_widget_class_bind_template_callback (widget_class, notes_link_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, notes_highlight_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, flap_reveal_changed_cb);

  _lectern_window_class_init_actions (widget_class);
  _lectern_window_class_init_library (widget_class);
}

static void
lectern_window_init (LecternWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lectern_accessible_name_mnemonics (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  g_object_bind_property (self->flap, "reveal-flap", self->sidebar_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  gtk_widget_set_sensitive (GTK_WIDGET (self->outline_button), FALSE);


  _lectern_window_init_actions (self);
  _lectern_window_init_read_as (self);
}

/**
 * lectern_window_new:
 * @application: the application the window belongs to
 * @session: the reader's session, whose documents and highlights it shows
 *
 * Returns: (transfer full): a new window
 */
LecternWindow *
lectern_window_new (GtkApplication *application,
                    LecternSession *session)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (LECTERN_IS_SESSION (session), NULL);

  return g_object_new (LECTERN_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       NULL);
}

/**
 * lectern_window_get_document:
 * @self: a #LecternWindow
 *
 * Returns: (transfer none) (nullable): the document in the Read view
 */
LecternDocument *
lectern_window_get_document (LecternWindow *self)
{
  g_return_val_if_fail (LECTERN_IS_WINDOW (self), NULL);

  return self->document;
}

/**
 * lectern_window_get_document_view:
 * @self: a #LecternWindow
 *
 * Returns: (transfer none): the Read view's document view
 */
LecternDocumentView *
lectern_window_get_document_view (LecternWindow *self)
{
  g_return_val_if_fail (LECTERN_IS_WINDOW (self), NULL);

  return self->document_view;
}

/**
 * lectern_window_get_notes_view:
 * @self: a #LecternWindow
 *
 * Returns: (transfer none): the Notes view, built on first use
 */
LecternNotesView *
lectern_window_get_notes_view (LecternWindow *self)
{
  g_return_val_if_fail (LECTERN_IS_WINDOW (self), NULL);

  if (self->notes_view == NULL)
    {
      self->notes_view = LECTERN_NOTES_VIEW (lectern_notes_view_new ());
      gtk_widget_set_vexpand (GTK_WIDGET (self->notes_view), TRUE);
      gtk_widget_set_hexpand (GTK_WIDGET (self->notes_view), TRUE);
      g_signal_connect_object (self->notes_view, "add-toast", G_CALLBACK (add_toast_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->notes_view, "highlight-activated",
                               G_CALLBACK (notes_highlight_activated_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->notes_view, "reattach-requested",
                               G_CALLBACK (notes_reattach_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->notes_view, "link-activated",
                               G_CALLBACK (notes_link_activated_cb), self, G_CONNECT_SWAPPED);
      lectern_notes_view_set_session (self->notes_view, self->session);
      if (self->document != NULL)
        lectern_notes_view_set_current_document (self->notes_view, lectern_document_get_id (self->document));
      gtk_box_append (self->notes_holder, GTK_WIDGET (self->notes_view));
      lectern_accessible_name_mnemonics (GTK_WIDGET (self->notes_view));
    }

  return self->notes_view;
}

/**
 * lectern_window_get_compare_view:
 * @self: a #LecternWindow
 *
 * Returns: (transfer none): the Compare view, built on first use
 */
LecternCompareView *
lectern_window_get_compare_view (LecternWindow *self)
{
  g_return_val_if_fail (LECTERN_IS_WINDOW (self), NULL);

  if (self->compare_view == NULL)
    {
      self->compare_view = LECTERN_COMPARE_VIEW (lectern_compare_view_new ());
      gtk_widget_set_vexpand (GTK_WIDGET (self->compare_view), TRUE);
      gtk_widget_set_hexpand (GTK_WIDGET (self->compare_view), TRUE);
      g_signal_connect_object (self->compare_view, "add-toast", G_CALLBACK (add_toast_cb), self, G_CONNECT_SWAPPED);
      lectern_compare_view_set_session (self->compare_view, self->session);
      gtk_box_append (self->compare_holder, GTK_WIDGET (self->compare_view));
      lectern_accessible_name_mnemonics (GTK_WIDGET (self->compare_view));
    }

  return self->compare_view;
}

/**
 * lectern_window_get_read_state:
 * @self: a #LecternWindow
 *
 * Returns: what the Read view shows: "empty", "loading", "document" or "error"
 */
const char *
lectern_window_get_read_state (LecternWindow *self)
{
  g_return_val_if_fail (LECTERN_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->read_stack);
}
