/* lectern-comparison-words.c: words, stop words and stemming
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lectern-comparison-private.h"

/* Language guess: share of the English function words below among the
 * first words of a document.  Running English has 40-50 % (the study
 * articles 42 % and 47 %); Korean has none, and other languages written
 * in Latin letters stay far below. */
#define LANGUAGE_SAMPLE_WORDS 2000
#define ENGLISH_STOP_SHARE 0.2

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
const char *
_lectern_comparison_next_word (const char  *p,
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

GHashTable *
_lectern_comparison_stop_words_new (void)
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

/* British spellings that a stemmer keeps apart from the American ones:
 * the word's ending, and what it becomes.  Endings in -ise are many and
 * mostly not variants (promise, exercise), so only -isation and the
 * listed verbs are taken. */
static const char * const spelling_endings[][2] = {
  { "isation", "ization" }, { "isations", "izations" },
  { "defence", "defense" }, { "offence", "offense" }, { "licence", "license" },
  { "colour", "color" }, { "labour", "labor" }, { "favour", "favor" },
  { "honour", "honor" }, { "behaviour", "behavior" }, { "neighbour", "neighbor" },
  { "centre", "center" }, { "programme", "program" }, { "catalogue", "catalog" },
  { "analyse", "analyze" }, { "organise", "organize" }, { "recognise", "recognize" },
  { "realise", "realize" }, { "emphasise", "emphasize" }, { "prioritise", "prioritize" },
  { "modernise", "modernize" }, { "stabilise", "stabilize" }, { "normalise", "normalize" },
  { "characterise", "characterize" }, { "criticise", "criticize" }, { "minimise", "minimize" },
  { "maximise", "maximize" }, { "customise", "customize" }, { "apologise", "apologize" },
};

/* @folded (ASCII letters) in its American spelling when it ends in one
 * of the British forms above, or in one with an inflection of up to three
 * letters (-s, -d, -ing); NULL when it does not. */
static char *
americanize (const char *folded)
{
  gsize len = strlen (folded);

  for (guint i = 0; i < G_N_ELEMENTS (spelling_endings); i++)
    {
      const char *from = spelling_endings[i][0];
      gsize n = strlen (from);
      const char *hit = len >= n ? strstr (folded + (len > n + 3 ? len - n - 3 : 0), from) : NULL;

      if (hit != NULL && strlen (hit + n) <= 3)
        return g_strdup_printf ("%.*s%s%s", (int)(hit - folded), folded,
                                spelling_endings[i][1], hit + n);
    }

  return NULL;
}

/* The vocabulary key of a raw word: folded, and stemmed when the
 * comparison stems.  NULL for words that carry no meaning here: single
 * characters and, in English, function words (not acronyms). */
char *
_lectern_comparison_word_key (struct sb_stemmer *stemmer,
                              GHashTable        *stop_words,
                              const char        *word)
{
  g_autofree char *folded = fold_word (word);
  g_autofree char *american = NULL;
  const sb_symbol *stem;

  if (g_utf8_strlen (folded, -1) < 2)
    return NULL;

  if (stemmer == NULL)
    return g_steal_pointer (&folded);

  if (g_hash_table_contains (stop_words, folded) && !is_acronym (word))
    return NULL;

  if (!is_ascii_letters (folded))
    return g_steal_pointer (&folded);

  american = americanize (folded);
  if (american != NULL)
    {
      g_free (folded);
      folded = g_steal_pointer (&american);
    }

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
  g_ptr_array_add (an->term_keys, owned);

  return an->n_terms++;
}

/* Returns the surface id of the raw word [word, end), adding it (and its
 * term) on first sight.  Raw words repeat far more often than they are
 * new, so folding and stemming run once per distinct spelling. */
guint
_lectern_comparison_intern_word (Analysis   *an,
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
    g_autofree char *term_key = _lectern_comparison_word_key (an->stemmer, an->stop_words, key);

    surface.term = intern_key (an, term_key);
    surface.count = 0;
  }

  key = g_string_chunk_insert_len (an->strings, word, len);
  g_array_append_val (an->surfaces, surface);
  g_hash_table_insert (an->words, key, GUINT_TO_POINTER (an->surfaces->len));

  return an->surfaces->len - 1;
}

gboolean
_lectern_comparison_is_cjk (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  return script == G_UNICODE_SCRIPT_HANGUL || script == G_UNICODE_SCRIPT_HAN ||
         script == G_UNICODE_SCRIPT_HIRAGANA || script == G_UNICODE_SCRIPT_KATAKANA;
}

/* Whether @term is a name of two words (its key holds a space). */
gboolean
_lectern_comparison_is_name_term (const Analysis *an,
                                  guint           term)
{
  return strchr (g_ptr_array_index (an->term_keys, term), ' ') != NULL;
}

/* Returns the surface id of the name [word, end) of two adjacent
 * capitalised words whose surfaces are @first and @second, or TERM_NONE
 * when it is no name (a function word, a small letter).  Its raw form
 * has one space between the words and its key the two words' keys, so
 * that "United States" and "United-States" are one term. */
guint
_lectern_comparison_intern_pair (Analysis   *an,
                                 guint       first,
                                 guint       second,
                                 const char *word,
                                 const char *end)
{
  const Surface *surfaces = (const Surface *)(gpointer)an->surfaces->data;
  guint terms[2] = { surfaces[first].term, surfaces[second].term };
  g_autofree char *raw = NULL;
  g_autofree char *key = NULL;
  gpointer value;
  Surface surface;

  if (terms[0] == TERM_NONE || terms[1] == TERM_NONE || !g_unichar_isupper (g_utf8_get_char (word)))
    return TERM_NONE;

  raw = g_strndup (word, end - word);
  if (!g_unichar_isupper (g_utf8_get_char (raw + strcspn (raw, " -") + strspn (raw + strcspn (raw, " -"), " -"))))
    return TERM_NONE;

  value = g_hash_table_lookup (an->words, raw);
  if (value != NULL)
    return GPOINTER_TO_UINT (value) - 1;

  key = g_strconcat (g_ptr_array_index (an->term_keys, terms[0]), " ",
                     g_ptr_array_index (an->term_keys, terms[1]), NULL);
  surface.term = intern_key (an, key);
  surface.count = 0;
  g_array_append_val (an->surfaces, surface);
  g_hash_table_insert (an->words, g_string_chunk_insert (an->strings, raw),
                       GUINT_TO_POINTER (an->surfaces->len));

  return an->surfaces->len - 1;
}

/* Language */

gboolean
_lectern_comparison_is_passage_block (const LecternBlock *block)
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

gboolean
_lectern_comparison_looks_english (LecternDocument *document,
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

      if (!_lectern_comparison_is_passage_block (&blocks[i]))
        continue;

      while ((word = _lectern_comparison_next_word (p, end, &word_end)) != NULL)
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

/* Whether the raw word [word, end) belongs to the term with vocabulary
 * key @key (id @term, TERM_NONE when no passage holds it). */
gboolean
_lectern_comparison_word_is_term (const Analysis    *an,
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
  word_term_key = _lectern_comparison_word_key (stemmer, an->stop_words, raw);

  return word_term_key != NULL && g_str_equal (word_term_key, key);
}
