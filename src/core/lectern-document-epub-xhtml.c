/* lectern-document-epub-xhtml.c: an EPUB chapter's XHTML into the document builder
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The essentials of XHTML only: headings, paragraphs, lists, quotes,
 * code, emphasis, strong, sup/sub, code spans, links and images' alt
 * text. Kept apart from the EPUB container code so that the shared HTML
 * walker (lectern-document-html.c) can take its place: the book calls
 * only _lectern_epub_add_xhtml_chapter() and
 * _lectern_epub_starts_with_heading(). Entity references are never
 * expanded: the tree is walked as the parser left it. */

#include "config.h"

#include <string.h>

#include "lectern-document-epub-private.h"

typedef struct
{
  Builder  *b;
  gboolean  in_pre;
} Walk;

static void walk_nodes (Walk    *walk,
                        xmlNode *node,
                        guint    depth);

static void
append_text (Walk       *walk,
             const char *text)
{
  Builder *b = walk->b;
  g_autofree char *valid = NULL;
  g_autoptr(GString) collapsed = NULL;
  gboolean space;

  /* The HTML parser may pass bytes through: the text must be UTF-8. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  if (walk->in_pre)
    {
      _lectern_builder_ensure_leaf (b);
      _lectern_builder_append (b, text, strlen (text));
      return;
    }

  /* Outside <pre>, runs of white space are one space, and none opens a
   * block; the text goes to the builder in one piece. */
  collapsed = g_string_sized_new (strlen (text));
  space = !b->in_leaf || b->length == b->leaf.start || b->text->str[b->text->len - 1] == ' ';
  for (const char *p = text; *p != 0; p++)
    {
      gboolean is_space = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';

      if (!is_space)
        g_string_append_c (collapsed, *p);
      else if (!space)
        g_string_append_c (collapsed, ' ');
      space = is_space;
    }

  /* Outside a block the text starts with no space: it opens one. */
  if (collapsed->len == 0)
    return;
  _lectern_builder_ensure_leaf (b);
  _lectern_builder_append (b, collapsed->str, collapsed->len);
}

static gboolean
inline_style (const char   *name,
              LecternStyle *style)
{
  static const struct { const char *name; LecternStyle style; } styles[] = {
    { "em", LECTERN_STYLE_ITALIC }, { "i", LECTERN_STYLE_ITALIC }, { "cite", LECTERN_STYLE_ITALIC },
    { "strong", LECTERN_STYLE_BOLD }, { "b", LECTERN_STYLE_BOLD },
    { "sup", LECTERN_STYLE_SUPERSCRIPT }, { "sub", LECTERN_STYLE_SUBSCRIPT },
    { "code", LECTERN_STYLE_CODE }, { "tt", LECTERN_STYLE_CODE }, { "kbd", LECTERN_STYLE_CODE },
    { "a", LECTERN_STYLE_LINK }, { "s", LECTERN_STYLE_STRIKETHROUGH }, { "del", LECTERN_STYLE_STRIKETHROUGH },
  };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    if (g_ascii_strcasecmp (name, styles[i].name) == 0)
      {
        *style = styles[i].style;
        return TRUE;
      }

  return FALSE;
}

static void
walk_inline (Walk         *walk,
             xmlNode      *node,
             LecternStyle  style,
             guint         depth)
{
  Builder *b = walk->b;
  guint start = b->length;
  const char *href = NULL;

  if (style == LECTERN_STYLE_LINK)
    {
      g_autofree char *value = _lectern_epub_get_attribute (node, "href");

      href = value != NULL ? g_string_chunk_insert (b->strings, value) : NULL;
    }
  walk_nodes (walk, node->children, depth + 1);

  /* A span cut by a block boundary belongs to no one block: dropped. */
  if (b->in_leaf && start >= b->leaf.start)
    _lectern_builder_add_run (b, style, start, b->length, href);
}

static void
walk_block (Walk             *walk,
            xmlNode          *node,
            LecternBlockKind  kind,
            guint             level,
            guint             depth)
{
  gboolean was_pre = walk->in_pre;

  _lectern_builder_begin_leaf (walk->b, kind, level);
  walk->in_pre = kind == LECTERN_BLOCK_CODE;
  walk_nodes (walk, node->children, depth + 1);
  walk->in_pre = was_pre;
  _lectern_builder_end_leaf (walk->b);
}

static void
walk_list (Walk    *walk,
           xmlNode *node,
           gboolean ordered,
           guint    depth)
{
  Builder *b = walk->b;
  ListLevel level = { ordered, 1 };

  _lectern_builder_end_leaf (b);
  g_array_append_val (b->lists, level);
  walk_nodes (walk, node->children, depth + 1);
  _lectern_builder_end_leaf (b);
  g_array_set_size (b->lists, b->lists->len - 1);
}

static void
walk_item (Walk    *walk,
           xmlNode *node,
           guint    depth)
{
  Builder *b = walk->b;

  /* An <li> outside any list is a paragraph. */
  if (b->lists->len == 0)
    {
      walk_block (walk, node, LECTERN_BLOCK_PARAGRAPH, 0, depth);
      return;
    }
  _lectern_builder_end_leaf (b);
  g_array_index (b->lists, ListLevel, b->lists->len - 1).next_number++;
  b->in_item++;
  b->item_marker_pending = TRUE;
  walk_nodes (walk, node->children, depth + 1);
  _lectern_builder_end_leaf (b);
  b->in_item--;
  b->item_marker_pending = FALSE;
}

static void
walk_image (Walk    *walk,
            xmlNode *node)
{
  g_autofree char *alt = _lectern_epub_get_attribute (node, "alt");

  if (alt != NULL && *g_strstrip (alt) != 0)
    append_text (walk, alt);
}

static gboolean
is_skipped (const char *name)
{
  static const char * const skipped[] = { "head", "script", "style", "svg", "math", "object", "template" };

  for (guint i = 0; i < G_N_ELEMENTS (skipped); i++)
    if (g_ascii_strcasecmp (name, skipped[i]) == 0)
      return TRUE;

  return FALSE;
}

static void
walk_element (Walk    *walk,
              xmlNode *node,
              guint    depth)
{
  const char *name = (const char *)node->name;
  LecternStyle style;

  if (is_skipped (name))
    return;
  if (g_ascii_tolower (name[0]) == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == 0)
    walk_block (walk, node, LECTERN_BLOCK_HEADING, name[1] - '0', depth);
  else if (_lectern_epub_is_element (node, "p") || _lectern_epub_is_element (node, "dt") || _lectern_epub_is_element (node, "dd")
           || _lectern_epub_is_element (node, "figcaption"))
    walk_block (walk, node, LECTERN_BLOCK_PARAGRAPH, 0, depth);
  else if (_lectern_epub_is_element (node, "pre"))
    walk_block (walk, node, LECTERN_BLOCK_CODE, 0, depth);
  else if (_lectern_epub_is_element (node, "ul") || _lectern_epub_is_element (node, "ol"))
    walk_list (walk, node, _lectern_epub_is_element (node, "ol"), depth);
  else if (_lectern_epub_is_element (node, "li"))
    walk_item (walk, node, depth);
  else if (_lectern_epub_is_element (node, "blockquote"))
    {
      _lectern_builder_end_leaf (walk->b);
      walk->b->quote_depth++;
      walk_nodes (walk, node->children, depth + 1);
      _lectern_builder_end_leaf (walk->b);
      walk->b->quote_depth--;
    }
  else if (_lectern_epub_is_element (node, "img"))
    walk_image (walk, node);
  else if (_lectern_epub_is_element (node, "br"))
    append_text (walk, walk->in_pre ? "\n" : " ");
  else if (inline_style (name, &style))
    walk_inline (walk, node, style, depth);
  else
    {
      /* div, section, span, table…: their text flows; a div's ends a block. */
      walk_nodes (walk, node->children, depth + 1);
      if (!walk->in_pre && (_lectern_epub_is_element (node, "div") || _lectern_epub_is_element (node, "section") || _lectern_epub_is_element (node, "tr")))
        _lectern_builder_end_leaf (walk->b);
    }
}

static void
walk_nodes (Walk    *walk,
            xmlNode *node,
            guint    depth)
{
  if (depth > EPUB_MAX_DEPTH)
    return;

  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE)
        walk_element (walk, node, depth);
      else if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) && node->content != NULL)
        append_text (walk, (const char *)node->content);
      /* Entity references are left out: no entity is ever expanded. */
    }
}

/* Whether the chapter's first block is a heading of its own. */
gboolean
_lectern_epub_starts_with_heading (xmlNode *node,
                                   guint    depth)
{
  static const char * const blocks[] = { "p", "li", "pre", "blockquote", "dt", "dd", "table", "img" };

  for (; node != NULL && depth < EPUB_MAX_DEPTH; node = node->next)
    {
      const char *name = (const char *)node->name;

      if (node->type != XML_ELEMENT_NODE || is_skipped (name))
        continue;
      if (g_ascii_tolower (name[0]) == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == 0)
        return TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
        if (g_ascii_strcasecmp (name, blocks[i]) == 0)
          return FALSE;
      if (node->children != NULL && _lectern_epub_starts_with_heading (node->children, depth + 1))
        return TRUE;
    }

  return FALSE;
}

void
_lectern_epub_add_xhtml_chapter (Builder *b,
                                 xmlDoc  *doc)
{
  Walk walk = { b, FALSE };
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *body = root != NULL ? _lectern_epub_find_element (root, "body", 0) : NULL;

  walk_nodes (&walk, body != NULL ? body->children : root, 0);
  _lectern_builder_end_leaf (b);
}
