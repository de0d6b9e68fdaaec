/* lectern-window-actions.c: the window's actions, shortcuts and drops
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lectern-window-private.h"

static void
show_orphans_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LecternWindow *self = LECTERN_WINDOW (widget);

  lectern_notes_view_show_orphans (lectern_window_get_notes_view (self),
                                   self->document != NULL ? lectern_document_get_id (self->document) : NULL);
  adw_view_stack_set_visible_child_name (self->view_stack, "notes");
}


static void
chooser_response_cb (LecternWindow        *self,
                     int                   response,
                     GtkFileChooserNative *native)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          lectern_window_open_file (self, file, i == 0);
        }
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_object_unref (native);
}

/* Saved web pages: "Web Page, complete" keeps the .html beside a folder. */
static void
add_web_page_filter (GtkFileChooser *chooser,
                     GtkFileFilter  *documents)
{
  g_autoptr(GtkFileFilter) web = gtk_file_filter_new ();

  gtk_file_filter_add_mime_type (documents, "text/html");
  gtk_file_filter_add_suffix (documents, "html");
  gtk_file_filter_add_suffix (documents, "htm");

  gtk_file_filter_set_name (web, _("Web Pages"));
  gtk_file_filter_add_mime_type (web, "text/html");
  gtk_file_filter_add_mime_type (web, "application/xhtml+xml");
  gtk_file_filter_add_suffix (web, "html");
  gtk_file_filter_add_suffix (web, "htm");
  gtk_file_chooser_add_filter (chooser, web);
}

/* EPUB books and PDFs: a filter each, and both in the first filter. */
static void
add_book_filters (GtkFileChooser *chooser,
                  GtkFileFilter  *documents)
{
  g_autoptr(GtkFileFilter) epub = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();

  gtk_file_filter_add_mime_type (documents, "application/epub+zip");
  gtk_file_filter_add_suffix (documents, "epub");
  gtk_file_filter_add_mime_type (documents, "application/pdf");
  gtk_file_filter_add_suffix (documents, "pdf");

  gtk_file_filter_set_name (epub, _("EPUB Books"));
  gtk_file_filter_add_mime_type (epub, "application/epub+zip");
  gtk_file_filter_add_suffix (epub, "epub");
  gtk_file_chooser_add_filter (chooser, epub);

  gtk_file_filter_set_name (pdf, _("PDF Documents"));
  gtk_file_filter_add_mime_type (pdf, "application/pdf");
  gtk_file_filter_add_suffix (pdf, "pdf");
  gtk_file_chooser_add_filter (chooser, pdf);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LecternWindow *self = LECTERN_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) documents = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) markdown = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) text = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Open a Document"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);

  gtk_file_filter_set_name (documents, _("Documents"));
  gtk_file_filter_add_mime_type (documents, "text/plain");
  gtk_file_filter_add_mime_type (documents, "text/markdown");
  gtk_file_filter_add_suffix (documents, "md");
  gtk_file_filter_add_suffix (documents, "markdown");
  gtk_file_filter_add_suffix (documents, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), documents);

  gtk_file_filter_set_name (markdown, _("Markdown"));
  gtk_file_filter_add_mime_type (markdown, "text/markdown");
  gtk_file_filter_add_suffix (markdown, "md");
  gtk_file_filter_add_suffix (markdown, "markdown");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), markdown);

  add_web_page_filter (GTK_FILE_CHOOSER (native), documents);

  gtk_file_filter_set_name (text, _("Plain Text"));
  gtk_file_filter_add_mime_type (text, "text/plain");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), text);

  add_book_filters (GTK_FILE_CHOOSER (native), documents);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);

  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), documents);

  g_signal_connect_object (native, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LecternWindow *self = LECTERN_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}


static void
update_zoom_label (LecternWindow *self)
{
  double scale = lectern_document_view_get_text_scale (self->document_view);
  g_autofree char *text = g_strdup_printf ("%d%%", (int)(scale * 100 + 0.5));

  gtk_label_set_label (self->zoom_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", scale < 3.0 - 0.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", scale > 0.5 + 0.001);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LecternWindow *self = LECTERN_WINDOW (widget);
  double scale = lectern_document_view_get_text_scale (self->document_view);

  if (g_str_equal (action_name, "win.zoom-in"))
    scale = MIN (3.0, scale * 1.1);
  else if (g_str_equal (action_name, "win.zoom-out"))
    scale = MAX (0.5, scale / 1.1);
  else
    scale = 1.0;

  lectern_document_view_set_text_scale (self->document_view, scale);
}

static void
forward_view_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LecternWindow *self = LECTERN_WINDOW (widget);
  g_autofree char *view_action = NULL;

  if (self->document == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "read");
  /* win.find → view.find */
  view_action = g_strconcat ("view", strchr (action_name, '.'), NULL);
  gtk_widget_activate_action_variant (GTK_WIDGET (self->document_view), view_action, parameter);
}

static void
outline_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LecternWindow *self = LECTERN_WINDOW (widget);

  if (self->document != NULL && gtk_widget_get_sensitive (GTK_WIDGET (self->outline_button)))
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "read");
      gtk_menu_button_popup (self->outline_button);
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LecternWindow *self = LECTERN_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "notes");
  gtk_widget_activate_action (GTK_WIDGET (lectern_window_get_notes_view (self)), "notes.export", "s", "all");
}

/* Alt+1, 2, 3 switch views as GNOME apps with a view switcher do (Music,
 * Clocks); the keyboard focus goes along, so the next key acts there. */
static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LecternWindow *self = LECTERN_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  GtkWidget *page;

  if (adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, name);
  page = adw_view_stack_get_visible_child (self->view_stack);
  if (g_str_equal (name, "read") && self->document != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (lectern_document_view_get_text_view (self->document_view)));
  else if (g_str_equal (name, "notes"))
    gtk_widget_grab_focus (GTK_WIDGET (lectern_window_get_notes_view (self)));
  else if (page != NULL && !gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (page);
}

/* The shortcuts window is built when first asked for: start-up does not
 * pay for parsing it. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LecternWindow *self = LECTERN_WINDOW (widget);
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/lectern-shortcuts.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (self));
  gtk_window_set_application (shortcuts, gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_present (shortcuts);
}


/* Drag and drop */

static gboolean
drop_cb (LecternWindow *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *files;
  gboolean first = TRUE;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      lectern_window_open_file (self, l->data, first);
      first = FALSE;
    }

  return files != NULL;
}

void
_lectern_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, forward_view_action);
  gtk_widget_class_install_action (widget_class, "win.outline", NULL, outline_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.show-orphans", NULL, show_orphans_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK, "win.show-help-overlay", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view", "s", "read");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view", "s", "compare");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-view", "s", "notes");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.outline", NULL);
}

/* Esc that nothing below took would reach the toast overlay, which
 * dismisses its toast; in libadwaita 1.2 a toast dismissed while it is
 * still sliding in is freed twice, and the window crashes a moment later
 * (Ctrl+2, Esc). Esc closes what the reader is in, not the toasts. */
static gboolean
escape_pressed_cb (LecternWindow         *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  return keyval == GDK_KEY_Escape && (state & gtk_accelerator_get_default_mod_mask ()) == 0;
}

/* Saving failed */

/* Shows the whole message of a failed save, or hides it (%NULL). */
void
_lectern_window_show_save_problem (LecternWindow *self,
                                   const char    *message)
{
  if (message != NULL)
    gtk_label_set_label (self->save_label, message);
  gtk_revealer_set_reveal_child (self->save_banner, message != NULL);
}

static void
save_elsewhere_response_cb (LecternWindow        *self,
                            int                   response,
                            GtkFileChooserNative *native)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native))) != NULL)
    {
      if (lectern_annotation_store_save_copy (lectern_session_get_store (self->session),
                                              g_file_peek_path (folder), &error))
        {
          self->quit_anyway = TRUE;
          gtk_window_close (GTK_WINDOW (self));
        }
      else
        _lectern_window_show_save_problem (self, error->message);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_object_unref (native);
}

static void
save_elsewhere (LecternWindow *self)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Save Highlights Elsewhere"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect_object (native, "response", G_CALLBACK (save_elsewhere_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
close_response_cb (LecternWindow    *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "quit"))
    {
      self->quit_anyway = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_str_equal (response, "export"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.export", NULL);
  else if (g_str_equal (response, "save-elsewhere"))
    save_elsewhere (self);
}

/* Closing while highlights could not be saved asks first (issue 19):
 * save them elsewhere, export them, or quit anyway. Returns %TRUE if
 * the window stays open for now. */
gboolean
_lectern_window_confirm_close (LecternWindow *self)
{
  LecternAnnotationStore *store = lectern_session_get_store (self->session);
  g_autofree char *problem = NULL;
  AdwMessageDialog *dialog;

  if (self->quit_anyway)
    return FALSE;

  /* One more try first: the disk may have room again. */
  g_object_get (store, "save-problem", &problem, NULL);
  if (problem == NULL)
    return FALSE;
  g_clear_pointer (&problem, g_free);
  lectern_annotation_store_flush (store, NULL);
  g_object_get (store, "save-problem", &problem, NULL);
  if (problem == NULL)
    return FALSE;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Highlights Not Saved"), problem));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "save-elsewhere", _("_Save Elsewhere…"),
                                    "export", _("_Export…"),
                                    "quit", _("_Quit Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "quit", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "save-elsewhere");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

void
_lectern_window_init_actions (LecternWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkDropTarget *target;

  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (escape_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (adw_toast_overlay_get_child (self->toast_overlay), keys);

  g_signal_connect_object (self->document_view, "notify::text-scale",
                           G_CALLBACK (update_zoom_label), self, G_CONNECT_SWAPPED);
  update_zoom_label (self);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
