/* lectern-document-loader.c: plain text and Markdown files into documents
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <md4c.h>
#include <string.h>

#include "lectern-document-loader.h"
#include "lectern-document-private.h"

struct _LecternDocumentLoader
{
  GObject parent_instance;
  gsize   max_size;
};

G_DEFINE_FINAL_TYPE (LecternDocumentLoader, lectern_document_loader, G_TYPE_OBJECT)

G_DEFINE_QUARK (lectern-document-error-quark, lectern_document_error)

enum {
  PROP_0,
  PROP_MAX_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One list the Markdown walker is inside of. */
typedef struct
{
  gboolean ordered;
  guint    next_number;
} ListLevel;

/* One open inline span, waiting for its end. */
typedef struct
{
  LecternStyle  style;
  guint         start;
  const char   *href;
} OpenSpan;

/* Everything the text is built from while md4c or the plain-text
 * splitter walks the input. */
typedef struct
{
  GString      *text;
  guint         length;
  GArray       *blocks;
  GArray       *runs;
  GStringChunk *strings;
  GArray       *spans;
  GArray       *lists;

  /* The leaf block being filled, if any. */
  gboolean      in_leaf;
  LecternBlock  leaf;
  gsize         leaf_bytes_before;
  guint         leaf_length_before;
  guint         leaf_first_run;

  guint         quote_depth;
  guint         in_item;
  gboolean      item_marker_pending;
  gboolean      item_is_task;
  gboolean      item_task_done;
  guint         table_cell;
  char         *first_heading;
  guint         first_heading_level;
} Builder;

static guint
utf8_count (const char *str,
            gsize       len)
{
  guint n = 0;

  /* Valid UTF-8 has exactly one non-continuation byte per character. */
  for (gsize i = 0; i < len; i++)
    n += ((guchar)str[i] & 0xC0) != 0x80;

  return n;
}

static void
builder_init (Builder *b,
              gsize    size_hint)
{
  memset (b, 0, sizeof *b);
  b->text = g_string_sized_new (size_hint + 1);
  b->blocks = g_array_new (FALSE, FALSE, sizeof (LecternBlock));
  b->runs = g_array_new (FALSE, FALSE, sizeof (LecternStyleRun));
  b->strings = g_string_chunk_new (256);
  b->spans = g_array_new (FALSE, FALSE, sizeof (OpenSpan));
  b->lists = g_array_new (FALSE, FALSE, sizeof (ListLevel));
}

static void
builder_clear (Builder *b)
{
  if (b->text != NULL)
    g_string_free (b->text, TRUE);
  g_clear_pointer (&b->blocks, g_array_unref);
  g_clear_pointer (&b->runs, g_array_unref);
  g_clear_pointer (&b->strings, g_string_chunk_free);
  g_clear_pointer (&b->spans, g_array_unref);
  g_clear_pointer (&b->lists, g_array_unref);
  g_clear_pointer (&b->first_heading, g_free);
}

static void
builder_append (Builder    *b,
                const char *str,
                gsize       len)
{
  g_string_append_len (b->text, str, len);
  b->length += utf8_count (str, len);
}

static void
builder_add_run (Builder      *b,
                 LecternStyle  style,
                 guint         start,
                 guint         end,
                 const char   *href)
{
  LecternStyleRun run = { style, start, end, href };

  if (end > start)
    g_array_append_val (b->runs, run);
}

static const char *
list_bullet (guint depth)
{
  static const char * const bullets[] = { "\u2022", "\u25E6", "\u25AA" };

  return bullets[(depth - 1) % G_N_ELEMENTS (bullets)];
}

static void
builder_emit_marker (Builder *b)
{
  ListLevel *list;
  g_autofree char *marker = NULL;
  guint start = b->length;

  g_assert (b->lists->len > 0);

  list = &g_array_index (b->lists, ListLevel, b->lists->len - 1);
  if (b->item_is_task)
    marker = g_strdup (b->item_task_done ? "\u2611 " : "\u2610 ");
  else if (list->ordered)
    marker = g_strdup_printf ("%u. ", list->next_number - 1);
  else
    marker = g_strdup_printf ("%s ", list_bullet (b->lists->len));

  builder_append (b, marker, strlen (marker));
  builder_add_run (b, LECTERN_STYLE_LIST_MARKER, start, b->length, NULL);
  b->item_marker_pending = FALSE;
}

static void builder_end_leaf (Builder *b);

static void
builder_begin_leaf (Builder          *b,
                    LecternBlockKind  kind,
                    guint             level)
{
  if (b->in_leaf)
    builder_end_leaf (b);

  b->leaf_bytes_before = b->text->len;
  b->leaf_length_before = b->length;

  /* Blocks are separated by exactly one newline. */
  if (b->text->len > 0)
    builder_append (b, "\n", 1);

  b->in_leaf = TRUE;
  b->leaf_first_run = b->runs->len;
  memset (&b->leaf, 0, sizeof b->leaf);
  b->leaf.kind = kind;
  b->leaf.level = level;
  b->leaf.quote_depth = b->quote_depth;
  b->leaf.start = b->length;

  if (b->in_item > 0)
    {
      ListLevel *list = &g_array_index (b->lists, ListLevel, b->lists->len - 1);

      if (kind == LECTERN_BLOCK_PARAGRAPH)
        {
          b->leaf.kind = LECTERN_BLOCK_LIST_ITEM;
          b->leaf.level = b->lists->len;
        }
      if (b->item_marker_pending)
        {
          if (list->ordered)
            b->leaf.list_number = list->next_number - 1;
          builder_emit_marker (b);
        }
    }
  else if (kind == LECTERN_BLOCK_PARAGRAPH && b->quote_depth > 0)
    b->leaf.kind = LECTERN_BLOCK_QUOTE;
}

static gboolean
leaf_starts_with_superscript (Builder *b)
{
  for (guint i = b->leaf_first_run; i < b->runs->len; i++)
    {
      const LecternStyleRun *run = &g_array_index (b->runs, LecternStyleRun, i);

      if (run->style == LECTERN_STYLE_SUPERSCRIPT && run->start == b->leaf.start)
        return TRUE;
    }

  return FALSE;
}

static void
builder_trim_trailing_space (Builder *b)
{
  while (b->length > b->leaf.start && b->text->len > 0)
    {
      char c = b->text->str[b->text->len - 1];

      if (c != ' ' && c != '\t' && c != '\n')
        break;
      g_string_truncate (b->text, b->text->len - 1);
      b->length--;
    }
}

static void
builder_end_leaf (Builder *b)
{
  if (!b->in_leaf)
    return;

  b->in_leaf = FALSE;
  builder_trim_trailing_space (b);

  /* An empty block would be an invisible line: drop it with its newline. */
  if (b->length == b->leaf.start && b->leaf.kind != LECTERN_BLOCK_RULE)
    {
      g_string_truncate (b->text, b->leaf_bytes_before);
      b->length = b->leaf_length_before;
      g_array_set_size (b->runs, b->leaf_first_run);
      return;
    }

  b->leaf.end = b->length;

  /* Clamp runs that ran past trimmed whitespace, and drop those that
   * held nothing else (e.g. a link around a line break). */
  for (guint i = b->leaf_first_run; i < b->runs->len; )
    {
      LecternStyleRun *run = &g_array_index (b->runs, LecternStyleRun, i);
      run->end = MIN (run->end, b->leaf.end);
      if (run->start >= run->end)
        g_array_remove_index (b->runs, i);
      else
        i++;
    }

  if (b->leaf.kind == LECTERN_BLOCK_PARAGRAPH && leaf_starts_with_superscript (b))
    b->leaf.kind = LECTERN_BLOCK_FOOTNOTE;

  g_array_append_val (b->blocks, b->leaf);
}

static void
builder_ensure_leaf (Builder *b)
{
  if (!b->in_leaf)
    builder_begin_leaf (b, LECTERN_BLOCK_PARAGRAPH, 0);
}

static int
compare_runs (gconstpointer a,
              gconstpointer b)
{
  const LecternStyleRun *ra = a;
  const LecternStyleRun *rb = b;

  if (ra->start != rb->start)
    return ra->start < rb->start ? -1 : 1;
  if (ra->end != rb->end)
    return ra->end > rb->end ? -1 : 1;
  return 0;
}

static LecternDocument *
builder_finish (Builder               *b,
                const char            *uri,
                const char            *title,
                LecternDocumentFormat  format)
{
  LecternDocument *document;
  gsize n_bytes;

  builder_end_leaf (b);

  /* Spans are recorded when they close, so inner ones come first:
   * put them in start order (outer before inner on ties). */
  g_array_sort (b->runs, compare_runs);

  n_bytes = b->text->len;
  document = _lectern_document_new (uri, title, format,
                                    g_string_free (g_steal_pointer (&b->text), FALSE),
                                    n_bytes, b->length,
                                    g_steal_pointer (&b->blocks),
                                    g_steal_pointer (&b->runs),
                                    g_steal_pointer (&b->strings));
  builder_clear (b);

  return document;
}

/* Markdown --------------------------------------------------------------- */

static void
builder_open_span (Builder      *b,
                   LecternStyle  style,
                   const char   *href)
{
  OpenSpan span = { style, b->length, href };

  builder_ensure_leaf (b);
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
          builder_add_run (b, style, span->start, b->length, span->href);
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
      builder_end_leaf (b);
      b->quote_depth++;
      break;

    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      {
        ListLevel level = { type == MD_BLOCK_OL, 1 };

        if (type == MD_BLOCK_OL)
          level.next_number = ((MD_BLOCK_OL_DETAIL *)detail)->start;
        /* An item that opens with a nested list ("1. 2. x") has had no
         * text to carry its marker yet: give the marker its own line. */
        if (b->in_item > 0 && b->item_marker_pending)
          builder_begin_leaf (b, LECTERN_BLOCK_PARAGRAPH, 0);
        builder_end_leaf (b);
        g_array_append_val (b->lists, level);
      }
      break;

    case MD_BLOCK_LI:
      {
        MD_BLOCK_LI_DETAIL *li = detail;
        ListLevel *list = &g_array_index (b->lists, ListLevel, b->lists->len - 1);

        builder_end_leaf (b);
        b->in_item++;
        b->item_marker_pending = TRUE;
        b->item_is_task = li->is_task;
        b->item_task_done = li->is_task && (li->task_mark == 'x' || li->task_mark == 'X');
        list->next_number++;
      }
      break;

    case MD_BLOCK_HR:
      builder_begin_leaf (b, LECTERN_BLOCK_RULE, 0);
      builder_append (b, "\u2042", strlen ("\u2042"));
      builder_end_leaf (b);
      break;

    case MD_BLOCK_H:
      builder_begin_leaf (b, LECTERN_BLOCK_HEADING, ((MD_BLOCK_H_DETAIL *)detail)->level);
      break;

    case MD_BLOCK_CODE:
      builder_begin_leaf (b, LECTERN_BLOCK_CODE, 0);
      break;

    case MD_BLOCK_HTML:
    case MD_BLOCK_P:
      builder_begin_leaf (b, LECTERN_BLOCK_PARAGRAPH, 0);
      break;

    case MD_BLOCK_TR:
      builder_begin_leaf (b, LECTERN_BLOCK_PARAGRAPH, 0);
      b->table_cell = 0;
      break;

    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      if (b->table_cell++ > 0)
        builder_append (b, "\t", 1);
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
      builder_end_leaf (b);
      b->quote_depth--;
      break;

    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      builder_end_leaf (b);
      g_array_set_size (b->lists, b->lists->len - 1);
      break;

    case MD_BLOCK_LI:
      builder_end_leaf (b);
      b->in_item--;
      b->item_marker_pending = FALSE;
      break;

    case MD_BLOCK_H:
      if (b->in_leaf)
        {
          builder_trim_trailing_space (b);
          remember_heading (b);
        }
      builder_end_leaf (b);
      break;

    case MD_BLOCK_HTML:
    case MD_BLOCK_P:
    case MD_BLOCK_CODE:
    case MD_BLOCK_TR:
      builder_end_leaf (b);
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
      builder_ensure_leaf (b);
      builder_append (b, "\n", 1);
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

  builder_ensure_leaf (b);

  switch (type)
    {
    case MD_TEXT_NULLCHAR:
      builder_append (b, "\uFFFD", strlen ("\uFFFD"));
      break;

    case MD_TEXT_BR:
      builder_append (b, "\n", 1);
      break;

    case MD_TEXT_SOFTBR:
      builder_append (b, " ", 1);
      break;

    case MD_TEXT_ENTITY:
      {
        g_autoptr(GString) decoded = g_string_new (NULL);

        if (decode_entity (text, size, decoded))
          builder_append (b, decoded->str, decoded->len);
        else
          builder_append (b, text, size);
      }
      break;

    case MD_TEXT_NORMAL:
    case MD_TEXT_CODE:
    case MD_TEXT_LATEXMATH:
    case MD_TEXT_HTML:
    default:
      builder_append (b, text, size);
      break;
    }

  return 0;
}

/* The display name of a local file is its whole path: the title is
 * only the file's name, without its extension. */
static char *
title_from_name (const char *display_name)
{
  g_autofree char *name = g_path_get_basename (display_name);
  const char *dot = strrchr (name, '.');

  if (dot != NULL && dot != name)
    return g_strndup (name, dot - name);

  return g_steal_pointer (&name);
}

static LecternDocument *
parse_markdown (const char *data,
                gsize       len,
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

  builder_init (&b, len);
  md_parse (data, (MD_SIZE)len, &parser, &b);

  /* Close what unbalanced inline HTML left open, at the end of the text. */
  builder_end_leaf (&b);
  while (b.spans->len > 0)
    {
      OpenSpan *span = &g_array_index (b.spans, OpenSpan, b.spans->len - 1);

      builder_close_span (&b, span->style);
    }

  if (b.first_heading != NULL && *b.first_heading != 0)
    title = g_strdup (b.first_heading);
  else
    title = title_from_name (display_name);

  return builder_finish (&b, uri, title, LECTERN_DOCUMENT_FORMAT_MARKDOWN);
}

/* Plain text ------------------------------------------------------------- */

static gboolean
line_is_blank (const char *line,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (line[i]))
      return FALSE;

  return TRUE;
}

/* Paragraphs are split on blank lines; the lines of one paragraph are
 * joined with a space, since plain text is often wrapped by hand. */
static LecternDocument *
parse_plain (const char *data,
             gsize       len,
             const char *uri,
             const char *display_name)
{
  g_autofree char *title = NULL;
  const char *p = data;
  const char *end = data + len;
  Builder b;

  builder_init (&b, len);

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;
      const char *s = p;
      const char *e = line_end;

      while (s < e && (*s == ' ' || *s == '\t'))
        s++;
      while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        e--;

      if (line_is_blank (s, e - s))
        builder_end_leaf (&b);
      else
        {
          if (b.in_leaf)
            builder_append (&b, " ", 1);
          else
            builder_begin_leaf (&b, LECTERN_BLOCK_PARAGRAPH, 0);
          builder_append (&b, s, e - s);
        }

      p = line_end + 1;
    }
  builder_end_leaf (&b);

  /* A short first paragraph reads as the title. */
  if (b.blocks->len > 1)
    {
      const LecternBlock *first = &g_array_index (b.blocks, LecternBlock, 0);
      const char *nl = memchr (b.text->str, '\n', b.text->len);
      gsize first_bytes = nl != NULL ? (gsize)(nl - b.text->str) : b.text->len;

      if (first->end - first->start <= 80)
        {
          title = g_strndup (b.text->str, first_bytes);
          g_array_index (b.blocks, LecternBlock, 0).kind = LECTERN_BLOCK_HEADING;
          g_array_index (b.blocks, LecternBlock, 0).level = 1;
        }
    }
  if (title == NULL)
    title = title_from_name (display_name);

  return builder_finish (&b, uri, title, LECTERN_DOCUMENT_FORMAT_PLAIN);
}

/* Loading ---------------------------------------------------------------- */

/* Drops a UTF-8 byte order mark and turns CRLF and lone CR into LF. */
static char *
normalize_newlines (const char *data,
                    gsize       len,
                    gsize      *out_len)
{
  char *out;
  gsize j = 0;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  out = g_malloc (len + 1);
  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == '\r')
        {
          out[j++] = '\n';
          if (i + 1 < len && data[i + 1] == '\n')
            i++;
        }
      else
        out[j++] = data[i];
    }
  out[j] = 0;
  *out_len = j;

  return out;
}

LecternDocumentFormat
lectern_document_format_for_name (const char *name)
{
  static const char * const suffixes[] = { ".md", ".markdown", ".mdown", ".mkd", ".mkdn" };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (name != NULL, LECTERN_DOCUMENT_FORMAT_PLAIN);

  lower = g_ascii_strdown (name, -1);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return LECTERN_DOCUMENT_FORMAT_MARKDOWN;

  return LECTERN_DOCUMENT_FORMAT_PLAIN;
}

/**
 * lectern_document_loader_load_bytes:
 * @self: a #LecternDocumentLoader
 * @bytes: the file's contents
 * @uri: the URI the document is known by
 * @display_name: the name to show in messages (and the title's fallback)
 * @format: how to read the contents
 * @error: a location for a #GError
 *
 * Builds a document from contents already in memory. Empty contents
 * give an empty document, not an error.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
LecternDocument *
lectern_document_loader_load_bytes (LecternDocumentLoader  *self,
                                    GBytes                 *bytes,
                                    const char             *uri,
                                    const char             *display_name,
                                    LecternDocumentFormat   format,
                                    GError                **error)
{
  g_autofree char *normalized = NULL;
  const char *data;
  const char *bad;
  gsize len;
  gsize normalized_len;

  g_return_val_if_fail (LECTERN_IS_DOCUMENT_LOADER (self), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);

  if (len > self->max_size)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (self->max_size);

      g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_TOO_LARGE,
                   _("“%s” is too large to open (%s; the limit is %s)."),
                   display_name, size, limit);
      return NULL;
    }

  if (len > 0 && memchr (data, 0, len) != NULL)
    {
      g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_BINARY,
                   _("“%s” is not a text file: it contains binary data. "
                     "Lectern opens plain text and Markdown files."),
                   display_name);
      return NULL;
    }

  if (len > 0 && !g_utf8_validate_len (data, len, &bad))
    {
      g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_NOT_UTF8,
                   _("“%s” is not UTF-8 text (the first invalid byte is at position %llu). "
                     "Save it as UTF-8 and open it again."),
                   display_name, (unsigned long long) (bad - data));
      return NULL;
    }

  normalized = normalize_newlines (data, len, &normalized_len);

  if (format == LECTERN_DOCUMENT_FORMAT_MARKDOWN)
    return parse_markdown (normalized, normalized_len, uri, display_name);

  return parse_plain (normalized, normalized_len, uri, display_name);
}

static void
set_io_error (GError     **error,
              const GError *io_error,
              const char  *display_name)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_UNREADABLE,
                 _("“%s” could not be found. It may have been moved or deleted."),
                 display_name);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_UNREADABLE,
                 _("You do not have permission to read “%s”."),
                 display_name);
  else
    g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_UNREADABLE,
                 _("“%s” could not be read: %s"),
                 display_name, io_error->message);
}

static char *
dup_display_name (GFile *file)
{
  if (g_file_has_uri_scheme (file, "resource"))
    return g_file_get_basename (file);

  return g_file_get_parse_name (file);
}

/**
 * lectern_document_loader_load_file:
 * @self: a #LecternDocumentLoader
 * @file: a file (any GIO URI, including resource://)
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Reads and builds a document, choosing Markdown by the file name.
 * Blocks: call it from a thread, or use the async variant.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
LecternDocument *
lectern_document_loader_load_file (LecternDocumentLoader  *self,
                                   GFile                  *file,
                                   GCancellable           *cancellable,
                                   GError                **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) io_error = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (LECTERN_IS_DOCUMENT_LOADER (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  display_name = dup_display_name (file);
  basename = g_file_get_basename (file);
  uri = g_file_get_uri (file);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &io_error);
  if (info == NULL)
    {
      set_io_error (error, io_error, display_name);
      return NULL;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_NOT_REGULAR,
                   g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY
                     ? _("“%s” is a folder. Choose a text or Markdown file inside it.")
                     : _("“%s” is not a regular file."),
                   display_name);
      return NULL;
    }

  if ((guint64)g_file_info_get_size (info) > self->max_size)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (self->max_size);

      g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_TOO_LARGE,
                   _("“%s” is too large to open (%s; the limit is %s)."),
                   display_name, size, limit);
      return NULL;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, &io_error);
  if (bytes == NULL)
    {
      set_io_error (error, io_error, display_name);
      return NULL;
    }

  return lectern_document_loader_load_bytes (self, bytes, uri, display_name,
                                             lectern_document_format_for_name (basename),
                                             error);
}

static void
load_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  LecternDocumentLoader *self = source_object;
  GFile *file = task_data;
  GError *error = NULL;
  LecternDocument *document;

  document = lectern_document_loader_load_file (self, file, cancellable, &error);
  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

/**
 * lectern_document_loader_load_file_async:
 * @self: a #LecternDocumentLoader
 * @file: a file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the document is built
 * @user_data: data for @callback
 *
 * Reads and builds a document in a worker thread.
 */
void
lectern_document_loader_load_file_async (LecternDocumentLoader *self,
                                         GFile                 *file,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LECTERN_IS_DOCUMENT_LOADER (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lectern_document_loader_load_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_file_thread);
}

/**
 * lectern_document_loader_load_file_finish:
 * @self: a #LecternDocumentLoader
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
LecternDocument *
lectern_document_loader_load_file_finish (LecternDocumentLoader  *self,
                                          GAsyncResult           *result,
                                          GError                **error)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* GObject ---------------------------------------------------------------- */

gsize
lectern_document_loader_get_max_size (LecternDocumentLoader *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_LOADER (self), 0);

  return self->max_size;
}

/**
 * lectern_document_loader_set_max_size:
 * @self: a #LecternDocumentLoader
 * @max_size: the largest file, in bytes, the loader accepts
 */
void
lectern_document_loader_set_max_size (LecternDocumentLoader *self,
                                      gsize                  max_size)
{
  g_return_if_fail (LECTERN_IS_DOCUMENT_LOADER (self));

  if (self->max_size == max_size)
    return;

  self->max_size = max_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_SIZE]);
}

static void
lectern_document_loader_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  LecternDocumentLoader *self = LECTERN_DOCUMENT_LOADER (object);

  switch (prop_id)
    {
    case PROP_MAX_SIZE:
      g_value_set_uint64 (value, self->max_size);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_document_loader_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  LecternDocumentLoader *self = LECTERN_DOCUMENT_LOADER (object);

  switch (prop_id)
    {
    case PROP_MAX_SIZE:
      lectern_document_loader_set_max_size (self, g_value_get_uint64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_document_loader_class_init (LecternDocumentLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = lectern_document_loader_get_property;
  object_class->set_property = lectern_document_loader_set_property;

  properties[PROP_MAX_SIZE] =
    g_param_spec_uint64 ("max-size", NULL, NULL,
                         0, G_MAXUINT32, LECTERN_DOCUMENT_DEFAULT_MAX_SIZE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lectern_document_loader_init (LecternDocumentLoader *self)
{
  self->max_size = LECTERN_DOCUMENT_DEFAULT_MAX_SIZE;
}

/**
 * lectern_document_loader_new:
 *
 * Returns: (transfer full): a loader with the default size limit
 */
LecternDocumentLoader *
lectern_document_loader_new (void)
{
  return g_object_new (LECTERN_TYPE_DOCUMENT_LOADER, NULL);
}
