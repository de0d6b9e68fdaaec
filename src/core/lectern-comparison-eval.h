/* lectern-comparison-eval.h: the Compare method against read ground truth
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Private to the project: used by lectern-bench (compare-quality) and
 * tests/test-compare-quality.c, never by the application. */

#pragma once

#include "lectern-comparison.h"

G_BEGIN_DECLS

/**
 * LecternEvalDirection:
 * @n_queries: passages of this side with at least one partner in the truth
 * @n_unresolved: of them, those that are not a compared passage (too
 *   short, a heading): they count as misses
 * @recall_1: share of the queries whose first match is a partner
 * @recall_3: share with a partner among the first three matches
 * @mrr: mean reciprocal rank of the first partner (0 beyond rank 3)
 */
typedef struct
{
  guint  n_queries;
  guint  n_unresolved;
  double recall_1;
  double recall_3;
  double mrr;
} LecternEvalDirection;

/**
 * LecternComparisonEval:
 * @n_pairs: pair lines of the truth file
 * @directions: A → B and B → A
 * @n_drawn: distinct passage pairs linked at or above the threshold
 * @n_drawn_correct: of them, pairs listed in the truth
 * @n_drawn_judged: of them, pairs whose two passages the truth names
 * @precision: @n_drawn_correct / @n_drawn (an unjudged link counts as wrong)
 * @precision_judged: @n_drawn_correct / @n_drawn_judged
 * @n_only_emphasised: passages marked A-only/B-only whose best link is
 *   drawn at or above the threshold
 */
typedef struct
{
  guint                n_pairs;
  LecternEvalDirection directions[2];
  guint                n_drawn;
  guint                n_drawn_correct;
  guint                n_drawn_judged;
  double               precision;
  double               precision_judged;
  guint                n_only_emphasised;
} LecternComparisonEval;

gboolean lectern_comparison_eval_run (const char             *truth_path,
                                      const char             *base_dir,
                                      LecternComparisonEval  *result,
                                      GError                **error);

G_END_DECLS
