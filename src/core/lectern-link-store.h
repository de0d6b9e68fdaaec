/* lectern-link-store.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lectern-annotation-store.h"
#include "lectern-document.h"
#include "lectern-passage-link.h"

G_BEGIN_DECLS

#define LECTERN_LINK_STORE_FORMAT_VERSION 1
/* The largest links file that is read; a larger one is left alone. */
#define LECTERN_LINK_STORE_MAX_FILE_SIZE (64 * 1024 * 1024)

#define LECTERN_TYPE_LINK_STORE (lectern_link_store_get_type ())

G_DECLARE_FINAL_TYPE (LecternLinkStore, lectern_link_store, LECTERN, LINK_STORE, GObject)

LecternLinkStore   *lectern_link_store_new                (const char         *path);
const char         *lectern_link_store_get_path           (LecternLinkStore   *self);
gboolean            lectern_link_store_load               (LecternLinkStore   *self,
                                                           GError            **error);
gboolean            lectern_link_store_is_read_only       (LecternLinkStore   *self);
gboolean            lectern_link_store_add                (LecternLinkStore   *self,
                                                           LecternPassageLink *link,
                                                           GError            **error);
gboolean            lectern_link_store_remove             (LecternLinkStore   *self,
                                                           LecternPassageLink *link,
                                                           GError            **error);
LecternPassageLink *lectern_link_store_find               (LecternLinkStore   *self,
                                                           const char         *id);
GPtrArray          *lectern_link_store_list_between       (LecternLinkStore   *self,
                                                           const char         *doc_a,
                                                           const char         *doc_b);
GPtrArray          *lectern_link_store_list_for_document  (LecternLinkStore   *self,
                                                           const char         *doc_id);
void                lectern_link_store_attach_document    (LecternLinkStore   *self,
                                                           LecternDocument    *document);
gboolean            lectern_link_store_flush              (LecternLinkStore   *self,
                                                           GError            **error);
void                lectern_link_store_set_autosave_delay (LecternLinkStore   *self,
                                                           guint               msec);

G_END_DECLS
