/* test-color-meanings.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lectern-core.h"
#include "lectern-test-utils.h"

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
  fixture->path = g_build_filename (fixture->dir, "sub", "colors.json", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lectern_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
count_changed (LecternColorMeanings *meanings,
               guint                 color,
               gpointer              user_data)
{
  guint *counts = user_data;

  counts[color]++;
}

static void
test_defaults (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(LecternColorMeanings) meanings = lectern_color_meanings_new (fixture->path);
  g_autoptr(GError) error = NULL;

  /* No file yet: not an error, the defaults hold. */
  g_assert_true (lectern_color_meanings_load (meanings, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lectern_color_meanings_get (meanings, LECTERN_COLOR_YELLOW), ==, "Key point");
  g_assert_cmpstr (lectern_color_meanings_get (meanings, LECTERN_COLOR_PURPLE), ==, "Question");
  g_assert_cmpstr (lectern_color_get_label (LECTERN_COLOR_BLUE), ==, "Blue");

  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    for (guint j = i + 1; j < LECTERN_N_COLORS; j++)
      g_assert_cmpstr (lectern_color_meanings_get_default (i), !=, lectern_color_meanings_get_default (j));
}

static void
test_set_save_load (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(LecternColorMeanings) meanings = lectern_color_meanings_new (fixture->path);
  g_autoptr(LecternColorMeanings) again = lectern_color_meanings_new (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  guint counts[LECTERN_N_COLORS] = { 0 };

  g_signal_connect (meanings, "changed", G_CALLBACK (count_changed), counts);
  lectern_color_meanings_set (meanings, LECTERN_COLOR_RED, "  Counter-argument\n ");
  lectern_color_meanings_set (meanings, LECTERN_COLOR_RED, "Counter-argument");
  lectern_color_meanings_set (meanings, LECTERN_COLOR_GREEN, "근거 (evidence)");
  g_assert_cmpuint (counts[LECTERN_COLOR_RED], ==, 1);
  g_assert_cmpuint (counts[LECTERN_COLOR_GREEN], ==, 1);
  g_assert_cmpuint (counts[LECTERN_COLOR_BLUE], ==, 0);
  g_assert_cmpstr (lectern_color_meanings_get (meanings, LECTERN_COLOR_RED), ==, "Counter-argument");

  g_assert_true (lectern_color_meanings_save (meanings, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (fixture->path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"format\" : \"lectern-colors\""));

  g_assert_true (lectern_color_meanings_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lectern_color_meanings_get (again, LECTERN_COLOR_RED), ==, "Counter-argument");
  g_assert_cmpstr (lectern_color_meanings_get (again, LECTERN_COLOR_GREEN), ==, "근거 (evidence)");
  g_assert_cmpstr (lectern_color_meanings_get (again, LECTERN_COLOR_YELLOW), ==, "Key point");

  /* Blank means the default again; reset restores every default. */
  lectern_color_meanings_set (again, LECTERN_COLOR_GREEN, "   ");
  g_assert_cmpstr (lectern_color_meanings_get (again, LECTERN_COLOR_GREEN), ==, "Agree");
  lectern_color_meanings_reset (again);
  g_assert_cmpstr (lectern_color_meanings_get (again, LECTERN_COLOR_RED), ==, "Disagree");
}

static void
test_long_meaning_is_cut (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(LecternColorMeanings) meanings = lectern_color_meanings_new (fixture->path);
  g_autoptr(GString) longer = g_string_new (NULL);

  for (guint i = 0; i < 100; i++)
    g_string_append (longer, "가");
  lectern_color_meanings_set (meanings, LECTERN_COLOR_BLUE, longer->str);
  g_assert_cmpint (g_utf8_strlen (lectern_color_meanings_get (meanings, LECTERN_COLOR_BLUE), -1),
                   ==, LECTERN_COLOR_MEANING_MAX_CHARS);
}

static void
test_bad_file_left_alone (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char * const bad[] = {
    "not json at all",
    "[1, 2, 3]",
    "{\"format\": \"something-else\", \"meanings\": {}}",
    "{\"format\": \"lectern-colors\", \"meanings\": [\"yellow\"]}",
  };
  g_autofree char *sub = g_path_get_dirname (fixture->path);

  g_mkdir_with_parents (sub, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(LecternColorMeanings) meanings = lectern_color_meanings_new (fixture->path);
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_assert_true (g_file_set_contents (fixture->path, bad[i], -1, NULL));
      g_assert_false (lectern_color_meanings_load (meanings, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_nonnull (strstr (error->message, "colors.json"));
      g_assert_cmpstr (lectern_color_meanings_get (meanings, LECTERN_COLOR_YELLOW), ==, "Key point");

      g_assert_true (g_file_get_contents (fixture->path, &after, NULL, NULL));
      g_assert_cmpstr (after, ==, bad[i]);
    }

  /* Wrong types for one colour fall back to its default, the rest load. */
  {
    g_autoptr(LecternColorMeanings) meanings = lectern_color_meanings_new (fixture->path);
    g_autoptr(GError) error = NULL;

    g_assert_true (g_file_set_contents (fixture->path,
                                        "{\"format\": \"lectern-colors\", \"version\": 1, "
                                        "\"meanings\": {\"yellow\": 7, \"blue\": \"Source\"}}", -1, NULL));
    g_assert_true (lectern_color_meanings_load (meanings, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (lectern_color_meanings_get (meanings, LECTERN_COLOR_YELLOW), ==, "Key point");
    g_assert_cmpstr (lectern_color_meanings_get (meanings, LECTERN_COLOR_BLUE), ==, "Source");
  }
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(LecternColorMeanings) meanings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *blocker = g_build_filename (fixture->dir, "sub", NULL);

  /* A file where the directory should be: saving must fail cleanly. */
  g_assert_true (g_file_set_contents (blocker, "x", -1, NULL));
  meanings = lectern_color_meanings_new (fixture->path);
  lectern_color_meanings_set (meanings, LECTERN_COLOR_RED, "Objection");
  g_assert_false (lectern_color_meanings_save (meanings, &error));
  g_assert_nonnull (error);
  g_remove (blocker);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/color-meanings/defaults", Fixture, NULL, fixture_set_up, test_defaults, fixture_tear_down);
  g_test_add ("/color-meanings/set-save-load", Fixture, NULL, fixture_set_up, test_set_save_load, fixture_tear_down);
  g_test_add ("/color-meanings/long", Fixture, NULL, fixture_set_up, test_long_meaning_is_cut, fixture_tear_down);
  g_test_add ("/color-meanings/bad-file", Fixture, NULL, fixture_set_up, test_bad_file_left_alone, fixture_tear_down);
  g_test_add ("/color-meanings/unwritable", Fixture, NULL, fixture_set_up, test_unwritable, fixture_tear_down);

  return g_test_run ();
}
