/* lectern-target.h: a passage of a document, with the context to find it again
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lectern-document.h"

G_BEGIN_DECLS

/**
 * LECTERN_TARGET_CONTEXT_CHARS:
 *
 * How many characters before and after a passage are kept as its prefix
 * and suffix: enough to tell two copies of a short quote apart, short
 * enough that an edit near the passage rarely touches it. One length for
 * highlights, passage links and exports alike.
 */
#define LECTERN_TARGET_CONTEXT_CHARS 32

typedef struct _LecternTarget LecternTarget;

#define LECTERN_TYPE_TARGET (lectern_target_get_type ())

GType          lectern_target_get_type       (void) G_GNUC_CONST;
LecternTarget *lectern_target_new_for_range  (LecternDocument     *document,
                                              guint                start,
                                              guint                end);
LecternTarget *lectern_target_ref            (LecternTarget       *self);
void           lectern_target_unref          (LecternTarget       *self);
guint          lectern_target_get_start      (const LecternTarget *self);
guint          lectern_target_get_end        (const LecternTarget *self);
const char    *lectern_target_get_exact      (const LecternTarget *self);
const char    *lectern_target_get_prefix     (const LecternTarget *self);
const char    *lectern_target_get_suffix     (const LecternTarget *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternTarget, lectern_target_unref)

G_END_DECLS
