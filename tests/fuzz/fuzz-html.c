/* fuzz-html.c: libFuzzer target for the web page loader
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-core.h"
#include "lectern-fuzz.h"

/* Loads the input as a web page (through libxml2 and the main-content
 * extraction), then checks what came out. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(LecternDocument) document = NULL;

  document = lectern_document_loader_load_bytes (loader, bytes, "file:///fuzz/input.html", "input.html",
                                                 LECTERN_DOCUMENT_FORMAT_HTML, NULL);
  if (document != NULL)
    lectern_fuzz_check_document (document);

  return 0;
}
