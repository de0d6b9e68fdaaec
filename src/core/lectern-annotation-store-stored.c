/* lectern-annotation-store-stored.c: highlights of documents that are not open
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "lectern-anchor-private.h"
#include "lectern-annotation-format.h"
#include "lectern-annotation-store-private.h"

/*
 * Every highlights file names its document, so the store can list the
 * highlights of a document without its text: such a document is
 * "detached" — its highlights are in the model, read-only, until the
 * document itself is loaded, which replaces them by the attached ones.
 * The same files let a document found under another name find its
 * highlights: by fingerprint, or, after edits, by how many of a file's
 * quotes the anchoring still finds in the new text.
 */

/* A stored file whose quotes are found at least this often in a text
 * belongs to it (after a few edited paragraphs most still are). */
#define STORED_MATCH_RATIO 0.6

typedef struct
{
  char      *id;
  char      *uri;
  char      *title;
  char      *fingerprint;
  guint      length;
  /* LecternHighlight, owned. */
  GPtrArray *highlights;
} StoredFile;

static void
stored_file_free (gpointer data)
{
  StoredFile *stored = data;

  g_free (stored->id);
  g_free (stored->uri);
  g_free (stored->title);
  g_free (stored->fingerprint);
  g_ptr_array_unref (stored->highlights);
  g_free (stored);
}

static void
read_document_object (StoredFile *stored,
                      JsonNode   *root)
{
  JsonNode *node = json_object_get_member (json_node_get_object (root), "document");
  const char *value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;

  if (lectern_json_read_string (json_node_get_object (node), "uri", TRUE, &value))
    stored->uri = g_strdup (value);
  if (lectern_json_read_string (json_node_get_object (node), "title", TRUE, &value))
    stored->title = g_strdup (value);
  if (lectern_json_read_string (json_node_get_object (node), "fingerprint", TRUE, &value))
    stored->fingerprint = g_strdup (g_str_has_prefix (value, "sha256:") ? value + 7 : value);
  lectern_json_read_uint (json_node_get_object (node), "length", &stored->length);
}

/* Reads one highlights file without its document; %NULL when it holds
 * nothing that can be shown. Safe in any thread. */
static StoredFile *
stored_file_read (const char *path,
                  const char *id)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(JsonArray) entries = NULL;
  LecternJsonFileContents contents;
  LecternJsonFileStatus status;
  StoredFile *stored = NULL;

  status = lectern_json_file_load (path, NULL, LECTERN_STORE_MAX_FILE_SIZE,
                                   LECTERN_ANNOTATION_FORMAT_NAME, LECTERN_STORE_FORMAT_VERSION,
                                   &contents);
  if ((status == LECTERN_JSON_FILE_LOADED || status == LECTERN_JSON_FILE_NEWER) &&
      (entries = lectern_json_dup_array (contents.root, "highlights")) != NULL)
    {
      stored = g_new0 (StoredFile, 1);
      stored->id = g_strdup (id);
      stored->highlights = g_ptr_array_new_with_free_func (g_object_unref);
      read_document_object (stored, contents.root);
      for (guint i = 0; i < json_array_get_length (entries); i++)
        {
          LecternHighlight *highlight =
            lectern_annotation_format_read_entry (json_array_get_element (entries, i), id, utc);

          if (highlight != NULL)
            g_ptr_array_add (stored->highlights, highlight);
        }
    }

  lectern_json_file_contents_clear (&contents);
  return stored;
}

/* The document ids of the highlights files in @directory. */
static GPtrArray *
list_stored_ids (const char *directory)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json") && name[0] != '.')
      g_ptr_array_add (ids, g_strndup (name, strlen (name) - strlen (".json")));

  return ids;
}

typedef struct
{
  char      *directory;
  /* Ids already attached when the load began: not read. */
  GHashTable *skip;
} ReadAllData;

static void
read_all_data_free (gpointer data)
{
  ReadAllData *read_all = data;

  g_free (read_all->directory);
  g_hash_table_unref (read_all->skip);
  g_free (read_all);
}

static void
read_all_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ReadAllData *read_all = task_data;
  g_autoptr(GPtrArray) ids = list_stored_ids (read_all->directory);
  GPtrArray *files = g_ptr_array_new_with_free_func (stored_file_free);

  for (guint i = 0; i < ids->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autofree char *name = g_strconcat (id, ".json", NULL);
      g_autofree char *path = g_build_filename (read_all->directory, name, NULL);
      StoredFile *stored;

      if (g_hash_table_contains (read_all->skip, id))
        continue;
      if ((stored = stored_file_read (path, id)) != NULL)
        g_ptr_array_add (files, stored);
    }

  g_task_return_pointer (task, files, (GDestroyNotify)g_ptr_array_unref);
}

static DocumentRecord *
detached_record_new (LecternAnnotationStore *self,
                     StoredFile             *stored)
{
  DocumentRecord *record = g_new0 (DocumentRecord, 1);

  record->store = self;
  record->id = g_strdup (stored->id);
  record->uri = g_strdup (stored->uri);
  record->title = g_strdup (stored->title != NULL ? stored->title : stored->id);
  record->fingerprint = g_strdup (stored->fingerprint);
  record->length = stored->length;
  record->path = lectern_annotation_store_dup_path (self, record->id);
  record->highlights = g_ptr_array_new ();
  record->unparsed = g_ptr_array_new_with_free_func (g_free);
  record->file = lectern_json_file_new (record->path, TRUE);
  /* Never written: the file stays as it is until its document comes. */
  record->read_only = TRUE;
  record->detached = TRUE;

  return record;
}

/* Adds the highlights of @stored as a detached document, unless its
 * document was attached meanwhile. */
static void
add_detached (LecternAnnotationStore *self,
              StoredFile             *stored)
{
  DocumentRecord *record;

  if (g_hash_table_contains (self->documents, stored->id))
    return;

  record = detached_record_new (self, stored);
  g_hash_table_insert (self->documents, record->id, record);

  for (guint i = 0; i < stored->highlights->len; i++)
    {
      LecternHighlight *highlight = g_ptr_array_index (stored->highlights, i);

      if (g_hash_table_contains (self->by_id, lectern_highlight_get_id (highlight)))
        continue;

      g_hash_table_insert (self->by_id, (gpointer)lectern_highlight_get_id (highlight), highlight);
      g_ptr_array_add (self->items, g_object_ref (highlight));
      g_ptr_array_add (record->highlights, highlight);
    }
}

/* The files read: their highlights go into the model at once, whoever
 * asked, and then the caller is told. */
static void
stored_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LecternAnnotationStore *self = LECTERN_ANNOTATION_STORE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) files = NULL;
  GError *error = NULL;
  guint old_len;

  files = g_task_propagate_pointer (G_TASK (result), &error);
  if (files == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  old_len = self->items->len;
  for (guint i = 0; i < files->len; i++)
    add_detached (self, g_ptr_array_index (files, i));

  if (self->items->len > old_len)
    _lectern_annotation_store_items_changed (self, old_len, 0, self->items->len - old_len);

  g_task_return_int (task, self->items->len - old_len);
}

/**
 * lectern_annotation_store_load_stored_async:
 * @self: a #LecternAnnotationStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: (nullable): called when the highlights are in the model
 * @user_data: data for @callback
 *
 * Reads, in a worker thread, every highlights file of the store's
 * directory whose document is not loaded, and adds their highlights to
 * the model, read-only, without their documents' text ("detached"). A
 * document loaded later with lectern_annotation_store_load_document()
 * replaces its detached highlights by its own.
 */
void
lectern_annotation_store_load_stored_async (LecternAnnotationStore *self,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data)
{
  g_autoptr(GTask) read = NULL;
  GTask *task;
  ReadAllData *read_all;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (LECTERN_IS_ANNOTATION_STORE (self));

  read_all = g_new0 (ReadAllData, 1);
  read_all->directory = g_strdup (self->directory);
  read_all->skip = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (read_all->skip, g_strdup (key));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lectern_annotation_store_load_stored_async);

  read = g_task_new (self, cancellable, stored_read_cb, task);
  g_task_set_task_data (read, read_all, read_all_data_free);
  g_task_run_in_thread (read, read_all_thread);
}

/**
 * lectern_annotation_store_load_stored_finish:
 * @self: a #LecternAnnotationStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: the number of highlights added, or -1 with @error set
 */
int
lectern_annotation_store_load_stored_finish (LecternAnnotationStore  *self,
                                             GAsyncResult            *result,
                                             GError                 **error)
{
  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), -1);
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

/**
 * lectern_annotation_store_is_detached:
 * @self: a #LecternAnnotationStore
 * @document_id: a document id
 *
 * Returns: whether the document's highlights were read without its text
 *   (lectern_annotation_store_load_stored_async()) and it is not loaded
 */
gboolean
lectern_annotation_store_is_detached (LecternAnnotationStore *self,
                                      const char             *document_id)
{
  DocumentRecord *record;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (document_id != NULL, FALSE);

  record = g_hash_table_lookup (self->documents, document_id);

  return record != NULL && record->detached;
}

/* Takes the detached highlights of @document_id out of the model and
 * forgets the record, so that the document can be loaded from its file. */
void
_lectern_annotation_store_drop_detached (LecternAnnotationStore *self,
                                         const char             *document_id)
{
  DocumentRecord *record = g_hash_table_lookup (self->documents, document_id);

  if (record == NULL || !record->detached)
    return;

  for (guint i = self->items->len; i > 0; i--)
    {
      LecternHighlight *highlight = g_ptr_array_index (self->items, i - 1);

      if (g_strcmp0 (lectern_highlight_get_document_id (highlight), document_id) != 0 ||
          g_hash_table_lookup (self->by_id, lectern_highlight_get_id (highlight)) != highlight)
        continue;

      g_hash_table_remove (self->by_id, lectern_highlight_get_id (highlight));
      g_ptr_array_remove_index (self->items, i - 1);
      _lectern_annotation_store_items_changed (self, i - 1, 1, 0);
    }

  g_hash_table_remove (self->documents, document_id);
}

/* How many of the quotes of @stored the anchoring finds in @text. */
static double
stored_match_ratio (StoredFile        *stored,
                    LecternAnchorText *text)
{
  g_autofree LecternAnchorTarget *targets = NULL;
  g_autofree LecternAnchorResult *results = NULL;
  guint n = stored->highlights->len;
  guint found = 0;

  if (n == 0)
    return 0;

  targets = g_new (LecternAnchorTarget, n);
  results = g_new (LecternAnchorResult, n);
  for (guint i = 0; i < n; i++)
    lectern_anchor_target_init_from_highlight (&targets[i], g_ptr_array_index (stored->highlights, i));

  lectern_anchor_locate_all (text, targets, n, results);
  for (guint i = 0; i < n; i++)
    found += results[i].method != LECTERN_ANCHOR_ORPHANED;

  return (double)found / n;
}

/* Whether the highlights file of @stored belongs to @document's text,
 * though it was written for another name. */
static gboolean
stored_matches (StoredFile        *stored,
                LecternDocument   *document,
                LecternAnchorText **text)
{
  if (g_strcmp0 (stored->fingerprint, lectern_document_get_fingerprint (document)) == 0)
    return stored->highlights->len > 0;

  if (*text == NULL)
    *text = lectern_anchor_text_new_for_document (document);

  return stored_match_ratio (stored, *text) >= STORED_MATCH_RATIO;
}

/**
 * lectern_annotation_store_find_stored:
 * @self: a #LecternAnnotationStore
 * @document: a document whose own highlights file does not exist
 *
 * Looks for the highlights of @document filed under another name (the
 * file was moved, renamed or copied): a highlights file whose document
 * has the same fingerprint, or else one most of whose quotes are found
 * in @document's text. Files of documents loaded now are not looked at;
 * an exact fingerprint is preferred to a text match.
 *
 * Returns: (transfer full) (nullable): the document id of that file
 */
char *
lectern_annotation_store_find_stored (LecternAnnotationStore *self,
                                      LecternDocument        *document)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(LecternAnchorText) text = NULL;
  char *by_text = NULL;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), NULL);
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (document), NULL);

  ids = list_stored_ids (self->directory);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      DocumentRecord *record = g_hash_table_lookup (self->documents, id);
      g_autofree char *path = NULL;
      StoredFile *stored;
      gboolean exact;

      if ((record != NULL && !record->detached) || g_str_equal (id, lectern_document_get_id (document)))
        continue;

      path = lectern_annotation_store_dup_path (self, id);
      if ((stored = stored_file_read (path, id)) == NULL)
        continue;

      exact = g_strcmp0 (stored->fingerprint, lectern_document_get_fingerprint (document)) == 0;
      if ((exact || by_text == NULL) && stored_matches (stored, document, &text))
        {
          g_free (by_text);
          by_text = g_strdup (id);
        }
      stored_file_free (stored);
      if (exact && by_text != NULL)
        break;
    }

  return by_text;
}

/* Whether the document a stored file names is still where it was. */
static gboolean
stored_document_exists (const char *path,
                        const char *id)
{
  StoredFile *stored = stored_file_read (path, id);
  g_autoptr(GFile) file = NULL;
  g_autofree char *local = NULL;

  if (stored == NULL || stored->uri == NULL || !g_str_has_prefix (stored->uri, "file:"))
    {
      g_clear_pointer (&stored, stored_file_free);
      return FALSE;
    }

  file = g_file_new_for_uri (stored->uri);
  local = g_file_get_path (file);
  stored_file_free (stored);

  return local != NULL && g_file_test (local, G_FILE_TEST_EXISTS);
}

/* Places each highlight of @stored in @document's text, as loading a
 * changed text does; one not found is kept, orphaned. With @review,
 * those placed are to be reviewed (they were made on another text). */
static void
place_in (StoredFile      *stored,
          LecternDocument *document,
          gboolean         review)
{
  g_autoptr(LecternAnchorText) text = lectern_anchor_text_new_for_document (document);
  g_autofree LecternAnchorTarget *targets = g_new (LecternAnchorTarget, MAX (stored->highlights->len, 1));
  g_autofree LecternAnchorResult *results = g_new (LecternAnchorResult, MAX (stored->highlights->len, 1));

  for (guint i = 0; i < stored->highlights->len; i++)
    lectern_anchor_target_init_from_highlight (&targets[i], g_ptr_array_index (stored->highlights, i));
  lectern_anchor_locate_all (text, targets, stored->highlights->len, results);

  for (guint i = 0; i < stored->highlights->len; i++)
    {
      LecternHighlight *highlight = g_ptr_array_index (stored->highlights, i);

      if (results[i].method == LECTERN_ANCHOR_ORPHANED)
        lectern_highlight_set_state (highlight, LECTERN_HIGHLIGHT_ORPHANED);
      else
        {
          lectern_highlight_set_range (highlight, results[i].start, results[i].end);
          lectern_highlight_set_state (highlight, review ? LECTERN_HIGHLIGHT_NEEDS_REVIEW
                                                          : LECTERN_HIGHLIGHT_ANCHORED);
        }
    }
}

/* A copy of a document whose original is still there gets copies of
 * the highlights, with ids of their own (an id names one highlight in
 * the whole store), placed in its text. */
static gboolean
copy_into (LecternAnnotationStore  *self,
           const char              *from,
           LecternDocument         *document,
           GError                 **error)
{
  StoredFile *stored = stored_file_read (from, lectern_document_get_id (document));
  gboolean ok = TRUE;

  if (stored == NULL)
    return lectern_annotation_store_load_document (self, document, error);
  if (!lectern_annotation_store_load_document (self, document, error))
    {
      stored_file_free (stored);
      return FALSE;
    }

  place_in (stored, document, g_strcmp0 (stored->fingerprint, lectern_document_get_fingerprint (document)) != 0);
  for (guint i = 0; i < stored->highlights->len && ok; i++)
    {
      LecternHighlight *h = g_ptr_array_index (stored->highlights, i);
      g_autofree char *id = g_uuid_string_random ();
      g_autoptr(LecternHighlight) copy =
        lectern_highlight_new_full (id, lectern_document_get_id (document), lectern_highlight_get_color (h),
                                    lectern_highlight_get_note (h), lectern_highlight_get_tags (h),
                                    lectern_highlight_get_created (h), lectern_highlight_get_modified (h),
                                    lectern_highlight_get_start (h), lectern_highlight_get_end (h),
                                    lectern_highlight_get_exact (h), lectern_highlight_get_prefix (h),
                                    lectern_highlight_get_suffix (h), lectern_highlight_get_state (h));

      ok = lectern_annotation_store_add (self, copy, error);
    }
  stored_file_free (stored);

  return ok;
}

/**
 * lectern_annotation_store_adopt_stored:
 * @self: a #LecternAnnotationStore
 * @stored_id: a document id from lectern_annotation_store_find_stored()
 * @document: the document the highlights belong to, not loaded yet
 * @error: return location for a #GError
 *
 * Moves the highlights file of @stored_id to @document's name (renamed
 * when its document is gone; when it is still there, @document is a copy
 * and gets copies of the highlights, with new ids; nothing is deleted)
 * and loads @document with it, so
 * its highlights are placed again if the text changed, and saved under
 * the new name and path. Fails, touching nothing, if @document already
 * has a highlights file.
 *
 * Returns: %TRUE if the highlights are now @document's
 */
gboolean
lectern_annotation_store_adopt_stored (LecternAnnotationStore  *self,
                                       const char              *stored_id,
                                       LecternDocument         *document,
                                       GError                 **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  DocumentRecord *record;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (stored_id != NULL, FALSE);
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (document), FALSE);

  from = lectern_annotation_store_dup_path (self, stored_id);
  to = lectern_annotation_store_dup_path (self, lectern_document_get_id (document));
  if (g_file_test (to, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "%s exists", to);
      return FALSE;
    }

  /* A copy: the original keeps its highlights too. */
  if (stored_document_exists (from, stored_id))
    return copy_into (self, from, document, error);

  _lectern_annotation_store_drop_detached (self, stored_id);
  if (g_rename (from, to) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", from, g_strerror (saved_errno));
      return FALSE;
    }

  if (!lectern_annotation_store_load_document (self, document, error))
    return FALSE;

  /* The file names its document: write the new name and path soon. */
  record = g_hash_table_lookup (self->documents, lectern_document_get_id (document));
  if (record != NULL && !record->read_only && record->highlights->len > 0)
    _lectern_annotation_store_schedule_save (self, record);

  return TRUE;
}

/* Another text at the same place */

/**
 * lectern_annotation_store_set_aside_replaced:
 * @self: a #LecternAnnotationStore
 * @document: a document about to be loaded
 *
 * When the file at @document's place now holds another text — the
 * highlights file of its name was written for a different fingerprint
 * and another title, and few of its quotes are found in @document — the
 * two keep separate
 * highlights: that file is renamed to a name of its own (it still names
 * its document), and @document starts without highlights. A text that
 * was only edited is left alone; its highlights are placed again when
 * it is loaded.
 *
 * Returns: (transfer full) (nullable): the document id the earlier
 *   highlights are now filed under, or %NULL if nothing was set aside
 */
char *
lectern_annotation_store_set_aside_replaced (LecternAnnotationStore *self,
                                             LecternDocument        *document)
{
  const char *id;
  g_autofree char *path = NULL;
  g_autofree char *kept_path = NULL;
  g_autofree char *kept_id = NULL;
  g_autofree char *kept_uri = NULL;
  g_autoptr(LecternAnchorText) text = NULL;
  StoredFile *stored;
  gboolean other;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), NULL);
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (document), NULL);

  id = lectern_document_get_id (document);
  if (g_hash_table_contains (self->documents, id) && !lectern_annotation_store_is_detached (self, id))
    return NULL;

  path = lectern_annotation_store_dup_path (self, id);
  if ((stored = stored_file_read (path, id)) == NULL)
    return NULL;

  /* An edit that rewrote the highlighted passages is not another text:
   * its highlights are kept, orphaned. Another title as well says it is. */
  other = stored->highlights->len > 0 && stored->fingerprint != NULL &&
          g_strcmp0 (stored->title, lectern_document_get_title (document)) != 0 &&
          !stored_matches (stored, document, &text);
  if (other)
    {
      kept_uri = g_strconcat (lectern_document_get_uri (document), "#", stored->fingerprint, NULL);
      kept_id = lectern_document_key_for_uri (kept_uri);
      kept_path = lectern_annotation_store_dup_path (self, kept_id);
    }
  stored_file_free (stored);

  if (!other || g_file_test (kept_path, G_FILE_TEST_EXISTS))
    return NULL;

  _lectern_annotation_store_drop_detached (self, id);
  if (g_rename (path, kept_path) != 0)
    {
      g_warning ("Could not set %s aside: %s", path, g_strerror (errno));
      return NULL;
    }

  return g_steal_pointer (&kept_id);
}

/**
 * lectern_annotation_store_move_stored_into:
 * @self: a #LecternAnnotationStore
 * @stored_id: a document id whose highlights file is not loaded
 * @document: a loaded document
 * @error: return location for a #GError
 *
 * Moves the highlights of @stored_id into @document, the reader having
 * said they belong to it: each is placed in its text (to be reviewed:
 * it was made on another text) or kept orphaned, and saved with
 * @document's highlights. The old file is kept as `<stored_id>.json.moved`.
 *
 * Returns: the number of highlights moved, or -1 with @error set
 */
int
lectern_annotation_store_move_stored_into (LecternAnnotationStore  *self,
                                           const char              *stored_id,
                                           LecternDocument         *document,
                                           GError                 **error)
{
  g_autofree char *path = NULL;
  g_autofree char *moved_path = NULL;
  StoredFile *stored;
  int n = 0;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), -1);
  g_return_val_if_fail (stored_id != NULL, -1);
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (document), -1);

  path = lectern_annotation_store_dup_path (self, stored_id);
  stored = stored_file_read (path, lectern_document_get_id (document));
  if (stored == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s: no highlights", path);
      return -1;
    }

  _lectern_annotation_store_drop_detached (self, stored_id);
  place_in (stored, document, TRUE);
  for (guint i = 0; i < stored->highlights->len && n >= 0; i++)
    {
      if (!lectern_annotation_store_add (self, g_ptr_array_index (stored->highlights, i), error))
        n = -1;
      else
        n++;
    }
  stored_file_free (stored);

  moved_path = g_strconcat (path, ".moved", NULL);
  if (n >= 0 && g_rename (path, moved_path) != 0)
    g_warning ("Could not rename %s: %s", path, g_strerror (errno));

  return n;
}
