/* lectern-library.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lectern-document.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_LIBRARY (lectern_library_get_type ())

G_DECLARE_FINAL_TYPE (LecternLibrary, lectern_library, LECTERN, LIBRARY, GObject)

LecternLibrary  *lectern_library_new              (void);
gboolean         lectern_library_load_samples     (LecternLibrary       *self,
                                                   GError              **error);
void             lectern_library_add              (LecternLibrary       *self,
                                                   LecternDocument      *document);
void             lectern_library_remove           (LecternLibrary       *self,
                                                   LecternDocument      *document);
LecternDocument *lectern_library_find_by_uri      (LecternLibrary       *self,
                                                   const char           *uri);
LecternDocument *lectern_library_find_by_id       (LecternLibrary       *self,
                                                   const char           *id);
void             lectern_library_open_async       (LecternLibrary       *self,
                                                   GFile                *file,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
LecternDocument *lectern_library_open_finish      (LecternLibrary       *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

const char * const *lectern_library_get_sample_uris (void);
void             lectern_library_set_read_as      (LecternLibrary       *self,
                                                   const char           *uri,
                                                   int                   format);
void             lectern_library_reload_async     (LecternLibrary       *self,
                                                   LecternDocument      *document,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
LecternDocument *lectern_library_reload_finish    (LecternLibrary       *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
