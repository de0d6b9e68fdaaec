/* test-window.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

#include <glib/gstdio.h>

#include "lectern-application-private.h"
#include "lectern-document-view-private.h"
#include "lectern-test-ui.h"
#include "lectern-document-view-private.h"
#include "lectern-test-utils.h"
#include "lectern-window-private.h"

static LecternApplication *app;
static char *tmp_dir;

static LecternWindow *
get_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_nonnull (window);
  return LECTERN_WINDOW (window);
}

static GtkWidget *
find_child (GtkWidget  *widget,
            GType       type,
            const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child (child, type, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_status_page (GtkWidget  *widget,
                  const char *title_part)
{
  if (ADW_IS_STATUS_PAGE (widget))
    {
      const char *title = adw_status_page_get_title (ADW_STATUS_PAGE (widget));

      if (title != NULL && strstr (title, title_part) != NULL)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_status_page (child, title_part);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

static gboolean
window_is_drawn (gpointer user_data)
{
  GtkWidget *widget = user_data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

static gboolean
read_state_is_not_loading (gpointer user_data)
{
  return g_strcmp0 (lectern_window_get_read_state (user_data), "loading") != 0;
}

/* A document is in the Read view, its whole text put in. */
static gboolean
document_is_shown (gpointer user_data)
{
  LecternWindow *window = user_data;

  return g_strcmp0 (lectern_window_get_read_state (window), "document") == 0 &&
         !lectern_document_view_is_loading (lectern_window_get_document_view (window));
}

static char *
buffer_text (LecternWindow *window)
{
  GtkTextView *view = lectern_document_view_get_text_view (lectern_window_get_document_view (window));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
write_temp_file (const char *name,
                 const char *contents,
                 gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_window_opens_sample_pack (void)
{
  LecternWindow *window = get_window ();
  LecternLibrary *library = lectern_application_get_library (app);
  g_autoptr(LecternDocument) first = g_list_model_get_item (G_LIST_MODEL (library), 0);
  GtkWidget *list;
  g_autofree char *text = NULL;
  g_autofree char *shot = NULL;

  g_assert_true (lectern_test_wait_for (window_is_drawn, window, 5000));
  lectern_test_wait_until (document_is_shown, window);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 2);
  g_assert_true (lectern_document_is_sample (first));
  g_assert_cmpstr (lectern_window_get_read_state (window), ==, "document");
  g_assert_true (lectern_window_get_document (window) == first);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, lectern_document_get_title (first));

  /* The view shows the document's text, not markup. */
  text = buffer_text (window);
  g_assert_cmpstr (text, ==, lectern_document_get_text (first));
  g_assert_null (strstr (text, "<sup>"));

  /* The sidebar lists both samples. */
  list = find_child (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, "lectern-library");
  g_assert_nonnull (list);
  g_assert_cmpuint (count_children (list), ==, 2);

  /* The shortcuts window (built when asked for) lists the accelerators.
   * It is not shown here: GTK 4.8's GtkShortcutsWindow warns about a label
   * size under libadwaita's style, which would fail this test. */
  {
    g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/lectern-shortcuts.ui");
    GObject *shortcuts = gtk_builder_get_object (builder, "help_overlay");

    g_assert_true (GTK_IS_SHORTCUTS_WINDOW (shortcuts));
    gtk_window_destroy (GTK_WINDOW (shortcuts));
  }

  shot = lectern_test_screenshot (GTK_WIDGET (window), "window-light");
  g_assert_cmpfloat (lectern_test_mean_luminance (shot), >, 0.6);
}

static void
test_window_dark_style (void)
{
  LecternWindow *window = get_window ();
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *shot = NULL;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  shot = lectern_test_screenshot (GTK_WIDGET (window), "window-dark");
  g_assert_cmpfloat (lectern_test_mean_luminance (shot), <, 0.4);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  lectern_test_wait_for_paint (GTK_WIDGET (window));
}

static void
test_window_open_file (void)
{
  LecternWindow *window = get_window ();
  LecternLibrary *library = lectern_application_get_library (app);
  GSettings *settings = lectern_application_get_settings (app);
  g_autofree char *path = write_temp_file ("notes.md", "# Field Notes\n\nA *short* paragraph.\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *current = NULL;
  g_autofree char *text = NULL;

  lectern_window_open_file (window, file, TRUE);
  g_assert_cmpstr (lectern_window_get_read_state (window), ==, "loading");
  g_assert_true (lectern_test_wait_for (read_state_is_not_loading, window, 5000));

  g_assert_cmpstr (lectern_window_get_read_state (window), ==, "document");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 3);
  g_assert_cmpstr (lectern_document_get_title (lectern_window_get_document (window)), ==, "Field Notes");
  text = buffer_text (window);
  g_assert_cmpstr (text, ==, "Field Notes\nA short paragraph.");

  /* The library remembers it (library.json), not the settings. */
  g_assert_nonnull (lectern_library_find_entry (library, uri));
  current = g_settings_get_string (settings, "current-document");
  g_assert_cmpstr (current, ==, uri);

  /* Opening it again does not add it twice. */
  lectern_window_open_file (window, file, TRUE);
  g_assert_true (lectern_test_wait_for (read_state_is_not_loading, window, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 3);
}

static void
test_window_open_bad_file (void)
{
  LecternWindow *window = get_window ();
  LecternLibrary *library = lectern_application_get_library (app);
  guint n_before = g_list_model_get_n_items (G_LIST_MODEL (library));
  g_autofree char *path = write_temp_file ("broken.txt", "caf\xe9 au lait\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *status;
  g_autofree char *shot = NULL;

  lectern_window_open_file (window, file, TRUE);
  g_assert_true (lectern_test_wait_for (read_state_is_not_loading, window, 5000));

  g_assert_cmpstr (lectern_window_get_read_state (window), ==, "error");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, n_before);

  /* The error page names the file and says what is wrong. */
  status = find_status_page (GTK_WIDGET (window), "broken.txt");
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_is_drawable (status));
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), "UTF-8"));

  shot = lectern_test_screenshot (GTK_WIDGET (window), "window-error");
  g_assert_nonnull (shot);
}

static gboolean
scrolled_past_middle (gpointer user_data)
{
  LecternWindow *window = user_data;

  return lectern_document_view_get_top_offset (lectern_window_get_document_view (window)) >
         lectern_document_get_length (lectern_window_get_document (window)) / 2;
}

static void
test_window_open_long_file (void)
{
  LecternWindow *window = get_window ();
  LecternDocumentView *view = lectern_window_get_document_view (window);
  g_autoptr(GString) text = g_string_new ("Long Document\n\n");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *shown = NULL;
  LecternDocument *document;
  GtkTextBuffer *buffer;
  guint count = 0;

  /* About 3 MB of numbered paragraphs, more than is put in at once. */
  while (text->len < 3 * 1024 * 1024)
    g_string_append_printf (text, "Paragraph %u tells of a treaty, an alliance and a long road ahead.\n\n", count++);
  path = write_temp_file ("long.txt", text->str, (gssize)text->len);
  file = g_file_new_for_path (path);

  lectern_window_open_file (window, file, TRUE);
  g_assert_true (lectern_test_wait_for (read_state_is_not_loading, window, 10000));
  g_assert_cmpstr (lectern_window_get_read_state (window), ==, "document");
  g_assert_true (lectern_test_wait_for (document_is_shown, window, 20000));

  document = lectern_window_get_document (window);
  buffer = gtk_text_view_get_buffer (lectern_document_view_get_text_view (view));
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, (int)lectern_document_get_length (document));
  shown = buffer_text (window);
  g_assert_cmpstr (shown, ==, lectern_document_get_text (document));

  /* A scroll asked for while the text was arriving lands afterwards. */
  lectern_document_view_scroll_to_offset (view, lectern_document_get_length (document) - 10, FALSE);
  lectern_test_wait_until (scrolled_past_middle, window);
  g_assert_cmpuint (lectern_document_view_get_top_offset (view), >, lectern_document_get_length (document) / 2);
}

static gboolean
shows_document (gpointer user_data)
{
  return lectern_window_get_document (get_window ()) == user_data && document_is_shown (get_window ());
}

static void
test_window_switch_from_sidebar (void)
{
  LecternWindow *window = get_window ();
  LecternLibrary *library = lectern_application_get_library (app);
  g_autoptr(LecternDocument) second = g_list_model_get_item (G_LIST_MODEL (library), 1);
  GtkWidget *list = find_child (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, "lectern-library");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1);

  g_signal_emit_by_name (list, "row-activated", row);
  lectern_test_wait_until (shows_document, second);

  g_assert_true (lectern_window_get_document (window) == second);
  g_assert_cmpstr (lectern_window_get_read_state (window), ==, "document");
  g_assert_true (gtk_list_box_get_selected_row (GTK_LIST_BOX (list)) == row);
}

static void
test_window_text_scale_setting (void)
{
  LecternWindow *window = get_window ();
  GSettings *settings = lectern_application_get_settings (app);
  LecternDocumentView *view = lectern_window_get_document_view (window);

  g_settings_set_double (settings, "text-scale", 1.5);
  g_assert_cmpfloat_with_epsilon (lectern_document_view_get_text_scale (view), 1.5, 0.001);

  lectern_document_view_set_text_scale (view, 1.0);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "text-scale"), 1.0, 0.001);
}


/* Accessible names: what a screen reader says for each control. GTK 4.8
 * names a control by its "label" property, a "labelled-by" relation, or,
 * for buttons, the text they show; a tooltip is only a description, and
 * an unnamed widget is read as its class name ("GtkImage"). */

static gboolean
shows_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_POPOVER (child) && shows_text (child))
      return TRUE;

  return FALSE;
}

static gboolean
has_name (GtkWidget *widget)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  switch ((int)role)
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_TAB:
      return shows_text (widget);

    /* A list view's row is named by the row widget it holds; a
     * drop-down's choices are GTK's own, read by what they show. */
    case GTK_ACCESSIBLE_ROLE_LIST_ITEM:
    case GTK_ACCESSIBLE_ROLE_ROW:
      if (gtk_widget_get_ancestor (widget, GTK_TYPE_DROP_DOWN) != NULL)
        return shows_text (widget);
      return child != NULL && gtk_widget_get_next_sibling (child) == NULL &&
             !GTK_IS_LIST_BOX_ROW (widget) &&
             gtk_test_accessible_has_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL);

    default:
      return FALSE;
    }
}

static gboolean
is_interactive (GtkWidget *widget)
{
  switch ((int)gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)))
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_LIST_ITEM:
    case GTK_ACCESSIBLE_ROLE_ROW:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
collect_unnamed (GtkWidget *widget,
                 GString   *unnamed,
                 guint     *n_interactive)
{
  /* A mnemonic's underscore is not part of the name ("_Terms Terms"). */
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      char *message = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                          gtk_button_get_label (GTK_BUTTON (widget)));

      if (message == NULL)
        g_string_append_printf (unnamed, "\n  %s named with its underscore: %s", G_OBJECT_TYPE_NAME (widget),
                                gtk_button_get_label (GTK_BUTTON (widget)));
      g_free (message);
    }

  if (is_interactive (widget))
    {
      (*n_interactive)++;
      if (!has_name (widget))
        {
          GtkWidget *parent = gtk_widget_get_parent (widget);

          GtkWidget *child = gtk_widget_get_first_child (widget);

          g_string_append_printf (unnamed, "\n  %s holding %s in %s (tooltip: %s)", G_OBJECT_TYPE_NAME (widget),
                                  child != NULL ? G_OBJECT_TYPE_NAME (child) : "-",
                                  parent != NULL ? G_OBJECT_TYPE_NAME (parent) : "-",
                                  gtk_widget_get_tooltip_text (widget) ?: (parent != NULL ? gtk_widget_get_tooltip_text (parent) : NULL) ?: "-");
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, unnamed, n_interactive);
}

static void
test_window_accessible_names (void)
{
  static const char * const views[] = { "read", "compare", "notes" };
  LecternWindow *window = get_window ();
  AdwViewStack *stack = ADW_VIEW_STACK (find_child (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL));
  LecternDocumentView *view = lectern_window_get_document_view (window);
  g_autoptr(GError) error = NULL;
  LecternHighlight *highlight;

  /* A highlight with a note, so the Notes view has a row to name */
  highlight = lectern_document_view_highlight_range (view, 10, 40, LECTERN_COLOR_RED, &error);
  g_assert_no_error (error);
  lectern_highlight_set_note (highlight, "A note to be read out");

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autoptr(GString) unnamed = g_string_new (NULL);
      guint n_interactive = 0;

      adw_view_stack_set_visible_child_name (stack, views[i]);
      lectern_test_settle ();
      collect_unnamed (GTK_WIDGET (window), unnamed, &n_interactive);
      g_test_message ("%s: %u interactive objects", views[i], n_interactive);
      if (unnamed->len > 0)
        g_error ("Without an accessible name in the %s view:%s", views[i], unnamed->str);
    }
  adw_view_stack_set_visible_child_name (stack, "read");
  g_assert_true (lectern_annotation_store_remove (lectern_application_get_store (app), highlight, &error));
  g_assert_no_error (error);
}

static gboolean
revealer_shown (gpointer user_data)
{
  return gtk_revealer_get_reveal_child (user_data);
}

static gboolean
revealer_hidden (gpointer user_data)
{
  return !gtk_revealer_get_reveal_child (user_data);
}

/* The message dialog of @window, if one is open. */
static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static gboolean
message_dialog_shown (gpointer user_data)
{
  return find_message_dialog () != NULL;
}

/* Issue 19, item 3: a failed save shows its whole cause in a banner
 * until a save succeeds (retried without an edit); closing meanwhile
 * asks first. The highlights file is made a directory: even root
 * cannot write it. */
static void
test_window_failed_save_banner (void)
{
  LecternWindow *window = get_window ();
  LecternSession *session = lectern_application_get_session (app);
  LecternAnnotationStore *store = lectern_session_get_store (session);
  LecternDocument *document = lectern_window_get_document (window);
  g_autofree char *path = lectern_annotation_store_dup_path (store, lectern_document_get_id (document));
  g_autofree char *aside = g_strconcat (path, ".aside", NULL);
  GtkRevealer *banner;
  GtkLabel *label;
  AdwMessageDialog *dialog;
  GLogLevelFlags always_fatal;
  gboolean had_file;

  lectern_test_wait_until (document_is_shown, window);
  /* The session also logs each failed save as a warning: expected. */
  always_fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  banner = GTK_REVEALER (find_child (GTK_WIDGET (window), GTK_TYPE_REVEALER, "lectern-save-banner"));
  g_assert_nonnull (banner);
  g_assert_false (gtk_revealer_get_reveal_child (banner));

  lectern_annotation_store_flush (store, NULL);
  had_file = g_rename (path, aside) == 0;
  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  g_assert_nonnull (lectern_session_highlight_range (session, document, 11, 17, LECTERN_COLOR_GREEN, NULL));

  lectern_test_wait_until (revealer_shown, banner);
  label = GTK_LABEL (find_child (gtk_revealer_get_child (banner), GTK_TYPE_LABEL, NULL));
  g_assert_nonnull (strstr (gtk_label_get_label (label), path));
  g_assert_nonnull (strstr (gtk_label_get_label (label), g_strerror (EISDIR)));

  /* Closing asks; Cancel keeps the window. */
  gtk_window_close (GTK_WINDOW (window));
  lectern_test_wait_until (message_dialog_shown, NULL);
  dialog = find_message_dialog ();
  g_assert_true (adw_message_dialog_has_response (dialog, "save-elsewhere"));
  g_assert_true (adw_message_dialog_has_response (dialog, "export"));
  g_assert_true (adw_message_dialog_has_response (dialog, "quit"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* Room again: the retry saves by itself and the banner goes. */
  g_assert_cmpint (g_rmdir (path), ==, 0);
  lectern_test_wait_until (revealer_hidden, banner);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  if (had_file)
    g_unlink (aside);
  g_log_set_always_fatal (always_fatal);
}

static void
test_window_close_saves_state (void)
{
  LecternWindow *window = get_window ();
  GSettings *settings = lectern_application_get_settings (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  /* A frame laid out since: a size change on its way is in. */
  lectern_test_wait_for_paint (GTK_WIDGET (window));
  gtk_window_close (GTK_WINDOW (window));

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

/* A document annotated in an earlier session whose file is gone since:
 * library.json remembers it and its highlights file is on disk. (Put
 * there while the window is open, so that the tests before see the
 * library they expect; the library and the highlights of closed
 * documents are then read again, as at start-up.) */
#define MISSING_URI "file:///nonexistent/lectern-test/thesis.md"

static const char *missing_highlights =
  "{\"format\":\"lectern-annotations\",\"version\":1,"
  "\"document\":{\"uri\":\"" MISSING_URI "\",\"title\":\"Thesis Draft\","
  "\"fingerprint\":\"sha256:0000\",\"length\":400},"
  "\"highlights\":["
  "{\"id\":\"missing-1\",\"color\":\"yellow\",\"created\":\"2026-11-22T10:00:00Z\","
  "\"modified\":\"2026-11-22T10:00:00Z\",\"note\":\"Ask the supervisor about this claim\",\"tags\":[\"thesis\"],"
  "\"target\":{\"start\":0,\"end\":30,\"exact\":\"Glaciers retreat every decade\","
  "\"prefix\":\"\",\"suffix\":\" faster than\"},\"state\":\"anchored\"},"
  "{\"id\":\"missing-2\",\"color\":\"blue\",\"created\":\"2026-11-22T10:05:00Z\","
  "\"modified\":\"2026-11-22T10:05:00Z\",\"note\":\"\",\"tags\":[],"
  "\"target\":{\"start\":120,\"end\":160,\"exact\":\"sea level follows within a century\","
  "\"prefix\":\"and \",\"suffix\":\".\"},\"state\":\"anchored\"}]}";

static void
write_missing_document (void)
{
  g_autofree char *annotations = g_build_filename (tmp_dir, "annotations", NULL);
  g_autofree char *key = lectern_document_key_for_uri (MISSING_URI);
  g_autofree char *name = g_strconcat (key, ".json", NULL);
  g_autofree char *library = g_strdup_printf ("{\"format\":\"lectern-library\",\"version\":1,\"documents\":["
                                              "{\"uri\":\"%s\",\"title\":\"Thesis Draft\",\"position\":0}]}",
                                              MISSING_URI);

  g_assert_cmpint (g_mkdir_with_parents (annotations, 0700), ==, 0);
  g_free (lectern_test_write_file (annotations, name, missing_highlights, -1));
  g_free (lectern_test_write_file (tmp_dir, "library.json", library, -1));
}

static gboolean
missing_highlights_listed (gpointer user_data)
{
  g_autofree char *key = lectern_document_key_for_uri (MISSING_URI);

  return lectern_annotation_store_count_for_document (lectern_application_get_store (app), key) == 2;
}

static GtkWidget *
find_missing_row (GtkWidget *list)
{
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, "lectern-missing"))
      return child;

  return NULL;
}

/* The sidebar keeps the missing document, marked; Notes lists its
 * highlights without its text; removing it from the library keeps its
 * highlights file. */
static void
test_window_missing_document (void)
{
  LecternWindow *window = get_window ();
  LecternLibrary *library = lectern_application_get_library (app);
  GtkWidget *list = find_child (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, "lectern-library");
  AdwViewStack *stack = ADW_VIEW_STACK (find_child (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL));
  g_autofree char *key = lectern_document_key_for_uri (MISSING_URI);
  g_autofree char *highlights = lectern_annotation_store_dup_path (lectern_application_get_store (app), key);
  LecternNotesView *notes;
  GListModel *shown;
  GtkWidget *row;
  GtkWidget *menu;
  guint n_missing = 0;

  g_autofree char *library_path = g_build_filename (tmp_dir, "library.json", NULL);

  write_missing_document ();
  g_assert_true (lectern_library_load_entries (library, library_path, NULL));
  lectern_annotation_store_load_stored_async (lectern_application_get_store (app), NULL, NULL, NULL);
  g_assert_true (lectern_test_wait_for (missing_highlights_listed, NULL, 5000));
  g_assert_true (lectern_library_entry_get_missing (lectern_library_find_entry (library, MISSING_URI)));
  g_assert_true (lectern_annotation_store_is_detached (lectern_application_get_store (app), key));
  g_assert_nonnull (find_missing_row (list));

  adw_view_stack_set_visible_child_name (stack, "notes");
  notes = lectern_window_get_notes_view (window);
  g_assert_nonnull (notes);
  lectern_test_wait_for_idle ();
  shown = lectern_notes_view_get_model (notes);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(LecternHighlight) highlight = g_list_model_get_item (shown, i);

      n_missing += g_str_equal (lectern_highlight_get_document_id (highlight), key);
    }
  g_assert_cmpuint (n_missing, ==, 2);
  g_free (lectern_test_screenshot (GTK_WIDGET (window), "notes-missing-document"));

  /* Its context menu (Shift+F10, the Menu key or a right click) offers
   * Locate… and Remove from Library. */
  row = find_missing_row (list);
  g_assert_true (gtk_widget_activate_action (row, "row.menu", NULL));
  menu = find_child (row, GTK_TYPE_POPOVER_MENU, NULL);
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_visible (menu));
  gtk_popover_popdown (GTK_POPOVER (menu));

  /* Ctrl+Delete removes the selected document from the library. */
  gtk_list_box_select_row (GTK_LIST_BOX (list), GTK_LIST_BOX_ROW (row));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.forget-selected", NULL));
  g_assert_null (lectern_library_find_entry (library, MISSING_URI));
  g_assert_null (find_missing_row (list));
  g_assert_true (g_file_test (highlights, G_FILE_TEST_EXISTS));
  adw_view_stack_set_visible_child_name (stack, "read");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* Accessible properties kept where the audit can ask for them, with no
   * accessibility bus to talk to */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  tmp_dir = lectern_test_make_data_dir (NULL);

  app = lectern_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  g_test_add_func ("/window/sample-pack", test_window_opens_sample_pack);
  g_test_add_func ("/window/dark-style", test_window_dark_style);
  g_test_add_func ("/window/open-file", test_window_open_file);
  g_test_add_func ("/window/open-bad-file", test_window_open_bad_file);
  g_test_add_func ("/window/open-long-file", test_window_open_long_file);
  g_test_add_func ("/window/switch-from-sidebar", test_window_switch_from_sidebar);
  g_test_add_func ("/window/text-scale-setting", test_window_text_scale_setting);
  g_test_add_func ("/window/accessible-names", test_window_accessible_names);
  g_test_add_func ("/window/missing-document", test_window_missing_document);
  g_test_add_func ("/window/failed-save-banner", test_window_failed_save_banner);
  g_test_add_func ("/window/close-saves-state", test_window_close_saves_state);

  ret = g_test_run ();

  g_clear_object (&app);
  lectern_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
