/* test-bad-input.c: a catalogue of bad files, each read with a clear
 * message that names the file, and nothing lost
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lectern-core.h"
#include "lectern-test-utils.h"
#include "lectern-annotation-store-private.h"

#define DOC_URI "file:///tmp/essay.txt"

typedef LecternTestDir Fixture;

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
assert_message_names (const GError *error,
                      const char   *name)
{
  g_assert_nonnull (error);
  if (strstr (error->message, name) == NULL)
    g_error ("“%s” does not name “%s”", error->message, name);
  g_test_message ("%s", error->message);
}

/* Highlights files */

static LecternDocument *
make_document (void)
{
  return lectern_test_load_document (DOC_URI, "essay.txt",
                                     "Reading slowly is a skill.\n\nEvery position after a change moves.\n",
                                     LECTERN_DOCUMENT_FORMAT_PLAIN);
}

static char *
store_path (const char      *dir,
            LecternDocument *document)
{
  g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (dir);

  return lectern_annotation_store_dup_path (store, lectern_document_get_id (document));
}

/* The file that a store moved aside, which must be the only one. */
static char *
find_corrupt (const char *dir,
              const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".corrupt-", NULL);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  char *found = NULL;
  const char *name;

  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, prefix))
      {
        g_assert_null (found);
        found = g_build_filename (dir, name, NULL);
      }

  g_assert_nonnull (found);

  return found;
}

/* @contents is not a highlights file: the store says so naming it,
 * keeps it byte for byte under a new name, and starts afresh. */
static void
assert_corrupt_kept (Fixture    *fixture,
                     const char *contents,
                     gsize       length)
{
  g_autoptr(LecternDocument) document = make_document ();
  g_autofree char *path = store_path (fixture->dir, document);
  g_autoptr(LecternAnnotationStore) store = NULL;
  g_autoptr(LecternHighlight) highlight = NULL;
  g_autoptr(GBytes) expected = g_bytes_new (contents, length);
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *corrupt = NULL;

  write_file (path, contents, length);

  store = lectern_annotation_store_new (fixture->dir);
  g_assert_false (lectern_annotation_store_load_document (store, document, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_CORRUPT);
  assert_message_names (error, path);

  corrupt = find_corrupt (fixture->dir, path);
  kept = lectern_test_read_bytes (corrupt);
  g_assert_true (g_bytes_equal (kept, expected));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* New highlights go to a new file. */
  g_assert_false (lectern_annotation_store_is_read_only (store, lectern_document_get_id (document)));
  highlight = lectern_highlight_new (lectern_document_get_id (document), LECTERN_COLOR_BLUE,
                                     0, 7, "Reading", "", " slowly");
  g_assert_true (lectern_annotation_store_add (store, highlight, NULL));
  g_assert_true (lectern_annotation_store_flush (store, NULL));
  g_assert_finalize_object (g_steal_pointer (&store));

  store = lectern_annotation_store_new (fixture->dir);
  g_assert_true (lectern_annotation_store_load_document (store, document, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_true (g_file_test (corrupt, G_FILE_TEST_EXISTS));
}

static const char valid_file[] =
  "{\"format\": \"lectern-annotations\", \"version\": 1,"
  " \"document\": {\"uri\": \"" DOC_URI "\", \"title\": \"essay\", \"fingerprint\": \"sha256:00\", \"length\": 63},"
  " \"highlights\": [{\"id\": \"a1\", \"color\": \"yellow\", \"created\": \"2026-11-22T10:00:00Z\","
  " \"note\": \"mine\", \"target\": {\"start\": 0, \"end\": 7, \"exact\": \"Reading\", \"prefix\": \"\","
  " \"suffix\": \" slowly is a skill.\"}, \"state\": \"anchored\"}]}";

static void
test_store_truncated (Fixture       *fixture,
                      gconstpointer  data)
{
  assert_corrupt_kept (fixture, valid_file, strlen (valid_file) / 2);
}

static void
test_store_empty (Fixture       *fixture,
                  gconstpointer  data)
{
  assert_corrupt_kept (fixture, "", 0);
}

static void
test_store_not_json (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *text = "These are my notes on chapter three.\nThey are not JSON.\n";

  assert_corrupt_kept (fixture, text, strlen (text));
}

static void
test_store_wrong_shape (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *shapes[] = {
    "[1, 2, 3]",
    "\"highlights\"",
    "null",
    "{\"format\": \"lectern-annotations\", \"version\": 1, \"highlights\": {\"a\": 1}}",
    "{\"format\": \"lectern-annotations\", \"version\": \"1\", \"highlights\": []}",
    "{\"format\": \"lectern-annotations\", \"version\": 1, \"highlights\": [1, \"two\", null]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      assert_corrupt_kept (fixture, shapes[i], strlen (shapes[i]));
      lectern_test_remove_tree (fixture->dir);
      g_assert_cmpint (g_mkdir (fixture->dir, 0700), ==, 0);
    }
}

static void
test_store_wrong_format (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *text = "{\"format\": \"hypothesis-export\", \"version\": 1, \"highlights\": []}";

  assert_corrupt_kept (fixture, text, strlen (text));
}

static void
test_store_not_strict_json (Fixture       *fixture,
                            gconstpointer  data)
{
  /* json-glib would accept these; the store does not. */
  const char *comment = "# a comment\n{\"format\": \"lectern-annotations\", \"version\": 1}";
  const char *quotes = "{'format': 'lectern-annotations', 'version': 1}";

  assert_corrupt_kept (fixture, comment, strlen (comment));
  lectern_test_remove_tree (fixture->dir);
  g_assert_cmpint (g_mkdir (fixture->dir, 0700), ==, 0);
  assert_corrupt_kept (fixture, quotes, strlen (quotes));
}

static void
test_store_newer_version (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_document ();
  g_autofree char *path = store_path (fixture->dir, document);
  g_autoptr(LecternAnnotationStore) store = NULL;
  g_autoptr(LecternHighlight) highlight = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *newer = NULL;
  LecternHighlight *shown;

  newer = g_strdup (valid_file);
  memcpy (strstr (newer, "\"version\": 1") + strlen ("\"version\": "), "7", 1);
  write_file (path, newer, -1);
  before = lectern_test_read_bytes (path);

  store = lectern_annotation_store_new (fixture->dir);
  g_assert_false (lectern_annotation_store_load_document (store, document, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_NEWER_VERSION);
  assert_message_names (error, path);
  g_clear_error (&error);

  /* Shown, placed in the current text, but never written. */
  g_assert_true (lectern_annotation_store_is_read_only (store, lectern_document_get_id (document)));
  shown = lectern_annotation_store_find (store, "a1");
  g_assert_nonnull (shown);
  g_assert_cmpint (lectern_highlight_get_state (shown), ==, LECTERN_HIGHLIGHT_ANCHORED);

  highlight = lectern_highlight_new (lectern_document_get_id (document), LECTERN_COLOR_BLUE,
                                     8, 14, "slowly", "Reading ", " is");
  g_assert_false (lectern_annotation_store_add (store, highlight, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_READ_ONLY);
  assert_message_names (error, path);
  g_assert_true (lectern_annotation_store_flush (store, NULL));
  g_assert_finalize_object (g_steal_pointer (&store));

  after = lectern_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_store_invalid_utf8 (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *bad = g_strdup (valid_file);

  *(strstr (bad, "mine") + 1) = '\xff';
  assert_corrupt_kept (fixture, bad, strlen (bad));
}

static void
test_store_deep_nesting (Fixture       *fixture,
                         gconstpointer  data)
{
  /* Deep enough to overflow the stack in json-glib's recursive parser. */
  const gsize depth = 200000;
  const char *head = "{\"format\": \"lectern-annotations\", \"version\": 1, \"highlights\": ";
  g_autoptr(GString) text = g_string_new (head);

  for (gsize i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');

  assert_corrupt_kept (fixture, text->str, text->len);
}

static void
test_store_huge (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_document ();
  g_autofree char *path = store_path (fixture->dir, document);
  g_autoptr(LecternAnnotationStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const goffset size = 100 * 1024 * 1024;
  GStatBuf st;
  gint64 begin;
  int fd;

  /* Sparse: 100 MB that take no room on disk and no time to write. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, size), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);

  begin = g_get_monotonic_time ();
  store = lectern_annotation_store_new (fixture->dir);
  g_assert_false (lectern_annotation_store_load_document (store, document, &error));
  /* Refused without reading it. */
  g_assert_cmpint (g_get_monotonic_time () - begin, <, G_USEC_PER_SEC);
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_UNREADABLE);
  assert_message_names (error, path);
  g_assert_nonnull (strstr (error->message, "too large"));

  /* Left where it was, and never overwritten. */
  g_assert_true (lectern_annotation_store_is_read_only (store, lectern_document_get_id (document)));
  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, size);
}

static void
test_store_path_is_directory (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_document ();
  g_autofree char *path = store_path (fixture->dir, document);
  g_autoptr(LecternAnnotationStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);

  store = lectern_annotation_store_new (fixture->dir);
  g_assert_false (lectern_annotation_store_load_document (store, document, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_UNREADABLE);
  assert_message_names (error, path);
  g_assert_true (lectern_annotation_store_is_read_only (store, lectern_document_get_id (document)));
  g_assert_finalize_object (g_steal_pointer (&store));

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
}

/* Opening a named pipe for reading would wait for a writer. */
static void
test_store_named_pipe (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_document ();
  g_autofree char *path = store_path (fixture->dir, document);
  g_autoptr(LecternAnnotationStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);

  store = lectern_annotation_store_new (fixture->dir);
  g_assert_false (lectern_annotation_store_load_document (store, document, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_UNREADABLE);
  assert_message_names (error, path);
  g_assert_finalize_object (g_steal_pointer (&store));

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_store_unreadable (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_document ();
  g_autofree char *path = store_path (fixture->dir, document);
  g_autoptr(LecternAnnotationStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("running as root, which can read any file");
      return;
    }

  write_file (path, valid_file, -1);
  before = lectern_test_read_bytes (path);
  g_assert_cmpint (g_chmod (path, 0), ==, 0);

  store = lectern_annotation_store_new (fixture->dir);
  g_assert_false (lectern_annotation_store_load_document (store, document, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_UNREADABLE);
  assert_message_names (error, path);
  g_assert_finalize_object (g_steal_pointer (&store));

  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  after = lectern_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

/* A save killed halfway leaves our temporary file; it is cleared
 * away, and only it: the reader's own copies next to it, whatever
 * their names, stay (issue 19, item 7). */
static void
test_store_stale_temporary (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_document ();
  g_autofree char *path = store_path (fixture->dir, document);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *stale = g_strdup_printf ("%s/.%s.lectern-tmp-Ab3xYz", fixture->dir, name);
  g_autofree char *stale_bak = g_strdup_printf ("%s/.%s.bak.lectern-tmp-Q1w2E3", fixture->dir, name);
  g_autofree char *other = g_strconcat (path, ".notes", NULL);
  g_autofree char *backup = g_strconcat (path, ".backup", NULL);
  g_autofree char *orig = g_strconcat (path, ".bak.orig01", NULL);
  g_autofree char *six = g_strconcat (path, ".Ab3xYz", NULL);
  g_autoptr(LecternAnnotationStore) store = NULL;

  write_file (path, valid_file, -1);
  write_file (stale, "{\"format\": \"lect", -1);
  write_file (stale_bak, "", -1);
  write_file (other, "mine", -1);
  write_file (backup, "mine", -1);
  write_file (orig, "mine", -1);
  write_file (six, "mine", -1);

  store = lectern_annotation_store_new (fixture->dir);
  g_assert_true (lectern_annotation_store_load_document (store, document, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale_bak, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (orig, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (six, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Documents */

static LecternDocument *
load_path (const char  *path,
           GError     **error)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return lectern_document_loader_load_file (loader, file, NULL, error);
}

/* @contents is refused with @code, naming the file, which is untouched. */
static void
assert_document_refused (Fixture    *fixture,
                         const char *name,
                         const char *contents,
                         gsize       length,
                         int         code)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(LecternDocument) document = NULL;
  g_autoptr(GBytes) expected = g_bytes_new (contents, length);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  write_file (path, contents, length);

  document = load_path (path, &error);
  g_assert_null (document);
  g_assert_error (error, LECTERN_DOCUMENT_ERROR, code);
  assert_message_names (error, name);

  after = lectern_test_read_bytes (path);
  g_assert_true (g_bytes_equal (after, expected));
}

static void
test_document_binary (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";

  assert_document_refused (fixture, "picture.md", png, sizeof png - 1, LECTERN_DOCUMENT_ERROR_BINARY);
}

static void
test_document_nul_bytes (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char text[] = "Plain text until here\0and then a NUL byte.\n";

  assert_document_refused (fixture, "nul.txt", text, sizeof text - 1, LECTERN_DOCUMENT_ERROR_BINARY);
}

static void
test_document_invalid_utf8 (Fixture       *fixture,
                            gconstpointer  data)
{
  /* Latin-1, as an old editor would save it. */
  static const char text[] = "Un caf\xe9 au bord de la Seine.\n";
  g_autofree char *path = g_build_filename (fixture->dir, "latin1.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LecternDocument) document = NULL;

  assert_document_refused (fixture, "latin1.txt", text, sizeof text - 1, LECTERN_DOCUMENT_ERROR_NOT_UTF8);

  /* The message says where. */
  document = load_path (path, &error);
  g_assert_nonnull (strstr (error->message, "position 6"));
}

/* Writes @contents and loads it as a document, which must work. */
static LecternDocument *
load_good (Fixture    *fixture,
           const char *name,
           const char *contents,
           gssize      length)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  LecternDocument *document;

  write_file (path, contents, length);
  document = load_path (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

/* Blocks and runs lie inside the text, in order. */
static void
assert_consistent (LecternDocument *document)
{
  const LecternBlock *blocks;
  guint n_blocks;
  guint length = lectern_document_get_length (document);

  g_assert_cmpuint (length, ==, g_utf8_strlen (lectern_document_get_text (document), -1));
  g_assert_cmpuint (lectern_document_get_text_bytes (document), ==, strlen (lectern_document_get_text (document)));

  blocks = lectern_document_get_blocks (document, &n_blocks);
  for (guint i = 0; i < n_blocks; i++)
    {
      g_assert_cmpuint (blocks[i].start, <=, blocks[i].end);
      g_assert_cmpuint (blocks[i].end, <=, length);
      if (i > 0)
        g_assert_cmpuint (blocks[i - 1].end, <=, blocks[i].start);
    }
}

/* A highlight made in @document survives an edit before it. */
static void
assert_anchorable (LecternDocument *document,
                   const char      *quote)
{
  const char *text = lectern_document_get_text (document);
  const char *at = strstr (text, quote);
  g_autofree char *changed = NULL;
  g_autoptr(LecternAnchorText) anchor_text = NULL;
  LecternAnchorTarget target;
  LecternAnchorResult result;

  g_assert_nonnull (at);
  target.start = g_utf8_pointer_to_offset (text, at);
  target.end = target.start + g_utf8_strlen (quote, -1);
  target.exact = quote;
  target.prefix = NULL;
  target.suffix = NULL;

  changed = g_strconcat ("한 줄 더. ", text, NULL);
  anchor_text = lectern_anchor_text_new (changed, strlen (changed));
  result = lectern_anchor_locate (anchor_text, &target);
  g_assert_cmpint (result.method, !=, LECTERN_ANCHOR_ORPHANED);
  g_assert_cmpuint (result.start, ==, target.start + 7);
}

static void
test_document_huge_line (Fixture       *fixture,
                         gconstpointer  data)
{
  const gsize size = 10 * 1024 * 1024;
  g_autofree char *line = g_malloc (size + 1);
  g_autoptr(LecternDocument) document = NULL;

  for (gsize i = 0; i < size; i++)
    line[i] = "abcdefgh "[i % 9];
  memcpy (line + size - 20, "the very end of it.", 19);
  line[size - 1] = '\n';
  line[size] = '\0';

  document = load_good (fixture, "one-line.txt", line, size);
  assert_consistent (document);
  g_assert_cmpuint (lectern_document_get_length (document), ==, size - 1);
  assert_anchorable (document, "the very end of it.");
}

static void
test_document_only_whitespace (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *contents[] = { "   \n\t\n  \r\n\n", "", "\n" };

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autoptr(LecternDocument) plain = load_good (fixture, "blank.txt", contents[i], -1);
      g_autoptr(LecternDocument) markdown = load_good (fixture, "blank.md", contents[i], -1);
      g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (fixture->dir);
      g_autofree char *stripped = g_strstrip (g_strdup (lectern_document_get_text (plain)));

      assert_consistent (plain);
      assert_consistent (markdown);
      g_assert_cmpstr (stripped, ==, "");
      /* Such a document can still be opened for highlights. */
      g_assert_true (lectern_annotation_store_load_document (store, plain, NULL));
      g_assert_true (lectern_annotation_store_load_document (store, markdown, NULL));
    }
}

static void
test_document_crlf (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *text = "First paragraph,\r\nwrapped.\r\n\r\nSecond paragraph.\r\n";
  const char *markdown = "# Title\r\n\r\n- one\r\n- two\r\n\r\nText *here*.\r\n";
  g_autoptr(LecternDocument) plain_doc = load_good (fixture, "windows.txt", text, -1);
  g_autoptr(LecternDocument) md_doc = load_good (fixture, "windows.md", markdown, -1);

  assert_consistent (plain_doc);
  assert_consistent (md_doc);
  g_assert_null (strchr (lectern_document_get_text (plain_doc), '\r'));
  g_assert_null (strchr (lectern_document_get_text (md_doc), '\r'));
  g_assert_nonnull (strstr (lectern_document_get_text (plain_doc), "First paragraph, wrapped."));
  g_assert_nonnull (strstr (lectern_document_get_text (md_doc), "Text here."));
  assert_anchorable (plain_doc, "Second paragraph.");
}

static void
test_document_mixed_scripts (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *text =
    "# 동맹과 읽기\n\n"
    "한국어 문장 다음에 English words, then العربية تقرأ من اليمين, "
    "and emoji 📚✍️👩🏽‍🎓 in between.\n\n"
    "Combining: e\xcc\x81 and 가\xe1\x86\xa8.\n";
  g_autoptr(LecternDocument) document = load_good (fixture, "mixed.md", text, -1);
  g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (fixture->dir);
  g_autoptr(LecternHighlight) highlight = NULL;
  const char *rendered = lectern_document_get_text (document);
  const char *arabic = "العربية تقرأ";
  const char *at = strstr (rendered, arabic);
  guint start;

  assert_consistent (document);
  g_assert_nonnull (at);
  assert_anchorable (document, arabic);
  assert_anchorable (document, "📚✍️👩🏽‍🎓");

  /* A highlight on the Arabic words survives a save and a load. */
  start = g_utf8_pointer_to_offset (rendered, at);
  g_assert_true (lectern_annotation_store_load_document (store, document, NULL));
  highlight = lectern_highlight_new (lectern_document_get_id (document), LECTERN_COLOR_RED,
                                     start, start + g_utf8_strlen (arabic, -1), arabic, "", "");
  g_assert_true (lectern_annotation_store_add (store, highlight, NULL));
  g_assert_true (lectern_annotation_store_flush (store, NULL));
  g_assert_finalize_object (g_steal_pointer (&store));
  g_clear_object (&highlight);

  store = lectern_annotation_store_new (fixture->dir);
  g_assert_true (lectern_annotation_store_load_document (store, document, NULL));
  highlight = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_cmpstr (lectern_highlight_get_exact (highlight), ==, arabic);
  g_assert_cmpuint (lectern_highlight_get_start (highlight), ==, start);
}

static void
test_document_directory (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "chapters.md", NULL);
  g_autoptr(LecternDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);

  document = load_path (path, &error);
  g_assert_null (document);
  g_assert_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_NOT_REGULAR);
  assert_message_names (error, "chapters.md");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
}

static void
test_document_dangling_symlink (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "link.txt", NULL);
  g_autofree char *target = g_build_filename (fixture->dir, "moved-away.txt", NULL);
  g_autoptr(LecternDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink (target, path), ==, 0);

  /* GIO reports the link itself, as not a regular file. */
  document = load_path (path, &error);
  g_assert_null (document);
  g_assert_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_NOT_REGULAR);
  assert_message_names (error, "link.txt");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_SYMLINK));
}

static void
test_document_named_pipe (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "pipe.md", NULL);
  g_autoptr(LecternDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);

  document = load_path (path, &error);
  g_assert_null (document);
  g_assert_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_NOT_REGULAR);
  assert_message_names (error, "pipe.md");
}

static void
test_document_unreadable (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "private.txt", NULL);
  g_autoptr(LecternDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("running as root, which can read any file");
      return;
    }

  write_file (path, "Private notes.\n", -1);
  g_assert_cmpint (g_chmod (path, 0), ==, 0);

  document = load_path (path, &error);
  g_assert_null (document);
  g_assert_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_UNREADABLE);
  assert_message_names (error, "private.txt");
  g_assert_nonnull (strstr (error->message, "permission"));
}

/* Issue 19, item 4: json-glib accepts comments and single-quoted
 * strings; a '"' inside one must not hide 200,000 '[' from the nesting
 * guard. The same inputs are in tests/fuzz/regressions/. */
static char *
crafted_input (guint which)
{
  GString *text = g_string_new (which == 0 ? "[/*\"*/" : "['\"',");

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (text, '[');

  return g_string_free (text, FALSE);
}

static void
test_crafted_links_file (Fixture       *fixture,
                         gconstpointer  data)
{
  for (guint which = 0; which < 2; which++)
    {
      g_autofree char *text = crafted_input (which);
      g_autofree char *path = g_build_filename (fixture->dir, "links.json", NULL);
      g_autoptr(LecternLinkStore) store = NULL;
      g_autoptr(GError) error = NULL;

      write_file (path, text, -1);
      store = lectern_link_store_new (path);
      g_assert_false (lectern_link_store_load (store, &error));
      g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_CORRUPT);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
    }
}

static void
test_crafted_import_file (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (fixture->dir);
  g_autoptr(LecternLibrary) library = lectern_library_new ();
  g_autoptr(LecternExport) export = lectern_export_new (store, library);

  for (guint which = 0; which < 2; which++)
    {
      g_autofree char *text = crafted_input (which);
      g_autofree char *path = g_build_filename (fixture->dir, "import.jsonld", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;

      write_file (path, text, -1);
      g_assert_null (lectern_export_import (export, file, NULL, NULL, &error));
      g_assert_nonnull (error);
    }
}

/* Issue 19, item 9: a named pipe as colors.json or as a file to import
 * is reported at once, never opened blocking (the test would hang). */
static void
test_named_pipe_colors_and_import (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *colors = g_build_filename (fixture->dir, "colors.json", NULL);
  g_autofree char *import = g_build_filename (fixture->dir, "import.jsonld", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (import);
  g_autoptr(LecternColorMeanings) meanings = lectern_color_meanings_new (colors);
  g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (fixture->dir);
  g_autoptr(LecternLibrary) library = lectern_library_new ();
  g_autoptr(LecternExport) export = lectern_export_new (store, library);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mkfifo (colors, 0600), ==, 0);
  g_assert_cmpint (mkfifo (import, 0600), ==, 0);

  g_assert_false (lectern_color_meanings_load (meanings, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_null (lectern_export_import (export, file, NULL, NULL, &error));
  g_assert_error (error, LECTERN_EXPORT_ERROR, LECTERN_EXPORT_ERROR_UNREADABLE);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, lectern_test_dir_set_up, func, lectern_test_dir_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/bad-input/store/truncated", test_store_truncated);
  ADD ("/bad-input/store/empty", test_store_empty);
  ADD ("/bad-input/store/not-json", test_store_not_json);
  ADD ("/bad-input/store/wrong-shape", test_store_wrong_shape);
  ADD ("/bad-input/store/wrong-format", test_store_wrong_format);
  ADD ("/bad-input/store/not-strict-json", test_store_not_strict_json);
  ADD ("/bad-input/store/newer-version", test_store_newer_version);
  ADD ("/bad-input/store/invalid-utf8", test_store_invalid_utf8);
  ADD ("/bad-input/store/deep-nesting", test_store_deep_nesting);
  ADD ("/bad-input/store/100-mb", test_store_huge);
  ADD ("/bad-input/store/path-is-directory", test_store_path_is_directory);
  ADD ("/bad-input/store/named-pipe", test_store_named_pipe);
  ADD ("/bad-input/store/unreadable", test_store_unreadable);
  ADD ("/bad-input/store/stale-temporary-removed", test_store_stale_temporary);
  ADD ("/bad-input/links/crafted-nesting", test_crafted_links_file);
  ADD ("/bad-input/import/crafted-nesting", test_crafted_import_file);
  ADD ("/bad-input/named-pipe-colors-and-import", test_named_pipe_colors_and_import);
  ADD ("/bad-input/document/binary", test_document_binary);
  ADD ("/bad-input/document/nul-bytes", test_document_nul_bytes);
  ADD ("/bad-input/document/invalid-utf8", test_document_invalid_utf8);
  ADD ("/bad-input/document/10-mb-line", test_document_huge_line);
  ADD ("/bad-input/document/only-whitespace", test_document_only_whitespace);
  ADD ("/bad-input/document/crlf", test_document_crlf);
  ADD ("/bad-input/document/mixed-scripts", test_document_mixed_scripts);
  ADD ("/bad-input/document/directory", test_document_directory);
  ADD ("/bad-input/document/dangling-symlink", test_document_dangling_symlink);
  ADD ("/bad-input/document/named-pipe", test_document_named_pipe);
  ADD ("/bad-input/document/unreadable", test_document_unreadable);

  return g_test_run ();
}
