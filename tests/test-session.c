/* test-session.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "lectern-core.h"
#include "lectern-test-utils.h"

typedef LecternTestDir Fixture;

static char *
annotations_dir (Fixture *fixture)
{
  return g_build_filename (fixture->dir, "annotations", NULL);
}

static LecternSession *
load_session (Fixture *fixture)
{
  g_autofree char *annotations = annotations_dir (fixture);
  LecternSession *session = lectern_session_new (annotations);

  lectern_session_load (session);

  return session;
}

static LecternDocument *
first_document (LecternSession *session)
{
  LecternLibrary *library = lectern_session_get_library (session);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), >=, 2);

  return g_list_model_get_item (G_LIST_MODEL (library), 0);
}

/* The session puts the sample pack in the library and keeps links and
 * colour meanings beside the highlights folder. */
static void
test_session_load (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LecternSession) session = load_session (fixture);
  g_autofree char *links = g_build_filename (fixture->dir, "links.json", NULL);
  g_autofree char *colors = g_build_filename (fixture->dir, "colors.json", NULL);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lectern_session_get_library (session))), >=, 2);
  g_autofree char *annotations = annotations_dir (fixture);

  g_assert_cmpstr (lectern_annotation_store_get_directory (lectern_session_get_store (session)), ==, annotations);
  g_assert_cmpstr (lectern_link_store_get_path (lectern_session_get_link_store (session)), ==, links);
  g_assert_cmpstr (lectern_color_meanings_get_path (lectern_session_get_color_meanings (session)), ==, colors);

  /* Loading writes nothing. */
  g_assert_false (g_file_test (links, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (colors, G_FILE_TEST_EXISTS));
  g_assert_finalize_object (g_steal_pointer (&session));
}

/* One call does the whole job from a selection to a saved highlight. */
static void
test_session_highlight_range (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(LecternSession) session = load_session (fixture);
  g_autoptr(LecternDocument) document = first_document (session);
  g_autoptr(LecternSession) again = NULL;
  g_autoptr(LecternTarget) expected = lectern_target_new_for_range (document, 40, 90);
  g_autoptr(GError) error = NULL;
  LecternAnnotationStore *store = lectern_session_get_store (session);
  const char *id = lectern_document_get_id (document);
  LecternHighlight *highlight;
  LecternHighlight *same;

  highlight = lectern_session_highlight_range (session, document, 40, 90, LECTERN_COLOR_RED, &error);
  g_assert_no_error (error);
  g_assert_nonnull (highlight);
  g_assert_cmpstr (lectern_highlight_get_exact (highlight), ==, lectern_target_get_exact (expected));
  g_assert_cmpstr (lectern_highlight_get_prefix (highlight), ==, lectern_target_get_prefix (expected));
  g_assert_cmpstr (lectern_highlight_get_suffix (highlight), ==, lectern_target_get_suffix (expected));
  g_assert_true (lectern_annotation_store_find (store, lectern_highlight_get_id (highlight)) == highlight);

  /* The same passage again takes the new colour: no second highlight. */
  same = lectern_session_highlight_range (session, document, 40, 90, LECTERN_COLOR_GREEN, &error);
  g_assert_no_error (error);
  g_assert_true (same == highlight);
  g_assert_cmpint (lectern_highlight_get_color (highlight), ==, LECTERN_COLOR_GREEN);
  g_assert_cmpuint (lectern_annotation_store_count_for_document (store, id), ==, 1);

  /* An empty passage is refused, with words for the reader. */
  g_assert_null (lectern_session_highlight_range (session, document, 50, 50, LECTERN_COLOR_RED, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (lectern_session_flush (session, &error));
  g_assert_no_error (error);

  /* A new session finds it on disk. */
  again = load_session (fixture);
  g_assert_cmpuint (lectern_annotation_store_count_for_document (lectern_session_get_store (again), id), ==, 1);
  g_assert_nonnull (lectern_annotation_store_find (lectern_session_get_store (again),
                                                   lectern_highlight_get_id (highlight)));
}

/* A meaning is saved once typing pauses, or at once by a flush, and a new
 * session reads it back. */
static void
test_session_meanings_saved (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(LecternSession) session = load_session (fixture);
  g_autoptr(LecternSession) again = NULL;
  g_autoptr(GError) error = NULL;
  LecternColorMeanings *meanings = lectern_session_get_color_meanings (session);

  lectern_color_meanings_set (meanings, LECTERN_COLOR_BLUE, "Method");
  g_assert_false (g_file_test (lectern_color_meanings_get_path (meanings), G_FILE_TEST_EXISTS));

  /* The pause: the main loop saves it without a flush. */
  while (!g_file_test (lectern_color_meanings_get_path (meanings), G_FILE_TEST_EXISTS))
    g_main_context_iteration (NULL, TRUE);

  lectern_color_meanings_set (meanings, LECTERN_COLOR_RED, "Doubt");
  g_assert_true (lectern_session_flush (session, &error));
  g_assert_no_error (error);

  again = load_session (fixture);
  meanings = lectern_session_get_color_meanings (again);
  g_assert_cmpstr (lectern_color_meanings_get (meanings, LECTERN_COLOR_BLUE), ==, "Method");
  g_assert_cmpstr (lectern_color_meanings_get (meanings, LECTERN_COLOR_RED), ==, "Doubt");
}

static void
count_problem (LecternSession *session,
               const GError   *error,
               gpointer        user_data)
{
  guint *count = user_data;

  g_assert_nonnull (error);
  g_assert_nonnull (error->message);
  (*count)++;
}

/* A save that fails (here the highlights folder is a file) is reported
 * through the session and by the flush; the highlight stays in memory. */
static void
test_session_save_failed (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(LecternSession) session = NULL;
  g_autoptr(LecternDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  LecternHighlight *highlight;
  guint problems = 0;

  session = load_session (fixture);
  g_signal_connect (session, "problem", G_CALLBACK (count_problem), &problems);
  document = first_document (session);

  highlight = lectern_session_highlight_range (session, document, 0, 20, LECTERN_COLOR_YELLOW, &error);
  g_assert_no_error (error);
  g_assert_nonnull (highlight);

  g_autofree char *annotations = annotations_dir (fixture);

  g_assert_true (g_file_set_contents (annotations, "not a folder", -1, NULL));
  g_test_expect_message ("lectern-core", G_LOG_LEVEL_WARNING, "Could not save highlights of *");
  g_test_expect_message ("lectern-core", G_LOG_LEVEL_WARNING, "Could not save highlights: *");
  g_assert_false (lectern_session_flush (session, &error));
  g_test_assert_expected_messages ();
  g_assert_nonnull (error);
  g_assert_cmpuint (problems, >=, 1);
  g_assert_nonnull (lectern_annotation_store_find (lectern_session_get_store (session),
                                                   lectern_highlight_get_id (highlight)));
}

/* The library and moved files */

static const char *paper_text =
  "The first paragraph says that ice sheets respond slowly to warming.\n\n"
  "The second paragraph measures how far the glaciers retreated in a decade.\n\n"
  "The third paragraph argues that sea level rise follows within a century.\n\n"
  "The fourth paragraph closes with what remains uncertain about the models.\n";

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LecternDocument **document = user_data;
  g_autoptr(GError) error = NULL;

  *document = lectern_session_open_finish (LECTERN_SESSION (object), result, &error);
  g_assert_no_error (error);
}

static LecternDocument *
open_path (LecternSession *session,
           const char     *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LecternDocument *document = NULL;

  lectern_session_open_async (session, file, NULL, opened_cb, &document);
  while (document == NULL)
    g_main_context_iteration (NULL, TRUE);

  return document;
}

/* A paper opened and highlighted (two passages, with a note), saved. */
static char *
annotate_paper (Fixture    *fixture,
                const char *name)
{
  g_autoptr(LecternSession) session = load_session (fixture);
  char *path = lectern_test_write_file (fixture->dir, name, paper_text, -1);
  g_autoptr(LecternDocument) document = open_path (session, path);
  g_autoptr(GError) error = NULL;
  LecternHighlight *highlight;
  guint start = lectern_test_find_offset (document, "glaciers retreated");

  highlight = lectern_session_highlight_range (session, document, start, start + 18, LECTERN_COLOR_RED, &error);
  g_assert_no_error (error);
  lectern_highlight_set_note (highlight, "Check the decade");
  start = lectern_test_find_offset (document, "sea level rise");
  g_assert_nonnull (lectern_session_highlight_range (session, document, start, start + 14,
                                                     LECTERN_COLOR_BLUE, &error));
  lectern_library_set_read_position (lectern_session_get_library (session),
                                     lectern_document_get_uri (document), 120);
  g_assert_true (lectern_session_flush (session, &error));
  g_assert_no_error (error);

  return path;
}

/* Every document opened stays in library.json, whatever the next launch
 * opens; forgetting one leaves its highlights file alone. */
static void
test_session_library_remembered (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *path = annotate_paper (fixture, "paper.txt");
  g_autofree char *library_path = g_build_filename (fixture->dir, "library.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *id = lectern_document_key_for_uri (uri);
  g_autoptr(LecternSession) again = load_session (fixture);
  LecternLibrary *library = lectern_session_get_library (again);
  g_autofree char *highlights = lectern_annotation_store_dup_path (lectern_session_get_store (again), id);
  g_autoptr(LecternLibraryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  guint position;

  g_assert_true (g_file_test (library_path, G_FILE_TEST_EXISTS));
  g_assert_nonnull (lectern_library_find_entry (library, uri));
  entry = g_object_ref (lectern_library_find_entry (library, uri));
  g_assert_null (lectern_library_find_by_uri (library, uri));
  g_assert_cmpstr (lectern_library_entry_get_id (entry), ==, id);
  g_assert_cmpuint (lectern_library_entry_get_position (entry), ==, 120);
  g_assert_nonnull (lectern_library_entry_get_fingerprint (entry));
  g_assert_false (lectern_library_entry_get_missing (entry));

  position = lectern_library_forget (library, entry);
  g_assert_null (lectern_library_find_entry (library, uri));
  g_assert_true (lectern_library_flush (library, &error));
  g_assert_true (g_file_test (highlights, G_FILE_TEST_EXISTS));
  lectern_library_restore_entry (library, entry, position);
  g_assert_nonnull (lectern_library_find_entry (library, uri));

  /* A missing file stays, marked missing. */
  g_assert_true (lectern_session_flush (again, &error));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_clear_object (&again);
  again = load_session (fixture);
  g_assert_true (lectern_library_entry_get_missing (lectern_library_find_entry (lectern_session_get_library (again), uri)));
}

static guint
count_for_path (LecternSession *session,
                const char     *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *id = lectern_document_key_for_uri (uri);

  return lectern_annotation_store_count_for_document (lectern_session_get_store (session), id);
}

/* A moved file (same text) and an edited copy find their highlights;
 * the library keeps the new path of a moved one. */
static void
test_session_moved_highlights (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *path = annotate_paper (fixture, "paper.txt");
  g_autofree char *moved = g_build_filename (fixture->dir, "moved.txt", NULL);
  g_autofree char *edited = NULL;
  g_autoptr(LecternSession) session = NULL;
  g_autoptr(LecternDocument) document = NULL;
  g_autoptr(GString) text = g_string_new (paper_text);
  g_autoptr(GFile) old_file = g_file_new_for_path (path);
  g_autofree char *old_uri = g_file_get_uri (old_file);

  g_assert_cmpint (g_rename (path, moved), ==, 0);
  session = load_session (fixture);
  g_assert_true (lectern_library_entry_get_missing (lectern_library_find_entry (lectern_session_get_library (session),
                                                                                old_uri)));
  document = open_path (session, moved);
  g_assert_cmpuint (count_for_path (session, moved), ==, 2);
  g_assert_null (lectern_library_find_entry (lectern_session_get_library (session), old_uri));
  g_assert_true (lectern_session_flush (session, NULL));
  g_clear_object (&document);
  g_clear_object (&session);

  /* An edited copy under another name: most quotes still anchor. */
  g_string_replace (text, "first paragraph says", "opening paragraph claims", 1);
  edited = lectern_test_write_file (fixture->dir, "edited.txt", text->str, -1);
  g_assert_cmpint (g_unlink (moved), ==, 0);
  session = load_session (fixture);
  document = open_path (session, edited);
  g_assert_cmpuint (count_for_path (session, edited), ==, 2);
}

/* A copy opened while the original is still there gets the highlights
 * too, and the original keeps its own. */
static void
test_session_copy_keeps_original (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *path = annotate_paper (fixture, "paper.txt");
  g_autofree char *copy = lectern_test_write_file (fixture->dir, "copy.txt", paper_text, -1);
  g_autoptr(LecternSession) session = load_session (fixture);
  g_autoptr(LecternDocument) copied = open_path (session, copy);
  g_autoptr(LecternDocument) original = NULL;

  g_assert_cmpuint (count_for_path (session, copy), ==, 2);
  original = open_path (session, path);
  g_assert_cmpuint (count_for_path (session, path), ==, 2);
  g_assert_true (lectern_session_flush (session, NULL));
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  int *added = user_data;

  *added = lectern_annotation_store_load_stored_finish (LECTERN_ANNOTATION_STORE (object), result, NULL);
}

/* Highlights of documents not open are listed without their text,
 * read-only, and give way to the document's own when it is opened. */
static void
test_session_stored_listed (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = annotate_paper (fixture, "paper.txt");
  g_autoptr(LecternSession) session = load_session (fixture);
  LecternAnnotationStore *store = lectern_session_get_store (session);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *id = lectern_document_key_for_uri (uri);
  g_autoptr(LecternDocument) document = NULL;
  const char *title = NULL;
  int added = -2;

  g_assert_cmpuint (lectern_annotation_store_count_for_document (store, id), ==, 0);
  lectern_annotation_store_load_stored_async (store, NULL, stored_cb, &added);
  while (added == -2)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (added, ==, 2);
  g_assert_true (lectern_annotation_store_is_detached (store, id));
  g_assert_true (lectern_annotation_store_is_read_only (store, id));
  g_assert_true (lectern_annotation_store_lookup_document (store, id, NULL, &title));
  g_assert_true (g_str_has_prefix (title, "The first paragraph"));

  /* Export works on them as on any: their document named, notes and all. */
  {
    g_autoptr(LecternExport) export = lectern_export_new (store, lectern_session_get_library (session));
    g_autoptr(GPtrArray) all = lectern_annotation_store_list_for_document (store, id);
    g_autofree char *markdown = lectern_export_write (export, LECTERN_EXPORT_FORMAT_MARKDOWN, all, NULL);

    g_assert_nonnull (strstr (markdown, "Check the decade"));
    g_assert_nonnull (strstr (markdown, "glaciers retreated"));
    g_assert_nonnull (strstr (markdown, "The first paragraph"));
  }

  document = open_path (session, path);
  g_assert_false (lectern_annotation_store_is_detached (store, id));
  g_assert_false (lectern_annotation_store_is_read_only (store, id));
  g_assert_cmpuint (lectern_annotation_store_count_for_document (store, id), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
}

static void
apart_cb (LecternSession  *session,
          LecternDocument *document,
          const char      *kept_id,
          char           **result)
{
  *result = g_strdup (kept_id);
}

/* A file replaced by another text keeps apart from the highlights made
 * on the earlier one; moving them is the reader's choice. */
static void
test_session_replaced_file (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = annotate_paper (fixture, "paper.txt");
  g_autoptr(LecternSession) session = NULL;
  g_autoptr(LecternDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept_id = NULL;
  g_autofree char *kept_path = NULL;
  LecternAnnotationStore *store;

  g_free (lectern_test_write_file (fixture->dir, "paper.txt",
                                   "An entirely different essay about medieval trade routes.\n\n"
                                   "Nothing here speaks of ice or of oceans at all.\n", -1));
  session = load_session (fixture);
  store = lectern_session_get_store (session);
  g_signal_connect (session, "highlights-apart", G_CALLBACK (apart_cb), &kept_id);
  document = open_path (session, path);

  g_assert_nonnull (kept_id);
  g_assert_cmpuint (count_for_path (session, path), ==, 0);
  kept_path = lectern_annotation_store_dup_path (store, kept_id);
  g_assert_true (g_file_test (kept_path, G_FILE_TEST_EXISTS));

  g_assert_cmpint (lectern_session_move_highlights (session, kept_id, document, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (count_for_path (session, path), ==, 2);
  g_assert_true (lectern_session_flush (session, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/session/load", Fixture, NULL, lectern_test_dir_set_up, test_session_load, lectern_test_dir_tear_down);
  g_test_add ("/session/highlight-range", Fixture, NULL,
              lectern_test_dir_set_up, test_session_highlight_range, lectern_test_dir_tear_down);
  g_test_add ("/session/meanings-saved", Fixture, NULL,
              lectern_test_dir_set_up, test_session_meanings_saved, lectern_test_dir_tear_down);
  g_test_add ("/session/save-failed", Fixture, NULL,
              lectern_test_dir_set_up, test_session_save_failed, lectern_test_dir_tear_down);

  g_test_add ("/session/library-remembered", Fixture, NULL,
              lectern_test_dir_set_up, test_session_library_remembered, lectern_test_dir_tear_down);
  g_test_add ("/session/moved-highlights", Fixture, NULL,
              lectern_test_dir_set_up, test_session_moved_highlights, lectern_test_dir_tear_down);
  g_test_add ("/session/copy-keeps-original", Fixture, NULL,
              lectern_test_dir_set_up, test_session_copy_keeps_original, lectern_test_dir_tear_down);
  g_test_add ("/session/stored-listed", Fixture, NULL,
              lectern_test_dir_set_up, test_session_stored_listed, lectern_test_dir_tear_down);

  g_test_add ("/session/replaced-file", Fixture, NULL,
              lectern_test_dir_set_up, test_session_replaced_file, lectern_test_dir_tear_down);

  return g_test_run ();
}
