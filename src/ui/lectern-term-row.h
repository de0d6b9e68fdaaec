/* lectern-term-row.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lectern-core.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_TERM_ROW (lectern_term_row_get_type ())

G_DECLARE_FINAL_TYPE (LecternTermRow, lectern_term_row, LECTERN, TERM_ROW, GtkListBoxRow)

GtkWidget  *lectern_term_row_new      (const LecternTerm *term,
                                       LecternTermList    which);
const char *lectern_term_row_get_term (LecternTermRow    *self);

G_END_DECLS
