/* lectern-annotation-store.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lectern-document.h"
#include "lectern-highlight.h"

G_BEGIN_DECLS

#define LECTERN_STORE_ERROR (lectern_store_error_quark ())

/**
 * LecternStoreError:
 * @LECTERN_STORE_ERROR_CORRUPT: a highlights file did not parse; it was kept under a new name
 * @LECTERN_STORE_ERROR_NEWER_VERSION: a highlights file was written by a newer Lectern; read-only
 * @LECTERN_STORE_ERROR_UNREADABLE: a highlights file exists but cannot be read; read-only
 * @LECTERN_STORE_ERROR_READ_ONLY: a change was refused because the document is read-only
 * @LECTERN_STORE_ERROR_WRITE_FAILED: saving failed; the previous file is intact
 */
typedef enum
{
  LECTERN_STORE_ERROR_CORRUPT,
  LECTERN_STORE_ERROR_NEWER_VERSION,
  LECTERN_STORE_ERROR_UNREADABLE,
  LECTERN_STORE_ERROR_READ_ONLY,
  LECTERN_STORE_ERROR_WRITE_FAILED,
} LecternStoreError;

#define LECTERN_STORE_FORMAT_VERSION 1

/* Re-anchored highlights whose fuzzy match has a lower confidence than
 * this are marked %LECTERN_HIGHLIGHT_NEEDS_REVIEW. */
#define LECTERN_STORE_REVIEW_BELOW 0.9

#define LECTERN_TYPE_ANNOTATION_STORE (lectern_annotation_store_get_type ())

G_DECLARE_FINAL_TYPE (LecternAnnotationStore, lectern_annotation_store, LECTERN, ANNOTATION_STORE, GObject)

GQuark                  lectern_store_error_quark                  (void);
LecternAnnotationStore *lectern_annotation_store_new               (const char             *directory);
const char             *lectern_annotation_store_get_directory     (LecternAnnotationStore *self);
gboolean                lectern_annotation_store_load_document     (LecternAnnotationStore *self,
                                                                    LecternDocument        *document,
                                                                    GError                **error);
gboolean                lectern_annotation_store_reload_document   (LecternAnnotationStore  *self,
                                                                    LecternDocument         *document,
                                                                    GError                 **error);
gboolean                lectern_annotation_store_is_read_only      (LecternAnnotationStore *self,
                                                                    const char             *document_id);
gboolean                lectern_annotation_store_add               (LecternAnnotationStore *self,
                                                                    LecternHighlight       *highlight,
                                                                    GError                **error);
gboolean                lectern_annotation_store_remove            (LecternAnnotationStore *self,
                                                                    LecternHighlight       *highlight,
                                                                    GError                **error);
LecternHighlight       *lectern_annotation_store_find              (LecternAnnotationStore *self,
                                                                    const char             *highlight_id);
LecternHighlight       *lectern_annotation_store_find_range        (LecternAnnotationStore *self,
                                                                    const char             *document_id,
                                                                    guint                   start,
                                                                    guint                   end);
GPtrArray              *lectern_annotation_store_list_for_document (LecternAnnotationStore *self,
                                                                    const char             *document_id);
guint                   lectern_annotation_store_count_for_document (LecternAnnotationStore *self,
                                                                     const char             *document_id);
guint                   lectern_annotation_store_count_unreadable  (LecternAnnotationStore *self,
                                                                    const char             *document_id);
gboolean                lectern_annotation_store_lookup_document   (LecternAnnotationStore *self,
                                                                    const char             *document_id,
                                                                    const char            **uri,
                                                                    const char            **title);
char                   *lectern_annotation_store_dup_path          (LecternAnnotationStore *self,
                                                                    const char             *document_id);
gboolean                lectern_annotation_store_flush             (LecternAnnotationStore *self,
                                                                    GError                **error);
gboolean                lectern_annotation_store_save_copy         (LecternAnnotationStore *self,
                                                                    const char             *directory,
                                                                    GError                **error);
void                    lectern_annotation_store_set_autosave_delay (LecternAnnotationStore *self,
                                                                     guint                   msec);

/* Highlights files of documents that are not loaded (lectern-annotation-store-stored.c). */
void                    lectern_annotation_store_load_stored_async  (LecternAnnotationStore *self,
                                                                     GCancellable           *cancellable,
                                                                     GAsyncReadyCallback     callback,
                                                                     gpointer                user_data);
int                     lectern_annotation_store_load_stored_finish (LecternAnnotationStore *self,
                                                                     GAsyncResult           *result,
                                                                     GError                **error);
gboolean                lectern_annotation_store_is_detached        (LecternAnnotationStore *self,
                                                                     const char             *document_id);
char                   *lectern_annotation_store_find_stored        (LecternAnnotationStore *self,
                                                                     LecternDocument        *document);
gboolean                lectern_annotation_store_adopt_stored       (LecternAnnotationStore *self,
                                                                     const char             *stored_id,
                                                                     LecternDocument        *document,
                                                                     GError                **error);
char                   *lectern_annotation_store_set_aside_replaced (LecternAnnotationStore *self,
                                                                     LecternDocument        *document);
int                     lectern_annotation_store_move_stored_into   (LecternAnnotationStore *self,
                                                                     const char             *stored_id,
                                                                     LecternDocument        *document,
                                                                     GError                **error);

G_END_DECLS
