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

  gtk_file_filter_set_name (documents, _("Text and Markdown"));
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

  gtk_file_filter_set_name (text, _("Plain Text"));
  gtk_file_filter_add_mime_type (text, "text/plain");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), text);

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
  GtkDropTarget *target;

  g_signal_connect_object (self->document_view, "notify::text-scale",
                           G_CALLBACK (update_zoom_label), self, G_CONNECT_SWAPPED);
  update_zoom_label (self);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
