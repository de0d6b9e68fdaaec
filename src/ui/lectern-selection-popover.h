/* lectern-selection-popover.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lectern-core.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_SELECTION_POPOVER (lectern_selection_popover_get_type ())

G_DECLARE_FINAL_TYPE (LecternSelectionPopover, lectern_selection_popover, LECTERN, SELECTION_POPOVER, GtkPopover)

void       lectern_selection_popover_set_color_meanings (LecternSelectionPopover *self,
                                                         LecternColorMeanings    *meanings);
GtkWidget *lectern_selection_popover_get_color_button   (LecternSelectionPopover *self,
                                                         LecternColor             color);

G_END_DECLS
