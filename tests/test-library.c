/* test-library.c: LecternLibrary
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "lectern-core.h"
#include "lectern-test-utils.h"

/* Fixture: a fresh directory per test, removed afterwards. */

typedef LecternTestDir Fixture;

/* Helpers */

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
assert_change (GArray *changes,
               guint   index,
               guint   position,
               guint   removed,
               guint   added)
{
  Change *change;

  g_assert_cmpuint (index, <, changes->len);
  change = &g_array_index (changes, Change, index);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

/* The item at @position, borrowed: the library keeps its own reference. */
static LecternDocument *
item_at (LecternLibrary *library,
         guint           position)
{
  g_autoptr(LecternDocument) document = g_list_model_get_item (G_LIST_MODEL (library), position);

  g_assert_nonnull (document);
  return document;
}

static guint
n_items (LecternLibrary *library)
{
  return g_list_model_get_n_items (G_LIST_MODEL (library));
}

typedef struct
{
  GMainLoop       *loop;
  guint            pending;
  LecternDocument *documents[2];
  GError          *errors[2];
} OpenState;

typedef struct
{
  OpenState *state;
  guint      index;
} OpenCall;

static void
open_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  OpenCall *call = user_data;
  OpenState *state = call->state;

  state->documents[call->index] = lectern_library_open_finish (LECTERN_LIBRARY (object), result,
                                                               &state->errors[call->index]);
  if (--state->pending == 0)
    g_main_loop_quit (state->loop);
}

/* Opens @n_files files at once (all calls made before the loop runs),
 * then runs the loop until every callback has been called. */
static void
open_files (LecternLibrary *library,
            GFile         **files,
            guint           n_files,
            GCancellable   *cancellable,
            OpenState      *state)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  OpenCall calls[2];

  g_assert_cmpuint (n_files, <=, G_N_ELEMENTS (calls));
  memset (state, 0, sizeof *state);
  state->loop = loop;
  state->pending = n_files;

  for (guint i = 0; i < n_files; i++)
    {
      calls[i].state = state;
      calls[i].index = i;
      lectern_library_open_async (library, files[i], cancellable, open_ready_cb, &calls[i]);
    }
  g_main_loop_run (loop);
  state->loop = NULL;
}

static LecternDocument *
open_file (LecternLibrary  *library,
           GFile           *file,
           GError         **error)
{
  OpenState state;

  open_files (library, &file, 1, NULL, &state);
  if (state.errors[0] != NULL)
    g_propagate_error (error, state.errors[0]);

  return state.documents[0];
}

/* Tests */

static void
test_sample_uris (void)
{
  const char * const *uris = lectern_library_get_sample_uris ();

  g_assert_nonnull (uris);
  g_assert_cmpuint (g_strv_length ((char **)uris), ==, 2);
  for (guint i = 0; uris[i] != NULL; i++)
    g_assert_true (g_str_has_prefix (uris[i], "resource:///"));
  g_assert_cmpstr (uris[0], !=, uris[1]);
}

static void
test_new_is_empty (void)
{
  g_autoptr(LecternLibrary) library = lectern_library_new ();
  guint n = G_MAXUINT;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (library)) == LECTERN_TYPE_DOCUMENT);
  g_assert_cmpuint (n_items (library), ==, 0);
  g_object_get (library, "n-items", &n, NULL);
  g_assert_cmpuint (n, ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (library), 0));
  g_assert_finalize_object (g_steal_pointer (&library));
}

static void
test_samples_first (void)
{
  g_autoptr(LecternLibrary) library = lectern_library_new ();
  g_autoptr(LecternDocument) user = lectern_test_make_document ("file:///tmp/user.txt", "A user's own text.");
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GError) error = NULL;
  const char * const *uris = lectern_library_get_sample_uris ();
  guint n_notify = 0;

  /* A document added before the samples stays after them. */
  lectern_library_add (library, user);
  g_signal_connect (library, "items-changed", G_CALLBACK (items_changed_cb), changes);
  g_signal_connect (library, "notify::n-items", G_CALLBACK (count_cb), &n_notify);

  g_assert_true (lectern_library_load_samples (library, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (n_items (library), ==, 3);
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 0, 0, 0, 1);
  assert_change (changes, 1, 1, 0, 1);
  g_assert_cmpuint (n_notify, ==, 2);

  for (guint i = 0; i < 2; i++)
    {
      LecternDocument *sample = item_at (library, i);
      guint n_blocks;

      g_assert_cmpstr (lectern_document_get_uri (sample), ==, uris[i]);
      g_assert_true (lectern_document_is_sample (sample));
      g_assert_nonnull (lectern_document_get_title (sample));
      g_assert_cmpstr (lectern_document_get_title (sample), !=, "");
      g_assert_cmpuint (lectern_document_get_length (sample), >, 1000);
      g_assert_cmpuint (strlen (lectern_document_get_text (sample)), >, 1000);
      lectern_document_get_blocks (sample, &n_blocks);
      g_assert_cmpuint (n_blocks, >, 5);
      g_assert_true (lectern_library_find_by_uri (library, uris[i]) == sample);
    }

  /* Samples are read in the format their names say. */
  g_assert_cmpint (lectern_document_get_format (item_at (library, 0)), ==,
                   lectern_document_format_for_name (uris[0]));
  g_assert_cmpint (lectern_document_get_format (item_at (library, 1)), ==,
                   lectern_document_format_for_name (uris[1]));
  g_assert_cmpstr (lectern_document_get_title (item_at (library, 0)), !=,
                   lectern_document_get_title (item_at (library, 1)));

  g_assert_true (item_at (library, 2) == user);
  g_assert_false (lectern_document_is_sample (user));

  /* Loading them again changes nothing. */
  g_assert_true (lectern_library_load_samples (library, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (library), ==, 3);
  g_assert_cmpuint (changes->len, ==, 2);

  g_signal_handlers_disconnect_by_data (library, changes);
  g_signal_handlers_disconnect_by_data (library, &n_notify);
  g_assert_finalize_object (g_steal_pointer (&library));
}

static void
test_items_changed (void)
{
  g_autoptr(LecternLibrary) library = lectern_library_new ();
  g_autoptr(LecternDocument) a = lectern_test_make_document ("file:///tmp/a.txt", "alpha");
  g_autoptr(LecternDocument) b = lectern_test_make_document ("file:///tmp/b.txt", "beta");
  g_autoptr(LecternDocument) c = lectern_test_make_document ("file:///tmp/c.txt", "gamma");
  g_autoptr(LecternDocument) b_again = lectern_test_make_document ("file:///tmp/b.txt", "beta, reloaded");
  g_autoptr(LecternDocument) stranger = lectern_test_make_document ("file:///tmp/d.txt", "delta");
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  guint n_notify = 0;
  guint n = 0;

  g_signal_connect (library, "items-changed", G_CALLBACK (items_changed_cb), changes);
  g_signal_connect (library, "notify::n-items", G_CALLBACK (count_cb), &n_notify);

  lectern_library_add (library, a);
  lectern_library_add (library, b);
  lectern_library_add (library, c);
  g_assert_cmpuint (changes->len, ==, 3);
  assert_change (changes, 0, 0, 0, 1);
  assert_change (changes, 1, 1, 0, 1);
  assert_change (changes, 2, 2, 0, 1);
  g_assert_cmpuint (n_notify, ==, 3);
  g_object_get (library, "n-items", &n, NULL);
  g_assert_cmpuint (n, ==, 3);

  /* The same document, or another with its URI, is not added twice. */
  lectern_library_add (library, b);
  lectern_library_add (library, b_again);
  g_assert_cmpuint (changes->len, ==, 3);
  g_assert_true (item_at (library, 1) == b);

  lectern_library_remove (library, b);
  g_assert_cmpuint (changes->len, ==, 4);
  assert_change (changes, 3, 1, 1, 0);
  g_assert_cmpuint (n_notify, ==, 4);
  g_assert_cmpuint (n_items (library), ==, 2);
  g_assert_true (item_at (library, 0) == a);
  g_assert_true (item_at (library, 1) == c);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (library), 2));

  /* Removing what is not there does nothing. */
  lectern_library_remove (library, b);
  lectern_library_remove (library, stranger);
  g_assert_cmpuint (changes->len, ==, 4);
  g_assert_cmpuint (n_notify, ==, 4);

  lectern_library_remove (library, c);
  assert_change (changes, 4, 1, 1, 0);
  lectern_library_remove (library, a);
  assert_change (changes, 5, 0, 1, 0);
  g_assert_cmpuint (n_items (library), ==, 0);

  /* The library let go of what it removed. */
  g_signal_handlers_disconnect_by_data (library, changes);
  g_signal_handlers_disconnect_by_data (library, &n_notify);
  g_assert_finalize_object (g_steal_pointer (&b));
  g_assert_finalize_object (g_steal_pointer (&library));
}

static void
test_find (void)
{
  g_autoptr(LecternLibrary) library = lectern_library_new ();
  g_autoptr(LecternDocument) a = lectern_test_make_document ("file:///tmp/a.txt", "alpha");
  g_autoptr(LecternDocument) b = lectern_test_make_document ("file:///tmp/%ED%95%9C.txt", "beta");
  g_autofree char *key = lectern_document_key_for_uri ("file:///tmp/%ED%95%9C.txt");
  g_autoptr(GError) error = NULL;
  const char * const *uris = lectern_library_get_sample_uris ();
  LecternDocument *sample;

  g_assert_null (lectern_library_find_by_uri (library, "file:///tmp/a.txt"));
  g_assert_null (lectern_library_find_by_id (library, lectern_document_get_id (a)));

  lectern_library_add (library, a);
  lectern_library_add (library, b);
  g_assert_true (lectern_library_load_samples (library, &error));
  g_assert_no_error (error);

  g_assert_true (lectern_library_find_by_uri (library, "file:///tmp/a.txt") == a);
  g_assert_true (lectern_library_find_by_uri (library, "file:///tmp/%ED%95%9C.txt") == b);
  g_assert_null (lectern_library_find_by_uri (library, "file:///tmp/A.txt"));
  g_assert_null (lectern_library_find_by_uri (library, "file:///tmp/a.txt/"));

  g_assert_cmpstr (lectern_document_get_id (b), ==, key);
  g_assert_true (lectern_library_find_by_id (library, key) == b);
  g_assert_true (lectern_library_find_by_id (library, lectern_document_get_id (a)) == a);
  g_assert_null (lectern_library_find_by_id (library, "0000000000000000"));

  sample = lectern_library_find_by_uri (library, uris[1]);
  g_assert_nonnull (sample);
  g_assert_true (lectern_library_find_by_id (library, lectern_document_get_id (sample)) == sample);

  lectern_library_remove (library, a);
  g_assert_null (lectern_library_find_by_uri (library, "file:///tmp/a.txt"));
  g_assert_null (lectern_library_find_by_id (library, lectern_document_get_id (a)));
}

static void
test_open_adds_once (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LecternLibrary) library = lectern_library_new ();
  g_autofree char *path = lectern_test_write_file (fixture->dir, "notes.md", "# Field notes\n\nSome *text*.\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) same_file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(LecternDocument) first = NULL;
  g_autoptr(LecternDocument) second = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lectern_library_load_samples (library, &error));
  g_assert_no_error (error);
  g_signal_connect (library, "items-changed", G_CALLBACK (items_changed_cb), changes);

  first = open_file (library, file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_cmpstr (lectern_document_get_uri (first), ==, uri);
  g_assert_cmpstr (lectern_document_get_title (first), ==, "Field notes");
  g_assert_cmpstr (lectern_document_get_text (first), ==, "Field notes\nSome text.");
  g_assert_false (lectern_document_is_sample (first));

  /* Appended after the samples. */
  g_assert_cmpuint (n_items (library), ==, 3);
  g_assert_true (item_at (library, 2) == first);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 2, 0, 1);
  g_assert_true (lectern_library_find_by_uri (library, uri) == first);

  /* Opening it again, by another GFile for the same path, gives the same document. */
  second = open_file (library, same_file, &error);
  g_assert_no_error (error);
  g_assert_true (second == first);
  g_assert_cmpuint (n_items (library), ==, 3);
  g_assert_cmpuint (changes->len, ==, 1);

  g_signal_handlers_disconnect_by_data (library, changes);
  g_clear_object (&second);
  g_clear_object (&first);
  g_assert_finalize_object (g_steal_pointer (&library));
}

static void
test_open_concurrent (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LecternLibrary) library = lectern_library_new ();
  g_autofree char *path = lectern_test_write_file (fixture->dir, "twice.txt", "Twice\n\nOpened at once.\n", -1);
  g_autoptr(GFile) file_a = g_file_new_for_path (path);
  g_autoptr(GFile) file_b = g_file_new_for_path (path);
  GFile *files[] = { file_a, file_b };
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  OpenState state;

  g_signal_connect (library, "items-changed", G_CALLBACK (items_changed_cb), changes);

  /* Both calls are made before either load has finished. */
  open_files (library, files, 2, NULL, &state);

  g_assert_no_error (state.errors[0]);
  g_assert_no_error (state.errors[1]);
  g_assert_nonnull (state.documents[0]);
  g_assert_true (state.documents[0] == state.documents[1]);
  g_assert_cmpuint (n_items (library), ==, 1);
  g_assert_true (item_at (library, 0) == state.documents[0]);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 0, 0, 1);
  g_assert_cmpstr (lectern_document_get_title (state.documents[0]), ==, "Twice");

  g_signal_handlers_disconnect_by_data (library, changes);
  g_object_unref (state.documents[0]);
  g_object_unref (state.documents[1]);
  g_assert_finalize_object (g_steal_pointer (&library));
}

static void
assert_open_fails (LecternLibrary *library,
                   const char     *path,
                   int             code)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(LecternDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = open_file (library, file, &error);
  g_assert_error (error, LECTERN_DOCUMENT_ERROR, code);
  g_assert_null (document);
  g_assert_nonnull (strstr (error->message, basename));
  g_assert_null (lectern_library_find_by_uri (library, uri));
}

static void
test_open_error (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(LecternLibrary) library = lectern_library_new ();
  static const char binary[] = "GIF89a\0\0\0";
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.txt", NULL);
  g_autofree char *bad = lectern_test_write_file (fixture->dir, "bad.txt", binary, sizeof binary - 1);
  g_autofree char *latin1 = lectern_test_write_file (fixture->dir, "latin1.md", "caf\xE9\n", -1);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GError) error = NULL;

  g_assert_true (lectern_library_load_samples (library, &error));
  g_assert_no_error (error);
  g_signal_connect (library, "items-changed", G_CALLBACK (items_changed_cb), changes);

  assert_open_fails (library, missing, LECTERN_DOCUMENT_ERROR_UNREADABLE);
  assert_open_fails (library, bad, LECTERN_DOCUMENT_ERROR_BINARY);
  assert_open_fails (library, latin1, LECTERN_DOCUMENT_ERROR_NOT_UTF8);
  assert_open_fails (library, fixture->dir, LECTERN_DOCUMENT_ERROR_NOT_REGULAR);

  g_assert_cmpuint (n_items (library), ==, 2);
  g_assert_cmpuint (changes->len, ==, 0);

  /* A failed open does not stop the file from being opened once it is fixed. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (latin1);
    g_autoptr(LecternDocument) document = NULL;

    g_file_set_contents (latin1, "café\n", -1, &error);
    g_assert_no_error (error);
    document = open_file (library, file, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (lectern_document_get_text (document), ==, "café");
    g_assert_cmpuint (n_items (library), ==, 3);
    assert_change (changes, 0, 2, 0, 1);
  }

  g_signal_handlers_disconnect_by_data (library, changes);
}

static void
test_open_cancelled (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LecternLibrary) library = lectern_library_new ();
  g_autofree char *path = lectern_test_write_file (fixture->dir, "late.txt", "Never added\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  OpenState state;

  g_cancellable_cancel (cancellable);
  open_files (library, &file, 1, cancellable, &state);

  g_assert_error (state.errors[0], G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (state.documents[0]);
  g_assert_cmpuint (n_items (library), ==, 0);
  g_clear_error (&state.errors[0]);
}

/* library.json keeps each remembered document with its place, title,
 * fingerprint, reading position and format; a corrupt one is kept
 * aside and the library starts empty. */
static void
test_entries_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "library.json", NULL);
  g_autoptr(LecternLibrary) library = lectern_library_new ();
  g_autoptr(LecternLibrary) again = lectern_library_new ();
  g_autoptr(LecternDocument) document = lectern_test_make_document ("file:///nowhere/a.txt", "Alpha text.\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  LecternLibraryEntry *entry;
  const char *uris[] = { "file:///nowhere/b.md", NULL };

  g_assert_true (lectern_library_load_entries (library, path, &error));
  g_assert_no_error (error);
  lectern_library_add (library, document);
  lectern_library_remember_uris (library, uris);
  lectern_library_set_read_position (library, "file:///nowhere/a.txt", 7);
  lectern_library_entry_set_format (lectern_library_find_entry (library, "file:///nowhere/b.md"), "markdown");
  lectern_library_entries_changed (library);
  g_assert_true (lectern_library_flush (library, &error));

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "{\n  \"format\" : \"lectern-library\",\n  \"version\" : 1"));

  g_assert_true (lectern_library_load_entries (again, path, &error));
  g_assert_cmpuint (g_list_model_get_n_items (lectern_library_get_entries (again)), ==, 2);
  entry = lectern_library_find_entry (again, "file:///nowhere/a.txt");
  g_assert_cmpstr (lectern_library_entry_get_title (entry), ==, lectern_document_get_title (document));
  g_assert_cmpstr (lectern_library_entry_get_fingerprint (entry), ==, lectern_document_get_fingerprint (document));
  g_assert_cmpuint (lectern_library_entry_get_position (entry), ==, 7);
  g_assert_true (lectern_library_entry_get_missing (entry));
  g_assert_true (lectern_library_find_entry_by_id (again, lectern_document_get_id (document)) == entry);
  entry = lectern_library_find_entry (again, "file:///nowhere/b.md");
  g_assert_cmpstr (lectern_library_entry_get_title (entry), ==, "b.md");
  g_assert_cmpstr (lectern_library_entry_get_format (entry), ==, "markdown");

  g_assert_true (g_file_set_contents (path, "{ not json", -1, NULL));
  g_assert_false (lectern_library_load_entries (again, path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpuint (g_list_model_get_n_items (lectern_library_get_entries (again)), ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, lectern_test_dir_set_up, func, lectern_test_dir_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/library/sample-uris", test_sample_uris);
  g_test_add_func ("/library/new-is-empty", test_new_is_empty);
  g_test_add_func ("/library/samples-first", test_samples_first);
  g_test_add_func ("/library/items-changed", test_items_changed);
  g_test_add_func ("/library/find", test_find);
  ADD ("/library/open-adds-once", test_open_adds_once);
  ADD ("/library/open-concurrent", test_open_concurrent);
  ADD ("/library/open-error", test_open_error);
  ADD ("/library/open-cancelled", test_open_cancelled);
  ADD ("/library/entries-round-trip", test_entries_round_trip);

  return g_test_run ();
}
