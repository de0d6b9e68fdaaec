/* lectern-window.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lectern-core.h"
#include "lectern-compare-view.h"
#include "lectern-document-view.h"
#include "lectern-notes-view.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_WINDOW (lectern_window_get_type ())

G_DECLARE_FINAL_TYPE (LecternWindow, lectern_window, LECTERN, WINDOW, AdwApplicationWindow)

LecternWindow       *lectern_window_new               (GtkApplication     *application,
                                                       LecternSession     *session);
void                 lectern_window_open_file         (LecternWindow      *self,
                                                       GFile              *file,
                                                       gboolean            make_current);
void                 lectern_window_show_document     (LecternWindow      *self,
                                                       LecternDocument    *document);
LecternNotesView    *lectern_window_get_notes_view    (LecternWindow      *self);
LecternCompareView  *lectern_window_get_compare_view  (LecternWindow      *self);
void                 lectern_window_show_highlight    (LecternWindow      *self,
                                                       LecternHighlight   *highlight);
gboolean             lectern_window_reattach_highlight (LecternWindow     *self,
                                                        LecternHighlight  *highlight);
void                 lectern_window_show_message      (LecternWindow      *self,
                                                       const char         *message);

G_END_DECLS
