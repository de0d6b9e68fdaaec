/* lectern-application.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lectern-application.h"
#include "lectern-window.h"

struct _LecternApplication
{
  AdwApplication          parent_instance;

  LecternLibrary         *library;
  LecternAnnotationStore *store;
  LecternColorMeanings   *meanings;
  LecternLinkStore       *links;
  GSettings              *settings;
  guint                   save_meanings_source;
};

G_DEFINE_FINAL_TYPE (LecternApplication, lectern_application, ADW_TYPE_APPLICATION)

static LecternWindow *
get_window (LecternApplication *self,
            gboolean            create)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL && create)
    window = GTK_WINDOW (lectern_window_new (self));

  return window != NULL ? LECTERN_WINDOW (window) : NULL;
}

static void
store_save_failed_cb (LecternApplication     *self,
                      const char             *document_id,
                      const GError           *error,
                      LecternAnnotationStore *store)
{
  LecternWindow *window = get_window (self, FALSE);

  g_warning ("Could not save highlights of %s: %s", document_id, error->message);
  if (window != NULL)
    lectern_window_show_message (window, error->message);
}

static void
lectern_application_restore (LecternApplication *self,
                             LecternWindow      *window)
{
  g_auto(GStrv) uris = g_settings_get_strv (self->settings, "open-documents");
  g_autofree char *current = g_settings_get_string (self->settings, "current-document");
  gboolean current_found = FALSE;

  for (guint i = 0; uris[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uris[i]);
      gboolean is_current = g_strcmp0 (uris[i], current) == 0;

      current_found |= is_current;
      lectern_window_open_file (window, file, is_current);
    }

  if (!current_found)
    {
      LecternDocument *document = NULL;

      if (current[0] != '\0')
        document = lectern_library_find_by_uri (self->library, current);
      if (document == NULL && g_list_model_get_n_items (G_LIST_MODEL (self->library)) > 0)
        {
          g_autoptr(LecternDocument) first = g_list_model_get_item (G_LIST_MODEL (self->library), 0);
          document = first;
        }
      if (document != NULL)
        lectern_window_show_document (window, document);
    }
}

static void
lectern_application_activate (GApplication *app)
{
  LecternApplication *self = LECTERN_APPLICATION (app);
  LecternWindow *window = get_window (self, FALSE);

  if (window == NULL)
    {
      window = get_window (self, TRUE);
      lectern_application_restore (self, window);
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
lectern_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  LecternApplication *self = LECTERN_APPLICATION (app);
  LecternWindow *window = get_window (self, FALSE);
  gboolean fresh = window == NULL;

  if (fresh)
    window = get_window (self, TRUE);

  for (int i = 0; i < n_files; i++)
    lectern_window_open_file (window, files[i], i == 0);

  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  LecternApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  g_autoptr(GList) copy = g_list_copy (windows);

  /* Closing each window saves its state, like the close button does. */
  for (GList *iter = copy; iter != NULL; iter = iter->next)
    gtk_window_close (iter->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  LecternApplication *self = user_data;
  static const char *developers[] = { "The Lectern authors", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Lectern"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Lectern authors"),
                        "developers", developers,
                        "copyright", "© 2026 The Lectern authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/lectern/lectern",
                        "issue-url", "https://github.com/lectern/lectern/issues",
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        "comments", _("Highlight, annotate and compare articles"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
links_save_failed_cb (LecternApplication *self,
                      const GError       *error,
                      LecternLinkStore   *links)
{
  LecternWindow *window = get_window (self, FALSE);

  g_warning ("Could not save the passage links: %s", error->message);
  if (window != NULL)
    lectern_window_show_message (window, error->message);
}

/* Each document that arrives re-anchors the links that point into it. */
static void
library_items_changed_cb (LecternApplication *self,
                          guint               position,
                          guint               removed,
                          guint               added,
                          LecternLibrary     *library)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(LecternDocument) document = g_list_model_get_item (G_LIST_MODEL (library), i);

      lectern_link_store_attach_document (self->links, document);
    }
}

static gboolean
save_meanings_cb (gpointer user_data)
{
  LecternApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  self->save_meanings_source = 0;
  if (!lectern_color_meanings_save (self->meanings, &error))
    {
      LecternWindow *window = get_window (self, FALSE);

      g_warning ("Could not save the colour meanings: %s", error->message);
      if (window != NULL)
        lectern_window_show_message (window, error->message);
    }

  return G_SOURCE_REMOVE;
}

static void
meanings_changed_cb (LecternApplication *self)
{
  /* Typing a meaning changes it at every key: save once typing pauses. */
  g_clear_handle_id (&self->save_meanings_source, g_source_remove);
  self->save_meanings_source = g_timeout_add (500, save_meanings_cb, self);
}

static void
meaning_row_changed_cb (GtkEditable        *row,
                        LecternApplication *self)
{
  LecternColor color = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "lectern-color"));

  lectern_color_meanings_set (self->meanings, color, gtk_editable_get_text (row));
}

static void
reset_meanings_cb (GtkButton *button,
                   GPtrArray *rows)
{
  LecternApplication *self = g_object_get_data (G_OBJECT (button), "lectern-application");

  lectern_color_meanings_reset (self->meanings);
  for (guint i = 0; i < rows->len; i++)
    gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, i)),
                           lectern_color_meanings_get (self->meanings, i));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  LecternApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GPtrArray *rows = g_ptr_array_new ();
  AdwPreferencesWindow *window;
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group;
  GtkWidget *reset;

  window = ADW_PREFERENCES_WINDOW (adw_preferences_window_new ());
  gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (self));
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  adw_preferences_window_set_search_enabled (window, FALSE);

  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (page, _("Highlights"));
  adw_preferences_page_set_icon_name (page, "preferences-color-symbolic");

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Colour Meanings"));
  adw_preferences_group_set_description (group,
                                         _("What each colour stands for in your reading. The meanings show on the colour "
                                           "buttons and filters, and travel with your exported notes."));

  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      g_autofree char *chip_class = g_strdup_printf ("lectern-color-%s", lectern_color_to_string (i));
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lectern_color_get_label (i));
      gtk_editable_set_text (GTK_EDITABLE (row), lectern_color_meanings_get (self->meanings, i));
      gtk_editable_set_max_width_chars (GTK_EDITABLE (row), LECTERN_COLOR_MEANING_MAX_CHARS);
      gtk_widget_add_css_class (chip, "lectern-color-button");
      gtk_widget_add_css_class (chip, "lectern-meaning-chip");
      gtk_widget_add_css_class (chip, chip_class);
      gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
      adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), chip);
      g_object_set_data (G_OBJECT (row), "lectern-color", GUINT_TO_POINTER (i));
      g_signal_connect_object (row, "changed", G_CALLBACK (meaning_row_changed_cb), self, 0);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (rows, row);
    }

  reset = gtk_button_new_with_mnemonic (_("_Reset to Defaults"));
  gtk_widget_set_halign (reset, GTK_ALIGN_END);
  gtk_widget_set_margin_top (reset, 12);
  g_object_set_data (G_OBJECT (reset), "lectern-application", self);
  g_signal_connect_data (reset, "clicked", G_CALLBACK (reset_meanings_cb), rows,
                         (GClosureNotify)(void (*) (void))g_ptr_array_unref, 0);
  adw_preferences_group_add (group, reset);

  adw_preferences_page_add (page, group);
  adw_preferences_window_add (window, page);
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
};

static void
lectern_application_startup (GApplication *app)
{
  LecternApplication *self = LECTERN_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *sidebar_accels[] = { "F9", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (lectern_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.toggle-sidebar", sidebar_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);

  self->settings = g_settings_new (APP_ID);
  self->library = lectern_library_new ();
  self->store = lectern_annotation_store_new (g_getenv ("LECTERN_ANNOTATIONS_DIR"));

  /* The meanings live beside the highlights, in the same data directory. */
  {
    g_autofree char *data_dir = g_path_get_dirname (lectern_annotation_store_get_directory (self->store));
    g_autofree char *path = g_build_filename (data_dir, "colors.json", NULL);
    g_autoptr(GError) meanings_error = NULL;

    g_autofree char *links_path = g_build_filename (data_dir, "links.json", NULL);
    g_autoptr(GError) links_error = NULL;

    self->links = lectern_link_store_new (links_path);
    if (!lectern_link_store_load (self->links, &links_error))
      g_warning ("%s", links_error->message);
    g_signal_connect_object (self->links, "save-failed", G_CALLBACK (links_save_failed_cb), self,
                             G_CONNECT_SWAPPED);
    g_signal_connect_object (self->library, "items-changed", G_CALLBACK (library_items_changed_cb), self,
                             G_CONNECT_SWAPPED);

    self->meanings = lectern_color_meanings_new (path);
    if (!lectern_color_meanings_load (self->meanings, &meanings_error))
      g_warning ("%s", meanings_error->message);
    g_signal_connect_object (self->meanings, "changed", G_CALLBACK (meanings_changed_cb), self,
                             G_CONNECT_SWAPPED);
  }
  g_signal_connect_object (self->store, "save-failed",
                           G_CALLBACK (store_save_failed_cb), self,
                           G_CONNECT_SWAPPED);

  if (!lectern_library_load_samples (self->library, &error))
    g_warning ("Could not load the sample pack: %s", error->message);
  library_items_changed_cb (self, 0, 0, g_list_model_get_n_items (G_LIST_MODEL (self->library)), self->library);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->library)); i++)
    {
      g_autoptr(LecternDocument) document = g_list_model_get_item (G_LIST_MODEL (self->library), i);
      g_autoptr(GError) load_error = NULL;

      if (!lectern_annotation_store_load_document (self->store, document, &load_error))
        g_warning ("%s", load_error->message);
    }
}

static void
lectern_application_shutdown (GApplication *app)
{
  LecternApplication *self = LECTERN_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !lectern_annotation_store_flush (self->store, &error))
    g_warning ("Could not save highlights: %s", error->message);
  g_clear_error (&error);
  if (self->links != NULL && !lectern_link_store_flush (self->links, &error))
    g_warning ("Could not save the passage links: %s", error->message);
  if (self->save_meanings_source != 0)
    {
      g_clear_handle_id (&self->save_meanings_source, g_source_remove);
      save_meanings_cb (self);
    }

  G_APPLICATION_CLASS (lectern_application_parent_class)->shutdown (app);
}

static void
lectern_application_finalize (GObject *object)
{
  LecternApplication *self = LECTERN_APPLICATION (object);

  g_clear_object (&self->library);
  g_clear_object (&self->store);
  g_clear_object (&self->meanings);
  g_clear_object (&self->links);
  g_clear_object (&self->settings);
  g_clear_handle_id (&self->save_meanings_source, g_source_remove);

  G_OBJECT_CLASS (lectern_application_parent_class)->finalize (object);
}

static void
lectern_application_class_init (LecternApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = lectern_application_finalize;

  app_class->activate = lectern_application_activate;
  app_class->open = lectern_application_open;
  app_class->startup = lectern_application_startup;
  app_class->shutdown = lectern_application_shutdown;
}

static void
lectern_application_init (LecternApplication *self)
{
  gtk_window_set_default_icon_name (APP_ID);
}

LecternApplication *
lectern_application_new (void)
{
  return g_object_new (LECTERN_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * lectern_application_get_library:
 * @self: a #LecternApplication
 *
 * Returns: (transfer none): the documents the user has open
 */
LecternLibrary *
lectern_application_get_library (LecternApplication *self)
{
  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), NULL);

  return self->library;
}

/**
 * lectern_application_get_store:
 * @self: a #LecternApplication
 *
 * Returns: (transfer none): the highlights of every document
 */
LecternAnnotationStore *
lectern_application_get_store (LecternApplication *self)
{
  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * lectern_application_get_color_meanings:
 * @self: a #LecternApplication
 *
 * Returns: (transfer none): what the highlight colours stand for
 */
LecternColorMeanings *
lectern_application_get_color_meanings (LecternApplication *self)
{
  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), NULL);

  return self->meanings;
}

/**
 * lectern_application_get_link_store:
 * @self: a #LecternApplication
 *
 * Returns: (transfer none): the reader's links between passages
 */
LecternLinkStore *
lectern_application_get_link_store (LecternApplication *self)
{
  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), NULL);

  return self->links;
}

/**
 * lectern_application_get_settings:
 * @self: a #LecternApplication
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
lectern_application_get_settings (LecternApplication *self)
{
  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), NULL);

  return self->settings;
}
