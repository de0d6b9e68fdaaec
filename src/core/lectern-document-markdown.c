/* lectern-document-markdown.c: Markdown (CommonMark with GitHub's tables,
 * task lists and strikethrough, through md4c) into a document
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <md4c.h>
#include <string.h>

#include "lectern-document-builder.h"

static void
builder_open_span (Builder      *b,
                   LecternStyle  style,
                   const char   *href)
{
  OpenSpan span = { style, b->length, href };

  _lectern_builder_ensure_leaf (b);
  span.start = b->length;
  g_array_append_val (b->spans, span);
}

static void
builder_close_span (Builder      *b,
                    LecternStyle  style)
{
  /* Close the innermost open span of this style; HTML tags may be
   * unbalanced, so a stray closing tag is ignored. */
  for (guint i = b->spans->len; i > 0; i--)
    {
      OpenSpan *span = &g_array_index (b->spans, OpenSpan, i - 1);

      if (span->style == style)
        {
          _lectern_builder_add_run (b, style, span->start, b->length, span->href);
          g_array_remove_index (b->spans, i - 1);
          return;
        }
    }
}

static const char *
attribute_to_string (Builder             *b,
                     const MD_ATTRIBUTE *attr)
{
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint i = 0; attr->substr_offsets[i] < attr->size; i++)
    {
      MD_OFFSET off = attr->substr_offsets[i];
      MD_SIZE len = attr->substr_offsets[i + 1] - off;

      g_string_append_len (str, attr->text + off, len);
    }

  return g_string_chunk_insert (b->strings, str->str);
}

/* @ol is %NULL for a bulleted list. */
static void
enter_list (Builder            *b,
            MD_BLOCK_OL_DETAIL *ol)
{
  ListLevel level = { ol != NULL, 1 };

  if (ol != NULL)
    level.next_number = ol->start;
  /* An item that opens with a nested list ("1. 2. x") has had no
   * text to carry its marker yet: give the marker its own line. */
  if (b->in_item > 0 && b->item_marker_pending)
    _lectern_builder_begin_leaf (b, LECTERN_BLOCK_PARAGRAPH, 0);
  _lectern_builder_end_leaf (b);
  g_array_append_val (b->lists, level);
}

static void
enter_item (Builder            *b,
            MD_BLOCK_LI_DETAIL *li)
{
  ListLevel *list = &g_array_index (b->lists, ListLevel, b->lists->len - 1);

  _lectern_builder_end_leaf (b);
  b->in_item++;
  b->item_marker_pending = TRUE;
  b->item_is_task = li->is_task;
  b->item_task_done = li->is_task && (li->task_mark == 'x' || li->task_mark == 'X');
  list->next_number++;
}

static int
md_enter_block (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  Builder *b = user_data;

  switch (type)
    {
    case MD_BLOCK_DOC:
      break;

    case MD_BLOCK_QUOTE:
      _lectern_builder_end_leaf (b);
      b->quote_depth++;
      break;

    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      enter_list (b, type == MD_BLOCK_OL ? detail : NULL);
      break;

    case MD_BLOCK_LI:
      enter_item (b, detail);
      break;

    case MD_BLOCK_HR:
      _lectern_builder_begin_leaf (b, LECTERN_BLOCK_RULE, 0);
      _lectern_builder_append (b, "\u2042", strlen ("\u2042"));
      _lectern_builder_end_leaf (b);
      break;

    case MD_BLOCK_H:
      _lectern_builder_begin_leaf (b, LECTERN_BLOCK_HEADING, ((MD_BLOCK_H_DETAIL *)detail)->level);
      break;

    case MD_BLOCK_CODE:
      _lectern_builder_begin_leaf (b, LECTERN_BLOCK_CODE, 0);
      break;

    case MD_BLOCK_HTML:
    case MD_BLOCK_P:
      _lectern_builder_begin_leaf (b, LECTERN_BLOCK_PARAGRAPH, 0);
      break;

    case MD_BLOCK_TR:
      _lectern_builder_begin_leaf (b, LECTERN_BLOCK_PARAGRAPH, 0);
      b->table_cell = 0;
      break;

    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      if (b->table_cell++ > 0)
        _lectern_builder_append (b, "\t", 1);
      break;

    case MD_BLOCK_TABLE:
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
    default:
      break;
    }

  return 0;
}

/* The title is the first level-1 heading, else the first heading. */
static void
remember_heading (Builder *b)
{
  gsize from = b->leaf_bytes_before + (b->leaf_bytes_before > 0 ? 1 : 0);

  if (b->first_heading != NULL && (b->first_heading_level == 1 || b->leaf.level != 1))
    return;

  g_free (b->first_heading);
  b->first_heading = g_strndup (b->text->str + from, b->text->len - from);
  b->first_heading_level = b->leaf.level;
}

static int
md_leave_block (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  Builder *b = user_data;

  switch (type)
    {
    case MD_BLOCK_QUOTE:
      _lectern_builder_end_leaf (b);
      b->quote_depth--;
      break;

    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      _lectern_builder_end_leaf (b);
      g_array_set_size (b->lists, b->lists->len - 1);
      break;

    case MD_BLOCK_LI:
      _lectern_builder_end_leaf (b);
      b->in_item--;
      b->item_marker_pending = FALSE;
      break;

    case MD_BLOCK_H:
      if (b->in_leaf)
        {
          _lectern_builder_trim_trailing_space (b);
          remember_heading (b);
        }
      _lectern_builder_end_leaf (b);
      break;

    case MD_BLOCK_HTML:
    case MD_BLOCK_P:
    case MD_BLOCK_CODE:
    case MD_BLOCK_TR:
      _lectern_builder_end_leaf (b);
      break;

    case MD_BLOCK_DOC:
    case MD_BLOCK_HR:
    case MD_BLOCK_TABLE:
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
    default:
      break;
    }

  return 0;
}

static int
md_enter_span (MD_SPANTYPE  type,
               void        *detail,
               void        *user_data)
{
  Builder *b = user_data;

  switch (type)
    {
    case MD_SPAN_EM:
      builder_open_span (b, LECTERN_STYLE_ITALIC, NULL);
      break;

    case MD_SPAN_STRONG:
      builder_open_span (b, LECTERN_STYLE_BOLD, NULL);
      break;

    case MD_SPAN_CODE:
      builder_open_span (b, LECTERN_STYLE_CODE, NULL);
      break;

    case MD_SPAN_DEL:
      builder_open_span (b, LECTERN_STYLE_STRIKETHROUGH, NULL);
      break;

    case MD_SPAN_A:
      builder_open_span (b, LECTERN_STYLE_LINK,
                         attribute_to_string (b, &((MD_SPAN_A_DETAIL *)detail)->href));
      break;

    case MD_SPAN_IMG:
      /* An image cannot be shown in a text reader: its alt text stands in. */
      builder_open_span (b, LECTERN_STYLE_ITALIC, NULL);
      break;

    case MD_SPAN_U:
    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
    case MD_SPAN_WIKILINK:
    default:
      break;
    }

  return 0;
}

static int
md_leave_span (MD_SPANTYPE  type,
               void        *detail,
               void        *user_data)
{
  Builder *b = user_data;

  switch (type)
    {
    case MD_SPAN_EM:
    case MD_SPAN_IMG:
      builder_close_span (b, LECTERN_STYLE_ITALIC);
      break;

    case MD_SPAN_STRONG:
      builder_close_span (b, LECTERN_STYLE_BOLD);
      break;

    case MD_SPAN_CODE:
      builder_close_span (b, LECTERN_STYLE_CODE);
      break;

    case MD_SPAN_DEL:
      builder_close_span (b, LECTERN_STYLE_STRIKETHROUGH);
      break;

    case MD_SPAN_A:
      builder_close_span (b, LECTERN_STYLE_LINK);
      break;

    case MD_SPAN_U:
    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
    case MD_SPAN_WIKILINK:
    default:
      break;
    }

  return 0;
}

/* Raw inline HTML: a few presentational tags become styles, the rest
 * is dropped, so no tag ever shows in the text. */
static void
handle_html (Builder    *b,
             const char *tag,
             gsize       len)
{
  static const struct {
    const char   *name;
    LecternStyle  style;
  } tags[] = {
    { "sup", LECTERN_STYLE_SUPERSCRIPT },
    { "sub", LECTERN_STYLE_SUBSCRIPT },
    { "b", LECTERN_STYLE_BOLD },
    { "strong", LECTERN_STYLE_BOLD },
    { "i", LECTERN_STYLE_ITALIC },
    { "em", LECTERN_STYLE_ITALIC },
    { "code", LECTERN_STYLE_CODE },
    { "s", LECTERN_STYLE_STRIKETHROUGH },
    { "del", LECTERN_STYLE_STRIKETHROUGH },
  };
  g_autofree char *name = NULL;
  gboolean closing;
  gsize i = 1;
  gsize name_start;

  if (len < 3 || tag[0] != '<' || tag[1] == '!' || tag[1] == '?')
    return;

  closing = tag[1] == '/';
  if (closing)
    i++;
  name_start = i;
  while (i < len && g_ascii_isalnum (tag[i]))
    i++;
  name = g_ascii_strdown (tag + name_start, i - name_start);

  if (g_str_equal (name, "br"))
    {
      _lectern_builder_ensure_leaf (b);
      _lectern_builder_append (b, "\n", 1);
      return;
    }

  for (guint t = 0; t < G_N_ELEMENTS (tags); t++)
    {
      if (!g_str_equal (name, tags[t].name))
        continue;
      if (closing)
        builder_close_span (b, tags[t].style);
      else if (tag[len - 2] != '/')
        builder_open_span (b, tags[t].style, NULL);
      return;
    }
}

static gboolean
decode_entity (const char *entity,
               gsize       len,
               GString    *out)
{
  static const struct {
    const char *name;
    const char *text;
  } named[] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
    { "&apos;", "'" }, { "&nbsp;", "\u00A0" }, { "&ndash;", "\u2013" },
    { "&mdash;", "\u2014" }, { "&hellip;", "\u2026" }, { "&lsquo;", "\u2018" },
    { "&rsquo;", "\u2019" }, { "&ldquo;", "\u201C" }, { "&rdquo;", "\u201D" },
    { "&copy;", "\u00A9" }, { "&reg;", "\u00AE" }, { "&trade;", "\u2122" },
    { "&middot;", "\u00B7" }, { "&times;", "\u00D7" }, { "&euro;", "\u20AC" },
    { "&pound;", "\u00A3" }, { "&yen;", "\u00A5" }, { "&deg;", "\u00B0" },
    { "&sect;", "\u00A7" }, { "&para;", "\u00B6" }, { "&shy;", "\u00AD" },
  };

  if (len > 3 && entity[1] == '#')
    {
      gboolean hex = entity[2] == 'x' || entity[2] == 'X';
      g_autofree char *digits = g_strndup (entity + (hex ? 3 : 2), len - (hex ? 4 : 3));
      char *end = NULL;
      guint64 cp = g_ascii_strtoull (digits, &end, hex ? 16 : 10);

      if (end == NULL || *end != 0 || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
      g_string_append_unichar (out, (gunichar)cp);
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      if (strlen (named[i].name) == len && strncmp (named[i].name, entity, len) == 0)
        {
          g_string_append (out, named[i].text);
          return TRUE;
        }
    }

  return FALSE;
}

static int
md_text (MD_TEXTTYPE   type,
         const MD_CHAR *text,
         MD_SIZE        size,
         void          *user_data)
{
  Builder *b = user_data;

  if (type == MD_TEXT_HTML)
    {
      handle_html (b, text, size);
      return 0;
    }

  _lectern_builder_ensure_leaf (b);

  switch (type)
    {
    case MD_TEXT_NULLCHAR:
      _lectern_builder_append (b, "\uFFFD", strlen ("\uFFFD"));
      break;

    case MD_TEXT_BR:
      _lectern_builder_append (b, "\n", 1);
      break;

    case MD_TEXT_SOFTBR:
      _lectern_builder_append (b, " ", 1);
      break;

    case MD_TEXT_ENTITY:
      {
        g_autoptr(GString) decoded = g_string_new (NULL);

        if (decode_entity (text, size, decoded))
          _lectern_builder_append (b, decoded->str, decoded->len);
        else
          _lectern_builder_append (b, text, size);
      }
      break;

    case MD_TEXT_NORMAL:
    case MD_TEXT_CODE:
    case MD_TEXT_LATEXMATH:
    case MD_TEXT_HTML:
    default:
      _lectern_builder_append (b, text, size);
      break;
    }

  return 0;
}

LecternDocument *
_lectern_document_parse_markdown (const char *data,
                                  gsize       len,
                                  GArray     *dropped_crs,
                                  const char *uri,
                                  const char *display_name)
{
  MD_PARSER parser = {
    .abi_version = 0,
    .flags = MD_FLAG_STRIKETHROUGH | MD_FLAG_TABLES | MD_FLAG_TASKLISTS |
             MD_FLAG_PERMISSIVEURLAUTOLINKS | MD_FLAG_PERMISSIVEWWWAUTOLINKS,
    .enter_block = md_enter_block,
    .leave_block = md_leave_block,
    .enter_span = md_enter_span,
    .leave_span = md_leave_span,
    .text = md_text,
  };
  g_autofree char *title = NULL;
  Builder b;

  _lectern_builder_init (&b, len);
  _lectern_builder_set_source (&b, data, len, dropped_crs);
  md_parse (data, (MD_SIZE)len, &parser, &b);

  /* Close what unbalanced inline HTML left open, at the end of the text. */
  _lectern_builder_end_leaf (&b);
  while (b.spans->len > 0)
    {
      OpenSpan *span = &g_array_index (b.spans, OpenSpan, b.spans->len - 1);

      builder_close_span (&b, span->style);
    }

  if (b.first_heading != NULL && *b.first_heading != 0)
    title = g_strdup (b.first_heading);
  else
    title = _lectern_document_title_from_name (display_name);

  return _lectern_builder_finish (&b, uri, title, LECTERN_DOCUMENT_FORMAT_MARKDOWN);
}

