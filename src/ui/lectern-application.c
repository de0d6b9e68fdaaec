/* lectern-application.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lectern-application-private.h"
#include "lectern-preferences-dialog.h"
#include "lectern-window.h"

struct _LecternApplication
{
  AdwApplication          parent_instance;

  LecternSession         *session;
  GSettings              *settings;
};

G_DEFINE_FINAL_TYPE (LecternApplication, lectern_application, ADW_TYPE_APPLICATION)

static LecternWindow *
get_window (LecternApplication *self,
            gboolean            create)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL && create)
    window = GTK_WINDOW (lectern_window_new (GTK_APPLICATION (self), self->session));

  return window != NULL ? LECTERN_WINDOW (window) : NULL;
}

/* The list of documents an earlier Lectern kept in its settings goes to
 * the library, once. */
static void
migrate_open_documents (LecternApplication *self)
{
  g_auto(GStrv) uris = g_settings_get_strv (self->settings, "open-documents");

  if (uris[0] == NULL)
    return;

  lectern_library_remember_uris (lectern_session_get_library (self->session), (const char * const *)uris);
  g_settings_set_strv (self->settings, "open-documents", NULL);
}

/* Only the document the reader was reading is loaded; the others are
 * listed from the library and loaded when asked for. */
static void
lectern_application_restore (LecternApplication *self,
                             LecternWindow      *window)
{
  g_autofree char *current = g_settings_get_string (self->settings, "current-document");
  LecternLibrary *library = lectern_session_get_library (self->session);
  LecternLibraryEntry *entry = NULL;
  LecternDocument *document = NULL;

  migrate_open_documents (self);

  if (current[0] != '\0')
    entry = lectern_library_find_entry (library, current);
  if (entry != NULL && !lectern_library_entry_get_missing (entry))
    {
      g_autoptr(GFile) file = g_file_new_for_uri (current);

      lectern_window_open_file (window, file, TRUE);
      return;
    }

  if (current[0] != '\0')
    document = lectern_library_find_by_uri (library, current);
  if (document == NULL && g_list_model_get_n_items (G_LIST_MODEL (library)) > 0)
    {
      g_autoptr(LecternDocument) first = g_list_model_get_item (G_LIST_MODEL (library), 0);
      document = first;
    }
  if (document != NULL)
    lectern_window_show_document (window, document);
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
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  LecternApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  LecternPreferencesDialog *dialog;

  dialog = lectern_preferences_dialog_new (lectern_session_get_color_meanings (self->session));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  gtk_window_present (GTK_WINDOW (dialog));
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
  self->session = lectern_session_new (g_getenv ("LECTERN_ANNOTATIONS_DIR"));
  lectern_session_load (self->session);
}

static void
lectern_application_shutdown (GApplication *app)
{
  LecternApplication *self = LECTERN_APPLICATION (app);
  /* The session warns about each failure itself; nothing more can be
   * done for the reader once the windows are gone. */
  if (self->session != NULL)
    lectern_session_flush (self->session, NULL);

  G_APPLICATION_CLASS (lectern_application_parent_class)->shutdown (app);
}

static void
lectern_application_finalize (GObject *object)
{
  LecternApplication *self = LECTERN_APPLICATION (object);

  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lectern_application_parent_class)->finalize (object);
}

static const GOptionEntry options[] = {
  { "data-folder", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the folder that holds your highlights and library, and exit"), NULL },
  { NULL }
};

/* lectern --data-folder: where the reader's files are, to back them up
 * or sync them. */
static int
lectern_application_handle_local_options (GApplication *app,
                                          GVariantDict *dict)
{
  if (g_variant_dict_contains (dict, "data-folder"))
    {
      g_autofree char *dir = lectern_session_dup_data_dir (g_getenv ("LECTERN_ANNOTATIONS_DIR"));

      g_print ("%s\n", dir);
      return 0;
    }

  return G_APPLICATION_CLASS (lectern_application_parent_class)->handle_local_options (app, dict);
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
  app_class->handle_local_options = lectern_application_handle_local_options;
}

static void
lectern_application_init (LecternApplication *self)
{
  gtk_window_set_default_icon_name (APP_ID);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
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
 * lectern_application_get_session:
 * @self: a #LecternApplication
 *
 * Returns: (transfer none): the reader's session, made at start-up
 */
LecternSession *
lectern_application_get_session (LecternApplication *self)
{
  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), NULL);

  return self->session;
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

/* Shortcuts for the tests, until they ask the session themselves. */

LecternLibrary *
lectern_application_get_library (LecternApplication *self)
{
  return lectern_session_get_library (lectern_application_get_session (self));
}

LecternAnnotationStore *
lectern_application_get_store (LecternApplication *self)
{
  return lectern_session_get_store (lectern_application_get_session (self));
}

LecternColorMeanings *
lectern_application_get_color_meanings (LecternApplication *self)
{
  return lectern_session_get_color_meanings (lectern_application_get_session (self));
}

LecternLinkStore *
lectern_application_get_link_store (LecternApplication *self)
{
  return lectern_session_get_link_store (lectern_application_get_session (self));
}
