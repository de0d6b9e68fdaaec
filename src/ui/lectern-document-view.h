/* lectern-document-view.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lectern-core.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_DOCUMENT_VIEW (lectern_document_view_get_type ())

G_DECLARE_FINAL_TYPE (LecternDocumentView, lectern_document_view, LECTERN, DOCUMENT_VIEW, GtkWidget)

GtkWidget       *lectern_document_view_new            (void);
void             lectern_document_view_set_session (LecternDocumentView *self,
                                    LecternSession *session);
LecternSession  *lectern_document_view_get_session (LecternDocumentView *self);
LecternDocument *lectern_document_view_get_document   (LecternDocumentView    *self);
void             lectern_document_view_set_document   (LecternDocumentView    *self,
                                                       LecternDocument        *document);
GtkTextView     *lectern_document_view_get_text_view  (LecternDocumentView    *self);
double           lectern_document_view_get_text_scale (LecternDocumentView    *self);
void             lectern_document_view_set_text_scale (LecternDocumentView    *self,
                                                       double                  scale);
gboolean         lectern_document_view_get_selection  (LecternDocumentView    *self,
                                                       guint                  *start,
                                                       guint                  *end);
void             lectern_document_view_select_range   (LecternDocumentView    *self,
                                                       guint                   start,
                                                       guint                   end);
void             lectern_document_view_scroll_to_offset (LecternDocumentView  *self,
                                                         guint                 offset,
                                                         gboolean              flash);
guint            lectern_document_view_get_top_offset (LecternDocumentView    *self);
double           lectern_document_view_get_progress   (LecternDocumentView    *self);

gboolean         lectern_document_view_get_caret_browsing (LecternDocumentView *self);
void             lectern_document_view_set_caret_browsing (LecternDocumentView *self,
                                                           gboolean             caret_browsing);
void             lectern_document_view_select_sentence  (LecternDocumentView  *self);
void             lectern_document_view_select_paragraph (LecternDocumentView  *self);
void             lectern_document_view_snap_selection_to_words (LecternDocumentView *self);

G_END_DECLS
