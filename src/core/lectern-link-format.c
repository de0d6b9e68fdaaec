/* lectern-link-format.c: the passage links file, format v1: links to
 * JSON and back
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   {"format": "lectern-links", "version": 1, "links": [
 *     {"id": "…", "relation": "agrees", "note": "…", "tags": ["…"],
 *      "created": "2026-11-22T10:00:00Z", "modified": "…",
 *      "targets": [
 *        {"document": {"id": "…", "uri": "…", "title": "…", "fingerprint": "sha256:…"},
 *         "start": 10, "end": 52, "exact": "…", "prefix": "…", "suffix": "…",
 *         "state": "anchored"},
 *        {…the right passage…}]}]}
 */

#include "config.h"

#include <string.h>

#include "lectern-json-file.h"
#include "lectern-link-format.h"

#define FINGERPRINT_PREFIX "sha256:"

/* Members this version reads; the others are kept and written back
 * (issue 19): per link, as qdata {"entry": {…}, "targets": [{…}, {…}]}. */
static const char * const top_members[] = { "format", "version", "links", NULL };
static const char * const entry_members[] = {
  "id", "relation", "note", "tags", "created", "modified", "targets", NULL
};
static const char * const target_members[] = {
  "document", "start", "end", "exact", "prefix", "suffix", "state", NULL
};

static GQuark
extra_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("lectern-link-format-extra");

  return quark;
}

static JsonObject *
link_unknown (LecternPassageLink *link,
              const char         *part,
              int                 side)
{
  JsonObject *extra = g_object_get_qdata (G_OBJECT (link), extra_quark ());
  JsonNode *node;

  if (extra == NULL || side < 0)
    return lectern_json_member_object (extra, part);

  node = json_object_get_member (extra, part);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) <= (guint)side)
    return NULL;
  node = json_array_get_element (json_node_get_array (node), side);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
keep_link_unknown (LecternPassageLink *link,
                   JsonObject         *entry)
{
  JsonObject *in_entry = lectern_json_dup_unknown (entry, entry_members);
  JsonNode *node = json_object_get_member (entry, "targets");
  JsonArray *sides = json_array_new ();
  gboolean any = in_entry != NULL;
  JsonObject *extra = json_object_new ();

  for (guint i = 0; node != NULL && JSON_NODE_HOLDS_ARRAY (node) && i < 2; i++)
    {
      JsonNode *target = json_array_get_element (json_node_get_array (node), i);
      JsonObject *unknown = lectern_json_dup_unknown (json_node_get_object (target), target_members);

      any |= unknown != NULL;
      json_array_add_object_element (sides, unknown != NULL ? unknown : json_object_new ());
    }

  if (in_entry != NULL)
    json_object_set_object_member (extra, "entry", in_entry);
  json_object_set_array_member (extra, "targets", sides);
  if (any)
    g_object_set_qdata_full (G_OBJECT (link), extra_quark (), json_object_ref (extra),
                             (GDestroyNotify)json_object_unref);
  json_object_unref (extra);
}

/**
 * lectern_link_format_dup_unknown_top:
 * @root: a links file
 *
 * Returns: (transfer full) (nullable): the members of its top level this
 *   version does not know
 */
JsonObject *
lectern_link_format_dup_unknown_top (JsonNode *root)
{
  return lectern_json_dup_unknown (json_node_get_object (root), top_members);
}

/* Writing */


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
  lectern_json_add_unknown (target, link_unknown (link, "targets", side == LECTERN_LINK_SIDE_LEFT ? 0 : 1));

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
  lectern_json_add_unknown (object, link_unknown (link, "entry", -1));

  return object;
}


/* The top level is written with an empty "links" array and the entries
 * are put between its brackets, so that entries kept as text (those
 * that could not be read) go back unchanged. */
GBytes *
lectern_link_format_serialize (GPtrArray  *links,
                               GPtrArray  *unparsed,
                               JsonObject *unknown_top)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *object = json_object_new ();
  GString *out = g_string_new (NULL);
  gboolean first = TRUE;

  json_object_set_string_member (object, "format", LECTERN_LINK_FORMAT_NAME);
  json_object_set_int_member (object, "version", LECTERN_LINK_STORE_FORMAT_VERSION);
  lectern_json_add_unknown (object, unknown_top);
  json_object_set_array_member (object, "links", json_array_new ());
  lectern_json_generate_object (generator, object, out);

  g_assert (g_str_has_suffix (out->str, "[]}"));
  g_string_truncate (out, out->len - 2);

  for (guint i = 0; i < links->len; i++, first = FALSE)
    {
      if (!first)
        g_string_append_c (out, ',');
      lectern_json_generate_object (generator, link_to_json (g_ptr_array_index (links, i)), out);
    }
  for (guint i = 0; i < unparsed->len; i++, first = FALSE)
    {
      if (!first)
        g_string_append_c (out, ',');
      g_string_append (out, g_ptr_array_index (unparsed, i));
    }

  g_string_append (out, "]}\n");

  return g_string_free_to_bytes (out);
}

/* Reading */


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

  if (!lectern_json_read_string (object, name, FALSE, &str))
    return FALSE;
  if (str == NULL)
    return TRUE;

  if ((datetime = g_date_time_new_from_iso8601 (str, utc)) == NULL)
    return FALSE;

  /* Out of the calendar in UTC: unreadable, kept as it is. */
  if ((in_utc = g_date_time_to_utc (datetime)) == NULL)
    return FALSE;
  *value = g_date_time_add (in_utc, -(GTimeSpan)g_date_time_get_microsecond (in_utc));
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
  if (!lectern_json_read_string (document, "uri", TRUE, &target->document_uri) ||
      !lectern_json_read_string (document, "id", FALSE, &target->document_id) ||
      !lectern_json_read_string (document, "title", FALSE, &target->document_title) ||
      !lectern_json_read_string (document, "fingerprint", FALSE, &fingerprint))
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
         lectern_json_read_uint (object, "start", &target->start) &&
         lectern_json_read_uint (object, "end", &target->end) &&
         target->start <= target->end &&
         lectern_json_read_string (object, "exact", TRUE, &target->exact) &&
         lectern_json_read_string (object, "prefix", FALSE, &target->prefix) &&
         lectern_json_read_string (object, "suffix", FALSE, &target->suffix) &&
         lectern_json_read_string (object, "state", FALSE, &state) &&
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

/* One entry of the "links" array; %NULL for an entry with a missing or
 * malformed field. */
static LecternPassageLink *
lectern_link_format_read_entry (JsonNode  *node,
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
  if (lectern_json_read_string (object, "id", TRUE, &id) && *id != '\0' &&
      lectern_json_read_string (object, "relation", TRUE, &relation_name) &&
      lectern_relation_from_string (relation_name, &relation) &&
      lectern_json_read_string (object, "note", FALSE, &note) &&
      lectern_json_read_tags (object, tags) &&
      read_time (object, "created", utc, &created) && created != NULL &&
      read_time (object, "modified", utc, &modified) &&
      read_targets (object, targets, computed_ids))
    {
      link = lectern_passage_link_new_full (id, relation, note, (const char * const *)tags->pdata,
                                            created, modified, &targets[0], &targets[1]);
      keep_link_unknown (link, object);
    }

  g_free (computed_ids[0]);
  g_free (computed_ids[1]);

  return link;
}

/**
 * lectern_link_format_read_entries:
 * @array: the "links" array of a file
 * @taken: ids already in use
 * @links: (element-type LecternPassageLink): gets the readable entries
 * @unparsed: (element-type utf8): gets the others, and those whose id
 *   is taken, as JSON text
 */
void
lectern_link_format_read_entries (JsonArray  *array,
                                  GHashTable *taken,
                                  GPtrArray  *links,
                                  GPtrArray  *unparsed)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_entries = json_array_get_length (array);

  for (guint i = 0; i < n_entries; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(LecternPassageLink) link = lectern_link_format_read_entry (node, utc);

      if (link == NULL ||
          g_hash_table_contains (taken, lectern_passage_link_get_id (link)) ||
          g_hash_table_contains (ids, lectern_passage_link_get_id (link)))
        {
          g_ptr_array_add (unparsed, json_to_string (node, FALSE));
          continue;
        }

      g_hash_table_add (ids, (gpointer)lectern_passage_link_get_id (link));
      g_ptr_array_add (links, g_steal_pointer (&link));
    }
}
