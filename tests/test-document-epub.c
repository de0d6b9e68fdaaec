/* test-document-epub.c: EPUB 2 and 3 books, and books that must not open
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lectern-core.h"
#include "lectern-test-zip.h"

static LecternDocument *
load_fixture_with_limit (const char  *name,
                         gsize        max_size,
                         GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "epub", name, NULL);
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);

  if (max_size > 0)
    lectern_document_loader_set_max_size (loader, max_size);

  return lectern_document_loader_load_file (loader, file, NULL, error);
}

static LecternDocument *
load_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  LecternDocument *document = load_fixture_with_limit (name, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

/* A book made in memory: name, contents, name, contents…, NULL. */
static GBytes *
make_epub (const char *first_name,
           ...)
{
  LecternTestZip *zip = lectern_test_zip_new (4 * 1024 * 1024, TRUE);
  const char *name = first_name;
  va_list args;

  va_start (args, first_name);
  while (name != NULL)
    {
      const char *contents = va_arg (args, const char *);

      lectern_test_zip_add (zip, name, contents, strlen (contents));
      name = va_arg (args, const char *);
    }
  va_end (args);

  return lectern_test_zip_finish (zip);
}

static LecternDocument *
load_bytes (GBytes  *bytes,
            GError **error)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();

  return lectern_document_loader_load_bytes (loader, bytes, "file:///tmp/made.epub", "made.epub",
                                             LECTERN_DOCUMENT_FORMAT_EPUB, error);
}

static int
find_block (LecternDocument *document,
            const char      *text)
{
  guint n_blocks;
  const LecternBlock *blocks = lectern_document_get_blocks (document, &n_blocks);

  for (guint i = 0; i < n_blocks; i++)
    {
      g_autofree char *slice = lectern_document_dup_slice (document, blocks[i].start, blocks[i].end);

      if (strcmp (slice, text) == 0)
        return i;
    }

  return -1;
}

static gboolean
has_run (LecternDocument *document,
         LecternStyle     style,
         const char      *text)
{
  guint n_runs;
  const LecternStyleRun *runs = lectern_document_get_runs (document, &n_runs);

  for (guint i = 0; i < n_runs; i++)
    {
      g_autofree char *slice = lectern_document_dup_slice (document, runs[i].start, runs[i].end);

      if (runs[i].style == style && strcmp (slice, text) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_epub3 (void)
{
  g_autoptr(LecternDocument) document = load_fixture ("epub3.epub");
  const LecternBlock *blocks;
  const char *text = lectern_document_get_text (document);
  guint n_blocks;
  int first, margins, note;

  blocks = lectern_document_get_blocks (document, &n_blocks);
  g_assert_cmpint (lectern_document_get_format (document), ==, LECTERN_DOCUMENT_FORMAT_EPUB);
  g_assert_cmpstr (lectern_document_get_title (document), ==, "Notes on Slow Reading");

  /* The spine in order; each chapter opens with a heading, the second
   * (which has none) with its title from the nav document. */
  first = find_block (document, "The First Pass");
  margins = find_block (document, "Margins");
  note = find_block (document, "A margin note is a conversation with the author, held long after the book was printed.");
  g_assert_cmpint (first, ==, 0);
  g_assert_cmpint (blocks[first].kind, ==, LECTERN_BLOCK_HEADING);
  g_assert_cmpint (margins, >, first);
  g_assert_cmpint (blocks[margins].kind, ==, LECTERN_BLOCK_HEADING);
  g_assert_cmpint (note, ==, margins + 1);

  g_assert_cmpint (blocks[find_block (document, "\u2022 Look at the headings.")].kind, ==, LECTERN_BLOCK_LIST_ITEM);
  g_assert_cmpint (blocks[find_block (document, "2. Mark their support.")].list_number, ==, 2);
  g_assert_cmpint (blocks[find_block (document, "A book read twice is two books.")].kind, ==, LECTERN_BLOCK_QUOTE);
  g_assert_cmpint (blocks[find_block (document, "first line\n  second line")].kind, ==, LECTERN_BLOCK_CODE);

  g_assert_true (has_run (document, LECTERN_STYLE_ITALIC, "skill"));
  g_assert_true (has_run (document, LECTERN_STYLE_BOLD, "practice"));
  g_assert_true (has_run (document, LECTERN_STYLE_SUPERSCRIPT, "1"));
  g_assert_true (has_run (document, LECTERN_STYLE_SUBSCRIPT, "2"));
  g_assert_true (has_run (document, LECTERN_STYLE_LINK, "the margins"));
  g_assert_true (has_run (document, LECTERN_STYLE_CODE, "notes.txt"));
  g_assert_nonnull (strstr (text, "A map of the argument"));
  /* No script, no style, no head. */
  g_assert_null (strstr (text, "alert"));
  g_assert_null (strstr (text, "margin: 0"));
}

static void
test_epub2 (void)
{
  g_autoptr(LecternDocument) document = load_fixture ("epub2.epub");
  const LecternBlock *blocks;
  guint n_blocks;

  blocks = lectern_document_get_blocks (document, &n_blocks);
  g_assert_cmpstr (lectern_document_get_title (document), ==, "A Small Handbook of Margins");
  /* The NCX names the first chapter; the second has headings of its own. */
  g_assert_cmpint (find_block (document, "Why Write in Books"), ==, 0);
  g_assert_cmpint (blocks[0].kind, ==, LECTERN_BLOCK_HEADING);
  g_assert_cmpint (find_block (document, "Writing in a book\u00A0is how a reader answers it."), ==, 1);
  g_assert_cmpint (blocks[find_block (document, "A Key for Colours")].level, ==, 3);
  g_assert_cmpint (find_block (document, "Colours That Mean Something"), ==, 3);
}

static void
assert_protected (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LecternDocument) document = load_fixture_with_limit (name, 0, &error);

  g_assert_null (document);
  g_assert_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_PROTECTED);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, "DRM"));
}

static void
test_drm (void)
{
  assert_protected ("drm.epub");
  assert_protected ("rights.epub");
}

static void
test_corrupt (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LecternDocument) document = load_fixture_with_limit ("corrupt.epub", 0, &error);

  g_assert_null (document);
  g_assert_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "corrupt.epub"));
}

static void
test_traversal (void)
{
  g_autoptr(LecternDocument) document = load_fixture ("traversal.epub");

  /* Entries named ../outside.xhtml and /abs.xhtml are never read, and
   * a manifest that points out of the book points at nothing. */
  g_assert_null (strstr (lectern_document_get_text (document), "OUTSIDE THE BOOK"));
  g_assert_cmpint (find_block (document, "The First Pass"), ==, 0);
}

static void
test_zip_bomb (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LecternDocument) document = NULL;

  /* 6 MiB of zeros packed in 8 KB, against a limit of 4 × 1 MiB. */
  document = load_fixture_with_limit ("bomb.epub", 1024 * 1024, &error);
  g_assert_null (document);
  g_assert_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "bomb.epub"));
}

static void
test_too_many_entries (void)
{
  LecternTestZip *zip = lectern_test_zip_new (8 * 1024 * 1024, FALSE);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LecternDocument) document = NULL;

  for (guint i = 0; i < 10050; i++)
    {
      g_autofree char *name = g_strdup_printf ("e%u", i);

      lectern_test_zip_add (zip, name, NULL, 0);
    }
  bytes = lectern_test_zip_finish (zip);

  document = load_bytes (bytes, &error);
  g_assert_null (document);
  g_assert_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_TOO_LARGE);
}

static void
test_billion_laughs (void)
{
  g_autoptr(LecternDocument) document = NULL;
  gint64 begin = g_get_monotonic_time ();

  document = load_fixture ("laughs.epub");
  /* The chapter's entities are never expanded: its text stays small and
   * the load fast. */
  g_assert_cmpuint (lectern_document_get_length (document), <, 10000);
  g_assert_null (strstr (lectern_document_get_text (document), "laugh laugh"));
  g_assert_nonnull (strstr (lectern_document_get_text (document), "Before the laughter."));
  g_assert_cmpint (g_get_monotonic_time () - begin, <, 5 * G_USEC_PER_SEC);
}

static const char container_xml[] =
  "<container xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles>"
  "<rootfile full-path=\"book.opf\"/></rootfiles></container>";
static const char book_opf[] =
  "<package xmlns=\"http://www.idpf.org/2007/opf\"><metadata/><manifest>"
  "<item id=\"c\" href=\"c.xhtml\" media-type=\"application/xhtml+xml\"/></manifest>"
  "<spine><itemref idref=\"c\"/></spine></package>";

/* External entities and DTDs are never read, locally or from the network. */
static void
test_no_external_entities (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LecternDocument) document = NULL;
  g_autofree char *hostname = NULL;

  bytes = make_epub ("META-INF/container.xml", container_xml, "book.opf", book_opf,
                     "c.xhtml",
                     "<?xml version=\"1.0\"?>"
                     "<!DOCTYPE html SYSTEM \"http://127.0.0.1:9/never.dtd\" ["
                     "<!ENTITY local SYSTEM \"file:///etc/passwd\">"
                     "<!ENTITY remote SYSTEM \"http://127.0.0.1:9/x\">]>"
                     "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>"
                     "<p>Start &local; &remote; end.</p></body></html>",
                     NULL);
  document = load_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (lectern_document_get_text (document), "root:"));
  g_assert_nonnull (strstr (lectern_document_get_text (document), "Start"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document-epub/epub3-spine-nav-styles", test_epub3);
  g_test_add_func ("/document-epub/epub2-ncx-entities", test_epub2);
  g_test_add_func ("/document-epub/drm-named", test_drm);
  g_test_add_func ("/document-epub/corrupt-named", test_corrupt);
  g_test_add_func ("/document-epub/traversal-ignored", test_traversal);
  g_test_add_func ("/document-epub/zip-bomb-refused", test_zip_bomb);
  g_test_add_func ("/document-epub/too-many-entries-refused", test_too_many_entries);
  g_test_add_func ("/document-epub/billion-laughs-bounded", test_billion_laughs);
  g_test_add_func ("/document-epub/no-external-entities", test_no_external_entities);

  return g_test_run ();
}
