/* lectern-annotation-store.c: every highlight of every loaded document,
 * kept in one JSON file per document and saved shortly after each change
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lectern-anchor.h"
#include "lectern-annotation-store.h"
#include "lectern-annotation-store-private.h"

#define FORMAT_NAME "lectern-annotations"
#define FINGERPRINT_PREFIX "sha256:"
#define DEFAULT_AUTOSAVE_DELAY_MSEC 500

/* What the store knows about one document and its file. */
typedef struct
{
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
  /* The bytes last read from or written to path; %NULL while no file
   * exists. Saves write them to the .bak file without reading again. */
  GBytes    *on_disk;
  guint      read_only : 1;
  guint      dirty : 1;
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
  /* Highlight → its JSON text as last saved, dropped when it changes,
   * so that a save after one edit writes one entry anew, not all. */
  GHashTable *entry_json;
  guint       autosave_delay;
  guint       autosave_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LecternAnnotationStore, lectern_annotation_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_QUARK (lectern-store-error-quark, lectern_store_error)

enum {
  PROP_0,
  PROP_DIRECTORY,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  DOCUMENT_CHANGED,
  SAVE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
document_record_free (gpointer data)
{
  DocumentRecord *record = data;

  g_free (record->id);
  g_free (record->uri);
  g_free (record->title);
  g_free (record->fingerprint);
  g_free (record->path);
  g_ptr_array_unref (record->highlights);
  g_ptr_array_unref (record->unparsed);
  g_clear_pointer (&record->on_disk, g_bytes_unref);
  g_free (record);
}

static DocumentRecord *
document_record_new (LecternAnnotationStore *self,
                     LecternDocument        *document)
{
  DocumentRecord *record = g_new0 (DocumentRecord, 1);

  record->id = g_strdup (lectern_document_get_id (document));
  record->uri = g_strdup (lectern_document_get_uri (document));
  record->title = g_strdup (lectern_document_get_title (document));
  record->fingerprint = g_strdup (lectern_document_get_fingerprint (document));
  record->length = lectern_document_get_length (document);
  record->path = lectern_annotation_store_dup_path (self, record->id);
  record->highlights = g_ptr_array_new ();
  record->unparsed = g_ptr_array_new_with_free_func (g_free);

  return record;
}

/* List model */

static GType
lectern_annotation_store_get_item_type (GListModel *model)
{
  return LECTERN_TYPE_HIGHLIGHT;
}

static guint
lectern_annotation_store_get_n_items (GListModel *model)
{
  LecternAnnotationStore *self = LECTERN_ANNOTATION_STORE (model);

  return self->items->len;
}

static gpointer
lectern_annotation_store_get_item (GListModel *model,
                                   guint       position)
{
  LecternAnnotationStore *self = LECTERN_ANNOTATION_STORE (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lectern_annotation_store_get_item_type;
  iface->get_n_items = lectern_annotation_store_get_n_items;
  iface->get_item = lectern_annotation_store_get_item;
}

static void
items_changed (LecternAnnotationStore *self,
               guint                   position,
               guint                   removed,
               guint                   added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);

  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
unref_json_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  json_node_unref (task_data);
  g_task_return_boolean (task, TRUE);
}

/* Freeing the JSON tree of a large file takes about as long as parsing
 * it (json-glib frees node by node). The tree is not shared with
 * anything, so a worker thread can free it while the main loop goes on. */
static void
json_node_unref_later (JsonNode *node,
                       guint     n_entries)
{
  g_autoptr(GTask) task = NULL;

  if (node == NULL)
    return;

  if (n_entries < 1000)
    {
      json_node_unref (node);
      return;
    }

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, json_node_unref_later);
  g_task_set_name (task, "[lectern] free highlights JSON");
  g_task_set_task_data (task, node, NULL);
  g_task_run_in_thread (task, unref_json_thread);
}

/* Saving */

static char *
put_digits (char *p,
            int   value,
            int   width)
{
  for (int i = width - 1; i >= 0; i--)
    {
      p[i] = '0' + value % 10;
      value /= 10;
    }

  return p + width;
}

/* "YYYY-MM-DDTHH:MM:SSZ" by hand: printf would be a tenth of the time
 * it takes to save 100k highlights. */
static void
format_time (GDateTime *datetime,
             char       buffer[32])
{
  int year, month, day;
  char *p = buffer;

  /* Highlights keep their times in UTC, so no conversion is needed. */
  g_date_time_get_ymd (datetime, &year, &month, &day);
  g_assert (year >= 1 && year <= 9999);

  p = put_digits (p, year, 4);
  *p++ = '-';
  p = put_digits (p, month, 2);
  *p++ = '-';
  p = put_digits (p, day, 2);
  *p++ = 'T';
  p = put_digits (p, g_date_time_get_hour (datetime), 2);
  *p++ = ':';
  p = put_digits (p, g_date_time_get_minute (datetime), 2);
  *p++ = ':';
  p = put_digits (p, g_date_time_get_second (datetime), 2);
  *p++ = 'Z';
  *p = '\0';
}

static JsonObject *
target_to_json (LecternHighlight *highlight)
{
  JsonObject *target = json_object_new ();

  json_object_set_int_member (target, "start", lectern_highlight_get_start (highlight));
  json_object_set_int_member (target, "end", lectern_highlight_get_end (highlight));
  json_object_set_string_member (target, "exact", lectern_highlight_get_exact (highlight));
  json_object_set_string_member (target, "prefix", lectern_highlight_get_prefix (highlight));
  json_object_set_string_member (target, "suffix", lectern_highlight_get_suffix (highlight));

  return target;
}

static JsonObject *
highlight_to_json (LecternHighlight *highlight)
{
  JsonObject *object = json_object_new ();
  const char * const *tags = lectern_highlight_get_tags (highlight);
  JsonArray *tag_array = json_array_sized_new (g_strv_length ((char **)tags));
  char created[32];
  char modified[32];

  format_time (lectern_highlight_get_created (highlight), created);
  format_time (lectern_highlight_get_modified (highlight), modified);

  for (guint i = 0; tags[i] != NULL; i++)
    json_array_add_string_element (tag_array, tags[i]);

  json_object_set_string_member (object, "id", lectern_highlight_get_id (highlight));
  json_object_set_string_member (object, "color",
                                 lectern_color_to_string (lectern_highlight_get_color (highlight)));
  json_object_set_string_member (object, "created", created);
  json_object_set_string_member (object, "modified", modified);
  json_object_set_string_member (object, "note", lectern_highlight_get_note (highlight));
  json_object_set_array_member (object, "tags", tag_array);
  json_object_set_object_member (object, "target", target_to_json (highlight));
  json_object_set_string_member (object, "state",
                                 lectern_highlight_state_to_string (lectern_highlight_get_state (highlight)));

  return object;
}

static JsonObject *
document_to_json (DocumentRecord *record)
{
  JsonObject *document = json_object_new ();
  g_autofree char *fingerprint = g_strconcat (FINGERPRINT_PREFIX, record->fingerprint, NULL);

  json_object_set_string_member (document, "uri", record->uri);
  json_object_set_string_member (document, "title", record->title);
  json_object_set_string_member (document, "fingerprint", fingerprint);
  json_object_set_int_member (document, "length", record->length);

  return document;
}

/* Appends the compact JSON of @object, which it consumes. */
static void
generate_object (JsonGenerator *generator,
                 JsonObject    *object,
                 GString       *out)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  json_generator_set_root (generator, node);
  json_node_unref (node);
  json_generator_to_gstring (generator, out);
}

/* The entry of @highlight: from @cache, or written and then cached. */
static void
append_entry (JsonGenerator    *generator,
              GHashTable       *cache,
              LecternHighlight *highlight,
              GString          *out)
{
  const char *cached = g_hash_table_lookup (cache, highlight);
  gsize start = out->len;

  if (cached != NULL)
    {
      g_string_append (out, cached);
      return;
    }

  generate_object (generator, highlight_to_json (highlight), out);
  g_hash_table_insert (cache, highlight, g_strndup (out->str + start, out->len - start));
}

/* json-glib writes every part of the file, but one highlight at a time:
 * the tree of a single entry is built, written and freed while it is
 * still in the CPU cache. For 100k highlights that is about three times
 * faster than one tree of the whole file, which also took as long to
 * free as to build. The top level is written with an empty
 * "highlights" array, and the entries are put between its brackets.
 * Entries of unchanged highlights come from @cache. */
static GBytes *
document_record_serialize (DocumentRecord *record,
                           GHashTable     *cache)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *object = json_object_new ();
  gsize hint = record->on_disk != NULL ? g_bytes_get_size (record->on_disk) : 0;
  GString *out = g_string_sized_new (MAX (hint + hint / 8, 1024));
  gboolean first = TRUE;

  json_object_set_string_member (object, "format", FORMAT_NAME);
  json_object_set_int_member (object, "version", LECTERN_STORE_FORMAT_VERSION);
  json_object_set_object_member (object, "document", document_to_json (record));
  json_object_set_array_member (object, "highlights", json_array_new ());
  generate_object (generator, object, out);

  g_assert (g_str_has_suffix (out->str, "[]}"));
  g_string_truncate (out, out->len - 2);

  for (guint i = 0; i < record->highlights->len; i++, first = FALSE)
    {
      if (!first)
        g_string_append_c (out, ',');
      append_entry (generator, cache, g_ptr_array_index (record->highlights, i), out);
    }
  /* Written by json_to_string() when they were read, so valid JSON. */
  for (guint i = 0; i < record->unparsed->len; i++, first = FALSE)
    {
      if (!first)
        g_string_append_c (out, ',');
      g_string_append (out, g_ptr_array_index (record->unparsed, i));
    }

  g_string_append (out, "]}");

  return g_string_free_to_bytes (out);
}

static gboolean
write_durably (const char  *path,
               GBytes      *bytes,
               GError     **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_file_set_contents_full (path, data, size,
                                   (G_FILE_SET_CONTENTS_CONSISTENT |
                                    G_FILE_SET_CONTENTS_DURABLE),
                                   0600, error);
}

/* Keeps the previous file as .bak first: if that fails, the main file
 * is not touched, so a failed save never leaves less than before. */
static gboolean
write_files (LecternAnnotationStore  *self,
             DocumentRecord          *record,
             GBytes                  *bytes,
             GError                 **error)
{
  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return FALSE;
    }

  if (record->on_disk != NULL)
    {
      g_autofree char *bak = g_strconcat (record->path, ".bak", NULL);

      if (!write_durably (bak, record->on_disk, error))
        return FALSE;
    }

  return write_durably (record->path, bytes, error);
}

static gboolean
document_record_save (LecternAnnotationStore  *self,
                      DocumentRecord          *record,
                      GError                 **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_assert (!record->read_only);

  bytes = document_record_serialize (record, self->entry_json);

  /* An edit that was undone before the save leaves nothing to write. */
  if (record->on_disk != NULL && g_bytes_equal (bytes, record->on_disk))
    {
      record->dirty = FALSE;
      return TRUE;
    }

  if (!write_files (self, record, bytes, &local_error))
    {
      g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_WRITE_FAILED,
                   _("Could not save highlights to “%s”: %s. The previous file is unchanged."),
                   record->path, local_error->message);
      return FALSE;
    }

  g_clear_pointer (&record->on_disk, g_bytes_unref);
  record->on_disk = g_steal_pointer (&bytes);
  record->dirty = FALSE;

  return TRUE;
}

/* Saves every changed document. A document that fails stays dirty and
 * is tried again at the next change or flush. */
static gboolean
save_dirty (LecternAnnotationStore  *self,
            gboolean                 emit,
            GError                 **error)
{
  g_autoptr(GPtrArray) dirty = g_ptr_array_new ();
  GHashTableIter iter;
  DocumentRecord *record;
  gboolean ret = TRUE;

  g_clear_handle_id (&self->autosave_id, g_source_remove);

  /* Collected first: save-failed handlers may change the store. */
  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&record))
    if (record->dirty && !record->read_only)
      g_ptr_array_add (dirty, record);

  for (guint i = 0; i < dirty->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      record = g_ptr_array_index (dirty, i);
      if (document_record_save (self, record, &local_error))
        continue;

      if (emit)
        g_signal_emit (self, signals[SAVE_FAILED], 0, record->id, local_error);
      else
        g_debug ("%s", local_error->message);

      if (ret)
        g_propagate_error (error, g_steal_pointer (&local_error));
      ret = FALSE;
    }

  return ret;
}

static gboolean
autosave_cb (gpointer user_data)
{
  LecternAnnotationStore *self = user_data;

  self->autosave_id = 0;
  save_dirty (self, TRUE, NULL);

  return G_SOURCE_REMOVE;
}

/* The timer is not restarted by later changes, so a change is on disk
 * at most one delay after it was made. */
static void
schedule_save (LecternAnnotationStore *self,
               DocumentRecord         *record)
{
  if (record->read_only)
    return;

  record->dirty = TRUE;

  if (self->autosave_id == 0)
    {
      self->autosave_id = g_timeout_add (self->autosave_delay, autosave_cb, self);
      g_source_set_name_by_id (self->autosave_id, "[lectern] autosave highlights");
    }
}

/* Every change goes through here: it marks the document for saving
 * and tells the UI. */
static void
document_changed (LecternAnnotationStore *self,
                  DocumentRecord         *record)
{
  schedule_save (self, record);
  g_signal_emit (self, signals[DOCUMENT_CHANGED], 0, record->id);
}

static void
highlight_notify_cb (LecternHighlight       *highlight,
                     GParamSpec             *pspec,
                     LecternAnnotationStore *self)
{
  DocumentRecord *record;

  record = g_hash_table_lookup (self->documents, lectern_highlight_get_document_id (highlight));
  g_assert (record != NULL);

  g_hash_table_remove (self->entry_json, highlight);
  document_changed (self, record);
}

/* Loading */

static gboolean
read_string (JsonObject  *object,
             const char  *name,
             gboolean     required,
             const char **value)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return !required;

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_uint (JsonObject *object,
           const char *name,
           guint      *value)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 number;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  number = json_node_get_int (node);
  if (number < 0 || number > G_MAXUINT)
    return FALSE;

  *value = (guint)number;
  return TRUE;
}

static gboolean
get_digits (const char *str,
            int         width,
            int        *value)
{
  *value = 0;
  for (int i = 0; i < width; i++)
    {
      if (!g_ascii_isdigit (str[i]))
        return FALSE;
      *value = *value * 10 + (str[i] - '0');
    }

  return TRUE;
}

/* The form format_time() writes, read without the general ISO 8601
 * parser and its time zone conversion; %NULL for any other form. */
static GDateTime *
parse_utc_time (const char *str,
                GTimeZone  *utc)
{
  int year, month, day, hour, minute, second;

  if (strlen (str) != 20 ||
      str[4] != '-' || str[7] != '-' || str[10] != 'T' ||
      str[13] != ':' || str[16] != ':' || str[19] != 'Z' ||
      !get_digits (str, 4, &year) || !get_digits (str + 5, 2, &month) ||
      !get_digits (str + 8, 2, &day) || !get_digits (str + 11, 2, &hour) ||
      !get_digits (str + 14, 2, &minute) || !get_digits (str + 17, 2, &second))
    return NULL;

  return g_date_time_new (utc, year, month, day, hour, minute, second);
}

/* A missing time is fine (the caller picks a default); a malformed one
 * is not. When the time is written as @same_as was, @same is reused. */
static gboolean
read_time (JsonObject  *object,
           const char  *name,
           GTimeZone   *utc,
           const char  *same_as,
           GDateTime   *same,
           const char **str,
           GDateTime  **value)
{
  g_autoptr(GDateTime) datetime = NULL;

  *value = NULL;

  if (!read_string (object, name, FALSE, str))
    return FALSE;
  if (*str == NULL)
    return TRUE;

  if (same != NULL && same_as != NULL && strcmp (*str, same_as) == 0)
    {
      *value = g_date_time_ref (same);
      return TRUE;
    }

  *value = parse_utc_time (*str, utc);
  if (*value != NULL)
    return TRUE;

  datetime = g_date_time_new_from_iso8601 (*str, utc);
  if (datetime == NULL)
    return FALSE;

  *value = g_date_time_to_utc (datetime);
  return TRUE;
}

/* Fills @tags with borrowed strings, NULL-terminated. */
static gboolean
read_tags (JsonObject *object,
           GPtrArray  *tags)
{
  JsonNode *node = json_object_get_member (object, "tags");
  JsonArray *array;
  guint n;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (json_node_get_value_type (element) != G_TYPE_STRING)
        return FALSE;
      g_ptr_array_add (tags, (gpointer)json_node_get_string (element));
    }

  return TRUE;
}

typedef struct
{
  guint       start;
  guint       end;
  const char *exact;
  const char *prefix;
  const char *suffix;
} Target;

static gboolean
read_target (JsonObject *object,
             Target     *target)
{
  JsonNode *node = json_object_get_member (object, "target");
  JsonObject *target_object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  target_object = json_node_get_object (node);

  return read_uint (target_object, "start", &target->start) &&
         read_uint (target_object, "end", &target->end) &&
         target->start <= target->end &&
         read_string (target_object, "exact", TRUE, &target->exact) &&
         read_string (target_object, "prefix", FALSE, &target->prefix) &&
         read_string (target_object, "suffix", FALSE, &target->suffix);
}

static gboolean
read_kind (JsonObject            *object,
           LecternColor          *color,
           LecternHighlightState *state)
{
  const char *color_name;
  const char *state_name;

  *state = LECTERN_HIGHLIGHT_ANCHORED;

  return read_string (object, "color", TRUE, &color_name) &&
         lectern_color_from_string (color_name, color) &&
         read_string (object, "state", FALSE, &state_name) &&
         (state_name == NULL || lectern_highlight_state_from_string (state_name, state));
}

/* Returns %NULL for an entry with a missing or malformed field. */
static LecternHighlight *
highlight_from_json (JsonNode   *node,
                     const char *document_id,
                     GTimeZone  *utc)
{
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) modified = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  JsonObject *object;
  const char *id;
  const char *note;
  const char *created_str;
  const char *modified_str;
  LecternColor color;
  LecternHighlightState state;
  Target target;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = json_node_get_object (node);
  if (!read_string (object, "id", TRUE, &id) || *id == '\0' ||
      !read_kind (object, &color, &state) ||
      !read_time (object, "created", utc, NULL, NULL, &created_str, &created) || created == NULL ||
      !read_time (object, "modified", utc, created_str, created, &modified_str, &modified) ||
      !read_string (object, "note", FALSE, &note) ||
      !read_tags (object, tags) ||
      !read_target (object, &target))
    return NULL;

  g_ptr_array_add (tags, NULL);

  return lectern_highlight_new_full (id, document_id, color, note,
                                     (const char * const *)tags->pdata,
                                     created, modified,
                                     target.start, target.end,
                                     target.exact, target.prefix, target.suffix,
                                     state);
}

/* The text of the document changed since the file was written: every
 * highlight is placed again (see LecternAnchor). Their quotes stay as
 * stored; those that cannot be found are marked orphaned and keep
 * their old range, so that nothing is lost. */
static void
reanchor_highlights (DocumentRecord  *record,
                     LecternDocument *document)
{
  g_autoptr(LecternAnchorText) text = NULL;
  g_autofree LecternAnchorTarget *targets = NULL;
  g_autofree LecternAnchorResult *results = NULL;
  guint n = record->highlights->len;
  guint n_orphaned = 0;
  guint n_review = 0;

  if (n == 0)
    return;

  text = lectern_anchor_text_new_for_document (document);
  targets = g_new (LecternAnchorTarget, n);
  results = g_new (LecternAnchorResult, n);

  for (guint i = 0; i < n; i++)
    lectern_anchor_target_init_from_highlight (&targets[i], g_ptr_array_index (record->highlights, i));

  lectern_anchor_locate_all (text, targets, n, results);

  for (guint i = 0; i < n; i++)
    {
      LecternHighlight *highlight = g_ptr_array_index (record->highlights, i);

      if (results[i].method == LECTERN_ANCHOR_ORPHANED)
        {
          lectern_highlight_set_state (highlight, LECTERN_HIGHLIGHT_ORPHANED);
          n_orphaned++;
          continue;
        }

      lectern_highlight_set_range (highlight, results[i].start, results[i].end);

      /* A fuzzy match the anchor is unsure of is placed, not trusted: the
       * reader decides whether the look-alike text is the same passage. */
      if (results[i].method == LECTERN_ANCHOR_FUZZY && results[i].confidence < LECTERN_STORE_REVIEW_BELOW)
        {
          lectern_highlight_set_state (highlight, LECTERN_HIGHLIGHT_NEEDS_REVIEW);
          n_review++;
        }
      else
        lectern_highlight_set_state (highlight, LECTERN_HIGHLIGHT_ANCHORED);
    }

  g_debug ("%s: the document changed; %u highlights placed again (%u to review), %u could not be placed",
           record->path, n - n_orphaned, n_review, n_orphaned);
}

/* Whether every placed highlight of @record lies inside the text of
 * @document. */
static gboolean
ranges_fit (DocumentRecord  *record,
            LecternDocument *document)
{
  guint length = lectern_document_get_length (document);

  for (guint i = 0; i < record->highlights->len; i++)
    {
      LecternHighlight *highlight = g_ptr_array_index (record->highlights, i);

      if (lectern_highlight_get_state (highlight) != LECTERN_HIGHLIGHT_ORPHANED &&
          lectern_highlight_get_end (highlight) > length)
        return FALSE;
    }

  return TRUE;
}

/* Adds the readable entries of @array to the store. Entries that cannot
 * be read, or whose id is already taken, are kept aside unchanged.
 * Returns %FALSE, adding nothing, when there were entries and none of
 * them could be read: such a file is treated as corrupt. When the text
 * of @document changed since the file was written (*@changed), or a
 * stored range does not fit in it (a hand-edited file), the highlights
 * are placed again in its text before anyone sees them, and *@changed
 * is set. */
static gboolean
add_entries (LecternAnnotationStore *self,
             DocumentRecord         *record,
             JsonArray              *array,
             LecternDocument        *document,
             gboolean               *changed)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  guint n_entries = json_array_get_length (array);
  guint old_len = self->items->len;

  for (guint i = 0; i < n_entries; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      LecternHighlight *highlight = highlight_from_json (node, record->id, utc);

      if (highlight != NULL && g_hash_table_contains (self->by_id, lectern_highlight_get_id (highlight)))
        g_clear_object (&highlight);

      if (highlight == NULL)
        {
          g_ptr_array_add (record->unparsed, json_to_string (node, FALSE));
          continue;
        }

      g_hash_table_insert (self->by_id, (gpointer)lectern_highlight_get_id (highlight), highlight);
      g_ptr_array_add (self->items, highlight);
      g_ptr_array_add (record->highlights, highlight);
    }

  if (n_entries > 0 && record->highlights->len == 0)
    {
      g_ptr_array_set_size (record->unparsed, 0);
      return FALSE;
    }

  if (!*changed && !ranges_fit (record, document))
    {
      g_debug ("%s: highlights lie outside the text of an unchanged document; placing them again",
               record->path);
      *changed = TRUE;
    }
  if (*changed)
    reanchor_highlights (record, document);

  for (guint i = 0; i < record->highlights->len; i++)
    g_signal_connect (g_ptr_array_index (record->highlights, i), "notify",
                      G_CALLBACK (highlight_notify_cb), self);

  if (record->unparsed->len > 0)
    g_debug ("%s: %u highlight entries could not be read and are kept as they are",
             record->path, record->unparsed->len);

  if (self->items->len > old_len)
    items_changed (self, old_len, 0, self->items->len - old_len);

  return TRUE;
}

static char *
unused_corrupt_path (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  char *corrupt_path = g_strdup_printf ("%s.corrupt-%s", path, stamp);

  for (guint i = 1; g_file_test (corrupt_path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK); i++)
    {
      g_free (corrupt_path);
      corrupt_path = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, i);
    }

  return corrupt_path;
}

/* Moves an unreadable file aside so that nothing is overwritten unseen;
 * the document then starts afresh. If even that fails, the document
 * becomes read-only and the file stays where it is. */
static gboolean
keep_corrupt_file (DocumentRecord  *record,
                   GError         **error)
{
  g_autofree char *corrupt_path = unused_corrupt_path (record->path);
  g_autofree char *corrupt_name = NULL;

  if (g_rename (record->path, corrupt_path) != 0)
    {
      int saved_errno = errno;

      record->read_only = TRUE;
      g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_CORRUPT,
                   _("The highlights file “%s” could not be read, nor be set aside (%s). "
                     "It is left as it is, and highlights of this document cannot be saved."),
                   record->path, g_strerror (saved_errno));
      return FALSE;
    }

  corrupt_name = g_path_get_basename (corrupt_path);
  g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_CORRUPT,
               _("The highlights file “%s” could not be read and was kept as “%s”. "
                 "Highlights made now start a new file."),
               record->path, corrupt_name);
  return FALSE;
}

/* The version of a file of our format, or 0 when the top level is not
 * one: not an object, another "format", no usable "version". */
static gint64
file_version (JsonNode *root)
{
  JsonObject *object;
  JsonNode *version;
  const char *format;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;

  object = json_node_get_object (root);
  if (!read_string (object, "format", TRUE, &format) || strcmp (format, FORMAT_NAME) != 0)
    return 0;

  version = json_object_get_member (object, "version");
  if (version == NULL || json_node_get_value_type (version) != G_TYPE_INT64)
    return 0;

  return MAX (json_node_get_int (version), 0);
}

/* Returns the "highlights" array, an empty one when it is missing, or
 * %NULL when it is something else. */
static JsonArray *
dup_entries (JsonNode *root)
{
  JsonNode *node = json_object_get_member (json_node_get_object (root), "highlights");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return json_array_new ();
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_array_ref (json_node_get_array (node));
}

/* Whether the file was written for another text of the document:
 * then its highlights must be placed again. A file without a usable
 * fingerprint counts as changed. */
static gboolean
text_changed (JsonNode        *root,
              LecternDocument *document)
{
  JsonNode *node = json_object_get_member (json_node_get_object (root), "document");
  const char *fingerprint;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      !read_string (json_node_get_object (node), "fingerprint", TRUE, &fingerprint) ||
      !g_str_has_prefix (fingerprint, FINGERPRINT_PREFIX))
    return TRUE;

  return strcmp (fingerprint + strlen (FINGERPRINT_PREFIX),
                 lectern_document_get_fingerprint (document)) != 0;
}

/* A newer Lectern wrote the file: show what we understand, never write.
 * Highlights are still placed in a changed text, in memory only. */
static gboolean
load_newer (LecternAnnotationStore  *self,
            DocumentRecord          *record,
            LecternDocument         *document,
            JsonNode                *root,
            gint64                   version,
            GError                 **error)
{
  g_autoptr(JsonArray) entries = dup_entries (root);

  record->read_only = TRUE;
  if (entries != NULL)
    {
      gboolean changed = text_changed (root, document);

      add_entries (self, record, entries, document, &changed);
    }

  g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_NEWER_VERSION,
               _("The highlights file “%s” was written by a newer version of Lectern "
                 "(format %lld). Its highlights are shown as far as they "
                 "are understood, but the file will not be changed."),
               record->path, (long long) version);
  return FALSE;
}

/* With a changed text, the highlights placed again are saved soon (the
 * previous file becomes the .bak). */
static gboolean
load_root (LecternAnnotationStore  *self,
           DocumentRecord          *record,
           LecternDocument         *document,
           JsonNode                *root,
           GBytes                  *bytes,
           GError                 **error)
{
  g_autoptr(JsonArray) entries = NULL;
  gint64 version = file_version (root);
  gboolean changed;

  if (version > LECTERN_STORE_FORMAT_VERSION)
    return load_newer (self, record, document, root, version, error);

  changed = version >= 1 && text_changed (root, document);

  if (version < 1 ||
      (entries = dup_entries (root)) == NULL ||
      !add_entries (self, record, entries, document, &changed))
    return keep_corrupt_file (record, error);

  record->on_disk = g_bytes_ref (bytes);
  if (changed && record->highlights->len > 0)
    schedule_save (self, record);

  return TRUE;
}

/* json-glib parses recursively, so a file nested many thousands of
 * levels deep would overflow the stack; it also accepts more than JSON
 * (comments, single quotes). Our files are strict JSON nested a few
 * levels deep: anything else is treated as corrupt, before json-glib
 * sees it. Outside strings, strict JSON has no quote but '"', and no
 * '#' or '/'. */
static gboolean
is_plain_json (const char *data,
               gsize       size)
{
  guint depth = 0;

  for (gsize i = 0; i < size; i++)
    {
      switch (data[i])
        {
        case '"':
          /* To the closing quote: one after an even number of backslashes. */
          for (;;)
            {
              const char *quote = memchr (data + i + 1, '"', size - i - 1);
              gsize backslashes = 0;

              if (quote == NULL)
                return FALSE;
              i = quote - data;
              while (data[i - 1 - backslashes] == '\\')
                backslashes++;
              if (backslashes % 2 == 0)
                break;
            }
          break;

        case '[':
        case '{':
          if (++depth > LECTERN_STORE_MAX_NESTING)
            return FALSE;
          break;

        case ']':
        case '}':
          if (depth == 0)
            return FALSE;
          depth--;
          break;

        case '\'':
        case '#':
        case '/':
          return FALSE;

        default:
          break;
        }
    }

  return TRUE;
}

static gboolean
load_contents (LecternAnnotationStore  *self,
               DocumentRecord          *record,
               LecternDocument         *document,
               GBytes                  *bytes,
               GError                 **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  JsonNode *root;
  gboolean ret;

  if (!is_plain_json (data, size))
    {
      g_debug ("%s: not strict JSON, or nested more than %u levels deep",
               record->path, LECTERN_STORE_MAX_NESTING);
      return keep_corrupt_file (record, error);
    }

  if (!json_parser_load_from_data (parser, data, size, &parse_error))
    {
      g_debug ("%s: %s", record->path, parse_error->message);
      return keep_corrupt_file (record, error);
    }

  root = json_parser_steal_root (parser);
  g_clear_object (&parser);

  ret = load_root (self, record, document, root, bytes, error);
  json_node_unref_later (root, record->highlights->len);

  return ret;
}

/* The caller's message names the file. */
static void
set_io_error (GError **error,
              int      saved_errno)
{
  g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
}

/* Reads a regular file of at most @max_size bytes; sets *@too_large
 * (and no error) for a larger one, which is not read (or not further,
 * if it grows while read). */
static GBytes *
read_at_most (const char  *path,
              gsize        max_size,
              gboolean    *too_large,
              GError     **error)
{
  g_autofree char *data = NULL;
  struct stat st;
  gsize capacity;
  gsize length = 0;
  int fd;

  *too_large = FALSE;

  /* Non-blocking, so that a named pipe in its place cannot hang us. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0)
    {
      set_io_error (error, errno);
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      set_io_error (error, errno);
      close (fd);
      return NULL;
    }

  if (!S_ISREG (st.st_mode))
    {
      if (S_ISDIR (st.st_mode))
        set_io_error (error, EISDIR);
      else
        g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                             _("It is not a regular file"));
      close (fd);
      return NULL;
    }

  if ((guint64)st.st_size > max_size)
    {
      *too_large = TRUE;
      close (fd);
      return NULL;
    }

  /* Room for one byte more than the size shows a file that grew. */
  capacity = (gsize)st.st_size + 1;
  data = g_malloc (capacity);

  for (;;)
    {
      gssize n;

      if (length == capacity)
        {
          if (capacity > max_size)
            {
              *too_large = TRUE;
              break;
            }
          capacity = MIN (2 * capacity, max_size + 1);
          data = g_realloc (data, capacity);
        }

      n = read (fd, data + length, capacity - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_io_error (error, errno);
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      length += n;
    }
  close (fd);

  if (*too_large)
    return NULL;

  return g_bytes_new_take (g_steal_pointer (&data), length);
}

static gboolean
is_alnum_string (const char *str)
{
  for (; *str != '\0'; str++)
    if (!g_ascii_isalnum (*str))
      return FALSE;

  return TRUE;
}

/* A save killed halfway leaves GLib's temporary file beside the real
 * one ("<key>.json.XXXXXX", or the same after ".bak"); the real file
 * is whole. They are removed when the document is next loaded. */
static void
remove_stale_temporaries (DocumentRecord *record)
{
  g_autofree char *dirname = g_path_get_dirname (record->path);
  g_autofree char *basename = g_path_get_basename (record->path);
  g_autoptr(GDir) dir = g_dir_open (dirname, 0, NULL);
  gsize base_len = strlen (basename);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      const char *rest = name + base_len;
      g_autofree char *path = NULL;
      GStatBuf st;

      if (strncmp (name, basename, base_len) != 0)
        continue;
      if (g_str_has_prefix (rest, ".bak"))
        rest += strlen (".bak");
      if (strlen (rest) != 7 || rest[0] != '.' || !is_alnum_string (rest + 1))
        continue;

      path = g_build_filename (dirname, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && g_unlink (path) == 0)
        g_debug ("Removed %s, left by an interrupted save", path);
    }
}

static gboolean
load_file (LecternAnnotationStore  *self,
           DocumentRecord          *record,
           LecternDocument         *document,
           GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean too_large;

  remove_stale_temporaries (record);

  bytes = read_at_most (record->path, LECTERN_STORE_MAX_FILE_SIZE, &too_large, &local_error);

  if (too_large)
    {
      g_autofree char *limit = g_format_size (LECTERN_STORE_MAX_FILE_SIZE);

      record->read_only = TRUE;
      g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_UNREADABLE,
                   _("The highlights file “%s” is larger than %s, too large to be "
                     "highlights. It is left as it is, and highlights of this document "
                     "cannot be saved."),
                   record->path, limit);
      return FALSE;
    }

  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;

      record->read_only = TRUE;
      g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_UNREADABLE,
                   _("The highlights file “%s” could not be read: %s. It will not be "
                     "changed, and highlights of this document cannot be saved."),
                   record->path, local_error->message);
      return FALSE;
    }

  return load_contents (self, record, document, bytes, error);
}

/* Object */

static void
lectern_annotation_store_constructed (GObject *object)
{
  LecternAnnotationStore *self = (LecternAnnotationStore *)object;

  G_OBJECT_CLASS (lectern_annotation_store_parent_class)->constructed (object);

  if (self->directory == NULL)
    self->directory = g_build_filename (g_get_user_data_dir (), "lectern", "annotations", NULL);
}

static void
lectern_annotation_store_dispose (GObject *object)
{
  LecternAnnotationStore *self = (LecternAnnotationStore *)object;
  g_autoptr(GError) error = NULL;

  /* Nobody is left to tell about a failure at this point. */
  if (!save_dirty (self, FALSE, &error))
    g_debug ("Highlights were not all saved: %s", error->message);

  g_clear_handle_id (&self->autosave_id, g_source_remove);

  for (guint i = 0; i < self->items->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->items, i),
                                          highlight_notify_cb, self);

  G_OBJECT_CLASS (lectern_annotation_store_parent_class)->dispose (object);
}

static void
lectern_annotation_store_finalize (GObject *object)
{
  LecternAnnotationStore *self = (LecternAnnotationStore *)object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->documents, g_hash_table_unref);
  g_clear_pointer (&self->entry_json, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->directory, g_free);

  G_OBJECT_CLASS (lectern_annotation_store_parent_class)->finalize (object);
}

static void
lectern_annotation_store_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  LecternAnnotationStore *self = LECTERN_ANNOTATION_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_annotation_store_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  LecternAnnotationStore *self = LECTERN_ANNOTATION_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      self->directory = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_annotation_store_class_init (LecternAnnotationStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lectern_annotation_store_constructed;
  object_class->dispose = lectern_annotation_store_dispose;
  object_class->finalize = lectern_annotation_store_finalize;
  object_class->get_property = lectern_annotation_store_get_property;
  object_class->set_property = lectern_annotation_store_set_property;

  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LecternAnnotationStore::document-changed:
   * @self: a #LecternAnnotationStore
   * @document_id: the id of the document whose highlights changed
   *
   * Emitted when a highlight of a document is added, removed or changed.
   */
  signals[DOCUMENT_CHANGED] =
    g_signal_new ("document-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * LecternAnnotationStore::save-failed:
   * @self: a #LecternAnnotationStore
   * @document_id: the id of the document that could not be saved
   * @error: what went wrong, a %LECTERN_STORE_ERROR_WRITE_FAILED naming the file
   *
   * Emitted when saving a document's highlights failed. Its previous file
   * is unchanged; the store tries again at the next change or flush.
   */
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
lectern_annotation_store_init (LecternAnnotationStore *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->documents = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, document_record_free);
  self->entry_json = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->autosave_delay = DEFAULT_AUTOSAVE_DELAY_MSEC;
}

/* Public API */

/**
 * lectern_annotation_store_new:
 * @directory: (nullable): where the highlights files live; %NULL for
 *   `$XDG_DATA_HOME/lectern/annotations`
 *
 * Creates an empty store. The directory is created when the first file
 * is written.
 *
 * Returns: (transfer full): a new #LecternAnnotationStore
 */
LecternAnnotationStore *
lectern_annotation_store_new (const char *directory)
{
  return g_object_new (LECTERN_TYPE_ANNOTATION_STORE,
                       "directory", directory,
                       NULL);
}

/**
 * lectern_annotation_store_get_directory:
 * @self: a #LecternAnnotationStore
 *
 * Returns: the directory that holds the highlights files
 */
const char *
lectern_annotation_store_get_directory (LecternAnnotationStore *self)
{
  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), NULL);

  return self->directory;
}

/* With @bytes, they stand for the file, which is not read. */
static gboolean
load_document_from (LecternAnnotationStore  *self,
                    LecternDocument         *document,
                    GBytes                  *bytes,
                    GError                 **error)
{
  DocumentRecord *record;

  if (g_hash_table_contains (self->documents, lectern_document_get_id (document)))
    return TRUE;

  record = document_record_new (self, document);
  g_hash_table_insert (self->documents, record->id, record);

  if (bytes != NULL ? !load_contents (self, record, document, bytes, error)
                    : !load_file (self, record, document, error))
    return FALSE;

  if (record->highlights->len > 0)
    g_signal_emit (self, signals[DOCUMENT_CHANGED], 0, record->id);

  return TRUE;
}

/**
 * lectern_annotation_store_load_document:
 * @self: a #LecternAnnotationStore
 * @document: a document
 * @error: return location for a #LecternStoreError
 *
 * Attaches @document to the store and adds the highlights of its file,
 * if there is one. Loading a document again does nothing.
 *
 * When the text of @document is not the one the file was saved for
 * (their fingerprints differ), every highlight is placed again in the
 * new text (see lectern_anchor_locate_all()) before it is added: its
 * range is updated, its stored quote kept, and one that cannot be found
 * is marked %LECTERN_HIGHLIGHT_ORPHANED with its old range, never
 * dropped. The file is then saved again soon, with the new fingerprint.
 *
 * The document stays attached even when this fails: with
 * %LECTERN_STORE_ERROR_CORRUPT the file was kept under a new name and the
 * document starts with no highlights; with
 * %LECTERN_STORE_ERROR_NEWER_VERSION or %LECTERN_STORE_ERROR_UNREADABLE
 * (also for a file over 64 MiB) the document is read-only and its file
 * is never written.
 *
 * Returns: %TRUE if the highlights (or none, when there is no file) were loaded
 */
gboolean
lectern_annotation_store_load_document (LecternAnnotationStore  *self,
                                        LecternDocument         *document,
                                        GError                 **error)
{
  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return load_document_from (self, document, NULL, error);
}

/**
 * lectern_annotation_store_reload_document:
 * @self: a #LecternAnnotationStore
 * @document: a new reading of a document already loaded (the same
 *   URI, e.g. after the reader chose to read it as plain text)
 * @error: return location for a #LecternStoreError
 *
 * Places the document's highlights again in the text of @document,
 * as lectern_annotation_store_load_document() does when the file's
 * fingerprint differs, and saves them with the new fingerprint. A
 * document not loaded yet is loaded.
 *
 * Returns: %TRUE on success
 */
gboolean
lectern_annotation_store_reload_document (LecternAnnotationStore  *self,
                                          LecternDocument         *document,
                                          GError                 **error)
{
  DocumentRecord *record;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (document), FALSE);

  record = g_hash_table_lookup (self->documents, lectern_document_get_id (document));
  if (record == NULL)
    return lectern_annotation_store_load_document (self, document, error);
  if (g_strcmp0 (record->fingerprint, lectern_document_get_fingerprint (document)) == 0)
    return TRUE;

  reanchor_highlights (record, document);
  g_free (record->fingerprint);
  record->fingerprint = g_strdup (lectern_document_get_fingerprint (document));
  record->length = lectern_document_get_length (document);
  document_changed (self, record);

  return TRUE;
}

/**
 * lectern_annotation_store_is_read_only:
 * @self: a #LecternAnnotationStore
 * @document_id: a document id
 *
 * Whether the highlights of a document cannot be changed because its
 * file is from a newer Lectern or could not be read.
 *
 * Returns: %TRUE if the document is read-only
 */
gboolean
lectern_annotation_store_is_read_only (LecternAnnotationStore *self,
                                       const char             *document_id)
{
  DocumentRecord *record;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (document_id != NULL, FALSE);

  record = g_hash_table_lookup (self->documents, document_id);

  return record != NULL && record->read_only;
}

static gboolean
check_writable (DocumentRecord  *record,
                GError         **error)
{
  if (!record->read_only)
    return TRUE;

  g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_READ_ONLY,
               _("The highlights of “%s” are read-only, because their file “%s” "
                 "could not be read or is from a newer Lectern."),
               record->title, record->path);
  return FALSE;
}

/**
 * lectern_annotation_store_add:
 * @self: a #LecternAnnotationStore
 * @highlight: a highlight of a document loaded with
 *   lectern_annotation_store_load_document()
 * @error: return location for a #LecternStoreError
 *
 * Adds @highlight at the end of the model and schedules a save.
 * Adding a highlight that is already in the store does nothing.
 *
 * Returns: %TRUE on success; %FALSE with %LECTERN_STORE_ERROR_READ_ONLY
 *   if its document is read-only
 */
gboolean
lectern_annotation_store_add (LecternAnnotationStore  *self,
                              LecternHighlight        *highlight,
                              GError                 **error)
{
  DocumentRecord *record;
  LecternHighlight *existing;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (highlight), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  record = g_hash_table_lookup (self->documents, lectern_highlight_get_document_id (highlight));
  g_return_val_if_fail (record != NULL, FALSE);

  existing = g_hash_table_lookup (self->by_id, lectern_highlight_get_id (highlight));
  g_return_val_if_fail (existing == NULL || existing == highlight, FALSE);
  if (existing != NULL)
    return TRUE;

  if (!check_writable (record, error))
    return FALSE;

  g_ptr_array_add (self->items, g_object_ref (highlight));
  g_ptr_array_add (record->highlights, highlight);
  g_hash_table_insert (self->by_id, (gpointer)lectern_highlight_get_id (highlight), highlight);
  g_signal_connect (highlight, "notify", G_CALLBACK (highlight_notify_cb), self);

  items_changed (self, self->items->len - 1, 0, 1);
  document_changed (self, record);

  return TRUE;
}

/**
 * lectern_annotation_store_remove:
 * @self: a #LecternAnnotationStore
 * @highlight: a highlight
 * @error: return location for a #LecternStoreError
 *
 * Removes @highlight and schedules a save. Removing a highlight that is
 * not in the store does nothing.
 *
 * Returns: %TRUE on success; %FALSE with %LECTERN_STORE_ERROR_READ_ONLY
 *   if its document is read-only
 */
gboolean
lectern_annotation_store_remove (LecternAnnotationStore  *self,
                                 LecternHighlight        *highlight,
                                 GError                 **error)
{
  g_autoptr(LecternHighlight) removed = NULL;
  DocumentRecord *record;
  guint position;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (highlight), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_hash_table_lookup (self->by_id, lectern_highlight_get_id (highlight)) != highlight)
    return TRUE;

  record = g_hash_table_lookup (self->documents, lectern_highlight_get_document_id (highlight));
  g_assert (record != NULL);

  if (!check_writable (record, error))
    return FALSE;

  if (!g_ptr_array_find (self->items, highlight, &position))
    g_assert_not_reached ();

  removed = g_ptr_array_steal_index (self->items, position);
  g_ptr_array_remove (record->highlights, highlight);
  g_hash_table_remove (self->by_id, lectern_highlight_get_id (highlight));
  g_hash_table_remove (self->entry_json, highlight);
  g_signal_handlers_disconnect_by_func (highlight, highlight_notify_cb, self);

  items_changed (self, position, 1, 0);
  document_changed (self, record);

  return TRUE;
}

/**
 * lectern_annotation_store_find:
 * @self: a #LecternAnnotationStore
 * @highlight_id: a highlight id
 *
 * Returns: (transfer none) (nullable): the highlight with that id
 */
LecternHighlight *
lectern_annotation_store_find (LecternAnnotationStore *self,
                               const char             *highlight_id)
{
  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), NULL);
  g_return_val_if_fail (highlight_id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, highlight_id);
}

/**
 * lectern_annotation_store_find_range:
 * @self: a #LecternAnnotationStore
 * @document_id: a document id
 * @start: first character
 * @end: one past the last character
 *
 * Finds a highlight of the document covering exactly @start to @end,
 * e.g. to avoid highlighting the same passage twice.
 *
 * Returns: (transfer none) (nullable): such a highlight
 */
LecternHighlight *
lectern_annotation_store_find_range (LecternAnnotationStore *self,
                                     const char             *document_id,
                                     guint                   start,
                                     guint                   end)
{
  DocumentRecord *record;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), NULL);
  g_return_val_if_fail (document_id != NULL, NULL);

  record = g_hash_table_lookup (self->documents, document_id);
  if (record == NULL)
    return NULL;

  for (guint i = 0; i < record->highlights->len; i++)
    {
      LecternHighlight *highlight = g_ptr_array_index (record->highlights, i);

      if (lectern_highlight_get_start (highlight) == start &&
          lectern_highlight_get_end (highlight) == end)
        return highlight;
    }

  return NULL;
}

static int
compare_by_range (gconstpointer a,
                  gconstpointer b)
{
  LecternHighlight *ha = *(LecternHighlight * const *)a;
  LecternHighlight *hb = *(LecternHighlight * const *)b;
  guint sa = lectern_highlight_get_start (ha);
  guint sb = lectern_highlight_get_start (hb);
  guint ea = lectern_highlight_get_end (ha);
  guint eb = lectern_highlight_get_end (hb);

  if (sa != sb)
    return sa < sb ? -1 : 1;
  if (ea != eb)
    return ea < eb ? -1 : 1;
  return 0;
}

/**
 * lectern_annotation_store_list_for_document:
 * @self: a #LecternAnnotationStore
 * @document_id: a document id
 *
 * Returns: (transfer full) (element-type LecternHighlight): the highlights
 *   of the document, sorted by start (then end)
 */
GPtrArray *
lectern_annotation_store_list_for_document (LecternAnnotationStore *self,
                                            const char             *document_id)
{
  DocumentRecord *record;
  GPtrArray *ret;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), NULL);
  g_return_val_if_fail (document_id != NULL, NULL);

  record = g_hash_table_lookup (self->documents, document_id);
  if (record == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);

  ret = g_ptr_array_new_full (record->highlights->len, g_object_unref);
  for (guint i = 0; i < record->highlights->len; i++)
    g_ptr_array_add (ret, g_object_ref (g_ptr_array_index (record->highlights, i)));

  g_ptr_array_sort (ret, compare_by_range);

  return ret;
}

/**
 * lectern_annotation_store_count_for_document:
 * @self: a #LecternAnnotationStore
 * @document_id: a document id
 *
 * Returns: how many highlights the document has
 */
guint
lectern_annotation_store_count_for_document (LecternAnnotationStore *self,
                                             const char             *document_id)
{
  DocumentRecord *record;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), 0);
  g_return_val_if_fail (document_id != NULL, 0);

  record = g_hash_table_lookup (self->documents, document_id);

  return record != NULL ? record->highlights->len : 0;
}

/**
 * lectern_annotation_store_lookup_document:
 * @self: a #LecternAnnotationStore
 * @document_id: a document id
 * @uri: (out) (optional) (transfer none): the document's URI
 * @title: (out) (optional) (transfer none) (nullable): the document's title
 *
 * What the store keeps about a document loaded with
 * lectern_annotation_store_load_document(), e.g. to name it in an export
 * of its highlights after it was closed.
 *
 * Returns: %TRUE if the document was loaded into the store
 */
gboolean
lectern_annotation_store_lookup_document (LecternAnnotationStore  *self,
                                          const char              *document_id,
                                          const char             **uri,
                                          const char             **title)
{
  DocumentRecord *record;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (document_id != NULL, FALSE);

  record = g_hash_table_lookup (self->documents, document_id);

  if (uri != NULL)
    *uri = record != NULL ? record->uri : NULL;
  if (title != NULL)
    *title = record != NULL ? record->title : NULL;

  return record != NULL;
}

/**
 * lectern_annotation_store_dup_path:
 * @self: a #LecternAnnotationStore
 * @document_id: a document id
 *
 * Returns: (transfer full): the path of the document's highlights file,
 *   whether it exists or not
 */
char *
lectern_annotation_store_dup_path (LecternAnnotationStore *self,
                                   const char             *document_id)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), NULL);
  g_return_val_if_fail (document_id != NULL, NULL);

  name = g_strconcat (document_id, ".json", NULL);

  return g_build_filename (self->directory, name, NULL);
}

/**
 * lectern_annotation_store_flush:
 * @self: a #LecternAnnotationStore
 * @error: return location for a #LecternStoreError
 *
 * Saves every changed document now, without waiting for the autosave.
 * A document that fails stays changed and is tried again later;
 * #LecternAnnotationStore::save-failed is emitted for each.
 *
 * Returns: %TRUE if everything was saved; otherwise %FALSE with the first
 *   %LECTERN_STORE_ERROR_WRITE_FAILED
 */
gboolean
lectern_annotation_store_flush (LecternAnnotationStore  *self,
                                GError                 **error)
{
  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return save_dirty (self, TRUE, error);
}

/**
 * lectern_annotation_store_set_autosave_delay:
 * @self: a #LecternAnnotationStore
 * @msec: milliseconds from a change until it is saved
 *
 * Sets how long the store waits after a change before saving, so that a
 * burst of changes is written once. The default is 500 ms. A save that
 * is already scheduled keeps its time.
 */
void
lectern_annotation_store_set_autosave_delay (LecternAnnotationStore *self,
                                             guint                   msec)
{
  g_return_if_fail (LECTERN_IS_ANNOTATION_STORE (self));

  self->autosave_delay = msec;
}

gboolean
_lectern_annotation_store_load_bytes (LecternAnnotationStore  *self,
                                      LecternDocument         *document,
                                      GBytes                  *bytes,
                                      GError                 **error)
{
  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return load_document_from (self, document, bytes, error);
}
