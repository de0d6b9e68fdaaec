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
void                  lectern_compare_view_ensure_started (LecternCompareView     *self);
void                  lectern_compare_view_set_recent     (LecternCompareView     *self,
                                                           LecternDocument        *previous,
                                                           LecternDocument        *current);
void                  lectern_compare_view_set_color_meanings (LecternCompareView   *self,
                                                               LecternColorMeanings *meanings);

void                  lectern_compare_view_set_link_store (LecternCompareView     *self,
                                                           LecternLinkStore       *links);
gboolean              lectern_compare_view_show_link      (LecternCompareView     *self,
                                                           LecternPassageLink     *link);

G_END_DECLS
