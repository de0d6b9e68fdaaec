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

/* Names in the terms lists: a word seen only inside a name ("Camp" of
 * "Camp David") gives way to the name, and two names that chain with
 * the same counts ("Mutual Defense", "Defense Treaty") show as one
 * ("Mutual Defense Treaty"). */
typedef struct
{
  gboolean  *hidden;    /* per term */
  char     **texts;     /* per term: a longer name to show, or NULL */
} Names;

static guint
word_of_name (const Analysis *an,
              guint           name,
              guint           which)
{
  g_auto(GStrv) keys = g_strsplit (g_ptr_array_index (an->term_keys, name), " ", 2);
  gpointer value = g_hash_table_lookup (an->vocabulary, keys[which]);

  return value != NULL ? GPOINTER_TO_UINT (value) - 1 : TERM_NONE;
}

static gboolean
same_counts (const Analysis *an,
             guint           x,
             guint           y)
{
  return x != TERM_NONE && y != TERM_NONE &&
         an->sides[0].counts[x] == an->sides[0].counts[y] &&
         an->sides[1].counts[x] == an->sides[1].counts[y];
}

/* Joins @name with a name that starts with its second word and has the
 * same counts, if there is one; @by_first maps a word to the names that
 * start with it (a GArray of term ids). */
static void
chain_name (const Analysis *an,
            Names          *names,
            GHashTable     *by_first,
            guint           name,
            guint           second)
{
  GArray *next_names = g_hash_table_lookup (by_first, GUINT_TO_POINTER (second + 1));

  for (guint i = 0; next_names != NULL && i < next_names->len; i++)
    {
      guint t = g_array_index (next_names, guint, i);
      const char *next = an->term_surfaces[t];

      if (t == name || names->hidden[t] || !same_counts (an, t, name))
        continue;

      names->hidden[t] = TRUE;
      names->texts[name] = g_strconcat (an->term_surfaces[name], next + strcspn (next, " -"), NULL);
      return;
    }
}

static GHashTable *
names_by_first_word (const Analysis *an)
{
  GHashTable *by_first = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_array_unref);

  for (guint t = 0; t < an->n_terms; t++)
    {
      guint first;
      GArray *list;

      if (!_lectern_comparison_is_name_term (an, t) || an->term_surfaces[t] == NULL)
        continue;
      first = word_of_name (an, t, 0);
      list = g_hash_table_lookup (by_first, GUINT_TO_POINTER (first + 1));
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (by_first, GUINT_TO_POINTER (first + 1), list);
        }
      g_array_append_val (list, t);
    }

  return by_first;
}

static void
names_init (Names          *names,
            const Analysis *an)
{
  g_autoptr(GHashTable) by_first = names_by_first_word (an);

  names->hidden = g_new0 (gboolean, an->n_terms);
  names->texts = g_new0 (char *, an->n_terms);

  for (guint t = 0; t < an->n_terms; t++)
    {
      guint first;
      guint second;

      if (!_lectern_comparison_is_name_term (an, t) || an->term_surfaces[t] == NULL)
        continue;
      first = word_of_name (an, t, 0);
      second = word_of_name (an, t, 1);
      if (same_counts (an, t, first))
        names->hidden[first] = TRUE;
      if (same_counts (an, t, second))
        names->hidden[second] = TRUE;
      if (!names->hidden[t])
        chain_name (an, names, by_first, t, second);
    }
}

static void
names_clear (Names   *names,
             guint    n_terms)
{
  for (guint t = 0; t < n_terms; t++)
    g_free (names->texts[t]);
  g_free (names->texts);
  g_free (names->hidden);
}

static GPtrArray *
make_term_list (Analysis    *an,
                GArray      *scored,
                const Names *names)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify)lectern_term_free);

  g_array_sort (scored, compare_scored);

  for (guint i = 0; i < scored->len && i < an->max_terms; i++)
    {
      const Scored *s = &g_array_index (scored, Scored, i);
      LecternTerm *term = g_new (LecternTerm, 1);

      term->text = g_strdup (names->texts[s->term] != NULL ? names->texts[s->term]
                                                           : an->term_surfaces[s->term]);
      term->count_a = an->sides[0].counts[s->term];
      term->count_b = an->sides[1].counts[s->term];
      term->score = s->z;
      g_ptr_array_add (list, term);
    }

  return list;
}

/* A term is only in A when B never uses it and A at least twice (once
 * says little); it is more in A when both use it and the log-odds test
 * finds A's share significantly larger.  "Only" is literal: the lists
 * of the view promise it. */
#define ONLY_MIN_COUNT 2.0

static LecternTermList
classify (double count_a,
          double count_b,
          double z)
{
  if (count_b == 0.0 && count_a >= ONLY_MIN_COUNT)
    return LECTERN_TERM_LIST_ONLY_A;
  if (count_a == 0.0 && count_b >= ONLY_MIN_COUNT)
    return LECTERN_TERM_LIST_ONLY_B;
  if (count_a > 0.0 && count_b > 0.0 && z > Z_SIGNIFICANT)
    return LECTERN_TERM_LIST_MORE_A;
  if (count_a > 0.0 && count_b > 0.0 && z < -Z_SIGNIFICANT)
    return LECTERN_TERM_LIST_MORE_B;
  if (count_a >= 2.0 && count_b >= 2.0 && fabs (z) <= Z_SIGNIFICANT)
    return LECTERN_TERM_LIST_SHARED;

  return N_TERM_LISTS;
}

void
_lectern_comparison_find_terms (Analysis *an)
{
  GArray *lists[N_TERM_LISTS];
  double n_a = 0.0;
  double n_b = 0.0;
  Names names;

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    lists[i] = g_array_new (FALSE, FALSE, sizeof (Scored));

  /* Names are counted beside their words: only words make the totals. */
  for (guint t = 0; t < an->n_terms; t++)
    if (!_lectern_comparison_is_name_term (an, t))
      {
        n_a += an->sides[0].counts[t];
        n_b += an->sides[1].counts[t];
      }
  names_init (&names, an);

  /* Without words on both sides there is nothing to contrast. */
  for (guint t = 0; t < an->n_terms && n_a > 0.0 && n_b > 0.0; t++)
    {
      double count_a = an->sides[0].counts[t];
      double count_b = an->sides[1].counts[t];
      Scored s = { t, 0.0, 0.0 };
      guint which;

      if (count_a + count_b == 0.0 || names.hidden[t])
        continue;

      s.z = log_odds_z (count_a, n_a, count_b, n_b);
      which = classify (count_a, count_b, s.z);
      if (which >= N_TERM_LISTS)
        continue;
      s.rank = which == LECTERN_TERM_LIST_SHARED ? MIN (count_a / n_a, count_b / n_b) : fabs (s.z);
      g_array_append_val (lists[which], s);
    }

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      an->terms[i] = make_term_list (an, lists[i], &names);
      g_array_unref (lists[i]);
    }
  names_clear (&names, an->n_terms);
}

/* Occurrences */

/* Walks the words of a document keeping the code-point offset of each. */
typedef struct
{
  const char *p;
  const char *end;
  const char *last;     /* where @offset was counted to */
  guint       offset;
} Walk;

static const char *
walk_next (Walk        *walk,
           const char **word_end,
           guint       *start)
{
  const char *word = _lectern_comparison_next_word (walk->p, walk->end, word_end);

  if (word == NULL)
    return NULL;

  walk->offset += g_utf8_strlen (walk->last, word - walk->last);
  walk->last = word;
  walk->p = *word_end;
  *start = walk->offset;

  return word;
}

static guint
walk_offset_of (Walk       *walk,
                const char *at)
{
  walk->offset += g_utf8_strlen (walk->last, at - walk->last);
  walk->last = at;

  return walk->offset;
}

static void
append (GArray *occurrences,
        guint   start,
        guint   end)
{
  LecternTermOccurrence occurrence = { start, end };

  g_array_append_val (occurrences, occurrence);
}

/* A word: every word with the same key. */
static void
find_word (const Analysis    *an,
           struct sb_stemmer *stemmer,
           Walk              *walk,
           const char        *term,
           GArray            *occurrences)
{
  g_autofree char *key = _lectern_comparison_word_key (stemmer, an->stop_words, term);
  const char *word, *word_end;
  gpointer value;
  guint id;
  guint start;

  if (key == NULL)
    return;

  value = g_hash_table_lookup (an->vocabulary, key);
  id = value != NULL ? GPOINTER_TO_UINT (value) - 1 : TERM_NONE;
  while ((word = walk_next (walk, &word_end, &start)) != NULL)
    if (_lectern_comparison_word_is_term (an, stemmer, word, word_end, key, id))
      append (occurrences, start, walk_offset_of (walk, word_end));
}

/* A name of two words (or more, chained): each run of words whose keys
 * follow the name's, separated by spaces or hyphens. */
static void
find_name (const Analysis    *an,
           struct sb_stemmer *stemmer,
           Walk              *walk,
           const char        *term,
           GArray            *occurrences)
{
  g_auto(GStrv) parts = g_strsplit_set (term, " -", -1);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  const char *word, *word_end;
  const char *previous_end = NULL;
  guint matched = 0;
  guint first_start = 0;
  guint start;

  for (guint i = 0; parts[i] != NULL; i++)
    g_ptr_array_add (keys, _lectern_comparison_word_key (stemmer, an->stop_words, parts[i]));

  while ((word = walk_next (walk, &word_end, &start)) != NULL)
    {
      g_autofree char *raw = g_strndup (word, word_end - word);
      g_autofree char *key = _lectern_comparison_word_key (stemmer, an->stop_words, raw);

      if (matched > 0 && strspn (previous_end, " -") != (gsize)(word - previous_end))
        matched = 0;
      if (key == NULL || g_strcmp0 (key, g_ptr_array_index (keys, matched)) != 0)
        matched = key != NULL && g_strcmp0 (key, g_ptr_array_index (keys, 0)) == 0 ? 0 : G_MAXUINT;
      if (matched == G_MAXUINT)
        {
          matched = 0;
          continue;
        }
      if (matched == 0)
        first_start = start;
      previous_end = word_end;
      if (++matched == keys->len)
        {
          append (occurrences, first_start, walk_offset_of (walk, word_end));
          matched = 0;
        }
    }
}

/* Two CJK characters, a feature inside words: each place in the text. */
static void
find_characters (Walk       *walk,
                 const char *term,
                 GArray     *occurrences)
{
  const char *at = walk->p;
  gsize len = strlen (term);

  while ((at = strstr (at, term)) != NULL && at < walk->end)
    {
      guint start = walk_offset_of (walk, at);

      append (occurrences, start, start + 2);
      at += len;
    }
}

static gboolean
is_cjk_pair (const char *term)
{
  return g_utf8_strlen (term, -1) == 2 &&
         _lectern_comparison_is_cjk (g_utf8_get_char (term)) &&
         _lectern_comparison_is_cjk (g_utf8_get_char (g_utf8_next_char (term)));
}

/* Appends the occurrences in @document of @term, a word, a name or a
 * pair of CJK characters as the terms lists show them.  Returns how many. */
guint
_lectern_comparison_find_occurrences (const Analysis    *an,
                                      struct sb_stemmer *stemmer,
                                      LecternDocument   *document,
                                      const char        *term,
                                      GArray            *occurrences)
{
  const char *text = lectern_document_get_text (document);
  Walk walk = { text, text + lectern_document_get_text_bytes (document), text, 0 };
  guint before = occurrences->len;

  if (is_cjk_pair (term))
    find_characters (&walk, term, occurrences);
  else if (strpbrk (term, " -") != NULL)
    find_name (an, stemmer, &walk, term, occurrences);
  else
    find_word (an, stemmer, &walk, term, occurrences);

  return occurrences->len - before;
}
