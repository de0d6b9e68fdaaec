/* lectern-anchor-private.h: what the anchor's text index, matcher and search share
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 *   lectern-anchor-text.c   LecternAnchorText: the text with its offset indexes
 *   lectern-anchor-fuzzy.c  bit-parallel edit distance: one quote, or many pieces at once
 *   lectern-anchor.c        placing targets: exact, near, then everywhere
 */

#pragma once

#include "lectern-anchor.h"

G_BEGIN_DECLS

/* Characters (and bytes) between two entries of the offset indexes. */
#define STRIDE 64
/* Fuzzy matching: at most a quarter of the quote's characters may differ. */
#define MAX_ERROR_DIVISOR 4

struct _LecternAnchorText
{
  gatomicrefcount  ref_count;
  const char      *text;
  gsize            n_bytes;
  guint            length;
  gboolean         ascii;
  /* The text's owner: a copy, or the document the text belongs to. */
  char            *owned;
  LecternDocument *document;
  /* Byte offset of character i * STRIDE. */
  gsize           *char_index;
  /* Number of characters starting before byte i * STRIDE. */
  guint           *byte_index;
};

static inline gboolean
is_continuation (guchar byte)
{
  return (byte & 0xC0) == 0x80;
}

typedef struct
{
  guint     m;
  guint     n_blocks;
  guint64   last_bit;
  /* One row of n_blocks masks per ASCII character... */
  guint64  *ascii_eq;
  /* ...and per other character of the pattern, found through a small
   * open-addressing table (0 marks a free slot: such keys are >= 128). */
  gunichar *other_keys;
  guint    *other_rows;
  guint     other_mask;
  guint64  *other_eq;
  guint64  *zero;
  /* State: vertical deltas and the score of each block's last row. */
  guint64  *pv;
  guint64  *mv;
  guint    *block_score;
  guint     score;
} Matcher;

typedef struct
{
  guint end;
  gsize end_byte;
  guint distance;
} Hit;

/* Searching the whole text: the quotes are cut into pieces of at most
 * 64 characters, and MAX_LANES pieces are compared with each character
 * in one pass, four per 256-bit vector (GCC/Clang vector extensions:
 * AVX2 where the processor has it, else pairs of SSE2 or NEON ones). If a quote matches with at most a quarter of its
 * characters changed, one of its pieces does too, with at most a
 * quarter of its own; the places where a piece matches are then checked
 * for the whole quote.
 *
 * Each piece sits in the top bits of its word, below it "wildcard"
 * rows that match every character; so the last row of every lane is
 * bit 63. */

#define MAX_LANES 16

typedef struct _AnchorJob Job;

/* Up to 64 characters of the quote of @job, from its character @first. */
typedef struct
{
  Job            *job;
  const gunichar *chars;
  guint           first;
  guint           len;
  GArray         *hits;
} Piece;

void  _lectern_anchor_matcher_init           (Matcher                 *self,
                                              const gunichar          *chars,
                                              guint                    m,
                                              gboolean                 reversed);
void  _lectern_anchor_matcher_clear          (Matcher                 *self);
guint _lectern_anchor_scan_forward_anchored  (const LecternAnchorText *t,
                                              Matcher                 *matcher,
                                              gsize                    from,
                                              guint                    max_chars,
                                              gsize                   *best_byte);
guint _lectern_anchor_scan_backward_anchored (const LecternAnchorText *t,
                                              Matcher                 *matcher,
                                              gsize                    from,
                                              guint                    max_chars,
                                              gsize                   *best_byte);
void  _lectern_anchor_search_forward         (const LecternAnchorText *t,
                                              Matcher                 *matcher,
                                              gsize                    from,
                                              gsize                    to,
                                              guint                    k,
                                              GArray                  *hits);
guint _lectern_anchor_edit_distance          (const LecternAnchorText *t,
                                              const gunichar          *chars,
                                              guint                    m,
                                              guint                    start,
                                              guint                    end);
void  _lectern_anchor_scan_pieces            (const LecternAnchorText *t,
                                              Piece                   *pieces,
                                              guint                    n_pieces);

G_END_DECLS
