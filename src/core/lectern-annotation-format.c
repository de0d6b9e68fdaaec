/* lectern-annotation-format.c: the highlights file, format v1 (see
 * DESIGN.md "The highlights file"): highlights to JSON and back
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lectern-annotation-format.h"
#include "lectern-json-file.h"

#define FINGERPRINT_PREFIX "sha256:"

/* Unknown fields
 *
 * A newer minor version may add members anywhere; whatever this version
 * does not know is kept, per object, and written back (issue 19). */

static const char * const top_members[] = { "format", "version", "document", "highlights", NULL };
static const char * const document_members[] = { "uri", "title", "fingerprint", "length", NULL };
static const char * const entry_members[] = {
  "id", "color", "created", "modified", "note", "tags", "target", "state", NULL
};
static const char * const target_members[] = { "start", "end", "exact", "prefix", "suffix", NULL };

static GQuark
extra_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("lectern-annotation-format-extra");

  return quark;
}

/* The unknown members of a highlight's entry and of its target, kept on
 * the highlight as {"entry": {…}, "target": {…}}. */
static void
keep_entry_unknown (LecternHighlight *highlight,
                    JsonObject       *entry)
{
  JsonObject *in_entry = lectern_json_dup_unknown (entry, entry_members);
  JsonObject *in_target = lectern_json_dup_unknown (lectern_json_member_object (entry, "target"),
                                                                 target_members);
  JsonObject *extra;

  if (in_entry == NULL && in_target == NULL)
    return;

  extra = json_object_new ();
  if (in_entry != NULL)
    json_object_set_object_member (extra, "entry", in_entry);
  if (in_target != NULL)
    json_object_set_object_member (extra, "target", in_target);
  g_object_set_qdata_full (G_OBJECT (highlight), extra_quark (), extra, (GDestroyNotify)json_object_unref);
}

static JsonObject *
entry_unknown (LecternHighlight *highlight,
               const char       *part)
{
  JsonObject *extra = g_object_get_qdata (G_OBJECT (highlight), extra_quark ());

  return extra != NULL ? lectern_json_member_object (extra, part) : NULL;
}

/* Writing */

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
  lectern_json_add_unknown (target, entry_unknown (highlight, "target"));

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
  lectern_json_add_unknown (object, entry_unknown (highlight, "entry"));

  return object;
}

/**
 * lectern_annotation_format_write_header:
 * @uri: the document's URI
 * @title: (nullable): its title
 * @fingerprint: the fingerprint of its text, without prefix
 * @length: its length in characters
 * @unknown_top: (nullable): members of the top level this version does
 *   not know, kept from the file
 * @unknown_document: (nullable): the same for "document"
 *
 * The top level of a highlights file up to the opening bracket of its
 * "highlights" array: the entries are put after it, separated by
 * commas, and the file ends with "]}". So entries of unchanged
 * highlights need not be written anew, and entries kept as text (those
 * that could not be read) go back unchanged.
 *
 * Returns: (transfer full): the beginning of the file
 */
char *
lectern_annotation_format_write_header (const char *uri,
                                        const char *title,
                                        const char *fingerprint,
                                        guint       length,
                                        JsonObject *unknown_top,
                                        JsonObject *unknown_document)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *prefixed = g_strconcat (FINGERPRINT_PREFIX, fingerprint, NULL);
  JsonObject *object = json_object_new ();
  JsonObject *document = json_object_new ();
  GString *out = g_string_new (NULL);

  json_object_set_string_member (document, "uri", uri);
  json_object_set_string_member (document, "title", title);
  json_object_set_string_member (document, "fingerprint", prefixed);
  json_object_set_int_member (document, "length", length);
  lectern_json_add_unknown (document, unknown_document);

  json_object_set_string_member (object, "format", LECTERN_ANNOTATION_FORMAT_NAME);
  json_object_set_int_member (object, "version", LECTERN_STORE_FORMAT_VERSION);
  json_object_set_object_member (object, "document", document);
  /* Before "highlights", which must come last (see above). */
  lectern_json_add_unknown (object, unknown_top);
  json_object_set_array_member (object, "highlights", json_array_new ());
  lectern_json_generate_object (generator, object, out);

  g_assert (g_str_has_suffix (out->str, "[]}"));
  g_string_truncate (out, out->len - 2);

  return g_string_free (out, FALSE);
}

/**
 * lectern_annotation_format_write_entry:
 * @generator: a generator to reuse
 * @highlight: a highlight
 *
 * json-glib writes every entry, but one highlight at a time: the tree
 * of a single entry is built, written and freed while it is still in
 * the CPU cache. For 100k highlights that is about three times faster
 * than one tree of the whole file, which also took as long to free as
 * to build.
 *
 * Returns: (transfer full): the compact JSON of @highlight's entry, a
 *   #GRefString that another thread may hold
 */
char *
lectern_annotation_format_write_entry (JsonGenerator    *generator,
                                       LecternHighlight *highlight)
{
  g_autoptr(GString) out = g_string_sized_new (512);

  lectern_json_generate_object (generator, highlight_to_json (highlight), out);

  return g_ref_string_new_len (out->str, out->len);
}

void
lectern_annotation_snapshot_free (gpointer data)
{
  LecternAnnotationSnapshot *snapshot = data;

  g_free (snapshot->header);
  g_ptr_array_unref (snapshot->entries);
  g_ptr_array_unref (snapshot->unparsed);
  g_free (snapshot);
}

/* Appends the strings of @parts, each after a comma but the first. */
static void
append_joined (GString   *out,
               GPtrArray *parts,
               gboolean  *first)
{
  for (guint i = 0; i < parts->len; i++, *first = FALSE)
    {
      const char *part = g_ptr_array_index (parts, i);

      if (!*first)
        g_string_append_c (out, ',');
      g_string_append (out, part);
    }
}

/**
 * lectern_annotation_snapshot_serialize:
 * @data: a #LecternAnnotationSnapshot
 *
 * The whole file, put together on the writer's thread from parts that
 * nobody changes any more.
 *
 * Returns: (transfer full): the bytes of the file
 */
GBytes *
lectern_annotation_snapshot_serialize (gpointer data)
{
  LecternAnnotationSnapshot *snapshot = data;
  gsize size = strlen (snapshot->header) + 2 + snapshot->entries->len;
  gboolean first = TRUE;
  GString *out;

  for (guint i = 0; i < snapshot->entries->len; i++)
    size += g_ref_string_length (g_ptr_array_index (snapshot->entries, i));
  for (guint i = 0; i < snapshot->unparsed->len; i++)
    size += strlen (g_ptr_array_index (snapshot->unparsed, i)) + 1;

  out = g_string_sized_new (size + 1);
  g_string_append (out, snapshot->header);
  append_joined (out, snapshot->entries, &first);
  /* Written by json_to_string() when they were read, so valid JSON. */
  append_joined (out, snapshot->unparsed, &first);
  g_string_append (out, "]}");

  return g_string_free_to_bytes (out);
}

/* Reading */

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

  if (!lectern_json_read_string (object, name, FALSE, str))
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

  /* A time that leaves the calendar in UTC makes the entry unreadable
   * (kept as it is), never silently another time. */
  *value = g_date_time_to_utc (datetime);
  return *value != NULL && g_date_time_get_year (*value) <= 9999;
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

  return lectern_json_read_uint (target_object, "start", &target->start) &&
         lectern_json_read_uint (target_object, "end", &target->end) &&
         target->start <= target->end &&
         lectern_json_read_string (target_object, "exact", TRUE, &target->exact) &&
         lectern_json_read_string (target_object, "prefix", FALSE, &target->prefix) &&
         lectern_json_read_string (target_object, "suffix", FALSE, &target->suffix);
}

static gboolean
read_kind (JsonObject            *object,
           LecternColor          *color,
           LecternHighlightState *state)
{
  const char *color_name;
  const char *state_name;

  *state = LECTERN_HIGHLIGHT_ANCHORED;

  return lectern_json_read_string (object, "color", TRUE, &color_name) &&
         lectern_color_from_string (color_name, color) &&
         lectern_json_read_string (object, "state", FALSE, &state_name) &&
         (state_name == NULL || lectern_highlight_state_from_string (state_name, state));
}

/* One entry of the "highlights" array; %NULL for an entry with a
 * missing or malformed field. */
LecternHighlight *
lectern_annotation_format_read_entry (JsonNode   *node,
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
  LecternHighlight *highlight;
  LecternColor color;
  LecternHighlightState state;
  Target target;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = json_node_get_object (node);
  if (!lectern_json_read_string (object, "id", TRUE, &id) || *id == '\0' ||
      !read_kind (object, &color, &state) ||
      !read_time (object, "created", utc, NULL, NULL, &created_str, &created) || created == NULL ||
      !read_time (object, "modified", utc, created_str, created, &modified_str, &modified) ||
      !lectern_json_read_string (object, "note", FALSE, &note) ||
      !lectern_json_read_tags (object, tags) ||
      !read_target (object, &target))
    return NULL;

  highlight = lectern_highlight_new_full (id, document_id, color, note,
                                          (const char * const *)tags->pdata,
                                          created, modified,
                                          target.start, target.end,
                                          target.exact, target.prefix, target.suffix,
                                          state);
  keep_entry_unknown (highlight, object);

  return highlight;
}

/* The unknown members of the top level and of "document" in @root. */
void
lectern_annotation_format_dup_unknown_header (JsonNode    *root,
                                              JsonObject **unknown_top,
                                              JsonObject **unknown_document)
{
  JsonObject *top = json_node_get_object (root);

  *unknown_top = lectern_json_dup_unknown (top, top_members);
  *unknown_document = lectern_json_dup_unknown (lectern_json_member_object (top, "document"),
                                                             document_members);
}

/* Whether the file was written for another text of the document:
 * then its highlights must be placed again. A file without a usable
 * fingerprint counts as changed. */
gboolean
lectern_annotation_format_text_changed (JsonNode        *root,
                                        LecternDocument *document)
{
  JsonNode *node = json_object_get_member (json_node_get_object (root), "document");
  const char *fingerprint;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      !lectern_json_read_string (json_node_get_object (node), "fingerprint", TRUE, &fingerprint) ||
      !g_str_has_prefix (fingerprint, FINGERPRINT_PREFIX))
    return TRUE;

  return strcmp (fingerprint + strlen (FINGERPRINT_PREFIX),
                 lectern_document_get_fingerprint (document)) != 0;
}
