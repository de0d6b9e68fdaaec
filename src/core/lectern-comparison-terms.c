/* lectern-comparison-terms.c: distinctive and shared terms
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lectern-comparison-private.h"

/* Strength of the informative Dirichlet prior: the two documents
 * together, scaled to this share of their length.  Scaling with the
 * input keeps the test equally strict at every size: for two documents
 * of equal length a word found only in one needs about 8 occurrences to
 * pass z = 1.96, where a fixed prior of 500 words would ask for ~20 in
 * two pages and ~40 in two 1 MB documents.  Frequent words barely feel
 * the prior at all. */
#define PRIOR_SHARE 0.1
#define Z_SIGNIFICANT 1.96

/* Terms */

void
_lectern_comparison_pick_surfaces (Analysis *an)
{
  const Surface *surfaces = (const Surface *)(gpointer)an->surfaces->data;
  g_autofree guint *best = g_new0 (guint, an->n_terms);
  GHashTableIter iter;
  gpointer key, value;

  an->term_surfaces = g_new0 (const char *, an->n_terms);

  /* The surface with the most occurrences; on a tie the first seen. */
  g_hash_table_iter_init (&iter, an->words);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint id = GPOINTER_TO_UINT (value) - 1;
      guint term = surfaces[id].term;

      if (term == TERM_NONE || surfaces[id].count == 0)
        continue;

      if (an->term_surfaces[term] == NULL ||
          surfaces[id].count > surfaces[best[term]].count ||
          (surfaces[id].count == surfaces[best[term]].count && id < best[term]))
        {
          an->term_surfaces[term] = key;
          best[term] = id;
        }
    }
}

typedef struct
{
  guint  term;
  double z;
  double rank;
} Scored;

static int
compare_scored (gconstpointer a,
                gconstpointer b)
{
  const Scored *sa = a;
  const Scored *sb = b;

  if (sa->rank != sb->rank)
    return sa->rank > sb->rank ? -1 : 1;

  return (sa->term > sb->term) - (sa->term < sb->term);
}

/* Monroe, Colaresi & Quinn (2008), eq. 16-22: the log-odds ratio of a
 * term between the two documents, each count smoothed by a prior
 * proportional to the term's share of both documents together. */
static double
log_odds_z (double count_a,
            double n_a,
            double count_b,
            double n_b)
{
  double alpha0 = PRIOR_SHARE * (n_a + n_b);
  double alpha = alpha0 * (count_a + count_b) / (n_a + n_b);
  double rest_a = n_a + alpha0 - count_a - alpha;
  double rest_b = n_b + alpha0 - count_b - alpha;
  double delta;
  double variance;

  if (rest_a <= 0.0 || rest_b <= 0.0)
    return 0.0;

  delta = log ((count_a + alpha) / rest_a) - log ((count_b + alpha) / rest_b);
  variance = 1.0 / (count_a + alpha) + 1.0 / (count_b + alpha);

  return delta / sqrt (variance);
}

static GPtrArray *
make_term_list (Analysis *an,
                GArray   *scored)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify)lectern_term_free);

  g_array_sort (scored, compare_scored);

  for (guint i = 0; i < scored->len && i < an->max_terms; i++)
    {
      const Scored *s = &g_array_index (scored, Scored, i);
      LecternTerm *term = g_new (LecternTerm, 1);

      term->text = g_strdup (an->term_surfaces[s->term]);
      term->count_a = an->sides[0].counts[s->term];
      term->count_b = an->sides[1].counts[s->term];
      term->score = s->z;
      g_ptr_array_add (list, term);
    }

  return list;
}

void
_lectern_comparison_find_terms (Analysis *an)
{
  g_autoptr(GArray) only_a = g_array_new (FALSE, FALSE, sizeof (Scored));
  g_autoptr(GArray) shared = g_array_new (FALSE, FALSE, sizeof (Scored));
  g_autoptr(GArray) only_b = g_array_new (FALSE, FALSE, sizeof (Scored));
  double n_a = 0.0;
  double n_b = 0.0;

  for (guint t = 0; t < an->n_terms; t++)
    {
      n_a += an->sides[0].counts[t];
      n_b += an->sides[1].counts[t];
    }

  /* Without words on both sides there is nothing to contrast. */
  for (guint t = 0; t < an->n_terms && n_a > 0.0 && n_b > 0.0; t++)
    {
      double count_a = an->sides[0].counts[t];
      double count_b = an->sides[1].counts[t];
      Scored s = { t, 0.0, 0.0 };

      if (count_a + count_b == 0.0)
        continue;

      s.z = log_odds_z (count_a, n_a, count_b, n_b);
      if (s.z > Z_SIGNIFICANT)
        {
          s.rank = s.z;
          g_array_append_val (only_a, s);
        }
      else if (s.z < -Z_SIGNIFICANT)
        {
          s.rank = -s.z;
          g_array_append_val (only_b, s);
        }
      else if (count_a >= 2.0 && count_b >= 2.0)
        {
          s.rank = MIN (count_a / n_a, count_b / n_b);
          g_array_append_val (shared, s);
        }
    }

  an->terms[LECTERN_TERM_LIST_ONLY_A] = make_term_list (an, only_a);
  an->terms[LECTERN_TERM_LIST_SHARED] = make_term_list (an, shared);
  an->terms[LECTERN_TERM_LIST_ONLY_B] = make_term_list (an, only_b);
}

