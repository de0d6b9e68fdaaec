/* lectern-fuzz.c: a document for the fuzz targets to work on
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "lectern-fuzz.h"

static const char document_text[] =
  "# Notes on reading\n\n"
  "Reading slowly is a skill. The first pass finds the shape of a chapter; "
  "the second finds its claims; the third finds what was left out.\n\n"
  "- 한국어 문장과 English words, 📚 and العربية side by side\n"
  "- the same line of text again\n"
  "- the same line of text again\n\n"
  "> A quoted paragraph, with *emphasis* and `code`.\n";

LecternDocument *
lectern_fuzz_make_document (const char *uri)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (document_text, strlen (document_text));
  LecternDocument *document;

  document = lectern_document_loader_load_bytes (loader, bytes, uri, "document.md",
                                                 LECTERN_DOCUMENT_FORMAT_MARKDOWN, NULL);
  g_assert (document != NULL);

  return document;
}

/* A directory for the files of one input, removed afterwards; in
 * memory where there is /dev/shm, so that the disk does not set the
 * pace of the fuzzer. */
char *
lectern_fuzz_make_dir (void)
{
  char *dir = g_strdup ("/dev/shm/lectern-fuzz-XXXXXX");

  if (g_mkdtemp (dir) == NULL)
    {
      g_free (dir);
      dir = g_dir_make_tmp ("lectern-fuzz-XXXXXX", NULL);
    }

  g_assert (dir != NULL);
  return dir;
}

/* Writes @data as @name in @dir, without fsync. */
char *
lectern_fuzz_write_file (const char   *dir,
                         const char   *name,
                         const guint8 *data,
                         size_t        size)
{
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents_full (path, (const char *)data, size, G_FILE_SET_CONTENTS_NONE, 0600, NULL);
  return path;
}

void
lectern_fuzz_remove_dir (const char *dir)
{
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  const char *name;

  while (gdir != NULL && (name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}
