/* lectern-export-markdown.c: highlights and passage links as Markdown
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
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lectern-export-private.h"

/* Human names of the colours, in LecternColor order. */
static const char * const color_labels[LECTERN_N_COLORS] = {
  N_("yellow"), N_("green"), N_("blue"), N_("red"), N_("purple"),
};

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
  g_autoptr(GPtrArray) groups = _lectern_export_group_highlights (self, highlights);
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
      LecternLinkSide side = _lectern_export_pair_side (pair, link);
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
  g_autoptr(GPtrArray) pairs = _lectern_export_group_links (self, links);

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

/* The highlights' section, then the links' one, each left out when its
 * array is %NULL; an empty list of links, too, beside highlights. */
char *
_lectern_export_write_markdown (LecternExport *self,
                                GPtrArray     *highlights,
                                GPtrArray     *links)
{
  GString *out = g_string_new (NULL);

  if (links != NULL && links->len == 0 && highlights != NULL)
    links = NULL;

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
