/* lectern-test-ui.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lectern-notes-view-private.h"

G_BEGIN_DECLS

typedef gboolean (*LecternTestCondition) (gpointer user_data);

/* The longest any wait may take before the test fails. */
#define LECTERN_TEST_TIMEOUT_MSEC 30000

gboolean lectern_test_wait_for       (LecternTestCondition  condition,
                                      gpointer              user_data,
                                      guint                 timeout_msec);
void     lectern_test_wait_until_full (LecternTestCondition condition,
                                      gpointer              user_data,
                                      const char           *what,
                                      const char           *file,
                                      int                   line);
#define lectern_test_wait_until(condition, user_data) \
  lectern_test_wait_until_full ((condition), (user_data), #condition " (" #user_data ")", __FILE__, __LINE__)
void     lectern_test_wait_for_idle  (void);
void     lectern_test_wait_for_mapped (GtkWidget           *widget);
void     lectern_test_wait_for_unmapped (GtkWidget         *widget);
void     lectern_test_wait_for_file_containing (const char *path,
                                                const char *text);
gboolean lectern_test_wait_for_monitor (GtkWidget           *window);
void     lectern_test_wait_for_paint (GtkWidget            *widget);
char    *lectern_test_screenshot     (GtkWidget            *widget,
                                      const char           *name);
double   lectern_test_mean_luminance (const char           *png_path);
void     lectern_test_reset_notes_filters (LecternNotesView *view);

G_END_DECLS
