/* test-document-pdf.c: PDFs rebuilt into paragraphs, with their pages
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "lectern-core.h"

#define DEBIAN_REFERENCE_PDF "/usr/share/debian-reference/debian-reference.en.pdf"

static LecternDocument *
load_pdf (const char  *path,
          GError     **error)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return lectern_document_loader_load_file (loader, file, NULL, error);
}

static LecternDocument *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "pdf", name, NULL);
  g_autoptr(GError) error = NULL;
  LecternDocument *document = load_pdf (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

static char *
block_text (LecternDocument    *document,
            const LecternBlock *block)
{
  return lectern_document_dup_slice (document, block->start, block->end);
}

/* The index of the first block that begins with @prefix, or -1. */
static int
find_block (LecternDocument *document,
            const char      *prefix)
{
  guint n_blocks;
  const LecternBlock *blocks = lectern_document_get_blocks (document, &n_blocks);

  for (guint i = 0; i < n_blocks; i++)
    {
      g_autofree char *text = block_text (document, &blocks[i]);

      if (g_str_has_prefix (text, prefix))
        return i;
    }

  return -1;
}

static void
test_two_columns (void)
{
  g_autoptr(LecternDocument) document = load_fixture ("two-column.pdf");
  const char *text = lectern_document_get_text (document);
  const LecternBlock *blocks;
  guint n_blocks;
  int heading, first, second, margin, highlights, comparing;

  blocks = lectern_document_get_blocks (document, &n_blocks);
  g_assert_cmpint (lectern_document_get_format (document), ==, LECTERN_DOCUMENT_FORMAT_PDF);
  g_assert_cmpstr (lectern_document_get_title (document), ==, "Slow Reading");

  heading = find_block (document, "Slow Reading");
  first = find_block (document, "Reading slowly is a skill");
  margin = find_block (document, "A margin note is a conversation");
  highlights = find_block (document, "Highlights fade in meaning");
  comparing = find_block (document, "Comparing two accounts");
  second = find_block (document, "Second readings are faster");
  g_assert_cmpint (heading, ==, 0);
  g_assert_cmpint (blocks[heading].kind, ==, LECTERN_BLOCK_HEADING);
  /* The left column is read before the right one. */
  g_assert_cmpint (first, ==, 1);
  g_assert_cmpint (margin, ==, 2);
  g_assert_cmpint (highlights, ==, 3);
  g_assert_cmpint (comparing, ==, 4);
  g_assert_cmpint (second, ==, 5);

  /* Lines joined, hyphens at line ends undone, a paragraph carried over
   * the page break; the running header and page numbers dropped. */
  g_assert_nonnull (strstr (text, "takes practice. The first pass finds the shape of a chapter; the second"));
  g_assert_nonnull (strstr (text, "conversation with the author, held"));
  g_assert_nonnull (strstr (text, "record of comprehension a reader"));
  g_assert_nonnull (strstr (text, "which is where the interesting disagreements"));
  g_assert_nonnull (strstr (text, "faster and find more, because the map"));
  g_assert_null (strstr (text, "The Reading Journal"));
  for (guint i = 0; i < n_blocks; i++)
    {
      g_autofree char *block = block_text (document, &blocks[i]);

      g_assert_cmpstr (block, !=, "1");
      g_assert_cmpstr (block, !=, "2");
      g_assert_cmpstr (block, !=, "3");
    }

  /* Each block keeps the page it begins on. */
  g_assert_cmpuint (blocks[comparing].page, ==, 1);
  g_assert_cmpuint (blocks[second].page, ==, 2);
  g_assert_cmpuint (blocks[find_block (document, "The last page holds")].page, ==, 3);
}

static void
test_encrypted (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "pdf", "encrypted.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LecternDocument) document = load_pdf (path, &error);

  g_assert_null (document);
  g_assert_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_PROTECTED);
  g_assert_nonnull (strstr (error->message, "encrypted.pdf"));
  g_assert_nonnull (strstr (error->message, "encrypted"));
}

static void
test_no_text (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "pdf", "no-text.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LecternDocument) document = load_pdf (path, &error);

  g_assert_null (document);
  g_assert_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_NO_TEXT);
  g_assert_nonnull (strstr (error->message, "no-text.pdf"));
}

static void
test_corrupt (void)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static ("%PDF-1.4\n1 0 obj << /Type", 25);
  g_autoptr(GError) error = NULL;
  g_autoptr(LecternDocument) document = NULL;

  document = lectern_document_loader_load_bytes (loader, bytes, "file:///tmp/broken.pdf", "broken.pdf",
                                                 LECTERN_DOCUMENT_FORMAT_PDF, &error);
  g_assert_null (document);
  g_assert_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "broken.pdf"));
}

/* Ground truth ---------------------------------------------------------------- */

typedef struct
{
  guint found;
  guint expected;
  guint furniture_left;
  guint joined_missing;
} TruthScore;

static gboolean
block_on_page_starts (LecternDocument *document,
                      guint            page,
                      const char      *prefix,
                      gboolean         whole)
{
  guint n_blocks;
  const LecternBlock *blocks = lectern_document_get_blocks (document, &n_blocks);

  for (guint i = 0; i < n_blocks; i++)
    {
      g_autofree char *text = NULL;

      if (blocks[i].page != page)
        continue;
      text = block_text (document, &blocks[i]);
      if (whole ? strcmp (text, prefix) == 0 : g_str_has_prefix (text, prefix))
        return TRUE;
    }

  return FALSE;
}

static void
score_truth_line (LecternDocument *document,
                  const char      *line,
                  TruthScore      *score)
{
  char kind;
  guint page;
  int consumed = 0;
  const char *rest;

  if (sscanf (line, "%c %u %n", &kind, &page, &consumed) < 2 || consumed == 0)
    return;
  rest = line + consumed;

  if (kind == 'P')
    {
      score->expected++;
      if (block_on_page_starts (document, page, rest, FALSE))
        score->found++;
      else
        g_test_message ("p. %u: no block begins with “%s”", page, rest);
    }
  else if (kind == 'F' && block_on_page_starts (document, page, rest, TRUE))
    {
      score->furniture_left++;
      g_test_message ("p. %u: furniture kept: “%s”", page, rest);
    }
  else if (kind == 'J' && strstr (lectern_document_get_text (document), rest) == NULL)
    score->joined_missing++;
}

/* The paragraph rules against pages read by hand (tests/pdf-truth/). */
static void
test_debian_reference_truth (void)
{
  g_autofree char *truth_path = g_test_build_filename (G_TEST_DIST, "pdf-truth", "debian-reference.truth", NULL);
  g_autofree char *truth = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LecternDocument) document = NULL;
  TruthScore score = { 0 };

  if (!g_file_test (DEBIAN_REFERENCE_PDF, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("debian-reference-en is not installed");
      return;
    }
  document = load_pdf (DEBIAN_REFERENCE_PDF, &error);
  g_assert_no_error (error);
  g_file_get_contents (truth_path, &truth, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (truth, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '#' && lines[i][0] != 0)
      score_truth_line (document, lines[i], &score);

  g_test_message ("paragraph starts found: %u of %u", score.found, score.expected);
  /* The floor: nine in ten true block starts found, no furniture kept,
   * every hyphenated word made whole. */
  g_assert_cmpuint (score.found * 10, >=, score.expected * 9);
  g_assert_cmpuint (score.furniture_left, ==, 0);
  g_assert_cmpuint (score.joined_missing, ==, 0);
  g_assert_nonnull (strstr (lectern_document_get_title (document), "Debian Reference"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document-pdf/two-columns-in-order", test_two_columns);
  g_test_add_func ("/document-pdf/encrypted-named", test_encrypted);
  g_test_add_func ("/document-pdf/no-text-named", test_no_text);
  g_test_add_func ("/document-pdf/corrupt-named", test_corrupt);
  g_test_add_func ("/document-pdf/debian-reference-truth", test_debian_reference_truth);

  return g_test_run ();
}
