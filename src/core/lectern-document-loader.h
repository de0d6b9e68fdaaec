/* lectern-document-loader.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lectern-document.h"

G_BEGIN_DECLS

#define LECTERN_DOCUMENT_ERROR (lectern_document_error_quark ())

/**
 * LecternDocumentError:
 * @LECTERN_DOCUMENT_ERROR_NOT_UTF8: the file is not valid UTF-8 text
 * @LECTERN_DOCUMENT_ERROR_BINARY: the file holds NUL bytes, so it is not text
 * @LECTERN_DOCUMENT_ERROR_TOO_LARGE: the file is larger than the loader's limit
 * @LECTERN_DOCUMENT_ERROR_UNREADABLE: the file could not be read
 * @LECTERN_DOCUMENT_ERROR_NOT_REGULAR: the path is a directory or another non-file
 * @LECTERN_DOCUMENT_ERROR_CORRUPT: a book or PDF whose container or structure is broken
 * @LECTERN_DOCUMENT_ERROR_PROTECTED: a DRM-protected EPUB or an encrypted PDF
 * @LECTERN_DOCUMENT_ERROR_NO_TEXT: a PDF without a text layer (e.g. a scan)
 */
typedef enum
{
  LECTERN_DOCUMENT_ERROR_NOT_UTF8,
  LECTERN_DOCUMENT_ERROR_BINARY,
  LECTERN_DOCUMENT_ERROR_TOO_LARGE,
  LECTERN_DOCUMENT_ERROR_UNREADABLE,
  LECTERN_DOCUMENT_ERROR_NOT_REGULAR,
  LECTERN_DOCUMENT_ERROR_CORRUPT,
  LECTERN_DOCUMENT_ERROR_PROTECTED,
  LECTERN_DOCUMENT_ERROR_NO_TEXT,
} LecternDocumentError;

/* 64 MiB: far above any article, low enough that a mistaken pick of a
 * disk image fails at once instead of filling memory. */
#define LECTERN_DOCUMENT_DEFAULT_MAX_SIZE (64 * 1024 * 1024)

#define LECTERN_TYPE_DOCUMENT_LOADER (lectern_document_loader_get_type ())

G_DECLARE_FINAL_TYPE (LecternDocumentLoader, lectern_document_loader, LECTERN, DOCUMENT_LOADER, GObject)

GQuark                 lectern_document_error_quark             (void);
LecternDocumentLoader *lectern_document_loader_new              (void);
gsize                  lectern_document_loader_get_max_size     (LecternDocumentLoader  *self);
void                   lectern_document_loader_set_max_size     (LecternDocumentLoader  *self,
                                                                 gsize                   max_size);
LecternDocument       *lectern_document_loader_load_bytes       (LecternDocumentLoader  *self,
                                                                 GBytes                 *bytes,
                                                                 const char             *uri,
                                                                 const char             *display_name,
                                                                 LecternDocumentFormat   format,
                                                                 GError                **error);
LecternDocument       *lectern_document_loader_load_file        (LecternDocumentLoader  *self,
                                                                 GFile                  *file,
                                                                 GCancellable           *cancellable,
                                                                 GError                **error);
void                   lectern_document_loader_load_file_async  (LecternDocumentLoader  *self,
                                                                 GFile                  *file,
                                                                 GCancellable           *cancellable,
                                                                 GAsyncReadyCallback     callback,
                                                                 gpointer                user_data);
LecternDocument       *lectern_document_loader_load_file_finish (LecternDocumentLoader  *self,
                                                                 GAsyncResult           *result,
                                                                 GError                **error);
void                   lectern_document_loader_set_read_as      (LecternDocumentLoader  *self,
                                                                 const char             *uri,
                                                                 int                     format);
LecternDocumentFormat  lectern_document_format_for_name         (const char             *name);
LecternDocumentFormat  lectern_document_format_detect           (const char             *name,
                                                                 const char             *data,
                                                                 gsize                   len);

G_END_DECLS
