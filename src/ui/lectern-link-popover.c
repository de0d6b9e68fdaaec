/* lectern-link-popover.c: links a passage on the left with one on the right
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-link-popover.h"

struct _LecternLinkPopover
{
  GtkPopover       parent_instance;

  /* Template widgets */
  GtkLabel        *left_quote;
  GtkLabel        *right_quote;
  GtkToggleButton *relations[LECTERN_N_RELATIONS];
  GtkTextView     *note;
};

G_DEFINE_FINAL_TYPE (LecternLinkPopover, lectern_link_popover, GTK_TYPE_POPOVER)

enum {
  LINK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
link_clicked_cb (LecternLinkPopover *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note);
  LecternRelation relation = LECTERN_RELATION_AGREES;
  g_autofree char *note = NULL;
  GtkTextIter start;
  GtkTextIter end;

  for (guint i = 0; i < LECTERN_N_RELATIONS; i++)
    if (gtk_toggle_button_get_active (self->relations[i]))
      relation = i;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[LINK], 0, (guint)relation, note[0] != '\0' ? note : NULL);
}

static void
lectern_link_popover_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LECTERN_TYPE_LINK_POPOVER);

  G_OBJECT_CLASS (lectern_link_popover_parent_class)->dispose (object);
}

static void
lectern_link_popover_class_init (LecternLinkPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lectern_link_popover_dispose;

  /**
   * LecternLinkPopover::link:
   * @self: a #LecternLinkPopover
   * @relation: the #LecternRelation the reader picked
   * @note: (nullable): the reader's note, trimmed
   *
   * The reader asked to link the two passages; the popover is closed.
   */
  signals[LINK] =
    g_signal_new ("link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lectern-link-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternLinkPopover, left_quote);
  gtk_widget_class_bind_template_child (widget_class, LecternLinkPopover, right_quote);
  gtk_widget_class_bind_template_child_full (widget_class, "agrees", FALSE,
                                             G_STRUCT_OFFSET (LecternLinkPopover, relations[LECTERN_RELATION_AGREES]));
  gtk_widget_class_bind_template_child_full (widget_class, "contradicts", FALSE,
                                             G_STRUCT_OFFSET (LecternLinkPopover, relations[LECTERN_RELATION_CONTRADICTS]));
  gtk_widget_class_bind_template_child_full (widget_class, "extends", FALSE,
                                             G_STRUCT_OFFSET (LecternLinkPopover, relations[LECTERN_RELATION_EXTENDS]));
  gtk_widget_class_bind_template_child_full (widget_class, "same_fact", FALSE,
                                             G_STRUCT_OFFSET (LecternLinkPopover, relations[LECTERN_RELATION_SAME_FACT]));
  gtk_widget_class_bind_template_child (widget_class, LecternLinkPopover, note);
  gtk_widget_class_bind_template_callback (widget_class, link_clicked_cb);
}

static void
lectern_link_popover_init (LecternLinkPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The relations are named once, in core, for every place that shows them. */
  for (guint i = 0; i < LECTERN_N_RELATIONS; i++)
    gtk_button_set_label (GTK_BUTTON (self->relations[i]), lectern_relation_get_label (i));
}

/**
 * lectern_link_popover_open:
 * @self: a #LecternLinkPopover
 * @left_quote: the passage on the left
 * @right_quote: the passage on the right
 *
 * Shows the two passages, "Agrees" picked and an empty note with the
 * keyboard focus.
 */
void
lectern_link_popover_open (LecternLinkPopover *self,
                           const char         *left_quote,
                           const char         *right_quote)
{
  g_return_if_fail (LECTERN_IS_LINK_POPOVER (self));

  gtk_label_set_label (self->left_quote, left_quote);
  gtk_label_set_label (self->right_quote, right_quote);
  gtk_toggle_button_set_active (self->relations[LECTERN_RELATION_AGREES], TRUE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note), "", -1);
  gtk_popover_popup (GTK_POPOVER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->note));
}
