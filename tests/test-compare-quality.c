/* test-compare-quality.c: the Compare method against read ground truth
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each set of tests/compare-truth/ must keep the figures the shipped
 * method reaches (docs/benchmarks.md, compare-quality), less a small
 * margin.  A set whose documents are not installed is skipped, saying
 * which. */

#include "config.h"

#include "lectern-comparison-eval.h"

typedef struct
{
  const char *truth;
  gboolean    in_shared;    /* documents under ../shared/corpus */
  double      recall_1;     /* floors, both directions */
  double      recall_3;
  double      mrr;
  double      precision;    /* of drawn links; an unjudged one counts as wrong */
  double      precision_judged;
} Floors;

static char *
shared_corpus_dir (void)
{
  const char *shared = g_getenv ("LECTERN_SHARED_DIR");

  if (shared == NULL)
    return NULL;

  return g_build_filename (shared, "corpus", NULL);
}

static void
test_set (gconstpointer data)
{
  const Floors *floors = data;
  g_autofree char *truth = g_test_build_filename (G_TEST_DIST, "compare-truth", floors->truth, NULL);
  g_autofree char *truth_dir = g_path_get_dirname (truth);
  g_autofree char *corpus = shared_corpus_dir ();
  g_autoptr(GError) error = NULL;
  LecternComparisonEval eval;

  if (floors->in_shared && (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR)))
    {
      g_test_skip ("../shared/corpus is absent: the alliance set is not measured");
      return;
    }

  if (!lectern_comparison_eval_run (truth, floors->in_shared ? corpus : truth_dir, &eval, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_autofree char *message = g_strdup_printf ("%s: %s (install debian-handbook and "
                                                      "debian-reference-en)",
                                                      floors->truth, error->message);
          g_test_skip (message);
          return;
        }
      g_assert_no_error (error);
    }

  for (guint d = 0; d < 2; d++)
    {
      const LecternEvalDirection *dir = &eval.directions[d];

      g_test_message ("%s %s: %u queries (%u not compared), recall@1 %.2f, recall@3 %.2f, MRR %.2f",
                      floors->truth, d == 0 ? "A→B" : "B→A", dir->n_queries, dir->n_unresolved,
                      dir->recall_1, dir->recall_3, dir->mrr);
      g_assert_cmpfloat (dir->recall_1, >=, floors->recall_1);
      g_assert_cmpfloat (dir->recall_3, >=, floors->recall_3);
      g_assert_cmpfloat (dir->mrr, >=, floors->mrr);
    }
  g_test_message ("%s: %u drawn, %u in the truth (precision %.2f), %u judged (%.2f)",
                  floors->truth, eval.n_drawn, eval.n_drawn_correct, eval.precision,
                  eval.n_drawn_judged, eval.precision_judged);
  g_assert_cmpfloat (eval.precision, >=, floors->precision);
  g_assert_cmpfloat (eval.precision_judged, >=, floors->precision_judged);
}

static const Floors sets[] = {
  /* The Debian set judged only parts of the Reference: its precision
   * floor is among judged links. */
  { "alliance.truth", TRUE, 0.38, 0.65, 0.60, 0.28, 0.60 },
  { "debian-apt.truth", FALSE, 0.22, 0.45, 0.32, 0.0, 0.30 },
  { "korean.truth", FALSE, 0.55, 0.75, 0.64, 0.9, 0.9 },
};

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      g_autofree char *path = g_strdup_printf ("/compare-quality/%s", sets[i].truth);

      g_test_add_data_func (path, &sets[i], test_set);
    }

  return g_test_run ();
}
