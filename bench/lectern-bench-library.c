/* lectern-bench-library.c: a large library does not delay the window
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A library of 500 documents with 20,000 highlights (40 each, every
 * third with a note), none of them open: how long from process start to
 * the window mapped, against an empty library in the same run; how long
 * after that until Notes lists every highlight (read off the main thread
 * once the window shows); and the peak RSS. Each launch is a process of
 * its own (the program runs itself), empty and full alternately, RUNS
 * times. Needs a display and the compiled schemas:
 *
 *   GSETTINGS_SCHEMA_DIR=build/data GSETTINGS_BACKEND=memory GSK_RENDERER=cairo \
 *     xvfb-run -a build/bench/lectern-bench-library
 */

#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include <adwaita.h>

#include "lectern-application-private.h"
#include "lectern-notes-view-private.h"
#include "lectern-test-ui.h"
#include "lectern-test-utils.h"
#include "lectern-window-private.h"

#define N_DOCUMENTS 500
#define PER_DOCUMENT 40
#define RUNS 7

static LecternApplication *app;
static gint64 started;
/* When every highlight was in the store (read off the main thread). */
static gint64 stored_at;

/* The child: one launch */

static LecternWindow *
get_window (void)
{
  return LECTERN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static gboolean
window_is_mapped (gpointer user_data)
{
  LecternWindow *window = get_window ();

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static gboolean
notes_listed (gpointer user_data)
{
  guint expected = GPOINTER_TO_UINT (user_data);
  LecternNotesView *view = lectern_window_get_notes_view (get_window ());

  if (stored_at == 0 && g_list_model_get_n_items (G_LIST_MODEL (lectern_application_get_store (app))) >= expected)
    stored_at = g_get_monotonic_time ();

  return view != NULL && g_list_model_get_n_items (lectern_notes_view_get_model (view)) >= expected;
}

static int
run_child (guint expected)
{
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  LecternNotesView *view;
  double map_ms;
  double notes_ms;
  double stored_ms;
  double map_cpu_ms;

  gtk_init ();
  app = lectern_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  g_application_activate (G_APPLICATION (app));
  lectern_test_wait_until (window_is_mapped, NULL);
  lectern_test_wait_for_paint (GTK_WIDGET (get_window ()));
  map_ms = (g_get_monotonic_time () - started) / 1000.0;
  /* The CPU the process used until then: steadier than the wall time on
   * a busy machine. */
  getrusage (RUSAGE_SELF, &usage);
  map_cpu_ms = usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0 +
               usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0;

  /* The reader goes to Notes at once: it is built, and fills as the
   * highlights of closed documents arrive. */
  view = lectern_window_get_notes_view (get_window ());
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (view),
                                                                                  ADW_TYPE_VIEW_STACK)),
                                         "notes");
  lectern_test_wait_until (notes_listed, GUINT_TO_POINTER (expected));
  lectern_test_wait_for_paint (GTK_WIDGET (get_window ()));
  notes_ms = (g_get_monotonic_time () - started) / 1000.0 - map_ms;
  stored_ms = (stored_at - started) / 1000.0 - map_ms;

  getrusage (RUSAGE_SELF, &usage);
  g_print ("%.1f %.1f %.1f %.1f %ld\n", map_ms, map_cpu_ms, stored_ms, notes_ms, usage.ru_maxrss);
  g_clear_object (&app);

  return EXIT_SUCCESS;
}

/* The parent: the data, the launches, the table */

static void
write_library (const char *dir)
{
  g_autofree char *annotations = g_build_filename (dir, "annotations", NULL);
  g_autofree char *texts = g_build_filename (dir, "texts", NULL);
  g_autoptr(GString) library = g_string_new ("{\"format\":\"lectern-library\",\"version\":1,\"documents\":[");

  g_mkdir_with_parents (annotations, 0700);
  g_mkdir_with_parents (texts, 0700);
  for (guint d = 0; d < N_DOCUMENTS; d++)
    {
      g_autofree char *name = g_strdup_printf ("paper-%03u.txt", d);
      g_autofree char *path = lectern_test_write_file (texts, name, "A paper.\n", -1);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *key = lectern_document_key_for_uri (uri);
      g_autofree char *file_name = g_strconcat (key, ".json", NULL);
      g_autoptr(GString) json = g_string_new (NULL);

      g_string_append_printf (json, "{\"format\":\"lectern-annotations\",\"version\":1,\"document\":"
                              "{\"uri\":\"%s\",\"title\":\"Paper %u\",\"fingerprint\":\"sha256:%064u\","
                              "\"length\":100000},\"highlights\":[", uri, d, d);
      for (guint h = 0; h < PER_DOCUMENT; h++)
        g_string_append_printf (json, "%s{\"id\":\"h-%u-%u\",\"color\":\"%s\",\"created\":\"2026-11-22T10:00:00Z\","
                                "\"modified\":\"2026-11-22T10:00:00Z\",\"note\":\"%s\",\"tags\":[\"exam\"],"
                                "\"target\":{\"start\":%u,\"end\":%u,\"exact\":\"quote %u of paper %u, "
                                "about forty characters\",\"prefix\":\"before \",\"suffix\":\" after\"},"
                                "\"state\":\"anchored\"}",
                                h > 0 ? "," : "", d, h, (h % 2) ? "yellow" : "blue",
                                (h % 3) == 0 ? "A note on why this passage matters for the essay" : "",
                                h * 100, h * 100 + 40, h, d);
      g_string_append (json, "]}");
      g_free (lectern_test_write_file (annotations, file_name, json->str, -1));
      g_string_append_printf (library, "%s{\"uri\":\"%s\",\"title\":\"Paper %u\",\"position\":0}",
                              d > 0 ? "," : "", uri, d);
    }
  g_string_append (library, "]}");
  g_free (lectern_test_write_file (dir, "library.json", library->str, -1));
}

static gboolean
launch (const char *self_path,
        const char *dir,
        guint       expected,
        double     *map_ms,
        double     *map_cpu_ms,
        double     *stored_ms,
        double     *notes_ms,
        long       *rss_kb)
{
  g_autofree char *annotations = g_build_filename (dir, "annotations", NULL);
  g_autofree char *expected_arg = g_strdup_printf ("%u", expected);
  const char *argv[] = { self_path, "--child", expected_arg, NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LECTERN_ANNOTATIONS_DIR", annotations, TRUE);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **)argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("launch failed: %s\n", error->message);
      return FALSE;
    }

  return sscanf (out, "%lf %lf %lf %lf %ld", map_ms, map_cpu_ms, stored_ms, notes_ms, rss_kb) == 5;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *empty = NULL;
  g_autofree char *full = NULL;
  double map[2][RUNS], cpu[2][RUNS], stored[2][RUNS], notes[2][RUNS];
  long rss[2] = { 0, 0 };

  started = g_get_monotonic_time ();
  if (argc == 3 && g_str_equal (argv[1], "--child"))
    return run_child ((guint)atoi (argv[2]));

  g_set_prgname ("lectern-bench-library");
  empty = lectern_test_make_tmp_dir ();
  full = lectern_test_make_tmp_dir ();
  write_library (full);

  for (guint r = 0; r < RUNS; r++)
    for (guint k = 0; k < 2; k++)
      {
        long kb = 0;

        if (!launch (argv[0], k == 0 ? empty : full, k == 0 ? 0 : N_DOCUMENTS * PER_DOCUMENT,
                     &map[k][r], &cpu[k][r], &stored[k][r], &notes[k][r], &kb))
          return EXIT_FAILURE;
        rss[k] = MAX (rss[k], kb);
      }

  for (guint k = 0; k < 2; k++)
    {
      qsort (map[k], RUNS, sizeof (double), compare_doubles);
      qsort (cpu[k], RUNS, sizeof (double), compare_doubles);
      qsort (stored[k], RUNS, sizeof (double), compare_doubles);
      qsort (notes[k], RUNS, sizeof (double), compare_doubles);
    }

  g_print ("| library | window mapped, median ms | CPU until then, median ms | highlights read, ms after "
           "the window | Notes fully listed, ms after the window | peak RSS MB |\n"
           "|---|---|---|---|---|---|\n");
  g_print ("| empty | %.0f | %.0f | - | %.0f | %.0f |\n", map[0][RUNS / 2], cpu[0][RUNS / 2],
           notes[0][RUNS / 2], rss[0] / 1024.0);
  g_print ("| %u documents, %u highlights | %.0f (%.2f x) | %.0f (%.2f x) | %.0f | %.0f | %.0f |\n",
           N_DOCUMENTS, N_DOCUMENTS * PER_DOCUMENT, map[1][RUNS / 2], map[1][RUNS / 2] / map[0][RUNS / 2],
           cpu[1][RUNS / 2], cpu[1][RUNS / 2] / cpu[0][RUNS / 2], stored[1][RUNS / 2], notes[1][RUNS / 2],
           rss[1] / 1024.0);

  lectern_test_remove_tree (empty);
  lectern_test_remove_tree (full);

  return EXIT_SUCCESS;
}
