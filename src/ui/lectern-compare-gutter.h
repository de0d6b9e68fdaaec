/* lectern-compare-gutter.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lectern-core.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_COMPARE_GUTTER (lectern_compare_gutter_get_type ())

G_DECLARE_FINAL_TYPE (LecternCompareGutter, lectern_compare_gutter, LECTERN, COMPARE_GUTTER, GtkWidget)

GtkWidget *lectern_compare_gutter_new           (void);
void       lectern_compare_gutter_set_views     (LecternCompareGutter *self,
                                                 GtkTextView          *left,
                                                 GtkTextView          *right);
void       lectern_compare_gutter_set_comparison (LecternCompareGutter *self,
                                                  LecternComparison    *comparison);
void       lectern_compare_gutter_set_focus     (LecternCompareGutter *self,
                                                 LecternSide           side,
                                                 int                   passage);
void       lectern_compare_gutter_set_link_store (LecternCompareGutter *self,
                                                  LecternLinkStore     *links);
void       lectern_compare_gutter_set_documents (LecternCompareGutter *self,
                                                 LecternDocument      *left,
                                                 LecternDocument      *right);

G_END_DECLS
