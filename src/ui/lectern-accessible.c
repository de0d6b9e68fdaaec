/* lectern-accessible.c: what screen readers are told, where GTK 4.8 tells them wrong
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-accessible.h"

/* "_Copy Quote" → "Copy Quote"; "__" stands for one underscore. */
static char *
strip_mnemonic (const char *label)
{
  GString *text = g_string_sized_new (strlen (label));

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] != '\0')
        p++;
      g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}

/**
 * lectern_accessible_name_mnemonics:
 * @widget: a widget
 *
 * GTK 4.8 names a button with a mnemonic by its label as written, so a
 * screen reader says "underscore Terms, Terms". Names every such button
 * in @widget's tree (popovers included) by its label without the
 * underscore. Call it again on widgets built later.
 */
void
lectern_accessible_name_mnemonics (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      g_autofree char *name = strip_mnemonic (gtk_button_get_label (GTK_BUTTON (widget)));

      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    lectern_accessible_name_mnemonics (child);
}
