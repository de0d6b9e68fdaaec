/* lectern-link-placement.h: placing linked passages again (private)
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-document.h"
#include "lectern-passage-link.h"

G_BEGIN_DECLS

guint lectern_link_placement_run (GPtrArray       *links,
                                  LecternDocument *document);

G_END_DECLS
