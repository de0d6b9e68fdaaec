/* test-export.c: LecternExport
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lectern-core.h"
#include "lectern-test-utils.h"

#define DOC_URI "file:///tmp/foxes.txt"
#define DOC_TEXT "Foxes\n\nThe quick brown fox jumps over the lazy dog. The lazy cat sleeps.\n\n" \
                 "빠른 갈색 여우가 게으른 개를 뛰어넘는다.\n"
#define OTHER_URI "file:///tmp/elsewhere.txt"

/* Fixture: a fresh directory per test, removed afterwards. */

typedef LecternTestDir Fixture;

/* Helpers */

static char *
store_dir (Fixture    *fixture,
           const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static LecternAnnotationStore *
new_store (Fixture         *fixture,
           const char      *name,
           LecternDocument *document)
{
  g_autofree char *dir = store_dir (fixture, name);
  LecternAnnotationStore *store = lectern_annotation_store_new (dir);
  g_autoptr(GError) error = NULL;

  if (document != NULL)
    {
      lectern_annotation_store_load_document (store, document, &error);
      g_assert_no_error (error);
    }

  return store;
}

/* The character offset of the @nth place of @needle in the text. */
static guint
find_offset (LecternDocument *document,
             const char      *needle,
             guint            nth)
{
  const char *text = lectern_document_get_text (document);
  const char *hit = strstr (text, needle);

  for (guint i = 0; i < nth && hit != NULL; i++)
    hit = strstr (hit + 1, needle);

  g_assert_nonnull (hit);

  return g_utf8_pointer_to_offset (text, hit);
}

static GDateTime *
parse_time (const char *str)
{
  GDateTime *datetime = g_date_time_new_from_iso8601 (str, NULL);

  g_assert_nonnull (datetime);
  return datetime;
}

/* A highlight of the @nth place of @needle, with 32 characters of
 * context on each side, as the reader makes them. */
static LecternHighlight *
highlight_at (LecternDocument    *document,
              const char         *id,
              const char         *needle,
              guint               nth,
              LecternColor        color,
              const char         *note,
              const char * const *tags,
              const char         *created,
              const char         *modified)
{
  g_autoptr(GDateTime) created_time = parse_time (created);
  g_autoptr(GDateTime) modified_time = modified != NULL ? parse_time (modified) : NULL;
  guint start = find_offset (document, needle, nth);
  guint end = start + g_utf8_strlen (needle, -1);
  g_autofree char *prefix = lectern_document_dup_slice (document, start - MIN (start, 32), start);
  g_autofree char *suffix = lectern_document_dup_slice (document, end,
                                                        MIN (end + 32, lectern_document_get_length (document)));
  g_autofree char *random_id = id == NULL ? g_uuid_string_random () : NULL;

  return lectern_highlight_new_full (id != NULL ? id : random_id, lectern_document_get_id (document), color, note, tags,
                                     created_time, modified_time, start, end, needle,
                                     prefix, suffix, LECTERN_HIGHLIGHT_ANCHORED);
}

/* Imports @data held in memory, as a file's contents. */
static LecternImportResult *
import_data (LecternExport  *export,
             const char     *data,
             gsize           length,
             GError        **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);

  return lectern_export_import (export, NULL, bytes, NULL, error);
}

/* Writes the highlights of @model, e.g. the store, without links. */
static char *
export_model (LecternExport       *export,
              LecternExportFormat  format,
              GListModel          *model)
{
  g_autoptr(GPtrArray) highlights = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (highlights, g_list_model_get_item (model, i));

  return lectern_export_write (export, format, highlights, NULL);
}

static void
add_ok (LecternAnnotationStore *store,
        LecternHighlight       *highlight)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lectern_annotation_store_add (store, highlight, &error));
  g_assert_no_error (error);
}

static LecternImportResult *
import_ok (LecternExport *export,
           const char    *json)
{
  g_autoptr(GError) error = NULL;
  LecternImportResult *result = import_data (export, json, strlen (json), &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result;
}

static void
assert_counts (LecternImportResult *result,
               guint                imported,
               guint                duplicates,
               guint                unmatched,
               guint                skipped,
               guint                invalid)
{
  g_assert_cmpuint (result->imported, ==, imported);
  g_assert_cmpuint (result->duplicates, ==, duplicates);
  g_assert_cmpuint (result->unmatched, ==, unmatched);
  g_assert_cmpuint (result->skipped, ==, skipped);
  g_assert_cmpuint (result->invalid, ==, invalid);
  g_assert_cmpuint (result->highlights->len, ==, imported);
}

static gboolean
messages_contain (LecternImportResult *result,
                  const char          *needle)
{
  for (guint i = 0; i < result->messages->len; i++)
    if (strstr (g_ptr_array_index (result->messages, i), needle) != NULL)
      return TRUE;

  return FALSE;
}

static void
assert_same_times (GDateTime  *datetime,
                   const char *expected)
{
  g_autoptr(GDateTime) expected_time = parse_time (expected);

  g_assert_true (g_date_time_equal (datetime, expected_time));
}

/* Markdown */

#define CLOSED_URI "file:///tmp/closed.txt"
#define FOXES_URI "file:///tmp/foxes-md.txt"
#define KOREAN_URI "file:///tmp/korean.txt"

static const char expected_markdown[] =
  "# Highlights\n"
  "\n"
  "## Closed book\n"
  "\n"
  "<file:///tmp/closed.txt>\n"
  "\n"
  "> closed passage\n"
  "\n"
  "Colour: red · 2026-11-20\n"
  "\n"
  "## Foxes\n"
  "\n"
  "<file:///tmp/foxes-md.txt>\n"
  "\n"
  "**Orphaned:** this passage is no longer in the text of the document.\n"
  "\n"
  "> Old words\n"
  ">\n"
  "> &#32;&#32;&#32;&#32;code-like \\[link\\](x)\n"
  "\n"
  "Gone?\n"
  "\n"
  "Colour: purple · 2026-11-22\n"
  "\n"
  "> quick brown fox jumps over the \\*lazy\\*\n"
  "\n"
  "Classic \\*pangram\\* \\_here\\_.\n"
  "\\- used for typing tests\n"
  "\n"
  "Colour: yellow · Tags: fonts, english · 2026-11-22\n"
  "\n"
  "> dog.\n"
  "> \\# Not a heading\n"
  "> 1\\. Not a list\n"
  "\n"
  "Colour: green · 2026-11-23, edited 2026-11-25\n"
  "\n"
  "## 여우 이야기\n"
  "\n"
  "<file:///tmp/korean.txt>\n"
  "\n"
  "> 갈색 여우\n"
  "\n"
  "Colour: blue · Tags: 동물 · 2026-11-24\n"
  "\n"
  "## Unknown document\n"
  "\n"
  "Document 0123456789abcdef, which is not open\n"
  "\n"
  "> lost words\n"
  "\n"
  "Colour: yellow · 2026-11-21\n";

/* Highlights of four documents: one open in the library, one open with
 * a Korean title, one only the store remembers, one nobody knows. */
static GPtrArray *
make_markdown_set (LecternLibrary         *library,
                   LecternAnnotationStore *store)
{
  g_autoptr(LecternDocument) foxes = lectern_test_make_document (FOXES_URI,
                                                                 "Foxes\n\nThe quick brown fox jumps over the *lazy* dog.\n\n"
                                                                 "# Not a heading\n\n1. Not a list either\n");
  g_autoptr(LecternDocument) korean = lectern_test_make_document (KOREAN_URI,
                                                                  "여우 이야기\n\n빠른 갈색 여우가 게으른 개를 뛰어넘는다.\n");
  g_autoptr(LecternDocument) closed = lectern_test_make_document (CLOSED_URI, "Closed book\n\nA closed passage here.\n");
  g_autoptr(GDateTime) orphan_time = parse_time ("2026-11-22T08:00:00Z");
  g_autoptr(GDateTime) lost_time = parse_time ("2026-11-21T00:00:00Z");
  const char * const a1_tags[] = { "fonts", "english", NULL };
  const char * const b1_tags[] = { "동물", NULL };
  GPtrArray *set = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  lectern_library_add (library, foxes);
  lectern_library_add (library, korean);
  /* Closed: the store loaded it once, the library no longer has it. */
  lectern_annotation_store_load_document (store, closed, &error);
  g_assert_no_error (error);

  /* Added out of order on purpose: the export sorts. */
  g_ptr_array_add (set, highlight_at (korean, "00000000-0000-4000-8000-000000000005", "갈색 여우", 0,
                                      LECTERN_COLOR_BLUE, NULL, b1_tags, "2026-11-24T00:00:00Z", NULL));
  g_ptr_array_add (set, highlight_at (foxes, "00000000-0000-4000-8000-000000000002",
                                      "dog.\n# Not a heading\n1. Not a list", 0, LECTERN_COLOR_GREEN,
                                      NULL, NULL, "2026-11-23T09:30:00Z", "2026-11-25T12:00:00Z"));
  g_ptr_array_add (set, lectern_highlight_new_full ("00000000-0000-4000-8000-000000000006", "0123456789abcdef",
                                                    LECTERN_COLOR_YELLOW, NULL, NULL, lost_time, NULL,
                                                    3, 13, "lost words", NULL, NULL,
                                                    LECTERN_HIGHLIGHT_ANCHORED));
  g_ptr_array_add (set, highlight_at (foxes, "00000000-0000-4000-8000-000000000001",
                                      "quick brown fox jumps over the *lazy*", 0, LECTERN_COLOR_YELLOW,
                                      "Classic *pangram* _here_.\n- used for typing tests\n", a1_tags,
                                      "2026-11-22T10:00:00Z", NULL));
  g_ptr_array_add (set, highlight_at (closed, "00000000-0000-4000-8000-000000000004", "closed passage", 0,
                                      LECTERN_COLOR_RED, NULL, NULL, "2026-11-20T00:00:00Z", NULL));
  /* Orphaned: its quote is not in the text any more. */
  g_ptr_array_add (set, lectern_highlight_new_full ("00000000-0000-4000-8000-000000000003",
                                                    lectern_document_get_id (foxes),
                                                    LECTERN_COLOR_PURPLE, "Gone?", NULL, orphan_time, NULL,
                                                    6, 15, "Old words\n\n    code-like [link](x)", NULL, NULL,
                                                    LECTERN_HIGHLIGHT_ORPHANED));

  return set;
}

static void
test_markdown_known_set (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(LecternLibrary) library = lectern_library_new ();
  g_autoptr(LecternAnnotationStore) store = new_store (fixture, "store", NULL);
  g_autoptr(GPtrArray) set = make_markdown_set (library, store);
  g_autoptr(LecternExport) export = lectern_export_new (store, library);
  g_autoptr(GListStore) model = g_list_store_new (LECTERN_TYPE_HIGHLIGHT);
  g_autofree char *from_array = NULL;
  g_autofree char *from_model = NULL;

  from_array = lectern_export_write (export, LECTERN_EXPORT_FORMAT_MARKDOWN, set, NULL);
  g_assert_cmpstr (from_array, ==, expected_markdown);

  /* The same set in another order, as a model, gives the same text. */
  for (guint i = set->len; i > 0; i--)
    g_list_store_append (model, g_ptr_array_index (set, i - 1));
  from_model = export_model (export, LECTERN_EXPORT_FORMAT_MARKDOWN, G_LIST_MODEL (model));
  g_assert_cmpstr (from_model, ==, expected_markdown);
}

static void
test_markdown_subset (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LecternLibrary) library = lectern_library_new ();
  g_autoptr(LecternAnnotationStore) store = new_store (fixture, "store", NULL);
  g_autoptr(GPtrArray) set = make_markdown_set (library, store);
  g_autoptr(LecternExport) export = lectern_export_new (store, library);
  g_autoptr(LecternExport) bare = lectern_export_new (NULL, NULL);
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *markdown = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *unnamed = NULL;

  /* Only the Korean highlight. */
  g_ptr_array_add (one, g_ptr_array_index (set, 0));
  markdown = lectern_export_write (export, LECTERN_EXPORT_FORMAT_MARKDOWN, one, NULL);
  g_assert_cmpstr (markdown, ==,
                   "# Highlights\n"
                   "\n"
                   "## 여우 이야기\n"
                   "\n"
                   "<file:///tmp/korean.txt>\n"
                   "\n"
                   "> 갈색 여우\n"
                   "\n"
                   "Colour: blue · Tags: 동물 · 2026-11-24\n");

  empty = lectern_export_write (export, LECTERN_EXPORT_FORMAT_MARKDOWN, none, NULL);
  g_assert_cmpstr (empty, ==, "# Highlights\n\nNo highlights.\n");

  /* Without library and store, the document is named by its id. */
  unnamed = lectern_export_write (bare, LECTERN_EXPORT_FORMAT_MARKDOWN, one, NULL);
  g_assert_nonnull (strstr (unnamed, "## Unknown document\n"));
  g_assert_nonnull (strstr (unnamed, lectern_highlight_get_document_id (g_ptr_array_index (set, 0))));
  g_assert_null (strstr (unnamed, KOREAN_URI));
}

/* JSON-LD export */

typedef struct
{
  LecternDocument        *document;
  LecternLibrary         *library;
  LecternAnnotationStore *store;
  LecternExport          *export;
} Setup;

static void
setup_init (Setup      *setup,
            Fixture    *fixture,
            const char *name,
            const char *text)
{
  setup->document = lectern_test_make_document (DOC_URI, text != NULL ? text : DOC_TEXT);
  setup->library = lectern_library_new ();
  lectern_library_add (setup->library, setup->document);
  setup->store = new_store (fixture, name, setup->document);
  lectern_annotation_store_set_autosave_delay (setup->store, 60000);
  setup->export = lectern_export_new (setup->store, setup->library);
}

static void
setup_clear (Setup *setup)
{
  g_assert_finalize_object (setup->export);
  g_assert_finalize_object (setup->store);
  g_assert_finalize_object (setup->library);
  g_assert_finalize_object (setup->document);
}

/* Three highlights: with note and tags, plain, tags only. */
static void
fill_store (Setup *setup)
{
  const char * const tags[] = { "animals", "pangram", NULL };
  const char * const one_tag[] = { "korean", NULL };
  g_autoptr(LecternHighlight) h1 = NULL;
  g_autoptr(LecternHighlight) h2 = NULL;
  g_autoptr(LecternHighlight) h3 = NULL;

  h1 = highlight_at (setup->document, "7d444840-9dc0-41c1-a7b5-2a1b5f3c9e01", "quick brown fox", 0,
                     LECTERN_COLOR_GREEN, "A whole alphabet.\nSecond line.", tags,
                     "2026-11-22T10:00:00Z", "2026-11-22T10:05:00Z");
  h2 = highlight_at (setup->document, "7d444840-9dc0-41c1-a7b5-2a1b5f3c9e02", "lazy", 1,
                     LECTERN_COLOR_PURPLE, NULL, NULL, "2026-11-22T11:00:00Z", NULL);
  h3 = highlight_at (setup->document, "7d444840-9dc0-41c1-a7b5-2a1b5f3c9e03", "갈색 여우", 0,
                     LECTERN_COLOR_RED, NULL, one_tag, "2026-11-23T00:00:00Z", NULL);

  add_ok (setup->store, h1);
  add_ok (setup->store, h2);
  add_ok (setup->store, h3);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *json)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_node_get_object (json_parser_get_root (parser));
}

static JsonObject *
selector_of_type (JsonObject *annotation,
                  const char *type)
{
  JsonObject *target = json_object_get_object_member (annotation, "target");
  JsonArray *selectors = json_object_get_array_member (target, "selector");

  for (guint i = 0; i < json_array_get_length (selectors); i++)
    {
      JsonObject *selector = json_array_get_object_element (selectors, i);

      if (g_strcmp0 (json_object_get_string_member (selector, "type"), type) == 0)
        return selector;
    }

  g_assert_not_reached ();
}

static void
test_json_ld_shape (Fixture       *fixture,
                    gconstpointer  data)
{
  Setup setup;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  JsonObject *collection;
  JsonObject *page;
  JsonArray *items;
  JsonObject *first;
  JsonObject *second;
  JsonArray *bodies;
  JsonObject *quote;
  JsonObject *position;

  setup_init (&setup, fixture, "store", NULL);
  fill_store (&setup);

  json = export_model (setup.export, LECTERN_EXPORT_FORMAT_JSON_LD, G_LIST_MODEL (setup.store));
  again = export_model (setup.export, LECTERN_EXPORT_FORMAT_JSON_LD, G_LIST_MODEL (setup.store));
  g_assert_cmpstr (json, ==, again);

  collection = parse_object (parser, json);
  g_assert_cmpstr (json_object_get_string_member (collection, "@context"), ==,
                   "http://www.w3.org/ns/anno.jsonld");
  g_assert_cmpstr (json_object_get_string_member (collection, "type"), ==, "AnnotationCollection");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (collection, "id"), "urn:uuid:"));
  g_assert_cmpint (json_object_get_int_member (collection, "total"), ==, 3);

  page = json_object_get_object_member (collection, "first");
  g_assert_cmpstr (json_object_get_string_member (page, "type"), ==, "AnnotationPage");
  items = json_object_get_array_member (page, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 3);

  /* In text order: "quick brown fox" first. */
  first = json_array_get_object_element (items, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==,
                   "urn:uuid:7d444840-9dc0-41c1-a7b5-2a1b5f3c9e01");
  g_assert_cmpstr (json_object_get_string_member (first, "type"), ==, "Annotation");
  g_assert_cmpstr (json_object_get_string_member (first, "motivation"), ==, "commenting");
  g_assert_cmpstr (json_object_get_string_member (first, "created"), ==, "2026-11-22T10:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (first, "modified"), ==, "2026-11-22T10:05:00Z");
  g_assert_cmpstr (json_object_get_string_member (first, "lectern:color"), ==, "green");

  bodies = json_object_get_array_member (first, "body");
  g_assert_cmpuint (json_array_get_length (bodies), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 0), "type"), ==, "TextualBody");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 0), "value"), ==,
                   "A whole alphabet.\nSecond line.");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 0), "format"), ==, "text/plain");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 0), "purpose"), ==, "commenting");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 1), "value"), ==, "animals");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 1), "purpose"), ==, "tagging");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 2), "value"), ==, "pangram");

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "target"), "source"), ==, DOC_URI);
  quote = selector_of_type (first, "TextQuoteSelector");
  g_assert_cmpstr (json_object_get_string_member (quote, "exact"), ==, "quick brown fox");
  g_assert_cmpstr (json_object_get_string_member (quote, "prefix"), ==, "Foxes\nThe ");
  g_assert_cmpstr (json_object_get_string_member (quote, "suffix"), ==, " jumps over the lazy dog. The la");
  /* Positions count characters of the file named as source (issue 15),
   * here DOC_TEXT, whose blank lines the rendered text does not have. */
  position = selector_of_type (first, "TextPositionSelector");
  g_assert_cmpint (json_object_get_int_member (position, "start"), ==, strstr (DOC_TEXT, "quick") - DOC_TEXT);
  g_assert_cmpint (json_object_get_int_member (position, "end"), ==, strstr (DOC_TEXT, " jumps") - DOC_TEXT);

  /* No note: highlighting, and no body at all. */
  second = json_array_get_object_element (items, 1);
  g_assert_cmpstr (json_object_get_string_member (second, "motivation"), ==, "highlighting");
  g_assert_false (json_object_has_member (second, "body"));
  g_assert_cmpstr (json_object_get_string_member (second, "lectern:color"), ==, "purple");

  setup_clear (&setup);
}

static void
assert_same_highlight (LecternHighlight *copy,
                       LecternHighlight *original)
{
  const char * const *copy_tags = lectern_highlight_get_tags (copy);
  const char * const *original_tags = lectern_highlight_get_tags (original);

  g_assert_cmpstr (lectern_highlight_get_id (copy), ==, lectern_highlight_get_id (original));
  g_assert_cmpstr (lectern_highlight_get_document_id (copy), ==, lectern_highlight_get_document_id (original));
  g_assert_cmpuint (lectern_highlight_get_start (copy), ==, lectern_highlight_get_start (original));
  g_assert_cmpuint (lectern_highlight_get_end (copy), ==, lectern_highlight_get_end (original));
  g_assert_cmpstr (lectern_highlight_get_exact (copy), ==, lectern_highlight_get_exact (original));
  g_assert_cmpstr (lectern_highlight_get_prefix (copy), ==, lectern_highlight_get_prefix (original));
  g_assert_cmpstr (lectern_highlight_get_suffix (copy), ==, lectern_highlight_get_suffix (original));
  g_assert_cmpint (lectern_highlight_get_color (copy), ==, lectern_highlight_get_color (original));
  g_assert_cmpstr (lectern_highlight_get_note (copy), ==, lectern_highlight_get_note (original));
  g_assert_cmpstrv (copy_tags, original_tags);
  g_assert_true (g_date_time_equal (lectern_highlight_get_created (copy), lectern_highlight_get_created (original)));
  g_assert_true (g_date_time_equal (lectern_highlight_get_modified (copy), lectern_highlight_get_modified (original)));
  g_assert_cmpint (lectern_highlight_get_state (copy), ==, LECTERN_HIGHLIGHT_ANCHORED);
}

static void
test_json_ld_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  Setup from;
  Setup to;
  g_autoptr(LecternImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  guint n_items;

  setup_init (&from, fixture, "from", NULL);
  setup_init (&to, fixture, "to", NULL);
  fill_store (&from);

  json = export_model (from.export, LECTERN_EXPORT_FORMAT_JSON_LD, G_LIST_MODEL (from.store));
  result = import_ok (to.export, json);
  assert_counts (result, 3, 0, 0, 0, 0);
  g_assert_cmpuint (result->messages->len, ==, 0);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (from.store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (to.store)), ==, n_items);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LecternHighlight) original = g_list_model_get_item (G_LIST_MODEL (from.store), i);
      LecternHighlight *copy = lectern_annotation_store_find (to.store, lectern_highlight_get_id (original));

      g_assert_nonnull (copy);
      assert_same_highlight (copy, original);
    }

  /* Nothing was lost on the way: the copy exports to the same bytes. */
  json_again = export_model (to.export, LECTERN_EXPORT_FORMAT_JSON_LD, G_LIST_MODEL (to.store));
  g_assert_cmpstr (json_again, ==, json);

  /* And it is saved like any other highlight. */
  g_assert_true (lectern_annotation_store_flush (to.store, &error));
  g_assert_no_error (error);

  g_clear_pointer (&result, lectern_import_result_free);
  setup_clear (&from);
  setup_clear (&to);
}

static void
test_import_twice (Fixture       *fixture,
                   gconstpointer  data)
{
  Setup from;
  Setup to;
  g_autoptr(LecternImportResult) first = NULL;
  g_autoptr(LecternImportResult) second = NULL;
  g_autoptr(LecternImportResult) same_place = NULL;
  g_autofree char *json = NULL;
  g_autofree char *other_id = NULL;
  guint start = 0;

  setup_init (&from, fixture, "from", NULL);
  setup_init (&to, fixture, "to", NULL);
  fill_store (&from);

  json = export_model (from.export, LECTERN_EXPORT_FORMAT_JSON_LD, G_LIST_MODEL (from.store));
  first = import_ok (to.export, json);
  assert_counts (first, 3, 0, 0, 0, 0);
  second = import_ok (to.export, json);
  assert_counts (second, 0, 3, 0, 0, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (to.store)), ==, 3);

  /* Another id, but the same quote at the same place: a duplicate too. */
  start = find_offset (to.document, "quick brown fox", 0);
  other_id = g_strdup_printf ("{\"type\": \"Annotation\", \"id\": \"urn:uuid:11111111-2222-4333-8444-555555555555\","
                              " \"target\": {\"source\": \"" DOC_URI "\", \"selector\": ["
                              "{\"type\": \"TextQuoteSelector\", \"exact\": \"quick brown fox\"},"
                              "{\"type\": \"TextPositionSelector\", \"start\": %u, \"end\": %u}]}}",
                              start, start + 15);
  same_place = import_ok (to.export, other_id);
  assert_counts (same_place, 0, 1, 0, 0, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (to.store)), ==, 3);

  g_clear_pointer (&first, lectern_import_result_free);
  g_clear_pointer (&second, lectern_import_result_free);
  g_clear_pointer (&same_place, lectern_import_result_free);
  setup_clear (&from);
  setup_clear (&to);
}

static void
test_import_unmatched (Fixture       *fixture,
                       gconstpointer  data)
{
  Setup setup;
  g_autoptr(LecternImportResult) result = NULL;
  const char *json =
    "[{\"type\": \"Annotation\", \"id\": \"urn:uuid:aaaaaaaa-0000-4000-8000-000000000001\","
    "  \"target\": {\"source\": \"" DOC_URI "\","
    "    \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"a purple elephant\"}}},"
    " {\"type\": \"Annotation\", \"id\": \"urn:uuid:aaaaaaaa-0000-4000-8000-000000000002\","
    "  \"target\": {\"source\": \"" DOC_URI "\","
    "    \"selector\": {\"type\": \"TextPositionSelector\", \"start\": 500, \"end\": 510}}},"
    " {\"type\": \"Annotation\", \"id\": \"urn:uuid:aaaaaaaa-0000-4000-8000-000000000003\","
    "  \"target\": {\"source\": \"" DOC_URI "\","
    "    \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"lazy cat\"}}}]";

  setup_init (&setup, fixture, "store", NULL);

  result = import_ok (setup.export, json);
  assert_counts (result, 1, 0, 2, 0, 0);
  g_assert_cmpuint (result->messages->len, ==, 2);
  g_assert_true (messages_contain (result, "a purple elephant"));
  g_assert_true (messages_contain (result, "urn:uuid:aaaaaaaa-0000-4000-8000-000000000002"));
  g_assert_nonnull (lectern_annotation_store_find (setup.store, "aaaaaaaa-0000-4000-8000-000000000003"));
  g_assert_null (lectern_annotation_store_find (setup.store, "aaaaaaaa-0000-4000-8000-000000000001"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (setup.store)), ==, 1);

  g_clear_pointer (&result, lectern_import_result_free);
  setup_clear (&setup);
}

static guint
import_one_start (Setup      *setup,
                  const char *selectors)
{
  g_autoptr(LecternImportResult) result = NULL;
  g_autofree char *json = NULL;
  LecternHighlight *highlight;
  guint start;

  json = g_strdup_printf ("{\"type\": \"Annotation\", \"target\": {\"source\": \"" DOC_URI "\", "
                          "\"selector\": %s}}", selectors);
  result = import_ok (setup->export, json);
  assert_counts (result, 1, 0, 0, 0, 0);

  highlight = g_ptr_array_index (result->highlights, 0);
  start = lectern_highlight_get_start (highlight);
  g_assert_cmpstr (lectern_highlight_get_exact (highlight), ==, "lazy");
  g_assert_true (lectern_annotation_store_remove (setup->store, highlight, NULL));

  return start;
}

static void
test_import_anchoring (Fixture       *fixture,
                       gconstpointer  data)
{
  Setup setup;
  g_autofree char *near_first = NULL;
  g_autofree char *near_second = NULL;
  g_autofree char *exact_position = NULL;
  guint first;
  guint second;

  setup_init (&setup, fixture, "store", NULL);
  first = find_offset (setup.document, "lazy", 0);
  second = find_offset (setup.document, "lazy", 1);

  /* Suffix and prefix tell the two places of "lazy" apart. */
  g_assert_cmpuint (import_one_start (&setup, "{\"type\": \"TextQuoteSelector\", \"exact\": \"lazy\", \"suffix\": \" cat\"}"), ==, second);
  g_assert_cmpuint (import_one_start (&setup, "{\"type\": \"TextQuoteSelector\", \"exact\": \"lazy\", \"prefix\": \"over the \"}"), ==, first);
  /* Without context, the first place. */
  g_assert_cmpuint (import_one_start (&setup, "{\"type\": \"TextQuoteSelector\", \"exact\": \"lazy\"}"), ==, first);

  /* A position that does not hold the quote: the place nearest to it. */
  near_second = g_strdup_printf ("[{\"type\": \"TextQuoteSelector\", \"exact\": \"lazy\"},"
                                 " {\"type\": \"TextPositionSelector\", \"start\": %u, \"end\": %u}]",
                                 second + 3, second + 7);
  g_assert_cmpuint (import_one_start (&setup, near_second), ==, second);
  near_first = g_strdup_printf ("[{\"type\": \"TextQuoteSelector\", \"exact\": \"lazy\"},"
                                " {\"type\": \"TextPositionSelector\", \"start\": %u, \"end\": %u}]",
                                first - 2, first + 2);
  g_assert_cmpuint (import_one_start (&setup, near_first), ==, first);

  /* A position alone, when it fits the text, is taken as it is: in
   * characters of the file, as W3C selectors count (issue 15). */
  {
    guint in_file = strstr (strstr (DOC_TEXT, "lazy") + 1, "lazy") - DOC_TEXT;

    exact_position = g_strdup_printf ("{\"type\": \"TextPositionSelector\", \"start\": %u, \"end\": %u}",
                                      in_file, in_file + 4);
  }
  g_assert_cmpuint (import_one_start (&setup, exact_position), ==, second);

  setup_clear (&setup);
}

/* Exports from one text, imports onto the same document after text was
 * inserted before: every highlight moves with its quote. */
static void
test_import_shifted_text (Fixture       *fixture,
                          gconstpointer  data)
{
  Setup from;
  Setup to;
  g_autoptr(LecternImportResult) result = NULL;
  g_autofree char *json = NULL;
  g_autofree char *shifted_text = g_strconcat ("Preface\n\nSome new words come first.\n\n", DOC_TEXT, NULL);
  guint shift;

  setup_init (&from, fixture, "from", NULL);
  setup_init (&to, fixture, "to", shifted_text);
  fill_store (&from);
  shift = g_utf8_strlen ("Preface\nSome new words come first.\n", -1);

  json = export_model (from.export, LECTERN_EXPORT_FORMAT_JSON_LD, G_LIST_MODEL (from.store));
  result = import_ok (to.export, json);
  assert_counts (result, 3, 0, 0, 0, 0);

  for (guint i = 0; i < result->highlights->len; i++)
    {
      LecternHighlight *copy = g_ptr_array_index (result->highlights, i);
      LecternHighlight *original = lectern_annotation_store_find (from.store, lectern_highlight_get_id (copy));
      g_autofree char *there = lectern_document_dup_slice (to.document,
                                                           lectern_highlight_get_start (copy),
                                                           lectern_highlight_get_end (copy));

      g_assert_cmpuint (lectern_highlight_get_start (copy), ==, lectern_highlight_get_start (original) + shift);
      g_assert_cmpstr (there, ==, lectern_highlight_get_exact (original));
      g_assert_cmpstr (lectern_highlight_get_note (copy), ==, lectern_highlight_get_note (original));
    }

  g_clear_pointer (&result, lectern_import_result_free);
  setup_clear (&from);
  setup_clear (&to);
}

static void
test_import_other_tool (Fixture       *fixture,
                        gconstpointer  data)
{
  Setup setup;
  g_autoptr(LecternImportResult) result = NULL;
  g_autoptr(LecternImportResult) again = NULL;
  g_autoptr(LecternImportResult) keywords = NULL;
  LecternHighlight *highlight;
  const char * const expected_tags[] = { "animals", NULL };
  /* Written by hand the way other tools write them: no Lectern members,
   * a quote without position, a comment body without purpose, a time
   * with an offset. */
  const char *json =
    "{\n"
    "  \"@context\": \"http://www.w3.org/ns/anno.jsonld\",\n"
    "  \"id\": \"https://example.org/annotations/42\",\n"
    "  \"type\": \"Annotation\",\n"
    "  \"created\": \"2025-03-01T12:30:00+09:00\",\n"
    "  \"creator\": {\"id\": \"https://example.org/user/7\", \"type\": \"Person\"},\n"
    "  \"body\": [\n"
    "    {\"type\": \"TextualBody\", \"value\": \"Worth remembering.\", \"format\": \"text/plain\"},\n"
    "    {\"type\": \"TextualBody\", \"purpose\": \"tagging\", \"value\": \"animals\"},\n"
    "    {\"type\": \"SpecificResource\", \"source\": \"https://example.org/x\"}\n"
    "  ],\n"
    "  \"target\": {\n"
    "    \"source\": \"" DOC_URI "\",\n"
    "    \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"lazy dog\", \"prefix\": \"over the \", \"suffix\": \".\"}\n"
    "  }\n"
    "}\n";

  setup_init (&setup, fixture, "store", NULL);

  result = import_ok (setup.export, json);
  assert_counts (result, 1, 0, 0, 0, 0);
  highlight = g_ptr_array_index (result->highlights, 0);

  g_assert_true (g_uuid_string_is_valid (lectern_highlight_get_id (highlight)));
  g_assert_cmpstr (lectern_highlight_get_exact (highlight), ==, "lazy dog");
  g_assert_cmpuint (lectern_highlight_get_start (highlight), ==, find_offset (setup.document, "lazy dog", 0));
  g_assert_cmpuint (lectern_highlight_get_end (highlight), ==, find_offset (setup.document, ". The lazy cat", 0));
  g_assert_cmpint (lectern_highlight_get_color (highlight), ==, LECTERN_COLOR_YELLOW);
  g_assert_cmpstr (lectern_highlight_get_note (highlight), ==, "Worth remembering.");
  g_assert_cmpstrv (lectern_highlight_get_tags (highlight), expected_tags);
  assert_same_times (lectern_highlight_get_created (highlight), "2025-03-01T03:30:00Z");
  assert_same_times (lectern_highlight_get_modified (highlight), "2025-03-01T03:30:00Z");
  g_assert_cmpstr (lectern_highlight_get_suffix (highlight), ==, ". The lazy cat sleeps.\n빠른 갈색 여우가");

  /* Its id is derived from the tool's id, so a second import finds it. */
  again = import_ok (setup.export, json);
  assert_counts (again, 0, 1, 0, 0, 0);

  /* Expanded JSON-LD writes the keywords "@type" and "@id". */
  keywords = import_ok (setup.export,
                        "{\"@type\": [\"Annotation\"], \"@id\": \"urn:uuid:CCCCCCCC-0000-4000-8000-000000000001\","
                        " \"target\": {\"source\": \"" DOC_URI "\","
                        " \"selector\": {\"@type\": \"TextQuoteSelector\", \"exact\": \"sleeps\"}}}");
  assert_counts (keywords, 1, 0, 0, 0, 0);
  g_assert_nonnull (lectern_annotation_store_find (setup.store, "cccccccc-0000-4000-8000-000000000001"));

  g_clear_pointer (&keywords, lectern_import_result_free);
  g_clear_pointer (&result, lectern_import_result_free);
  setup_clear (&setup);
}

static void
test_import_shapes (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *annotation =
    "{\"type\": \"Annotation\", \"id\": \"urn:uuid:bbbbbbbb-0000-4000-8000-000000000001\","
    " \"target\": {\"source\": \"" DOC_URI "\","
    " \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"brown\"}}}";
  const char *forms[] = {
    "@A@",
    "[@A@]",
    "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"type\": \"AnnotationCollection\","
    " \"first\": {\"type\": \"AnnotationPage\", \"items\": [@A@]}}",
    "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"type\": \"AnnotationCollection\", \"items\": [@A@]}",
    "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"type\": \"AnnotationPage\", \"items\": [@A@]}",
    "{\"type\": [\"AnnotationCollection\"], \"first\": {\"items\": [@A@]}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *name = g_strdup_printf ("store-%u", i);
      g_autoptr(GString) json = g_string_new (forms[i]);
      g_autoptr(LecternImportResult) result = NULL;
      Setup setup;

      setup_init (&setup, fixture, name, NULL);
      g_string_replace (json, "@A@", annotation, 0);
      result = import_ok (setup.export, json->str);
      assert_counts (result, 1, 0, 0, 0, 0);
      g_assert_nonnull (lectern_annotation_store_find (setup.store, "bbbbbbbb-0000-4000-8000-000000000001"));
      g_clear_pointer (&result, lectern_import_result_free);
      setup_clear (&setup);
    }
}

static void
test_import_empty_collection (Fixture       *fixture,
                              gconstpointer  data)
{
  Setup setup;
  g_autoptr(LecternImportResult) empty_array = NULL;
  g_autoptr(LecternImportResult) empty_collection = NULL;

  setup_init (&setup, fixture, "store", NULL);

  empty_array = import_ok (setup.export, "[]");
  assert_counts (empty_array, 0, 0, 0, 0, 0);
  empty_collection = import_ok (setup.export, "{\"type\": \"AnnotationCollection\", \"total\": 0}");
  assert_counts (empty_collection, 0, 0, 0, 0, 0);

  g_clear_pointer (&empty_array, lectern_import_result_free);
  g_clear_pointer (&empty_collection, lectern_import_result_free);
  setup_clear (&setup);
}

static void
test_import_skipped (Fixture       *fixture,
                     gconstpointer  data)
{
  Setup setup;
  g_autoptr(LecternImportResult) result = NULL;
  const char *json =
    "[{\"type\": \"Annotation\", \"target\": {\"source\": \"" OTHER_URI "\","
    "   \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"anything\"}}},"
    " {\"type\": \"Annotation\", \"target\": {\"source\": \"" OTHER_URI "\","
    "   \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"more\"}}},"
    " {\"type\": \"Annotation\", \"target\": {\"source\": \"" DOC_URI "\","
    "   \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"sleeps\"}}}]";

  setup_init (&setup, fixture, "store", NULL);

  result = import_ok (setup.export, json);
  assert_counts (result, 1, 0, 0, 2, 0);
  /* One message for the document, naming it and the count. */
  g_assert_cmpuint (result->messages->len, ==, 1);
  g_assert_true (messages_contain (result, "2 annotations of “" OTHER_URI "” were skipped"));

  g_clear_pointer (&result, lectern_import_result_free);
  setup_clear (&setup);
}

/* A document that is open but not yet loaded into the store is loaded
 * by the import. */
static void
test_import_loads_document (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(LecternDocument) document = lectern_test_make_document (DOC_URI, DOC_TEXT);
  g_autoptr(LecternLibrary) library = lectern_library_new ();
  g_autoptr(LecternAnnotationStore) store = new_store (fixture, "store", NULL);
  g_autoptr(LecternExport) export = lectern_export_new (store, library);
  g_autoptr(LecternImportResult) result = NULL;
  const char *uri = NULL;

  lectern_library_add (library, document);
  g_assert_false (lectern_annotation_store_lookup_document (store, lectern_document_get_id (document), NULL, NULL));

  result = import_ok (export,
                      "{\"type\": \"Annotation\", \"target\": {\"source\": \"" DOC_URI "\","
                      " \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"fox\"}}}");
  assert_counts (result, 1, 0, 0, 0, 0);
  g_assert_true (lectern_annotation_store_lookup_document (store, lectern_document_get_id (document), &uri, NULL));
  g_assert_cmpstr (uri, ==, DOC_URI);
  g_assert_cmpuint (lectern_annotation_store_count_for_document (store, lectern_document_get_id (document)), ==, 1);
}

static void
test_import_some_invalid (Fixture       *fixture,
                          gconstpointer  data)
{
  Setup setup;
  g_autoptr(LecternImportResult) result = NULL;
  const char *json =
    "[42,"
    " {\"type\": \"Annotation\", \"id\": \"urn:x:no-selector\", \"target\": {\"source\": \"" DOC_URI "\"}},"
    " {\"type\": \"Annotation\", \"target\": {\"source\": \"" DOC_URI "\","
    "   \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"sleeps\"}}},"
    " {\"type\": \"Annotation\", \"created\": \"yesterday\", \"target\": {\"source\": \"" DOC_URI "\","
    "   \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"dog\"}}},"
    " {\"type\": \"Note\", \"target\": {\"source\": \"" DOC_URI "\","
    "   \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"cat\"}}}]";

  setup_init (&setup, fixture, "store", NULL);

  result = import_ok (setup.export, json);
  assert_counts (result, 1, 0, 0, 0, 4);
  g_assert_cmpuint (result->messages->len, ==, 4);
  g_assert_true (messages_contain (result, "Item 1: it is not a JSON object"));
  g_assert_true (messages_contain (result, "Annotation “urn:x:no-selector”: its target has no TextQuoteSelector or TextPositionSelector"));
  g_assert_true (messages_contain (result, "Item 4: its “created” time “yesterday” is not an ISO 8601 date and time"));
  g_assert_true (messages_contain (result, "Item 5: its “type” is not “Annotation”"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (setup.store)), ==, 1);

  g_clear_pointer (&result, lectern_import_result_free);
  setup_clear (&setup);
}

/* Errors: each refuses the whole file and changes nothing. */

typedef struct
{
  guint changes;
} Changes;

static void
document_changed_cb (LecternAnnotationStore *store,
                     const char             *document_id,
                     Changes                *changes)
{
  changes->changes++;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->changes++;
}

static char *
repeat (char  c,
        gsize n)
{
  char *str = g_malloc (n + 1);

  memset (str, c, n);
  str[n] = '\0';

  return str;
}

static void
assert_refused (Setup      *setup,
                const char *data,
                gsize       length,
                int         code,
                const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LecternImportResult) result = NULL;
  g_autofree char *before = export_model (setup->export, LECTERN_EXPORT_FORMAT_JSON_LD, G_LIST_MODEL (setup->store));
  g_autofree char *after = NULL;
  Changes changes = { 0 };
  gulong document_handler;
  gulong items_handler;

  document_handler = g_signal_connect (setup->store, "document-changed", G_CALLBACK (document_changed_cb), &changes);
  items_handler = g_signal_connect (setup->store, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  result = import_data (setup->export, data, length, &error);
  g_assert_null (result);
  g_assert_error (error, LECTERN_EXPORT_ERROR, code);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” not in the error “%s”", message_part, error->message);

  g_signal_handler_disconnect (setup->store, document_handler);
  g_signal_handler_disconnect (setup->store, items_handler);
  g_assert_cmpuint (changes.changes, ==, 0);
  after = export_model (setup->export, LECTERN_EXPORT_FORMAT_JSON_LD, G_LIST_MODEL (setup->store));
  g_assert_cmpstr (after, ==, before);
}

static void
assert_refused_str (Setup      *setup,
                    const char *json,
                    int         code,
                    const char *message_part)
{
  assert_refused (setup, json, strlen (json), code, message_part);
}

static void
test_import_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  Setup setup;
  g_autofree char *huge_quote = repeat ('a', LECTERN_EXPORT_MAX_QUOTE_SIZE + 1);
  g_autofree char *huge_note = repeat ('n', 1024 * 1024 + 1);
  g_autofree char *huge_quote_json = NULL;
  g_autofree char *huge_note_json = NULL;
  g_autofree char *deep = repeat ('[', 100000);
  g_autofree char *too_large = NULL;
  gsize too_large_length = LECTERN_EXPORT_MAX_FILE_SIZE + 1;

  setup_init (&setup, fixture, "store", NULL);
  fill_store (&setup);

  assert_refused_str (&setup, "{\"type\": \"Annotation\", ", LECTERN_EXPORT_ERROR_INVALID_JSON, "not valid JSON");
  assert_refused_str (&setup, "", LECTERN_EXPORT_ERROR_INVALID_JSON, "empty");
  assert_refused (&setup, "[\"\xff\xfe\"]", 6, LECTERN_EXPORT_ERROR_INVALID_JSON, "not UTF-8");
  assert_refused_str (&setup, deep, LECTERN_EXPORT_ERROR_INVALID_JSON, "more than 128 levels");
  assert_refused_str (&setup, "42", LECTERN_EXPORT_ERROR_NOT_ANNOTATIONS, "single JSON value");
  assert_refused_str (&setup, "{\"type\": \"Person\", \"name\": \"x\"}",
                      LECTERN_EXPORT_ERROR_NOT_ANNOTATIONS, "holds a “Person”");
  assert_refused_str (&setup, "{\"name\": \"x\"}", LECTERN_EXPORT_ERROR_NOT_ANNOTATIONS, "without a “type”");
  assert_refused_str (&setup, "{\"type\": \"AnnotationPage\", \"items\": 3}",
                      LECTERN_EXPORT_ERROR_NOT_ANNOTATIONS, "without an “items” list");
  assert_refused_str (&setup, "{\"type\": \"AnnotationCollection\", \"first\": \"https://example.org/page1\"}",
                      LECTERN_EXPORT_ERROR_NOT_ANNOTATIONS, "https://example.org/page1");

  /* Missing selectors, or only a link as target. */
  assert_refused_str (&setup,
                      "{\"type\": \"Annotation\", \"target\": {\"source\": \"" DOC_URI "\"}}",
                      LECTERN_EXPORT_ERROR_INVALID_ANNOTATION, "no TextQuoteSelector or TextPositionSelector");
  assert_refused_str (&setup,
                      "{\"type\": \"Annotation\", \"target\": {\"source\": \"" DOC_URI "\","
                      " \"selector\": {\"type\": \"FragmentSelector\", \"value\": \"page=1\"}}}",
                      LECTERN_EXPORT_ERROR_INVALID_ANNOTATION, "no TextQuoteSelector or TextPositionSelector");
  assert_refused_str (&setup, "{\"type\": \"Annotation\", \"target\": \"" DOC_URI "\"}",
                      LECTERN_EXPORT_ERROR_INVALID_ANNOTATION, "only a link");
  assert_refused_str (&setup, "{\"type\": \"Annotation\", \"body\": \"x\"}",
                      LECTERN_EXPORT_ERROR_INVALID_ANNOTATION, "no target");
  assert_refused_str (&setup,
                      "{\"type\": \"Annotation\", \"target\": {"
                      " \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"fox\"}}}",
                      LECTERN_EXPORT_ERROR_INVALID_ANNOTATION, "no “source”");
  assert_refused_str (&setup,
                      "{\"type\": \"Annotation\", \"target\": {\"source\": \"" DOC_URI "\","
                      " \"selector\": {\"type\": \"TextPositionSelector\", \"start\": 9, \"end\": 3}}}",
                      LECTERN_EXPORT_ERROR_INVALID_ANNOTATION, "ends before it starts");
  assert_refused_str (&setup,
                      "{\"type\": \"Annotation\", \"target\": {\"source\": \"" DOC_URI "\","
                      " \"selector\": {\"type\": \"TextPositionSelector\", \"start\": -1, \"end\": 3}}}",
                      LECTERN_EXPORT_ERROR_INVALID_ANNOTATION, "non-negative “start”");
  assert_refused_str (&setup, "[1, \"two\", null]",
                      LECTERN_EXPORT_ERROR_INVALID_ANNOTATION, "None of the 3 annotations");

  /* Huge strings. */
  huge_quote_json = g_strdup_printf ("{\"type\": \"Annotation\", \"target\": {\"source\": \"" DOC_URI "\","
                                     " \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"%s\"}}}",
                                     huge_quote);
  assert_refused_str (&setup, huge_quote_json, LECTERN_EXPORT_ERROR_INVALID_ANNOTATION,
                      "its “exact” is longer than 64 KiB");
  huge_note_json = g_strdup_printf ("{\"type\": \"Annotation\", \"bodyValue\": \"%s\", \"target\": {\"source\": \"" DOC_URI "\","
                                    " \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"fox\"}}}",
                                    huge_note);
  assert_refused_str (&setup, huge_note_json, LECTERN_EXPORT_ERROR_INVALID_ANNOTATION, "longer than 1024 KiB");

  /* Over the size limit: refused before parsing. */
  too_large = g_malloc (too_large_length);
  memset (too_large, ' ', too_large_length);
  too_large[0] = '[';
  too_large[too_large_length - 1] = ']';
  assert_refused (&setup, too_large, too_large_length, LECTERN_EXPORT_ERROR_TOO_LARGE, "larger than 64 MiB");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (setup.store)), ==, 3);
  setup_clear (&setup);
}

static void
test_import_file (Fixture       *fixture,
                  gconstpointer  data)
{
  Setup from;
  Setup to;
  g_autoptr(LecternImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "notes.jsonld", NULL);
  g_autofree char *bad_path = g_build_filename (fixture->dir, "bad.jsonld", NULL);
  g_autofree char *missing_path = g_build_filename (fixture->dir, "missing.jsonld", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);

  setup_init (&from, fixture, "from", NULL);
  setup_init (&to, fixture, "to", NULL);
  fill_store (&from);

  json = export_model (from.export, LECTERN_EXPORT_FORMAT_JSON_LD, G_LIST_MODEL (from.store));
  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (bad_path, "{\"type\": \"Person\"}", -1, &error);
  g_assert_no_error (error);

  result = lectern_export_import (to.export, file, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_counts (result, 3, 0, 0, 0, 0);

  g_assert_null (lectern_export_import (to.export, bad, NULL, NULL, &error));
  g_assert_error (error, LECTERN_EXPORT_ERROR, LECTERN_EXPORT_ERROR_NOT_ANNOTATIONS);
  g_assert_nonnull (strstr (error->message, bad_path));
  g_assert_nonnull (strstr (error->message, "could not be imported. The file holds a “Person”"));
  g_clear_error (&error);

  g_assert_null (lectern_export_import (to.export, missing, NULL, NULL, &error));
  g_assert_error (error, LECTERN_EXPORT_ERROR, LECTERN_EXPORT_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, missing_path));
  g_clear_error (&error);

  g_clear_pointer (&result, lectern_import_result_free);
  setup_clear (&from);
  setup_clear (&to);
}

/* A real article: highlights every few hundred characters survive a
 * round trip onto the same text with a paragraph inserted in front. */
static void
test_corpus_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *shared = g_getenv ("LECTERN_SHARED_DIR");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *shifted = NULL;
  g_autofree char *json = NULL;
  g_autoptr(LecternImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Setup from;
  Setup to;
  guint length;
  guint n = 0;

  path = shared != NULL ? g_build_filename (shared, "corpus", "003_83a21e1bfc5171ed.txt", NULL) : NULL;
  if (path == NULL || !g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_test_skip ("the study corpus is not available ($LECTERN_SHARED_DIR/corpus)");
      return;
    }

  shifted = g_strconcat ("An inserted paragraph.\n\n", contents, NULL);
  setup_init (&from, fixture, "from", contents);
  setup_init (&to, fixture, "to", shifted);
  length = lectern_document_get_length (from.document);

  for (guint start = 100; start + 40 < length; start += 350, n++)
    {
      g_autoptr(LecternHighlight) highlight = NULL;
      g_autofree char *exact = lectern_document_dup_slice (from.document, start, start + 40);
      g_autofree char *prefix = lectern_document_dup_slice (from.document, start - 32, start);
      g_autofree char *suffix = lectern_document_dup_slice (from.document, start + 40, MIN (start + 72, length));

      highlight = lectern_highlight_new (lectern_document_get_id (from.document), n % LECTERN_N_COLORS,
                                         start, start + 40, exact, prefix, suffix);
      add_ok (from.store, highlight);
    }

  json = export_model (from.export, LECTERN_EXPORT_FORMAT_JSON_LD, G_LIST_MODEL (from.store));
  result = import_ok (to.export, json);
  assert_counts (result, n, 0, 0, 0, 0);

  for (guint i = 0; i < result->highlights->len; i++)
    {
      LecternHighlight *copy = g_ptr_array_index (result->highlights, i);
      LecternHighlight *original = lectern_annotation_store_find (from.store, lectern_highlight_get_id (copy));
      g_autofree char *there = lectern_document_dup_slice (to.document,
                                                           lectern_highlight_get_start (copy),
                                                           lectern_highlight_get_end (copy));

      g_assert_cmpstr (there, ==, lectern_highlight_get_exact (original));
      g_assert_cmpint (lectern_highlight_get_color (copy), ==, lectern_highlight_get_color (original));
    }

  g_clear_pointer (&result, lectern_import_result_free);
  setup_clear (&from);
  setup_clear (&to);
}

/* Scale: 5,000 highlights out and back in, timed for the record. */
static void
test_scale (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Scale\n\n");
  g_autoptr(LecternImportResult) result = NULL;
  g_autofree char *json = NULL;
  g_autofree char *markdown = NULL;
  Setup from;
  Setup to;
  gint64 t0, t1, t2, t3;
  const guint n = 5000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "Sentence number %u says something about item %u.\n\n", i, i * 7);

  setup_init (&from, fixture, "from", text->str);
  setup_init (&to, fixture, "to", text->str);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *needle = g_strdup_printf ("number %u says", i);
      g_autoptr(LecternHighlight) highlight = highlight_at (from.document, NULL, needle, 0, i % LECTERN_N_COLORS,
                                                            i % 3 == 0 ? "A note." : NULL, NULL,
                                                            "2026-11-22T10:00:00Z", NULL);
      add_ok (from.store, highlight);
    }

  t0 = g_get_monotonic_time ();
  markdown = export_model (from.export, LECTERN_EXPORT_FORMAT_MARKDOWN, G_LIST_MODEL (from.store));
  t1 = g_get_monotonic_time ();
  json = export_model (from.export, LECTERN_EXPORT_FORMAT_JSON_LD, G_LIST_MODEL (from.store));
  t2 = g_get_monotonic_time ();
  result = import_ok (to.export, json);
  t3 = g_get_monotonic_time ();

  assert_counts (result, n, 0, 0, 0, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (to.store)), ==, n);
  g_test_message ("%u highlights: Markdown export %.1f ms, JSON-LD export %.1f ms (%zu bytes), "
                  "import %.1f ms", n, (t1 - t0) / 1000.0, (t2 - t1) / 1000.0, strlen (json),
                  (t3 - t2) / 1000.0);

  g_clear_pointer (&result, lectern_import_result_free);
  setup_clear (&from);
  setup_clear (&to);
}

static void
test_color_meanings (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LecternLibrary) library = lectern_library_new ();
  g_autoptr(LecternAnnotationStore) store = new_store (fixture, "store", NULL);
  g_autoptr(GPtrArray) set = make_markdown_set (library, store);
  g_autoptr(LecternExport) export = lectern_export_new (store, library);
  g_autoptr(LecternColorMeanings) meanings = lectern_color_meanings_new ("/nonexistent/colors.json");
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autofree char *markdown = NULL;
  g_autofree char *json = NULL;

  lectern_color_meanings_set (meanings, LECTERN_COLOR_BLUE, "Source to check");
  lectern_export_set_color_meanings (export, meanings);

  /* Only the Korean highlight, which is blue. */
  g_ptr_array_add (one, g_ptr_array_index (set, 0));
  markdown = lectern_export_write (export, LECTERN_EXPORT_FORMAT_MARKDOWN, one, NULL);
  g_assert_nonnull (strstr (markdown, "Colour: blue (Source to check) · Tags: 동물"));

  json = lectern_export_write (export, LECTERN_EXPORT_FORMAT_JSON_LD, one, NULL);
  g_assert_nonnull (strstr (json, "\"lectern:colorMeaning\" : \"Source to check\""));
}

/* Passage links */

#define HOUNDS_URI "file:///tmp/hounds.txt"
#define HOUNDS_TEXT "Hounds\n\nA lazy dog | sleeps all day. Hounds *chase* foxes.\n"
#define AARDVARKS_URI "file:///tmp/aardvarks.txt"
#define AARDVARKS_TEXT "Aardvarks\n\nAardvarks dig at night.\n"

/* The store's document (Foxes), Hounds and Aardvarks open, a link store. */
typedef struct
{
  Setup             base;
  LecternDocument  *hounds;
  LecternDocument  *aardvarks;
  LecternLinkStore *links;
} LinkSetup;

static void
link_setup_init (LinkSetup  *setup,
                 Fixture    *fixture,
                 const char *name)
{
  g_autofree char *file = g_strconcat (name, "-links.json", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, file, NULL);
  g_autoptr(GError) error = NULL;

  setup_init (&setup->base, fixture, name, NULL);
  setup->hounds = lectern_test_make_document (HOUNDS_URI, HOUNDS_TEXT);
  setup->aardvarks = lectern_test_make_document (AARDVARKS_URI, AARDVARKS_TEXT);
  lectern_library_add (setup->base.library, setup->hounds);
  lectern_library_add (setup->base.library, setup->aardvarks);

  setup->links = lectern_link_store_new (path);
  g_assert_true (lectern_link_store_load (setup->links, &error));
  g_assert_no_error (error);
  lectern_link_store_set_autosave_delay (setup->links, 60000);
  lectern_export_set_link_store (setup->base.export, setup->links);
  g_assert_true (lectern_export_get_link_store (setup->base.export) == setup->links);
}

static void
link_setup_clear (LinkSetup *setup)
{
  setup_clear (&setup->base);
  g_assert_finalize_object (setup->links);
  g_assert_finalize_object (setup->hounds);
  g_assert_finalize_object (setup->aardvarks);
}

/* A link between the first places of two quotes, with a fixed id and time. */
static LecternPassageLink *
link_at (LecternDocument    *left,
         const char         *left_quote,
         LecternDocument    *right,
         const char         *right_quote,
         const char         *id,
         LecternRelation     relation,
         const char         *note,
         const char * const *tags,
         const char         *created)
{
  g_autoptr(GDateTime) created_time = parse_time (created);
  guint left_start = find_offset (left, left_quote, 0);
  guint right_start = find_offset (right, right_quote, 0);
  g_autoptr(LecternPassageLink) fresh = NULL;
  LecternLinkTarget targets[2];

  fresh = lectern_passage_link_new (left, left_start, left_start + g_utf8_strlen (left_quote, -1),
                                    right, right_start, right_start + g_utf8_strlen (right_quote, -1),
                                    relation, note);
  lectern_passage_link_get_target (fresh, LECTERN_LINK_SIDE_LEFT, &targets[0]);
  lectern_passage_link_get_target (fresh, LECTERN_LINK_SIDE_RIGHT, &targets[1]);

  return lectern_passage_link_new_full (id, relation, note, tags, created_time, NULL, &targets[0], &targets[1]);
}

static void
add_link_ok (LecternLinkStore   *links,
             LecternPassageLink *link)
{
  g_autoptr(LecternPassageLink) owned = link;
  g_autoptr(GError) error = NULL;

  g_assert_true (lectern_link_store_add (links, owned, &error));
  g_assert_no_error (error);
}

/* Four links: Foxes → Hounds, Hounds → Foxes (made the other way round),
 * Aardvarks → Foxes, and one whose passage in Hounds is orphaned. */
static void
fill_links (LinkSetup *setup)
{
  LecternDocument *foxes = setup->base.document;
  const char * const tags[] = { "dogs", "게으름", NULL };
  LecternPassageLink *orphan;

  /* Added out of order on purpose: the export sorts. */
  add_link_ok (setup->links, link_at (setup->hounds, "Hounds *chase* foxes", foxes, "The lazy cat sleeps.",
                                      "00000000-0000-4000-8000-0000000000b2", LECTERN_RELATION_CONTRADICTS,
                                      NULL, NULL, "2026-11-21T00:00:00Z"));
  add_link_ok (setup->links, link_at (foxes, "quick brown fox", setup->hounds, "A lazy dog | sleeps",
                                      "00000000-0000-4000-8000-0000000000b1", LECTERN_RELATION_AGREES,
                                      "Both mention\na lazy dog.", tags, "2026-11-20T00:00:00Z"));
  add_link_ok (setup->links, link_at (setup->aardvarks, "dig at night", foxes, "빠른 갈색 여우",
                                      "00000000-0000-4000-8000-0000000000b3", LECTERN_RELATION_SAME_FACT,
                                      "Nocturnal?", NULL, "2026-11-22T00:00:00Z"));
  orphan = link_at (foxes, "jumps over", setup->hounds, "sleeps all day",
                    "00000000-0000-4000-8000-0000000000b4", LECTERN_RELATION_EXTENDS,
                    "Old | note", NULL, "2026-11-23T00:00:00Z");
  lectern_passage_link_set_state (orphan, LECTERN_LINK_SIDE_RIGHT, LECTERN_HIGHLIGHT_ORPHANED);
  add_link_ok (setup->links, orphan);
}

static GPtrArray *
all_links (LecternLinkStore *links)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (links));
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (G_LIST_MODEL (links), i));

  return array;
}

static const char expected_links_markdown[] =
  "# Passage links\n"
  "\n"
  "## Aardvarks ↔ Foxes\n"
  "\n"
  "| Left | Right | Relation | Note |\n"
  "| --- | --- | --- | --- |\n"
  "| dig at night | 빠른 갈색 여우 | Same fact | Nocturnal? |\n"
  "\n"
  "## Foxes ↔ Hounds\n"
  "\n"
  "| Left | Right | Relation | Note |\n"
  "| --- | --- | --- | --- |\n"
  "| quick brown fox | A lazy dog \\| sleeps | Agrees | Both mention<br>a lazy dog. |\n"
  "| jumps over | **Orphaned:** sleeps all day | Extends | Old \\| note |\n"
  "| The lazy cat sleeps. | Hounds \\*chase\\* foxes | Contradicts | |\n";

static void
test_links_markdown (Fixture       *fixture,
                     gconstpointer  data)
{
  LinkSetup setup;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) reversed = g_ptr_array_new ();
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *markdown = NULL;
  g_autofree char *again = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *highlights_only = NULL;
  g_autofree char *all = NULL;
  g_autofree char *expected_all = NULL;

  link_setup_init (&setup, fixture, "store");
  fill_links (&setup);
  links = all_links (setup.links);

  markdown = lectern_export_write (setup.base.export, LECTERN_EXPORT_FORMAT_MARKDOWN, NULL, links);
  g_assert_cmpstr (markdown, ==, expected_links_markdown);

  /* The order of the input does not matter. */
  for (guint i = links->len; i > 0; i--)
    g_ptr_array_add (reversed, g_ptr_array_index (links, i - 1));
  again = lectern_export_write (setup.base.export, LECTERN_EXPORT_FORMAT_MARKDOWN, NULL, reversed);
  g_assert_cmpstr (again, ==, markdown);

  empty = lectern_export_write (setup.base.export, LECTERN_EXPORT_FORMAT_MARKDOWN, NULL, none);
  g_assert_cmpstr (empty, ==, "# Passage links\n\nNo passage links.\n");

  /* Exporting all: the highlights, then the links. */
  fill_store (&setup.base);
  highlights_only = export_model (setup.base.export, LECTERN_EXPORT_FORMAT_MARKDOWN, G_LIST_MODEL (setup.base.store));
  all = lectern_export_write (setup.base.export, LECTERN_EXPORT_FORMAT_MARKDOWN, NULL, NULL);
  expected_all = g_strconcat (highlights_only, "\n", expected_links_markdown, NULL);
  g_assert_cmpstr (all, ==, expected_all);

  link_setup_clear (&setup);
}

static JsonObject *
find_item (JsonArray  *items,
           const char *id)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (item, "id"), id) == 0)
        return item;
    }

  g_assert_not_reached ();
}

static void
test_links_json_ld_shape (Fixture       *fixture,
                          gconstpointer  data)
{
  LinkSetup setup;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *all = NULL;
  JsonObject *collection;
  JsonObject *item;
  JsonObject *target;
  JsonArray *items;
  JsonArray *bodies;
  JsonArray *targets;
  JsonArray *selectors;
  guint n_highlights;

  link_setup_init (&setup, fixture, "store");
  fill_links (&setup);
  links = all_links (setup.links);

  json = lectern_export_write (setup.base.export, LECTERN_EXPORT_FORMAT_JSON_LD, NULL, links);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  collection = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (collection, "type"), ==, "AnnotationCollection");
  g_assert_cmpstr (json_object_get_string_member (collection, "label"), ==, "Lectern passage links");
  g_assert_cmpint (json_object_get_int_member (collection, "total"), ==, 4);
  items = json_object_get_array_member (json_object_get_object_member (collection, "first"), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 4);

  item = find_item (items, "urn:uuid:00000000-0000-4000-8000-0000000000b1");
  g_assert_cmpstr (json_object_get_string_member (item, "type"), ==, "Annotation");
  g_assert_cmpstr (json_object_get_string_member (item, "motivation"), ==, "linking");
  g_assert_cmpstr (json_object_get_string_member (item, "lectern:relation"), ==, "agrees");
  g_assert_cmpstr (json_object_get_string_member (item, "created"), ==, "2026-11-20T00:00:00Z");

  /* Note, two tags, then the relation. */
  bodies = json_object_get_array_member (item, "body");
  g_assert_cmpuint (json_array_get_length (bodies), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 0), "purpose"), ==,
                   "commenting");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 0), "value"), ==,
                   "Both mention\na lazy dog.");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 2), "purpose"), ==,
                   "tagging");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 2), "value"), ==,
                   "게으름");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 3), "type"), ==,
                   "TextualBody");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 3), "purpose"), ==,
                   "classifying");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 3), "value"), ==,
                   "agrees");

  /* Two SpecificResources, left first, each with both selectors. */
  targets = json_object_get_array_member (item, "target");
  g_assert_cmpuint (json_array_get_length (targets), ==, 2);
  target = json_array_get_object_element (targets, 0);
  g_assert_cmpstr (json_object_get_string_member (target, "source"), ==, DOC_URI);
  target = json_array_get_object_element (targets, 1);
  g_assert_cmpstr (json_object_get_string_member (target, "source"), ==, HOUNDS_URI);
  selectors = json_object_get_array_member (target, "selector");
  g_assert_cmpuint (json_array_get_length (selectors), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (selectors, 0), "type"), ==,
                   "TextQuoteSelector");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (selectors, 0), "exact"), ==,
                   "A lazy dog | sleeps");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (selectors, 1), "type"), ==,
                   "TextPositionSelector");
  /* In characters of the file named as source (issue 15). */
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (selectors, 1), "start"), ==,
                   strstr (HOUNDS_TEXT, "A lazy dog") - HOUNDS_TEXT);

  /* A link without a note has only its relation as body. */
  item = find_item (items, "urn:uuid:00000000-0000-4000-8000-0000000000b2");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "body")), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (item, "lectern:relation"), ==, "contradicts");

  /* Exporting all: one collection of highlights and links. */
  fill_store (&setup.base);
  n_highlights = g_list_model_get_n_items (G_LIST_MODEL (setup.base.store));
  all = lectern_export_write (setup.base.export, LECTERN_EXPORT_FORMAT_JSON_LD, NULL, NULL);
  json_parser_load_from_data (parser, all, -1, &error);
  g_assert_no_error (error);
  collection = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (collection, "total"), ==, n_highlights + 4);
  g_assert_cmpstr (json_object_get_string_member (collection, "label"), ==, "Lectern highlights and passage links");
  items = json_object_get_array_member (json_object_get_object_member (collection, "first"), "items");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "motivation"), !=,
                   "linking");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, n_highlights), "motivation"),
                   ==, "linking");

  link_setup_clear (&setup);
}

static void
assert_same_passage_link (LecternPassageLink *a,
                          LecternPassageLink *b)
{
  g_assert_cmpstr (lectern_passage_link_get_id (a), ==, lectern_passage_link_get_id (b));
  g_assert_cmpint (lectern_passage_link_get_relation (a), ==, lectern_passage_link_get_relation (b));
  g_assert_cmpstr (lectern_passage_link_get_note (a), ==, lectern_passage_link_get_note (b));
  g_assert_true (g_strv_equal (lectern_passage_link_get_tags (a), lectern_passage_link_get_tags (b)));
  g_assert_true (g_date_time_equal (lectern_passage_link_get_created (a), lectern_passage_link_get_created (b)));
  g_assert_true (g_date_time_equal (lectern_passage_link_get_modified (a), lectern_passage_link_get_modified (b)));

  for (LecternLinkSide side = LECTERN_LINK_SIDE_LEFT; side <= LECTERN_LINK_SIDE_RIGHT; side++)
    {
      g_assert_cmpstr (lectern_passage_link_get_document_id (a, side), ==,
                       lectern_passage_link_get_document_id (b, side));
      g_assert_cmpstr (lectern_passage_link_get_document_uri (a, side), ==,
                       lectern_passage_link_get_document_uri (b, side));
      g_assert_cmpuint (lectern_passage_link_get_start (a, side), ==, lectern_passage_link_get_start (b, side));
      g_assert_cmpuint (lectern_passage_link_get_end (a, side), ==, lectern_passage_link_get_end (b, side));
      g_assert_cmpstr (lectern_passage_link_get_exact (a, side), ==, lectern_passage_link_get_exact (b, side));
      g_assert_cmpstr (lectern_passage_link_get_prefix (a, side), ==, lectern_passage_link_get_prefix (b, side));
      g_assert_cmpstr (lectern_passage_link_get_suffix (a, side), ==, lectern_passage_link_get_suffix (b, side));
      g_assert_cmpstr (lectern_passage_link_get_document_fingerprint (a, side), ==,
                       lectern_passage_link_get_document_fingerprint (b, side));
    }
}

static void
test_links_json_ld_round_trip (Fixture       *fixture,
                               gconstpointer  data)
{
  LinkSetup from;
  LinkSetup to;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) anchored = g_ptr_array_new ();
  g_autoptr(LecternImportResult) first = NULL;
  g_autoptr(LecternImportResult) second = NULL;
  g_autoptr(LecternImportResult) same_places = NULL;
  g_autoptr(GString) other_id = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  link_setup_init (&from, fixture, "from");
  link_setup_init (&to, fixture, "to");
  fill_links (&from);
  links = all_links (from.links);
  /* The orphaned link would be placed anew: its passage is found. */
  for (guint i = 0; i < links->len; i++)
    if (lectern_passage_link_get_state (g_ptr_array_index (links, i), LECTERN_LINK_SIDE_RIGHT) ==
        LECTERN_HIGHLIGHT_ANCHORED)
      g_ptr_array_add (anchored, g_ptr_array_index (links, i));
  g_assert_cmpuint (anchored->len, ==, 3);

  json = lectern_export_write (from.base.export, LECTERN_EXPORT_FORMAT_JSON_LD, NULL, anchored);
  first = import_ok (to.base.export, json);
  assert_counts (first, 0, 0, 0, 0, 0);
  g_assert_cmpuint (first->links_imported, ==, 3);
  g_assert_cmpuint (first->links->len, ==, 3);
  g_assert_cmpuint (first->messages->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (to.links)), ==, 3);

  for (guint i = 0; i < anchored->len; i++)
    {
      LecternPassageLink *original = g_ptr_array_index (anchored, i);
      LecternPassageLink *copy = lectern_link_store_find (to.links, lectern_passage_link_get_id (original));

      g_assert_nonnull (copy);
      assert_same_passage_link (copy, original);
    }

  /* Nothing was lost on the way: the copies export to the same bytes. */
  g_clear_pointer (&links, g_ptr_array_unref);
  links = all_links (to.links);
  json_again = lectern_export_write (to.base.export, LECTERN_EXPORT_FORMAT_JSON_LD, NULL, links);
  g_assert_cmpstr (json_again, ==, json);

  /* Importing again adds nothing. */
  second = import_ok (to.base.export, json);
  assert_counts (second, 0, 3, 0, 0, 0);
  g_assert_cmpuint (second->links_imported, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (to.links)), ==, 3);

  /* Nor does a link of another id between the same two places. */
  other_id = g_string_new (json);
  g_assert_cmpuint (g_string_replace (other_id, "0000000000b1", "0000000000c1", 0), ==, 1);
  g_assert_cmpuint (g_string_replace (other_id, "0000000000b2", "0000000000c2", 0), ==, 1);
  g_assert_cmpuint (g_string_replace (other_id, "0000000000b3", "0000000000c3", 0), ==, 1);
  same_places = import_ok (to.base.export, other_id->str);
  assert_counts (same_places, 0, 3, 0, 0, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (to.links)), ==, 3);

  /* And they are saved like any other link. */
  g_clear_pointer (&links, g_ptr_array_unref);
  g_assert_true (lectern_link_store_flush (to.links, NULL));

  g_clear_pointer (&first, lectern_import_result_free);
  g_clear_pointer (&second, lectern_import_result_free);
  g_clear_pointer (&same_places, lectern_import_result_free);
  link_setup_clear (&from);
  link_setup_clear (&to);
}

#define FOREIGN_LINK(relation_member, body) \
  "{\"type\": \"Annotation\", \"id\": \"https://example.org/anno/7\", \"motivation\": \"linking\"," \
  relation_member body \
  " \"target\": [" \
  "  {\"source\": \"" DOC_URI "\", \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"lazy cat\"}}," \
  "  {\"source\": \"" HOUNDS_URI "\", \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"lazy dog\"}}]}"

static LecternPassageLink *
import_one_link (LinkSetup  *setup,
                 const char *json)
{
  g_autoptr(LecternImportResult) result = import_ok (setup->base.export, json);

  g_assert_cmpuint (result->links_imported, ==, 1);
  g_assert_cmpuint (result->links->len, ==, 1);

  return g_object_ref (g_ptr_array_index (result->links, 0));
}

static void
test_links_import_other_tools (Fixture       *fixture,
                               gconstpointer  data)
{
  LinkSetup setup;
  g_autoptr(LecternPassageLink) plain = NULL;
  g_autoptr(LecternPassageLink) classified = NULL;
  g_autoptr(LecternPassageLink) member = NULL;
  g_autoptr(LecternImportResult) three = NULL;

  /* Without a relation: the first one; the passages found by their quotes. */
  link_setup_init (&setup, fixture, "plain");
  plain = import_one_link (&setup, FOREIGN_LINK ("", ""));
  g_assert_cmpint (lectern_passage_link_get_relation (plain), ==, LECTERN_RELATION_AGREES);
  g_assert_true (g_uuid_string_is_valid (lectern_passage_link_get_id (plain)));
  g_assert_cmpuint (lectern_passage_link_get_start (plain, LECTERN_LINK_SIDE_LEFT), ==,
                    find_offset (setup.base.document, "lazy cat", 0));
  g_assert_cmpstr (lectern_passage_link_get_exact (plain, LECTERN_LINK_SIDE_RIGHT), ==, "lazy dog");
  g_assert_cmpstr (lectern_passage_link_get_document_title (plain, LECTERN_LINK_SIDE_RIGHT), ==, "Hounds");
  g_assert_cmpstr (lectern_passage_link_get_document_fingerprint (plain, LECTERN_LINK_SIDE_RIGHT), ==,
                   lectern_document_get_fingerprint (setup.hounds));
  link_setup_clear (&setup);

  /* A classifying body names it; "lectern:relation" wins over that. */
  link_setup_init (&setup, fixture, "classified");
  classified = import_one_link (&setup, FOREIGN_LINK ("", "\"body\": [{\"type\": \"TextualBody\", "
                                                      "\"purpose\": \"classifying\", \"value\": \"contradicts\"}, "
                                                      "{\"type\": \"TextualBody\", \"value\": \"A note.\"}],"));
  g_assert_cmpint (lectern_passage_link_get_relation (classified), ==, LECTERN_RELATION_CONTRADICTS);
  g_assert_cmpstr (lectern_passage_link_get_note (classified), ==, "A note.");
  link_setup_clear (&setup);

  link_setup_init (&setup, fixture, "member");
  member = import_one_link (&setup, FOREIGN_LINK ("\"lectern:relation\": \"same-fact\",",
                                                  "\"body\": {\"purpose\": \"classifying\", \"value\": \"extends\"},"));
  g_assert_cmpint (lectern_passage_link_get_relation (member), ==, LECTERN_RELATION_SAME_FACT);

  /* Three targets are not a pair. */
  {
    const char *json =
      "[{\"type\": \"Annotation\", \"id\": \"urn:uuid:aaaaaaaa-0000-4000-8000-00000000000f\", \"motivation\": \"linking\","
      " \"target\": [{\"source\": \"" DOC_URI "\", \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"cat\"}},"
      "  {\"source\": \"" DOC_URI "\", \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"dog\"}},"
      "  {\"source\": \"" DOC_URI "\", \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"fox\"}}]},"
      FOREIGN_LINK ("", "") "]";

    three = import_ok (setup.base.export, json);
    g_assert_cmpuint (three->invalid, ==, 1);
    g_assert_true (messages_contain (three, "more than two passages"));
    /* The other is the link imported before: a duplicate. */
    g_assert_cmpuint (three->duplicates, ==, 1);
  }
  link_setup_clear (&setup);
}

static void
test_links_import_skipped (Fixture       *fixture,
                           gconstpointer  data)
{
  LinkSetup setup;
  Setup plain;
  g_autoptr(LecternImportResult) closed = NULL;
  g_autoptr(LecternImportResult) no_store = NULL;
  g_autoptr(LecternImportResult) unmatched = NULL;
  const char *json = FOREIGN_LINK ("", "");

  /* One of the documents is not open. */
  link_setup_init (&setup, fixture, "closed");
  lectern_library_remove (setup.base.library, setup.hounds);
  closed = import_ok (setup.base.export, json);
  assert_counts (closed, 0, 0, 0, 1, 0);
  g_assert_cmpuint (closed->links_imported, ==, 0);
  g_assert_true (messages_contain (closed, HOUNDS_URI));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (setup.links)), ==, 0);

  /* A passage that is not in its document. */
  lectern_library_add (setup.base.library, setup.hounds);
  unmatched = import_ok (setup.base.export,
                         "{\"type\": \"Annotation\", \"motivation\": \"linking\", \"target\": ["
                         "{\"source\": \"" DOC_URI "\", \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"cat\"}},"
                         "{\"source\": \"" HOUNDS_URI "\", \"selector\": {\"type\": \"TextQuoteSelector\","
                         " \"exact\": \"a purple elephant\"}}]}");
  assert_counts (unmatched, 0, 0, 1, 0, 0);
  g_assert_true (messages_contain (unmatched, "a purple elephant"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (setup.links)), ==, 0);
  link_setup_clear (&setup);

  /* No link store: reported, and the highlights store is left alone. */
  setup_init (&plain, fixture, "plain", NULL);
  no_store = import_ok (plain.export, json);
  assert_counts (no_store, 0, 0, 0, 1, 0);
  g_assert_true (messages_contain (no_store, "passage links cannot be imported here"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plain.store)), ==, 0);
  setup_clear (&plain);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, lectern_test_dir_set_up, func, lectern_test_dir_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/export/markdown/known-set", test_markdown_known_set);
  ADD ("/export/markdown/subset", test_markdown_subset);
  ADD ("/export/color-meanings", test_color_meanings);
  ADD ("/export/json-ld/shape", test_json_ld_shape);
  ADD ("/export/json-ld/round-trip", test_json_ld_round_trip);
  ADD ("/export/import/twice-no-duplicates", test_import_twice);
  ADD ("/export/import/unmatched-counted", test_import_unmatched);
  ADD ("/export/import/anchoring", test_import_anchoring);
  ADD ("/export/import/shifted-text", test_import_shifted_text);
  ADD ("/export/import/other-tool", test_import_other_tool);
  ADD ("/export/import/shapes", test_import_shapes);
  ADD ("/export/import/empty", test_import_empty_collection);
  ADD ("/export/import/document-not-open", test_import_skipped);
  ADD ("/export/import/loads-document", test_import_loads_document);
  ADD ("/export/import/some-invalid", test_import_some_invalid);
  ADD ("/export/import/errors-change-nothing", test_import_errors);
  ADD ("/export/import/file", test_import_file);
  ADD ("/export/corpus/round-trip", test_corpus_round_trip);
  ADD ("/export/scale", test_scale);
  ADD ("/export/links/markdown-known-set", test_links_markdown);
  ADD ("/export/links/json-ld-shape", test_links_json_ld_shape);
  ADD ("/export/links/json-ld-round-trip", test_links_json_ld_round_trip);
  ADD ("/export/links/import-other-tools", test_links_import_other_tools);
  ADD ("/export/links/import-skipped", test_links_import_skipped);

  return g_test_run ();
}
