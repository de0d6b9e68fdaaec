/* lectern-comparison-eval.c: the Compare method against read ground truth
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reads a .truth file (tests/compare-truth/README.md), loads its two
 * documents, finds the block that holds each quote, runs a comparison
 * and measures its matches against the pairs.  A passage is identified
 * by the offset of its block's first character, so a quote in a block
 * the comparison does not compare (a heading, a short line) still makes
 * a query, which then counts as a miss. */

#include "config.h"

#include <string.h>

#include "lectern-comparison-eval.h"
#include "lectern-document-builder.h"

#define NO_BLOCK G_MAXUINT

typedef struct
{
  char *kind;           /* "A", "A-only", "B-only" */
  char *quotes[2];
} TruthLine;

static void
truth_line_free (TruthLine *line)
{
  g_free (line->kind);
  g_free (line->quotes[0]);
  g_free (line->quotes[1]);
  g_free (line);
}

typedef struct
{
  char      *paths[2];
  GPtrArray *lines;     /* TruthLine */
} Truth;

static void
truth_clear (Truth *truth)
{
  g_clear_pointer (&truth->paths[0], g_free);
  g_clear_pointer (&truth->paths[1], g_free);
  g_clear_pointer (&truth->lines, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Truth, truth_clear)

static char *
resolve_path (const char *path,
              const char *base_dir)
{
  if (g_path_is_absolute (path))
    return g_strdup (path);

  return g_build_filename (base_dir, path, NULL);
}

static gboolean
parse_line (Truth      *truth,
            const char *line,
            const char *base_dir)
{
  g_auto(GStrv) fields = NULL;
  TruthLine *parsed;
  guint n;

  if (g_str_has_prefix (line, "a: ") || g_str_has_prefix (line, "b: "))
    {
      guint side = line[0] == 'b';

      g_free (truth->paths[side]);
      truth->paths[side] = resolve_path (line + 3, base_dir);
      return TRUE;
    }

  fields = g_strsplit (line, "\t", -1);
  n = g_strv_length (fields);
  if (!((n == 6 && g_str_equal (fields[0], "A") && g_str_equal (fields[2], "B")) ||
        (n == 3 && (g_str_equal (fields[0], "A-only") || g_str_equal (fields[0], "B-only")))))
    return FALSE;

  parsed = g_new0 (TruthLine, 1);
  parsed->kind = g_strdup (fields[0]);
  if (n == 6)
    {
      parsed->quotes[0] = g_strdup (fields[1]);
      parsed->quotes[1] = g_strdup (fields[3]);
    }
  else
    parsed->quotes[fields[0][0] == 'B'] = g_strdup (fields[1]);
  g_ptr_array_add (truth->lines, parsed);

  return TRUE;
}

static gboolean
truth_load (Truth       *truth,
            const char  *truth_path,
            const char  *base_dir,
            GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (truth_path, &contents, NULL, error))
    return FALSE;

  truth->lines = g_ptr_array_new_with_free_func ((GDestroyNotify)truth_line_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      if (!parse_line (truth, lines[i], base_dir))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s:%u: not a truth line", truth_path, i + 1);
          return FALSE;
        }
    }

  if (truth->paths[0] == NULL || truth->paths[1] == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s names no a: or b: document", truth_path);
      return FALSE;
    }

  return TRUE;
}

/* HTML, until the document loader reads it: TEMPORARY, for the Debian
 * set only.  Tags are dropped; a block-level tag ends a block, and an
 * opening one marks the kind of the block it starts (heading, code, list
 * item, else paragraph) with a control character; script and style lose
 * their content; the few entities of the two books are decoded; white
 * space runs become one space.  The blocks then go through the document
 * builder, so headings and code are not compared, as from a loader. */

static const struct
{
  const char *name;
  char        marker;
} block_tags[] = {
  { "h1", '\1' }, { "h2", '\1' }, { "h3", '\1' }, { "h4", '\1' }, { "h5", '\1' },
  { "h6", '\1' }, { "title", '\1' }, { "pre", '\2' }, { "li", '\3' }, { "p", 0 },
  { "dt", 0 }, { "dd", 0 }, { "div", 0 }, { "br", 0 }, { "tr", 0 }, { "td", 0 },
  { "th", 0 }, { "table", 0 }, { "ul", 0 }, { "ol", 0 }, { "dl", 0 },
  { "blockquote", 0 }, { "section", 0 },
};

static const char *
skip_tag (GString    *out,
          const char *p)
{
  gboolean closing = p[1] == '/';
  const char *name = p + 1 + closing;
  gsize len = strspn (name, "abcdefghijklmnopqrstuvwxyz0123456789");
  const char *close = strchr (p, '>');

  if (close == NULL)
    return p + strlen (p);

  if (!closing && ((len == 6 && strncmp (name, "script", 6) == 0) ||
                   (len == 5 && strncmp (name, "style", 5) == 0)))
    {
      g_autofree char *end_tag = g_strdup_printf ("</%.*s", (int)len, name);
      const char *end = strstr (close, end_tag);

      return end != NULL ? skip_tag (out, end) : close + 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (block_tags); i++)
    if (strlen (block_tags[i].name) == len && strncmp (name, block_tags[i].name, len) == 0)
      {
        g_string_append (out, "\n\n");
        if (!closing && block_tags[i].marker != 0)
          g_string_append_c (out, block_tags[i].marker);
      }

  return close + 1;
}

static const char *
decode_entity (GString    *out,
               const char *p)
{
  static const struct { const char *name; const char *text; } entities[] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
    { "&apos;", "'" }, { "&nbsp;", " " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (g_str_has_prefix (p, entities[i].name))
      {
        g_string_append (out, entities[i].text);
        return p + strlen (entities[i].name);
      }

  if (p[1] == '#')
    {
      char *end;
      gunichar c = p[2] == 'x' ? g_ascii_strtoull (p + 3, &end, 16)
                               : g_ascii_strtoull (p + 2, &end, 10);

      if (*end == ';' && g_unichar_validate (c))
        {
          g_string_append_unichar (out, c);
          return end + 1;
        }
    }

  g_string_append_c (out, '&');
  return p + 1;
}

static char *
html_to_blocks (const char *html)
{
  GString *out = g_string_new (NULL);
  const char *p = html;

  while (*p != '\0')
    {
      if (*p == '<')
        p = skip_tag (out, p);
      else if (*p == '&')
        p = decode_entity (out, p);
      else if (g_ascii_isspace (*p))
        {
          if (out->len > 0 && !g_ascii_isspace (out->str[out->len - 1]))
            g_string_append_c (out, ' ');
          p++;
        }
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

static LecternDocument *
build_html_document (const char *html,
                     const char *uri,
                     const char *name)
{
  g_autofree char *text = html_to_blocks (html);
  g_auto(GStrv) chunks = g_strsplit (text, "\n\n", -1);
  g_autofree char *title = _lectern_document_title_from_name (name);
  Builder b;

  _lectern_builder_init (&b, strlen (text));
  for (guint i = 0; chunks[i] != NULL; i++)
    {
      char *chunk = chunks[i];
      LecternBlockKind kind = LECTERN_BLOCK_PARAGRAPH;

      /* Markers of blocks left empty (a heading's anchor) fall through. */
      while (*chunk >= '\1' && *chunk <= '\3')
        {
          kind = *chunk == '\1' ? LECTERN_BLOCK_HEADING
               : *chunk == '\2' ? LECTERN_BLOCK_CODE : LECTERN_BLOCK_LIST_ITEM;
          chunk++;
        }
      g_strstrip (chunk);
      if (*chunk == '\0')
        continue;
      _lectern_builder_begin_leaf (&b, kind, kind == LECTERN_BLOCK_HEADING ? 2 : 0);
      _lectern_builder_append (&b, chunk, strlen (chunk));
      _lectern_builder_end_leaf (&b);
    }

  return _lectern_builder_finish (&b, uri, title, LECTERN_DOCUMENT_FORMAT_PLAIN);
}

static LecternDocument *
load_document (const char  *path,
               GError     **error)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s is not there", path);
      return NULL;
    }

  if (!g_str_has_suffix (path, ".html"))
    return lectern_document_loader_load_file (loader, file, NULL, error);

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;

  uri = g_file_get_uri (file);
  name = g_path_get_basename (path);

  return build_html_document (contents, uri, name);
}

/* Quotes */

/* The block's text as the README's quotes see it: Markdown's emphasis
 * and superscript markers, leading #s and \$ dropped or undone, white
 * space runs made one space. */
static char *
normalize (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p == '#')
    p++;

  while (*p != '\0')
    {
      if (g_str_has_prefix (p, "<sup>") || g_str_has_prefix (p, "</sup>"))
        p = strchr (p, '>') + 1;
      else if (*p == '*')
        p++;
      else if (p[0] == '\\' && p[1] == '$')
        p++;
      else if (g_ascii_isspace (*p))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          p++;
        }
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

typedef struct
{
  LecternDocument *document;
  GPtrArray       *texts;    /* normalised text per block */
} Blocks;

static void
blocks_init (Blocks          *blocks,
             LecternDocument *document)
{
  const LecternBlock *all;
  guint n;

  blocks->document = document;
  blocks->texts = g_ptr_array_new_with_free_func (g_free);
  all = lectern_document_get_blocks (document, &n);
  for (guint i = 0; i < n; i++)
    {
      const char *start = lectern_document_offset_to_pointer (document, all[i].start);
      const char *end = lectern_document_offset_to_pointer (document, all[i].end);
      g_autofree char *raw = g_strndup (start, end - start);

      g_ptr_array_add (blocks->texts, normalize (raw));
    }
}

/* The start of the block that holds @quote, or NO_BLOCK. */
static guint
find_quote (const Blocks *blocks,
            const char   *quote)
{
  g_autofree char *needle = normalize (quote);
  const LecternBlock *all;
  guint n;

  all = lectern_document_get_blocks (blocks->document, &n);
  for (guint i = 0; i < blocks->texts->len; i++)
    if (strstr (g_ptr_array_index (blocks->texts, i), needle) != NULL)
      return all[i].start;

  return NO_BLOCK;
}

/* Measuring */

#define PAIR_KEY(a, b) ((gint64)(((guint64)(a) << 32) | (guint64)(b)))

typedef struct
{
  LecternComparison *comparison;
  GHashTable        *pairs;       /* PAIR_KEY (start in A, start in B) */
  GHashTable        *queries[2];  /* starts with a partner */
  GHashTable        *named[2];    /* starts the truth names */
  GArray            *only[2];     /* starts marked without partner */
} Measure;

static void
measure_clear (Measure *m)
{
  g_clear_object (&m->comparison);
  g_clear_pointer (&m->pairs, g_hash_table_unref);
  for (guint s = 0; s < 2; s++)
    {
      g_clear_pointer (&m->queries[s], g_hash_table_unref);
      g_clear_pointer (&m->named[s], g_hash_table_unref);
      g_clear_pointer (&m->only[s], g_array_unref);
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Measure, measure_clear)

static void
measure_init (Measure *m)
{
  m->pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint s = 0; s < 2; s++)
    {
      m->queries[s] = g_hash_table_new (NULL, NULL);
      m->named[s] = g_hash_table_new (NULL, NULL);
      m->only[s] = g_array_new (FALSE, FALSE, sizeof (guint));
    }
}

static gboolean
has_pair (const Measure *m,
          guint          a,
          guint          b)
{
  gint64 key = PAIR_KEY (a, b);

  return g_hash_table_contains (m->pairs, &key);
}

/* Resolves every quote; fails on one that no block holds, since the
 * quotes were checked when written and a miss means a loader change. */
static gboolean
add_truth (Measure       *m,
           const Truth   *truth,
           const Blocks  *blocks,
           GError       **error)
{
  for (guint i = 0; i < truth->lines->len; i++)
    {
      const TruthLine *line = g_ptr_array_index (truth->lines, i);
      guint starts[2] = { NO_BLOCK, NO_BLOCK };

      for (guint s = 0; s < 2; s++)
        {
          if (line->quotes[s] == NULL)
            continue;
          starts[s] = find_quote (&blocks[s], line->quotes[s]);
          if (starts[s] == NO_BLOCK)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "quote not found in %s: “%s”", s == 0 ? "A" : "B", line->quotes[s]);
              return FALSE;
            }
          /* Block starts are offsets + 1 in the sets, so 0 is not NULL. */
          g_hash_table_add (m->named[s], GUINT_TO_POINTER (starts[s] + 1));
        }

      if (line->quotes[0] != NULL && line->quotes[1] != NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = PAIR_KEY (starts[0], starts[1]);
          g_hash_table_add (m->pairs, key);
          g_hash_table_add (m->queries[0], GUINT_TO_POINTER (starts[0] + 1));
          g_hash_table_add (m->queries[1], GUINT_TO_POINTER (starts[1] + 1));
        }
      else
        g_array_append_val (m->only[line->quotes[1] != NULL], starts[line->quotes[1] != NULL]);
    }

  return TRUE;
}

/* The rank (1-based) of the first partner of the passage at @start
 * among its matches; 0 when none is there, or it is no passage. */
static guint
rank_of_partner (const Measure *m,
                 LecternSide    side,
                 guint          start,
                 gboolean      *resolved)
{
  LecternComparison *c = m->comparison;
  int p = lectern_comparison_find_passage_at (c, side, start);
  const LecternPassageMatch *matches;
  guint n;

  *resolved = p >= 0 && lectern_comparison_get_passage (c, side, p)->start == start;
  if (!*resolved)
    return 0;

  n = lectern_comparison_get_matches (c, side, p, &matches);
  for (guint i = 0; i < n; i++)
    {
      guint other = lectern_comparison_get_passage (c, !side, matches[i].passage)->start;

      if (side == LECTERN_SIDE_A ? has_pair (m, start, other) : has_pair (m, other, start))
        return i + 1;
    }

  return 0;
}

/* With LECTERN_COMPARE_EVAL_DEBUG set, each query is printed with the
 * rank of its first partner and its matches: what to read when tuning. */
static char *
text_head (LecternDocument *document,
           guint            start)
{
  const char *p = lectern_document_offset_to_pointer (document, start);
  const char *end = p;

  for (guint i = 0; i < 64 && *end != '\0' && *end != '\n'; i++)
    end = g_utf8_next_char (end);

  return g_strndup (p, end - p);
}

static void
debug_query (const Measure *m,
             LecternSide    side,
             guint          start,
             guint          rank)
{
  LecternComparison *c = m->comparison;
  int p = lectern_comparison_find_passage_at (c, side, start);
  g_autofree char *head = text_head (lectern_comparison_get_document (c, side), start);
  const LecternPassageMatch *matches;
  guint n;

  g_printerr ("%c rank %u: %s\n", side == LECTERN_SIDE_A ? 'A' : 'B', rank, head);
  if (p < 0)
    return;

  n = lectern_comparison_get_matches (c, side, p, &matches);
  for (guint i = 0; i < n; i++)
    {
      guint other = lectern_comparison_get_passage (c, !side, matches[i].passage)->start;
      g_autofree char *other_head = text_head (lectern_comparison_get_document (c, !side), other);
      g_autofree char *terms = g_strjoinv (", ", (char **)matches[i].shared_terms);

      g_printerr ("    %.3f %s [%s]\n", matches[i].score, other_head, terms);
    }
}

static void
measure_direction (const Measure        *m,
                   LecternSide           side,
                   LecternEvalDirection *d)
{
  GHashTableIter iter;
  gpointer key;
  guint hits_1 = 0;
  guint hits_3 = 0;
  double rr = 0.0;

  memset (d, 0, sizeof *d);
  g_hash_table_iter_init (&iter, m->queries[side]);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gboolean resolved;
      guint rank = rank_of_partner (m, side, GPOINTER_TO_UINT (key) - 1, &resolved);

      d->n_queries++;
      d->n_unresolved += !resolved;
      if (g_getenv ("LECTERN_COMPARE_EVAL_DEBUG") != NULL)
        debug_query (m, side, GPOINTER_TO_UINT (key) - 1, rank);
      hits_1 += rank == 1;
      hits_3 += rank >= 1 && rank <= 3;
      rr += rank > 0 ? 1.0 / rank : 0.0;
    }

  if (d->n_queries == 0)
    return;
  d->recall_1 = (double)hits_1 / d->n_queries;
  d->recall_3 = (double)hits_3 / d->n_queries;
  d->mrr = rr / d->n_queries;
}

/* Every distinct pair drawn at or above the threshold, from either side. */
static GHashTable *
collect_drawn (const Measure *m)
{
  LecternComparison *c = m->comparison;
  double threshold = lectern_comparison_get_threshold (c);
  GHashTable *drawn = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint s = 0; s < 2; s++)
    for (guint p = 0; p < lectern_comparison_get_n_passages (c, s); p++)
      {
        const LecternPassageMatch *matches;
        guint n = lectern_comparison_get_matches (c, s, p, &matches);
        guint here = lectern_comparison_get_passage (c, s, p)->start;

        for (guint i = 0; i < n; i++)
          {
            guint there = lectern_comparison_get_passage (c, !s, matches[i].passage)->start;
            gint64 *key;

            if (matches[i].score < threshold)
              continue;
            key = g_new (gint64, 1);
            *key = s == 0 ? PAIR_KEY (here, there) : PAIR_KEY (there, here);
            g_hash_table_add (drawn, key);
          }
      }

  return drawn;
}

static void
measure_drawn (const Measure         *m,
               LecternComparisonEval *result)
{
  g_autoptr(GHashTable) drawn = collect_drawn (m);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, drawn);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint64 pair = *(gint64 *)key;
      guint a = pair >> 32;
      guint b = pair & G_MAXUINT32;

      result->n_drawn++;
      result->n_drawn_correct += has_pair (m, a, b);
      result->n_drawn_judged += g_hash_table_contains (m->named[0], GUINT_TO_POINTER (a + 1)) &&
                                g_hash_table_contains (m->named[1], GUINT_TO_POINTER (b + 1));
    }

  result->precision = result->n_drawn > 0 ? (double)result->n_drawn_correct / result->n_drawn : 0.0;
  result->precision_judged = result->n_drawn_judged > 0
                             ? (double)result->n_drawn_correct / result->n_drawn_judged : 0.0;
}

static void
measure_only (const Measure         *m,
              LecternComparisonEval *result)
{
  LecternComparison *c = m->comparison;

  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < m->only[s]->len; i++)
      {
        int p = lectern_comparison_find_passage_at (c, s, g_array_index (m->only[s], guint, i));
        const LecternPassageMatch *matches;

        if (p >= 0 && lectern_comparison_get_matches (c, s, p, &matches) > 0 &&
            matches[0].score >= lectern_comparison_get_threshold (c))
          result->n_only_emphasised++;
      }
}

/**
 * lectern_comparison_eval_run:
 * @truth_path: a .truth file
 * @base_dir: the folder its relative document paths start from
 * @result: (out caller-allocates): the figures
 * @error: return location for an error
 *
 * Compares the two documents that @truth_path names with the default
 * settings and measures the matches against its pairs.  Fails with
 * %G_IO_ERROR_NOT_FOUND when a document is not there.
 *
 * Returns: whether @result was filled
 */
gboolean
lectern_comparison_eval_run (const char             *truth_path,
                             const char             *base_dir,
                             LecternComparisonEval  *result,
                             GError                **error)
{
  g_auto(Truth) truth = { { NULL, NULL }, NULL };
  g_auto(Measure) m = { NULL, NULL, { NULL, NULL }, { NULL, NULL }, { NULL, NULL } };
  g_autoptr(LecternDocument) a = NULL;
  g_autoptr(LecternDocument) b = NULL;
  Blocks blocks[2];
  gboolean ok;

  g_return_val_if_fail (truth_path != NULL && base_dir != NULL && result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  if (!truth_load (&truth, truth_path, base_dir, error) ||
      (a = load_document (truth.paths[0], error)) == NULL ||
      (b = load_document (truth.paths[1], error)) == NULL)
    return FALSE;

  m.comparison = lectern_comparison_new (a, b);
  if (!lectern_comparison_run (m.comparison, NULL, error))
    return FALSE;

  measure_init (&m);
  blocks_init (&blocks[0], a);
  blocks_init (&blocks[1], b);
  ok = add_truth (&m, &truth, blocks, error);
  g_ptr_array_unref (blocks[0].texts);
  g_ptr_array_unref (blocks[1].texts);
  if (!ok)
    return FALSE;

  for (guint i = 0; i < truth.lines->len; i++)
    result->n_pairs += g_str_equal (((TruthLine *)g_ptr_array_index (truth.lines, i))->kind, "A");
  measure_direction (&m, LECTERN_SIDE_A, &result->directions[0]);
  measure_direction (&m, LECTERN_SIDE_B, &result->directions[1]);
  measure_drawn (&m, result);
  measure_only (&m, result);

  return TRUE;
}
