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

#define LECTERN_TYPE_NOTES_VIEW (lectern_notes_view_get_type ())

G_DECLARE_FINAL_TYPE (LecternNotesView, lectern_notes_view, LECTERN, NOTES_VIEW, GtkWidget)

GtkWidget  *lectern_notes_view_new                  (void);
void             lectern_notes_view_set_session (LecternNotesView *self,
                                    LecternSession *session);
LecternSession  *lectern_notes_view_get_session (LecternNotesView *self);
void        lectern_notes_view_set_current_document (LecternNotesView       *self,
                                                     const char             *document_id);
void        lectern_notes_view_show_orphans         (LecternNotesView       *self,
                                                     const char             *document_id);

G_END_DECLS
