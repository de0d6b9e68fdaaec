/* test-read-view.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lectern-application-private.h"
#include "lectern-document-view-private.h"
#include "lectern-notes-view-private.h"
#include "lectern-test-ui.h"
#include "lectern-test-utils.h"
#include "lectern-window-private.h"

static AdwToast *last_toast;

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
  LecternApplication *app = lectern_test_start_app ();
  LecternWindow *window = lectern_test_get_window (app);
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

  g_assert_true (lectern_test_wait_for (lectern_test_window_is_ready, window, 5000));
  g_signal_connect (view, "add-toast", G_CALLBACK (add_toast_cb), NULL);
  document = lectern_window_get_document (window);
  doc_id = g_strdup (lectern_document_get_id (document));
  g_assert_cmpuint (lectern_annotation_store_count_for_document (store, doc_id), ==, 0);

  /* Select a range and highlight it green with the keyboard action. */
  lectern_test_find_phrase (document, "Mutual Defense Treaty", &start, &end);
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

  /* On disk by itself: the autosave, a second later. */
  path = lectern_annotation_store_dup_path (store, doc_id);
  lectern_test_wait_for_file_containing (path, "\"blue\"");
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Mutual Defense Treaty"));
  g_assert_nonnull (strstr (contents, "\"blue\""));

  /* Edit the note and tags through the popover's widgets. */
  lectern_document_view_edit_highlight (view, highlight, TRUE);
  popover = lectern_document_view_get_edit_popover (view);
  lectern_test_wait_for_mapped (GTK_WIDGET (popover));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  note_view = find_descendant (GTK_WIDGET (popover), GTK_TYPE_TEXT_VIEW);
  tags_entry = find_descendant (GTK_WIDGET (popover), GTK_TYPE_ENTRY);
  g_assert_nonnull (note_view);
  g_assert_nonnull (tags_entry);
  note_buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (note_view));
  gtk_text_buffer_set_text (note_buffer, "Signed in Washington.\nRatified later.", -1);
  gtk_editable_set_text (GTK_EDITABLE (tags_entry), "treaty, #1953 , ");
  gtk_popover_popdown (popover);
  lectern_test_wait_for_unmapped (GTK_WIDGET (popover));
  g_assert_cmpstr (lectern_highlight_get_note (highlight), ==, "Signed in Washington.\nRatified later.");
  g_assert_cmpuint (g_strv_length ((char **)lectern_highlight_get_tags (highlight)), ==, 2);
  g_assert_true (lectern_highlight_has_tag (highlight, "treaty"));
  g_assert_true (lectern_highlight_has_tag (highlight, "1953"));

  /* Screenshot with the popover open, for a person to look at. */
  lectern_document_view_edit_highlight (view, highlight, FALSE);
  lectern_test_wait_for_mapped (GTK_WIDGET (popover));
  g_free (lectern_test_screenshot (GTK_WIDGET (popover), "read-edit-popover"));

  /* Delete through the popover, then undo through the toast. */
  delete_button = find_button (GTK_WIDGET (popover), "_Delete");
  g_assert_nonnull (delete_button);
  g_clear_object (&last_toast);
  g_assert_true (gtk_widget_get_mapped (delete_button));
  g_signal_emit_by_name (delete_button, "clicked");
  lectern_test_wait_for_idle ();
  g_assert_cmpuint (lectern_annotation_store_count_for_document (store, doc_id), ==, 0);
  g_assert_false (has_tag_at (view, "highlight-blue", start));
  g_assert_nonnull (last_toast);
  g_signal_emit_by_name (last_toast, "button-clicked");
  g_assert_cmpuint (lectern_annotation_store_count_for_document (store, doc_id), ==, 1);
  g_assert_true (has_tag_at (view, "highlight-blue", start));

  gtk_text_buffer_get_bounds (note_buffer, &a, &b);
  lectern_test_stop_app (app);
  g_clear_object (&last_toast);

  /* A new application object on the same data finds it at the same place. */
  app = lectern_test_start_app ();
  window = lectern_test_get_window (app);
  view = lectern_window_get_document_view (window);
  store = lectern_application_get_store (app);
  g_assert_true (lectern_test_wait_for (lectern_test_window_is_ready, window, 5000));
  g_assert_cmpuint (lectern_annotation_store_count_for_document (store, doc_id), ==, 1);
  highlight = lectern_annotation_store_find_range (store, doc_id, start, end);
  g_assert_nonnull (highlight);
  g_assert_cmpint (lectern_highlight_get_color (highlight), ==, LECTERN_COLOR_BLUE);
  g_assert_cmpstr (lectern_highlight_get_note (highlight), ==, "Signed in Washington.\nRatified later.");
  exact = lectern_document_dup_slice (lectern_window_get_document (window), start, end);
  g_assert_cmpstr (exact, ==, lectern_highlight_get_exact (highlight));
  g_assert_true (has_tag_at (view, "highlight-blue", start));

  lectern_test_stop_app (app);
}

static void
test_find (void)
{
  LecternApplication *app = lectern_test_start_app ();
  LecternWindow *window = lectern_test_get_window (app);
  LecternDocumentView *view = lectern_window_get_document_view (window);
  LecternDocument *document;
  const char *text;
  guint expected = 0;
  guint start;
  guint end;
  guint n;

  g_assert_true (lectern_test_wait_for (lectern_test_window_is_ready, window, 5000));
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

  g_free (lectern_test_screenshot (GTK_WIDGET (window), "read-find"));

  g_assert_cmpuint (lectern_document_view_find (view, "no such words here"), ==, 0);
  g_assert_cmpint (lectern_document_view_get_current_match (view, &start, &end), ==, -1);

  lectern_test_stop_app (app);
}

static void
test_zoom_keys (void)
{
  LecternApplication *app = lectern_test_start_app ();
  LecternWindow *window = lectern_test_get_window (app);
  LecternDocumentView *view = lectern_window_get_document_view (window);
  GSettings *settings = lectern_application_get_settings (app);

  g_assert_true (lectern_test_wait_for (lectern_test_window_is_ready, window, 5000));
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

  lectern_test_stop_app (app);
}

static gboolean
is_at_top (gpointer user_data)
{
  return lectern_document_view_get_top_offset (user_data) == 0;
}

static void
test_screenshots_with_highlights (void)
{
  LecternApplication *app = lectern_test_start_app ();
  LecternWindow *window = lectern_test_get_window (app);
  LecternDocumentView *view = lectern_window_get_document_view (window);
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;
  guint start;
  guint end;

  g_assert_true (lectern_test_wait_for (lectern_test_window_is_ready, window, 5000));
  /* From the top, whatever reading position an earlier test left. */
  lectern_document_view_scroll_to_offset (view, 0, FALSE);
  lectern_test_wait_until (is_at_top, view);
  lectern_test_highlight_some (view, lectern_window_get_document (window));

  /* A fresh selection shows the colour popover. */
  lectern_test_find_phrase (lectern_window_get_document (window), "Eisenhower administration", &start, &end);
  lectern_document_view_select_range (view, start, end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.show-highlight-menu", NULL));
  lectern_test_wait_for_mapped (GTK_WIDGET (lectern_document_view_get_selection_popover (view)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (lectern_document_view_get_selection_popover (view))));
  g_free (lectern_test_screenshot (GTK_WIDGET (lectern_document_view_get_selection_popover (view)),
                                   "read-selection-popover"));

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  light = lectern_test_screenshot (GTK_WIDGET (window), "read-light");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  dark = lectern_test_screenshot (GTK_WIDGET (window), "read-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  g_assert_cmpfloat (lectern_test_mean_luminance (light), >, lectern_test_mean_luminance (dark) + 0.3);

  /* Two of the highlights carry notes: a marker each in the margin. */
  g_assert_cmpuint (lectern_document_view_get_n_note_markers (view), ==, 2);

  /* Reaching a highlight with a note from the keyboard shows the note. */
  gtk_popover_popdown (lectern_document_view_get_selection_popover (view));
  lectern_test_find_phrase (lectern_window_get_document (window), "anti-communist prisoners of war", &start, &end);
  lectern_document_view_select_range (view, start - 1, start - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.next-highlight", NULL));
  g_assert_true (lectern_document_view_get_selection (view, &start, &end));
  g_assert_cmpuint (end - start, ==, strlen ("anti-communist prisoners of war"));
  lectern_test_wait_for_mapped (GTK_WIDGET (lectern_document_view_get_note_peek (view)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (lectern_document_view_get_note_peek (view))));
  g_free (lectern_test_screenshot (GTK_WIDGET (lectern_document_view_get_note_peek (view)), "read-note-peek"));

  lectern_test_stop_app (app);
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

/* The banner about orphaned or doubtful highlights is shown. */
static gboolean
banner_is_revealed (gpointer user_data)
{
  GtkWidget *banner = find_revealer_with_label (user_data, "could not be placed");

  if (banner == NULL)
    banner = find_revealer_with_label (user_data, "your review");

  return banner != NULL && gtk_revealer_get_reveal_child (GTK_REVEALER (banner));
}

static gboolean
revealer_is_closed (gpointer user_data)
{
  return !gtk_revealer_get_reveal_child (user_data);
}

static void
test_orphans_banner_and_reattach (void)
{
  g_autofree char *path = g_build_filename (lectern_test_get_dir (), "orphan.md", NULL);
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

  app = lectern_test_start_app ();
  window = lectern_test_get_window (app);
  g_assert_true (lectern_test_wait_for (lectern_test_window_is_ready, window, 5000));
  lectern_window_open_file (window, file, TRUE);
  g_assert_true (lectern_test_wait_for (showing_document_titled, window, 5000));
  view = lectern_window_get_document_view (window);
  store = lectern_application_get_store (app);
  doc_id = g_strdup (lectern_document_get_id (lectern_window_get_document (window)));

  lectern_test_find_phrase (lectern_window_get_document (window),
               "The second paragraph will be rewritten entirely before the next start.", &start, &end);
  g_assert_nonnull (lectern_document_view_highlight_range (view, start, end, LECTERN_COLOR_RED, &error));
  g_assert_no_error (error);
  lectern_test_stop_app (app);

  /* The passage disappears from the file. */
  g_file_set_contents (path,
                       "# Orphan Test\n\nThe first paragraph stays as it is.\n\n"
                       "Something altogether different now sits in this place.\n", -1, &error);
  g_assert_no_error (error);

  app = lectern_test_start_app ();
  window = lectern_test_get_window (app);
  g_assert_true (lectern_test_wait_for (showing_document_titled, window, 5000));
  view = lectern_window_get_document_view (window);
  store = lectern_application_get_store (app);
  g_assert_cmpuint (lectern_annotation_store_count_for_document (store, doc_id), ==, 1);
  {
    g_autoptr(GPtrArray) list = lectern_annotation_store_list_for_document (store, doc_id);
    highlight = g_ptr_array_index (list, 0);
  }
  g_assert_cmpint (lectern_highlight_get_state (highlight), ==, LECTERN_HIGHLIGHT_ORPHANED);

  lectern_test_wait_until (banner_is_revealed, window);
  banner = find_revealer_with_label (GTK_WIDGET (window), "could not be placed");
  g_assert_nonnull (banner);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  g_free (lectern_test_screenshot (GTK_WIDGET (window), "read-orphan-banner"));

  /* Without a selection, re-attaching asks for one and changes nothing. */
  lectern_document_view_select_range (view, 0, 0);
  g_assert_false (lectern_window_reattach_highlight (window, highlight));
  g_assert_cmpint (lectern_highlight_get_state (highlight), ==, LECTERN_HIGHLIGHT_ORPHANED);

  lectern_test_find_phrase (lectern_window_get_document (window), "altogether different", &start, &end);
  lectern_document_view_select_range (view, start, end);
  g_assert_true (lectern_window_reattach_highlight (window, highlight));
  g_assert_cmpint (lectern_highlight_get_state (highlight), ==, LECTERN_HIGHLIGHT_ANCHORED);
  g_assert_cmpstr (lectern_highlight_get_exact (highlight), ==, "altogether different");
  lectern_test_wait_until (revealer_is_closed, banner);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  g_assert_true (has_tag_at (view, "highlight-red", start));

  /* The next test starts on the sample pack again. */
  lectern_library_remove (lectern_application_get_library (app), lectern_window_get_document (window));
  lectern_test_stop_app (app);
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
  g_autofree char *path = g_build_filename (lectern_test_get_dir (), "review.md", NULL);
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

  app = lectern_test_start_app ();
  window = lectern_test_get_window (app);
  g_assert_true (lectern_test_wait_for (lectern_test_window_is_ready, window, 5000));
  lectern_window_open_file (window, file, TRUE);
  g_assert_true (lectern_test_wait_for (showing_review_test, window, 5000));
  view = lectern_window_get_document_view (window);
  lectern_test_find_phrase (lectern_window_get_document (window), "signed in Washington on the first day of October", &start, &end);
  g_assert_nonnull (lectern_document_view_highlight_range (view, start, end, LECTERN_COLOR_BLUE, &error));
  g_assert_no_error (error);
  lectern_test_stop_app (app);

  /* A small rewrite inside the passage: placed, but not trusted. */
  g_file_set_contents (path,
                       "# Review Test\n\nThe treaty was signed in Washington on the first days of November.\n", -1, &error);
  g_assert_no_error (error);

  app = lectern_test_start_app ();
  window = lectern_test_get_window (app);
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
  lectern_test_wait_until (banner_is_revealed, window);
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
  lectern_test_wait_for_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (lectern_notes_view_get_model (notes)), ==, 1);
  g_free (lectern_test_screenshot (GTK_WIDGET (window), "notes-review"));

  g_assert_true (lectern_notes_view_accept_review (notes, highlight));
  g_assert_cmpint (lectern_highlight_get_state (highlight), ==, LECTERN_HIGHLIGHT_ANCHORED);
  g_assert_nonnull (strstr (lectern_highlight_get_exact (highlight), "first days of"));
  lectern_test_wait_until (revealer_is_closed, banner);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));

  lectern_library_remove (lectern_application_get_library (app), lectern_window_get_document (window));
  lectern_test_stop_app (app);
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_settings_reset (settings, "open-documents");
    g_settings_reset (settings, "current-document");
  }
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

/* Other formats ---------------------------------------------------------- */

static LecternDocumentFormat wanted_format;

static gboolean
showing_format (gpointer user_data)
{
  LecternWindow *window = user_data;
  LecternDocument *document = lectern_window_get_document (window);
  int wanted = wanted_format;

  return document != NULL && (int) lectern_document_get_format (document) == wanted &&
         !lectern_document_is_sample (document) &&
         g_strcmp0 (lectern_window_get_read_state (window), "document") == 0;
}

static void
wait_for_format (LecternWindow         *window,
                 LecternDocumentFormat  format)
{
  wanted_format = format;
  g_assert_true (lectern_test_wait_for (showing_format, window, 10000));
}

/* The Markdown paper saved as .txt opens as Markdown; "Read As: Plain
 * Text" reloads it and its highlight follows into the new text; the
 * choice is kept over a restart. */
static void
test_read_as (void)
{
  const char *shared = g_getenv ("LECTERN_SHARED_DIR");
  g_autofree char *dir = shared != NULL ? g_build_filename (shared, "corpus", NULL) : NULL;
  g_autofree char *source = dir != NULL ? g_build_filename (dir, "003_83a21e1bfc5171ed.txt", NULL) : NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = g_build_filename (lectern_test_get_dir (), "paper.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LecternHighlight) highlight = NULL;
  LecternApplication *app;
  LecternWindow *window;
  guint start, end;

  if (source == NULL || !g_file_get_contents (source, &contents, NULL, NULL))
    {
      g_test_skip ("the corpus paper is not in $LECTERN_SHARED_DIR/corpus");
      return;
    }
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  app = lectern_test_start_app ();
  window = lectern_test_get_window (app);
  g_assert_true (lectern_test_wait_for (lectern_test_window_is_ready, window, 5000));
  lectern_window_open_file (window, file, TRUE);
  wait_for_format (window, LECTERN_DOCUMENT_FORMAT_MARKDOWN);
  g_assert_null (strstr (lectern_document_get_text (lectern_window_get_document (window)), "**"));
  lectern_test_find_phrase (lectern_window_get_document (window), "70th anniversary", &start, &end);
  highlight = g_object_ref (lectern_document_view_highlight_range (lectern_window_get_document_view (window),
                                                                    start, end, LECTERN_COLOR_YELLOW, &error));
  g_assert_no_error (error);
  lectern_test_settle ();
  g_free (lectern_test_screenshot (GTK_WIDGET (window), "read-markdown-in-txt"));

  gtk_widget_activate_action (GTK_WIDGET (window), "doc.read-as", "s", "plain");
  wait_for_format (window, LECTERN_DOCUMENT_FORMAT_PLAIN);
  g_assert_nonnull (strstr (lectern_document_get_text (lectern_window_get_document (window)), "**"));
  lectern_test_find_phrase (lectern_window_get_document (window), "70<sup>th</sup> anniversary", &start, &end);
  g_assert_cmpint (lectern_highlight_get_state (highlight), !=, LECTERN_HIGHLIGHT_ORPHANED);
  g_assert_cmpuint (lectern_highlight_get_start (highlight), >=, start);
  g_assert_cmpuint (lectern_highlight_get_end (highlight), <=, end);
  lectern_test_settle ();
  g_free (lectern_test_screenshot (GTK_WIDGET (window), "read-as-plain"));
  lectern_test_stop_app (app);

  app = lectern_test_start_app ();
  window = lectern_test_get_window (app);
  wait_for_format (window, LECTERN_DOCUMENT_FORMAT_PLAIN);
  lectern_library_remove (lectern_application_get_library (app), lectern_window_get_document (window));
  lectern_test_stop_app (app);
}

/* A chapter of the Debian Administrator's Handbook, a saved web page:
 * readable prose, and a highlight that survives a restart. */
static void
test_web_page (void)
{
  const char *page = "/usr/share/doc/debian-handbook/html/en-US/sect.apt-get.html";
  g_autoptr(GFile) file = g_file_new_for_path (page);
  g_autoptr(GError) error = NULL;
  g_autofree char *doc_id = NULL;
  LecternApplication *app;
  LecternWindow *window;
  guint start, end;

  if (!g_file_test (page, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("debian-handbook is not installed");
      return;
    }

  app = lectern_test_start_app ();
  window = lectern_test_get_window (app);
  g_assert_true (lectern_test_wait_for (lectern_test_window_is_ready, window, 5000));
  lectern_window_open_file (window, file, TRUE);
  wait_for_format (window, LECTERN_DOCUMENT_FORMAT_HTML);
  doc_id = g_strdup (lectern_document_get_id (lectern_window_get_document (window)));
  lectern_test_find_phrase (lectern_window_get_document (window), "APT is a vast project", &start, &end);
  g_assert_nonnull (lectern_document_view_highlight_range (lectern_window_get_document_view (window),
                                                           start, end, LECTERN_COLOR_GREEN, &error));
  g_assert_no_error (error);
  lectern_test_settle ();
  g_free (lectern_test_screenshot (GTK_WIDGET (window), "read-handbook-html"));
  lectern_test_stop_app (app);

  app = lectern_test_start_app ();
  window = lectern_test_get_window (app);
  wait_for_format (window, LECTERN_DOCUMENT_FORMAT_HTML);
  g_assert_cmpuint (lectern_annotation_store_count_for_document (lectern_application_get_store (app), doc_id), ==, 1);
  lectern_library_remove (lectern_application_get_library (app), lectern_window_get_document (window));
  lectern_test_stop_app (app);
}

/* The Contents popover is wide enough for a heading on one or two lines;
 * a footnote marker does not push its line away from the others. */
static void
test_contents_and_superscript (void)
{
  LecternApplication *app = lectern_test_start_app ();
  LecternWindow *window = lectern_test_get_window (app);
  LecternDocumentView *view = lectern_window_get_document_view (window);
  g_autoptr(GArray) heights = NULL;
  GtkWidget *label;
  guint start;
  guint end;

  g_assert_true (lectern_test_wait_for (lectern_test_window_is_ready, window, 5000));
  lectern_document_view_scroll_to_offset (view, 0, FALSE);
  lectern_test_settle ();

  lectern_test_find_phrase (lectern_window_get_document (window), "together.1)", &start, &end);
  for (guint z = 0; z < 4; z++)
    {
      int min_height = G_MAXINT;
      int max_height = 0;

      /* At the usual size and a smaller one, where the marker has less room */
      static const double scales[] = { 1.0, 0.8, 0.6, 1.5 };

      lectern_document_view_set_text_scale (view, scales[z]);
      lectern_test_settle ();
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
  lectern_test_settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->outline_popover)));
  g_free (lectern_test_screenshot (GTK_WIDGET (window->outline_popover), "read-contents"));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window->outline_list)), >=, 300);
  label = find_descendant (GTK_WIDGET (window->outline_list), GTK_TYPE_LABEL);
  g_assert_nonnull (label);
  /* A heading of 40 characters fits on one line. */
  g_assert_cmpint (gtk_widget_get_width (label), >=, 260);
  gtk_popover_popdown (window->outline_popover);

  lectern_test_stop_app (app);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  lectern_test_init_with_annotations (&argc, &argv, "read");

  g_test_add_vtable ("/read/highlight-edit-delete-restart", 0, NULL,
                     (GTestFixtureFunc)lectern_test_clean_annotations,
                     (GTestFixtureFunc)test_highlight_edit_delete_restart, NULL);
  g_test_add_vtable ("/read/find", 0, NULL, (GTestFixtureFunc)lectern_test_clean_annotations,
                     (GTestFixtureFunc)test_find, NULL);
  g_test_add_vtable ("/read/zoom-keys", 0, NULL, (GTestFixtureFunc)lectern_test_clean_annotations,
                     (GTestFixtureFunc)test_zoom_keys, NULL);
  g_test_add_vtable ("/read/orphans", 0, NULL, (GTestFixtureFunc)lectern_test_clean_annotations,
                     (GTestFixtureFunc)test_orphans_banner_and_reattach, NULL);
  g_test_add_vtable ("/read/review", 0, NULL, (GTestFixtureFunc)lectern_test_clean_annotations,
                     (GTestFixtureFunc)test_review_after_edit, NULL);
  g_test_add_vtable ("/read/contents-and-superscript", 0, NULL, (GTestFixtureFunc)lectern_test_clean_annotations,
                     (GTestFixtureFunc)test_contents_and_superscript, NULL);
  g_test_add_vtable ("/read/screenshots", 0, NULL, (GTestFixtureFunc)lectern_test_clean_annotations,
                     (GTestFixtureFunc)test_screenshots_with_highlights, NULL);
  g_test_add_vtable ("/read/read-as", 0, NULL, (GTestFixtureFunc)lectern_test_clean_annotations,
                     (GTestFixtureFunc)test_read_as, NULL);
  g_test_add_vtable ("/read/web-page", 0, NULL, (GTestFixtureFunc)lectern_test_clean_annotations,
                     (GTestFixtureFunc)test_web_page, NULL);

  ret = g_test_run ();

  lectern_test_finish ();

  return ret;
}
