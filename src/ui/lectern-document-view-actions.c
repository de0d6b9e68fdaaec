/* lectern-document-view-actions.c: the Read view's actions, shortcuts, clicks and pointer
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lectern-document-view-private.h"

/* Clicks: selection, highlights, links */

static const LecternStyleRun *
link_at_offset (LecternDocumentView *self,
                guint                offset)
{
  const LecternStyleRun *runs;
  guint n_runs;

  if (self->document == NULL)
    return NULL;

  runs = lectern_document_get_runs (self->document, &n_runs);
  for (guint i = 0; i < n_runs; i++)
    {
      if (runs[i].style == LECTERN_STYLE_LINK && runs[i].start <= offset && offset < runs[i].end)
        return &runs[i];
    }

  return NULL;
}

gboolean
_lectern_document_view_offset_at_point (LecternDocumentView *self,
                                        double               x,
                                        double               y,
                                        guint               *offset)
{
  GtkTextIter iter;
  int bx;
  int by;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         (int)x, (int)y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return FALSE;

  *offset = gtk_text_iter_get_offset (&iter);
  return TRUE;
}

/* Where a press began: a release there is a click, elsewhere a drag. */
static void
click_pressed_cb (GtkGestureClick     *gesture,
                  int                  n_press,
                  double               x,
                  double               y,
                  LecternDocumentView *self)
{
  self->press_x = x;
  self->press_y = y;
}

/* A click, not a drag: a link opens, a highlight opens for editing. */
static void
click_on_text (LecternDocumentView *self,
               double               x,
               double               y)
{
  const LecternStyleRun *link;
  LecternHighlight *highlight;
  guint offset;

  if (!_lectern_document_view_offset_at_point (self, x, y, &offset))
    return;

  if ((link = link_at_offset (self, offset)) != NULL && link->href != NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, link->href, GDK_CURRENT_TIME);
      return;
    }

  if ((highlight = _lectern_document_view_highlight_at_offset (self, offset)) != NULL)
    lectern_document_view_edit_highlight (self, highlight, TRUE);
}

static void
click_released_cb (GtkGestureClick     *gesture,
                   int                  n_press,
                   double               x,
                   double               y,
                   LecternDocumentView *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gboolean dragged = ABS (x - self->press_x) > 3 || ABS (y - self->press_y) > 3;
  guint start;
  guint end;

  if (n_press != 1 || self->document == NULL)
    return;

  gtk_popover_popdown (self->note_peek);

  /* A click inside an earlier selection (a highlight just made) is a
   * click on what is there, not a new selection: the text view drops the
   * selection after this handler. */
  if ((dragged || (state & GDK_SHIFT_MASK) != 0) &&
      lectern_document_view_get_selection (self, &start, &end))
    {
      /* Ctrl keeps the exact characters dragged over. */
      if ((state & GDK_CONTROL_MASK) == 0)
        lectern_document_view_snap_selection_to_words (self);
      _lectern_document_view_show_selection_popover (self);
      return;
    }

  click_on_text (self, x, y);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           LecternDocumentView      *self)
{
  const char *cursor = "text";
  guint offset;

  if (_lectern_document_view_offset_at_point (self, x, y, &offset) &&
      (link_at_offset (self, offset) != NULL || _lectern_document_view_highlight_at_offset (self, offset) != NULL))
    cursor = "pointer";

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->text_view), cursor);
}

/* Actions */

static void
highlight_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LecternDocumentView *self = LECTERN_DOCUMENT_VIEW (widget);
  int color = g_variant_get_int32 (parameter);

  if (color < 0 || color >= LECTERN_N_COLORS)
    return;

  _lectern_document_view_highlight_selection (self, (LecternColor)color);
}

static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LecternDocumentView *self = LECTERN_DOCUMENT_VIEW (widget);
  LecternHighlight *highlight = _lectern_document_view_highlight_at_selection (self);
  guint start;
  guint end;

  if (lectern_document_view_get_selection (self, &start, &end) &&
      (highlight == NULL || lectern_highlight_get_start (highlight) != start ||
       lectern_highlight_get_end (highlight) != end))
    highlight = _lectern_document_view_highlight_selection (self, LECTERN_COLOR_YELLOW);

  if (highlight != NULL)
    lectern_document_view_edit_highlight (self, highlight, TRUE);
}

static void
edit_highlight_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LecternDocumentView *self = LECTERN_DOCUMENT_VIEW (widget);
  LecternHighlight *highlight = _lectern_document_view_highlight_at_selection (self);

  if (highlight != NULL)
    lectern_document_view_edit_highlight (self, highlight, TRUE);
}

static void
show_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LecternDocumentView *self = LECTERN_DOCUMENT_VIEW (widget);
  LecternHighlight *highlight;
  guint start;
  guint end;

  if (lectern_document_view_get_selection (self, &start, &end) &&
      ((highlight = _lectern_document_view_highlight_at_selection (self)) == NULL ||
       lectern_highlight_get_start (highlight) != start ||
       lectern_highlight_get_end (highlight) != end))
    _lectern_document_view_show_selection_popover (self);
  else if ((highlight = _lectern_document_view_highlight_at_selection (self)) != NULL)
    lectern_document_view_edit_highlight (self, highlight, TRUE);
}

static void
step_highlight (LecternDocumentView *self,
                int                  direction)
{
  g_autoptr(GPtrArray) highlights = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  LecternHighlight *target = NULL;
  GtkTextIter a;
  GtkTextIter b;
  guint here;

  if (self->document == NULL || self->store == NULL)
    return;

  gtk_text_buffer_get_selection_bounds (buffer, &a, &b);
  here = gtk_text_iter_get_offset (&a);
  if (gtk_text_iter_equal (&a, &b) && here == 0)
    here = lectern_document_view_get_top_offset (self);

  highlights = lectern_annotation_store_list_for_document (self->store,
                                                           lectern_document_get_id (self->document));
  for (guint i = 0; i < highlights->len; i++)
    {
      guint k = direction > 0 ? i : highlights->len - 1 - i;
      LecternHighlight *highlight = g_ptr_array_index (highlights, k);
      guint start = lectern_highlight_get_start (highlight);

      if (lectern_highlight_get_state (highlight) == LECTERN_HIGHLIGHT_ORPHANED)
        continue;
      if ((direction > 0 && start > here) || (direction < 0 && start < here))
        {
          target = highlight;
          break;
        }
    }

  if (target == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  lectern_document_view_select_range (self, lectern_highlight_get_start (target),
                                      lectern_highlight_get_end (target));
  gtk_text_buffer_get_iter_at_offset (buffer, &a, lectern_highlight_get_start (target));
  gtk_text_view_scroll_to_iter (self->text_view, &a, 0.1, TRUE, 0.0, 0.3);

  /* From the keyboard, the note shows as the highlight gets the focus. */
  _lectern_document_view_show_note_peek (self, target);
}

static void
next_highlight_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  step_highlight (LECTERN_DOCUMENT_VIEW (widget), 1);
}

static void
previous_highlight_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  step_highlight (LECTERN_DOCUMENT_VIEW (widget), -1);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LecternDocumentView *self = LECTERN_DOCUMENT_VIEW (widget);
  guint start;
  guint end;

  if (self->document == NULL)
    return;

  /* A short selection becomes the query, as in GNOME Text Editor. */
  if (lectern_document_view_get_selection (self, &start, &end) && end - start < 200)
    {
      g_autofree char *text = lectern_document_dup_slice (self->document, start, end);

      if (strchr (text, '\n') == NULL)
        {
          lectern_search_bar_begin (self->search_bar, text);
          return;
        }
    }

  lectern_search_bar_begin (self->search_bar, NULL);
}

static void
find_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  lectern_search_bar_move (LECTERN_DOCUMENT_VIEW (widget)->search_bar, 1);
}

static void
find_previous_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  lectern_search_bar_move (LECTERN_DOCUMENT_VIEW (widget)->search_bar, -1);
}

void
_lectern_document_view_update_actions (LecternDocumentView *self)
{
  gboolean has_selection = gtk_text_buffer_get_has_selection (gtk_text_view_get_buffer (self->text_view));
  gboolean can_highlight = self->document != NULL && self->store != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.highlight", can_highlight);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.add-note", can_highlight && has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.edit-highlight",
                                 can_highlight && _lectern_document_view_highlight_at_selection (self) != NULL);
}

void
_lectern_document_view_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "view.highlight", "i", highlight_action);
  gtk_widget_class_install_action (widget_class, "view.add-note", NULL, add_note_action);
  gtk_widget_class_install_action (widget_class, "view.edit-highlight", NULL, edit_highlight_action);
  gtk_widget_class_install_action (widget_class, "view.show-highlight-menu", NULL, show_menu_action);
  gtk_widget_class_install_action (widget_class, "view.next-highlight", NULL, next_highlight_action);
  gtk_widget_class_install_action (widget_class, "view.previous-highlight", NULL, previous_highlight_action);
  gtk_widget_class_install_action (widget_class, "view.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "view.find-next", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "view.find-previous", NULL, find_previous_action);

  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                           "view.highlight", "i", (int)i);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, GDK_CONTROL_MASK,
                                           "view.highlight", "i", (int)i);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "view.show-highlight-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "view.add-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "view.next-highlight", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "view.previous-highlight", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "view.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK,
                                       "view.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "view.find-previous", NULL);
}

/* Clicks on the text: a selection shows the colours, a link opens, a
 * highlight opens for editing; the pointer says what can be clicked. */
void
_lectern_document_view_add_controllers (LecternDocumentView *self)
{
  GtkGesture *gesture = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect (gesture, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (gesture));

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), motion);
}
