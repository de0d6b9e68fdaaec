/* lectern-search-bar.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LECTERN_TYPE_SEARCH_BAR (lectern_search_bar_get_type ())

G_DECLARE_FINAL_TYPE (LecternSearchBar, lectern_search_bar, LECTERN, SEARCH_BAR, GtkWidget)

GtkTextView *lectern_search_bar_get_text_view     (LecternSearchBar *self);
void         lectern_search_bar_set_text_view     (LecternSearchBar *self,
                                                   GtkTextView      *text_view);
void         lectern_search_bar_begin             (LecternSearchBar *self,
                                                   const char       *query);
void         lectern_search_bar_dismiss           (LecternSearchBar *self);
guint        lectern_search_bar_find              (LecternSearchBar *self,
                                                   const char       *query);
void         lectern_search_bar_move              (LecternSearchBar *self,
                                                   int               direction);
int          lectern_search_bar_get_current_match (LecternSearchBar *self,
                                                   guint            *start,
                                                   guint            *end);

G_END_DECLS
