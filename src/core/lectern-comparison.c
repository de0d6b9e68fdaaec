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

#include "lectern-comparison-private.h"

/* Links at or above this score are emphasised; weaker ones stay, drawn
 * faint.  Scores are cosines weighted by the passages' length factors
 * (lectern-comparison-index.c).  On the three sets of tests/compare-truth
 * 0.10 drew the most links that the truth lists per link drawn of 0.08,
 * 0.10, 0.12, 0.15 and 0.20 (docs/benchmarks.md); passages on different
 * subjects share no weighed word and score 0, a paraphrase keeping its
 * key terms scores 0.3 and more. */
#define DEFAULT_THRESHOLD 0.10
#define DEFAULT_MAX_TERMS 30

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

static void
side_trim (Side *side)
{
  g_clear_pointer (&side->offsets, g_array_unref);
  g_clear_pointer (&side->entries, g_array_unref);
  g_clear_pointer (&side->counts, g_free);
  g_clear_pointer (&side->length_factors, g_free);
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
  g_clear_pointer (&an->term_keys, g_ptr_array_unref);
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
  an->stop_words = _lectern_comparison_stop_words_new ();
  an->strings = g_string_chunk_new (16 * 1024);
  an->words = g_hash_table_new (g_str_hash, g_str_equal);
  an->vocabulary = g_hash_table_new (g_str_hash, g_str_equal);
  an->term_keys = g_ptr_array_new ();
  an->surfaces = g_array_new (FALSE, FALSE, sizeof (Surface));

  /* One stemmer for both documents, so a word stems alike on both sides:
   * English as soon as either document reads as English. */
  if (_lectern_comparison_looks_english (job->documents[0], an->stop_words) ||
      _lectern_comparison_looks_english (job->documents[1], an->stop_words))
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

  if (!_lectern_comparison_read_passages (an, &an->sides[0], cancellable) ||
      !_lectern_comparison_read_passages (an, &an->sides[1], cancellable))
    goto cancelled;

  _lectern_comparison_count_terms (an, &an->sides[0]);
  _lectern_comparison_count_terms (an, &an->sides[1]);
  _lectern_comparison_weigh (an);

  if (!_lectern_comparison_match_side (an, &an->sides[0], &an->sides[1], cancellable) ||
      !_lectern_comparison_match_side (an, &an->sides[1], &an->sides[0], cancellable))
    goto cancelled;

  _lectern_comparison_pick_surfaces (an);
  _lectern_comparison_find_terms (an);
  _lectern_comparison_publish_matches (an);

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
  g_return_val_if_fail (which <= LECTERN_TERM_LIST_MORE_B, NULL);

  copy = g_ptr_array_new_with_free_func ((GDestroyNotify)lectern_term_free);
  if (self->analysis == NULL)
    return copy;

  terms = self->analysis->terms[which];
  for (guint i = 0; i < terms->len; i++)
    g_ptr_array_add (copy, lectern_term_copy (g_ptr_array_index (terms, i)));

  return copy;
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
  guint n;

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

  n = _lectern_comparison_find_occurrences (self->analysis, stemmer, self->documents[side],
                                            term, occurrences);
  g_clear_pointer (&stemmer, sb_stemmer_delete);

  return n;
}

