/* lectern-notes-view.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lectern-core.h"

G_BEGIN_DECLS

/**
 * LecternNotesSort:
 * @LECTERN_NOTES_SORT_DOCUMENT: by document, then position in it
 * @LECTERN_NOTES_SORT_NEWEST: newest first
 * @LECTERN_NOTES_SORT_OLDEST: oldest first
 * @LECTERN_NOTES_SORT_COLOR: by colour, then document order
 */
typedef enum
{
  LECTERN_NOTES_SORT_DOCUMENT,
  LECTERN_NOTES_SORT_NEWEST,
  LECTERN_NOTES_SORT_OLDEST,
  LECTERN_NOTES_SORT_COLOR,
} LecternNotesSort;

#define LECTERN_TYPE_NOTES_VIEW (lectern_notes_view_get_type ())

G_DECLARE_FINAL_TYPE (LecternNotesView, lectern_notes_view, LECTERN, NOTES_VIEW, GtkWidget)

GtkWidget  *lectern_notes_view_new                 (void);
void        lectern_notes_view_set_sources         (LecternNotesView       *self,
                                                    LecternAnnotationStore *store,
                                                    LecternLibrary         *library);
void        lectern_notes_view_set_current_document (LecternNotesView      *self,
                                                     const char            *document_id);
GListModel *lectern_notes_view_get_model           (LecternNotesView       *self);
void        lectern_notes_view_set_search_text     (LecternNotesView       *self,
                                                    const char             *text);
void        lectern_notes_view_set_color_shown     (LecternNotesView       *self,
                                                    LecternColor            color,
                                                    gboolean                shown);
void        lectern_notes_view_set_document_filter (LecternNotesView       *self,
                                                    const char             *document_id);
void        lectern_notes_view_set_tag_filter      (LecternNotesView       *self,
                                                    const char             *tag);
void        lectern_notes_view_show_orphans        (LecternNotesView       *self,
                                                    const char             *document_id);
void        lectern_notes_view_set_sort            (LecternNotesView       *self,
                                                    LecternNotesSort        sort);
const char *lectern_notes_view_get_state           (LecternNotesView       *self);
void        lectern_notes_view_activate_position   (LecternNotesView       *self,
                                                    guint                   position);
void        lectern_notes_view_delete              (LecternNotesView       *self,
                                                    LecternHighlight       *highlight);
gboolean    lectern_notes_view_export_to_file      (LecternNotesView       *self,
                                                    GFile                  *file,
                                                    const char             *scope,
                                                    gboolean                json_ld,
                                                    GError                **error);
gboolean    lectern_notes_view_import_file         (LecternNotesView       *self,
                                                    GFile                  *file,
                                                    GError                **error);

void        lectern_notes_view_set_color_meanings  (LecternNotesView       *self,
                                                    LecternColorMeanings   *meanings);
GtkWidget  *lectern_notes_view_get_chip            (LecternNotesView       *self,
                                                    LecternColor            color);

void        lectern_notes_view_set_link_store      (LecternNotesView       *self,
                                                    LecternLinkStore       *links);
GListModel *lectern_notes_view_get_links_model     (LecternNotesView       *self);
void        lectern_notes_view_set_relation_filter (LecternNotesView       *self,
                                                    int                     relation);
void        lectern_notes_view_delete_link         (LecternNotesView       *self,
                                                    LecternPassageLink     *link);

gboolean    lectern_notes_view_accept_review       (LecternNotesView       *self,
                                                    LecternHighlight       *highlight);

G_END_DECLS
