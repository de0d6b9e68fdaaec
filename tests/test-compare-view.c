/* test-compare-view.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lectern-application-private.h"
#include "lectern-compare-view-private.h"
#include "lectern-notes-view-private.h"
#include "lectern-test-ui.h"
#include "lectern-test-utils.h"
#include "lectern-window-private.h"

static char *tmp_dir;
static LecternApplication *app;

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

static LecternCompareView *
get_compare_view (void)
{
  return lectern_window_get_compare_view (get_window ());
}

static gboolean
window_is_ready (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (user_data)) &&
         g_strcmp0 (lectern_window_get_read_state (user_data), "document") == 0;
}

static gboolean
comparison_is_done (gpointer user_data)
{
  const char *state = lectern_compare_view_get_state (user_data);

  return g_strcmp0 (state, "comparing") != 0 && g_strcmp0 (state, "idle") != 0;
}

static void
show_compare (void)
{
  AdwViewStack *stack = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (get_window ()), ADW_TYPE_VIEW_STACK));

  adw_view_stack_set_visible_child_name (stack, "compare");
}

static LecternDocument *
library_item (guint i)
{
  g_autoptr(LecternDocument) document =
    g_list_model_get_item (G_LIST_MODEL (lectern_application_get_library (app)), i);

  return document;
}

static guint jump_target;
static LecternDocumentView *jump_pane;

/* The target passage starts within the visible part of the pane. */
static gboolean
scrolled_to_target (gpointer user_data)
{
  GtkTextView *text_view = lectern_document_view_get_text_view (jump_pane);
  GdkRectangle visible;
  GtkTextIter top;
  GtkTextIter bottom;

  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_iter_at_location (text_view, &top, visible.x, visible.y);
  gtk_text_view_get_iter_at_location (text_view, &bottom, visible.x, visible.y + visible.height - 1);

  return (guint)gtk_text_iter_get_offset (&top) <= jump_target + 1 &&
         jump_target < (guint)gtk_text_iter_get_offset (&bottom);
}

/* The target line's brief flash after a jump has faded. */
static gboolean
flash_is_over (gpointer user_data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (lectern_document_view_get_text_view (jump_pane));
  GtkTextTag *flash = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "flash");
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, jump_target);
  return flash == NULL || !gtk_text_iter_has_tag (&iter, flash);
}

static gboolean
gutter_has_links (gpointer user_data)
{
  return lectern_compare_gutter_get_n_drawn (lectern_compare_view_get_gutter (user_data)) > 0;
}

static gboolean
gutter_has_user_link (gpointer user_data)
{
  return lectern_compare_gutter_get_n_user_drawn (lectern_compare_view_get_gutter (user_data)) > 0;
}

static void
test_samples_linked (void)
{
  LecternCompareView *view = get_compare_view ();
  LecternComparison *comparison;
  LecternDocumentView *right;
  const LecternPassageMatch *matches;
  const LecternPassage *target;
  LecternSide side;
  int selected;
  int with_matches = -1;
  guint top;

  show_compare ();
  g_assert_true (lectern_test_wait_for (comparison_is_done, view, 20000));
  g_assert_cmpstr (lectern_compare_view_get_state (view), ==, "ready");

  /* Defaults to the two samples. */
  comparison = lectern_compare_view_get_comparison (view);
  g_assert_true (lectern_comparison_get_document (comparison, LECTERN_SIDE_A) == library_item (0));
  g_assert_true (lectern_comparison_get_document (comparison, LECTERN_SIDE_B) == library_item (1));
  g_assert_cmpuint (lectern_comparison_count_links (comparison), >, 0);

  /* Links are drawn in the gutter. */
  lectern_test_wait_until (gutter_has_links, view);
  /* The panes settle first: a jump asked for while their idles are still
   * pending does not scroll (when this was a fixed 300 ms wait, it hid that). */
  lectern_test_wait_for_idle ();
  g_assert_cmpuint (lectern_compare_gutter_get_n_drawn (lectern_compare_view_get_gutter (view)), >, 0);

  /* Pick a passage in the lower half of A with matches; jump scrolls B there. */
  for (guint i = lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_A) / 2;
       i < lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_A); i++)
    if (lectern_comparison_get_matches (comparison, LECTERN_SIDE_A, i, &matches) > 0)
      {
        with_matches = (int)i;
        break;
      }
  g_assert_cmpint (with_matches, >=, 0);

  lectern_compare_view_select_passage (view, LECTERN_SIDE_A, with_matches);
  g_assert_true (lectern_compare_view_get_selected (view, &side, &selected));
  g_assert_cmpint (selected, ==, with_matches);
  lectern_comparison_get_matches (comparison, LECTERN_SIDE_A, (guint)with_matches, &matches);
  target = lectern_comparison_get_passage (comparison, LECTERN_SIDE_B, matches[0].passage);

  right = lectern_compare_view_get_pane (view, LECTERN_SIDE_B);
  lectern_document_view_scroll_to_offset (lectern_compare_view_get_pane (view, LECTERN_SIDE_A),
                                          lectern_comparison_get_passage (comparison, LECTERN_SIDE_A, with_matches)->start,
                                          FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "compare.jump", NULL));
  jump_target = target->start;
  jump_pane = right;
  g_assert_true (lectern_test_wait_for (scrolled_to_target, NULL, 15000));
  top = lectern_document_view_get_top_offset (right);
  g_assert_cmpuint (top, >, 0);

  lectern_test_wait_until (flash_is_over, NULL);
  g_free (lectern_test_screenshot (GTK_WIDGET (get_window ()), "compare-light"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_free (lectern_test_screenshot (GTK_WIDGET (get_window ()), "compare-dark"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Next related passage moves the selection forward. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "compare.next-related", NULL));
  g_assert_true (lectern_compare_view_get_selected (view, &side, &selected));
  g_assert_cmpint (selected, >, with_matches);
}

static void
test_terms (void)
{
  LecternCompareView *view = get_compare_view ();
  LecternComparison *comparison = lectern_compare_view_get_comparison (view);
  g_autoptr(GPtrArray) shared = lectern_comparison_get_terms (comparison, LECTERN_TERM_LIST_SHARED);
  LecternTerm *term;
  guint left = 0;
  guint right = 0;

  g_assert_nonnull (shared);
  g_assert_cmpuint (shared->len, >, 0);
  term = g_ptr_array_index (shared, 0);

  g_assert_cmpuint (lectern_compare_view_show_term (view, term->text, &left, &right), ==, left + right);
  g_assert_cmpuint (left, >, 0);
  g_assert_cmpuint (right, >, 0);
}

static void
test_self_comparison (void)
{
  LecternCompareView *view = get_compare_view ();
  LecternDocument *document = library_item (0);
  LecternComparison *comparison;

  lectern_compare_view_set_documents (view, document, document);
  g_assert_true (lectern_test_wait_for (comparison_is_done, view, 20000));
  g_assert_cmpstr (lectern_compare_view_get_state (view), ==, "ready");

  comparison = lectern_compare_view_get_comparison (view);
  for (guint i = 0; i < lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_A); i++)
    {
      const LecternPassageMatch *matches;

      g_assert_cmpuint (lectern_comparison_get_matches (comparison, LECTERN_SIDE_A, i, &matches), >, 0);
      g_assert_cmpuint (matches[0].passage, ==, i);
    }
}

static LecternDocument *
find_in_library (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  return lectern_library_find_by_uri (lectern_application_get_library (app), uri);
}

static gboolean
garden_opened (gpointer user_data)
{
  return find_in_library (user_data) != NULL;
}

static void
test_nothing_in_common (void)
{
  LecternCompareView *view = get_compare_view ();
  g_autofree char *path = g_build_filename (tmp_dir, "garden.md", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path,
                       "# Garden Diary\n\n"
                       "Tomatoes ripened early this summer because the greenhouse kept warm nights steady.\n\n"
                       "Basil seedlings wilted twice before mulch and shade cloth finally protected their leaves.\n",
                       -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  lectern_window_open_file (get_window (), file, FALSE);
  g_assert_true (lectern_test_wait_for (garden_opened, file, 5000));

  lectern_compare_view_set_documents (view, library_item (0), find_in_library (file));
  g_assert_true (lectern_test_wait_for (comparison_is_done, view, 20000));
  g_assert_cmpstr (lectern_compare_view_get_state (view), ==, "nothing-in-common");
}

static GtkWidget *
find_button_labelled (GtkWidget  *widget,
                      const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button_labelled (child, label)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_link_passages (void)
{
  LecternCompareView *view = get_compare_view ();
  LecternLinkStore *links = lectern_application_get_link_store (app);
  LecternNotesView *notes = lectern_window_get_notes_view (get_window ());
  LecternComparison *comparison;
  LecternPassageLink *link;
  const LecternPassageMatch *matches;
  const LecternPassage *left;
  const LecternPassage *right;
  GtkPopover *popover;
  GtkWidget *note;
  GtkWidget *contradicts;
  GtkWidget *create;
  int with_matches = -1;

  show_compare ();
  lectern_compare_view_set_documents (view, library_item (0), library_item (1));
  g_assert_true (lectern_test_wait_for (comparison_is_done, view, 20000));
  lectern_test_wait_for_monitor (GTK_WIDGET (get_window ()));
  /* The panes' text laid out in full first: GTK 4.8 warns when a text view
   * still validating lines moves its scrollbar while a popover opens. */
  lectern_test_wait_for_idle ();
  comparison = lectern_compare_view_get_comparison (view);

  for (guint i = 0; i < lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_A); i++)
    if (lectern_comparison_get_matches (comparison, LECTERN_SIDE_A, i, &matches) > 0)
      {
        with_matches = (int)i;
        break;
      }
  g_assert_cmpint (with_matches, >=, 0);
  left = lectern_comparison_get_passage (comparison, LECTERN_SIDE_A, (guint)with_matches);
  right = lectern_comparison_get_passage (comparison, LECTERN_SIDE_B, matches[0].passage);

  /* Nothing chosen yet: linking asks for passages and adds nothing. */
  lectern_compare_view_select_passage (view, LECTERN_SIDE_A, -1);
  g_assert_false (lectern_compare_view_open_link_popover (view));

  /* The clicked passage and its best match, through the popover's widgets. */
  lectern_compare_view_select_passage (view, LECTERN_SIDE_A, with_matches);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "compare.link", NULL));
  popover = lectern_compare_view_get_link_popover (view);
  lectern_test_wait_for_mapped (GTK_WIDGET (popover));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  note = find_descendant (GTK_WIDGET (popover), GTK_TYPE_TEXT_VIEW);
  contradicts = find_button_labelled (GTK_WIDGET (popover), lectern_relation_get_label (LECTERN_RELATION_CONTRADICTS));
  create = find_button_labelled (GTK_WIDGET (popover), "_Link Passages");
  g_assert_nonnull (note);
  g_assert_nonnull (contradicts);
  g_assert_nonnull (create);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (note)), "One looks back, one ahead.", -1);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (contradicts), TRUE);
  g_free (lectern_test_screenshot (GTK_WIDGET (popover), "compare-link-popover"));
  g_signal_emit_by_name (create, "clicked");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (links)), ==, 1);
  link = g_list_model_get_item (G_LIST_MODEL (links), 0);
  g_object_unref (link);
  g_assert_cmpint (lectern_passage_link_get_relation (link), ==, LECTERN_RELATION_CONTRADICTS);
  g_assert_cmpstr (lectern_passage_link_get_note (link), ==, "One looks back, one ahead.");
  g_assert_cmpuint (lectern_passage_link_get_start (link, LECTERN_LINK_SIDE_LEFT), ==, left->start);
  g_assert_cmpuint (lectern_passage_link_get_end (link, LECTERN_LINK_SIDE_RIGHT), ==, right->end);

  /* Drawn in the gutter as the reader's own. */
  lectern_document_view_scroll_to_offset (lectern_compare_view_get_pane (view, LECTERN_SIDE_A), left->start, FALSE);
  lectern_document_view_scroll_to_offset (lectern_compare_view_get_pane (view, LECTERN_SIDE_B), right->start, FALSE);
  lectern_test_wait_until (gutter_has_user_link, view);
  g_assert_cmpuint (lectern_compare_gutter_get_n_user_drawn (lectern_compare_view_get_gutter (view)), ==, 1);
  g_free (lectern_test_screenshot (GTK_WIDGET (get_window ()), "compare-user-link"));

  /* Listed in Notes, filtered by relation. */
  g_assert_cmpuint (g_list_model_get_n_items (lectern_notes_view_get_links_model (notes)), ==, 1);
  lectern_notes_view_set_relation_filter (notes, LECTERN_RELATION_AGREES);
  g_assert_cmpuint (g_list_model_get_n_items (lectern_notes_view_get_links_model (notes)), ==, 0);
  lectern_notes_view_set_relation_filter (notes, LECTERN_RELATION_CONTRADICTS);
  g_assert_cmpuint (g_list_model_get_n_items (lectern_notes_view_get_links_model (notes)), ==, 1);
  lectern_notes_view_set_relation_filter (notes, -1);

  /* Exports carry it: a Markdown table row with the relation and the note. */
  {
    g_autofree char *path = g_build_filename (tmp_dir, "all.md", NULL);
    g_autoptr(GFile) out = g_file_new_for_path (path);
    g_autofree char *contents = NULL;

    g_assert_true (lectern_notes_view_export_to_file (notes, out, "all", FALSE, NULL));
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "One looks back, one ahead."));
    g_assert_nonnull (strstr (contents, "| Left | Right | Relation | Note |"));
  }

  /* Saved with the same atomic rules, on flush. */
  g_assert_true (lectern_link_store_flush (links, NULL));
  g_assert_true (g_file_test (lectern_link_store_get_path (links), G_FILE_TEST_EXISTS));
}

static gboolean
both_opened (gpointer user_data)
{
  GFile **files = user_data;

  return find_in_library (files[0]) != NULL && find_in_library (files[1]) != NULL;
}

/* The two study articles of ../shared/corpus when they are there (the
 * screenshots show Compare on them), else two small texts written here. */
static void
pick_two_files (GFile **files)
{
  const char *shared = g_getenv ("LECTERN_SHARED_DIR");
  const char *names[] = { "000_7ec5620eece02973.txt", "003_83a21e1bfc5171ed.txt" };

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *corpus = shared != NULL ? g_build_filename (shared, "corpus", names[i], NULL) : NULL;
      g_autofree char *own = g_build_filename (tmp_dir, names[i], NULL);

      if (corpus != NULL && g_file_test (corpus, G_FILE_TEST_IS_REGULAR))
        files[i] = g_file_new_for_path (corpus);
      else
        {
          g_autoptr(GError) error = NULL;

          g_file_set_contents (own, i == 0 ? "Harbour ferries\n\nThe harbour ferry council met on Monday about "
                                             "the winter timetable of the island ferries.\n"
                                           : "Island notes\n\nOn Monday the council of the harbour "
                                             "ferries talked about the island timetable for winter.\n",
                               -1, &error);
          g_assert_no_error (error);
          files[i] = g_file_new_for_path (own);
        }
    }
}

/* Opening two files, then Compare, shows those two, the older on the
 * left; the "only" lists hold no word the other side uses; a passage
 * with a partner steps to it. */
static void
test_opens_recent (void)
{
  AdwViewStack *stack = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (get_window ()), ADW_TYPE_VIEW_STACK));
  LecternCompareView *view = get_compare_view ();
  GFile *files[2] = { NULL, NULL };
  LecternComparison *comparison;

  pick_two_files (files);
  lectern_window_open_file (get_window (), files[0], TRUE);
  lectern_window_open_file (get_window (), files[1], TRUE);
  g_assert_true (lectern_test_wait_for (both_opened, files, 10000));
  lectern_test_wait_for_idle ();

  /* Each switch gets its frames: a view stack must not be painted
   * between a child's switch and its allocation. */
  adw_view_stack_set_visible_child_name (stack, "read");
  lectern_test_wait_for_paint (GTK_WIDGET (get_window ()));
  show_compare ();
  lectern_test_wait_for_paint (GTK_WIDGET (get_window ()));
  g_assert_true (lectern_test_wait_for (comparison_is_done, view, 20000));
  comparison = lectern_compare_view_get_comparison (view);
  g_assert_true (lectern_comparison_get_document (comparison, LECTERN_SIDE_A) == find_in_library (files[0]));
  g_assert_true (lectern_comparison_get_document (comparison, LECTERN_SIDE_B) == find_in_library (files[1]));

  for (LecternTermList list = LECTERN_TERM_LIST_ONLY_A; list <= LECTERN_TERM_LIST_ONLY_B;
       list += LECTERN_TERM_LIST_ONLY_B - LECTERN_TERM_LIST_ONLY_A)
    {
      g_autoptr(GPtrArray) terms = lectern_comparison_get_terms (comparison, list);

      for (guint i = 0; i < terms->len; i++)
        {
          const LecternTerm *term = g_ptr_array_index (terms, i);

          g_assert_cmpuint (list == LECTERN_TERM_LIST_ONLY_A ? term->count_b : term->count_a, ==, 0);
        }
    }

  for (guint i = 0; i < lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_A); i++)
    if (lectern_comparison_get_matches (comparison, LECTERN_SIDE_A, i, NULL) > 0)
      {
        lectern_compare_view_select_passage (view, LECTERN_SIDE_A, (int)i);
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "compare.jump", NULL));
      }

  lectern_test_wait_for_idle ();
  g_free (lectern_test_screenshot (GTK_WIDGET (get_window ()), "compare-opened-light"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  lectern_test_wait_for_paint (GTK_WIDGET (get_window ()));
  g_free (lectern_test_screenshot (GTK_WIDGET (get_window ()), "compare-opened-dark"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Once the reader picks (here: swaps), opening more does not undo it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "compare.swap", NULL));
  adw_view_stack_set_visible_child_name (stack, "read");
  lectern_test_wait_for_paint (GTK_WIDGET (get_window ()));
  lectern_window_show_document (get_window (), library_item (0));
  lectern_test_wait_for_paint (GTK_WIDGET (get_window ()));
  show_compare ();
  lectern_test_wait_for_paint (GTK_WIDGET (get_window ()));
  g_assert_true (lectern_test_wait_for (comparison_is_done, view, 20000));
  comparison = lectern_compare_view_get_comparison (view);
  g_assert_true (lectern_comparison_get_document (comparison, LECTERN_SIDE_A) == find_in_library (files[1]));

  g_object_unref (files[0]);
  g_object_unref (files[1]);
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

  g_test_add_func ("/compare/samples-linked", test_samples_linked);
  g_test_add_func ("/compare/terms", test_terms);
  g_test_add_func ("/compare/opens-recent", test_opens_recent);
  g_test_add_func ("/compare/self", test_self_comparison);
  g_test_add_func ("/compare/nothing-in-common", test_nothing_in_common);
  g_test_add_func ("/compare/link-passages", test_link_passages);

  ret = g_test_run ();

  g_clear_object (&app);
  lectern_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
