/* test-session.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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

  return g_test_run ();
}
