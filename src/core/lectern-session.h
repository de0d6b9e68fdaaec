/* lectern-session.h: the user's whole study
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lectern-annotation-store.h"
#include "lectern-color-meanings.h"
#include "lectern-library.h"
#include "lectern-link-store.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_SESSION (lectern_session_get_type ())

G_DECLARE_FINAL_TYPE (LecternSession, lectern_session, LECTERN, SESSION, GObject)

LecternSession         *lectern_session_new                (const char       *annotations_dir);
void                    lectern_session_load               (LecternSession   *self);
char                   *lectern_session_dup_data_dir       (const char       *annotations_dir);
const char             *lectern_session_get_data_dir       (LecternSession   *self);
LecternLibrary         *lectern_session_get_library        (LecternSession   *self);
LecternAnnotationStore *lectern_session_get_store          (LecternSession   *self);
LecternLinkStore       *lectern_session_get_link_store     (LecternSession   *self);
LecternColorMeanings   *lectern_session_get_color_meanings (LecternSession   *self);
void                    lectern_session_open_async         (LecternSession   *self,
                                                            GFile            *file,
                                                            GCancellable     *cancellable,
                                                            GAsyncReadyCallback callback,
                                                            gpointer          user_data);
LecternDocument        *lectern_session_open_finish        (LecternSession   *self,
                                                            GAsyncResult     *result,
                                                            GError          **error);
LecternHighlight       *lectern_session_highlight_range    (LecternSession   *self,
                                                            LecternDocument  *document,
                                                            guint             start,
                                                            guint             end,
                                                            LecternColor      color,
                                                            GError          **error);
int                     lectern_session_move_highlights    (LecternSession   *self,
                                                            const char       *stored_id,
                                                            LecternDocument  *document,
                                                            GError          **error);
gboolean                lectern_session_flush              (LecternSession   *self,
                                                            GError          **error);

G_END_DECLS
