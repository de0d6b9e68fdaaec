/* lectern-export-jsonld.c: highlights and passage links as W3C Web Annotations (JSON-LD)
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * JSON-LD
 *
 *   An export is one AnnotationCollection whose "first" member is an
 *   embedded AnnotationPage holding every annotation in "items" — the
 *   shape the W3C model gives for a list of annotations. Its ids are
 *   derived from the highlight ids, so the same highlights give the same
 *   bytes. Each annotation carries the highlight's colour in the
 *   top-level member "lectern:color" (a colour name). For JSON-LD that
 *   is an absolute IRI with the scheme "lectern:", so other tools keep
 *   or drop it without a change of meaning; no body is spent on it,
 *   since tools show bodies to people.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lectern-export-private.h"

#define ANNOTATION_CONTEXT "http://www.w3.org/ns/anno.jsonld"
/* What the colour stands for to the reader ("Key point"), for people and
 * tools reading the export; import does not need it. */
#define COLOR_MEANING_MEMBER "lectern:colorMeaning"

static JsonObject *
textual_body (const char *value,
              const char *purpose)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "type", "TextualBody");
  json_object_set_string_member (body, "value", value);
  json_object_set_string_member (body, "format", "text/plain");
  json_object_set_string_member (body, "purpose", purpose);

  return body;
}

/* A SpecificResource: the document and two selectors of the passage.
 * W3C positions count characters of the resource named as source, the
 * file: an open @document maps its passage there (a web page, whose
 * text is not the file's, has no position). A document that is not
 * open keeps the positions the passage has. */
static JsonObject *
make_target (const char      *source,
             const char      *exact,
             const char      *prefix,
             const char      *suffix,
             LecternDocument *document,
             guint            start,
             guint            end)
{
  gboolean has_position = document == NULL ||
                          lectern_document_get_source_range (document, start, end, &start, &end);
  JsonObject *target = json_object_new ();
  JsonObject *quote = json_object_new ();
  JsonObject *position = json_object_new ();
  JsonArray *selectors = json_array_new ();

  json_object_set_string_member (quote, "type", "TextQuoteSelector");
  json_object_set_string_member (quote, "exact", exact);
  if (prefix != NULL)
    json_object_set_string_member (quote, "prefix", prefix);
  if (suffix != NULL)
    json_object_set_string_member (quote, "suffix", suffix);

  json_object_set_string_member (position, "type", "TextPositionSelector");
  json_object_set_int_member (position, "start", start);
  json_object_set_int_member (position, "end", end);

  json_array_add_object_element (selectors, quote);
  if (has_position)
    json_array_add_object_element (selectors, position);
  else
    json_object_unref (position);

  json_object_set_string_member (target, "source", source);
  json_object_set_array_member (target, "selector", selectors);

  return target;
}

static JsonObject *
target_to_json (LecternHighlight *highlight,
                const char       *source,
                LecternDocument  *document)
{
  return make_target (source,
                      lectern_highlight_get_exact (highlight),
                      lectern_highlight_get_prefix (highlight),
                      lectern_highlight_get_suffix (highlight),
                      document,
                      lectern_highlight_get_start (highlight),
                      lectern_highlight_get_end (highlight));
}

static JsonObject *
annotation_to_json (LecternHighlight     *highlight,
                    const char           *source,
                    LecternDocument      *document,
                    LecternColorMeanings *meanings)
{
  JsonObject *annotation = json_object_new ();
  JsonArray *bodies = json_array_new ();
  const char *note = lectern_highlight_get_note (highlight);
  const char * const *tags = lectern_highlight_get_tags (highlight);
  g_autofree char *id = g_strconcat (URN_UUID, lectern_highlight_get_id (highlight), NULL);
  g_autofree char *created = _lectern_export_format_time (lectern_highlight_get_created (highlight));
  g_autofree char *modified = _lectern_export_format_time (lectern_highlight_get_modified (highlight));
  gboolean has_note = note != NULL && *note != '\0';

  if (has_note)
    json_array_add_object_element (bodies, textual_body (note, "commenting"));
  for (guint i = 0; tags[i] != NULL; i++)
    json_array_add_object_element (bodies, textual_body (tags[i], "tagging"));

  json_object_set_string_member (annotation, "id", id);
  json_object_set_string_member (annotation, "type", "Annotation");
  json_object_set_string_member (annotation, "motivation", has_note ? "commenting" : "highlighting");
  json_object_set_string_member (annotation, "created", created);
  json_object_set_string_member (annotation, "modified", modified);
  if (json_array_get_length (bodies) > 0)
    json_object_set_array_member (annotation, "body", bodies);
  else
    json_array_unref (bodies);
  json_object_set_object_member (annotation, "target", target_to_json (highlight, source, document));
  json_object_set_string_member (annotation, COLOR_MEMBER,
                                 lectern_color_to_string (lectern_highlight_get_color (highlight)));
  if (meanings != NULL)
    json_object_set_string_member (annotation, COLOR_MEANING_MEMBER,
                                   lectern_color_meanings_get (meanings, lectern_highlight_get_color (highlight)));

  return annotation;
}

/* A passage link: "linking" two SpecificResources, with the note and
 * tags as bodies and the relation both as a classifying body (for other
 * tools) and in "lectern:relation". */
static JsonObject *
link_annotation_to_json (LecternExport      *self,
                         LecternPassageLink *link)
{
  JsonObject *annotation = json_object_new ();
  JsonArray *bodies = json_array_new ();
  JsonArray *targets = json_array_new ();
  const char *note = lectern_passage_link_get_note (link);
  const char * const *tags = lectern_passage_link_get_tags (link);
  const char *relation = lectern_relation_to_string (lectern_passage_link_get_relation (link));
  g_autofree char *id = g_strconcat (URN_UUID, lectern_passage_link_get_id (link), NULL);
  g_autofree char *created = _lectern_export_format_time (lectern_passage_link_get_created (link));
  g_autofree char *modified = _lectern_export_format_time (lectern_passage_link_get_modified (link));

  if (*note != '\0')
    json_array_add_object_element (bodies, textual_body (note, "commenting"));
  for (guint i = 0; tags[i] != NULL; i++)
    json_array_add_object_element (bodies, textual_body (tags[i], "tagging"));
  json_array_add_object_element (bodies, textual_body (relation, "classifying"));

  for (LecternLinkSide side = LECTERN_LINK_SIDE_LEFT; side <= LECTERN_LINK_SIDE_RIGHT; side++)
    {
      const char *uri;
      const char *title;
      LecternDocument *document = NULL;

      if (self->library != NULL)
        document = lectern_library_find_by_id (self->library, lectern_passage_link_get_document_id (link, side));
      _lectern_export_describe_link_document (self, link, side, &uri, &title);
      json_array_add_object_element (targets,
                                     make_target (uri,
                                                  lectern_passage_link_get_exact (link, side),
                                                  lectern_passage_link_get_prefix (link, side),
                                                  lectern_passage_link_get_suffix (link, side),
                                                  document,
                                                  lectern_passage_link_get_start (link, side),
                                                  lectern_passage_link_get_end (link, side)));
    }

  json_object_set_string_member (annotation, "id", id);
  json_object_set_string_member (annotation, "type", "Annotation");
  json_object_set_string_member (annotation, "motivation", "linking");
  json_object_set_string_member (annotation, "created", created);
  json_object_set_string_member (annotation, "modified", modified);
  json_object_set_array_member (annotation, "body", bodies);
  json_object_set_array_member (annotation, "target", targets);
  json_object_set_string_member (annotation, RELATION_MEMBER, relation);

  return annotation;
}

/* A document that is neither open nor in the store still needs a
 * source; its id is the best name left. */
static char *
group_source (const Group *group)
{
  if (group->uri != NULL)
    return g_strdup (group->uri);

  return g_strconcat ("urn:lectern:document:", group->document_id, NULL);
}

/* The collection and its page are named after what they hold. */
static char *
id_for_set (const char *kind,
            const char *ids)
{
  g_autofree char *name = g_strconcat (kind, "\n", ids, NULL);
  g_autofree char *uuid = _lectern_export_name_uuid (name);

  return g_strconcat (URN_UUID, uuid, NULL);
}

/* Adds the annotations of @highlights, then of @links, to @items in
 * export order, and their ids to @all_ids. */
static void
add_annotations (LecternExport *self,
                 GPtrArray     *highlights,
                 GPtrArray     *links,
                 JsonArray     *items,
                 GString       *all_ids)
{
  g_autoptr(GPtrArray) groups = _lectern_export_group_highlights (self, highlights);
  g_autoptr(GPtrArray) pairs = _lectern_export_group_links (self, links);

  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);
      g_autofree char *source = group_source (group);
      LecternDocument *document = NULL;

      if (self->library != NULL)
        document = lectern_library_find_by_id (self->library, group->document_id);
      for (guint j = 0; j < group->highlights->len; j++)
        {
          LecternHighlight *highlight = g_ptr_array_index (group->highlights, j);

          json_array_add_object_element (items, annotation_to_json (highlight, source, document,
                                                                    self->meanings));
          g_string_append (all_ids, lectern_highlight_get_id (highlight));
          g_string_append_c (all_ids, '\n');
        }
    }

  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *pair = g_ptr_array_index (pairs, i);

      for (guint j = 0; j < pair->links->len; j++)
        {
          LecternPassageLink *link = g_ptr_array_index (pair->links, j);

          json_array_add_object_element (items, link_annotation_to_json (self, link));
          g_string_append (all_ids, lectern_passage_link_get_id (link));
          g_string_append_c (all_ids, '\n');
        }
    }
}

/* One collection of the highlights, then the links (either may be %NULL). */
char *
_lectern_export_write_json_ld (LecternExport *self,
                               GPtrArray     *highlights,
                               GPtrArray     *links)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GString) all_ids = g_string_new (NULL);
  g_autofree char *collection_id = NULL;
  g_autofree char *page_id = NULL;
  JsonObject *collection = json_object_new ();
  JsonObject *page = json_object_new ();
  JsonArray *items = json_array_new ();
  GString *out;

  if (highlights == NULL)
    highlights = none;
  if (links == NULL)
    links = none;
  add_annotations (self, highlights, links, items, all_ids);

  collection_id = id_for_set ("collection", all_ids->str);
  page_id = id_for_set ("page", all_ids->str);

  json_object_set_string_member (page, "id", page_id);
  json_object_set_string_member (page, "type", "AnnotationPage");
  json_object_set_int_member (page, "startIndex", 0);
  json_object_set_array_member (page, "items", items);

  json_object_set_string_member (collection, "@context", ANNOTATION_CONTEXT);
  json_object_set_string_member (collection, "id", collection_id);
  json_object_set_string_member (collection, "type", "AnnotationCollection");
  if (links->len == 0)
    json_object_set_string_member (collection, "label", _("Lectern highlights"));
  else if (highlights->len == 0)
    json_object_set_string_member (collection, "label", _("Lectern passage links"));
  else
    json_object_set_string_member (collection, "label", _("Lectern highlights and passage links"));
  json_object_set_int_member (collection, "total", highlights->len + links->len);
  json_object_set_object_member (collection, "first", page);

  json_node_take_object (root, collection);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  out = g_string_new (NULL);
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');

  g_clear_object (&generator);
  _lectern_export_unref_json_later (root, highlights->len + links->len);

  return g_string_free (out, FALSE);
}

