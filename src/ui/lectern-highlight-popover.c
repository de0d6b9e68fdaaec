/* lectern-highlight-popover.c: edits a highlight's colour, note and tags
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-color-children.h"

#include <glib/gi18n.h>

#include "lectern-highlight-popover.h"

struct _LecternHighlightPopover
{
  GtkPopover            parent_instance;

  /* Template widgets */
  GtkToggleButton      *colors[LECTERN_N_COLORS];
  GtkTextView          *note;
  GtkEntry             *tags;

  LecternHighlight     *highlight;
  LecternColorMeanings *meanings;
  guint                 color;
};

G_DEFINE_FINAL_TYPE (LecternHighlightPopover, lectern_highlight_popover, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_HIGHLIGHT,
  PROP_COLOR,
  PROP_COLOR_MEANINGS,
  N_PROPS
};

enum {
  COPY_QUOTE,
  DELETE_HIGHLIGHT,
  RECOLOR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const color_labels[LECTERN_N_COLORS] = {
  N_("Yellow"), N_("Green"), N_("Blue"), N_("Red"), N_("Purple"),
};

/**
 * lectern_highlight_popover_describe_color:
 * @color: a colour
 * @meanings: (nullable): what the colours stand for
 * @label: (out): the colour's name, with its meaning when it has one
 * @tooltip: (out): the same, with the colour's shortcut
 *
 * The words every colour button of the Read view shows for @color.
 */
void
lectern_highlight_popover_describe_color (LecternColor           color,
                                          LecternColorMeanings  *meanings,
                                          char                 **label,
                                          char                 **tooltip)
{
  const char *meaning = meanings != NULL ? lectern_color_meanings_get (meanings, color) : NULL;

  g_return_if_fail (color < LECTERN_N_COLORS);

  if (meaning != NULL)
    {
      /* Translators: a colour, then what it means to the reader: "Yellow: Key point" */
      *label = g_strdup_printf (_("%s: %s"), _(color_labels[color]), meaning);
      /* Translators: what a colour means, the colour, its shortcut: "Key point (yellow, Ctrl+1)" */
      *tooltip = g_strdup_printf (_("%s (%s, Ctrl+%u)"), meaning, _(color_labels[color]), color + 1);
    }
  else
    {
      *label = g_strdup (_(color_labels[color]));
      *tooltip = g_strdup_printf (_("%s (Ctrl+%u)"), _(color_labels[color]), color + 1);
    }
}

/* Colour buttons say what their colour means to the reader. */
static void
update_color_labels (LecternHighlightPopover *self)
{
  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *tooltip = NULL;

      lectern_highlight_popover_describe_color (i, self->meanings, &label, &tooltip);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->colors[i]), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->colors[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}

static void
set_color (LecternHighlightPopover *self,
           guint                    color)
{
  if (color >= LECTERN_N_COLORS || self->color == color)
    return;

  self->color = color;
  if (self->highlight != NULL && lectern_highlight_get_color (self->highlight) != color)
    {
      LecternColor old_color = lectern_highlight_get_color (self->highlight);

      lectern_highlight_set_color (self->highlight, color);
      g_signal_emit (self, signals[RECOLOR], 0, self->highlight, (guint)old_color);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

static void
highlight_color_changed_cb (LecternHighlightPopover *self)
{
  if (self->highlight != NULL && self->color != lectern_highlight_get_color (self->highlight))
    {
      self->color = lectern_highlight_get_color (self->highlight);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
    }
}

static void
sync_from_highlight (LecternHighlightPopover *self)
{
  const char * const *tags;
  g_autofree char *joined = NULL;

  set_color (self, lectern_highlight_get_color (self->highlight));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note),
                            lectern_highlight_get_note (self->highlight) ?: "", -1);

  tags = lectern_highlight_get_tags (self->highlight);
  joined = tags != NULL ? g_strjoinv (", ", (char **)tags) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->tags), joined);
}

static GStrv
parse_tags (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);

      if (tag[0] == '#')
        tag++;
      if (tag[0] != '\0')
        g_strv_builder_add (builder, tag);
    }

  return g_strv_builder_end (builder);
}

static void
commit_edit (LecternHighlightPopover *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note);
  g_auto(GStrv) tags = NULL;
  g_autofree char *note = NULL;
  GtkTextIter start;
  GtkTextIter end;
  const char *old_note;

  if (self->highlight == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  old_note = lectern_highlight_get_note (self->highlight);
  if (g_strcmp0 (note, old_note ?: "") != 0)
    lectern_highlight_set_note (self->highlight, note[0] != '\0' ? note : NULL);

  tags = parse_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags)));
  if (!g_strv_equal ((const char * const *)tags,
                     lectern_highlight_get_tags (self->highlight) ?: (const char * const[]) { NULL }))
    lectern_highlight_set_tags (self->highlight, (const char * const *)tags);
}

static void
tags_activate_cb (LecternHighlightPopover *self)
{
  commit_edit (self);
}

static void
copy_quote_clicked_cb (LecternHighlightPopover *self)
{
  if (self->highlight != NULL)
    g_signal_emit (self, signals[COPY_QUOTE], 0, self->highlight);
}

static void
delete_clicked_cb (LecternHighlightPopover *self)
{
  g_autoptr(LecternHighlight) highlight = NULL;

  if (self->highlight == NULL)
    return;

  /* Dropped before closing, so closing does not write the edits back. */
  highlight = g_steal_pointer (&self->highlight);
  g_signal_handlers_disconnect_by_func (highlight, highlight_color_changed_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT]);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[DELETE_HIGHLIGHT], 0, highlight);
}

static void
lectern_highlight_popover_closed (GtkPopover *popover)
{
  LecternHighlightPopover *self = LECTERN_HIGHLIGHT_POPOVER (popover);

  commit_edit (self);
  lectern_highlight_popover_set_highlight (self, NULL);

  if (GTK_POPOVER_CLASS (lectern_highlight_popover_parent_class)->closed != NULL)
    GTK_POPOVER_CLASS (lectern_highlight_popover_parent_class)->closed (popover);
}

static void
lectern_highlight_popover_dispose (GObject *object)
{
  LecternHighlightPopover *self = LECTERN_HIGHLIGHT_POPOVER (object);

  g_clear_object (&self->highlight);
  g_clear_object (&self->meanings);
  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_HIGHLIGHT_POPOVER);

  G_OBJECT_CLASS (lectern_highlight_popover_parent_class)->dispose (object);
}

static void
lectern_highlight_popover_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  LecternHighlightPopover *self = LECTERN_HIGHLIGHT_POPOVER (object);

  switch (prop_id)
    {
    case PROP_HIGHLIGHT:
      g_value_set_object (value, self->highlight);
      break;

    case PROP_COLOR:
      g_value_set_uint (value, self->color);
      break;

    case PROP_COLOR_MEANINGS:
      g_value_set_object (value, self->meanings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_highlight_popover_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  LecternHighlightPopover *self = LECTERN_HIGHLIGHT_POPOVER (object);

  switch (prop_id)
    {
    case PROP_HIGHLIGHT:
      lectern_highlight_popover_set_highlight (self, g_value_get_object (value));
      break;

    case PROP_COLOR:
      set_color (self, g_value_get_uint (value));
      break;

    case PROP_COLOR_MEANINGS:
      lectern_highlight_popover_set_color_meanings (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_properties (GObjectClass *object_class)
{
  properties[PROP_HIGHLIGHT] =
    g_param_spec_object ("highlight", NULL, NULL, LECTERN_TYPE_HIGHLIGHT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The colour buttons are toggles of the "highlight.color" action, which
   * holds this property; choosing one recolours the highlight. */
  properties[PROP_COLOR] =
    g_param_spec_uint ("color", NULL, NULL, 0, LECTERN_N_COLORS - 1, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_COLOR_MEANINGS] =
    g_param_spec_object ("color-meanings", NULL, NULL, LECTERN_TYPE_COLOR_MEANINGS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lectern_highlight_popover_class_init (LecternHighlightPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkPopoverClass *popover_class = GTK_POPOVER_CLASS (klass);

  object_class->dispose = lectern_highlight_popover_dispose;
  object_class->get_property = lectern_highlight_popover_get_property;
  object_class->set_property = lectern_highlight_popover_set_property;
  popover_class->closed = lectern_highlight_popover_closed;
  install_properties (object_class);

  /**
   * LecternHighlightPopover::copy-quote:
   * @self: a #LecternHighlightPopover
   * @highlight: the highlight whose quote the reader wants
   */
  signals[COPY_QUOTE] =
    g_signal_new ("copy-quote", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LECTERN_TYPE_HIGHLIGHT);

  /**
   * LecternHighlightPopover::delete-highlight:
   * @self: a #LecternHighlightPopover
   * @highlight: the highlight the reader asked to delete; the popover is closed
   */
  signals[DELETE_HIGHLIGHT] =
    g_signal_new ("delete-highlight", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LECTERN_TYPE_HIGHLIGHT);

  /**
   * LecternHighlightPopover::recolor:
   * @self: a #LecternHighlightPopover
   * @highlight: the highlight the reader gave a new colour
   * @old_color: the colour it had, for an Undo
   */
  signals[RECOLOR] =
    g_signal_new ("recolor", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, LECTERN_TYPE_HIGHLIGHT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lectern-highlight-popover.ui");
  lectern_widget_class_bind_color_children (widget_class, "", "",
                                            G_STRUCT_OFFSET (LecternHighlightPopover, colors));
  gtk_widget_class_bind_template_child (widget_class, LecternHighlightPopover, note);
  gtk_widget_class_bind_template_child (widget_class, LecternHighlightPopover, tags);
  gtk_widget_class_bind_template_callback (widget_class, tags_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_quote_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);

  gtk_widget_class_install_property_action (widget_class, "highlight.color", "color");
}

static void
lectern_highlight_popover_init (LecternHighlightPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_color_labels (self);
}

/**
 * lectern_highlight_popover_get_highlight:
 * @self: a #LecternHighlightPopover
 *
 * Returns: (transfer none) (nullable): the highlight being edited
 */
LecternHighlight *
lectern_highlight_popover_get_highlight (LecternHighlightPopover *self)
{
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT_POPOVER (self), NULL);

  return self->highlight;
}

/**
 * lectern_highlight_popover_set_highlight:
 * @self: a #LecternHighlightPopover
 * @highlight: (nullable): the highlight to edit
 *
 * Shows @highlight's colour, note and tags; edits go back to it as the
 * reader makes them (colour) or when the popover closes (note, tags).
 */
void
lectern_highlight_popover_set_highlight (LecternHighlightPopover *self,
                                         LecternHighlight        *highlight)
{
  g_return_if_fail (LECTERN_IS_HIGHLIGHT_POPOVER (self));
  g_return_if_fail (!highlight || LECTERN_IS_HIGHLIGHT (highlight));

  if (self->highlight == highlight)
    return;

  if (self->highlight != NULL)
    g_signal_handlers_disconnect_by_func (self->highlight, highlight_color_changed_cb, self);
  g_set_object (&self->highlight, highlight);
  if (highlight != NULL)
    {
      sync_from_highlight (self);
      /* An Undo in a toast while the popover is open */
      g_signal_connect_object (highlight, "notify::color", G_CALLBACK (highlight_color_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT]);
}

/**
 * lectern_highlight_popover_set_color_meanings:
 * @self: a #LecternHighlightPopover
 * @meanings: (nullable): what the colours stand for
 */
void
lectern_highlight_popover_set_color_meanings (LecternHighlightPopover *self,
                                              LecternColorMeanings    *meanings)
{
  g_return_if_fail (LECTERN_IS_HIGHLIGHT_POPOVER (self));

  /* The view tells again when the meanings change, so the labels follow. */
  if (g_set_object (&self->meanings, meanings))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR_MEANINGS]);
  update_color_labels (self);
}

/**
 * lectern_highlight_popover_focus_note:
 * @self: a #LecternHighlightPopover
 *
 * Puts the keyboard focus in the note.
 */
void
lectern_highlight_popover_focus_note (LecternHighlightPopover *self)
{
  g_return_if_fail (LECTERN_IS_HIGHLIGHT_POPOVER (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->note));
}
