/* lectern-undo-toast.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lectern-core.h"

G_BEGIN_DECLS

typedef void (*LecternUndoFunc) (gpointer user_data);

AdwToast *lectern_undo_toast_new                   (const char             *title,
                                                    LecternUndoFunc         undo,
                                                    LecternUndoFunc         commit,
                                                    gpointer                user_data,
                                                    GDestroyNotify          destroy);
AdwToast *lectern_undo_toast_new_for_highlight     (LecternAnnotationStore *store,
                                                    LecternHighlight       *highlight);
AdwToast *lectern_undo_toast_new_for_passage_link  (LecternLinkStore       *links,
                                                    LecternPassageLink     *link);

G_END_DECLS
