/* fuzz-jsonld.c: libFuzzer target for the Web Annotation (JSON-LD) importer
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-core.h"
#include "lectern-annotation-store-private.h"
#include "lectern-fuzz.h"

#define SOURCE "file:///fuzz/document.md"

/* Imports the input into a store with one open document, whose URI the
 * seeds use as their target's source. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static LecternDocument *document;
  static LecternLibrary *library;
  g_autoptr(LecternAnnotationStore) store = NULL;
  g_autoptr(LecternExport) export = NULL;
  g_autoptr(LecternImportResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) empty = g_bytes_new_static ("{\"format\": \"lectern-annotations\", \"version\": 1}", 47);
  guint length;

  if (document == NULL)
    {
      document = lectern_fuzz_make_document (SOURCE);
      library = lectern_library_new ();
      lectern_library_add (library, document);
    }
  length = lectern_document_get_length (document);

  store = lectern_annotation_store_new (LECTERN_FUZZ_NO_DIRECTORY);
  g_assert (_lectern_annotation_store_load_bytes (store, document, empty, NULL));
  export = lectern_export_new (store, library);

  bytes = g_bytes_new_static (data, size);
  result = lectern_export_import (export, NULL, bytes, NULL, NULL);
  if (result == NULL)
    {
      g_assert (g_list_model_get_n_items (G_LIST_MODEL (store)) == 0);
      return 0;
    }

  g_assert (result->highlights->len == result->imported);
  for (guint i = 0; i < result->highlights->len; i++)
    {
      LecternHighlight *highlight = g_ptr_array_index (result->highlights, i);

      g_assert (lectern_highlight_get_start (highlight) <= lectern_highlight_get_end (highlight));
      g_assert (lectern_highlight_get_end (highlight) <= length);
    }

  /* What was imported exports again. */
  g_free (lectern_export_write (export, LECTERN_EXPORT_FORMAT_JSON_LD, result->highlights, NULL));
  g_free (lectern_export_write (export, LECTERN_EXPORT_FORMAT_MARKDOWN, result->highlights, NULL));

  return 0;
}
