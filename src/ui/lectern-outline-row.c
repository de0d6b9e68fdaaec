/* lectern-outline-row.c: one heading in the Contents popover
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-outline-row.h"

/* How far a heading is indented for each level below the first. */
#define INDENT_PER_LEVEL 12

struct _LecternOutlineRow
{
  GtkListBoxRow  parent_instance;

  guint          offset;

  /* Template widgets */
  GtkLabel      *label;
};

G_DEFINE_FINAL_TYPE (LecternOutlineRow, lectern_outline_row, GTK_TYPE_LIST_BOX_ROW)

static void
lectern_outline_row_class_init (LecternOutlineRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* The label is the row's child, which GtkListBoxRow disposes of
   * itself: no gtk_widget_dispose_template() here. */
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lectern-outline-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternOutlineRow, label);
}

static void
lectern_outline_row_init (LecternOutlineRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lectern_outline_row_new:
 * @heading: the heading's text
 * @level: its level, 1 for the top
 * @offset: where it starts in the document (characters)
 *
 * Returns: (transfer floating): a new row, indented by level; top-level
 *   headings stand out
 */
GtkWidget *
lectern_outline_row_new (const char *heading,
                         guint       level,
                         guint       offset)
{
  LecternOutlineRow *self = g_object_new (LECTERN_TYPE_OUTLINE_ROW, NULL);

  self->offset = offset;
  gtk_label_set_label (self->label, heading);
  /* A row is named by what it holds only if it says so (GTK 4.8). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  gtk_widget_set_margin_start (GTK_WIDGET (self->label), INDENT_PER_LEVEL * (int)(CLAMP (level, 1, 6) - 1));
  if (level <= 1)
    gtk_widget_add_css_class (GTK_WIDGET (self->label), "heading");

  return GTK_WIDGET (self);
}

/**
 * lectern_outline_row_get_offset:
 * @self: a #LecternOutlineRow
 *
 * Returns: where the heading starts in the document
 */
guint
lectern_outline_row_get_offset (LecternOutlineRow *self)
{
  g_return_val_if_fail (LECTERN_IS_OUTLINE_ROW (self), 0);

  return self->offset;
}
