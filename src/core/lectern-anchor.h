/* lectern-anchor.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lectern-document.h"
#include "lectern-highlight.h"

G_BEGIN_DECLS

/**
 * LecternAnchorMethod:
 * @LECTERN_ANCHOR_EXACT_POSITION: the quote is still at its stored position
 * @LECTERN_ANCHOR_EXACT_NEAREST: the quote was found unchanged elsewhere;
 *   among several copies the one whose context and place fit best
 * @LECTERN_ANCHOR_FUZZY: a slightly changed copy of the quote was found
 *   (bounded edit distance, at most a quarter of its characters)
 * @LECTERN_ANCHOR_ORPHANED: the quote could not be found; the range is the
 *   stored one, unchanged
 *
 * How a target was placed in a text.
 */
typedef enum
{
  LECTERN_ANCHOR_EXACT_POSITION,
  LECTERN_ANCHOR_EXACT_NEAREST,
  LECTERN_ANCHOR_FUZZY,
  LECTERN_ANCHOR_ORPHANED,
} LecternAnchorMethod;

/**
 * LecternAnchorTarget:
 * @start: the stored first character (code points into the old text)
 * @end: one past the stored last character
 * @exact: the quote, UTF-8
 * @prefix: (nullable): text just before the quote when it was stored
 * @suffix: (nullable): text just after the quote when it was stored
 *
 * What is known about a passage: where it was and what it said. The
 * strings are borrowed.
 */
typedef struct
{
  guint       start;
  guint       end;
  const char *exact;
  const char *prefix;
  const char *suffix;
} LecternAnchorTarget;

/**
 * LecternAnchorResult:
 * @method: how the target was placed
 * @start: first character of the passage in the new text (for
 *   %LECTERN_ANCHOR_ORPHANED the stored start)
 * @end: one past its last character (for %LECTERN_ANCHOR_ORPHANED the stored end)
 * @distance: edit distance, in characters, between the quote and the
 *   passage; 0 unless @method is %LECTERN_ANCHOR_FUZZY
 * @confidence: from 0 to 1, how sure the placement is: 1 for the quote
 *   with its whole context unchanged, less as the context or the quote
 *   differ; always below 1 for a fuzzy match and 0 for an orphan
 *
 * Where a target lies in a text now.
 */
typedef struct
{
  LecternAnchorMethod method;
  guint               start;
  guint               end;
  guint               distance;
  double              confidence;
} LecternAnchorResult;

typedef struct _LecternAnchorText LecternAnchorText;

#define LECTERN_TYPE_ANCHOR_TEXT (lectern_anchor_text_get_type ())

GType               lectern_anchor_text_get_type         (void) G_GNUC_CONST;
LecternAnchorText  *lectern_anchor_text_new              (const char                *text,
                                                          gsize                      n_bytes);
LecternAnchorText  *lectern_anchor_text_new_for_document (LecternDocument           *document);
LecternAnchorText  *lectern_anchor_text_ref              (LecternAnchorText         *self);
void                lectern_anchor_text_unref            (LecternAnchorText         *self);
guint               lectern_anchor_text_get_length       (const LecternAnchorText   *self);
gsize               lectern_anchor_text_offset_to_byte   (const LecternAnchorText   *self,
                                                          guint                      offset);
guint               lectern_anchor_text_byte_to_offset   (const LecternAnchorText   *self,
                                                          gsize                      byte);

LecternAnchorResult lectern_anchor_locate                (const LecternAnchorText   *text,
                                                          const LecternAnchorTarget *target);
void                lectern_anchor_locate_all            (const LecternAnchorText   *text,
                                                          const LecternAnchorTarget *targets,
                                                          guint                      n_targets,
                                                          LecternAnchorResult       *results);
void                lectern_anchor_target_init_from_highlight (LecternAnchorTarget *target,
                                                               LecternHighlight    *highlight);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternAnchorText, lectern_anchor_text_unref)

G_END_DECLS
