/* lectern-document.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * LecternBlockKind:
 * @LECTERN_BLOCK_PARAGRAPH: a paragraph of running text
 * @LECTERN_BLOCK_HEADING: a heading; #LecternBlock.level is 1-6
 * @LECTERN_BLOCK_LIST_ITEM: a list item; #LecternBlock.level is the nesting depth (1 = outermost)
 * @LECTERN_BLOCK_QUOTE: a paragraph inside a block quote
 * @LECTERN_BLOCK_CODE: a code block (may hold several lines)
 * @LECTERN_BLOCK_RULE: a horizontal rule (its text is a single separator character)
 * @LECTERN_BLOCK_FOOTNOTE: a paragraph that begins with a superscript footnote marker
 *
 * What a block of the rendered text is.
 */
typedef enum
{
  LECTERN_BLOCK_PARAGRAPH,
  LECTERN_BLOCK_HEADING,
  LECTERN_BLOCK_LIST_ITEM,
  LECTERN_BLOCK_QUOTE,
  LECTERN_BLOCK_CODE,
  LECTERN_BLOCK_RULE,
  LECTERN_BLOCK_FOOTNOTE,
} LecternBlockKind;

/**
 * LecternBlock:
 * @kind: what the block is
 * @level: heading level (1-6) or list nesting depth (1-based); 0 otherwise
 * @quote_depth: how many block quotes enclose the block
 * @list_number: for an item of an ordered list its number, else 0
 * @start: first character of the block (code points into the text)
 * @end: one past its last character (the newline between blocks is not part of it)
 * @page: the page of a paged source (PDF) the block begins on, 1-based; 0 where the
 *   source has no pages
 *
 * One block of a #LecternDocument. Blocks are in text order and do not overlap.
 */
typedef struct
{
  LecternBlockKind kind;
  guint level;
  guint quote_depth;
  guint list_number;
  guint start;
  guint end;
  guint page;
} LecternBlock;

/**
 * LecternStyle:
 * @LECTERN_STYLE_BOLD: strong emphasis
 * @LECTERN_STYLE_ITALIC: emphasis
 * @LECTERN_STYLE_CODE: a code span or code block
 * @LECTERN_STYLE_SUPERSCRIPT: superscript, e.g. a footnote marker
 * @LECTERN_STYLE_SUBSCRIPT: subscript
 * @LECTERN_STYLE_LINK: a link; the run carries its target
 * @LECTERN_STYLE_STRIKETHROUGH: struck-through text
 * @LECTERN_STYLE_LIST_MARKER: the bullet or number in front of a list item
 *
 * Character styles. Runs of different styles may overlap.
 */
typedef enum
{
  LECTERN_STYLE_BOLD,
  LECTERN_STYLE_ITALIC,
  LECTERN_STYLE_CODE,
  LECTERN_STYLE_SUPERSCRIPT,
  LECTERN_STYLE_SUBSCRIPT,
  LECTERN_STYLE_LINK,
  LECTERN_STYLE_STRIKETHROUGH,
  LECTERN_STYLE_LIST_MARKER,
} LecternStyle;

/**
 * LecternStyleRun:
 * @style: the style
 * @start: first character (code points into the text)
 * @end: one past the last character
 * @href: (nullable): the link target for %LECTERN_STYLE_LINK, else %NULL
 *
 * A range of the text in one style.
 */
typedef struct
{
  LecternStyle style;
  guint start;
  guint end;
  const char *href;
} LecternStyleRun;

/**
 * LecternDocumentFormat:
 * @LECTERN_DOCUMENT_FORMAT_PLAIN: plain text
 * @LECTERN_DOCUMENT_FORMAT_MARKDOWN: Markdown (CommonMark with a few GitHub extensions)
 * @LECTERN_DOCUMENT_FORMAT_HTML: a web page; only its main content is read
 * @LECTERN_DOCUMENT_FORMAT_EPUB: an EPUB 2 or 3 book (a zip of XHTML chapters)
 * @LECTERN_DOCUMENT_FORMAT_PDF: a PDF; its text is rebuilt into paragraphs
 */
typedef enum
{
  LECTERN_DOCUMENT_FORMAT_PLAIN,
  LECTERN_DOCUMENT_FORMAT_MARKDOWN,
  LECTERN_DOCUMENT_FORMAT_HTML,
  LECTERN_DOCUMENT_FORMAT_EPUB,
  LECTERN_DOCUMENT_FORMAT_PDF,
} LecternDocumentFormat;

/**
 * LecternSourceSpan:
 * @start: first character of the span in the rendered text
 * @source_start: the same character in the source file (characters of
 *   the file as it is on disk, CRLF counting as two, a byte order mark
 *   not counted)
 * @length: how many characters the span has (the same on both sides)
 *
 * One piece of a document's source map: rendered text that is a
 * verbatim copy of the source file.
 */
typedef struct
{
  guint start;
  guint source_start;
  guint length;
} LecternSourceSpan;

#define LECTERN_TYPE_DOCUMENT (lectern_document_get_type ())

G_DECLARE_FINAL_TYPE (LecternDocument, lectern_document, LECTERN, DOCUMENT, GObject)

const char            *lectern_document_get_id           (LecternDocument *self);
const char            *lectern_document_get_uri          (LecternDocument *self);
const char            *lectern_document_get_title        (LecternDocument *self);
LecternDocumentFormat  lectern_document_get_format       (LecternDocument *self);
const char            *lectern_document_get_text         (LecternDocument *self);
gsize                  lectern_document_get_text_bytes   (LecternDocument *self);
guint                  lectern_document_get_length       (LecternDocument *self);
const char            *lectern_document_get_fingerprint  (LecternDocument *self);
const char            *lectern_document_get_author       (LecternDocument *self);
const char            *lectern_document_get_date         (LecternDocument *self);
gboolean               lectern_document_is_sample        (LecternDocument *self);
const LecternBlock    *lectern_document_get_blocks       (LecternDocument *self,
                                                          guint           *n_blocks);
const LecternStyleRun *lectern_document_get_runs         (LecternDocument *self,
                                                          guint           *n_runs);
char                  *lectern_document_dup_slice        (LecternDocument *self,
                                                          guint            start,
                                                          guint            end);
const char            *lectern_document_offset_to_pointer (LecternDocument *self,
                                                           guint            offset);
const LecternBlock    *lectern_document_find_block       (LecternDocument *self,
                                                          guint            offset);

gboolean               lectern_document_get_source_range (LecternDocument *self,
                                                          guint            start,
                                                          guint            end,
                                                          guint           *source_start,
                                                          guint           *source_end);
gboolean               lectern_document_find_source_range (LecternDocument *self,
                                                           guint            source_start,
                                                           guint            source_end,
                                                           guint           *start,
                                                           guint           *end);

char                  *lectern_document_key_for_uri      (const char      *uri);

G_END_DECLS
