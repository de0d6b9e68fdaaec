/* replay.c: runs a fuzz target over its seed corpus and the inputs that
 * once made it crash, as an ordinary test
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: test-fuzz-TARGET [--tap] DIR...
 */

#include "config.h"

#include <string.h>

#include "lectern-fuzz.h"

static void
replay_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  g_assert_cmpint (LLVMFuzzerTestOneInput ((const guint8 *)contents, length), ==, 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *)a, *(char * const *)b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = NULL;
      const char *name;

      /* Git keeps no empty directories. */
      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        continue;

      dir = g_dir_open (argv[i], 0, &error);
      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.')
          g_ptr_array_add (paths, g_build_filename (argv[i], name, NULL));
    }

  /* The seed corpus at least is there. */
  g_assert_cmpuint (paths->len, >, 0);
  g_ptr_array_sort (paths, compare_names);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *test_path = g_strdup_printf ("/fuzz-replay/%s/%s",
                                                    strstr (path, "regressions" G_DIR_SEPARATOR_S) != NULL ? "regression" : "seed",
                                                    name);

      g_test_add_data_func (test_path, path, replay_file);
    }

  return g_test_run ();
}
