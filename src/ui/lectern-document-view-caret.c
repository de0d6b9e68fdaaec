/* lectern-document-view-caret.c: the Read view from the keyboard: caret browsing, selecting by word, sentence and paragraph
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "lectern-document-view-private.h"

/* The caret, or the first visible character when the caret is out of
 * sight: a reader who scrolled means what is on the screen. */
static void
get_caret (LecternDocumentView *self,
           GtkTextIter         *iter)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GdkRectangle visible;
  GdkRectangle location;

  gtk_text_buffer_get_iter_at_mark (buffer, iter, gtk_text_buffer_get_insert (buffer));
  gtk_text_view_get_visible_rect (self->text_view, &visible);
  gtk_text_view_get_iter_location (self->text_view, iter, &location);
  if (visible.height > 0 && !gdk_rectangle_intersect (&visible, &location, NULL) &&
      !(location.width == 0 && location.y >= visible.y && location.y < visible.y + visible.height))
    gtk_text_buffer_get_iter_at_offset (buffer, iter, (int)lectern_document_view_get_top_offset (self));
}

/* Whitespace at either end is not part of what the reader means. */
static void
trim_range (GtkTextIter *start,
            GtkTextIter *end)
{
  while (gtk_text_iter_compare (start, end) < 0 && g_unichar_isspace (gtk_text_iter_get_char (start)))
    gtk_text_iter_forward_char (start);

  while (gtk_text_iter_compare (start, end) < 0)
    {
      GtkTextIter before = *end;

      gtk_text_iter_backward_char (&before);
      if (!g_unichar_isspace (gtk_text_iter_get_char (&before)))
        break;
      *end = before;
    }
}

static void
select_iters (LecternDocumentView *self,
              GtkTextIter         *start,
              GtkTextIter         *end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  trim_range (start, end);
  if (gtk_text_iter_equal (start, end))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  /* The caret ends where the selection ends, so Shift+arrows extend it. */
  gtk_text_buffer_select_range (buffer, end, start);
  gtk_text_view_scroll_to_iter (self->text_view, end, 0.05, FALSE, 0.0, 0.0);
}

/**
 * lectern_document_view_select_sentence:
 * @self: a #LecternDocumentView
 *
 * Selects the sentence at the caret, as Pango finds sentences.
 */
void
lectern_document_view_select_sentence (LecternDocumentView *self)
{
  GtkTextIter start;
  GtkTextIter end;

  g_return_if_fail (LECTERN_IS_DOCUMENT_VIEW (self));

  get_caret (self, &start);
  /* Between two sentences, the caret belongs to the one that follows. */
  while (g_unichar_isspace (gtk_text_iter_get_char (&start)) && !gtk_text_iter_ends_line (&start) &&
         gtk_text_iter_forward_char (&start))
    ;
  if (!gtk_text_iter_starts_sentence (&start))
    gtk_text_iter_backward_sentence_start (&start);
  end = start;
  if (!gtk_text_iter_forward_sentence_end (&end))
    gtk_text_iter_forward_to_line_end (&end);

  select_iters (self, &start, &end);
}

/**
 * lectern_document_view_select_paragraph:
 * @self: a #LecternDocumentView
 *
 * Selects the paragraph at the caret.
 */
void
lectern_document_view_select_paragraph (LecternDocumentView *self)
{
  GtkTextIter start;
  GtkTextIter end;

  g_return_if_fail (LECTERN_IS_DOCUMENT_VIEW (self));

  get_caret (self, &start);
  gtk_text_iter_set_line_offset (&start, 0);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);

  select_iters (self, &start, &end);
}

/**
 * lectern_document_view_snap_selection_to_words:
 * @self: a #LecternDocumentView
 *
 * Widens a selection that begins or ends inside a word to the whole word,
 * so a highlight never keeps a fragment ("both nation").
 */
void
lectern_document_view_snap_selection_to_words (LecternDocumentView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;
  GtkTextIter end;

  g_return_if_fail (LECTERN_IS_DOCUMENT_VIEW (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return;

  if (gtk_text_iter_inside_word (&start) && !gtk_text_iter_starts_word (&start))
    gtk_text_iter_backward_word_start (&start);
  if (gtk_text_iter_inside_word (&end) && !gtk_text_iter_starts_word (&end))
    gtk_text_iter_forward_word_end (&end);

  trim_range (&start, &end);
  if (!gtk_text_iter_equal (&start, &end))
    gtk_text_buffer_select_range (buffer, &end, &start);
}

/**
 * lectern_document_view_get_caret_browsing:
 * @self: a #LecternDocumentView
 *
 * Returns: whether a caret shows and the arrow keys move it
 */
gboolean
lectern_document_view_get_caret_browsing (LecternDocumentView *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), FALSE);

  return gtk_text_view_get_cursor_visible (self->text_view);
}

/**
 * lectern_document_view_set_caret_browsing:
 * @self: a #LecternDocumentView
 * @caret_browsing: whether to show a caret
 *
 * With a caret, the arrow keys move it and Shift+arrows select, as in a
 * read-only editor; without, they scroll. The caret starts on the screen.
 */
void
lectern_document_view_set_caret_browsing (LecternDocumentView *self,
                                          gboolean             caret_browsing)
{
  GtkTextBuffer *buffer;
  GtkTextIter caret;

  g_return_if_fail (LECTERN_IS_DOCUMENT_VIEW (self));

  caret_browsing = !!caret_browsing;
  if (caret_browsing == gtk_text_view_get_cursor_visible (self->text_view))
    return;

  buffer = gtk_text_view_get_buffer (self->text_view);
  if (caret_browsing && !gtk_text_buffer_get_has_selection (buffer))
    {
      get_caret (self, &caret);
      gtk_text_buffer_place_cursor (buffer, &caret);
    }
  gtk_text_view_set_cursor_visible (self->text_view, caret_browsing);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  g_object_notify (G_OBJECT (self), "caret-browsing");
}

static void
select_sentence_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  lectern_document_view_select_sentence (LECTERN_DOCUMENT_VIEW (widget));
}

static void
select_paragraph_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  lectern_document_view_select_paragraph (LECTERN_DOCUMENT_VIEW (widget));
}

/* GtkTextView's own F7 shows its cursor where it last was, maybe pages
 * away: the view does it instead, so the caret starts on the screen. */
static void
toggle_cursor_visible_cb (LecternDocumentView *self,
                          GtkTextView         *text_view)
{
  g_signal_stop_emission_by_name (text_view, "toggle-cursor-visible");
  lectern_document_view_set_caret_browsing (self, !lectern_document_view_get_caret_browsing (self));
}

void
_lectern_document_view_add_caret_shortcut (LecternDocumentView *self)
{
  g_signal_connect_object (self->text_view, "toggle-cursor-visible",
                           G_CALLBACK (toggle_cursor_visible_cb), self, G_CONNECT_SWAPPED);
}

void
_lectern_document_view_class_add_caret (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "view.caret-browsing", "caret-browsing");
  gtk_widget_class_install_action (widget_class, "view.select-sentence", NULL, select_sentence_action);
  gtk_widget_class_install_action (widget_class, "view.select-paragraph", NULL, select_paragraph_action);

  /* F7 as in GNOME Web and Firefox, wherever the focus is in the view */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F7, 0, "view.caret-browsing", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "view.select-sentence", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "view.select-paragraph", NULL);
}
