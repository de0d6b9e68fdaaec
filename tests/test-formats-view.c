/* test-formats-view.c: a PDF and an EPUB opened in the window, a PDF
 * highlight across a relaunch, and screenshots of both
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lectern-application.h"
#include "lectern-document-view-private.h"
#include "lectern-test-ui.h"
#include "lectern-test-utils.h"
#include "lectern-window.h"

#define DEBIAN_REFERENCE_PDF "/usr/share/debian-reference/debian-reference.en.pdf"

static char *tmp_dir;

/* A new application object each time, as after a relaunch. */
static LecternApplication *
launch (void)
{
  static guint n_launched;
  g_autofree char *app_id = g_strdup_printf ("%s.Formats%u", APP_ID, ++n_launched);
  g_autoptr(GError) error = NULL;
  LecternApplication *app = lectern_application_new ();

  g_application_set_application_id (G_APPLICATION (app), app_id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  return app;
}

static void
quit (LecternApplication *app)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  while ((window = gtk_application_get_active_window (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (window);
  lectern_annotation_store_flush (lectern_application_get_store (app), &error);
  g_assert_no_error (error);
  lectern_test_settle ();
  g_object_unref (app);
}

typedef struct
{
  LecternWindow *window;
  const char    *title;
} Showing;

static gboolean
is_showing (gpointer user_data)
{
  Showing *showing = user_data;
  LecternDocument *document = lectern_window_get_document (showing->window);

  return gtk_widget_get_mapped (GTK_WIDGET (showing->window))
         && document != NULL && g_strcmp0 (lectern_document_get_title (document), showing->title) == 0
         && g_strcmp0 (lectern_window_get_read_state (showing->window), "document") == 0
         && lectern_test_wait_for_monitor (GTK_WIDGET (showing->window));
}

static LecternWindow *
open_and_wait (LecternApplication *app,
               const char         *path,
               const char         *title)
{
  Showing showing = { LECTERN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app))), title };

  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      lectern_window_open_file (showing.window, file, TRUE);
    }
  /* A 261-page PDF takes a second or two on a loaded machine. */
  g_assert_true (lectern_test_wait_for (is_showing, &showing, 30000));

  return showing.window;
}

/* The read stack crossfades from "Opening…" to the text: the picture
 * is taken once the fade is over. */
static void
settle (void)
{
  lectern_test_settle ();
}

typedef struct
{
  LecternDocumentView *view;
  guint                offset;
} Scroll;

/* The view lays a long text out in steps: the scroll lands when the
 * layout reaches the passage. */
static gboolean
scrolled_to (gpointer user_data)
{
  Scroll *scroll = user_data;

  lectern_document_view_scroll_to_offset (scroll->view, scroll->offset, FALSE);
  return lectern_document_view_get_top_offset (scroll->view) + 500 >= scroll->offset;
}

static void
range_of (LecternDocument *document,
          const char      *phrase,
          guint           *start,
          guint           *end)
{
  const char *text = lectern_document_get_text (document);
  const char *found = strstr (text, phrase);

  g_assert_nonnull (found);
  *start = g_utf8_pointer_to_offset (text, found);
  *end = *start + g_utf8_strlen (phrase, -1);
}

static void
test_pdf_highlight_survives_relaunch (void)
{
  const char *phrase = "Never start the GUI display/session manager under the root account";
  g_autoptr(GError) error = NULL;
  g_autofree char *doc_id = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  LecternApplication *app;
  LecternWindow *window;
  LecternAnnotationStore *store;
  guint start, end;
  Scroll scroll;

  if (!g_file_test (DEBIAN_REFERENCE_PDF, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("debian-reference-en is not installed");
      return;
    }

  app = launch ();
  window = open_and_wait (app, DEBIAN_REFERENCE_PDF, "Debian Reference");
  doc_id = g_strdup (lectern_document_get_id (lectern_window_get_document (window)));
  range_of (lectern_window_get_document (window), phrase, &start, &end);
  g_assert_nonnull (lectern_document_view_highlight_range (lectern_window_get_document_view (window),
                                                           start, end, LECTERN_COLOR_YELLOW, &error));
  g_assert_no_error (error);
  scroll.view = lectern_window_get_document_view (window);
  scroll.offset = start;
  lectern_test_wait_for (scrolled_to, &scroll, 10000);
  settle ();
  g_free (lectern_test_screenshot (GTK_WIDGET (window), "read-pdf"));
  quit (app);

  /* The PDF comes back with the app, and its highlight with it, placed. */
  app = launch ();
  window = open_and_wait (app, NULL, "Debian Reference");
  store = lectern_application_get_store (app);
  highlights = lectern_annotation_store_list_for_document (store, doc_id);
  g_assert_cmpuint (highlights->len, ==, 1);
  g_assert_cmpint (lectern_highlight_get_state (g_ptr_array_index (highlights, 0)), !=,
                   LECTERN_HIGHLIGHT_ORPHANED);
  g_assert_cmpstr (lectern_highlight_get_exact (g_ptr_array_index (highlights, 0)), ==, phrase);
  quit (app);
}

static void
test_epub_screenshot (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "epub", "epub3.epub", NULL);
  LecternApplication *app = launch ();
  LecternWindow *window = open_and_wait (app, path, "Notes on Slow Reading");
  guint n_blocks;
  const LecternBlock *blocks = lectern_document_get_blocks (lectern_window_get_document (window), &n_blocks);

  g_assert_cmpint (blocks[0].kind, ==, LECTERN_BLOCK_HEADING);
  settle ();
  g_free (lectern_test_screenshot (GTK_WIDGET (window), "read-epub"));
  quit (app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *annotations = NULL;
  int ret;

  gtk_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("lectern-test-formats-XXXXXX", &error);
  g_assert_no_error (error);
  annotations = g_build_filename (tmp_dir, "annotations", NULL);
  g_setenv ("LECTERN_ANNOTATIONS_DIR", annotations, TRUE);

  g_test_add_func ("/formats/pdf-highlight-survives-relaunch", test_pdf_highlight_survives_relaunch);
  g_test_add_func ("/formats/epub-screenshot", test_epub_screenshot);

  ret = g_test_run ();
  lectern_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
