/* lectern-document-view-popovers.c: where the Read view's popovers point, and what they ask of it
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lectern-document-view-private.h"
#include "lectern-undo-toast.h"

/* Popovers */

/* A popover placed on a window that has not reached a monitor yet (just
 * mapped) trips GTK 4.8; wait for the next gesture instead. */
gboolean
_lectern_document_view_can_popup (LecternDocumentView *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GdkSurface *surface;

  if (native == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;

  surface = gtk_native_get_surface (native);
  return surface != NULL &&
         gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface) != NULL;
}

void
_lectern_document_view_get_range_rect (LecternDocumentView *self,
                                       guint                start,
                                       guint                end,
                                       GdkRectangle        *rect)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter a;
  GtkTextIter b;
  GdkRectangle ra;
  GdkRectangle rb;
  graphene_point_t in;
  graphene_point_t out;
  int x;
  int y;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_view_get_iter_location (self->text_view, &a, &ra);
  gtk_text_view_get_iter_location (self->text_view, &b, &rb);

  /* Point at the end of the range when it spans lines, else at its middle. */
  if (ra.y != rb.y)
    ra = rb;
  else
    {
      ra.width = MAX (1, rb.x - ra.x);
    }

  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         ra.x, ra.y, &x, &y);
  in = GRAPHENE_POINT_INIT (x, y);
  if (!gtk_widget_compute_point (GTK_WIDGET (self->text_view), GTK_WIDGET (self), &in, &out))
    out = in;

  /* A range scrolled out of sight (Alt+Up, then Ctrl+Return before the
   * scroll lands) would point the popover off the window, which GTK 4.8
   * answers with a negative height and criticals: point at the edge. */
  rect->width = CLAMP (ra.width, 1, MAX (1, gtk_widget_get_width (GTK_WIDGET (self))));
  rect->height = CLAMP (ra.height, 1, MAX (1, gtk_widget_get_height (GTK_WIDGET (self))));
  rect->x = CLAMP ((int)out.x, 0, MAX (0, gtk_widget_get_width (GTK_WIDGET (self)) - rect->width));
  rect->y = CLAMP ((int)out.y, 0, MAX (0, gtk_widget_get_height (GTK_WIDGET (self)) - rect->height));
}

void
_lectern_document_view_show_selection_popover (LecternDocumentView *self)
{
  GdkRectangle rect;
  guint start;
  guint end;

  if (self->store == NULL || !lectern_document_view_get_selection (self, &start, &end))
    return;

  _lectern_document_view_get_range_rect (self, start, end, &rect);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->selection_popover), &rect);
  if (_lectern_document_view_can_popup (self))
    gtk_popover_popup (GTK_POPOVER (self->selection_popover));
}

typedef struct
{
  LecternHighlight *highlight;
  LecternColor      color;
} Recolor;

static void
recolor_free (gpointer data)
{
  Recolor *recolor = data;

  g_clear_object (&recolor->highlight);
  g_free (recolor);
}

static void
undo_recolor (gpointer data)
{
  Recolor *recolor = data;

  lectern_highlight_set_color (recolor->highlight, recolor->color);
}

static void
recolor_toast_dismissed_cb (LecternDocumentView *self)
{
  self->recolor_toast = NULL;
  self->recolor_highlight = NULL;
}

/* A colour carries a meaning ("Disagree"): changing it is never silent.
 * Colours tried in a row on one highlight share one toast, whose Undo
 * goes back to the colour before them all; a toast each would pile up
 * (and libadwaita 1.2 crashes on toasts replaced that fast). */
void
_lectern_document_view_add_recolor_toast (LecternDocumentView *self,
                                          LecternHighlight    *highlight,
                                          LecternColor         old_color)
{
  Recolor *recolor;

  if (old_color == lectern_highlight_get_color (highlight))
    return;
  if (self->recolor_toast != NULL && self->recolor_highlight == highlight)
    return;

  if (self->recolor_toast != NULL)
    adw_toast_dismiss (self->recolor_toast);

  recolor = g_new0 (Recolor, 1);
  recolor->highlight = g_object_ref (highlight);
  recolor->color = old_color;
  self->recolor_toast = lectern_undo_toast_new (_("Highlight colour changed"), undo_recolor, NULL,
                                                recolor, recolor_free);
  self->recolor_highlight = highlight;
  adw_toast_set_priority (self->recolor_toast, ADW_TOAST_PRIORITY_NORMAL);
  g_signal_connect_object (self->recolor_toast, "dismissed",
                           G_CALLBACK (recolor_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  _lectern_document_view_add_toast (self, self->recolor_toast);
}

/**
 * lectern_document_view_delete_highlight:
 * @self: a #LecternDocumentView
 * @highlight: a highlight of the document
 *
 * Deletes @highlight and offers to undo it in a toast.
 */
void
lectern_document_view_delete_highlight (LecternDocumentView *self,
                                        LecternHighlight    *highlight)
{
  g_autoptr(LecternHighlight) hold = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LECTERN_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (LECTERN_IS_HIGHLIGHT (highlight));

  hold = g_object_ref (highlight);
  if (!lectern_annotation_store_remove (self->store, highlight, &error))
    {
      _lectern_document_view_add_toast (self, adw_toast_new (error->message));
      return;
    }

  _lectern_document_view_add_toast (self, lectern_undo_toast_new_for_highlight (self->store, hold));
}

/* What the popovers ask of the view */

static void
selection_highlight_cb (LecternDocumentView *self,
                        guint                color)
{
  _lectern_document_view_highlight_selection (self, color);
}

static void
selection_add_note_cb (LecternDocumentView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "view.add-note", NULL);
}

static void
copy_quote_cb (LecternDocumentView *self,
               LecternHighlight    *highlight)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                          lectern_highlight_get_exact (highlight));
  _lectern_document_view_add_toast (self, adw_toast_new (_("Quote copied")));
}

static void
delete_highlight_cb (LecternDocumentView *self,
                     LecternHighlight    *highlight)
{
  lectern_document_view_delete_highlight (self, highlight);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
recolor_cb (LecternDocumentView *self,
            LecternHighlight    *highlight,
            guint                old_color)
{
  _lectern_document_view_add_recolor_toast (self, highlight, old_color);
}

/* Esc or a click away: the keyboard goes back to the text, with the
 * highlight selected, so Ctrl+Return opens it again. */
static void
edit_popover_closed_cb (LecternDocumentView *self)
{
  LecternHighlight *highlight = lectern_highlight_popover_get_highlight (self->edit_popover);

  if (highlight == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  lectern_document_view_select_range (self, lectern_highlight_get_start (highlight),
                                      lectern_highlight_get_end (highlight));
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/**
 * lectern_document_view_edit_highlight:
 * @self: a #LecternDocumentView
 * @highlight: a highlight of the document
 * @focus_note: whether to put the keyboard focus in the note
 *
 * Opens the popover that edits @highlight, pointing at it.
 */
void
lectern_document_view_edit_highlight (LecternDocumentView *self,
                                      LecternHighlight    *highlight,
                                      gboolean             focus_note)
{
  GtkPopover *popover = GTK_POPOVER (self->edit_popover);
  GdkRectangle rect;

  g_return_if_fail (LECTERN_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (LECTERN_IS_HIGHLIGHT (highlight));

  /* Closing writes the note and tags back to the highlight edited before. */
  if (gtk_widget_get_visible (GTK_WIDGET (popover)))
    gtk_popover_popdown (popover);

  lectern_highlight_popover_set_highlight (self->edit_popover, highlight);
  _lectern_document_view_get_range_rect (self, lectern_highlight_get_start (highlight),
                                         lectern_highlight_get_end (highlight), &rect);
  gtk_popover_set_pointing_to (popover, &rect);
  if (_lectern_document_view_can_popup (self))
    gtk_popover_popup (popover);

  if (focus_note)
    lectern_highlight_popover_focus_note (self->edit_popover);
}

/**
 * lectern_document_view_get_edit_popover:
 * @self: a #LecternDocumentView
 *
 * Returns: (transfer none): the popover that edits a highlight (for tests)
 */
GtkPopover *
lectern_document_view_get_edit_popover (LecternDocumentView *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), NULL);

  return GTK_POPOVER (self->edit_popover);
}

/**
 * lectern_document_view_get_selection_popover:
 * @self: a #LecternDocumentView
 *
 * Returns: (transfer none): the popover shown on a selection (for tests)
 */
GtkPopover *
lectern_document_view_get_selection_popover (LecternDocumentView *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), NULL);

  return GTK_POPOVER (self->selection_popover);
}

/* Colour buttons say what their colour means to the reader. */
static void
update_color_labels (LecternDocumentView *self)
{
  lectern_selection_popover_set_color_meanings (self->selection_popover, self->meanings);
  lectern_highlight_popover_set_color_meanings (self->edit_popover, self->meanings);
}

/**
 * lectern_document_view_set_color_meanings:
 * @self: a #LecternDocumentView
 * @meanings: (nullable): what the colours stand for
 *
 * The colour buttons' tooltips and accessible names follow @meanings.
 */
void
lectern_document_view_set_color_meanings (LecternDocumentView  *self,
                                          LecternColorMeanings *meanings)
{
  g_return_if_fail (LECTERN_IS_DOCUMENT_VIEW (self));

  if (self->meanings != NULL)
    g_signal_handlers_disconnect_by_data (self->meanings, self);
  g_set_object (&self->meanings, meanings);
  if (meanings != NULL)
    g_signal_connect_object (meanings, "changed", G_CALLBACK (update_color_labels), self, G_CONNECT_SWAPPED);
  update_color_labels (self);
}

/**
 * lectern_document_view_get_color_button:
 * @self: a #LecternDocumentView
 * @color: a colour
 *
 * Returns: (transfer none): the selection popover's button for @color
 */
GtkWidget *
lectern_document_view_get_color_button (LecternDocumentView *self,
                                        LecternColor         color)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), NULL);

  return lectern_selection_popover_get_color_button (self->selection_popover, color);
}

void
_lectern_document_view_class_add_popovers (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, selection_highlight_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_add_note_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_quote_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_highlight_cb);
  gtk_widget_class_bind_template_callback (widget_class, recolor_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_popover_closed_cb);
}
