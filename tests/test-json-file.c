/* test-json-file.c: the persistence layer of the stores
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lectern-core.h"
#include "lectern-annotation-store-private.h"
#include "lectern-json-file.h"

#define FORMAT "lectern-test"
#define MAX_SIZE 4096

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("lectern-json-file-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_free (fixture->dir);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static LecternJsonFileStatus
load_text (Fixture                 *fixture,
           const char              *text,
           LecternJsonFileContents *contents)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autofree char *path = g_build_filename (fixture->dir, "x.json", NULL);

  return lectern_json_file_load (path, bytes, MAX_SIZE, FORMAT, 1, contents);
}

/* Reading */

static void
test_read_bounded (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *small = write_file (fixture, "small.json", "{}");
  g_autofree char *big = g_build_filename (fixture->dir, "big.json", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.json", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean too_large;
  int fd;

  bytes = lectern_json_file_read (small, MAX_SIZE, &too_large, &error);
  g_assert_no_error (error);
  g_assert_false (too_large);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "{}", 2);

  /* An enormous (sparse) file is not read at all. */
  fd = g_open (big, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t)G_MAXINT32 * 4), ==, 0);
  close (fd);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = lectern_json_file_read (big, MAX_SIZE, &too_large, &error);
  g_assert_null (bytes);
  g_assert_no_error (error);
  g_assert_true (too_large);

  bytes = lectern_json_file_read (missing, MAX_SIZE, &too_large, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_false (too_large);
}

static void
test_read_not_regular (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->dir, "fifo.json", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, "link.json", NULL);
  g_autofree char *subdir = g_build_filename (fixture->dir, "dir.json", NULL);
  const char *paths[] = { fifo, link, subdir };
  gboolean too_large;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink (fifo, link), ==, 0);
  g_assert_cmpint (g_mkdir (subdir, 0700), ==, 0);

  /* Returns at once: nobody writes to the pipe. */
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = lectern_json_file_read (paths[i], MAX_SIZE, &too_large, &error);

      g_assert_null (bytes);
      g_assert_nonnull (error);
      g_assert_false (too_large);
    }

  g_assert_cmpint (g_rmdir (subdir), ==, 0);
}

static void
test_guard (Fixture       *fixture,
            gconstpointer  data)
{
  static const char * const plain[] = {
    "{\"a\": [1, {\"b\": \"[[[[\"}], \"c\": \"\\\"]]]\\\\\"}",
    "[\"\\\\\", \"{\"]",
    "[\"it's\", \"a/b # c\"]",
  };
  static const char * const not_plain[] = {
    "[1, 2",
    "]",
    "{\"a\": 1}}",
    "[\"open",
    "[1] // comment",
    "# comment\n[1]",
    "['single']",
  };

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    g_assert_true (lectern_json_file_is_plain (plain[i], strlen (plain[i])));
  for (guint i = 0; i < G_N_ELEMENTS (not_plain); i++)
    g_assert_false (lectern_json_file_is_plain (not_plain[i], strlen (not_plain[i])));
}

static void
assert_too_deep (const char *opening,
                 guint       n,
                 char        bracket)
{
  g_autoptr(GString) text = g_string_new (opening);
  g_autoptr(GBytes) bytes = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_c (text, bracket);

  g_assert_false (lectern_json_file_is_plain (text->str, text->len));
  /* And json-glib never sees it: no stack overflow. */
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  g_assert_null (lectern_json_file_parse (bytes, "deep.json"));
}

static void
test_guard_deep (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GString) ok = g_string_new (NULL);

  for (guint i = 0; i < LECTERN_JSON_FILE_MAX_NESTING; i++)
    g_string_append_c (ok, '[');
  for (guint i = 0; i < LECTERN_JSON_FILE_MAX_NESTING; i++)
    g_string_append_c (ok, ']');
  g_assert_true (lectern_json_file_is_plain (ok->str, ok->len));

  assert_too_deep ("", LECTERN_JSON_FILE_MAX_NESTING + 1, '[');
  assert_too_deep ("", 200000, '{');
  /* json-glib takes comments and single quotes: a quote inside them
   * must not hide the brackets after it. */
  assert_too_deep ("[/*\"*/", 200000, '[');
  assert_too_deep ("['\"',", 200000, '[');
  assert_too_deep ("[// \"\n", 200000, '[');
  assert_too_deep ("[# \"\n", 200000, '[');
}

static void
test_version_rule (Fixture       *fixture,
                   gconstpointer  data)
{
  static const struct {
    const char            *text;
    LecternJsonFileStatus  status;
    gint64                 version;
  } cases[] = {
    { "{\"format\": \"lectern-test\", \"version\": 1}", LECTERN_JSON_FILE_LOADED, 1 },
    { "{\"format\": \"lectern-test\", \"version\": 7}", LECTERN_JSON_FILE_NEWER, 7 },
    { "{\"format\": \"lectern-test\", \"version\": 0}", LECTERN_JSON_FILE_CORRUPT, 0 },
    { "{\"format\": \"lectern-test\", \"version\": \"1\"}", LECTERN_JSON_FILE_CORRUPT, 0 },
    { "{\"format\": \"lectern-test\"}", LECTERN_JSON_FILE_CORRUPT, 0 },
    { "{\"format\": \"other\", \"version\": 1}", LECTERN_JSON_FILE_CORRUPT, 0 },
    { "[1]", LECTERN_JSON_FILE_CORRUPT, 0 },
    { "not json", LECTERN_JSON_FILE_CORRUPT, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LecternJsonFileContents contents;

      g_assert_cmpint (load_text (fixture, cases[i].text, &contents), ==, cases[i].status);
      g_assert_cmpint (contents.version, ==, cases[i].version);
      if (cases[i].status == LECTERN_JSON_FILE_NEWER || cases[i].status == LECTERN_JSON_FILE_LOADED)
        g_assert_nonnull (contents.root);
      lectern_json_file_contents_clear (&contents);
    }
}

static void
test_load_missing_and_too_large (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.json", NULL);
  g_autoptr(GString) large = g_string_new ("[");
  g_autofree char *path = NULL;
  LecternJsonFileContents contents;

  g_assert_cmpint (lectern_json_file_load (missing, NULL, MAX_SIZE, FORMAT, 1, &contents),
                   ==, LECTERN_JSON_FILE_MISSING);
  lectern_json_file_contents_clear (&contents);

  for (guint i = 0; i < MAX_SIZE; i++)
    g_string_append (large, "1,");
  g_string_append (large, "1]");
  path = write_file (fixture, "large.json", large->str);
  g_assert_cmpint (lectern_json_file_load (path, NULL, MAX_SIZE, FORMAT, 1, &contents),
                   ==, LECTERN_JSON_FILE_TOO_LARGE);
  g_assert_null (contents.bytes);
  lectern_json_file_contents_clear (&contents);
}

static void
test_keep_corrupt (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "key.json", "broken");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *contents = NULL;
  int saved_errno = 0;

  g_assert_true (lectern_json_file_keep_corrupt (path, &first, &saved_errno));
  g_assert_true (g_str_has_prefix (first, "key.json.corrupt-"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  kept = g_build_filename (fixture->dir, first, NULL);
  g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "broken");

  /* The same second: another name. */
  g_free (write_file (fixture, "key.json", "broken again"));
  g_assert_true (lectern_json_file_keep_corrupt (path, &second, &saved_errno));
  g_assert_cmpstr (first, !=, second);

  /* Nothing to rename: the caller learns why. */
  g_assert_false (lectern_json_file_keep_corrupt (path, &third, &saved_errno));
  g_assert_null (third);
  g_assert_cmpint (saved_errno, ==, ENOENT);
}

/* Writing */

typedef struct
{
  GPtrArray *serialized;
  guint      n;
} Order;

typedef struct
{
  Order *order;
  char  *text;
} Step;

static GBytes *
step_serialize (gpointer data)
{
  Step *step = data;

  g_ptr_array_add (step->order->serialized, g_strdup (step->text));
  return g_bytes_new (step->text, strlen (step->text));
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_free (step->text);
  g_free (step);
}

static void
save_step (LecternJsonFile *file,
           Order           *order,
           const char      *text)
{
  Step *step = g_new0 (Step, 1);

  step->order = order;
  step->text = g_strdup (text);
  lectern_json_file_save (file, step_serialize, step, step_free);
}

static char *
read_back (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static void
test_write_coalesced (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "c.json", "[0]");
  g_autofree char *bak = g_strconcat (path, ".bak", NULL);
  g_autoptr(LecternJsonFile) file = lectern_json_file_new (path, TRUE);
  g_autoptr(GBytes) before = g_bytes_new_static ("[0]", 3);
  g_autoptr(GPtrArray) serialized = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *contents = NULL;
  g_autofree char *bak_contents = NULL;
  Order order = { serialized, 0 };

  lectern_json_file_set_on_disk (file, before);

  /* While the writer is held, fifty saves queue up: only the last is
   * made and written. */
  _lectern_json_file_writer_hold (TRUE);
  for (guint i = 1; i <= 50; i++)
    {
      g_autofree char *text = g_strdup_printf ("[%u]", i);

      save_step (file, &order, text);
    }
  g_assert_true (lectern_json_file_is_saving (file));
  _lectern_json_file_writer_hold (FALSE);
  g_assert_true (lectern_json_file_flush (file, NULL));

  g_assert_cmpuint (serialized->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (serialized, 0), ==, "[50]");
  contents = read_back (path);
  g_assert_cmpstr (contents, ==, "[50]");
  bak_contents = read_back (bak);
  g_assert_cmpstr (bak_contents, ==, "[0]");
  g_assert_false (lectern_json_file_is_saving (file));
}

static void
test_write_ordered (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "o.json", NULL);
  g_autofree char *bak = g_strconcat (path, ".bak", NULL);
  g_autoptr(LecternJsonFile) file = lectern_json_file_new (path, TRUE);
  g_autoptr(GPtrArray) serialized = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *contents = NULL;
  g_autofree char *bak_contents = NULL;
  Order order = { serialized, 0 };
  guint last = 0;

  /* Saves queued as fast as they come: whatever the worker picks up, it
   * writes in the order they were made, and the last one lands. */
  for (guint i = 1; i <= 200; i++)
    {
      g_autofree char *text = g_strdup_printf ("[%u]", i);

      save_step (file, &order, text);
    }
  g_assert_true (lectern_json_file_flush (file, NULL));

  g_assert_cmpuint (serialized->len, >=, 1);
  for (guint i = 0; i < serialized->len; i++)
    {
      const char *text = g_ptr_array_index (serialized, i);
      guint value = (guint)g_ascii_strtoull (text + 1, NULL, 10);

      g_assert_cmpuint (value, >, last);
      last = value;
    }
  g_assert_cmpuint (last, ==, 200);
  contents = read_back (path);
  g_assert_cmpstr (contents, ==, "[200]");

  /* The .bak is the file before the last write. */
  if (serialized->len > 1)
    {
      bak_contents = read_back (bak);
      g_assert_cmpstr (bak_contents, ==, g_ptr_array_index (serialized, serialized->len - 2));
    }
}

typedef struct
{
  guint   calls;
  GError *error;
} Done;

static void
done_cb (LecternJsonFile *file,
         const GError    *error,
         gpointer         user_data)
{
  Done *done = user_data;

  done->calls++;
  g_clear_error (&done->error);
  done->error = error != NULL ? g_error_copy (error) : NULL;
}

static void
test_write_error_on_main_context (Fixture       *fixture,
                                  gconstpointer  data)
{
  /* A regular file where the directory should be. */
  g_autofree char *blocker = write_file (fixture, "blocker", "");
  g_autofree char *path = g_build_filename (blocker, "x.json", NULL);
  g_autoptr(LecternJsonFile) file = lectern_json_file_new (path, TRUE);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("[]", 2);
  g_autoptr(GError) error = NULL;
  Done done = { 0, NULL };

  lectern_json_file_set_done_func (file, done_cb, &done);
  lectern_json_file_save_bytes (file, bytes);

  /* The error comes back on the main context, without a flush. */
  while (done.calls == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (done.calls, ==, 1);
  g_assert_error (done.error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_clear_error (&done.error);

  /* A flush reports it as well, once. */
  lectern_json_file_save_bytes (file, bytes);
  g_assert_false (lectern_json_file_flush (file, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_assert_cmpuint (done.calls, ==, 2);
  g_assert_error (done.error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_clear_error (&done.error);
  lectern_json_file_set_done_func (file, NULL, NULL);
}

/* Saving off the main loop */

#define N_HIGHLIGHTS 3000

static LecternDocument *
make_document (void)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  LecternDocument *document;

  for (guint i = 0; i < 100; i++)
    g_string_append (text, "A highlighted passage, one of many in a long text. ");
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  document = lectern_document_loader_load_bytes (loader, bytes, "file:///held/writer.txt", "writer.txt",
                                                 LECTERN_DOCUMENT_FORMAT_PLAIN, &error);
  g_assert_no_error (error);

  return document;
}

static LecternHighlight *
add (LecternAnnotationStore *store,
     LecternDocument        *document,
     guint                   i)
{
  g_autoptr(LecternHighlight) highlight = NULL;
  guint start = (i * 7) % 4000;

  highlight = lectern_highlight_new (lectern_document_get_id (document), i % LECTERN_N_COLORS,
                                     start, start + 11, "highlighted", "A ", " passage");
  g_assert_true (lectern_annotation_store_add (store, highlight, NULL));

  return highlight;
}

static gboolean
tick_cb (gpointer user_data)
{
  guint *ticks = user_data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

static guint
count_entries (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "lectern-annotations");

  return json_array_get_length (json_object_get_array_member (root, "highlights"));
}

/* Main-loop iterations until the store has handed its save to the
 * (held) writer, counting ticks of a 1 ms timeout meanwhile. */
static void
run_until_queued (LecternAnnotationStore *store,
                  guint                  *ticks)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* Queued when the autosave is neither scheduled nor being prepared,
   * and still saving: the worker holds it. */
  while (g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      if (*ticks >= 50 && _lectern_annotation_store_is_saving (store))
        break;
    }
}

static void
test_held_writer (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_document ();
  g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (fixture->dir);
  g_autofree char *path = lectern_annotation_store_dup_path (store, lectern_document_get_id (document));
  g_autofree char *bak = g_strconcat (path, ".bak", NULL);
  g_autofree char *first_version = NULL;
  g_autofree char *bak_contents = NULL;
  g_autofree char *unchanged = NULL;
  LecternHighlight *removed;
  guint ticks = 0;
  guint tick_id;

  g_assert_true (lectern_annotation_store_load_document (store, document, NULL));
  for (guint i = 0; i < N_HIGHLIGHTS; i++)
    add (store, document, i);
  g_assert_true (lectern_annotation_store_flush (store, NULL));
  first_version = read_back (path);

  lectern_annotation_store_set_autosave_delay (store, 5);
  tick_id = g_timeout_add (1, tick_cb, &ticks);

  /* The writer is held: the autosave is prepared and queued, and the
   * main loop keeps dispatching. */
  _lectern_json_file_writer_hold (TRUE);
  add (store, document, N_HIGHLIGHTS);
  run_until_queued (store, &ticks);
  g_assert_cmpuint (ticks, >=, 50);
  g_assert_true (_lectern_annotation_store_is_saving (store));

  /* The store stays editable meanwhile. */
  removed = add (store, document, N_HIGHLIGHTS + 1);
  g_assert_true (lectern_annotation_store_remove (store, removed, NULL));
  add (store, document, N_HIGHLIGHTS + 2);
  /* Long enough for their autosave to be queued too, coalesced. */
  ticks = 0;
  while (ticks < 100)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (lectern_annotation_store_count_for_document (store, lectern_document_get_id (document)),
                    ==, N_HIGHLIGHTS + 2);

  /* Nothing was written while held. */
  unchanged = read_back (path);
  g_assert_cmpstr (unchanged, ==, first_version);

  _lectern_json_file_writer_hold (FALSE);
  g_assert_true (lectern_annotation_store_flush (store, NULL));
  g_source_remove (tick_id);

  /* The file is whole and holds every highlight; the .bak is the
   * previous version. */
  g_assert_cmpuint (count_entries (path), ==, N_HIGHLIGHTS + 2);
  g_assert_false (_lectern_annotation_store_is_saving (store));
  bak_contents = read_back (bak);
  g_assert_cmpstr (bak_contents, ==, first_version);
}

/* Issue 19, item 5: a save larger than what is read back is refused
 * with a message, and the file stays as it was. */
static void
test_write_over_limit_refused (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "small.json", "{\"a\":1}");
  g_autoptr(LecternJsonFile) file = lectern_json_file_new (path, FALSE);
  g_autoptr(GBytes) big = g_bytes_new_take (g_strnfill (100, ' '), 100);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  lectern_json_file_set_rules (file, 16, NULL);
  lectern_json_file_save_bytes (file, big);
  g_assert_false (lectern_json_file_flush (file, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "read back"));

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "{\"a\":1}");
}

static GBytes *
text_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* Issue 19, item 1: the three-way merge by id. */
static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GBytes) base = text_bytes ("{\"e\":[{\"id\":\"a\",\"v\":0},{\"id\":\"b\",\"v\":0},{\"id\":\"x\",\"v\":0}]}");
  /* Theirs: b changed, x deleted, c added. */
  g_autoptr(GBytes) theirs = text_bytes ("{\"e\":[{\"id\":\"a\",\"v\":0},{\"id\":\"b\",\"v\":1},{\"id\":\"c\",\"v\":0}]}");
  /* Ours: a changed, b deleted (but they changed it: kept), d added. */
  g_autoptr(GBytes) ours = text_bytes ("{\"top\":1,\"e\":[{\"id\":\"a\",\"v\":2},{\"id\":\"x\",\"v\":0},{\"id\":\"d\",\"v\":0}]}");
  g_autoptr(GBytes) merged = lectern_json_merge (base, theirs, ours, "e");
  g_autoptr(GBytes) expected = text_bytes ("{\"top\":1,\"e\":[{\"id\":\"a\",\"v\":2},{\"id\":\"d\",\"v\":0},"
                                           "{\"id\":\"b\",\"v\":1},{\"id\":\"c\",\"v\":0}]}");

  g_assert_nonnull (merged);
  g_assert_cmpmem (g_bytes_get_data (merged, NULL), g_bytes_get_size (merged),
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/json-file/read/bounded", test_read_bounded);
  ADD ("/json-file/read/not-regular", test_read_not_regular);
  ADD ("/json-file/guard/strings-and-comments", test_guard);
  ADD ("/json-file/guard/deep", test_guard_deep);
  ADD ("/json-file/load/version-rule", test_version_rule);
  ADD ("/json-file/load/missing-and-too-large", test_load_missing_and_too_large);
  ADD ("/json-file/corrupt-kept", test_keep_corrupt);
  ADD ("/json-file/write/coalesced", test_write_coalesced);
  ADD ("/json-file/write/ordered", test_write_ordered);
  ADD ("/json-file/write/error-on-main-context", test_write_error_on_main_context);
  ADD ("/json-file/write/held-writer-main-loop-goes-on", test_held_writer);
  ADD ("/json-file/write/over-limit-refused", test_write_over_limit_refused);
  ADD ("/json-file/merge", test_merge);

#undef ADD

  return g_test_run ();
}
