/* lectern-anchor-fuzzy.c: edit-distance matching of quotes, for LecternAnchor
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lectern-anchor-private.h"

/* Bit-parallel edit distance (Myers 1999, in blocks of 64 pattern
 * characters, with Ukkonen's cut-off when searching), over code points. */

static inline guint
hash_unichar (gunichar c,
              guint    mask)
{
  return (c * 2654435761u >> 7) & mask;
}

static inline const guint64 *
matcher_row (const Matcher *self,
             gunichar       c)
{
  guint h;

  if (c < 128)
    return self->ascii_eq + c * self->n_blocks;

  for (h = hash_unichar (c, self->other_mask); self->other_keys[h] != 0; h = (h + 1) & self->other_mask)
    if (self->other_keys[h] == c)
      return self->other_eq + self->other_rows[h] * self->n_blocks;

  return self->zero;
}

static guint64 *
matcher_add_row (Matcher  *self,
                 gunichar  c,
                 guint    *n_rows)
{
  guint h;

  if (c < 128)
    return self->ascii_eq + c * self->n_blocks;

  for (h = hash_unichar (c, self->other_mask); self->other_keys[h] != 0; h = (h + 1) & self->other_mask)
    if (self->other_keys[h] == c)
      return self->other_eq + self->other_rows[h] * self->n_blocks;

  self->other_keys[h] = c;
  self->other_rows[h] = (*n_rows)++;

  return self->other_eq + self->other_rows[h] * self->n_blocks;
}

/* @m must be at least 1. With @reversed, the pattern is read from its end. */
void
_lectern_anchor_matcher_init (Matcher        *self,
                              const gunichar *chars,
                              guint           m,
                              gboolean        reversed)
{
  guint n_other = 0;
  guint n_rows = 0;
  guint size = 8;

  g_assert (m > 0);

  for (guint i = 0; i < m; i++)
    n_other += chars[i] >= 128;
  while (size < 2 * n_other)
    size *= 2;

  self->m = m;
  self->n_blocks = (m + 63) / 64;
  self->last_bit = G_GUINT64_CONSTANT (1) << ((m - 1) % 64);
  self->ascii_eq = g_new0 (guint64, 128 * self->n_blocks);
  self->other_keys = g_new0 (gunichar, size);
  self->other_rows = g_new (guint, size);
  self->other_mask = size - 1;
  self->other_eq = g_new0 (guint64, MAX (n_other, 1) * self->n_blocks);
  self->zero = g_new0 (guint64, self->n_blocks);
  self->pv = g_new (guint64, self->n_blocks);
  self->mv = g_new (guint64, self->n_blocks);
  self->block_score = g_new (guint, self->n_blocks);

  for (guint i = 0; i < m; i++)
    {
      gunichar c = chars[reversed ? m - 1 - i : i];

      matcher_add_row (self, c, &n_rows)[i / 64] |= G_GUINT64_CONSTANT (1) << (i % 64);
    }
}

void
_lectern_anchor_matcher_clear (Matcher *self)
{
  g_clear_pointer (&self->ascii_eq, g_free);
  g_clear_pointer (&self->other_keys, g_free);
  g_clear_pointer (&self->other_rows, g_free);
  g_clear_pointer (&self->other_eq, g_free);
  g_clear_pointer (&self->zero, g_free);
  g_clear_pointer (&self->pv, g_free);
  g_clear_pointer (&self->mv, g_free);
  g_clear_pointer (&self->block_score, g_free);
}

static void
matcher_reset (Matcher *self)
{
  for (guint b = 0; b < self->n_blocks; b++)
    {
      self->pv[b] = G_MAXUINT64;
      self->mv[b] = 0;
      self->block_score[b] = MIN ((b + 1) * 64, self->m);
    }
  self->score = self->m;
}

/* One step of one block; @hin and the result are the changes along the
 * row above the block and along its last row (@top marks that row). */
static inline int
advance_block (guint64 *pv_io,
               guint64 *mv_io,
               guint64  eq,
               int      hin,
               guint64  top)
{
  guint64 pv = *pv_io;
  guint64 mv = *mv_io;
  guint64 xv, xh, ph, mh;
  int hout;

  xv = eq | mv;
  if (hin < 0)
    eq |= 1;
  xh = (((eq & pv) + pv) ^ pv) | eq;
  ph = mv | ~(xh | pv);
  mh = pv & xh;

  hout = ((ph & top) != 0) - ((mh & top) != 0);

  ph <<= 1;
  mh <<= 1;
  if (hin < 0)
    mh |= 1;
  else if (hin > 0)
    ph |= 1;

  *pv_io = mh | ~(xv | ph);
  *mv_io = ph & xv;

  return hout;
}

static inline guint64
block_top (const Matcher *self,
           guint          b)
{
  return b + 1 == self->n_blocks ? self->last_bit : G_GUINT64_CONSTANT (1) << 63;
}

/* Advances every block by one text character. @hin is the change along
 * the top row: +1 when the pattern is anchored at the first character
 * read. Updates the distance of the whole pattern ending here. */
static inline void
matcher_step (Matcher  *self,
              gunichar  c,
              int       hin)
{
  const guint64 *eq = matcher_row (self, c);
  int h = hin;

  for (guint b = 0; b < self->n_blocks; b++)
    h = advance_block (&self->pv[b], &self->mv[b], eq[b], h, block_top (self, b));

  self->score += h;
}

/* Valid UTF-8 is all these read. */
static inline gunichar
read_forward (const guchar **pp)
{
  const guchar *p = *pp;
  gunichar c = p[0];

  if (c < 0x80)
    {
      *pp = p + 1;
      return c;
    }
  if (c < 0xE0)
    {
      *pp = p + 2;
      return ((c & 0x1F) << 6) | (p[1] & 0x3F);
    }
  if (c < 0xF0)
    {
      *pp = p + 3;
      return ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    }

  *pp = p + 4;
  return ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

static inline gunichar
read_backward (const guchar **pp)
{
  const guchar *p = *pp - 1;

  while (is_continuation (*p))
    p--;
  *pp = p;

  return read_forward (&p);
}

/* Ties between lengths go to the one closest to the pattern's. */
static inline gboolean
is_better (guint score,
           guint len,
           guint best,
           guint best_len,
           guint m)
{
  return score < best ||
         (score == best && ABS ((int)len - (int)m) < ABS ((int)best_len - (int)m));
}

/* Distance of the whole pattern to the text just after @from (the
 * pattern anchored there, its end free), reading at most @max_chars. */
guint
_lectern_anchor_scan_forward_anchored (const LecternAnchorText *t,
                                       Matcher                 *matcher,
                                       gsize                    from,
                                       guint                    max_chars,
                                       gsize                   *best_byte)
{
  const guchar *p = (const guchar *)t->text + from;
  const guchar *end = (const guchar *)t->text + t->n_bytes;
  guint best = matcher->m;
  guint best_len = 0;

  matcher_reset (matcher);
  *best_byte = from;

  for (guint j = 1; j <= max_chars && p < end; j++)
    {
      matcher_step (matcher, read_forward (&p), 1);

      if (is_better (matcher->score, j, best, best_len, matcher->m))
        {
          best = matcher->score;
          best_len = j;
          *best_byte = p - (const guchar *)t->text;
        }
    }

  return best;
}

/* The same, reading backwards from @from with a reversed pattern. */
guint
_lectern_anchor_scan_backward_anchored (const LecternAnchorText *t,
                                        Matcher                 *matcher,
                                        gsize                    from,
                                        guint                    max_chars,
                                        gsize                   *best_byte)
{
  const guchar *p = (const guchar *)t->text + from;
  const guchar *start = (const guchar *)t->text;
  guint best = matcher->m;
  guint best_len = 0;

  matcher_reset (matcher);
  *best_byte = from;

  for (guint j = 1; j <= max_chars && p > start; j++)
    {
      matcher_step (matcher, read_backward (&p), 1);

      if (is_better (matcher->score, j, best, best_len, matcher->m))
        {
          best = matcher->score;
          best_len = j;
          *best_byte = p - start;
        }
    }

  return best;
}

typedef struct
{
  GArray  *hits;
  gboolean in_run;
  Hit      best;
} HitRun;

/* Of a run of neighbouring ends only the best is kept. */
static inline void
hit_run_add (HitRun *run,
             guint   score,
             guint   k,
             guint   offset,
             gsize   byte)
{
  if (score <= k)
    {
      if (!run->in_run || score < run->best.distance)
        {
          run->best.end = offset;
          run->best.end_byte = byte;
          run->best.distance = score;
        }
      run->in_run = TRUE;
    }
  else if (run->in_run)
    {
      g_array_append_val (run->hits, run->best);
      run->in_run = FALSE;
    }
}

/* The common case, a quote of at most 64 characters, with the state in
 * registers. */
static void
search_one_block (const LecternAnchorText *t,
                  const Matcher           *matcher,
                  gsize                    from,
                  gsize                    to,
                  guint                    k,
                  HitRun                  *run)
{
  const guchar *text = (const guchar *)t->text;
  const guchar *p = text + from;
  const guchar *end = text + to;
  const guint64 *ascii = matcher->ascii_eq;
  const guint64 top = matcher->last_bit;
  guint offset = lectern_anchor_text_byte_to_offset (t, from);
  guint64 pv = G_MAXUINT64;
  guint64 mv = 0;
  guint score = matcher->m;

  g_assert (matcher->n_blocks == 1);

  while (p < end)
    {
      guint64 eq, xv, xh, ph, mh;

      if (*p < 0x80)
        eq = ascii[*p++];
      else
        eq = matcher_row (matcher, read_forward (&p))[0];

      xv = eq | mv;
      xh = (((eq & pv) + pv) ^ pv) | eq;
      ph = mv | ~(xh | pv);
      mh = pv & xh;
      score += ((ph & top) != 0) - ((mh & top) != 0);
      ph <<= 1;
      mh <<= 1;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
      offset++;

      if (G_UNLIKELY (score <= k || run->in_run))
        hit_run_add (run, score, k, offset, p - text);
    }
}

/* Blocks past the last one that can hold a value of at most @k are not
 * computed (Ukkonen's cut-off, as in Myers' paper and edlib). */
static void
search_blocks (const LecternAnchorText *t,
               Matcher                 *matcher,
               gsize                    from,
               gsize                    to,
               guint                    k,
               HitRun                  *run)
{
  const guchar *text = (const guchar *)t->text;
  const guchar *p = text + from;
  const guchar *end = text + to;
  guint offset = lectern_anchor_text_byte_to_offset (t, from);
  guint last_block = matcher->n_blocks - 1;
  guint y = MIN ((k + 64) / 64, matcher->n_blocks) - 1;

  matcher_reset (matcher);

  while (p < end)
    {
      const guint64 *eq = matcher_row (matcher, read_forward (&p));
      int h = 0;

      offset++;

      for (guint b = 0; b <= y; b++)
        {
          h = advance_block (&matcher->pv[b], &matcher->mv[b], eq[b], h, block_top (matcher, b));
          matcher->block_score[b] += h;
        }

      if (y < last_block &&
          matcher->block_score[y] - h <= k &&
          ((eq[y + 1] & 1) || h < 0))
        {
          guint rows = y + 1 == last_block ? matcher->m - 64 * last_block : 64;
          int h_new;

          y++;
          matcher->pv[y] = G_MAXUINT64;
          matcher->mv[y] = 0;
          h_new = advance_block (&matcher->pv[y], &matcher->mv[y], eq[y], h, block_top (matcher, y));
          matcher->block_score[y] = matcher->block_score[y - 1] - h + rows + h_new;
        }

      while (y > 0 && matcher->block_score[y] >= k + 64)
        y--;

      if (y == last_block)
        hit_run_add (run, matcher->block_score[y], k, offset, p - text);
      else if (run->in_run)
        hit_run_add (run, k + 1, k, offset, p - text);
    }
}

/* Every place in [@from, @to) where the pattern ends with at most @k
 * differences; of a run of neighbouring ends only the best is kept. */
void
_lectern_anchor_search_forward (const LecternAnchorText *t,
                                Matcher                 *matcher,
                                gsize                    from,
                                gsize                    to,
                                guint                    k,
                                GArray                  *hits)
{
  HitRun run = { hits, FALSE, { 0, 0, 0 } };

  if (matcher->n_blocks == 1)
    search_one_block (t, matcher, from, to, k, &run);
  else
    search_blocks (t, matcher, from, to, k, &run);

  if (run.in_run)
    g_array_append_val (hits, run.best);
}

/* Plain edit distance */

/* Levenshtein distance between @chars (@m of them) and the text from @start to
 * @end (characters), in two rows. Only for the few matches widened to
 * whole words. */
guint
_lectern_anchor_edit_distance (const LecternAnchorText *t,
                               const gunichar          *chars,
                               guint                    m,
                               guint                    start,
                               guint                    end)
{
  g_autofree guint *row = g_new (guint, m + 1);
  const char *p = t->text + lectern_anchor_text_offset_to_byte (t, start);

  for (guint j = 0; j <= m; j++)
    row[j] = j;

  for (guint i = 1; i <= end - start; i++, p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint diagonal = row[0];

      row[0] = i;
      for (guint j = 1; j <= m; j++)
        {
          guint above = row[j];
          guint best = diagonal + (chars[j - 1] == c ? 0 : 1);

          best = MIN (best, above + 1);
          best = MIN (best, row[j - 1] + 1);
          diagonal = above;
          row[j] = best;
        }
    }

  return row[m];
}

/* Searching the whole text for pieces of quotes, MAX_LANES at a time:
 * see lectern-anchor-private.h. */

#define LANES_PER_VEC 4
#define MAX_VECS (MAX_LANES / LANES_PER_VEC)

typedef guint64 LaneVec __attribute__ ((vector_size (32)));

#if defined(__x86_64__) && defined(__ELF__)
# define LANES_TARGET_CLONES __attribute__ ((target_clones ("avx2", "default")))
#else
# define LANES_TARGET_CLONES
#endif

typedef struct
{
  guint     n;
  guint     len[MAX_LANES];
  guint     k[MAX_LANES];
  /* MAX_LANES masks per ASCII character, then per other character;
   * wild holds the wildcard rows, which are set in every mask. */
  guint64   wild[MAX_LANES];
  guint64  *ascii_eq;
  gunichar *other_keys;
  guint    *other_rows;
  guint     other_mask;
  guint64  *other_eq;
} Lanes;

static const guint64 *
lanes_row (const Lanes *self,
           gunichar     c)
{
  for (guint h = hash_unichar (c, self->other_mask); self->other_keys[h] != 0; h = (h + 1) & self->other_mask)
    if (self->other_keys[h] == c)
      return self->other_eq + self->other_rows[h] * MAX_LANES;

  return self->wild;
}

static guint64 *
lanes_add_row (Lanes    *self,
               gunichar  c,
               guint    *n_rows)
{
  guint h;

  if (c < 128)
    return self->ascii_eq + c * MAX_LANES;

  for (h = hash_unichar (c, self->other_mask);
       self->other_keys[h] != 0 && self->other_keys[h] != c;
       h = (h + 1) & self->other_mask)
    ;

  if (self->other_keys[h] == 0)
    {
      self->other_keys[h] = c;
      self->other_rows[h] = (*n_rows)++;
      memcpy (self->other_eq + self->other_rows[h] * MAX_LANES, self->wild, sizeof self->wild);
    }

  return self->other_eq + self->other_rows[h] * MAX_LANES;
}

static void
lanes_init (Lanes       *self,
            const Piece *pieces,
            guint        n)
{
  guint n_other = 0;
  guint n_rows = 0;
  guint size = 8;

  memset (self, 0, sizeof *self);
  self->n = n;

  for (guint i = 0; i < n; i++)
    {
      self->len[i] = pieces[i].len;
      self->k[i] = pieces[i].len / MAX_ERROR_DIVISOR;
      self->wild[i] = pieces[i].len == 64 ? 0 : (G_GUINT64_CONSTANT (1) << (64 - pieces[i].len)) - 1;
      n_other += pieces[i].len;
    }
  /* Unused lanes: 64 rows that match nothing. */
  for (guint i = n; i < MAX_LANES; i++)
    self->len[i] = 64;

  while (size < 2 * n_other)
    size *= 2;

  self->ascii_eq = g_new (guint64, 128 * MAX_LANES);
  for (guint c = 0; c < 128; c++)
    memcpy (self->ascii_eq + c * MAX_LANES, self->wild, sizeof self->wild);
  self->other_keys = g_new0 (gunichar, size);
  self->other_rows = g_new (guint, size);
  self->other_mask = size - 1;
  self->other_eq = g_new (guint64, MAX (n_other, 1) * MAX_LANES);

  for (guint i = 0; i < n; i++)
    {
      const gunichar *chars = pieces[i].chars + pieces[i].first;
      guint shift = 64 - pieces[i].len;

      for (guint j = 0; j < pieces[i].len; j++)
        lanes_add_row (self, chars[j], &n_rows)[i] |= G_GUINT64_CONSTANT (1) << (shift + j);
    }
}

static void
lanes_clear (Lanes *self)
{
  g_free (self->ascii_eq);
  g_free (self->other_keys);
  g_free (self->other_rows);
  g_free (self->other_eq);
}

static inline void
lanes_step (LaneVec       *pv,
            LaneVec       *mv,
            LaneVec       *score,
            const guint64 *row,
            guint          n_vecs)
{
#pragma GCC unroll 4
  for (guint i = 0; i < n_vecs; i++)
    {
      LaneVec eq, xv, xh, ph, mh;

      memcpy (&eq, row + LANES_PER_VEC * i, sizeof eq);
      xv = eq | mv[i];
      xh = (((eq & pv[i]) + pv[i]) ^ pv[i]) | eq;
      ph = mv[i] | ~(xh | pv[i]);
      mh = pv[i] & xh;
      score[i] += (ph >> 63) - (mh >> 63);
      ph <<= 1;
      mh <<= 1;
      pv[i] = mh | ~(xv | ph);
      mv[i] = ph & xv;
    }
}

/* Inlined with each constant @n_vecs, so that the loops over the
 * vectors are unrolled. */
G_ALWAYS_INLINE static inline void
scan_lanes_n (const LecternAnchorText *t,
              const Lanes             *lanes,
              Piece                   *pieces,
              guint                    n_vecs)
{
  const guchar *text = (const guchar *)t->text;
  const guchar *p = text;
  const guchar *end = text + t->n_bytes;
  LaneVec pv[MAX_VECS], mv[MAX_VECS], score[MAX_VECS], k[MAX_VECS];
  HitRun runs[MAX_LANES];
  guint n_in_run = 0;
  guint offset = 0;

  for (guint i = 0; i < MAX_VECS; i++)
    {
      guint64 *ki = (guint64 *)&k[i];

      pv[i] = ~(LaneVec) { 0 };
      mv[i] = (LaneVec) { 0 };
      score[i] = (LaneVec) { 64, 64, 64, 64 };
      for (guint j = 0; j < LANES_PER_VEC; j++)
        ki[j] = lanes->k[LANES_PER_VEC * i + j];
    }

  /* Settle the wildcard rows at 0, as if the text had started earlier:
   * afterwards each piece's rows hold their distance from the top row. */
  for (guint j = 0; j < 64; j++)
    lanes_step (pv, mv, score, lanes->wild, n_vecs);
  for (guint i = 0; i < LANES_PER_VEC * n_vecs; i++)
    {
      g_assert (score[i / LANES_PER_VEC][i % LANES_PER_VEC] == lanes->len[i]);
      if (i < lanes->n)
        {
          runs[i].hits = pieces[i].hits;
          runs[i].in_run = FALSE;
        }
    }

  while (p < end)
    {
      const guint64 *row;
      LaneVec all;

      if (*p < 0x80)
        row = lanes->ascii_eq + *p++ * MAX_LANES;
      else
        row = lanes_row (lanes, read_forward (&p));
      offset++;

      lanes_step (pv, mv, score, row, n_vecs);

      /* k - score has its top bit clear exactly where score <= k. */
      all = k[0] - score[0];
#pragma GCC unroll 4
      for (guint i = 1; i < n_vecs; i++)
        all &= k[i] - score[i];

      if (G_UNLIKELY (((all[0] & all[1] & all[2] & all[3]) >> 63) == 0 || n_in_run > 0))
        {
          n_in_run = 0;
          for (guint i = 0; i < lanes->n; i++)
            {
              guint s = score[i / LANES_PER_VEC][i % LANES_PER_VEC];

              if (s <= lanes->k[i] || runs[i].in_run)
                hit_run_add (&runs[i], s, lanes->k[i], offset, p - text);
              n_in_run += runs[i].in_run;
            }
        }
    }

  for (guint i = 0; i < lanes->n; i++)
    if (runs[i].in_run)
      g_array_append_val (runs[i].hits, runs[i].best);
}

LANES_TARGET_CLONES static void
scan_lanes (const LecternAnchorText *t,
            const Lanes             *lanes,
            Piece                   *pieces)
{
  if (lanes->n <= LANES_PER_VEC)
    scan_lanes_n (t, lanes, pieces, 1);
  else if (lanes->n <= 2 * LANES_PER_VEC)
    scan_lanes_n (t, lanes, pieces, 2);
  else
    scan_lanes_n (t, lanes, pieces, 4);
}

/* Adds to the hits of each of @pieces the places where it ends with at
 * most a quarter of its characters changed. */
void
_lectern_anchor_scan_pieces (const LecternAnchorText *t,
                             Piece                   *pieces,
                             guint                    n_pieces)
{
  for (guint first = 0; first < n_pieces; first += MAX_LANES)
    {
      Lanes lanes;

      lanes_init (&lanes, pieces + first, MIN (n_pieces - first, MAX_LANES));
      scan_lanes (t, &lanes, pieces + first);
      lanes_clear (&lanes);
    }
}
