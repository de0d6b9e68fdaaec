/* test-document-loader.c: LecternDocumentLoader and the document model it builds
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lectern-core.h"
#include "lectern-test-utils.h"

#define MD_URI "file:///tmp/test.md"
#define TXT_URI "file:///tmp/test.txt"

/* Fixture: a fresh directory per test, removed afterwards. */

typedef LecternTestDir Fixture;

/* Helpers */

static void
assert_contains_impl (const char *haystack,
                      const char *needle,
                      gboolean    expected,
                      const char *file,
                      int         line,
                      const char *func)
{
  g_autofree char *message = NULL;

  if ((strstr (haystack, needle) != NULL) == expected)
    return;

  message = g_strdup_printf ("“%s” %s “%s”", haystack,
                             expected ? "does not contain" : "contains", needle);
  g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
}

#define assert_contains(h, n) \
  assert_contains_impl ((h), (n), TRUE, __FILE__, __LINE__, G_STRFUNC)
#define assert_not_contains(h, n) \
  assert_contains_impl ((h), (n), FALSE, __FILE__, __LINE__, G_STRFUNC)

/* What every document must satisfy, whatever it was built from. */
static void
assert_model_valid (LecternDocument *document)
{
  const char *text = lectern_document_get_text (document);
  guint length = lectern_document_get_length (document);
  const LecternBlock *blocks;
  const LecternStyleRun *runs;
  guint n_blocks, n_runs;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpuint (lectern_document_get_text_bytes (document), ==, strlen (text));
  g_assert_cmpuint (length, ==, g_utf8_strlen (text, -1));

  blocks = lectern_document_get_blocks (document, &n_blocks);
  for (guint i = 0; i < n_blocks; i++)
    {
      g_assert_cmpuint (blocks[i].start, <, blocks[i].end);
      g_assert_cmpuint (blocks[i].end, <=, length);
      if (i > 0)
        {
          /* Exactly one newline between blocks. */
          g_assert_cmpuint (blocks[i].start, ==, blocks[i - 1].end + 1);
          g_assert_cmpint (*lectern_document_offset_to_pointer (document, blocks[i - 1].end), ==, '\n');
        }
    }
  if (n_blocks > 0)
    {
      g_assert_cmpuint (blocks[0].start, ==, 0);
      g_assert_cmpuint (blocks[n_blocks - 1].end, ==, length);
    }
  else
    {
      g_assert_cmpuint (length, ==, 0);
    }

  runs = lectern_document_get_runs (document, &n_runs);
  for (guint i = 0; i < n_runs; i++)
    {
      g_assert_cmpuint (runs[i].start, <, runs[i].end);
      g_assert_cmpuint (runs[i].end, <=, length);
      g_assert_true ((runs[i].style == LECTERN_STYLE_LINK) == (runs[i].href != NULL));
      if (i > 0)
        g_assert_cmpuint (runs[i - 1].start, <=, runs[i].start);
    }
}

static LecternDocument *
load_string (const char            *text,
             LecternDocumentFormat  format)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  LecternDocument *document;
  gboolean markdown = format == LECTERN_DOCUMENT_FORMAT_MARKDOWN;

  document = lectern_document_loader_load_bytes (loader, bytes,
                                                 markdown ? MD_URI : TXT_URI,
                                                 markdown ? "test.md" : "test.txt",
                                                 format, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_cmpint (lectern_document_get_format (document), ==, format);
  assert_model_valid (document);

  return document;
}

static LecternDocument *
load_markdown (const char *text)
{
  return load_string (text, LECTERN_DOCUMENT_FORMAT_MARKDOWN);
}

static LecternDocument *
load_plain (const char *text)
{
  return load_string (text, LECTERN_DOCUMENT_FORMAT_PLAIN);
}

static const LecternBlock *
get_block (LecternDocument *document,
           guint            index)
{
  guint n_blocks;
  const LecternBlock *blocks = lectern_document_get_blocks (document, &n_blocks);

  g_assert_cmpuint (index, <, n_blocks);
  return &blocks[index];
}

static guint
count_blocks (LecternDocument  *document,
              LecternBlockKind  kind)
{
  guint n_blocks, n = 0;
  const LecternBlock *blocks = lectern_document_get_blocks (document, &n_blocks);

  for (guint i = 0; i < n_blocks; i++)
    n += blocks[i].kind == kind;

  return n;
}

static void
assert_block (LecternDocument  *document,
              guint             index,
              LecternBlockKind  kind,
              guint             level,
              const char       *text)
{
  const LecternBlock *block = get_block (document, index);
  g_autofree char *slice = lectern_document_dup_slice (document, block->start, block->end);

  g_assert_cmpint (block->kind, ==, kind);
  g_assert_cmpuint (block->level, ==, level);
  g_assert_cmpstr (slice, ==, text);
}

static guint
count_runs (LecternDocument *document,
            LecternStyle     style)
{
  guint n_runs, n = 0;
  const LecternStyleRun *runs = lectern_document_get_runs (document, &n_runs);

  for (guint i = 0; i < n_runs; i++)
    n += runs[i].style == style;

  return n;
}

/* The character offset of the first @needle in the text. */
static guint
offset_of (LecternDocument *document,
           const char      *needle)
{
  const char *text = lectern_document_get_text (document);
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return g_utf8_pointer_to_offset (text, found);
}

/* The run of @style that covers exactly the first @needle in the text. */
static const LecternStyleRun *
find_run_over (LecternDocument *document,
               LecternStyle     style,
               const char      *needle)
{
  guint start = offset_of (document, needle);
  guint end = start + g_utf8_strlen (needle, -1);
  guint n_runs;
  const LecternStyleRun *runs = lectern_document_get_runs (document, &n_runs);

  for (guint i = 0; i < n_runs; i++)
    if (runs[i].style == style && runs[i].start == start && runs[i].end == end)
      return &runs[i];

  return NULL;
}

static void
assert_run_over (LecternDocument *document,
                 LecternStyle     style,
                 const char      *needle)
{
  g_assert_nonnull (find_run_over (document, style, needle));
}

static LecternDocument *
load_path (LecternDocumentLoader  *loader,
           const char             *path,
           GError                **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return lectern_document_loader_load_file (loader, file, NULL, error);
}

static void
assert_load_error (LecternDocumentLoader *loader,
                   const char            *path,
                   int                    code)
{
  g_autoptr(LecternDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_path_get_basename (path);

  document = load_path (loader, path, &error);
  g_assert_error (error, LECTERN_DOCUMENT_ERROR, code);
  g_assert_null (document);
  assert_contains (error->message, basename);
}

typedef struct
{
  GMainLoop       *loop;
  LecternDocument *document;
  GError          *error;
} AsyncLoad;

static void
load_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncLoad *load = user_data;

  load->document = lectern_document_loader_load_file_finish (LECTERN_DOCUMENT_LOADER (object),
                                                             result, &load->error);
  g_main_loop_quit (load->loop);
}

/* Starts an async load, cancels it at once if asked to, then runs the
 * loop until the callback has been called. */
static LecternDocument *
load_async (LecternDocumentLoader  *loader,
            GFile                  *file,
            GCancellable           *cancellable,
            gboolean                cancel_after_start,
            GError                **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncLoad load = { loop, NULL, NULL };

  lectern_document_loader_load_file_async (loader, file, cancellable, load_ready_cb, &load);
  if (cancel_after_start)
    g_cancellable_cancel (cancellable);
  g_main_loop_run (loop);

  if (load.error != NULL)
    g_propagate_error (error, load.error);

  return load.document;
}

static void
assert_same_document (LecternDocument *a,
                      LecternDocument *b)
{
  const LecternBlock *blocks_a, *blocks_b;
  const LecternStyleRun *runs_a, *runs_b;
  guint n_a, n_b;

  g_assert_cmpstr (lectern_document_get_uri (a), ==, lectern_document_get_uri (b));
  g_assert_cmpstr (lectern_document_get_id (a), ==, lectern_document_get_id (b));
  g_assert_cmpstr (lectern_document_get_title (a), ==, lectern_document_get_title (b));
  g_assert_cmpint (lectern_document_get_format (a), ==, lectern_document_get_format (b));
  g_assert_cmpstr (lectern_document_get_text (a), ==, lectern_document_get_text (b));
  g_assert_cmpuint (lectern_document_get_length (a), ==, lectern_document_get_length (b));
  g_assert_cmpstr (lectern_document_get_fingerprint (a), ==, lectern_document_get_fingerprint (b));

  blocks_a = lectern_document_get_blocks (a, &n_a);
  blocks_b = lectern_document_get_blocks (b, &n_b);
  g_assert_cmpmem (blocks_a, n_a * sizeof *blocks_a, blocks_b, n_b * sizeof *blocks_b);

  runs_a = lectern_document_get_runs (a, &n_a);
  runs_b = lectern_document_get_runs (b, &n_b);
  g_assert_cmpuint (n_a, ==, n_b);
  for (guint i = 0; i < n_a; i++)
    {
      g_assert_cmpint (runs_a[i].style, ==, runs_b[i].style);
      g_assert_cmpuint (runs_a[i].start, ==, runs_b[i].start);
      g_assert_cmpuint (runs_a[i].end, ==, runs_b[i].end);
      g_assert_cmpstr (runs_a[i].href, ==, runs_b[i].href);
    }
}

static const char *rich_markdown =
  "# Title\n"
  "\n"
  "Some *emphasis*, **strong** text and a [link](https://example.org/).\n"
  "\n"
  "- one\n"
  "  - two\n"
  "\n"
  "> quoted\n"
  "\n"
  "```\n"
  "code  kept\n"
  "```\n"
  "\n"
  "Note<sup>1</sup> 한국어 😀\n"
  "\n"
  "<sup>1</sup> The note.\n";

/* Markdown */

static void
test_markdown_headings (void)
{
  g_autoptr(LecternDocument) document = NULL;

  document = load_markdown ("# One\n"
                            "## Two\n"
                            "### Three\n"
                            "#### Four\n"
                            "##### Five\n"
                            "###### Six ######\n"
                            "\n"
                            "####### Seven is not a heading\n");

  assert_block (document, 0, LECTERN_BLOCK_HEADING, 1, "One");
  assert_block (document, 1, LECTERN_BLOCK_HEADING, 2, "Two");
  assert_block (document, 2, LECTERN_BLOCK_HEADING, 3, "Three");
  assert_block (document, 3, LECTERN_BLOCK_HEADING, 4, "Four");
  assert_block (document, 4, LECTERN_BLOCK_HEADING, 5, "Five");
  assert_block (document, 5, LECTERN_BLOCK_HEADING, 6, "Six");
  assert_block (document, 6, LECTERN_BLOCK_PARAGRAPH, 0, "####### Seven is not a heading");
  g_assert_cmpuint (count_blocks (document, LECTERN_BLOCK_HEADING), ==, 6);
  g_assert_cmpstr (lectern_document_get_title (document), ==, "One");
  g_assert_cmpstr (lectern_document_get_text (document), ==,
                   "One\nTwo\nThree\nFour\nFive\nSix\n####### Seven is not a heading");
}

static void
test_markdown_title (void)
{
  g_autoptr(LecternDocument) level1 = NULL;
  g_autoptr(LecternDocument) level2 = NULL;
  g_autoptr(LecternDocument) none = NULL;

  /* The first level-1 heading wins over an earlier smaller one. */
  level1 = load_markdown ("## Series\n\n# The *real* title\n\n# Later\n\ntext\n");
  g_assert_cmpstr (lectern_document_get_title (level1), ==, "The real title");

  level2 = load_markdown ("text\n\n## First\n\n### Second\n");
  g_assert_cmpstr (lectern_document_get_title (level2), ==, "First");

  /* No heading: the file name without its extension. */
  none = load_markdown ("just a paragraph\n");
  g_assert_cmpstr (lectern_document_get_title (none), ==, "test");
}

static void
test_markdown_paragraphs (void)
{
  g_autoptr(LecternDocument) document = NULL;

  document = load_markdown ("First line\n"
                            "continues here.\n"
                            "\n"
                            "\n"
                            "Second paragraph with a hard  \n"
                            "break.\n");

  g_assert_cmpstr (lectern_document_get_text (document), ==,
                   "First line continues here.\nSecond paragraph with a hard\nbreak.");
  assert_block (document, 0, LECTERN_BLOCK_PARAGRAPH, 0, "First line continues here.");
  assert_block (document, 1, LECTERN_BLOCK_PARAGRAPH, 0, "Second paragraph with a hard\nbreak.");
  g_assert_cmpuint (get_block (document, 0)->quote_depth, ==, 0);
  g_assert_cmpuint (get_block (document, 0)->list_number, ==, 0);
}

static void
test_markdown_emphasis (void)
{
  g_autoptr(LecternDocument) document = NULL;
  guint n_runs;

  document = load_markdown ("Plain *slanted* and **heavy** then ***both*** and _under_ "
                            "and __twice__ and ~~gone~~ end.\n");

  g_assert_cmpstr (lectern_document_get_text (document), ==,
                   "Plain slanted and heavy then both and under and twice and gone end.");
  assert_run_over (document, LECTERN_STYLE_ITALIC, "slanted");
  assert_run_over (document, LECTERN_STYLE_BOLD, "heavy");
  assert_run_over (document, LECTERN_STYLE_ITALIC, "both");
  assert_run_over (document, LECTERN_STYLE_BOLD, "both");
  assert_run_over (document, LECTERN_STYLE_ITALIC, "under");
  assert_run_over (document, LECTERN_STYLE_BOLD, "twice");
  assert_run_over (document, LECTERN_STYLE_STRIKETHROUGH, "gone");
  g_assert_cmpuint (count_runs (document, LECTERN_STYLE_ITALIC), ==, 3);
  g_assert_cmpuint (count_runs (document, LECTERN_STYLE_BOLD), ==, 3);
  lectern_document_get_runs (document, &n_runs);
  g_assert_cmpuint (n_runs, ==, 7);

  /* Plain words are not styled. */
  g_assert_null (find_run_over (document, LECTERN_STYLE_ITALIC, "Plain"));
}

static void
assert_marker (LecternDocument *document,
               guint            index,
               const char      *marker)
{
  const LecternBlock *block = get_block (document, index);
  guint n_runs;
  const LecternStyleRun *runs = lectern_document_get_runs (document, &n_runs);
  g_autofree char *text = NULL;

  for (guint i = 0; i < n_runs; i++)
    {
      if (runs[i].style != LECTERN_STYLE_LIST_MARKER || runs[i].start != block->start)
        continue;

      text = lectern_document_dup_slice (document, runs[i].start, runs[i].end);
      break;
    }

  g_assert_cmpstr (text, ==, marker);
}

static void
test_markdown_lists (void)
{
  g_autoptr(LecternDocument) document = NULL;

  document = load_markdown ("- alpha\n"
                            "  - beta **bold**\n"
                            "  - gamma\n"
                            "- delta\n"
                            "  1. first\n"
                            "  2. second\n"
                            "\n"
                            "text between\n"
                            "\n"
                            "3. three\n"
                            "4. four\n");

  assert_block (document, 0, LECTERN_BLOCK_LIST_ITEM, 1, "\u2022 alpha");
  assert_block (document, 1, LECTERN_BLOCK_LIST_ITEM, 2, "\u25E6 beta bold");
  assert_block (document, 2, LECTERN_BLOCK_LIST_ITEM, 2, "\u25E6 gamma");
  assert_block (document, 3, LECTERN_BLOCK_LIST_ITEM, 1, "\u2022 delta");
  assert_block (document, 4, LECTERN_BLOCK_LIST_ITEM, 2, "1. first");
  assert_block (document, 5, LECTERN_BLOCK_LIST_ITEM, 2, "2. second");
  assert_block (document, 6, LECTERN_BLOCK_PARAGRAPH, 0, "text between");
  assert_block (document, 7, LECTERN_BLOCK_LIST_ITEM, 1, "3. three");
  assert_block (document, 8, LECTERN_BLOCK_LIST_ITEM, 1, "4. four");

  /* Bullets and numbers are marker runs, not part of the item's styles. */
  assert_marker (document, 0, "\u2022 ");
  assert_marker (document, 1, "\u25E6 ");
  assert_marker (document, 3, "\u2022 ");
  assert_marker (document, 4, "1. ");
  assert_marker (document, 7, "3. ");
  assert_marker (document, 8, "4. ");
  g_assert_cmpuint (count_runs (document, LECTERN_STYLE_LIST_MARKER), ==, 8);
  assert_run_over (document, LECTERN_STYLE_BOLD, "bold");

  /* Ordered items carry their number, bullets none. */
  g_assert_cmpuint (get_block (document, 0)->list_number, ==, 0);
  g_assert_cmpuint (get_block (document, 4)->list_number, ==, 1);
  g_assert_cmpuint (get_block (document, 5)->list_number, ==, 2);
  g_assert_cmpuint (get_block (document, 7)->list_number, ==, 3);
  g_assert_cmpuint (get_block (document, 8)->list_number, ==, 4);
}

static void
test_markdown_list_opening_with_list (void)
{
  g_autoptr(LecternDocument) document = NULL;

  /* An item whose first content is another list (as in a date line
   * such as "2023. 09. 27.") must keep its own marker. */
  document = load_markdown ("1. 2. - inner\n"
                            "\n"
                            "after\n");

  assert_block (document, 0, LECTERN_BLOCK_LIST_ITEM, 1, "1.");
  assert_block (document, 1, LECTERN_BLOCK_LIST_ITEM, 2, "2.");
  assert_block (document, 2, LECTERN_BLOCK_LIST_ITEM, 3, "\u25AA inner");
  assert_block (document, 3, LECTERN_BLOCK_PARAGRAPH, 0, "after");
  assert_marker (document, 0, "1.");
  assert_marker (document, 1, "2.");
  assert_marker (document, 2, "\u25AA ");
  g_assert_cmpuint (get_block (document, 0)->list_number, ==, 1);
  g_assert_cmpuint (get_block (document, 1)->list_number, ==, 2);
}

static void
test_markdown_task_list (void)
{
  g_autoptr(LecternDocument) document = NULL;

  document = load_markdown ("- [ ] open\n- [x] done\n");

  assert_block (document, 0, LECTERN_BLOCK_LIST_ITEM, 1, "\u2610 open");
  assert_block (document, 1, LECTERN_BLOCK_LIST_ITEM, 1, "\u2611 done");
  assert_marker (document, 1, "\u2611 ");
}

static void
test_markdown_block_quotes (void)
{
  g_autoptr(LecternDocument) document = NULL;

  document = load_markdown ("> quoted *text*\n"
                            "> on two lines\n"
                            ">\n"
                            "> > deeper\n"
                            ">\n"
                            "> # Quoted heading\n"
                            "\n"
                            "outside\n");

  assert_block (document, 0, LECTERN_BLOCK_QUOTE, 0, "quoted text on two lines");
  assert_block (document, 1, LECTERN_BLOCK_QUOTE, 0, "deeper");
  assert_block (document, 2, LECTERN_BLOCK_HEADING, 1, "Quoted heading");
  assert_block (document, 3, LECTERN_BLOCK_PARAGRAPH, 0, "outside");
  g_assert_cmpuint (get_block (document, 0)->quote_depth, ==, 1);
  g_assert_cmpuint (get_block (document, 1)->quote_depth, ==, 2);
  g_assert_cmpuint (get_block (document, 2)->quote_depth, ==, 1);
  g_assert_cmpuint (get_block (document, 3)->quote_depth, ==, 0);
  assert_run_over (document, LECTERN_STYLE_ITALIC, "text");
  assert_not_contains (lectern_document_get_text (document), ">");
}

static void
test_markdown_code_span (void)
{
  g_autoptr(LecternDocument) document = NULL;

  document = load_markdown ("Call `g_free (ptr)` or ``a ` tick`` and *`both`*.\n");

  g_assert_cmpstr (lectern_document_get_text (document), ==,
                   "Call g_free (ptr) or a ` tick and both.");
  assert_run_over (document, LECTERN_STYLE_CODE, "g_free (ptr)");
  assert_run_over (document, LECTERN_STYLE_CODE, "a ` tick");
  assert_run_over (document, LECTERN_STYLE_CODE, "both");
  assert_run_over (document, LECTERN_STYLE_ITALIC, "both");
  g_assert_cmpuint (count_runs (document, LECTERN_STYLE_CODE), ==, 3);
  g_assert_cmpuint (count_blocks (document, LECTERN_BLOCK_CODE), ==, 0);
}

static void
test_markdown_code_block (void)
{
  g_autoptr(LecternDocument) document = NULL;
  guint n_runs;

  document = load_markdown ("before\n"
                            "\n"
                            "```c\n"
                            "int x = *p;\n"
                            "\n"
                            "  indented (); <sup>1</sup> &amp; \\$\n"
                            "```\n"
                            "\n"
                            "    four-space code\n"
                            "\n"
                            "after\n");

  assert_block (document, 0, LECTERN_BLOCK_PARAGRAPH, 0, "before");
  assert_block (document, 1, LECTERN_BLOCK_CODE, 0,
                "int x = *p;\n\n  indented (); <sup>1</sup> &amp; \\$");
  assert_block (document, 2, LECTERN_BLOCK_CODE, 0, "four-space code");
  assert_block (document, 3, LECTERN_BLOCK_PARAGRAPH, 0, "after");

  /* Nothing inside code is read as markup; the fence's info string is dropped. */
  lectern_document_get_runs (document, &n_runs);
  g_assert_cmpuint (n_runs, ==, 0);
  assert_not_contains (lectern_document_get_text (document), "```");
}

static void
test_markdown_links (void)
{
  g_autoptr(LecternDocument) document = NULL;
  const LecternStyleRun *run;

  document = load_markdown ("See [the *docs*](https://example.org/a?b=1 \"Title\") and "
                            "<https://auto.example/x> or [ref][r].\n"
                            "\n"
                            "[r]: https://ref.example/\n");

  g_assert_cmpstr (lectern_document_get_text (document), ==,
                   "See the docs and https://auto.example/x or ref.");

  run = find_run_over (document, LECTERN_STYLE_LINK, "the docs");
  g_assert_nonnull (run);
  g_assert_cmpstr (run->href, ==, "https://example.org/a?b=1");
  assert_run_over (document, LECTERN_STYLE_ITALIC, "docs");

  run = find_run_over (document, LECTERN_STYLE_LINK, "https://auto.example/x");
  g_assert_nonnull (run);
  g_assert_cmpstr (run->href, ==, "https://auto.example/x");

  run = find_run_over (document, LECTERN_STYLE_LINK, "ref");
  g_assert_nonnull (run);
  g_assert_cmpstr (run->href, ==, "https://ref.example/");

  g_assert_cmpuint (count_runs (document, LECTERN_STYLE_LINK), ==, 3);
  g_assert_cmpuint (count_blocks (document, LECTERN_BLOCK_PARAGRAPH), ==, 1);
}

static void
test_markdown_rule (void)
{
  g_autoptr(LecternDocument) document = NULL;
  const LecternBlock *rule;

  document = load_markdown ("above\n\n---\n\nbetween\n\n* * *\n\nbelow\n");

  g_assert_cmpuint (count_blocks (document, LECTERN_BLOCK_RULE), ==, 2);
  assert_block (document, 0, LECTERN_BLOCK_PARAGRAPH, 0, "above");
  assert_block (document, 2, LECTERN_BLOCK_PARAGRAPH, 0, "between");
  assert_block (document, 4, LECTERN_BLOCK_PARAGRAPH, 0, "below");

  /* A rule is a single separator character, not the dashes. */
  rule = get_block (document, 1);
  g_assert_cmpint (rule->kind, ==, LECTERN_BLOCK_RULE);
  g_assert_cmpuint (rule->end - rule->start, ==, 1);
  g_assert_cmpint (get_block (document, 3)->kind, ==, LECTERN_BLOCK_RULE);
  assert_not_contains (lectern_document_get_text (document), "-");
  assert_not_contains (lectern_document_get_text (document), "*");
}

static void
test_markdown_superscript (void)
{
  g_autoptr(LecternDocument) document = NULL;
  const char *text;

  document = load_markdown ("Claim<sup>1</sup> and H<sub>2</sub>O, <span class=\"x\">kept</span>, "
                            "<SUP>2)</SUP> <b>bold</b>.\n"
                            "\n"
                            "<sup>1</sup> The note.\n"
                            "\n"
                            "<sup>2)</sup> Another note.\n");
  text = lectern_document_get_text (document);

  g_assert_cmpstr (text, ==,
                   "Claim1 and H2O, kept, 2) bold.\n1 The note.\n2) Another note.");
  assert_not_contains (text, "<");
  assert_not_contains (text, ">");

  assert_run_over (document, LECTERN_STYLE_SUPERSCRIPT, "1");
  assert_run_over (document, LECTERN_STYLE_SUPERSCRIPT, "2)");
  assert_run_over (document, LECTERN_STYLE_SUBSCRIPT, "2");
  assert_run_over (document, LECTERN_STYLE_BOLD, "bold");
  g_assert_cmpuint (count_runs (document, LECTERN_STYLE_SUPERSCRIPT), ==, 4);

  /* A paragraph opening with a superscript marker is a footnote. */
  assert_block (document, 0, LECTERN_BLOCK_PARAGRAPH, 0, "Claim1 and H2O, kept, 2) bold.");
  assert_block (document, 1, LECTERN_BLOCK_FOOTNOTE, 0, "1 The note.");
  assert_block (document, 2, LECTERN_BLOCK_FOOTNOTE, 0, "2) Another note.");
}

static void
test_markdown_escapes (void)
{
  g_autoptr(LecternDocument) document = NULL;
  guint n_runs;

  document = load_markdown ("It costs \\$5, not \\*bold\\*, \\# no heading, \\<sup> and 1\\. item.\n");

  g_assert_cmpstr (lectern_document_get_text (document), ==,
                   "It costs $5, not *bold*, # no heading, <sup> and 1. item.");
  assert_not_contains (lectern_document_get_text (document), "\\");
  lectern_document_get_runs (document, &n_runs);
  g_assert_cmpuint (n_runs, ==, 0);
  g_assert_cmpuint (count_blocks (document, LECTERN_BLOCK_PARAGRAPH), ==, 1);
}

static void
test_markdown_entities (void)
{
  g_autoptr(LecternDocument) document = NULL;

  document = load_markdown ("AT&amp;T &lt;tag&gt; &quot;q&quot; &copy; &mdash; &#65;&#x42; "
                            "&#x1F600; &unknownentity; & alone\n");

  g_assert_cmpstr (lectern_document_get_text (document), ==,
                   "AT&T <tag> \"q\" \u00A9 \u2014 AB \U0001F600 &unknownentity; & alone");
  assert_not_contains (lectern_document_get_text (document), "&amp;");
}

static void
test_markdown_empty (void)
{
  g_autoptr(LecternDocument) document = load_markdown ("");
  guint n_blocks;

  lectern_document_get_blocks (document, &n_blocks);
  g_assert_cmpuint (n_blocks, ==, 0);
  g_assert_cmpstr (lectern_document_get_text (document), ==, "");
  g_assert_cmpstr (lectern_document_get_title (document), ==, "test");
}

/* Plain text */

static void
test_plain_paragraphs (void)
{
  g_autoptr(LecternDocument) document = NULL;
  guint n_runs;

  document = load_plain ("A short title\n"
                         "\n"
                         "First line of a paragraph\n"
                         "   wrapped by hand.  \n"
                         "\n"
                         "   \n"
                         "\t\n"
                         "# not a heading, *not emphasis*\n"
                         "\n"
                         "last");

  g_assert_cmpstr (lectern_document_get_text (document), ==,
                   "A short title\n"
                   "First line of a paragraph wrapped by hand.\n"
                   "# not a heading, *not emphasis*\n"
                   "last");
  /* A short first paragraph is the title. */
  assert_block (document, 0, LECTERN_BLOCK_HEADING, 1, "A short title");
  assert_block (document, 1, LECTERN_BLOCK_PARAGRAPH, 0, "First line of a paragraph wrapped by hand.");
  assert_block (document, 2, LECTERN_BLOCK_PARAGRAPH, 0, "# not a heading, *not emphasis*");
  assert_block (document, 3, LECTERN_BLOCK_PARAGRAPH, 0, "last");
  g_assert_cmpstr (lectern_document_get_title (document), ==, "A short title");
  lectern_document_get_runs (document, &n_runs);
  g_assert_cmpuint (n_runs, ==, 0);
}

static void
test_plain_title_fallback (void)
{
  g_autoptr(GString) long_first = g_string_new (NULL);
  g_autoptr(LecternDocument) single = NULL;
  g_autoptr(LecternDocument) long_doc = NULL;

  /* One paragraph alone is text, not a title. */
  single = load_plain ("Only one paragraph\nover two lines.\n");
  assert_block (single, 0, LECTERN_BLOCK_PARAGRAPH, 0, "Only one paragraph over two lines.");
  g_assert_cmpstr (lectern_document_get_title (single), ==, "test");

  /* A long first paragraph is not a title either. */
  for (guint i = 0; i < 20; i++)
    g_string_append (long_first, "word ");
  g_string_append (long_first, "\n\nsecond\n");
  long_doc = load_plain (long_first->str);
  g_assert_cmpint (get_block (long_doc, 0)->kind, ==, LECTERN_BLOCK_PARAGRAPH);
  g_assert_cmpstr (lectern_document_get_title (long_doc), ==, "test");
}

static void
test_plain_newlines (void)
{
  g_autoptr(LecternDocument) crlf = NULL;
  g_autoptr(LecternDocument) cr = NULL;
  g_autoptr(LecternDocument) lf = NULL;

  crlf = load_plain ("Heading\r\n\r\none\r\ntwo\r\n\r\nthree\r\n");
  cr = load_plain ("Heading\r\rone\rtwo\r\rthree\r");
  lf = load_plain ("Heading\n\none\ntwo\n\nthree\n");

  g_assert_cmpstr (lectern_document_get_text (crlf), ==, "Heading\none two\nthree");
  assert_not_contains (lectern_document_get_text (crlf), "\r");
  assert_not_contains (lectern_document_get_text (cr), "\r");
  assert_same_document (crlf, lf);
  assert_same_document (cr, lf);

  /* Markdown is normalised the same way. */
  {
    g_autoptr(LecternDocument) md = load_markdown ("# Head\r\n\r\nline\rnext\r\n");

    g_assert_cmpstr (lectern_document_get_text (md), ==, "Head\nline next");
  }
}

static void
test_plain_bom (void)
{
  g_autoptr(LecternDocument) with_bom = load_plain ("\xEF\xBB\xBFTitle\n\nBody text.\n");
  g_autoptr(LecternDocument) without = load_plain ("Title\n\nBody text.\n");
  g_autoptr(LecternDocument) md = load_markdown ("\xEF\xBB\xBF# Heading\n");

  g_assert_cmpstr (lectern_document_get_text (with_bom), ==, "Title\nBody text.");
  g_assert_cmpstr (lectern_document_get_title (with_bom), ==, "Title");
  assert_same_document (with_bom, without);

  /* Without the BOM the first line is a heading, not a paragraph. */
  assert_block (md, 0, LECTERN_BLOCK_HEADING, 1, "Heading");
}

static void
test_plain_empty (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autofree char *path = lectern_test_write_file (fixture->dir, "empty.txt", "", 0);
  g_autoptr(LecternDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  guint n_blocks, n_runs;

  document = load_path (loader, path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  assert_model_valid (document);

  g_assert_cmpstr (lectern_document_get_text (document), ==, "");
  g_assert_cmpuint (lectern_document_get_length (document), ==, 0);
  g_assert_cmpuint (lectern_document_get_text_bytes (document), ==, 0);
  lectern_document_get_blocks (document, &n_blocks);
  lectern_document_get_runs (document, &n_runs);
  g_assert_cmpuint (n_blocks, ==, 0);
  g_assert_cmpuint (n_runs, ==, 0);
  g_assert_cmpstr (lectern_document_get_title (document), ==, "empty");
  g_assert_null (lectern_document_find_block (document, 0));
  g_assert_cmpstr (lectern_document_offset_to_pointer (document, 0), ==, "");
  g_assert_nonnull (lectern_document_get_fingerprint (document));
  g_assert_finalize_object (g_steal_pointer (&document));
}

static void
test_plain_whitespace_only (void)
{
  g_autoptr(LecternDocument) plain = load_plain ("  \n\t\n \r\n\r   \n");
  g_autoptr(LecternDocument) md = load_markdown ("  \n\t\n \r\n\r   \n");
  guint n_blocks;

  g_assert_cmpstr (lectern_document_get_text (plain), ==, "");
  lectern_document_get_blocks (plain, &n_blocks);
  g_assert_cmpuint (n_blocks, ==, 0);
  g_assert_cmpstr (lectern_document_get_title (plain), ==, "test");

  g_assert_cmpstr (lectern_document_get_text (md), ==, "");
  lectern_document_get_blocks (md, &n_blocks);
  g_assert_cmpuint (n_blocks, ==, 0);
}

static void
test_format_for_name (void)
{
  g_assert_cmpint (lectern_document_format_for_name ("paper.md"), ==, LECTERN_DOCUMENT_FORMAT_MARKDOWN);
  g_assert_cmpint (lectern_document_format_for_name ("PAPER.MARKDOWN"), ==, LECTERN_DOCUMENT_FORMAT_MARKDOWN);
  g_assert_cmpint (lectern_document_format_for_name ("notes.mkd"), ==, LECTERN_DOCUMENT_FORMAT_MARKDOWN);
  g_assert_cmpint (lectern_document_format_for_name ("op-ed.txt"), ==, LECTERN_DOCUMENT_FORMAT_PLAIN);
  g_assert_cmpint (lectern_document_format_for_name ("md"), ==, LECTERN_DOCUMENT_FORMAT_PLAIN);
  g_assert_cmpint (lectern_document_format_for_name ("README"), ==, LECTERN_DOCUMENT_FORMAT_PLAIN);
}

static void
test_file_format_by_name (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autofree char *md_path = lectern_test_write_file (fixture->dir, "doc.md", "# Head\n\n*x*\n", -1);
  g_autofree char *txt_path = lectern_test_write_file (fixture->dir, "doc.txt", "# Head\n\n*x*\n", -1);
  g_autoptr(LecternDocument) md = NULL;
  g_autoptr(LecternDocument) txt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (md_path, NULL, NULL);
  g_autofree char *id = lectern_document_key_for_uri (uri);

  md = load_path (loader, md_path, &error);
  g_assert_no_error (error);
  txt = load_path (loader, txt_path, &error);
  g_assert_no_error (error);

  g_assert_cmpint (lectern_document_get_format (md), ==, LECTERN_DOCUMENT_FORMAT_MARKDOWN);
  g_assert_cmpstr (lectern_document_get_text (md), ==, "Head\nx");
  g_assert_cmpint (lectern_document_get_format (txt), ==, LECTERN_DOCUMENT_FORMAT_PLAIN);
  g_assert_cmpstr (lectern_document_get_text (txt), ==, "# Head\n*x*");

  g_assert_cmpstr (lectern_document_get_uri (md), ==, uri);
  g_assert_cmpstr (lectern_document_get_id (md), ==, id);
  g_assert_false (lectern_document_is_sample (md));
}

/* Errors */

static void
test_error_not_utf8 (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autofree char *latin1 = lectern_test_write_file (fixture->dir, "latin1.txt", "caf\xE9 cr\xE8me\n", -1);
  g_autofree char *truncated = lectern_test_write_file (fixture->dir, "cut.md", "# \xED\x95", -1);

  assert_load_error (loader, latin1, LECTERN_DOCUMENT_ERROR_NOT_UTF8);
  assert_load_error (loader, truncated, LECTERN_DOCUMENT_ERROR_NOT_UTF8);
}

static void
test_error_binary (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  static const char nul_inside[] = "text\0more text\n";
  static const char png_like[] = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR";
  g_autofree char *a = lectern_test_write_file (fixture->dir, "nul.txt", nul_inside, sizeof nul_inside - 1);
  g_autofree char *b = lectern_test_write_file (fixture->dir, "image.md", png_like, sizeof png_like - 1);

  assert_load_error (loader, a, LECTERN_DOCUMENT_ERROR_BINARY);
  /* NUL bytes win over invalid UTF-8: the file is binary, not mis-encoded. */
  assert_load_error (loader, b, LECTERN_DOCUMENT_ERROR_BINARY);
}

static void
test_error_too_large (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autofree char *fits = lectern_test_write_file (fixture->dir, "fits.txt", "0123456789abcdef", -1);
  g_autofree char *big = lectern_test_write_file (fixture->dir, "big.txt", "0123456789abcdefg", -1);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("0123456789abcdefg", 17);
  g_autoptr(LecternDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  guint64 max_size = 0;

  g_assert_cmpuint (lectern_document_loader_get_max_size (loader), ==, LECTERN_DOCUMENT_DEFAULT_MAX_SIZE);
  g_object_set (loader, "max-size", (guint64)16, NULL);
  g_object_get (loader, "max-size", &max_size, NULL);
  g_assert_cmpuint (max_size, ==, 16);
  g_assert_cmpuint (lectern_document_loader_get_max_size (loader), ==, 16);

  /* The limit is inclusive. */
  document = load_path (loader, fits, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lectern_document_get_text (document), ==, "0123456789abcdef");
  g_clear_object (&document);

  assert_load_error (loader, big, LECTERN_DOCUMENT_ERROR_TOO_LARGE);

  /* Contents already in memory are held to the same limit. */
  document = lectern_document_loader_load_bytes (loader, bytes, "file:///x/mem.txt", "mem.txt",
                                                 LECTERN_DOCUMENT_FORMAT_PLAIN, &error);
  g_assert_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_TOO_LARGE);
  g_assert_null (document);
  assert_contains (error->message, "mem.txt");
  g_clear_error (&error);

  lectern_document_loader_set_max_size (loader, 17);
  document = load_path (loader, big, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
}

static void
test_error_unreadable (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autofree char *path = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root can read any file");
      return;
    }

  path = lectern_test_write_file (fixture->dir, "secret.txt", "private\n", -1);
  g_assert_cmpint (g_chmod (path, 0000), ==, 0);
  assert_load_error (loader, path, LECTERN_DOCUMENT_ERROR_UNREADABLE);
  g_chmod (path, 0600);
}

static void
test_error_read_fails (void)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  const char *path = "/proc/self/mem";

  /* A regular file whose read fails (even for root): reading at address 0
   * of the process's own memory gives EIO. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("/proc/self/mem not available");
      return;
    }

  assert_load_error (loader, path, LECTERN_DOCUMENT_ERROR_UNREADABLE);
}

static void
test_error_directory (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "folder.md", NULL);

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  assert_load_error (loader, path, LECTERN_DOCUMENT_ERROR_NOT_REGULAR);
}

static void
test_error_missing (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "gone.txt", NULL);
  g_autofree char *in_missing_dir = g_build_filename (fixture->dir, "no", "such.md", NULL);

  assert_load_error (loader, path, LECTERN_DOCUMENT_ERROR_UNREADABLE);
  assert_load_error (loader, in_missing_dir, LECTERN_DOCUMENT_ERROR_UNREADABLE);
}

static void
test_error_async (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autofree char *path = lectern_test_write_file (fixture->dir, "bad.txt", "\xFF\xFE", 2);
  g_autofree char *missing_path = g_build_filename (fixture->dir, "missing.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(LecternDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = load_async (loader, file, NULL, FALSE, &error);
  g_assert_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_NOT_UTF8);
  g_assert_null (document);
  assert_contains (error->message, "bad.txt");
  g_clear_error (&error);

  document = load_async (loader, missing, NULL, FALSE, &error);
  g_assert_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_UNREADABLE);
  g_assert_null (document);
  assert_contains (error->message, "missing.txt");
}

/* Offsets */

static void
test_offsets_are_characters (void)
{
  g_autoptr(LecternDocument) document = NULL;
  const char *text;
  const char *p;
  guint length;
  const LecternStyleRun *run;

  document = load_markdown ("# 동맹 70주년 🎉\n"
                            "\n"
                            "한국어 **굵게 😀** 그리고 *기울임* `코드🙂` [링크 🔗](https://example.kr/) 끝\n"
                            "\n"
                            "- 항목 🇰🇷 하나\n"
                            "\n"
                            "각주<sup>1</sup> 🙂\n");
  text = lectern_document_get_text (document);
  length = lectern_document_get_length (document);

  /* Characters, not bytes: the heading is 9 code points in 20 bytes. */
  assert_block (document, 0, LECTERN_BLOCK_HEADING, 1, "동맹 70주년 🎉");
  g_assert_cmpuint (get_block (document, 0)->end, ==, 9);
  g_assert_cmpuint (get_block (document, 1)->start, ==, 10);
  g_assert_cmpuint (lectern_document_get_text_bytes (document), >, length);
  g_assert_cmpuint (length, ==, g_utf8_strlen (text, -1));

  assert_block (document, 1, LECTERN_BLOCK_PARAGRAPH, 0,
                "한국어 굵게 😀 그리고 기울임 코드🙂 링크 🔗 끝");
  assert_block (document, 2, LECTERN_BLOCK_LIST_ITEM, 1, "\u2022 항목 🇰🇷 하나");
  assert_block (document, 3, LECTERN_BLOCK_PARAGRAPH, 0, "각주1 🙂");
  g_assert_cmpuint (get_block (document, 1)->start, ==, offset_of (document, "한국어"));
  g_assert_cmpuint (get_block (document, 3)->start, ==, offset_of (document, "각주"));

  assert_run_over (document, LECTERN_STYLE_BOLD, "굵게 😀");
  assert_run_over (document, LECTERN_STYLE_ITALIC, "기울임");
  assert_run_over (document, LECTERN_STYLE_CODE, "코드🙂");
  assert_run_over (document, LECTERN_STYLE_SUPERSCRIPT, "1");
  run = find_run_over (document, LECTERN_STYLE_LINK, "링크 🔗");
  g_assert_nonnull (run);
  g_assert_cmpstr (run->href, ==, "https://example.kr/");

  /* offset_to_pointer and dup_slice agree with GLib's own UTF-8 walking. */
  p = text;
  for (guint i = 0; i <= length; i++)
    {
      g_assert_true (lectern_document_offset_to_pointer (document, i) == p);
      g_assert_true (g_utf8_offset_to_pointer (text, i) == p);
      if (*p != 0)
        p = g_utf8_next_char (p);
    }
  g_assert_cmpint (*lectern_document_offset_to_pointer (document, length), ==, 0);
  g_assert_true (lectern_document_offset_to_pointer (document, length + 10) == text + strlen (text));

  for (guint start = 0; start <= length; start += 3)
    for (guint end = start; end <= length; end += 5)
      {
        g_autofree char *slice = lectern_document_dup_slice (document, start, end);
        const char *from = g_utf8_offset_to_pointer (text, start);
        g_autofree char *expected = g_strndup (from, g_utf8_offset_to_pointer (text, end) - from);

        g_assert_cmpstr (slice, ==, expected);
        g_assert_cmpuint (g_utf8_strlen (slice, -1), ==, end - start);
      }

  /* find_block answers in the same unit. */
  g_assert_true (lectern_document_find_block (document, 0) == get_block (document, 0));
  g_assert_true (lectern_document_find_block (document, 8) == get_block (document, 0));
  g_assert_true (lectern_document_find_block (document, 10) == get_block (document, 1));
  g_assert_true (lectern_document_find_block (document, offset_of (document, "😀")) == get_block (document, 1));
  g_assert_true (lectern_document_find_block (document, length) == get_block (document, 3));
}

static void
test_offsets_long_text (void)
{
  g_autoptr(GString) source = g_string_new (NULL);
  g_autoptr(LecternDocument) document = NULL;
  const char *text;
  const char *p;
  guint length;

  /* Long enough to cross several of the document's offset checkpoints. */
  for (guint i = 0; i < 400; i++)
    g_string_append_printf (source, "줄 %u 😀 é%s", i, i % 7 == 6 ? "\n\n" : " ");
  document = load_plain (source->str);
  text = lectern_document_get_text (document);
  length = lectern_document_get_length (document);
  g_assert_cmpuint (length, >, 3 * 1024);

  p = text;
  for (guint i = 0; i <= length; i++)
    {
      g_assert_true (lectern_document_offset_to_pointer (document, i) == p);
      if (*p != 0)
        p = g_utf8_next_char (p);
    }

  for (guint i = 0; i + 40 <= length; i += 997)
    {
      g_autofree char *slice = lectern_document_dup_slice (document, i, i + 40);
      g_assert_cmpuint (g_utf8_strlen (slice, -1), ==, 40);
      g_assert_true (strncmp (slice, g_utf8_offset_to_pointer (text, i), strlen (slice)) == 0);
    }
}

/* Async */

static void
test_async_same_as_sync (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autofree char *path = lectern_test_write_file (fixture->dir, "rich.md", rich_markdown, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LecternDocument) sync_doc = NULL;
  g_autoptr(LecternDocument) async_doc = NULL;
  g_autoptr(GError) error = NULL;

  sync_doc = lectern_document_loader_load_file (loader, file, NULL, &error);
  g_assert_no_error (error);
  async_doc = load_async (loader, file, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (async_doc);
  g_assert_true (async_doc != sync_doc);

  assert_model_valid (async_doc);
  assert_same_document (sync_doc, async_doc);
  g_assert_cmpstr (lectern_document_get_title (async_doc), ==, "Title");
  g_assert_cmpuint (count_blocks (async_doc, LECTERN_BLOCK_FOOTNOTE), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&async_doc));
  g_assert_finalize_object (g_steal_pointer (&sync_doc));
}

static void
test_async_cancelled (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autofree char *path = lectern_test_write_file (fixture->dir, "rich.md", rich_markdown, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) before = g_cancellable_new ();
  g_autoptr(GCancellable) after = g_cancellable_new ();
  g_autoptr(LecternDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancelled before the load starts. */
  g_cancellable_cancel (before);
  document = load_async (loader, file, before, FALSE, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (document);
  g_clear_error (&error);

  /* Cancelled while the worker may already be running. */
  document = load_async (loader, file, after, TRUE, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (document);
}

/* The real study articles */

static char *
find_corpus_dir (void)
{
  const char *shared = g_getenv ("LECTERN_SHARED_DIR");
  g_autofree char *dir = NULL;

  if (shared == NULL)
    return NULL;

  dir = g_build_filename (shared, "corpus", NULL);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return NULL;

  return g_steal_pointer (&dir);
}

/* The paper is Markdown by its name, or by its content when it was
 * saved with a .txt name: ATX headings and <sup> footnote markers. */
static gboolean
looks_like_markdown (const char *name,
                     const char *contents)
{
  if (lectern_document_format_for_name (name) == LECTERN_DOCUMENT_FORMAT_MARKDOWN)
    return TRUE;

  return strstr (contents, "<sup>") != NULL &&
         (g_str_has_prefix (contents, "# ") || strstr (contents, "\n# ") != NULL ||
          strstr (contents, "\n## ") != NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* The first file of the corpus in the wanted format, loaded in it. */
static LecternDocument *
load_corpus_document (gboolean   markdown,
                      char     **out_source)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autofree char *dir = find_corpus_dir ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) gdir = NULL;
  const char *name;

  if (dir == NULL)
    {
      g_test_skip ("$LECTERN_SHARED_DIR/corpus not found");
      return NULL;
    }

  gdir = g_dir_open (dir, 0, NULL);
  while (gdir != NULL && (name = g_dir_read_name (gdir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *basename = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, basename, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *uri = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      LecternDocument *document;
      gsize len;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
          !g_file_get_contents (path, &contents, &len, NULL) ||
          looks_like_markdown (basename, contents) != markdown)
        continue;

      uri = g_filename_to_uri (path, NULL, &error);
      g_assert_no_error (error);
      bytes = g_bytes_new (contents, len);
      document = lectern_document_loader_load_bytes (loader, bytes, uri, basename,
                                                     markdown ? LECTERN_DOCUMENT_FORMAT_MARKDOWN
                                                              : LECTERN_DOCUMENT_FORMAT_PLAIN,
                                                     &error);
      g_assert_no_error (error);
      g_assert_nonnull (document);
      assert_model_valid (document);
      g_test_message ("corpus file %s: %u characters", basename, lectern_document_get_length (document));

      if (out_source != NULL)
        *out_source = g_steal_pointer (&contents);
      return document;
    }

  g_test_skip (markdown ? "no Markdown paper in $LECTERN_SHARED_DIR/corpus"
                        : "no plain-text article in $LECTERN_SHARED_DIR/corpus");
  return NULL;
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

static gboolean
block_starts_with_run (LecternDocument    *document,
                       const LecternBlock *block,
                       LecternStyle        style)
{
  guint n_runs;
  const LecternStyleRun *runs = lectern_document_get_runs (document, &n_runs);

  for (guint i = 0; i < n_runs; i++)
    if (runs[i].style == style && runs[i].start == block->start)
      return TRUE;

  return FALSE;
}

static void
test_corpus_markdown_paper (void)
{
  g_autofree char *source = NULL;
  g_autoptr(LecternDocument) document = load_corpus_document (TRUE, &source);
  const LecternBlock *blocks;
  const LecternStyleRun *runs;
  const LecternBlock *title_block = NULL;
  g_autofree char *title_text = NULL;
  guint n_blocks, n_runs, n_sup = 0;
  guint levels_seen = 0;
  guint n_levels = 0;
  const char *text;

  if (document == NULL)
    return;

  text = lectern_document_get_text (document);
  g_assert_cmpint (lectern_document_get_format (document), ==, LECTERN_DOCUMENT_FORMAT_MARKDOWN);
  g_assert_cmpuint (lectern_document_get_length (document), >, 10000);

  /* No markup survives into the rendered text. */
  assert_not_contains (text, "<sup>");
  assert_not_contains (text, "</sup>");
  assert_not_contains (text, "\\$");
  assert_not_contains (text, "&amp;");
  assert_not_contains (text, "**");
  assert_not_contains (text, "\n#");
  if (strstr (source, "\\$") != NULL)
    assert_contains (text, "$");

  /* Several headings of several levels; the title is the first level-1 one. */
  blocks = lectern_document_get_blocks (document, &n_blocks);
  g_assert_cmpuint (n_blocks, >, 30);
  for (guint i = 0; i < n_blocks; i++)
    {
      if (blocks[i].kind != LECTERN_BLOCK_HEADING)
        continue;
      g_assert_cmpuint (blocks[i].level, >=, 1);
      g_assert_cmpuint (blocks[i].level, <=, 6);
      levels_seen |= 1u << blocks[i].level;
      if (title_block == NULL && blocks[i].level == 1)
        title_block = &blocks[i];
    }
  g_assert_cmpuint (count_blocks (document, LECTERN_BLOCK_HEADING), >=, 8);
  for (guint level = 1; level <= 6; level++)
    n_levels += (levels_seen >> level) & 1;
  g_assert_cmpuint (g_bit_nth_lsf (levels_seen, -1), ==, 1);
  g_assert_cmpuint (n_levels, >=, 3);
  g_assert_cmpuint (count_blocks (document, LECTERN_BLOCK_PARAGRAPH), >, 20);

  g_assert_nonnull (title_block);
  title_text = lectern_document_dup_slice (document, title_block->start, title_block->end);
  g_assert_cmpstr (lectern_document_get_title (document), ==, title_text);
  g_assert_cmpuint (strlen (title_text), >, 10);
  assert_not_contains (title_text, "#");
  assert_not_contains (title_text, "<");

  /* Every <sup> of the source is a short superscript run. */
  runs = lectern_document_get_runs (document, &n_runs);
  for (guint i = 0; i < n_runs; i++)
    {
      if (runs[i].style != LECTERN_STYLE_SUPERSCRIPT)
        continue;
      n_sup++;
      g_assert_cmpuint (runs[i].end - runs[i].start, <=, 4);
    }
  g_assert_cmpuint (n_sup, >=, 5);
  g_assert_cmpuint (n_sup, ==, count_occurrences (source, "<sup>"));

  /* Footnotes are blocks that open with their marker; list items with theirs. */
  g_assert_cmpuint (count_blocks (document, LECTERN_BLOCK_FOOTNOTE), >=, 2);
  for (guint i = 0; i < n_blocks; i++)
    {
      if (blocks[i].kind == LECTERN_BLOCK_FOOTNOTE)
        g_assert_true (block_starts_with_run (document, &blocks[i], LECTERN_STYLE_SUPERSCRIPT));
      if (blocks[i].kind == LECTERN_BLOCK_LIST_ITEM)
        g_assert_true (block_starts_with_run (document, &blocks[i], LECTERN_STYLE_LIST_MARKER));
    }
}

static void
test_corpus_plain_article (void)
{
  g_autofree char *source = NULL;
  g_autoptr(LecternDocument) document = load_corpus_document (FALSE, &source);
  const LecternBlock *blocks;
  g_autofree char *first = NULL;
  guint n_blocks, n_runs;
  const char *text;

  if (document == NULL)
    return;

  text = lectern_document_get_text (document);
  g_assert_cmpint (lectern_document_get_format (document), ==, LECTERN_DOCUMENT_FORMAT_PLAIN);
  g_assert_cmpuint (lectern_document_get_length (document), >, 2000);
  g_assert_cmpuint (lectern_document_get_length (document), <=, g_utf8_strlen (source, -1));
  assert_not_contains (text, "\r");

  /* Several paragraphs, one of the first (short) the title: the
   * headline, not the masthead above it (issue 15). */
  blocks = lectern_document_get_blocks (document, &n_blocks);
  g_assert_cmpuint (n_blocks, >, 10);
  g_assert_cmpuint (count_blocks (document, LECTERN_BLOCK_HEADING), ==, 1);
  for (guint i = 0; i < 3 && first == NULL; i++)
    if (blocks[i].kind == LECTERN_BLOCK_HEADING)
      first = lectern_document_dup_slice (document, blocks[i].start, blocks[i].end);
  g_assert_nonnull (first);
  g_assert_cmpstr (lectern_document_get_title (document), ==, first);
  g_assert_cmpstr (first, !=, "The Korea Herald");
  g_assert_nonnull (strstr (first, "alliance 70 years"));
  g_assert_cmpuint (g_utf8_strlen (first, -1), <=, 150);
  g_assert_cmpuint (count_blocks (document, LECTERN_BLOCK_PARAGRAPH), ==, n_blocks - 1);

  /* Lines are joined: no block holds a newline, and no block is blank. */
  for (guint i = 0; i < n_blocks; i++)
    {
      g_autofree char *slice = lectern_document_dup_slice (document, blocks[i].start, blocks[i].end);

      assert_not_contains (slice, "\n");
      g_assert_false (g_ascii_isspace (slice[0]));
    }
  lectern_document_get_runs (document, &n_runs);
  g_assert_cmpuint (n_runs, ==, 0);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, lectern_test_dir_set_up, func, lectern_test_dir_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document-loader/markdown/headings", test_markdown_headings);
  g_test_add_func ("/document-loader/markdown/title", test_markdown_title);
  g_test_add_func ("/document-loader/markdown/paragraphs", test_markdown_paragraphs);
  g_test_add_func ("/document-loader/markdown/emphasis", test_markdown_emphasis);
  g_test_add_func ("/document-loader/markdown/lists", test_markdown_lists);
  g_test_add_func ("/document-loader/markdown/list-opening-with-list", test_markdown_list_opening_with_list);
  g_test_add_func ("/document-loader/markdown/task-list", test_markdown_task_list);
  g_test_add_func ("/document-loader/markdown/block-quotes", test_markdown_block_quotes);
  g_test_add_func ("/document-loader/markdown/code-span", test_markdown_code_span);
  g_test_add_func ("/document-loader/markdown/code-block", test_markdown_code_block);
  g_test_add_func ("/document-loader/markdown/links", test_markdown_links);
  g_test_add_func ("/document-loader/markdown/rule", test_markdown_rule);
  g_test_add_func ("/document-loader/markdown/superscript", test_markdown_superscript);
  g_test_add_func ("/document-loader/markdown/escapes", test_markdown_escapes);
  g_test_add_func ("/document-loader/markdown/entities", test_markdown_entities);
  g_test_add_func ("/document-loader/markdown/empty", test_markdown_empty);
  g_test_add_func ("/document-loader/plain/paragraphs", test_plain_paragraphs);
  g_test_add_func ("/document-loader/plain/title-fallback", test_plain_title_fallback);
  g_test_add_func ("/document-loader/plain/newlines", test_plain_newlines);
  g_test_add_func ("/document-loader/plain/bom", test_plain_bom);
  ADD ("/document-loader/plain/empty-file", test_plain_empty);
  g_test_add_func ("/document-loader/plain/whitespace-only", test_plain_whitespace_only);
  g_test_add_func ("/document-loader/format-for-name", test_format_for_name);
  ADD ("/document-loader/file-format-by-name", test_file_format_by_name);
  ADD ("/document-loader/error/not-utf8", test_error_not_utf8);
  ADD ("/document-loader/error/binary", test_error_binary);
  ADD ("/document-loader/error/too-large", test_error_too_large);
  ADD ("/document-loader/error/unreadable", test_error_unreadable);
  g_test_add_func ("/document-loader/error/read-fails", test_error_read_fails);
  ADD ("/document-loader/error/directory", test_error_directory);
  ADD ("/document-loader/error/missing", test_error_missing);
  ADD ("/document-loader/error/async", test_error_async);
  g_test_add_func ("/document-loader/offsets/characters", test_offsets_are_characters);
  g_test_add_func ("/document-loader/offsets/long-text", test_offsets_long_text);
  ADD ("/document-loader/async/same-as-sync", test_async_same_as_sync);
  ADD ("/document-loader/async/cancelled", test_async_cancelled);
  g_test_add_func ("/document-loader/corpus/markdown-paper", test_corpus_markdown_paper);
  g_test_add_func ("/document-loader/corpus/plain-article", test_corpus_plain_article);

  return g_test_run ();
}
