/* lectern-comparison.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lectern-document.h"

G_BEGIN_DECLS

/**
 * LecternSide:
 * @LECTERN_SIDE_A: the first document of a comparison
 * @LECTERN_SIDE_B: the second document of a comparison
 */
typedef enum
{
  LECTERN_SIDE_A,
  LECTERN_SIDE_B,
} LecternSide;

/**
 * LecternTermList:
 * @LECTERN_TERM_LIST_ONLY_A: terms of document A that document B never uses
 * @LECTERN_TERM_LIST_SHARED: terms frequent in both documents
 * @LECTERN_TERM_LIST_ONLY_B: terms of document B that document A never uses
 * @LECTERN_TERM_LIST_MORE_A: terms both use, A significantly more often
 * @LECTERN_TERM_LIST_MORE_B: terms both use, B significantly more often
 */
typedef enum
{
  LECTERN_TERM_LIST_ONLY_A,
  LECTERN_TERM_LIST_SHARED,
  LECTERN_TERM_LIST_ONLY_B,
  LECTERN_TERM_LIST_MORE_A,
  LECTERN_TERM_LIST_MORE_B,
} LecternTermList;

/**
 * LecternPassage:
 * @start: first character of the passage (code points into the document text)
 * @end: one past its last character
 * @n_words: how many words it holds
 *
 * A paragraph, list item or quoted paragraph of at least
 * %LECTERN_COMPARISON_MIN_WORDS words.
 */
typedef struct
{
  guint start;
  guint end;
  guint n_words;
} LecternPassage;

/**
 * LecternPassageMatch:
 * @passage: index of the related passage on the other side
 * @score: cosine similarity of the two passages' TF-IDF vectors, in (0, 1]
 * @shared_terms: (array zero-terminated=1): up to five shared terms that
 *   contributed most to @score, strongest first, each in its most common
 *   surface form
 *
 * One related passage of the other document.
 */
typedef struct
{
  guint               passage;
  double              score;
  const char * const *shared_terms;
} LecternPassageMatch;

/**
 * LecternTermOccurrence:
 * @start: first character of the word (code points into the document text)
 * @end: one past its last character
 */
typedef struct
{
  guint start;
  guint end;
} LecternTermOccurrence;

/**
 * LecternTerm:
 * @text: the term in its most common surface form in the two documents
 * @count_a: occurrences in the passages of document A
 * @count_b: occurrences in the passages of document B
 * @score: z-score of the weighted log-odds ratio; positive favours A,
 *   negative favours B, near zero for shared terms
 *
 * A distinctive or shared term of a comparison.
 */
typedef struct
{
  char   *text;
  guint   count_a;
  guint   count_b;
  double  score;
} LecternTerm;

/* Passages shorter than this say too little to be compared. */
#define LECTERN_COMPARISON_MIN_WORDS 8

/* Matches kept per passage and shared terms kept per match. */
#define LECTERN_COMPARISON_MAX_MATCHES 3
#define LECTERN_COMPARISON_MAX_SHARED_TERMS 5

#define LECTERN_TYPE_TERM (lectern_term_get_type ())

GType        lectern_term_get_type (void) G_GNUC_CONST;
LecternTerm *lectern_term_copy     (const LecternTerm *term);
void         lectern_term_free     (LecternTerm       *term);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternTerm, lectern_term_free)

#define LECTERN_TYPE_COMPARISON (lectern_comparison_get_type ())

G_DECLARE_FINAL_TYPE (LecternComparison, lectern_comparison, LECTERN, COMPARISON, GObject)

LecternComparison          *lectern_comparison_new                    (LecternDocument            *a,
                                                                       LecternDocument            *b);
LecternDocument            *lectern_comparison_get_document           (LecternComparison          *self,
                                                                       LecternSide                 side);
double                      lectern_comparison_get_threshold          (LecternComparison          *self);
void                        lectern_comparison_set_threshold          (LecternComparison          *self,
                                                                       double                      threshold);
guint                       lectern_comparison_get_max_terms          (LecternComparison          *self);
void                        lectern_comparison_set_max_terms          (LecternComparison          *self,
                                                                       guint                       max_terms);
gboolean                    lectern_comparison_run                    (LecternComparison          *self,
                                                                       GCancellable               *cancellable,
                                                                       GError                    **error);
void                        lectern_comparison_run_async              (LecternComparison          *self,
                                                                       GCancellable               *cancellable,
                                                                       GAsyncReadyCallback         callback,
                                                                       gpointer                    user_data);
gboolean                    lectern_comparison_run_finish             (LecternComparison          *self,
                                                                       GAsyncResult               *result,
                                                                       GError                    **error);
gboolean                    lectern_comparison_is_ready               (LecternComparison          *self);
const char                 *lectern_comparison_get_language           (LecternComparison          *self);
guint                       lectern_comparison_get_n_passages         (LecternComparison          *self,
                                                                       LecternSide                 side);
const LecternPassage       *lectern_comparison_get_passage            (LecternComparison          *self,
                                                                       LecternSide                 side,
                                                                       guint                       index);
int                         lectern_comparison_find_passage_at        (LecternComparison          *self,
                                                                       LecternSide                 side,
                                                                       guint                       offset);
guint                       lectern_comparison_get_matches            (LecternComparison          *self,
                                                                       LecternSide                 side,
                                                                       guint                       passage,
                                                                       const LecternPassageMatch **matches);
guint                       lectern_comparison_count_links            (LecternComparison          *self);
GPtrArray                  *lectern_comparison_get_terms              (LecternComparison          *self,
                                                                       LecternTermList             which);
guint                       lectern_comparison_find_term_occurrences  (LecternComparison          *self,
                                                                       LecternSide                 side,
                                                                       const char                 *term,
                                                                       GArray                     *occurrences);

G_END_DECLS
