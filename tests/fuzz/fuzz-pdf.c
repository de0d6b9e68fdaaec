/* fuzz-pdf.c: libFuzzer target for the PDF loader
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-core.h"
#include "lectern-fuzz.h"

/* Loads the input as a PDF and checks what came out
 * (lectern_fuzz_check_document), including that every block has a
 * page within the document. poppler itself is not instrumented: the
 * fuzzer steers by Lectern's line, column and paragraph code. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(LecternDocument) document = NULL;
  const LecternBlock *blocks;
  guint n_blocks;

  document = lectern_document_loader_load_bytes (loader, bytes, "file:///fuzz/input.pdf", "input.pdf",
                                                 LECTERN_DOCUMENT_FORMAT_PDF, NULL);
  if (document == NULL)
    return 0;

  lectern_fuzz_check_document (document);
  blocks = lectern_document_get_blocks (document, &n_blocks);
  for (guint i = 0; i < n_blocks; i++)
    g_assert (blocks[i].page >= 1 && (i == 0 || blocks[i].page >= blocks[i - 1].page));

  return 0;
}
