/* fuzz-store.c: libFuzzer target for the highlights file parser
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-core.h"
#include "lectern-annotation-store-private.h"
#include "lectern-fuzz.h"

/* The input is the contents of a document's highlights file. Its
 * fingerprint never matches, so every highlight read is also placed
 * again in the document's text (LecternAnchor with fuzzed targets);
 * then the file is written out again, into a directory that cannot
 * exist, so that nothing touches the disk. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static LecternDocument *document;
  g_autoptr(LecternAnnotationStore) store = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) highlights = NULL;
  guint length;

  if (document == NULL)
    document = lectern_fuzz_make_document ("file:///fuzz/document.md");
  length = lectern_document_get_length (document);

  store = lectern_annotation_store_new (LECTERN_FUZZ_NO_DIRECTORY);
  _lectern_annotation_store_load_bytes (store, document, bytes, NULL);

  highlights = lectern_annotation_store_list_for_document (store, lectern_document_get_id (document));
  for (guint i = 0; i < highlights->len; i++)
    {
      LecternHighlight *highlight = g_ptr_array_index (highlights, i);

      g_assert (lectern_highlight_get_start (highlight) <= lectern_highlight_get_end (highlight));
      if (lectern_highlight_get_state (highlight) == LECTERN_HIGHLIGHT_ANCHORED)
        g_assert (lectern_highlight_get_end (highlight) <= length);

      /* An edit, so that the document is saved again. */
      lectern_highlight_set_note (highlight, "fuzzed");
    }

  lectern_annotation_store_flush (store, NULL);

  return 0;
}
