/* lectern-anchor.c: finding a stored passage again in a changed text
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* For memmem(). */
#define _GNU_SOURCE

#include "config.h"

#include <string.h>

#include "lectern-anchor-private.h"

/* A copy of the quote found this close to where it is expected is
 * taken without looking further, if its context fits at least this well. */
#define EXACT_WINDOW_BYTES 4096
#define CONTEXT_ACCEPT 0.5
/* Longer quotes are matched fuzzily by their first and last
 * LONG_PIECE_CHARS characters, so that the cost stays bounded. */
#define MAX_FUZZY_CHARS 2048
#define LONG_PIECE_CHARS 1024
/* Places where a piece of a quote matched that are checked for the
 * whole quote (see _lectern_anchor_scan_pieces()). */
#define MAX_PIECE_HITS 64

#define MAX_WORD_SNAP 32

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Whether the stored quote began (or, with @at_end, ended) at a word
 * boundary: its own edge is a word character and its stored context's,
 * next to it, is not. */
static gboolean
quote_edge_is_word_boundary (const LecternAnchorTarget *target,
                             const Quote               *quote,
                             gboolean                   at_end)
{
  const char *context = at_end ? target->suffix : target->prefix;
  gunichar edge = quote->chars[at_end ? quote->m - 1 : 0];
  gunichar outside;

  /* Without the context, nothing says where the reader's words ended. */
  if (!is_word_char (edge) || context == NULL || context[0] == '\0')
    return FALSE;

  outside = at_end ? g_utf8_get_char (context)
                   : g_utf8_get_char (g_utf8_prev_char (context + strlen (context)));
  return !is_word_char (outside);
}

/* An alignment ends where the edit distance is least, which may be in
 * the middle of a word ("the first days of Nove"); a reader's quote
 * that ran from word to word is widened (at most MAX_WORD_SNAP
 * characters each way) to the words it now cuts. */
static void
snap_to_words (const LecternAnchorText   *t,
               const LecternAnchorTarget *target,
               const Quote               *quote,
               LecternAnchorResult       *result,
               gsize                      start_byte,
               gsize                      end_byte)
{
  if (quote->m == 0 || result->end <= result->start)
    return;

  if (start_byte > 0 && quote_edge_is_word_boundary (target, quote, FALSE))
    {
      const char *p = t->text + start_byte;

      for (guint i = 0; i < MAX_WORD_SNAP && p > t->text && is_word_char (g_utf8_get_char (p)); i++)
        {
          const char *prev = g_utf8_prev_char (p);

          if (!is_word_char (g_utf8_get_char (prev)))
            break;
          p = prev;
          result->start--;
        }
    }

  if (end_byte < t->n_bytes && quote_edge_is_word_boundary (target, quote, TRUE))
    {
      const char *p = t->text + end_byte;
      const char *last = g_utf8_prev_char (p);

      for (guint i = 0;
           i < MAX_WORD_SNAP && p < t->text + t->n_bytes &&
           is_word_char (g_utf8_get_char (last)) && is_word_char (g_utf8_get_char (p));
           i++)
        {
          last = p;
          p = g_utf8_next_char (p);
          result->end++;
        }
    }
}

static LecternAnchorResult
fuzzy_result (const LecternAnchorText   *t,
              const LecternAnchorTarget *target,
              const Quote               *quote,
              const Candidate           *candidate)
{
  LecternAnchorResult result;

  result.method = LECTERN_ANCHOR_FUZZY;
  result.start = candidate->start;
  result.end = candidate->end;
  result.distance = MAX (candidate->distance, 1);
  result.confidence = _lectern_anchor_fuzzy_confidence (quote, candidate);
  snap_to_words (t, target, quote, &result, candidate->start_byte, candidate->end_byte);

  if (result.start != candidate->start || result.end != candidate->end)
    {
      Candidate snapped = *candidate;

      snapped.start = result.start;
      snapped.end = result.end;
      snapped.distance = _lectern_anchor_edit_distance (t, quote->chars, quote->m, result.start, result.end);
      result.distance = MAX (snapped.distance, 1);
      result.confidence = _lectern_anchor_fuzzy_confidence (quote, &snapped);
    }

  return result;
}

/* Is the quote at @offset, with all of its stored context around it? */
static gboolean
exact_with_context_at (const LecternAnchorText *t,
                       Quote                   *quote,
                       guint                    offset,
                       Candidate               *candidate)
{
  if (offset > t->length || t->length - offset < quote->m)
    return FALSE;

  candidate->start = offset;
  candidate->end = offset + quote->m;
  candidate->start_byte = lectern_anchor_text_offset_to_byte (t, offset);
  candidate->end_byte = candidate->start_byte + quote->exact_bytes;
  candidate->distance = 0;
  candidate->context = 1.0;

  return candidate->end_byte <= t->n_bytes &&
         memcmp (t->text + candidate->start_byte, quote->exact, quote->exact_bytes) == 0 &&
         _lectern_anchor_context_matches_fully (t, &quote->context, candidate->start_byte, candidate->end_byte);
}

static gboolean
locate_exact (const LecternAnchorText   *t,
              const LecternAnchorTarget *target,
              Quote                     *quote,
              guint                      expected,
              Candidate                 *best)
{
  gsize center = lectern_anchor_text_offset_to_byte (t, expected);
  gsize from = center > EXACT_WINDOW_BYTES ? center - EXACT_WINDOW_BYTES : 0;
  gsize to = MIN (center + EXACT_WINDOW_BYTES, t->n_bytes);
  gboolean found;

  if (exact_with_context_at (t, quote, target->start, best) ||
      (expected != target->start && exact_with_context_at (t, quote, expected, best)))
    return TRUE;

  found = _lectern_anchor_find_exact (t, quote, from, to, expected, best);
  if (found && best->context >= CONTEXT_ACCEPT)
    return TRUE;

  if (from == 0 && to == t->n_bytes)
    return found;

  return _lectern_anchor_find_exact (t, quote, 0, t->n_bytes, expected, best);
}

/* One target being placed. */
struct _AnchorJob
{
  const LecternAnchorTarget *target;
  Quote                      quote;
  guint                      expected;
  LecternAnchorResult        result;
  /* Not settled near its place: search_everywhere() decides, weighing
   * what it finds against the best match near it, if there was one. */
  gboolean                   pending;
  gboolean                   has_near;
  Candidate                  near;
};

/* A fuzzy match near the expected place is taken at once when the
 * stored context around it agrees, or, without stored context, when it
 * starts where expected, give or take its differences. Otherwise (it
 * may be a chance likeness while the passage moved) the whole text is
 * searched too, later and for all quotes at once (see
 * search_everywhere()), and the best match wins. */
static gboolean
locate_fuzzy_near (const LecternAnchorText *t,
                   Job                     *job,
                   Candidate               *best)
{
  Quote *quote = &job->quote;
  guint k = quote->m / MAX_ERROR_DIVISOR;
  guint lo = job->expected > FUZZY_WINDOW_CHARS ? job->expected - FUZZY_WINDOW_CHARS : 0;
  guint hi = MIN ((guint64)job->expected + quote->m + k + FUZZY_WINDOW_CHARS, t->length);
  gsize from = lectern_anchor_text_offset_to_byte (t, lo);
  gsize to = lectern_anchor_text_offset_to_byte (t, hi);

  if (k == 0)
    return FALSE;

  if (_lectern_anchor_find_fuzzy (t, quote, from, to, job->expected, best) &&
      _lectern_anchor_fuzzy_confidence (quote, best) >= MIN_FUZZY_CONFIDENCE)
    {
      if (_lectern_anchor_context_is_known (&quote->context)
          ? best->context >= CONTEXT_ACCEPT
          : ABS ((gint64)best->start - (gint64)job->expected) <= k)
        return TRUE;

      job->near = *best;
      job->has_near = TRUE;
    }

  /* When the window was the whole text, there is nowhere else to look. */
  job->pending = !(from == 0 && to == t->n_bytes);

  return !job->pending && job->has_near;
}

static void locate_job_now (const LecternAnchorText *t,
                            Job                     *job);

/* Places some characters of a long quote as a quote of their own. */
static gboolean
locate_piece (const LecternAnchorText *t,
              const Quote             *quote,
              guint                    first,
              guint                    n_chars,
              const char              *prefix,
              const char              *suffix,
              guint                    expected,
              LecternAnchorResult     *result)
{
  g_autofree char *exact = g_ucs4_to_utf8 (quote->chars + first, n_chars, NULL, NULL, NULL);
  LecternAnchorTarget piece = { expected, expected + n_chars, exact, prefix, suffix };
  Job job = { &piece, };

  job.expected = expected;
  _lectern_anchor_quote_init (&job.quote, exact, prefix, suffix);
  locate_job_now (t, &job);
  _lectern_anchor_quote_clear (&job.quote);
  *result = job.result;

  return result->method != LECTERN_ANCHOR_ORPHANED;
}

/* A quote too long to compare whole: its first and last characters are
 * placed on their own and must enclose about as many characters as the
 * quote has. The middle is not compared, so the distance is a lower bound. */
static gboolean
locate_long (const LecternAnchorText   *t,
             const LecternAnchorTarget *target,
             Quote                     *quote,
             guint                      expected,
             Candidate                 *best)
{
  guint k = quote->m / MAX_ERROR_DIVISOR;
  guint tail_first = quote->m - LONG_PIECE_CHARS;
  LecternAnchorResult head, tail;
  guint span;

  _lectern_anchor_quote_get_chars (quote);
  if (!locate_piece (t, quote, 0, LONG_PIECE_CHARS, target->prefix, NULL, expected, &head) ||
      !locate_piece (t, quote, tail_first, LONG_PIECE_CHARS, NULL, target->suffix,
                     head.start + tail_first, &tail) ||
      tail.start < head.start)
    return FALSE;

  span = tail.end - head.start;
  best->start = head.start;
  best->end = tail.end;
  best->distance = head.distance + tail.distance + (span > quote->m ? span - quote->m : quote->m - span);
  if (best->distance > k)
    return FALSE;

  best->start_byte = lectern_anchor_text_offset_to_byte (t, best->start);
  best->end_byte = lectern_anchor_text_offset_to_byte (t, best->end);
  best->context = _lectern_anchor_context_score (t, &quote->context, best->start_byte, best->end_byte);

  return _lectern_anchor_fuzzy_confidence (quote, best) >= MIN_FUZZY_CONFIDENCE;
}

/* Everything but the search of the whole text for a fuzzy match. */
static void
locate_job (const LecternAnchorText *t,
            Job                     *job)
{
  Candidate best = { 0, };

  job->expected = MIN (job->expected, t->length);
  job->pending = FALSE;
  job->has_near = FALSE;
  job->result = _lectern_anchor_orphaned (job->target);

  if (job->quote.m == 0)
    return;

  if (locate_exact (t, job->target, &job->quote, job->expected, &best))
    job->result = _lectern_anchor_exact_result (job->target, &best);
  else if (job->quote.m > MAX_FUZZY_CHARS)
    {
      if (locate_long (t, job->target, &job->quote, job->expected, &best))
        job->result = fuzzy_result (t, job->target, &job->quote, &best);
    }
  else if (locate_fuzzy_near (t, job, &best))
    job->result = fuzzy_result (t, job->target, &job->quote, &best);
}

/* Cuts each pending quote into pieces of nearly equal length. */
static GArray *
make_pieces (Job   **jobs,
             guint   n_jobs)
{
  GArray *pieces = g_array_new (FALSE, FALSE, sizeof (Piece));

  for (guint i = 0; i < n_jobs; i++)
    {
      guint m = jobs[i]->quote.m;
      guint n = (m + 63) / 64;
      guint first = 0;

      for (guint j = 0; j < n; j++)
        {
          Piece piece = { jobs[i], jobs[i]->quote.chars, first, m / n + (j < m % n), NULL };

          piece.hits = g_array_new (FALSE, FALSE, sizeof (Hit));
          first += piece.len;
          g_array_append_val (pieces, piece);
        }
    }

  return pieces;
}

typedef struct
{
  guint lo;
  guint hi;
} Window;

static int
compare_windows (gconstpointer a,
                 gconstpointer b)
{
  const Window *wa = a;
  const Window *wb = b;

  return wa->lo < wb->lo ? -1 : wa->lo > wb->lo;
}

/* The best match of the whole quote around the places where its
 * pieces matched, at most MAX_PIECE_HITS of them, the closest first. */
static void
check_piece_hits (const LecternAnchorText *t,
                  Job                     *job,
                  Piece                   *pieces,
                  guint                    n_pieces)
{
  g_autoptr(GArray) windows = g_array_new (FALSE, FALSE, sizeof (Window));
  guint m = job->quote.m;
  guint k = m / MAX_ERROR_DIVISOR;
  Candidate best = job->near;
  gboolean found = job->has_near;

  for (guint i = 0; i < n_pieces; i++)
    {
      guint expected_end = job->expected + pieces[i].first + pieces[i].len;
      GArray *hits = pieces[i].hits;

      g_array_sort_with_data (hits, _lectern_anchor_compare_hits, &expected_end);
      for (guint j = 0; j < MIN (hits->len, MAX_PIECE_HITS); j++)
        {
          const Hit *hit = &g_array_index (hits, Hit, j);
          guint before = pieces[i].first + pieces[i].len + 2 * k;
          Window window;

          window.lo = hit->end > before ? hit->end - before : 0;
          window.hi = MIN ((guint64)hit->end + (m - pieces[i].first - pieces[i].len) + 2 * k, t->length);
          g_array_append_val (windows, window);
        }
    }

  g_array_sort (windows, compare_windows);

  for (guint i = 0; i < windows->len; )
    {
      Window merged = g_array_index (windows, Window, i);
      Candidate candidate;

      for (i++; i < windows->len && g_array_index (windows, Window, i).lo <= merged.hi; i++)
        merged.hi = MAX (merged.hi, g_array_index (windows, Window, i).hi);

      if (_lectern_anchor_find_fuzzy (t, &job->quote,
                      lectern_anchor_text_offset_to_byte (t, merged.lo),
                      lectern_anchor_text_offset_to_byte (t, merged.hi),
                      job->expected, &candidate) &&
          (!found || candidate.rank > best.rank))
        {
          best = candidate;
          found = TRUE;
        }
    }

  if (found && _lectern_anchor_fuzzy_confidence (&job->quote, &best) >= MIN_FUZZY_CONFIDENCE)
    job->result = fuzzy_result (t, job->target, &job->quote, &best);
}

static void
search_everywhere (const LecternAnchorText  *t,
                   Job                     **jobs,
                   guint                     n_jobs)
{
  g_autoptr(GArray) pieces = make_pieces (jobs, n_jobs);
  Piece *all = (Piece *)(gpointer)pieces->data;

  _lectern_anchor_scan_pieces (t, all, pieces->len);

  for (guint i = 0; i < pieces->len; )
    {
      guint n = 1;

      while (i + n < pieces->len && all[i + n].job == all[i].job)
        n++;

      check_piece_hits (t, all[i].job, all + i, n);
      all[i].job->pending = FALSE;

      for (guint j = i; j < i + n; j++)
        g_array_unref (all[j].hits);
      i += n;
    }
}

static void
locate_job_now (const LecternAnchorText *t,
                Job                     *job)
{
  locate_job (t, job);

  if (job->pending)
    search_everywhere (t, &job, 1);
}

/**
 * lectern_anchor_locate:
 * @text: the text as it is now
 * @target: a stored passage
 *
 * Finds @target in @text: the quote at its stored position with its
 * context; else the copy of the quote whose context (prefix and
 * suffix) fits best, the nearest to the stored position among equals;
 * else the best fuzzy match, with at most a quarter of the quote's
 * characters changed, near the stored position first; else nothing,
 * and the result says %LECTERN_ANCHOR_ORPHANED.
 *
 * Returns: where the passage is now
 */
LecternAnchorResult
lectern_anchor_locate (const LecternAnchorText   *text,
                       const LecternAnchorTarget *target)
{
  static const LecternAnchorResult nothing = { LECTERN_ANCHOR_ORPHANED, 0, 0, 0, 0.0 };
  Job job = { target, };

  g_return_val_if_fail (text != NULL, nothing);
  g_return_val_if_fail (target != NULL, nothing);

  job.expected = target->start;
  _lectern_anchor_quote_init (&job.quote, target->exact, target->prefix, target->suffix);
  locate_job_now (text, &job);
  _lectern_anchor_quote_clear (&job.quote);

  return job.result;
}

static int
compare_targets (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const LecternAnchorTarget *targets = user_data;
  const LecternAnchorTarget *ta = &targets[*(const guint *)a];
  const LecternAnchorTarget *tb = &targets[*(const guint *)b];

  if (ta->start != tb->start)
    return ta->start < tb->start ? -1 : 1;
  if (ta->end != tb->end)
    return ta->end < tb->end ? -1 : 1;
  return 0;
}

/**
 * lectern_anchor_locate_all:
 * @text: the text as it is now
 * @targets: (array length=n_targets): stored passages, e.g. all
 *   highlights of a document
 * @n_targets: how many
 * @results: (out caller-allocates) (array length=n_targets): where each
 *   target lies now
 *
 * Like lectern_anchor_locate() for each target, but faster for many:
 * the targets are visited in text order, and each is first looked for
 * where the shift of the one before it would have moved it, since an
 * edit moves everything after it alike; the whole text is searched
 * once for all quotes not found near their place.
 */
void
lectern_anchor_locate_all (const LecternAnchorText   *text,
                           const LecternAnchorTarget *targets,
                           guint                      n_targets,
                           LecternAnchorResult       *results)
{
  g_autofree guint *order = NULL;
  g_autofree Job *jobs = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  gint64 shift = 0;

  g_return_if_fail (text != NULL);
  g_return_if_fail (targets != NULL || n_targets == 0);
  g_return_if_fail (results != NULL || n_targets == 0);

  order = g_new (guint, MAX (n_targets, 1));
  for (guint i = 0; i < n_targets; i++)
    order[i] = i;
  g_qsort_with_data (order, n_targets, sizeof (guint), compare_targets, (gpointer)targets);

  jobs = g_new0 (Job, MAX (n_targets, 1));
  pending = g_ptr_array_new ();

  for (guint i = 0; i < n_targets; i++)
    {
      Job *job = &jobs[order[i]];

      job->target = &targets[order[i]];
      job->expected = CLAMP ((gint64)job->target->start + shift, 0, (gint64)text->length);
      _lectern_anchor_quote_init (&job->quote, job->target->exact, job->target->prefix, job->target->suffix);
      locate_job (text, job);

      if (job->pending)
        g_ptr_array_add (pending, job);
      else if (job->result.method != LECTERN_ANCHOR_ORPHANED)
        shift = (gint64)job->result.start - (gint64)job->target->start;
    }

  if (pending->len > 0)
    search_everywhere (text, (Job **)pending->pdata, pending->len);

  for (guint i = 0; i < n_targets; i++)
    {
      results[i] = jobs[i].result;
      _lectern_anchor_quote_clear (&jobs[i].quote);
    }
}

/**
 * lectern_anchor_target_init_from_highlight:
 * @target: (out caller-allocates): the target to fill
 * @highlight: a highlight
 *
 * Fills @target from the stored target of @highlight. The strings are
 * borrowed from @highlight.
 */
void
lectern_anchor_target_init_from_highlight (LecternAnchorTarget *target,
                                           LecternHighlight    *highlight)
{
  g_return_if_fail (target != NULL);
  g_return_if_fail (LECTERN_IS_HIGHLIGHT (highlight));

  target->start = lectern_highlight_get_start (highlight);
  target->end = lectern_highlight_get_end (highlight);
  target->exact = lectern_highlight_get_exact (highlight);
  target->prefix = lectern_highlight_get_prefix (highlight);
  target->suffix = lectern_highlight_get_suffix (highlight);
}

