/* lectern-color-children.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void lectern_widget_class_bind_color_children (GtkWidgetClass *widget_class,
                                               const char     *prefix,
                                               const char     *suffix,
                                               gssize          array_offset);

G_END_DECLS
