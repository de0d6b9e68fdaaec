/* fuzz-markdown.c: libFuzzer target for the Markdown loader
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-core.h"
#include "lectern-fuzz.h"

/* Loads the input as Markdown, then walks what came out: every block
 * and run must lie inside the text, at character boundaries. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(LecternDocument) document = NULL;
  const LecternBlock *blocks;
  const LecternStyleRun *runs;
  guint n_blocks, n_runs, length;

  document = lectern_document_loader_load_bytes (loader, bytes, "file:///fuzz/input.md", "input.md",
                                                 LECTERN_DOCUMENT_FORMAT_MARKDOWN, NULL);
  if (document == NULL)
    return 0;

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

  return 0;
}
