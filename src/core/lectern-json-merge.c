/* lectern-json-merge.c: two writers of one file merge, never overwrite
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two Lectern processes (two sessions, or two machines on a synced
 * folder) may hold one file. Before a save, the writer compares the
 * file on disk with what this process last read or wrote (its "base");
 * when another writer changed it, the three are merged by entry id, as
 * a three-way merge does lines:
 *
 *   - an entry only one side changed since the base takes that change;
 *   - both changed it: the newer "modified" wins (ours on a tie);
 *   - an entry the other side added is kept, one it deleted stays
 *     deleted unless we changed it since (an edit wins over a delete);
 *   - our own deletions likewise.
 *
 * The base stands in for tombstones: a deletion is told from an
 * addition by whether the entry was in the base, so nothing extra has
 * to be stored in the file for older readers to trip over. Members of
 * the top level other than the entries are ours.
 */

#include "config.h"

#include <string.h>

#include "lectern-json-file.h"

static JsonNode *
parse_object (GBytes *bytes)
{
  g_autoptr(JsonNode) root = NULL;

  if (bytes == NULL)
    return NULL;

  root = lectern_json_file_parse (bytes, "merge");
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return g_steal_pointer (&root);
}

/* The array @member of @root, or %NULL. */
static JsonArray *
entries_of (JsonNode   *root,
            const char *member)
{
  JsonNode *node;

  if (root == NULL)
    return NULL;

  node = json_object_get_member (json_node_get_object (root), member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* The id of @entry, or %NULL for one without a string id. */
static const char *
id_of (JsonNode *entry)
{
  const char *id = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (entry) ||
      !lectern_json_read_string (json_node_get_object (entry), "id", TRUE, &id))
    return NULL;

  return id;
}

/* The entries of @array by id (borrowed); the first of two with one id. */
static GHashTable *
index_entries (JsonArray *array)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *entry = json_array_get_element (array, i);
      const char *id = id_of (entry);

      if (id != NULL && !g_hash_table_contains (index, id))
        g_hash_table_insert (index, (gpointer)id, entry);
    }

  return index;
}

static const char *
modified_of (JsonNode *entry)
{
  const char *modified = NULL;

  lectern_json_read_string (json_node_get_object (entry), "modified", FALSE, &modified);

  return modified != NULL ? modified : "";
}

static gboolean
same (JsonNode *a,
      JsonNode *b)
{
  return a != NULL && b != NULL && json_node_equal (a, b);
}

/* Which of our entry and theirs (both present) goes into the file. */
static JsonNode *
pick (JsonNode *ours,
      JsonNode *theirs,
      JsonNode *base)
{
  if (same (ours, theirs) || same (theirs, base))
    return ours;
  if (same (ours, base))
    return theirs;

  /* ISO 8601 in UTC, as we write it, sorts as text. */
  return strcmp (modified_of (theirs), modified_of (ours)) > 0 ? theirs : ours;
}

/* Whether @array holds an entry equal to @entry. */
static gboolean
array_has (JsonArray *array,
           JsonNode  *entry)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (json_node_equal (json_array_get_element (array, i), entry))
      return TRUE;

  return FALSE;
}

typedef struct
{
  JsonArray  *base_array;
  JsonArray  *their_array;
  JsonArray  *our_array;
  GHashTable *base;
  GHashTable *theirs;
  GHashTable *ours;
} Sides;

/* Our entries in our order, each merged with theirs. */
static void
merge_ours (Sides     *sides,
            JsonArray *out)
{
  for (guint i = 0; sides->our_array != NULL && i < json_array_get_length (sides->our_array); i++)
    {
      JsonNode *entry = json_array_get_element (sides->our_array, i);
      const char *id = id_of (entry);
      JsonNode *theirs = id != NULL ? g_hash_table_lookup (sides->theirs, id) : NULL;
      JsonNode *base = id != NULL ? g_hash_table_lookup (sides->base, id) : NULL;

      if (id != NULL && g_hash_table_lookup (sides->ours, id) != entry)
        continue;
      if (id == NULL || theirs == NULL)
        {
          /* Deleted by the other writer, and not changed here since. */
          if (id == NULL ? !array_has (sides->their_array, entry) && array_has (sides->base_array, entry)
                         : same (entry, base))
            continue;
          json_array_add_element (out, json_node_copy (entry));
        }
      else
        json_array_add_element (out, json_node_copy (pick (entry, theirs, base)));
    }
}

/* Their entries that we do not have, after ours. */
static void
merge_theirs (Sides     *sides,
              JsonArray *out)
{
  for (guint i = 0; sides->their_array != NULL && i < json_array_get_length (sides->their_array); i++)
    {
      JsonNode *entry = json_array_get_element (sides->their_array, i);
      const char *id = id_of (entry);

      if (id == NULL)
        {
          /* Added there, not deleted here. */
          if (!array_has (out, entry) && !array_has (sides->base_array, entry))
            json_array_add_element (out, json_node_copy (entry));
          continue;
        }

      if (g_hash_table_lookup (sides->theirs, id) != entry || g_hash_table_contains (sides->ours, id))
        continue;
      /* Deleted here, and not changed there since. */
      if (same (entry, g_hash_table_lookup (sides->base, id)))
        continue;
      json_array_add_element (out, json_node_copy (entry));
    }
}

/**
 * lectern_json_merge:
 * @base: (nullable): the file as this process last read or wrote it
 * @theirs: the file on disk now, written by someone else
 * @ours: what this process would write
 * @member: the top-level array of entries with an "id"
 *
 * Merges the changes of two writers of one file (see above).
 *
 * Returns: (transfer full) (nullable): the merged file; %NULL if @theirs
 *   or @ours is not a JSON object
 */
GBytes *
lectern_json_merge (GBytes     *base,
                    GBytes     *theirs,
                    GBytes     *ours,
                    const char *member)
{
  g_autoptr(JsonNode) base_root = parse_object (base);
  g_autoptr(JsonNode) their_root = parse_object (theirs);
  g_autoptr(JsonNode) our_root = parse_object (ours);
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(GHashTable) base_index = NULL;
  g_autoptr(GHashTable) their_index = NULL;
  g_autoptr(GHashTable) our_index = NULL;
  Sides sides;
  JsonArray *out;
  gsize length;
  char *text;

  if (their_root == NULL || our_root == NULL)
    return NULL;

  sides.base_array = entries_of (base_root, member);
  sides.their_array = entries_of (their_root, member);
  sides.our_array = entries_of (our_root, member);
  sides.base = base_index = index_entries (sides.base_array);
  sides.theirs = their_index = index_entries (sides.their_array);
  sides.ours = our_index = index_entries (sides.our_array);

  out = json_array_new ();
  merge_ours (&sides, out);
  merge_theirs (&sides, out);

  json_object_set_array_member (json_node_get_object (our_root), member, out);
  generator = json_generator_new ();
  json_generator_set_root (generator, our_root);
  text = json_generator_to_data (generator, &length);

  return g_bytes_new_take (text, length);
}
