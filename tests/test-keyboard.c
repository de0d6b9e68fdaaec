/* test-keyboard.c: Lectern without the mouse, and with it
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real keys and clicks through the X server (XTest): caret browsing,
 * selecting, highlighting, the editor's focus, view switching, every
 * shortcut of the shortcuts window under fatal warnings, word snapping.
 */

#include "config.h"

#include "lectern-compare-view-private.h"
#include "lectern-document-view-private.h"
#include "lectern-notes-view-private.h"
#include "lectern-test-ui.h"
#include "lectern-window-private.h"

static AdwToast *last_toast;

static void
add_toast_cb (LecternDocumentView *view,
              AdwToast            *toast,
              gpointer             user_data)
{
  g_set_object (&last_toast, toast);
}

/* A new application on the sample, read from the top, for a test that
 * presses keys; NULL (the test skipped) where keys cannot be pressed. */
static LecternWindow *
start_for_keys (LecternApplication **app)
{
  LecternWindow *window;

  if (!lectern_test_can_press_keys ())
    {
      g_test_skip ("No XTest on this display");
      return NULL;
    }

  *app = lectern_test_start_app ();
  window = lectern_test_get_window (*app);
  g_assert_true (lectern_test_wait_for (lectern_test_window_is_ready, window, 5000));
  lectern_document_view_scroll_to_offset (lectern_window_get_document_view (window), 0, FALSE);
  lectern_test_settle ();

  return window;
}

static GtkWidget *
get_focus (LecternWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

static gboolean
is_inside (GtkWidget *widget,
           GtkWidget *ancestor)
{
  return widget != NULL && (widget == ancestor || gtk_widget_is_ancestor (widget, ancestor));
}

static const char *
visible_view (LecternWindow *window)
{
  return adw_view_stack_get_visible_child_name (window->view_stack);
}

static char *
dup_selection (LecternDocumentView *view)
{
  guint start;
  guint end;

  if (!lectern_document_view_get_selection (view, &start, &end))
    return NULL;
  return lectern_document_dup_slice (lectern_document_view_get_document (view), start, end);
}

/* F7, the caret to a paragraph, Shift+Right, Ctrl+Shift+S: returns the
 * sentence selected */
static char *
select_sentence_by_keys (LecternWindow *window)
{
  LecternDocumentView *view = lectern_window_get_document_view (window);
  GtkWidget *w = GTK_WIDGET (window);
  g_autofree char *one = NULL;
  char *sentence;

  g_assert_true (is_inside (get_focus (window), GTK_WIDGET (lectern_document_view_get_text_view (view))));
  lectern_test_press_keys (w, "F7", NULL);
  g_assert_true (lectern_document_view_get_caret_browsing (view));
  lectern_test_press_keys (w, "<Control>Home", "<Control>Down", "<Control>Down", "<Control>Down", NULL);
  lectern_test_settle ();
  g_free (lectern_test_screenshot (w, "read-caret"));

  lectern_test_press_keys (w, "<Shift>Right", NULL);
  one = dup_selection (view);
  g_assert_nonnull (one);
  g_assert_cmpuint (g_utf8_strlen (one, -1), ==, 1);
  lectern_test_press_keys (w, "<Control><Shift>s", NULL);
  sentence = dup_selection (view);
  g_assert_nonnull (sentence);
  g_test_message ("sentence: %s", sentence);
  g_free (lectern_test_screenshot (w, "read-selection-light"));
  g_assert_null (strchr (sentence, '\n'));
  g_assert_true (g_unichar_isupper (g_utf8_get_char (sentence)));
  g_assert_true (g_str_has_suffix (sentence, ".") || g_str_has_suffix (sentence, ".)") ||
                 g_str_has_suffix (sentence, ":"));

  return sentence;
}

/* Ctrl+Return opens @highlight with the note focused: typing writes the
 * note and never presses a colour button; Shift+Tab reaches the colours
 * with a ring, and only Space recolours, with an Undo. */
static void
write_note_by_keys (LecternWindow    *window,
                    LecternHighlight *highlight)
{
  LecternDocumentView *view = lectern_window_get_document_view (window);
  GtkPopover *popover = lectern_document_view_get_edit_popover (view);
  GtkWidget *w = GTK_WIDGET (window);

  lectern_test_press_keys (w, "<Control>Return", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (GTK_IS_TEXT_VIEW (get_focus (window)));
  g_assert_true (is_inside (get_focus (window), GTK_WIDGET (popover)));
  lectern_test_type_text (w, "agree 2 times");
  lectern_test_settle ();
  g_free (lectern_test_screenshot (GTK_WIDGET (popover), "read-edit-note-focused"));
  g_assert_cmpint (lectern_highlight_get_color (highlight), ==, LECTERN_COLOR_GREEN);

  lectern_test_press_keys (w, "<Shift>Tab", NULL);
  g_assert_true (GTK_IS_TOGGLE_BUTTON (get_focus (window)));
  lectern_test_settle ();
  g_free (lectern_test_screenshot (GTK_WIDGET (popover), "read-edit-focus-ring"));
  g_assert_cmpint (lectern_highlight_get_color (highlight), ==, LECTERN_COLOR_GREEN);
  g_clear_object (&last_toast);
  g_signal_connect (view, "add-toast", G_CALLBACK (add_toast_cb), NULL);
  lectern_test_press_keys (w, "space", NULL);
  g_assert_cmpint (lectern_highlight_get_color (highlight), !=, LECTERN_COLOR_GREEN);
  g_assert_nonnull (last_toast);
  g_signal_emit_by_name (last_toast, "button-clicked");
  g_assert_cmpint (lectern_highlight_get_color (highlight), ==, LECTERN_COLOR_GREEN);
  g_clear_object (&last_toast);
  lectern_test_press_keys (w, "Tab", NULL);
  g_assert_true (GTK_IS_TEXT_VIEW (get_focus (window)));

  /* Esc writes the note and gives the keyboard back to the text, with the
   * highlight selected: Ctrl+Return would open it again. */
  lectern_test_press_keys (w, "Escape", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpstr (lectern_highlight_get_note (highlight), ==, "agree 2 times");
  g_assert_cmpint (lectern_highlight_get_color (highlight), ==, LECTERN_COLOR_GREEN);
  g_assert_true (get_focus (window) == GTK_WIDGET (lectern_document_view_get_text_view (view)));
  g_assert_true (_lectern_document_view_highlight_at_selection (view) == highlight);
}

/* Alt+3 to Notes, Enter on the row back to the passage; Alt+2, Alt+1. */
static void
find_in_notes_by_keys (LecternWindow    *window,
                       LecternHighlight *highlight)
{
  LecternDocumentView *view = lectern_window_get_document_view (window);
  LecternDocumentView *pane;
  LecternNotesView *notes;
  GtkWidget *w = GTK_WIDGET (window);

  lectern_test_press_keys (w, "<Alt>3", NULL);
  notes = lectern_window_get_notes_view (window);
  g_assert_cmpstr (visible_view (window), ==, "notes");
  g_assert_cmpuint (g_list_model_get_n_items (lectern_notes_view_get_model (notes)), ==, 1);
  g_assert_true (is_inside (get_focus (window), GTK_WIDGET (notes->list_view)));
  lectern_test_settle ();
  g_free (lectern_test_screenshot (w, "notes-keyboard"));

  lectern_test_press_keys (w, "Return", NULL);
  lectern_test_settle ();
  g_assert_cmpstr (visible_view (window), ==, "read");
  g_assert_true (get_focus (window) == GTK_WIDGET (lectern_document_view_get_text_view (view)));
  g_assert_true (_lectern_document_view_highlight_at_selection (view) == highlight);

  /* In Compare, F7 gives the pane with the focus its caret. */
  lectern_test_press_keys (w, "<Alt>2", NULL);
  g_assert_cmpstr (visible_view (window), ==, "compare");
  pane = lectern_compare_view_get_pane (lectern_window_get_compare_view (window), LECTERN_SIDE_A);
  gtk_widget_grab_focus (GTK_WIDGET (lectern_document_view_get_text_view (pane)));
  lectern_test_press_keys (w, "F7", NULL);
  g_assert_true (lectern_document_view_get_caret_browsing (pane));
  lectern_test_press_keys (w, "F7", NULL);
  g_assert_false (lectern_document_view_get_caret_browsing (pane));
  lectern_test_press_keys (w, "<Alt>1", NULL);
  g_assert_cmpstr (visible_view (window), ==, "read");
  g_assert_true (get_focus (window) == GTK_WIDGET (lectern_document_view_get_text_view (view)));
}

/* The walk, keys only: caret, sentence, Ctrl+2, open, type a
 * note, Esc, Notes, back; then the store and the file on disk. */
static void
test_keyboard_workflow (void)
{
  LecternApplication *app;
  LecternWindow *window;
  LecternAnnotationStore *store;
  g_autofree char *sentence = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  LecternHighlight *highlight;
  const char *doc_id;

  if ((window = start_for_keys (&app)) == NULL)
    return;
  store = lectern_application_get_store (app);
  doc_id = lectern_document_get_id (lectern_window_get_document (window));

  sentence = select_sentence_by_keys (window);

  /* Ctrl+2 highlights it green. */
  lectern_test_press_keys (GTK_WIDGET (window), "<Control>2", NULL);
  highlights = lectern_annotation_store_list_for_document (store, doc_id);
  g_assert_cmpuint (highlights->len, ==, 1);
  highlight = g_ptr_array_index (highlights, 0);
  g_assert_cmpint (lectern_highlight_get_color (highlight), ==, LECTERN_COLOR_GREEN);
  g_assert_cmpstr (lectern_highlight_get_exact (highlight), ==, sentence);

  write_note_by_keys (window, highlight);
  find_in_notes_by_keys (window, highlight);

  /* F7 again: no caret, the arrows scroll. */
  lectern_test_press_keys (GTK_WIDGET (window), "F7", NULL);
  g_assert_false (lectern_document_view_get_caret_browsing (lectern_window_get_document_view (window)));

  /* The store and the file say the same. */
  g_assert_true (lectern_annotation_store_flush (store, NULL));
  path = lectern_annotation_store_dup_path (store, doc_id);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"green\""));
  g_assert_nonnull (strstr (contents, "agree 2 times"));

  lectern_test_stop_app (app);
}

/* Every accelerator the shortcuts window lists, in its order */
static GPtrArray *
list_shortcuts (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/lectern-shortcuts.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  GPtrArray *accels = g_ptr_array_new_with_free_func (g_free);

  /* The builder lists its objects in no order: read them from the file's
   * own structure instead, group by group. */
  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *accelerator = NULL;
        g_auto(GStrv) parts = NULL;

        g_object_get (l->data, "accelerator", &accelerator, NULL);
        parts = g_strsplit (accelerator, " ", -1);
        for (guint i = 0; parts[i] != NULL; i++)
          if (parts[i][0] != '\0')
            g_ptr_array_add (accels, g_strdup (parts[i]));
      }
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));

  return accels;
}

/* Dialogs a shortcut opened (file chooser, preferences, shortcuts) go
 * with Esc, as a person would close them. */
static void
close_other_windows (LecternWindow *window,
                     const char    *screenshot)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) other = g_list_model_get_item (toplevels, i - 1);

      if (other == GTK_WINDOW (window) || !gtk_widget_get_mapped (GTK_WIDGET (other)))
        continue;
      lectern_test_wait_for_monitor (GTK_WIDGET (other));
      if (screenshot != NULL)
        g_free (lectern_test_screenshot (GTK_WIDGET (other), screenshot));
      lectern_test_press_keys (GTK_WIDGET (other), "Escape", NULL);
      lectern_test_settle ();
      if (gtk_widget_get_mapped (GTK_WIDGET (other)))
        gtk_window_close (other);
    }
}

static gboolean
is_compare_key (const char *accel)
{
  return g_str_equal (accel, "F8") || g_str_equal (accel, "<shift>F8") || g_str_equal (accel, "<ctrl>j");
}

static gboolean
scrolled_down (gpointer user_data)
{
  return lectern_document_view_get_top_offset (user_data) > 1000;
}

static gboolean
has_no_windows (gpointer user_data)
{
  return gtk_application_get_windows (user_data) == NULL;
}

/* Every shortcut of the shortcuts window, pressed, in a session where
 * any Gtk or Gdk warning or critical fails the test (G_DEBUG=fatal-warnings);
 * among them the walk that once warned: Alt+Up, then Ctrl+Return. */
static void
test_every_shortcut (void)
{
  g_autoptr(GPtrArray) accels = list_shortcuts ();
  LecternApplication *app;
  LecternWindow *window;
  LecternDocumentView *view;
  GtkWidget *w;
  guint start;
  guint end;

  g_assert_cmpuint (accels->len, >=, 25);
  if ((window = start_for_keys (&app)) == NULL)
    return;
  view = lectern_window_get_document_view (window);
  w = GTK_WIDGET (window);
  lectern_test_highlight_some (view, lectern_window_get_document (window));
  lectern_test_find_phrase (lectern_window_get_document (window), "Eisenhower administration", &start, &end);

  /* From the end of the text, Alt+Up selects a highlight far above; the
   * editor must point at the screen, not at where the text was. */
  lectern_test_press_keys (w, "F7", "<Control>End", NULL);
  g_assert_true (lectern_test_wait_for (scrolled_down, view, 5000));
  lectern_test_press_keys (w, "<Alt>Up", "<Alt>Up", "<Control>Return", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (lectern_document_view_get_edit_popover (view))));
  lectern_test_press_keys (w, "Escape", "<Alt>Up", "<Control>Return", "Escape", "F7", NULL);

  for (guint i = 0; i < accels->len; i++)
    {
      const char *accel = g_ptr_array_index (accels, i);

      if (g_str_equal (accel, "<ctrl>w") || g_str_equal (accel, "<ctrl>q"))
        continue;
      g_test_message ("pressing %s", accel);
      /* A selection for the keys that act on one */
      lectern_document_view_select_range (view, start, end);
      lectern_test_press_keys (w, is_compare_key (accel) ? "<Alt>2" : "<Alt>1", accel, NULL);
      close_other_windows (window, g_str_equal (accel, "<ctrl>question") ? "shortcuts-window" : NULL);
      lectern_test_press_keys (w, "Escape", "<Alt>1", NULL);
    }

  /* Ctrl+W closes the window; a new start, and Ctrl+Q quits. */
  lectern_test_press_keys (w, "<ctrl>w", NULL);
  g_assert_true (lectern_test_wait_for (has_no_windows, app, 5000));
  lectern_test_stop_app (app);

  app = lectern_test_start_app ();
  window = lectern_test_get_window (app);
  g_assert_true (lectern_test_wait_for (lectern_test_window_is_ready, window, 5000));
  lectern_test_press_keys (GTK_WIDGET (window), "<ctrl>q", NULL);
  g_assert_true (lectern_test_wait_for (has_no_windows, app, 5000));
  lectern_test_stop_app (app);
}

/* The same keys in the dark style: caret, selection, the editor with its
 * note focused, the Notes row with its ring, for a person to look at */
static void
test_keyboard_dark (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  LecternApplication *app;
  LecternWindow *window;
  LecternDocumentView *view;
  GtkWidget *w;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  if ((window = start_for_keys (&app)) == NULL)
    {
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
      return;
    }
  view = lectern_window_get_document_view (window);
  w = GTK_WIDGET (window);

  lectern_test_press_keys (w, "F7", "<Control>Home", "<Control>Down", "<Control>Down", "<Control>Down",
                           "<Control>Down", "<Control><Shift>s", NULL);
  g_assert_true (lectern_document_view_get_selection (view, &(guint){ 0 }, &(guint){ 0 }));
  g_free (lectern_test_screenshot (w, "read-selection-dark"));
  lectern_test_press_keys (w, "<Control>4", "<Control>Return", NULL);
  g_assert_true (GTK_IS_TEXT_VIEW (gtk_root_get_focus (GTK_ROOT (window))));
  lectern_test_type_text (w, "not so");
  lectern_test_settle ();
  g_free (lectern_test_screenshot (GTK_WIDGET (lectern_document_view_get_edit_popover (view)),
                                   "read-edit-note-focused-dark"));
  lectern_test_press_keys (w, "Escape", "<Alt>3", NULL);
  lectern_test_settle ();
  g_free (lectern_test_screenshot (w, "notes-keyboard-dark"));

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  lectern_test_stop_app (app);
}

/* Where the middle of the character at @offset is drawn, in the text
 * view's own coordinates */
static void
point_at_offset (LecternDocumentView *view,
                 guint                offset,
                 double              *x,
                 double              *y)
{
  GtkTextView *text_view = lectern_document_view_get_text_view (view);
  GtkTextIter iter;
  GdkRectangle rect;
  int wx;
  int wy;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter, offset);
  gtk_text_view_get_iter_location (text_view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET,
                                         rect.x + rect.width / 2, rect.y + rect.height / 2, &wx, &wy);
  *x = wx;
  *y = wy;
}

static void
center_of (GtkWidget *widget,
           double    *x,
           double    *y)
{
  *x = gtk_widget_get_width (widget) / 2.0;
  *y = gtk_widget_get_height (widget) / 2.0;
}

/* With a mouse: a drag that starts and ends inside words takes the whole
 * words (Ctrl keeps the characters); the colour button highlights; the
 * first click on the new highlight opens it. */
static void
test_mouse_words_and_first_click (void)
{
  LecternApplication *app;
  LecternWindow *window;
  LecternDocumentView *view;
  LecternAnnotationStore *store;
  GtkWidget *text_view;
  g_autofree char *selected = NULL;
  LecternHighlight *highlight;
  GtkWidget *button;
  double x1, y1, x2, y2;
  guint start;
  guint end;

  if ((window = start_for_keys (&app)) == NULL)
    return;
  view = lectern_window_get_document_view (window);
  store = lectern_application_get_store (app);
  text_view = GTK_WIDGET (lectern_document_view_get_text_view (view));
  /* The keyboard focus in the window, so the pointer's clicks count */
  lectern_test_press_keys (GTK_WIDGET (window), "F7", "F7", NULL);

  /* From inside "alarmed" to inside "United": the whole four words */
  lectern_test_find_phrase (lectern_window_get_document (window), "alarmed both the United", &start, &end);
  point_at_offset (view, start + 3, &x1, &y1);
  point_at_offset (view, end - 3, &x2, &y2);
  lectern_test_drag (text_view, x1, y1, x2, y2);
  selected = dup_selection (view);
  g_assert_cmpstr (selected, ==, "alarmed both the United");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (lectern_document_view_get_selection_popover (view))));
  g_free (lectern_test_screenshot (GTK_WIDGET (lectern_document_view_get_selection_popover (view)),
                                   "read-selection-popover-words"));

  /* The green button highlights the words. */
  button = lectern_document_view_get_color_button (view, LECTERN_COLOR_GREEN);
  center_of (button, &x1, &y1);
  lectern_test_click (button, x1, y1);
  highlight = lectern_annotation_store_find_range (store, lectern_document_get_id (lectern_window_get_document (window)),
                                                   start, end);
  g_assert_nonnull (highlight);
  g_assert_cmpint (lectern_highlight_get_color (highlight), ==, LECTERN_COLOR_GREEN);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (lectern_document_view_get_selection_popover (view))));

  /* The first click on it opens it, with the note ready for typing. */
  point_at_offset (view, start + 10, &x1, &y1);
  lectern_test_click (text_view, x1, y1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (lectern_document_view_get_edit_popover (view))));
  g_assert_true (GTK_IS_TEXT_VIEW (gtk_root_get_focus (GTK_ROOT (window))));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) != text_view);
  lectern_test_press_keys (GTK_WIDGET (window), "Escape", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (lectern_document_view_get_edit_popover (view))));

  /* With Ctrl held, the drag keeps exactly the characters it covered. */
  g_clear_pointer (&selected, g_free);
  lectern_test_find_phrase (lectern_window_get_document (window), "prisoners of war", &start, &end);
  point_at_offset (view, start + 2, &x1, &y1);
  point_at_offset (view, end - 2, &x2, &y2);
  lectern_test_hold_key (GTK_WIDGET (window), GDK_KEY_Control_L, TRUE);
  lectern_test_drag (text_view, x1, y1, x2, y2);
  lectern_test_hold_key (GTK_WIDGET (window), GDK_KEY_Control_L, FALSE);
  selected = dup_selection (view);
  g_test_message ("with Ctrl: %s", selected);
  g_assert_true (g_str_has_prefix ("prisoners of war", selected) == FALSE);
  g_assert_nonnull (strstr ("prisoners of war", selected));
  /* The window goes with the popover open: the next test's keys must
   * still arrive (the popover's grab goes with it). */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (lectern_document_view_get_selection_popover (view))));

  lectern_test_stop_app (app);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  lectern_test_init_with_annotations (&argc, &argv, "keyboard");

  g_test_add_vtable ("/keyboard/workflow", 0, NULL, (GTestFixtureFunc)lectern_test_clean_annotations,
                     (GTestFixtureFunc)test_keyboard_workflow, NULL);
  g_test_add_vtable ("/keyboard/mouse-words-and-first-click", 0, NULL, (GTestFixtureFunc)lectern_test_clean_annotations,
                     (GTestFixtureFunc)test_mouse_words_and_first_click, NULL);
  g_test_add_vtable ("/keyboard/dark", 0, NULL, (GTestFixtureFunc)lectern_test_clean_annotations,
                     (GTestFixtureFunc)test_keyboard_dark, NULL);
  g_test_add_vtable ("/keyboard/every-shortcut", 0, NULL, (GTestFixtureFunc)lectern_test_clean_annotations,
                     (GTestFixtureFunc)test_every_shortcut, NULL);

  ret = g_test_run ();

  lectern_test_finish ();

  return ret;
}
