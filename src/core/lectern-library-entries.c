/* lectern-library-entries.c: every document the reader opened, open or not
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lectern-library-file.h"
#include "lectern-library-private.h"

/*
 * The library remembers every document the reader opened, whatever the
 * command line of a later launch says, in library.json beside the
 * highlights. Listing them reads no document text; a document is only
 * loaded when it is opened. Forgetting one is the reader's explicit
 * act and never touches its highlights file.
 */

/* Whether the file of @uri is gone. Only local files are looked at: a
 * remote one may just be out of reach. */
static gboolean
uri_is_missing (const char *uri)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (!g_str_has_prefix (uri, "file:"))
    return FALSE;

  file = g_file_new_for_uri (uri);
  path = g_file_get_path (file);

  return path != NULL && !g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
save (LecternLibrary *self)
{
  g_autoptr(GBytes) bytes = NULL;

  if (self->file == NULL || self->read_only)
    return;

  bytes = lectern_library_file_serialize (G_LIST_MODEL (self->entries));
  lectern_json_file_save_bytes (self->file, bytes);
}

/**
 * lectern_library_load_entries:
 * @self: a #LecternLibrary
 * @path: library.json
 * @error: return location for a #GError
 *
 * Reads the documents the reader opened before, marks those whose file
 * is gone as missing, and from now on keeps @path up to date. A file
 * that does not parse is set aside (and the library starts empty); one
 * from a newer Lectern is read but never written.
 *
 * Returns: %TRUE unless the file could not be used as it is
 */
gboolean
lectern_library_load_entries (LecternLibrary  *self,
                              const char      *path,
                              GError         **error)
{
  g_autofree char *kept = NULL;
  LecternJsonFileStatus status;
  int saved_errno = 0;

  g_return_val_if_fail (LECTERN_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  g_clear_pointer (&self->file, lectern_json_file_unref);
  self->file = lectern_json_file_new (path, TRUE);
  g_list_store_remove_all (self->entries);
  status = lectern_library_file_read (path, self->entries);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->entries)); i++)
    {
      g_autoptr(LecternLibraryEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

      lectern_library_entry_set_missing (entry, uri_is_missing (lectern_library_entry_get_uri (entry)));
    }

  switch (status)
    {
    case LECTERN_JSON_FILE_LOADED:
    case LECTERN_JSON_FILE_MISSING:
      return TRUE;
    case LECTERN_JSON_FILE_CORRUPT:
      if (lectern_json_file_keep_corrupt (path, &kept, &saved_errno))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The library file “%s” could not be read and was kept as “%s”."), path, kept);
          return FALSE;
        }
      break;
    case LECTERN_JSON_FILE_TOO_LARGE:
    case LECTERN_JSON_FILE_UNREADABLE:
    case LECTERN_JSON_FILE_NEWER:
    default:
      break;
    }

  self->read_only = TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
               _("The library file “%s” could not be read or is from a newer Lectern; "
                 "it will not be changed."), path);
  return FALSE;
}

/**
 * lectern_library_get_entries:
 * @self: a #LecternLibrary
 *
 * Returns: (transfer none): a #GListModel of #LecternLibraryEntry, every
 *   document the reader opened, in the order first opened
 */
GListModel *
lectern_library_get_entries (LecternLibrary *self)
{
  g_return_val_if_fail (LECTERN_IS_LIBRARY (self), NULL);

  return G_LIST_MODEL (self->entries);
}

static LecternLibraryEntry *
find_entry (LecternLibrary *self,
            const char     *(*get) (LecternLibraryEntry *),
            const char     *value)
{
  GListModel *model = G_LIST_MODEL (self->entries);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LecternLibraryEntry) entry = g_list_model_get_item (model, i);

      if (g_strcmp0 (get (entry), value) == 0)
        return entry;
    }

  return NULL;
}

/**
 * lectern_library_find_entry:
 * @self: a #LecternLibrary
 * @uri: a document URI
 *
 * Returns: (transfer none) (nullable): the entry of the document at @uri
 */
LecternLibraryEntry *
lectern_library_find_entry (LecternLibrary *self,
                            const char     *uri)
{
  g_return_val_if_fail (LECTERN_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  return find_entry (self, lectern_library_entry_get_uri, uri);
}

/**
 * lectern_library_find_entry_by_id:
 * @self: a #LecternLibrary
 * @id: a document id
 *
 * Returns: (transfer none) (nullable): the entry of the document with @id
 */
LecternLibraryEntry *
lectern_library_find_entry_by_id (LecternLibrary *self,
                                  const char     *id)
{
  g_return_val_if_fail (LECTERN_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return find_entry (self, lectern_library_entry_get_id, id);
}

/**
 * lectern_library_remember:
 * @self: a #LecternLibrary
 * @document: a document that was opened
 *
 * Adds @document to the remembered documents, or updates its entry.
 * Called for every document added to the library but the samples.
 *
 * Returns: (transfer none): its entry
 */
LecternLibraryEntry *
lectern_library_remember (LecternLibrary  *self,
                          LecternDocument *document)
{
  LecternLibraryEntry *entry;
  const char *uri;

  g_return_val_if_fail (LECTERN_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (document), NULL);

  uri = lectern_document_get_uri (document);
  entry = lectern_library_find_entry (self, uri);
  if (entry == NULL)
    {
      g_autoptr(LecternLibraryEntry) added =
        lectern_library_entry_new (uri, lectern_document_get_title (document),
                                   lectern_document_get_fingerprint (document));

      g_list_store_append (self->entries, added);
      entry = added;
    }
  else
    lectern_library_entry_update (entry, uri, lectern_document_get_title (document),
                                  lectern_document_get_fingerprint (document));

  lectern_library_entry_set_missing (entry, FALSE);
  save (self);

  return entry;
}

/**
 * lectern_library_remember_uris:
 * @self: a #LecternLibrary
 * @uris: documents to remember, by URI, titled by their file names
 *
 * Remembers documents without opening them (used to take over the
 * list an earlier Lectern kept in its settings).
 */
void
lectern_library_remember_uris (LecternLibrary     *self,
                               const char * const *uris)
{
  g_return_if_fail (LECTERN_IS_LIBRARY (self));
  g_return_if_fail (uris != NULL);

  for (guint i = 0; uris[i] != NULL; i++)
    {
      g_autoptr(LecternLibraryEntry) entry = NULL;

      if (lectern_library_find_entry (self, uris[i]) != NULL)
        continue;

      entry = lectern_library_entry_new (uris[i], NULL, NULL);
      lectern_library_entry_set_missing (entry, uri_is_missing (uris[i]));
      g_list_store_append (self->entries, entry);
    }

  save (self);
}

/**
 * lectern_library_forget:
 * @self: a #LecternLibrary
 * @entry: an entry of the library
 *
 * Takes a document out of the library, closing it if it is open. Its
 * highlights file is not touched.
 *
 * Returns: where @entry was, for lectern_library_restore_entry()
 */
guint
lectern_library_forget (LecternLibrary      *self,
                        LecternLibraryEntry *entry)
{
  LecternDocument *document;
  guint position = 0;

  g_return_val_if_fail (LECTERN_IS_LIBRARY (self), 0);
  g_return_val_if_fail (LECTERN_IS_LIBRARY_ENTRY (entry), 0);

  document = lectern_library_find_by_uri (self, lectern_library_entry_get_uri (entry));
  if (document != NULL)
    lectern_library_remove (self, document);

  if (g_list_store_find (self->entries, entry, &position))
    {
      g_list_store_remove (self->entries, position);
      save (self);
    }

  return position;
}

/**
 * lectern_library_restore_entry:
 * @self: a #LecternLibrary
 * @entry: an entry that was forgotten
 * @position: where it was
 *
 * Undoes lectern_library_forget(); the document is not reopened.
 */
void
lectern_library_restore_entry (LecternLibrary      *self,
                               LecternLibraryEntry *entry,
                               guint                position)
{
  g_return_if_fail (LECTERN_IS_LIBRARY (self));
  g_return_if_fail (LECTERN_IS_LIBRARY_ENTRY (entry));

  if (lectern_library_find_entry (self, lectern_library_entry_get_uri (entry)) != NULL)
    return;

  position = MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->entries)));
  g_list_store_insert (self->entries, position, entry);
  save (self);
}

/**
 * lectern_library_set_read_position:
 * @self: a #LecternLibrary
 * @uri: a remembered document
 * @position: the character offset the reader is at
 */
void
lectern_library_set_read_position (LecternLibrary *self,
                                   const char     *uri,
                                   guint           position)
{
  LecternLibraryEntry *entry;

  g_return_if_fail (LECTERN_IS_LIBRARY (self));
  g_return_if_fail (uri != NULL);

  entry = lectern_library_find_entry (self, uri);
  if (entry == NULL || lectern_library_entry_get_position (entry) == position)
    return;

  lectern_library_entry_set_position (entry, position);
  save (self);
}

/**
 * lectern_library_entries_changed:
 * @self: a #LecternLibrary
 *
 * Saves the entries after one was changed directly (its format, say).
 */
void
lectern_library_entries_changed (LecternLibrary *self)
{
  g_return_if_fail (LECTERN_IS_LIBRARY (self));

  save (self);
}

/**
 * lectern_library_flush:
 * @self: a #LecternLibrary
 * @error: return location for a #GError
 *
 * Returns: %TRUE when library.json is on disk as it is now
 */
gboolean
lectern_library_flush (LecternLibrary  *self,
                       GError         **error)
{
  g_return_val_if_fail (LECTERN_IS_LIBRARY (self), FALSE);

  if (self->file == NULL)
    return TRUE;

  return lectern_json_file_flush (self->file, error);
}
