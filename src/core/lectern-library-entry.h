/* lectern-library-entry.h: one document the reader has opened
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LECTERN_TYPE_LIBRARY_ENTRY (lectern_library_entry_get_type ())

G_DECLARE_FINAL_TYPE (LecternLibraryEntry, lectern_library_entry, LECTERN, LIBRARY_ENTRY, GObject)

LecternLibraryEntry *lectern_library_entry_new             (const char          *uri,
                                                            const char          *title,
                                                            const char          *fingerprint);
const char          *lectern_library_entry_get_uri         (LecternLibraryEntry *self);
const char          *lectern_library_entry_get_id          (LecternLibraryEntry *self);
const char          *lectern_library_entry_get_title       (LecternLibraryEntry *self);
const char          *lectern_library_entry_get_fingerprint (LecternLibraryEntry *self);
guint                lectern_library_entry_get_position    (LecternLibraryEntry *self);
void                 lectern_library_entry_set_position    (LecternLibraryEntry *self,
                                                            guint                position);
const char          *lectern_library_entry_get_format      (LecternLibraryEntry *self);
void                 lectern_library_entry_set_format      (LecternLibraryEntry *self,
                                                            const char          *format);
gboolean             lectern_library_entry_get_missing     (LecternLibraryEntry *self);
void                 lectern_library_entry_set_missing     (LecternLibraryEntry *self,
                                                            gboolean             missing);
void                 lectern_library_entry_update          (LecternLibraryEntry *self,
                                                            const char          *uri,
                                                            const char          *title,
                                                            const char          *fingerprint);

G_END_DECLS
