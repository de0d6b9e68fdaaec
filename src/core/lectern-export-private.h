/* lectern-export-private.h: what the stages of export and import share
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Export and import are written in stages, one file each:
 *
 *   lectern-export.c           the object and the two entry points
 *   lectern-export-common.c    grouping and order shared by both writers
 *   lectern-export-markdown.c  the Markdown writer
 *   lectern-export-jsonld.c    the Web Annotation (JSON-LD) writer
 *   lectern-export-reader.c    the Web Annotation reader: JSON to Annotation
 *   lectern-export-import.c    the importer: Annotation onto documents and stores
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lectern-export.h"

G_BEGIN_DECLS

/* Names of the JSON-LD format, written by the writer and read back. */
#define COLOR_MEMBER "lectern:color"
/* The relation of a passage link, a name of lectern_relation_to_string(). */
#define RELATION_MEMBER "lectern:relation"
#define URN_UUID "urn:uuid:"

struct _LecternExport
{
  GObject                 parent_instance;

  LecternAnnotationStore *store;
  LecternLibrary         *library;
  LecternColorMeanings   *meanings;
  LecternLinkStore       *links;
};

/* Grouping and order, shared by both writers (lectern-export-common.c) */

/* The highlights of one document, with what is known about it. */
typedef struct
{
  const char *document_id;
  const char *uri;
  const char *title;
  char       *sort_key;
  GPtrArray  *highlights;
} Group;

/* The links between two documents, A and B, each link with its passage
 * in A first. A and B are the left and right documents of the pair's
 * earliest link. */
typedef struct
{
  const char *document_ids[2];
  const char *uris[2];
  const char *titles[2];
  char       *sort_key;
  GPtrArray  *links;
} Pair;

static inline LecternLinkSide
other_side (LecternLinkSide side)
{
  return side == LECTERN_LINK_SIDE_LEFT ? LECTERN_LINK_SIDE_RIGHT : LECTERN_LINK_SIDE_LEFT;
}

GPtrArray       *_lectern_export_group_highlights        (LecternExport       *self,
                                                          GPtrArray           *highlights);
GPtrArray       *_lectern_export_group_links             (LecternExport       *self,
                                                          GPtrArray           *links);
LecternLinkSide  _lectern_export_pair_side               (const Pair          *pair,
                                                          LecternPassageLink  *link);
void             _lectern_export_describe_link_document  (LecternExport       *self,
                                                          LecternPassageLink  *link,
                                                          LecternLinkSide      side,
                                                          const char         **uri,
                                                          const char         **title);
char            *_lectern_export_name_uuid              (const char          *name);
char            *_lectern_export_format_time             (GDateTime           *datetime);
void             _lectern_export_unref_json_later        (JsonNode            *node,
                                                          guint                n_items);

/* The writers */

char            *_lectern_export_write_markdown          (LecternExport       *self,
                                                          GPtrArray           *highlights,
                                                          GPtrArray           *links);
char            *_lectern_export_write_json_ld           (LecternExport       *self,
                                                          GPtrArray           *highlights,
                                                          GPtrArray           *links);

/* The reader (lectern-export-reader.c) */

/* One annotation of the file, as far as Lectern uses it. Strings that
 * are not owned point into the parsed JSON, which outlives it. */
typedef struct
{
  const char *source;
  const char *exact;
  const char *prefix;
  const char *suffix;
  guint       start;
  guint       end;
  gboolean    has_position;
} AnnotationTarget;

typedef struct
{
  char             *id;
  char             *label;
  /* The passage; for a passage link the left one, and @other the right. */
  AnnotationTarget  target;
  AnnotationTarget  other;
  gboolean          is_link;
  LecternRelation   relation;
  gboolean          has_relation;
  GString          *note;
  GPtrArray        *tags;
  LecternColor      color;
  GDateTime        *created;
  GDateTime        *modified;
} Annotation;

GPtrArray       *_lectern_export_read_json_ld            (const char          *data,
                                                          gsize                length,
                                                          LecternImportResult *result,
                                                          JsonNode           **root,
                                                          GError             **error);

/* The importer (lectern-export-import.c) */

void             _lectern_export_place_annotations       (LecternExport       *self,
                                                          GPtrArray           *annotations,
                                                          LecternImportResult *result);

G_END_DECLS
