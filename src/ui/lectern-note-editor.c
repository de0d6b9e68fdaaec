/* lectern-note-editor.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lectern-note-editor.h"

/**
 * lectern_note_editor_new:
 * @text_view: (out) (transfer none): the editor's text view
 * @min_height: the least height of the text, in pixels
 * @max_height: the height the text grows to before it scrolls
 *
 * The editor of a note, as the highlight popover, the passage link
 * popover and the Notes view's rows show it: wrapped text with a small
 * margin, in a card that grows with the note and then scrolls.
 *
 * Returns: (transfer floating): the card, to be put where the note goes
 */
GtkWidget *
lectern_note_editor_new (GtkTextView **text_view,
                         int           min_height,
                         int           max_height)
{
  GtkTextView *view = GTK_TEXT_VIEW (gtk_text_view_new ());
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (view, FALSE);
  gtk_text_view_set_top_margin (view, 6);
  gtk_text_view_set_bottom_margin (view, 6);
  gtk_text_view_set_left_margin (view, 6);
  gtk_text_view_set_right_margin (view, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"), -1);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), min_height);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), max_height);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_add_css_class (scroller, "card");
  gtk_widget_add_css_class (scroller, "lectern-note-editor");

  *text_view = view;
  return scroller;
}
