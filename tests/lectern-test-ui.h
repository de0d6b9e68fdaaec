/* lectern-test-ui.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*LecternTestCondition) (gpointer user_data);

void     lectern_test_iterate        (guint                 msec);
gboolean lectern_test_wait_for       (LecternTestCondition  condition,
                                      gpointer              user_data,
                                      guint                 timeout_msec);
gboolean lectern_test_wait_for_monitor (GtkWidget           *window);
void     lectern_test_wait_for_paint (GtkWidget            *widget);
char    *lectern_test_screenshot     (GtkWidget            *widget,
                                      const char           *name);
double   lectern_test_mean_luminance (const char           *png_path);
void     lectern_test_remove_tree    (const char           *path);

G_END_DECLS
