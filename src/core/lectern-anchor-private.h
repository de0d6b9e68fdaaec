/* lectern-anchor-private.h: what the anchor's text index, matcher and search share
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 *   lectern-anchor-text.c   LecternAnchorText: the text with its offset indexes
 *   lectern-anchor-fuzzy.c  bit-parallel edit distance: one quote, or many pieces at once
 *   lectern-anchor-quote.c  one quote with its context; its copies found and ranked
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

/* Fuzzy matching (at most a quarter of the quote's characters may
 * differ: MAX_ERROR_DIVISOR), first near the expected place, then in
 * the whole text. */
#define FUZZY_WINDOW_CHARS 512
#define MAX_FUZZY_CANDIDATES 16
#define MIN_FUZZY_CONFIDENCE 0.4

typedef struct
{
  /* The stored text around the quote, whole... */
  const char *prefix;
  gsize       prefix_bytes;
  const char *suffix;
  gsize       suffix_bytes;
  /* ...and, decoded when first needed, the part of it that is compared
   * when it differs. */
  gboolean    prepared;
  guint       prefix_m;
  guint       suffix_m;
  Matcher     prefix_matcher;
  Matcher     suffix_matcher;
} Context;

typedef struct
{
  const char *exact;
  gsize       exact_bytes;
  gunichar   *chars;
  guint       m;
  Context     context;
  Matcher     forward;
  Matcher     backward;
  gboolean    matchers_ready;
} Quote;

typedef struct
{
  guint  start;
  guint  end;
  gsize  start_byte;
  gsize  end_byte;
  guint  distance;
  double context;
  double rank;
} Candidate;

/* lectern-anchor-quote.c */

gboolean              _lectern_anchor_context_is_known     (Context *self);
gboolean              _lectern_anchor_context_matches_fully(const LecternAnchorText *t,
                                                            const Context           *self,
                                                            gsize                    start_byte,
                                                            gsize                    end_byte);
double                _lectern_anchor_context_score        (const LecternAnchorText *t,
                                                            Context                 *self,
                                                            gsize                    start_byte,
                                                            gsize                    end_byte);
void                  _lectern_anchor_quote_init           (Quote      *self,
                                                            const char *exact,
                                                            const char *prefix,
                                                            const char *suffix);
const gunichar      *_lectern_anchor_quote_get_chars       (Quote *self);
void                  _lectern_anchor_quote_clear          (Quote *self);
gboolean              _lectern_anchor_find_exact           (const LecternAnchorText *t,
                                                            Quote                   *quote,
                                                            gsize                    from,
                                                            gsize                    to,
                                                            guint                    expected,
                                                            Candidate               *best);
int                   _lectern_anchor_compare_hits         (gconstpointer a,
                                                            gconstpointer b,
                                                            gpointer      user_data);
gboolean              _lectern_anchor_find_fuzzy           (const LecternAnchorText *t,
                                                            Quote                   *quote,
                                                            gsize                    from,
                                                            gsize                    to,
                                                            guint                    expected,
                                                            Candidate               *best);
LecternAnchorResult   _lectern_anchor_orphaned             (const LecternAnchorTarget *target);
LecternAnchorResult   _lectern_anchor_exact_result         (const LecternAnchorTarget *target,
                                                            const Candidate           *candidate);
double                _lectern_anchor_fuzzy_confidence     (const Quote     *quote,
                                                            const Candidate *candidate);

G_END_DECLS
