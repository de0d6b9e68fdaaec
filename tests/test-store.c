/* test-store.c: LecternAnnotationStore
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lectern-core.h"
#include "lectern-test-utils.h"

#define DOC_URI "file:///tmp/x.txt"
#define OTHER_URI "file:///tmp/y.txt"

/* Fixture: a fresh directory per test, removed afterwards. */

typedef LecternTestDir Fixture;

/* Helpers */

static LecternDocument *
make_default_document (void)
{
  return lectern_test_make_document (DOC_URI, "The quick brown fox jumps over the lazy dog.\n빠른 갈색 여우.\n");
}

static LecternAnnotationStore *
load_store (const char      *dir,
            LecternDocument *document)
{
  LecternAnnotationStore *store = lectern_annotation_store_new (dir);
  g_autoptr(GError) error = NULL;

  lectern_annotation_store_load_document (store, document, &error);
  g_assert_no_error (error);

  return store;
}

static LecternHighlight *
add_highlight (LecternAnnotationStore *store,
               LecternDocument        *document,
               guint                   start,
               guint                   end)
{
  g_autoptr(LecternHighlight) highlight = NULL;
  g_autoptr(GError) error = NULL;

  highlight = lectern_highlight_new (lectern_document_get_id (document), LECTERN_COLOR_YELLOW,
                                     start, end, "exact", "prefix", "suffix");
  g_assert_true (lectern_annotation_store_add (store, highlight, &error));
  g_assert_no_error (error);

  /* The store holds it; tests borrow it. */
  return highlight;
}

static void
flush_ok (LecternAnnotationStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lectern_annotation_store_flush (store, &error));
  g_assert_no_error (error);
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static JsonObject *
parse_file (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

static char *
file_for (const char *dir,
          const char *suffix)
{
  g_autofree char *key = lectern_document_key_for_uri (DOC_URI);
  g_autofree char *name = g_strconcat (key, ".json", suffix, NULL);

  return g_build_filename (dir, name, NULL);
}

/* Names in @dir starting with @prefix. */
static GPtrArray *
list_matching (const char *dir,
               const char *prefix)
{
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (gdir != NULL && (name = g_dir_read_name (gdir)) != NULL)
    if (g_str_has_prefix (name, prefix))
      g_ptr_array_add (names, g_strdup (name));

  return names;
}

static const char *v1_highlight_json =
  "{\"id\":\"h-good\",\"color\":\"green\",\"created\":\"2026-11-22T10:00:00Z\","
  "\"modified\":\"2026-11-22T10:05:00Z\",\"note\":\"n\",\"tags\":[\"t\"],"
  "\"target\":{\"start\":4,\"end\":9,\"exact\":\"quick\",\"prefix\":\"The \",\"suffix\":\" brown\"},"
  "\"state\":\"anchored\"}";

static char *
file_json (int         version,
           const char *entries)
{
  return g_strdup_printf ("{\"format\":\"lectern-annotations\",\"version\":%d,"
                          "\"document\":{\"uri\":\"" DOC_URI "\",\"title\":\"x.txt\","
                          "\"fingerprint\":\"sha256:00\",\"length\":60},"
                          "\"highlights\":[%s]}", version, entries);
}

/* Tests */

static void
test_no_file (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autofree char *sub = g_build_filename (fixture->dir, "not", "yet", NULL);
  g_autoptr(LecternAnnotationStore) store = load_store (sub, document);

  g_assert_cmpstr (lectern_annotation_store_get_directory (store), ==, sub);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == LECTERN_TYPE_HIGHLIGHT);
  g_assert_false (lectern_annotation_store_is_read_only (store, lectern_document_get_id (document)));

  /* Nothing changed, nothing written, not even the directory. */
  flush_ok (store);
  g_assert_false (g_file_test (sub, G_FILE_TEST_EXISTS));

  /* The directory is made on the first write. */
  add_highlight (store, document, 0, 3);
  flush_ok (store);
  g_assert_true (g_file_test (sub, G_FILE_TEST_IS_DIR));
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_default_directory (void)
{
  g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (NULL);
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "lectern", "annotations", NULL);
  g_autofree char *path = lectern_annotation_store_dup_path (store, "0123456789abcdef");
  g_autofree char *expected_path = g_build_filename (expected, "0123456789abcdef.json", NULL);

  g_assert_cmpstr (lectern_annotation_store_get_directory (store), ==, expected);
  g_assert_cmpstr (path, ==, expected_path);
}

static void
test_path_is_key (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (fixture->dir);
  g_autofree char *path = lectern_annotation_store_dup_path (store, lectern_document_get_id (document));
  g_autofree char *expected = file_for (fixture->dir, "");
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, DOC_URI, -1);

  g_assert_cmpstr (path, ==, expected);
  g_assert_true (strncmp (lectern_document_get_id (document), sum, 16) == 0);
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
count_cb (LecternAnnotationStore *store,
          const char             *document_id,
          guint                  *count)
{
  (*count)++;
}

static void
test_items_changed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = load_store (fixture->dir, document);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GError) error = NULL;
  g_autoptr(LecternHighlight) item = NULL;
  LecternHighlight *a, *b, *c;
  guint n_document_changed = 0;
  Change *change;

  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), changes);
  g_signal_connect (store, "document-changed", G_CALLBACK (count_cb), &n_document_changed);

  a = add_highlight (store, document, 0, 3);
  b = add_highlight (store, document, 4, 9);
  c = add_highlight (store, document, 10, 15);
  g_assert_cmpuint (changes->len, ==, 3);
  change = &g_array_index (changes, Change, 2);
  g_assert_cmpuint (change->position, ==, 2);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, 1);
  g_assert_cmpuint (n_document_changed, ==, 3);

  /* Adding again does nothing. */
  g_assert_true (lectern_annotation_store_add (store, b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 3);

  g_assert_true (lectern_annotation_store_remove (store, b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 4);
  change = &g_array_index (changes, Change, 3);
  g_assert_cmpuint (change->position, ==, 1);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 0);
  g_assert_cmpuint (n_document_changed, ==, 4);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  item = g_list_model_get_item (G_LIST_MODEL (store), 1);
  g_assert_true (item == c);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (store), 2));
  g_assert_true (lectern_annotation_store_find (store, lectern_highlight_get_id (a)) == a);
  g_assert_null (lectern_annotation_store_find (store, "no-such-id"));

  g_signal_handlers_disconnect_by_data (store, changes);
  g_signal_handlers_disconnect_by_data (store, &n_document_changed);
}

static void
test_removed_highlight_is_released (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = load_store (fixture->dir, document);
  g_autoptr(GError) error = NULL;
  LecternHighlight *highlight = add_highlight (store, document, 0, 3);
  guint n_document_changed = 0;

  g_object_ref (highlight);
  g_assert_true (lectern_annotation_store_remove (store, highlight, &error));
  g_assert_no_error (error);

  /* The store no longer listens to it. */
  g_signal_connect (store, "document-changed", G_CALLBACK (count_cb), &n_document_changed);
  lectern_highlight_set_note (highlight, "after removal");
  g_assert_cmpuint (n_document_changed, ==, 0);

  /* Removing it again does nothing. */
  g_assert_true (lectern_annotation_store_remove (store, highlight, &error));
  g_assert_no_error (error);

  g_assert_finalize_object (highlight);
  g_signal_handlers_disconnect_by_data (store, &n_document_changed);
}

static void
test_list_and_find_range (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternDocument) other = lectern_test_make_document (OTHER_URI, "other text");
  g_autoptr(LecternAnnotationStore) store = load_store (fixture->dir, document);
  const char *id = lectern_document_get_id (document);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) empty = NULL;
  g_autoptr(GError) error = NULL;
  LecternHighlight *late, *early, *middle;

  lectern_annotation_store_load_document (store, other, &error);
  g_assert_no_error (error);

  late = add_highlight (store, document, 20, 25);
  early = add_highlight (store, document, 0, 9);
  middle = add_highlight (store, document, 0, 12);
  add_highlight (store, other, 0, 5);

  list = lectern_annotation_store_list_for_document (store, id);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_true (g_ptr_array_index (list, 0) == early);
  g_assert_true (g_ptr_array_index (list, 1) == middle);
  g_assert_true (g_ptr_array_index (list, 2) == late);

  g_assert_cmpuint (lectern_annotation_store_count_for_document (store, id), ==, 3);
  g_assert_cmpuint (lectern_annotation_store_count_for_document (store, lectern_document_get_id (other)), ==, 1);
  g_assert_cmpuint (lectern_annotation_store_count_for_document (store, "unknown"), ==, 0);

  g_assert_true (lectern_annotation_store_find_range (store, id, 0, 12) == middle);
  g_assert_null (lectern_annotation_store_find_range (store, id, 0, 11));
  g_assert_null (lectern_annotation_store_find_range (store, lectern_document_get_id (other), 0, 12));

  empty = lectern_annotation_store_list_for_document (store, "unknown");
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
assert_same_highlight (LecternHighlight *a,
                       LecternHighlight *b)
{
  g_assert_cmpstr (lectern_highlight_get_id (a), ==, lectern_highlight_get_id (b));
  g_assert_cmpstr (lectern_highlight_get_document_id (a), ==, lectern_highlight_get_document_id (b));
  g_assert_cmpint (lectern_highlight_get_color (a), ==, lectern_highlight_get_color (b));
  g_assert_cmpstr (lectern_highlight_get_note (a), ==, lectern_highlight_get_note (b));
  g_assert_true (g_strv_equal (lectern_highlight_get_tags (a), lectern_highlight_get_tags (b)));
  g_assert_true (g_date_time_equal (lectern_highlight_get_created (a), lectern_highlight_get_created (b)));
  g_assert_true (g_date_time_equal (lectern_highlight_get_modified (a), lectern_highlight_get_modified (b)));
  g_assert_cmpuint (lectern_highlight_get_start (a), ==, lectern_highlight_get_start (b));
  g_assert_cmpuint (lectern_highlight_get_end (a), ==, lectern_highlight_get_end (b));
  g_assert_cmpstr (lectern_highlight_get_exact (a), ==, lectern_highlight_get_exact (b));
  g_assert_cmpstr (lectern_highlight_get_prefix (a), ==, lectern_highlight_get_prefix (b));
  g_assert_cmpstr (lectern_highlight_get_suffix (a), ==, lectern_highlight_get_suffix (b));
  g_assert_cmpint (lectern_highlight_get_state (a), ==, lectern_highlight_get_state (b));
}

static void
assert_round_trip (const char      *dir,
                   LecternDocument *document,
                   GPtrArray       *originals)
{
  g_autoptr(LecternAnnotationStore) store = load_store (dir, document);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, originals->len);

  for (guint i = 0; i < originals->len; i++)
    {
      LecternHighlight *original = g_ptr_array_index (originals, i);
      LecternHighlight *loaded = lectern_annotation_store_find (store, lectern_highlight_get_id (original));

      g_assert_nonnull (loaded);
      g_assert_true (loaded != original);
      assert_same_highlight (original, loaded);
    }

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_round_trip_1000 (Fixture       *fixture,
                      gconstpointer  data)
{
  /* Long enough for every range below: one past the end would be placed
   * again on load (see test_range_past_end). */
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(LecternDocument) document = NULL;
  g_autoptr(LecternAnnotationStore) store = NULL;
  g_autoptr(GPtrArray) originals = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < 300; i++)
    g_string_append (text, "Words to read. ");
  document = lectern_test_make_document (DOC_URI, text->str);
  store = load_store (fixture->dir, document);

  for (guint i = 0; i < 1000; i++)
    {
      LecternHighlight *highlight = add_highlight (store, document, i, i + 1 + i % 7);
      g_autofree char *note = g_strdup_printf ("note %u with \"quotes\", \\ and\nnewline", i);
      g_autofree char *tag = g_strdup_printf ("tag-%u", i % 10);
      const char * const tags[] = { tag, "common", NULL };

      lectern_highlight_set_color (highlight, i % LECTERN_N_COLORS);
      if (i % 3 == 0)
        lectern_highlight_set_note (highlight, note);
      if (i % 2 == 0)
        lectern_highlight_set_tags (highlight, tags);
      if (i % 5 == 0)
        lectern_highlight_set_state (highlight, LECTERN_HIGHLIGHT_ORPHANED);
      g_ptr_array_add (originals, g_object_ref (highlight));
    }

  flush_ok (store);
  assert_round_trip (fixture->dir, document, originals);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_non_ascii_notes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = load_store (fixture->dir, document);
  g_autoptr(GPtrArray) originals = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LecternHighlight) highlight = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = file_for (fixture->dir, "");
  g_autoptr(GBytes) bytes = NULL;
  const char * const tags[] = { "동맹", "🦊", "naïve", NULL };
  const char *text;
  gsize size;

  highlight = lectern_highlight_new (lectern_document_get_id (document), LECTERN_COLOR_RED,
                                     45, 53, "빠른 갈색 여우", "lazy dog.\n", ".\n");
  lectern_highlight_set_note (highlight, "동맹은 평균 9.5년 지속된다 — 이것은 70년. 🎉👍🏽\u200d");
  lectern_highlight_set_tags (highlight, tags);
  g_assert_true (lectern_annotation_store_add (store, highlight, &error));
  g_assert_no_error (error);
  g_ptr_array_add (originals, g_object_ref (highlight));
  flush_ok (store);

  bytes = lectern_test_read_bytes (path);
  text = g_bytes_get_data (bytes, &size);
  g_assert_true (g_utf8_validate (text, size, NULL));

  assert_round_trip (fixture->dir, document, originals);
}

static void
test_format_v1 (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = load_store (fixture->dir, document);
  g_autofree char *path = file_for (fixture->dir, "");
  g_autofree char *fingerprint = g_strconcat ("sha256:", lectern_document_get_fingerprint (document), NULL);
  g_autoptr(JsonObject) root = NULL;
  LecternHighlight *highlight = add_highlight (store, document, 4, 9);
  JsonObject *doc, *entry, *target;
  JsonArray *highlights;
  GStatBuf st;

  flush_ok (store);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  root = parse_file (path);
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "lectern-annotations");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);

  doc = json_object_get_object_member (root, "document");
  g_assert_cmpstr (json_object_get_string_member (doc, "uri"), ==, DOC_URI);
  g_assert_cmpstr (json_object_get_string_member (doc, "title"), ==, lectern_document_get_title (document));
  g_assert_cmpstr (json_object_get_string_member (doc, "fingerprint"), ==, fingerprint);
  g_assert_cmpint (json_object_get_int_member (doc, "length"), ==, lectern_document_get_length (document));

  highlights = json_object_get_array_member (root, "highlights");
  g_assert_cmpuint (json_array_get_length (highlights), ==, 1);
  entry = json_array_get_object_element (highlights, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "id"), ==, lectern_highlight_get_id (highlight));
  g_assert_cmpstr (json_object_get_string_member (entry, "color"), ==, "yellow");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (entry, "created"), "Z"));
  g_assert_cmpuint (strlen (json_object_get_string_member (entry, "created")), ==, strlen ("2026-11-22T10:00:00Z"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (entry, "modified"), "Z"));
  g_assert_cmpstr (json_object_get_string_member (entry, "note"), ==, "");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (entry, "tags")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "state"), ==, "anchored");

  target = json_object_get_object_member (entry, "target");
  g_assert_cmpint (json_object_get_int_member (target, "start"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (target, "end"), ==, 9);
  g_assert_cmpstr (json_object_get_string_member (target, "exact"), ==, "exact");
  g_assert_cmpstr (json_object_get_string_member (target, "prefix"), ==, "prefix");
  g_assert_cmpstr (json_object_get_string_member (target, "suffix"), ==, "suffix");
}

static void
test_load_idempotent (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternDocument) again = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = load_store (fixture->dir, document);
  g_autoptr(GError) error = NULL;

  add_highlight (store, document, 0, 3);
  add_highlight (store, document, 4, 9);
  flush_ok (store);
  g_clear_object (&store);

  store = load_store (fixture->dir, document);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_true (lectern_annotation_store_load_document (store, document, &error));
  g_assert_true (lectern_annotation_store_load_document (store, again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
}

static void
test_load_emits_items_changed (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = load_store (fixture->dir, document);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GError) error = NULL;
  Change *change;

  for (guint i = 0; i < 5; i++)
    add_highlight (store, document, i, i + 1);
  flush_ok (store);
  g_assert_finalize_object (g_steal_pointer (&store));

  store = lectern_annotation_store_new (fixture->dir);
  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), changes);
  g_assert_true (lectern_annotation_store_load_document (store, document, &error));
  g_assert_no_error (error);

  /* One batch for the whole file. */
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, 5);
  g_signal_handlers_disconnect_by_data (store, changes);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @path exists or 5 s have passed. */
static void
wait_for_file (const char *path)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (5, timeout_cb, &timed_out);

  while (!g_file_test (path, G_FILE_TEST_EXISTS) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

static void
test_autosave_without_flush (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = load_store (fixture->dir, document);
  g_autofree char *path = file_for (fixture->dir, "");
  g_autoptr(JsonObject) root = NULL;
  gint64 start;

  /* The default delay: a change is on disk within a second. */
  start = g_get_monotonic_time ();
  add_highlight (store, document, 0, 3);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  wait_for_file (path);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 1500 * 1000);

  root = parse_file (path);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "highlights")), ==, 1);
}

static void
test_autosave_after_edit (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = load_store (fixture->dir, document);
  g_autofree char *path = file_for (fixture->dir, "");
  g_autofree char *bak = file_for (fixture->dir, ".bak");
  g_autoptr(JsonObject) root = NULL;
  LecternHighlight *highlight;
  JsonObject *entry;

  lectern_annotation_store_set_autosave_delay (store, 20);
  highlight = add_highlight (store, document, 0, 3);
  flush_ok (store);

  /* A change to a held highlight is saved too. */
  lectern_highlight_set_note (highlight, "edited");
  wait_for_file (bak);
  /* The .bak is written first: wait for the file itself too. */
  flush_ok (store);

  root = parse_file (path);
  entry = json_array_get_object_element (json_object_get_array_member (root, "highlights"), 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "note"), ==, "edited");
}

static void
test_dispose_saves (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = load_store (fixture->dir, document);
  g_autofree char *path = file_for (fixture->dir, "");

  add_highlight (store, document, 0, 3);
  g_assert_finalize_object (g_steal_pointer (&store));

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  store = load_store (fixture->dir, document);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
}

static void
test_only_changed_documents_written (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternDocument) other = lectern_test_make_document (OTHER_URI, "other text");
  g_autoptr(LecternAnnotationStore) store = load_store (fixture->dir, document);
  g_autofree char *other_path = lectern_annotation_store_dup_path (store, lectern_document_get_id (other));
  g_autoptr(GError) error = NULL;

  lectern_annotation_store_load_document (store, other, &error);
  g_assert_no_error (error);

  add_highlight (store, document, 0, 3);
  add_highlight (store, other, 0, 3);
  flush_ok (store);
  g_assert_true (g_file_test (other_path, G_FILE_TEST_EXISTS));

  /* Were the other document written again, its file would come back. */
  g_assert_cmpint (g_remove (other_path), ==, 0);
  add_highlight (store, document, 4, 9);
  flush_ok (store);
  g_assert_false (g_file_test (other_path, G_FILE_TEST_EXISTS));
}

static void
test_bak_is_previous (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = load_store (fixture->dir, document);
  g_autofree char *path = file_for (fixture->dir, "");
  g_autofree char *bak = file_for (fixture->dir, ".bak");
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) bak_bytes = NULL;
  GStatBuf st;

  add_highlight (store, document, 0, 3);
  flush_ok (store);
  g_assert_false (g_file_test (bak, G_FILE_TEST_EXISTS));
  first = lectern_test_read_bytes (path);

  add_highlight (store, document, 4, 9);
  flush_ok (store);
  second = lectern_test_read_bytes (path);
  bak_bytes = lectern_test_read_bytes (bak);
  g_assert_false (g_bytes_equal (first, second));
  g_assert_true (g_bytes_equal (first, bak_bytes));
  g_assert_cmpint (g_stat (bak, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* After a reload the .bak still comes from memory, not a re-read. */
  g_assert_finalize_object (g_steal_pointer (&store));
  store = load_store (fixture->dir, document);
  add_highlight (store, document, 10, 15);
  flush_ok (store);
  g_clear_pointer (&bak_bytes, g_bytes_unref);
  bak_bytes = lectern_test_read_bytes (bak);
  g_assert_true (g_bytes_equal (second, bak_bytes));
}

static void
assert_corrupt_kept (Fixture    *fixture,
                     const char *contents)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (fixture->dir);
  g_autofree char *path = file_for (fixture->dir, "");
  g_autofree char *key = lectern_document_key_for_uri (DOC_URI);
  g_autofree char *prefix = g_strconcat (key, ".json.corrupt-", NULL);
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GBytes) kept_bytes = NULL;
  g_autofree char *kept_path = NULL;
  g_autoptr(GError) error = NULL;

  write_text (path, contents);

  g_assert_false (lectern_annotation_store_load_document (store, document, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));

  /* Moved aside, byte for byte, under a name that says so. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  kept = list_matching (fixture->dir, prefix);
  g_assert_cmpuint (kept->len, ==, 1);
  g_assert_nonnull (strstr (error->message, g_ptr_array_index (kept, 0)));
  kept_path = g_build_filename (fixture->dir, g_ptr_array_index (kept, 0), NULL);
  kept_bytes = lectern_test_read_bytes (kept_path);
  g_assert_cmpmem (g_bytes_get_data (kept_bytes, NULL), g_bytes_get_size (kept_bytes),
                   contents, strlen (contents));

  /* The document is attached, empty and writable. */
  g_assert_false (lectern_annotation_store_is_read_only (store, lectern_document_get_id (document)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  add_highlight (store, document, 0, 3);
  flush_ok (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_corrupt_file_kept (Fixture       *fixture,
                        gconstpointer  data)
{
  assert_corrupt_kept (fixture, "{\"format\": \"lectern-annotations\", \"version\": 1, \"highl");
}

static void
test_corrupt_wrong_shape (Fixture       *fixture,
                          gconstpointer  data)
{
  assert_corrupt_kept (fixture, "[1, 2, 3]");
}

static void
test_corrupt_wrong_format (Fixture       *fixture,
                           gconstpointer  data)
{
  assert_corrupt_kept (fixture, "{\"format\": \"something-else\", \"version\": 1, \"highlights\": []}");
}

static void
test_corrupt_highlights_not_array (Fixture       *fixture,
                                   gconstpointer  data)
{
  assert_corrupt_kept (fixture, "{\"format\": \"lectern-annotations\", \"version\": 1, \"highlights\": 7}");
}

static void
test_corrupt_not_utf8 (Fixture       *fixture,
                       gconstpointer  data)
{
  assert_corrupt_kept (fixture, "{\"format\": \"lectern-annotations\", \"version\": 1, \"x\": \"\xff\xfe\"}");
}

static void
test_corrupt_all_entries_bad (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *json = file_json (1, "{\"id\": 5}, \"nonsense\"");

  assert_corrupt_kept (fixture, json);
}

static void
test_corrupt_twice_kept_apart (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *key = lectern_document_key_for_uri (DOC_URI);
  g_autofree char *prefix = g_strconcat (key, ".json.corrupt-", NULL);
  g_autofree char *path = file_for (fixture->dir, "");
  g_autoptr(GPtrArray) kept = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(LecternDocument) document = make_default_document ();
      g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (fixture->dir);
      g_autoptr(GError) error = NULL;

      write_text (path, "not json");
      g_assert_false (lectern_annotation_store_load_document (store, document, &error));
      g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_CORRUPT);
    }

  /* Within the same second the second name gets a counter. */
  kept = list_matching (fixture->dir, prefix);
  g_assert_cmpuint (kept->len, ==, 2);
}

static void
test_bad_entries_skipped_and_kept (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (fixture->dir);
  g_autofree char *path = file_for (fixture->dir, "");
  g_autofree char *entries = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = NULL;
  LecternHighlight *good;
  JsonArray *saved;

  entries = g_strconcat (v1_highlight_json, ","
                         "{\"id\":\"bad-color\",\"color\":\"orange\",\"created\":\"2026-11-22T10:00:00Z\","
                         "\"target\":{\"start\":1,\"end\":2,\"exact\":\"h\"}},"
                         "{\"id\":\"no-target\",\"color\":\"red\",\"created\":\"2026-11-22T10:00:00Z\"},"
                         "{\"id\":\"bad-range\",\"color\":\"red\",\"created\":\"2026-11-22T10:00:00Z\","
                         "\"target\":{\"start\":5,\"end\":2,\"exact\":\"h\"}},"
                         "{\"id\":\"bad-time\",\"color\":\"red\",\"created\":\"yesterday\","
                         "\"target\":{\"start\":1,\"end\":2,\"exact\":\"h\"}}",
                         NULL);
  json = file_json (1, entries);
  write_text (path, json);

  g_assert_true (lectern_annotation_store_load_document (store, document, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  good = lectern_annotation_store_find (store, "h-good");
  g_assert_nonnull (good);
  g_assert_null (lectern_annotation_store_find (store, "bad-color"));

  /* Unreadable entries are written back unchanged, not dropped unseen. */
  lectern_highlight_set_color (good, LECTERN_COLOR_BLUE);
  flush_ok (store);
  root = parse_file (path);
  saved = json_object_get_array_member (root, "highlights");
  g_assert_cmpuint (json_array_get_length (saved), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (saved, 0), "color"), ==, "blue");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (saved, 1), "color"), ==, "orange");
}

/* A file whose fingerprint matches the text but whose range lies past
 * its end (edited by hand, or damaged): the highlight is placed again
 * by its quote, and the corrected range is saved. */
static void
test_range_past_end (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (fixture->dir);
  g_autofree char *path = file_for (fixture->dir, "");
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *target;
  LecternHighlight *highlight;

  json = g_strdup_printf ("{\"format\":\"lectern-annotations\",\"version\":1,"
                          "\"document\":{\"uri\":\"" DOC_URI "\",\"title\":\"x.txt\","
                          "\"fingerprint\":\"sha256:%s\",\"length\":60},"
                          "\"highlights\":[{\"id\":\"past-end\",\"color\":\"red\",\"created\":\"2026-11-22T10:00:00Z\","
                          "\"target\":{\"start\":40,\"end\":400,\"exact\":\"lazy dog\"},"
                          "\"state\":\"anchored\"}]}",
                          lectern_document_get_fingerprint (document));
  write_text (path, json);

  g_assert_true (lectern_annotation_store_load_document (store, document, &error));
  g_assert_no_error (error);

  highlight = lectern_annotation_store_find (store, "past-end");
  g_assert_nonnull (highlight);
  g_assert_cmpint (lectern_highlight_get_state (highlight), ==, LECTERN_HIGHLIGHT_ANCHORED);
  g_assert_cmpuint (lectern_highlight_get_start (highlight), ==, 35);
  g_assert_cmpuint (lectern_highlight_get_end (highlight), ==, 43);
  g_assert_cmpstr (lectern_highlight_get_exact (highlight), ==, "lazy dog");

  flush_ok (store);
  saved = parse_file (path);
  target = json_object_get_object_member (json_array_get_object_element (json_object_get_array_member (saved, "highlights"), 0),
                                          "target");
  g_assert_cmpint (json_object_get_int_member (target, "start"), ==, 35);
  g_assert_cmpint (json_object_get_int_member (target, "end"), ==, 43);
}

static void
test_missing_optional_fields (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (fixture->dir);
  g_autofree char *path = file_for (fixture->dir, "");
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  LecternHighlight *highlight;

  json = file_json (1, "{\"id\":\"minimal\",\"color\":\"purple\",\"created\":\"2026-11-22T19:00:00+09:00\","
                       "\"unknown\":{\"x\":1},\"note\":null,"
                       "\"target\":{\"start\":1,\"end\":4,\"exact\":\"he \"}}");
  write_text (path, json);

  g_assert_true (lectern_annotation_store_load_document (store, document, &error));
  g_assert_no_error (error);

  highlight = lectern_annotation_store_find (store, "minimal");
  g_assert_nonnull (highlight);
  g_assert_cmpint (lectern_highlight_get_color (highlight), ==, LECTERN_COLOR_PURPLE);
  g_assert_cmpstr (lectern_highlight_get_note (highlight), ==, "");
  g_assert_null (lectern_highlight_get_tags (highlight)[0]);
  g_assert_cmpstr (lectern_highlight_get_prefix (highlight), ==, "");
  g_assert_cmpstr (lectern_highlight_get_suffix (highlight), ==, "");
  g_assert_cmpint (lectern_highlight_get_state (highlight), ==, LECTERN_HIGHLIGHT_ANCHORED);
  g_assert_cmpint (g_date_time_get_hour (lectern_highlight_get_created (highlight)), ==, 10);
  g_assert_true (g_date_time_equal (lectern_highlight_get_created (highlight),
                                    lectern_highlight_get_modified (highlight)));
}

static void
test_duplicate_id_kept_aside (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (fixture->dir);
  g_autofree char *path = file_for (fixture->dir, "");
  g_autofree char *entries = g_strjoin (",", v1_highlight_json, v1_highlight_json, NULL);
  g_autofree char *json = file_json (1, entries);
  g_autoptr(GError) error = NULL;

  write_text (path, json);
  g_assert_true (lectern_annotation_store_load_document (store, document, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
}

static void
test_newer_version_read_only (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (fixture->dir);
  g_autofree char *path = file_for (fixture->dir, "");
  g_autofree char *bak = file_for (fixture->dir, ".bak");
  g_autofree char *entries = g_strconcat (v1_highlight_json, ",{\"id\":\"v2-only\",\"shape\":\"circle\"}", NULL);
  g_autofree char *json = file_json (2, entries);
  const char *id = lectern_document_get_id (document);
  g_autoptr(LecternHighlight) extra = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  LecternHighlight *loaded;

  write_text (path, json);

  g_assert_false (lectern_annotation_store_load_document (store, document, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_NEWER_VERSION);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* Loaded as far as understood, but read-only. */
  g_assert_true (lectern_annotation_store_is_read_only (store, id));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  loaded = lectern_annotation_store_find (store, "h-good");
  g_assert_nonnull (loaded);

  extra = lectern_highlight_new (id, LECTERN_COLOR_RED, 0, 3, "The", NULL, NULL);
  g_assert_false (lectern_annotation_store_add (store, extra, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (lectern_annotation_store_remove (store, loaded, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

  /* Even a direct edit of a highlight is never written. */
  lectern_highlight_set_note (loaded, "changed");
  flush_ok (store);
  g_assert_finalize_object (g_steal_pointer (&store));

  after = lectern_test_read_bytes (path);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), json, strlen (json));
  g_assert_false (g_file_test (bak, G_FILE_TEST_EXISTS));
}

static void
test_unreadable_file (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (fixture->dir);
  g_autofree char *path = file_for (fixture->dir, "");
  g_autofree char *json = file_json (1, v1_highlight_json);
  g_autoptr(LecternHighlight) extra = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  write_text (path, json);
  g_chmod (path, 0000);

  /* Root reads anything; a directory in the file's place cannot be read
   * by anyone. */
  if (g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_free (contents);
      g_assert_cmpint (g_remove (path), ==, 0);
      g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
    }

  g_assert_false (lectern_annotation_store_load_document (store, document, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  g_assert_true (lectern_annotation_store_is_read_only (store, lectern_document_get_id (document)));
  extra = lectern_highlight_new (lectern_document_get_id (document), LECTERN_COLOR_RED, 0, 3, "The", NULL, NULL);
  g_assert_false (lectern_annotation_store_add (store, extra, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_READ_ONLY);

  flush_ok (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_chmod (path, 0600);
}

/* Makes writes into @dir fail. A read-only directory does that for a
 * normal user; root ignores permissions, so there a file size limit
 * stands in for a full disk. Returns what undo_block_writes() needs. */
typedef struct
{
  gboolean      limited;
  struct rlimit old_limit;
} WriteBlock;

static WriteBlock
block_writes (const char *dir)
{
  g_autofree char *probe = g_build_filename (dir, "probe", NULL);
  WriteBlock block = { FALSE, };
  struct rlimit limit;

  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  if (!g_file_set_contents (probe, "x", 1, NULL))
    return block;

  g_remove (probe);
  g_chmod (dir, 0700);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &block.old_limit), ==, 0);
  limit = block.old_limit;
  limit.rlim_cur = 16;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  block.limited = TRUE;

  return block;
}

static void
undo_block_writes (const char *dir,
                   WriteBlock *block)
{
  if (block->limited)
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &block->old_limit), ==, 0);
  g_chmod (dir, 0700);
}

typedef struct
{
  guint   count;
  char   *document_id;
  GError *error;
} SaveFailedLog;

static void
save_failed_cb (LecternAnnotationStore *store,
                const char             *document_id,
                const GError           *error,
                SaveFailedLog          *log)
{
  log->count++;
  g_free (log->document_id);
  log->document_id = g_strdup (document_id);
  g_clear_error (&log->error);
  log->error = g_error_copy (error);
}

static void
test_failed_write_leaves_old_file (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = load_store (fixture->dir, document);
  g_autofree char *path = file_for (fixture->dir, "");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  SaveFailedLog log = { 0, };
  WriteBlock block;

  g_signal_connect (store, "save-failed", G_CALLBACK (save_failed_cb), &log);
  add_highlight (store, document, 0, 3);
  flush_ok (store);
  before = lectern_test_read_bytes (path);

  add_highlight (store, document, 4, 9);
  block = block_writes (fixture->dir);
  g_assert_false (lectern_annotation_store_flush (store, &error));
  undo_block_writes (fixture->dir, &block);

  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_WRITE_FAILED);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpstr (log.document_id, ==, lectern_document_get_id (document));
  g_assert_error (log.error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_WRITE_FAILED);

  after = lectern_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);

  /* Still dirty: the next flush writes it. */
  flush_ok (store);
  g_clear_pointer (&after, g_bytes_unref);
  after = lectern_test_read_bytes (path);
  g_assert_false (g_bytes_equal (before, after));

  g_signal_handlers_disconnect_by_data (store, &log);
  g_free (log.document_id);
  g_clear_error (&log.error);
}

static void
test_failed_autosave_emits_save_failed (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = load_store (fixture->dir, document);
  g_autofree char *path = file_for (fixture->dir, "");
  gboolean timed_out = FALSE;
  SaveFailedLog log = { 0, };
  WriteBlock block;
  guint timeout_id;

  g_signal_connect (store, "save-failed", G_CALLBACK (save_failed_cb), &log);
  lectern_annotation_store_set_autosave_delay (store, 10);

  block = block_writes (fixture->dir);
  add_highlight (store, document, 0, 3);
  timeout_id = g_timeout_add_seconds (5, timeout_cb, &timed_out);
  while (log.count == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  undo_block_writes (fixture->dir, &block);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);

  g_assert_error (log.error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_WRITE_FAILED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* The next change schedules another try, which now succeeds. */
  add_highlight (store, document, 4, 9);
  wait_for_file (path);
  g_assert_cmpuint (log.count, ==, 1);

  g_signal_handlers_disconnect_by_data (store, &log);
  g_free (log.document_id);
  g_clear_error (&log.error);
}

static void
problem_notify_cb (GObject    *store,
                   GParamSpec *pspec,
                   GPtrArray  *seen)
{
  g_autofree char *problem = NULL;

  g_object_get (store, "save-problem", &problem, NULL);
  g_ptr_array_add (seen, g_steal_pointer (&problem));
}

/* Issue 19, item 3: a failed save keeps its whole cause visible as
 * :save-problem, and is tried again without any further edit; the
 * problem clears once it succeeds. */
static void
test_failed_save_retried (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = load_store (fixture->dir, document);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = file_for (fixture->dir, "");
  gboolean timed_out = FALSE;
  WriteBlock block;
  guint timeout_id;

  g_signal_connect (store, "notify::save-problem", G_CALLBACK (problem_notify_cb), seen);
  lectern_annotation_store_set_autosave_delay (store, 10);

  block = block_writes (fixture->dir);
  add_highlight (store, document, 0, 3);
  timeout_id = g_timeout_add_seconds (10, timeout_cb, &timed_out);
  while (seen->len == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  undo_block_writes (fixture->dir, &block);
  g_assert_false (timed_out);
  g_assert_nonnull (g_ptr_array_index (seen, 0));
  g_assert_nonnull (strstr (g_ptr_array_index (seen, 0), path));

  /* No edit: the retry alone saves. */
  while (seen->len < 2 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
  g_assert_null (g_ptr_array_index (seen, seen->len - 1));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  g_signal_handlers_disconnect_by_data (store, seen);
}

static void
test_load_save_100k (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = load_store (fixture->dir, document);
  const char *id = lectern_document_get_id (document);
  gint64 start;
  double save_ms, load_ms;

  for (guint i = 0; i < 100000; i++)
    {
      g_autoptr(LecternHighlight) highlight = NULL;

      highlight = lectern_highlight_new (id, i % LECTERN_N_COLORS, i * 10, i * 10 + 40,
                                         "Alliances last 9.5 years on average — this one 70.",
                                         "…thirty-two characters before it",
                                         "thirty-two characters after it…");
      g_assert_true (lectern_annotation_store_add (store, highlight, NULL));
    }

  start = g_get_monotonic_time ();
  flush_ok (store);
  save_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_finalize_object (g_steal_pointer (&store));

  store = lectern_annotation_store_new (fixture->dir);
  start = g_get_monotonic_time ();
  g_assert_true (lectern_annotation_store_load_document (store, document, NULL));
  load_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 100000);

  g_test_minimized_result (save_ms, "save 100k highlights: %.0f ms", save_ms);
  g_test_minimized_result (load_ms, "load 100k highlights: %.0f ms", load_ms);
}

/* A person opening a highlights file reads first which document it is
 * for: its title and place come before the highlights. */
static void
test_file_names_document_first (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = load_store (fixture->dir, document);
  g_autofree char *path = lectern_annotation_store_dup_path (store, lectern_document_get_id (document));
  g_autofree char *contents = NULL;
  const char *doc;

  add_highlight (store, document, 4, 9);
  flush_ok (store);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));

  doc = strstr (contents, "\"document\"");
  g_assert_nonnull (doc);
  g_assert_true (doc < strstr (contents, "\"highlights\""));
  g_assert_true (strstr (doc, "\"uri\"") < strstr (contents, "\"highlights\""));
  g_assert_true (strstr (doc, "\"title\"") < strstr (contents, "\"highlights\""));
}

static void
stored_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  int *added = user_data;

  *added = lectern_annotation_store_load_stored_finish (LECTERN_ANNOTATION_STORE (object), result, NULL);
}

static int
load_stored (LecternAnnotationStore *store)
{
  int added = -2;

  lectern_annotation_store_load_stored_async (store, NULL, stored_done_cb, &added);
  while (added == -2)
    g_main_context_iteration (NULL, TRUE);

  return added;
}

/* Highlights read without their document are listed, read-only, and
 * their file is left as it is; loading the document takes them over. */
static void
test_stored_detached (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = load_store (fixture->dir, document);
  g_autoptr(LecternAnnotationStore) other = lectern_annotation_store_new (fixture->dir);
  g_autoptr(LecternHighlight) highlight = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = lectern_document_get_id (document);

  add_highlight (store, document, 4, 9);
  add_highlight (store, document, 10, 15);
  flush_ok (store);

  g_assert_cmpint (load_stored (other), ==, 2);
  g_assert_true (lectern_annotation_store_is_detached (other, id));

  highlight = g_list_model_get_item (G_LIST_MODEL (other), 0);
  g_assert_false (lectern_annotation_store_remove (other, highlight, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* Loading again lists nothing twice. */
  g_assert_cmpint (load_stored (other), ==, 0);

  g_assert_true (lectern_annotation_store_load_document (other, document, &error));
  g_assert_no_error (error);
  g_assert_false (lectern_annotation_store_is_detached (other, id));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 2);
}

/* Issue 19, item 2: a main file zeroed, truncated or half-written is
 * kept aside and its .bak loaded, said in a message naming both; the
 * .bak is not overwritten while it is the only good copy. */
static void
assert_bak_recovers (Fixture    *fixture,
                     const char *broken,
                     gssize      length)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = NULL;
  g_autofree char *path = file_for (fixture->dir, "");
  g_autofree char *bak = file_for (fixture->dir, ".bak");
  g_autofree char *good = NULL;
  g_autoptr(GBytes) bak_before = NULL;
  g_autoptr(GBytes) bak_after = NULL;
  g_autoptr(GError) error = NULL;

  good = file_json (1, v1_highlight_json);
  write_text (bak, good);
  g_file_set_contents (path, broken, length, &error);
  g_assert_no_error (error);
  bak_before = lectern_test_read_bytes (bak);

  store = lectern_annotation_store_new (fixture->dir);
  g_assert_false (lectern_annotation_store_load_document (store, document, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, ".bak"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_nonnull (lectern_annotation_store_find (store, "h-good"));

  /* The first save makes a new main file; the .bak stays as it was. */
  add_highlight (store, document, 0, 3);
  flush_ok (store);
  bak_after = lectern_test_read_bytes (bak);
  g_assert_true (g_bytes_equal (bak_before, bak_after));

  g_assert_finalize_object (g_steal_pointer (&store));
  store = load_store (fixture->dir, document);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
}

static void
test_bak_recovers_zeroed (Fixture       *fixture,
                          gconstpointer  data)
{
  /* Zero bytes, as a file-system crash leaves them. */
  static const char zeros[512] = { 0 };

  assert_bak_recovers (fixture, zeros, sizeof zeros);
}

static void
test_bak_recovers_empty (Fixture       *fixture,
                         gconstpointer  data)
{
  assert_bak_recovers (fixture, "", 0);
}

static void
test_bak_recovers_truncated (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *whole = file_json (1, v1_highlight_json);

  assert_bak_recovers (fixture, whole, strlen (whole) / 2);
}

static void
test_bak_recovers_half_written (Fixture       *fixture,
                                gconstpointer  data)
{
  assert_bak_recovers (fixture, "{\"format\":\"lectern-annotations\",\"version\":1,\"highlights\":[{\"id\":", -1);
}

/* Issue 19, item 8: a symlinked file is written through to its target,
 * beside it; the link stays a link. */
static void
test_symlink_written_through (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = NULL;
  g_autofree char *path = file_for (fixture->dir, "");
  g_autofree char *synced = g_build_filename (fixture->dir, "synced", NULL);
  g_autofree char *target = g_build_filename (synced, "highlights.json", NULL);
  g_autofree char *target_bak = g_strconcat (target, ".bak", NULL);
  g_autofree char *path_bak = file_for (fixture->dir, ".bak");
  g_autofree char *good = file_json (1, v1_highlight_json);
  g_autofree char *link = NULL;
  GStatBuf st;

  g_assert_cmpint (g_mkdir_with_parents (synced, 0700), ==, 0);
  write_text (target, good);
  g_assert_cmpint (symlink (target, path), ==, 0);

  store = load_store (fixture->dir, document);
  add_highlight (store, document, 0, 3);
  flush_ok (store);

  link = g_file_read_link (path, NULL);
  g_assert_cmpstr (link, ==, target);
  g_assert_cmpint (g_lstat (target, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (g_lstat (path_bak, &st), !=, 0);
  g_assert_true (g_file_test (target_bak, G_FILE_TEST_IS_REGULAR));

  g_assert_finalize_object (g_steal_pointer (&store));
  store = load_store (fixture->dir, document);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
}

/* Issue 19, item 8: the mode the reader gave the file is kept, also a
 * read-only one. */
static void
test_mode_kept (Fixture       *fixture,
                gconstpointer  data)
{
  static const int modes[] = { 0640, 0400 };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(LecternDocument) document = make_default_document ();
      g_autoptr(LecternAnnotationStore) store = NULL;
      g_autofree char *path = file_for (fixture->dir, "");
      g_autofree char *good = file_json (1, v1_highlight_json);
      GStatBuf st;

      g_unlink (path);
      write_text (path, good);
      g_assert_cmpint (g_chmod (path, modes[i]), ==, 0);

      store = load_store (fixture->dir, document);
      add_highlight (store, document, 0, 3 + i);
      flush_ok (store);

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, modes[i]);
      g_assert_finalize_object (g_steal_pointer (&store));
    }
}

/* Issue 19, item 6: members this version does not know, at the top,
 * in "document", in an entry and in its target, survive an edit. */
static void
test_unknown_fields_round_trip (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = NULL;
  g_autofree char *path = file_for (fixture->dir, "");
  g_autoptr(JsonObject) root = NULL;
  JsonObject *entry;
  const char *text =
    "{\"format\":\"lectern-annotations\",\"version\":1,\"x-top\":{\"a\":1},"
    "\"document\":{\"uri\":\"" DOC_URI "\",\"title\":\"x.txt\",\"fingerprint\":\"sha256:00\","
    "\"length\":60,\"x-doc\":[1,2]},"
    "\"highlights\":[{\"id\":\"h-good\",\"color\":\"green\",\"created\":\"2026-11-22T10:00:00Z\","
    "\"modified\":\"2026-11-22T10:05:00Z\",\"note\":\"n\",\"tags\":[],\"x-entry\":\"e\","
    "\"target\":{\"start\":4,\"end\":9,\"exact\":\"quick\",\"prefix\":\"The \",\"suffix\":\" brown\","
    "\"x-target\":true},\"state\":\"anchored\"}]}";

  write_text (path, text);
  store = load_store (fixture->dir, document);
  lectern_highlight_set_note (lectern_annotation_store_find (store, "h-good"), "edited");
  flush_ok (store);

  root = parse_file (path);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "x-top"), "a"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (root, "document"), "x-doc")), ==, 2);
  entry = json_array_get_object_element (json_object_get_array_member (root, "highlights"), 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "note"), ==, "edited");
  g_assert_cmpstr (json_object_get_string_member (entry, "x-entry"), ==, "e");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (entry, "target"), "x-target"));
}

/* Issue 19, item 9: LECTERN_ANNOTATIONS_DIR= (empty) counts as unset. */
static void
test_empty_directory_is_default (void)
{
  g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new ("");
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "lectern", "annotations", NULL);

  g_assert_cmpstr (lectern_annotation_store_get_directory (store), ==, expected);
}

/* Issue 19, item 9: a note with "\u0000" would be cut by json-glib:
 * the file is refused whole (read-only, with a message), never cut. */
static void
test_nul_in_note_refused (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (fixture->dir);
  g_autofree char *path = file_for (fixture->dir, "");
  g_autofree char *text = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  text = g_strdup_printf ("{\"format\":\"lectern-annotations\",\"version\":1,\"highlights\":["
                          "{\"id\":\"h\",\"color\":\"green\",\"created\":\"2026-11-22T10:00:00Z\","
                          "\"note\":\"before\\u0000after\",\"target\":{\"start\":4,\"end\":9,\"exact\":\"quick\"}}]}");
  write_text (path, text);
  before = lectern_test_read_bytes (path);

  g_assert_false (lectern_annotation_store_load_document (store, document, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, "\\u0000"));
  g_assert_true (lectern_annotation_store_is_read_only (store, lectern_document_get_id (document)));
  g_assert_finalize_object (g_steal_pointer (&store));

  after = lectern_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

/* Issue 19, item 9: entries that cannot be shown are counted, and kept
 * in the file: a time out of the calendar in UTC, an end before the
 * start, an unknown colour. */
static void
test_unreadable_entries_counted (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(LecternDocument) document = make_default_document ();
  g_autoptr(LecternAnnotationStore) store = NULL;
  g_autofree char *path = file_for (fixture->dir, "");
  g_autoptr(JsonObject) root = NULL;
  g_autofree char *text = file_json (1,
    "{\"id\":\"late\",\"color\":\"green\",\"created\":\"2026-11-22T10:00:00Z\","
    "\"modified\":\"9999-12-31T23:30:00-01:00\",\"target\":{\"start\":4,\"end\":9,\"exact\":\"quick\"}},"
    "{\"id\":\"back\",\"color\":\"green\",\"created\":\"2026-11-22T10:00:00Z\","
    "\"target\":{\"start\":9,\"end\":4,\"exact\":\"quick\"}},"
    "{\"id\":\"mauve\",\"color\":\"mauve\",\"created\":\"2026-11-22T10:00:00Z\","
    "\"target\":{\"start\":4,\"end\":9,\"exact\":\"quick\"}},"
    "{\"id\":\"h-ok\",\"color\":\"green\",\"created\":\"2026-11-22T10:00:00Z\","
    "\"target\":{\"start\":4,\"end\":9,\"exact\":\"quick\"}}");

  write_text (path, text);
  store = load_store (fixture->dir, document);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_cmpuint (lectern_annotation_store_count_unreadable (store, lectern_document_get_id (document)), ==, 3);

  add_highlight (store, document, 0, 3);
  flush_ok (store);
  root = parse_file (path);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "highlights")), ==, 5);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, lectern_test_dir_set_up, func, lectern_test_dir_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/default-directory", test_default_directory);
  ADD ("/store/no-file", test_no_file);
  ADD ("/store/path-is-key", test_path_is_key);
  ADD ("/store/items-changed", test_items_changed);
  ADD ("/store/removed-highlight-is-released", test_removed_highlight_is_released);
  ADD ("/store/list-and-find-range", test_list_and_find_range);
  ADD ("/store/round-trip-1000", test_round_trip_1000);
  ADD ("/store/non-ascii-notes", test_non_ascii_notes);
  ADD ("/store/format-v1", test_format_v1);
  ADD ("/store/file-names-document-first", test_file_names_document_first);
  ADD ("/store/stored-detached", test_stored_detached);
  ADD ("/store/load-idempotent", test_load_idempotent);
  ADD ("/store/load-emits-items-changed", test_load_emits_items_changed);
  ADD ("/store/autosave-without-flush", test_autosave_without_flush);
  ADD ("/store/autosave-after-edit", test_autosave_after_edit);
  ADD ("/store/dispose-saves", test_dispose_saves);
  ADD ("/store/only-changed-documents-written", test_only_changed_documents_written);
  ADD ("/store/bak-is-previous", test_bak_is_previous);
  ADD ("/store/bak-recovers-zeroed", test_bak_recovers_zeroed);
  ADD ("/store/bak-recovers-empty", test_bak_recovers_empty);
  ADD ("/store/bak-recovers-truncated", test_bak_recovers_truncated);
  ADD ("/store/bak-recovers-half-written", test_bak_recovers_half_written);
  ADD ("/store/symlink-written-through", test_symlink_written_through);
  ADD ("/store/mode-kept", test_mode_kept);
  ADD ("/store/unknown-fields-round-trip", test_unknown_fields_round_trip);
  ADD ("/store/nul-in-note-refused", test_nul_in_note_refused);
  ADD ("/store/unreadable-entries-counted", test_unreadable_entries_counted);
  g_test_add_func ("/store/empty-directory-is-default", test_empty_directory_is_default);
  ADD ("/store/corrupt-file-kept", test_corrupt_file_kept);
  ADD ("/store/corrupt-wrong-shape", test_corrupt_wrong_shape);
  ADD ("/store/corrupt-wrong-format", test_corrupt_wrong_format);
  ADD ("/store/corrupt-highlights-not-array", test_corrupt_highlights_not_array);
  ADD ("/store/corrupt-not-utf8", test_corrupt_not_utf8);
  ADD ("/store/corrupt-all-entries-bad", test_corrupt_all_entries_bad);
  ADD ("/store/corrupt-twice-kept-apart", test_corrupt_twice_kept_apart);
  ADD ("/store/bad-entries-skipped-and-kept", test_bad_entries_skipped_and_kept);
  ADD ("/store/missing-optional-fields", test_missing_optional_fields);
  ADD ("/store/range-past-end", test_range_past_end);
  ADD ("/store/duplicate-id-kept-aside", test_duplicate_id_kept_aside);
  ADD ("/store/newer-version-read-only", test_newer_version_read_only);
  ADD ("/store/unreadable-file", test_unreadable_file);
  ADD ("/store/failed-write-leaves-old-file", test_failed_write_leaves_old_file);
  ADD ("/store/failed-autosave-emits-save-failed", test_failed_autosave_emits_save_failed);
  ADD ("/store/failed-save-retried", test_failed_save_retried);
  if (g_test_perf ())
    ADD ("/store/load-save-100k", test_load_save_100k);

  return g_test_run ();
}
