/* fuzz-links.c: libFuzzer target for the passage links file
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-core.h"
#include "lectern-fuzz.h"

/* The input is the contents of links.json, in a directory of its own:
 * the store reads it as at start-up (a corrupt one is moved aside
 * there), and every link it kept is placed into a document. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static LecternDocument *document;
  g_autofree char *dir = lectern_fuzz_make_dir ();
  g_autofree char *path = lectern_fuzz_write_file (dir, "links.json", data, size);
  g_autoptr(LecternLinkStore) store = NULL;

  if (document == NULL)
    document = lectern_fuzz_make_document ("file:///fuzz/document.md");

  store = lectern_link_store_new (path);
  lectern_link_store_load (store, NULL);
  lectern_link_store_attach_document (store, document);
  g_clear_object (&store);

  lectern_fuzz_remove_dir (dir);
  return 0;
}
