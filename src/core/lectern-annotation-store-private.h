/* lectern-annotation-store-private.h: what tests and fuzz targets may
 * call beyond the public API
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-annotation-store.h"
#include "lectern-json-file.h"

G_BEGIN_DECLS

/* The largest highlights file that is read (64 MiB, about 60,000
 * highlights with long notes); a larger one is left alone. */
#define LECTERN_STORE_MAX_FILE_SIZE (64 * 1024 * 1024)
/* Deeper JSON is treated as corrupt: json-glib parses recursively, and
 * the format itself is nested four levels deep. */
#define LECTERN_STORE_MAX_NESTING LECTERN_JSON_FILE_MAX_NESTING

/* Attaches @document as lectern_annotation_store_load_document() does,
 * but with @bytes as the contents of its file, which is not read. */
gboolean _lectern_annotation_store_load_bytes (LecternAnnotationStore  *self,
                                               LecternDocument         *document,
                                               GBytes                  *bytes,
                                               GError                 **error);
/* Whether an autosave is scheduled, being prepared or being written. */
gboolean _lectern_annotation_store_is_saving  (LecternAnnotationStore  *self);

G_END_DECLS
