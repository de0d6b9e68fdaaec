/* test-link-store.c: LecternLinkStore
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lectern-core.h"
#include "lectern-test-utils.h"

#define A_URI "file:///tmp/a.txt"
#define B_URI "file:///tmp/b.txt"
#define C_URI "file:///tmp/c.txt"
#define A_TEXT "Alliances\n\nMost alliances last about nine and a half years. This one lasted seventy.\n\n" \
               "Their members rarely agree on anything else.\n"
#define B_TEXT "Treaties\n\nTreaties last a decade on average. 동맹은 평균 9.5년 지속된다.\n\n" \
               "Some outlive their signatories by far.\n"
#define C_TEXT "Notes\n\nA third text, linked only once.\n"

/* Fixture: a fresh directory per test, removed afterwards. */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = lectern_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "links.json", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lectern_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Helpers */

/* A link between the first places of two quotes. */
static LecternPassageLink *
link_quotes (LecternDocument *left,
             const char      *left_quote,
             LecternDocument *right,
             const char      *right_quote,
             LecternRelation  relation,
             const char      *note)
{
  guint left_start = lectern_test_find_offset (left, left_quote);
  guint right_start = lectern_test_find_offset (right, right_quote);

  return lectern_passage_link_new (left, left_start, left_start + g_utf8_strlen (left_quote, -1),
                                   right, right_start, right_start + g_utf8_strlen (right_quote, -1),
                                   relation, note);
}

static LecternLinkStore *
load_store (const char *path)
{
  LecternLinkStore *store = lectern_link_store_new (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (lectern_link_store_load (store, &error));
  g_assert_no_error (error);
  /* Tests save when they say so. */
  lectern_link_store_set_autosave_delay (store, 60000);

  return store;
}

/* Adds @link, which the store then holds; returns it borrowed. */
static LecternPassageLink *
add_ok (LecternLinkStore   *store,
        LecternPassageLink *link)
{
  g_autoptr(LecternPassageLink) owned = link;
  g_autoptr(GError) error = NULL;

  g_assert_true (lectern_link_store_add (store, owned, &error));
  g_assert_no_error (error);

  return link;
}

static void
flush_ok (LecternLinkStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lectern_link_store_flush (store, &error));
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

static JsonNode *
parse_file (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  return json_node_ref (json_parser_get_root (parser));
}

/* Names in the fixture's directory starting with @prefix. */
static GPtrArray *
list_matching (const char *dir,
               const char *prefix)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, prefix))
      g_ptr_array_add (names, g_strdup (name));

  return names;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GString    *log)
{
  g_string_append_printf (log, "%u-%u+%u;", position, removed, added);
}

/* Tests */

static void
test_default_path (void)
{
  g_autoptr(LecternLinkStore) store = lectern_link_store_new (NULL);
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "lectern", "links.json", NULL);

  g_assert_cmpstr (lectern_link_store_get_path (store), ==, expected);
  g_assert_true (g_type_is_a (g_list_model_get_item_type (G_LIST_MODEL (store)), LECTERN_TYPE_PASSAGE_LINK));
}

static void
test_missing_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LecternLinkStore) store = load_store (fixture->path);

  g_assert_cmpstr (lectern_link_store_get_path (store), ==, fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_false (lectern_link_store_is_read_only (store));

  /* Nothing changed, so nothing is written. */
  flush_ok (store);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_add_remove_list (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LecternDocument) a = lectern_test_make_document (A_URI, A_TEXT);
  g_autoptr(LecternDocument) b = lectern_test_make_document (B_URI, B_TEXT);
  g_autoptr(LecternDocument) c = lectern_test_make_document (C_URI, C_TEXT);
  g_autoptr(LecternLinkStore) store = load_store (fixture->path);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GPtrArray) ab = NULL;
  g_autoptr(GPtrArray) ba = NULL;
  g_autoptr(GPtrArray) for_c = NULL;
  g_autoptr(GPtrArray) for_a = NULL;
  g_autoptr(GError) error = NULL;
  LecternPassageLink *first;
  LecternPassageLink *reversed;
  LecternPassageLink *to_c;
  guint changes = 0;

  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), log);
  g_signal_connect (store, "changed", G_CALLBACK (count_cb), &changes);

  /* A→B late in A, B→A (made the other way round) early in A, A→C. */
  first = add_ok (store, link_quotes (a, "members rarely agree", b, "Some outlive",
                                      LECTERN_RELATION_EXTENDS, NULL));
  reversed = add_ok (store, link_quotes (b, "동맹은 평균 9.5년 지속된다.", a, "nine and a half years",
                                         LECTERN_RELATION_SAME_FACT, "Same figure."));
  to_c = add_ok (store, link_quotes (a, "lasted seventy", c, "third text",
                                     LECTERN_RELATION_AGREES, NULL));
  g_assert_cmpstr (log->str, ==, "0-0+1;1-0+1;2-0+1;");
  g_assert_cmpuint (changes, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);

  /* Adding the same link again changes nothing. */
  g_assert_true (lectern_link_store_add (store, first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  g_assert_cmpuint (changes, ==, 3);

  g_assert_true (lectern_link_store_find (store, lectern_passage_link_get_id (reversed)) == reversed);
  g_assert_null (lectern_link_store_find (store, "no-such-id"));

  /* Either order of the documents, sorted by the place in the first. */
  ab = lectern_link_store_list_between (store, lectern_document_get_id (a), lectern_document_get_id (b));
  g_assert_cmpuint (ab->len, ==, 2);
  g_assert_true (g_ptr_array_index (ab, 0) == reversed);
  g_assert_true (g_ptr_array_index (ab, 1) == first);
  ba = lectern_link_store_list_between (store, lectern_document_get_id (b), lectern_document_get_id (a));
  g_assert_cmpuint (ba->len, ==, 2);
  g_assert_true (g_ptr_array_index (ba, 0) == reversed);
  g_assert_true (g_ptr_array_index (ba, 1) == first);

  for_c = lectern_link_store_list_for_document (store, lectern_document_get_id (c));
  g_assert_cmpuint (for_c->len, ==, 1);
  g_assert_true (g_ptr_array_index (for_c, 0) == to_c);
  for_a = lectern_link_store_list_for_document (store, lectern_document_get_id (a));
  g_assert_cmpuint (for_a->len, ==, 3);
  g_assert_true (g_ptr_array_index (for_a, 0) == reversed);
  g_assert_true (g_ptr_array_index (for_a, 1) == to_c);
  g_assert_true (g_ptr_array_index (for_a, 2) == first);

  /* An edit is a change. */
  lectern_passage_link_set_note (first, "Later members disagree.");
  g_assert_cmpuint (changes, ==, 4);

  g_string_truncate (log, 0);
  g_object_ref (reversed);
  g_assert_true (lectern_link_store_remove (store, reversed, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (log->str, ==, "1-1+0;");
  g_assert_cmpuint (changes, ==, 5);
  g_assert_null (lectern_link_store_find (store, lectern_passage_link_get_id (reversed)));
  g_clear_pointer (&ab, g_ptr_array_unref);
  ab = lectern_link_store_list_between (store, lectern_document_get_id (a), lectern_document_get_id (b));
  g_assert_cmpuint (ab->len, ==, 1);
  g_assert_true (g_ptr_array_index (ab, 0) == first);

  /* A removed link is released by the store and no longer watched. */
  lectern_passage_link_set_note (reversed, "edited after removal");
  g_assert_cmpuint (changes, ==, 5);
  g_clear_pointer (&ba, g_ptr_array_unref);
  g_clear_pointer (&for_a, g_ptr_array_unref);
  g_assert_finalize_object (reversed);

  /* Removing a link twice: the second time there is nothing to do. */
  g_assert_true (lectern_link_store_remove (store, first, &error));
  g_assert_cmpuint (changes, ==, 6);
  g_assert_true (lectern_link_store_remove (store, first, &error));
  g_assert_cmpuint (changes, ==, 6);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

  g_signal_handlers_disconnect_by_data (store, log);
  g_signal_handlers_disconnect_by_data (store, &changes);
}

static void
test_one_change_per_edit (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(LecternDocument) a = lectern_test_make_document (A_URI, A_TEXT);
  g_autoptr(LecternDocument) b = lectern_test_make_document (B_URI, B_TEXT);
  g_autoptr(LecternLinkStore) store = load_store (fixture->path);
  g_autoptr(LecternPassageLink) fresh = link_quotes (a, "lasted seventy", b, "Some outlive",
                                                     LECTERN_RELATION_AGREES, NULL);
  g_autoptr(GDateTime) long_ago = g_date_time_new_utc (2020, 1, 1, 0, 0, 0);
  LecternLinkTarget targets[2];
  LecternPassageLink *old;
  guint changes = 0;

  /* Made long ago, so that an edit moves "modified" too. */
  lectern_passage_link_get_target (fresh, LECTERN_LINK_SIDE_LEFT, &targets[0]);
  lectern_passage_link_get_target (fresh, LECTERN_LINK_SIDE_RIGHT, &targets[1]);
  old = add_ok (store, lectern_passage_link_new_full ("aaaaaaaa-0000-4000-8000-00000000000a",
                                                      LECTERN_RELATION_AGREES, NULL, NULL, long_ago, NULL,
                                                      &targets[0], &targets[1]));
  g_signal_connect (store, "changed", G_CALLBACK (count_cb), &changes);

  lectern_passage_link_set_note (old, "An edit");
  g_assert_cmpint (g_date_time_compare (lectern_passage_link_get_modified (old), long_ago), >, 0);
  g_assert_cmpuint (changes, ==, 1);
  lectern_passage_link_set_relation (old, LECTERN_RELATION_CONTRADICTS);
  g_assert_cmpuint (changes, ==, 2);
  lectern_passage_link_set_range (old, LECTERN_LINK_SIDE_RIGHT, targets[1].start, targets[1].end + 1);
  g_assert_cmpuint (changes, ==, 3);

  g_signal_handlers_disconnect_by_data (store, &changes);
}

static void
assert_same_link (LecternPassageLink *a,
                  LecternPassageLink *b)
{
  g_assert_cmpstr (lectern_passage_link_get_id (a), ==, lectern_passage_link_get_id (b));
  g_assert_cmpint (lectern_passage_link_get_relation (a), ==, lectern_passage_link_get_relation (b));
  g_assert_cmpstr (lectern_passage_link_get_note (a), ==, lectern_passage_link_get_note (b));
  g_assert_true (g_strv_equal (lectern_passage_link_get_tags (a), lectern_passage_link_get_tags (b)));
  g_assert_true (g_date_time_equal (lectern_passage_link_get_created (a), lectern_passage_link_get_created (b)));
  g_assert_true (g_date_time_equal (lectern_passage_link_get_modified (a), lectern_passage_link_get_modified (b)));

  for (LecternLinkSide side = LECTERN_LINK_SIDE_LEFT; side <= LECTERN_LINK_SIDE_RIGHT; side++)
    {
      LecternLinkTarget ta;
      LecternLinkTarget tb;

      lectern_passage_link_get_target (a, side, &ta);
      lectern_passage_link_get_target (b, side, &tb);
      g_assert_cmpstr (ta.document_id, ==, tb.document_id);
      g_assert_cmpstr (ta.document_uri, ==, tb.document_uri);
      g_assert_cmpstr (ta.document_title, ==, tb.document_title);
      g_assert_cmpstr (ta.document_fingerprint, ==, tb.document_fingerprint);
      g_assert_cmpuint (ta.start, ==, tb.start);
      g_assert_cmpuint (ta.end, ==, tb.end);
      g_assert_cmpstr (ta.exact, ==, tb.exact);
      g_assert_cmpstr (ta.prefix, ==, tb.prefix);
      g_assert_cmpstr (ta.suffix, ==, tb.suffix);
      g_assert_cmpint (ta.state, ==, tb.state);
    }
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(LecternDocument) a = lectern_test_make_document (A_URI, A_TEXT);
  g_autoptr(LecternDocument) b = lectern_test_make_document (B_URI, B_TEXT);
  g_autoptr(LecternLinkStore) store = load_store (fixture->path);
  g_autoptr(LecternLinkStore) again = NULL;
  const char * const tags[] = { "longevity", "비교", NULL };
  LecternPassageLink *links[3];
  guint changes = 0;

  links[0] = add_ok (store, link_quotes (a, "lasted seventy", b, "동맹은 평균 9.5년 지속된다.",
                                         LECTERN_RELATION_CONTRADICTS,
                                         "Seventy against 9.5 | a pipe,\nand a second line: \"quoted\" \\ é"));
  lectern_passage_link_set_tags (links[0], tags);
  links[1] = add_ok (store, link_quotes (b, "Some outlive", a, "members rarely agree",
                                         LECTERN_RELATION_SAME_FACT, NULL));
  /* A passage that was orphaned, and one moved, are saved as they are. */
  lectern_passage_link_set_state (links[1], LECTERN_LINK_SIDE_RIGHT, LECTERN_HIGHLIGHT_ORPHANED);
  links[2] = add_ok (store, link_quotes (a, "Alliances", a, "anything else", LECTERN_RELATION_EXTENDS, ""));
  lectern_passage_link_set_range (links[2], LECTERN_LINK_SIDE_LEFT, 1, 5);
  lectern_passage_link_set_document_fingerprint (links[2], LECTERN_LINK_SIDE_RIGHT, NULL);
  flush_ok (store);

  again = load_store (fixture->path);
  g_signal_connect (again, "changed", G_CALLBACK (count_cb), &changes);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(LecternPassageLink) copy = g_list_model_get_item (G_LIST_MODEL (again), i);

      /* In the order they were added. */
      assert_same_link (copy, links[i]);
    }

  /* Loading again does nothing, and an unchanged store writes nothing. */
  g_assert_true (lectern_link_store_load (again, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 3);
  g_assert_cmpuint (changes, ==, 0);
  g_signal_handlers_disconnect_by_data (again, &changes);
}

static void
test_format_v1 (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LecternDocument) a = lectern_test_make_document (A_URI, A_TEXT);
  g_autoptr(LecternDocument) b = lectern_test_make_document (B_URI, B_TEXT);
  g_autoptr(LecternLinkStore) store = load_store (fixture->path);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *fingerprint = NULL;
  LecternPassageLink *link;
  JsonObject *top;
  JsonObject *entry;
  JsonObject *target;
  JsonObject *document;
  JsonArray *targets;
  g_autoptr(GDateTime) created = NULL;

  link = add_ok (store, link_quotes (a, "lasted seventy", b, "Some outlive", LECTERN_RELATION_SAME_FACT, "n"));
  flush_ok (store);

  root = parse_file (fixture->path);
  top = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (top, "format"), ==, "lectern-links");
  g_assert_cmpint (json_object_get_int_member (top, "version"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (top, "links")), ==, 1);

  entry = json_array_get_object_element (json_object_get_array_member (top, "links"), 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "id"), ==, lectern_passage_link_get_id (link));
  g_assert_cmpstr (json_object_get_string_member (entry, "relation"), ==, "same-fact");
  g_assert_cmpstr (json_object_get_string_member (entry, "note"), ==, "n");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (entry, "tags")), ==, 0);
  created = g_date_time_new_from_iso8601 (json_object_get_string_member (entry, "created"), NULL);
  g_assert_true (g_date_time_equal (created, lectern_passage_link_get_created (link)));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (entry, "modified"), "Z"));

  targets = json_object_get_array_member (entry, "targets");
  g_assert_cmpuint (json_array_get_length (targets), ==, 2);
  target = json_array_get_object_element (targets, 1);
  document = json_object_get_object_member (target, "document");
  fingerprint = g_strconcat ("sha256:", lectern_document_get_fingerprint (b), NULL);
  g_assert_cmpstr (json_object_get_string_member (document, "id"), ==, lectern_document_get_id (b));
  g_assert_cmpstr (json_object_get_string_member (document, "uri"), ==, B_URI);
  g_assert_cmpstr (json_object_get_string_member (document, "title"), ==, "Treaties");
  g_assert_cmpstr (json_object_get_string_member (document, "fingerprint"), ==, fingerprint);
  g_assert_cmpint (json_object_get_int_member (target, "start"), ==, lectern_test_find_offset (b, "Some outlive"));
  g_assert_cmpint (json_object_get_int_member (target, "end"), ==, lectern_test_find_offset (b, "Some outlive") + 12);
  g_assert_cmpstr (json_object_get_string_member (target, "exact"), ==, "Some outlive");
  g_assert_cmpstr (json_object_get_string_member (target, "prefix"), ==,
                   lectern_passage_link_get_prefix (link, LECTERN_LINK_SIDE_RIGHT));
  g_assert_cmpstr (json_object_get_string_member (target, "suffix"), ==, " their signatories by far.");
  g_assert_cmpstr (json_object_get_string_member (target, "state"), ==, "anchored");
}

static void
test_autosave (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(LecternDocument) a = lectern_test_make_document (A_URI, A_TEXT);
  g_autoptr(LecternDocument) b = lectern_test_make_document (B_URI, B_TEXT);
  g_autoptr(LecternLinkStore) store = load_store (fixture->path);
  gboolean timed_out = FALSE;
  guint timeout_id;

  lectern_link_store_set_autosave_delay (store, 10);
  add_ok (store, link_quotes (a, "lasted seventy", b, "Some outlive", LECTERN_RELATION_AGREES, NULL));
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  timeout_id = g_timeout_add_seconds (5, timeout_cb, &timed_out);
  while (!g_file_test (fixture->path, G_FILE_TEST_EXISTS) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
}

static void
test_dispose_saves (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(LecternDocument) a = lectern_test_make_document (A_URI, A_TEXT);
  g_autoptr(LecternDocument) b = lectern_test_make_document (B_URI, B_TEXT);
  LecternLinkStore *store = load_store (fixture->path);
  g_autoptr(LecternLinkStore) again = NULL;

  add_ok (store, link_quotes (a, "lasted seventy", b, "Some outlive", LECTERN_RELATION_AGREES, NULL));
  g_assert_finalize_object (store);

  again = load_store (fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
}

static void
test_bak_kept (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(LecternDocument) a = lectern_test_make_document (A_URI, A_TEXT);
  g_autoptr(LecternDocument) b = lectern_test_make_document (B_URI, B_TEXT);
  g_autoptr(LecternLinkStore) store = load_store (fixture->path);
  g_autoptr(LecternLinkStore) reloaded = NULL;
  g_autofree char *bak = g_strconcat (fixture->path, ".bak", NULL);
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) bak_bytes = NULL;
  g_autoptr(GBytes) third = NULL;

  add_ok (store, link_quotes (a, "lasted seventy", b, "Some outlive", LECTERN_RELATION_AGREES, NULL));
  flush_ok (store);
  /* The first save has no previous file to keep. */
  g_assert_false (g_file_test (bak, G_FILE_TEST_EXISTS));
  first = lectern_test_read_bytes (fixture->path);

  add_ok (store, link_quotes (a, "members rarely", b, "Treaties last", LECTERN_RELATION_EXTENDS, NULL));
  flush_ok (store);
  second = lectern_test_read_bytes (fixture->path);
  bak_bytes = lectern_test_read_bytes (bak);
  g_assert_false (g_bytes_equal (first, second));
  g_assert_true (g_bytes_equal (first, bak_bytes));

  /* A store loaded from the file keeps it as .bak at its first save. */
  reloaded = load_store (fixture->path);
  g_clear_object (&store);
  add_ok (reloaded, link_quotes (b, "동맹은", a, "Alliances", LECTERN_RELATION_AGREES, NULL));
  flush_ok (reloaded);
  third = lectern_test_read_bytes (fixture->path);
  g_clear_pointer (&bak_bytes, g_bytes_unref);
  bak_bytes = lectern_test_read_bytes (bak);
  g_assert_true (g_bytes_equal (second, bak_bytes));
  g_assert_false (g_bytes_equal (second, third));
}

static void
assert_corrupt_kept (Fixture    *fixture,
                     const char *contents)
{
  g_autoptr(LecternDocument) a = lectern_test_make_document (A_URI, A_TEXT);
  g_autoptr(LecternDocument) b = lectern_test_make_document (B_URI, B_TEXT);
  g_autoptr(LecternLinkStore) store = lectern_link_store_new (fixture->path);
  g_autoptr(GPtrArray) corrupt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *corrupt_path = NULL;
  g_autofree char *kept = NULL;

  write_text (fixture->path, contents);

  g_assert_false (lectern_link_store_load (store, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "links.json.corrupt-"));

  /* Set aside unchanged, and the store starts empty and writable. */
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  corrupt = list_matching (fixture->dir, "links.json.corrupt-");
  g_assert_cmpuint (corrupt->len, ==, 1);
  corrupt_path = g_build_filename (fixture->dir, g_ptr_array_index (corrupt, 0), NULL);
  g_file_get_contents (corrupt_path, &kept, NULL, NULL);
  g_assert_cmpstr (kept, ==, contents);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_false (lectern_link_store_is_read_only (store));

  /* New links start a new file; the corrupt one is never overwritten. */
  add_ok (store, link_quotes (a, "lasted seventy", b, "Some outlive", LECTERN_RELATION_AGREES, NULL));
  flush_ok (store);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&kept, g_free);
  g_file_get_contents (corrupt_path, &kept, NULL, NULL);
  g_assert_cmpstr (kept, ==, contents);
}

static void
test_corrupt_not_json (Fixture       *fixture,
                       gconstpointer  data)
{
  assert_corrupt_kept (fixture, "{\"format\": \"lectern-links\", \"version\": 1, \"links\": [");
}

static void
test_corrupt_wrong_format (Fixture       *fixture,
                           gconstpointer  data)
{
  assert_corrupt_kept (fixture, "{\"format\": \"lectern-annotations\", \"version\": 1, \"links\": []}");
}

static void
test_corrupt_links_not_array (Fixture       *fixture,
                              gconstpointer  data)
{
  assert_corrupt_kept (fixture, "{\"format\": \"lectern-links\", \"version\": 1, \"links\": {}}");
}

static void
test_corrupt_all_entries_bad (Fixture       *fixture,
                              gconstpointer  data)
{
  assert_corrupt_kept (fixture, "{\"format\": \"lectern-links\", \"version\": 1, \"links\": "
                                "[{\"id\": \"x\"}, 5, {\"id\": \"y\", \"relation\": \"hates\"}]}");
}

static void
test_corrupt_deep (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GString) deep = g_string_new ("{\"format\": \"lectern-links\", \"version\": 1, \"links\": ");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');

  assert_corrupt_kept (fixture, deep->str);
}

#define GOOD_ENTRY \
  "{\"id\": \"aaaaaaaa-0000-4000-8000-000000000001\", \"relation\": \"extends\", " \
  "\"created\": \"2026-11-22T10:00:00Z\", \"targets\": [" \
  "{\"document\": {\"uri\": \"" A_URI "\"}, \"start\": 0, \"end\": 9, \"exact\": \"Alliances\"}," \
  "{\"document\": {\"uri\": \"" B_URI "\", \"fingerprint\": \"md5:x\"}, \"start\": 0, \"end\": 8, " \
  "\"exact\": \"Treaties\", \"state\": \"orphaned\"}]}"
#define BAD_ENTRY \
  "{\"id\": \"aaaaaaaa-0000-4000-8000-000000000002\", \"relation\": \"agrees\", " \
  "\"created\": \"2026-11-22T10:00:00Z\", \"targets\": [{\"document\": {\"uri\": \"" A_URI "\"}}]}"

static void
test_bad_entries_kept (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(LecternDocument) c = lectern_test_make_document (C_URI, C_TEXT);
  g_autoptr(LecternLinkStore) store = NULL;
  g_autoptr(LecternPassageLink) link = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *a_id = lectern_document_key_for_uri (A_URI);
  JsonArray *entries;

  write_text (fixture->path,
              "{\"format\": \"lectern-links\", \"version\": 1, \"links\": [" GOOD_ENTRY "," BAD_ENTRY ","
              GOOD_ENTRY "]}");
  store = load_store (fixture->path);

  /* The readable entry, with defaults for what it leaves out. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  link = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_cmpstr (lectern_passage_link_get_document_id (link, LECTERN_LINK_SIDE_LEFT), ==, a_id);
  g_assert_cmpstr (lectern_passage_link_get_note (link), ==, "");
  g_assert_true (g_date_time_equal (lectern_passage_link_get_created (link),
                                    lectern_passage_link_get_modified (link)));
  g_assert_null (lectern_passage_link_get_document_fingerprint (link, LECTERN_LINK_SIDE_RIGHT));
  g_assert_cmpint (lectern_passage_link_get_state (link, LECTERN_LINK_SIDE_RIGHT), ==, LECTERN_HIGHLIGHT_ORPHANED);
  g_assert_cmpint (lectern_passage_link_get_relation (link), ==, LECTERN_RELATION_EXTENDS);

  /* The bad entry and the duplicate id go back into the file as they were. */
  add_ok (store, link_quotes (c, "third text", c, "linked only", LECTERN_RELATION_AGREES, NULL));
  flush_ok (store);
  root = parse_file (fixture->path);
  entries = json_object_get_array_member (json_node_get_object (root), "links");
  g_assert_cmpuint (json_array_get_length (entries), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (entries, 2),
                                                                        "targets")), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 3), "id"), ==,
                   "aaaaaaaa-0000-4000-8000-000000000001");
}

static void
test_newer_version_read_only (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(LecternDocument) a = lectern_test_make_document (A_URI, A_TEXT);
  g_autoptr(LecternDocument) b = lectern_test_make_document (B_URI, B_TEXT);
  g_autoptr(LecternLinkStore) store = lectern_link_store_new (fixture->path);
  g_autoptr(LecternPassageLink) link = NULL;
  g_autoptr(LecternPassageLink) loaded = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  write_text (fixture->path,
              "{\"format\": \"lectern-links\", \"version\": 2, \"future\": true, \"links\": [" GOOD_ENTRY "]}");
  before = lectern_test_read_bytes (fixture->path);
  lectern_link_store_set_autosave_delay (store, 10);

  g_assert_false (lectern_link_store_load (store, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_NEWER_VERSION);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_clear_error (&error);
  g_assert_true (lectern_link_store_is_read_only (store));

  /* What is understood is shown. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  loaded = g_list_model_get_item (G_LIST_MODEL (store), 0);

  /* Changes are refused, with a reason naming the file. */
  link = link_quotes (a, "lasted seventy", b, "Some outlive", LECTERN_RELATION_AGREES, NULL);
  g_assert_false (lectern_link_store_add (store, link, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_clear_error (&error);
  g_assert_false (lectern_link_store_remove (store, loaded, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

  /* Placing passages again and edits stay in memory: the file is never written. */
  lectern_link_store_attach_document (store, a);
  lectern_passage_link_set_note (loaded, "not saved");
  flush_ok (store);
  g_clear_object (&store);
  after = lectern_test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_unreadable_and_too_large (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(LecternLinkStore) store = lectern_link_store_new (fixture->path);
  g_autoptr(LecternLinkStore) dir_store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir_path = g_build_filename (fixture->dir, "a-directory", NULL);
  int fd;

  /* Over 64 MiB (sparse: no disk is used) is not read, nor touched. */
  fd = g_open (fixture->path, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, LECTERN_LINK_STORE_MAX_FILE_SIZE + 1), ==, 0);
  close (fd);

  g_assert_false (lectern_link_store_load (store, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "larger than"));
  g_assert_true (lectern_link_store_is_read_only (store));
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));
  g_clear_error (&error);

  /* Something that is not a file at all. */
  g_assert_cmpint (g_mkdir (dir_path, 0700), ==, 0);
  dir_store = lectern_link_store_new (dir_path);
  g_assert_false (lectern_link_store_load (dir_store, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_UNREADABLE);
  g_assert_true (lectern_link_store_is_read_only (dir_store));
  g_assert_true (g_file_test (dir_path, G_FILE_TEST_IS_DIR));
}

static void
test_add_before_load_loads (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(LecternDocument) a = lectern_test_make_document (A_URI, A_TEXT);
  g_autoptr(LecternDocument) b = lectern_test_make_document (B_URI, B_TEXT);
  g_autoptr(LecternLinkStore) store = NULL;
  g_autoptr(LecternLinkStore) again = NULL;

  write_text (fixture->path, "{\"format\": \"lectern-links\", \"version\": 1, \"links\": [" GOOD_ENTRY "]}");

  /* The file is read before the first change, so the save keeps its link. */
  store = lectern_link_store_new (fixture->path);
  add_ok (store, link_quotes (a, "lasted seventy", b, "Some outlive", LECTERN_RELATION_AGREES, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  flush_ok (store);

  again = load_store (fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
}

static void
test_stale_temporaries_removed (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *name = g_path_get_basename (fixture->path);
  g_autofree char *stale = g_strdup_printf ("%s/.%s.lectern-tmp-Ab12Cd", dir, name);
  g_autofree char *stale_bak = g_strdup_printf ("%s/.%s.bak.lectern-tmp-Xy34Zw", dir, name);
  g_autofree char *other = g_strconcat (fixture->path, ".corrupt-20260101T000000Z", NULL);
  g_autofree char *mine = g_strconcat (fixture->path, ".Ab12Cd", NULL);
  g_autofree char *orig = g_strconcat (fixture->path, ".bak.orig01", NULL);
  g_autoptr(LecternLinkStore) store = NULL;

  write_text (stale, "half a save");
  write_text (stale_bak, "half a backup");
  write_text (other, "kept");
  write_text (mine, "the reader's own copy");
  write_text (orig, "the reader's own copy");

  store = load_store (fixture->path);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale_bak, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (mine, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (orig, G_FILE_TEST_EXISTS));
}

/* Makes writes into @dir fail. A read-only directory does that for a
 * normal user; root ignores permissions, so there a file size limit
 * stands in for a full disk. */
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

static void
save_failed_cb (LecternLinkStore *store,
                const GError     *error,
                GError          **log)
{
  g_clear_error (log);
  *log = g_error_copy (error);
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(LecternDocument) a = lectern_test_make_document (A_URI, A_TEXT);
  g_autoptr(LecternDocument) b = lectern_test_make_document (B_URI, B_TEXT);
  g_autoptr(LecternLinkStore) store = load_store (fixture->path);
  g_autoptr(LecternLinkStore) again = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) signalled = NULL;
  WriteBlock block;

  g_signal_connect (store, "save-failed", G_CALLBACK (save_failed_cb), &signalled);
  add_ok (store, link_quotes (a, "lasted seventy", b, "Some outlive", LECTERN_RELATION_AGREES, NULL));
  flush_ok (store);
  before = lectern_test_read_bytes (fixture->path);

  add_ok (store, link_quotes (a, "members rarely", b, "Treaties last", LECTERN_RELATION_EXTENDS, NULL));
  block = block_writes (fixture->dir);
  g_assert_false (lectern_link_store_flush (store, &error));
  undo_block_writes (fixture->dir, &block);

  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_WRITE_FAILED);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_error (signalled, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_WRITE_FAILED);

  /* The previous file is intact, and the change is still to be saved. */
  after = lectern_test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_error (&signalled);
  flush_ok (store);
  g_assert_null (signalled);
  again = load_store (fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);

  g_signal_handlers_disconnect_by_data (store, &signalled);
}

static void
test_failed_autosave_emits (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(LecternDocument) a = lectern_test_make_document (A_URI, A_TEXT);
  g_autoptr(LecternDocument) b = lectern_test_make_document (B_URI, B_TEXT);
  g_autoptr(LecternLinkStore) store = load_store (fixture->path);
  g_autoptr(GError) signalled = NULL;
  gboolean timed_out = FALSE;
  WriteBlock block;
  guint timeout_id;

  g_signal_connect (store, "save-failed", G_CALLBACK (save_failed_cb), &signalled);
  lectern_link_store_set_autosave_delay (store, 10);

  block = block_writes (fixture->dir);
  add_ok (store, link_quotes (a, "lasted seventy", b, "Some outlive", LECTERN_RELATION_AGREES, NULL));
  timeout_id = g_timeout_add_seconds (5, timeout_cb, &timed_out);
  while (signalled == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  undo_block_writes (fixture->dir, &block);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);

  g_assert_error (signalled, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_WRITE_FAILED);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_signal_handlers_disconnect_by_data (store, &signalled);
}

/* The left passage moves when A gains a paragraph before it; the right
 * one's text is gone from B and is orphaned, never dropped. */
#define A_TEXT_EDITED "Alliances\n\nAn added opening paragraph, forty-odd characters.\n\n" \
                      "Most alliances last about nine and a half years. This one lasted seventy.\n\n" \
                      "Their members rarely agree on anything else.\n"
#define B_TEXT_EDITED "Treaties\n\nTreaties last a decade on average.\n\nSome outlive their signatories by far.\n"

static void
test_attach_reanchors (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(LecternDocument) a = lectern_test_make_document (A_URI, A_TEXT);
  g_autoptr(LecternDocument) b = lectern_test_make_document (B_URI, B_TEXT);
  g_autoptr(LecternDocument) a2 = lectern_test_make_document (A_URI, A_TEXT_EDITED);
  g_autoptr(LecternDocument) b2 = lectern_test_make_document (B_URI, B_TEXT_EDITED);
  g_autoptr(LecternLinkStore) store = load_store (fixture->path);
  g_autoptr(LecternLinkStore) again = NULL;
  g_autoptr(LecternLinkStore) third = NULL;
  g_autoptr(LecternPassageLink) loaded = NULL;
  g_autoptr(LecternPassageLink) reloaded = NULL;
  g_autoptr(GDateTime) modified = NULL;
  LecternPassageLink *link;
  guint b_start;
  guint changes = 0;

  link = add_ok (store, link_quotes (a, "lasted seventy", b, "동맹은 평균 9.5년 지속된다.",
                                     LECTERN_RELATION_CONTRADICTS, "kept"));
  b_start = lectern_passage_link_get_start (link, LECTERN_LINK_SIDE_RIGHT);
  modified = g_date_time_ref (lectern_passage_link_get_modified (link));
  flush_ok (store);
  g_clear_object (&store);

  again = load_store (fixture->path);
  g_signal_connect (again, "changed", G_CALLBACK (count_cb), &changes);
  loaded = g_list_model_get_item (G_LIST_MODEL (again), 0);

  /* The same texts: nothing to do. */
  lectern_link_store_attach_document (again, a);
  lectern_link_store_attach_document (again, b);
  g_assert_cmpuint (changes, ==, 0);

  lectern_link_store_attach_document (again, a2);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (lectern_passage_link_get_start (loaded, LECTERN_LINK_SIDE_LEFT), ==,
                    lectern_test_find_offset (a2, "lasted seventy"));
  g_assert_cmpuint (lectern_passage_link_get_end (loaded, LECTERN_LINK_SIDE_LEFT), ==,
                    lectern_test_find_offset (a2, "lasted seventy") + 14);
  g_assert_cmpint (lectern_passage_link_get_state (loaded, LECTERN_LINK_SIDE_LEFT), ==, LECTERN_HIGHLIGHT_ANCHORED);
  g_assert_cmpstr (lectern_passage_link_get_document_fingerprint (loaded, LECTERN_LINK_SIDE_LEFT), ==,
                   lectern_document_get_fingerprint (a2));

  lectern_link_store_attach_document (again, b2);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpint (lectern_passage_link_get_state (loaded, LECTERN_LINK_SIDE_RIGHT), ==, LECTERN_HIGHLIGHT_ORPHANED);
  g_assert_cmpuint (lectern_passage_link_get_start (loaded, LECTERN_LINK_SIDE_RIGHT), ==, b_start);
  g_assert_cmpstr (lectern_passage_link_get_exact (loaded, LECTERN_LINK_SIDE_RIGHT), ==, "동맹은 평균 9.5년 지속된다.");

  /* Kept, with its note, and not counted as the reader's edit. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  g_assert_cmpstr (lectern_passage_link_get_note (loaded), ==, "kept");
  g_assert_true (g_date_time_equal (lectern_passage_link_get_modified (loaded), modified));

  /* Attaching the edited texts again changes nothing more. */
  lectern_link_store_attach_document (again, a2);
  lectern_link_store_attach_document (again, b2);
  g_assert_cmpuint (changes, ==, 2);

  /* Saved with the new places and fingerprints. */
  flush_ok (again);
  third = load_store (fixture->path);
  reloaded = g_list_model_get_item (G_LIST_MODEL (third), 0);
  assert_same_link (reloaded, loaded);

  g_signal_handlers_disconnect_by_data (again, &changes);
}

/* A file whose fingerprints match the texts but whose range lies past
 * the end of one (edited by hand, or damaged): attaching the document
 * places that passage again by its quote. */
static void
test_attach_range_past_end (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(LecternDocument) a = lectern_test_make_document (A_URI, A_TEXT);
  g_autoptr(LecternDocument) b = lectern_test_make_document (B_URI, B_TEXT);
  g_autoptr(LecternLinkStore) store = load_store (fixture->path);
  g_autoptr(LecternLinkStore) again = NULL;
  g_autoptr(LecternPassageLink) loaded = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *left;
  guint start;

  add_ok (store, link_quotes (a, "lasted seventy", b, "Treaties last a decade",
                              LECTERN_RELATION_EXTENDS, ""));
  flush_ok (store);
  g_clear_object (&store);

  json_parser_load_from_file (parser, fixture->path, &error);
  g_assert_no_error (error);
  left = json_array_get_object_element (
           json_object_get_array_member (
             json_array_get_object_element (
               json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "links"), 0),
             "targets"), 0);
  start = json_object_get_int_member (left, "start");
  json_object_set_int_member (left, "start", start + 1000);
  json_object_set_int_member (left, "end", start + 1014);
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_to_file (generator, fixture->path, &error);
  g_assert_no_error (error);

  again = load_store (fixture->path);
  loaded = g_list_model_get_item (G_LIST_MODEL (again), 0);
  g_assert_cmpuint (lectern_passage_link_get_end (loaded, LECTERN_LINK_SIDE_LEFT), ==, start + 1014);

  lectern_link_store_attach_document (again, a);
  g_assert_cmpint (lectern_passage_link_get_state (loaded, LECTERN_LINK_SIDE_LEFT), ==, LECTERN_HIGHLIGHT_ANCHORED);
  g_assert_cmpuint (lectern_passage_link_get_start (loaded, LECTERN_LINK_SIDE_LEFT), ==, start);
  g_assert_cmpuint (lectern_passage_link_get_end (loaded, LECTERN_LINK_SIDE_LEFT), ==, start + 14);
}

/* Not run by default (-m perf): saving, loading and placing again
 * 10,000 links, with the times as test messages. */
static void
test_scale_10k (Fixture       *fixture,
                gconstpointer  data)
{
  const guint n = 10000;
  g_autoptr(GString) text = g_string_new ("Scale\n\n");
  g_autoptr(GString) edited = NULL;
  g_autoptr(LecternDocument) a = NULL;
  g_autoptr(LecternDocument) a2 = NULL;
  g_autoptr(LecternDocument) b = lectern_test_make_document (B_URI, B_TEXT);
  g_autoptr(LecternLinkStore) store = load_store (fixture->path);
  g_autoptr(LecternLinkStore) again = NULL;
  g_autoptr(LecternPassageLink) last = NULL;
  gint64 t0, t1, t2, t3;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "Sentence number %u says something about alliances.\n", i);
  a = lectern_test_make_document (A_URI, text->str);
  edited = g_string_new (text->str);
  g_string_insert (edited, strlen ("Scale\n\n"), "A new first paragraph.\n");
  a2 = lectern_test_make_document (A_URI, edited->str);

  /* Found by walking the text once: find_offset() would take minutes. */
  for (guint i = 0, offset = 0; i < n; i++)
    {
      const char *text_a = lectern_document_get_text (a);
      g_autofree char *needle = g_strdup_printf ("number %u says", i);
      const char *from = lectern_document_offset_to_pointer (a, offset);
      const char *hit = strstr (from, needle);
      guint b_start = lectern_test_find_offset (b, "Some outlive");
      guint length = g_utf8_strlen (needle, -1);

      g_assert_nonnull (hit);
      offset += g_utf8_pointer_to_offset (from, hit);
      g_assert_true (lectern_document_offset_to_pointer (a, offset) == hit && hit >= text_a);
      add_ok (store, lectern_passage_link_new (a, offset, offset + length, b, b_start, b_start + 12,
                                               LECTERN_RELATION_AGREES, "A note."));
    }

  t0 = g_get_monotonic_time ();
  flush_ok (store);
  t1 = g_get_monotonic_time ();
  again = load_store (fixture->path);
  t2 = g_get_monotonic_time ();
  lectern_link_store_attach_document (again, a2);
  t3 = g_get_monotonic_time ();

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, n);
  /* Every passage moved by the paragraph put in front. */
  last = g_list_model_get_item (G_LIST_MODEL (again), n - 1);
  g_assert_cmpstr (lectern_passage_link_get_exact (last, LECTERN_LINK_SIDE_LEFT), ==, "number 9999 says");
  g_assert_cmpuint (lectern_passage_link_get_start (last, LECTERN_LINK_SIDE_LEFT), ==,
                    lectern_document_get_length (a2) - strlen ("number 9999 says something about alliances."));
  g_test_message ("%u links: save %.1f ms, load %.1f ms, place again after an edit %.1f ms",
                  n, (t1 - t0) / 1000.0, (t2 - t1) / 1000.0, (t3 - t2) / 1000.0);
}

/* A passage rewritten a little is placed on its look-alike but marked for
 * review; one with only its last character changed is trusted. */
static void
test_attach_needs_review (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(LecternDocument) a = lectern_test_make_document (A_URI, A_TEXT);
  g_autoptr(LecternDocument) b = lectern_test_make_document (B_URI, B_TEXT);
  g_autoptr(GString) a_text = g_string_new (A_TEXT);
  g_autoptr(GString) b_text = g_string_new (B_TEXT);
  g_autoptr(LecternDocument) a2 = NULL;
  g_autoptr(LecternDocument) b2 = NULL;
  g_autoptr(LecternLinkStore) store = load_store (fixture->path);
  g_autoptr(LecternLinkStore) again = NULL;
  g_autoptr(LecternPassageLink) reloaded = NULL;
  LecternPassageLink *link;

  g_assert_cmpuint (g_string_replace (a_text, "alliances last about", "alliances endure for about", 0), ==, 1);
  g_assert_cmpuint (g_string_replace (b_text, "on average.", "on average!", 0), ==, 1);
  a2 = lectern_test_make_document (A_URI, a_text->str);
  b2 = lectern_test_make_document (B_URI, b_text->str);

  link = add_ok (store, link_quotes (a, "Most alliances last about nine and a half years.",
                                     b, "Treaties last a decade on average.", LECTERN_RELATION_AGREES, NULL));
  lectern_link_store_attach_document (store, a2);
  lectern_link_store_attach_document (store, b2);

  g_assert_cmpint (lectern_passage_link_get_state (link, LECTERN_LINK_SIDE_LEFT), ==, LECTERN_HIGHLIGHT_NEEDS_REVIEW);
  g_assert_cmpuint (lectern_passage_link_get_start (link, LECTERN_LINK_SIDE_LEFT), ==,
                    lectern_test_find_offset (a2, "Most alliances endure"));
  g_assert_cmpuint (lectern_passage_link_get_end (link, LECTERN_LINK_SIDE_LEFT), ==,
                    lectern_test_find_offset (a2, " This one lasted"));
  g_assert_cmpint (lectern_passage_link_get_state (link, LECTERN_LINK_SIDE_RIGHT), ==, LECTERN_HIGHLIGHT_ANCHORED);
  g_assert_cmpuint (lectern_passage_link_get_start (link, LECTERN_LINK_SIDE_RIGHT), ==,
                    lectern_test_find_offset (b2, "Treaties last"));

  /* The state is saved like the others. */
  flush_ok (store);
  again = load_store (fixture->path);
  reloaded = g_list_model_get_item (G_LIST_MODEL (again), 0);
  assert_same_link (reloaded, link);
}

/* Issue 19, item 6: members this version does not know, at the top,
 * in a link and in each of its targets, survive an edit. */
static void
test_unknown_fields_round_trip (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(LecternLinkStore) store = NULL;
  g_autoptr(LecternPassageLink) link = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *entry;
  JsonArray *targets;

  write_text (fixture->path,
              "{\"format\": \"lectern-links\", \"version\": 1, \"x-top\": 7, \"links\": ["
              "{\"id\": \"aaaaaaaa-0000-4000-8000-000000000001\", \"relation\": \"extends\", "
              "\"created\": \"2026-11-22T10:00:00Z\", \"x-entry\": [1], \"targets\": ["
              "{\"document\": {\"uri\": \"" A_URI "\"}, \"start\": 0, \"end\": 9, \"exact\": \"Alliances\", \"x-left\": 1},"
              "{\"document\": {\"uri\": \"" B_URI "\"}, \"start\": 0, \"end\": 8, \"exact\": \"Treaties\", \"x-right\": 2}]}]}");
  store = load_store (fixture->path);
  link = g_list_model_get_item (G_LIST_MODEL (store), 0);
  lectern_passage_link_set_note (link, "edited");
  flush_ok (store);

  root = parse_file (fixture->path);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "x-top"), ==, 7);
  entry = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "links"), 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "note"), ==, "edited");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (entry, "x-entry")), ==, 1);
  targets = json_object_get_array_member (entry, "targets");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (targets, 0), "x-left"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (targets, 1), "x-right"), ==, 2);
}

/* Issue 19, item 2: a zeroed links.json is kept aside and its .bak
 * loaded, said in a message naming both; the .bak stays as it was. */
static void
test_bak_recovers (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char zeros[256] = { 0 };
  g_autofree char *bak = g_strconcat (fixture->path, ".bak", NULL);
  g_autoptr(LecternLinkStore) store = lectern_link_store_new (fixture->path);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  write_text (bak, "{\"format\": \"lectern-links\", \"version\": 1, \"links\": [" GOOD_ENTRY "]}");
  g_assert_true (g_file_set_contents (fixture->path, zeros, sizeof zeros, NULL));
  before = lectern_test_read_bytes (bak);

  g_assert_false (lectern_link_store_load (store, &error));
  g_assert_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, ".bak"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

  flush_ok (store);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));
  after = lectern_test_read_bytes (bak);
  g_assert_true (g_bytes_equal (before, after));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/link-store/default-path", test_default_path);
  ADD ("/link-store/missing-file", test_missing_file);
  ADD ("/link-store/add-remove-list", test_add_remove_list);
  ADD ("/link-store/one-change-per-edit", test_one_change_per_edit);
  ADD ("/link-store/round-trip", test_round_trip);
  ADD ("/link-store/format-v1", test_format_v1);
  ADD ("/link-store/autosave", test_autosave);
  ADD ("/link-store/dispose-saves", test_dispose_saves);
  ADD ("/link-store/bak-kept", test_bak_kept);
  ADD ("/link-store/corrupt-not-json", test_corrupt_not_json);
  ADD ("/link-store/corrupt-wrong-format", test_corrupt_wrong_format);
  ADD ("/link-store/corrupt-links-not-array", test_corrupt_links_not_array);
  ADD ("/link-store/corrupt-all-entries-bad", test_corrupt_all_entries_bad);
  ADD ("/link-store/corrupt-deep", test_corrupt_deep);
  ADD ("/link-store/unknown-fields-round-trip", test_unknown_fields_round_trip);
  ADD ("/link-store/bak-recovers", test_bak_recovers);
  ADD ("/link-store/bad-entries-kept", test_bad_entries_kept);
  ADD ("/link-store/newer-version-read-only", test_newer_version_read_only);
  ADD ("/link-store/unreadable-and-too-large", test_unreadable_and_too_large);
  ADD ("/link-store/add-before-load-loads", test_add_before_load_loads);
  ADD ("/link-store/stale-temporaries-removed", test_stale_temporaries_removed);
  ADD ("/link-store/unwritable-keeps-old-file", test_unwritable);
  ADD ("/link-store/failed-autosave-emits-save-failed", test_failed_autosave_emits);
  ADD ("/link-store/attach-reanchors", test_attach_reanchors);
  ADD ("/link-store/attach-range-past-end", test_attach_range_past_end);
  ADD ("/link-store/attach-needs-review", test_attach_needs_review);
  if (g_test_perf ())
    ADD ("/link-store/scale-10k", test_scale_10k);

  return g_test_run ();
}
