/* lectern-compare-gutter-private.h: what only the tests ask of the gutter
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-compare-gutter.h"

G_BEGIN_DECLS

guint      lectern_compare_gutter_get_n_drawn   (LecternCompareGutter *self);
guint      lectern_compare_gutter_get_n_user_drawn (LecternCompareGutter *self);

G_END_DECLS
