/* test-format-detect.c: formats chosen by content, measured on real files
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The ground truth is tests/format-truth/README.md: which installed
 * files are plain text and which are Markdown, written by looking. */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lectern-core.h"

#define DOC_DIR "/usr/share/doc"

static GBytes *
read_maybe_gzipped (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GOutputStream) out = NULL;

  in = G_INPUT_STREAM (g_file_read (file, NULL, NULL));
  if (in == NULL)
    return NULL;
  if (g_str_has_suffix (path, ".gz"))
    {
      g_autoptr(GConverter) gunzip = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
      GInputStream *converted = g_converter_input_stream_new (in, gunzip);

      g_object_unref (in);
      in = converted;
    }
  out = g_memory_output_stream_new_resizable ();
  if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL) < 0)
    return NULL;

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/* Every file as if it were named "x.txt". */
static LecternDocumentFormat
detect_as_txt (const char *path)
{
  g_autoptr(GBytes) bytes = read_maybe_gzipped (path);
  gsize len = 0;
  const char *data;

  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &len);
  return lectern_document_format_detect ("x.txt", data != NULL ? data : "", len);
}

static void
collect (const char *dir,
         gboolean  (*wanted) (const char *path),
         GPtrArray  *into,
         guint       depth)
{
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  const char *name;

  while (gdir != NULL && depth < 8 && (name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect (path, wanted, into, depth + 1);
      else if (wanted (path))
        g_ptr_array_add (into, g_steal_pointer (&path));
    }
}

static gboolean
is_plain_sample (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  return g_strcmp0 (base, "README.Debian") == 0 ||
         (g_str_has_suffix (path, ".txt") &&
          (strstr (path, "/git/RelNotes/") != NULL || strstr (path, "/util-linux/") != NULL ||
           strstr (path, "/dpkg/spec/") != NULL));
}

static gboolean
is_markdown_name (const char *path)
{
  return g_str_has_suffix (path, ".md") || g_str_has_suffix (path, ".md.gz");
}

static char **
read_truth_list (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "format-truth", name, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != 0 && *lines[i] != '#')
      g_strv_builder_add (kept, lines[i]);

  return g_strv_builder_end (kept);
}

static void
test_no_false_positives (void)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint wrong = 0;

  collect (DOC_DIR, is_plain_sample, files, 0);
  if (files->len == 0)
    {
      g_test_skip ("no plain-text sample under " DOC_DIR);
      return;
    }

  for (guint i = 0; i < files->len; i++)
    if (detect_as_txt (g_ptr_array_index (files, i)) != LECTERN_DOCUMENT_FORMAT_PLAIN)
      {
        g_test_message ("false positive: %s", (char *)g_ptr_array_index (files, i));
        wrong++;
      }

  g_test_message ("plain-text sample: %u files, %u read as Markdown", files->len, wrong);
  g_assert_cmpuint (wrong, ==, 0);
}

static void
test_markdown_detected (void)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) plain = read_truth_list ("plain-md.txt");
  g_auto(GStrv) misses = read_truth_list ("known-misses.txt");
  guint checked = 0;
  guint missed = 0;

  collect (DOC_DIR, is_markdown_name, files, 0);
  if (files->len == 0)
    {
      g_test_skip ("no Markdown files under " DOC_DIR);
      return;
    }

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      const char *relative = path + strlen (DOC_DIR "/");
      gboolean detected = detect_as_txt (path) == LECTERN_DOCUMENT_FORMAT_MARKDOWN;

      if (g_strv_contains ((const char * const *)plain, relative))
        continue;
      checked++;
      if (!detected && !g_strv_contains ((const char * const *)misses, relative))
        {
          g_test_message ("not detected: %s", path);
          missed++;
        }
    }

  g_test_message ("Markdown renamed .txt: %u files, %u missed beyond known-misses.txt",
                  checked, missed);
  g_assert_cmpuint (missed, ==, 0);
}

static char *
find_corpus_file (const char *prefix)
{
  const char *shared = g_getenv ("LECTERN_SHARED_DIR");
  g_autofree char *dir = shared != NULL ? g_build_filename (shared, "corpus", NULL) : NULL;
  g_autoptr(GDir) gdir = dir != NULL ? g_dir_open (dir, 0, NULL) : NULL;
  const char *name;

  while (gdir != NULL && (name = g_dir_read_name (gdir)) != NULL)
    if (g_str_has_prefix (name, prefix))
      return g_build_filename (dir, name, NULL);

  return NULL;
}

static void
test_corpus (void)
{
  g_autofree char *article = find_corpus_file ("000_");
  g_autofree char *paper = find_corpus_file ("003_");

  if (article == NULL || paper == NULL)
    {
      g_test_skip ("corpus not found in $LECTERN_SHARED_DIR");
      return;
    }

  g_assert_cmpint (detect_as_txt (article), ==, LECTERN_DOCUMENT_FORMAT_PLAIN);
  g_assert_cmpint (detect_as_txt (paper), ==, LECTERN_DOCUMENT_FORMAT_MARKDOWN);
}

static void
test_by_name_and_content (void)
{
  const char *page = "<!DOCTYPE html><html><body><p>x</p></body></html>";

  g_assert_cmpint (lectern_document_format_detect ("a.html", "", 0), ==, LECTERN_DOCUMENT_FORMAT_HTML);
  g_assert_cmpint (lectern_document_format_detect ("a.htm", "", 0), ==, LECTERN_DOCUMENT_FORMAT_HTML);
  g_assert_cmpint (lectern_document_format_detect ("saved", page, strlen (page)), ==,
                   LECTERN_DOCUMENT_FORMAT_HTML);
  g_assert_cmpint (lectern_document_format_detect ("a.md", "plain", 5), ==, LECTERN_DOCUMENT_FORMAT_MARKDOWN);
  g_assert_cmpint (lectern_document_format_detect ("a.txt", "plain words\n", 12), ==,
                   LECTERN_DOCUMENT_FORMAT_PLAIN);
  g_assert_cmpint (lectern_document_format_detect ("a.txt", "## A\n\n**b** c\n", 14), ==,
                   LECTERN_DOCUMENT_FORMAT_MARKDOWN);
  /* A PDF or a book saved without its suffix is known by its content. */
  g_assert_cmpint (lectern_document_format_detect ("download", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 15), ==,
                   LECTERN_DOCUMENT_FORMAT_PDF);
  g_assert_cmpint (lectern_document_format_detect ("a.pdf", "", 0), ==, LECTERN_DOCUMENT_FORMAT_PDF);
  g_assert_cmpint (lectern_document_format_detect ("a.epub", "", 0), ==, LECTERN_DOCUMENT_FORMAT_EPUB);
}

static void
test_read_as_choice (void)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(LecternDocument) first = NULL;
  g_autoptr(LecternDocument) second = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  fd = g_file_open_tmp ("read-as-XXXXXX.txt", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, "## Heading\n\nSome **bold** text.\n", -1, NULL));
  file = g_file_new_for_path (path);
  uri = g_file_get_uri (file);

  first = lectern_document_loader_load_file (loader, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lectern_document_get_format (first), ==, LECTERN_DOCUMENT_FORMAT_MARKDOWN);

  lectern_document_loader_set_read_as (loader, uri, LECTERN_DOCUMENT_FORMAT_PLAIN);
  second = lectern_document_loader_load_file (loader, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lectern_document_get_format (second), ==, LECTERN_DOCUMENT_FORMAT_PLAIN);
  g_assert_nonnull (strstr (lectern_document_get_text (second), "**bold**"));
  /* A different text gives a different fingerprint: the store re-anchors. */
  g_assert_cmpstr (lectern_document_get_fingerprint (first), !=, lectern_document_get_fingerprint (second));

  g_unlink (path);
}

static void
reload_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LecternDocument **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = lectern_library_reload_finish (LECTERN_LIBRARY (object), result, &error);
  g_assert_no_error (error);
}

/* Reading a document as plain text instead of Markdown changes its
 * text: its highlights are placed again in the new text. */
static void
test_read_as_reanchors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("read-as-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *store_dir = g_build_filename (dir, "store", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(LecternSession) session = lectern_session_new (store_dir);
  LecternLibrary *library = lectern_session_get_library (session);
  LecternAnnotationStore *store = lectern_session_get_store (session);
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(LecternDocument) markdown = NULL;
  LecternDocument *plain = NULL;
  g_autoptr(LecternHighlight) highlight = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;

  g_assert_true (g_file_set_contents (path, "## Heading\n\nSome **bold** text.\n", -1, NULL));
  file = g_file_new_for_path (path);
  markdown = lectern_document_loader_load_file (loader, file, NULL, &error);
  g_assert_no_error (error);
  lectern_library_add (library, markdown);
  g_assert_true (lectern_annotation_store_load_document (store, markdown, &error));
  text = lectern_document_get_text (markdown);
  highlight = lectern_session_highlight_range (session, markdown,
                                               g_utf8_pointer_to_offset (text, strstr (text, "bold")),
                                               g_utf8_pointer_to_offset (text, strstr (text, "bold")) + 4,
                                               LECTERN_COLOR_YELLOW, &error);
  g_assert_no_error (error);
  g_object_ref (highlight);

  lectern_library_set_read_as (library, lectern_document_get_uri (markdown), LECTERN_DOCUMENT_FORMAT_PLAIN);
  lectern_library_reload_async (library, markdown, NULL, reload_cb, &plain);
  while (plain == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (lectern_document_get_format (plain), ==, LECTERN_DOCUMENT_FORMAT_PLAIN);
  g_assert_true (lectern_library_find_by_uri (library, lectern_document_get_uri (plain)) == plain);
  g_assert_true (lectern_annotation_store_reload_document (store, plain, &error));
  g_assert_no_error (error);
  text = lectern_document_get_text (plain);
  g_assert_cmpuint (lectern_highlight_get_start (highlight), ==,
                    g_utf8_pointer_to_offset (text, strstr (text, "bold**")));
  g_assert_cmpint (lectern_highlight_get_state (highlight), ==, LECTERN_HIGHLIGHT_ANCHORED);

  g_assert_true (lectern_session_flush (session, &error));
  g_object_unref (plain);
  g_clear_object (&session);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format-detect/by-name-and-content", test_by_name_and_content);
  g_test_add_func ("/format-detect/corpus", test_corpus);
  g_test_add_func ("/format-detect/usr-share-doc/no-false-positives", test_no_false_positives);
  g_test_add_func ("/format-detect/usr-share-doc/markdown-renamed-txt", test_markdown_detected);
  g_test_add_func ("/format-detect/read-as-choice", test_read_as_choice);
  g_test_add_func ("/format-detect/read-as-reanchors", test_read_as_reanchors);

  return g_test_run ();
}
