/* lectern-comparison.c: two documents set side by side
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The comparison splits both documents into passages (paragraphs, list
 * items, quoted paragraphs), turns each into a sparse TF-IDF vector over
 * stemmed words, and links every passage to its most similar passages of
 * the other document by cosine similarity.  Candidates come from an
 * inverted index, so the cost follows the postings walked (a bounded
 * number per passage) instead of the product of the passage counts, and
 * are then scored exactly.  Distinctive and shared terms come from the
 * weighted log-odds ratio with an informative Dirichlet prior (Monroe,
 * Colaresi & Quinn, "Fightin' Words", Political Analysis 16(4), 2008).
 *
 * All the work happens on one immutable Analysis, built in a worker
 * thread and installed into the object on the thread that finishes the
 * run, so readers never see half-built results. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <libstemmer.h>

#include "lectern-comparison.h"

/* Below this cosine two passages are not called related.  Passages by
 * different authors on one subject score low: in the two alliance
 * articles of the study corpus the best partner of a passage scores
 * 0.03-0.22, passages that take up the same point (China, Trump,
 * democracy) 0.085-0.17, while the second and third partners, which
 * share only the subject's everyday words, mostly stay at 0.02-0.07.
 * 0.08 links 23 pairs there (9 of 12 and 19 of 51 passages) where 0.12
 * would keep 5.  Passages on different subjects share no weighed word
 * and score 0; a paraphrase keeping its key terms scores 0.3 and more. */
#define DEFAULT_THRESHOLD 0.08
#define DEFAULT_MAX_TERMS 30

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

/* Strength of the informative Dirichlet prior: the two documents
 * together, scaled to this share of their length.  Scaling with the
 * input keeps the test equally strict at every size: for two documents
 * of equal length a word found only in one needs about 8 occurrences to
 * pass z = 1.96, where a fixed prior of 500 words would ask for ~20 in
 * two pages and ~40 in two 1 MB documents.  Frequent words barely feel
 * the prior at all. */
#define PRIOR_SHARE 0.1
#define Z_SIGNIFICANT 1.96

/* Language guess: share of the English function words below among the
 * first words of a document.  Running English has 40-50 % (the study
 * articles 42 % and 47 %); Korean has none, and other languages written
 * in Latin letters stay far below. */
#define LANGUAGE_SAMPLE_WORDS 2000
#define ENGLISH_STOP_SHARE 0.2

#define TERM_NONE G_MAXUINT

static const char * const english_stop_words[] = {
  "a", "about", "above", "after", "again", "against", "all", "almost",
  "also", "although", "am", "among", "an", "and", "another", "any", "are",
  "aren", "as", "at", "be", "because", "been", "before", "being", "below",
  "between", "both", "but", "by", "can", "could", "couldn", "did", "didn",
  "do", "does", "doesn", "doing", "don", "down", "during", "each",
  "either", "else", "even", "ever", "every", "few", "for", "from",
  "further", "had", "hadn", "has", "hasn", "have", "haven", "having", "he",
  "her", "here", "hers", "herself", "him", "himself", "his", "how",
  "however", "i", "if", "in", "into", "is", "isn", "it", "its", "itself",
  "just", "least", "less", "let", "ll", "many", "may", "me", "might",
  "more", "most", "much", "must", "my", "myself", "neither", "no", "nor",
  "not", "now", "of", "off", "often", "on", "once", "one", "only", "onto",
  "or", "other", "others", "our", "ours", "ourselves", "out", "over",
  "own", "per", "perhaps", "quite", "rather", "re", "same", "several",
  "shall", "she", "should", "shouldn", "since", "so", "some", "still",
  "such",
  "than", "that", "the", "their", "theirs", "them", "themselves", "then",
  "there", "therefore", "these", "they", "this", "those", "though",
  "through", "thus", "to", "too", "toward", "towards", "under", "until",
  "up", "upon", "us", "ve", "very", "via", "was", "wasn", "we", "well",
  "were", "weren",
  "what", "whatever", "when", "whenever", "where", "whereas", "whether",
  "which", "while", "who", "whom", "whose", "why", "will", "with",
  "within", "without", "would", "wouldn", "yet", "you", "your",
  "yours", "yourself", "yourselves",
  NULL
};

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
  const char       **term_surfaces;  /* term id → most common raw word */
  const char       **shared_pool;
  GPtrArray         *terms[3];
  guint              n_links;
} Analysis;

typedef struct
{
  LecternDocument *documents[2];
  double           threshold;
  guint            max_terms;
} Job;

struct _LecternComparison
{
  GObject          parent_instance;

  LecternDocument *documents[2];
  double           threshold;
  guint            max_terms;
  Analysis        *analysis;
};

G_DEFINE_FINAL_TYPE (LecternComparison, lectern_comparison, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (LecternTerm, lectern_term, lectern_term_copy, lectern_term_free)

enum {
  PROP_0,
  PROP_DOCUMENT_A,
  PROP_DOCUMENT_B,
  PROP_THRESHOLD,
  PROP_MAX_TERMS,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * lectern_term_copy:
 * @term: a #LecternTerm
 *
 * Returns: (transfer full): a copy of @term
 */
LecternTerm *
lectern_term_copy (const LecternTerm *term)
{
  LecternTerm *copy;

  g_return_val_if_fail (term != NULL, NULL);

  copy = g_new (LecternTerm, 1);
  *copy = *term;
  copy->text = g_strdup (term->text);

  return copy;
}

/**
 * lectern_term_free:
 * @term: (nullable): a #LecternTerm
 *
 * Frees @term.
 */
void
lectern_term_free (LecternTerm *term)
{
  if (term == NULL)
    return;

  g_free (term->text);
  g_free (term);
}

/* Words */

static inline gboolean
is_word_char (const char *p)
{
  guchar ch = (guchar)*p;
  gunichar c;

  if (ch < 0x80)
    return g_ascii_isalnum (ch);

  c = g_utf8_get_char (p);

  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Capitals joined by full stops ("U.S.", "E.U.") are one word, the same
 * as "US": @p is just past a single capital at @start. */
static const char *
extend_initialism (const char *start,
                   const char *p,
                   const char *end)
{
  const char *q = p;

  if (p - start != 1 || !g_ascii_isupper (*start))
    return p;

  while (q + 1 < end && q[0] == '.' && g_ascii_isupper (q[1]) &&
         (q + 2 == end || !is_word_char (q + 2)))
    q += 2;

  if (q == p)
    return p;

  return q < end && *q == '.' ? q + 1 : q;
}

/* Finds the next word in [p, end): the same runs of letters, digits and
 * marks that g_str_tokenize_and_fold() splits on, initialisms aside.
 * Returns its start, or NULL when there is none. */
static const char *
next_word (const char  *p,
           const char  *end,
           const char **word_end)
{
  const char *start;

  while (p < end && !is_word_char (p))
    p = g_utf8_next_char (p);

  if (p >= end)
    return NULL;

  start = p;
  while (p < end && is_word_char (p))
    p = g_utf8_next_char (p);

  *word_end = extend_initialism (start, MIN (p, end), end);

  return start;
}

static GHashTable *
stop_words_new (void)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; english_stop_words[i] != NULL; i++)
    g_hash_table_add (set, (gpointer)english_stop_words[i]);

  return set;
}

static char *
fold_word (const char *word)
{
  g_auto(GStrv) tokens = g_str_tokenize_and_fold (word, NULL, NULL);

  if (tokens[0] != NULL && tokens[1] == NULL)
    return g_steal_pointer (&tokens[0]);

  /* A run that the tokeniser splits differently: keep it one word. */
  return g_strjoinv ("", tokens);
}

static gboolean
is_ascii_letters (const char *s)
{
  for (; *s != '\0'; s++)
    if (!g_ascii_isalpha (*s))
      return FALSE;

  return TRUE;
}

/* "US", "U.S.", "IT", "WHO": capitals make a function word an acronym. */
static gboolean
is_acronym (const char *s)
{
  for (; *s != '\0'; s++)
    if (!g_ascii_isupper (*s) && *s != '.')
      return FALSE;

  return TRUE;
}

/* The vocabulary key of a raw word: folded, and stemmed when the
 * comparison stems.  NULL for words that carry no meaning here: single
 * characters and, in English, function words (not acronyms). */
static char *
word_key (struct sb_stemmer *stemmer,
          GHashTable        *stop_words,
          const char        *word)
{
  g_autofree char *folded = fold_word (word);
  const sb_symbol *stem;

  if (g_utf8_strlen (folded, -1) < 2)
    return NULL;

  if (stemmer == NULL)
    return g_steal_pointer (&folded);

  if (g_hash_table_contains (stop_words, folded) && !is_acronym (word))
    return NULL;

  if (!is_ascii_letters (folded))
    return g_steal_pointer (&folded);

  stem = sb_stemmer_stem (stemmer, (const sb_symbol *)folded, strlen (folded));
  if (stem == NULL)
    return g_steal_pointer (&folded);

  return g_strndup ((const char *)stem, sb_stemmer_length (stemmer));
}

static guint
intern_key (Analysis *an,
            char     *key)
{
  gpointer value;
  char *owned;

  if (key == NULL)
    return TERM_NONE;

  value = g_hash_table_lookup (an->vocabulary, key);
  if (value != NULL)
    return GPOINTER_TO_UINT (value) - 1;

  owned = g_string_chunk_insert (an->strings, key);
  g_hash_table_insert (an->vocabulary, owned, GUINT_TO_POINTER (an->n_terms + 1));

  return an->n_terms++;
}

/* Returns the surface id of the raw word [word, end), adding it (and its
 * term) on first sight.  Raw words repeat far more often than they are
 * new, so folding and stemming run once per distinct spelling. */
static guint
intern_word (Analysis   *an,
             const char *word,
             const char *end)
{
  gsize len = end - word;
  char stack[64];
  g_autofree char *heap = NULL;
  char *key = stack;
  gpointer value;
  Surface surface;

  if (len >= sizeof stack)
    key = heap = g_malloc (len + 1);
  memcpy (key, word, len);
  key[len] = '\0';

  value = g_hash_table_lookup (an->words, key);
  if (value != NULL)
    return GPOINTER_TO_UINT (value) - 1;

  {
    g_autofree char *term_key = word_key (an->stemmer, an->stop_words, key);

    surface.term = intern_key (an, term_key);
    surface.count = 0;
  }

  key = g_string_chunk_insert_len (an->strings, word, len);
  g_array_append_val (an->surfaces, surface);
  g_hash_table_insert (an->words, key, GUINT_TO_POINTER (an->surfaces->len));

  return an->surfaces->len - 1;
}

/* Language */

static gboolean
is_passage_block (const LecternBlock *block)
{
  switch (block->kind)
    {
    case LECTERN_BLOCK_PARAGRAPH:
    case LECTERN_BLOCK_LIST_ITEM:
    case LECTERN_BLOCK_QUOTE:
      return TRUE;

    case LECTERN_BLOCK_HEADING:
    case LECTERN_BLOCK_CODE:
    case LECTERN_BLOCK_RULE:
    case LECTERN_BLOCK_FOOTNOTE:
    default:
      return FALSE;
    }
}

static gboolean
looks_english (LecternDocument *document,
               GHashTable      *stop_words)
{
  const LecternBlock *blocks;
  guint n_blocks;
  guint n_words = 0;
  guint n_stop = 0;

  blocks = lectern_document_get_blocks (document, &n_blocks);

  for (guint i = 0; i < n_blocks && n_words < LANGUAGE_SAMPLE_WORDS; i++)
    {
      const char *p = lectern_document_offset_to_pointer (document, blocks[i].start);
      const char *end = lectern_document_offset_to_pointer (document, blocks[i].end);
      const char *word_end;
      const char *word;

      if (!is_passage_block (&blocks[i]))
        continue;

      while ((word = next_word (p, end, &word_end)) != NULL)
        {
          char lower[16];
          gsize len = word_end - word;

          n_words++;
          if (len < sizeof lower)
            {
              for (gsize j = 0; j < len; j++)
                lower[j] = g_ascii_tolower (word[j]);
              lower[len] = '\0';
              n_stop += g_hash_table_contains (stop_words, lower);
            }
          p = word_end;
        }
    }

  return n_words > 0 && n_stop >= ENGLISH_STOP_SHARE * n_words;
}

/* Passages and vectors */

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = a;
  const Entry *eb = b;

  return (ea->term > eb->term) - (ea->term < eb->term);
}

/* Turns the surface ids of one accepted passage into its term-frequency
 * entries, sorted by term so that dot products add up in one order
 * whichever side they are computed from. */
static void
add_vector (Analysis *an,
            Side     *side,
            GArray   *surface_ids,
            GArray   *slots)
{
  guint first = side->entries->len;
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

      /* slot[term] - 1 is where this passage keeps the term, if it does. */
      if (slot[term] > first && slot[term] <= side->entries->len)
        g_array_index (side->entries, Entry, slot[term] - 1).weight += 1.0f;
      else
        {
          Entry entry = { term, 1.0f };

          g_array_append_val (side->entries, entry);
          slot[term] = side->entries->len;
        }
    }

  qsort (&g_array_index (side->entries, Entry, first), side->entries->len - first,
         sizeof (Entry), compare_entries);

  end = side->entries->len;
  g_array_append_val (side->offsets, end);
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

static gboolean
read_passages (Analysis     *an,
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
      const char *word_end;
      const char *word;
      const char *end;

      if (i % 128 == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;

      if (!is_passage_block (&blocks[i]))
        continue;

      p = advance (p, &offset, passage.start);
      end = advance (p, &offset, passage.end);

      g_array_set_size (surface_ids, 0);
      for (; (word = next_word (p, end, &word_end)) != NULL; p = word_end)
        {
          guint id = intern_word (an, word, word_end);

          g_array_append_val (surface_ids, id);
        }
      p = end;

      passage.n_words = surface_ids->len;
      if (passage.n_words < LECTERN_COMPARISON_MIN_WORDS)
        continue;

      g_array_append_val (side->passages, passage);
      add_vector (an, side, surface_ids, slots);
    }

  return TRUE;
}

static void
count_terms (Analysis *an,
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

/* Sublinear TF-IDF, L2-normalised.  Terms found in every passage weigh
 * nothing and are dropped from the vectors. */
static void
weigh_side (Side         *side,
            const double *idf)
{
  guint *offsets = (guint *)(gpointer)side->offsets->data;
  Entry *entries = (Entry *)(gpointer)side->entries->data;
  guint out = 0;

  for (guint p = 0; p < side->passages->len; p++)
    {
      guint first = out;
      double norm = 0.0;

      for (guint i = offsets[p]; i < offsets[p + 1]; i++)
        {
          double w = (1.0 + log (entries[i].weight)) * idf[entries[i].term];

          if (w <= 0.0)
            continue;

          entries[out].term = entries[i].term;
          entries[out].weight = (float)w;
          norm += w * w;
          out++;
        }

      norm = sqrt (norm);
      for (guint i = first; i < out; i++)
        entries[i].weight = (float)(entries[i].weight / norm);

      offsets[p] = first;
    }

  offsets[side->passages->len] = out;
  g_array_set_size (side->entries, out);
}

static void
weigh (Analysis *an)
{
  guint n = an->sides[0].passages->len + an->sides[1].passages->len;
  g_autofree double *idf = g_new (double, an->n_terms);

  for (guint t = 0; t < an->n_terms; t++)
    {
      guint df = an->sides[0].df[t] + an->sides[1].df[t];

      idf[t] = df > 0 ? log ((double)n / df) : 0.0;
    }

  weigh_side (&an->sides[0], idf);
  weigh_side (&an->sides[1], idf);
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
  double floor;

  query = passage_entries (from, q, &n_query);
  n_candidates = pick_candidates (s, accumulate (s, query, n_query, &unseen),
                                  candidates, scores);

  /* Accumulated scores are lower bounds, and fall short of the full ones
   * by at most @unseen: a candidate more than that below the threshold
   * or the third best cannot make the top three.  (The margin absorbs
   * the rounding of the float sums.) */
  floor = MAX (an->threshold, n_candidates >= 3 ? scores[2] : 0.0) - unseen - 1e-6;

  /* The candidates' entries lie anywhere in a large array: ask for all
   * of them before reading the first, so the waits overlap. */
  for (guint i = 0; i < n_candidates && scores[i] >= floor; i++)
    {
      guint n_other;
      const Entry *other = passage_entries (to, candidates[i], &n_other);

      for (guint j = 0; j < n_other; j += 64 / sizeof (Entry))
        __builtin_prefetch (&other[j]);
    }

  for (guint i = 0; i < n_candidates && scores[i] >= floor; i++)
    {
      guint n_other;
      const Entry *other = passage_entries (to, candidates[i], &n_other);
      double score = dot (query, n_query, other, n_other);

      if (score >= an->threshold)
        n_best = top_insert (best, best_scores, n_best, LECTERN_COMPARISON_MAX_MATCHES,
                             candidates[i], score);
    }

  for (guint i = 0; i < n_best; i++)
    {
      MatchBuild build = { best[i], best_scores[i], 0, { 0 } };
      guint n_other;
      const Entry *other = passage_entries (to, best[i], &n_other);

      find_shared_terms (query, n_query, other, n_other, &build);
      g_array_append_val (from->builds, build);
    }
  from->match_offsets[q + 1] = from->builds->len;
}

static gboolean
match_side (Analysis     *an,
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

/* Terms */

static void
pick_surfaces (Analysis *an)
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

static void
find_terms (Analysis *an)
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

/* Results */

static gboolean
has_match (const Side *side,
           guint       p,
           guint       other)
{
  for (guint i = side->match_offsets[p]; i < side->match_offsets[p + 1]; i++)
    if (g_array_index (side->builds, MatchBuild, i).passage == other)
      return TRUE;

  return FALSE;
}

/* Turns the match builds into the public structs, their shared terms
 * into surface forms, and counts the distinct linked pairs. */
static void
publish_matches (Analysis *an)
{
  guint total = an->sides[0].builds->len + an->sides[1].builds->len;
  const char **pool;

  pool = an->shared_pool = g_new (const char *, total * (LECTERN_COMPARISON_MAX_SHARED_TERMS + 1) + 1);
  an->n_links = an->sides[0].builds->len;

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

            if (s == 1 && !has_match (&an->sides[0], build->passage, p))
              an->n_links++;
          }
    }
}

static void
side_trim (Side *side)
{
  g_clear_pointer (&side->offsets, g_array_unref);
  g_clear_pointer (&side->entries, g_array_unref);
  g_clear_pointer (&side->counts, g_free);
  g_clear_pointer (&side->df, g_free);
  g_clear_pointer (&side->builds, g_array_unref);
}

static void
analysis_free (Analysis *an)
{
  for (guint s = 0; s < 2; s++)
    {
      side_trim (&an->sides[s]);
      g_clear_object (&an->sides[s].document);
      g_clear_pointer (&an->sides[s].passages, g_array_unref);
      g_clear_pointer (&an->sides[s].match_offsets, g_free);
      g_clear_pointer (&an->sides[s].matches, g_free);
    }

  for (guint i = 0; i < G_N_ELEMENTS (an->terms); i++)
    g_clear_pointer (&an->terms[i], g_ptr_array_unref);

  g_clear_pointer (&an->stemmer, sb_stemmer_delete);
  g_clear_pointer (&an->stop_words, g_hash_table_unref);
  g_clear_pointer (&an->words, g_hash_table_unref);
  g_clear_pointer (&an->vocabulary, g_hash_table_unref);
  g_clear_pointer (&an->surfaces, g_array_unref);
  g_clear_pointer (&an->term_surfaces, g_free);
  g_clear_pointer (&an->shared_pool, g_free);
  g_clear_pointer (&an->strings, g_string_chunk_free);
  g_free (an);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Analysis, analysis_free)

static Analysis *
analysis_new (const Job *job)
{
  Analysis *an = g_new0 (Analysis, 1);

  for (guint s = 0; s < 2; s++)
    {
      an->sides[s].document = g_object_ref (job->documents[s]);
      an->sides[s].passages = g_array_new (FALSE, FALSE, sizeof (LecternPassage));
      an->sides[s].offsets = g_array_new (FALSE, FALSE, sizeof (guint));
      an->sides[s].entries = g_array_new (FALSE, FALSE, sizeof (Entry));
    }

  an->threshold = job->threshold;
  an->max_terms = job->max_terms;
  an->stop_words = stop_words_new ();
  an->strings = g_string_chunk_new (16 * 1024);
  an->words = g_hash_table_new (g_str_hash, g_str_equal);
  an->vocabulary = g_hash_table_new (g_str_hash, g_str_equal);
  an->surfaces = g_array_new (FALSE, FALSE, sizeof (Surface));

  /* One stemmer for both documents, so a word stems alike on both sides:
   * English as soon as either document reads as English. */
  if (looks_english (job->documents[0], an->stop_words) ||
      looks_english (job->documents[1], an->stop_words))
    an->stemmer = sb_stemmer_new ("english", NULL);
  if (an->stemmer != NULL)
    an->language = "english";

  return an;
}

static Analysis *
analyse (const Job     *job,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(Analysis) an = analysis_new (job);

  if (!read_passages (an, &an->sides[0], cancellable) ||
      !read_passages (an, &an->sides[1], cancellable))
    goto cancelled;

  count_terms (an, &an->sides[0]);
  count_terms (an, &an->sides[1]);
  weigh (an);

  if (!match_side (an, &an->sides[0], &an->sides[1], cancellable) ||
      !match_side (an, &an->sides[1], &an->sides[0], cancellable))
    goto cancelled;

  pick_surfaces (an);
  find_terms (an);
  publish_matches (an);

  side_trim (&an->sides[0]);
  side_trim (&an->sides[1]);
  g_clear_pointer (&an->stemmer, sb_stemmer_delete);

  return g_steal_pointer (&an);

cancelled:
  g_cancellable_set_error_if_cancelled (cancellable, error);
  return NULL;
}

/* The object */

static void
lectern_comparison_finalize (GObject *object)
{
  LecternComparison *self = (LecternComparison *)object;

  g_clear_object (&self->documents[0]);
  g_clear_object (&self->documents[1]);
  g_clear_pointer (&self->analysis, analysis_free);

  G_OBJECT_CLASS (lectern_comparison_parent_class)->finalize (object);
}

static void
lectern_comparison_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LecternComparison *self = LECTERN_COMPARISON (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT_A:
      g_value_set_object (value, self->documents[0]);
      break;

    case PROP_DOCUMENT_B:
      g_value_set_object (value, self->documents[1]);
      break;

    case PROP_THRESHOLD:
      g_value_set_double (value, self->threshold);
      break;

    case PROP_MAX_TERMS:
      g_value_set_uint (value, self->max_terms);
      break;

    case PROP_READY:
      g_value_set_boolean (value, self->analysis != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_comparison_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LecternComparison *self = LECTERN_COMPARISON (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT_A:
      self->documents[0] = g_value_dup_object (value);
      break;

    case PROP_DOCUMENT_B:
      self->documents[1] = g_value_dup_object (value);
      break;

    case PROP_THRESHOLD:
      lectern_comparison_set_threshold (self, g_value_get_double (value));
      break;

    case PROP_MAX_TERMS:
      lectern_comparison_set_max_terms (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_comparison_class_init (LecternComparisonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lectern_comparison_finalize;
  object_class->get_property = lectern_comparison_get_property;
  object_class->set_property = lectern_comparison_set_property;

  properties[PROP_DOCUMENT_A] =
    g_param_spec_object ("document-a", NULL, NULL, LECTERN_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DOCUMENT_B] =
    g_param_spec_object ("document-b", NULL, NULL, LECTERN_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * LecternComparison:threshold:
   *
   * The cosine similarity a pair of passages needs to be linked.  Read
   * when a run starts.
   */
  properties[PROP_THRESHOLD] =
    g_param_spec_double ("threshold", NULL, NULL, 0.0, 1.0, DEFAULT_THRESHOLD,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LecternComparison:max-terms:
   *
   * How many terms each term list holds at most.  Read when a run starts.
   */
  properties[PROP_MAX_TERMS] =
    g_param_spec_uint ("max-terms", NULL, NULL, 1, 10000, DEFAULT_MAX_TERMS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LecternComparison:ready:
   *
   * Whether a run has completed, so that the results can be read.
   */
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lectern_comparison_init (LecternComparison *self)
{
  self->threshold = DEFAULT_THRESHOLD;
  self->max_terms = DEFAULT_MAX_TERMS;
}

/**
 * lectern_comparison_new:
 * @a: the first document
 * @b: the second document (may be @a itself)
 *
 * Creates a comparison of @a and @b.  Nothing is computed until
 * lectern_comparison_run() or lectern_comparison_run_async().
 *
 * Returns: (transfer full): a new #LecternComparison
 */
LecternComparison *
lectern_comparison_new (LecternDocument *a,
                        LecternDocument *b)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (a), NULL);
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (b), NULL);

  return g_object_new (LECTERN_TYPE_COMPARISON,
                       "document-a", a,
                       "document-b", b,
                       NULL);
}

/**
 * lectern_comparison_get_document:
 * @self: a #LecternComparison
 * @side: which document
 *
 * Returns: (transfer none): the document on @side
 */
LecternDocument *
lectern_comparison_get_document (LecternComparison *self,
                                 LecternSide        side)
{
  g_return_val_if_fail (LECTERN_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (side <= LECTERN_SIDE_B, NULL);

  return self->documents[side];
}

/**
 * lectern_comparison_get_threshold:
 * @self: a #LecternComparison
 *
 * Returns: the similarity a pair of passages needs to be linked
 */
double
lectern_comparison_get_threshold (LecternComparison *self)
{
  g_return_val_if_fail (LECTERN_IS_COMPARISON (self), DEFAULT_THRESHOLD);

  return self->threshold;
}

/**
 * lectern_comparison_set_threshold:
 * @self: a #LecternComparison
 * @threshold: a cosine similarity between 0 and 1
 *
 * Sets the similarity a pair of passages needs to be linked.  Takes
 * effect at the next run.
 */
void
lectern_comparison_set_threshold (LecternComparison *self,
                                  double             threshold)
{
  g_return_if_fail (LECTERN_IS_COMPARISON (self));
  g_return_if_fail (threshold >= 0.0 && threshold <= 1.0);

  if (self->threshold == threshold)
    return;

  self->threshold = threshold;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THRESHOLD]);
}

/**
 * lectern_comparison_get_max_terms:
 * @self: a #LecternComparison
 *
 * Returns: how many terms each term list holds at most
 */
guint
lectern_comparison_get_max_terms (LecternComparison *self)
{
  g_return_val_if_fail (LECTERN_IS_COMPARISON (self), DEFAULT_MAX_TERMS);

  return self->max_terms;
}

/**
 * lectern_comparison_set_max_terms:
 * @self: a #LecternComparison
 * @max_terms: at least 1
 *
 * Sets how many terms each term list holds at most.  Takes effect at
 * the next run.
 */
void
lectern_comparison_set_max_terms (LecternComparison *self,
                                  guint              max_terms)
{
  g_return_if_fail (LECTERN_IS_COMPARISON (self));
  g_return_if_fail (max_terms > 0);

  if (self->max_terms == max_terms)
    return;

  self->max_terms = max_terms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_TERMS]);
}

static Job *
job_new (LecternComparison *self)
{
  Job *job = g_new0 (Job, 1);

  job->documents[0] = g_object_ref (self->documents[0]);
  job->documents[1] = g_object_ref (self->documents[1]);
  job->threshold = self->threshold;
  job->max_terms = self->max_terms;

  return job;
}

static void
job_free (Job *job)
{
  g_clear_object (&job->documents[0]);
  g_clear_object (&job->documents[1]);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static void
install (LecternComparison *self,
         Analysis          *analysis)
{
  gboolean was_ready = self->analysis != NULL;

  g_clear_pointer (&self->analysis, analysis_free);
  self->analysis = analysis;

  if (!was_ready)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

/**
 * lectern_comparison_run:
 * @self: a #LecternComparison
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Compares the two documents in the calling thread.  The results replace
 * those of any earlier run.
 *
 * Returns: %TRUE on success; %FALSE with %G_IO_ERROR_CANCELLED when
 *   @cancellable was cancelled, leaving earlier results in place
 */
gboolean
lectern_comparison_run (LecternComparison  *self,
                        GCancellable       *cancellable,
                        GError            **error)
{
  g_autoptr(Job) job = NULL;
  Analysis *analysis;

  g_return_val_if_fail (LECTERN_IS_COMPARISON (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  job = job_new (self);
  analysis = analyse (job, cancellable, error);
  if (analysis == NULL)
    return FALSE;

  install (self, analysis);

  return TRUE;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  const Job *job = task_data;
  GError *error = NULL;
  Analysis *analysis;

  analysis = analyse (job, cancellable, &error);
  if (analysis == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, analysis, (GDestroyNotify)analysis_free);
}

/**
 * lectern_comparison_run_async:
 * @self: a #LecternComparison
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the comparison is done
 * @user_data: data for @callback
 *
 * Compares the two documents in a worker thread; the results are
 * installed by lectern_comparison_run_finish().  Runs do not cancel one
 * another: a caller that starts a new comparison (for other documents
 * or settings) cancels the @cancellable of the previous one.
 */
void
lectern_comparison_run_async (LecternComparison   *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LECTERN_IS_COMPARISON (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lectern_comparison_run_async);
  g_task_set_name (task, "[lectern] compare documents");
  g_task_set_task_data (task, job_new (self), (GDestroyNotify)job_free);
  g_task_run_in_thread (task, run_thread);
}

/**
 * lectern_comparison_run_finish:
 * @self: a #LecternComparison
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Installs the results of a run started with
 * lectern_comparison_run_async().
 *
 * Returns: %TRUE on success; %FALSE with %G_IO_ERROR_CANCELLED when the
 *   run was cancelled, leaving earlier results in place
 */
gboolean
lectern_comparison_run_finish (LecternComparison  *self,
                               GAsyncResult       *result,
                               GError            **error)
{
  Analysis *analysis;

  g_return_val_if_fail (LECTERN_IS_COMPARISON (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lectern_comparison_run_async, FALSE);

  analysis = g_task_propagate_pointer (G_TASK (result), error);
  if (analysis == NULL)
    return FALSE;

  install (self, analysis);

  return TRUE;
}

/**
 * lectern_comparison_is_ready:
 * @self: a #LecternComparison
 *
 * Returns: whether a run has completed, so the results can be read
 */
gboolean
lectern_comparison_is_ready (LecternComparison *self)
{
  g_return_val_if_fail (LECTERN_IS_COMPARISON (self), FALSE);

  return self->analysis != NULL;
}

/**
 * lectern_comparison_get_language:
 * @self: a #LecternComparison
 *
 * Returns: (nullable): the Snowball stemmer the last run used
 *   ("english"), or %NULL when it did not stem (e.g. Korean text) or
 *   has not run
 */
const char *
lectern_comparison_get_language (LecternComparison *self)
{
  g_return_val_if_fail (LECTERN_IS_COMPARISON (self), NULL);

  return self->analysis != NULL ? self->analysis->language : NULL;
}

/**
 * lectern_comparison_get_n_passages:
 * @self: a #LecternComparison
 * @side: which document
 *
 * Returns: how many passages the last run found on @side
 */
guint
lectern_comparison_get_n_passages (LecternComparison *self,
                                   LecternSide        side)
{
  g_return_val_if_fail (LECTERN_IS_COMPARISON (self), 0);
  g_return_val_if_fail (side <= LECTERN_SIDE_B, 0);

  if (self->analysis == NULL)
    return 0;

  return self->analysis->sides[side].passages->len;
}

/**
 * lectern_comparison_get_passage:
 * @self: a #LecternComparison
 * @side: which document
 * @index: a passage index, below lectern_comparison_get_n_passages()
 *
 * Returns: (transfer none): the passage, valid until the next run
 *   completes
 */
const LecternPassage *
lectern_comparison_get_passage (LecternComparison *self,
                                LecternSide        side,
                                guint              index)
{
  g_return_val_if_fail (LECTERN_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (index < lectern_comparison_get_n_passages (self, side), NULL);

  return &g_array_index (self->analysis->sides[side].passages, LecternPassage, index);
}

/**
 * lectern_comparison_find_passage_at:
 * @self: a #LecternComparison
 * @side: which document
 * @offset: a character offset into that document's text
 *
 * Returns: the index of the passage holding @offset, or -1 when
 *   @offset lies outside every passage
 */
int
lectern_comparison_find_passage_at (LecternComparison *self,
                                    LecternSide        side,
                                    guint              offset)
{
  const LecternPassage *passages;
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (LECTERN_IS_COMPARISON (self), -1);
  g_return_val_if_fail (side <= LECTERN_SIDE_B, -1);

  hi = lectern_comparison_get_n_passages (self, side);
  if (hi == 0)
    return -1;

  passages = (const LecternPassage *)(gpointer)self->analysis->sides[side].passages->data;

  /* The last passage starting at or before @offset. */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (passages[mid].start <= offset)
        lo = mid;
      else
        hi = mid;
    }

  if (offset < passages[lo].start || offset >= passages[lo].end)
    return -1;

  return (int)lo;
}

/**
 * lectern_comparison_get_matches:
 * @self: a #LecternComparison
 * @side: the side of @passage
 * @passage: a passage index on @side
 * @matches: (out) (array length=return) (transfer none) (nullable): the
 *   related passages of the other side, best first, valid until the
 *   next run completes
 *
 * Returns: how many related passages (at most
 *   %LECTERN_COMPARISON_MAX_MATCHES) scored at or above the threshold
 */
guint
lectern_comparison_get_matches (LecternComparison          *self,
                                LecternSide                 side,
                                guint                       passage,
                                const LecternPassageMatch **matches)
{
  const Side *s;

  g_return_val_if_fail (LECTERN_IS_COMPARISON (self), 0);
  g_return_val_if_fail (passage < lectern_comparison_get_n_passages (self, side), 0);

  s = &self->analysis->sides[side];
  if (matches != NULL)
    *matches = &s->matches[s->match_offsets[passage]];

  return s->match_offsets[passage + 1] - s->match_offsets[passage];
}

/**
 * lectern_comparison_count_links:
 * @self: a #LecternComparison
 *
 * Counts the distinct pairs of passages that appear among the matches
 * of either side.  Zero means the documents have nothing in common.
 *
 * Returns: the number of linked pairs
 */
guint
lectern_comparison_count_links (LecternComparison *self)
{
  g_return_val_if_fail (LECTERN_IS_COMPARISON (self), 0);

  return self->analysis != NULL ? self->analysis->n_links : 0;
}

/**
 * lectern_comparison_get_terms:
 * @self: a #LecternComparison
 * @which: which list
 *
 * Distinctive terms ("only in A", "only in B") are those whose weighted
 * log-odds z-score passes 1.96 in favour of that document, strongest
 * first.  Shared terms are frequent in both with no significant lean,
 * most frequent (by the smaller of the two rates) first.
 *
 * Returns: (transfer full) (element-type LecternTerm): the terms, at
 *   most #LecternComparison:max-terms; empty before a run
 */
GPtrArray *
lectern_comparison_get_terms (LecternComparison *self,
                              LecternTermList    which)
{
  GPtrArray *terms;
  GPtrArray *copy;

  g_return_val_if_fail (LECTERN_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (which <= LECTERN_TERM_LIST_ONLY_B, NULL);

  copy = g_ptr_array_new_with_free_func ((GDestroyNotify)lectern_term_free);
  if (self->analysis == NULL)
    return copy;

  terms = self->analysis->terms[which];
  for (guint i = 0; i < terms->len; i++)
    g_ptr_array_add (copy, lectern_term_copy (g_ptr_array_index (terms, i)));

  return copy;
}

/* Whether the raw word [word, end) belongs to the term with vocabulary
 * key @key (id @term, TERM_NONE when no passage holds it). */
static gboolean
word_is_term (const Analysis    *an,
              struct sb_stemmer *stemmer,
              const char        *word,
              const char        *end,
              const char        *key,
              guint              term)
{
  g_autofree char *raw = g_strndup (word, end - word);
  g_autofree char *word_term_key = NULL;
  gpointer value;

  value = g_hash_table_lookup (an->words, raw);
  if (value != NULL)
    return g_array_index (an->surfaces, Surface, GPOINTER_TO_UINT (value) - 1).term == term &&
           term != TERM_NONE;

  /* A word outside the passages (a heading, a short line). */
  word_term_key = word_key (stemmer, an->stop_words, raw);

  return word_term_key != NULL && g_str_equal (word_term_key, key);
}

/**
 * lectern_comparison_find_term_occurrences:
 * @self: a #LecternComparison
 * @side: which document
 * @term: a word, e.g. the text of a #LecternTerm
 * @occurrences: (element-type LecternTermOccurrence): where to append
 *   the occurrences
 *
 * Finds every word of the document on @side that the last run counts as
 * @term: the same stem, so "alliances" finds "alliance" in English.
 * The whole text is searched, headings included.
 *
 * Returns: how many occurrences were appended
 */
guint
lectern_comparison_find_term_occurrences (LecternComparison *self,
                                          LecternSide        side,
                                          const char        *term,
                                          GArray            *occurrences)
{
  struct sb_stemmer *stemmer = NULL;
  g_autofree char *key = NULL;
  LecternDocument *document;
  const char *p, *word, *word_end, *last, *end;
  guint offset = 0;
  guint n = 0;
  guint id;
  gpointer value;

  g_return_val_if_fail (LECTERN_IS_COMPARISON (self), 0);
  g_return_val_if_fail (side <= LECTERN_SIDE_B, 0);
  g_return_val_if_fail (term != NULL, 0);
  g_return_val_if_fail (occurrences != NULL, 0);
  g_return_val_if_fail (g_array_get_element_size (occurrences) == sizeof (LecternTermOccurrence), 0);

  if (self->analysis == NULL || !g_utf8_validate (term, -1, NULL))
    return 0;

  /* The worker's stemmer is gone and Snowball stemmers are not shared
   * between threads: this call has its own. */
  if (self->analysis->language != NULL)
    stemmer = sb_stemmer_new (self->analysis->language, NULL);

  key = word_key (stemmer, self->analysis->stop_words, term);
  if (key == NULL)
    goto out;

  value = g_hash_table_lookup (self->analysis->vocabulary, key);
  id = value != NULL ? GPOINTER_TO_UINT (value) - 1 : TERM_NONE;

  document = self->documents[side];
  p = last = lectern_document_get_text (document);
  end = p + lectern_document_get_text_bytes (document);

  for (; (word = next_word (p, end, &word_end)) != NULL; p = word_end)
    {
      LecternTermOccurrence occurrence;

      if (!word_is_term (self->analysis, stemmer, word, word_end, key, id))
        continue;

      offset += g_utf8_strlen (last, word - last);
      occurrence.start = offset;
      offset += g_utf8_strlen (word, word_end - word);
      occurrence.end = offset;
      last = word_end;

      g_array_append_val (occurrences, occurrence);
      n++;
    }

out:
  g_clear_pointer (&stemmer, sb_stemmer_delete);

  return n;
}
