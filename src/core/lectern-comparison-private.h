/* lectern-comparison-private.h: what the stages of a comparison share
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * A comparison runs in stages over one Analysis:
 *
 *   lectern-comparison-words.c  words: tokenizer, stop words, stemming, language
 *   lectern-comparison-index.c  passages as TF-IDF vectors; the inverted index and matching
 *   lectern-comparison-terms.c  distinctive and shared terms (weighted log-odds)
 *   lectern-comparison.c        the object, the worker thread, the public API
 */

#pragma once

#include <libstemmer.h>

#include "lectern-comparison.h"

G_BEGIN_DECLS

#define TERM_NONE G_MAXUINT
#define N_TERM_LISTS (LECTERN_TERM_LIST_MORE_B + 1)

typedef struct
{
  guint term;
  float weight;
} Entry;

typedef struct
{
  guint passage;
  float weight;
} Posting;

typedef struct
{
  guint term;
  guint count;
} Surface;

typedef struct
{
  guint  passage;
  double score;
  guint  n_shared;
  guint  shared[LECTERN_COMPARISON_MAX_SHARED_TERMS];
} MatchBuild;

typedef struct
{
  LecternDocument     *document;
  GArray              *passages;       /* LecternPassage */
  GArray              *offsets;        /* guint: entries of passage i are [i, i + 1) */
  GArray              *entries;        /* Entry, by term within a passage */
  double              *length_factors; /* per passage: length / pivoted length */
  guint               *counts;         /* per term: occurrences in the passages */
  guint               *df;             /* per term: passages holding it */
  GArray              *builds;         /* MatchBuild */
  guint               *match_offsets;  /* n_passages + 1 */
  LecternPassageMatch *matches;
} Side;

typedef struct
{
  Side               sides[2];
  double             threshold;
  guint              max_terms;
  const char        *language;       /* "english" or NULL: no stemming */
  struct sb_stemmer *stemmer;        /* only while running */
  GHashTable        *stop_words;
  GStringChunk      *strings;        /* raw words and stems */
  GHashTable        *words;          /* raw word → surface id + 1 */
  GArray            *surfaces;       /* Surface */
  GHashTable        *vocabulary;     /* stem → term id + 1 */
  guint              n_terms;
  GPtrArray         *term_keys;      /* term id → key (in @strings) */
  const char       **term_surfaces;  /* term id → most common raw word */
  const char       **shared_pool;
  GPtrArray         *terms[N_TERM_LISTS];
  guint              n_links;
} Analysis;

/* lectern-comparison-words.c */

const char   *_lectern_comparison_next_word        (const char  *p,
                                                    const char  *end,
                                                    const char **word_end);
GHashTable   *_lectern_comparison_stop_words_new   (void);
char         *_lectern_comparison_word_key         (struct sb_stemmer *stemmer,
                                                    GHashTable        *stop_words,
                                                    const char        *word);
guint         _lectern_comparison_intern_word      (Analysis   *an,
                                                    const char *word,
                                                    const char *end);
guint         _lectern_comparison_intern_pair      (Analysis   *an,
                                                    guint       first,
                                                    guint       second,
                                                    const char *word,
                                                    const char *end);
gboolean      _lectern_comparison_is_cjk           (gunichar c);
gboolean      _lectern_comparison_is_name_term     (const Analysis *an,
                                                    guint           term);
gboolean      _lectern_comparison_is_passage_block (const LecternBlock *block);
gboolean      _lectern_comparison_looks_english    (LecternDocument *document,
                                                    GHashTable      *stop_words);
gboolean      _lectern_comparison_word_is_term     (const Analysis    *an,
                                                    struct sb_stemmer *stemmer,
                                                    const char        *word,
                                                    const char        *end,
                                                    const char        *key,
                                                    guint              term);

/* lectern-comparison-index.c */

gboolean      _lectern_comparison_read_passages    (Analysis     *an,
                                                    Side         *side,
                                                    GCancellable *cancellable);
void          _lectern_comparison_count_terms      (Analysis *an,
                                                    Side     *side);
void          _lectern_comparison_weigh            (Analysis *an);
gboolean      _lectern_comparison_match_side       (Analysis     *an,
                                                    Side         *from,
                                                    Side         *to,
                                                    GCancellable *cancellable);
void          _lectern_comparison_publish_matches  (Analysis *an);

/* lectern-comparison-terms.c */

void          _lectern_comparison_pick_surfaces    (Analysis *an);
void          _lectern_comparison_find_terms       (Analysis *an);
guint         _lectern_comparison_find_occurrences (const Analysis    *an,
                                                    struct sb_stemmer *stemmer,
                                                    LecternDocument   *document,
                                                    const char        *term,
                                                    GArray            *occurrences);

G_END_DECLS
