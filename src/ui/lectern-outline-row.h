/* lectern-outline-row.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LECTERN_TYPE_OUTLINE_ROW (lectern_outline_row_get_type ())

G_DECLARE_FINAL_TYPE (LecternOutlineRow, lectern_outline_row, LECTERN, OUTLINE_ROW, GtkListBoxRow)

GtkWidget *lectern_outline_row_new        (const char        *heading,
                                           guint              level,
                                           guint              offset);
guint      lectern_outline_row_get_offset (LecternOutlineRow *self);

G_END_DECLS
