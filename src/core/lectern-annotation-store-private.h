/* lectern-annotation-store-private.h: what tests and fuzz targets may
 * call beyond the public API
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-annotation-store.h"
#include "lectern-json-file.h"

G_BEGIN_DECLS

/* The largest highlights file that is read (64 MiB, about 60,000
 * highlights with long notes); a larger one is left alone. */
#define LECTERN_STORE_MAX_FILE_SIZE (64 * 1024 * 1024)
/* Deeper JSON is treated as corrupt: json-glib parses recursively, and
 * the format itself is nested four levels deep. */
#define LECTERN_STORE_MAX_NESTING LECTERN_JSON_FILE_MAX_NESTING

/* Attaches @document as lectern_annotation_store_load_document() does,
 * but with @bytes as the contents of its file, which is not read. */
gboolean _lectern_annotation_store_load_bytes (LecternAnnotationStore  *self,
                                               LecternDocument         *document,
                                               GBytes                  *bytes,
                                               GError                 **error);
/* Whether an autosave is scheduled, being prepared or being written. */
gboolean _lectern_annotation_store_is_saving  (LecternAnnotationStore  *self);

/* Shared by lectern-annotation-store.c (the model) and
 * lectern-annotation-store-file.c (its files). */

/* What the store knows about one document and its file. */
typedef struct
{
  LecternAnnotationStore *store;
  char      *id;
  char      *uri;
  char      *title;
  char      *fingerprint;
  guint      length;
  char      *path;
  /* Borrowed from the store's items, in file order. */
  GPtrArray *highlights;
  /* Entries that could not be read, as JSON text; written back
   * unchanged so that nothing in the file is lost unseen. Text rather
   * than nodes so that the parsed tree is not shared (see
   * json_node_unref_later()). */
  GPtrArray *unparsed;
  /* Members of the file's top level and "document" this version does
   * not know, written back (nullable). */
  JsonObject *unknown_top;
  JsonObject *unknown_document;
  /* Writes path, keeping the previous contents as .bak. */
  LecternJsonFile *file;
  /* While an autosave is prepared in slices: the entries collected so
   * far (GRefString), the next highlight to collect, and the count of
   * changes when the collection began. */
  GPtrArray *collected;
  guint      cursor;
  guint      collected_at;
  guint      restarts;
  /* Counts every change to the document's highlights. */
  guint      changes;
  guint      read_only : 1;
  guint      dirty : 1;
  /* Read without its document (lectern-annotation-store-stored.c):
   * read-only until the document is loaded. */
  guint      detached : 1;
  /* Its last save failed. */
  guint      failed : 1;
} DocumentRecord;

struct _LecternAnnotationStore
{
  GObject     parent_instance;

  char       *directory;
  /* The model: LecternHighlight, owned. */
  GPtrArray  *items;
  /* Highlight id → highlight, borrowed from items. */
  GHashTable *by_id;
  /* Document id → DocumentRecord, owned. */
  GHashTable *documents;
  JsonGenerator *generator;
  guint       autosave_delay;
  guint       autosave_id;
  guint       prepare_id;
  /* While save_now() waits: the first failure, and whether failures
   * are only logged (on dispose nobody is left to tell). */
  GError     *flush_error;
  /* While saves fail: the message of the latest failure, and how long
   * until the next try (doubling up to a minute). */
  char       *save_problem;
  guint       retry_delay;
  guint       flushing : 1;
  guint       quiet : 1;
};

void       _lectern_annotation_store_items_changed       (LecternAnnotationStore  *self,
                                                          guint                    position,
                                                          guint                    removed,
                                                          guint                    added);
void       _lectern_annotation_store_highlight_notify_cb (LecternHighlight        *highlight,
                                                          GParamSpec              *pspec,
                                                          LecternAnnotationStore  *self);
GPtrArray *_lectern_annotation_store_list_records        (LecternAnnotationStore  *self,
                                                          gboolean                 dirty_only);
void       _lectern_annotation_store_schedule_save       (LecternAnnotationStore  *self,
                                                          DocumentRecord          *record);
void       _lectern_annotation_store_retry_later         (LecternAnnotationStore  *self);
gboolean   _lectern_annotation_store_save_now            (LecternAnnotationStore  *self,
                                                          gboolean                 emit,
                                                          GError                 **error);
void       _lectern_annotation_store_drop_detached       (LecternAnnotationStore  *self,
                                                          const char              *document_id);
gboolean   _lectern_annotation_store_load_file           (LecternAnnotationStore  *self,
                                                          DocumentRecord          *record,
                                                          LecternDocument         *document,
                                                          GBytes                  *bytes,
                                                          GError                 **error);

/* Each highlight of the store carries its JSON entry as last written
 * (qdata, no table to grow), dropped when it changes, so that a save
 * after one edit writes one entry anew, not all. */
GRefString *_lectern_annotation_store_get_entry    (LecternHighlight *highlight);
void        _lectern_annotation_store_set_entry    (LecternHighlight *highlight,
                                                    GRefString       *entry);
void        _lectern_annotation_store_forget_entry (LecternHighlight *highlight);

/* Places every highlight of @record again in the text of @document. */
void _lectern_annotation_store_reanchor_highlights (DocumentRecord  *record,
                                                    LecternDocument *document);

G_END_DECLS
