/* lectern-fuzz.c: a document for the fuzz targets to work on
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
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

/* Every block and run of a loaded document lies inside the text, at
 * character boundaries, blocks in order and found by their offsets. */
void
lectern_fuzz_check_document (LecternDocument *document)
{
  const LecternBlock *blocks;
  const LecternStyleRun *runs;
  guint n_blocks, n_runs, length;

  length = lectern_document_get_length (document);
  g_assert (g_utf8_validate (lectern_document_get_text (document), -1, NULL));
  g_assert (g_utf8_strlen (lectern_document_get_text (document), -1) == length);

  blocks = lectern_document_get_blocks (document, &n_blocks);
  for (guint i = 0; i < n_blocks; i++)
    {
      g_autofree char *text = lectern_document_dup_slice (document, blocks[i].start, blocks[i].end);

      g_assert (blocks[i].start <= blocks[i].end && blocks[i].end <= length);
      g_assert (i == 0 || blocks[i - 1].end <= blocks[i].start);
      g_assert (lectern_document_find_block (document, blocks[i].start) == &blocks[i]);
      g_assert (g_utf8_validate (text, -1, NULL));
    }

  runs = lectern_document_get_runs (document, &n_runs);
  for (guint i = 0; i < n_runs; i++)
    g_assert (runs[i].start <= runs[i].end && runs[i].end <= length);
}

static void
abort_on_critical (const char     *domain,
                   GLogLevelFlags  level,
                   const char     *message,
                   gpointer        user_data)
{
  g_log_default_handler (domain, level, message, user_data);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
}

/* Called by libFuzzer only (not by the replay tests). A fatal critical
 * raises SIGTRAP, which libFuzzer does not catch: it would stop the run
 * without saving the input. An abort is caught, and the input kept. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_default_handler (abort_on_critical, NULL);
  return 0;
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
