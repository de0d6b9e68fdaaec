/* lectern-test-ui.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lectern-test-ui.h"

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @msec milliseconds. */
void
lectern_test_iterate (guint msec)
{
  gboolean done = FALSE;

  g_timeout_add (msec, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until @condition holds or @timeout_msec pass. */
gboolean
lectern_test_wait_for (LecternTestCondition  condition,
                       gpointer              user_data,
                       guint                 timeout_msec)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_msec * 1000;

  while (!condition (user_data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      lectern_test_iterate (10);
    }

  return TRUE;
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
  g_assert_true (lectern_test_wait_for (is_true, &painted, 10000));
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

/* Removes @path and everything under it (a test's temporary directory). */
void
lectern_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      lectern_test_remove_tree (child);
    }
  g_remove (path);
}
