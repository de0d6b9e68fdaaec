/* test-comparison.c: LecternComparison
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lectern-core.h"

/* Helpers */

static LecternDocument *
load_markdown (const char *markdown)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (markdown, strlen (markdown));
  g_autoptr(GError) error = NULL;
  static guint serial;
  g_autofree char *uri = g_strdup_printf ("test:///doc-%u.md", ++serial);
  LecternDocument *document;

  document = lectern_document_loader_load_bytes (loader, bytes, uri, "doc.md",
                                                 LECTERN_DOCUMENT_FORMAT_MARKDOWN, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

static LecternComparison *
compare (LecternDocument *a,
         LecternDocument *b)
{
  g_autoptr(LecternComparison) comparison = lectern_comparison_new (a, b);
  g_autoptr(GError) error = NULL;

  g_assert_false (lectern_comparison_is_ready (comparison));
  g_assert_true (lectern_comparison_run (comparison, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lectern_comparison_is_ready (comparison));

  return g_steal_pointer (&comparison);
}

static char *
passage_text (LecternComparison *comparison,
              LecternSide        side,
              guint              index)
{
  const LecternPassage *passage = lectern_comparison_get_passage (comparison, side, index);

  g_assert_nonnull (passage);

  return lectern_document_dup_slice (lectern_comparison_get_document (comparison, side),
                                     passage->start, passage->end);
}

/* Whether @word occurs in @text as a whole word, ignoring ASCII case. */
static gboolean
has_word (const char *text,
          const char *word)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  g_autofree char *needle = g_ascii_strdown (word, -1);
  gsize len = strlen (needle);

  for (const char *p = strstr (lower, needle); p != NULL; p = strstr (p + 1, needle))
    if ((p == lower || !g_ascii_isalnum (p[-1])) && !g_ascii_isalnum (p[len]))
      return TRUE;

  return FALSE;
}

static const LecternTerm *
find_term (GPtrArray  *terms,
           const char *text)
{
  for (guint i = 0; i < terms->len; i++)
    {
      const LecternTerm *term = g_ptr_array_index (terms, i);

      if (g_str_equal (term->text, text))
        return term;
    }

  return NULL;
}

static guint
top_match (LecternComparison *comparison,
           LecternSide        side,
           guint              passage,
           double            *score)
{
  const LecternPassageMatch *matches = NULL;
  guint n = lectern_comparison_get_matches (comparison, side, passage, &matches);

  g_assert_cmpuint (n, >, 0);
  if (score != NULL)
    *score = matches[0].score;

  return matches[0].passage;
}

/* A passage without a related one may keep weak partners (every passage
 * keeps its best, ranked), but none reaches the threshold. */
static void
assert_no_link_above_threshold (LecternComparison *comparison,
                                LecternSide        side,
                                guint              passage)
{
  const LecternPassageMatch *matches = NULL;
  guint n = lectern_comparison_get_matches (comparison, side, passage, &matches);

  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (matches[i].score, <, lectern_comparison_get_threshold (comparison));
}

/* Deterministic pseudo-prose on 40 topics: a paragraph draws a third
 * of its words from its topic's 25 words and the rest from 300 general
 * words, the first ones more often, so that paragraphs on one topic are
 * related and word frequencies fall off as in real text.  The words are
 * the same for every seed. */
static char *
make_word (GRand *rand)
{
  static const char * const syllables[] = {
    "ka", "to", "ri", "men", "sa", "lo", "vi", "den", "mar", "tel",
    "po", "shu", "ber", "qui", "zo", "fa", "gor", "ni", "dra", "wun",
  };

  return g_strconcat (syllables[g_rand_int_range (rand, 0, 20)],
                      syllables[g_rand_int_range (rand, 0, 20)],
                      syllables[g_rand_int_range (rand, 0, 20)], NULL);
}

static char *
make_prose (guint32 seed,
            guint   n_paragraphs)
{
  g_autoptr(GRand) words_rand = g_rand_new_with_seed (2026);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) topic_words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) general_words = g_ptr_array_new_with_free_func (g_free);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < 40 * 25; i++)
    g_ptr_array_add (topic_words, make_word (words_rand));
  for (guint i = 0; i < 300; i++)
    g_ptr_array_add (general_words, make_word (words_rand));

  for (guint p = 0; p < n_paragraphs; p++)
    {
      guint topic = g_rand_int_range (rand, 0, 40);
      guint n_words = g_rand_int_range (rand, 30, 60);

      for (guint w = 0; w < n_words; w++)
        {
          const char *word;

          if (g_rand_int_range (rand, 0, 3) == 0)
            word = g_ptr_array_index (topic_words, topic * 25 + g_rand_int_range (rand, 0, 25));
          else
            word = g_ptr_array_index (general_words, MIN (g_rand_int_range (rand, 0, 300),
                                                          g_rand_int_range (rand, 0, 300)));
          if (w > 0)
            g_string_append_c (text, ' ');
          g_string_append (text, word);
        }
      g_string_append (text, ".\n\n");
    }

  return g_string_free (text, FALSE);
}

/* Documents */

static const char harbour[] =
  "# Harbour notes\n"
  "\n"
  "The fishing fleet returned before dawn with nets full of silver herring and mackerel.\n"
  "\n"
  "Short line here.\n"
  "\n"
  "- Engineers repaired the lighthouse lamp after the storm cracked its copper housing.\n"
  "- Volunteers painted the old customs house in bright colours for the summer festival.\n"
  "\n"
  "> Children learned to sail small dinghies inside the sheltered breakwater every Saturday morning.\n"
  "\n"
  "Merchants argued about tariffs on imported timber at the crowded council meeting.\n";

static const char patrols_a[] =
  "The fishing fleet returned before dawn with nets full of silver herring and mackerel.\n"
  "\n"
  "Submarine patrols along the northern coast were expanded after the naval treaty with the island republic.\n"
  "\n"
  "Farmers in the valley planted barley and rye as the spring rains arrived late this year.\n"
  "\n"
  "A new library opened downtown, offering evening classes in painting, pottery and poetry.\n";

static const char patrols_b[] =
  "Bakers complained that flour prices doubled while bread sales stayed flat all winter.\n"
  "\n"
  "Under the naval treaty signed with the island republic, more submarine patrols now guard the northern coast.\n"
  "\n"
  "The city orchestra performed a symphony by a young composer to a packed concert hall.\n"
  "\n"
  "Tourists crowded the beaches, and hotel owners reported record bookings for August.\n";

static void
test_passages (void)
{
  g_autoptr(LecternDocument) document = load_markdown (harbour);
  g_autoptr(LecternComparison) comparison = compare (document, document);
  const char *text = lectern_document_get_text (document);
  const char *lighthouse = strstr (text, "lighthouse");
  guint offset = g_utf8_pointer_to_offset (text, lighthouse);
  const LecternPassage *passage;

  /* The heading and the three-word line are not passages. */
  g_assert_cmpuint (lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_A), ==, 5);
  g_assert_cmpuint (lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_B), ==, 5);

  passage = lectern_comparison_get_passage (comparison, LECTERN_SIDE_A, 1);
  g_assert_cmpuint (passage->start, <=, offset);
  g_assert_cmpuint (passage->end, >, offset);
  g_assert_cmpuint (passage->n_words, ==, 12);
  g_assert_cmpint (lectern_comparison_find_passage_at (comparison, LECTERN_SIDE_A, offset), ==, 1);
  g_assert_cmpint (lectern_comparison_find_passage_at (comparison, LECTERN_SIDE_B, passage->end - 1), ==, 1);
  g_assert_cmpint (lectern_comparison_find_passage_at (comparison, LECTERN_SIDE_A, passage->end), ==, -1);
  g_assert_cmpint (lectern_comparison_find_passage_at (comparison, LECTERN_SIDE_A, 0), ==, -1);
  g_assert_cmpint (lectern_comparison_find_passage_at (comparison, LECTERN_SIDE_A, G_MAXUINT), ==, -1);

  {
    g_autofree char *quote = passage_text (comparison, LECTERN_SIDE_A, 3);

    g_assert_true (g_str_has_prefix (quote, "Children learned"));
  }
}

static void
test_self (void)
{
  g_autoptr(LecternDocument) document = load_markdown (harbour);
  g_autoptr(LecternComparison) comparison = compare (document, document);
  g_autoptr(GPtrArray) only_a = NULL;
  g_autoptr(GPtrArray) only_b = NULL;
  g_autoptr(GPtrArray) shared = NULL;
  guint n = lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_A);

  for (LecternSide side = LECTERN_SIDE_A; side <= LECTERN_SIDE_B; side++)
    for (guint i = 0; i < n; i++)
      {
        const LecternPassageMatch *matches = NULL;
        double score;

        g_assert_cmpuint (top_match (comparison, side, i, &score), ==, i);
        g_assert_cmpfloat_with_epsilon (score, 1.0, 1e-6);

        lectern_comparison_get_matches (comparison, side, i, &matches);
        g_assert_nonnull (matches[0].shared_terms);
        g_assert_nonnull (matches[0].shared_terms[0]);
      }

  g_assert_cmpuint (lectern_comparison_count_links (comparison), >=, n);

  /* Identical documents lean nowhere. */
  only_a = lectern_comparison_get_terms (comparison, LECTERN_TERM_LIST_ONLY_A);
  only_b = lectern_comparison_get_terms (comparison, LECTERN_TERM_LIST_ONLY_B);
  shared = lectern_comparison_get_terms (comparison, LECTERN_TERM_LIST_SHARED);
  g_assert_cmpuint (only_a->len, ==, 0);
  g_assert_cmpuint (only_b->len, ==, 0);
  for (guint i = 0; i < shared->len; i++)
    {
      const LecternTerm *term = g_ptr_array_index (shared, i);

      g_assert_cmpuint (term->count_a, ==, term->count_b);
      g_assert_cmpfloat (term->score, ==, 0.0);
    }
  /* "housing" and "house" share a stem; a tie shows the first seen. */
  g_assert_cmpuint (shared->len, ==, 1);
  g_assert_cmpstr (((LecternTerm *)g_ptr_array_index (shared, 0))->text, ==, "housing");
}

static void
test_paraphrase (void)
{
  g_autoptr(LecternDocument) a = load_markdown (patrols_a);
  g_autoptr(LecternDocument) b = load_markdown (patrols_b);
  g_autoptr(LecternComparison) comparison = compare (a, b);
  g_autofree char *text_a = passage_text (comparison, LECTERN_SIDE_A, 1);
  g_autofree char *text_b = passage_text (comparison, LECTERN_SIDE_B, 1);
  const LecternPassageMatch *matches = NULL;
  double score;
  guint n;

  g_assert_cmpstr (lectern_comparison_get_language (comparison), ==, "english");

  g_assert_cmpuint (top_match (comparison, LECTERN_SIDE_A, 1, &score), ==, 1);
  g_assert_cmpfloat (score, >, lectern_comparison_get_threshold (comparison));
  g_assert_cmpfloat (score, <, 1.0);
  g_assert_cmpuint (top_match (comparison, LECTERN_SIDE_B, 1, NULL), ==, 1);

  /* Shared terms are whole words of both passages, never bare stems. */
  lectern_comparison_get_matches (comparison, LECTERN_SIDE_A, 1, &matches);
  n = g_strv_length ((char **)matches[0].shared_terms);
  g_assert_cmpuint (n, ==, LECTERN_COMPARISON_MAX_SHARED_TERMS);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (has_word (text_a, matches[0].shared_terms[i]));
      g_assert_true (has_word (text_b, matches[0].shared_terms[i]));
    }

  /* Everything else is unrelated: nothing reaches the threshold. */
  for (guint i = 0; i < 4; i++)
    {
      if (i == 1)
        continue;
      g_assert_cmpuint (lectern_comparison_get_matches (comparison, LECTERN_SIDE_A, i, NULL), ==, 0);
      g_assert_cmpuint (lectern_comparison_get_matches (comparison, LECTERN_SIDE_B, i, NULL), ==, 0);
    }
  g_assert_cmpuint (lectern_comparison_count_links (comparison), ==, 1);
}

static void
test_paraphrase_in_top_three (void)
{
  g_autoptr(GString) text_a = g_string_new (patrols_a);
  g_autoptr(GString) text_b = g_string_new (NULL);
  g_autoptr(LecternDocument) a = NULL;
  g_autoptr(LecternDocument) b = NULL;
  g_autoptr(LecternComparison) comparison = NULL;
  const LecternPassageMatch *matches = NULL;
  gboolean found = FALSE;
  guint n;

  /* Two decoys share more words with the passage than the paraphrase
   * does, so the paraphrase may rank below them but within the top 3. */
  g_string_append (text_b, "Submarine patrols along the northern coast were expanded after the storm season ended.\n\n");
  g_string_append (text_b, "Patrols along the northern coast were expanded after the naval review of the harbour.\n\n");
  g_string_append (text_b, "Under a treaty with the island republic, its navy now sends submarines to guard our shores.\n\n");
  g_string_append (text_b, "Bakers complained that flour prices doubled while bread sales stayed flat all winter.\n\n");
  a = load_markdown (text_a->str);
  b = load_markdown (text_b->str);
  comparison = compare (a, b);

  n = lectern_comparison_get_matches (comparison, LECTERN_SIDE_A, 1, &matches);
  g_assert_cmpuint (n, <=, LECTERN_COMPARISON_MAX_MATCHES);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_assert_cmpfloat (matches[i - 1].score, >=, matches[i].score);
      found |= matches[i].passage == 2;
    }
  g_assert_true (found);
  assert_no_link_above_threshold (comparison, LECTERN_SIDE_B, 3);
}

static void
test_unrelated (void)
{
  g_autoptr(LecternDocument) a = NULL;
  g_autoptr(LecternDocument) b = NULL;
  g_autoptr(LecternComparison) comparison = NULL;

  a = load_markdown ("Simmer the onions slowly in butter until they turn golden and sweet.\n\n"
                     "Knead the dough for ten minutes, then let it rise somewhere warm.\n\n"
                     "Season the soup with pepper, thyme and a splash of lemon juice.\n");
  b = load_markdown ("Jupiter's moons orbit the giant planet in resonant, clockwork patterns.\n\n"
                     "Astronomers measured the distance to the galaxy using pulsating variable stars.\n\n"
                     "A comet's tail always points away from the sun, pushed by solar wind.\n");
  comparison = compare (a, b);

  g_assert_cmpuint (lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_A), ==, 3);
  g_assert_cmpuint (lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_B), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpuint (lectern_comparison_get_matches (comparison, LECTERN_SIDE_A, i, NULL), ==, 0);
      g_assert_cmpuint (lectern_comparison_get_matches (comparison, LECTERN_SIDE_B, i, NULL), ==, 0);
    }
  g_assert_cmpuint (lectern_comparison_count_links (comparison), ==, 0);
}

/* Twelve paragraphs naming @special, each followed by one in the
 * vocabulary that both documents share. */
static char *
make_themed (const char *special)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < 12; i++)
    {
      g_string_append_printf (text,
                              "The alliance funded the %s programme in year %u, said the harbour council.\n\n",
                              special, 1960 + i);
      g_string_append_printf (text,
                              "Delegates of the alliance met in the harbour town to discuss budgets and ports %u.\n\n",
                              i);
    }

  return g_string_free (text, FALSE);
}

static void
test_distinctive (void)
{
  g_autofree char *text_a = make_themed ("submarine");
  g_autofree char *text_b = make_themed ("vaccine");
  g_autoptr(LecternDocument) a = load_markdown (text_a);
  g_autoptr(LecternDocument) b = load_markdown (text_b);
  g_autoptr(LecternComparison) comparison = compare (a, b);
  g_autoptr(GPtrArray) only_a = lectern_comparison_get_terms (comparison, LECTERN_TERM_LIST_ONLY_A);
  g_autoptr(GPtrArray) only_b = lectern_comparison_get_terms (comparison, LECTERN_TERM_LIST_ONLY_B);
  g_autoptr(GPtrArray) shared = lectern_comparison_get_terms (comparison, LECTERN_TERM_LIST_SHARED);
  const LecternTerm *term;

  g_assert_cmpuint (only_a->len, ==, 1);
  term = g_ptr_array_index (only_a, 0);
  g_assert_cmpstr (term->text, ==, "submarine");
  g_assert_cmpuint (term->count_a, ==, 12);
  g_assert_cmpuint (term->count_b, ==, 0);
  g_assert_cmpfloat (term->score, >, 1.96);

  g_assert_cmpuint (only_b->len, ==, 1);
  term = g_ptr_array_index (only_b, 0);
  g_assert_cmpstr (term->text, ==, "vaccine");
  g_assert_cmpuint (term->count_a, ==, 0);
  g_assert_cmpuint (term->count_b, ==, 12);
  g_assert_cmpfloat (term->score, <, -1.96);

  /* Shared: in both at the same rate, most frequent first; surface
   * forms ("alliance", not the stem "allianc"). */
  term = find_term (shared, "alliance");
  g_assert_nonnull (term);
  g_assert_cmpuint (term->count_a, ==, 24);
  g_assert_cmpuint (term->count_b, ==, 24);
  g_assert_cmpfloat_with_epsilon (term->score, 0.0, 1e-9);
  g_assert_null (find_term (shared, "allianc"));
  g_assert_null (find_term (shared, "submarine"));
  g_assert_null (find_term (shared, "the"));
  for (guint i = 1; i < shared->len; i++)
    {
      const LecternTerm *previous = g_ptr_array_index (shared, i - 1);
      const LecternTerm *current = g_ptr_array_index (shared, i);

      g_assert_cmpuint (MIN (previous->count_a, previous->count_b), >=,
                        MIN (current->count_a, current->count_b));
    }

  /* max-terms caps the lists. */
  lectern_comparison_set_max_terms (comparison, 2);
  g_assert_true (lectern_comparison_run (comparison, NULL, NULL));
  g_clear_pointer (&shared, g_ptr_array_unref);
  shared = lectern_comparison_get_terms (comparison, LECTERN_TERM_LIST_SHARED);
  g_assert_cmpuint (shared->len, ==, 2);
}

static void
test_surface_forms (void)
{
  g_autoptr(LecternDocument) a = NULL;
  g_autoptr(LecternDocument) b = NULL;
  g_autoptr(LecternComparison) comparison = NULL;
  g_autoptr(GArray) occurrences = g_array_new (FALSE, FALSE, sizeof (LecternTermOccurrence));
  const char *expected[] = { "Alliances", "alliance", "alliances", "alliance" };
  guint n;

  a = load_markdown ("# Alliances — café talk\n\n"
                     "Über naïve readers: the alliance held, and alliances elsewhere held too.\n\n"
                     "Nobody expected the alliance of rivers and mountains to last that long.\n\n"
                     "Officials of the US told us that the treaty on rivers holds.\n");
  b = load_markdown ("Rivers and mountains outlast every treaty signed by kings and emperors.\n\n"
                     "Kings and emperors signed treaties that rivers quietly ignored for ages.\n\n"
                     "Surveyors of the U.S. mapped the rivers and mountains for the E.U. too.\n");
  comparison = compare (a, b);

  n = lectern_comparison_find_term_occurrences (comparison, LECTERN_SIDE_A, "Alliances", occurrences);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (occurrences->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      LecternTermOccurrence *o = &g_array_index (occurrences, LecternTermOccurrence, i);
      g_autofree char *word = lectern_document_dup_slice (a, o->start, o->end);

      g_assert_cmpstr (word, ==, expected[i]);
    }

  /* Folding: case and accents as g_str_tokenize_and_fold() sees them. */
  g_array_set_size (occurrences, 0);
  g_assert_cmpuint (lectern_comparison_find_term_occurrences (comparison, LECTERN_SIDE_A, "CAFÉ", occurrences), ==, 1);
  g_assert_cmpuint (lectern_comparison_find_term_occurrences (comparison, LECTERN_SIDE_A, "über", occurrences), ==, 1);
  g_assert_cmpuint (lectern_comparison_find_term_occurrences (comparison, LECTERN_SIDE_B, "treaty", occurrences), ==, 2);
  g_assert_cmpuint (occurrences->len, ==, 4);

  /* An acronym is not the function word it spells. */
  g_array_set_size (occurrences, 0);
  g_assert_cmpuint (lectern_comparison_find_term_occurrences (comparison, LECTERN_SIDE_A, "US", occurrences), ==, 1);
  {
    LecternTermOccurrence *o = &g_array_index (occurrences, LecternTermOccurrence, 0);
    g_autofree char *word = lectern_document_dup_slice (a, o->start, o->end);

    g_assert_cmpstr (word, ==, "US");
  }
  g_assert_cmpuint (lectern_comparison_find_term_occurrences (comparison, LECTERN_SIDE_A, "us", occurrences), ==, 0);
  g_array_set_size (occurrences, 0);
  g_assert_cmpuint (lectern_comparison_find_term_occurrences (comparison, LECTERN_SIDE_B, "US", occurrences), ==, 1);
  {
    LecternTermOccurrence *o = &g_array_index (occurrences, LecternTermOccurrence, 0);
    g_autofree char *word = lectern_document_dup_slice (b, o->start, o->end);

    g_assert_cmpstr (word, ==, "U.S.");
  }
  g_assert_cmpuint (lectern_comparison_find_term_occurrences (comparison, LECTERN_SIDE_B, "EU", occurrences), ==, 1);
  g_array_set_size (occurrences, 0);
  g_assert_cmpuint (lectern_comparison_find_term_occurrences (comparison, LECTERN_SIDE_B, "treaty", occurrences), ==, 2);
  g_assert_cmpuint (lectern_comparison_find_term_occurrences (comparison, LECTERN_SIDE_A, "CAFÉ", occurrences), ==, 1);
  g_assert_cmpuint (occurrences->len, ==, 3);

  /* Function words and unknown words have no occurrences. */
  g_assert_cmpuint (lectern_comparison_find_term_occurrences (comparison, LECTERN_SIDE_A, "the", occurrences), ==, 0);
  g_assert_cmpuint (lectern_comparison_find_term_occurrences (comparison, LECTERN_SIDE_A, "zeppelin", occurrences), ==, 0);
  g_assert_cmpuint (lectern_comparison_find_term_occurrences (comparison, LECTERN_SIDE_A, "", occurrences), ==, 0);
  g_assert_cmpuint (occurrences->len, ==, 3);
}

static void
test_empty (void)
{
  g_autoptr(LecternDocument) empty = load_markdown ("");
  g_autoptr(LecternDocument) headings = load_markdown ("# Only a heading\n\nToo short.\n");
  g_autoptr(LecternDocument) one = load_markdown ("A single paragraph about the alliance and its long history of cooperation.\n");
  g_autoptr(LecternDocument) other = load_markdown ("Another single paragraph about the alliance and its uncertain future after elections.\n");
  g_autoptr(LecternDocument) full = load_markdown (patrols_a);
  LecternDocument *pairs[][2] = {
    { empty, empty }, { empty, full }, { full, headings }, { one, one }, { one, other }, { one, empty },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autoptr(LecternComparison) comparison = compare (pairs[i][0], pairs[i][1]);
      g_autoptr(GArray) occurrences = g_array_new (FALSE, FALSE, sizeof (LecternTermOccurrence));

      g_assert_cmpuint (lectern_comparison_count_links (comparison), ==, 0);
      for (LecternSide side = LECTERN_SIDE_A; side <= LECTERN_SIDE_B; side++)
        {
          guint n = lectern_comparison_get_n_passages (comparison, side);

          g_assert_cmpuint (n, <=, 4);
          for (guint p = 0; p < n; p++)
            g_assert_cmpuint (lectern_comparison_get_matches (comparison, side, p, NULL), ==, 0);
          g_assert_cmpint (lectern_comparison_find_passage_at (comparison, side, 0), <=, 0);
          lectern_comparison_find_term_occurrences (comparison, side, "alliance", occurrences);
        }

      for (LecternTermList list = LECTERN_TERM_LIST_ONLY_A; list <= LECTERN_TERM_LIST_MORE_B; list++)
        {
          g_autoptr(GPtrArray) terms = lectern_comparison_get_terms (comparison, list);

          g_assert_cmpuint (terms->len, ==, 0);
        }
    }

  {
    g_autoptr(LecternComparison) comparison = compare (empty, full);

    g_assert_cmpuint (lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_A), ==, 0);
    g_assert_cmpuint (lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_B), ==, 4);
    g_assert_cmpint (lectern_comparison_find_passage_at (comparison, LECTERN_SIDE_A, 0), ==, -1);
  }
}

static const char korean_a[] =
  "한미 동맹은 지난 칠십 년 동안 한반도의 평화와 안정을 지키는 중요한 역할을 해 왔다.\n\n"
  "서울의 봄 날씨는 따뜻하고 많은 시민들이 공원에서 꽃을 구경하며 주말을 보낸다.\n\n"
  "반도체 산업은 수출의 큰 부분을 차지하며 기술 경쟁이 점점 더 치열해지고 있다.\n";

static const char korean_b[] =
  "전통 시장에서는 신선한 채소와 과일을 싸게 살 수 있어 주민들이 자주 찾는다.\n\n"
  "반도체 산업은 수출의 큰 부분을 차지하며 기술 경쟁이 점점 더 치열해지고 있다.\n\n"
  "한미 동맹은 지난 칠십 년 동안 한반도의 평화와 안정을 지키는 중요한 역할을 해 왔다.\n";

static void
test_korean (void)
{
  g_autoptr(LecternDocument) a = load_markdown (korean_a);
  g_autoptr(LecternDocument) b = load_markdown (korean_b);
  g_autoptr(LecternComparison) comparison = compare (a, b);
  g_autoptr(GArray) occurrences = g_array_new (FALSE, FALSE, sizeof (LecternTermOccurrence));
  double score;

  g_assert_null (lectern_comparison_get_language (comparison));
  g_assert_cmpuint (lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_A), ==, 3);
  g_assert_cmpuint (lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_B), ==, 3);

  g_assert_cmpuint (top_match (comparison, LECTERN_SIDE_A, 0, &score), ==, 2);
  g_assert_cmpfloat_with_epsilon (score, 1.0, 1e-6);
  g_assert_cmpuint (top_match (comparison, LECTERN_SIDE_A, 2, &score), ==, 1);
  g_assert_cmpfloat_with_epsilon (score, 1.0, 1e-6);
  assert_no_link_above_threshold (comparison, LECTERN_SIDE_A, 1);
  g_assert_cmpuint (top_match (comparison, LECTERN_SIDE_B, 2, NULL), ==, 0);
  g_assert_cmpuint (lectern_comparison_count_links (comparison), ==, 2);

  /* Without stemming a word is its folded self; two Hangul characters
   * are also a term of their own, found inside words (동맹 in 동맹은). */
  g_assert_cmpuint (lectern_comparison_find_term_occurrences (comparison, LECTERN_SIDE_B, "동맹은", occurrences), ==, 1);
  g_assert_cmpuint (lectern_comparison_find_term_occurrences (comparison, LECTERN_SIDE_B, "동맹", occurrences), ==, 1);
  for (guint i = 0; i < 2; i++)
    {
      LecternTermOccurrence *o = &g_array_index (occurrences, LecternTermOccurrence, i);
      g_autofree char *word = lectern_document_dup_slice (b, o->start, o->end);

      g_assert_cmpstr (word, ==, i == 0 ? "동맹은" : "동맹");
    }
}

static void
run_async_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static void
test_cancel_before (void)
{
  g_autoptr(LecternDocument) a = load_markdown (patrols_a);
  g_autoptr(LecternDocument) b = load_markdown (patrols_b);
  g_autoptr(LecternComparison) comparison = lectern_comparison_new (a, b);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);

  g_assert_false (lectern_comparison_run (comparison, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (lectern_comparison_is_ready (comparison));
  g_clear_error (&error);

  lectern_comparison_run_async (comparison, cancellable, run_async_cb, &result);
  g_assert_false (lectern_comparison_run_finish (comparison, wait_for_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (lectern_comparison_is_ready (comparison));
  g_assert_cmpuint (lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_A), ==, 0);
}

static gboolean
cancel_cb (gpointer user_data)
{
  GCancellable *cancellable = user_data;

  g_cancellable_cancel (cancellable);

  return G_SOURCE_REMOVE;
}

static void
test_cancel_while_running (void)
{
  g_autofree char *text_a = make_prose (1, 4000);
  g_autofree char *text_b = make_prose (2, 4000);
  g_autoptr(LecternDocument) a = load_markdown (text_a);
  g_autoptr(LecternDocument) b = load_markdown (text_b);
  g_autoptr(LecternComparison) comparison = lectern_comparison_new (a, b);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started, cancelled, finished, full;

  /* How long a whole run takes here. */
  started = g_get_monotonic_time ();
  g_assert_true (lectern_comparison_run (comparison, NULL, &error));
  full = g_get_monotonic_time () - started;
  g_test_message ("full run: %.0f ms", full / 1000.0);
  g_assert_cmpuint (lectern_comparison_count_links (comparison), >, 0);

  /* Cancelled a fifth of the way in, it stops well before the end and
   * leaves the previous results in place. */
  lectern_comparison_run_async (comparison, cancellable, run_async_cb, &result);
  g_timeout_add (MAX (1, full / 5000), cancel_cb, cancellable);
  started = g_get_monotonic_time ();
  while (!g_cancellable_is_cancelled (cancellable))
    g_main_context_iteration (NULL, TRUE);
  cancelled = g_get_monotonic_time ();
  wait_for_result (&result);
  finished = g_get_monotonic_time ();
  g_test_message ("cancelled after %.0f ms, stopped %.0f ms later",
                  (cancelled - started) / 1000.0, (finished - cancelled) / 1000.0);

  g_assert_false (lectern_comparison_run_finish (comparison, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (finished - cancelled, <, full / 2);
  g_assert_true (lectern_comparison_is_ready (comparison));
  g_assert_cmpuint (lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_A), ==, 4000);
}

static void
test_async (void)
{
  g_autoptr(LecternDocument) a = load_markdown (patrols_a);
  g_autoptr(LecternDocument) b = load_markdown (patrols_b);
  g_autoptr(LecternComparison) comparison = lectern_comparison_new (a, b);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lectern_comparison_run_async (comparison, NULL, run_async_cb, &result);
  g_assert_false (lectern_comparison_is_ready (comparison));
  g_assert_true (lectern_comparison_run_finish (comparison, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_assert_true (lectern_comparison_is_ready (comparison));
  g_assert_cmpuint (top_match (comparison, LECTERN_SIDE_A, 1, NULL), ==, 1);
}

static void
assert_same_results (LecternComparison *x,
                     LecternComparison *y)
{
  g_assert_cmpuint (lectern_comparison_count_links (x), ==, lectern_comparison_count_links (y));

  for (LecternSide side = LECTERN_SIDE_A; side <= LECTERN_SIDE_B; side++)
    {
      guint n = lectern_comparison_get_n_passages (x, side);

      g_assert_cmpuint (lectern_comparison_get_n_passages (y, side), ==, n);
      for (guint p = 0; p < n; p++)
        {
          const LecternPassageMatch *mx = NULL;
          const LecternPassageMatch *my = NULL;
          guint count = lectern_comparison_get_matches (x, side, p, &mx);

          g_assert_cmpuint (lectern_comparison_get_matches (y, side, p, &my), ==, count);
          for (guint i = 0; i < count; i++)
            {
              g_assert_cmpuint (mx[i].passage, ==, my[i].passage);
              g_assert_true (mx[i].score == my[i].score);
              g_assert_true (g_strv_equal ((const char * const *)mx[i].shared_terms,
                                           (const char * const *)my[i].shared_terms));
            }
        }
    }

  for (LecternTermList list = LECTERN_TERM_LIST_ONLY_A; list <= LECTERN_TERM_LIST_MORE_B; list++)
    {
      g_autoptr(GPtrArray) tx = lectern_comparison_get_terms (x, list);
      g_autoptr(GPtrArray) ty = lectern_comparison_get_terms (y, list);

      g_assert_cmpuint (tx->len, ==, ty->len);
      for (guint i = 0; i < tx->len; i++)
        {
          const LecternTerm *a = g_ptr_array_index (tx, i);
          const LecternTerm *b = g_ptr_array_index (ty, i);

          g_assert_cmpstr (a->text, ==, b->text);
          g_assert_cmpuint (a->count_a, ==, b->count_a);
          g_assert_cmpuint (a->count_b, ==, b->count_b);
          g_assert_true (a->score == b->score);
        }
    }
}

static void
test_deterministic (void)
{
  g_autofree char *text_a = make_prose (3, 600);
  g_autofree char *text_b = make_prose (4, 600);
  g_autoptr(LecternDocument) a = load_markdown (text_a);
  g_autoptr(LecternDocument) b = load_markdown (text_b);
  g_autoptr(LecternComparison) first = compare (a, b);
  g_autoptr(LecternComparison) second = compare (a, b);
  g_autoptr(GPtrArray) only_a = lectern_comparison_get_terms (first, LECTERN_TERM_LIST_ONLY_A);
  g_autoptr(GPtrArray) shared = lectern_comparison_get_terms (first, LECTERN_TERM_LIST_SHARED);
  guint links = lectern_comparison_count_links (first);

  /* Enough structure to make the comparison meaningful. */
  g_assert_cmpuint (links, >, 100);
  g_assert_cmpuint (shared->len, >, 0);
  assert_same_results (first, second);

  /* A second run of the same object gives the same again. */
  g_assert_true (lectern_comparison_run (first, NULL, NULL));
  assert_same_results (first, second);
  g_test_message ("%u links, %u terms only in A, %u shared", links, only_a->len, shared->len);
}

/* The study corpus */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static GPtrArray *
load_corpus (void)
{
  const char *shared_dir = g_getenv ("LECTERN_SHARED_DIR");
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *dir = NULL;
  g_autoptr(GDir) gdir = NULL;
  const char *name;

  if (shared_dir == NULL)
    return NULL;

  dir = g_build_filename (shared_dir, "corpus", NULL);
  gdir = g_dir_open (dir, 0, NULL);
  while (gdir != NULL && (name = g_dir_read_name (gdir)) != NULL)
    if (g_str_has_suffix (name, ".txt") || g_str_has_suffix (name, ".md"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len && documents->len < 2; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      LecternDocumentFormat format = LECTERN_DOCUMENT_FORMAT_PLAIN;
      gsize len;

      g_assert_true (g_file_get_contents (path, &contents, &len, &error));
      /* The paper is Markdown saved with a .txt name. */
      if (strstr (contents, "\n# ") != NULL || strstr (contents, "\n## ") != NULL)
        format = LECTERN_DOCUMENT_FORMAT_MARKDOWN;

      bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
      g_ptr_array_add (documents,
                       lectern_document_loader_load_bytes (loader, bytes, path, g_ptr_array_index (names, i),
                                                           format, &error));
      g_assert_no_error (error);
    }

  if (documents->len < 2)
    return NULL;

  return g_steal_pointer (&documents);
}

/* Whether some passage of @side mentioning @word has among its matches
 * a passage of the other side that mentions it too.  Counts both. */
static gboolean
topic_links (LecternComparison *comparison,
             LecternSide        side,
             const char        *word)
{
  LecternSide other = side == LECTERN_SIDE_A ? LECTERN_SIDE_B : LECTERN_SIDE_A;
  guint n = lectern_comparison_get_n_passages (comparison, side);
  guint mentioning = 0;
  guint linked = 0;

  for (guint p = 0; p < n; p++)
    {
      g_autofree char *text = passage_text (comparison, side, p);
      const LecternPassageMatch *matches = NULL;
      guint n_matches;

      if (!has_word (text, word))
        continue;

      mentioning++;
      n_matches = lectern_comparison_get_matches (comparison, side, p, &matches);
      for (guint i = 0; i < n_matches; i++)
        {
          g_autofree char *match = passage_text (comparison, other, matches[i].passage);

          if (has_word (match, word))
            {
              g_test_message ("side %c passage %u (\"%s\") -> %u, score %.3f, shared: %s ...",
                              side == LECTERN_SIDE_A ? 'A' : 'B', p, word, matches[i].passage,
                              matches[i].score, matches[i].shared_terms[0]);
              linked++;
              break;
            }
        }
    }

  g_test_message ("side %c: %u passages mention \"%s\", %u link to one that does",
                  side == LECTERN_SIDE_A ? 'A' : 'B', mentioning, word, linked);

  return linked > 0;
}

static void
print_terms (LecternComparison *comparison,
             LecternTermList    list,
             const char        *title)
{
  g_autoptr(GPtrArray) terms = lectern_comparison_get_terms (comparison, list);
  g_autoptr(GString) line = g_string_new (title);

  for (guint i = 0; i < MIN (terms->len, 15); i++)
    {
      const LecternTerm *term = g_ptr_array_index (terms, i);

      g_string_append_printf (line, " %s (%u/%u, %.1f)", term->text, term->count_a, term->count_b, term->score);
    }
  g_test_message ("%s", line->str);
}

static void
test_corpus (void)
{
  g_autoptr(GPtrArray) documents = load_corpus ();
  g_autoptr(LecternComparison) comparison = NULL;
  g_autoptr(GPtrArray) shared = NULL;
  const char * const topics[] = { "China", "Trump" };

  if (documents == NULL)
    {
      g_test_skip ("$LECTERN_SHARED_DIR/corpus with two articles not found");
      return;
    }

  comparison = compare (g_ptr_array_index (documents, 0), g_ptr_array_index (documents, 1));
  g_assert_cmpstr (lectern_comparison_get_language (comparison), ==, "english");
  g_test_message ("%u and %u passages, %u links",
                  lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_A),
                  lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_B),
                  lectern_comparison_count_links (comparison));

  for (guint i = 0; i < G_N_ELEMENTS (topics); i++)
    {
      g_assert_true (topic_links (comparison, LECTERN_SIDE_A, topics[i]));
      g_assert_true (topic_links (comparison, LECTERN_SIDE_B, topics[i]));
    }

  print_terms (comparison, LECTERN_TERM_LIST_ONLY_A, "only in A:");
  print_terms (comparison, LECTERN_TERM_LIST_SHARED, "shared:");
  print_terms (comparison, LECTERN_TERM_LIST_ONLY_B, "only in B:");

  /* Both articles are about the alliance. */
  shared = lectern_comparison_get_terms (comparison, LECTERN_TERM_LIST_SHARED);
  g_assert_nonnull (find_term (shared, "alliance"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/comparison/passages", test_passages);
  g_test_add_func ("/comparison/self-links-every-passage", test_self);
  g_test_add_func ("/comparison/paraphrase-found", test_paraphrase);
  g_test_add_func ("/comparison/paraphrase-in-top-three", test_paraphrase_in_top_three);
  g_test_add_func ("/comparison/unrelated-below-threshold", test_unrelated);
  g_test_add_func ("/comparison/distinctive-terms", test_distinctive);
  g_test_add_func ("/comparison/surface-forms-and-occurrences", test_surface_forms);
  g_test_add_func ("/comparison/empty-and-one-passage", test_empty);
  g_test_add_func ("/comparison/korean-without-stemming", test_korean);
  g_test_add_func ("/comparison/async", test_async);
  g_test_add_func ("/comparison/cancel-before", test_cancel_before);
  g_test_add_func ("/comparison/cancel-while-running", test_cancel_while_running);
  g_test_add_func ("/comparison/deterministic", test_deterministic);
  g_test_add_func ("/comparison/corpus-topics", test_corpus);

  return g_test_run ();
}
