/* lectern-library-file.h: library.json, the documents the reader opened (private)
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lectern-json-file.h"

G_BEGIN_DECLS

#define LECTERN_LIBRARY_FORMAT_NAME "lectern-library"
#define LECTERN_LIBRARY_FORMAT_VERSION 1
/* 100,000 documents fit in far less. */
#define LECTERN_LIBRARY_MAX_FILE_SIZE (16 * 1024 * 1024)

LecternJsonFileStatus lectern_library_file_read      (const char  *path,
                                                      GListStore  *entries);
GBytes               *lectern_library_file_serialize (GListModel  *entries);

G_END_DECLS
