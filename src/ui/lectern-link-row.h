/* lectern-link-row.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lectern-core.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_LINK_ROW (lectern_link_row_get_type ())

G_DECLARE_FINAL_TYPE (LecternLinkRow, lectern_link_row, LECTERN, LINK_ROW, GtkWidget)

GtkWidget          *lectern_link_row_new      (void);
LecternPassageLink *lectern_link_row_get_link (LecternLinkRow     *self);
void                lectern_link_row_set_link (LecternLinkRow     *self,
                                               LecternPassageLink *link);

G_END_DECLS
