/* lectern-session.c: the user's whole study
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lectern-session.h"

/*
 * The session owns what the reader has made and opened: the library of
 * documents, the highlights, the passage links and the colour meanings,
 * and it keeps them in step: a document that arrives in the library gets
 * its highlights loaded and re-anchors the links that point into it, and
 * the colour meanings are saved once typing pauses. The views each get
 * the session and never wire stores to each other themselves.
 *
 * Everything is kept under one data directory: the highlights in
 * `annotations/` (or $LECTERN_ANNOTATIONS_DIR), `links.json`,
 * `colors.json` and `library.json` (every document opened) beside that
 * folder.
 */

/* Typing a meaning changes it at every key: save once typing pauses. */
#define MEANINGS_SAVE_DELAY_MS 500

struct _LecternSession
{
  GObject                 parent_instance;

  LecternLibrary         *library;
  LecternAnnotationStore *store;
  LecternLinkStore       *links;
  LecternColorMeanings   *meanings;
  char                   *data_dir;
  char                   *library_path;
  guint                   save_meanings_source;
};

G_DEFINE_FINAL_TYPE (LecternSession, lectern_session, G_TYPE_OBJECT)

enum {
  PROBLEM,
  HIGHLIGHTS_APART,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
report_problem (LecternSession *self,
                const GError   *error)
{
  g_signal_emit (self, signals[PROBLEM], 0, error);
}

static void
store_save_failed_cb (LecternSession         *self,
                      const char             *document_id,
                      const GError           *error,
                      LecternAnnotationStore *store)
{
  g_warning ("Could not save highlights of %s: %s", document_id, error->message);
  report_problem (self, error);
}

static void
links_save_failed_cb (LecternSession   *self,
                      const GError     *error,
                      LecternLinkStore *links)
{
  g_warning ("Could not save the passage links: %s", error->message);
  report_problem (self, error);
}

/* Each document that arrives re-anchors the links that point into it. */
static void
library_items_changed_cb (LecternSession *self,
                          guint           position,
                          guint           removed,
                          guint           added,
                          LecternLibrary *library)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(LecternDocument) document = g_list_model_get_item (G_LIST_MODEL (library), i);

      lectern_link_store_attach_document (self->links, document);
    }
}

static gboolean
save_meanings (LecternSession  *self,
               GError         **error)
{
  g_clear_handle_id (&self->save_meanings_source, g_source_remove);

  return lectern_color_meanings_save (self->meanings, error);
}

static gboolean
save_meanings_cb (gpointer user_data)
{
  LecternSession *self = user_data;
  g_autoptr(GError) error = NULL;

  self->save_meanings_source = 0;
  if (!save_meanings (self, &error))
    {
      g_warning ("Could not save the colour meanings: %s", error->message);
      report_problem (self, error);
    }

  return G_SOURCE_REMOVE;
}

static void
meanings_changed_cb (LecternSession *self)
{
  g_clear_handle_id (&self->save_meanings_source, g_source_remove);
  self->save_meanings_source = g_timeout_add (MEANINGS_SAVE_DELAY_MS, save_meanings_cb, self);
}

static void
lectern_session_finalize (GObject *object)
{
  LecternSession *self = LECTERN_SESSION (object);

  g_clear_handle_id (&self->save_meanings_source, g_source_remove);
  g_clear_object (&self->library);
  g_clear_object (&self->store);
  g_clear_object (&self->links);
  g_clear_object (&self->meanings);
  g_free (self->library_path);
  g_free (self->data_dir);

  G_OBJECT_CLASS (lectern_session_parent_class)->finalize (object);
}

static void
lectern_session_class_init (LecternSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lectern_session_finalize;

  /**
   * LecternSession::problem:
   * @self: the session
   * @error: what went wrong, in words for the reader
   *
   * Something the reader should know happened after the session was
   * loaded: a save failed, or the highlights of a newly opened document
   * could not be read. Nothing was lost; the message says what to do.
   */
  signals[PROBLEM] =
    g_signal_new ("problem",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * LecternSession::highlights-apart:
   * @self: the session
   * @document: a document just opened
   * @kept_id: the document id the earlier highlights are filed under
   *
   * The file of @document holds another text than the one the
   * highlights filed under its name were made on (it was replaced): the
   * two keep separate highlights. lectern_session_move_highlights()
   * moves the earlier ones to @document if the reader says they belong.
   */
  signals[HIGHLIGHTS_APART] =
    g_signal_new ("highlights-apart",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, LECTERN_TYPE_DOCUMENT, G_TYPE_STRING);
}

static void
lectern_session_init (LecternSession *self)
{
}

/**
 * lectern_session_new:
 * @annotations_dir: (nullable): where the highlights files live; %NULL for
 *   the user's data directory
 *
 * Creates a session whose links and colour meanings are kept beside
 * @annotations_dir. Nothing is read until lectern_session_load().
 *
 * Returns: (transfer full): a new #LecternSession
 */
LecternSession *
lectern_session_new (const char *annotations_dir)
{
  LecternSession *self = g_object_new (LECTERN_TYPE_SESSION, NULL);
  g_autofree char *links_path = NULL;
  g_autofree char *meanings_path = NULL;

  self->library = lectern_library_new ();
  self->store = lectern_annotation_store_new (annotations_dir);

  self->data_dir = g_path_get_dirname (lectern_annotation_store_get_directory (self->store));
  links_path = g_build_filename (self->data_dir, "links.json", NULL);
  meanings_path = g_build_filename (self->data_dir, "colors.json", NULL);
  self->library_path = g_build_filename (self->data_dir, "library.json", NULL);
  self->links = lectern_link_store_new (links_path);
  self->meanings = lectern_color_meanings_new (meanings_path);

  g_signal_connect_object (self->store, "save-failed", G_CALLBACK (store_save_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->links, "save-failed", G_CALLBACK (links_save_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "items-changed", G_CALLBACK (library_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->meanings, "changed", G_CALLBACK (meanings_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

/**
 * lectern_session_load:
 * @self: a #LecternSession
 *
 * Reads the passage links, the colour meanings and the list of every
 * document opened before (not their text), puts the sample pack into
 * the library and loads its highlights. What cannot be read is
 * warned about and left as the stores decided (kept aside, read-only);
 * the session is usable whatever happened.
 */
void
lectern_session_load (LecternSession *self)
{
  g_autoptr(GError) error = NULL;
  guint n_documents;

  g_return_if_fail (LECTERN_IS_SESSION (self));

  if (!lectern_link_store_load (self->links, &error))
    g_warning ("%s", error->message);
  g_clear_error (&error);

  /* Loading the saved meanings is not a change to save again. */
  g_signal_handlers_block_by_func (self->meanings, meanings_changed_cb, self);
  if (!lectern_color_meanings_load (self->meanings, &error))
    g_warning ("%s", error->message);
  g_signal_handlers_unblock_by_func (self->meanings, meanings_changed_cb, self);
  g_clear_error (&error);

  if (!lectern_library_load_entries (self->library, self->library_path, &error))
    g_warning ("%s", error->message);
  g_clear_error (&error);

  if (!lectern_library_load_samples (self->library, &error))
    g_warning ("Could not load the sample pack: %s", error->message);

  n_documents = g_list_model_get_n_items (G_LIST_MODEL (self->library));
  for (guint i = 0; i < n_documents; i++)
    {
      g_autoptr(LecternDocument) document = g_list_model_get_item (G_LIST_MODEL (self->library), i);
      g_autoptr(GError) load_error = NULL;

      if (!lectern_annotation_store_load_document (self->store, document, &load_error))
        g_warning ("%s", load_error->message);
    }
}

/**
 * lectern_session_dup_data_dir:
 * @annotations_dir: (nullable): as given to lectern_session_new()
 *
 * Returns: (transfer full): the folder a session made with
 *   @annotations_dir keeps its files in
 */
char *
lectern_session_dup_data_dir (const char *annotations_dir)
{
  if (annotations_dir == NULL)
    return g_build_filename (g_get_user_data_dir (), "lectern", NULL);

  return g_path_get_dirname (annotations_dir);
}

/**
 * lectern_session_get_data_dir:
 * @self: a #LecternSession
 *
 * Returns: the folder that holds the highlights, links.json, colors.json
 *   and library.json
 */
const char *
lectern_session_get_data_dir (LecternSession *self)
{
  g_return_val_if_fail (LECTERN_IS_SESSION (self), NULL);

  return self->data_dir;
}

/**
 * lectern_session_get_library:
 * @self: a #LecternSession
 *
 * Returns: (transfer none): the documents the reader has open
 */
LecternLibrary *
lectern_session_get_library (LecternSession *self)
{
  g_return_val_if_fail (LECTERN_IS_SESSION (self), NULL);

  return self->library;
}

/**
 * lectern_session_get_store:
 * @self: a #LecternSession
 *
 * Returns: (transfer none): the highlights of every document
 */
LecternAnnotationStore *
lectern_session_get_store (LecternSession *self)
{
  g_return_val_if_fail (LECTERN_IS_SESSION (self), NULL);

  return self->store;
}

/**
 * lectern_session_get_link_store:
 * @self: a #LecternSession
 *
 * Returns: (transfer none): the reader's links between passages
 */
LecternLinkStore *
lectern_session_get_link_store (LecternSession *self)
{
  g_return_val_if_fail (LECTERN_IS_SESSION (self), NULL);

  return self->links;
}

/**
 * lectern_session_get_color_meanings:
 * @self: a #LecternSession
 *
 * Returns: (transfer none): what the highlight colours stand for
 */
LecternColorMeanings *
lectern_session_get_color_meanings (LecternSession *self)
{
  g_return_val_if_fail (LECTERN_IS_SESSION (self), NULL);

  return self->meanings;
}

/* A document without highlights of its own may be one the reader
 * annotated under another name: moved, renamed or copied, perhaps
 * edited a little. Its highlights then come along, and an entry whose
 * file is gone is the same document: the library keeps the new path. */
static void
find_moved_highlights (LecternSession  *self,
                       LecternDocument *document)
{
  g_autofree char *path = lectern_annotation_store_dup_path (self->store, lectern_document_get_id (document));
  g_autofree char *stored_id = NULL;
  g_autoptr(GError) error = NULL;
  LecternLibraryEntry *old_entry;

  if (lectern_document_is_sample (document) || g_file_test (path, G_FILE_TEST_EXISTS) ||
      (lectern_annotation_store_lookup_document (self->store, lectern_document_get_id (document), NULL, NULL) &&
       !lectern_annotation_store_is_detached (self->store, lectern_document_get_id (document))))
    return;

  stored_id = lectern_annotation_store_find_stored (self->store, document);
  if (stored_id == NULL)
    return;

  old_entry = lectern_library_find_entry_by_id (self->library, stored_id);
  if (old_entry != NULL && lectern_library_entry_get_missing (old_entry))
    lectern_library_forget (self->library, old_entry);

  g_debug ("Highlights of %s found under %s", lectern_document_get_uri (document), stored_id);
  if (!lectern_annotation_store_adopt_stored (self->store, stored_id, document, &error))
    report_problem (self, error);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LecternSession *self = g_task_get_source_object (task);
  g_autoptr(LecternDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept_id = NULL;

  document = lectern_library_open_finish (LECTERN_LIBRARY (object), result, &error);
  if (document == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A highlights file that cannot be read does not stop the reading. */
  kept_id = lectern_annotation_store_set_aside_replaced (self->store, document);
  find_moved_highlights (self, document);
  if (!lectern_annotation_store_load_document (self->store, document, &error))
    report_problem (self, error);
  if (kept_id != NULL)
    g_signal_emit (self, signals[HIGHLIGHTS_APART], 0, document, kept_id);

  g_task_return_pointer (task, g_steal_pointer (&document), g_object_unref);
}

/**
 * lectern_session_open_async:
 * @self: a #LecternSession
 * @file: a document to read
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the document is in the library
 * @user_data: data for @callback
 *
 * Loads @file into the library off the main loop and then its
 * highlights. A highlights file that cannot be read is reported by
 * #LecternSession::problem; the document opens all the same.
 */
void
lectern_session_open_async (LecternSession      *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LECTERN_IS_SESSION (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lectern_session_open_async);
  lectern_library_open_async (self->library, file, cancellable, open_cb, task);
}

/**
 * lectern_session_open_finish:
 * @self: a #LecternSession
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the opened document, or %NULL with
 *   @error set
 */
LecternDocument *
lectern_session_open_finish (LecternSession  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (LECTERN_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lectern_session_move_highlights:
 * @self: a #LecternSession
 * @stored_id: the document id from #LecternSession::highlights-apart
 * @document: the document they belong to after all
 * @error: return location for a #GError
 *
 * Returns: the number of highlights moved, or -1 with @error set
 */
int
lectern_session_move_highlights (LecternSession   *self,
                                 const char       *stored_id,
                                 LecternDocument  *document,
                                 GError          **error)
{
  g_return_val_if_fail (LECTERN_IS_SESSION (self), -1);
  g_return_val_if_fail (stored_id != NULL, -1);
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (document), -1);

  return lectern_annotation_store_move_stored_into (self->store, stored_id, document, error);
}

/**
 * lectern_session_highlight_range:
 * @self: a #LecternSession
 * @document: a document of the library
 * @start: the first character of the passage
 * @end: one past its last character (clamped to the text)
 * @color: the colour
 * @error: return location for a #GError
 *
 * Highlights a passage: the whole job from a selection to a saved
 * highlight. A passage that is already highlighted exactly so takes the
 * new colour instead of getting a second highlight.
 *
 * Returns: (transfer none) (nullable): the highlight, owned by the store;
 *   %NULL with @error set when the range is empty or the document's
 *   highlights are read-only
 */
LecternHighlight *
lectern_session_highlight_range (LecternSession   *self,
                                 LecternDocument  *document,
                                 guint             start,
                                 guint             end,
                                 LecternColor      color,
                                 GError          **error)
{
  g_autoptr(LecternHighlight) highlight = NULL;
  g_autoptr(LecternTarget) target = NULL;
  LecternHighlight *existing;
  const char *document_id;

  g_return_val_if_fail (LECTERN_IS_SESSION (self), NULL);
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (color < LECTERN_N_COLORS, NULL);

  end = MIN (end, lectern_document_get_length (document));
  if (start >= end)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Select some text to highlight"));
      return NULL;
    }

  document_id = lectern_document_get_id (document);
  existing = lectern_annotation_store_find_range (self->store, document_id, start, end);
  if (existing != NULL)
    {
      lectern_highlight_set_color (existing, color);
      return existing;
    }

  target = lectern_target_new_for_range (document, start, end);
  highlight = lectern_highlight_new_for_target (document_id, color, target);
  if (!lectern_annotation_store_add (self->store, highlight, error))
    return NULL;

  return highlight;
}

/**
 * lectern_session_flush:
 * @self: a #LecternSession
 * @error: return location for a #GError
 *
 * Saves every pending change now: highlights, passage links and colour
 * meanings. Each is tried even when another fails; every failure is
 * warned about and the first is returned.
 *
 * Returns: %TRUE when everything is on disk
 */
gboolean
lectern_session_flush (LecternSession  *self,
                       GError         **error)
{
  g_autoptr(GError) store_error = NULL;
  g_autoptr(GError) links_error = NULL;
  g_autoptr(GError) meanings_error = NULL;
  g_autoptr(GError) library_error = NULL;
  gboolean meanings_pending;
  gboolean saved;

  g_return_val_if_fail (LECTERN_IS_SESSION (self), FALSE);

  meanings_pending = self->save_meanings_source != 0;
  if (!lectern_annotation_store_flush (self->store, &store_error))
    g_warning ("Could not save highlights: %s", store_error->message);
  if (!lectern_link_store_flush (self->links, &links_error))
    g_warning ("Could not save the passage links: %s", links_error->message);
  if (meanings_pending && !save_meanings (self, &meanings_error))
    g_warning ("Could not save the colour meanings: %s", meanings_error->message);
  if (!lectern_library_flush (self->library, &library_error))
    g_warning ("Could not save the library: %s", library_error->message);

  saved = store_error == NULL && links_error == NULL && meanings_error == NULL && library_error == NULL;
  if (store_error != NULL)
    g_propagate_error (error, g_steal_pointer (&store_error));
  else if (links_error != NULL)
    g_propagate_error (error, g_steal_pointer (&links_error));
  else if (meanings_error != NULL)
    g_propagate_error (error, g_steal_pointer (&meanings_error));
  else if (library_error != NULL)
    g_propagate_error (error, g_steal_pointer (&library_error));

  return saved;
}
