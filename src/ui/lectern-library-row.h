/* lectern-library-row.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lectern-core.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_LIBRARY_ROW (lectern_library_row_get_type ())

G_DECLARE_FINAL_TYPE (LecternLibraryRow, lectern_library_row, LECTERN, LIBRARY_ROW, GtkListBoxRow)

GtkWidget       *lectern_library_row_new          (LecternDocument        *document,
                                                   LecternAnnotationStore *store);
GtkWidget       *lectern_library_row_new_for_entry (LecternLibraryEntry   *entry,
                                                   LecternAnnotationStore *store);
LecternDocument *lectern_library_row_get_document (LecternLibraryRow      *self);
LecternLibraryEntry *lectern_library_row_get_entry (LecternLibraryRow     *self);
const char      *lectern_library_row_get_uri      (LecternLibraryRow      *self);
void             lectern_library_row_update_count (LecternLibraryRow      *self);

G_END_DECLS
