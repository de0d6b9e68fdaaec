/* lectern-document-view-notes.c: note markers in the margin, note tooltips and the note peek
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lectern-document-view-private.h"

/* Notes at a glance: a small mark in the margin beside each highlight that
 * carries a note; hovering it (or the highlight) shows the note. */

typedef struct
{
  graphene_rect_t   rect;
  LecternHighlight *highlight;
} NoteMarker;

/* A dot in the highlight's colour, with a darker rim. */
static void
draw_marker (GtkSnapshot           *snapshot,
             const graphene_rect_t *rect,
             LecternColor           color_index)
{
  GskRoundedRect round;
  GdkRGBA color;
  GdkRGBA border;

  gdk_rgba_parse (&color, _lectern_document_view_highlight_colors[color_index]);
  border = color;
  border.red *= 0.6;
  border.green *= 0.6;
  border.blue *= 0.6;
  gsk_rounded_rect_init_from_rect (&round, rect, 5);
  gtk_snapshot_push_rounded_clip (snapshot, &round);
  gtk_snapshot_append_color (snapshot, &color, rect);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &round,
                              (float[4]) { 1, 1, 1, 1 },
                              (GdkRGBA[4]) { border, border, border, border });
}

void
_lectern_document_view_snapshot_notes (LecternDocumentView *self,
                                       GtkSnapshot         *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(GPtrArray) highlights = NULL;
  GtkTextBuffer *buffer;
  GdkRectangle visible;
  GtkWidget *text_widget = GTK_WIDGET (self->text_view);
  int view_width;

  g_array_set_size (self->note_markers, 0);
  if (self->document == NULL || self->store == NULL || !gtk_widget_get_mapped (text_widget))
    return;

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_view_get_visible_rect (self->text_view, &visible);
  view_width = gtk_widget_get_width (text_widget);
  highlights = lectern_annotation_store_list_for_document (self->store, lectern_document_get_id (self->document));

  for (guint i = 0; i < highlights->len; i++)
    {
      LecternHighlight *highlight = g_ptr_array_index (highlights, i);
      const char *note = lectern_highlight_get_note (highlight);
      GdkRectangle location;
      GtkTextIter iter;
      graphene_point_t in;
      graphene_point_t out;
      NoteMarker marker;
      int wx;
      int wy;

      if (note == NULL || note[0] == '\0' ||
          lectern_highlight_get_state (highlight) == LECTERN_HIGHLIGHT_ORPHANED)
        continue;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, lectern_highlight_get_start (highlight));
      gtk_text_view_get_iter_location (self->text_view, &iter, &location);
      if (location.y + location.height < visible.y || location.y > visible.y + visible.height)
        continue;

      gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                             0, location.y, &wx, &wy);
      in = GRAPHENE_POINT_INIT (view_width - 16, wy + location.height / 2.0 - 5);
      if (!gtk_widget_compute_point (text_widget, widget, &in, &out))
        continue;

      marker.rect = GRAPHENE_RECT_INIT (out.x, out.y, 10, 10);
      marker.highlight = highlight;
      g_array_append_val (self->note_markers, marker);

      draw_marker (snapshot, &marker.rect, lectern_highlight_get_color (highlight));
    }
}

/**
 * lectern_document_view_get_n_note_markers:
 * @self: a #LecternDocumentView
 *
 * Returns: how many note markers the last frame drew
 */
guint
lectern_document_view_get_n_note_markers (LecternDocumentView *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), 0);

  return self->note_markers->len;
}

/**
 * lectern_document_view_get_note_peek:
 * @self: a #LecternDocumentView
 *
 * Returns: (transfer none): the popover that shows a note when its
 *   highlight is reached from the keyboard
 */
GtkPopover *
lectern_document_view_get_note_peek (LecternDocumentView *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), NULL);

  return self->note_peek;
}

static LecternHighlight *
note_at_point (LecternDocumentView *self,
               double               x,
               double               y)
{
  graphene_point_t in = GRAPHENE_POINT_INIT (x, y);
  graphene_point_t out;
  LecternHighlight *highlight;
  guint offset;

  /* x, y are in text view coordinates; markers are in ours. */
  if (gtk_widget_compute_point (GTK_WIDGET (self->text_view), GTK_WIDGET (self), &in, &out))
    {
      for (guint i = 0; i < self->note_markers->len; i++)
        {
          NoteMarker *marker = &g_array_index (self->note_markers, NoteMarker, i);
          graphene_rect_t hit;

          graphene_rect_inset_r (&marker->rect, -4, -4, &hit);
          if (graphene_rect_contains_point (&hit, &out))
            return marker->highlight;
        }
    }

  if (!_lectern_document_view_offset_at_point (self, x, y, &offset))
    return NULL;

  highlight = _lectern_document_view_highlight_at_offset (self, offset);
  if (highlight != NULL && lectern_highlight_get_note (highlight) != NULL)
    return highlight;

  return NULL;
}

static gboolean
query_tooltip_cb (GtkWidget           *widget,
                  int                  x,
                  int                  y,
                  gboolean             keyboard_mode,
                  GtkTooltip          *tooltip,
                  LecternDocumentView *self)
{
  LecternHighlight *highlight;

  if (keyboard_mode || (highlight = note_at_point (self, x, y)) == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, lectern_highlight_get_note (highlight));
  return TRUE;
}

void
_lectern_document_view_show_note_peek (LecternDocumentView *self,
                                       LecternHighlight    *highlight)
{
  const char *note = lectern_highlight_get_note (highlight);
  GdkRectangle rect;

  if (note == NULL || note[0] == '\0')
    {
      gtk_popover_popdown (self->note_peek);
      return;
    }

  gtk_label_set_label (self->note_peek_label, note);
  _lectern_document_view_get_range_rect (self, lectern_highlight_get_start (highlight), lectern_highlight_get_end (highlight), &rect);
  gtk_popover_set_pointing_to (self->note_peek, &rect);
  if (_lectern_document_view_can_popup (self))
    gtk_popover_popup (self->note_peek);
}

void
_lectern_document_view_add_note_tooltips (LecternDocumentView *self)
{
  self->note_markers = g_array_new (FALSE, FALSE, sizeof (NoteMarker));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->text_view), TRUE);
  g_signal_connect (self->text_view, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
}
