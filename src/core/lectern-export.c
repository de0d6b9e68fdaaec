/* lectern-export.c: highlights out as Markdown or W3C Web Annotations,
 * and Web Annotations back in onto open documents
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Markdown
 *
 *   Highlights are grouped by document (documents sorted by title, then
 *   URI; highlights by position), each document a "##" heading with its
 *   URI below, each highlight a block quote of its exact text, then its
 *   note and a line with colour, tags and date. The text of quotes,
 *   notes and titles is escaped so that it renders as the plain text it
 *   is: block markers at line starts (# > - + = | ~ and "1." list
 *   numbers), leading blanks (as &#32; and &#9;, which would otherwise
 *   start a code block), the inline markers \ ` * _ [ ] < everywhere
 *   and & before what could be an entity. The output holds nothing that
 *   changes between runs (no export time).
 *
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

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lectern-anchor.h"
#include "lectern-export.h"

#define ANNOTATION_CONTEXT "http://www.w3.org/ns/anno.jsonld"
#define COLOR_MEMBER "lectern:color"
/* The relation of a passage link, a name of lectern_relation_to_string(). */
#define RELATION_MEMBER "lectern:relation"
/* What the colour stands for to the reader ("Key point"), for people and
 * tools reading the export; import does not need it. */
#define COLOR_MEANING_MEMBER "lectern:colorMeaning"
#define URN_UUID "urn:uuid:"
/* Characters of text kept on each side of a quote, as elsewhere. */
#define CONTEXT_CHARS 32
#define MAX_NOTE_SIZE (1024 * 1024)
#define MAX_TAG_SIZE 1024
#define MAX_IRI_SIZE (64 * 1024)
/* Web Annotations nest about six levels; json-glib parses recursively,
 * so a deeper file could exhaust the stack. */
#define MAX_JSON_DEPTH 64

struct _LecternExport
{
  GObject                 parent_instance;

  LecternAnnotationStore *store;
  LecternLibrary         *library;
  LecternColorMeanings   *meanings;
  LecternLinkStore       *links;
};

G_DEFINE_FINAL_TYPE (LecternExport, lectern_export, G_TYPE_OBJECT)

G_DEFINE_QUARK (lectern-export-error-quark, lectern_export_error)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LIBRARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Human names of the colours, in LecternColor order. */
static const char * const color_labels[LECTERN_N_COLORS] = {
  N_("yellow"), N_("green"), N_("blue"), N_("red"), N_("purple"),
};

/* Grouping and order, shared by both exports */

/* The highlights of one document, with what is known about it. */
typedef struct
{
  const char *document_id;
  const char *uri;
  const char *title;
  char       *sort_key;
  GPtrArray  *highlights;
} Group;

static void
group_free (gpointer data)
{
  Group *group = data;

  g_free (group->sort_key);
  g_ptr_array_unref (group->highlights);
  g_free (group);
}

/* Title and URI of a document: from the library while it is open, else
 * from the store, which remembers every document loaded into it. */
static void
describe_document (LecternExport  *self,
                   const char     *document_id,
                   const char    **uri,
                   const char    **title)
{
  LecternDocument *document = NULL;

  *uri = NULL;
  *title = NULL;

  if (self->library != NULL)
    document = lectern_library_find_by_id (self->library, document_id);

  if (document != NULL)
    {
      *uri = lectern_document_get_uri (document);
      *title = lectern_document_get_title (document);
    }
  else if (self->store != NULL)
    {
      lectern_annotation_store_lookup_document (self->store, document_id, uri, title);
    }
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *ga = *(Group * const *)a;
  const Group *gb = *(Group * const *)b;

  return strcmp (ga->sort_key, gb->sort_key);
}

static int
compare_highlights (gconstpointer a,
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

  return strcmp (lectern_highlight_get_id (ha), lectern_highlight_get_id (hb));
}

/* Returns the groups in output order, each with its highlights in text
 * order. The order depends only on the highlights and document names,
 * never on the order of @highlights. */
static GPtrArray *
group_highlights (LecternExport *self,
                  GPtrArray     *highlights)
{
  g_autoptr(GHashTable) by_document = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *groups = g_ptr_array_new_with_free_func (group_free);

  for (guint i = 0; i < highlights->len; i++)
    {
      LecternHighlight *highlight = g_ptr_array_index (highlights, i);
      const char *document_id = lectern_highlight_get_document_id (highlight);
      Group *group = g_hash_table_lookup (by_document, document_id);

      if (group == NULL)
        {
          g_autofree char *folded = NULL;

          group = g_new0 (Group, 1);
          group->document_id = document_id;
          group->highlights = g_ptr_array_new ();
          describe_document (self, document_id, &group->uri, &group->title);
          folded = g_utf8_casefold (group->title != NULL ? group->title : "", -1);
          /* Unknown documents last; NUL-free separators keep it one string. */
          group->sort_key = g_strdup_printf ("%c%s\x01%s\x01%s",
                                             group->uri != NULL ? '0' : '1',
                                             folded,
                                             group->uri != NULL ? group->uri : "",
                                             document_id);
          g_hash_table_insert (by_document, (gpointer)document_id, group);
          g_ptr_array_add (groups, group);
        }

      g_ptr_array_add (group->highlights, highlight);
    }

  g_ptr_array_sort (groups, compare_groups);
  for (guint i = 0; i < groups->len; i++)
    g_ptr_array_sort (((Group *)g_ptr_array_index (groups, i))->highlights, compare_highlights);

  return groups;
}

static GPtrArray *
model_to_array (GListModel *model)
{
  guint n_items = g_list_model_get_n_items (model);
  GPtrArray *array = g_ptr_array_new_full (n_items, g_object_unref);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (item), array);
      g_ptr_array_add (array, g_steal_pointer (&item));
    }

  return array;
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

/* json-glib frees a tree node by node, which for a large export or
 * import takes about as long as building it. The tree is not shared,
 * so, as the store does with its files, a worker thread frees it. */
static void
json_node_unref_later (JsonNode *node,
                       guint     n_items)
{
  g_autoptr(GTask) task = NULL;

  if (n_items < 1000)
    {
      json_node_unref (node);
      return;
    }

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, json_node_unref_later);
  g_task_set_name (task, "[lectern] free annotations JSON");
  g_task_set_task_data (task, node, NULL);
  g_task_run_in_thread (task, unref_json_thread);
}

static char *
format_time (GDateTime *datetime)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (datetime);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
format_day (GDateTime *datetime)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (datetime);

  return g_date_time_format (utc, "%Y-%m-%d");
}

/* Markdown */

static gboolean
is_inline_marker (char c)
{
  return c != '\0' && strchr ("\\`*_[]<", c) != NULL;
}

static gboolean
is_block_marker (char c)
{
  return c != '\0' && strchr ("#>-+=|~", c) != NULL;
}

/* Appends one line of plain text (no newline in it) so that Markdown
 * renders it as the same text. */
static void
append_escaped_line (GString    *out,
                     const char *line,
                     gsize       length)
{
  const char *end = line + length;
  const char *p = line;
  const char *digits;

  /* Leading blanks would start an indented code block. */
  for (; p < end && (*p == ' ' || *p == '\t'); p++)
    g_string_append (out, *p == ' ' ? "&#32;" : "&#9;");

  if (p < end && is_block_marker (*p))
    {
      g_string_append_c (out, '\\');
      g_string_append_c (out, *p++);
    }

  /* "1." or "1)" would start an ordered list. */
  for (digits = p; digits < end && g_ascii_isdigit (*digits); digits++)
    ;
  if (digits > p && digits - p <= 9 && digits < end && (*digits == '.' || *digits == ')'))
    {
      g_string_append_len (out, p, digits - p);
      g_string_append_c (out, '\\');
      p = digits;
      g_string_append_c (out, *p++);
    }

  for (; p < end; p++)
    {
      /* An entity such as "&amp;" would render as its character. */
      if (is_inline_marker (*p) ||
          (*p == '&' && p + 1 < end && (g_ascii_isalnum (p[1]) || p[1] == '#')))
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

/* Appends @text line by line, each after @line_prefix; empty lines get
 * @empty_prefix so that no line ends in a blank. */
static void
append_escaped_lines (GString    *out,
                      const char *text,
                      const char *line_prefix,
                      const char *empty_prefix)
{
  const char *line = text;

  for (;;)
    {
      const char *newline = strchr (line, '\n');
      gsize length = newline != NULL ? (gsize)(newline - line) : strlen (line);

      g_string_append (out, length > 0 ? line_prefix : empty_prefix);
      append_escaped_line (out, line, length);
      g_string_append_c (out, '\n');

      if (newline == NULL)
        break;
      line = newline + 1;
    }
}

/* A heading holds one line; "#" anywhere could close it. */
static void
append_heading_text (GString    *out,
                     const char *text)
{
  g_autofree char *flat = g_strdup (text);

  g_strdelimit (flat, "\r\n\t", ' ');
  g_strstrip (flat);

  for (const char *p = flat; *p != '\0'; p++)
    {
      if (is_inline_marker (*p) || *p == '#' || (p == flat && is_block_marker (*p)))
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

static void
append_heading (GString    *out,
                const char *text)
{
  g_string_append (out, "## ");
  append_heading_text (out, text);
  g_string_append (out, "\n\n");
}

static gboolean
uri_fits_autolink (const char *uri)
{
  const char *colon = strchr (uri, ':');

  if (colon == NULL || colon == uri || !g_ascii_isalpha (*uri))
    return FALSE;

  for (const char *p = uri; *p != '\0'; p++)
    if ((guchar)*p <= ' ' || *p == '<' || *p == '>')
      return FALSE;

  return TRUE;
}

static void
append_group_heading (GString     *out,
                      const Group *group)
{
  if (group->uri == NULL)
    {
      g_autofree char *line = g_strdup_printf (_("Document %s, which is not open"), group->document_id);

      append_heading (out, _("Unknown document"));
      append_escaped_lines (out, line, "", "");
      g_string_append_c (out, '\n');
      return;
    }

  append_heading (out, group->title != NULL && *group->title != '\0' ? group->title : _("Untitled document"));

  if (uri_fits_autolink (group->uri))
    g_string_append_printf (out, "<%s>\n\n", group->uri);
  else
    {
      append_escaped_lines (out, group->uri, "", "");
      g_string_append_c (out, '\n');
    }
}

/* "Colour: yellow · Tags: a, b · 2026-11-22, edited 2026-11-25" */
static void
append_details (GString              *out,
                LecternHighlight     *highlight,
                LecternColorMeanings *meanings)
{
  g_autoptr(GString) line = g_string_new (NULL);
  const char * const *tags = lectern_highlight_get_tags (highlight);
  g_autofree char *created = format_day (lectern_highlight_get_created (highlight));
  g_autofree char *modified = format_day (lectern_highlight_get_modified (highlight));

  g_string_append_printf (line, _("Colour: %s"), _(color_labels[lectern_highlight_get_color (highlight)]));
  if (meanings != NULL)
    g_string_append_printf (line, " (%s)", lectern_color_meanings_get (meanings, lectern_highlight_get_color (highlight)));

  if (tags[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **)tags);

      g_string_append (line, " · ");
      g_string_append_printf (line, _("Tags: %s"), joined);
    }

  g_string_append (line, " · ");
  g_string_append (line, created);
  if (strcmp (created, modified) != 0)
    g_string_append_printf (line, _(", edited %s"), modified);

  append_escaped_lines (out, line->str, "", "");
}

static void
append_highlight (GString              *out,
                  LecternHighlight     *highlight,
                  LecternColorMeanings *meanings)
{
  const char *note = lectern_highlight_get_note (highlight);

  if (lectern_highlight_get_state (highlight) == LECTERN_HIGHLIGHT_ORPHANED)
    {
      g_string_append (out, "**");
      g_string_append (out, _("Orphaned:"));
      g_string_append (out, "** ");
      append_escaped_lines (out, _("this passage is no longer in the text of the document."), "", "");
      g_string_append_c (out, '\n');
    }

  append_escaped_lines (out, lectern_highlight_get_exact (highlight), "> ", ">");
  g_string_append_c (out, '\n');

  if (note != NULL && *note != '\0')
    {
      g_autofree char *trimmed = g_strdup (note);

      g_strchomp (trimmed);
      append_escaped_lines (out, trimmed, "", "");
      g_string_append_c (out, '\n');
    }

  append_details (out, highlight, meanings);
}

static char *
highlights_to_markdown (LecternExport *self,
                        GPtrArray     *highlights)
{
  g_autoptr(GPtrArray) groups = group_highlights (self, highlights);
  GString *out = g_string_new (NULL);

  g_string_append (out, "# ");
  g_string_append (out, _("Highlights"));
  g_string_append (out, "\n");

  if (groups->len == 0)
    {
      g_string_append_c (out, '\n');
      g_string_append (out, _("No highlights."));
      g_string_append_c (out, '\n');
    }

  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);

      g_string_append_c (out, '\n');
      append_group_heading (out, group);

      for (guint j = 0; j < group->highlights->len; j++)
        {
          if (j > 0)
            g_string_append_c (out, '\n');
          append_highlight (out, g_ptr_array_index (group->highlights, j), self->meanings);
        }
    }

  return g_string_free (out, FALSE);
}

/* Passage links: grouping and Markdown */

/* The links between two documents, A and B, each link with its passage
 * in A first. A and B are the left and right documents of the pair's
 * earliest link. */
typedef struct
{
  const char *document_ids[2];
  const char *uris[2];
  const char *titles[2];
  char       *sort_key;
  GPtrArray  *links;
} Pair;

static void
pair_free (gpointer data)
{
  Pair *pair = data;

  g_free (pair->sort_key);
  g_ptr_array_unref (pair->links);
  g_free (pair);
}

static LecternLinkSide
other_side (LecternLinkSide side)
{
  return side == LECTERN_LINK_SIDE_LEFT ? LECTERN_LINK_SIDE_RIGHT : LECTERN_LINK_SIDE_LEFT;
}

/* The side of @link that is in document A of @pair. */
static LecternLinkSide
pair_side (const Pair         *pair,
           LecternPassageLink *link)
{
  return strcmp (lectern_passage_link_get_document_id (link, LECTERN_LINK_SIDE_LEFT),
                 pair->document_ids[0]) == 0 ? LECTERN_LINK_SIDE_LEFT : LECTERN_LINK_SIDE_RIGHT;
}

/* The open document's name, else what the link remembers of it. */
static void
describe_link_document (LecternExport       *self,
                        LecternPassageLink  *link,
                        LecternLinkSide      side,
                        const char         **uri,
                        const char         **title)
{
  LecternDocument *document = NULL;

  if (self->library != NULL)
    document = lectern_library_find_by_id (self->library, lectern_passage_link_get_document_id (link, side));

  *uri = document != NULL ? lectern_document_get_uri (document)
                          : lectern_passage_link_get_document_uri (link, side);
  *title = document != NULL ? lectern_document_get_title (document)
                            : lectern_passage_link_get_document_title (link, side);
  if (*title == NULL || **title == '\0')
    *title = _("Untitled document");
}

static int
compare_uint (guint a,
              guint b)
{
  return a < b ? -1 : (a > b ? 1 : 0);
}

static int
compare_links_by_creation (gconstpointer a,
                           gconstpointer b)
{
  LecternPassageLink *la = *(LecternPassageLink * const *)a;
  LecternPassageLink *lb = *(LecternPassageLink * const *)b;
  int ret = g_date_time_compare (lectern_passage_link_get_created (la),
                                 lectern_passage_link_get_created (lb));

  return ret != 0 ? ret : strcmp (lectern_passage_link_get_id (la), lectern_passage_link_get_id (lb));
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
compare_links_in_pair (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const Pair *pair = user_data;
  LecternPassageLink *la = *(LecternPassageLink * const *)a;
  LecternPassageLink *lb = *(LecternPassageLink * const *)b;
  LecternLinkSide sa = pair_side (pair, la);
  LecternLinkSide sb = pair_side (pair, lb);
  int ret;

  if ((ret = compare_places (la, sa, lb, sb)) != 0 ||
      (ret = compare_places (la, other_side (sa), lb, other_side (sb))) != 0)
    return ret;

  return strcmp (lectern_passage_link_get_id (la), lectern_passage_link_get_id (lb));
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const Pair *pa = *(Pair * const *)a;
  const Pair *pb = *(Pair * const *)b;

  return strcmp (pa->sort_key, pb->sort_key);
}

static Pair *
pair_new (LecternExport      *self,
          LecternPassageLink *link)
{
  Pair *pair = g_new0 (Pair, 1);
  g_autofree char *folded_a = NULL;
  g_autofree char *folded_b = NULL;

  for (LecternLinkSide side = LECTERN_LINK_SIDE_LEFT; side <= LECTERN_LINK_SIDE_RIGHT; side++)
    {
      pair->document_ids[side] = lectern_passage_link_get_document_id (link, side);
      describe_link_document (self, link, side, &pair->uris[side], &pair->titles[side]);
    }
  pair->links = g_ptr_array_new ();

  folded_a = g_utf8_casefold (pair->titles[0], -1);
  folded_b = g_utf8_casefold (pair->titles[1], -1);
  pair->sort_key = g_strdup_printf ("%s\x01%s\x01%s\x01%s", folded_a, folded_b,
                                    pair->uris[0], pair->uris[1]);

  return pair;
}

/* Returns the pairs in output order (by titles, then URIs), each with
 * its links in the order of their passages in A, then in B. The result
 * does not depend on the order of @links. */
static GPtrArray *
group_links (LecternExport *self,
             GPtrArray     *links)
{
  g_autoptr(GHashTable) by_documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) by_creation = g_ptr_array_sized_new (links->len);
  GPtrArray *pairs = g_ptr_array_new_with_free_func (pair_free);

  /* Not g_ptr_array_copy(): that would take the free function too. */
  for (guint i = 0; i < links->len; i++)
    g_ptr_array_add (by_creation, g_ptr_array_index (links, i));
  g_ptr_array_sort (by_creation, compare_links_by_creation);

  for (guint i = 0; i < by_creation->len; i++)
    {
      LecternPassageLink *link = g_ptr_array_index (by_creation, i);
      const char *left = lectern_passage_link_get_document_id (link, LECTERN_LINK_SIDE_LEFT);
      const char *right = lectern_passage_link_get_document_id (link, LECTERN_LINK_SIDE_RIGHT);
      g_autofree char *key = strcmp (left, right) <= 0 ? g_strconcat (left, "\n", right, NULL)
                                                       : g_strconcat (right, "\n", left, NULL);
      Pair *pair = g_hash_table_lookup (by_documents, key);

      if (pair == NULL)
        {
          pair = pair_new (self, link);
          g_hash_table_insert (by_documents, g_steal_pointer (&key), pair);
          g_ptr_array_add (pairs, pair);
        }

      g_ptr_array_add (pair->links, link);
    }

  g_ptr_array_sort (pairs, compare_pairs);
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *pair = g_ptr_array_index (pairs, i);

      g_ptr_array_sort_with_data (pair->links, compare_links_in_pair, pair);
    }

  return pairs;
}

/* One cell of a table row: on one line, with "|" escaped so that it does
 * not end the cell, line breaks as <br>, and the escapes of other text. */
static void
append_cell (GString    *out,
             const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  for (const char *p = trimmed; *p != '\0'; p++)
    {
      if (*p == '\r' && p[1] == '\n')
        continue;

      if (*p == '\n' || *p == '\r')
        g_string_append (out, "<br>");
      else if (*p == '|')
        g_string_append (out, "\\|");
      else
        {
          if (is_inline_marker (*p) || (*p == '&' && (g_ascii_isalnum (p[1]) || p[1] == '#')))
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
    }
}

static void
append_passage_cell (GString            *out,
                     LecternPassageLink *link,
                     LecternLinkSide     side)
{
  g_string_append_c (out, ' ');
  if (lectern_passage_link_get_state (link, side) == LECTERN_HIGHLIGHT_ORPHANED)
    {
      g_string_append (out, "**");
      append_cell (out, _("Orphaned:"));
      g_string_append (out, "** ");
    }
  append_cell (out, lectern_passage_link_get_exact (link, side));
  g_string_append (out, " |");
}

static void
append_pair (GString    *out,
             const Pair *pair)
{
  g_string_append (out, "## ");
  append_heading_text (out, pair->titles[0]);
  g_string_append (out, " ↔ ");
  append_heading_text (out, pair->titles[1]);
  g_string_append (out, "\n\n");

  g_string_append (out, "| ");
  append_cell (out, _("Left"));
  g_string_append (out, " | ");
  append_cell (out, _("Right"));
  g_string_append (out, " | ");
  append_cell (out, _("Relation"));
  g_string_append (out, " | ");
  append_cell (out, _("Note"));
  g_string_append (out, " |\n| --- | --- | --- | --- |\n");

  for (guint i = 0; i < pair->links->len; i++)
    {
      LecternPassageLink *link = g_ptr_array_index (pair->links, i);
      LecternLinkSide side = pair_side (pair, link);
      const char *note = lectern_passage_link_get_note (link);

      g_string_append_c (out, '|');
      append_passage_cell (out, link, side);
      append_passage_cell (out, link, other_side (side));
      g_string_append_c (out, ' ');
      append_cell (out, lectern_relation_get_label (lectern_passage_link_get_relation (link)));
      g_string_append (out, " |");
      if (*note != '\0')
        {
          g_string_append_c (out, ' ');
          append_cell (out, note);
        }
      g_string_append (out, " |\n");
    }
}

static void
append_links_markdown (LecternExport *self,
                       GPtrArray     *links,
                       GString       *out)
{
  g_autoptr(GPtrArray) pairs = group_links (self, links);

  g_string_append (out, "# ");
  g_string_append (out, _("Passage links"));
  g_string_append (out, "\n");

  if (pairs->len == 0)
    {
      g_string_append_c (out, '\n');
      g_string_append (out, _("No passage links."));
      g_string_append_c (out, '\n');
    }

  for (guint i = 0; i < pairs->len; i++)
    {
      g_string_append_c (out, '\n');
      append_pair (out, g_ptr_array_index (pairs, i));
    }
}

/* JSON-LD export */

/* A name-based UUID (version 5 layout, SHA-1 of @name): the same name
 * always gives the same UUID. */
static char *
name_uuid (const char *name)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize digest_len = sizeof digest;

  g_checksum_update (checksum, (const guchar *)"lectern:", -1);
  g_checksum_update (checksum, (const guchar *)name, -1);
  g_checksum_get_digest (checksum, digest, &digest_len);

  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

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

/* A SpecificResource: the document and two selectors of the passage. */
static JsonObject *
make_target (const char *source,
             const char *exact,
             const char *prefix,
             const char *suffix,
             guint       start,
             guint       end)
{
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
  json_array_add_object_element (selectors, position);

  json_object_set_string_member (target, "source", source);
  json_object_set_array_member (target, "selector", selectors);

  return target;
}

static JsonObject *
target_to_json (LecternHighlight *highlight,
                const char       *source)
{
  return make_target (source,
                      lectern_highlight_get_exact (highlight),
                      lectern_highlight_get_prefix (highlight),
                      lectern_highlight_get_suffix (highlight),
                      lectern_highlight_get_start (highlight),
                      lectern_highlight_get_end (highlight));
}

static JsonObject *
annotation_to_json (LecternHighlight     *highlight,
                    const char           *source,
                    LecternColorMeanings *meanings)
{
  JsonObject *annotation = json_object_new ();
  JsonArray *bodies = json_array_new ();
  const char *note = lectern_highlight_get_note (highlight);
  const char * const *tags = lectern_highlight_get_tags (highlight);
  g_autofree char *id = g_strconcat (URN_UUID, lectern_highlight_get_id (highlight), NULL);
  g_autofree char *created = format_time (lectern_highlight_get_created (highlight));
  g_autofree char *modified = format_time (lectern_highlight_get_modified (highlight));
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
  json_object_set_object_member (annotation, "target", target_to_json (highlight, source));
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
  g_autofree char *created = format_time (lectern_passage_link_get_created (link));
  g_autofree char *modified = format_time (lectern_passage_link_get_modified (link));

  if (*note != '\0')
    json_array_add_object_element (bodies, textual_body (note, "commenting"));
  for (guint i = 0; tags[i] != NULL; i++)
    json_array_add_object_element (bodies, textual_body (tags[i], "tagging"));
  json_array_add_object_element (bodies, textual_body (relation, "classifying"));

  for (LecternLinkSide side = LECTERN_LINK_SIDE_LEFT; side <= LECTERN_LINK_SIDE_RIGHT; side++)
    {
      const char *uri;
      const char *title;

      describe_link_document (self, link, side, &uri, &title);
      json_array_add_object_element (targets,
                                     make_target (uri,
                                                  lectern_passage_link_get_exact (link, side),
                                                  lectern_passage_link_get_prefix (link, side),
                                                  lectern_passage_link_get_suffix (link, side),
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
  g_autofree char *uuid = name_uuid (name);

  return g_strconcat (URN_UUID, uuid, NULL);
}

/* One collection of the highlights, then the links (either may be %NULL). */
static char *
annotations_to_json_ld (LecternExport *self,
                        GPtrArray     *highlights,
                        GPtrArray     *links)
{
  g_autoptr(GPtrArray) groups = group_highlights (self, highlights);
  g_autoptr(GPtrArray) pairs = group_links (self, links);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GString) all_ids = g_string_new (NULL);
  g_autofree char *collection_id = NULL;
  g_autofree char *page_id = NULL;
  JsonObject *collection = json_object_new ();
  JsonObject *page = json_object_new ();
  JsonArray *items = json_array_new ();
  GString *out;

  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);
      g_autofree char *source = group_source (group);

      for (guint j = 0; j < group->highlights->len; j++)
        {
          LecternHighlight *highlight = g_ptr_array_index (group->highlights, j);

          json_array_add_object_element (items, annotation_to_json (highlight, source, self->meanings));
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
  json_node_unref_later (root, highlights->len + links->len);

  return g_string_free (out, FALSE);
}

/* JSON-LD import: reading */

/* One annotation of the file, as far as Lectern uses it. Strings that
 * are not owned point into the parsed JSON, which outlives it. */
typedef struct
{
  const char *source;
  const char *exact;
  const char *prefix;
  const char *suffix;
  guint       start;
  guint       end;
  gboolean    has_position;
} AnnotationTarget;

typedef struct
{
  char             *id;
  char             *label;
  /* The passage; for a passage link the left one, and @other the right. */
  AnnotationTarget  target;
  AnnotationTarget  other;
  gboolean          is_link;
  LecternRelation   relation;
  gboolean          has_relation;
  GString          *note;
  GPtrArray        *tags;
  LecternColor      color;
  GDateTime        *created;
  GDateTime        *modified;
} Annotation;

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
    annotation->id = name_uuid (id);

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

/* Counts nesting outside strings before json-glib, which recurses, sees it. */
static gboolean
check_depth (const char  *data,
             gsize        length,
             GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
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
          if (++depth > MAX_JSON_DEPTH)
            {
              g_set_error (error, LECTERN_EXPORT_ERROR, LECTERN_EXPORT_ERROR_INVALID_JSON,
                           _("The file nests JSON more than %d levels deep, "
                             "which no Web Annotation does."), MAX_JSON_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
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

  if (!check_depth (data, length, error))
    return NULL;

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

/* JSON-LD import: anchoring and adding */

typedef struct
{
  LecternExport       *self;
  LecternImportResult *result;
  /* URI → how many annotations were skipped for it; and their order. */
  GHashTable          *skipped;
  GPtrArray           *skipped_uris;
  /* LecternDocument → DocumentState, for the documents met so far. */
  GHashTable          *documents;
} Import;

/* What an import keeps about one open document. */
typedef struct
{
  /* The text indexed for LecternAnchor; built on first use. */
  LecternAnchorText *text;
  /* Packed range (start << 32 | end) → a highlight of the store there,
   * borrowed: finds duplicates without a scan per annotation. */
  GHashTable        *ranges;
} DocumentState;

static void
document_state_free (gpointer data)
{
  DocumentState *state = data;

  g_clear_pointer (&state->text, lectern_anchor_text_unref);
  g_hash_table_unref (state->ranges);
  g_free (state);
}

static void
remember_range (DocumentState    *state,
                LecternHighlight *highlight)
{
  gint64 *key = g_new (gint64, 1);

  *key = ((gint64)lectern_highlight_get_start (highlight) << 32) | lectern_highlight_get_end (highlight);
  if (!g_hash_table_contains (state->ranges, key))
    g_hash_table_insert (state->ranges, key, highlight);
  else
    g_free (key);
}

static LecternHighlight *
find_range (DocumentState *state,
            guint          start,
            guint          end)
{
  gint64 key = ((gint64)start << 32) | end;

  return g_hash_table_lookup (state->ranges, &key);
}

/* The store needs the document before it takes its highlights. A file
 * that fails to load is reported; if that leaves the document
 * read-only, adding fails and the annotations are skipped. */
static void
ensure_loaded (Import          *import,
               LecternDocument *document)
{
  g_autoptr(GError) error = NULL;
  LecternAnnotationStore *store = import->self->store;

  if (lectern_annotation_store_lookup_document (store, lectern_document_get_id (document), NULL, NULL))
    return;

  if (!lectern_annotation_store_load_document (store, document, &error))
    g_ptr_array_add (import->result->messages, g_strdup (error->message));
}

static DocumentState *
document_state (Import          *import,
                LecternDocument *document)
{
  DocumentState *state = g_hash_table_lookup (import->documents, document);
  g_autoptr(GPtrArray) highlights = NULL;

  if (state != NULL)
    return state;

  ensure_loaded (import, document);

  state = g_new0 (DocumentState, 1);
  state->ranges = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  highlights = lectern_annotation_store_list_for_document (import->self->store,
                                                          lectern_document_get_id (document));
  for (guint i = 0; i < highlights->len; i++)
    remember_range (state, g_ptr_array_index (highlights, i));

  g_hash_table_insert (import->documents, document, state);

  return state;
}

/* Where the annotation lies in the document now. A position alone is
 * taken when it fits the text; a quote goes through LecternAnchor, as
 * re-anchoring does: at its position if the text there is the quote,
 * else the copy whose prefix and suffix fit best (the nearest to the
 * position among equals), else a slightly different passage (fuzzy). */
static gboolean
anchor (DocumentState          *state,
        LecternDocument        *document,
        const AnnotationTarget *passage,
        guint                  *start,
        guint                  *end)
{
  LecternAnchorTarget target;
  LecternAnchorResult found;

  if (passage->exact == NULL)
    {
      *start = passage->start;
      *end = passage->end;
      return passage->end <= lectern_document_get_length (document);
    }

  if (state->text == NULL)
    state->text = lectern_anchor_text_new_for_document (document);

  /* Without a position, the search starts at the top of the text. */
  target = (LecternAnchorTarget) {
    .start = passage->has_position ? passage->start : 0,
    .end = passage->has_position ? passage->end : 0,
    .exact = passage->exact,
    .prefix = passage->prefix,
    .suffix = passage->suffix,
  };
  found = lectern_anchor_locate (state->text, &target);

  switch (found.method)
    {
    case LECTERN_ANCHOR_EXACT_POSITION:
    case LECTERN_ANCHOR_EXACT_NEAREST:
    case LECTERN_ANCHOR_FUZZY:
      *start = found.start;
      *end = found.end;
      return TRUE;

    case LECTERN_ANCHOR_ORPHANED:
    default:
      return FALSE;
    }
}

static void
add_message (Import     *import,
             const char *label,
             const char *problem)
{
  g_ptr_array_add (import->result->messages, g_strdup_printf (_("%s: %s."), label, problem));
}

static void
skip (Import     *import,
      const char *uri)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (import->skipped, uri));

  if (count == 0)
    g_ptr_array_add (import->skipped_uris, g_strdup (uri));
  g_hash_table_insert (import->skipped, g_strdup (uri), GUINT_TO_POINTER (count + 1));
  import->result->skipped++;
}

static void
report_unmatched (Import                 *import,
                  const char             *label,
                  const AnnotationTarget *passage,
                  LecternDocument        *document)
{
  g_autofree char *problem = NULL;

  if (passage->exact != NULL)
    {
      glong n_chars = g_utf8_strlen (passage->exact, -1);
      g_autofree char *excerpt = g_utf8_substring (passage->exact, 0, MIN (n_chars, 40));

      g_strdelimit (excerpt, "\r\n\t", ' ');
      problem = g_strdup_printf (_("its quote “%s%s” is not in the text of “%s”"),
                                 excerpt, n_chars > 40 ? "…" : "",
                                 lectern_document_get_title (document));
    }
  else
    problem = g_strdup_printf (_("characters %u to %u are beyond the end of “%s”"),
                               passage->start, passage->end,
                               lectern_document_get_title (document));

  add_message (import, label, problem);
  import->result->unmatched++;
}

/* The same quote at the same place is the same highlight, whatever its id. */
static gboolean
is_duplicate (DocumentState *state,
              guint          start,
              guint          end,
              const char    *exact)
{
  LecternHighlight *existing = find_range (state, start, end);

  return existing != NULL && strcmp (lectern_highlight_get_exact (existing), exact) == 0;
}

static LecternHighlight *
new_highlight (LecternDocument  *document,
               const Annotation *annotation,
               guint             start,
               guint             end,
               const char       *exact)
{
  g_autofree char *prefix = lectern_document_dup_slice (document, start - MIN (start, CONTEXT_CHARS), start);
  g_autofree char *suffix = lectern_document_dup_slice (document, end,
                                                        MIN (end + CONTEXT_CHARS, lectern_document_get_length (document)));

  return lectern_highlight_new_full (annotation->id,
                                     lectern_document_get_id (document),
                                     annotation->color,
                                     annotation->note->str,
                                     (const char * const *)annotation->tags->pdata,
                                     annotation->created,
                                     annotation->modified,
                                     start, end, exact, prefix, suffix,
                                     LECTERN_HIGHLIGHT_ANCHORED);
}

/* Whether @link joins the same places of the same documents, @first
 * being the side of the first. */
static gboolean
link_has_places (LecternPassageLink *link,
                 LecternLinkSide     first,
                 LecternDocument    *documents[2],
                 const guint         starts[2],
                 const guint         ends[2])
{
  LecternLinkSide sides[2] = {
    first, first == LECTERN_LINK_SIDE_LEFT ? LECTERN_LINK_SIDE_RIGHT : LECTERN_LINK_SIDE_LEFT
  };

  for (guint i = 0; i < 2; i++)
    if (strcmp (lectern_passage_link_get_document_id (link, sides[i]),
                lectern_document_get_id (documents[i])) != 0 ||
        lectern_passage_link_get_start (link, sides[i]) != starts[i] ||
        lectern_passage_link_get_end (link, sides[i]) != ends[i])
      return FALSE;

  return TRUE;
}

/* The same two places are the same link, whatever its id. */
static gboolean
link_exists (LecternLinkStore *links,
             LecternDocument  *documents[2],
             const guint       starts[2],
             const guint       ends[2])
{
  g_autoptr(GPtrArray) between = lectern_link_store_list_between (links,
                                                                 lectern_document_get_id (documents[0]),
                                                                 lectern_document_get_id (documents[1]));

  for (guint i = 0; i < between->len; i++)
    {
      LecternPassageLink *link = g_ptr_array_index (between, i);

      if (link_has_places (link, LECTERN_LINK_SIDE_LEFT, documents, starts, ends) ||
          link_has_places (link, LECTERN_LINK_SIDE_RIGHT, documents, starts, ends))
        return TRUE;
    }

  return FALSE;
}

static LecternPassageLink *
new_link (const Annotation *annotation,
          LecternDocument  *documents[2],
          const guint       starts[2],
          const guint       ends[2])
{
  char *exact[2];
  char *prefix[2];
  char *suffix[2];
  LecternLinkTarget targets[2];
  LecternPassageLink *link;

  for (guint i = 0; i < 2; i++)
    {
      guint length = lectern_document_get_length (documents[i]);

      exact[i] = lectern_document_dup_slice (documents[i], starts[i], ends[i]);
      prefix[i] = lectern_document_dup_slice (documents[i], starts[i] - MIN (starts[i], CONTEXT_CHARS), starts[i]);
      suffix[i] = lectern_document_dup_slice (documents[i], ends[i], MIN (ends[i] + CONTEXT_CHARS, length));
      targets[i] = (LecternLinkTarget) {
        .document_id = lectern_document_get_id (documents[i]),
        .document_uri = lectern_document_get_uri (documents[i]),
        .document_title = lectern_document_get_title (documents[i]),
        .document_fingerprint = lectern_document_get_fingerprint (documents[i]),
        .start = starts[i],
        .end = ends[i],
        .exact = exact[i],
        .prefix = prefix[i],
        .suffix = suffix[i],
        .state = LECTERN_HIGHLIGHT_ANCHORED,
      };
    }

  link = lectern_passage_link_new_full (annotation->id, annotation->relation,
                                        annotation->note->str,
                                        (const char * const *)annotation->tags->pdata,
                                        annotation->created, annotation->modified,
                                        &targets[0], &targets[1]);

  for (guint i = 0; i < 2; i++)
    {
      g_free (exact[i]);
      g_free (prefix[i]);
      g_free (suffix[i]);
    }

  return link;
}

/* A passage link goes into the link store when both its documents are
 * open and both passages are found in them. */
static void
apply_link (Import           *import,
            const Annotation *annotation)
{
  const AnnotationTarget *passages[2] = { &annotation->target, &annotation->other };
  LecternLinkStore *links = import->self->links;
  g_autoptr(LecternPassageLink) link = NULL;
  g_autoptr(GError) error = NULL;
  LecternDocument *documents[2];
  guint starts[2] = { 0, 0 };
  guint ends[2] = { 0, 0 };

  if (links == NULL)
    {
      add_message (import, annotation->label,
                   _("it links two passages, and passage links cannot be imported here"));
      import->result->skipped++;
      return;
    }

  for (guint i = 0; i < 2; i++)
    {
      documents[i] = lectern_library_find_by_uri (import->self->library, passages[i]->source);
      if (documents[i] == NULL)
        {
          skip (import, passages[i]->source);
          return;
        }
    }

  if (lectern_link_store_find (links, annotation->id) != NULL)
    {
      import->result->duplicates++;
      return;
    }

  for (guint i = 0; i < 2; i++)
    {
      DocumentState *state = document_state (import, documents[i]);

      if (!anchor (state, documents[i], passages[i], &starts[i], &ends[i]))
        {
          report_unmatched (import, annotation->label, passages[i], documents[i]);
          return;
        }
    }

  if (link_exists (links, documents, starts, ends))
    {
      import->result->duplicates++;
      return;
    }

  link = new_link (annotation, documents, starts, ends);
  if (!lectern_link_store_add (links, link, &error))
    {
      add_message (import, annotation->label, error->message);
      import->result->skipped++;
      return;
    }

  g_ptr_array_add (import->result->links, g_steal_pointer (&link));
  import->result->links_imported++;
}

static void
apply_annotation (Import           *import,
                  const Annotation *annotation)
{
  g_autoptr(LecternHighlight) highlight = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exact = NULL;
  LecternDocument *document;
  DocumentState *state;
  guint start = 0;
  guint end = 0;

  if (annotation->is_link)
    {
      apply_link (import, annotation);
      return;
    }

  document = lectern_library_find_by_uri (import->self->library, annotation->target.source);
  if (document == NULL)
    {
      skip (import, annotation->target.source);
      return;
    }

  if (lectern_annotation_store_find (import->self->store, annotation->id) != NULL)
    {
      import->result->duplicates++;
      return;
    }

  state = document_state (import, document);
  if (!anchor (state, document, &annotation->target, &start, &end))
    {
      report_unmatched (import, annotation->label, &annotation->target, document);
      return;
    }

  exact = lectern_document_dup_slice (document, start, end);
  if (is_duplicate (state, start, end, exact))
    {
      import->result->duplicates++;
      return;
    }

  highlight = new_highlight (document, annotation, start, end, exact);
  if (!lectern_annotation_store_add (import->self->store, highlight, &error))
    {
      add_message (import, annotation->label, error->message);
      import->result->skipped++;
      return;
    }

  remember_range (state, highlight);
  g_ptr_array_add (import->result->highlights, g_steal_pointer (&highlight));
  import->result->imported++;
}

static void
report_skipped (Import *import)
{
  for (guint i = 0; i < import->skipped_uris->len; i++)
    {
      const char *uri = g_ptr_array_index (import->skipped_uris, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (import->skipped, uri));

      g_ptr_array_add (import->result->messages,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%u annotation of “%s” was skipped because "
                                                     "that document is not open. Open it and "
                                                     "import again.",
                                                     "%u annotations of “%s” were skipped because "
                                                     "that document is not open. Open it and "
                                                     "import again.",
                                                     count),
                                        count, uri));
    }
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

static LecternImportResult *
import_result_new (void)
{
  LecternImportResult *result = g_new0 (LecternImportResult, 1);

  result->highlights = g_ptr_array_new_with_free_func (g_object_unref);
  result->messages = g_ptr_array_new_with_free_func (g_free);
  result->links = g_ptr_array_new_with_free_func (g_object_unref);

  return result;
}

/* Object */

static void
lectern_export_dispose (GObject *object)
{
  LecternExport *self = (LecternExport *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->library);
  g_clear_object (&self->meanings);
  g_clear_object (&self->links);

  G_OBJECT_CLASS (lectern_export_parent_class)->dispose (object);
}

static void
lectern_export_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LecternExport *self = LECTERN_EXPORT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_export_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LecternExport *self = LECTERN_EXPORT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_export_class_init (LecternExportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lectern_export_dispose;
  object_class->get_property = lectern_export_get_property;
  object_class->set_property = lectern_export_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LECTERN_TYPE_ANNOTATION_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL,
                         LECTERN_TYPE_LIBRARY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lectern_export_init (LecternExport *self)
{
}

/* The sections of the arrays that are not %NULL: highlights, then links. */
static char *
export_markdown (LecternExport *self,
                 GPtrArray     *highlights,
                 GPtrArray     *links)
{
  GString *out = g_string_new (NULL);

  if (highlights != NULL)
    {
      g_autofree char *text = highlights_to_markdown (self, highlights);

      g_string_append (out, text);
    }

  if (links != NULL)
    {
      if (out->len > 0)
        g_string_append_c (out, '\n');
      append_links_markdown (self, links, out);
    }

  return g_string_free (out, FALSE);
}

static char *
export_json_ld (LecternExport *self,
                GPtrArray     *highlights,
                GPtrArray     *links)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  return annotations_to_json_ld (self, highlights != NULL ? highlights : none, links != NULL ? links : none);
}

/* Every highlight of the store and every link of the link store. */
static void
collect_all (LecternExport  *self,
             GPtrArray     **highlights,
             GPtrArray     **links)
{
  guint n;

  *highlights = g_ptr_array_new_with_free_func (g_object_unref);
  *links = g_ptr_array_new_with_free_func (g_object_unref);

  n = self->store != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->store)) : 0;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (*highlights, g_list_model_get_item (G_LIST_MODEL (self->store), i));

  n = self->links != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->links)) : 0;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (*links, g_list_model_get_item (G_LIST_MODEL (self->links), i));
}

/* Public API */

/**
 * lectern_export_new:
 * @store: (nullable): the store that imports add to, and that names
 *   documents which are no longer open
 * @library: (nullable): the open documents
 *
 * Creates an exporter. Exports need neither (a document that neither
 * knows is named by its id); imports need both.
 *
 * Returns: (transfer full): a new #LecternExport
 */
LecternExport *
lectern_export_new (LecternAnnotationStore *store,
                    LecternLibrary         *library)
{
  g_return_val_if_fail (store == NULL || LECTERN_IS_ANNOTATION_STORE (store), NULL);
  g_return_val_if_fail (library == NULL || LECTERN_IS_LIBRARY (library), NULL);

  return g_object_new (LECTERN_TYPE_EXPORT,
                       "store", store,
                       "library", library,
                       NULL);
}

/**
 * lectern_export_set_color_meanings:
 * @self: a #LecternExport
 * @meanings: (nullable): what the colours stand for
 *
 * With meanings, exports name each highlight's colour with its meaning:
 * "Colour: Yellow (Key point)" in Markdown, `lectern:colorMeaning` in
 * JSON-LD.
 */
void
lectern_export_set_color_meanings (LecternExport        *self,
                                   LecternColorMeanings *meanings)
{
  g_return_if_fail (LECTERN_IS_EXPORT (self));
  g_return_if_fail (!meanings || LECTERN_IS_COLOR_MEANINGS (meanings));

  g_set_object (&self->meanings, meanings);
}

/**
 * lectern_export_get_store:
 * @self: a #LecternExport
 *
 * Returns: (transfer none) (nullable): the store
 */
LecternAnnotationStore *
lectern_export_get_store (LecternExport *self)
{
  g_return_val_if_fail (LECTERN_IS_EXPORT (self), NULL);

  return self->store;
}

/**
 * lectern_export_set_link_store:
 * @self: a #LecternExport
 * @links: (nullable): the reader's passage links
 *
 * Sets the link store that imports add passage links to and that
 * lectern_export_all_to_markdown() and lectern_export_all_to_json_ld()
 * export. Without one, passage links in an imported file are skipped.
 */
void
lectern_export_set_link_store (LecternExport    *self,
                               LecternLinkStore *links)
{
  g_return_if_fail (LECTERN_IS_EXPORT (self));
  g_return_if_fail (links == NULL || LECTERN_IS_LINK_STORE (links));

  g_set_object (&self->links, links);
}

/**
 * lectern_export_get_link_store:
 * @self: a #LecternExport
 *
 * Returns: (transfer none) (nullable): the link store
 */
LecternLinkStore *
lectern_export_get_link_store (LecternExport *self)
{
  g_return_val_if_fail (LECTERN_IS_EXPORT (self), NULL);

  return self->links;
}

/**
 * lectern_export_get_library:
 * @self: a #LecternExport
 *
 * Returns: (transfer none) (nullable): the library
 */
LecternLibrary *
lectern_export_get_library (LecternExport *self)
{
  g_return_val_if_fail (LECTERN_IS_EXPORT (self), NULL);

  return self->library;
}

/**
 * lectern_export_to_markdown:
 * @self: a #LecternExport
 * @highlights: a #GListModel of #LecternHighlight: the store, a filtered
 *   model of it, or any other set
 *
 * Writes the highlights as Markdown: grouped by document (sorted by
 * title, then URI), each document a heading with its URI, each highlight
 * in text order as a block quote of its text followed by its note and a
 * line with its colour, tags and date. Orphaned highlights are marked.
 * The same highlights always give the same text, whatever their order
 * in @highlights.
 *
 * Returns: (transfer full): the Markdown text
 */
char *
lectern_export_to_markdown (LecternExport *self,
                            GListModel    *highlights)
{
  g_autoptr(GPtrArray) array = NULL;

  g_return_val_if_fail (LECTERN_IS_EXPORT (self), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (highlights), NULL);

  array = model_to_array (highlights);

  return highlights_to_markdown (self, array);
}

/**
 * lectern_export_array_to_markdown:
 * @self: a #LecternExport
 * @highlights: (element-type LecternHighlight): highlights, e.g. from
 *   lectern_annotation_store_list_for_document()
 *
 * Like lectern_export_to_markdown(), for an array.
 *
 * Returns: (transfer full): the Markdown text
 */
char *
lectern_export_array_to_markdown (LecternExport *self,
                                  GPtrArray     *highlights)
{
  g_return_val_if_fail (LECTERN_IS_EXPORT (self), NULL);
  g_return_val_if_fail (highlights != NULL, NULL);

  return highlights_to_markdown (self, highlights);
}

/**
 * lectern_export_to_json_ld:
 * @self: a #LecternExport
 * @highlights: a #GListModel of #LecternHighlight
 *
 * Writes the highlights as W3C Web Annotations: one
 * `AnnotationCollection` whose embedded `first` page holds an
 * `Annotation` per highlight, in the order of
 * lectern_export_to_markdown(). Each has `id` `urn:uuid:<highlight id>`,
 * `created` and `modified`, `motivation` "commenting" when it has a note
 * and "highlighting" otherwise, a `TextualBody` for the note (purpose
 * "commenting") and one per tag (purpose "tagging"), a target with the
 * document URI as `source` and a `TextQuoteSelector` and a
 * `TextPositionSelector` (character offsets), and the colour name in the
 * extension member `lectern:color`, which other tools ignore.
 *
 * Returns: (transfer full): the JSON-LD text
 */
char *
lectern_export_to_json_ld (LecternExport *self,
                           GListModel    *highlights)
{
  g_autoptr(GPtrArray) array = NULL;

  g_return_val_if_fail (LECTERN_IS_EXPORT (self), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (highlights), NULL);

  array = model_to_array (highlights);

  return export_json_ld (self, array, NULL);
}

/**
 * lectern_export_array_to_json_ld:
 * @self: a #LecternExport
 * @highlights: (element-type LecternHighlight): highlights
 *
 * Like lectern_export_to_json_ld(), for an array.
 *
 * Returns: (transfer full): the JSON-LD text
 */
char *
lectern_export_array_to_json_ld (LecternExport *self,
                                 GPtrArray     *highlights)
{
  g_return_val_if_fail (LECTERN_IS_EXPORT (self), NULL);
  g_return_val_if_fail (highlights != NULL, NULL);

  return export_json_ld (self, highlights, NULL);
}

/**
 * lectern_export_links_to_markdown:
 * @self: a #LecternExport
 * @links: (element-type LecternPassageLink): passage links
 *
 * Writes passage links as Markdown: a "Passage links" heading, then a
 * section per pair of documents, "## Title A ↔ Title B", holding a table
 * `| Left | Right | Relation | Note |` with a row per link: the passage
 * in A, the one in B, the relation's label and the note. A and B are the
 * left and right documents of the pair's earliest link; a link made the
 * other way round has its passages swapped into those columns. Pairs are
 * sorted by their titles, rows by the place of their passage in A. In
 * cells, "|" is escaped and line breaks become `<br>`; orphaned passages
 * are marked. The same links always give the same text.
 *
 * Returns: (transfer full): the Markdown text
 */
char *
lectern_export_links_to_markdown (LecternExport *self,
                                  GPtrArray     *links)
{
  g_return_val_if_fail (LECTERN_IS_EXPORT (self), NULL);
  g_return_val_if_fail (links != NULL, NULL);

  return export_markdown (self, NULL, links);
}

/**
 * lectern_export_links_to_json_ld:
 * @self: a #LecternExport
 * @links: (element-type LecternPassageLink): passage links
 *
 * Writes passage links as W3C Web Annotations, in an
 * `AnnotationCollection` as lectern_export_to_json_ld() does. Each link
 * is an `Annotation` with `motivation` "linking" and two targets, one per
 * passage (left first), each a `source` with a `TextQuoteSelector` and a
 * `TextPositionSelector`; its note is a `TextualBody` with purpose
 * "commenting", each tag one with purpose "tagging", and its relation
 * (as lectern_relation_to_string() names it) one with purpose
 * "classifying" and in the member `lectern:relation`.
 *
 * Returns: (transfer full): the JSON-LD text
 */
char *
lectern_export_links_to_json_ld (LecternExport *self,
                                 GPtrArray     *links)
{
  g_return_val_if_fail (LECTERN_IS_EXPORT (self), NULL);
  g_return_val_if_fail (links != NULL, NULL);

  return export_json_ld (self, NULL, links);
}

/**
 * lectern_export_combined_to_markdown:
 * @self: a #LecternExport
 * @highlights: (nullable) (element-type LecternHighlight): highlights
 * @links: (nullable) (element-type LecternPassageLink): passage links
 *
 * The Markdown of lectern_export_array_to_markdown() for @highlights
 * followed by that of lectern_export_links_to_markdown() for @links;
 * without links (%NULL or none), only the highlights.
 *
 * Returns: (transfer full): the Markdown text
 */
char *
lectern_export_combined_to_markdown (LecternExport *self,
                                     GPtrArray     *highlights,
                                     GPtrArray     *links)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  g_return_val_if_fail (LECTERN_IS_EXPORT (self), NULL);

  if (links != NULL && links->len == 0)
    links = NULL;
  if (highlights == NULL && links == NULL)
    highlights = none;

  return export_markdown (self, highlights, links);
}

/**
 * lectern_export_combined_to_json_ld:
 * @self: a #LecternExport
 * @highlights: (nullable) (element-type LecternHighlight): highlights
 * @links: (nullable) (element-type LecternPassageLink): passage links
 *
 * One `AnnotationCollection` holding the annotations of
 * lectern_export_array_to_json_ld() for @highlights, then those of
 * lectern_export_links_to_json_ld() for @links.
 *
 * Returns: (transfer full): the JSON-LD text
 */
char *
lectern_export_combined_to_json_ld (LecternExport *self,
                                    GPtrArray     *highlights,
                                    GPtrArray     *links)
{
  g_return_val_if_fail (LECTERN_IS_EXPORT (self), NULL);

  return export_json_ld (self, highlights, links);
}

/**
 * lectern_export_all_to_markdown:
 * @self: a #LecternExport
 *
 * lectern_export_combined_to_markdown() for every highlight of the store
 * and every link of the link store (see lectern_export_set_link_store()).
 *
 * Returns: (transfer full): the Markdown text
 */
char *
lectern_export_all_to_markdown (LecternExport *self)
{
  g_autoptr(GPtrArray) highlights = NULL;
  g_autoptr(GPtrArray) links = NULL;

  g_return_val_if_fail (LECTERN_IS_EXPORT (self), NULL);

  collect_all (self, &highlights, &links);

  return lectern_export_combined_to_markdown (self, highlights, links);
}

/**
 * lectern_export_all_to_json_ld:
 * @self: a #LecternExport
 *
 * lectern_export_combined_to_json_ld() for every highlight of the store
 * and every link of the link store.
 *
 * Returns: (transfer full): the JSON-LD text
 */
char *
lectern_export_all_to_json_ld (LecternExport *self)
{
  g_autoptr(GPtrArray) highlights = NULL;
  g_autoptr(GPtrArray) links = NULL;

  g_return_val_if_fail (LECTERN_IS_EXPORT (self), NULL);

  collect_all (self, &highlights, &links);

  return export_json_ld (self, highlights, links);
}

/**
 * lectern_export_import_json_ld:
 * @self: a #LecternExport with a store and a library
 * @data: (array length=length): the file's contents
 * @length: the length of @data in bytes
 * @error: return location for a #LecternExportError
 *
 * Adds W3C Web Annotations to the store: a single `Annotation`, a JSON
 * array of them, an `AnnotationCollection` (annotations in `first.items`
 * or `items`) or an `AnnotationPage`.
 *
 * Each annotation goes onto the open document whose URI is its target's
 * `source`. It is placed at its `TextPositionSelector` when the text
 * there is its quote, else where its `TextQuoteSelector` quote is found
 * (the place whose surroundings best match `prefix` and `suffix`, then
 * the nearest), else on a slightly changed copy of the quote, as
 * lectern_anchor_locate() finds them. An annotation already in the store — by id, or by the
 * same quote at the same place — is not added again. Colours come from
 * `lectern:color`; annotations of other tools get yellow.
 *
 * An annotation with `motivation` "linking" and two targets is a passage
 * link: when a link store is set (lectern_export_set_link_store()) and
 * both documents are open, both passages are placed as above and the
 * link is added to the link store, unless it has a link of that id or
 * between the same two places. Its relation comes from `lectern:relation`,
 * else from a `TextualBody` with purpose "classifying"; without either it
 * is "agrees".
 *
 * The whole file is refused, and the store left unchanged, when it is
 * over %LECTERN_EXPORT_MAX_FILE_SIZE, not JSON, not one of the shapes
 * above, or when it holds annotations and none is usable. Otherwise
 * unusable items are counted as invalid and the rest imported.
 *
 * Returns: (transfer full): what was imported, or %NULL with @error set
 */
LecternImportResult *
lectern_export_import_json_ld (LecternExport  *self,
                               const char     *data,
                               gsize           length,
                               GError        **error)
{
  g_autoptr(LecternImportResult) result = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GHashTable) skipped = NULL;
  g_autoptr(GPtrArray) skipped_uris = NULL;
  g_autoptr(GHashTable) documents = NULL;
  Import import;

  g_return_val_if_fail (LECTERN_IS_EXPORT (self), NULL);
  g_return_val_if_fail (self->store != NULL && self->library != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((root = parse_json (data != NULL ? data : "", length, error)) == NULL ||
      !collect_items (root, items, error))
    return NULL;

  result = import_result_new ();
  if ((annotations = read_annotations (items, result, error)) == NULL)
    return NULL;

  skipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  skipped_uris = g_ptr_array_new_with_free_func (g_free);
  documents = g_hash_table_new_full (NULL, NULL, NULL, document_state_free);
  import = (Import) { self, result, skipped, skipped_uris, documents };

  for (guint i = 0; i < annotations->len; i++)
    apply_annotation (&import, g_ptr_array_index (annotations, i));
  report_skipped (&import);

  /* The annotations borrow strings from the tree: gone first. */
  g_clear_pointer (&annotations, g_ptr_array_unref);
  json_node_unref_later (g_steal_pointer (&root), items->len);

  return g_steal_pointer (&result);
}

/**
 * lectern_export_import_file:
 * @self: a #LecternExport with a store and a library
 * @file: a JSON-LD file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #LecternExportError
 *
 * Reads @file and imports it with lectern_export_import_json_ld(). Error
 * messages name the file. A file over %LECTERN_EXPORT_MAX_FILE_SIZE is
 * refused before it is read.
 *
 * Returns: (transfer full): what was imported, or %NULL with @error set
 */
LecternImportResult *
lectern_export_import_file (LecternExport  *self,
                            GFile          *file,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  LecternImportResult *result;
  gsize length;

  g_return_val_if_fail (LECTERN_IS_EXPORT (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info != NULL && g_file_info_get_size (info) > LECTERN_EXPORT_MAX_FILE_SIZE)
    {
      g_set_error (error, LECTERN_EXPORT_ERROR, LECTERN_EXPORT_ERROR_TOO_LARGE,
                   _("“%s” could not be imported. The file is larger than %d MiB; split it "
                     "into smaller files to import it."),
                   name, LECTERN_EXPORT_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }

  if (info == NULL ||
      !g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, LECTERN_EXPORT_ERROR, LECTERN_EXPORT_ERROR_UNREADABLE,
                   _("“%s” could not be read: %s"), name, local_error->message);
      return NULL;
    }

  result = lectern_export_import_json_ld (self, contents, length, &local_error);
  if (result == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("“%s” could not be imported. "), name);
      return NULL;
    }

  return result;
}

/**
 * lectern_import_result_free:
 * @result: (transfer full): a #LecternImportResult
 *
 * Frees @result.
 */
void
lectern_import_result_free (LecternImportResult *result)
{
  if (result == NULL)
    return;

  g_ptr_array_unref (result->highlights);
  g_ptr_array_unref (result->messages);
  g_ptr_array_unref (result->links);
  g_free (result);
}
