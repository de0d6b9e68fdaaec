/* lectern-compare-view.c: two documents side by side, related passages linked
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lectern-compare-view-private.h"

G_DEFINE_FINAL_TYPE (LecternCompareView, lectern_compare_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_lectern_compare_view_add_toast (LecternCompareView *self,
                                 AdwToast           *toast)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
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

  _lectern_compare_view_clear_tag (self, "compare-focus");
  _lectern_compare_view_clear_tag (self, "compare-match");

  if (self->comparison == NULL || !lectern_comparison_is_ready (self->comparison) ||
      passage >= (int)lectern_comparison_get_n_passages (self->comparison, side))
    passage = -1;

  self->selected_side = side;
  self->selected_passage = passage;
  _lectern_compare_view_mark_passage (self, side, passage, "compare-focus", "compare-match");
  lectern_compare_gutter_set_focus (self->gutter, side, passage);
  _lectern_compare_view_update_status (self, NULL);
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
  lectern_document_view_scroll_to_offset (_lectern_compare_view_pane (self, other), target->start, TRUE);
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
      guint top = lectern_document_view_get_top_offset (_lectern_compare_view_pane (self, side));
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
          lectern_document_view_scroll_to_offset (_lectern_compare_view_pane (self, side), passage->start, FALSE);
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
  GtkTextView *view = lectern_document_view_get_text_view (_lectern_compare_view_pane (self, side));
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
  PaneInput *input = user_data;
  LecternCompareView *self = input->view;
  LecternSide side = input->side;
  guint start;
  guint end;
  int passage;

  if (n_press != 1 || lectern_document_view_get_selection (_lectern_compare_view_pane (self, side), &start, &end))
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
  PaneInput *input = user_data;
  LecternCompareView *self = input->view;
  LecternSide side = input->side;
  int passage = -1;

  passage_at_point (self, side, x, y, &passage);
  if (passage == self->hover_passage[side])
    return;

  self->hover_passage[side] = passage;
  _lectern_compare_view_clear_tag (self, "compare-hover");
  if (passage >= 0 && !(side == self->selected_side && passage == self->selected_passage))
    _lectern_compare_view_mark_passage (self, side, passage, "compare-hover", "compare-hover");
}

static void
pane_leave_cb (GtkEventControllerMotion *controller,
               gpointer                  user_data)
{
  LecternCompareView *self = user_data;

  self->hover_passage[0] = self->hover_passage[1] = -1;
  _lectern_compare_view_clear_tag (self, "compare-hover");
}

static void
add_pane_controllers (LecternCompareView *self,
                      LecternSide         side)
{
  GtkWidget *view = GTK_WIDGET (lectern_document_view_get_text_view (_lectern_compare_view_pane (self, side)));
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  PaneInput *input = &self->inputs[side];

  input->view = self;
  input->side = side;

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "released", G_CALLBACK (pane_released_cb), input);
  gtk_widget_add_controller (view, GTK_EVENT_CONTROLLER (click));

  g_signal_connect (motion, "motion", G_CALLBACK (pane_motion_cb), input);
  g_signal_connect (motion, "leave", G_CALLBACK (pane_leave_cb), self);
  gtk_widget_add_controller (view, motion);
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
  _lectern_compare_view_fill_all_terms (self);

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

  _lectern_compare_view_update_status (self, NULL);
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
  _lectern_compare_view_set_side_labels (self);

  g_clear_object (&self->comparison);
  self->comparison = lectern_comparison_new (left, right);
  lectern_compare_gutter_set_comparison (self->gutter, NULL);
  _lectern_compare_view_fill_all_terms (self);
  gtk_revealer_set_reveal_child (self->banner, FALSE);
  _lectern_compare_view_update_status (self, NULL);
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

  self->user_picked = TRUE;
  lectern_compare_view_set_documents (self, left, right);
}

/**
 * lectern_compare_view_set_recent:
 * @self: a #LecternCompareView
 * @previous: (nullable): the document opened or read before @current
 * @current: (nullable): the document opened or read last
 *
 * Tells the view what the reader is studying: until the reader picks
 * documents, lectern_compare_view_ensure_started() compares these two.
 */
void
lectern_compare_view_set_recent (LecternCompareView *self,
                                 LecternDocument    *previous,
                                 LecternDocument    *current)
{
  g_return_if_fail (LECTERN_IS_COMPARE_VIEW (self));

  if (previous == self->recent[0] && current == self->recent[1])
    return;

  g_set_object (&self->recent[0], previous);
  g_set_object (&self->recent[1], current);
  self->recent_changed = TRUE;
}

static gboolean
in_library (LecternCompareView *self,
            LecternDocument    *document)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->library));

  for (guint i = 0; document != NULL && i < n; i++)
    {
      g_autoptr(LecternDocument) item = g_list_model_get_item (G_LIST_MODEL (self->library), i);

      if (item == document)
        return TRUE;
    }

  return FALSE;
}

/**
 * lectern_compare_view_ensure_started:
 * @self: a #LecternCompareView
 *
 * Compares the two documents the reader opened last (see
 * lectern_compare_view_set_recent()), else the first two of the library,
 * unless the reader has picked documents. The window calls it when the
 * view is shown, so start-up does not pay for a comparison.
 */
void
lectern_compare_view_ensure_started (LecternCompareView *self)
{
  g_autoptr(LecternDocument) left = NULL;
  g_autoptr(LecternDocument) right = NULL;
  guint n;

  g_return_if_fail (LECTERN_IS_COMPARE_VIEW (self));

  if (self->library == NULL || self->user_picked || (self->started && !self->recent_changed))
    return;

  self->recent_changed = FALSE;
  if (in_library (self, self->recent[0]) && in_library (self, self->recent[1]))
    {
      /* Already shown: a new comparison would only reload the panes. */
      if (self->started &&
          lectern_document_view_get_document (self->left_view) == self->recent[0] &&
          lectern_document_view_get_document (self->right_view) == self->recent[1])
        return;
      lectern_compare_view_set_documents (self, self->recent[0], self->recent[1]);
      return;
    }
  if (self->started)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->library));
  if (n == 0)
    return;

  left = g_list_model_get_item (G_LIST_MODEL (self->library), 0);
  right = g_list_model_get_item (G_LIST_MODEL (self->library), n > 1 ? 1 : 0);
  lectern_compare_view_set_documents (self, left, right);
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

      self->user_picked = TRUE;
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
  g_clear_object (&self->recent[0]);
  g_clear_object (&self->recent[1]);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (lectern_compare_view_parent_class)->dispose (object);
}

static void
lectern_compare_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LecternCompareView *self = LECTERN_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_compare_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LecternCompareView *self = LECTERN_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      lectern_compare_view_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_compare_view_class_init (LecternCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lectern_compare_view_dispose;
  object_class->get_property = lectern_compare_view_get_property;
  object_class->set_property = lectern_compare_view_set_property;
  widget_class->measure = lectern_compare_view_measure;
  widget_class->size_allocate = lectern_compare_view_size_allocate;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LECTERN_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

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

  g_type_ensure (LECTERN_TYPE_DOCUMENT);
  g_type_ensure (LECTERN_TYPE_DOCUMENT_VIEW);
  g_type_ensure (LECTERN_TYPE_COMPARE_GUTTER);
  g_type_ensure (LECTERN_TYPE_LINK_POPOVER);

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
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, more_left_label);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, more_right_label);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, more_left_list);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, more_right_list);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, only_left_list);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, shared_list);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, only_right_list);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, status_label);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, link_button);
  gtk_widget_class_bind_template_child (widget_class, LecternCompareView, link_popover);
  gtk_widget_class_bind_template_callback (widget_class, forward_toast_cb);
  gtk_widget_class_bind_template_callback (widget_class, documents_changed_cb);
  _lectern_compare_view_class_add_terms (widget_class);
  _lectern_compare_view_class_add_links (widget_class);

  gtk_widget_class_install_action (widget_class, "compare.swap", NULL, swap_action);

  gtk_widget_class_install_action (widget_class, "compare.next-related", NULL, next_related_action);
  gtk_widget_class_install_action (widget_class, "compare.previous-related", NULL, previous_related_action);
  gtk_widget_class_install_action (widget_class, "compare.jump", NULL, jump_action);

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
  _lectern_compare_view_set_side_labels (self);
  gtk_widget_set_parent (GTK_WIDGET (self->link_popover), self->link_button);
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

  self->user_picked = TRUE;
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

  return _lectern_compare_view_pane (self, side);
}

LecternCompareGutter *
lectern_compare_view_get_gutter (LecternCompareView *self)
{
  g_return_val_if_fail (LECTERN_IS_COMPARE_VIEW (self), NULL);

  return self->gutter;
}

/**
 * lectern_compare_view_set_session:
 * @self: a #LecternCompareView
 * @session: (nullable): the reader's session, whose documents and
 *   highlights the view shows
 */
void
lectern_compare_view_set_session (LecternCompareView *self,
                                  LecternSession *session)
{
  g_return_if_fail (LECTERN_IS_COMPARE_VIEW (self));
  g_return_if_fail (session == NULL || LECTERN_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  if (session == NULL)
    return;
  lectern_compare_view_set_sources (self, lectern_session_get_library (session), lectern_session_get_store (session));
  lectern_compare_view_set_color_meanings (self, lectern_session_get_color_meanings (session));
  lectern_compare_view_set_link_store (self, lectern_session_get_link_store (session));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * lectern_compare_view_get_session:
 * @self: a #LecternCompareView
 *
 * Returns: (transfer none) (nullable): the view's session
 */
LecternSession *
lectern_compare_view_get_session (LecternCompareView *self)
{
  g_return_val_if_fail (LECTERN_IS_COMPARE_VIEW (self), NULL);

  return self->session;
}
