/* lectern-link-popover.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lectern-core.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_LINK_POPOVER (lectern_link_popover_get_type ())

G_DECLARE_FINAL_TYPE (LecternLinkPopover, lectern_link_popover, LECTERN, LINK_POPOVER, GtkPopover)

void lectern_link_popover_open (LecternLinkPopover *self,
                                const char         *left_quote,
                                const char         *right_quote);

G_END_DECLS
