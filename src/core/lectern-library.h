/* lectern-library.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lectern-document.h"
#include "lectern-library-entry.h"

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

/* Every document the reader opened, open now or not (lectern-library-entries.c). */
gboolean             lectern_library_load_entries   (LecternLibrary       *self,
                                                     const char           *path,
                                                     GError              **error);
GListModel          *lectern_library_get_entries    (LecternLibrary       *self);
LecternLibraryEntry *lectern_library_find_entry     (LecternLibrary       *self,
                                                     const char           *uri);
LecternLibraryEntry *lectern_library_find_entry_by_id (LecternLibrary     *self,
                                                     const char           *id);
LecternLibraryEntry *lectern_library_remember       (LecternLibrary       *self,
                                                     LecternDocument      *document);
void                 lectern_library_remember_uris  (LecternLibrary       *self,
                                                     const char * const   *uris);
guint                lectern_library_forget         (LecternLibrary       *self,
                                                     LecternLibraryEntry  *entry);
void                 lectern_library_restore_entry  (LecternLibrary       *self,
                                                     LecternLibraryEntry  *entry,
                                                     guint                 position);
void                 lectern_library_set_read_position (LecternLibrary    *self,
                                                     const char           *uri,
                                                     guint                 position);
void                 lectern_library_entries_changed (LecternLibrary      *self);
gboolean             lectern_library_flush          (LecternLibrary       *self,
                                                     GError              **error);

G_END_DECLS
