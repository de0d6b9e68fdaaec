/* test-compare-quality.c: the Compare method against read ground truth
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each set of tests/compare-truth/ must keep the figures the shipped
 * method reaches (docs/benchmarks.md, compare-quality), less a small
 * margin.  A set whose documents are not installed is skipped, saying
 * which.  Beside them, small cases of what the figures rest on: Korean
 * particles, spelling variants, and terms lists that say what they mean. */

#include "config.h"

#include <string.h>

#include "lectern-comparison-eval.h"
#include "lectern-document-loader.h"

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

/* Two Markdown texts, compared. */
static LecternComparison *
compare_texts (const char *markdown_a,
               const char *markdown_b)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  LecternDocument *documents[2];
  LecternComparison *comparison;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (i == 0 ? markdown_a : markdown_b,
                                                    strlen (i == 0 ? markdown_a : markdown_b));

      documents[i] = lectern_document_loader_load_bytes (loader, bytes, i == 0 ? "test:///a.md" : "test:///b.md",
                                                         "doc.md", LECTERN_DOCUMENT_FORMAT_MARKDOWN, &error);
      g_assert_no_error (error);
    }

  comparison = lectern_comparison_new (documents[0], documents[1]);
  g_assert_true (lectern_comparison_run (comparison, NULL, &error));
  g_assert_no_error (error);
  g_object_unref (documents[0]);
  g_object_unref (documents[1]);

  return comparison;
}

/* 동맹은, 동맹의 and 동맹을 share the pair 동맹: passages that say the
 * same with other particles are related, and 8 Hangul characters make a
 * passage long enough to compare. */
static void
test_korean_particles (void)
{
  g_autoptr(LecternComparison) comparison =
    compare_texts ("한미 동맹은 올해 칠십 주년을 맞았다.\n\n"
                   "반도체 수출이 크게 늘었다고 정부가 밝혔다.\n",
                   "칠십 주년을 맞은 한미 동맹의 앞날을 생각한다.\n\n"
                   "올해 여름 장마가 길어 농작물 피해가 컸다.\n");
  const LecternPassageMatch *matches = NULL;

  g_assert_cmpuint (lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_A), ==, 2);
  g_assert_cmpuint (lectern_comparison_get_matches (comparison, LECTERN_SIDE_A, 0, &matches), >, 0);
  g_assert_cmpuint (matches[0].passage, ==, 0);
  g_assert_cmpfloat (matches[0].score, >=, lectern_comparison_get_threshold (comparison));
}

/* "Only" is literal: no word of an only-list occurs on the other side;
 * what both use, one more often, is under "more"; a name of two
 * capitalised words is one term, and its words alone are not listed. */
static void
test_only_means_only (void)
{
  g_autoptr(GString) text_a = g_string_new (NULL);
  g_autoptr(GString) text_b = g_string_new (NULL);
  g_autoptr(LecternComparison) comparison = NULL;
  g_autoptr(GArray) occurrences = g_array_new (FALSE, FALSE, sizeof (LecternTermOccurrence));
  gboolean found_name = FALSE;

  for (guint i = 0; i < 12; i++)
    {
      g_string_append (text_a, "The United States and the harbour council discussed the harbour ferry timetable again.\n\n");
      g_string_append (text_b, i < 2 ? "The council met once about the harbour and a new bakery on the square today.\n\n"
                                     : "The council met about a new bakery and its bread prices on the square today.\n\n");
    }
  comparison = compare_texts (text_a->str, text_b->str);

  for (LecternTermList list = LECTERN_TERM_LIST_ONLY_A; list <= LECTERN_TERM_LIST_MORE_B; list++)
    {
      g_autoptr(GPtrArray) terms = lectern_comparison_get_terms (comparison, list);

      for (guint i = 0; i < terms->len; i++)
        {
          const LecternTerm *term = g_ptr_array_index (terms, i);

          if (list == LECTERN_TERM_LIST_ONLY_A)
            g_assert_cmpuint (term->count_b, ==, 0);
          if (list == LECTERN_TERM_LIST_ONLY_B)
            g_assert_cmpuint (term->count_a, ==, 0);
          if (list == LECTERN_TERM_LIST_MORE_A || list == LECTERN_TERM_LIST_MORE_B)
            g_assert_true (term->count_a > 0 && term->count_b > 0);
          g_assert_cmpstr (term->text, !=, "United");
          g_assert_cmpstr (term->text, !=, "States");
          if (g_str_equal (term->text, "United States"))
            {
              g_assert_cmpint (list, ==, LECTERN_TERM_LIST_ONLY_A);
              found_name = TRUE;
            }
          if (g_str_equal (term->text, "harbour"))
            g_assert_cmpint (list, ==, LECTERN_TERM_LIST_MORE_A);
        }
    }
  g_assert_true (found_name);
  g_assert_cmpuint (lectern_comparison_find_term_occurrences (comparison, LECTERN_SIDE_A, "United States",
                                                              occurrences), ==, 12);
}

/* Defence and defense, organisation and organization are one word. */
static void
test_spelling_variants (void)
{
  g_autoptr(LecternComparison) comparison =
    compare_texts ("The defence organisation wrote all its new rules down.\n\n"
                   "Bakers complained that flour prices doubled all winter.\n",
                   "The defense organization wrote all its new rules down.\n\n"
                   "Farmers said the long summer rain ruined the barley.\n");
  const LecternPassageMatch *matches = NULL;

  g_assert_cmpuint (lectern_comparison_get_matches (comparison, LECTERN_SIDE_A, 0, &matches), >, 0);
  g_assert_cmpuint (matches[0].passage, ==, 0);
  g_assert_cmpfloat_with_epsilon (matches[0].score, 1.0, 1e-6);
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

  g_test_add_func ("/compare-quality/korean-particles", test_korean_particles);
  g_test_add_func ("/compare-quality/only-means-only", test_only_means_only);
  g_test_add_func ("/compare-quality/spelling-variants", test_spelling_variants);

  return g_test_run ();
}
