/* lectern-annotation-format.h: the highlights file, format v1 (private)
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lectern-annotation-store.h"
#include "lectern-document.h"
#include "lectern-highlight.h"

G_BEGIN_DECLS

#define LECTERN_ANNOTATION_FORMAT_NAME "lectern-annotations"

/* What the writer's thread needs to put one highlights file together. */
typedef struct
{
  /* From lectern_annotation_format_write_header(). */
  char      *header;
  /* GRefString entries of the highlights, in file order. */
  GPtrArray *entries;
  /* Entries that could not be read, as JSON text, written back unchanged. */
  GPtrArray *unparsed;
} LecternAnnotationSnapshot;

char             *lectern_annotation_format_write_header (const char       *uri,
                                                          const char       *title,
                                                          const char       *fingerprint,
                                                          guint             length,
                                                          JsonObject       *unknown_top,
                                                          JsonObject       *unknown_document);
char             *lectern_annotation_format_write_entry  (JsonGenerator    *generator,
                                                          LecternHighlight *highlight);
LecternHighlight *lectern_annotation_format_read_entry   (JsonNode         *node,
                                                          const char       *document_id,
                                                          GTimeZone        *utc);
void              lectern_annotation_format_dup_unknown_header (JsonNode    *root,
                                                              JsonObject **unknown_top,
                                                              JsonObject **unknown_document);
gboolean          lectern_annotation_format_text_changed (JsonNode         *root,
                                                          LecternDocument  *document);

GBytes           *lectern_annotation_snapshot_serialize  (gpointer          snapshot);
void              lectern_annotation_snapshot_free       (gpointer          snapshot);

G_END_DECLS
