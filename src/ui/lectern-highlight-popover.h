/* lectern-highlight-popover.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lectern-core.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_HIGHLIGHT_POPOVER (lectern_highlight_popover_get_type ())

G_DECLARE_FINAL_TYPE (LecternHighlightPopover, lectern_highlight_popover, LECTERN, HIGHLIGHT_POPOVER, GtkPopover)

LecternHighlight     *lectern_highlight_popover_get_highlight      (LecternHighlightPopover *self);
void                  lectern_highlight_popover_set_highlight      (LecternHighlightPopover *self,
                                                                    LecternHighlight        *highlight);
void                  lectern_highlight_popover_set_color_meanings (LecternHighlightPopover *self,
                                                                    LecternColorMeanings    *meanings);
void                  lectern_highlight_popover_focus_note         (LecternHighlightPopover *self);

void                  lectern_highlight_popover_describe_color     (LecternColor             color,
                                                                    LecternColorMeanings    *meanings,
                                                                    char                   **label,
                                                                    char                   **tooltip);

G_END_DECLS
