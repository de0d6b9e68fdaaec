/* lectern-document-builder.h: the text, blocks and runs of a document being parsed
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Private to the loader: the Markdown parser (lectern-document-markdown.c)
 * and the plain-text one (lectern-document-loader.c) fill a Builder
 * (lectern-document-builder.c), which makes the document. */

#pragma once

#include "lectern-document-loader.h"
#include "lectern-document-private.h"

G_BEGIN_DECLS

/* One list the Markdown walker is inside of. */
typedef struct
{
  gboolean ordered;
  guint    next_number;
} ListLevel;

/* One open inline span, waiting for its end. */
typedef struct
{
  LecternStyle  style;
  guint         start;
  const char   *href;
} OpenSpan;

/* Everything the text is built from while md4c or the plain-text
 * splitter walks the input. */
typedef struct
{
  GString      *text;
  guint         length;
  GArray       *blocks;
  GArray       *runs;
  GStringChunk *strings;
  GArray       *spans;
  GArray       *lists;

  /* The leaf block being filled, if any. */
  gboolean      in_leaf;
  LecternBlock  leaf;
  gsize         leaf_bytes_before;
  guint         leaf_length_before;
  guint         leaf_first_run;

  guint         quote_depth;
  guint         in_item;
  gboolean      item_marker_pending;
  gboolean      item_is_task;
  gboolean      item_task_done;
  guint         table_cell;
  char         *first_heading;
  guint         first_heading_level;

  /* The source text, when the parser appends slices of it: appended
   * bytes that lie inside it are recorded in the source map. */
  const char   *source;
  gsize         source_len;
  GArray       *source_map;
  gsize         source_map_end;
  GArray       *dropped_crs;
  /* The page new blocks begin on (PDF); 0 for unpaged sources. */
  guint         page;
} Builder;

/* lectern-document-builder.c */

void             _lectern_builder_init                (Builder *b,
                                                       gsize    size_hint);
void             _lectern_builder_set_source          (Builder    *b,
                                                       const char *source,
                                                       gsize       len,
                                                       GArray     *dropped_crs);
void             _lectern_builder_append              (Builder    *b,
                                                       const char *str,
                                                       gsize       len);
void             _lectern_builder_add_run             (Builder      *b,
                                                       LecternStyle  style,
                                                       guint         start,
                                                       guint         end,
                                                       const char   *href);
void             _lectern_builder_begin_leaf          (Builder          *b,
                                                       LecternBlockKind  kind,
                                                       guint             level);
void             _lectern_builder_trim_trailing_space (Builder *b);
void             _lectern_builder_end_leaf            (Builder *b);
void             _lectern_builder_ensure_leaf         (Builder *b);
LecternDocument *_lectern_builder_finish              (Builder               *b,
                                                       const char            *uri,
                                                       const char            *title,
                                                       LecternDocumentFormat  format);
char            *_lectern_document_title_from_name    (const char *display_name);

/* lectern-document-epub.c */

/* A book's unpacked chapters may be this many times the size limit of
 * the file; beyond that it is a zip bomb. */
#define LECTERN_EPUB_UNCOMPRESSED_FACTOR 4

LecternDocument *_lectern_document_parse_epub         (const char  *data,
                                                       gsize        len,
                                                       const char  *uri,
                                                       const char  *display_name,
                                                       gsize        max_uncompressed,
                                                       GError     **error);

/* lectern-document-pdf.c */

LecternDocument *_lectern_document_parse_pdf          (GBytes      *bytes,
                                                       const char  *uri,
                                                       const char  *display_name,
                                                       GError     **error);

/* lectern-document-markdown.c */

LecternDocument *_lectern_document_parse_markdown     (const char *data,
                                                       gsize       len,
                                                       GArray     *dropped_crs,
                                                       const char *uri,
                                                       const char *display_name);

/* lectern-document-plain.c */

LecternDocument *_lectern_document_parse_plain        (const char *data,
                                                       gsize       len,
                                                       GArray     *dropped_crs,
                                                       const char *uri,
                                                       const char *display_name);

/* lectern-document-html.c */

LecternDocument *_lectern_document_parse_html         (const char  *data,
                                                       gsize        len,
                                                       const char  *uri,
                                                       const char  *display_name,
                                                       GError     **error);

/* lectern-document-loader-detect.c */

gboolean         _lectern_text_looks_like_markdown    (const char *data,
                                                       gsize       len);

G_END_DECLS
