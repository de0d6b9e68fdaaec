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
 * and run must lie inside the text, at character boundaries
 * (lectern_fuzz_check_document). */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(LecternDocument) document = NULL;

  document = lectern_document_loader_load_bytes (loader, bytes, "file:///fuzz/input.md", "input.md",
                                                 LECTERN_DOCUMENT_FORMAT_MARKDOWN, NULL);
  if (document == NULL)
    return 0;

  lectern_fuzz_check_document (document);

  return 0;
}
