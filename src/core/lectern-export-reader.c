/* lectern-export-reader.c: W3C Web Annotations (JSON-LD) read into Annotation structs
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Reading
 *
 *   Import takes a single Annotation, a JSON array of them, an
 *   AnnotationCollection (items in "first".items or in "items") or an
 *   AnnotationPage. The whole file is rejected, changing nothing, when
 *   it is too large, not JSON, not one of these shapes, or when none of
 *   its annotations can be used (so a single bad annotation is an
 *   error). A bad item among good ones is counted as invalid and the
 *   good ones are imported. Quotes are found with LecternAnchor, the
 *   same search that re-anchors highlights in a changed text.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lectern-export-private.h"
#include "lectern-json-file.h"

#define MAX_NOTE_SIZE (1024 * 1024)
#define MAX_TAG_SIZE 1024
#define MAX_IRI_SIZE (64 * 1024)
/* Web Annotations nest about six levels; json-glib parses recursively,
 * so a deeper file could exhaust the stack. */

static void
annotation_free (gpointer data)
{
  Annotation *annotation = data;

  if (annotation == NULL)
    return;

  g_free (annotation->id);
  g_free (annotation->label);
  g_string_free (annotation->note, TRUE);
  g_ptr_array_unref (annotation->tags);
  g_clear_pointer (&annotation->created, g_date_time_unref);
  g_clear_pointer (&annotation->modified, g_date_time_unref);
  g_free (annotation);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Annotation, annotation_free)

static gboolean
node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

/* "type", "purpose" and "motivation" hold one string or an array of them. */
static gboolean
node_has_value (JsonNode   *node,
                const char *value)
{
  JsonArray *array;
  guint n;

  if (node_is_string (node))
    return strcmp (json_node_get_string (node), value) == 0;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    if (node_has_value (json_array_get_element (array, i), value))
      return TRUE;

  return FALSE;
}

/* Reads an optional string member no longer than @max_size bytes:
 * %FALSE with @problem set when it is there but something else. */
static gboolean
read_string (JsonObject  *object,
             const char  *name,
             gsize        max_size,
             const char **value,
             char       **problem)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!node_is_string (node))
    {
      *problem = g_strdup_printf (_("its “%s” is not a string"), name);
      return FALSE;
    }

  if (strlen (json_node_get_string (node)) > max_size)
    {
      *problem = g_strdup_printf (_("its “%s” is longer than %llu KiB"),
                                  name, (unsigned long long) (max_size / 1024));
      return FALSE;
    }

  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_offset (JsonObject  *object,
             const char  *name,
             guint       *value,
             char       **problem)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 number;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 ||
      (number = json_node_get_int (node)) < 0 || number > G_MAXUINT)
    {
      *problem = g_strdup_printf (_("its TextPositionSelector has no whole, non-negative “%s”"), name);
      return FALSE;
    }

  *value = (guint)number;
  return TRUE;
}

/* JSON-LD lets "type" and "id" be written by their keywords too. */
static JsonNode *
get_keyword_member (JsonObject *object,
                    const char *name)
{
  g_autofree char *keyword = NULL;
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL)
    return node;

  keyword = g_strconcat ("@", name, NULL);
  return json_object_get_member (object, keyword);
}

static gboolean
read_quote_selector (JsonObject        *selector,
                     AnnotationTarget  *found,
                     char             **problem)
{
  if (!read_string (selector, "exact", LECTERN_EXPORT_MAX_QUOTE_SIZE, &found->exact, problem) ||
      !read_string (selector, "prefix", LECTERN_EXPORT_MAX_QUOTE_SIZE, &found->prefix, problem) ||
      !read_string (selector, "suffix", LECTERN_EXPORT_MAX_QUOTE_SIZE, &found->suffix, problem))
    return FALSE;

  if (found->exact == NULL || *found->exact == '\0')
    {
      *problem = g_strdup (_("its TextQuoteSelector has no “exact” text"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_position_selector (JsonObject        *selector,
                        AnnotationTarget  *found,
                        char             **problem)
{
  if (!read_offset (selector, "start", &found->start, problem) ||
      !read_offset (selector, "end", &found->end, problem))
    return FALSE;

  if (found->start >= found->end)
    {
      *problem = g_strdup (_("its TextPositionSelector ends before it starts"));
      return FALSE;
    }

  found->has_position = TRUE;
  return TRUE;
}

/* Takes the first TextQuoteSelector and TextPositionSelector; other
 * selectors (XPath, CSS, fragments…) do not apply to plain text. */
static gboolean
read_selectors (JsonNode          *node,
                AnnotationTarget  *found,
                char             **problem)
{
  g_autoptr(GPtrArray) selectors = g_ptr_array_new ();

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    g_ptr_array_add (selectors, json_node_get_object (node));
  else if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
          g_ptr_array_add (selectors, json_array_get_object_element (array, i));
    }

  for (guint i = 0; i < selectors->len; i++)
    {
      JsonObject *selector = g_ptr_array_index (selectors, i);
      JsonNode *type = get_keyword_member (selector, "type");

      if (found->exact == NULL && node_has_value (type, "TextQuoteSelector"))
        {
          if (!read_quote_selector (selector, found, problem))
            return FALSE;
        }
      else if (!found->has_position && node_has_value (type, "TextPositionSelector"))
        {
          if (!read_position_selector (selector, found, problem))
            return FALSE;
        }
    }

  if (found->exact == NULL && !found->has_position)
    {
      *problem = g_strdup (_("its target has no TextQuoteSelector or TextPositionSelector"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_target_object (JsonObject        *target,
                    AnnotationTarget  *found,
                    char             **problem)
{
  if (!read_string (target, "source", MAX_IRI_SIZE, &found->source, problem))
    return FALSE;

  if (found->source == NULL || *found->source == '\0')
    {
      *problem = g_strdup (_("its target has no “source” naming the document"));
      return FALSE;
    }

  return read_selectors (json_object_get_member (target, "selector"), found, problem);
}

/* A target is one object, or an array whose first usable object is taken. */
static gboolean
read_target (JsonNode    *node,
             Annotation  *annotation,
             char       **problem)
{
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *problem = g_strdup (_("it has no target"));
      return FALSE;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    return read_target_object (json_node_get_object (node), &annotation->target, problem);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      *problem = g_strdup (_("its target is only a link, without selectors"));
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      g_clear_pointer (problem, g_free);
      annotation->target = (AnnotationTarget) { NULL, };
      if (read_target_object (json_node_get_object (element), &annotation->target, problem))
        return TRUE;
    }

  if (*problem == NULL)
    *problem = g_strdup (_("none of its targets has selectors"));

  return FALSE;
}

/* How many of the targets are objects, which may carry selectors. */
static guint
count_object_targets (JsonNode *node)
{
  JsonArray *array;
  guint n = 0;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return 1;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return 0;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
      n++;

  return n;
}

/* A passage link has exactly two targets, each a document and a passage. */
static gboolean
read_link_targets (JsonNode    *node,
                   Annotation  *annotation,
                   char       **problem)
{
  AnnotationTarget *found[2] = { &annotation->target, &annotation->other };
  JsonArray *array = json_node_get_array (node);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      if (n == 2)
        {
          *problem = g_strdup (_("it links more than two passages, and Lectern links pairs"));
          return FALSE;
        }

      if (!read_target_object (json_node_get_object (element), found[n++], problem))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_comment_purpose (JsonNode *purpose)
{
  static const char * const comment_purposes[] = {
    "commenting", "describing", "replying", "questioning", "editing", "assessing",
  };

  if (purpose == NULL || JSON_NODE_HOLDS_NULL (purpose))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (comment_purposes); i++)
    if (node_has_value (purpose, comment_purposes[i]))
      return TRUE;

  return FALSE;
}

static gboolean
add_note (Annotation  *annotation,
          const char  *text,
          char       **problem)
{
  if (*text == '\0')
    return TRUE;

  if (annotation->note->len > 0)
    g_string_append (annotation->note, "\n\n");
  g_string_append (annotation->note, text);

  if (annotation->note->len > MAX_NOTE_SIZE)
    {
      *problem = g_strdup_printf (_("its note is longer than %d KiB"), MAX_NOTE_SIZE / 1024);
      return FALSE;
    }

  return TRUE;
}

static gboolean
add_tag (Annotation  *annotation,
         const char  *tag,
         char       **problem)
{
  if (strlen (tag) > MAX_TAG_SIZE)
    {
      *problem = g_strdup_printf (_("it has a tag longer than %d bytes"), MAX_TAG_SIZE);
      return FALSE;
    }

  if (*tag == '\0' || g_ptr_array_find_with_equal_func (annotation->tags, tag, g_str_equal, NULL))
    return TRUE;

  g_ptr_array_add (annotation->tags, (gpointer)tag);
  return TRUE;
}

/* A TextualBody is a tag when its purpose (or, without one, the
 * annotation's motivation) is tagging, and part of the note when it
 * comments; bodies that are links or classify are not Lectern's. */
static gboolean
read_body (JsonNode    *node,
           gboolean     tagging,
           Annotation  *annotation,
           char       **problem)
{
  JsonObject *body;
  JsonNode *purpose;
  JsonNode *value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;

  body = json_node_get_object (node);
  value = json_object_get_member (body, "value");
  purpose = json_object_get_member (body, "purpose");

  if (!node_is_string (value))
    return TRUE;

  /* The relation of a passage link, when "lectern:relation" did not say. */
  if (node_has_value (purpose, "classifying"))
    {
      if (annotation->is_link && !annotation->has_relation &&
          lectern_relation_from_string (json_node_get_string (value), &annotation->relation))
        annotation->has_relation = TRUE;
      return TRUE;
    }

  if (node_has_value (purpose, "tagging") || (purpose == NULL && tagging))
    return add_tag (annotation, json_node_get_string (value), problem);

  if (is_comment_purpose (purpose))
    return add_note (annotation, json_node_get_string (value), problem);

  return TRUE;
}

static gboolean
read_bodies (JsonObject  *object,
             Annotation  *annotation,
             char       **problem)
{
  JsonNode *node = json_object_get_member (object, "body");
  gboolean tagging = node_has_value (json_object_get_member (object, "motivation"), "tagging");
  const char *body_value;

  if (!read_string (object, "bodyValue", MAX_NOTE_SIZE, &body_value, problem) ||
      (body_value != NULL && !add_note (annotation, body_value, problem)))
    return FALSE;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!read_body (json_array_get_element (array, i), tagging, annotation, problem))
          return FALSE;

      return TRUE;
    }

  return node == NULL || read_body (node, tagging, annotation, problem);
}

/* A missing time is fine (the caller picks one); a malformed one is not.
 * Whole seconds, as the highlights file keeps them. */
static gboolean
read_time (JsonObject  *object,
           const char  *name,
           GTimeZone   *utc,
           GDateTime  **value,
           char       **problem)
{
  g_autoptr(GDateTime) datetime = NULL;
  g_autoptr(GDateTime) in_utc = NULL;
  const char *str;

  if (!read_string (object, name, 64, &str, problem))
    return FALSE;
  if (str == NULL)
    return TRUE;

  datetime = g_date_time_new_from_iso8601 (str, utc);
  if (datetime == NULL)
    {
      *problem = g_strdup_printf (_("its “%s” time “%s” is not an ISO 8601 date and time"), name, str);
      return FALSE;
    }

  in_utc = g_date_time_to_utc (datetime);
  *value = g_date_time_add (in_utc, -(GTimeSpan)g_date_time_get_microsecond (in_utc));
  return TRUE;
}

static gboolean
read_times (JsonObject  *object,
            Annotation  *annotation,
            char       **problem)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (!read_time (object, "created", utc, &annotation->created, problem) ||
      !read_time (object, "modified", utc, &annotation->modified, problem))
    return FALSE;

  if (annotation->created == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      annotation->created = g_date_time_add (now, -(GTimeSpan)g_date_time_get_microsecond (now));
    }

  return TRUE;
}

/* Lectern's own ids come back unchanged; any other id is turned into a
 * UUID derived from it, so importing the same file again finds it. */
static gboolean
read_id (JsonObject  *object,
         guint        index,
         Annotation  *annotation,
         char       **problem)
{
  const char *id;

  if (!read_string (object, json_object_has_member (object, "id") ? "id" : "@id",
                    MAX_IRI_SIZE, &id, problem))
    {
      annotation->label = g_strdup_printf (_("Item %u"), index + 1);
      return FALSE;
    }

  if (id == NULL || *id == '\0')
    {
      annotation->label = g_strdup_printf (_("Item %u"), index + 1);
      annotation->id = g_uuid_string_random ();
      return TRUE;
    }

  annotation->label = g_strdup_printf (_("Annotation “%s”"), id);
  if (g_str_has_prefix (id, URN_UUID) && g_uuid_string_is_valid (id + strlen (URN_UUID)))
    annotation->id = g_ascii_strdown (id + strlen (URN_UUID), -1);
  else
    annotation->id = _lectern_export_name_uuid (id);

  return TRUE;
}

static gboolean
read_color (JsonObject  *object,
            Annotation  *annotation,
            char       **problem)
{
  const char *name;

  if (!read_string (object, COLOR_MEMBER, 64, &name, problem))
    return FALSE;

  /* Another tool, or a colour this version does not know: the default. */
  if (name == NULL || !lectern_color_from_string (name, &annotation->color))
    annotation->color = LECTERN_COLOR_YELLOW;

  return TRUE;
}

/* A link's relation from "lectern:relation"; a name this version does
 * not know is left to the bodies. */
static gboolean
read_relation (JsonObject  *object,
               Annotation  *annotation,
               char       **problem)
{
  const char *name;

  if (!annotation->is_link)
    return TRUE;

  if (!read_string (object, RELATION_MEMBER, 64, &name, problem))
    return FALSE;

  annotation->has_relation = lectern_relation_from_string (name, &annotation->relation);
  return TRUE;
}

/* Always returns the item as far as it was read, if only for its label;
 * @problem is set when it is not a usable annotation. */
static Annotation *
read_annotation (JsonNode  *node,
                 guint      index,
                 char     **problem)
{
  g_autoptr(Annotation) annotation = g_new0 (Annotation, 1);
  JsonObject *object;
  JsonNode *target;

  annotation->note = g_string_new (NULL);
  annotation->tags = g_ptr_array_new ();

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      annotation->label = g_strdup_printf (_("Item %u"), index + 1);
      *problem = g_strdup (_("it is not a JSON object"));
      return g_steal_pointer (&annotation);
    }

  object = json_node_get_object (node);
  if (!read_id (object, index, annotation, problem))
    return g_steal_pointer (&annotation);

  if (!node_has_value (get_keyword_member (object, "type"), "Annotation"))
    *problem = g_strdup (_("its “type” is not “Annotation”"));

  /* Lectern's passage links, and any other annotation linking two
   * passages, become links; other linking annotations, highlights. */
  target = json_object_get_member (object, "target");
  annotation->is_link = node_has_value (json_object_get_member (object, "motivation"), "linking") &&
                        count_object_targets (target) >= 2;

  if (*problem != NULL ||
      !(annotation->is_link ? read_link_targets (target, annotation, problem)
                            : read_target (target, annotation, problem)) ||
      !read_relation (object, annotation, problem) ||
      !read_bodies (object, annotation, problem) ||
      !read_color (object, annotation, problem) ||
      !read_times (object, annotation, problem))
    return g_steal_pointer (&annotation);

  /* A link without a relation Lectern knows: the first one. */
  if (annotation->is_link && !annotation->has_relation)
    annotation->relation = LECTERN_RELATION_AGREES;

  g_ptr_array_add (annotation->tags, NULL);
  return g_steal_pointer (&annotation);
}

static JsonNode *
parse_json (const char  *data,
            gsize        length,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  if (length > LECTERN_EXPORT_MAX_FILE_SIZE)
    {
      g_set_error (error, LECTERN_EXPORT_ERROR, LECTERN_EXPORT_ERROR_TOO_LARGE,
                   _("The file is larger than %d MiB; split it into smaller files to import it."),
                   LECTERN_EXPORT_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, LECTERN_EXPORT_ERROR, LECTERN_EXPORT_ERROR_INVALID_JSON,
                           _("The file is not UTF-8 text, so it is not JSON-LD."));
      return NULL;
    }

  /* json-glib recurses and accepts comments and single quotes: only
   * strict JSON, nested a few levels, reaches it. */
  if (!lectern_json_file_is_plain (data, length))
    {
      g_set_error (error, LECTERN_EXPORT_ERROR, LECTERN_EXPORT_ERROR_INVALID_JSON,
                   _("The file is not valid JSON for Lectern: it has comments, single quotes or "
                     "unbalanced brackets, or nests more than %d levels deep, which no Web "
                     "Annotation does."), LECTERN_JSON_FILE_MAX_NESTING);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, LECTERN_EXPORT_ERROR, LECTERN_EXPORT_ERROR_INVALID_JSON,
                   _("The file is not valid JSON: %s."), local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, LECTERN_EXPORT_ERROR, LECTERN_EXPORT_ERROR_INVALID_JSON,
                           _("The file is empty."));
      return NULL;
    }

  return json_parser_steal_root (parser);
}

static gboolean
add_items (JsonNode   *node,
           const char *container,
           GPtrArray  *items,
           GError    **error)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, LECTERN_EXPORT_ERROR, LECTERN_EXPORT_ERROR_NOT_ANNOTATIONS,
                   _("The file holds an %s without an “items” list of annotations."), container);
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (items, json_array_get_element (array, i));

  return TRUE;
}

static gboolean
collect_collection_items (JsonObject  *collection,
                          GPtrArray   *items,
                          GError     **error)
{
  JsonNode *first = json_object_get_member (collection, "first");
  JsonNode *total = json_object_get_member (collection, "total");

  if (first != NULL && JSON_NODE_HOLDS_OBJECT (first))
    return add_items (json_object_get_member (json_node_get_object (first), "items"),
                      "AnnotationPage", items, error);

  if (node_is_string (first))
    {
      g_set_error (error, LECTERN_EXPORT_ERROR, LECTERN_EXPORT_ERROR_NOT_ANNOTATIONS,
                   _("The AnnotationCollection keeps its annotations elsewhere (at “%s”). "
                     "Export it with its pages included, then import that file."),
                   json_node_get_string (first));
      return FALSE;
    }

  /* An empty collection has no page at all. */
  if (json_object_get_member (collection, "items") == NULL && total != NULL &&
      JSON_NODE_HOLDS_VALUE (total) && json_node_get_value_type (total) == G_TYPE_INT64 &&
      json_node_get_int (total) == 0)
    return TRUE;

  return add_items (json_object_get_member (collection, "items"), "AnnotationCollection", items, error);
}

/* Fills @items (borrowed from @root) with the annotations to read:
 * %FALSE when the file is not one of the accepted shapes. */
static gboolean
collect_items (JsonNode   *root,
               GPtrArray  *items,
               GError    **error)
{
  JsonObject *object;
  JsonNode *type;

  if (JSON_NODE_HOLDS_ARRAY (root))
    return add_items (root, "array", items, error);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, LECTERN_EXPORT_ERROR, LECTERN_EXPORT_ERROR_NOT_ANNOTATIONS,
                           _("The file holds a single JSON value, not Web Annotations."));
      return FALSE;
    }

  object = json_node_get_object (root);
  type = get_keyword_member (object, "type");

  if (node_has_value (type, "Annotation"))
    {
      g_ptr_array_add (items, root);
      return TRUE;
    }
  if (node_has_value (type, "AnnotationCollection"))
    return collect_collection_items (object, items, error);
  if (node_has_value (type, "AnnotationPage"))
    return add_items (json_object_get_member (object, "items"), "AnnotationPage", items, error);

  if (node_is_string (type))
    g_set_error (error, LECTERN_EXPORT_ERROR, LECTERN_EXPORT_ERROR_NOT_ANNOTATIONS,
                 _("The file holds a “%s”, not a Web Annotation, AnnotationCollection "
                   "or AnnotationPage."), json_node_get_string (type));
  else
    g_set_error_literal (error, LECTERN_EXPORT_ERROR, LECTERN_EXPORT_ERROR_NOT_ANNOTATIONS,
                         _("The file holds a JSON object without a “type”, not a Web "
                           "Annotation, AnnotationCollection or AnnotationPage."));
  return FALSE;
}

/* Reads every item first: the whole file is refused, before anything
 * changes, when it holds items and none of them is usable. */
static GPtrArray *
read_annotations (GPtrArray            *items,
                  LecternImportResult  *result,
                  GError              **error)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (annotation_free);
  g_autofree char *first_problem = NULL;

  for (guint i = 0; i < items->len; i++)
    {
      g_autofree char *problem = NULL;
      g_autoptr(Annotation) annotation = read_annotation (g_ptr_array_index (items, i), i, &problem);

      if (problem == NULL)
        {
          g_ptr_array_add (annotations, g_steal_pointer (&annotation));
          continue;
        }

      result->invalid++;
      g_ptr_array_add (result->messages, g_strdup_printf (_("%s: %s."), annotation->label, problem));
      if (first_problem == NULL)
        first_problem = g_strdup_printf (_("%s: %s."), annotation->label, problem);
    }

  if (items->len > 0 && annotations->len == 0)
    {
      if (items->len == 1)
        g_set_error (error, LECTERN_EXPORT_ERROR, LECTERN_EXPORT_ERROR_INVALID_ANNOTATION,
                     _("The annotation in the file cannot be imported. %s"), first_problem);
      else
        g_set_error (error, LECTERN_EXPORT_ERROR, LECTERN_EXPORT_ERROR_INVALID_ANNOTATION,
                     _("None of the %u annotations in the file can be imported. The first: %s"),
                     items->len, first_problem);
      return NULL;
    }

  return g_steal_pointer (&annotations);
}

/* Parses a Web Annotation file and reads its annotations, counting the
 * unusable ones in @result. The annotations borrow strings from *@root,
 * which the caller frees after them. %NULL, with @error set, when the
 * whole file is refused. */
GPtrArray *
_lectern_export_read_json_ld (const char           *data,
                              gsize                 length,
                              LecternImportResult  *result,
                              JsonNode            **root,
                              GError              **error)
{
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  GPtrArray *annotations;

  if ((parsed = parse_json (data, length, error)) == NULL ||
      !collect_items (parsed, items, error) ||
      (annotations = read_annotations (items, result, error)) == NULL)
    return NULL;

  *root = g_steal_pointer (&parsed);

  return annotations;
}
