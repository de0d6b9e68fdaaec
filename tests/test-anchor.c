/* test-anchor.c: LecternAnchor, and re-anchoring in the store
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lectern-core.h"
#include "lectern-test-utils.h"

#define CONTEXT 32

static const char base_text[] =
  "Reading slowly is a skill. The first pass over a chapter finds its shape; "
  "the second finds its claims; the third finds what the author left out.\n\n"
  "Margins were once the place for this work. A reader wrote a question beside "
  "a paragraph, drew a line under a phrase, and came back years later to find "
  "the line still there.\n\n"
  "Digital texts change under the reader. A publisher fixes a typo, an author "
  "adds a paragraph, and every position after the change moves.\n";

/* A target as the app stores it: the quote with up to CONTEXT characters
 * on each side, taken from @text at the @nth copy of @quote. */
typedef struct
{
  LecternAnchorTarget target;
  char               *exact;
  char               *prefix;
  char               *suffix;
} Stored;

static void
stored_free (Stored *stored)
{
  g_free (stored->exact);
  g_free (stored->prefix);
  g_free (stored->suffix);
  g_free (stored);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Stored, stored_free)

static Stored *
stored_new (const char *text,
            const char *quote,
            guint       nth)
{
  Stored *stored = g_new0 (Stored, 1);
  const char *at = text;
  const char *p;
  glong before, start, len, total;

  for (guint i = 0; i <= nth; i++)
    {
      at = strstr (i == 0 ? at : at + 1, quote);
      g_assert_nonnull (at);
    }

  start = g_utf8_pointer_to_offset (text, at);
  len = g_utf8_strlen (quote, -1);
  total = g_utf8_strlen (text, -1);
  before = MIN (start, CONTEXT);

  p = g_utf8_offset_to_pointer (text, start - before);
  stored->prefix = g_strndup (p, at - p);
  p = g_utf8_offset_to_pointer (at + strlen (quote), MIN (CONTEXT, total - start - len));
  stored->suffix = g_strndup (at + strlen (quote), p - (at + strlen (quote)));
  stored->exact = g_strdup (quote);

  stored->target.start = start;
  stored->target.end = start + len;
  stored->target.exact = stored->exact;
  stored->target.prefix = stored->prefix;
  stored->target.suffix = stored->suffix;

  return stored;
}

static LecternAnchorText *
text_new (const char *text)
{
  return lectern_anchor_text_new (text, strlen (text));
}

/* Replaces the first @old in @text with @replacement. */
static char *
edit (const char *text,
      const char *old,
      const char *replacement)
{
  const char *at = strstr (text, old);

  g_assert_nonnull (at);

  return g_strdup_printf ("%.*s%s%s", (int)(at - text), text, replacement, at + strlen (old));
}

/* The same, freeing @text. */
static char *
edit_take (char       *text,
           const char *old,
           const char *replacement)
{
  char *ret = edit (text, old, replacement);

  g_free (text);

  return ret;
}

static guint
char_offset (const char *text,
             const char *needle)
{
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);

  return g_utf8_pointer_to_offset (text, at);
}

static char *
slice (const char *text,
       guint       start,
       guint       end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);
  const char *to = g_utf8_offset_to_pointer (text, end);

  return g_strndup (from, to - from);
}

static void
test_unchanged (void)
{
  g_autoptr(LecternAnchorText) text = text_new (base_text);
  const char *quotes[] = { "Reading slowly", "drew a line under a phrase", "every position after the change moves." };

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      g_autoptr(Stored) stored = stored_new (base_text, quotes[i], 0);
      LecternAnchorResult result = lectern_anchor_locate (text, &stored->target);

      g_assert_cmpint (result.method, ==, LECTERN_ANCHOR_EXACT_POSITION);
      g_assert_cmpuint (result.start, ==, stored->target.start);
      g_assert_cmpuint (result.end, ==, stored->target.end);
      g_assert_cmpuint (result.distance, ==, 0);
      g_assert_cmpfloat (result.confidence, ==, 1.0);
    }
}

static void
test_text_inserted_before (void)
{
  g_autoptr(Stored) stored = stored_new (base_text, "came back years later", 0);
  g_autofree char *changed = edit (base_text, "Reading slowly", "A preface of some length. Reading slowly");
  g_autoptr(LecternAnchorText) text = text_new (changed);
  LecternAnchorResult result = lectern_anchor_locate (text, &stored->target);
  g_autofree char *found = NULL;

  g_assert_cmpint (result.method, ==, LECTERN_ANCHOR_EXACT_NEAREST);
  g_assert_cmpuint (result.start, ==, stored->target.start + strlen ("A preface of some length. "));
  found = slice (changed, result.start, result.end);
  g_assert_cmpstr (found, ==, "came back years later");
  g_assert_cmpfloat (result.confidence, ==, 1.0);
}

static void
test_quote_moved (void)
{
  g_autoptr(Stored) inside = stored_new (base_text, "A publisher fixes a typo", 0);
  g_autoptr(Stored) first = stored_new (base_text, "Digital texts change", 0);
  const char *paragraph = strstr (base_text, "Digital texts");
  g_autofree char *moved = g_strdup_printf ("%s\n%.*s", paragraph, (int)(paragraph - base_text), base_text);
  g_autoptr(LecternAnchorText) text = text_new (moved);
  LecternAnchorResult result;

  /* The last paragraph moved to the top, context and all. */
  result = lectern_anchor_locate (text, &inside->target);
  g_assert_cmpint (result.method, ==, LECTERN_ANCHOR_EXACT_NEAREST);
  g_assert_cmpuint (result.start, ==, char_offset (moved, "A publisher fixes a typo"));
  g_assert_cmpuint (result.end - result.start, ==, strlen ("A publisher fixes a typo"));
  g_assert_cmpfloat (result.confidence, ==, 1.0);

  /* Its first words now begin the text: their prefix is gone. */
  result = lectern_anchor_locate (text, &first->target);
  g_assert_cmpint (result.method, ==, LECTERN_ANCHOR_EXACT_NEAREST);
  g_assert_cmpuint (result.start, ==, 0);
  g_assert_cmpfloat (result.confidence, <, 1.0);
  g_assert_cmpfloat (result.confidence, >=, 0.75);
}

static void
test_duplicates_by_context (void)
{
  const char *original =
    "First the red notebook held the lists. "
    "Later the blue notebook held the drafts. "
    "At last the green notebook held the letters.";
  /* The copy in the middle is highlighted; then the text before it is
   * cut, so that its stored position now points into the last sentence. */
  g_autoptr(Stored) stored = stored_new (original, "notebook held the", 1);
  g_autofree char *changed = edit (original, "First the red notebook held the lists. ", "");
  g_autoptr(LecternAnchorText) text = text_new (changed);
  LecternAnchorResult result = lectern_anchor_locate (text, &stored->target);
  guint wanted = char_offset (changed, "notebook held the drafts");

  g_assert_cmpint (result.method, ==, LECTERN_ANCHOR_EXACT_NEAREST);
  g_assert_cmpuint (result.start, ==, wanted);
  /* The start of its prefix went with the cut sentence. */
  g_assert_cmpfloat (result.confidence, <, 1.0);
  g_assert_cmpfloat (result.confidence, >, 0.9);
}

static void
test_duplicates_by_nearness (void)
{
  g_autoptr(GString) text_str = g_string_new (NULL);
  g_autoptr(LecternAnchorText) text = NULL;
  LecternAnchorTarget target = { 0, };
  LecternAnchorResult result;

  /* Five identical lines: context cannot tell them apart. */
  for (guint i = 0; i < 5; i++)
    g_string_append (text_str, "the same line of text again\n");
  text = text_new (text_str->str);

  target.exact = "line of text";
  target.prefix = "the same ";
  target.suffix = " again\n";

  /* Stored a little after the fourth copy (at 3 * 28 + 9 = 93). */
  target.start = 96;
  target.end = target.start + 12;
  result = lectern_anchor_locate (text, &target);
  g_assert_cmpint (result.method, ==, LECTERN_ANCHOR_EXACT_NEAREST);
  g_assert_cmpuint (result.start, ==, 93);

  /* And just before the second one (at 28 + 9 = 37). */
  target.start = 30;
  target.end = target.start + 12;
  result = lectern_anchor_locate (text, &target);
  g_assert_cmpuint (result.start, ==, 37);
  g_assert_cmpuint (result.end, ==, 49);
}

static void
test_fuzzy_small_edit (void)
{
  g_autoptr(Stored) stored = stored_new (base_text, "A reader wrote a question beside a paragraph", 0);
  g_autofree char *changed = edit (base_text, "wrote a question", "wrote questions");
  g_autoptr(LecternAnchorText) text = text_new (changed);
  LecternAnchorResult result = lectern_anchor_locate (text, &stored->target);
  g_autofree char *found = NULL;

  g_assert_cmpint (result.method, ==, LECTERN_ANCHOR_FUZZY);
  found = slice (changed, result.start, result.end);
  g_assert_cmpstr (found, ==, "A reader wrote questions beside a paragraph");
  g_assert_cmpuint (result.distance, ==, 3);
  g_assert_cmpfloat (result.confidence, <, 1.0);
  g_assert_cmpfloat (result.confidence, >, 0.8);
}

/* A reader's quote ran from word to word; its last word was respelled.
 * The closest alignment stops inside the new word; the passage found
 * covers the whole word, and its distance is that of the wider range. */
static void
test_fuzzy_whole_words (void)
{
  const char *old_text = "Talks began in the first days of November, when winter came early.";
  const char *new_text = "Talks began in the frst days of Novembre, when winter came early.";
  g_autoptr(LecternAnchorText) text = text_new (new_text);
  LecternAnchorTarget target = { 15, 41, "the first days of November", "Talks began in ", ", when winter" };
  LecternAnchorResult result;
  g_autofree char *found = NULL;

  g_assert_cmpint (strncmp (old_text + 15, target.exact, strlen (target.exact)), ==, 0);

  result = lectern_anchor_locate (text, &target);
  g_assert_cmpint (result.method, ==, LECTERN_ANCHOR_FUZZY);
  found = g_strndup (new_text + result.start, result.end - result.start);
  g_assert_cmpstr (found, ==, "the frst days of Novembre");
  g_assert_cmpuint (result.distance, ==, 3);

  /* Without the context, a quote may have begun or ended inside a word:
   * nothing is widened. */
  target.prefix = target.suffix = NULL;
  result = lectern_anchor_locate (text, &target);
  g_assert_cmpint (result.method, ==, LECTERN_ANCHOR_FUZZY);
  g_assert_cmpuint (result.end - result.start, <=, strlen ("the frst days of Novembre"));
}

static void
test_fuzzy_too_different (void)
{
  g_autoptr(Stored) stored = stored_new (base_text, "drew a line under a phrase", 0);
  g_autofree char *changed = edit (base_text, "drew a line under a phrase", "circled one unusual word");
  g_autoptr(LecternAnchorText) text = text_new (changed);
  LecternAnchorResult result = lectern_anchor_locate (text, &stored->target);

  g_assert_cmpint (result.method, ==, LECTERN_ANCHOR_ORPHANED);
}

static void
test_quote_deleted (void)
{
  g_autoptr(Stored) stored = stored_new (base_text, "A publisher fixes a typo, an author adds a paragraph", 0);
  g_autofree char *changed = edit (base_text, "A publisher fixes a typo, an author adds a paragraph, and ", "");
  g_autoptr(LecternAnchorText) text = text_new (changed);
  LecternAnchorResult result = lectern_anchor_locate (text, &stored->target);

  g_assert_cmpint (result.method, ==, LECTERN_ANCHOR_ORPHANED);
  /* The stored range is given back unchanged. */
  g_assert_cmpuint (result.start, ==, stored->target.start);
  g_assert_cmpuint (result.end, ==, stored->target.end);
  g_assert_cmpfloat (result.confidence, ==, 0.0);
}

static void
test_multibyte (void)
{
  const char *original =
    "독서는 천천히 하는 기술이다. 첫 번째 읽기는 장의 모양을 찾는다 📖. "
    "두 번째 읽기는 주장을 찾고, 세 번째 읽기는 빠진 것을 찾는다 ✍️.";
  g_autoptr(Stored) moved_quote = stored_new (original, "주장을 찾고", 0);
  g_autoptr(Stored) edited_quote = stored_new (original, "첫 번째 읽기는 장의 모양을 찾는다 📖", 0);
  g_autofree char *changed = NULL;
  g_autofree char *found = NULL;
  g_autoptr(LecternAnchorText) text = NULL;
  LecternAnchorResult result;

  /* Four characters (an emoji among them), ten bytes, inserted
   * before both quotes, and a word of the second changed. */
  changed = edit (original, "독서는", "🌙 새 독서는");
  changed = edit_take (changed, "모양을", "형태를");
  text = text_new (changed);

  result = lectern_anchor_locate (text, &moved_quote->target);
  g_assert_cmpint (result.method, ==, LECTERN_ANCHOR_EXACT_NEAREST);
  g_assert_cmpuint (result.start, ==, moved_quote->target.start + 4);
  found = slice (changed, result.start, result.end);
  g_assert_cmpstr (found, ==, "주장을 찾고");
  g_clear_pointer (&found, g_free);

  result = lectern_anchor_locate (text, &edited_quote->target);
  g_assert_cmpint (result.method, ==, LECTERN_ANCHOR_FUZZY);
  g_assert_cmpuint (result.start, ==, edited_quote->target.start + 4);
  /* Three syllables differ: a distance in characters, not bytes. */
  g_assert_cmpuint (result.distance, ==, 3);
  found = slice (changed, result.start, result.end);
  g_assert_cmpstr (found, ==, "첫 번째 읽기는 장의 형태를 찾는다 📖");
}

static void
test_offsets (void)
{
  g_autoptr(GString) str = g_string_new (NULL);
  g_autoptr(LecternAnchorText) text = NULL;
  const char *p;
  guint offset = 0;

  /* Characters of 1 to 4 bytes, across many index strides. */
  for (guint i = 0; i < 500; i++)
    g_string_append (str, i % 4 == 0 ? "a" : i % 4 == 1 ? "é" : i % 4 == 2 ? "한" : "😀");
  text = text_new (str->str);

  g_assert_cmpuint (lectern_anchor_text_get_length (text), ==, 500);

  for (p = str->str; ; p = g_utf8_next_char (p), offset++)
    {
      g_assert_cmpuint (lectern_anchor_text_offset_to_byte (text, offset), ==, p - str->str);
      g_assert_cmpuint (lectern_anchor_text_byte_to_offset (text, p - str->str), ==, offset);
      if (*p == '\0')
        break;
    }

  /* Past the end means the end; inside a character means the next one. */
  g_assert_cmpuint (lectern_anchor_text_offset_to_byte (text, 10000), ==, str->len);
  g_assert_cmpuint (lectern_anchor_text_byte_to_offset (text, 2), ==, 2);
  g_assert_cmpuint (lectern_anchor_text_byte_to_offset (text, 4), ==, 3);
}

static void
test_invalid_targets (void)
{
  g_autoptr(LecternAnchorText) text = text_new (base_text);
  LecternAnchorTarget target = { 0, 5, "", NULL, NULL };
  LecternAnchorResult result;

  /* Empty, not UTF-8, not in the text: orphaned, range kept. */
  result = lectern_anchor_locate (text, &target);
  g_assert_cmpint (result.method, ==, LECTERN_ANCHOR_ORPHANED);
  g_assert_cmpuint (result.end, ==, 5);

  target.exact = "Reading \xff slowly";
  result = lectern_anchor_locate (text, &target);
  g_assert_cmpint (result.method, ==, LECTERN_ANCHOR_ORPHANED);

  /* Bad context is ignored, and a stored position past the end is fine. */
  target.exact = "Reading slowly";
  target.prefix = "\xc3";
  target.suffix = " is a skill\xff";
  target.start = 100000;
  target.end = 100014;
  result = lectern_anchor_locate (text, &target);
  g_assert_cmpint (result.method, ==, LECTERN_ANCHOR_EXACT_NEAREST);
  g_assert_cmpuint (result.start, ==, 0);
  g_assert_cmpuint (result.end, ==, 14);

  /* A quote too short for any fuzziness. */
  target.exact = "Thz";
  target.prefix = NULL;
  target.suffix = NULL;
  result = lectern_anchor_locate (text, &target);
  g_assert_cmpint (result.method, ==, LECTERN_ANCHOR_ORPHANED);
}

/* Words from a fixed list, so that the text repeats itself as prose does. */
static char *
make_text (GRand *rand,
           gsize  n_bytes)
{
  static const char * const words[] = {
    "the", "of", "reader", "margin", "line", "page", "note", "and", "a", "chapter",
    "question", "years", "later", "text", "changes", "한국어", "문장", "📚", "author",
    "paragraph", "claim", "shape", "pass", "slowly", "skill", "found", "left", "out",
  };
  GString *str = g_string_new (NULL);

  while (str->len < n_bytes)
    {
      g_string_append (str, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_c (str, g_rand_int_range (rand, 0, 10) == 0 ? '\n' : ' ');
    }

  return g_string_free (str, FALSE);
}

/* A quote moved far away and edited: found by the search of the whole
 * text, for short (one piece) and long (several pieces) quotes. */
static void
test_moved_and_edited (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *filler = make_text (rand, 20000);
  const char *short_quote = "an unusual sentence about marginalia";
  const char *long_quote =
    "A much longer passage that a student highlighted because it says something "
    "about how readers annotate their books over many years of study";
  g_autofree char *original = g_strdup_printf ("%s %s %s\n%s", short_quote, long_quote, filler, "end");
  g_autofree char *changed = g_strdup_printf ("%s\n%s %s end",
                                              filler,
                                              "an unusual sentance about marginalia",
                                              "A much longer passage which a student highlighted because it says something "
                                              "about how readers annotate books over many years of study");
  g_autoptr(Stored) stored_short = stored_new (original, short_quote, 0);
  g_autoptr(Stored) stored_long = stored_new (original, long_quote, 0);
  g_autoptr(LecternAnchorText) text = text_new (changed);
  LecternAnchorTarget targets[2];
  LecternAnchorResult results[2];
  g_autofree char *found = NULL;

  targets[0] = stored_short->target;
  targets[1] = stored_long->target;

  for (guint pass = 0; pass < 2; pass++)
    {
      if (pass == 0)
        {
          results[0] = lectern_anchor_locate (text, &targets[0]);
          results[1] = lectern_anchor_locate (text, &targets[1]);
        }
      else
        {
          lectern_anchor_locate_all (text, targets, 2, results);
        }

      g_assert_cmpint (results[0].method, ==, LECTERN_ANCHOR_FUZZY);
      g_assert_cmpuint (results[0].distance, ==, 1);
      found = slice (changed, results[0].start, results[0].end);
      g_assert_cmpstr (found, ==, "an unusual sentance about marginalia");
      g_clear_pointer (&found, g_free);

      g_assert_cmpint (results[1].method, ==, LECTERN_ANCHOR_FUZZY);
      found = slice (changed, results[1].start, results[1].end);
      g_assert_true (g_str_has_prefix (found, "A much longer passage which"));
      g_assert_true (g_str_has_suffix (found, "years of study"));
      g_clear_pointer (&found, g_free);
    }
}

/* A quote of more than 2048 characters, placed by its ends. */
static void
test_very_long_quote (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autofree char *body = make_text (rand, 6000);
  g_autofree char *original = g_strdup_printf ("Before it. %s After it.", body);
  g_autoptr(Stored) stored = stored_new (original, body, 0);
  g_autofree char *changed = NULL;
  g_autoptr(LecternAnchorText) text = NULL;
  LecternAnchorResult result;

  /* A few characters changed in the middle, text added before. */
  changed = g_strdup_printf ("New start. %s", original);
  g_assert_cmpint ((guchar)changed[3000] & 0xC0, !=, 0x80);
  memcpy (changed + 3000, "XYZ", 3);
  for (guint i = 3003; ((guchar)changed[i] & 0xC0) == 0x80; i++)
    changed[i] = '_';
  g_assert_true (g_utf8_validate (changed, -1, NULL));

  text = text_new (changed);
  result = lectern_anchor_locate (text, &stored->target);
  g_assert_cmpint (result.method, ==, LECTERN_ANCHOR_FUZZY);
  g_assert_cmpuint (result.start, ==, stored->target.start + strlen ("New start. "));
  g_assert_cmpuint (result.end, ==, stored->target.end + strlen ("New start. "));
  g_assert_cmpfloat (result.confidence, <, 1.0);
}

static guint
levenshtein (const gunichar *a,
             guint           n,
             const gunichar *b,
             guint           m)
{
  g_autofree guint *row = g_new (guint, m + 1);
  guint result;

  for (guint j = 0; j <= m; j++)
    row[j] = j;

  for (guint i = 1; i <= n; i++)
    {
      guint diagonal = row[0];

      row[0] = i;
      for (guint j = 1; j <= m; j++)
        {
          guint up = row[j];

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] != b[j - 1]));
          diagonal = up;
        }
    }

  result = row[m];

  return result;
}

/* Quotes of 5 to 300 characters (one to five blocks of the bit-parallel
 * search), a few of their characters changed, found near their place
 * and far from it: the distance reported is the true edit distance of
 * what was found, and no more than the changes made. */
static void
test_fuzzy_distances (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);

  for (guint trial = 0; trial < 150; trial++)
    {
      g_autofree char *text_str = make_text (rand, 3000);
      g_autofree gunichar *chars = NULL;
      g_autoptr(GArray) edited = g_array_new (FALSE, FALSE, sizeof (gunichar));
      g_autofree char *exact = NULL;
      g_autofree char *changed = NULL;
      g_autofree gunichar *found = NULL;
      g_autoptr(LecternAnchorText) text = NULL;
      LecternAnchorTarget target = { 0, };
      LecternAnchorResult result;
      glong n_chars;
      guint m = g_rand_int_range (rand, 5, 300);
      guint start, n_edits, stored_start;
      gboolean far = trial % 3 == 0;

      chars = g_utf8_to_ucs4_fast (text_str, -1, &n_chars);
      start = g_rand_int_range (rand, 0, n_chars - m);
      exact = g_ucs4_to_utf8 (chars + start, m, NULL, NULL, NULL);
      g_array_append_vals (edited, chars, n_chars);

      /* At most an eighth of the quote, by substitution, insertion or deletion. */
      n_edits = g_rand_int_range (rand, 1, MAX (m / 8, 1) + 1);
      for (guint e = 0; e < n_edits; e++)
        {
          guint at = start + 1 + g_rand_int_range (rand, 0, m - 2 - e);
          gunichar c = g_rand_boolean (rand) ? 'Q' : 0x1F600;

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0: g_array_index (edited, gunichar, at) = c; break;
            case 1: g_array_insert_val (edited, at, c); break;
            default: g_array_remove_index (edited, at); break;
            }
        }
      changed = g_ucs4_to_utf8 ((gunichar *)(gpointer)edited->data, edited->len, NULL, NULL, NULL);
      text = text_new (changed);

      /* Far: the stored position is in another part of the text. */
      stored_start = far ? (start + n_chars / 2) % (n_chars - m) : start;
      target = (LecternAnchorTarget) { stored_start, stored_start + m, exact, NULL, NULL };
      result = lectern_anchor_locate (text, &target);

      if (result.method == LECTERN_ANCHOR_ORPHANED)
        g_error ("trial %u: a quote of %u characters with %u changes was not found", trial, m, n_edits);

      found = g_new (gunichar, result.end - result.start + 1);
      memcpy (found, (gunichar *)(gpointer)edited->data + result.start,
              (result.end - result.start) * sizeof (gunichar));
      g_assert_cmpuint (result.distance, ==,
                        levenshtein (chars + start, m, found, result.end - result.start));
      g_assert_cmpuint (result.distance, <=, m / 4);
      /* Short quotes recur in this text, exactly or nearly; a long one
       * is found where it was edited, near its stored place or not. */
      if (m >= 40)
        {
          g_assert_cmpuint (result.distance, <=, n_edits);
          g_assert_cmpuint (ABS ((int)result.start - (int)start), <=, n_edits);
        }
    }
}

typedef struct
{
  guint    start;
  guint    end;
  gboolean damaged;
} Truth;

/* Scattered edits to a generated text: every highlight that no edit
 * touched is found exactly where the edits moved it. */
static void
check_scattered_edits (guint32 seed,
                       gsize   text_bytes,
                       guint   n,
                       guint   n_edits)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *original = make_text (rand, text_bytes);
  g_autofree gunichar *chars = NULL;
  g_autoptr(GArray) edited = g_array_new (FALSE, FALSE, sizeof (gunichar));
  g_autoptr(GPtrArray) stored = g_ptr_array_new_with_free_func ((GDestroyNotify)stored_free);
  g_autofree LecternAnchorTarget *targets = NULL;
  g_autofree LecternAnchorResult *results = NULL;
  g_autofree Truth *truth = NULL;
  g_autofree char *changed = NULL;
  g_autoptr(LecternAnchorText) text = NULL;
  glong n_chars;
  guint counts[4] = { 0, };

  chars = g_utf8_to_ucs4_fast (original, -1, &n_chars);
  g_array_append_vals (edited, chars, n_chars);
  targets = g_new0 (LecternAnchorTarget, n);
  results = g_new0 (LecternAnchorResult, n);
  truth = g_new0 (Truth, n);

  for (guint i = 0; i < n; i++)
    {
      guint len = g_rand_int_range (rand, 6, 120);
      guint start = g_rand_int_range (rand, 0, n_chars - len);
      Stored *s = g_new0 (Stored, 1);
      guint before = MIN (start, CONTEXT);
      guint after = MIN (CONTEXT, n_chars - start - len);

      s->exact = g_ucs4_to_utf8 (chars + start, len, NULL, NULL, NULL);
      s->prefix = g_ucs4_to_utf8 (chars + start - before, before, NULL, NULL, NULL);
      s->suffix = g_ucs4_to_utf8 (chars + start + len, after, NULL, NULL, NULL);
      g_ptr_array_add (stored, s);

      targets[i] = (LecternAnchorTarget) { start, start + len, s->exact, s->prefix, s->suffix };
      truth[i] = (Truth) { start, start + len, FALSE };
    }

  for (guint e = 0; e < n_edits; e++)
    {
      guint at = g_rand_int_range (rand, 0, edited->len);
      guint removed = MIN ((guint)g_rand_int_range (rand, 0, 30), edited->len - at);
      guint added = g_rand_int_range (rand, 0, 30);

      g_array_remove_range (edited, at, removed);
      for (guint j = 0; j < added; j++)
        {
          gunichar c = 'a' + g_rand_int_range (rand, 0, 26);
          g_array_insert_val (edited, at, c);
        }

      for (guint i = 0; i < n; i++)
        {
          if (at + removed <= truth[i].start && (removed > 0 || at < truth[i].start))
            {
              truth[i].start += added - removed;
              truth[i].end += added - removed;
            }
          else if (at < truth[i].end)
            truth[i].damaged = TRUE;
        }
    }

  changed = g_ucs4_to_utf8 ((gunichar *)(gpointer)edited->data, edited->len, NULL, NULL, NULL);
  text = text_new (changed);
  lectern_anchor_locate_all (text, targets, n, results);

  for (guint i = 0; i < n; i++)
    {
      counts[results[i].method]++;

      if (truth[i].damaged)
        continue;

      g_assert_cmpint (results[i].method, !=, LECTERN_ANCHOR_FUZZY);
      g_assert_cmpint (results[i].method, !=, LECTERN_ANCHOR_ORPHANED);
      g_assert_cmpuint (results[i].start, ==, truth[i].start);
      g_assert_cmpuint (results[i].end, ==, truth[i].end);
    }

  g_test_message ("exact at position %u, moved %u, fuzzy %u, orphaned %u",
                  counts[0], counts[1], counts[2], counts[3]);
  /* The edits moved most highlights, and damaged a few. */
  g_assert_cmpuint (counts[LECTERN_ANCHOR_EXACT_NEAREST], >, n / 2);
  g_assert_cmpuint (counts[LECTERN_ANCHOR_FUZZY] + counts[LECTERN_ANCHOR_ORPHANED], >, 0);
}

static void
test_batch_scattered_edits (void)
{
  check_scattered_edits (42, 200000, 2000, 40);
}

/* The figure of DESIGN.md, 10,000 highlights in a 1 MB document after 100
 * scattered edits: every one placed right. How fast is lectern-bench's
 * reanchor-10k; a test only checks the result. */
static void
test_10k_highlights_1mb (void)
{
  check_scattered_edits (1, 1 << 20, 10000, 100);
}

/* The store: a document whose text changed since its highlights were saved. */

static LecternDocument *
make_document (const char *text)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  LecternDocument *document;

  document = lectern_document_loader_load_bytes (loader, bytes, "file:///tmp/essay.txt", "essay.txt",
                                                 LECTERN_DOCUMENT_FORMAT_PLAIN, &error);
  g_assert_no_error (error);

  return document;
}

static LecternHighlight *
add_highlight (LecternAnnotationStore *store,
               LecternDocument        *document,
               const char             *quote)
{
  g_autoptr(Stored) stored = stored_new (lectern_document_get_text (document), quote, 0);
  g_autoptr(LecternHighlight) highlight = NULL;

  highlight = lectern_highlight_new (lectern_document_get_id (document), LECTERN_COLOR_GREEN,
                                     stored->target.start, stored->target.end,
                                     stored->exact, stored->prefix, stored->suffix);
  lectern_highlight_set_note (highlight, quote);
  g_assert_true (lectern_annotation_store_add (store, highlight, NULL));

  return highlight;
}

static char *
file_fingerprint (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *document;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  document = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "document");

  return g_strdup (json_object_get_string_member (document, "fingerprint"));
}

static LecternHighlight *
find_by_note (LecternAnnotationStore *store,
              const char             *note)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(LecternHighlight) highlight = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (g_strcmp0 (lectern_highlight_get_note (highlight), note) == 0)
        return highlight;
    }

  g_assert_not_reached ();
}

static void
test_store_reanchors (void)
{
  g_autofree char *dir = lectern_test_make_tmp_dir ();
  g_autoptr(LecternDocument) before = make_document (base_text);
  g_autofree char *changed_text = NULL;
  g_autoptr(LecternDocument) after = NULL;
  g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (dir);
  g_autofree char *path = NULL;
  g_autofree char *bak = NULL;
  g_autofree char *old_fingerprint = NULL;
  g_autofree char *new_fingerprint = NULL;
  g_autofree char *expected_fingerprint = NULL;
  g_autoptr(GError) error = NULL;
  LecternHighlight *moved, *edited, *deleted, *still;
  guint deleted_start, deleted_end;

  g_assert_true (lectern_annotation_store_load_document (store, before, NULL));
  add_highlight (store, before, "Reading slowly");
  add_highlight (store, before, "came back years later");
  add_highlight (store, before, "A reader wrote a question beside a paragraph");
  add_highlight (store, before, "A publisher fixes a typo, an author adds a paragraph");
  g_assert_true (lectern_annotation_store_flush (store, NULL));
  path = lectern_annotation_store_dup_path (store, lectern_document_get_id (before));
  bak = g_strconcat (path, ".bak", NULL);
  old_fingerprint = file_fingerprint (path);
  g_assert_finalize_object (g_steal_pointer (&store));

  /* Same URI, new text: something inserted at the start, one quote
   * edited, one deleted. */
  changed_text = edit (base_text, "Reading slowly", "Preface added later.\n\nReading slowly");
  changed_text = edit_take (changed_text, "wrote a question", "wrote questions");
  changed_text = edit_take (changed_text, "A publisher fixes a typo, an author adds a paragraph, and ", "");
  after = make_document (changed_text);
  g_assert_cmpstr (lectern_document_get_id (after), ==, lectern_document_get_id (before));
  g_assert_cmpstr (lectern_document_get_fingerprint (after), !=, lectern_document_get_fingerprint (before));

  store = lectern_annotation_store_new (dir);
  lectern_annotation_store_load_document (store, after, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 4);

  still = find_by_note (store, "Reading slowly");
  g_assert_cmpuint (lectern_highlight_get_start (still), ==, char_offset (lectern_document_get_text (after), "Reading slowly"));
  g_assert_cmpint (lectern_highlight_get_state (still), ==, LECTERN_HIGHLIGHT_ANCHORED);

  moved = find_by_note (store, "came back years later");
  g_assert_cmpuint (lectern_highlight_get_start (moved), ==, char_offset (lectern_document_get_text (after), "came back years later"));
  g_assert_cmpint (lectern_highlight_get_state (moved), ==, LECTERN_HIGHLIGHT_ANCHORED);

  edited = find_by_note (store, "A reader wrote a question beside a paragraph");
  g_assert_cmpuint (lectern_highlight_get_start (edited), ==, char_offset (lectern_document_get_text (after), "A reader wrote questions"));
  g_assert_cmpuint (lectern_highlight_get_end (edited) - lectern_highlight_get_start (edited), ==,
                    strlen ("A reader wrote questions beside a paragraph"));
  g_assert_cmpint (lectern_highlight_get_state (edited), ==, LECTERN_HIGHLIGHT_ANCHORED);
  /* The stored quote is kept as it was. */
  g_assert_cmpstr (lectern_highlight_get_exact (edited), ==, "A reader wrote a question beside a paragraph");

  deleted = find_by_note (store, "A publisher fixes a typo, an author adds a paragraph");
  g_assert_cmpint (lectern_highlight_get_state (deleted), ==, LECTERN_HIGHLIGHT_ORPHANED);
  deleted_start = lectern_highlight_get_start (deleted);
  deleted_end = lectern_highlight_get_end (deleted);
  g_assert_cmpuint (deleted_start, ==, char_offset (lectern_document_get_text (before), "A publisher fixes"));

  /* Saved with the new fingerprint; the previous file is the .bak. */
  g_assert_true (lectern_annotation_store_flush (store, NULL));
  new_fingerprint = file_fingerprint (path);
  expected_fingerprint = g_strconcat ("sha256:", lectern_document_get_fingerprint (after), NULL);
  g_assert_cmpstr (new_fingerprint, ==, expected_fingerprint);
  g_clear_pointer (&new_fingerprint, g_free);
  new_fingerprint = file_fingerprint (bak);
  g_assert_cmpstr (new_fingerprint, ==, old_fingerprint);
  g_assert_finalize_object (g_steal_pointer (&store));

  /* Loaded again: nothing to do, the orphan is still there. */
  store = lectern_annotation_store_new (dir);
  g_assert_true (lectern_annotation_store_load_document (store, after, NULL));
  deleted = find_by_note (store, "A publisher fixes a typo, an author adds a paragraph");
  g_assert_cmpint (lectern_highlight_get_state (deleted), ==, LECTERN_HIGHLIGHT_ORPHANED);
  g_assert_cmpuint (lectern_highlight_get_start (deleted), ==, deleted_start);
  g_assert_cmpuint (lectern_highlight_get_end (deleted), ==, deleted_end);
  g_assert_true (lectern_annotation_store_flush (store, NULL));
  g_assert_finalize_object (g_steal_pointer (&store));

  /* Back to the old text: the orphan is placed again. */
  store = lectern_annotation_store_new (dir);
  g_assert_true (lectern_annotation_store_load_document (store, before, NULL));
  deleted = find_by_note (store, "A publisher fixes a typo, an author adds a paragraph");
  g_assert_cmpint (lectern_highlight_get_state (deleted), ==, LECTERN_HIGHLIGHT_ANCHORED);
  g_assert_cmpuint (lectern_highlight_get_start (deleted), ==, deleted_start);
  g_assert_finalize_object (g_steal_pointer (&store));

  lectern_test_remove_tree (dir);
}

/* An unchanged text leaves the file alone. */
static void
test_store_same_text_not_saved (void)
{
  g_autofree char *dir = lectern_test_make_tmp_dir ();
  g_autoptr(LecternDocument) document = make_document (base_text);
  g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (dir);
  g_autofree char *path = NULL;
  g_autofree char *bak = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (lectern_annotation_store_load_document (store, document, NULL));
  add_highlight (store, document, "Reading slowly");
  g_assert_true (lectern_annotation_store_flush (store, NULL));
  path = lectern_annotation_store_dup_path (store, lectern_document_get_id (document));
  bak = g_strconcat (path, ".bak", NULL);
  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  store = lectern_annotation_store_new (dir);
  g_assert_true (lectern_annotation_store_load_document (store, document, NULL));
  g_assert_true (lectern_annotation_store_flush (store, NULL));
  g_assert_finalize_object (g_steal_pointer (&store));

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  g_assert_false (g_file_test (bak, G_FILE_TEST_EXISTS));

  lectern_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/anchor/unchanged", test_unchanged);
  g_test_add_func ("/anchor/text-inserted-before", test_text_inserted_before);
  g_test_add_func ("/anchor/quote-moved", test_quote_moved);
  g_test_add_func ("/anchor/duplicates-by-context", test_duplicates_by_context);
  g_test_add_func ("/anchor/duplicates-by-nearness", test_duplicates_by_nearness);
  g_test_add_func ("/anchor/fuzzy-small-edit", test_fuzzy_small_edit);
  g_test_add_func ("/anchor/fuzzy-whole-words", test_fuzzy_whole_words);
  g_test_add_func ("/anchor/fuzzy-too-different", test_fuzzy_too_different);
  g_test_add_func ("/anchor/quote-deleted-orphaned", test_quote_deleted);
  g_test_add_func ("/anchor/multibyte", test_multibyte);
  g_test_add_func ("/anchor/offsets", test_offsets);
  g_test_add_func ("/anchor/invalid-targets", test_invalid_targets);
  g_test_add_func ("/anchor/moved-and-edited", test_moved_and_edited);
  g_test_add_func ("/anchor/very-long-quote", test_very_long_quote);
  g_test_add_func ("/anchor/fuzzy-distances", test_fuzzy_distances);
  g_test_add_func ("/anchor/batch-scattered-edits", test_batch_scattered_edits);
  g_test_add_func ("/anchor/store-reanchors-changed-text", test_store_reanchors);
  g_test_add_func ("/anchor/store-same-text-not-saved", test_store_same_text_not_saved);
  g_test_add_func ("/anchor/10k-highlights-1mb", test_10k_highlights_1mb);

  return g_test_run ();
}
