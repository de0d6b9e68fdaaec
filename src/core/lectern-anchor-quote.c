/* lectern-anchor-quote.c: one quote with its context, and its copies in the text ranked
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

/* How much of the stored prefix and suffix is compared (stored context
 * may be longer than LECTERN_TARGET_CONTEXT_CHARS when it was imported). */
#define COMPARED_CONTEXT_CHARS 64
/* Copies of a quote weighed against each other, nearest first. */
#define MAX_EXACT_CANDIDATES 1024

static gunichar *
decode (const char *str,
        gsize       n_bytes,
        guint      *n_chars)
{
  glong len = 0;
  gunichar *chars = g_utf8_to_ucs4_fast (str, n_bytes, &len);

  *n_chars = (guint)len;

  return chars;
}

static void
context_init (Context    *self,
              const char *prefix,
              const char *suffix)
{
  memset (self, 0, sizeof *self);

  self->prefix = prefix != NULL ? prefix : "";
  self->prefix_bytes = strlen (self->prefix);
  self->suffix = suffix != NULL ? suffix : "";
  self->suffix_bytes = strlen (self->suffix);
}

/* Context that is not valid UTF-8 is not compared. */
static void
context_prepare (Context *self)
{
  gunichar *chars;
  guint n;

  self->prepared = TRUE;

  if (self->prefix_bytes > 0 && g_utf8_validate_len (self->prefix, self->prefix_bytes, NULL))
    {
      chars = decode (self->prefix, self->prefix_bytes, &n);
      self->prefix_m = MIN (n, COMPARED_CONTEXT_CHARS);
      _lectern_anchor_matcher_init (&self->prefix_matcher, chars + (n - self->prefix_m), self->prefix_m, TRUE);
      g_free (chars);
    }

  if (self->suffix_bytes > 0 && g_utf8_validate_len (self->suffix, self->suffix_bytes, NULL))
    {
      chars = decode (self->suffix, self->suffix_bytes, &n);
      self->suffix_m = MIN (n, COMPARED_CONTEXT_CHARS);
      _lectern_anchor_matcher_init (&self->suffix_matcher, chars, self->suffix_m, FALSE);
      g_free (chars);
    }
}

/* Whether there is stored context to compare. */
gboolean
_lectern_anchor_context_is_known (Context *self)
{
  if (!self->prepared)
    context_prepare (self);

  return self->prefix_m + self->suffix_m > 0;
}

static void
context_clear (Context *self)
{
  if (self->prefix_m > 0)
    _lectern_anchor_matcher_clear (&self->prefix_matcher);
  if (self->suffix_m > 0)
    _lectern_anchor_matcher_clear (&self->suffix_matcher);
}

gboolean
_lectern_anchor_context_matches_fully (const LecternAnchorText *t,
                                       const Context           *self,
                                       gsize                    start_byte,
                                       gsize                    end_byte)
{
  return self->prefix_bytes <= start_byte &&
         memcmp (t->text + start_byte - self->prefix_bytes, self->prefix, self->prefix_bytes) == 0 &&
         end_byte + self->suffix_bytes <= t->n_bytes &&
         memcmp (t->text + end_byte, self->suffix, self->suffix_bytes) == 0;
}

/* How well the text around a candidate agrees with the stored context,
 * from 0 to 1: one minus the edit distance of each side, as a share of
 * its length. Without stored context every place fits. */
double
_lectern_anchor_context_score (const LecternAnchorText *t,
                               Context                 *self,
                               gsize                    start_byte,
                               gsize                    end_byte)
{
  guint agree = 0;
  gsize unused;

  if (_lectern_anchor_context_matches_fully (t, self, start_byte, end_byte))
    return 1.0;

  if (!self->prepared)
    context_prepare (self);
  if (self->prefix_m + self->suffix_m == 0)
    return 1.0;

  if (self->prefix_m > 0)
    agree += self->prefix_m - _lectern_anchor_scan_backward_anchored (t, &self->prefix_matcher, start_byte,
                                                       self->prefix_m + self->prefix_m / 2, &unused);
  if (self->suffix_m > 0)
    agree += self->suffix_m - _lectern_anchor_scan_forward_anchored (t, &self->suffix_matcher, end_byte,
                                                      self->suffix_m + self->suffix_m / 2, &unused);

  return (double)agree / (self->prefix_m + self->suffix_m);
}

/* A quote that is empty or not valid UTF-8 gets m = 0: it cannot be found. */
void
_lectern_anchor_quote_init (Quote      *self,
                            const char *exact,
                            const char *prefix,
                            const char *suffix)
{
  memset (self, 0, sizeof *self);
  context_init (&self->context, prefix, suffix);

  if (exact == NULL || *exact == '\0')
    return;

  self->exact_bytes = strlen (exact);
  if (!g_utf8_validate_len (exact, self->exact_bytes, NULL))
    return;

  self->exact = exact;
  for (gsize i = 0; i < self->exact_bytes; i++)
    self->m += !is_continuation (exact[i]);
}

/* The characters, decoded when first needed: most quotes are found
 * by comparing bytes. */
const gunichar *
_lectern_anchor_quote_get_chars (Quote *self)
{
  guint n;

  if (self->chars == NULL)
    self->chars = decode (self->exact, self->exact_bytes, &n);

  return self->chars;
}

void
_lectern_anchor_quote_clear (Quote *self)
{
  if (self->matchers_ready)
    {
      _lectern_anchor_matcher_clear (&self->forward);
      _lectern_anchor_matcher_clear (&self->backward);
    }
  context_clear (&self->context);
  g_free (self->chars);
}

/* The quote weighs most, then its context, then nearness, which mostly
 * decides between copies with the same context. */
static double
rank_candidate (const LecternAnchorText *t,
                const Quote             *quote,
                Candidate               *candidate,
                guint                    expected)
{
  gint64 away = ABS ((gint64)candidate->start - (gint64)expected);
  double closeness = 1.0 - (double)away / MAX (t->length, 1);

  return 50.0 * (1.0 - (double)candidate->distance / quote->m) +
         40.0 * candidate->context +
         2.0 * closeness;
}

typedef struct
{
  guint start;
  gsize byte;
} Occurrence;

static int
compare_by_nearness (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const Occurrence *oa = a;
  const Occurrence *ob = b;
  gint64 expected = *(const guint *)user_data;
  gint64 da = ABS ((gint64)oa->start - expected);
  gint64 db = ABS ((gint64)ob->start - expected);

  return da < db ? -1 : da > db;
}

/* The best copy of the quote starting in [@from, @to). */
gboolean
_lectern_anchor_find_exact (const LecternAnchorText *t,
                            Quote                   *quote,
                            gsize                    from,
                            gsize                    to,
                            guint                    expected,
                            Candidate               *best)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Occurrence));
  const char *p = t->text + from;
  const char *limit = t->text + MIN (to + quote->exact_bytes, t->n_bytes);

  while (p + quote->exact_bytes <= limit &&
         (p = memmem (p, limit - p, quote->exact, quote->exact_bytes)) != NULL)
    {
      Occurrence occurrence = { 0, p - t->text };

      occurrence.start = lectern_anchor_text_byte_to_offset (t, occurrence.byte);
      g_array_append_val (found, occurrence);
      p = g_utf8_next_char (p);
    }

  if (found->len > MAX_EXACT_CANDIDATES)
    {
      g_array_sort_with_data (found, compare_by_nearness, &expected);
      g_array_set_size (found, MAX_EXACT_CANDIDATES);
    }

  for (guint i = 0; i < found->len; i++)
    {
      const Occurrence *occurrence = &g_array_index (found, Occurrence, i);
      Candidate candidate;

      candidate.start = occurrence->start;
      candidate.end = occurrence->start + quote->m;
      candidate.start_byte = occurrence->byte;
      candidate.end_byte = occurrence->byte + quote->exact_bytes;
      candidate.distance = 0;
      candidate.context = _lectern_anchor_context_score (t, &quote->context, candidate.start_byte, candidate.end_byte);
      candidate.rank = rank_candidate (t, quote, &candidate, expected);

      if (i == 0 || candidate.rank > best->rank)
        *best = candidate;
    }

  return found->len > 0;
}

int
_lectern_anchor_compare_hits (gconstpointer a,
                              gconstpointer b,
                              gpointer      user_data)
{
  const Hit *ha = a;
  const Hit *hb = b;
  gint64 expected_end = *(const guint *)user_data;
  gint64 da = ABS ((gint64)ha->end - expected_end);
  gint64 db = ABS ((gint64)hb->end - expected_end);

  if (ha->distance != hb->distance)
    return ha->distance < hb->distance ? -1 : 1;

  return da < db ? -1 : da > db;
}

/* The best fuzzy match of the quote ending in [@from, @to). */
gboolean
_lectern_anchor_find_fuzzy (const LecternAnchorText *t,
                            Quote                   *quote,
                            gsize                    from,
                            gsize                    to,
                            guint                    expected,
                            Candidate               *best)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  guint k = quote->m / MAX_ERROR_DIVISOR;
  guint expected_end = expected + quote->m;
  gboolean found = FALSE;

  if (!quote->matchers_ready)
    {
      _lectern_anchor_quote_get_chars (quote);
      _lectern_anchor_matcher_init (&quote->forward, quote->chars, quote->m, FALSE);
      _lectern_anchor_matcher_init (&quote->backward, quote->chars, quote->m, TRUE);
      quote->matchers_ready = TRUE;
    }

  _lectern_anchor_search_forward (t, &quote->forward, from, to, k, hits);
  g_array_sort_with_data (hits, _lectern_anchor_compare_hits, &expected_end);

  for (guint i = 0; i < MIN (hits->len, MAX_FUZZY_CANDIDATES); i++)
    {
      const Hit *hit = &g_array_index (hits, Hit, i);
      Candidate candidate;

      candidate.end = hit->end;
      candidate.end_byte = hit->end_byte;
      candidate.distance = _lectern_anchor_scan_backward_anchored (t, &quote->backward, hit->end_byte,
                                                   quote->m + k, &candidate.start_byte);
      candidate.start = lectern_anchor_text_byte_to_offset (t, candidate.start_byte);
      candidate.context = _lectern_anchor_context_score (t, &quote->context, candidate.start_byte, candidate.end_byte);
      candidate.rank = rank_candidate (t, quote, &candidate, expected);

      if (!found || candidate.rank > best->rank)
        *best = candidate;
      found = TRUE;
    }

  return found;
}

LecternAnchorResult
_lectern_anchor_orphaned (const LecternAnchorTarget *target)
{
  LecternAnchorResult result = { LECTERN_ANCHOR_ORPHANED, target->start, target->end, 0, 0.0 };

  return result;
}

LecternAnchorResult
_lectern_anchor_exact_result (const LecternAnchorTarget *target,
                              const Candidate           *candidate)
{
  LecternAnchorResult result;

  result.method = candidate->start == target->start
                    ? LECTERN_ANCHOR_EXACT_POSITION
                    : LECTERN_ANCHOR_EXACT_NEAREST;
  result.start = candidate->start;
  result.end = candidate->end;
  result.distance = 0;
  result.confidence = 0.75 + 0.25 * candidate->context;

  return result;
}

double
_lectern_anchor_fuzzy_confidence (const Quote     *quote,
                                  const Candidate *candidate)
{
  double similarity = 1.0 - (double)MAX (candidate->distance, 1) / quote->m;

  return similarity * (0.5 + 0.5 * candidate->context);
}

