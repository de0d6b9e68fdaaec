/* lectern-test-ui.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <dlfcn.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>

#include "lectern-test-ui.h"
#include "lectern-test-utils.h"

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

/* Lets what was just asked for happen: the main loop runs until it is
 * idle, every window on screen paints a frame, and the loop is idle
 * again (a popover's surface, a scroll, events from the X server). */
void
lectern_test_settle (void)
{
  g_autoptr(GList) toplevels = NULL;

  lectern_test_wait_for_idle ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (gtk_widget_get_mapped (l->data) && gtk_widget_get_frame_clock (l->data) != NULL)
      lectern_test_wait_for_paint (l->data);
  lectern_test_wait_for_idle ();
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
  lectern_notes_view_show_all_colors (view);
  lectern_notes_view_set_search_text (view, "");
  lectern_notes_view_set_tag_filter (view, NULL);
  lectern_notes_view_set_document_filter (view, NULL);
  lectern_notes_view_set_sort (view, LECTERN_NOTES_SORT_DOCUMENT);
}

/* Real key presses, through the X server: GTK 4.8 has no public way to
 * synthesize a key event, and a test that only activates actions never
 * finds a shortcut that does not reach its action. XTest is loaded at run
 * time (libXtst comes with at-spi2-core), so the build needs no headers. */

typedef int (*FakeKeyFunc) (Display *display, unsigned int keycode, Bool is_press, unsigned long delay);
typedef int (*FakeButtonFunc) (Display *display, unsigned int button, Bool is_press, unsigned long delay);
typedef int (*FakeMotionFunc) (Display *display, int screen, int x, int y, unsigned long delay);
typedef int (*SyncFunc) (Display *display, Bool discard);
typedef int (*SetFocusFunc) (Display *display, Window focus, int revert_to, Time time);
typedef Bool (*TranslateFunc) (Display *display, Window src, Window dest, int src_x, int src_y,
                               int *dest_x, int *dest_y, Window *child);

static struct
{
  gboolean            tried;
  FakeKeyFunc         fake_key;
  FakeButtonFunc      fake_button;
  FakeMotionFunc      fake_motion;
  SyncFunc            sync;
  SetFocusFunc        set_focus;
  TranslateFunc       translate;
} xtest;

/* Whether lectern_test_press_keys() can press keys on this display. */
gboolean
lectern_test_can_press_keys (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (!xtest.tried)
    {
      void *handle = dlopen ("libXtst.so.6", RTLD_NOW | RTLD_GLOBAL);

      xtest.tried = TRUE;
      if (handle != NULL)
        {
          xtest.fake_key = (FakeKeyFunc)dlsym (handle, "XTestFakeKeyEvent");
          xtest.fake_button = (FakeButtonFunc)dlsym (handle, "XTestFakeButtonEvent");
          xtest.fake_motion = (FakeMotionFunc)dlsym (handle, "XTestFakeMotionEvent");
          xtest.sync = (SyncFunc)dlsym (RTLD_DEFAULT, "XSync");
          xtest.set_focus = (SetFocusFunc)dlsym (RTLD_DEFAULT, "XSetInputFocus");
          xtest.translate = (TranslateFunc)dlsym (RTLD_DEFAULT, "XTranslateCoordinates");
        }
    }

  return GDK_IS_X11_DISPLAY (display) && xtest.fake_key != NULL && xtest.fake_button != NULL && xtest.fake_motion != NULL &&
         xtest.sync != NULL && xtest.set_focus != NULL && xtest.translate != NULL;
}

static void
fake_key (Display *xdisplay,
          guint    keycode,
          gboolean press)
{
  g_assert_cmpuint (keycode, !=, 0);
  xtest.fake_key (xdisplay, keycode, press, 0);
}

/* The key that gives @keyval, and whether it takes Shift ("?" is
 * Shift+slash on the test server's keyboard). */
static guint
find_key (GdkDisplay      *display,
          guint            keyval,
          GdkModifierType *mods)
{
  g_autofree GdkKeymapKey *keys = NULL;
  int n_keys = 0;

  g_assert_true (gdk_display_map_keyval (display, keyval, &keys, &n_keys));
  g_assert_cmpint (n_keys, >, 0);
  for (int i = 0; i < n_keys; i++)
    if (keys[i].group == 0 && keys[i].level <= 1)
      {
        if (keys[i].level == 1)
          *mods |= GDK_SHIFT_MASK;
        return keys[i].keycode;
      }

  return keys[0].keycode;
}

static gboolean
window_is_active (gpointer user_data)
{
  return gtk_window_is_active (user_data);
}

static gboolean
events_arrived (gpointer user_data)
{
  return !g_main_context_pending (NULL);
}

/* Gives @window the X keyboard focus (there is no window manager to do
 * it under Xvfb) and presses @accelerators in turn, as a person would:
 * "<Control>Return", "F7", "Escape". Returns when GTK has handled them. */
void
lectern_test_press_keys (GtkWidget  *window,
                         const char *accelerators,
                         ...)
{
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (window));
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  va_list args;

  g_assert_true (lectern_test_can_press_keys ());
  xtest.set_focus (xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  xtest.sync (xdisplay, False);
  lectern_test_settle ();
  /* Keys sent before GTK has heard of the focus go nowhere. */
  if (GTK_IS_WINDOW (window))
    g_assert_true (lectern_test_wait_for (window_is_active, window, 2000));

  va_start (args, accelerators);
  for (const char *accelerator = accelerators; accelerator != NULL; accelerator = va_arg (args, const char *))
    {
      static const struct { GdkModifierType mask; guint keyval; } modifiers[] = {
        { GDK_CONTROL_MASK, GDK_KEY_Control_L },
        { GDK_SHIFT_MASK, GDK_KEY_Shift_L },
        { GDK_ALT_MASK, GDK_KEY_Alt_L },
      };
      GdkDisplay *display = gtk_widget_get_display (window);
      GdkModifierType mods;
      guint keyval;
      guint keycode;

      g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &mods));
      keycode = find_key (display, keyval, &mods);
      for (guint i = 0; i < G_N_ELEMENTS (modifiers); i++)
        if (mods & modifiers[i].mask)
          fake_key (xdisplay, find_key (display, modifiers[i].keyval, &mods), TRUE);
      fake_key (xdisplay, keycode, TRUE);
      fake_key (xdisplay, keycode, FALSE);
      for (guint i = G_N_ELEMENTS (modifiers); i > 0; i--)
        if (mods & modifiers[i - 1].mask)
          fake_key (xdisplay, find_key (display, modifiers[i - 1].keyval, &mods), FALSE);
      xtest.sync (xdisplay, False);
      lectern_test_settle ();
      lectern_test_wait_for (events_arrived, NULL, 1000);
    }
  va_end (args);
}

/* Types @text, one key per character (letters, digits and spaces). */
void
lectern_test_type_text (GtkWidget  *window,
                        const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      char name[2] = { *p, '\0' };

      lectern_test_press_keys (window, *p == ' ' ? "space" : name, NULL);
    }
}

/* The point of @widget at (@x, @y) on the screen: with no window manager
 * under Xvfb, a toplevel's surface sits where GDK put it. */
static void
to_screen (GtkWidget *widget,
           double     x,
           double     y,
           int       *screen_x,
           int       *screen_y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  graphene_point_t in = GRAPHENE_POINT_INIT (x, y);
  graphene_point_t out;
  double nx;
  double ny;
  Window child;
  int root_x;
  int root_y;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &in, &out));
  gtk_native_get_surface_transform (native, &nx, &ny);
  g_assert_true (xtest.translate (xdisplay, gdk_x11_surface_get_xid (surface),
                                        DefaultRootWindow (xdisplay), 0, 0, &root_x, &root_y, &child));
  *screen_x = root_x + (int)(out.x + nx);
  *screen_y = root_y + (int)(out.y + ny);
}

static void
move_pointer (GtkWidget *widget,
              double     x,
              double     y)
{
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  int screen_x;
  int screen_y;

  to_screen (widget, x, y, &screen_x, &screen_y);
  xtest.fake_motion (xdisplay, -1, screen_x, screen_y, 0);
  xtest.sync (xdisplay, False);
  lectern_test_settle ();
}

static void
press_button (GtkWidget *widget,
              gboolean   press)
{
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));

  xtest.fake_button (xdisplay, 1, press, 0);
  xtest.sync (xdisplay, False);
  lectern_test_settle ();
}

/* Drags the primary button across @widget from one point to another,
 * through the X server, as a hand on a mouse would. */
void
lectern_test_drag (GtkWidget *widget,
                   double     from_x,
                   double     from_y,
                   double     to_x,
                   double     to_y)
{
  g_assert_true (lectern_test_can_press_keys ());

  move_pointer (widget, from_x, from_y);
  press_button (widget, TRUE);
  for (guint step = 1; step <= 5; step++)
    move_pointer (widget, from_x + (to_x - from_x) * step / 5, from_y + (to_y - from_y) * step / 5);
  press_button (widget, FALSE);
  lectern_test_settle ();
}

/* Clicks the primary button on @widget at (@x, @y). */
void
lectern_test_click (GtkWidget *widget,
                    double     x,
                    double     y)
{
  g_assert_true (lectern_test_can_press_keys ());

  move_pointer (widget, x, y);
  press_button (widget, TRUE);
  press_button (widget, FALSE);
  /* Past the double-click time, so the next click is a first one again */
  lectern_test_settle ();
}

/* Holds @keyval down (or lets it go), for a drag with a modifier. */
void
lectern_test_hold_key (GtkWidget *widget,
                       guint      keyval,
                       gboolean   down)
{
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  GdkModifierType mods = 0;

  g_assert_true (lectern_test_can_press_keys ());
  fake_key (xdisplay, find_key (gtk_widget_get_display (widget), keyval, &mods), down);
  xtest.sync (xdisplay, False);
  lectern_test_settle ();
}

/* The application, as the UI tests start and stop it */

LecternApplication *
lectern_test_start_app (void)
{
  static guint n_started;
  g_autoptr(GError) error = NULL;
  g_autofree char *app_id = NULL;
  LecternApplication *app = lectern_application_new ();

  /* Each start is a new application object, as after a restart; a new id
   * keeps it from meeting the previous one's D-Bus object path. */
  app_id = g_strdup_printf ("%s.Test%u", APP_ID, ++n_started);
  g_application_set_application_id (G_APPLICATION (app), app_id);
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  return app;
}

void
lectern_test_stop_app (LecternApplication *app)
{
  g_autoptr(GError) error = NULL;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  while (windows != NULL)
    {
      gtk_window_destroy (windows->data);
      windows = gtk_application_get_windows (GTK_APPLICATION (app));
    }
  g_assert_true (lectern_annotation_store_flush (lectern_application_get_store (app), &error));
  g_assert_no_error (error);
  lectern_test_settle ();
  g_object_unref (app);
}

LecternWindow *
lectern_test_get_window (LecternApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_nonnull (window);
  return LECTERN_WINDOW (window);
}

gboolean
lectern_test_window_is_ready (gpointer user_data)
{
  LecternWindow *window = user_data;

  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         g_strcmp0 (lectern_window_get_read_state (window), "document") == 0 &&
         lectern_test_wait_for_monitor (GTK_WIDGET (window));
}

/* Finds a phrase in the current document: the test drives the view with
 * offsets it computes from the text, as a reader's selection would. */
void
lectern_test_find_phrase (LecternDocument *document,
             const char      *phrase,
             guint           *start,
             guint           *end)
{
  const char *text = lectern_document_get_text (document);
  const char *hit = strstr (text, phrase);

  g_assert_nonnull (hit);
  *start = (guint)g_utf8_pointer_to_offset (text, hit);
  *end = *start + (guint)g_utf8_strlen (phrase, -1);
}

void
lectern_test_highlight_some (LecternDocumentView *view,
                LecternDocument     *document)
{
  static const struct { const char *phrase; LecternColor color; const char *note; } marks[] = {
    { "ended not with a peace treaty", LECTERN_COLOR_YELLOW, NULL },
    { "a formal treaty was the price", LECTERN_COLOR_GREEN, "The bargain behind the treaty" },
    { "Mutual Defense Treaty", LECTERN_COLOR_BLUE, NULL },
    { "armistice", LECTERN_COLOR_PURPLE, NULL },
    { "anti-communist prisoners of war", LECTERN_COLOR_RED, "Why this alarmed Washington" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    {
      g_autoptr(GError) error = NULL;
      LecternHighlight *highlight;
      guint start;
      guint end;

      lectern_test_find_phrase (document, marks[i].phrase, &start, &end);
      highlight = lectern_document_view_highlight_range (view, start, end, marks[i].color, &error);
      g_assert_no_error (error);
      if (marks[i].note != NULL)
        lectern_highlight_set_note (highlight, marks[i].note);
    }
}



/* A test program's own annotations folder, emptied before each test */

static char *test_dir;
static char *annotations_dir;

void
lectern_test_init_with_annotations (int         *argc,
                                    char      ***argv,
                                    const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("lectern-test-%s-XXXXXX", name);

  gtk_test_init (argc, argv, NULL);

  test_dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  annotations_dir = g_build_filename (test_dir, "annotations", NULL);
  g_setenv ("LECTERN_ANNOTATIONS_DIR", annotations_dir, TRUE);
}

/* The test program's own folder, for files a test writes */
const char *
lectern_test_get_dir (void)
{
  return test_dir;
}

void
lectern_test_clean_annotations (void)
{
  lectern_test_remove_tree (annotations_dir);
}

void
lectern_test_finish (void)
{
  lectern_test_remove_tree (test_dir);
  g_clear_pointer (&annotations_dir, g_free);
  g_clear_pointer (&test_dir, g_free);
}
