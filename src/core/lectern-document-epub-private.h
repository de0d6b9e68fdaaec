/* lectern-document-epub-private.h: shared by the EPUB loader's files
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/tree.h>

#include "lectern-document-builder.h"

G_BEGIN_DECLS

/* Deeper nesting than this is not a book; the walkers stop there. */
#define EPUB_MAX_DEPTH 200

/* lectern-document-epub.c */

gboolean  _lectern_epub_is_element          (const xmlNode *node,
                                             const char    *name);
char     *_lectern_epub_get_attribute       (xmlNode       *node,
                                             const char    *name);
xmlNode  *_lectern_epub_find_element        (xmlNode       *node,
                                             const char    *name,
                                             guint          depth);

/* lectern-document-epub-xhtml.c */

void      _lectern_epub_add_xhtml_chapter   (Builder       *b,
                                             xmlDoc        *doc);
gboolean  _lectern_epub_starts_with_heading (xmlNode       *node,
                                             guint          depth);

G_END_DECLS
