/* lectern-document-plain.c: plain text, as people have it, into a document
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Blocks are split on blank lines. A block's lines are joined with a
 * space only when it is prose wrapped by hand; lists, contents, tables,
 * indented code and short lines (verse, addresses) keep their lines
 * and their indent. The title is the headline: when a byline or a date
 * follows the first lines, the line before it, so that a masthead
 * above ("The Korea Herald") is not taken for the title. */

#include "config.h"

#include <string.h>

#include "lectern-document-builder.h"

/* Shorter lines than this are never wrapped prose on their own. */
#define PROSE_WIDTH 40

typedef struct
{
  const char *start;   /* first character after the indent */
  const char *end;     /* after the last non-blank character */
  const char *line;    /* the line with its indent */
  guint       indent;
} Line;

static gboolean
line_is_list_item (const Line *line)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("^([-*+\u2022\u25E6o]|\\d+(\\.\\d+)*[.)]?|[a-zA-Z][.)])[ \t]",
                                            G_REGEX_OPTIMIZE, 0, NULL));

  return g_regex_match_full (regex, line->start, line->end - line->start, 0, 0, NULL, NULL);
}

/* A tab or three spaces between words: columns of a table. */
static gboolean
line_has_columns (const Line *line)
{
  for (const char *p = line->start; p < line->end; p++)
    if (*p == '\t' || (p + 3 <= line->end && memcmp (p, "   ", 3) == 0))
      return TRUE;

  return FALSE;
}

static gboolean
block_is_wrapped_prose (const Line *lines,
                        guint       n)
{
  gsize width = 0;
  guint items = 0;

  for (guint i = 0; i < n; i++)
    {
      width = MAX (width, (gsize) g_utf8_strlen (lines[i].start, lines[i].end - lines[i].start));
      items += line_is_list_item (&lines[i]);
      if (line_has_columns (&lines[i]))
        return FALSE;
      /* The first line may be indented; the others share one indent. */
      if (i > 1 && lines[i].indent != lines[1].indent)
        return FALSE;
    }
  if (items >= 2)
    return FALSE;

  /* Short lines, three or more: verse, an address, a list of names. */
  if (n >= 3 && width < PROSE_WIDTH)
    return FALSE;

  return TRUE;
}

static guint
measure_indent (const char *p,
                const char *end,
                const char **text)
{
  guint indent = 0;

  /* No-break spaces indent too: text exported from HTML has them. */
  for (; p < end; p++)
    if (*p == ' ' || *p == '\t')
      indent += *p == '\t' ? 8 - indent % 8 : 1;
    else if (p + 1 < end && (guchar)p[0] == 0xC2 && (guchar)p[1] == 0xA0)
      indent++, p++;
    else
      break;
  *text = p;

  return indent;
}

static void
emit_block (Builder    *b,
            const Line *lines,
            guint       n)
{
  /* A line on its own keeps an indent that sets it off (a command),
   * not the one of a list item ("    • Link copied"). */
  gboolean joined = n > 1 ? block_is_wrapped_prose (lines, n)
                          : lines[0].indent < 2 || line_is_list_item (&lines[0]);

  /* Wrapped prose drops its indent: whole books are set in by four. */
  _lectern_builder_begin_leaf (b, LECTERN_BLOCK_PARAGRAPH, 0);
  for (guint i = 0; i < n; i++)
    {
      const char *from = joined ? lines[i].start : lines[i].line;

      if (i > 0)
        _lectern_builder_append (b, joined ? " " : "\n", 1);
      _lectern_builder_append (b, from, lines[i].end - from);
    }
  _lectern_builder_end_leaf (b);
}

static void
split_blocks (Builder    *b,
              const char *data,
              gsize       len)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (Line));
  const char *p = data;
  const char *end = data + len;

  while (p <= end)
    {
      const char *nl = p < end ? memchr (p, '\n', end - p) : NULL;
      const char *line_end = nl != NULL ? nl : end;
      Line line = { NULL, line_end, p, 0 };

      line.indent = measure_indent (p, line_end, &line.start);
      while (line.end > line.start && g_ascii_isspace (line.end[-1]))
        line.end--;

      if (line.end > line.start)
        g_array_append_val (lines, line);
      else if (lines->len > 0)
        {
          emit_block (b, (Line *) lines->data, lines->len);
          g_array_set_size (lines, 0);
        }
      p = line_end + 1;
    }
  if (lines->len > 0)
    emit_block (b, (Line *) lines->data, lines->len);
}

/* Lines at the top of a news page that are not the headline. */
static gboolean
is_byline (const char *text)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new (
      "^(by |written by |published|updated|posted|\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}|"
      "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.? \\d{1,2},? \\d{4})",
      G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));

  return g_utf8_strlen (text, -1) <= 80 && g_regex_match (regex, text, 0, NULL);
}

static char *
block_text (Builder *b,
            guint    index)
{
  const LecternBlock *block = &g_array_index (b->blocks, LecternBlock, index);
  const char *start = g_utf8_offset_to_pointer (b->text->str, block->start);

  return g_strndup (start, g_utf8_offset_to_pointer (start, block->end - block->start) - start);
}

/* The headline: the short block before the first byline or date among
 * the first few, else a short first block followed by more text. */
static gint
find_headline (Builder *b)
{
  guint n = b->blocks->len;

  for (guint i = 1; i < MIN (n, 6); i++)
    {
      g_autofree char *text = block_text (b, i);
      g_autofree char *before = NULL;

      if (!is_byline (text))
        continue;
      before = block_text (b, i - 1);
      if (g_utf8_strlen (before, -1) <= 150 && strchr (before, '\n') == NULL)
        return i - 1;
      break;
    }

  if (n > 1)
    {
      const LecternBlock *first = &g_array_index (b->blocks, LecternBlock, 0);
      g_autofree char *text = block_text (b, 0);

      if (first->end - first->start <= 80 && strchr (text, '\n') == NULL)
        return 0;
    }

  return -1;
}

LecternDocument *
_lectern_document_parse_plain (const char *data,
                               gsize       len,
                               GArray     *dropped_crs,
                               const char *uri,
                               const char *display_name)
{
  g_autofree char *title = NULL;
  Builder b;
  gint headline;

  _lectern_builder_init (&b, len);
  _lectern_builder_set_source (&b, data, len, dropped_crs);
  split_blocks (&b, data, len);
  _lectern_builder_end_leaf (&b);

  headline = find_headline (&b);
  if (headline >= 0)
    {
      LecternBlock *block = &g_array_index (b.blocks, LecternBlock, headline);

      title = block_text (&b, headline);
      block->kind = LECTERN_BLOCK_HEADING;
      block->level = 1;
    }
  else
    title = _lectern_document_title_from_name (display_name);

  return _lectern_builder_finish (&b, uri, title, LECTERN_DOCUMENT_FORMAT_PLAIN);
}
