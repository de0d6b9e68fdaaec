/* lectern-color-children.c: one template child per highlight colour
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-core.h"
#include "lectern-color-children.h"

/**
 * lectern_widget_class_bind_color_children:
 * @widget_class: a widget class with a template
 * @prefix: what the template's ids start with ("" or e.g. "chip_")
 * @suffix: what they end with ("" or e.g. "_row")
 * @array_offset: G_STRUCT_OFFSET() of an array of LECTERN_N_COLORS
 *   widget pointers in the instance, in the order of #LecternColor
 *
 * Binds the template children named after the colours ("yellow", …,
 * "purple", with @prefix and @suffix) to that array, so that a colour's
 * widget is found by the colour, not by name.
 */
void
lectern_widget_class_bind_color_children (GtkWidgetClass *widget_class,
                                          const char     *prefix,
                                          const char     *suffix,
                                          gssize          array_offset)
{
  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));

  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      /* GTK keeps its own copy of the name. */
      g_autofree char *name = g_strconcat (prefix, lectern_color_to_string (i), suffix, NULL);

      gtk_widget_class_bind_template_child_full (widget_class, name, FALSE,
                                                 array_offset + i * sizeof (GtkWidget *));
    }
}
