/* lectern-test-ui.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lectern-notes-view-private.h"
#include "lectern-test-ui.h"

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @condition holds or @timeout_msec pass. The
 * condition is checked after every event the loop dispatches, and at least
 * every few milliseconds so that the deadline is noticed. */
gboolean
lectern_test_wait_for (LecternTestCondition  condition,
                       gpointer              user_data,
                       guint                 timeout_msec)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_msec * 1000;
  guint tick = g_timeout_add (10, tick_cb, NULL);
  gboolean holds;

  while (!(holds = condition (user_data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);

  return holds;
}

/* Runs the main loop until @condition holds; fails the test, naming @what,
 * when it does not within LECTERN_TEST_TIMEOUT_MSEC (far longer than any
 * condition takes, even on a busy machine). Use lectern_test_wait_until(). */
void
lectern_test_wait_until_full (LecternTestCondition  condition,
                              gpointer              user_data,
                              const char           *what,
                              const char           *file,
                              int                   line)
{
  g_autofree char *message = NULL;

  if (lectern_test_wait_for (condition, user_data, LECTERN_TEST_TIMEOUT_MSEC))
    return;

  message = g_strdup_printf ("timed out after %u s waiting for %s",
                             LECTERN_TEST_TIMEOUT_MSEC / 1000, what);
  g_assertion_message (G_LOG_DOMAIN, file, line, G_STRFUNC, message);
}

/* Runs the main loop until nothing is ready to run: the idles in which the
 * views apply a burst of changes (filters, highlight tags, counts) have run.
 * Timers that are not due yet (autosaves) are left waiting. */
void
lectern_test_wait_for_idle (void)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)LECTERN_TEST_TIMEOUT_MSEC * 1000;

  while (g_main_context_pending (NULL))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the main loop never became idle within %u s", LECTERN_TEST_TIMEOUT_MSEC / 1000);
      g_main_context_iteration (NULL, FALSE);
    }
}

static gboolean
is_mapped (gpointer user_data)
{
  return gtk_widget_get_mapped (user_data) && gtk_widget_get_width (user_data) > 0;
}

static gboolean
is_unmapped (gpointer user_data)
{
  return !gtk_widget_get_mapped (user_data);
}

/* Waits until @widget (a popover, a dialog) is on screen: mapped, laid
 * out and painted (a popover's surface comes some frames after its map). */
void
lectern_test_wait_for_mapped (GtkWidget *widget)
{
  lectern_test_wait_until_full (is_mapped, widget, G_OBJECT_TYPE_NAME (widget), __FILE__, __LINE__);
  lectern_test_wait_for_paint (widget);
}

/* Waits until @widget (a popover being closed) is off screen. */
void
lectern_test_wait_for_unmapped (GtkWidget *widget)
{
  lectern_test_wait_until_full (is_unmapped, widget, G_OBJECT_TYPE_NAME (widget), __FILE__, __LINE__);
}

typedef struct
{
  const char *path;
  const char *text;
} FileWait;

static gboolean
file_contains (gpointer user_data)
{
  FileWait *wait = user_data;
  g_autofree char *contents = NULL;

  return g_file_get_contents (wait->path, &contents, NULL, NULL) &&
         strstr (contents, wait->text) != NULL;
}

/* Waits until the file at @path holds @text: an autosave has written it. */
void
lectern_test_wait_for_file_containing (const char *path,
                                       const char *text)
{
  FileWait wait = { path, text };
  g_autofree char *what = g_strdup_printf ("“%s” in %s", text, path);

  lectern_test_wait_until_full (file_contains, &wait, what, __FILE__, __LINE__);
}

static gboolean
on_monitor (gpointer user_data)
{
  GtkNative *native = gtk_widget_get_native (user_data);
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;

  return surface != NULL && gtk_widget_get_mapped (user_data) &&
         gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface) != NULL;
}

/* Waits until @window is mapped on a monitor, so popovers can open on it. */
gboolean
lectern_test_wait_for_monitor (GtkWidget *window)
{
  return lectern_test_wait_for (on_monitor, window, 5000);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
is_true (gpointer user_data)
{
  return *(gboolean *)user_data;
}

/* Waits until @widget's window has laid out and painted once more: on a
 * busy machine, a few hundred milliseconds of main loop may not be
 * enough for a frame. */
void
lectern_test_wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  lectern_test_wait_until (is_true, &painted);
  g_signal_handler_disconnect (clock, id);
}

/* Renders @widget as it is drawn on screen into a PNG file, in
 * $LECTERN_SCREENSHOT_DIR when set, else in the test's build directory.
 * Returns the file's path. */
char *
lectern_test_screenshot (GtkWidget  *widget,
                         const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  const char *dir;
  char *path;
  int width = 0;
  int height = 0;

  g_assert_true (gtk_widget_get_mapped (widget));

  /* A widget in the middle of an animation (a smooth scroll) needs a new
   * layout at every frame and has no picture between frames: take it
   * right after a paint, as often as it takes. */
  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      lectern_test_wait_for_paint (widget);

      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      g_assert_cmpint (width, >, 0);
      g_assert_cmpint (height, >, 0);

      g_clear_object (&paintable);
      paintable = gtk_widget_paintable_new (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  dir = g_getenv ("LECTERN_SCREENSHOT_DIR");
  if (dir == NULL)
    dir = g_getenv ("G_TEST_BUILDDIR");
  if (dir == NULL)
    dir = ".";
  g_mkdir_with_parents (dir, 0755);

  file_name = g_strdup_printf ("%s.png", name);
  path = g_build_filename (dir, file_name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);

  return path;
}

/* The mean luminance (0–1) of a PNG: tells a light page from a dark one. */
double
lectern_test_mean_luminance (const char *png_path)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guchar *pixels = NULL;
  double sum = 0;
  int width;
  int height;
  gsize stride;

  texture = gdk_texture_new_from_filename (png_path, &error);
  g_assert_no_error (error);

  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  stride = (gsize)width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);

  /* Cairo's ARGB32, premultiplied, native endian: B G R A on little endian. */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = pixels + y * stride + x * 4;
        sum += (0.0722 * p[0] + 0.7152 * p[1] + 0.2126 * p[2]) / 255.0;
      }

  return sum / ((double)width * height);
}

/* Shows every highlight of the Notes view again, in document order. */
void
lectern_test_reset_notes_filters (LecternNotesView *view)
{
  for (guint c = 0; c < LECTERN_N_COLORS; c++)
    lectern_notes_view_set_color_shown (view, c, TRUE);
  lectern_notes_view_set_search_text (view, "");
  lectern_notes_view_set_tag_filter (view, NULL);
  lectern_notes_view_set_document_filter (view, NULL);
  lectern_notes_view_set_sort (view, LECTERN_NOTES_SORT_DOCUMENT);
}
