/* lectern-comparison-index.c: passages, TF-IDF vectors and matching
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lectern-comparison-private.h"

/* Matching walks an inverted index of the other side.  Each term keeps
 * only its MAX_POSTINGS heaviest postings ("champion lists"), and each
 * passage walks at most QUERY_BUDGET postings, rarest terms first, so
 * the work per passage does not grow with the documents: 4 times the
 * text costs about 4 times the time, where walking every posting would
 * cost 16 times (a word in 1 % of the passages of each side pairs
 * N / 100 with N / 100 passages).  The N_CANDIDATES best partial scores
 * are then scored in full.  On 2 x 1 MB of technical prose this finds
 * the same best match as an exhaustive search for 99.8 % of passages,
 * and 97 % on 2 x 3 MB; two near-copies always find each other. */
#define MAX_POSTINGS 256
#define QUERY_BUDGET 3072
#define N_CANDIDATES 16

/* Slope of the pivoted length normalisation of passages (see
 * normalize_side): 0.6 measured best of 1, 0.8, 0.6 and 0.4 on the
 * three sets of tests/compare-truth (docs/benchmarks.md). */
#define PIVOT_SLOPE 0.6

/* Passages and vectors */

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = a;
  const Entry *eb = b;

  return (ea->term > eb->term) - (ea->term < eb->term);
}

/* Turns the surface ids of one accepted passage into term-frequency
 * entries appended to @entries, sorted by term so that dot products add
 * up in one order whichever side they are computed from. */
static void
add_vector (Analysis *an,
            GArray   *entries,
            GArray   *offsets,
            GArray   *surface_ids,
            GArray   *slots)
{
  guint first = entries->len;
  Surface *surfaces = (Surface *)(gpointer)an->surfaces->data;
  guint *slot;
  guint end;

  if (slots->len < an->n_terms)
    g_array_set_size (slots, an->n_terms);
  slot = (guint *)(gpointer)slots->data;

  for (guint i = 0; i < surface_ids->len; i++)
    {
      Surface *surface = &surfaces[g_array_index (surface_ids, guint, i)];
      guint term = surface->term;

      surface->count++;
      if (term == TERM_NONE)
        continue;

      /* slot[term] - 1 is where this vector keeps the term, if it does. */
      if (slot[term] > first && slot[term] <= entries->len)
        g_array_index (entries, Entry, slot[term] - 1).weight += 1.0f;
      else
        {
          Entry entry = { term, 1.0f };

          g_array_append_val (entries, entry);
          slot[term] = entries->len;
        }
    }

  qsort (&g_array_index (entries, Entry, first), entries->len - first,
         sizeof (Entry), compare_entries);

  end = entries->len;
  g_array_append_val (offsets, end);
}

static const char *
advance (const char *p,
         guint      *offset,
         guint       target)
{
  for (; *offset < target; (*offset)++)
    p = g_utf8_next_char (p);

  return p;
}

/* Whether only spaces or a hyphen separate two words: "United States",
 * "mutual-defense", not "States. United". */
static gboolean
is_tight_gap (const char *p,
              const char *end)
{
  for (; p < end; p++)
    if (*p != ' ' && *p != '-')
      return FALSE;

  return TRUE;
}

/* Korean, Japanese and Chinese do not mark words the way spaces do in
 * English: a Korean word carries its particle (동맹은, 동맹의), and
 * Japanese and Chinese run a sentence together.  As CJK search engines
 * do, every two adjacent characters of these scripts become a feature
 * too ("동맹" in both), appended to @grams.  Returns the length of the
 * word for the passage's minimum: its CJK characters one by one, or 1. */
static guint
add_cjk_grams (Analysis   *an,
               const char *word,
               const char *end,
               GArray     *grams)
{
  const char *p = word;
  guint n_cjk = 0;
  guint n_grams = 0;
  guint first = grams->len;

  while (p < end)
    {
      const char *next = g_utf8_next_char (p);

      if (_lectern_comparison_is_cjk (g_utf8_get_char (p)))
        {
          n_cjk++;
          if (next < end && _lectern_comparison_is_cjk (g_utf8_get_char (next)))
            {
              guint id = _lectern_comparison_intern_word (an, p, g_utf8_next_char (next));

              g_array_append_val (grams, id);
              n_grams++;
            }
        }
      p = next;
    }

  /* A word of two characters is its own only pair. */
  if (n_grams == 1 && n_cjk == 2 && g_utf8_strlen (word, end - word) == 2)
    g_array_set_size (grams, first);

  return MAX (n_cjk, 1);
}

/* Appends the surface ids of the words of [p, end) to @surface_ids, and
 * after them those of CJK character pairs and of names of two words
 * ("United States", "Camp David"): the terms lists show a name as one
 * term.  Names are counted, not compared (see _lectern_comparison_weigh).
 * Returns the length of the passage: its words, CJK characters one by
 * one. */
static guint
read_words (Analysis   *an,
            const char *p,
            const char *end,
            GArray     *surface_ids)
{
  const char *word_end;
  const char *word;
  const char *previous_end = NULL;
  const char *previous = NULL;
  guint previous_id = 0;
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_words = 0;

  for (; (word = _lectern_comparison_next_word (p, end, &word_end)) != NULL; p = word_end)
    {
      guint id = _lectern_comparison_intern_word (an, word, word_end);

      g_array_append_val (surface_ids, id);
      n_words += (guchar)*word < 0x80 ? 1 : add_cjk_grams (an, word, word_end, pairs);
      if (previous != NULL && is_tight_gap (previous_end, word))
        {
          guint pair = _lectern_comparison_intern_pair (an, previous_id, id, previous, word_end);

          if (pair != TERM_NONE)
            g_array_append_val (pairs, pair);
        }
      previous = word;
      previous_end = word_end;
      previous_id = id;
    }

  g_array_append_vals (surface_ids, pairs->data, pairs->len);

  return n_words;
}

gboolean
_lectern_comparison_read_passages (Analysis     *an,
                                   Side         *side,
                                   GCancellable *cancellable)
{
  g_autoptr(GArray) surface_ids = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) slots = g_array_new (FALSE, TRUE, sizeof (guint));
  const LecternBlock *blocks;
  const char *p = lectern_document_get_text (side->document);
  guint offset = 0;
  guint n_blocks;
  guint zero = 0;

  blocks = lectern_document_get_blocks (side->document, &n_blocks);
  g_array_append_val (side->offsets, zero);

  for (guint i = 0; i < n_blocks; i++)
    {
      LecternPassage passage = { blocks[i].start, blocks[i].end, 0 };
      const char *end;

      if (i % 128 == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;

      if (!_lectern_comparison_is_passage_block (&blocks[i]))
        continue;

      p = advance (p, &offset, passage.start);
      end = advance (p, &offset, passage.end);

      g_array_set_size (surface_ids, 0);
      passage.n_words = read_words (an, p, end, surface_ids);
      p = end;

      if (passage.n_words < LECTERN_COMPARISON_MIN_WORDS)
        continue;

      g_array_append_val (side->passages, passage);
      add_vector (an, side->entries, side->offsets, surface_ids, slots);
    }

  return TRUE;
}

void
_lectern_comparison_count_terms (Analysis *an,
                                 Side     *side)
{
  const Entry *entries = (const Entry *)(gpointer)side->entries->data;

  side->counts = g_new0 (guint, an->n_terms);
  side->df = g_new0 (guint, an->n_terms);

  for (guint i = 0; i < side->entries->len; i++)
    {
      side->counts[entries[i].term] += (guint)entries[i].weight;
      side->df[entries[i].term]++;
    }
}

/* Sublinear TF-IDF.  Terms found in every passage weigh nothing and are
 * dropped from the vectors.  Returns the vectors' Euclidean lengths. */
static double *
weigh_vectors (GArray       *entries_array,
               GArray       *offsets_array,
               const double *idf)
{
  guint *offsets = (guint *)(gpointer)offsets_array->data;
  Entry *entries = (Entry *)(gpointer)entries_array->data;
  guint n = offsets_array->len - 1;
  double *norms = g_new (double, n);
  guint out = 0;

  for (guint p = 0; p < n; p++)
    {
      guint first = out;

      norms[p] = 0.0;
      for (guint i = offsets[p]; i < offsets[p + 1]; i++)
        {
          double w = (1.0 + log (entries[i].weight)) * idf[entries[i].term];

          if (w <= 0.0)
            continue;

          entries[out].term = entries[i].term;
          entries[out].weight = (float)w;
          norms[p] += w * w;
          out++;
        }
      norms[p] = sqrt (norms[p]);
      offsets[p] = first;
    }

  offsets[n] = out;
  g_array_set_size (entries_array, out);

  return norms;
}

/* Divides each vector by its length, so that dot products are cosines,
 * and keeps each passage's length factor for the ranking: its length
 * over its pivoted length (Singhal, Buckley & Mitra, "Pivoted document
 * length normalization", SIGIR 1996), (1 - s) * average + s * length.
 * A plain cosine favours short passages, whose few words are all
 * evidence; ranking by cosine times the factor gives long passages back
 * part of what they lose. */
static void
normalize_side (Side         *side,
                const double *norms,
                double        average)
{
  const guint *offsets = (const guint *)(gpointer)side->offsets->data;
  Entry *entries = (Entry *)(gpointer)side->entries->data;

  side->length_factors = g_new (double, side->passages->len);
  for (guint p = 0; p < side->passages->len; p++)
    {
      double pivoted = (1.0 - PIVOT_SLOPE) * average + PIVOT_SLOPE * norms[p];

      side->length_factors[p] = pivoted > 0.0 ? norms[p] / pivoted : 1.0;
      for (guint i = offsets[p]; i < offsets[p + 1]; i++)
        entries[i].weight = (float)(entries[i].weight / norms[p]);
    }
}

void
_lectern_comparison_weigh (Analysis *an)
{
  guint n = an->sides[0].passages->len + an->sides[1].passages->len;
  g_autofree double *idf = g_new (double, an->n_terms);
  double *norms[2];
  double sum = 0.0;

  for (guint t = 0; t < an->n_terms; t++)
    {
      guint df = an->sides[0].df[t] + an->sides[1].df[t];

      /* As features of the matching, names of two words measured no
       * better than their words alone (docs/benchmarks.md). */
      idf[t] = df > 0 && !_lectern_comparison_is_name_term (an, t) ? log ((double)n / df) : 0.0;
    }

  for (guint s = 0; s < 2; s++)
    {
      Side *side = &an->sides[s];

      norms[s] = weigh_vectors (side->entries, side->offsets, idf);
      for (guint p = 0; p < side->passages->len; p++)
        sum += norms[s][p];
    }

  for (guint s = 0; s < 2; s++)
    {
      normalize_side (&an->sides[s], norms[s], n > 0 ? sum / n : 0.0);
      g_free (norms[s]);
    }
}

/* Matching */

/* The inverted index of one side: per term its postings, cut to the
 * MAX_POSTINGS heaviest for common terms ("champion lists", Manning,
 * Raghavan & Schütze, Introduction to Information Retrieval, 7.1.3).
 * A common word then proposes the passages where it weighs most, the
 * ones it can bring close to another; it still counts in full in every
 * score computed.  Postings run heaviest first. */
typedef struct
{
  guint   *starts;       /* per term, n_terms + 1 */
  Posting *postings;
  float   *cut_weight;   /* per term: heaviest posting left out, or 0 */
} Index;

static int
compare_postings (gconstpointer a,
                  gconstpointer b)
{
  const Posting *pa = a;
  const Posting *pb = b;

  if (pa->weight != pb->weight)
    return pa->weight > pb->weight ? -1 : 1;

  return (pa->passage > pb->passage) - (pa->passage < pb->passage);
}

static void
index_build (Index          *index,
             const Analysis *an,
             const Side     *side)
{
  const guint *offsets = (const guint *)(gpointer)side->offsets->data;
  const Entry *entries = (const Entry *)(gpointer)side->entries->data;
  g_autofree guint *fill = NULL;
  Posting *all;
  guint kept = 0;

  index->starts = g_new0 (guint, an->n_terms + 1);
  index->cut_weight = g_new0 (float, an->n_terms);
  for (guint i = 0; i < side->entries->len; i++)
    index->starts[entries[i].term + 1]++;
  for (guint t = 0; t < an->n_terms; t++)
    index->starts[t + 1] += index->starts[t];

  all = index->postings = g_new (Posting, side->entries->len);
  fill = g_memdup2 (index->starts, sizeof (guint) * an->n_terms);
  for (guint p = 0; p < side->passages->len; p++)
    for (guint i = offsets[p]; i < offsets[p + 1]; i++)
      {
        Posting *posting = &all[fill[entries[i].term]++];

        posting->passage = p;
        posting->weight = entries[i].weight;
      }

  /* Sort each term's postings heaviest first, keep the head, pack. */
  for (guint t = 0; t < an->n_terms; t++)
    {
      guint first = index->starts[t];
      guint n = index->starts[t + 1] - first;

      /* A term of the other side only: no postings here (and, for a side
       * without words, no array at all). */
      if (n == 0)
        {
          index->starts[t] = kept;
          continue;
        }
      qsort (&all[first], n, sizeof (Posting), compare_postings);
      if (n > MAX_POSTINGS)
        {
          index->cut_weight[t] = all[first + MAX_POSTINGS].weight;
          n = MAX_POSTINGS;
        }
      memmove (&all[kept], &all[first], n * sizeof (Posting));
      index->starts[t] = kept;
      kept += n;
    }
  index->starts[an->n_terms] = kept;
}

static void
index_clear (Index *index)
{
  g_clear_pointer (&index->starts, g_free);
  g_clear_pointer (&index->postings, g_free);
  g_clear_pointer (&index->cut_weight, g_free);
}

static inline gboolean
ranks_before (double score_a,
              guint  index_a,
              double score_b,
              guint  index_b)
{
  return score_a > score_b || (score_a == score_b && index_a < index_b);
}

/* Inserts (index, score) into the best-first list @items of @n entries,
 * at most @max; ties go to the lower index.  Returns the new length. */
static guint
top_insert (guint  *items,
            double *scores,
            guint   n,
            guint   max,
            guint   index,
            double  score)
{
  guint pos = n;

  if (n == max && !ranks_before (score, index, scores[n - 1], items[n - 1]))
    return n;

  if (n < max)
    n++;

  while (pos > 0 && ranks_before (score, index, scores[pos - 1], items[pos - 1]))
    {
      if (pos < max)
        {
          items[pos] = items[pos - 1];
          scores[pos] = scores[pos - 1];
        }
      pos--;
    }

  items[pos] = index;
  scores[pos] = score;

  return n;
}

static inline const Entry *
passage_entries (const Side *side,
                 guint       p,
                 guint      *n)
{
  const guint *offsets = (const guint *)(gpointer)side->offsets->data;

  *n = offsets[p + 1] - offsets[p];

  return &g_array_index (side->entries, Entry, offsets[p]);
}

/* The cosine of two passages: a merge of their entries, both sorted by
 * term, added up in term order so that it comes out the same from
 * either side.  Branch-free: this is the inner loop of the rescoring. */
static double
dot (const Entry *x,
     guint        n_x,
     const Entry *y,
     guint        n_y)
{
  double score = 0.0;
  guint i = 0;
  guint j = 0;

  while (i < n_x && j < n_y)
    {
      guint a = x[i].term;
      guint b = y[j].term;

      score += a == b ? (double)x[i].weight * (double)y[j].weight : 0.0;
      i += a <= b;
      j += b <= a;
    }

  return score;
}

/* The terms that contribute most to the dot product of two passages. */
static void
find_shared_terms (const Entry *x,
                   guint        n_x,
                   const Entry *y,
                   guint        n_y,
                   MatchBuild  *build)
{
  double contributions[LECTERN_COMPARISON_MAX_SHARED_TERMS];
  guint i = 0;
  guint j = 0;

  while (i < n_x && j < n_y)
    {
      guint a = x[i].term;
      guint b = y[j].term;

      if (a == b)
        build->n_shared = top_insert (build->shared, contributions, build->n_shared,
                                      LECTERN_COMPARISON_MAX_SHARED_TERMS, a,
                                      (double)x[i].weight * (double)y[j].weight);
      i += a <= b;
      j += b <= a;
    }
}

typedef struct
{
  Index   index;
  float  *partial;     /* per passage of the searched side */
  guint  *touched;
  guint  *order;       /* per query term */
  guint  *lengths;
} Scratch;

/* Orders the query's terms by the length of their postings, shortest
 * (rarest, most telling) first; ties keep term order. */
static void
order_terms (const Scratch *s,
             const Entry   *query,
             guint          n_query)
{
  for (guint i = 0; i < n_query; i++)
    {
      guint term = query[i].term;
      guint length = s->index.starts[term + 1] - s->index.starts[term];
      guint j = i;

      for (; j > 0 && s->lengths[j - 1] > length; j--)
        {
          s->order[j] = s->order[j - 1];
          s->lengths[j] = s->lengths[j - 1];
        }
      s->order[j] = i;
      s->lengths[j] = length;
    }
}

/* Accumulates the query's dot products with the passages of the
 * searched side over at most QUERY_BUDGET postings: the terms from the
 * rarest up, each walking at most an equal share of what is left, from
 * its heaviest postings down.  This bounds the work per passage, so the
 * whole comparison grows linearly with the documents.
 *
 * Sets @unseen to the most that the postings not walked can add to any
 * passage's score.  Returns how many passages were touched. */
static guint
accumulate (Scratch     *s,
            const Entry *query,
            guint        n_query,
            double      *unseen)
{
  guint budget = QUERY_BUDGET;
  guint n_touched = 0;

  order_terms (s, query, n_query);
  *unseen = 0.0;

  for (guint k = 0; k < n_query; k++)
    {
      const Entry *entry = &query[s->order[k]];
      const Posting *posting = &s->index.postings[s->index.starts[entry->term]];
      guint n = MIN (s->lengths[k], budget / (n_query - k));
      const Posting *last = posting + n;

      budget -= n;
      *unseen += entry->weight * (n < s->lengths[k] ? posting[n].weight
                                                    : s->index.cut_weight[entry->term]);

      for (; posting < last; posting++)
        {
          float *partial = &s->partial[posting->passage];

          /* Branch-free: the slot is overwritten unless first touched. */
          s->touched[n_touched] = posting->passage;
          n_touched += *partial == 0.0f;
          *partial += entry->weight * posting->weight;
        }
    }

  return n_touched;
}

/* The N_CANDIDATES passages with the largest accumulated scores, best
 * first; the scores are reset on the way. */
static guint
pick_candidates (Scratch *s,
                 guint    n_touched,
                 guint   *candidates,
                 double  *scores)
{
  guint n = 0;

  for (guint i = 0; i < n_touched; i++)
    {
      guint p = s->touched[i];
      float partial = s->partial[p];

      s->partial[p] = 0.0f;
      if (n == N_CANDIDATES && partial < scores[N_CANDIDATES - 1])
        continue;
      n = top_insert (candidates, scores, n, N_CANDIDATES, p, partial);
    }

  return n;
}

static void
match_passage (Analysis *an,
               Side     *from,
               Side     *to,
               guint     q,
               Scratch  *s)
{
  guint candidates[N_CANDIDATES];
  double scores[N_CANDIDATES];
  guint best[LECTERN_COMPARISON_MAX_MATCHES];
  double best_scores[LECTERN_COMPARISON_MAX_MATCHES];
  const Entry *query;
  guint n_candidates;
  guint n_best = 0;
  guint n_query;
  double unseen;

  query = passage_entries (from, q, &n_query);
  n_candidates = pick_candidates (s, accumulate (s, query, n_query, &unseen),
                                  candidates, scores);

  /* Every candidate is scored in full: the length factor reorders them,
   * so no accumulated score rules one out.  The threshold plays no part
   * either: every passage keeps its best partners, and the threshold only
   * decides which are emphasised.
   *
   * The candidates' entries lie anywhere in a large array: ask for all
   * of them before reading the first, so the waits overlap. */
  for (guint i = 0; i < n_candidates; i++)
    {
      guint n_other;
      const Entry *other = passage_entries (to, candidates[i], &n_other);

      for (guint j = 0; j < n_other; j += 64 / sizeof (Entry))
        __builtin_prefetch (&other[j]);
    }

  for (guint i = 0; i < n_candidates; i++)
    {
      guint n_other;
      const Entry *other = passage_entries (to, candidates[i], &n_other);
      double score = dot (query, n_query, other, n_other) *
                     to->length_factors[candidates[i]] / from->length_factors[q];

      if (score > 0.0)
        n_best = top_insert (best, best_scores, n_best, LECTERN_COMPARISON_MAX_MATCHES,
                             candidates[i], score);
    }

  for (guint i = 0; i < n_best; i++)
    {
      /* Relative to the passage's own length factor, a copy scores 1;
       * a longer passage that holds it can score more, and shows as 1. */
      MatchBuild build = { best[i], MIN (best_scores[i], 1.0), 0, { 0 } };
      guint n_other;
      const Entry *other = passage_entries (to, best[i], &n_other);

      find_shared_terms (query, n_query, other, n_other, &build);
      g_array_append_val (from->builds, build);
    }
  from->match_offsets[q + 1] = from->builds->len;
}

gboolean
_lectern_comparison_match_side (Analysis     *an,
                                Side         *from,
                                Side         *to,
                                GCancellable *cancellable)
{
  const guint *offsets = (const guint *)(gpointer)from->offsets->data;
  Scratch s = { { NULL, NULL, NULL }, NULL, NULL, NULL, NULL };
  guint longest = 0;
  gboolean completed = TRUE;

  for (guint q = 0; q < from->passages->len; q++)
    longest = MAX (longest, offsets[q + 1] - offsets[q]);

  index_build (&s.index, an, to);
  s.partial = g_new0 (float, to->passages->len);
  s.touched = g_new (guint, to->passages->len + 1);
  s.order = g_new (guint, longest + 1);
  s.lengths = g_new (guint, longest + 1);

  from->builds = g_array_new (FALSE, FALSE, sizeof (MatchBuild));
  from->match_offsets = g_new0 (guint, from->passages->len + 1);

  for (guint q = 0; q < from->passages->len; q++)
    {
      if (q % 64 == 0 && g_cancellable_is_cancelled (cancellable))
        {
          completed = FALSE;
          break;
        }

      match_passage (an, from, to, q, &s);
    }

  index_clear (&s.index);
  g_free (s.partial);
  g_free (s.touched);
  g_free (s.order);
  g_free (s.lengths);

  return completed;
}

/* Results */

static gboolean
has_match (const Side *side,
           guint       p,
           guint       other,
           double      threshold)
{
  for (guint i = side->match_offsets[p]; i < side->match_offsets[p + 1]; i++)
    if (g_array_index (side->builds, MatchBuild, i).passage == other &&
        g_array_index (side->builds, MatchBuild, i).score >= threshold)
      return TRUE;

  return FALSE;
}

/* Turns the match builds into the public structs, their shared terms
 * into surface forms, and counts the distinct linked pairs. */
void
_lectern_comparison_publish_matches (Analysis *an)
{
  guint total = an->sides[0].builds->len + an->sides[1].builds->len;
  const char **pool;

  pool = an->shared_pool = g_new (const char *, total * (LECTERN_COMPARISON_MAX_SHARED_TERMS + 1) + 1);
  an->n_links = 0;

  for (guint s = 0; s < 2; s++)
    {
      Side *side = &an->sides[s];

      side->matches = g_new (LecternPassageMatch, side->builds->len + 1);
      for (guint p = 0; p < side->passages->len; p++)
        for (guint i = side->match_offsets[p]; i < side->match_offsets[p + 1]; i++)
          {
            const MatchBuild *build = &g_array_index (side->builds, MatchBuild, i);

            side->matches[i].passage = build->passage;
            side->matches[i].score = build->score;
            side->matches[i].shared_terms = pool;
            for (guint j = 0; j < build->n_shared; j++)
              *pool++ = an->term_surfaces[build->shared[j]];
            *pool++ = NULL;

            if (build->score >= an->threshold &&
                (s == 0 || !has_match (&an->sides[0], build->passage, p, an->threshold)))
              an->n_links++;
          }
    }
}
