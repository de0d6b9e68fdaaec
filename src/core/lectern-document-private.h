/* lectern-document-private.h: how the loader builds a document
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-document.h"

G_BEGIN_DECLS

/* Takes ownership of @text (NUL-terminated, @n_bytes long, @length
 * characters), @blocks (GArray of LecternBlock), @runs (GArray of
 * LecternStyleRun) and @strings (holds the runs' hrefs). */
LecternDocument *_lectern_document_new (const char             *uri,
                                        const char             *title,
                                        LecternDocumentFormat   format,
                                        char                   *text,
                                        gsize                   n_bytes,
                                        guint                   length,
                                        GArray                 *blocks,
                                        GArray                 *runs,
                                        GStringChunk           *strings);

/* The author and date a page states; either may be %NULL. */
void             _lectern_document_set_byline (LecternDocument *self,
                                               const char      *author,
                                               const char      *date);

/* Takes @spans (GArray of LecternSourceSpan, in rendered order). */
void             _lectern_document_set_source_map (LecternDocument *self,
                                                   GArray          *spans);

G_END_DECLS
