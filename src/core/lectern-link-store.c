/* lectern-link-store.c: every passage link, kept in one JSON file and
 * saved shortly after each change
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The file
 *
 *   {"format": "lectern-links", "version": 1, "links": [
 *     {"id": "…", "relation": "agrees", "note": "…", "tags": ["…"],
 *      "created": "2026-11-22T10:00:00Z", "modified": "…",
 *      "targets": [
 *        {"document": {"id": "…", "uri": "…", "title": "…", "fingerprint": "sha256:…"},
 *         "start": 10, "end": 52, "exact": "…", "prefix": "…", "suffix": "…",
 *         "state": "anchored"},
 *        {…the right passage…}]}]}
 *
 *   The rules are those of the highlights files (see DESIGN.md): the
 *   file is replaced atomically and durably, the previous one kept as
 *   .bak; a file that does not parse is renamed to
 *   .corrupt-<timestamp> and reported, never overwritten; a newer
 *   version is shown read-only; entries that cannot be read are written
 *   back unchanged. Each passage keeps the fingerprint of the text its
 *   range refers to, so that attaching a document whose text changed
 *   places its passages again.
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lectern-anchor.h"
#include "lectern-link-store.h"

#define FORMAT_NAME "lectern-links"
#define FINGERPRINT_PREFIX "sha256:"
#define DEFAULT_AUTOSAVE_DELAY_MSEC 500
/* json-glib parses recursively; the format nests five levels. */
#define MAX_NESTING 64

struct _LecternLinkStore
{
  GObject     parent_instance;

  char       *path;
  /* The model: LecternPassageLink, owned. */
  GPtrArray  *items;
  /* Link id → link, borrowed from items. */
  GHashTable *by_id;
  /* Entries of the file that could not be read, as JSON text, written
   * back unchanged so that nothing is lost unseen. */
  GPtrArray  *unparsed;
  /* The bytes last read from or written to path; %NULL while no file
   * exists. They become the .bak at the next save. */
  GBytes     *on_disk;
  guint       autosave_delay;
  guint       autosave_id;
  guint       loaded : 1;
  guint       read_only : 1;
  guint       dirty : 1;
  /* Set while attach_document() moves passages: one "changed" for all. */
  guint       quiet : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LecternLinkStore, lectern_link_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

enum {
  CHANGED,
  SAVE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* List model */

static GType
lectern_link_store_get_item_type (GListModel *model)
{
  return LECTERN_TYPE_PASSAGE_LINK;
}

static guint
lectern_link_store_get_n_items (GListModel *model)
{
  return LECTERN_LINK_STORE (model)->items->len;
}

static gpointer
lectern_link_store_get_item (GListModel *model,
                             guint       position)
{
  LecternLinkStore *self = LECTERN_LINK_STORE (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lectern_link_store_get_item_type;
  iface->get_n_items = lectern_link_store_get_n_items;
  iface->get_item = lectern_link_store_get_item;
}

/* Saving */

static char *
format_time (GDateTime *datetime)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (datetime);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static JsonObject *
target_to_json (LecternPassageLink *link,
                LecternLinkSide     side)
{
  JsonObject *target = json_object_new ();
  JsonObject *document = json_object_new ();
  LecternLinkTarget t;

  lectern_passage_link_get_target (link, side, &t);

  json_object_set_string_member (document, "id", t.document_id);
  json_object_set_string_member (document, "uri", t.document_uri);
  json_object_set_string_member (document, "title", t.document_title != NULL ? t.document_title : "");
  if (t.document_fingerprint != NULL)
    {
      g_autofree char *fingerprint = g_strconcat (FINGERPRINT_PREFIX, t.document_fingerprint, NULL);

      json_object_set_string_member (document, "fingerprint", fingerprint);
    }
  else
    json_object_set_null_member (document, "fingerprint");

  json_object_set_object_member (target, "document", document);
  json_object_set_int_member (target, "start", t.start);
  json_object_set_int_member (target, "end", t.end);
  json_object_set_string_member (target, "exact", t.exact);
  json_object_set_string_member (target, "prefix", t.prefix != NULL ? t.prefix : "");
  json_object_set_string_member (target, "suffix", t.suffix != NULL ? t.suffix : "");
  json_object_set_string_member (target, "state", lectern_highlight_state_to_string (t.state));

  return target;
}

static JsonObject *
link_to_json (LecternPassageLink *link)
{
  JsonObject *object = json_object_new ();
  JsonArray *tags = json_array_new ();
  JsonArray *targets = json_array_new ();
  const char * const *tag_list = lectern_passage_link_get_tags (link);
  g_autofree char *created = format_time (lectern_passage_link_get_created (link));
  g_autofree char *modified = format_time (lectern_passage_link_get_modified (link));

  for (guint i = 0; tag_list[i] != NULL; i++)
    json_array_add_string_element (tags, tag_list[i]);

  json_array_add_object_element (targets, target_to_json (link, LECTERN_LINK_SIDE_LEFT));
  json_array_add_object_element (targets, target_to_json (link, LECTERN_LINK_SIDE_RIGHT));

  json_object_set_string_member (object, "id", lectern_passage_link_get_id (link));
  json_object_set_string_member (object, "relation",
                                 lectern_relation_to_string (lectern_passage_link_get_relation (link)));
  json_object_set_string_member (object, "note", lectern_passage_link_get_note (link));
  json_object_set_array_member (object, "tags", tags);
  json_object_set_string_member (object, "created", created);
  json_object_set_string_member (object, "modified", modified);
  json_object_set_array_member (object, "targets", targets);

  return object;
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

/* The top level is written with an empty "links" array and the entries
 * are put between its brackets, so that entries kept as text (those
 * that could not be read) go back unchanged. */
static GBytes *
serialize (LecternLinkStore *self)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *object = json_object_new ();
  GString *out = g_string_new (NULL);
  gboolean first = TRUE;

  json_object_set_string_member (object, "format", FORMAT_NAME);
  json_object_set_int_member (object, "version", LECTERN_LINK_STORE_FORMAT_VERSION);
  json_object_set_array_member (object, "links", json_array_new ());
  generate_object (generator, object, out);

  g_assert (g_str_has_suffix (out->str, "[]}"));
  g_string_truncate (out, out->len - 2);

  for (guint i = 0; i < self->items->len; i++, first = FALSE)
    {
      if (!first)
        g_string_append_c (out, ',');
      generate_object (generator, link_to_json (g_ptr_array_index (self->items, i)), out);
    }
  for (guint i = 0; i < self->unparsed->len; i++, first = FALSE)
    {
      if (!first)
        g_string_append_c (out, ',');
      g_string_append (out, g_ptr_array_index (self->unparsed, i));
    }

  g_string_append (out, "]}\n");

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

/* The previous file is kept as .bak first: if that fails, the file
 * itself is not touched, so a failed save never leaves less than before. */
static gboolean
write_files (LecternLinkStore  *self,
             GBytes            *bytes,
             GError           **error)
{
  g_autofree char *directory = g_path_get_dirname (self->path);

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return FALSE;
    }

  if (self->on_disk != NULL)
    {
      g_autofree char *bak = g_strconcat (self->path, ".bak", NULL);

      if (!write_durably (bak, self->on_disk, error))
        return FALSE;
    }

  return write_durably (self->path, bytes, error);
}

static gboolean
save (LecternLinkStore  *self,
      GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_assert (!self->read_only);

  bytes = serialize (self);

  /* A change undone before the save leaves nothing to write. */
  if (self->on_disk != NULL && g_bytes_equal (bytes, self->on_disk))
    {
      self->dirty = FALSE;
      return TRUE;
    }

  if (!write_files (self, bytes, &local_error))
    {
      g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_WRITE_FAILED,
                   _("Could not save passage links to “%s”: %s. The previous file is unchanged."),
                   self->path, local_error->message);
      return FALSE;
    }

  g_clear_pointer (&self->on_disk, g_bytes_unref);
  self->on_disk = g_steal_pointer (&bytes);
  self->dirty = FALSE;

  return TRUE;
}

/* A failed save leaves the store dirty: it is tried again at the next
 * change or flush. */
static gboolean
save_if_dirty (LecternLinkStore  *self,
               gboolean           emit,
               GError           **error)
{
  g_autoptr(GError) local_error = NULL;

  g_clear_handle_id (&self->autosave_id, g_source_remove);

  if (!self->dirty || self->read_only)
    return TRUE;

  if (save (self, &local_error))
    return TRUE;

  if (emit)
    g_signal_emit (self, signals[SAVE_FAILED], 0, local_error);
  else
    g_debug ("%s", local_error->message);

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
autosave_cb (gpointer user_data)
{
  LecternLinkStore *self = user_data;

  self->autosave_id = 0;
  save_if_dirty (self, TRUE, NULL);

  return G_SOURCE_REMOVE;
}

/* The timer is not restarted by later changes, so a change is on disk
 * at most one delay after it was made. */
static void
schedule_save (LecternLinkStore *self)
{
  if (self->read_only)
    return;

  self->dirty = TRUE;

  if (self->autosave_id == 0)
    {
      self->autosave_id = g_timeout_add (self->autosave_delay, autosave_cb, self);
      g_source_set_name_by_id (self->autosave_id, "[lectern] autosave links");
    }
}

/* Every change goes through here. */
static void
links_changed (LecternLinkStore *self)
{
  schedule_save (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* "modified" only ever moves with another property: one change each. */
static void
link_notify_cb (LecternPassageLink *link,
                GParamSpec         *pspec,
                LecternLinkStore   *self)
{
  if (!self->quiet && strcmp (g_param_spec_get_name (pspec), "modified") != 0)
    links_changed (self);
}

static void
take_link (LecternLinkStore   *self,
           LecternPassageLink *link)
{
  g_ptr_array_add (self->items, link);
  g_hash_table_insert (self->by_id, (gpointer)lectern_passage_link_get_id (link), link);
  g_signal_connect (link, "notify", G_CALLBACK (link_notify_cb), self);
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

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
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

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  number = json_node_get_int (node);
  if (number < 0 || number > G_MAXUINT)
    return FALSE;

  *value = (guint)number;
  return TRUE;
}

/* A missing time is fine (the caller picks one); a malformed one is not.
 * Whole seconds in UTC, as they are written. */
static gboolean
read_time (JsonObject  *object,
           const char  *name,
           GTimeZone   *utc,
           GDateTime  **value)
{
  g_autoptr(GDateTime) datetime = NULL;
  g_autoptr(GDateTime) in_utc = NULL;
  const char *str;

  *value = NULL;

  if (!read_string (object, name, FALSE, &str))
    return FALSE;
  if (str == NULL)
    return TRUE;

  if ((datetime = g_date_time_new_from_iso8601 (str, utc)) == NULL)
    return FALSE;

  in_utc = g_date_time_to_utc (datetime);
  *value = g_date_time_add (in_utc, -(GTimeSpan)g_date_time_get_microsecond (in_utc));
  return TRUE;
}

/* Fills @tags with borrowed strings, NULL-terminated. */
static gboolean
read_tags (JsonObject *object,
           GPtrArray  *tags)
{
  JsonNode *node = json_object_get_member (object, "tags");
  JsonArray *array;

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return FALSE;

      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            return FALSE;
          g_ptr_array_add (tags, (gpointer)json_node_get_string (element));
        }
    }

  g_ptr_array_add (tags, NULL);
  return TRUE;
}

/* Reads the "document" of a target; @id is computed from the URI when the
 * file has none, as documents get theirs. */
static gboolean
read_document (JsonObject         *object,
               LecternLinkTarget  *target,
               char              **computed_id)
{
  JsonNode *node = json_object_get_member (object, "document");
  JsonObject *document;
  const char *fingerprint;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  document = json_node_get_object (node);
  if (!read_string (document, "uri", TRUE, &target->document_uri) ||
      !read_string (document, "id", FALSE, &target->document_id) ||
      !read_string (document, "title", FALSE, &target->document_title) ||
      !read_string (document, "fingerprint", FALSE, &fingerprint))
    return FALSE;

  /* Without the prefix (or another digest) it is unknown: placed again. */
  target->document_fingerprint = NULL;
  if (fingerprint != NULL && g_str_has_prefix (fingerprint, FINGERPRINT_PREFIX))
    target->document_fingerprint = fingerprint + strlen (FINGERPRINT_PREFIX);

  if (target->document_id == NULL || *target->document_id == '\0')
    target->document_id = *computed_id = lectern_document_key_for_uri (target->document_uri);

  return TRUE;
}

static gboolean
read_target (JsonNode           *node,
             LecternLinkTarget  *target,
             char              **computed_id)
{
  JsonObject *object;
  const char *state;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  object = json_node_get_object (node);
  target->state = LECTERN_HIGHLIGHT_ANCHORED;

  return read_document (object, target, computed_id) &&
         read_uint (object, "start", &target->start) &&
         read_uint (object, "end", &target->end) &&
         target->start <= target->end &&
         read_string (object, "exact", TRUE, &target->exact) &&
         read_string (object, "prefix", FALSE, &target->prefix) &&
         read_string (object, "suffix", FALSE, &target->suffix) &&
         read_string (object, "state", FALSE, &state) &&
         (state == NULL || lectern_highlight_state_from_string (state, &target->state));
}

static gboolean
read_targets (JsonObject        *object,
              LecternLinkTarget  targets[2],
              char              *computed_ids[2])
{
  JsonNode *node = json_object_get_member (object, "targets");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  if (json_array_get_length (array) != 2)
    return FALSE;

  return read_target (json_array_get_element (array, 0), &targets[0], &computed_ids[0]) &&
         read_target (json_array_get_element (array, 1), &targets[1], &computed_ids[1]);
}

/* Returns %NULL for an entry with a missing or malformed field. */
static LecternPassageLink *
link_from_json (JsonNode  *node,
                GTimeZone *utc)
{
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) modified = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  LecternLinkTarget targets[2] = { { NULL, }, { NULL, } };
  char *computed_ids[2] = { NULL, NULL };
  LecternPassageLink *link = NULL;
  JsonObject *object;
  const char *id;
  const char *relation_name;
  const char *note;
  LecternRelation relation;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = json_node_get_object (node);
  if (read_string (object, "id", TRUE, &id) && *id != '\0' &&
      read_string (object, "relation", TRUE, &relation_name) &&
      lectern_relation_from_string (relation_name, &relation) &&
      read_string (object, "note", FALSE, &note) &&
      read_tags (object, tags) &&
      read_time (object, "created", utc, &created) && created != NULL &&
      read_time (object, "modified", utc, &modified) &&
      read_targets (object, targets, computed_ids))
    link = lectern_passage_link_new_full (id, relation, note, (const char * const *)tags->pdata,
                                          created, modified, &targets[0], &targets[1]);

  g_free (computed_ids[0]);
  g_free (computed_ids[1]);

  return link;
}

/* Adds the readable entries; others, and those whose id is taken, are
 * kept aside as text. %FALSE, adding nothing, when there were entries
 * and none could be read: such a file counts as corrupt. */
static gboolean
add_entries (LecternLinkStore *self,
             JsonArray        *array)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) unparsed = g_ptr_array_new_with_free_func (g_free);
  guint n_entries = json_array_get_length (array);
  guint old_len = self->items->len;

  for (guint i = 0; i < n_entries; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(LecternPassageLink) link = link_from_json (node, utc);

      if (link == NULL ||
          g_hash_table_contains (self->by_id, lectern_passage_link_get_id (link)) ||
          g_hash_table_contains (ids, lectern_passage_link_get_id (link)))
        {
          g_ptr_array_add (unparsed, json_to_string (node, FALSE));
          continue;
        }

      g_hash_table_add (ids, (gpointer)lectern_passage_link_get_id (link));
      g_ptr_array_add (links, g_steal_pointer (&link));
    }

  if (n_entries > 0 && links->len == 0)
    return FALSE;

  for (guint i = 0; i < links->len; i++)
    take_link (self, g_object_ref (g_ptr_array_index (links, i)));
  g_ptr_array_extend_and_steal (self->unparsed, g_steal_pointer (&unparsed));

  if (self->unparsed->len > 0)
    g_debug ("%s: %u link entries could not be read and are kept as they are",
             self->path, self->unparsed->len);

  if (self->items->len > old_len)
    g_list_model_items_changed (G_LIST_MODEL (self), old_len, 0, self->items->len - old_len);

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
 * links made now start a new file. If even that fails, the store is
 * read-only and the file stays where it is. */
static gboolean
keep_corrupt_file (LecternLinkStore  *self,
                   GError           **error)
{
  g_autofree char *corrupt_path = unused_corrupt_path (self->path);
  g_autofree char *corrupt_name = NULL;

  if (g_rename (self->path, corrupt_path) != 0)
    {
      int saved_errno = errno;

      self->read_only = TRUE;
      g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_CORRUPT,
                   _("The passage links file “%s” could not be read, nor be set aside (%s). "
                     "It is left as it is, and passage links cannot be saved."),
                   self->path, g_strerror (saved_errno));
      return FALSE;
    }

  corrupt_name = g_path_get_basename (corrupt_path);
  g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_CORRUPT,
               _("The passage links file “%s” could not be read and was kept as “%s”. "
                 "Links made now start a new file."),
               self->path, corrupt_name);
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
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64)
    return 0;

  return MAX (json_node_get_int (version), 0);
}

/* The "links" array: an empty one when missing, %NULL when something else. */
static JsonArray *
dup_entries (JsonNode *root)
{
  JsonNode *node = json_object_get_member (json_node_get_object (root), "links");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return json_array_new ();
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_array_ref (json_node_get_array (node));
}

/* Counts nesting outside strings before json-glib, which recurses,
 * sees the file; %FALSE when too deep or unbalanced. */
static gboolean
nesting_is_sane (const char *data,
                 gsize       size)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_NESTING)
            return FALSE;
        }
      else if (c == ']' || c == '}')
        {
          if (depth == 0)
            return FALSE;
          depth--;
        }
    }

  return TRUE;
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

/* json-glib frees a tree node by node, which for a large file takes a
 * good part of the time it took to parse; nothing else holds the tree,
 * so a worker thread frees it. */
static void
json_node_unref_later (JsonNode *root,
                       guint     n_links)
{
  g_autoptr(GTask) task = NULL;

  if (n_links < 1000)
    {
      json_node_unref (root);
      return;
    }

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, json_node_unref_later);
  g_task_set_name (task, "[lectern] free links JSON");
  g_task_set_task_data (task, root, NULL);
  g_task_run_in_thread (task, unref_json_thread);
}

static gboolean
load_root (LecternLinkStore  *self,
           JsonNode          *root,
           GBytes            *bytes,
           GError           **error)
{
  g_autoptr(JsonArray) entries = NULL;
  gint64 version = file_version (root);

  if (version > LECTERN_LINK_STORE_FORMAT_VERSION)
    {
      /* Show what is understood; never write. */
      self->read_only = TRUE;
      if ((entries = dup_entries (root)) != NULL)
        add_entries (self, entries);

      g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_NEWER_VERSION,
                   _("The passage links file “%s” was written by a newer version of Lectern "
                     "(format %lld). Its links are shown as far as they are "
                     "understood, but the file will not be changed."),
                   self->path, (long long) version);
      return FALSE;
    }

  if (version < 1 ||
      (entries = dup_entries (root)) == NULL ||
      !add_entries (self, entries))
    return keep_corrupt_file (self, error);

  self->on_disk = g_bytes_ref (bytes);
  return TRUE;
}

static gboolean
load_contents (LecternLinkStore  *self,
               GBytes            *bytes,
               GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  JsonNode *root;
  gboolean ret;

  if (!g_utf8_validate_len (data, size, NULL) || !nesting_is_sane (data, size) ||
      !json_parser_load_from_data (parser, data, size, &parse_error))
    {
      g_debug ("%s: %s", self->path,
               parse_error != NULL ? parse_error->message : "not UTF-8, or nested too deeply");
      return keep_corrupt_file (self, error);
    }

  root = json_parser_steal_root (parser);
  g_clear_object (&parser);

  ret = load_root (self, root, bytes, error);
  json_node_unref_later (root, self->items->len);

  return ret;
}

/* Reads a regular file of at most @max_size bytes; sets *@too_large
 * (and no error) for a larger one, which is not read. */
static GBytes *
read_at_most (const char  *path,
              gsize        max_size,
              gboolean    *too_large,
              GError     **error)
{
  g_autofree char *contents = NULL;
  GStatBuf st;
  gsize length;

  *too_large = FALSE;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return NULL;
    }

  /* A named pipe in its place would block the read forever. */
  if (!S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                           _("It is not a regular file"));
      return NULL;
    }

  if ((guint64)st.st_size > max_size)
    {
      *too_large = TRUE;
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  /* It may have grown since. */
  if (length > max_size)
    {
      *too_large = TRUE;
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

static gboolean
is_temporary_suffix (const char *rest)
{
  if (strlen (rest) != 7 || rest[0] != '.')
    return FALSE;

  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isalnum (rest[i]))
      return FALSE;

  return TRUE;
}

/* A save killed halfway leaves GLib's temporary file beside the real one
 * ("links.json.XXXXXX", or the same after ".bak"); the real file is
 * whole. They are removed at the next load. */
static void
remove_stale_temporaries (LecternLinkStore *self)
{
  g_autofree char *dirname = g_path_get_dirname (self->path);
  g_autofree char *basename = g_path_get_basename (self->path);
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
      if (!is_temporary_suffix (rest))
        continue;

      path = g_build_filename (dirname, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && g_unlink (path) == 0)
        g_debug ("Removed %s, left by an interrupted save", path);
    }
}

static gboolean
load_file (LecternLinkStore  *self,
           GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean too_large;

  remove_stale_temporaries (self);

  bytes = read_at_most (self->path, LECTERN_LINK_STORE_MAX_FILE_SIZE, &too_large, &local_error);

  if (too_large)
    {
      g_autofree char *limit = g_format_size (LECTERN_LINK_STORE_MAX_FILE_SIZE);

      self->read_only = TRUE;
      g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_UNREADABLE,
                   _("The passage links file “%s” is larger than %s, too large to be "
                     "links. It is left as it is, and passage links cannot be saved."),
                   self->path, limit);
      return FALSE;
    }

  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;

      self->read_only = TRUE;
      g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_UNREADABLE,
                   _("The passage links file “%s” could not be read: %s. It will not be "
                     "changed, and passage links cannot be saved."),
                   self->path, local_error->message);
      return FALSE;
    }

  return load_contents (self, bytes, error);
}

/* Object */

static void
lectern_link_store_constructed (GObject *object)
{
  LecternLinkStore *self = (LecternLinkStore *)object;

  G_OBJECT_CLASS (lectern_link_store_parent_class)->constructed (object);

  if (self->path == NULL)
    self->path = g_build_filename (g_get_user_data_dir (), "lectern", "links.json", NULL);
}

static void
lectern_link_store_dispose (GObject *object)
{
  LecternLinkStore *self = (LecternLinkStore *)object;
  g_autoptr(GError) error = NULL;

  /* Nobody is left to tell about a failure now. */
  if (!save_if_dirty (self, FALSE, &error))
    g_debug ("Passage links were not saved: %s", error->message);

  g_clear_handle_id (&self->autosave_id, g_source_remove);

  for (guint i = 0; i < self->items->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->items, i), link_notify_cb, self);

  G_OBJECT_CLASS (lectern_link_store_parent_class)->dispose (object);
}

static void
lectern_link_store_finalize (GObject *object)
{
  LecternLinkStore *self = (LecternLinkStore *)object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->unparsed, g_ptr_array_unref);
  g_clear_pointer (&self->on_disk, g_bytes_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (lectern_link_store_parent_class)->finalize (object);
}

static void
lectern_link_store_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LecternLinkStore *self = LECTERN_LINK_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_link_store_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LecternLinkStore *self = LECTERN_LINK_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_link_store_class_init (LecternLinkStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lectern_link_store_constructed;
  object_class->dispose = lectern_link_store_dispose;
  object_class->finalize = lectern_link_store_finalize;
  object_class->get_property = lectern_link_store_get_property;
  object_class->set_property = lectern_link_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LecternLinkStore::changed:
   * @self: a #LecternLinkStore
   *
   * Emitted after a link was added, removed or changed, and after
   * lectern_link_store_attach_document() moved passages.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * LecternLinkStore::save-failed:
   * @self: a #LecternLinkStore
   * @error: what went wrong, a %LECTERN_STORE_ERROR_WRITE_FAILED naming the file
   *
   * Emitted when an autosave or flush failed. The previous file is
   * unchanged; the store tries again at the next change or flush.
   */
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
lectern_link_store_init (LecternLinkStore *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->unparsed = g_ptr_array_new_with_free_func (g_free);
  self->autosave_delay = DEFAULT_AUTOSAVE_DELAY_MSEC;
}

/* Public API */

/**
 * lectern_link_store_new:
 * @path: (nullable): the links file; %NULL for
 *   `$XDG_DATA_HOME/lectern/links.json`
 *
 * Creates an empty store. Call lectern_link_store_load() before changing
 * it; its directory is created when the file is first written.
 *
 * Returns: (transfer full): a new #LecternLinkStore
 */
LecternLinkStore *
lectern_link_store_new (const char *path)
{
  return g_object_new (LECTERN_TYPE_LINK_STORE,
                       "path", path,
                       NULL);
}

/**
 * lectern_link_store_get_path:
 * @self: a #LecternLinkStore
 *
 * Returns: the path of the links file, whether it exists or not
 */
const char *
lectern_link_store_get_path (LecternLinkStore *self)
{
  g_return_val_if_fail (LECTERN_IS_LINK_STORE (self), NULL);

  return self->path;
}

/**
 * lectern_link_store_load:
 * @self: a #LecternLinkStore
 * @error: return location for a #LecternStoreError
 *
 * Reads the links file and adds its links. A missing file is an empty
 * store. Loading again does nothing.
 *
 * The store stays usable when this fails: with
 * %LECTERN_STORE_ERROR_CORRUPT the file was renamed to
 * `<path>.corrupt-<timestamp>` and the store starts empty (unless even the
 * rename failed: then it is read-only); with
 * %LECTERN_STORE_ERROR_NEWER_VERSION the links are shown as far as they
 * are understood and the store is read-only; with
 * %LECTERN_STORE_ERROR_UNREADABLE (also for a file over 64 MiB) it is
 * read-only and empty. A read-only store never writes its file.
 *
 * Returns: %TRUE if the links (or none, without a file) were loaded
 */
gboolean
lectern_link_store_load (LecternLinkStore  *self,
                         GError           **error)
{
  g_return_val_if_fail (LECTERN_IS_LINK_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->loaded)
    return TRUE;

  self->loaded = TRUE;
  if (!load_file (self, error))
    return FALSE;

  if (self->items->len > 0)
    g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

/**
 * lectern_link_store_is_read_only:
 * @self: a #LecternLinkStore
 *
 * Whether links cannot be changed because the file is from a newer
 * Lectern or could not be read.
 *
 * Returns: %TRUE if the store is read-only
 */
gboolean
lectern_link_store_is_read_only (LecternLinkStore *self)
{
  g_return_val_if_fail (LECTERN_IS_LINK_STORE (self), FALSE);

  return self->read_only;
}

/* Changes need the file read first, or a save would replace it unseen. */
static gboolean
check_writable (LecternLinkStore  *self,
                GError           **error)
{
  if (!self->loaded && !lectern_link_store_load (self, error))
    return FALSE;

  if (!self->read_only)
    return TRUE;

  g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_READ_ONLY,
               _("Passage links are read-only, because their file “%s” could not be read "
                 "or is from a newer Lectern."),
               self->path);
  return FALSE;
}

/**
 * lectern_link_store_add:
 * @self: a #LecternLinkStore
 * @link: a passage link
 * @error: return location for a #LecternStoreError
 *
 * Adds @link at the end of the model and schedules a save. Adding a link
 * that is already in the store does nothing. A store that was not loaded
 * is loaded first; if that fails, nothing is added and its error is
 * returned.
 *
 * Returns: %TRUE on success; %FALSE with %LECTERN_STORE_ERROR_READ_ONLY
 *   if the store is read-only
 */
gboolean
lectern_link_store_add (LecternLinkStore    *self,
                        LecternPassageLink  *link,
                        GError             **error)
{
  LecternPassageLink *existing;

  g_return_val_if_fail (LECTERN_IS_LINK_STORE (self), FALSE);
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (link), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  existing = g_hash_table_lookup (self->by_id, lectern_passage_link_get_id (link));
  g_return_val_if_fail (existing == NULL || existing == link, FALSE);
  if (existing != NULL)
    return TRUE;

  take_link (self, g_object_ref (link));
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
  links_changed (self);

  return TRUE;
}

/**
 * lectern_link_store_remove:
 * @self: a #LecternLinkStore
 * @link: a passage link
 * @error: return location for a #LecternStoreError
 *
 * Removes @link and schedules a save. Removing a link that is not in the
 * store does nothing.
 *
 * Returns: %TRUE on success; %FALSE with %LECTERN_STORE_ERROR_READ_ONLY
 *   if the store is read-only
 */
gboolean
lectern_link_store_remove (LecternLinkStore    *self,
                           LecternPassageLink  *link,
                           GError             **error)
{
  g_autoptr(LecternPassageLink) removed = NULL;
  guint position;

  g_return_val_if_fail (LECTERN_IS_LINK_STORE (self), FALSE);
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (link), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_hash_table_lookup (self->by_id, lectern_passage_link_get_id (link)) != link)
    return TRUE;

  if (!check_writable (self, error))
    return FALSE;

  if (!g_ptr_array_find (self->items, link, &position))
    g_assert_not_reached ();

  removed = g_ptr_array_steal_index (self->items, position);
  g_hash_table_remove (self->by_id, lectern_passage_link_get_id (link));
  g_signal_handlers_disconnect_by_func (link, link_notify_cb, self);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  links_changed (self);

  return TRUE;
}

/**
 * lectern_link_store_find:
 * @self: a #LecternLinkStore
 * @id: a link id
 *
 * Returns: (transfer none) (nullable): the link with that id
 */
LecternPassageLink *
lectern_link_store_find (LecternLinkStore *self,
                         const char       *id)
{
  g_return_val_if_fail (LECTERN_IS_LINK_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, id);
}

/* Sorts by the place on the side of the document the array is for. */
typedef struct
{
  const char *document_id;
} SortContext;

static LecternLinkSide
side_of (LecternPassageLink *link,
         const char         *document_id)
{
  return strcmp (lectern_passage_link_get_document_id (link, LECTERN_LINK_SIDE_LEFT), document_id) == 0
         ? LECTERN_LINK_SIDE_LEFT : LECTERN_LINK_SIDE_RIGHT;
}

static LecternLinkSide
other_side (LecternLinkSide side)
{
  return side == LECTERN_LINK_SIDE_LEFT ? LECTERN_LINK_SIDE_RIGHT : LECTERN_LINK_SIDE_LEFT;
}

static int
compare_uint (guint a,
              guint b)
{
  return a < b ? -1 : (a > b ? 1 : 0);
}

/* Orders two passages by start, then end. */
static int
compare_places (LecternPassageLink *la,
                LecternLinkSide     sa,
                LecternPassageLink *lb,
                LecternLinkSide     sb)
{
  int ret = compare_uint (lectern_passage_link_get_start (la, sa), lectern_passage_link_get_start (lb, sb));

  if (ret != 0)
    return ret;

  return compare_uint (lectern_passage_link_get_end (la, sa), lectern_passage_link_get_end (lb, sb));
}

static int
compare_links (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  LecternPassageLink *la = *(LecternPassageLink * const *)a;
  LecternPassageLink *lb = *(LecternPassageLink * const *)b;
  const SortContext *context = user_data;
  LecternLinkSide sa = side_of (la, context->document_id);
  LecternLinkSide sb = side_of (lb, context->document_id);
  int ret;

  if ((ret = compare_places (la, sa, lb, sb)) != 0 ||
      (ret = compare_places (la, other_side (sa), lb, other_side (sb))) != 0)
    return ret;

  return strcmp (lectern_passage_link_get_id (la), lectern_passage_link_get_id (lb));
}

static GPtrArray *
list_matching (LecternLinkStore *self,
               const char       *doc_a,
               const char       *doc_b)
{
  GPtrArray *ret = g_ptr_array_new_with_free_func (g_object_unref);
  SortContext context = { doc_a };

  for (guint i = 0; i < self->items->len; i++)
    {
      LecternPassageLink *link = g_ptr_array_index (self->items, i);
      const char *left = lectern_passage_link_get_document_id (link, LECTERN_LINK_SIDE_LEFT);
      const char *right = lectern_passage_link_get_document_id (link, LECTERN_LINK_SIDE_RIGHT);
      gboolean match;

      if (doc_b == NULL)
        match = strcmp (left, doc_a) == 0 || strcmp (right, doc_a) == 0;
      else
        match = (strcmp (left, doc_a) == 0 && strcmp (right, doc_b) == 0) ||
                (strcmp (left, doc_b) == 0 && strcmp (right, doc_a) == 0);

      if (match)
        g_ptr_array_add (ret, g_object_ref (link));
    }

  g_ptr_array_sort_with_data (ret, compare_links, &context);

  return ret;
}

/**
 * lectern_link_store_list_between:
 * @self: a #LecternLinkStore
 * @doc_a: a document id
 * @doc_b: another document id (or the same)
 *
 * The links between two documents, whichever side each is on, sorted by
 * the place of their passage in @doc_a (then in @doc_b).
 *
 * Returns: (transfer full) (element-type LecternPassageLink): the links;
 *   the array holds a reference on each and drops it when freed
 */
GPtrArray *
lectern_link_store_list_between (LecternLinkStore *self,
                                 const char       *doc_a,
                                 const char       *doc_b)
{
  g_return_val_if_fail (LECTERN_IS_LINK_STORE (self), NULL);
  g_return_val_if_fail (doc_a != NULL, NULL);
  g_return_val_if_fail (doc_b != NULL, NULL);

  return list_matching (self, doc_a, doc_b);
}

/**
 * lectern_link_store_list_for_document:
 * @self: a #LecternLinkStore
 * @doc_id: a document id
 *
 * The links with a passage in a document, sorted by its place there.
 *
 * Returns: (transfer full) (element-type LecternPassageLink): the links;
 *   the array holds a reference on each and drops it when freed
 */
GPtrArray *
lectern_link_store_list_for_document (LecternLinkStore *self,
                                      const char       *doc_id)
{
  g_return_val_if_fail (LECTERN_IS_LINK_STORE (self), NULL);
  g_return_val_if_fail (doc_id != NULL, NULL);

  return list_matching (self, doc_id, NULL);
}

/* One passage to place again. */
typedef struct
{
  LecternPassageLink *link;
  LecternLinkSide     side;
} Placement;

/**
 * lectern_link_store_attach_document:
 * @self: a #LecternLinkStore
 * @document: an opened document
 *
 * Tells the store that @document is open. Every passage of a link in
 * @document whose text changed since the passage was placed (their
 * fingerprints differ, or the passage's is unknown), or whose range does
 * not fit in the text (a hand-edited file), is placed again, as
 * highlights are (see lectern_anchor_locate_all()): its range moves to
 * where its quote is now and it is anchored, or, when only a look-alike
 * passage was found with a confidence below %LECTERN_STORE_REVIEW_BELOW,
 * marked %LECTERN_HIGHLIGHT_NEEDS_REVIEW; a passage whose quote cannot
 * be found is marked %LECTERN_HIGHLIGHT_ORPHANED and keeps its range. No
 * link is ever dropped, and the stored quotes stay as they were. When
 * anything moved, #LecternLinkStore::changed is emitted once and the file
 * is saved soon, with the new fingerprints.
 *
 * Call it after lectern_link_store_load(), for each document as it opens.
 */
void
lectern_link_store_attach_document (LecternLinkStore *self,
                                    LecternDocument  *document)
{
  g_autoptr(GArray) placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  g_autoptr(LecternAnchorText) text = NULL;
  g_autofree LecternAnchorTarget *targets = NULL;
  g_autofree LecternAnchorResult *results = NULL;
  const char *document_id;
  const char *fingerprint;
  guint length;
  guint n_orphaned = 0;
  guint n_review = 0;

  g_return_if_fail (LECTERN_IS_LINK_STORE (self));
  g_return_if_fail (LECTERN_IS_DOCUMENT (document));

  document_id = lectern_document_get_id (document);
  fingerprint = lectern_document_get_fingerprint (document);
  length = lectern_document_get_length (document);

  for (guint i = 0; i < self->items->len; i++)
    {
      LecternPassageLink *link = g_ptr_array_index (self->items, i);

      for (LecternLinkSide side = LECTERN_LINK_SIDE_LEFT; side <= LECTERN_LINK_SIDE_RIGHT; side++)
        if (strcmp (lectern_passage_link_get_document_id (link, side), document_id) == 0 &&
            (g_strcmp0 (lectern_passage_link_get_document_fingerprint (link, side), fingerprint) != 0 ||
             (lectern_passage_link_get_state (link, side) != LECTERN_HIGHLIGHT_ORPHANED &&
              lectern_passage_link_get_end (link, side) > length)))
          g_array_append_val (placements, ((Placement) { link, side }));
    }

  if (placements->len == 0)
    return;

  text = lectern_anchor_text_new_for_document (document);
  targets = g_new (LecternAnchorTarget, placements->len);
  results = g_new (LecternAnchorResult, placements->len);

  for (guint i = 0; i < placements->len; i++)
    {
      const Placement *p = &g_array_index (placements, Placement, i);

      targets[i] = (LecternAnchorTarget) {
        .start = lectern_passage_link_get_start (p->link, p->side),
        .end = lectern_passage_link_get_end (p->link, p->side),
        .exact = lectern_passage_link_get_exact (p->link, p->side),
        .prefix = lectern_passage_link_get_prefix (p->link, p->side),
        .suffix = lectern_passage_link_get_suffix (p->link, p->side),
      };
    }

  lectern_anchor_locate_all (text, targets, placements->len, results);

  self->quiet = TRUE;
  for (guint i = 0; i < placements->len; i++)
    {
      const Placement *p = &g_array_index (placements, Placement, i);

      if (results[i].method == LECTERN_ANCHOR_ORPHANED)
        {
          lectern_passage_link_set_state (p->link, p->side, LECTERN_HIGHLIGHT_ORPHANED);
          n_orphaned++;
        }
      else
        {
          lectern_passage_link_set_range (p->link, p->side, results[i].start, results[i].end);
          /* As for highlights: a look-alike passage is placed, not trusted. */
          if (results[i].method == LECTERN_ANCHOR_FUZZY && results[i].confidence < LECTERN_STORE_REVIEW_BELOW)
            {
              lectern_passage_link_set_state (p->link, p->side, LECTERN_HIGHLIGHT_NEEDS_REVIEW);
              n_review++;
            }
          else
            lectern_passage_link_set_state (p->link, p->side, LECTERN_HIGHLIGHT_ANCHORED);
        }

      lectern_passage_link_set_document_fingerprint (p->link, p->side, fingerprint);
    }
  self->quiet = FALSE;

  g_debug ("%s changed: %u linked passages placed again (%u to review), %u could not be placed",
           lectern_document_get_uri (document), placements->len - n_orphaned, n_review, n_orphaned);

  links_changed (self);
}

/**
 * lectern_link_store_flush:
 * @self: a #LecternLinkStore
 * @error: return location for a #LecternStoreError
 *
 * Saves the links now if they changed, without waiting for the
 * autosave; #LecternLinkStore::save-failed is emitted on failure and the
 * store tries again at the next change or flush.
 *
 * Returns: %TRUE if nothing was left unsaved; otherwise %FALSE with
 *   %LECTERN_STORE_ERROR_WRITE_FAILED
 */
gboolean
lectern_link_store_flush (LecternLinkStore  *self,
                          GError           **error)
{
  g_return_val_if_fail (LECTERN_IS_LINK_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return save_if_dirty (self, TRUE, error);
}

/**
 * lectern_link_store_set_autosave_delay:
 * @self: a #LecternLinkStore
 * @msec: milliseconds from a change until it is saved
 *
 * Sets how long the store waits after a change before saving, so that a
 * burst of changes is written once. The default is 500 ms. A save that
 * is already scheduled keeps its time.
 */
void
lectern_link_store_set_autosave_delay (LecternLinkStore *self,
                                       guint             msec)
{
  g_return_if_fail (LECTERN_IS_LINK_STORE (self));

  self->autosave_delay = msec;
}
