/* test-notes-view.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lectern-application-private.h"
#include "lectern-document-view-private.h"
#include "lectern-note-row.h"
#include "lectern-notes-view-private.h"
#include "lectern-test-ui.h"
#include "lectern-test-utils.h"
#include "lectern-undo-toast.h"
#include "lectern-window-private.h"

static char *tmp_dir;
static LecternApplication *app;
static AdwToast *last_toast;

static LecternWindow *
get_window (void)
{
  return LECTERN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
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
find_by_type_all (GtkWidget *widget,
                  GType      type,
                  GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      find_by_type_all (child, type, found);
    }

  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

/* The first shown button of @widget with @icon_name or @label. */
static GtkButton *
find_shown_button (GtkWidget  *widget,
                   const char *icon_name,
                   const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  find_by_type_all (widget, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkButton *button = g_ptr_array_index (buttons, i);

      if (!gtk_widget_get_mapped (GTK_WIDGET (button)))
        continue;
      if ((icon_name != NULL && g_strcmp0 (gtk_button_get_icon_name (button), icon_name) == 0) ||
          (label != NULL && g_strcmp0 (gtk_button_get_label (button), label) == 0))
        return button;
    }

  return NULL;
}

static LecternNotesView *
get_notes_view (void)
{
  GtkWidget *view = GTK_WIDGET (lectern_window_get_notes_view (get_window ()));

  g_assert_nonnull (view);
  return LECTERN_NOTES_VIEW (view);
}

static gboolean
window_is_ready (gpointer user_data)
{
  LecternWindow *window = user_data;

  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         g_strcmp0 (lectern_window_get_read_state (window), "document") == 0;
}

static void
add_toast_cb (gpointer  view,
              AdwToast *toast,
              gpointer  user_data)
{
  g_set_object (&last_toast, toast);
}

static guint
n_shown (LecternNotesView *view)
{
  /* Filters update from an idle after store changes. */
  lectern_test_wait_for_idle ();
  return g_list_model_get_n_items (lectern_notes_view_get_model (view));
}

/* Highlights every sentence's first few words in both sample documents,
 * cycling through the colours; every third gets a note, every fourth a tag. */
static guint
make_highlights (guint per_document)
{
  LecternLibrary *library = lectern_application_get_library (app);
  LecternAnnotationStore *store = lectern_application_get_store (app);
  guint made = 0;

  for (guint d = 0; d < 2; d++)
    {
      g_autoptr(LecternDocument) document = g_list_model_get_item (G_LIST_MODEL (library), d);
      const char *text = lectern_document_get_text (document);
      guint length = lectern_document_get_length (document);

      for (guint i = 0; i < per_document; i++)
        {
          g_autoptr(LecternHighlight) highlight = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *exact = NULL;
          guint start = (length / (per_document + 1)) * (i + 1);
          guint end;
          char *note;

          /* Whole words, as a reader selects them. */
          while (start < length && !g_unichar_isspace (g_utf8_get_char (g_utf8_offset_to_pointer (text, start))))
            start++;
          start++;
          end = MIN (length, start + 40);
          while (end < length && g_unichar_isalnum (g_utf8_get_char (g_utf8_offset_to_pointer (text, end))))
            end++;
          exact = lectern_document_dup_slice (document, start, end);
          highlight = lectern_highlight_new (lectern_document_get_id (document), made % LECTERN_N_COLORS,
                                             start, end, exact, "", "");
          if (made % 3 == 0)
            {
              note = g_strdup_printf ("Note number %u about this passage", made);
              lectern_highlight_set_note (highlight, note);
              g_free (note);
            }
          if (made % 4 == 0)
            lectern_highlight_set_tags (highlight, (const char * const[]) { "exam", NULL });
          g_assert_true (lectern_annotation_store_add (store, highlight, &error));
          g_assert_no_error (error);
          made++;
        }
    }

  return made;
}

static void
clear_store (void)
{
  LecternAnnotationStore *store = lectern_application_get_store (app);

  for (guint n; (n = g_list_model_get_n_items (G_LIST_MODEL (store))) > 0;)
    {
      g_autoptr(LecternHighlight) highlight = g_list_model_get_item (G_LIST_MODEL (store), n - 1);
      g_assert_true (lectern_annotation_store_remove (store, highlight, NULL));
    }
}

static void
test_empty_state (void)
{
  LecternNotesView *view = get_notes_view ();

  clear_store ();
  lectern_test_wait_for_idle ();
  g_assert_cmpstr (lectern_notes_view_get_state (view), ==, "empty");
}

/* Colour chips choose what to show: one chip, only that colour; two,
 * both; none, or "All", every colour. */
static void
check_color_chips (LecternNotesView *view,
                   guint             yellow,
                   guint             total)
{
  g_assert_true (gtk_toggle_button_get_active (view->chip_all));
  lectern_notes_view_set_color_chosen (view, LECTERN_COLOR_YELLOW, TRUE);
  g_assert_cmpuint (n_shown (view), ==, yellow);
  g_assert_false (gtk_toggle_button_get_active (view->chip_all));
  lectern_notes_view_set_color_chosen (view, LECTERN_COLOR_GREEN, TRUE);
  g_assert_cmpuint (n_shown (view), >, yellow);
  g_assert_cmpuint (n_shown (view), <, total);
  lectern_notes_view_set_color_chosen (view, LECTERN_COLOR_GREEN, FALSE);
  g_assert_cmpuint (n_shown (view), ==, yellow);
  gtk_toggle_button_set_active (view->chip_all, TRUE);
  g_assert_cmpuint (n_shown (view), ==, total);
  for (guint c = 0; c < LECTERN_N_COLORS; c++)
    g_assert_false (gtk_toggle_button_get_active (view->chips[c]));
  /* "All" does not go off by itself: nothing would be shown. */
  gtk_toggle_button_set_active (view->chip_all, FALSE);
  g_assert_true (gtk_toggle_button_get_active (view->chip_all));
  lectern_notes_view_set_color_chosen (view, LECTERN_COLOR_YELLOW, TRUE);
  lectern_notes_view_set_color_chosen (view, LECTERN_COLOR_YELLOW, FALSE);
  g_assert_true (gtk_toggle_button_get_active (view->chip_all));
  g_assert_cmpuint (n_shown (view), ==, total);
}

static void
test_filters_and_screenshot (void)
{
  LecternNotesView *view = get_notes_view ();
  LecternWindow *window = get_window ();
  AdwViewStack *stack = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  guint total;
  guint yellow = 0;
  guint with_number_7 = 0;
  guint with_note;
  guint exam = 0;

  clear_store ();
  total = make_highlights (10);
  g_assert_cmpuint (n_shown (view), ==, total);
  g_assert_cmpstr (lectern_notes_view_get_state (view), ==, "list");

  /* Expected counts, computed the way make_highlights() made them. */
  for (guint i = 0; i < total; i++)
    {
      g_autofree char *note = g_strdup_printf ("Note number %u about", i);

      yellow += i % LECTERN_N_COLORS == LECTERN_COLOR_YELLOW;
      with_number_7 += i % 3 == 0 && strstr (note, "number 7 ") != NULL;
      exam += i % 4 == 0;
    }

  check_color_chips (view, yellow, total);

  /* Free text matches notes, case-insensitively; typing on narrows the
   * list, deleting widens it again. */
  lectern_notes_view_set_search_text (view, "NOTE");
  with_note = n_shown (view);
  g_assert_cmpuint (with_note, >=, with_number_7);
  lectern_notes_view_set_search_text (view, "NOTE NUMBER 7 ");
  g_assert_cmpuint (n_shown (view), ==, with_number_7);
  lectern_notes_view_set_search_text (view, "NOTE");
  g_assert_cmpuint (n_shown (view), ==, with_note);
  lectern_notes_view_set_search_text (view, "NOTE NUMBER 7 ");
  g_assert_cmpuint (n_shown (view), ==, with_number_7);
  lectern_notes_view_set_search_text (view, "words in no highlight at all");
  g_assert_cmpuint (n_shown (view), ==, 0);
  g_assert_cmpstr (lectern_notes_view_get_state (view), ==, "no-matches");
  lectern_notes_view_set_search_text (view, "");

  /* Tag and document */
  lectern_notes_view_set_tag_filter (view, "exam");
  g_assert_cmpuint (n_shown (view), ==, exam);
  lectern_notes_view_set_tag_filter (view, NULL);
  {
    g_autoptr(LecternDocument) second = g_list_model_get_item (G_LIST_MODEL (lectern_application_get_library (app)), 1);
    lectern_notes_view_set_document_filter (view, lectern_document_get_id (second));
    g_assert_cmpuint (n_shown (view), ==, total / 2);
    lectern_notes_view_set_document_filter (view, NULL);
  }
  g_assert_cmpuint (n_shown (view), ==, total);

  /* Sort by colour puts every yellow first. */
  lectern_notes_view_set_sort (view, LECTERN_NOTES_SORT_COLOR);
  for (guint i = 0; i < yellow; i++)
    {
      g_autoptr(LecternHighlight) h = g_list_model_get_item (lectern_notes_view_get_model (view), i);
      g_assert_cmpint (lectern_highlight_get_color (h), ==, LECTERN_COLOR_YELLOW);
    }
  lectern_notes_view_set_sort (view, LECTERN_NOTES_SORT_DOCUMENT);

  adw_view_stack_set_visible_child_name (stack, "notes");
  g_free (lectern_test_screenshot (GTK_WIDGET (window), "notes-light"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_free (lectern_test_screenshot (GTK_WIDGET (window), "notes-dark"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* The Read view shows the document of @user_data, a highlight, with a
 * selection. */
static gboolean
selects_highlight (gpointer user_data)
{
  LecternWindow *window = get_window ();
  LecternDocument *document = lectern_window_get_document (window);
  LecternDocumentView *view = lectern_window_get_document_view (window);
  guint start;
  guint end;

  return document != NULL &&
         g_strcmp0 (lectern_document_get_id (document), lectern_highlight_get_document_id (user_data)) == 0 &&
         !lectern_document_view_is_loading (view) &&
         lectern_document_view_get_selection (view, &start, &end);
}

static void
test_activate_jumps_to_read (void)
{
  LecternNotesView *view = get_notes_view ();
  LecternWindow *window = get_window ();
  g_autoptr(LecternHighlight) target = NULL;
  guint start;
  guint end;

  clear_store ();
  make_highlights (4);
  lectern_notes_view_set_sort (view, LECTERN_NOTES_SORT_DOCUMENT);
  g_assert_cmpuint (n_shown (view), ==, 8);

  /* The last row belongs to one of the two documents, near its end. */
  target = g_list_model_get_item (lectern_notes_view_get_model (view), 7);
  lectern_notes_view_activate_position (view, 7);
  lectern_test_wait_until (selects_highlight, target);

  g_assert_cmpstr (lectern_document_get_id (lectern_window_get_document (window)), ==,
                   lectern_highlight_get_document_id (target));
  g_assert_true (lectern_document_view_get_selection (lectern_window_get_document_view (window), &start, &end));
  g_assert_cmpuint (start, ==, lectern_highlight_get_start (target));
  g_assert_cmpuint (end, ==, lectern_highlight_get_end (target));
}

static gboolean
shows_edit_button (gpointer user_data)
{
  return find_shown_button (user_data, "document-edit-symbolic", NULL) != NULL;
}

static gboolean
has_note_editor (gpointer user_data)
{
  g_autoptr(GPtrArray) editors = g_ptr_array_new ();

  return find_by_type_all (user_data, GTK_TYPE_TEXT_VIEW, editors) != NULL;
}

static gboolean
hides_save_button (gpointer user_data)
{
  return find_shown_button (user_data, NULL, "_Save Note") == NULL;
}

/* A note is edited in the row itself: the editor appears on Edit Note
 * (and not before), Save Note stores the text. */
static void
test_edit_note_in_place (void)
{
  LecternNotesView *view = get_notes_view ();
  LecternWindow *window = get_window ();
  LecternAnnotationStore *store = lectern_application_get_store (app);
  AdwViewStack *stack = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  g_autoptr(GPtrArray) editors = g_ptr_array_new ();
  GtkButton *edit;
  GtkButton *save;
  guint edited = 0;

  clear_store ();
  make_highlights (3);
  adw_view_stack_set_visible_child_name (stack, "notes");
  lectern_test_wait_until (shows_edit_button, view);

  find_by_type_all (GTK_WIDGET (view), GTK_TYPE_TEXT_VIEW, editors);
  g_assert_cmpuint (editors->len, ==, 0);

  edit = find_shown_button (GTK_WIDGET (view), "document-edit-symbolic", NULL);
  g_assert_nonnull (edit);
  g_signal_emit_by_name (edit, "clicked");
  lectern_test_wait_until (has_note_editor, view);

  find_by_type_all (GTK_WIDGET (view), GTK_TYPE_TEXT_VIEW, editors);
  g_assert_cmpuint (editors->len, ==, 1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (g_ptr_array_index (editors, 0)),
                            "Edited in place, in the list.", -1);
  g_free (lectern_test_screenshot (GTK_WIDGET (window), "notes-edit"));

  save = find_shown_button (GTK_WIDGET (view), NULL, "_Save Note");
  g_assert_nonnull (save);
  g_signal_emit_by_name (save, "clicked");
  lectern_test_wait_until (hides_save_button, view);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(LecternHighlight) highlight = g_list_model_get_item (G_LIST_MODEL (store), i);

      edited += g_strcmp0 (lectern_highlight_get_note (highlight), "Edited in place, in the list.") == 0;
    }
  g_assert_cmpuint (edited, ==, 1);
  g_assert_null (find_shown_button (GTK_WIDGET (view), NULL, "_Save Note"));
}

static void
test_delete_and_undo (void)
{
  LecternNotesView *view = get_notes_view ();
  LecternAnnotationStore *store = lectern_application_get_store (app);
  g_autoptr(LecternHighlight) first = NULL;

  clear_store ();
  make_highlights (3);
  g_assert_cmpuint (n_shown (view), ==, 6);

  first = g_list_model_get_item (lectern_notes_view_get_model (view), 0);
  g_clear_object (&last_toast);
  lectern_notes_view_delete (view, first);
  g_assert_cmpuint (n_shown (view), ==, 5);
  g_assert_null (lectern_annotation_store_find (store, lectern_highlight_get_id (first)));
  g_assert_nonnull (last_toast);
  g_signal_emit_by_name (last_toast, "button-clicked");
  g_assert_cmpuint (n_shown (view), ==, 6);
  g_assert_nonnull (lectern_annotation_store_find (store, lectern_highlight_get_id (first)));
}

static void
test_export_import (void)
{
  LecternNotesView *view = get_notes_view ();
  LecternAnnotationStore *store = lectern_application_get_store (app);
  g_autofree char *md_path = g_build_filename (tmp_dir, "notes.md", NULL);
  g_autofree char *json_path = g_build_filename (tmp_dir, "notes.jsonld", NULL);
  g_autoptr(GFile) md = g_file_new_for_path (md_path);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  clear_store ();
  make_highlights (3);

  g_assert_true (lectern_notes_view_export_to_file (view, md, "all", FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (md_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Note number 3 about this passage"));
  g_clear_pointer (&contents, g_free);

  g_assert_true (lectern_notes_view_export_to_file (view, json, "all", TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (json_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "http://www.w3.org/ns/anno.jsonld"));

  /* Importing what is already there adds nothing; after clearing, all comes back. */
  g_assert_true (lectern_notes_view_import_file (view, json, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 6);
  clear_store ();
  g_assert_true (lectern_notes_view_import_file (view, json, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 6);
  g_assert_cmpuint (n_shown (view), ==, 6);
}

static gboolean
preferences_shown (gpointer user_data)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (ADW_IS_PREFERENCES_WINDOW (l->data) && gtk_widget_get_mapped (l->data))
      return TRUE;

  return FALSE;
}

static void
test_color_meanings (void)
{
  LecternColorMeanings *meanings = lectern_application_get_color_meanings (app);
  LecternNotesView *notes = get_notes_view ();
  LecternDocumentView *view = lectern_window_get_document_view (get_window ());
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *contents = NULL;
  GtkWindow *prefs = NULL;
  GList *toplevels;

  /* Defaults show on the buttons and chips. */
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (lectern_document_view_get_color_button (view, LECTERN_COLOR_YELLOW)),
                            "Key point"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (lectern_notes_view_get_chip (notes, LECTERN_COLOR_PURPLE)),
                            "Question"));

  /* Edit one in the preferences window, as a person would. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  lectern_test_wait_until (preferences_shown, NULL);
  toplevels = gtk_application_get_windows (GTK_APPLICATION (app));
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_PREFERENCES_WINDOW (l->data))
      prefs = l->data;
  g_assert_nonnull (prefs);
  find_by_type_all (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, rows);
  g_assert_cmpuint (rows->len, ==, LECTERN_N_COLORS);
  g_free (lectern_test_screenshot (GTK_WIDGET (prefs), "preferences"));

  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, LECTERN_COLOR_RED)), "Counter-argument");
  g_assert_cmpstr (lectern_color_meanings_get (meanings, LECTERN_COLOR_RED), ==, "Counter-argument");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (lectern_document_view_get_color_button (view, LECTERN_COLOR_RED)),
                            "Counter-argument"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (lectern_notes_view_get_chip (notes, LECTERN_COLOR_RED)),
                            "Counter-argument"));

  /* Saved with the reader's data shortly after typing stops. */
  lectern_test_wait_for_file_containing (lectern_color_meanings_get_path (meanings), "Counter-argument");
  g_assert_true (g_file_get_contents (lectern_color_meanings_get_path (meanings), &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Counter-argument"));

  gtk_window_destroy (prefs);
  lectern_color_meanings_reset (meanings);
}

/* What the Notes view's filters let through, kept by the test beside the
 * view's own state. */
typedef struct
{
  guint       colors;       /* shown: the chosen ones, or all when none is */
  const char *query;
  const char *tag;
  const char *document_id;
  guint       chosen;
} Filters;

static gboolean
filters_pass (const Filters    *filters,
              LecternHighlight *highlight)
{
  const char * const *tags = lectern_highlight_get_tags (highlight);
  g_autoptr(GString) text = NULL;
  g_autofree char *folded = NULL;

  if ((filters->colors & (1u << lectern_highlight_get_color (highlight))) == 0 ||
      (filters->document_id != NULL &&
       g_strcmp0 (lectern_highlight_get_document_id (highlight), filters->document_id) != 0) ||
      (filters->tag != NULL && !lectern_highlight_has_tag (highlight, filters->tag)))
    return FALSE;
  if (filters->query == NULL)
    return TRUE;

  /* A search looks in the quote, the note and the tags. */
  text = g_string_new (lectern_highlight_get_exact (highlight));
  g_string_append_printf (text, "\n%s", lectern_highlight_get_note (highlight) ? lectern_highlight_get_note (highlight) : "");
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_string_append_printf (text, "\n%s", tags[i]);
  folded = g_utf8_casefold (text->str, -1);

  return strstr (folded, filters->query) != NULL;
}

typedef enum {
  CHANGE_COLORS,
  CHANGE_TEXT,
  CHANGE_TAG,
  CHANGE_DOCUMENT,
  CHANGE_SORT,
  CHANGE_RESET,
} Change;

static void
apply_change (LecternNotesView *view,
              Change            change,
              guint             step,
              Filters          *filters)
{
  g_autoptr(LecternDocument) second = g_list_model_get_item (G_LIST_MODEL (lectern_application_get_library (app)), 1);
  const char *queries[] = { "n", "no", "not", "note", "note number 1", "note number 12" };
  guint color = 1 + step % (LECTERN_N_COLORS - 1);

  switch (change)
    {
    case CHANGE_COLORS:
      lectern_notes_view_set_color_chosen (view, color, step % 2 == 0);
      filters->chosen = step % 2 == 0 ? filters->chosen | (1u << color) : filters->chosen & ~(1u << color);
      filters->colors = filters->chosen != 0 ? filters->chosen : (1u << LECTERN_N_COLORS) - 1;
      break;
    case CHANGE_TEXT:
      lectern_notes_view_set_search_text (view, queries[step % G_N_ELEMENTS (queries)]);
      filters->query = queries[step % G_N_ELEMENTS (queries)];
      break;
    case CHANGE_TAG:
      lectern_notes_view_set_tag_filter (view, step % 2 == 0 ? "exam" : NULL);
      filters->tag = step % 2 == 0 ? "exam" : NULL;
      break;
    case CHANGE_DOCUMENT:
      lectern_notes_view_set_document_filter (view, step % 2 == 0 ? lectern_document_get_id (second) : NULL);
      filters->document_id = step % 2 == 0 ? lectern_document_get_id (second) : NULL;
      break;
    case CHANGE_SORT:
      lectern_notes_view_set_sort (view, step % 2 == 0 ? LECTERN_NOTES_SORT_COLOR : LECTERN_NOTES_SORT_NEWEST);
      break;
    case CHANGE_RESET:
    default:
      lectern_test_reset_notes_filters (view);
      *filters = (Filters) { (1u << LECTERN_N_COLORS) - 1, NULL, NULL, NULL };
      break;
    }
}

/* The list shows exactly the highlights of the store that @filters let
 * through; sorted by colour, every colour's rows together. */
static void
assert_shown (LecternNotesView *view,
              const Filters    *filters,
              gboolean          by_color)
{
  GListModel *store = G_LIST_MODEL (lectern_application_get_store (app));
  GListModel *shown = lectern_notes_view_get_model (view);
  guint expected = 0;
  guint n = n_shown (view);

  for (guint i = 0; i < g_list_model_get_n_items (store); i++)
    {
      g_autoptr(LecternHighlight) highlight = g_list_model_get_item (store, i);

      expected += filters_pass (filters, highlight);
    }
  g_assert_cmpuint (n, ==, expected);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LecternHighlight) highlight = g_list_model_get_item (shown, i);
      g_autoptr(LecternHighlight) previous = i > 0 ? g_list_model_get_item (shown, i - 1) : NULL;

      g_assert_true (filters_pass (filters, highlight));
      if (by_color && previous != NULL)
        g_assert_cmpint (lectern_highlight_get_color (previous), <=, lectern_highlight_get_color (highlight));
    }
}

/* With 10,000 highlights, every kind of filter and sort change leaves the
 * list holding exactly what it should. How fast the painted list follows
 * is measured by lectern-bench-notes, not here. */
static void
test_filter_10k (void)
{
  LecternNotesView *view = get_notes_view ();
  AdwViewStack *stack = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (get_window ()), ADW_TYPE_VIEW_STACK));
  Filters filters;
  guint total;

  /* The list's model, not its rows: those are laid out only when shown. */
  adw_view_stack_set_visible_child_name (stack, "read");
  clear_store ();
  total = make_highlights (5000);
  g_assert_cmpuint (total, ==, 10000);
  apply_change (view, CHANGE_RESET, 0, &filters);
  assert_shown (view, &filters, FALSE);
  g_assert_cmpuint (n_shown (view), ==, total);

  for (Change change = CHANGE_COLORS; change < CHANGE_RESET; change++)
    {
      /* Each change and its undoing; for the text, a short query matching
       * most notes, then a long one matching few. */
      for (guint step = 0; step < 2; step++)
        {
          apply_change (view, change, change == CHANGE_TEXT ? 3 + 2 * step : step, &filters);
          assert_shown (view, &filters, change == CHANGE_SORT && step == 0);
        }
      apply_change (view, CHANGE_RESET, 0, &filters);
    }
  /* No clear_store () here: removing 10,000 highlights one by one takes
   * longer than all the above, and every test starts with one. */
}

static gboolean
label_text_is_iso_date (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));
      g_autoptr(GRegex) iso = g_regex_new (" · \\d{4}-\\d{2}-\\d{2}$", 0, 0, NULL);

      if (g_regex_match (iso, text, 0, NULL))
        return gtk_widget_get_tooltip_text (widget) != NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_text_is_iso_date (child))
      return TRUE;

  return FALSE;
}

/* One click on a row (not a double click) goes to its passage; rows date
 * highlights as the exports do, 2026-12-07, with the full date on hover. */
static void
test_single_click_and_dates (void)
{
  LecternNotesView *view = get_notes_view ();
  LecternWindow *window = get_window ();
  AdwViewStack *stack = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  g_autoptr(LecternHighlight) target = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *row;
  guint start;
  guint end;

  clear_store ();
  make_highlights (2);
  lectern_notes_view_set_sort (view, LECTERN_NOTES_SORT_DOCUMENT);
  adw_view_stack_set_visible_child_name (stack, "notes");
  lectern_test_settle ();
  g_assert_cmpuint (n_shown (view), ==, 4);

  row = find_by_type_all (GTK_WIDGET (view->list_view), LECTERN_TYPE_NOTE_ROW, rows);
  g_assert_nonnull (row);
  g_assert_true (label_text_is_iso_date (row));
  g_assert_true (gtk_widget_get_focusable (row));
  if (!lectern_test_can_press_keys ())
    return;

  target = g_object_ref (lectern_note_row_get_highlight (LECTERN_NOTE_ROW (row)));
  lectern_test_wait_for_monitor (GTK_WIDGET (window));
  lectern_test_click (row, 60, 12);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "read");
  g_assert_true (lectern_document_view_get_selection (lectern_window_get_document_view (window), &start, &end));
  g_assert_cmpuint (start, ==, lectern_highlight_get_start (target));
  g_assert_cmpuint (end, ==, lectern_highlight_get_end (target));
  clear_store ();
}

/* The file name's extension follows the format chosen beside it. */
static void
test_export_extension (void)
{
  g_autoptr(GFile) md = g_file_new_for_path ("/nonexistent/dir/Highlights.md");
  g_autoptr(GFile) json = lectern_notes_view_file_for_format (md, TRUE);
  g_autoptr(GFile) back = lectern_notes_view_file_for_format (json, FALSE);
  g_autoptr(GFile) same = lectern_notes_view_file_for_format (md, FALSE);
  g_autoptr(GFile) other = g_file_new_for_path ("/nonexistent/dir/notes.txt");
  g_autoptr(GFile) kept = lectern_notes_view_file_for_format (other, TRUE);
  g_autofree char *json_name = g_file_get_basename (json);
  g_autofree char *back_name = g_file_get_basename (back);

  g_assert_cmpstr (json_name, ==, "Highlights.jsonld");
  g_assert_cmpstr (back_name, ==, "Highlights.md");
  g_assert_true (g_file_equal (same, md));
  g_assert_true (g_file_equal (kept, other));
}

/* The rows' own buttons ask the view: the trash of a highlight row and of
 * a passage link row delete with an Undo that brings the item back. */
static void
test_row_buttons_delete_and_undo (void)
{
  LecternNotesView *view = get_notes_view ();
  LecternLibrary *library = lectern_application_get_library (app);
  LecternLinkStore *links = lectern_application_get_link_store (app);
  AdwViewStack *stack = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (get_window ()), ADW_TYPE_VIEW_STACK));
  g_autoptr(LecternDocument) left = g_list_model_get_item (G_LIST_MODEL (library), 0);
  g_autoptr(LecternDocument) right = g_list_model_get_item (G_LIST_MODEL (library), 1);
  g_autoptr(LecternPassageLink) link = NULL;
  g_autoptr(GError) error = NULL;
  guint n_links = g_list_model_get_n_items (G_LIST_MODEL (links));
  GtkButton *trash;

  clear_store ();
  make_highlights (2);
  adw_view_stack_set_visible_child_name (stack, "notes");
  lectern_test_wait_for_mapped (GTK_WIDGET (view));
  g_assert_cmpuint (n_shown (view), ==, 4);

  trash = find_shown_button (GTK_WIDGET (view), "user-trash-symbolic", NULL);
  g_assert_nonnull (trash);
  g_clear_object (&last_toast);
  g_signal_emit_by_name (trash, "clicked");
  g_assert_cmpuint (n_shown (view), ==, 3);
  g_assert_nonnull (last_toast);
  g_assert_cmpstr (adw_toast_get_title (last_toast), ==, "Highlight deleted");
  g_signal_emit_by_name (last_toast, "button-clicked");
  g_assert_cmpuint (n_shown (view), ==, 4);

  link = lectern_passage_link_new (left, 10, 30, right, 10, 30, LECTERN_RELATION_AGREES, NULL);
  g_assert_true (lectern_link_store_add (links, link, &error));
  g_assert_no_error (error);
  gtk_stack_set_visible_child_name (view->mode_stack, "links");
  lectern_test_wait_for_mapped (GTK_WIDGET (view->links_view));

  trash = find_shown_button (GTK_WIDGET (view->links_view), "user-trash-symbolic", NULL);
  g_assert_nonnull (trash);
  g_clear_object (&last_toast);
  g_signal_emit_by_name (trash, "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (links)), ==, n_links);
  g_assert_nonnull (last_toast);
  g_assert_cmpstr (adw_toast_get_title (last_toast), ==, "Link deleted");
  g_signal_emit_by_name (last_toast, "button-clicked");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (links)), ==, n_links + 1);

  g_assert_true (lectern_link_store_remove (links, link, NULL));
  gtk_stack_set_visible_child_name (view->mode_stack, "highlights");
  clear_store ();
}

static void
count_cb (gpointer user_data)
{
  (*(guint *)user_data)++;
}

/* Undo runs on the button, commit when the toast goes without it, and the
 * data is freed with the toast. */
static void
test_undo_toast (void)
{
  guint undone = 0;
  guint committed = 0;
  guint freed = 0;
  AdwToast *toast;

  toast = lectern_undo_toast_new ("Done", count_cb, count_cb, &committed, count_cb);
  g_signal_emit_by_name (toast, "dismissed");
  g_assert_cmpuint (committed, ==, 1);
  g_assert_finalize_object (toast);
  g_assert_cmpuint (committed, ==, 2);

  toast = lectern_undo_toast_new ("Done", count_cb, NULL, &undone, NULL);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
  g_signal_emit_by_name (toast, "button-clicked");
  g_signal_emit_by_name (toast, "dismissed");
  g_assert_cmpuint (undone, ==, 1);
  g_assert_finalize_object (toast);

  toast = lectern_undo_toast_new ("Done", count_cb, NULL, &freed, count_cb);
  g_assert_finalize_object (toast);
  g_assert_cmpuint (freed, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  gtk_test_init (&argc, &argv, NULL);

  tmp_dir = lectern_test_make_data_dir (NULL);

  app = lectern_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  g_assert_true (lectern_test_wait_for (window_is_ready, get_window (), 5000));
  g_signal_connect (get_notes_view (), "add-toast", G_CALLBACK (add_toast_cb), NULL);

  g_test_add_func ("/notes/empty-state", test_empty_state);
  g_test_add_func ("/notes/filters", test_filters_and_screenshot);
  g_test_add_func ("/notes/activate", test_activate_jumps_to_read);
  g_test_add_func ("/notes/single-click-and-dates", test_single_click_and_dates);
  g_test_add_func ("/notes/export-extension", test_export_extension);
  g_test_add_func ("/notes/edit-in-place", test_edit_note_in_place);
  g_test_add_func ("/notes/delete-undo", test_delete_and_undo);
  g_test_add_func ("/notes/row-buttons", test_row_buttons_delete_and_undo);
  g_test_add_func ("/notes/undo-toast", test_undo_toast);
  g_test_add_func ("/notes/export-import", test_export_import);
  g_test_add_func ("/notes/color-meanings", test_color_meanings);
  g_test_add_func ("/notes/filter-10k", test_filter_10k);

  ret = g_test_run ();

  g_clear_object (&last_toast);
  g_clear_object (&app);
  lectern_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
