/* lectern-note-row.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lectern-core.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_NOTE_ROW (lectern_note_row_get_type ())

G_DECLARE_FINAL_TYPE (LecternNoteRow, lectern_note_row, LECTERN, NOTE_ROW, GtkWidget)

GtkWidget        *lectern_note_row_new                (LecternLibrary         *library,
                                                       LecternAnnotationStore *store);
LecternHighlight *lectern_note_row_get_highlight      (LecternNoteRow         *self);
void              lectern_note_row_set_highlight      (LecternNoteRow         *self,
                                                       LecternHighlight       *highlight);
void              lectern_note_row_set_color_meanings (LecternNoteRow         *self,
                                                       LecternColorMeanings   *meanings);

const char       *lectern_note_row_document_title     (LecternLibrary         *library,
                                                       LecternAnnotationStore *store,
                                                       const char             *document_id);

G_END_DECLS
