/* lectern-window-private.h: what the window's files share
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-window.h"

G_BEGIN_DECLS

struct _LecternWindow
{
  AdwApplicationWindow  parent_instance;

  LecternSession       *session;
  GSettings            *settings;
  LecternDocument      *document;
  /* URIs of the documents last opened or shown, newest first, in the
   * order they were asked for: Compare opens on them. */
  char                 *recent_uris[2];
  guint                 counts_source;
  GCancellable         *cancellable;
  GFile                *pending_file;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  AdwFlap              *flap;
  GtkToggleButton      *sidebar_button;
  GtkListBox           *library_list;
  AdwViewStack         *view_stack;
  GtkStack             *read_stack;
  GtkMenuButton        *primary_menu_button;
  GtkMenuButton        *outline_button;
  GtkPopover           *outline_popover;
  GtkListBox           *outline_list;
  GtkLabel             *progress_label;
  GtkLabel             *zoom_label;
  /* Built the first time they are needed, so start-up does not pay for them */
  GtkBox               *notes_holder;
  GtkBox               *compare_holder;
  LecternNotesView     *notes_view;
  LecternCompareView   *compare_view;
  GtkRevealer          *orphan_banner;
  /* A failed save, told until a save succeeds; quitting then asks. */
  GtkRevealer          *save_banner;
  GtkLabel             *save_label;
  gboolean              quit_anyway;
  GtkLabel             *orphan_label;
  char                 *pending_highlight;
  LecternDocumentView  *document_view;
  GtkSpinner           *loading_spinner;
  GtkLabel             *loading_label;
  AdwStatusPage        *error_page;
  GSimpleAction        *read_as_action;
  /* The highlights of documents not open were asked for (once, when mapped). */
  gboolean              stored_requested;
  /* The sidebar's rows, made a batch at a time after the window shows. */
  GtkSliceListModel    *sidebar_slice;
  guint                 sidebar_source;
};

void _lectern_window_class_init_actions (GtkWidgetClass *widget_class);
void _lectern_window_init_actions       (LecternWindow  *self);
void _lectern_window_class_init_library (GtkWidgetClass *widget_class);
void _lectern_window_init_library       (LecternWindow  *self);
void _lectern_window_dispose_library    (LecternWindow  *self);
void _lectern_window_select_library_row (LecternWindow  *self,
                                         const char     *uri);
void     _lectern_window_show_save_problem (LecternWindow *self,
                                            const char    *message);
gboolean _lectern_window_confirm_close     (LecternWindow *self);

/* For the tests */
LecternDocument     *lectern_window_get_document      (LecternWindow      *self);
LecternDocumentView *lectern_window_get_document_view (LecternWindow      *self);
const char          *lectern_window_get_read_state    (LecternWindow      *self);

/* lectern-window-read-as.c */
void _lectern_window_init_read_as       (LecternWindow  *self);
void _lectern_window_apply_read_as      (LecternWindow  *self);
void _lectern_window_update_read_as     (LecternWindow  *self);

G_END_DECLS
