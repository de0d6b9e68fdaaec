/* lectern-window-read-as.c: the Read view's "Read As: Markdown / Plain Text" choice
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A text file is read as Markdown or plain text by its content (see
 * lectern_document_format_detect()); the reader can say otherwise per
 * document. The choice is kept in the "read-as" setting, keyed by URI
 * like the reading positions, handed to the library's loader, and a
 * change reloads the document in place and places its highlights again. */

#include "config.h"

#include "lectern-window-private.h"

static int
format_from_name (const char *name)
{
  if (g_strcmp0 (name, "markdown") == 0)
    return LECTERN_DOCUMENT_FORMAT_MARKDOWN;
  if (g_strcmp0 (name, "plain") == 0)
    return LECTERN_DOCUMENT_FORMAT_PLAIN;

  return -1;
}

static void
remember_choice (LecternWindow *self,
                 const char    *uri,
                 const char    *name)
{
  g_autoptr(GVariant) choices = g_settings_get_value (self->settings, "read-as");
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  const char *value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, choices);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    if (g_strcmp0 (key, uri) != 0)
      g_variant_builder_add (&builder, "{ss}", key, value);
  g_variant_builder_add (&builder, "{ss}", uri, name);
  g_settings_set_value (self->settings, "read-as", g_variant_builder_end (&builder));
}

static void
reload_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LecternWindow) self = user_data;
  g_autoptr(LecternDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  LecternAnnotationStore *store = lectern_session_get_store (self->session);

  document = lectern_library_reload_finish (LECTERN_LIBRARY (object), result, &error);
  if (document == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lectern_window_show_message (self, error->message);
      return;
    }

  if (!lectern_annotation_store_reload_document (store, document, &error))
    lectern_window_show_message (self, error->message);
  lectern_window_show_document (self, document);
}

static void
read_as_change_state (GSimpleAction *action,
                      GVariant      *value,
                      gpointer       user_data)
{
  LecternWindow *self = user_data;
  const char *name = g_variant_get_string (value, NULL);
  LecternLibrary *library = lectern_session_get_library (self->session);
  g_autoptr(GError) error = NULL;
  const char *uri;

  if (self->document == NULL || format_from_name (name) < 0)
    return;

  g_simple_action_set_state (action, value);
  if ((int) lectern_document_get_format (self->document) == format_from_name (name))
    return;

  /* The store reads its file again for the new text: it must be current. */
  if (!lectern_session_flush (self->session, &error))
    {
      lectern_window_show_message (self, error->message);
      return;
    }

  uri = lectern_document_get_uri (self->document);
  remember_choice (self, uri, name);
  lectern_library_set_read_as (library, uri, format_from_name (name));
  lectern_library_reload_async (library, self->document, self->cancellable, reload_cb, g_object_ref (self));
}

/* The session's library learns the saved choices before any document
 * is opened. */
void
_lectern_window_apply_read_as (LecternWindow *self)
{
  g_autoptr(GVariant) choices = g_settings_get_value (self->settings, "read-as");
  LecternLibrary *library = lectern_session_get_library (self->session);
  GVariantIter iter;
  const char *uri;
  const char *name;

  g_variant_iter_init (&iter, choices);
  while (g_variant_iter_next (&iter, "{&s&s}", &uri, &name))
    lectern_library_set_read_as (library, uri, format_from_name (name));
}

/* Only text files can be read either way; web pages and the sample
 * pack cannot. */
void
_lectern_window_update_read_as (LecternWindow *self)
{
  LecternDocumentFormat format;
  gboolean text;

  if (self->document == NULL)
    {
      g_simple_action_set_enabled (self->read_as_action, FALSE);
      return;
    }

  format = lectern_document_get_format (self->document);
  text = format == LECTERN_DOCUMENT_FORMAT_PLAIN || format == LECTERN_DOCUMENT_FORMAT_MARKDOWN;
  g_simple_action_set_enabled (self->read_as_action, text && !lectern_document_is_sample (self->document));
  g_simple_action_set_state (self->read_as_action,
                             g_variant_new_string (format == LECTERN_DOCUMENT_FORMAT_MARKDOWN ? "markdown" : "plain"));
}

void
_lectern_window_init_read_as (LecternWindow *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  self->read_as_action = g_simple_action_new_stateful ("read-as", G_VARIANT_TYPE_STRING,
                                                       g_variant_new_string ("plain"));
  g_signal_connect_object (self->read_as_action, "change-state", G_CALLBACK (read_as_change_state),
                           self, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (self->read_as_action));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "doc", G_ACTION_GROUP (group));
  _lectern_window_update_read_as (self);
}
