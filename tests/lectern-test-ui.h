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
gboolean lectern_test_can_press_keys (void);
void     lectern_test_press_keys     (GtkWidget            *window,
                                      const char           *accelerators,
                                      ...) G_GNUC_NULL_TERMINATED;
void     lectern_test_type_text      (GtkWidget            *window,
                                      const char           *text);
void     lectern_test_drag           (GtkWidget            *widget,
                                      double                from_x,
                                      double                from_y,
                                      double                to_x,
                                      double                to_y);
void     lectern_test_click          (GtkWidget            *widget,
                                      double                x,
                                      double                y);
void     lectern_test_hold_key       (GtkWidget            *widget,
                                      guint                 keyval,
                                      gboolean              down);

G_END_DECLS
