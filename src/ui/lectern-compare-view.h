/* lectern-compare-view.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lectern-compare-gutter.h"
#include "lectern-document-view.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_COMPARE_VIEW (lectern_compare_view_get_type ())

G_DECLARE_FINAL_TYPE (LecternCompareView, lectern_compare_view, LECTERN, COMPARE_VIEW, GtkWidget)

GtkWidget            *lectern_compare_view_new            (void);
void             lectern_compare_view_set_session (LecternCompareView *self,
                                    LecternSession *session);
LecternSession  *lectern_compare_view_get_session (LecternCompareView *self);
void                  lectern_compare_view_ensure_started (LecternCompareView     *self);
void                  lectern_compare_view_set_recent     (LecternCompareView     *self,
                                                           LecternDocument        *previous,
                                                           LecternDocument        *current);

gboolean              lectern_compare_view_show_link      (LecternCompareView     *self,
                                                           LecternPassageLink     *link);

G_END_DECLS
