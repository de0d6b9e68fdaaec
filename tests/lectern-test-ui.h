/* lectern-test-ui.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lectern-application-private.h"
#include "lectern-document-view-private.h"
#include "lectern-notes-view-private.h"
#include "lectern-window-private.h"

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
void     lectern_test_settle         (void);
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


LecternApplication *lectern_test_start_app       (void);
void                lectern_test_stop_app        (LecternApplication  *app);
LecternWindow      *lectern_test_get_window      (LecternApplication  *app);
gboolean            lectern_test_window_is_ready (gpointer             user_data);
void                lectern_test_find_phrase     (LecternDocument     *document,
                                                  const char          *phrase,
                                                  guint               *start,
                                                  guint               *end);
void                lectern_test_highlight_some  (LecternDocumentView *view,
                                                  LecternDocument     *document);
void                lectern_test_init_with_annotations (int          *argc,
                                                        char       ***argv,
                                                        const char   *name);
void                lectern_test_clean_annotations     (void);
const char         *lectern_test_get_dir               (void);
void                lectern_test_finish                (void);

G_END_DECLS
