/* lectern-compare-view.c: two documents side by side, related passages linked
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lectern-compare-view.h"
#include "lectern-note-editor.h"

struct _LecternCompareView
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkWidget            *box;
  GtkDropDown          *left_dropdown;
  GtkDropDown          *right_dropdown;
  GtkRevealer          *banner;
  GtkLabel             *banner_label;
  LecternDocumentView  *left_view;
  LecternCompareGutter *gutter;
  LecternDocumentView  *right_view;
  GtkWidget            *busy;
  GtkSpinner           *spinner;
  GtkLabel             *only_left_label;
  GtkLabel             *only_right_label;
  GtkListBox           *only_left_list;
  GtkListBox           *shared_list;
  GtkListBox           *only_right_list;
  GtkLabel             *status_label;
  GtkWidget            *link_button;

  /* The popover that links two passages */
  GtkPopover           *link_popover;
  GtkLabel             *link_quotes[2];
  GtkToggleButton      *link_relations[LECTERN_N_RELATIONS];
  GtkTextView          *link_note;
  guint                 link_ranges[4];
  LecternLinkStore     *links;

  LecternLibrary       *library;
  LecternComparison    *comparison;
  GCancellable         *cancellable;
  const char           *state;

  LecternSide           selected_side;
  int                   selected_passage;
  int                   hover_passage[2];
  gboolean              started;
  gboolean              setting_documents;
};

G_DEFINE_FINAL_TYPE (LecternCompareView, lectern_compare_view, GTK_TYPE_WIDGET)

enum {
  ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static LecternDocumentView *
pane (LecternCompareView *self,
      LecternSide         side)
{
  return side == LECTERN_SIDE_A ? self->left_view : self->right_view;
}

static GtkTextBuffer *
pane_buffer (LecternCompareView *self,
             LecternSide         side)
{
  return gtk_text_view_get_buffer (lectern_document_view_get_text_view (pane (self, side)));
}

static void
forward_toast_cb (LecternCompareView *self,
                  AdwToast           *toast)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static void
set_state (LecternCompareView *self,
           const char         *state)
{
  self->state = state;
  gtk_widget_set_visible (self->busy, g_str_equal (state, "comparing"));
  if (g_str_equal (state, "comparing"))
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
}

/* Marks: the focused passage on its side, its matches on the other */

static GtkTextTag *
ensure_tag (GtkTextBuffer *buffer,
            const char    *name)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, name);

  if (tag != NULL)
    return tag;

  if (g_str_equal (name, "compare-focus"))
    return gtk_text_buffer_create_tag (buffer, name,
                                       "paragraph-background-rgba", &(GdkRGBA) { 0.21, 0.52, 0.89, 0.10 },
                                       NULL);
  if (g_str_equal (name, "compare-match"))
    return gtk_text_buffer_create_tag (buffer, name,
                                       "paragraph-background-rgba", &(GdkRGBA) { 0.21, 0.52, 0.89, 0.18 },
                                       NULL);
  if (g_str_equal (name, "compare-hover"))
    return gtk_text_buffer_create_tag (buffer, name,
                                       "paragraph-background-rgba", &(GdkRGBA) { 0.5, 0.5, 0.5, 0.10 },
                                       NULL);

  return gtk_text_buffer_create_tag (buffer, name,
                                     "underline", PANGO_UNDERLINE_SINGLE,
                                     "background-rgba", &(GdkRGBA) { 0.96, 0.47, 0.0, 0.30 },
                                     NULL);
}

static void
clear_tag (LecternCompareView *self,
           const char         *name)
{
  for (guint side = 0; side < 2; side++)
    {
      GtkTextBuffer *buffer = pane_buffer (self, side);
      GtkTextIter start;
      GtkTextIter end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      gtk_text_buffer_remove_tag (buffer, ensure_tag (buffer, name), &start, &end);
    }
}

static void
tag_range (LecternCompareView *self,
           LecternSide         side,
           const char         *name,
           guint               start,
           guint               end)
{
  GtkTextBuffer *buffer = pane_buffer (self, side);
  GtkTextIter a;
  GtkTextIter b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_buffer_apply_tag (buffer, ensure_tag (buffer, name), &a, &b);
}

static void
mark_passage (LecternCompareView *self,
              LecternSide         side,
              int                 index,
              const char         *focus_tag,
              const char         *match_tag)
{
  LecternSide other = side == LECTERN_SIDE_A ? LECTERN_SIDE_B : LECTERN_SIDE_A;
  const LecternPassage *passage;
  const LecternPassageMatch *matches;
  guint n;

  if (index < 0)
    return;

  passage = lectern_comparison_get_passage (self->comparison, side, index);
  tag_range (self, side, focus_tag, passage->start, passage->end);

  n = lectern_comparison_get_matches (self->comparison, side, index, &matches);
  for (guint i = 0; i < n; i++)
    {
      const LecternPassage *target = lectern_comparison_get_passage (self->comparison, other, matches[i].passage);
      tag_range (self, other, match_tag, target->start, target->end);
    }
}

static void
update_status (LecternCompareView *self,
               const char         *extra)
{
  g_autofree char *text = NULL;
  guint links;

  if (self->comparison == NULL || !lectern_comparison_is_ready (self->comparison))
    {
      gtk_label_set_label (self->status_label, "");
      return;
    }

  links = lectern_comparison_count_links (self->comparison);
  if (self->selected_passage >= 0)
    {
      const LecternPassageMatch *matches;
      guint n = lectern_comparison_get_matches (self->comparison, self->selected_side,
                                                (guint)self->selected_passage, &matches);
      g_autofree char *terms = n > 0 && matches[0].shared_terms != NULL
        ? g_strjoinv (", ", (char **)matches[0].shared_terms) : NULL;

      if (n == 0)
        text = g_strdup (_("This passage has no related passage on the other side"));
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u related passage; the best shares: %s",
                                             "%u related passages; the best shares: %s", n),
                                n, terms != NULL ? terms : "—");
    }
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u link between related passages. Click a passage to see its matches.",
                                         "%u links between related passages. Click a passage to see its matches.",
                                         links),
                            links);

  if (extra != NULL)
    {
      char *joined = g_strdup_printf ("%s · %s", extra, text);
      g_free (text);
      text = joined;
    }

  gtk_label_set_label (self->status_label, text);
}

/**
 * lectern_compare_view_select_passage:
 * @self: a #LecternCompareView
 * @side: which pane
 * @passage: a passage index of that side, or -1 to clear
 *
 * Marks @passage and its related passages on the other side.
 */
void
lectern_compare_view_select_passage (LecternCompareView *self,
                                     LecternSide         side,
                                     int                 passage)
{
  g_return_if_fail (LECTERN_IS_COMPARE_VIEW (self));

  clear_tag (self, "compare-focus");
  clear_tag (self, "compare-match");

  if (self->comparison == NULL || !lectern_comparison_is_ready (self->comparison) ||
      passage >= (int)lectern_comparison_get_n_passages (self->comparison, side))
    passage = -1;

  self->selected_side = side;
  self->selected_passage = passage;
  mark_passage (self, side, passage, "compare-focus", "compare-match");
  lectern_compare_gutter_set_focus (self->gutter, side, passage);
  update_status (self, NULL);
}

gboolean
lectern_compare_view_get_selected (LecternCompareView *self,
                                   LecternSide        *side,
                                   int                *passage)
{
  g_return_val_if_fail (LECTERN_IS_COMPARE_VIEW (self), FALSE);

  *side = self->selected_side;
  *passage = self->selected_passage;
  return self->selected_passage >= 0;
}

/**
 * lectern_compare_view_jump_to_match:
 * @self: a #LecternCompareView
 *
 * Scrolls the other pane to the best match of the selected passage.
 *
 * Returns: %TRUE if there was a match to go to
 */
gboolean
lectern_compare_view_jump_to_match (LecternCompareView *self)
{
  const LecternPassageMatch *matches;
  const LecternPassage *target;
  LecternSide other;
  guint n;

  g_return_val_if_fail (LECTERN_IS_COMPARE_VIEW (self), FALSE);

  if (self->selected_passage < 0)
    return FALSE;

  other = self->selected_side == LECTERN_SIDE_A ? LECTERN_SIDE_B : LECTERN_SIDE_A;
  n = lectern_comparison_get_matches (self->comparison, self->selected_side,
                                      (guint)self->selected_passage, &matches);
  if (n == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }

  target = lectern_comparison_get_passage (self->comparison, other, matches[0].passage);
  lectern_document_view_scroll_to_offset (pane (self, other), target->start, TRUE);
  return TRUE;
}

static void
step_related (LecternCompareView *self,
              int                 direction)
{
  LecternSide side = self->selected_passage >= 0 ? self->selected_side : LECTERN_SIDE_A;
  int n;
  int i;

  if (self->comparison == NULL || !lectern_comparison_is_ready (self->comparison))
    return;

  n = (int)lectern_comparison_get_n_passages (self->comparison, side);
  if (self->selected_passage >= 0)
    i = self->selected_passage + direction;
  else
    {
      guint top = lectern_document_view_get_top_offset (pane (self, side));
      int at = lectern_comparison_find_passage_at (self->comparison, side, top);

      i = at >= 0 ? at : 0;
    }

  for (; i >= 0 && i < n; i += direction)
    {
      const LecternPassageMatch *matches;

      if (lectern_comparison_get_matches (self->comparison, side, (guint)i, &matches) > 0)
        {
          const LecternPassage *passage = lectern_comparison_get_passage (self->comparison, side, (guint)i);

          lectern_compare_view_select_passage (self, side, i);
          lectern_document_view_scroll_to_offset (pane (self, side), passage->start, FALSE);
          lectern_compare_view_jump_to_match (self);
          return;
        }
    }

  gtk_widget_error_bell (GTK_WIDGET (self));
}

/* Gestures on the panes */

static gboolean
passage_at_point (LecternCompareView *self,
                  LecternSide         side,
                  double              x,
                  double              y,
                  int                *passage)
{
  GtkTextView *view = lectern_document_view_get_text_view (pane (self, side));
  GtkTextIter iter;
  int bx;
  int by;

  if (self->comparison == NULL || !lectern_comparison_is_ready (self->comparison))
    return FALSE;

  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int)x, (int)y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (view, &iter, bx, by))
    return FALSE;

  *passage = lectern_comparison_find_passage_at (self->comparison, side, gtk_text_iter_get_offset (&iter));
  return TRUE;
}

static void
pane_released_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  gpointer         user_data)
{
  LecternCompareView *self = user_data;
  LecternSide side = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (gesture), "lectern-side"));
  guint start;
  guint end;
  int passage;

  if (n_press != 1 || lectern_document_view_get_selection (pane (self, side), &start, &end))
    return;

  if (passage_at_point (self, side, x, y, &passage))
    lectern_compare_view_select_passage (self, side, passage);
}

static void
pane_motion_cb (GtkEventControllerMotion *controller,
                double                    x,
                double                    y,
                gpointer                  user_data)
{
  LecternCompareView *self = user_data;
  LecternSide side = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (controller), "lectern-side"));
  int passage = -1;

  passage_at_point (self, side, x, y, &passage);
  if (passage == self->hover_passage[side])
    return;

  self->hover_passage[side] = passage;
  clear_tag (self, "compare-hover");
  if (passage >= 0 && !(side == self->selected_side && passage == self->selected_passage))
    mark_passage (self, side, passage, "compare-hover", "compare-hover");
}

static void
pane_leave_cb (GtkEventControllerMotion *controller,
               gpointer                  user_data)
{
  LecternCompareView *self = user_data;

  self->hover_passage[0] = self->hover_passage[1] = -1;
  clear_tag (self, "compare-hover");
}

static void
add_pane_controllers (LecternCompareView *self,
                      LecternSide         side)
{
  GtkWidget *view = GTK_WIDGET (lectern_document_view_get_text_view (pane (self, side)));
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_object_set_data (G_OBJECT (click), "lectern-side", GUINT_TO_POINTER (side));
  g_signal_connect (click, "released", G_CALLBACK (pane_released_cb), self);
  gtk_widget_add_controller (view, GTK_EVENT_CONTROLLER (click));

  g_object_set_data (G_OBJECT (motion), "lectern-side", GUINT_TO_POINTER (side));
  g_signal_connect (motion, "motion", G_CALLBACK (pane_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (pane_leave_cb), self);
  gtk_widget_add_controller (view, motion);
}

/* Terms */

/**
 * lectern_compare_view_show_term:
 * @self: a #LecternCompareView
 * @term: a term as shown in the terms lists
 * @count_left: (out) (optional): occurrences in the left document
 * @count_right: (out) (optional): occurrences in the right document
 *
 * Marks every occurrence of @term in both panes and scrolls each to its
 * first one.
 *
 * Returns: the number of occurrences in both
 */
guint
lectern_compare_view_show_term (LecternCompareView *self,
                                const char         *term,
                                guint              *count_left,
                                guint              *count_right)
{
  guint counts[2] = { 0, 0 };
  g_autofree char *extra = NULL;

  g_return_val_if_fail (LECTERN_IS_COMPARE_VIEW (self), 0);

  clear_tag (self, "compare-term");
  if (self->comparison == NULL || !lectern_comparison_is_ready (self->comparison))
    return 0;

  for (guint side = 0; side < 2; side++)
    {
      g_autoptr(GArray) occurrences = g_array_new (FALSE, FALSE, sizeof (LecternTermOccurrence));

      counts[side] = lectern_comparison_find_term_occurrences (self->comparison, side, term, occurrences);
      for (guint i = 0; i < occurrences->len; i++)
        {
          const LecternTermOccurrence *occ = &g_array_index (occurrences, LecternTermOccurrence, i);
          tag_range (self, side, "compare-term", occ->start, occ->end);
        }
      if (occurrences->len > 0)
        lectern_document_view_scroll_to_offset (pane (self, side),
                                                g_array_index (occurrences, LecternTermOccurrence, 0).start,
                                                FALSE);
    }

  /* Translators: a term, then how often it occurs in the left and the right document */
  extra = g_strdup_printf (_("“%s”: %u on the left, %u on the right"), term, counts[0], counts[1]);
  update_status (self, extra);

  if (count_left != NULL)
    *count_left = counts[0];
  if (count_right != NULL)
    *count_right = counts[1];

  return counts[0] + counts[1];
}

static void
term_activated_cb (LecternCompareView *self,
                   GtkListBoxRow      *row)
{
  const char *term = g_object_get_data (G_OBJECT (row), "lectern-term");

  if (term != NULL)
    lectern_compare_view_show_term (self, term, NULL, NULL);
}

static void
fill_terms (LecternCompareView *self,
            GtkListBox         *list,
            LecternTermList     which)
{
  g_autoptr(GPtrArray) terms = NULL;
  GtkListBoxRow *old_row;

  /* Rows only: the placeholder is a child too, and must stay. */
  while ((old_row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (old_row));

  if (self->comparison == NULL || !lectern_comparison_is_ready (self->comparison))
    return;

  terms = lectern_comparison_get_terms (self->comparison, which);
  for (guint i = 0; terms != NULL && i < terms->len; i++)
    {
      LecternTerm *term = g_ptr_array_index (terms, i);
      g_autofree char *counts = NULL;
      g_autofree char *tooltip = NULL;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *label = gtk_label_new (term->text);
      GtkWidget *count;
      GtkWidget *row;

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);

      if (which == LECTERN_TERM_LIST_SHARED)
        counts = g_strdup_printf ("%u · %u", term->count_a, term->count_b);
      else
        counts = g_strdup_printf ("%u", which == LECTERN_TERM_LIST_ONLY_A ? term->count_a : term->count_b);
      count = gtk_label_new (counts);
      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "numeric");
      gtk_box_append (GTK_BOX (box), count);

      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      tooltip = g_strdup_printf (_("%u on the left, %u on the right"), term->count_a, term->count_b);
      gtk_widget_set_tooltip_text (row, tooltip);
      g_object_set_data_full (G_OBJECT (row), "lectern-term", g_strdup (term->text), g_free);
      gtk_list_box_append (list, row);
    }
}

static void
set_side_labels (LecternCompareView *self)
{
  LecternDocument *left = lectern_document_view_get_document (self->left_view);
  LecternDocument *right = lectern_document_view_get_document (self->right_view);
  g_autofree char *left_text = NULL;
  g_autofree char *right_text = NULL;

  /* Translators: the heading of the terms only the left document uses */
  left_text = g_strdup_printf (_("Only in “%s”"), left ? lectern_document_get_title (left) : "—");
  right_text = g_strdup_printf (_("Only in “%s”"), right ? lectern_document_get_title (right) : "—");
  gtk_label_set_label (self->only_left_label, left_text);
  gtk_label_set_label (self->only_right_label, right_text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->only_left_label), left_text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->only_right_label), right_text);
}

/* Running the comparison */

static void
comparison_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LecternComparison *comparison = LECTERN_COMPARISON (object);
  g_autoptr(LecternCompareView) self = user_data;
  g_autoptr(GError) error = NULL;
  guint links;

  if (!lectern_comparison_run_finish (comparison, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && comparison == self->comparison)
        {
          set_state (self, "error");
          gtk_label_set_label (self->banner_label, error->message);
          gtk_revealer_set_reveal_child (self->banner, TRUE);
        }
      return;
    }

  if (comparison != self->comparison)
    return;

  links = lectern_comparison_count_links (comparison);
  lectern_compare_gutter_set_comparison (self->gutter, comparison);
  fill_terms (self, self->only_left_list, LECTERN_TERM_LIST_ONLY_A);
  fill_terms (self, self->shared_list, LECTERN_TERM_LIST_SHARED);
  fill_terms (self, self->only_right_list, LECTERN_TERM_LIST_ONLY_B);

  if (links == 0)
    {
      set_state (self, "nothing-in-common");
      gtk_label_set_label (self->banner_label,
                           lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_A) == 0 ||
                           lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_B) == 0
                             ? _("One of these documents has no passage long enough to compare")
                             : _("These documents have no passages in common"));
      gtk_revealer_set_reveal_child (self->banner, TRUE);
    }
  else
    {
      set_state (self, "ready");
      gtk_revealer_set_reveal_child (self->banner, FALSE);
    }

  update_status (self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.next-related", links > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.previous-related", links > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.jump", links > 0);
}

/**
 * lectern_compare_view_set_documents:
 * @self: a #LecternCompareView
 * @left: a document
 * @right: a document (may be @left itself)
 *
 * Shows the two documents and compares them off the main loop; a
 * comparison still running is cancelled.
 */
void
lectern_compare_view_set_documents (LecternCompareView *self,
                                    LecternDocument    *left,
                                    LecternDocument    *right)
{
  g_return_if_fail (LECTERN_IS_COMPARE_VIEW (self));
  g_return_if_fail (LECTERN_IS_DOCUMENT (left));
  g_return_if_fail (LECTERN_IS_DOCUMENT (right));

  self->started = TRUE;

  if (self->library != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->library));

      self->setting_documents = TRUE;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LecternDocument) document = g_list_model_get_item (G_LIST_MODEL (self->library), i);

          if (document == left)
            gtk_drop_down_set_selected (self->left_dropdown, i);
          if (document == right)
            gtk_drop_down_set_selected (self->right_dropdown, i);
        }
      self->setting_documents = FALSE;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  self->selected_passage = -1;
  self->hover_passage[0] = self->hover_passage[1] = -1;
  lectern_document_view_set_document (self->left_view, left);
  lectern_document_view_set_document (self->right_view, right);
  lectern_compare_gutter_set_documents (self->gutter, left, right);
  set_side_labels (self);

  g_clear_object (&self->comparison);
  self->comparison = lectern_comparison_new (left, right);
  lectern_compare_gutter_set_comparison (self->gutter, NULL);
  fill_terms (self, self->only_left_list, LECTERN_TERM_LIST_ONLY_A);
  fill_terms (self, self->shared_list, LECTERN_TERM_LIST_SHARED);
  fill_terms (self, self->only_right_list, LECTERN_TERM_LIST_ONLY_B);
  gtk_revealer_set_reveal_child (self->banner, FALSE);
  update_status (self, NULL);
  set_state (self, "comparing");

  lectern_comparison_run_async (self->comparison, self->cancellable,
                                comparison_done_cb, g_object_ref (self));
}

static void
documents_changed_cb (LecternCompareView *self)
{
  g_autoptr(LecternDocument) left = NULL;
  g_autoptr(LecternDocument) right = NULL;

  if (self->setting_documents || self->library == NULL || !self->started)
    return;

  left = g_list_model_get_item (G_LIST_MODEL (self->library), gtk_drop_down_get_selected (self->left_dropdown));
  right = g_list_model_get_item (G_LIST_MODEL (self->library), gtk_drop_down_get_selected (self->right_dropdown));
  if (left == NULL || right == NULL)
    return;

  if (left == lectern_document_view_get_document (self->left_view) &&
      right == lectern_document_view_get_document (self->right_view))
    return;

  lectern_compare_view_set_documents (self, left, right);
}

/**
 * lectern_compare_view_ensure_started:
 * @self: a #LecternCompareView
 *
 * Compares the documents picked (by default the first two of the library)
 * if nothing has been compared yet. The window calls it when the view is
 * first shown, so start-up does not pay for a comparison.
 */
void
lectern_compare_view_ensure_started (LecternCompareView *self)
{
  g_autoptr(LecternDocument) left = NULL;
  g_autoptr(LecternDocument) right = NULL;
  guint n;

  g_return_if_fail (LECTERN_IS_COMPARE_VIEW (self));

  if (self->started || self->library == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->library));
  if (n == 0)
    return;

  left = g_list_model_get_item (G_LIST_MODEL (self->library), 0);
  right = g_list_model_get_item (G_LIST_MODEL (self->library), n > 1 ? 1 : 0);
  lectern_compare_view_set_documents (self, left, right);
}

/* Linking two passages */

static gboolean
pick_link_ranges (LecternCompareView *self,
                  guint               ranges[4])
{
  const LecternPassageMatch *matches;

  /* Two selections, one on each side, come first. */
  if (lectern_document_view_get_selection (self->left_view, &ranges[0], &ranges[1]) &&
      lectern_document_view_get_selection (self->right_view, &ranges[2], &ranges[3]))
    return TRUE;

  /* Else the passage the reader clicked, with its best related passage. */
  if (self->comparison != NULL && lectern_comparison_is_ready (self->comparison) &&
      self->selected_passage >= 0 &&
      lectern_comparison_get_matches (self->comparison, self->selected_side,
                                      (guint)self->selected_passage, &matches) > 0)
    {
      LecternSide other = self->selected_side == LECTERN_SIDE_A ? LECTERN_SIDE_B : LECTERN_SIDE_A;
      const LecternPassage *mine = lectern_comparison_get_passage (self->comparison, self->selected_side,
                                                                   (guint)self->selected_passage);
      const LecternPassage *theirs = lectern_comparison_get_passage (self->comparison, other, matches[0].passage);
      const LecternPassage *left = self->selected_side == LECTERN_SIDE_A ? mine : theirs;
      const LecternPassage *right = self->selected_side == LECTERN_SIDE_A ? theirs : mine;

      ranges[0] = left->start;
      ranges[1] = left->end;
      ranges[2] = right->start;
      ranges[3] = right->end;
      return TRUE;
    }

  return FALSE;
}

/**
 * lectern_compare_view_open_link_popover:
 * @self: a #LecternCompareView
 *
 * Opens the popover that links a passage on the left with one on the
 * right: two selections, or the clicked passage and its best match.
 *
 * Returns: %TRUE if there were two passages to link
 */
gboolean
lectern_compare_view_open_link_popover (LecternCompareView *self)
{
  LecternDocument *documents[2];

  g_return_val_if_fail (LECTERN_IS_COMPARE_VIEW (self), FALSE);

  documents[0] = lectern_document_view_get_document (self->left_view);
  documents[1] = lectern_document_view_get_document (self->right_view);
  if (self->links == NULL || documents[0] == NULL || documents[1] == NULL)
    return FALSE;

  if (!pick_link_ranges (self, self->link_ranges))
    {
      g_signal_emit (self, signals[ADD_TOAST], 0,
                     adw_toast_new (_("Select a passage on each side, or click a passage that has a related one")));
      return FALSE;
    }

  for (guint side = 0; side < 2; side++)
    {
      g_autofree char *quote = lectern_document_dup_slice (documents[side], self->link_ranges[side * 2],
                                                           self->link_ranges[side * 2 + 1]);
      gtk_label_set_label (self->link_quotes[side], quote);
    }

  gtk_toggle_button_set_active (self->link_relations[LECTERN_RELATION_AGREES], TRUE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->link_note), "", -1);
  gtk_popover_popup (self->link_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->link_note));

  return TRUE;
}

/**
 * lectern_compare_view_get_link_popover:
 * @self: a #LecternCompareView
 *
 * Returns: (transfer none): the popover that links two passages (for tests)
 */
GtkPopover *
lectern_compare_view_get_link_popover (LecternCompareView *self)
{
  g_return_val_if_fail (LECTERN_IS_COMPARE_VIEW (self), NULL);

  return self->link_popover;
}

static void
create_link_clicked_cb (LecternCompareView *self)
{
  g_autoptr(LecternPassageLink) link = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->link_note);
  LecternRelation relation = LECTERN_RELATION_AGREES;
  g_autofree char *note = NULL;
  GtkTextIter start;
  GtkTextIter end;

  for (guint i = 0; i < LECTERN_N_RELATIONS; i++)
    if (gtk_toggle_button_get_active (self->link_relations[i]))
      relation = i;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  link = lectern_passage_link_new (lectern_document_view_get_document (self->left_view),
                                   self->link_ranges[0], self->link_ranges[1],
                                   lectern_document_view_get_document (self->right_view),
                                   self->link_ranges[2], self->link_ranges[3],
                                   relation, note[0] != '\0' ? note : NULL);
  gtk_popover_popdown (self->link_popover);

  if (!lectern_link_store_add (self->links, link, &error))
    {
      g_signal_emit (self, signals[ADD_TOAST], 0, adw_toast_new (error->message));
      return;
    }

  g_signal_emit (self, signals[ADD_TOAST], 0, adw_toast_new (_("Passages linked")));
}

static void
create_link_popover (LecternCompareView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *relations = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *scroller;
  GtkWidget *actions;
  GtkWidget *button;
  GtkWidget *label;
  static const char * const side_titles[2] = { N_("Left"), N_("Right") };

  gtk_widget_set_size_request (box, 360, -1);

  for (guint side = 0; side < 2; side++)
    {
      label = gtk_label_new (_(side_titles[side]));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (box), label);

      self->link_quotes[side] = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_xalign (self->link_quotes[side], 0);
      gtk_label_set_wrap (self->link_quotes[side], TRUE);
      gtk_label_set_lines (self->link_quotes[side], 3);
      gtk_label_set_ellipsize (self->link_quotes[side], PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (self->link_quotes[side], 50);
      gtk_widget_add_css_class (GTK_WIDGET (self->link_quotes[side]), "lectern-quote");
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->link_quotes[side]));
    }

  label = gtk_label_new (_("Relation"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  gtk_widget_add_css_class (relations, "linked");
  gtk_widget_set_halign (relations, GTK_ALIGN_FILL);
  gtk_box_set_homogeneous (GTK_BOX (relations), TRUE);
  for (guint i = 0; i < LECTERN_N_RELATIONS; i++)
    {
      button = gtk_toggle_button_new_with_label (lectern_relation_get_label (i));
      self->link_relations[i] = GTK_TOGGLE_BUTTON (button);
      if (i > 0)
        gtk_toggle_button_set_group (self->link_relations[i], self->link_relations[0]);
      gtk_box_append (GTK_BOX (relations), button);
    }
  gtk_box_append (GTK_BOX (box), relations);

  label = gtk_label_new_with_mnemonic (_("_Note"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  scroller = lectern_note_editor_new (&self->link_note, 72, 200);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->link_note));
  gtk_box_append (GTK_BOX (box), scroller);

  actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (actions, GTK_ALIGN_END);
  button = gtk_button_new_with_mnemonic (_("_Link Passages"));
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (create_link_clicked_cb), self);
  gtk_box_append (GTK_BOX (actions), button);
  gtk_box_append (GTK_BOX (box), actions);

  self->link_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->link_popover, box);
  gtk_widget_add_css_class (GTK_WIDGET (self->link_popover), "lectern-edit-popover");
  gtk_widget_set_parent (GTK_WIDGET (self->link_popover), self->link_button);
}

static void
link_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lectern_compare_view_open_link_popover (LECTERN_COMPARE_VIEW (widget));
}

/* Actions */

static void
swap_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LecternCompareView *self = LECTERN_COMPARE_VIEW (widget);
  LecternDocument *left = lectern_document_view_get_document (self->left_view);
  LecternDocument *right = lectern_document_view_get_document (self->right_view);

  if (left != NULL && right != NULL)
    {
      g_autoptr(LecternDocument) hold_left = g_object_ref (left);
      g_autoptr(LecternDocument) hold_right = g_object_ref (right);

      lectern_compare_view_set_documents (self, hold_right, hold_left);
    }
}

static void
next_related_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  step_related (LECTERN_COMPARE_VIEW (widget), 1);
}

static void
previous_related_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  step_related (LECTERN_COMPARE_VIEW (widget), -1);
}

static void
jump_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lectern_compare_view_jump_to_match (LECTERN_COMPARE_VIEW (widget));
}

/* Document pickers: long titles ellipsize on the button, wrap in the list */

static void
setup_title_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  gboolean in_button = GPOINTER_TO_INT (user_data);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (in_button)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
    }
  else
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_title_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  LecternDocument *document = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), lectern_document_get_title (document));
}

static GtkListItemFactory *
title_factory (gboolean in_button)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_title_cb), GINT_TO_POINTER (in_button));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_title_cb), NULL);
  return factory;
}

/* GObject */

static void
lectern_compare_view_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  gtk_widget_measure (LECTERN_COMPARE_VIEW (widget)->box, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
lectern_compare_view_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  gtk_widget_allocate (LECTERN_COMPARE_VIEW (widget)->box, width, height, baseline, NULL);
}

static void
lectern_compare_view_dispose (GObject *object)
{
  LecternCompareView *self = LECTERN_COMPARE_VIEW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  g_clear_pointer ((GtkWidget **)&self->link_popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_COMPARE_VIEW);

  g_clear_object (&self->links);
  g_clear_object (&self->comparison);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (lectern_compare_view_parent_class)->dispose (object);
}

static void
lectern_compare_view_class_init (LecternCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lectern_compare_view_dispose;
  widget_class->measure = lectern_compare_view_measure;
  widget_class->size_allocate = lectern_compare_view_size_allocate;

  /**
   * LecternCompareView::add-toast:
   * @self: a #LecternCompareView
   * @toast: a toast for the window to show
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  g_type_ensure (LECTERN_TYPE_DOCUMENT_VIEW);
  g_type_ensure (LECTERN_TYPE_COMPARE_GUTTER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lectern-compare-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, box);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, left_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, right_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, banner);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, banner_label);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, left_view);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, gutter);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, right_view);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, busy);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, spinner);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, only_left_label);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, only_right_label);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, only_left_list);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, shared_list);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, only_right_list);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, status_label);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, link_button);
  gtk_widget_class_bind_template_callback (widget_class, forward_toast_cb);
  gtk_widget_class_bind_template_callback (widget_class, documents_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, term_activated_cb);

  gtk_widget_class_install_action (widget_class, "compare.swap", NULL, swap_action);

  gtk_widget_class_install_action (widget_class, "compare.next-related", NULL, next_related_action);
  gtk_widget_class_install_action (widget_class, "compare.previous-related", NULL, previous_related_action);
  gtk_widget_class_install_action (widget_class, "compare.jump", NULL, jump_action);
  gtk_widget_class_install_action (widget_class, "compare.link", NULL, link_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "compare.link", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "compare.next-related", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, GDK_SHIFT_MASK, "compare.previous-related", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK, "compare.jump", NULL);
}

static void
lectern_compare_view_init (LecternCompareView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->selected_passage = -1;
  self->hover_passage[0] = self->hover_passage[1] = -1;
  self->state = "idle";

  lectern_compare_gutter_set_views (self->gutter,
                                    lectern_document_view_get_text_view (self->left_view),
                                    lectern_document_view_get_text_view (self->right_view));
  add_pane_controllers (self, LECTERN_SIDE_A);
  add_pane_controllers (self, LECTERN_SIDE_B);
  set_side_labels (self);
  create_link_popover (self);

  {
    GtkListBox *lists[3] = { self->only_left_list, self->shared_list, self->only_right_list };
    const char *texts[3] = {
      _("No word stands out in this document"),
      _("No frequent word in common"),
      _("No word stands out in this document"),
    };

    for (guint i = 0; i < 3; i++)
      {
        GtkWidget *placeholder = gtk_label_new (texts[i]);

        gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
        gtk_widget_add_css_class (placeholder, "dim-label");
        gtk_widget_set_margin_top (placeholder, 12);
        gtk_list_box_set_placeholder (lists[i], placeholder);
      }
  }

  for (guint i = 0; i < 2; i++)
    {
      GtkDropDown *dropdown = i == 0 ? self->left_dropdown : self->right_dropdown;
      g_autoptr(GtkListItemFactory) button = title_factory (TRUE);
      g_autoptr(GtkListItemFactory) list = title_factory (FALSE);

      gtk_drop_down_set_factory (dropdown, button);
      gtk_drop_down_set_list_factory (dropdown, list);
    }
}

GtkWidget *
lectern_compare_view_new (void)
{
  return g_object_new (LECTERN_TYPE_COMPARE_VIEW, NULL);
}

/**
 * lectern_compare_view_set_sources:
 * @self: a #LecternCompareView
 * @library: the documents to pick from
 * @store: the highlights drawn in both panes
 */
void
lectern_compare_view_set_sources (LecternCompareView     *self,
                                  LecternLibrary         *library,
                                  LecternAnnotationStore *store)
{
  g_return_if_fail (LECTERN_IS_COMPARE_VIEW (self));

  g_set_object (&self->library, library);

  self->setting_documents = TRUE;
  gtk_drop_down_set_model (self->left_dropdown, G_LIST_MODEL (library));
  gtk_drop_down_set_model (self->right_dropdown, G_LIST_MODEL (library));
  if (g_list_model_get_n_items (G_LIST_MODEL (library)) > 1)
    gtk_drop_down_set_selected (self->right_dropdown, 1);
  self->setting_documents = FALSE;

  lectern_document_view_set_store (self->left_view, store);
  lectern_document_view_set_store (self->right_view, store);
}

/**
 * lectern_compare_view_set_link_store:
 * @self: a #LecternCompareView
 * @links: where the reader's passage links go
 */
void
lectern_compare_view_set_link_store (LecternCompareView *self,
                                     LecternLinkStore   *links)
{
  g_return_if_fail (LECTERN_IS_COMPARE_VIEW (self));

  g_set_object (&self->links, links);
  lectern_compare_gutter_set_link_store (self->gutter, links);
}

/**
 * lectern_compare_view_show_link:
 * @self: a #LecternCompareView
 * @link: a passage link
 *
 * Compares the two documents of @link (when they are in the library) and
 * scrolls each pane to its passage.
 *
 * Returns: %TRUE if both documents are open
 */
gboolean
lectern_compare_view_show_link (LecternCompareView *self,
                                LecternPassageLink *link)
{
  LecternDocument *left;
  LecternDocument *right;

  g_return_val_if_fail (LECTERN_IS_COMPARE_VIEW (self), FALSE);
  g_return_val_if_fail (self->library != NULL, FALSE);

  left = lectern_library_find_by_id (self->library, lectern_passage_link_get_document_id (link, LECTERN_LINK_SIDE_LEFT));
  right = lectern_library_find_by_id (self->library, lectern_passage_link_get_document_id (link, LECTERN_LINK_SIDE_RIGHT));
  if (left == NULL || right == NULL)
    return FALSE;

  if (lectern_document_view_get_document (self->left_view) != left ||
      lectern_document_view_get_document (self->right_view) != right)
    lectern_compare_view_set_documents (self, left, right);

  lectern_document_view_scroll_to_offset (self->left_view, lectern_passage_link_get_start (link, LECTERN_LINK_SIDE_LEFT), TRUE);
  lectern_document_view_scroll_to_offset (self->right_view, lectern_passage_link_get_start (link, LECTERN_LINK_SIDE_RIGHT), TRUE);
  return TRUE;
}

void
lectern_compare_view_set_color_meanings (LecternCompareView   *self,
                                         LecternColorMeanings *meanings)
{
  g_return_if_fail (LECTERN_IS_COMPARE_VIEW (self));

  lectern_document_view_set_color_meanings (self->left_view, meanings);
  lectern_document_view_set_color_meanings (self->right_view, meanings);
}

LecternComparison *
lectern_compare_view_get_comparison (LecternCompareView *self)
{
  g_return_val_if_fail (LECTERN_IS_COMPARE_VIEW (self), NULL);

  return self->comparison;
}

/**
 * lectern_compare_view_get_state:
 * @self: a #LecternCompareView
 *
 * Returns: "idle", "comparing", "ready", "nothing-in-common" or "error"
 */
const char *
lectern_compare_view_get_state (LecternCompareView *self)
{
  g_return_val_if_fail (LECTERN_IS_COMPARE_VIEW (self), NULL);

  return self->state;
}

LecternDocumentView *
lectern_compare_view_get_pane (LecternCompareView *self,
                               LecternSide         side)
{
  g_return_val_if_fail (LECTERN_IS_COMPARE_VIEW (self), NULL);

  return pane (self, side);
}

LecternCompareGutter *
lectern_compare_view_get_gutter (LecternCompareView *self)
{
  g_return_val_if_fail (LECTERN_IS_COMPARE_VIEW (self), NULL);

  return self->gutter;
}
