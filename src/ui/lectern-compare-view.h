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
void                  lectern_compare_view_set_sources    (LecternCompareView     *self,
                                                           LecternLibrary         *library,
                                                           LecternAnnotationStore *store);
void                  lectern_compare_view_set_documents  (LecternCompareView     *self,
                                                           LecternDocument        *left,
                                                           LecternDocument        *right);
void                  lectern_compare_view_ensure_started (LecternCompareView     *self);
LecternComparison    *lectern_compare_view_get_comparison (LecternCompareView     *self);
const char           *lectern_compare_view_get_state      (LecternCompareView     *self);
LecternDocumentView  *lectern_compare_view_get_pane       (LecternCompareView     *self,
                                                           LecternSide             side);
LecternCompareGutter *lectern_compare_view_get_gutter     (LecternCompareView     *self);
void                  lectern_compare_view_select_passage (LecternCompareView     *self,
                                                           LecternSide             side,
                                                           int                     passage);
gboolean              lectern_compare_view_get_selected   (LecternCompareView     *self,
                                                           LecternSide            *side,
                                                           int                    *passage);
gboolean              lectern_compare_view_jump_to_match  (LecternCompareView     *self);
guint                 lectern_compare_view_show_term      (LecternCompareView     *self,
                                                           const char             *term,
                                                           guint                  *count_left,
                                                           guint                  *count_right);

void                  lectern_compare_view_set_color_meanings (LecternCompareView   *self,
                                                               LecternColorMeanings *meanings);

void                  lectern_compare_view_set_link_store (LecternCompareView     *self,
                                                           LecternLinkStore       *links);
gboolean              lectern_compare_view_show_link      (LecternCompareView     *self,
                                                           LecternPassageLink     *link);
gboolean              lectern_compare_view_open_link_popover (LecternCompareView  *self);
GtkPopover           *lectern_compare_view_get_link_popover (LecternCompareView   *self);

G_END_DECLS
