/* lectern-selection-popover.c: five colours and Add Note, on a selection
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-color-children.h"

#include "lectern-highlight-popover.h"
#include "lectern-selection-popover.h"

struct _LecternSelectionPopover
{
  GtkPopover            parent_instance;

  /* Template widgets */
  GtkWidget            *colors[LECTERN_N_COLORS];

  LecternColorMeanings *meanings;
};

G_DEFINE_FINAL_TYPE (LecternSelectionPopover, lectern_selection_popover, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_COLOR_MEANINGS,
  N_PROPS
};

enum {
  HIGHLIGHT,
  ADD_NOTE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_color_labels (LecternSelectionPopover *self)
{
  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *tooltip = NULL;

      lectern_highlight_popover_describe_color (i, self->meanings, &label, &tooltip);
      gtk_widget_set_tooltip_text (self->colors[i], tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->colors[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}

/* The colour buttons carry their colour as the action's target. */
static void
highlight_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  int color = g_variant_get_int32 (parameter);

  gtk_popover_popdown (GTK_POPOVER (widget));
  if (color >= 0 && color < LECTERN_N_COLORS)
    g_signal_emit (widget, signals[HIGHLIGHT], 0, (guint)color);
}

static void
add_note_clicked_cb (LecternSelectionPopover *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[ADD_NOTE], 0);
}

static void
lectern_selection_popover_dispose (GObject *object)
{
  LecternSelectionPopover *self = LECTERN_SELECTION_POPOVER (object);

  g_clear_object (&self->meanings);
  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_SELECTION_POPOVER);

  G_OBJECT_CLASS (lectern_selection_popover_parent_class)->dispose (object);
}

static void
lectern_selection_popover_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  LecternSelectionPopover *self = LECTERN_SELECTION_POPOVER (object);

  switch (prop_id)
    {
    case PROP_COLOR_MEANINGS:
      g_value_set_object (value, self->meanings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_selection_popover_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  LecternSelectionPopover *self = LECTERN_SELECTION_POPOVER (object);

  switch (prop_id)
    {
    case PROP_COLOR_MEANINGS:
      lectern_selection_popover_set_color_meanings (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_selection_popover_class_init (LecternSelectionPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lectern_selection_popover_dispose;
  object_class->get_property = lectern_selection_popover_get_property;
  object_class->set_property = lectern_selection_popover_set_property;

  properties[PROP_COLOR_MEANINGS] =
    g_param_spec_object ("color-meanings", NULL, NULL, LECTERN_TYPE_COLOR_MEANINGS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LecternSelectionPopover::highlight:
   * @self: a #LecternSelectionPopover
   * @color: the #LecternColor the reader picked for the selection
   */
  signals[HIGHLIGHT] =
    g_signal_new ("highlight", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * LecternSelectionPopover::add-note:
   * @self: a #LecternSelectionPopover
   *
   * The reader wants the selection highlighted with a note.
   */
  signals[ADD_NOTE] =
    g_signal_new ("add-note", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lectern-selection-popover.ui");
  lectern_widget_class_bind_color_children (widget_class, "", "",
                                            G_STRUCT_OFFSET (LecternSelectionPopover, colors));
  gtk_widget_class_bind_template_callback (widget_class, add_note_clicked_cb);

  gtk_widget_class_install_action (widget_class, "selection.highlight", "i", highlight_action);
}

static void
lectern_selection_popover_init (LecternSelectionPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_color_labels (self);
}

/**
 * lectern_selection_popover_set_color_meanings:
 * @self: a #LecternSelectionPopover
 * @meanings: (nullable): what the colours stand for
 *
 * The colour buttons' tooltips and accessible names follow @meanings.
 */
void
lectern_selection_popover_set_color_meanings (LecternSelectionPopover *self,
                                              LecternColorMeanings    *meanings)
{
  g_return_if_fail (LECTERN_IS_SELECTION_POPOVER (self));

  /* The view tells again when the meanings change, so the labels follow. */
  if (g_set_object (&self->meanings, meanings))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR_MEANINGS]);
  update_color_labels (self);
}

/**
 * lectern_selection_popover_get_color_button:
 * @self: a #LecternSelectionPopover
 * @color: a colour
 *
 * Returns: (transfer none): the button for @color
 */
GtkWidget *
lectern_selection_popover_get_color_button (LecternSelectionPopover *self,
                                            LecternColor             color)
{
  g_return_val_if_fail (LECTERN_IS_SELECTION_POPOVER (self), NULL);
  g_return_val_if_fail (color < LECTERN_N_COLORS, NULL);

  return self->colors[color];
}
