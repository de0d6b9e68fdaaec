/* lectern-core-private.h: small helpers the core's model types share
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GDateTime  *_lectern_now_utc_seconds (void);
GDateTime  *_lectern_ref_utc         (GDateTime          *datetime);
char       *_lectern_dup_nonempty    (const char         *str);
char      **_lectern_dup_tags        (const char * const *tags);

G_END_DECLS
