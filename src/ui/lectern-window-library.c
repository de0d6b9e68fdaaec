/* lectern-window-library.c: the library sidebar of the window
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lectern-library-row.h"
#include "lectern-undo-toast.h"
#include "lectern-window-private.h"

/*
 * The sidebar lists the sample pack and then every document the reader
 * ever opened (the library's entries), open now or not: a document not
 * opened this session is listed from library.json and loaded only when
 * its row is activated. A document whose file is gone stays, marked,
 * with Locate…; removing one from the library is undoable and never
 * touches its highlights. Once the window is shown, the highlights of
 * every document not open are read in a worker thread, so that Notes
 * lists them all.
 */

static LecternLibrary *
get_library (LecternWindow *self)
{
  return lectern_session_get_library (self->session);
}

static gboolean
is_sample (gpointer item,
           gpointer user_data)
{
  return lectern_document_is_sample (item);
}

static GtkWidget *
create_library_row (gpointer item,
                    gpointer user_data)
{
  LecternWindow *self = user_data;
  LecternAnnotationStore *store = lectern_session_get_store (self->session);

  if (LECTERN_IS_LIBRARY_ENTRY (item))
    return lectern_library_row_new_for_entry (item, store);

  return lectern_library_row_new (LECTERN_DOCUMENT (item), store);
}

/* The samples, then every remembered document. */
static GListModel *
create_sidebar_model (LecternWindow *self)
{
  GListStore *parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr(GtkFilterListModel) samples = NULL;

  samples = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (get_library (self))),
                                       GTK_FILTER (gtk_custom_filter_new (is_sample, NULL, NULL)));
  g_list_store_append (parts, samples);
  g_list_store_append (parts, lectern_library_get_entries (get_library (self)));

  return G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (parts)));
}

/**
 * _lectern_window_select_library_row:
 * @self: a #LecternWindow
 * @uri: the document shown
 *
 * Selects the sidebar row of the document at @uri.
 */
void
_lectern_window_select_library_row (LecternWindow *self,
                                    const char    *uri)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->library_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (LECTERN_IS_LIBRARY_ROW (child) &&
          g_strcmp0 (lectern_library_row_get_uri (LECTERN_LIBRARY_ROW (child)), uri) == 0)
        {
          gtk_list_box_select_row (self->library_list, GTK_LIST_BOX_ROW (child));
          return;
        }
    }
}

static void
open_uri (LecternWindow *self,
          const char    *uri)
{
  LecternDocument *document = lectern_library_find_by_uri (get_library (self), uri);
  LecternLibraryEntry *entry = lectern_library_find_entry (get_library (self), uri);

  if (document != NULL)
    {
      if (document != self->document)
        lectern_window_show_document (self, document);
    }
  else if (entry != NULL && lectern_library_entry_get_missing (entry))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.locate-document", "s", uri);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uri);

      lectern_window_open_file (self, file, TRUE);
    }
}

static void
library_row_activated_cb (LecternWindow *self,
                          GtkListBoxRow *row,
                          GtkListBox    *list)
{
  open_uri (self, lectern_library_row_get_uri (LECTERN_LIBRARY_ROW (row)));

  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

/* Removing from the library, with undo */

typedef struct
{
  LecternLibrary      *library;
  LecternLibraryEntry *entry;
  guint                position;
} Forgotten;

static void
forgotten_free (gpointer data)
{
  Forgotten *forgotten = data;

  g_object_unref (forgotten->library);
  g_object_unref (forgotten->entry);
  g_free (forgotten);
}

static void
undo_forget (gpointer user_data)
{
  Forgotten *forgotten = user_data;

  lectern_library_restore_entry (forgotten->library, forgotten->entry, forgotten->position);
}

/* The document to act on without a parameter: the selected row's. */
static const char *
selected_uri (LecternWindow *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->library_list);

  if (row == NULL || !LECTERN_IS_LIBRARY_ROW (row))
    return NULL;

  return lectern_library_row_get_uri (LECTERN_LIBRARY_ROW (row));
}

static void
forget_document (LecternWindow *self,
                 const char    *uri)
{
  LecternLibraryEntry *entry = uri != NULL ? lectern_library_find_entry (get_library (self), uri) : NULL;
  g_autofree char *title = NULL;
  Forgotten *forgotten;

  if (entry == NULL)
    {
      lectern_window_show_message (self, _("Samples cannot be removed from the library"));
      return;
    }

  forgotten = g_new0 (Forgotten, 1);
  forgotten->library = g_object_ref (get_library (self));
  forgotten->entry = g_object_ref (entry);
  if (self->document != NULL && g_str_equal (lectern_document_get_uri (self->document), uri))
    g_clear_object (&self->document);
  forgotten->position = lectern_library_forget (get_library (self), entry);

  /* Translators: a toast; the highlights file is kept */
  title = g_strdup_printf (_("“%s” removed from the library; its highlights are kept"),
                           lectern_library_entry_get_title (entry));
  adw_toast_overlay_add_toast (self->toast_overlay,
                               lectern_undo_toast_new (title, undo_forget, NULL, forgotten, forgotten_free));
}

/* Locate… */

static void
locate_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    LecternWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      /* The session matches the chosen file with the missing document's
       * highlights (by fingerprint or by its quotes) and the library
       * keeps the new place. */
      lectern_window_open_file (self, file, TRUE);
    }

  g_object_unref (dialog);
  g_object_unref (self);
}

static void
locate_document (LecternWindow *self,
                 const char    *uri)
{
  LecternLibraryEntry *entry = uri != NULL ? lectern_library_find_entry (get_library (self), uri) : NULL;
  g_autofree char *title = NULL;
  GtkFileChooserNative *dialog;

  if (entry == NULL)
    return;

  /* Translators: the title of a file chooser; %s is a document title */
  title = g_strdup_printf (_("Locate “%s”"), lectern_library_entry_get_title (entry));
  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (locate_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* win.forget-document and win.locate-document name the document; the
 * -selected forms act on the selected sidebar row. */
static void
document_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LecternWindow *self = LECTERN_WINDOW (widget);
  const char *uri = parameter != NULL ? g_variant_get_string (parameter, NULL) : selected_uri (self);

  if (g_str_has_prefix (action_name, "win.forget-"))
    forget_document (self, uri);
  else
    locate_document (self, uri);
}

/* Another text at a known place */

typedef struct
{
  LecternWindow   *self;
  LecternDocument *document;
  char            *kept_id;
} Apart;

static void
apart_free (gpointer data,
            GClosure *closure)
{
  Apart *apart = data;

  g_object_unref (apart->self);
  g_object_unref (apart->document);
  g_free (apart->kept_id);
  g_free (apart);
}

static void
move_here_cb (AdwToast *toast,
              Apart    *apart)
{
  g_autoptr(GError) error = NULL;

  if (lectern_session_move_highlights (apart->self->session, apart->kept_id, apart->document, &error) < 0)
    lectern_window_show_message (apart->self, error->message);
}

/* The file holds another text than the one its highlights were made on:
 * say which highlights apply and offer to bring the earlier ones. */
static void
highlights_apart_cb (LecternWindow   *self,
                     LecternDocument *document,
                     const char      *kept_id,
                     LecternSession  *session)
{
  g_autofree char *title = NULL;
  AdwToast *toast;
  Apart *apart;

  /* Translators: a toast; %s is a document title */
  title = g_strdup_printf (_("“%s” is not the text its earlier highlights were made on; they are kept apart"),
                           lectern_document_get_title (document));
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("_Move Them Here"));

  apart = g_new0 (Apart, 1);
  apart->self = g_object_ref (self);
  apart->document = g_object_ref (document);
  apart->kept_id = g_strdup (kept_id);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (move_here_cb), apart, apart_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The data folder */

static void
folder_launched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LecternWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    lectern_window_show_message (self, error->message);
}

/* Shows the folder with the reader's files in the file manager
 * (GtkFileLauncher is GTK 4.10). */
static void
open_data_folder_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LecternWindow *self = LECTERN_WINDOW (widget);
  const char *dir = lectern_session_get_data_dir (self->session);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autofree char *uri = g_file_get_uri (folder);
  g_autoptr(GdkAppLaunchContext) context = NULL;

  g_mkdir_with_parents (dir, 0700);
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (widget));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           folder_launched_cb, g_object_ref (self));
}

/* Every note */

static void
stored_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LecternWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (lectern_annotation_store_load_stored_finish (LECTERN_ANNOTATION_STORE (object), result, &error) < 0 &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not list the highlights of closed documents: %s", error->message);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->library_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (LECTERN_IS_LIBRARY_ROW (child))
      lectern_library_row_update_count (LECTERN_LIBRARY_ROW (child));
}

/* A library of hundreds of documents must not delay the window: the
 * first rows are made with it, the rest a batch per idle after it shows. */
#define SIDEBAR_FIRST_ROWS 20
#define SIDEBAR_BATCH_ROWS 25

static gboolean
grow_sidebar_cb (gpointer user_data)
{
  LecternWindow *self = user_data;
  guint size = gtk_slice_list_model_get_size (self->sidebar_slice);
  GListModel *all = gtk_slice_list_model_get_model (self->sidebar_slice);

  if (size + SIDEBAR_BATCH_ROWS < g_list_model_get_n_items (all))
    {
      gtk_slice_list_model_set_size (self->sidebar_slice, size + SIDEBAR_BATCH_ROWS);
      return G_SOURCE_CONTINUE;
    }

  /* From now on every document added shows at once. */
  gtk_slice_list_model_set_size (self->sidebar_slice, G_MAXUINT);
  self->sidebar_source = 0;
  return G_SOURCE_REMOVE;
}

/* After the window is shown: the rest of the sidebar, and the highlights
 * of the documents not open. */
static void
window_mapped_cb (LecternWindow *self)
{
  if (self->stored_requested)
    return;

  self->stored_requested = TRUE;
  self->sidebar_source = g_idle_add_full (G_PRIORITY_LOW, grow_sidebar_cb, self, NULL);
  lectern_annotation_store_load_stored_async (lectern_session_get_store (self->session), self->cancellable,
                                              stored_loaded_cb, g_object_ref (self));
}

void
_lectern_window_dispose_library (LecternWindow *self)
{
  g_clear_handle_id (&self->sidebar_source, g_source_remove);
  g_clear_object (&self->sidebar_slice);
}

void
_lectern_window_class_init_library (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, library_row_activated_cb);
  gtk_widget_class_install_action (widget_class, "win.forget-document", "s", document_action);
  gtk_widget_class_install_action (widget_class, "win.forget-selected", NULL, document_action);
  gtk_widget_class_install_action (widget_class, "win.locate-document", "s", document_action);
  gtk_widget_class_install_action (widget_class, "win.open-data-folder", NULL, open_data_folder_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK,
                                       "win.forget-selected", NULL);
}

void
_lectern_window_init_library (LecternWindow *self)
{
  self->sidebar_slice = gtk_slice_list_model_new (create_sidebar_model (self), 0, SIDEBAR_FIRST_ROWS);
  gtk_list_box_bind_model (self->library_list, G_LIST_MODEL (self->sidebar_slice), create_library_row, self, NULL);
  g_signal_connect (self, "map", G_CALLBACK (window_mapped_cb), NULL);
  g_signal_connect_object (self->session, "highlights-apart", G_CALLBACK (highlights_apart_cb), self,
                           G_CONNECT_SWAPPED);
}
