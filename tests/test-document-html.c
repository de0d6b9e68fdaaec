/* test-document-html.c: web pages into documents, main content and safety
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lectern-core.h"

#define URI "file:///tmp/page.html"

static LecternDocument *
load_html_len (const char  *html,
               gsize        len,
               GError     **error)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (html, len);

  return lectern_document_loader_load_bytes (loader, bytes, URI, "page.html",
                                             LECTERN_DOCUMENT_FORMAT_HTML, error);
}

static LecternDocument *
load_html (const char *html)
{
  g_autoptr(GError) error = NULL;
  LecternDocument *document = load_html_len (html, strlen (html), &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static gboolean
has_run (LecternDocument *document,
         LecternStyle     style,
         const char      *text)
{
  const char *all = lectern_document_get_text (document);
  const char *at = strstr (all, text);
  guint n_runs;
  const LecternStyleRun *runs = lectern_document_get_runs (document, &n_runs);
  guint start;

  g_assert_nonnull (at);
  start = g_utf8_pointer_to_offset (all, at);
  for (guint i = 0; i < n_runs; i++)
    if (runs[i].style == style && runs[i].start == start &&
        runs[i].end == start + g_utf8_strlen (text, -1))
      return TRUE;

  return FALSE;
}

static void
test_blocks_and_styles (void)
{
  g_autoptr(LecternDocument) document = load_html (
    "<html><head><title>T</title></head><body>"
    "<h2>Part <em>one</em></h2>"
    "<div class=\"para\">A  <strong>bold</strong>\n word, 70<sup>th</sup>, H<sub>2</sub>O, "
    "<code>ls -l</code> and <a href=\"https://example.org/\">a link</a>.</div>"
    "<pre>line 1\n  line 2</pre>"
    "<ol start=\"3\"><li>three</li><li>four</li></ol>"
    "<blockquote><p>quoted</p></blockquote>"
    "<p><img src=\"x.png\" alt=\"A diagram\"> after</p>"
    "</body></html>");
  guint n;
  const LecternBlock *blocks = lectern_document_get_blocks (document, &n);

  g_assert_cmpstr (lectern_document_get_text (document), ==,
                   "Part one\n"
                   "A bold word, 70th, H2O, ls -l and a link.\n"
                   "line 1\n  line 2\n"
                   "3. three\n4. four\n"
                   "quoted\n"
                   "A diagram after");
  g_assert_cmpuint (n, ==, 7);
  g_assert_cmpint (blocks[0].kind, ==, LECTERN_BLOCK_HEADING);
  g_assert_cmpuint (blocks[0].level, ==, 2);
  g_assert_cmpint (blocks[1].kind, ==, LECTERN_BLOCK_PARAGRAPH);
  g_assert_cmpint (blocks[2].kind, ==, LECTERN_BLOCK_CODE);
  g_assert_cmpint (blocks[3].kind, ==, LECTERN_BLOCK_LIST_ITEM);
  g_assert_cmpuint (blocks[3].list_number, ==, 3);
  g_assert_cmpint (blocks[5].kind, ==, LECTERN_BLOCK_QUOTE);
  g_assert_true (has_run (document, LECTERN_STYLE_ITALIC, "one"));
  g_assert_true (has_run (document, LECTERN_STYLE_BOLD, "bold"));
  g_assert_true (has_run (document, LECTERN_STYLE_SUPERSCRIPT, "th"));
  g_assert_true (has_run (document, LECTERN_STYLE_SUBSCRIPT, "2"));
  g_assert_true (has_run (document, LECTERN_STYLE_CODE, "ls -l"));
  g_assert_true (has_run (document, LECTERN_STYLE_LINK, "a link"));
}

static void
test_table_rows (void)
{
  g_autoptr(LecternDocument) document = load_html (
    "<body><table><tr><th>Key</th><th>Action</th></tr>"
    "<tr><td>F1</td><td>help</td></tr></table></body>");

  g_assert_cmpstr (lectern_document_get_text (document), ==, "Key\tAction\nF1\thelp");
}

static void
test_title_sources (void)
{
  g_autoptr(LecternDocument) og = load_html (
    "<head><meta property=\"og:title\" content=\"From OG\"><title>Site | X</title></head>"
    "<body><h1>Heading</h1><p>text</p></body>");
  g_autoptr(LecternDocument) h1 = load_html (
    "<head><title>Site | X</title></head><body><h1>Heading</h1><p>text</p></body>");
  g_autoptr(LecternDocument) title = load_html (
    "<head><title>Only title</title></head><body><p>text</p></body>");

  g_assert_cmpstr (lectern_document_get_title (og), ==, "From OG");
  g_assert_cmpstr (lectern_document_get_title (h1), ==, "Heading");
  g_assert_cmpstr (lectern_document_get_title (title), ==, "Only title");
}

/* A page in a legacy encoding names it; the text comes out as UTF-8. */
static void
test_declared_charset (void)
{
  const char latin1[] = "<html><head><meta charset=\"iso-8859-1\"></head>"
                        "<body><p>caf\xE9 na\xEFve</p></body></html>";
  const char euc_kr[] = "<html><head><meta http-equiv=\"Content-Type\" "
                        "content=\"text/html; charset=euc-kr\"></head>"
                        "<body><p>\xC7\xD1\xB1\xB9</p></body></html>";
  g_autoptr(LecternDocument) a = load_html (latin1);
  g_autoptr(LecternDocument) b = load_html (euc_kr);

  g_assert_cmpstr (lectern_document_get_text (a), ==, "café naïve");
  g_assert_cmpstr (lectern_document_get_text (b), ==, "한국");
}

/* Entities declared in a doctype are not expanded (HTML has none), and
 * nothing named by SYSTEM is fetched: the load is quick and empty of them. */
static void
test_billion_laughs (void)
{
  g_autoptr(GString) html = g_string_new ("<!DOCTYPE html [\n<!ENTITY lol \"lol\">\n");
  g_autoptr(LecternDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 1; i < 10; i++)
    g_string_append_printf (html, "<!ENTITY lol%u \"&lol%u;&lol%u;&lol%u;&lol%u;&lol%u;"
                                  "&lol%u;&lol%u;&lol%u;&lol%u;&lol%u;\">\n",
                            i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
  g_string_append (html, "<!ENTITY ext SYSTEM \"http://127.0.0.1:9/secret\">\n]>\n"
                         "<html><body><p>&lol9; &ext; end</p></body></html>");

  document = load_html_len (html->str, html->len, &error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  if (document != NULL)
    {
      g_assert_cmpuint (lectern_document_get_length (document), <, 4096);
      g_assert_null (strstr (lectern_document_get_text (document), "lollol"));
    }
  else
    g_assert_nonnull (error);
}

static void
test_too_large (void)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GString) html = g_string_new ("<html><body>");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  LecternDocument *document;

  while (html->len < 8192)
    g_string_append (html, "<p>a paragraph of text</p>");
  bytes = g_bytes_new (html->str, html->len);
  lectern_document_loader_set_max_size (loader, 4096);
  document = lectern_document_loader_load_bytes (loader, bytes, URI, "page.html",
                                                 LECTERN_DOCUMENT_FORMAT_HTML, &error);
  g_assert_null (document);
  g_assert_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "page.html"));
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) html = g_string_new ("<html><body>");
  g_autoptr(LecternDocument) document = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (html, "<div><span>");
  g_string_append (html, "deep");
  document = load_html (html->str);
  g_assert_nonnull (document);
}

/* Ground truth ------------------------------------------------------------ */

typedef struct
{
  guint content;
  guint content_found;
  guint furniture;
  guint furniture_found;
} Tally;

static GRegex *
nbsp_regex (void)
{
  static GRegex *regex;

  if (regex == NULL)
    regex = g_regex_new ("\u00A0", 0, 0, NULL);
  return regex;
}

static void
check_truth (const char *truth_path,
             Tally      *tally)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(LecternDocument) document = NULL;
  g_autofree char *page = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (truth_path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "page: "))
      page = g_path_is_absolute (lines[i] + 6)
               ? g_strdup (lines[i] + 6)
               : g_test_build_filename (G_TEST_DIST, "html-truth", lines[i] + 6, NULL);
    else if (g_str_has_prefix (lines[i], "title: "))
      title = g_strdup (lines[i] + 7);

  g_assert_nonnull (page);
  if (!g_file_test (page, G_FILE_TEST_IS_REGULAR))
    {
      g_test_message ("SKIP %s: %s is not installed", truth_path, page);
      return;
    }

  file = g_file_new_for_path (page);
  document = lectern_document_loader_load_file (loader, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lectern_document_get_format (document), ==, LECTERN_DOCUMENT_FORMAT_HTML);
  g_assert_cmpstr (lectern_document_get_title (document), ==, title);
  /* Truth is written with plain spaces; pages use no-break ones in numbers. */
  text = g_regex_replace_literal (nbsp_regex (), lectern_document_get_text (document), -1, 0, " ", 0, NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gboolean found = lines[i][0] != 0 && strstr (text, lines[i] + 2) != NULL;

      if (g_str_has_prefix (lines[i], "+ "))
        {
          tally->content++;
          tally->content_found += found;
          if (!found)
            g_test_message ("%s: content missing: %s", page, lines[i] + 2);
        }
      else if (g_str_has_prefix (lines[i], "- "))
        {
          tally->furniture++;
          tally->furniture_found += found;
          if (found)
            g_test_message ("%s: furniture kept: %s", page, lines[i] + 2);
        }
    }
}

static void
test_main_content_truth (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "html-truth", NULL);
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  Tally tally = { 0 };
  const char *name;

  g_assert_nonnull (gdir);
  while ((name = g_dir_read_name (gdir)) != NULL)
    if (g_str_has_suffix (name, ".truth"))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        check_truth (path, &tally);
      }

  g_test_message ("main content: %u/%u content lines kept, %u/%u furniture lines kept",
                  tally.content_found, tally.content, tally.furniture_found, tally.furniture);
  g_assert_cmpuint (tally.content, >, 0);
  g_assert_cmpuint (tally.furniture_found, ==, 0);
  g_assert_cmpuint (tally.content_found * 100, >=, tally.content * 95);
}

static void
test_byline (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "html-truth", "news-article.html", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LecternDocument) document = lectern_document_loader_load_file (loader, file, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (lectern_document_get_author (document), ==, "Jane Writer");
  g_assert_cmpstr (lectern_document_get_date (document), ==, "2023-10-05T05:31:00+09:00");
  g_assert_null (strstr (lectern_document_get_text (document), "injected"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document-html/blocks-and-styles", test_blocks_and_styles);
  g_test_add_func ("/document-html/table-rows", test_table_rows);
  g_test_add_func ("/document-html/title-sources", test_title_sources);
  g_test_add_func ("/document-html/byline", test_byline);
  g_test_add_func ("/document-html/declared-charset", test_declared_charset);
  g_test_add_func ("/document-html/safety/billion-laughs", test_billion_laughs);
  g_test_add_func ("/document-html/safety/too-large", test_too_large);
  g_test_add_func ("/document-html/safety/deep-nesting", test_deep_nesting);
  g_test_add_func ("/document-html/main-content-truth", test_main_content_truth);

  return g_test_run ();
}
