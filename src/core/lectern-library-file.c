/* lectern-library-file.c: library.json, the documents the reader opened
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-library-entry.h"
#include "lectern-library-file.h"

/*
 * {
 *   "format": "lectern-library",
 *   "version": 1,
 *   "documents": [
 *     { "uri": "file:///…/paper.md", "title": "…", "fingerprint": "…",
 *       "position": 1234, "format": "markdown" }
 *   ]
 * }
 *
 * Read and written through the JSON-file layer like every file of ours
 * (bounded read, version rule, .bak, durable replace). An entry without
 * a "uri" is skipped.
 */

static LecternLibraryEntry *
read_entry (JsonNode *node)
{
  LecternLibraryEntry *entry;
  JsonObject *object;
  const char *uri;
  const char *title = NULL;
  const char *fingerprint = NULL;
  const char *format = NULL;
  guint position = 0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = json_node_get_object (node);
  if (!lectern_json_read_string (object, "uri", TRUE, &uri) || *uri == '\0' ||
      !lectern_json_read_string (object, "title", FALSE, &title) ||
      !lectern_json_read_string (object, "fingerprint", FALSE, &fingerprint) ||
      !lectern_json_read_string (object, "format", FALSE, &format))
    return NULL;
  lectern_json_read_uint (object, "position", &position);

  entry = lectern_library_entry_new (uri, title, fingerprint);
  lectern_library_entry_set_position (entry, position);
  lectern_library_entry_set_format (entry, format);

  return entry;
}

/**
 * lectern_library_file_read:
 * @path: library.json
 * @entries: a #GListStore of #LecternLibraryEntry to append to
 *
 * Returns: what came of reading; entries are added for LOADED and NEWER
 */
LecternJsonFileStatus
lectern_library_file_read (const char *path,
                           GListStore *entries)
{
  g_autoptr(JsonArray) documents = NULL;
  LecternJsonFileContents contents;
  LecternJsonFileStatus status;

  status = lectern_json_file_load (path, NULL, LECTERN_LIBRARY_MAX_FILE_SIZE,
                                   LECTERN_LIBRARY_FORMAT_NAME, LECTERN_LIBRARY_FORMAT_VERSION,
                                   &contents);
  if (status == LECTERN_JSON_FILE_LOADED || status == LECTERN_JSON_FILE_NEWER)
    {
      documents = lectern_json_dup_array (contents.root, "documents");
      for (guint i = 0; documents != NULL && i < json_array_get_length (documents); i++)
        {
          g_autoptr(LecternLibraryEntry) entry = read_entry (json_array_get_element (documents, i));

          if (entry != NULL)
            g_list_store_append (entries, entry);
        }
      if (documents == NULL && status == LECTERN_JSON_FILE_LOADED)
        status = LECTERN_JSON_FILE_CORRUPT;
    }

  lectern_json_file_contents_clear (&contents);
  return status;
}

static void
write_entry (JsonBuilder         *builder,
             LecternLibraryEntry *entry)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, lectern_library_entry_get_uri (entry));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, lectern_library_entry_get_title (entry));
  if (lectern_library_entry_get_fingerprint (entry) != NULL)
    {
      json_builder_set_member_name (builder, "fingerprint");
      json_builder_add_string_value (builder, lectern_library_entry_get_fingerprint (entry));
    }
  json_builder_set_member_name (builder, "position");
  json_builder_add_int_value (builder, lectern_library_entry_get_position (entry));
  if (lectern_library_entry_get_format (entry) != NULL)
    {
      json_builder_set_member_name (builder, "format");
      json_builder_add_string_value (builder, lectern_library_entry_get_format (entry));
    }
  json_builder_end_object (builder);
}

/**
 * lectern_library_file_serialize:
 * @entries: a #GListModel of #LecternLibraryEntry
 *
 * Returns: (transfer full): the contents of library.json
 */
GBytes *
lectern_library_file_serialize (GListModel *entries)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, LECTERN_LIBRARY_FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, LECTERN_LIBRARY_FORMAT_VERSION);
  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(LecternLibraryEntry) entry = g_list_model_get_item (entries, i);

      write_entry (builder, entry);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  return g_bytes_new_take (text, strlen (text));
}
