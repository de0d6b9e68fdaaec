/* lectern-annotation-store-file.c: how the highlights store reads and
 * writes its files
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lectern-anchor.h"
#include "lectern-annotation-format.h"
#include "lectern-annotation-store-private.h"
#include "lectern-json-file.h"

/* How long one slice of an autosave may hold the main loop. */
#define SLICE_USEC 4000
/* How often changes may start the collection of a file's entries again
 * before it is finished in one go. */
#define MAX_RESTARTS 3

/* Saving
 *
 * The entry of each highlight is written as JSON on the main loop, a
 * few milliseconds at a time, and kept until the highlight changes.
 * When every entry is ready, the file's parts are handed to the writer
 * (lectern-json-file.c), whose thread puts them together and replaces
 * the file: the main loop never waits for the whole file or the disk. */

static void
drop_collected (DocumentRecord *record)
{
  g_clear_pointer (&record->collected, g_ptr_array_unref);
  record->cursor = 0;
}

/* Collects the entries of @record's highlights for its next file, from
 * where the last slice stopped, writing those not kept yet; with a
 * @deadline, stops there. A change to the document since the first
 * slice starts the collection again (the entries of unchanged
 * highlights are kept, so that goes faster). Returns %TRUE when every
 * entry is collected. */
static gboolean
collect_entries (LecternAnnotationStore *self,
                 DocumentRecord         *record,
                 gint64                  deadline)
{
  if (record->collected != NULL && record->collected_at != record->changes)
    {
      drop_collected (record);
      record->restarts++;
    }

  if (record->collected == NULL)
    {
      record->collected = g_ptr_array_new_full (record->highlights->len, (GDestroyNotify)g_ref_string_release);
      record->collected_at = record->changes;
    }

  for (; record->cursor < record->highlights->len; record->cursor++)
    {
      LecternHighlight *highlight = g_ptr_array_index (record->highlights, record->cursor);
      GRefString *entry = _lectern_annotation_store_get_entry (highlight);

      if (entry == NULL)
        {
          entry = lectern_annotation_format_write_entry (self->generator, highlight);
          _lectern_annotation_store_set_entry (highlight, entry);
        }
      g_ptr_array_add (record->collected, g_ref_string_acquire (entry));

      if (deadline > 0 && record->cursor % 64 == 63 && g_get_monotonic_time () >= deadline)
        {
          record->cursor++;
          return FALSE;
        }
    }

  return TRUE;
}

/* The parts of @record's file as it is now. */
static LecternAnnotationSnapshot *
take_snapshot (LecternAnnotationStore *self,
               DocumentRecord         *record)
{
  LecternAnnotationSnapshot *snapshot = g_new0 (LecternAnnotationSnapshot, 1);

  collect_entries (self, record, 0);

  snapshot->header = lectern_annotation_format_write_header (record->uri, record->title,
                                                             record->fingerprint, record->length,
                                                             record->unknown_top, record->unknown_document);
  snapshot->entries = g_steal_pointer (&record->collected);
  snapshot->unparsed = g_ptr_array_new_full (record->unparsed->len, g_free);
  for (guint i = 0; i < record->unparsed->len; i++)
    g_ptr_array_add (snapshot->unparsed, g_strdup (g_ptr_array_index (record->unparsed, i)));
  drop_collected (record);

  return snapshot;
}

/* Hands the file of @record, as it is now, to the writer. */
static void
queue_record (LecternAnnotationStore *self,
              DocumentRecord         *record)
{
  LecternAnnotationSnapshot *snapshot;

  g_assert (!record->read_only);

  snapshot = take_snapshot (self, record);
  record->restarts = 0;
  record->dirty = FALSE;
  lectern_json_file_save (record->file, lectern_annotation_snapshot_serialize,
                          snapshot, lectern_annotation_snapshot_free);
}

/**
 * lectern_annotation_store_save_copy:
 * @self: a #LecternAnnotationStore
 * @directory: another folder
 * @error: a #GFileError
 *
 * Writes the highlights file of every loaded document, as the store
 * holds it now, into @directory under its usual name: for when the
 * usual folder cannot be written (a full disk) and the reader quits.
 * Waits for the disk. The store's own files and state are unchanged.
 *
 * Returns: %TRUE if every file was written
 */
gboolean
lectern_annotation_store_save_copy (LecternAnnotationStore  *self,
                                    const char              *directory,
                                    GError                 **error)
{
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (directory != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", directory, g_strerror (saved_errno));
      return FALSE;
    }

  records = _lectern_annotation_store_list_records (self, FALSE);
  for (guint i = 0; i < records->len; i++)
    {
      DocumentRecord *record = g_ptr_array_index (records, i);
      LecternAnnotationSnapshot *snapshot = take_snapshot (self, record);
      g_autoptr(GBytes) bytes = lectern_annotation_snapshot_serialize (snapshot);
      g_autofree char *name = g_path_get_basename (record->path);
      g_autofree char *path = g_build_filename (directory, name, NULL);
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      lectern_annotation_snapshot_free (snapshot);
      if (!g_file_set_contents_full (path, data, size,
                                     G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                     0600, error))
        return FALSE;
    }

  return TRUE;
}

/* Collected first: save-failed handlers may change the store. */
GPtrArray *
_lectern_annotation_store_list_records (LecternAnnotationStore  *self,
                                        gboolean                dirty_only)
{
  GPtrArray *records = g_ptr_array_new ();
  GHashTableIter iter;
  DocumentRecord *record;

  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&record))
    if (!dirty_only || (record->dirty && !record->read_only))
      g_ptr_array_add (records, record);

  return records;
}

static void
queue_dirty (LecternAnnotationStore *self)
{
  g_autoptr(GPtrArray) dirty = _lectern_annotation_store_list_records (self, TRUE);

  for (guint i = 0; i < dirty->len; i++)
    queue_record (self, g_ptr_array_index (dirty, i));
}

/* Saves every changed document and waits until every save is on disk. */
gboolean
_lectern_annotation_store_save_now (LecternAnnotationStore  *self,
                                    gboolean                emit,
                                    GError                **error)
{
  g_autoptr(GPtrArray) records = NULL;

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_handle_id (&self->prepare_id, g_source_remove);

  queue_dirty (self);

  self->quiet = !emit;
  self->flushing = TRUE;
  records = _lectern_annotation_store_list_records (self, FALSE);
  for (guint i = 0; i < records->len; i++)
    lectern_json_file_flush (((DocumentRecord *)g_ptr_array_index (records, i))->file, NULL);
  self->flushing = FALSE;
  self->quiet = FALSE;

  if (self->flush_error == NULL)
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&self->flush_error));
  return FALSE;
}

/* A slice of the autosave: entries are written until the slice is used
 * up, so that the main loop goes on between slices. */
static gboolean
prepare_cb (gpointer user_data)
{
  LecternAnnotationStore *self = user_data;
  g_autoptr(GPtrArray) dirty = _lectern_annotation_store_list_records (self, TRUE);
  gint64 deadline = g_get_monotonic_time () + SLICE_USEC;

  for (guint i = 0; i < dirty->len; i++)
    {
      DocumentRecord *record = g_ptr_array_index (dirty, i);

      /* Edits faster than the slices: finish at once rather than never. */
      if (!collect_entries (self, record, record->restarts < MAX_RESTARTS ? deadline : 0))
        return G_SOURCE_CONTINUE;
    }

  self->prepare_id = 0;
  queue_dirty (self);

  return G_SOURCE_REMOVE;
}

static gboolean
autosave_cb (gpointer user_data)
{
  LecternAnnotationStore *self = user_data;

  self->autosave_id = 0;

  if (self->prepare_id == 0)
    {
      self->prepare_id = g_idle_add (prepare_cb, self);
      g_source_set_name_by_id (self->prepare_id, "[lectern] prepare highlights save");
    }

  return G_SOURCE_REMOVE;
}

/* A failed save is tried again after a pause that doubles with each
 * failure, up to a minute, whether or not anything changes. */
void
_lectern_annotation_store_retry_later (LecternAnnotationStore *self)
{
  if (self->autosave_id != 0 || self->quiet)
    return;

  self->autosave_id = g_timeout_add (self->retry_delay, autosave_cb, self);
  g_source_set_name_by_id (self->autosave_id, "[lectern] retry highlights save");
  self->retry_delay = MIN (self->retry_delay * 2, 60 * 1000);
}

/* The timer is not restarted by later changes, so a change is on disk
 * at most one delay (and the time to write it) after it was made. */
void
_lectern_annotation_store_schedule_save (LecternAnnotationStore  *self,
                                         DocumentRecord         *record)
{
  if (record->read_only)
    return;

  record->changes++;
  record->dirty = TRUE;

  if (self->autosave_id == 0)
    {
      self->autosave_id = g_timeout_add (self->autosave_delay, autosave_cb, self);
      g_source_set_name_by_id (self->autosave_id, "[lectern] autosave highlights");
    }
}

/* Loading */

/* The text of the document changed since the file was written: every
 * highlight is placed again (see LecternAnchor). Their quotes stay as
 * stored; those that cannot be found are marked orphaned and keep
 * their old range, so that nothing is lost. */
void
_lectern_annotation_store_reanchor_highlights (DocumentRecord  *record,
                                               LecternDocument *document)
{
  g_autoptr(LecternAnchorText) text = NULL;
  g_autofree LecternAnchorTarget *targets = NULL;
  g_autofree LecternAnchorResult *results = NULL;
  guint n = record->highlights->len;
  guint n_orphaned = 0;
  guint n_review = 0;

  if (n == 0)
    return;

  text = lectern_anchor_text_new_for_document (document);
  targets = g_new (LecternAnchorTarget, n);
  results = g_new (LecternAnchorResult, n);

  for (guint i = 0; i < n; i++)
    lectern_anchor_target_init_from_highlight (&targets[i], g_ptr_array_index (record->highlights, i));

  lectern_anchor_locate_all (text, targets, n, results);

  for (guint i = 0; i < n; i++)
    {
      LecternHighlight *highlight = g_ptr_array_index (record->highlights, i);

      if (results[i].method == LECTERN_ANCHOR_ORPHANED)
        {
          lectern_highlight_set_state (highlight, LECTERN_HIGHLIGHT_ORPHANED);
          n_orphaned++;
          continue;
        }

      lectern_highlight_set_range (highlight, results[i].start, results[i].end);

      /* A fuzzy match the anchor is unsure of is placed, not trusted: the
       * reader decides whether the look-alike text is the same passage. */
      if (results[i].method == LECTERN_ANCHOR_FUZZY && results[i].confidence < LECTERN_STORE_REVIEW_BELOW)
        {
          lectern_highlight_set_state (highlight, LECTERN_HIGHLIGHT_NEEDS_REVIEW);
          n_review++;
        }
      else
        lectern_highlight_set_state (highlight, LECTERN_HIGHLIGHT_ANCHORED);
    }

  g_debug ("%s: the document changed; %u highlights placed again (%u to review), %u could not be placed",
           record->path, n - n_orphaned, n_review, n_orphaned);
}

/* Whether every placed highlight of @record lies inside the text of
 * @document. */
static gboolean
ranges_fit (DocumentRecord  *record,
            LecternDocument *document)
{
  guint length = lectern_document_get_length (document);

  for (guint i = 0; i < record->highlights->len; i++)
    {
      LecternHighlight *highlight = g_ptr_array_index (record->highlights, i);

      if (lectern_highlight_get_state (highlight) != LECTERN_HIGHLIGHT_ORPHANED &&
          lectern_highlight_get_end (highlight) > length)
        return FALSE;
    }

  return TRUE;
}

/* Adds the readable entries of @array to the store. Entries that cannot
 * be read, or whose id is already taken, are kept aside unchanged.
 * Returns %FALSE, adding nothing, when there were entries and none of
 * them could be read: such a file is treated as corrupt. When the text
 * of @document changed since the file was written (*@changed), or a
 * stored range does not fit in it (a hand-edited file), the highlights
 * are placed again in its text before anyone sees them, and *@changed
 * is set. */
static gboolean
add_entries (LecternAnnotationStore *self,
             DocumentRecord         *record,
             JsonArray              *array,
             LecternDocument        *document,
             gboolean               *changed)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  guint n_entries = json_array_get_length (array);
  guint old_len = self->items->len;

  for (guint i = 0; i < n_entries; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      LecternHighlight *highlight = lectern_annotation_format_read_entry (node, record->id, utc);

      if (highlight != NULL && g_hash_table_contains (self->by_id, lectern_highlight_get_id (highlight)))
        g_clear_object (&highlight);

      if (highlight == NULL)
        {
          g_ptr_array_add (record->unparsed, json_to_string (node, FALSE));
          continue;
        }

      g_hash_table_insert (self->by_id, (gpointer)lectern_highlight_get_id (highlight), highlight);
      g_ptr_array_add (self->items, highlight);
      g_ptr_array_add (record->highlights, highlight);
    }

  if (n_entries > 0 && record->highlights->len == 0)
    {
      g_ptr_array_set_size (record->unparsed, 0);
      return FALSE;
    }

  if (!*changed && !ranges_fit (record, document))
    {
      g_debug ("%s: highlights lie outside the text of an unchanged document; placing them again",
               record->path);
      *changed = TRUE;
    }
  if (*changed)
    _lectern_annotation_store_reanchor_highlights (record, document);

  for (guint i = 0; i < record->highlights->len; i++)
    g_signal_connect (g_ptr_array_index (record->highlights, i), "notify",
                      G_CALLBACK (_lectern_annotation_store_highlight_notify_cb), self);

  if (record->unparsed->len > 0)
    g_debug ("%s: %u highlight entries could not be read and are kept as they are",
             record->path, record->unparsed->len);

  if (self->items->len > old_len)
    _lectern_annotation_store_items_changed (self, old_len, 0, self->items->len - old_len);

  return TRUE;
}

/* The main file did not parse: its .bak (the file before the last
 * save) is read in its place. Returns %TRUE if its highlights were
 * added; the .bak itself is then left alone until a save has put its
 * highlights back in the main file. */
static gboolean
load_backup (LecternAnnotationStore *self,
             DocumentRecord         *record,
             LecternDocument        *document)
{
  g_autoptr(JsonArray) entries = NULL;
  JsonNode *root = lectern_json_file_load_backup (record->path, LECTERN_STORE_MAX_FILE_SIZE,
                                                  LECTERN_ANNOTATION_FORMAT_NAME,
                                                  LECTERN_STORE_FORMAT_VERSION);
  gboolean ret = FALSE;

  if (root != NULL && (entries = lectern_json_dup_array (root, "highlights")) != NULL)
    {
      gboolean changed = lectern_annotation_format_text_changed (root, document);

      ret = add_entries (self, record, entries, document, &changed);
    }

  lectern_json_file_unref_later (root, record->highlights->len);

  return ret;
}

/* Moves an unreadable file aside so that nothing is overwritten unseen;
 * the document then starts from its .bak if that is good, else afresh.
 * If even the move fails, the document becomes read-only and the file
 * stays where it is. */
static gboolean
keep_corrupt_file (LecternAnnotationStore  *self,
                   DocumentRecord          *record,
                   LecternDocument         *document,
                   GError                 **error)
{
  g_autofree char *corrupt_name = NULL;
  int saved_errno;

  if (!lectern_json_file_keep_corrupt (record->path, &corrupt_name, &saved_errno))
    {
      record->read_only = TRUE;
      g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_CORRUPT,
                   _("The highlights file “%s” could not be read, nor be set aside (%s). "
                     "It is left as it is, and highlights of this document cannot be saved."),
                   record->path, g_strerror (saved_errno));
      return FALSE;
    }

  if (load_backup (self, record, document))
    {
      /* The .bak's highlights are saved into a new main file soon; the
       * .bak is kept as it is (there is no main file to back up). */
      _lectern_annotation_store_schedule_save (self, record);
      g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_CORRUPT,
                   _("The highlights file “%s” could not be read and was kept as “%s”. "
                     "Its highlights were restored from the backup “%s.bak”."),
                   record->path, corrupt_name, record->path);
      return FALSE;
    }

  g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_CORRUPT,
               _("The highlights file “%s” could not be read and was kept as “%s”. "
                 "Highlights made now start a new file."),
               record->path, corrupt_name);
  return FALSE;
}

/* A newer Lectern wrote the file: show what we understand, never write.
 * Highlights are still placed in a changed text, in memory only. */
static gboolean
load_newer (LecternAnnotationStore  *self,
            DocumentRecord          *record,
            LecternDocument         *document,
            JsonNode                *root,
            gint64                   version,
            GError                 **error)
{
  g_autoptr(JsonArray) entries = lectern_json_dup_array (root, "highlights");

  record->read_only = TRUE;
  if (entries != NULL)
    {
      gboolean changed = lectern_annotation_format_text_changed (root, document);

      add_entries (self, record, entries, document, &changed);
    }

  g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_NEWER_VERSION,
               _("The highlights file “%s” was written by a newer version of Lectern "
                 "(format %lld). Its highlights are shown as far as they "
                 "are understood, but the file will not be changed."),
               record->path, (long long) version);
  return FALSE;
}

/* With a changed text, the highlights placed again are saved soon (the
 * previous file becomes the .bak). */
static gboolean
load_root (LecternAnnotationStore  *self,
           DocumentRecord          *record,
           LecternDocument         *document,
           JsonNode                *root,
           GBytes                  *bytes,
           GError                 **error)
{
  g_autoptr(JsonArray) entries = NULL;
  gboolean changed = lectern_annotation_format_text_changed (root, document);

  if ((entries = lectern_json_dup_array (root, "highlights")) == NULL ||
      !add_entries (self, record, entries, document, &changed))
    return keep_corrupt_file (self, record, document, error);

  lectern_annotation_format_dup_unknown_header (root, &record->unknown_top, &record->unknown_document);
  lectern_json_file_set_on_disk (record->file, bytes);
  if (changed && record->highlights->len > 0)
    _lectern_annotation_store_schedule_save (self, record);

  return TRUE;
}

static gboolean
set_too_large (DocumentRecord  *record,
               GError         **error)
{
  g_autofree char *limit = g_format_size (LECTERN_STORE_MAX_FILE_SIZE);

  record->read_only = TRUE;
  g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_UNREADABLE,
               _("The highlights file “%s” is larger than %s, too large to be "
                 "highlights. It is left as it is, and highlights of this document "
                 "cannot be saved."),
               record->path, limit);
  return FALSE;
}

static gboolean
set_unreadable (DocumentRecord  *record,
                const GError    *read_error,
                GError         **error)
{
  record->read_only = TRUE;
  g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_UNREADABLE,
               _("The highlights file “%s” could not be read: %s. It will not be "
                 "changed, and highlights of this document cannot be saved."),
               record->path, read_error->message);
  return FALSE;
}

/* With @bytes, they stand for the file, which is not read. */
gboolean
_lectern_annotation_store_load_file (LecternAnnotationStore  *self,
                                     DocumentRecord         *record,
                                     LecternDocument        *document,
                                     GBytes                 *bytes,
                                     GError                **error)
{
  LecternJsonFileContents contents;
  gboolean ret = FALSE;

  if (bytes == NULL)
    lectern_json_file_remove_stale_temporaries (record->path);

  switch (lectern_json_file_load (record->path, bytes, LECTERN_STORE_MAX_FILE_SIZE,
                                  LECTERN_ANNOTATION_FORMAT_NAME, LECTERN_STORE_FORMAT_VERSION,
                                  &contents))
    {
    case LECTERN_JSON_FILE_MISSING:
      ret = TRUE;
      break;
    case LECTERN_JSON_FILE_TOO_LARGE:
      ret = set_too_large (record, error);
      break;
    case LECTERN_JSON_FILE_UNREADABLE:
      ret = set_unreadable (record, contents.error, error);
      break;
    case LECTERN_JSON_FILE_CORRUPT:
      ret = keep_corrupt_file (self, record, document, error);
      break;
    case LECTERN_JSON_FILE_NEWER:
      ret = load_newer (self, record, document, contents.root, contents.version, error);
      break;
    case LECTERN_JSON_FILE_LOADED:
      ret = load_root (self, record, document, contents.root, contents.bytes, error);
      break;
    default:
      g_assert_not_reached ();
    }

  lectern_json_file_unref_later (g_steal_pointer (&contents.root), record->highlights->len);
  lectern_json_file_contents_clear (&contents);

  return ret;
}


