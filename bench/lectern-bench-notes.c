/* lectern-bench-notes.c: how fast the Notes view follows its filters
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With 10,000 highlights on the two samples, the time from each filter or
 * sort change to the window's next painted frame, as the reader sees it
 * (one frame is ~16.7 ms). tests/test-notes-view.c checks, at the same
 * scale, that the list holds the right highlights; speed is measured here,
 * never by a test. Needs a display and the compiled schemas:
 *
 *   GSETTINGS_SCHEMA_DIR=build/data GSETTINGS_BACKEND=memory GSK_RENDERER=cairo \
 *     xvfb-run -a build/bench/lectern-bench-notes
 */

#include "config.h"

#include <stdlib.h>

#include <adwaita.h>

#include "lectern-application-private.h"
#include "lectern-notes-view-private.h"
#include "lectern-test-ui.h"
#include "lectern-test-utils.h"
#include "lectern-window-private.h"

#define PER_DOCUMENT 5000
#define STEPS 12

typedef enum {
  KIND_COLORS,
  KIND_TEXT,
  KIND_TAG,
  KIND_DOCUMENT,
  KIND_SORT,
  N_KINDS,
} Kind;

static const char * const kind_names[N_KINDS] = {
  "colour chip", "search text", "tag", "document", "sort",
};

static LecternApplication *app;

static LecternWindow *
get_window (void)
{
  return LECTERN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static gboolean
window_is_ready (gpointer user_data)
{
  LecternWindow *window = get_window ();

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         g_strcmp0 (lectern_window_get_read_state (window), "document") == 0;
}

/* Evenly spread quotes of about 40 characters, cycling through the
 * colours; every third has a note, every fourth the tag "exam". */
static void
add_highlights (LecternDocument *document,
                guint            first)
{
  LecternAnnotationStore *store = lectern_application_get_store (app);
  guint length = lectern_document_get_length (document);

  for (guint i = 0; i < PER_DOCUMENT; i++)
    {
      guint n = first + i;
      guint start = (guint)((guint64)length * i / PER_DOCUMENT);
      guint end = MIN (length, start + 40);
      g_autofree char *exact = lectern_document_dup_slice (document, start, end);
      g_autoptr(LecternHighlight) highlight =
        lectern_highlight_new (lectern_document_get_id (document), n % LECTERN_N_COLORS,
                               start, end, exact, "", "");

      if (n % 3 == 0)
        {
          g_autofree char *note = g_strdup_printf ("Note number %u about this passage", n);
          lectern_highlight_set_note (highlight, note);
        }
      if (n % 4 == 0)
        lectern_highlight_set_tags (highlight, (const char * const[]) { "exam", NULL });
      if (!lectern_annotation_store_add (store, highlight, NULL))
        g_error ("could not add highlight %u", n);
    }
}

/* Step @step of a change of @kind; an even step narrows, an odd one
 * widens again. */
static void
change (LecternNotesView *view,
        Kind              kind,
        guint             step,
        const char       *second_id)
{
  static const char * const queries[] = { "n", "no", "not", "note", "note number 1", "note number 12" };
  gboolean narrow = step % 2 == 0;

  if (kind == KIND_COLORS)
    lectern_notes_view_set_color_shown (view, 1 + step % (LECTERN_N_COLORS - 1), !narrow);
  else if (kind == KIND_TEXT)
    lectern_notes_view_set_search_text (view, queries[step % G_N_ELEMENTS (queries)]);
  else if (kind == KIND_TAG)
    lectern_notes_view_set_tag_filter (view, narrow ? "exam" : NULL);
  else if (kind == KIND_DOCUMENT)
    lectern_notes_view_set_document_filter (view, narrow ? second_id : NULL);
  else
    lectern_notes_view_set_sort (view, narrow ? LECTERN_NOTES_SORT_COLOR : LECTERN_NOTES_SORT_NEWEST);
}

static void
reset (LecternNotesView *view)
{
  lectern_test_reset_notes_filters (view);
  lectern_test_wait_for_paint (GTK_WIDGET (get_window ()));
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static void
time_kind (LecternNotesView *view,
           Kind              kind,
           const char       *second_id)
{
  double times[STEPS];

  for (guint step = 0; step < STEPS; step++)
    {
      gint64 begin = g_get_monotonic_time ();

      change (view, kind, step, second_id);
      lectern_test_wait_for_paint (GTK_WIDGET (get_window ()));
      times[step] = (g_get_monotonic_time () - begin) / 1000.0;
    }
  reset (view);

  qsort (times, STEPS, sizeof (double), compare_doubles);
  g_print ("| %s | %.1f | %.1f |\n", kind_names[kind], times[STEPS / 2], times[STEPS - 1]);
}

static void
run (void)
{
  GListModel *library = G_LIST_MODEL (lectern_application_get_library (app));
  g_autoptr(LecternDocument) first = g_list_model_get_item (library, 0);
  g_autoptr(LecternDocument) second = g_list_model_get_item (library, 1);
  LecternNotesView *view = lectern_window_get_notes_view (get_window ());
  GtkWidget *stack;
  gint64 begin;

  begin = g_get_monotonic_time ();
  add_highlights (first, 0);
  add_highlights (second, PER_DOCUMENT);
  lectern_test_wait_for_idle ();
  g_print ("| adding the %u highlights one by one (an import) | %.0f in all | |\n",
           2 * PER_DOCUMENT, (g_get_monotonic_time () - begin) / 1000.0);

  stack = gtk_widget_get_ancestor (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "notes");
  lectern_test_wait_for_paint (GTK_WIDGET (get_window ()));

  for (Kind kind = KIND_COLORS; kind < N_KINDS; kind++)
    time_kind (view, kind, lectern_document_get_id (second));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  g_autoptr(GError) error = NULL;

  g_set_prgname ("lectern-bench-notes");
  gtk_init ();
  data_dir = lectern_test_make_data_dir (NULL);

  app = lectern_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  g_application_activate (G_APPLICATION (app));
  lectern_test_wait_until (window_is_ready, NULL);

  g_print ("| change | median ms | worst ms |\n|---|---|---|\n");
  run ();

  g_clear_object (&app);
  lectern_test_remove_tree (data_dir);

  return EXIT_SUCCESS;
}
