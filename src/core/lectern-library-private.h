/* lectern-library-private.h: what the library's files share (private)
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-document-loader.h"
#include "lectern-json-file.h"
#include "lectern-library.h"

G_BEGIN_DECLS

/* Shared by lectern-library.c (the open documents) and
 * lectern-library-entries.c (the remembered ones). */
struct _LecternLibrary
{
  GObject                parent_instance;
  GPtrArray             *documents;
  LecternDocumentLoader *loader;
  /* Every document the reader opened, open or not (LecternLibraryEntry),
   * kept in library.json. */
  GListStore            *entries;
  LecternJsonFile       *file;
  /* library.json could not be read, or is from a newer Lectern: not written. */
  gboolean               read_only;
};

G_END_DECLS
