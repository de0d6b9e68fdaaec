/* lectern-export.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lectern-annotation-store.h"
#include "lectern-color-meanings.h"
#include "lectern-highlight.h"
#include "lectern-library.h"
#include "lectern-link-store.h"

G_BEGIN_DECLS

#define LECTERN_EXPORT_ERROR (lectern_export_error_quark ())

/**
 * LecternExportError:
 * @LECTERN_EXPORT_ERROR_TOO_LARGE: the file is larger than %LECTERN_EXPORT_MAX_FILE_SIZE
 * @LECTERN_EXPORT_ERROR_INVALID_JSON: the file is not JSON, or is nested too deeply
 * @LECTERN_EXPORT_ERROR_NOT_ANNOTATIONS: the JSON is not a Web Annotation, a list of
 *   them, an AnnotationCollection or an AnnotationPage
 * @LECTERN_EXPORT_ERROR_INVALID_ANNOTATION: the file holds annotations, but none that
 *   can be used (e.g. no selector, a quote over %LECTERN_EXPORT_MAX_QUOTE_SIZE)
 * @LECTERN_EXPORT_ERROR_UNREADABLE: the file could not be read
 *
 * Why a whole file was rejected by an import. Nothing in the store is
 * changed when an import fails with one of these.
 */
typedef enum
{
  LECTERN_EXPORT_ERROR_TOO_LARGE,
  LECTERN_EXPORT_ERROR_INVALID_JSON,
  LECTERN_EXPORT_ERROR_NOT_ANNOTATIONS,
  LECTERN_EXPORT_ERROR_INVALID_ANNOTATION,
  LECTERN_EXPORT_ERROR_UNREADABLE,
} LecternExportError;

/**
 * LecternExportFormat:
 * @LECTERN_EXPORT_FORMAT_MARKDOWN: Markdown, for people
 * @LECTERN_EXPORT_FORMAT_JSON_LD: W3C Web Annotations in JSON-LD, for
 *   other tools and for lectern_export_import()
 *
 * What lectern_export_write() writes.
 */
typedef enum
{
  LECTERN_EXPORT_FORMAT_MARKDOWN,
  LECTERN_EXPORT_FORMAT_JSON_LD,
} LecternExportFormat;

/* 64 MiB: far more than any person's notes, and a bound on memory. */
#define LECTERN_EXPORT_MAX_FILE_SIZE (64 * 1024 * 1024)
/* 64 KiB, in bytes: the largest quote (or prefix, suffix) imported. */
#define LECTERN_EXPORT_MAX_QUOTE_SIZE (64 * 1024)

/**
 * LecternImportResult:
 * @imported: annotations added to the store as highlights
 * @duplicates: annotations already in the store (same id, or the same
 *   quote at the same place of the same document); not added again
 * @unmatched: annotations of an open document whose quote was not found in its text
 * @skipped: annotations of documents that are not open, or whose
 *   highlights are read-only
 * @invalid: items of the file that are not usable annotations
 * @highlights: (element-type LecternHighlight): the highlights added, in file order
 * @messages: (element-type utf8): for a person to read: one sentence per
 *   invalid, unmatched or refused annotation in file order, then one per
 *   document that is not open, counting the annotations skipped for it
 * @links_imported: passage links (annotations with `motivation` "linking"
 *   and two targets) added to the link store
 * @links: (element-type LecternPassageLink): the passage links added, in file order
 *
 * What an import did. Every annotation of the file is counted in exactly
 * one of the six counts. A passage link is a duplicate when the link
 * store has its id or a link between the same two places; it is
 * unmatched when either passage is not found, and skipped when either
 * document is not open or no link store was set.
 */
typedef struct
{
  guint      imported;
  guint      duplicates;
  guint      unmatched;
  guint      skipped;
  guint      invalid;
  GPtrArray *highlights;
  GPtrArray *messages;
  guint      links_imported;
  GPtrArray *links;
} LecternImportResult;

#define LECTERN_TYPE_EXPORT (lectern_export_get_type ())

G_DECLARE_FINAL_TYPE (LecternExport, lectern_export, LECTERN, EXPORT, GObject)

GQuark               lectern_export_error_quark       (void);
LecternExport       *lectern_export_new               (LecternAnnotationStore  *store,
                                                       LecternLibrary          *library);
void                 lectern_export_set_color_meanings (LecternExport        *self,
                                                        LecternColorMeanings *meanings);
LecternAnnotationStore *lectern_export_get_store      (LecternExport           *self);
void                 lectern_export_set_link_store    (LecternExport           *self,
                                                       LecternLinkStore        *links);
LecternLinkStore    *lectern_export_get_link_store    (LecternExport           *self);
LecternLibrary      *lectern_export_get_library       (LecternExport           *self);
char                *lectern_export_write             (LecternExport           *self,
                                                       LecternExportFormat      format,
                                                       GPtrArray               *highlights,
                                                       GPtrArray               *links);
LecternImportResult *lectern_export_import            (LecternExport           *self,
                                                       GFile                   *file,
                                                       GBytes                  *contents,
                                                       GCancellable            *cancellable,
                                                       GError                 **error);

void                 lectern_import_result_free       (LecternImportResult     *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternImportResult, lectern_import_result_free)

G_END_DECLS
