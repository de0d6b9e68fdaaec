/* lectern-document-html.c: web pages (through libxml2's HTML parser) into a document
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A saved web page is read in three steps: libxml2 parses it into a
 * tree (never fetching anything, expanding no external entity); page
 * furniture (scripts, menus, share buttons, comment sections) is marked
 * by tag, role and class/id words; then, in the spirit of Readability,
 * the main content is the container that holds nearly all of the text
 * that is not link text, and only it is walked into the builder. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlerror.h>
#include <string.h>

#include "lectern-document-builder.h"

/* Deeper trees are cut: libxml2 bounds its own depth, this bounds ours. */
#define MAX_DEPTH 256

/* A child holding this share of its parent's own text is the content. */
#define MAIN_SHARE 0.9

/* Marks on node->_private, which libxml2 leaves to its users. */
#define MARK_FURNITURE GUINT_TO_POINTER (1)

typedef struct
{
  Builder   b;
  gboolean  space_pending;
  guint     pre_depth;
  guint     depth;
  GString  *scratch;
} HtmlWalker;

static gboolean
name_is (const xmlNode *node,
         const char    *name)
{
  return node->type == XML_ELEMENT_NODE && node->name != NULL &&
         g_ascii_strcasecmp ((const char *)node->name, name) == 0;
}

static gboolean
name_in (const xmlNode      *node,
         const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (name_is (node, names[i]))
      return TRUE;

  return FALSE;
}

/* libxml2 passes on bytes a broken page declares in a wrong charset:
 * what reaches the document is made valid UTF-8 first. */
static char *
dup_valid (const char *str)
{
  if (str == NULL)
    return NULL;
  if (g_utf8_validate (str, -1, NULL))
    return g_strdup (str);

  return g_utf8_make_valid (str, -1);
}

static char *
dup_attr (const xmlNode *node,
          const char    *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *)name);
  char *copy = dup_valid ((const char *)value);

  xmlFree (value);
  return copy;
}

/* Furniture ------------------------------------------------------------- */

static const char * const furniture_tags[] = {
  "script", "style", "noscript", "template", "nav", "header", "footer", "aside",
  "form", "button", "input", "select", "textarea", "iframe", "object", "embed",
  "svg", "canvas", "video", "audio", "head", "menu", "dialog", NULL
};

static const char * const furniture_roles[] = {
  "navigation", "banner", "contentinfo", "complementary", "search", "menu",
  "menubar", "toolbar", "dialog", "alert", NULL
};

/* Whole words of a class or id that name furniture, and prefixes and
 * suffixes that do ("navbar", "docnav", "share-buttons", "comments-list"). */
static const char * const furniture_words[] = {
  "banner", "breadcrumb", "breadcrumbs", "cookie", "cookies", "disqus", "footer",
  "header", "masthead", "menu", "newsletter", "pagination", "popup", "promo",
  "related", "sharing", "subscribe", "toolbar", "advert", "ad", "ads", "skip",
  "byline", "dateline", NULL
};

static const char * const furniture_prefixes[] = { "nav", "share", "social", "comment", NULL };
static const char * const furniture_suffixes[] = { "nav", "navigation", "comments", NULL };

static gboolean
word_is_furniture (const char *word)
{
  if (g_strv_contains (furniture_words, word))
    return TRUE;
  for (guint i = 0; furniture_prefixes[i] != NULL; i++)
    if (g_str_has_prefix (word, furniture_prefixes[i]))
      return TRUE;
  for (guint i = 0; furniture_suffixes[i] != NULL; i++)
    if (g_str_has_suffix (word, furniture_suffixes[i]))
      return TRUE;

  return FALSE;
}

/* "post-share_buttons main" holds the words post, share, buttons, main. */
static gboolean
names_are_furniture (const char *names)
{
  char word[64];
  gsize len = 0;

  if (names == NULL)
    return FALSE;

  for (const char *p = names; ; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (len < sizeof word - 1)
            word[len++] = g_ascii_tolower (*p);
          continue;
        }
      word[len] = 0;
      if (len > 0 && word_is_furniture (word))
        return TRUE;
      len = 0;
      if (*p == 0)
        return FALSE;
    }
}

static gboolean
is_furniture (const xmlNode *node)
{
  g_autofree char *role = NULL;
  g_autofree char *klass = NULL;
  g_autofree char *id = NULL;
  g_autofree char *hidden = NULL;

  if (name_in (node, furniture_tags))
    return TRUE;

  role = dup_attr (node, "role");
  if (role != NULL && g_strv_contains (furniture_roles, g_strstrip (role)))
    return TRUE;
  hidden = dup_attr (node, "aria-hidden");
  if (xmlHasProp (node, (const xmlChar *)"hidden") != NULL || g_strcmp0 (hidden, "true") == 0)
    return TRUE;

  klass = dup_attr (node, "class");
  id = dup_attr (node, "id");
  return names_are_furniture (klass) || names_are_furniture (id);
}

/* The length of a text without the white space around it: enough to
 * tell content from indentation, at the cost of two short scans. */
static gsize
count_visible (const char *text)
{
  gsize len = strlen (text);
  gsize from = 0;

  while (from < len && g_ascii_isspace (text[from]))
    from++;
  while (len > from && g_ascii_isspace (text[len - 1]))
    len--;

  return len - from;
}

/* Marks furniture and records, per element, the characters of text
 * that is neither furniture nor link text: the measure of where the
 * content is. A weight w is kept as w + 2 on node->_private. */
static gsize
weigh (xmlNode *node,
       gboolean in_link,
       guint    depth)
{
  gsize weight = 0;

  if (depth > MAX_DEPTH)
    return 0;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          if (!in_link && child->content != NULL)
            weight += count_visible ((const char *)child->content);
          continue;
        }
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (is_furniture (child))
        {
          child->_private = MARK_FURNITURE;
          continue;
        }
      weight += weigh (child, in_link || name_is (child, "a"), depth + 1);
    }

  node->_private = GSIZE_TO_POINTER (weight + 2);
  return weight;
}

static gsize
weight_of (const xmlNode *node)
{
  gsize mark = GPOINTER_TO_SIZE (node->_private);

  return mark >= 2 ? mark - 2 : 0;
}

/* Whether going down past @node would leave a heading or a paragraph
 * of text behind: then @node is itself the content. */
static gboolean
holds_content_block (const xmlNode *node,
                     guint          depth)
{
  static const char * const blocks[] = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "pre", "blockquote", NULL
  };

  if (node->type != XML_ELEMENT_NODE || node->_private == MARK_FURNITURE || depth > MAX_DEPTH)
    return FALSE;
  if (name_in (node, blocks) && weight_of (node) > 0)
    return TRUE;
  for (const xmlNode *child = node->children; child != NULL; child = child->next)
    if (holds_content_block (child, depth + 1))
      return TRUE;

  return FALSE;
}

static gboolean
others_hold_content (const xmlNode *parent,
                     const xmlNode *best)
{
  for (const xmlNode *child = parent->children; child != NULL; child = child->next)
    if (child != best && holds_content_block (child, 0))
      return TRUE;

  return FALSE;
}

/* From <body>, go down into the one child that holds nearly all of the
 * text while the others hold no heading or paragraph: menus, banners
 * and link lists stay behind, a chapter's introduction does not. */
static xmlNode *
find_main (xmlNode *body)
{
  xmlNode *main_node = body;
  gsize total = weigh (body, FALSE, 0);

  for (guint depth = 0; depth < MAX_DEPTH && total > 0; depth++)
    {
      xmlNode *best = NULL;
      gsize best_weight = 0;

      for (xmlNode *child = main_node->children; child != NULL; child = child->next)
        if (child->type == XML_ELEMENT_NODE && weight_of (child) > best_weight)
          {
            best = child;
            best_weight = weight_of (child);
          }
      if (best == NULL || best_weight < MAIN_SHARE * total || others_hold_content (main_node, best))
        break;
      main_node = best;
      total = best_weight;
    }

  return main_node;
}

/* Text ------------------------------------------------------------------ */

static void
walker_boundary (HtmlWalker *w)
{
  _lectern_builder_end_leaf (&w->b);
  w->space_pending = FALSE;
}

/* Runs of white space become one space, none at a block's start; the
 * text node is collapsed whole into the scratch buffer, then appended. */
static void
append_collapsed (HtmlWalker *w,
                  const char *text)
{
  gsize len = strlen (text);
  gboolean at_start = !(w->b.in_leaf && w->b.length > w->b.leaf.start);
  char *out;
  char *o;

  g_string_set_size (w->scratch, len + 1);
  out = o = w->scratch->str;
  for (const char *p = text; *p != 0; p++)
    {
      if (g_ascii_isspace (*p))
        {
          w->space_pending = TRUE;
          continue;
        }
      if (w->space_pending && (o > out || !at_start))
        *o++ = ' ';
      w->space_pending = FALSE;
      *o++ = *p;
    }

  if (o == out)
    return;
  _lectern_builder_ensure_leaf (&w->b);
  _lectern_builder_append (&w->b, out, o - out);
}

static void
append_text (HtmlWalker *w,
             const char *raw)
{
  g_autofree char *valid = NULL;
  const char *text = raw;

  if (raw == NULL)
    return;
  if (!g_utf8_validate (raw, -1, NULL))
    text = valid = g_utf8_make_valid (raw, -1);

  if (w->pre_depth == 0)
    {
      append_collapsed (w, text);
      return;
    }

  /* A newline right after <pre> is not part of the content. */
  if (!w->b.in_leaf && *text == '\n')
    text++;
  if (*text == 0)
    return;
  _lectern_builder_ensure_leaf (&w->b);
  _lectern_builder_append (&w->b, text, strlen (text));
}

/* Elements -------------------------------------------------------------- */

static void walk_children (HtmlWalker *w,
                           xmlNode    *node);

static const char * const block_tags[] = {
  "p", "div", "section", "article", "main", "body", "address", "figure", "figcaption",
  "center", "details", "summary", "dl", "dt", "dd", "caption", "fieldset", "legend",
  "table", "thead", "tbody", "tfoot", NULL
};

static void
walk_span (HtmlWalker   *w,
           xmlNode      *node,
           LecternStyle  style,
           const char   *href)
{
  guint start;

  _lectern_builder_ensure_leaf (&w->b);
  if (w->space_pending && w->b.length > w->b.leaf.start)
    _lectern_builder_append (&w->b, " ", 1);
  w->space_pending = FALSE;
  start = w->b.length;
  walk_children (w, node);
  _lectern_builder_add_run (&w->b, style, start, w->b.length, href);
}

static void
walk_link (HtmlWalker *w,
           xmlNode    *node)
{
  g_autofree char *href = dup_attr (node, "href");

  /* Only links a reader can follow: no scripts, no bare anchors. */
  if (href == NULL || *href == 0 || g_str_has_prefix (href, "#") ||
      g_ascii_strncasecmp (href, "javascript:", 11) == 0)
    {
      walk_children (w, node);
      return;
    }

  walk_span (w, node, LECTERN_STYLE_LINK, g_string_chunk_insert (w->b.strings, href));
}

static void
walk_heading (HtmlWalker *w,
              xmlNode    *node)
{
  walker_boundary (w);
  _lectern_builder_begin_leaf (&w->b, LECTERN_BLOCK_HEADING, node->name[1] - '0');
  walk_children (w, node);
  walker_boundary (w);
}

static void
walk_pre (HtmlWalker *w,
          xmlNode    *node)
{
  walker_boundary (w);
  _lectern_builder_begin_leaf (&w->b, LECTERN_BLOCK_CODE, 0);
  w->pre_depth++;
  walk_children (w, node);
  w->pre_depth--;
  walker_boundary (w);
}

static void
walk_list (HtmlWalker *w,
           xmlNode    *node)
{
  g_autofree char *start = dup_attr (node, "start");
  ListLevel level = { name_is (node, "ol"), 1 };

  if (level.ordered && start != NULL)
    level.next_number = (guint) CLAMP (g_ascii_strtoll (start, NULL, 10), 0, G_MAXINT);
  /* An item that opens with a nested list gives its marker a line. */
  if (w->b.in_item > 0 && w->b.item_marker_pending)
    _lectern_builder_begin_leaf (&w->b, LECTERN_BLOCK_PARAGRAPH, 0);
  walker_boundary (w);
  g_array_append_val (w->b.lists, level);
  walk_children (w, node);
  walker_boundary (w);
  g_array_set_size (w->b.lists, w->b.lists->len - 1);
}

static void
walk_item (HtmlWalker *w,
           xmlNode    *node)
{
  if (w->b.lists->len == 0)
    {
      walker_boundary (w);
      walk_children (w, node);
      walker_boundary (w);
      return;
    }

  walker_boundary (w);
  g_array_index (w->b.lists, ListLevel, w->b.lists->len - 1).next_number++;
  w->b.in_item++;
  w->b.item_marker_pending = TRUE;
  walk_children (w, node);
  walker_boundary (w);
  w->b.in_item--;
  w->b.item_marker_pending = FALSE;
}

static void
walk_quote (HtmlWalker *w,
            xmlNode    *node)
{
  walker_boundary (w);
  w->b.quote_depth++;
  walk_children (w, node);
  walker_boundary (w);
  w->b.quote_depth--;
}

static gboolean
has_block_descendant (const xmlNode *node)
{
  static const char * const blocks[] = {
    "p", "div", "pre", "ul", "ol", "table", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", NULL
  };

  for (const xmlNode *child = node->children; child != NULL; child = child->next)
    if (name_in (child, blocks) || has_block_descendant (child))
      return TRUE;

  return FALSE;
}

/* A row of a data table is one line, its cells separated by tabs as in
 * Markdown tables; a row of a layout table holds blocks and is walked
 * as they are. */
static void
walk_row (HtmlWalker *w,
          xmlNode    *node)
{
  guint cells = 0;

  walker_boundary (w);
  if (has_block_descendant (node))
    {
      walk_children (w, node);
      walker_boundary (w);
      return;
    }

  for (xmlNode *cell = node->children; cell != NULL; cell = cell->next)
    {
      guint before;

      if (!name_is (cell, "td") && !name_is (cell, "th"))
        continue;
      before = w->b.length;
      if (cells > 0 && w->b.in_leaf)
        _lectern_builder_append (&w->b, "\t", 1);
      w->space_pending = FALSE;
      walk_children (w, cell);
      if (w->b.in_leaf && w->b.length > before + (cells > 0))
        cells++;
      else if (cells > 0)
        _lectern_builder_trim_trailing_space (&w->b);
    }
  walker_boundary (w);
}

static void
walk_image (HtmlWalker *w,
            xmlNode    *node)
{
  g_autofree char *alt = dup_attr (node, "alt");

  if (alt != NULL)
    {
      w->space_pending = TRUE;
      append_collapsed (w, alt);
      w->space_pending = TRUE;
    }
}

static gboolean
walk_inline (HtmlWalker *w,
             xmlNode    *node)
{
  static const char * const italic[] = { "em", "i", "cite", "dfn", "var", NULL };
  static const char * const bold[] = { "strong", "b", NULL };
  static const char * const code[] = { "code", "tt", "kbd", "samp", NULL };
  static const char * const struck[] = { "del", "s", "strike", NULL };

  if (name_in (node, italic))
    walk_span (w, node, LECTERN_STYLE_ITALIC, NULL);
  else if (name_in (node, bold))
    walk_span (w, node, LECTERN_STYLE_BOLD, NULL);
  else if (name_in (node, code))
    walk_span (w, node, LECTERN_STYLE_CODE, NULL);
  else if (name_in (node, struck))
    walk_span (w, node, LECTERN_STYLE_STRIKETHROUGH, NULL);
  else if (name_is (node, "sup"))
    walk_span (w, node, LECTERN_STYLE_SUPERSCRIPT, NULL);
  else if (name_is (node, "sub"))
    walk_span (w, node, LECTERN_STYLE_SUBSCRIPT, NULL);
  else if (name_is (node, "a"))
    walk_link (w, node);
  else if (name_is (node, "img") || name_is (node, "area"))
    walk_image (w, node);
  else if (name_is (node, "br") && w->b.in_leaf)
    {
      _lectern_builder_append (&w->b, "\n", 1);
      w->space_pending = FALSE;
    }
  else
    return FALSE;

  return TRUE;
}

static void
walk_rule (HtmlWalker *w)
{
  walker_boundary (w);
  _lectern_builder_begin_leaf (&w->b, LECTERN_BLOCK_RULE, 0);
  _lectern_builder_append (&w->b, "\u2042", strlen ("\u2042"));
  walker_boundary (w);
}

static void
walk_element (HtmlWalker *w,
              xmlNode    *node)
{
  static const char * const headings[] = { "h1", "h2", "h3", "h4", "h5", "h6", NULL };

  if (node->_private == MARK_FURNITURE)
    return;

  if (name_in (node, headings))
    walk_heading (w, node);
  else if (name_is (node, "pre") || name_is (node, "listing") || name_is (node, "xmp"))
    walk_pre (w, node);
  else if (name_is (node, "ul") || name_is (node, "ol"))
    walk_list (w, node);
  else if (name_is (node, "li"))
    walk_item (w, node);
  else if (name_is (node, "blockquote"))
    walk_quote (w, node);
  else if (name_is (node, "tr"))
    walk_row (w, node);
  else if (name_is (node, "hr"))
    walk_rule (w);
  else if (walk_inline (w, node))
    return;
  else if (name_in (node, block_tags))
    {
      walker_boundary (w);
      walk_children (w, node);
      walker_boundary (w);
    }
  else
    walk_children (w, node);
}

static void
walk_children (HtmlWalker *w,
               xmlNode    *node)
{
  if (w->depth >= MAX_DEPTH)
    return;

  w->depth++;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        append_text (w, (const char *)child->content);
      else if (child->type == XML_ELEMENT_NODE)
        walk_element (w, child);
    }
  w->depth--;
}

/* Title and byline ------------------------------------------------------ */

static xmlNode *
find_element (xmlNode    *node,
              const char *name,
              guint       depth)
{
  if (depth > MAX_DEPTH)
    return NULL;

  for (xmlNode *child = node; child != NULL; child = child->next)
    {
      xmlNode *found;

      if (name_is (child, name))
        return child;
      if (child->children != NULL && (found = find_element (child->children, name, depth + 1)) != NULL)
        return found;
    }

  return NULL;
}

static char *
dup_text (xmlNode *node)
{
  xmlChar *raw = xmlNodeGetContent (node);
  g_autofree char *content = dup_valid ((const char *)raw);
  g_autoptr(GString) collapsed = g_string_new (NULL);
  g_auto(GStrv) words = NULL;

  xmlFree (raw);
  if (content == NULL)
    return NULL;

  words = g_regex_split_simple ("\\s+", content, 0, 0);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != 0)
      g_string_append_printf (collapsed, "%s%s", collapsed->len > 0 ? " " : "", words[i]);

  return collapsed->len > 0 ? g_string_free (g_steal_pointer (&collapsed), FALSE) : NULL;
}

/* The content of the first <meta> whose name or property is one of @keys. */
static char *
dup_meta (xmlNode            *head,
          const char * const *keys)
{
  if (head == NULL)
    return NULL;

  for (guint k = 0; keys[k] != NULL; k++)
    for (xmlNode *node = head->children; node != NULL; node = node->next)
      {
        g_autofree char *name = NULL;
        g_autofree char *property = NULL;
        g_autofree char *content = NULL;

        if (!name_is (node, "meta"))
          continue;
        name = dup_attr (node, "name");
        property = dup_attr (node, "property");
        if ((name != NULL && g_ascii_strcasecmp (name, keys[k]) == 0) ||
            (property != NULL && g_ascii_strcasecmp (property, keys[k]) == 0))
          {
            content = dup_attr (node, "content");
            if (content != NULL && *g_strstrip (content) != 0)
              return g_steal_pointer (&content);
          }
      }

  return NULL;
}

static char *
find_title (xmlNode    *root,
            xmlNode    *head,
            const char *display_name)
{
  static const char * const og_title[] = { "og:title", "twitter:title", "dc.title", NULL };
  char *title = dup_meta (head, og_title);
  xmlNode *node;

  if (title == NULL && (node = find_element (root, "h1", 0)) != NULL)
    title = dup_text (node);
  if (title == NULL && head != NULL && (node = find_element (head, "title", 0)) != NULL)
    title = dup_text (node);
  if (title == NULL)
    title = _lectern_document_title_from_name (display_name);

  return title;
}

static void
find_byline (xmlNode  *head,
             char    **author,
             char    **date)
{
  static const char * const author_keys[] = {
    "author", "article:author", "dc.creator", "byl", "sailthru.author", NULL
  };
  static const char * const date_keys[] = {
    "article:published_time", "date", "dc.date", "dc.date.issued", "pubdate",
    "publish-date", "sailthru.date", NULL
  };

  *author = dup_meta (head, author_keys);
  /* article:author is often a profile's address, not a name. */
  if (*author != NULL && g_str_has_prefix (*author, "http"))
    g_clear_pointer (author, g_free);
  *date = dup_meta (head, date_keys);
}

/* Entry ----------------------------------------------------------------- */

static void G_GNUC_PRINTF (2, 3)
ignore_message (void       *context,
                const char *message,
                ...)
{
}

static htmlDocPtr
read_html (const char *data,
           gsize       len,
           const char *display_name,
           GError    **error)
{
  xmlGenericErrorFunc saved_func = xmlGenericError;
  void *saved_context = xmlGenericErrorContext;
  htmlDocPtr doc;

  /* NONET: nothing is fetched. No NOENT, no DTD loading: only the
   * predefined HTML entities are ever expanded. Encoding errors of a
   * broken page, which NOERROR does not cover, are not printed (the
   * handler is per thread). */
  xmlSetGenericErrorFunc (NULL, ignore_message);
  doc = htmlReadMemory (data, (int) MIN (len, G_MAXINT), NULL, NULL,
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_COMPACT);
  xmlSetGenericErrorFunc (saved_context, saved_func);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_UNREADABLE,
                   _("“%s” could not be read as a web page."), display_name);
      g_clear_pointer (&doc, xmlFreeDoc);
    }

  return doc;
}

LecternDocument *
_lectern_document_parse_html (const char  *data,
                              gsize        len,
                              const char  *uri,
                              const char  *display_name,
                              GError     **error)
{
  htmlDocPtr doc = NULL;
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;
  g_autofree char *date = NULL;
  LecternDocument *document;
  xmlNode *root;
  xmlNode *head;
  xmlNode *body;
  HtmlWalker w = { 0 };

  /* The text's buffer is taken before the tree's many small blocks, so
   * that it does not make malloc gather them up (a third of the time). */
  _lectern_builder_init (&w.b, len);
  w.scratch = g_string_new (NULL);
  doc = read_html (data, len, display_name, error);
  if (doc == NULL)
    {
      g_string_free (w.scratch, TRUE);
      g_object_unref (_lectern_builder_finish (&w.b, uri, "", LECTERN_DOCUMENT_FORMAT_HTML));
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  head = find_element (root, "head", 0);
  body = find_element (root, "body", 0);
  title = find_title (root, head, display_name);
  find_byline (head, &author, &date);

  if (body != NULL)
    walk_element (&w, find_main (body));
  else
    walk_children (&w, root);

  document = _lectern_builder_finish (&w.b, uri, title, LECTERN_DOCUMENT_FORMAT_HTML);
  g_string_free (w.scratch, TRUE);
  _lectern_document_set_byline (document, author, date);
  xmlFreeDoc (doc);

  return document;
}
