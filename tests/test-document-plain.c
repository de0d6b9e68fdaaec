/* test-document-plain.c: plain text as people have it, and the source map
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lectern-core.h"

static LecternDocument *
load_plain (const char *text)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  LecternDocument *document;

  document = lectern_document_loader_load_bytes (loader, bytes, "file:///tmp/plain.txt", "plain.txt",
                                                 LECTERN_DOCUMENT_FORMAT_PLAIN, &error);
  g_assert_no_error (error);
  return document;
}

static void
assert_block (LecternDocument *document,
              guint            index,
              const char      *expected)
{
  g_autofree char *text = NULL;
  guint n;
  const LecternBlock *blocks = lectern_document_get_blocks (document, &n);

  g_assert_cmpuint (index, <, n);
  text = lectern_document_dup_slice (document, blocks[index].start, blocks[index].end);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_lines_kept (void)
{
  g_autoptr(LecternDocument) document = load_plain (
    "Notes\n\n"
    "This paragraph was wrapped by hand at about seventy columns, as\n"
    "plain-text files usually are, and reads as one paragraph.\n\n"
    "- first item\n- second item\n\n"
    "1. Intro\n    1.1. Scope\n2. Method\n\n"
    "Name      Size\nfoo       12\n\n"
    "Roses are red,\nviolets are blue,\nthis line is short.\n\n"
    "    # chvt 3\n");

  assert_block (document, 1, "This paragraph was wrapped by hand at about seventy columns, as "
                   "plain-text files usually are, and reads as one paragraph.");
  assert_block (document, 2, "- first item\n- second item");
  assert_block (document, 3, "1. Intro\n    1.1. Scope\n2. Method");
  assert_block (document, 4, "Name      Size\nfoo       12");
  assert_block (document, 5, "Roses are red,\nviolets are blue,\nthis line is short.");
  assert_block (document, 6, "    # chvt 3");
}

static void
test_headline (void)
{
  g_autoptr(LecternDocument) news = load_plain (
    "The Daily Planet\n\n"
    "Alliance at 70: what comes next\n\n"
    "By Jane Writer\n\n"
    "Published : Oct. 5, 2023 - 05:31\n\n"
    "The alliance celebrated its anniversary on October 1, seventy years after the treaty.\n");
  g_autoptr(LecternDocument) plain = load_plain ("A title\n\nSome text that follows it.\n");

  g_assert_cmpstr (lectern_document_get_title (news), ==, "Alliance at 70: what comes next");
  g_assert_cmpstr (lectern_document_get_title (plain), ==, "A title");
}

/* The Debian Reference's own text edition: its contents keep their
 * lines and its commands their indent. */
static void
test_debian_reference_text (void)
{
  const char *gz = "/usr/share/debian-reference/debian-reference.en.txt.gz";
  g_autoptr(GFile) file = g_file_new_for_path (gz);
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GConverter) gunzip = NULL;
  g_autoptr(GInputStream) text = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(LecternDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  const char *all;

  if (!g_file_test (gz, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("debian-reference-en is not installed");
      return;
    }

  in = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  g_assert_no_error (error);
  gunzip = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  text = g_converter_input_stream_new (in, gunzip);
  out = g_memory_output_stream_new_resizable ();
  g_output_stream_splice (out, text, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));

  document = lectern_document_loader_load_bytes (loader, bytes, "file:///tmp/debian-reference.en.txt",
                                                 "debian-reference.en.txt", LECTERN_DOCUMENT_FORMAT_PLAIN,
                                                 &error);
  g_assert_no_error (error);
  all = lectern_document_get_text (document);
  g_assert_cmpstr (lectern_document_get_title (document), ==, "Debian Reference");
  g_assert_nonnull (strstr (all, "1. GNU/Linux tutorials\n    1.1. Console basics\n        1.1.1. The shell prompt\n"));
  /* The book indents with no-break spaces; they are kept as they are. */
  g_assert_nonnull (strstr (all, "\n\u00A0\u00A0\u00A0 # chvt 3\n"));
  g_assert_nonnull (strstr (all, "This book is free; you may redistribute it and/or modify it under the terms"));
}

static char *
collapse_space (const char *text)
{
  g_auto(GStrv) words = g_regex_split_simple ("\\s+", text, 0, 0);
  g_autofree char *joined = g_strjoinv (" ", words);

  return g_strdup (g_strstrip (joined));
}

/* Every passage of the text, mapped to the file, selects the same
 * words in the file itself (line breaks aside), CRLF files included. */
static void
assert_ranges_select_quotes (LecternDocument *document,
                             const char      *raw)
{
  guint n;
  const LecternBlock *blocks = lectern_document_get_blocks (document, &n);
  guint checked = 0;

  for (guint i = 0; i < n; i++)
    for (guint start = blocks[i].start; start + 4 <= blocks[i].end; start += 3)
      {
        guint end = MIN (blocks[i].end, start + 17);
        g_autofree char *quote = lectern_document_dup_slice (document, start, end);
        g_autofree char *in_file = NULL;
        g_autofree char *a = NULL;
        g_autofree char *b = NULL;
        guint from, to;
        guint back_start, back_end;

        if (!lectern_document_get_source_range (document, start, end, &from, &to))
          continue;
        in_file = g_utf8_substring (raw, from, to);
        a = collapse_space (quote);
        b = collapse_space (in_file);
        g_assert_cmpstr (a, ==, b);
        g_assert_true (lectern_document_find_source_range (document, from, to, &back_start, &back_end));
        g_assert_cmpuint (back_start, ==, start);
        g_assert_cmpuint (back_end, ==, end);
        checked++;
      }

  g_assert_cmpuint (checked, >, 20);
}

static void
test_source_map (void)
{
  const char *lf = "Title\n\n\n  This paragraph was wrapped by hand at about seventy columns, as\n"
                   "  plain-text files usually are.  \n\n- one — two\n- three\n";
  g_autofree char *crlf = NULL;
  g_autoptr(LecternDocument) a = load_plain (lf);
  g_autoptr(LecternDocument) b = NULL;
  g_autoptr(GRegex) nl = g_regex_new ("\n", 0, 0, NULL);

  crlf = g_regex_replace_literal (nl, lf, -1, 0, "\r\n", 0, NULL);
  b = load_plain (crlf);
  assert_ranges_select_quotes (a, lf);
  assert_ranges_select_quotes (b, crlf);
}

static void
test_source_map_markdown (void)
{
  const char *md = "# Head\r\n\r\nSome *emphasis* and `code`,\r\nwrapped.\r\n\r\n- a list item\r\n";
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (md, strlen (md));
  g_autoptr(LecternDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  guint from, to;
  const char *text;
  const char *at;

  document = lectern_document_loader_load_bytes (loader, bytes, "file:///tmp/x.md", "x.md",
                                                 LECTERN_DOCUMENT_FORMAT_MARKDOWN, &error);
  g_assert_no_error (error);
  text = lectern_document_get_text (document);
  at = strstr (text, "emphasis");
  g_assert_true (lectern_document_get_source_range (document, g_utf8_pointer_to_offset (text, at),
                                                    g_utf8_pointer_to_offset (text, at) + 8, &from, &to));
  g_assert_cmpuint (from, ==, strstr (md, "emphasis") - md);
  g_assert_cmpuint (to, ==, from + 8);
  at = strstr (text, "a list item");
  g_assert_true (lectern_document_get_source_range (document, g_utf8_pointer_to_offset (text, at),
                                                    g_utf8_pointer_to_offset (text, at) + 11, &from, &to));
  g_assert_cmpuint (from, ==, strstr (md, "a list item") - md);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document-plain/lines-kept", test_lines_kept);
  g_test_add_func ("/document-plain/headline", test_headline);
  g_test_add_func ("/document-plain/debian-reference-text", test_debian_reference_text);
  g_test_add_func ("/document-plain/source-map", test_source_map);
  g_test_add_func ("/document-plain/source-map-markdown", test_source_map_markdown);

  return g_test_run ();
}
