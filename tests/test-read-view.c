/* test-read-view.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lectern-application.h"
#include "lectern-document-view-private.h"
#include "lectern-notes-view-private.h"
#include "lectern-test-ui.h"
#include "lectern-window-private.h"

static char *tmp_dir;
static char *annotations_dir;
static AdwToast *last_toast;

static LecternApplication *
start_app (void)
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

static void
stop_app (LecternApplication *app)
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
  lectern_test_iterate (50);
  g_object_unref (app);
}

static LecternWindow *
get_window (LecternApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_nonnull (window);
  return LECTERN_WINDOW (window);
}

static gboolean
window_is_ready (gpointer user_data)
{
  LecternWindow *window = user_data;

  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         g_strcmp0 (lectern_window_get_read_state (window), "document") == 0 &&
         lectern_test_wait_for_monitor (GTK_WIDGET (window));
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button (child, label)) != NULL)
        return found;
    }

  return NULL;
}

static void
add_toast_cb (LecternDocumentView *view,
              AdwToast            *toast,
              gpointer             user_data)
{
  g_set_object (&last_toast, toast);
}

/* Finds a phrase in the current document: the test drives the view with
 * offsets it computes from the text, as a reader's selection would. */
static void
find_phrase (LecternDocument *document,
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

static gboolean
has_tag_at (LecternDocumentView *view,
            const char          *tag_name,
            guint                offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (lectern_document_view_get_text_view (view));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
  GtkTextIter iter;

  /* Tags follow the store before the next frame, from an idle. */
  for (guint i = 0; i < 20 && g_main_context_iteration (NULL, FALSE); i++)
    ;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  return gtk_text_iter_has_tag (&iter, tag);
}

static void
test_highlight_edit_delete_restart (void)
{
  LecternApplication *app = start_app ();
  LecternWindow *window = get_window (app);
  LecternDocumentView *view = lectern_window_get_document_view (window);
  LecternAnnotationStore *store = lectern_application_get_store (app);
  LecternDocument *document;
  LecternHighlight *highlight;
  g_autofree char *doc_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *exact = NULL;
  GtkPopover *popover;
  GtkWidget *note_view;
  GtkWidget *tags_entry;
  GtkWidget *delete_button;
  GtkTextBuffer *note_buffer;
  GtkTextIter a;
  GtkTextIter b;
  guint start;
  guint end;

  g_assert_true (lectern_test_wait_for (window_is_ready, window, 5000));
  g_signal_connect (view, "add-toast", G_CALLBACK (add_toast_cb), NULL);
  document = lectern_window_get_document (window);
  doc_id = g_strdup (lectern_document_get_id (document));
  g_assert_cmpuint (lectern_annotation_store_count_for_document (store, doc_id), ==, 0);

  /* Select a range and highlight it green with the keyboard action. */
  find_phrase (document, "Mutual Defense Treaty", &start, &end);
  lectern_document_view_select_range (view, start, end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.highlight", "i", LECTERN_COLOR_GREEN));

  g_assert_cmpuint (lectern_annotation_store_count_for_document (store, doc_id), ==, 1);
  highlight = lectern_annotation_store_find_range (store, doc_id, start, end);
  g_assert_nonnull (highlight);
  g_assert_cmpint (lectern_highlight_get_color (highlight), ==, LECTERN_COLOR_GREEN);
  g_assert_cmpstr (lectern_highlight_get_exact (highlight), ==, "Mutual Defense Treaty");
  g_assert_true (has_tag_at (view, "highlight-green", start));
  g_assert_false (has_tag_at (view, "highlight-green", end));

  /* Highlighting the same range again recolours it, no invisible twin. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.highlight", "i", LECTERN_COLOR_BLUE));
  g_assert_cmpuint (lectern_annotation_store_count_for_document (store, doc_id), ==, 1);
  g_assert_cmpint (lectern_highlight_get_color (highlight), ==, LECTERN_COLOR_BLUE);

  /* An empty selection highlights nothing. */
  lectern_document_view_select_range (view, 10, 10);
  gtk_widget_activate_action (GTK_WIDGET (view), "view.highlight", "i", LECTERN_COLOR_RED);
  g_assert_cmpuint (lectern_annotation_store_count_for_document (store, doc_id), ==, 1);

  /* On disk within a second. */
  lectern_test_iterate (1100);
  path = lectern_annotation_store_dup_path (store, doc_id);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Mutual Defense Treaty"));
  g_assert_nonnull (strstr (contents, "\"blue\""));

  /* Edit the note and tags through the popover's widgets. */
  lectern_document_view_edit_highlight (view, highlight, TRUE);
  popover = lectern_document_view_get_edit_popover (view);
  lectern_test_iterate (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  note_view = find_descendant (GTK_WIDGET (popover), GTK_TYPE_TEXT_VIEW);
  tags_entry = find_descendant (GTK_WIDGET (popover), GTK_TYPE_ENTRY);
  g_assert_nonnull (note_view);
  g_assert_nonnull (tags_entry);
  note_buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (note_view));
  gtk_text_buffer_set_text (note_buffer, "Signed in Washington.\nRatified later.", -1);
  gtk_editable_set_text (GTK_EDITABLE (tags_entry), "treaty, #1953 , ");
  gtk_popover_popdown (popover);
  lectern_test_iterate (100);
  g_assert_cmpstr (lectern_highlight_get_note (highlight), ==, "Signed in Washington.\nRatified later.");
  g_assert_cmpuint (g_strv_length ((char **)lectern_highlight_get_tags (highlight)), ==, 2);
  g_assert_true (lectern_highlight_has_tag (highlight, "treaty"));
  g_assert_true (lectern_highlight_has_tag (highlight, "1953"));

  /* Screenshot with the popover open, for a person to look at. */
  lectern_document_view_edit_highlight (view, highlight, FALSE);
  lectern_test_iterate (300);
  g_free (lectern_test_screenshot (GTK_WIDGET (popover), "read-edit-popover"));

  /* Delete through the popover, then undo through the toast. */
  delete_button = find_button (GTK_WIDGET (popover), "_Delete");
  g_assert_nonnull (delete_button);
  g_clear_object (&last_toast);
  g_assert_true (gtk_widget_get_mapped (delete_button));
  g_signal_emit_by_name (delete_button, "clicked");
  lectern_test_iterate (50);
  g_assert_cmpuint (lectern_annotation_store_count_for_document (store, doc_id), ==, 0);
  g_assert_false (has_tag_at (view, "highlight-blue", start));
  g_assert_nonnull (last_toast);
  g_signal_emit_by_name (last_toast, "button-clicked");
  g_assert_cmpuint (lectern_annotation_store_count_for_document (store, doc_id), ==, 1);
  g_assert_true (has_tag_at (view, "highlight-blue", start));

  gtk_text_buffer_get_bounds (note_buffer, &a, &b);
  stop_app (app);
  g_clear_object (&last_toast);

  /* A new application object on the same data finds it at the same place. */
  app = start_app ();
  window = get_window (app);
  view = lectern_window_get_document_view (window);
  store = lectern_application_get_store (app);
  g_assert_true (lectern_test_wait_for (window_is_ready, window, 5000));
  g_assert_cmpuint (lectern_annotation_store_count_for_document (store, doc_id), ==, 1);
  highlight = lectern_annotation_store_find_range (store, doc_id, start, end);
  g_assert_nonnull (highlight);
  g_assert_cmpint (lectern_highlight_get_color (highlight), ==, LECTERN_COLOR_BLUE);
  g_assert_cmpstr (lectern_highlight_get_note (highlight), ==, "Signed in Washington.\nRatified later.");
  exact = lectern_document_dup_slice (lectern_window_get_document (window), start, end);
  g_assert_cmpstr (exact, ==, lectern_highlight_get_exact (highlight));
  g_assert_true (has_tag_at (view, "highlight-blue", start));

  stop_app (app);
}

static void
test_find (void)
{
  LecternApplication *app = start_app ();
  LecternWindow *window = get_window (app);
  LecternDocumentView *view = lectern_window_get_document_view (window);
  LecternDocument *document;
  const char *text;
  guint expected = 0;
  guint start;
  guint end;
  guint n;

  g_assert_true (lectern_test_wait_for (window_is_ready, window, 5000));
  document = lectern_window_get_document (window);
  text = lectern_document_get_text (document);

  /* Count case-insensitive occurrences of "treaty" independently. */
  {
    g_autofree char *lower = g_utf8_strdown (text, -1);
    for (const char *p = strstr (lower, "treaty"); p != NULL; p = strstr (p + 1, "treaty"))
      expected++;
  }
  g_assert_cmpuint (expected, >, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  n = lectern_document_view_find (view, "TREATY");
  g_assert_cmpuint (n, ==, expected);
  g_assert_cmpint (lectern_document_view_get_current_match (view, &start, &end), ==, 0);
  g_assert_true (has_tag_at (view, "find-current", start));
  g_assert_true (has_tag_at (view, "find-match", start));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.find-next", NULL));
  g_assert_cmpint (lectern_document_view_get_current_match (view, &start, &end), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.find-previous", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.find-previous", NULL));
  g_assert_cmpint (lectern_document_view_get_current_match (view, &start, &end), ==, (int)n - 1);

  lectern_test_iterate (200);
  g_free (lectern_test_screenshot (GTK_WIDGET (window), "read-find"));

  g_assert_cmpuint (lectern_document_view_find (view, "no such words here"), ==, 0);
  g_assert_cmpint (lectern_document_view_get_current_match (view, &start, &end), ==, -1);

  stop_app (app);
}

static void
test_zoom_keys (void)
{
  LecternApplication *app = start_app ();
  LecternWindow *window = get_window (app);
  LecternDocumentView *view = lectern_window_get_document_view (window);
  GSettings *settings = lectern_application_get_settings (app);

  g_assert_true (lectern_test_wait_for (window_is_ready, window, 5000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-reset", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL));
  g_assert_cmpfloat (lectern_document_view_get_text_scale (view), >, 1.05);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "text-scale"),
                                  lectern_document_view_get_text_scale (view), 0.001);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL));
  g_assert_cmpfloat (lectern_document_view_get_text_scale (view), <, 0.95);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-reset", NULL));
  g_assert_cmpfloat_with_epsilon (lectern_document_view_get_text_scale (view), 1.0, 0.001);

  stop_app (app);
}

static void
highlight_some (LecternDocumentView *view,
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

      find_phrase (document, marks[i].phrase, &start, &end);
      highlight = lectern_document_view_highlight_range (view, start, end, marks[i].color, &error);
      g_assert_no_error (error);
      if (marks[i].note != NULL)
        lectern_highlight_set_note (highlight, marks[i].note);
    }
}

static void
test_screenshots_with_highlights (void)
{
  LecternApplication *app = start_app ();
  LecternWindow *window = get_window (app);
  LecternDocumentView *view = lectern_window_get_document_view (window);
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;
  guint start;
  guint end;

  g_assert_true (lectern_test_wait_for (window_is_ready, window, 5000));
  /* From the top, whatever reading position an earlier test left. */
  lectern_document_view_scroll_to_offset (view, 0, FALSE);
  lectern_test_iterate (300);
  highlight_some (view, lectern_window_get_document (window));

  /* A fresh selection shows the colour popover. */
  find_phrase (lectern_window_get_document (window), "Eisenhower administration", &start, &end);
  lectern_document_view_select_range (view, start, end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.show-highlight-menu", NULL));
  lectern_test_iterate (300);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (lectern_document_view_get_selection_popover (view))));
  g_free (lectern_test_screenshot (GTK_WIDGET (lectern_document_view_get_selection_popover (view)),
                                   "read-selection-popover"));

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  lectern_test_iterate (300);
  light = lectern_test_screenshot (GTK_WIDGET (window), "read-light");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  lectern_test_iterate (300);
  dark = lectern_test_screenshot (GTK_WIDGET (window), "read-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  g_assert_cmpfloat (lectern_test_mean_luminance (light), >, lectern_test_mean_luminance (dark) + 0.3);

  /* Two of the highlights carry notes: a marker each in the margin. */
  g_assert_cmpuint (lectern_document_view_get_n_note_markers (view), ==, 2);

  /* Reaching a highlight with a note from the keyboard shows the note. */
  gtk_popover_popdown (lectern_document_view_get_selection_popover (view));
  find_phrase (lectern_window_get_document (window), "anti-communist prisoners of war", &start, &end);
  lectern_document_view_select_range (view, start - 1, start - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.next-highlight", NULL));
  g_assert_true (lectern_document_view_get_selection (view, &start, &end));
  g_assert_cmpuint (end - start, ==, strlen ("anti-communist prisoners of war"));
  lectern_test_iterate (200);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (lectern_document_view_get_note_peek (view))));
  g_free (lectern_test_screenshot (GTK_WIDGET (lectern_document_view_get_note_peek (view)), "read-note-peek"));

  stop_app (app);
}

static gboolean
showing_document_titled (gpointer user_data)
{
  LecternWindow *window = user_data;
  LecternDocument *document = lectern_window_get_document (window);

  return document != NULL && g_strcmp0 (lectern_document_get_title (document), "Orphan Test") == 0 &&
         g_strcmp0 (lectern_window_get_read_state (window), "document") == 0;
}

static GtkWidget *
find_revealer_with_label (GtkWidget  *widget,
                          const char *text_part)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_REVEALER (child))
        {
          GtkWidget *label = find_descendant (child, GTK_TYPE_LABEL);

          if (label != NULL && strstr (gtk_label_get_label (GTK_LABEL (label)), text_part) != NULL)
            return child;
        }
      if ((found = find_revealer_with_label (child, text_part)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_orphans_banner_and_reattach (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "orphan.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  LecternApplication *app;
  LecternWindow *window;
  LecternDocumentView *view;
  LecternAnnotationStore *store;
  LecternHighlight *highlight;
  g_autofree char *doc_id = NULL;
  GtkWidget *banner;
  guint start;
  guint end;

  g_file_set_contents (path,
                       "# Orphan Test\n\nThe first paragraph stays as it is.\n\n"
                       "The second paragraph will be rewritten entirely before the next start.\n", -1, &error);
  g_assert_no_error (error);

  app = start_app ();
  window = get_window (app);
  g_assert_true (lectern_test_wait_for (window_is_ready, window, 5000));
  lectern_window_open_file (window, file, TRUE);
  g_assert_true (lectern_test_wait_for (showing_document_titled, window, 5000));
  view = lectern_window_get_document_view (window);
  store = lectern_application_get_store (app);
  doc_id = g_strdup (lectern_document_get_id (lectern_window_get_document (window)));

  find_phrase (lectern_window_get_document (window),
               "The second paragraph will be rewritten entirely before the next start.", &start, &end);
  g_assert_nonnull (lectern_document_view_highlight_range (view, start, end, LECTERN_COLOR_RED, &error));
  g_assert_no_error (error);
  stop_app (app);

  /* The passage disappears from the file. */
  g_file_set_contents (path,
                       "# Orphan Test\n\nThe first paragraph stays as it is.\n\n"
                       "Something altogether different now sits in this place.\n", -1, &error);
  g_assert_no_error (error);

  app = start_app ();
  window = get_window (app);
  g_assert_true (lectern_test_wait_for (showing_document_titled, window, 5000));
  view = lectern_window_get_document_view (window);
  store = lectern_application_get_store (app);
  g_assert_cmpuint (lectern_annotation_store_count_for_document (store, doc_id), ==, 1);
  {
    g_autoptr(GPtrArray) list = lectern_annotation_store_list_for_document (store, doc_id);
    highlight = g_ptr_array_index (list, 0);
  }
  g_assert_cmpint (lectern_highlight_get_state (highlight), ==, LECTERN_HIGHLIGHT_ORPHANED);

  lectern_test_iterate (200);
  banner = find_revealer_with_label (GTK_WIDGET (window), "could not be placed");
  g_assert_nonnull (banner);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  g_free (lectern_test_screenshot (GTK_WIDGET (window), "read-orphan-banner"));

  /* Without a selection, re-attaching asks for one and changes nothing. */
  lectern_document_view_select_range (view, 0, 0);
  g_assert_false (lectern_window_reattach_highlight (window, highlight));
  g_assert_cmpint (lectern_highlight_get_state (highlight), ==, LECTERN_HIGHLIGHT_ORPHANED);

  find_phrase (lectern_window_get_document (window), "altogether different", &start, &end);
  lectern_document_view_select_range (view, start, end);
  g_assert_true (lectern_window_reattach_highlight (window, highlight));
  g_assert_cmpint (lectern_highlight_get_state (highlight), ==, LECTERN_HIGHLIGHT_ANCHORED);
  g_assert_cmpstr (lectern_highlight_get_exact (highlight), ==, "altogether different");
  lectern_test_iterate (100);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  g_assert_true (has_tag_at (view, "highlight-red", start));

  /* The next test starts on the sample pack again. */
  lectern_library_remove (lectern_application_get_library (app), lectern_window_get_document (window));
  stop_app (app);
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_settings_reset (settings, "open-documents");
    g_settings_reset (settings, "current-document");
  }
}

static gboolean
showing_review_test (gpointer user_data)
{
  LecternWindow *window = user_data;
  LecternDocument *document = lectern_window_get_document (window);

  return document != NULL && g_strcmp0 (lectern_document_get_title (document), "Review Test") == 0 &&
         g_strcmp0 (lectern_window_get_read_state (window), "document") == 0;
}

static void
test_review_after_edit (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "review.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  LecternApplication *app;
  LecternWindow *window;
  LecternDocumentView *view;
  LecternAnnotationStore *store;
  LecternNotesView *notes;
  LecternHighlight *highlight;
  GtkWidget *banner;
  AdwViewStack *stack;
  guint start;
  guint end;

  g_file_set_contents (path,
                       "# Review Test\n\nThe treaty was signed in Washington on the first day of October.\n", -1, &error);
  g_assert_no_error (error);

  app = start_app ();
  window = get_window (app);
  g_assert_true (lectern_test_wait_for (window_is_ready, window, 5000));
  lectern_window_open_file (window, file, TRUE);
  g_assert_true (lectern_test_wait_for (showing_review_test, window, 5000));
  view = lectern_window_get_document_view (window);
  find_phrase (lectern_window_get_document (window), "signed in Washington on the first day of October", &start, &end);
  g_assert_nonnull (lectern_document_view_highlight_range (view, start, end, LECTERN_COLOR_BLUE, &error));
  g_assert_no_error (error);
  stop_app (app);

  /* A small rewrite inside the passage: placed, but not trusted. */
  g_file_set_contents (path,
                       "# Review Test\n\nThe treaty was signed in Washington on the first days of November.\n", -1, &error);
  g_assert_no_error (error);

  app = start_app ();
  window = get_window (app);
  g_assert_true (lectern_test_wait_for (showing_review_test, window, 5000));
  view = lectern_window_get_document_view (window);
  store = lectern_application_get_store (app);
  {
    g_autoptr(GPtrArray) list = lectern_annotation_store_list_for_document (store,
                                                                            lectern_document_get_id (lectern_window_get_document (window)));
    g_assert_cmpuint (list->len, ==, 1);
    highlight = g_ptr_array_index (list, 0);
  }
  g_assert_cmpint (lectern_highlight_get_state (highlight), ==, LECTERN_HIGHLIGHT_NEEDS_REVIEW);
  lectern_test_iterate (200);
  g_assert_true (has_tag_at (view, "highlight-review", lectern_highlight_get_start (highlight)));
  g_assert_true (has_tag_at (view, "highlight-blue", lectern_highlight_get_start (highlight)));
  banner = find_revealer_with_label (GTK_WIDGET (window), "your review");
  g_assert_nonnull (banner);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));

  /* "Show Them" lists it in Notes, with the choice to accept. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-orphans", NULL));
  notes = lectern_window_get_notes_view (window);
  stack = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "notes");
  lectern_test_iterate (300);
  g_assert_cmpuint (g_list_model_get_n_items (lectern_notes_view_get_model (notes)), ==, 1);
  g_free (lectern_test_screenshot (GTK_WIDGET (window), "notes-review"));

  g_assert_true (lectern_notes_view_accept_review (notes, highlight));
  g_assert_cmpint (lectern_highlight_get_state (highlight), ==, LECTERN_HIGHLIGHT_ANCHORED);
  g_assert_nonnull (strstr (lectern_highlight_get_exact (highlight), "first days of"));
  lectern_test_iterate (100);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));

  lectern_library_remove (lectern_application_get_library (app), lectern_window_get_document (window));
  stop_app (app);
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_settings_reset (settings, "open-documents");
    g_settings_reset (settings, "current-document");
  }
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

  *app = start_app ();
  window = get_window (*app);
  g_assert_true (lectern_test_wait_for (window_is_ready, window, 5000));
  lectern_document_view_scroll_to_offset (lectern_window_get_document_view (window), 0, FALSE);
  lectern_test_iterate (300);

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

/* The walk, keys only: caret, sentence, Ctrl+2, open, type a
 * note, Esc, Notes, back; then the store and the file on disk. */
static void
test_keyboard_workflow (void)
{
  LecternApplication *app;
  LecternWindow *window;
  LecternDocumentView *view;
  LecternAnnotationStore *store;
  g_autofree char *sentence = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  LecternHighlight *highlight;
  GtkPopover *popover;
  GtkWidget *w;
  const char *doc_id;

  if ((window = start_for_keys (&app)) == NULL)
    return;
  view = lectern_window_get_document_view (window);
  store = lectern_application_get_store (app);
  w = GTK_WIDGET (window);
  doc_id = lectern_document_get_id (lectern_window_get_document (window));
  g_assert_true (is_inside (get_focus (window), GTK_WIDGET (lectern_document_view_get_text_view (view))));

  /* F7: a caret. Ctrl+Down twice: the third paragraph. */
  lectern_test_press_keys (w, "F7", NULL);
  g_assert_true (lectern_document_view_get_caret_browsing (view));
  lectern_test_press_keys (w, "<Control>Home", "<Control>Down", "<Control>Down", "<Control>Down", NULL);
  lectern_test_iterate (200);
  g_free (lectern_test_screenshot (w, "read-caret"));

  /* Shift+Right selects a character; Ctrl+Shift+S the whole sentence. */
  lectern_test_press_keys (w, "<Shift>Right", NULL);
  sentence = dup_selection (view);
  g_assert_nonnull (sentence);
  g_assert_cmpuint (g_utf8_strlen (sentence, -1), ==, 1);
  g_clear_pointer (&sentence, g_free);
  lectern_test_press_keys (w, "<Control><Shift>s", NULL);
  sentence = dup_selection (view);
  g_assert_nonnull (sentence);
  g_test_message ("sentence: %s", sentence);
  g_free (lectern_test_screenshot (w, "read-selection-light"));
  g_assert_null (strchr (sentence, '\n'));
  g_assert_true (g_unichar_isupper (g_utf8_get_char (sentence)));
  g_assert_true (g_str_has_suffix (sentence, ".") || g_str_has_suffix (sentence, ".)") ||
                 g_str_has_suffix (sentence, ":"));

  /* Ctrl+2 highlights it green. */
  lectern_test_press_keys (w, "<Control>2", NULL);
  highlights = lectern_annotation_store_list_for_document (store, doc_id);
  g_assert_cmpuint (highlights->len, ==, 1);
  highlight = g_ptr_array_index (highlights, 0);
  g_assert_cmpint (lectern_highlight_get_color (highlight), ==, LECTERN_COLOR_GREEN);
  g_assert_cmpstr (lectern_highlight_get_exact (highlight), ==, sentence);

  /* Ctrl+Return opens it with the note focused: typing writes the note
   * and never presses a colour button. */
  lectern_test_press_keys (w, "<Control>Return", NULL);
  popover = lectern_document_view_get_edit_popover (view);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (GTK_IS_TEXT_VIEW (get_focus (window)));
  g_assert_true (is_inside (get_focus (window), GTK_WIDGET (popover)));
  lectern_test_type_text (w, "agree 2 times");
  lectern_test_iterate (200);
  g_free (lectern_test_screenshot (GTK_WIDGET (popover), "read-edit-note-focused"));
  g_assert_cmpint (lectern_highlight_get_color (highlight), ==, LECTERN_COLOR_GREEN);

  /* Shift+Tab reaches the colours with a ring; only Space recolours, and
   * says so in a toast with Undo. */
  lectern_test_press_keys (w, "<Shift>Tab", NULL);
  g_assert_true (GTK_IS_TOGGLE_BUTTON (get_focus (window)));
  lectern_test_iterate (400);
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

  /* Alt+3: Notes, where it is listed with its note. */
  lectern_test_press_keys (w, "<Alt>3", NULL);
  g_assert_cmpstr (visible_view (window), ==, "notes");
  g_assert_true (is_inside (get_focus (window), GTK_WIDGET (lectern_window_get_notes_view (window))));
  g_assert_cmpuint (g_list_model_get_n_items (lectern_notes_view_get_model (lectern_window_get_notes_view (window))),
                    ==, 1);
  lectern_test_iterate (200);
  g_free (lectern_test_screenshot (w, "notes-keyboard"));

  /* Enter on the row goes to the passage, selected, with the focus. */
  g_assert_true (is_inside (get_focus (window),
                            GTK_WIDGET (lectern_window_get_notes_view (window)->list_view)));
  g_test_message ("focus: %s", G_OBJECT_TYPE_NAME (get_focus (window)));
  lectern_test_press_keys (w, "Return", NULL);
  lectern_test_iterate (200);
  g_assert_cmpstr (visible_view (window), ==, "read");
  g_assert_true (get_focus (window) == GTK_WIDGET (lectern_document_view_get_text_view (view)));
  g_assert_true (_lectern_document_view_highlight_at_selection (view) == highlight);

  /* Alt+2 and Alt+1: Compare, and back to the text. */
  lectern_test_press_keys (w, "<Alt>2", NULL);
  g_assert_cmpstr (visible_view (window), ==, "compare");
  lectern_test_press_keys (w, "<Alt>1", NULL);
  g_assert_cmpstr (visible_view (window), ==, "read");
  g_assert_true (get_focus (window) == GTK_WIDGET (lectern_document_view_get_text_view (view)));

  /* F7 again: no caret, the arrows scroll. */
  lectern_test_press_keys (w, "F7", NULL);
  g_assert_false (lectern_document_view_get_caret_browsing (view));

  /* The store and the file say the same. */
  g_assert_true (lectern_annotation_store_flush (store, NULL));
  path = lectern_annotation_store_dup_path (store, doc_id);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"green\""));
  g_assert_nonnull (strstr (contents, "agree 2 times"));

  stop_app (app);
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
      lectern_test_iterate (100);
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
  highlight_some (view, lectern_window_get_document (window));
  find_phrase (lectern_window_get_document (window), "Eisenhower administration", &start, &end);

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
  stop_app (app);

  app = start_app ();
  window = get_window (app);
  g_assert_true (lectern_test_wait_for (window_is_ready, window, 5000));
  lectern_test_press_keys (GTK_WIDGET (window), "<ctrl>q", NULL);
  g_assert_true (lectern_test_wait_for (has_no_windows, app, 5000));
  stop_app (app);
}

/* The distances between the display lines of the paragraph holding
 * @offset, top to top */
static GArray *
display_line_heights (GtkTextView *text_view,
                      guint        offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GArray *heights = g_array_new (FALSE, FALSE, sizeof (int));
  GtkTextIter iter;
  int previous_y = -1;
  int line;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  line = gtk_text_iter_get_line (&iter);
  gtk_text_iter_set_line_offset (&iter, 0);
  do
    {
      GdkRectangle rect;

      gtk_text_view_get_iter_location (text_view, &iter, &rect);
      if (previous_y >= 0)
        {
          int distance = rect.y - previous_y;

          g_array_append_val (heights, distance);
        }
      previous_y = rect.y;
    }
  while (gtk_text_view_forward_display_line (text_view, &iter) && gtk_text_iter_get_line (&iter) == line &&
         !gtk_text_iter_ends_line (&iter));

  return heights;
}

/* The Contents popover is wide enough for a heading on one or two lines;
 * a footnote marker does not push its line away from the others. */
static void
test_contents_and_superscript (void)
{
  LecternApplication *app = start_app ();
  LecternWindow *window = get_window (app);
  LecternDocumentView *view = lectern_window_get_document_view (window);
  g_autoptr(GArray) heights = NULL;
  GtkWidget *label;
  guint start;
  guint end;

  g_assert_true (lectern_test_wait_for (window_is_ready, window, 5000));
  lectern_document_view_scroll_to_offset (view, 0, FALSE);
  lectern_test_iterate (300);

  find_phrase (lectern_window_get_document (window), "together.1)", &start, &end);
  for (guint z = 0; z < 4; z++)
    {
      int min_height = G_MAXINT;
      int max_height = 0;

      /* At the usual size and a smaller one, where the marker has less room */
      static const double scales[] = { 1.0, 0.8, 0.6, 1.5 };

      lectern_document_view_set_text_scale (view, scales[z]);
      lectern_test_iterate (300);
      heights = display_line_heights (lectern_document_view_get_text_view (view), start);
      g_assert_cmpuint (heights->len, >=, 2);
      for (guint i = 0; i < heights->len; i++)
        {
          min_height = MIN (min_height, g_array_index (heights, int, i));
          max_height = MAX (max_height, g_array_index (heights, int, i));
        }
      g_test_message ("display lines from %d to %d pixels apart", min_height, max_height);
      g_assert_cmpint (max_height, <=, min_height + 1);
      g_clear_pointer (&heights, g_array_unref);
    }
  lectern_document_view_set_text_scale (view, 1.0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.outline", NULL));
  lectern_test_iterate (300);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->outline_popover)));
  g_free (lectern_test_screenshot (GTK_WIDGET (window->outline_popover), "read-contents"));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window->outline_list)), >=, 300);
  label = find_descendant (GTK_WIDGET (window->outline_list), GTK_TYPE_LABEL);
  g_assert_nonnull (label);
  /* A heading of 40 characters fits on one line. */
  g_assert_cmpint (gtk_widget_get_width (label), >=, 260);
  gtk_popover_popdown (window->outline_popover);

  stop_app (app);
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
  lectern_test_iterate (300);
  g_free (lectern_test_screenshot (GTK_WIDGET (lectern_document_view_get_edit_popover (view)),
                                   "read-edit-note-focused-dark"));
  lectern_test_press_keys (w, "Escape", "<Alt>3", NULL);
  lectern_test_iterate (400);
  g_free (lectern_test_screenshot (w, "notes-keyboard-dark"));

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  stop_app (app);
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
  find_phrase (lectern_window_get_document (window), "alarmed both the United", &start, &end);
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
  find_phrase (lectern_window_get_document (window), "prisoners of war", &start, &end);
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

  stop_app (app);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
    }
  g_remove (path);
}

static void
clean_annotations (void)
{
  remove_tree (annotations_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  gtk_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("lectern-test-read-XXXXXX", &error);
  g_assert_no_error (error);
  annotations_dir = g_build_filename (tmp_dir, "annotations", NULL);
  g_setenv ("LECTERN_ANNOTATIONS_DIR", annotations_dir, TRUE);

  g_test_add_vtable ("/read/highlight-edit-delete-restart", 0, NULL,
                     (GTestFixtureFunc)clean_annotations,
                     (GTestFixtureFunc)test_highlight_edit_delete_restart, NULL);
  g_test_add_vtable ("/read/find", 0, NULL, (GTestFixtureFunc)clean_annotations,
                     (GTestFixtureFunc)test_find, NULL);
  g_test_add_vtable ("/read/zoom-keys", 0, NULL, (GTestFixtureFunc)clean_annotations,
                     (GTestFixtureFunc)test_zoom_keys, NULL);
  g_test_add_vtable ("/read/orphans", 0, NULL, (GTestFixtureFunc)clean_annotations,
                     (GTestFixtureFunc)test_orphans_banner_and_reattach, NULL);
  g_test_add_vtable ("/read/review", 0, NULL, (GTestFixtureFunc)clean_annotations,
                     (GTestFixtureFunc)test_review_after_edit, NULL);
  g_test_add_vtable ("/read/keyboard-workflow", 0, NULL, (GTestFixtureFunc)clean_annotations,
                     (GTestFixtureFunc)test_keyboard_workflow, NULL);
  g_test_add_vtable ("/read/mouse-words-and-first-click", 0, NULL, (GTestFixtureFunc)clean_annotations,
                     (GTestFixtureFunc)test_mouse_words_and_first_click, NULL);
  g_test_add_vtable ("/read/keyboard-dark", 0, NULL, (GTestFixtureFunc)clean_annotations,
                     (GTestFixtureFunc)test_keyboard_dark, NULL);
  g_test_add_vtable ("/read/every-shortcut", 0, NULL, (GTestFixtureFunc)clean_annotations,
                     (GTestFixtureFunc)test_every_shortcut, NULL);
  g_test_add_vtable ("/read/contents-and-superscript", 0, NULL, (GTestFixtureFunc)clean_annotations,
                     (GTestFixtureFunc)test_contents_and_superscript, NULL);
  g_test_add_vtable ("/read/screenshots", 0, NULL, (GTestFixtureFunc)clean_annotations,
                     (GTestFixtureFunc)test_screenshots_with_highlights, NULL);

  ret = g_test_run ();

  remove_tree (tmp_dir);
  g_free (annotations_dir);
  g_free (tmp_dir);

  return ret;
}
