/* lectern-test-zip.c: zips made in memory, for the EPUB tests, fuzz
 * target and benchmark
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <archive.h>
#include <archive_entry.h>

#include "lectern-test-zip.h"

/* libarchive writes into a buffer of fixed size that the caller owns. */
struct _LecternTestZip
{
  struct archive *archive;
  char           *buffer;
  size_t          used;
};

/* A zip of at most @capacity bytes; entries stored, or deflated. */
LecternTestZip *
lectern_test_zip_new (gsize    capacity,
                      gboolean deflate)
{
  LecternTestZip *zip = g_new0 (LecternTestZip, 1);

  zip->archive = archive_write_new ();
  zip->buffer = g_malloc (capacity);
  archive_write_set_format_zip (zip->archive);
  if (!deflate)
    archive_write_zip_set_compression_store (zip->archive);
  archive_write_open_memory (zip->archive, zip->buffer, capacity, &zip->used);

  return zip;
}

void
lectern_test_zip_add (LecternTestZip *zip,
                      const char     *name,
                      const void     *data,
                      gsize           size)
{
  struct archive_entry *entry = archive_entry_new ();

  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, size);
  archive_write_header (zip->archive, entry);
  if (size > 0)
    archive_write_data (zip->archive, data, size);
  archive_entry_free (entry);
}

/* Closes the zip and frees @zip. Returns: (transfer full): its bytes */
GBytes *
lectern_test_zip_finish (LecternTestZip *zip)
{
  GBytes *bytes;

  archive_write_close (zip->archive);
  archive_write_free (zip->archive);
  bytes = g_bytes_new_take (zip->buffer, zip->used);
  g_free (zip);

  return bytes;
}
