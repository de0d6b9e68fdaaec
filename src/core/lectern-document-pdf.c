/* lectern-document-pdf.c: a PDF's text layer rebuilt into paragraphs
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* poppler gives each page's text in reading order (it orders columns
 * itself), one glyph box per character. Here the characters become
 * lines with a box, a font size and a page; lines that repeat at the
 * same place on many pages (running headers and footers) and lone page
 * numbers in the margins are dropped; the rest are joined into blocks
 * by their spacing, size and font, undoing hyphenation at line ends. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>

#include "lectern-document-builder.h"

/* Lines in the top or bottom tenth of a page may be running furniture. */
#define MARGIN_SHARE 0.1

typedef struct
{
  GString  *text;
  double    x0, y0, x1, y1;
  double    size;
  gboolean  mono;
  guint     page;
  gboolean  drop;

  /* While the line is read: its characters, and those in a monospace
   * font; the size of the longest run of one font. */
  guint     n_chars;
  guint     n_mono;
  double    last_x2;
  guint     run_chars;
  guint     best_run;
  double    run_size;

  /* Reading order on a page with two columns. */
  guint     band;
  int       column;
} PdfLine;

typedef struct
{
  GArray *lines;          /* PdfLine */
  guint   n_pages;
  double  body_size;
  double  body_pitch;
  GArray *heading_sizes;  /* double, largest first */
} PdfText;

static void
pdf_line_clear (gpointer data)
{
  PdfLine *line = data;

  if (line->text != NULL)
    g_string_free (line->text, TRUE);
}

/* Lines of one page --------------------------------------------------------- */

static gboolean
font_is_mono (const char *font_name)
{
  g_autofree char *lower = NULL;

  if (font_name == NULL)
    return FALSE;
  lower = g_ascii_strdown (font_name, -1);

  return strstr (lower, "mono") != NULL || strstr (lower, "courier") != NULL
         || strstr (lower, "code") != NULL || strstr (lower, "typewriter") != NULL;
}

static void
line_add_char (PdfLine                *line,
               gunichar                ch,
               const PopplerRectangle *rect)
{
  /* A box of a space may span the gap to the next word: it counts for
   * nothing but the text. */
  if (rect != NULL && !g_unichar_isspace (ch))
    {
      /* Words set apart by position alone ("1.1.2" and "The shell
       * prompt" in a table of contents) get the space they lack. */
      if (line->x1 >= line->x0 && line->text->len > 0
          && line->text->str[line->text->len - 1] != ' '
          && rect->x1 - line->last_x2 > 0.25 * MAX (line->size, 4))
        g_string_append_c (line->text, ' ');
      line->last_x2 = rect->x2;

      if (line->x1 < line->x0)
        {
          line->x0 = rect->x1;
          line->y0 = rect->y1;
          line->x1 = rect->x2;
          line->y1 = rect->y2;
        }
      else
        {
          line->x0 = MIN (line->x0, rect->x1);
          line->y0 = MIN (line->y0, rect->y1);
          line->x1 = MAX (line->x1, rect->x2);
          line->y1 = MAX (line->y1, rect->y2);
        }
    }
  g_string_append_unichar (line->text, ch);
}

static void
line_reset (PdfLine *line,
            guint    page)
{
  memset (line, 0, sizeof *line);
  line->text = g_string_new (NULL);
  line->page = page;
  line->x0 = 1;
  line->x1 = 0;
}

/* Keeps a line with visible text; frees an empty one. */
static void
line_finish (PdfLine *line,
             GArray  *lines)
{
  g_strstrip (line->text->str);
  line->text->len = strlen (line->text->str);

  if (line->text->len > 0 && line->x1 >= line->x0)
    g_array_append_val (lines, *line);
  else
    pdf_line_clear (line);
}

/* A line takes the size of its longest run of one font, and is code
 * when nearly all its characters are in a monospace font: an inline
 * "Left-Alt-key" at the start of a line changes neither. */
static void
line_count_font (PdfLine                     *line,
                 const PopplerTextAttributes *attr,
                 gboolean                     run_starts)
{
  if (run_starts || line->n_chars == 0)
    line->run_chars = 0;
  line->n_chars++;
  line->run_chars++;
  if (font_is_mono (attr->font_name))
    line->n_mono++;
  if (line->run_chars > line->best_run)
    {
      line->best_run = line->run_chars;
      line->run_size = attr->font_size;
    }
  line->size = line->run_size;
  line->mono = line->n_mono * 20 >= line->n_chars * 19;
}

static PopplerTextAttributes *
attributes_at (GList **cursor,
               guint   index)
{
  while (*cursor != NULL && ((PopplerTextAttributes *)(*cursor)->data)->end_index < (int)index)
    *cursor = (*cursor)->next;

  return *cursor != NULL ? (*cursor)->data : NULL;
}

/* poppler may join lines of two columns that share a baseline into one
 * ("…support.Highlights…"): a wide gap or a step back ends a line. */
static gboolean
breaks_line (const PdfLine          *line,
             gunichar                ch,
             const PopplerRectangle *rect)
{
  double size = MAX (line->size, 4);

  if (rect == NULL || line->x1 < line->x0 || g_unichar_isspace (ch))
    return FALSE;

  return rect->x1 > line->x1 + 2.5 * size || rect->x2 < line->x1 - 2 * size;
}

static void
read_page_lines (PopplerPage *page,
                 guint        page_number,
                 GArray      *lines)
{
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  GList *attributes = poppler_page_get_text_attributes (page);
  GList *cursor = attributes;
  guint n_rects = 0;
  guint index = 0;
  PdfLine line;

  if (text == NULL)
    return;
  poppler_page_get_text_layout (page, &rects, &n_rects);

  line_reset (&line, page_number);
  for (const char *p = text; *p != 0; p = g_utf8_next_char (p), index++)
    {
      gunichar ch = g_utf8_get_char (p);
      const PopplerRectangle *rect = index < n_rects ? &rects[index] : NULL;
      PopplerTextAttributes *attr;

      if (ch == '\n' || breaks_line (&line, ch, rect))
        {
          line_finish (&line, lines);
          line_reset (&line, page_number);
          if (ch == '\n')
            continue;
        }
      attr = attributes_at (&cursor, index);
      if (attr != NULL)
        line_count_font (&line, attr, index == (guint)attr->start_index);
      line_add_char (&line, ch, rect);
    }
  line_finish (&line, lines);

  poppler_page_free_text_attributes (attributes);
}

/* Two columns ------------------------------------------------------------ */

/* An x in the middle of the page that few lines cross, with many lines
 * wholly on each side of it; -1 on a page of one column. A page of
 * prose has most lines crossing every such x. */
static double
find_gutter (const PdfLine *lines,
             guint          n,
             double         width)
{
  guint best_crossing = G_MAXUINT;
  double best = -1;

  for (double x = width * 0.3; x <= width * 0.7; x += 2)
    {
      guint left = 0, right = 0, crossing = 0;

      for (guint i = 0; i < n; i++)
        {
          if (lines[i].x1 < x)
            left++;
          else if (lines[i].x0 > x)
            right++;
          else
            crossing++;
        }
      if (left >= 3 && right >= 3 && left * 4 >= n && right * 4 >= n
          && crossing * 5 <= n && crossing < best_crossing)
        {
          best = x;
          best_crossing = crossing;
        }
    }

  return best;
}

static int
compare_reading_order (gconstpointer a,
                       gconstpointer b)
{
  const PdfLine *la = a;
  const PdfLine *lb = b;

  if (la->band != lb->band)
    return la->band < lb->band ? -1 : 1;
  if (la->column != lb->column)
    return la->column < lb->column ? -1 : 1;
  if (la->y0 != lb->y0)
    return la->y0 < lb->y0 ? -1 : 1;
  return la->x0 < lb->x0 ? -1 : la->x0 > lb->x0;
}

/* Lines that cross the gutter (a heading over both columns) cut the page
 * into bands; each band is read left column, then right column. */
static void
order_columns (GArray *lines,
               guint   first,
               double  width)
{
  PdfLine *page;
  guint n = lines->len - first;
  double gutter;

  /* Two columns need three lines each; an empty array has no data. */
  if (n < 6)
    return;
  page = &g_array_index (lines, PdfLine, first);
  gutter = find_gutter (page, n, width);
  if (gutter < 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      gboolean spans = page[i].x0 <= gutter && page[i].x1 >= gutter;

      page[i].column = spans ? -1 : page[i].x1 < gutter ? 0 : 1;
      page[i].band = spans ? 1 : 0;
      for (guint j = 0; j < n; j++)
        if (page[j].x0 <= gutter && page[j].x1 >= gutter && page[j].y0 < page[i].y0)
          page[i].band++;
    }
  qsort (page, n, sizeof (PdfLine), compare_reading_order);
}

/* poppler gives a numbered heading's number and its words as two lines
 * on one baseline, sometimes with the page number between them: they
 * are one line. The second is marked dropped. */
static void
merge_same_baseline (GArray *lines)
{
  PdfLine *prev = NULL;

  for (guint i = 0; i < lines->len; i++)
    {
      PdfLine *line = &g_array_index (lines, PdfLine, i);

      if (line->drop)
        continue;
      if (prev != NULL && prev->page == line->page
          && fabs (prev->y0 - line->y0) < 0.3 * MAX (line->size, 1)
          && fabs (prev->size - line->size) < 0.5 && prev->mono == line->mono
          && line->x0 > prev->x1 && line->x0 - prev->x1 < 4 * MAX (line->size, 1))
        {
          g_string_append_c (prev->text, ' ');
          g_string_append (prev->text, line->text->str);
          prev->x1 = line->x1;
          prev->y1 = MAX (prev->y1, line->y1);
          line->drop = TRUE;
          continue;
        }
      prev = line;
    }
}

/* Running headers and footers ---------------------------------------------- */

static gboolean
in_margin (const PdfLine *line,
           double         page_height)
{
  return line->y1 < page_height * MARGIN_SHARE || line->y0 > page_height * (1 - MARGIN_SHARE);
}

/* "12", "- 12 -", "Page 12", "12 / 233", "xii": nothing but a page number. */
static GRegex *
page_number_regex (void)
{
  return g_regex_new ("^(page\\s+)?[-–—\\s]*([0-9]+|[ivxlc]+)[-–—\\s]*((/|of)\\s*[0-9]+)?$",
                      G_REGEX_CASELESS, 0, NULL);
}

/* Where a line is and what it says, with numbers made alike, so that
 * "3 / 233" and "4 / 233" at one place are the same furniture. */
static char *
furniture_key (const PdfLine *line)
{
  g_autoptr(GString) key = g_string_new (NULL);

  g_string_printf (key, "%d:", (int)round (line->y0 / 3));
  for (const char *p = line->text->str; *p != 0; p++)
    g_string_append_c (key, g_ascii_isdigit (*p) ? '#' : *p);

  return g_string_free (g_steal_pointer (&key), FALSE);
}

static void
drop_furniture (GArray *lines,
                guint   n_pages,
                double *page_heights)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRegex) page_number = page_number_regex ();
  /* Three pages alike make furniture; a short document needs all of them. */
  guint threshold = n_pages >= 4 ? 3 : MAX (n_pages, 2);

  for (guint i = 0; i < lines->len; i++)
    {
      PdfLine *line = &g_array_index (lines, PdfLine, i);
      char *key;

      if (!in_margin (line, page_heights[line->page - 1]))
        continue;
      key = furniture_key (line);
      g_hash_table_insert (counts, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
    }

  for (guint i = 0; i < lines->len; i++)
    {
      PdfLine *line = &g_array_index (lines, PdfLine, i);
      g_autofree char *key = NULL;

      if (!in_margin (line, page_heights[line->page - 1]))
        continue;
      key = furniture_key (line);
      line->drop = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) >= threshold
                   || g_regex_match (page_number, line->text->str, 0, NULL);
    }
}

/* Measures ------------------------------------------------------------------- */

static double
rounded (double value)
{
  return round (value * 2) / 2;
}

/* Measures are counted in half points: a tally maps a measure to its weight. */
static void
tally_add (GHashTable *tally,
           double      value,
           guint       weight)
{
  gpointer key = GINT_TO_POINTER ((int)(rounded (value) * 2));

  g_hash_table_insert (tally, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (tally, key)) + weight));
}

/* The heaviest measure; on a tie the smaller, so the answer does not
 * depend on the hash table's order. */
static double
tally_mode (GHashTable *tally,
            double      fallback)
{
  guint best_weight = 0;
  int best = 0;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, tally);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) > best_weight
        || (GPOINTER_TO_UINT (value) == best_weight && GPOINTER_TO_INT (key) < best))
      {
        best_weight = GPOINTER_TO_UINT (value);
        best = GPOINTER_TO_INT (key);
      }

  return best_weight > 0 ? best / 2.0 : fallback;
}

/* The font size most characters are set in. */
static double
find_body_size (GArray *lines)
{
  g_autoptr(GHashTable) tally = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < lines->len; i++)
    {
      const PdfLine *line = &g_array_index (lines, PdfLine, i);

      if (!line->drop && !line->mono)
        tally_add (tally, line->size, line->text->len);
    }

  return tally_mode (tally, 10);
}

/* The distance between the baselines of two lines of one paragraph:
 * the most common step between body lines that follow each other. */
static double
find_body_pitch (GArray *lines,
                 double  body_size)
{
  g_autoptr(GHashTable) tally = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 1; i < lines->len; i++)
    {
      const PdfLine *a = &g_array_index (lines, PdfLine, i - 1);
      const PdfLine *b = &g_array_index (lines, PdfLine, i);
      double step = b->y0 - a->y0;

      if (a->page != b->page || a->drop || b->drop || a->mono || b->mono
          || fabs (a->size - body_size) > 0.5 || fabs (b->size - body_size) > 0.5
          || step <= 0 || step > body_size * 6)
        continue;
      tally_add (tally, step, 1);
    }

  return tally_mode (tally, body_size * 1.2);
}

static gboolean
is_heading_size (const PdfText *pdf,
                 double         size)
{
  return size > pdf->body_size * 1.15;
}

static int
compare_desc (gconstpointer a,
              gconstpointer b)
{
  double da = *(const double *)a;
  double db = *(const double *)b;

  return da < db ? 1 : da > db ? -1 : 0;
}

static void
find_heading_sizes (PdfText *pdf)
{
  pdf->heading_sizes = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < pdf->lines->len; i++)
    {
      const PdfLine *line = &g_array_index (pdf->lines, PdfLine, i);
      double size = rounded (line->size);
      gboolean known = FALSE;

      if (line->drop || line->mono || !is_heading_size (pdf, size))
        continue;
      for (guint j = 0; j < pdf->heading_sizes->len && !known; j++)
        known = g_array_index (pdf->heading_sizes, double, j) == size;
      if (!known)
        g_array_append_val (pdf->heading_sizes, size);
    }
  g_array_sort (pdf->heading_sizes, compare_desc);
}

static guint
heading_level (const PdfText *pdf,
               double         size)
{
  for (guint i = 0; i < pdf->heading_sizes->len; i++)
    if (g_array_index (pdf->heading_sizes, double, i) == rounded (size))
      return MIN (i + 1, 6);

  return 6;
}

/* Blocks ---------------------------------------------------------------------- */

static gboolean
starts_with_bullet (const char *text)
{
  static const char * const bullets[] = { "•", "◦", "▪", "‣", "–", "—", "* ", "- " };

  for (guint i = 0; i < G_N_ELEMENTS (bullets); i++)
    if (g_str_has_prefix (text, bullets[i]))
      return TRUE;

  return FALSE;
}

static LecternBlockKind
line_kind (const PdfText *pdf,
           const PdfLine *line,
           guint         *level)
{
  *level = 0;
  if (line->mono)
    return LECTERN_BLOCK_CODE;
  if (is_heading_size (pdf, line->size) && line->text->len < 200)
    {
      *level = heading_level (pdf, line->size);
      return LECTERN_BLOCK_HEADING;
    }
  if (starts_with_bullet (line->text->str))
    {
      *level = g_str_has_prefix (line->text->str, "•") ? 1 : 2;
      return LECTERN_BLOCK_LIST_ITEM;
    }

  return LECTERN_BLOCK_PARAGRAPH;
}

static gunichar
last_char (const GString *text)
{
  const char *last = g_utf8_find_prev_char (text->str, text->str + text->len);

  return last != NULL ? g_utf8_get_char (last) : 0;
}

static gboolean
ends_sentence (const PdfLine *line)
{
  return strchr (".!?:", (int)last_char (line->text)) != NULL && last_char (line->text) != 0;
}

/* Whether line @b goes on the paragraph that line @a ended. @right is
 * the right edge of the block's widest line, @n_lines how many it has. */
static gboolean
continues_paragraph (const PdfText *pdf,
                     const PdfLine *a,
                     const PdfLine *b,
                     double         right,
                     guint          n_lines)
{
  gunichar first = g_utf8_get_char (b->text->str);
  double scale = MAX (b->size, 1) / MAX (pdf->body_size, 1);
  double width = MAX (b->x1, right) - b->x0;

  if (fabs (a->size - b->size) > 0.5)
    return FALSE;

  /* A lone short line without a full stop is a label ("Note"). */
  if (n_lines == 1 && !ends_sentence (a) && a->x1 - a->x0 < 0.3 * (b->x1 - b->x0))
    return FALSE;

  /* A sentence that ends well short of the right edge ends its paragraph. */
  if (n_lines > 1 && ends_sentence (a) && a->x1 < right - 0.15 * width)
    return FALSE;

  /* Down the same column: a paragraph goes on at the usual line step,
   * unless the new line is indented like a first line. */
  if (a->page == b->page && b->y0 > a->y0)
    return b->y0 - a->y0 <= pdf->body_pitch * scale * 1.3
           && b->x0 < a->x0 + 1.5 * b->size;

  /* Over a page or up into the next column: only a sentence cut short
   * goes on. */
  return !ends_sentence (a) && (g_unichar_islower (first) || last_char (a->text) == '-');
}

/* Joins a line onto the block being built: "hyphen-" + "ated" is
 * "hyphenated" when the word goes on in lower case. */
static void
append_line (Builder       *b,
             const PdfLine *line,
             const char    *separator)
{
  if (b->text->len > 0 && b->length > b->leaf.start)
    {
      gsize len = b->text->len;
      gboolean hyphen = *separator == ' ' && len >= 2 && b->text->str[len - 1] == '-'
                        && g_ascii_isalpha (b->text->str[len - 2])
                        && g_unichar_islower (g_utf8_get_char (line->text->str));

      if (hyphen)
        {
          g_string_truncate (b->text, len - 1);
          b->length--;
        }
      else
        _lectern_builder_append (b, separator, strlen (separator));
    }
  _lectern_builder_append (b, line->text->str, line->text->len);
}

static void
begin_block (Builder          *b,
             const PdfLine    *line,
             LecternBlockKind  kind,
             guint             level)
{
  b->page = line->page;
  _lectern_builder_begin_leaf (b, kind, level);
  if (kind == LECTERN_BLOCK_LIST_ITEM)
    {
      const char *space = strchr (line->text->str, ' ');
      guint marker = space != NULL ? g_utf8_strlen (line->text->str, space - line->text->str) + 1 : 1;

      _lectern_builder_add_run (b, LECTERN_STYLE_LIST_MARKER, b->length, b->length + marker, NULL);
    }
}

/* Whether @line goes on the block that @prev ended. */
static gboolean
goes_on (const PdfText    *pdf,
         const PdfLine    *prev,
         LecternBlockKind  prev_kind,
         const PdfLine    *line,
         LecternBlockKind  kind,
         double            right,
         guint             n_lines)
{
  switch (kind)
    {
    case LECTERN_BLOCK_CODE:
      return prev_kind == LECTERN_BLOCK_CODE && line->page == prev->page;

    case LECTERN_BLOCK_HEADING:
      return prev_kind == LECTERN_BLOCK_HEADING && continues_paragraph (pdf, prev, line, right, n_lines);

    case LECTERN_BLOCK_PARAGRAPH:
      return (prev_kind == LECTERN_BLOCK_PARAGRAPH || prev_kind == LECTERN_BLOCK_LIST_ITEM)
             && continues_paragraph (pdf, prev, line, right, n_lines);

    case LECTERN_BLOCK_LIST_ITEM:
    case LECTERN_BLOCK_QUOTE:
    case LECTERN_BLOCK_RULE:
    case LECTERN_BLOCK_FOOTNOTE:
    default:
      return FALSE;
    }
}

static void
build_blocks (const PdfText *pdf,
              Builder       *b)
{
  const PdfLine *prev = NULL;
  LecternBlockKind prev_kind = LECTERN_BLOCK_PARAGRAPH;
  double right = 0;
  guint n_lines = 0;

  for (guint i = 0; i < pdf->lines->len; i++)
    {
      const PdfLine *line = &g_array_index (pdf->lines, PdfLine, i);
      LecternBlockKind kind;
      guint level;

      if (line->drop)
        continue;
      kind = line_kind (pdf, line, &level);

      if (prev != NULL && b->in_leaf && goes_on (pdf, prev, prev_kind, line, kind, right, n_lines))
        {
          gboolean new_column = line->page != prev->page || line->y0 <= prev->y0;

          append_line (b, line, kind == LECTERN_BLOCK_CODE ? "\n" : " ");
          /* Edges are measured within one column. */
          right = new_column ? line->x1 : MAX (right, line->x1);
          n_lines = new_column ? 1 : n_lines + 1;
        }
      else
        {
          begin_block (b, line, kind, level);
          append_line (b, line, " ");
          prev_kind = kind;
          right = line->x1;
          n_lines = 1;
        }
      prev = line;
    }
}

/* Loading --------------------------------------------------------------------- */

/* poppler's global state (its CMap and font caches) is not safe to use
 * from two threads at once, and it is destroyed when the process exits:
 * one PDF is read at a time, and a process that exits while a worker
 * reads one first stops it between pages and waits for it (two PDFs
 * opening together, or quitting while one opens, crashed in
 * GlobalParams::getCMap). */
static GMutex poppler_lock;
static gsize exit_handler_set;
static gint exiting;

static void
stop_reading_at_exit (void)
{
  g_atomic_int_set (&exiting, TRUE);
  /* Held until the end: nothing reads a PDF after this. */
  g_mutex_lock (&poppler_lock);
}

static gboolean
read_lines (PopplerDocument *document,
            PdfText         *pdf)
{
  g_autofree double *heights = NULL;

  pdf->n_pages = poppler_document_get_n_pages (document);
  pdf->lines = g_array_new (FALSE, FALSE, sizeof (PdfLine));
  g_array_set_clear_func (pdf->lines, pdf_line_clear);
  heights = g_new0 (double, MAX (pdf->n_pages, 1));

  for (guint i = 0; i < pdf->n_pages; i++)
    {
      /* poppler-glib 22.12 defines no autoptr cleanups. */
      PopplerPage *page = poppler_document_get_page (document, i);

      if (page == NULL)
        continue;
      if (g_atomic_int_get (&exiting))
        {
          g_object_unref (page);
          break;
        }
      guint first = pdf->lines->len;
      double width;

      poppler_page_get_size (page, &width, &heights[i]);
      read_page_lines (page, i + 1, pdf->lines);
      order_columns (pdf->lines, first, width);
      g_object_unref (page);
    }

  if (pdf->lines->len == 0)
    return FALSE;

  drop_furniture (pdf->lines, pdf->n_pages, heights);
  merge_same_baseline (pdf->lines);
  pdf->body_size = find_body_size (pdf->lines);
  pdf->body_pitch = find_body_pitch (pdf->lines, pdf->body_size);
  find_heading_sizes (pdf);

  return TRUE;
}

static void
pdf_text_clear (PdfText *pdf)
{
  g_clear_pointer (&pdf->lines, g_array_unref);
  g_clear_pointer (&pdf->heading_sizes, g_array_unref);
}

static char *
pick_title (PopplerDocument *document,
            Builder         *b,
            const char      *display_name)
{
  g_autofree char *title = poppler_document_get_title (document);

  if (title != NULL && *g_strstrip (title) != 0)
    return g_steal_pointer (&title);

  for (guint i = 0; i < b->blocks->len; i++)
    {
      const LecternBlock *block = &g_array_index (b->blocks, LecternBlock, i);

      if (block->kind == LECTERN_BLOCK_HEADING)
        {
          const char *start = g_utf8_offset_to_pointer (b->text->str, block->start);
          const char *end = g_utf8_offset_to_pointer (start, block->end - block->start);

          return g_strndup (start, end - start);
        }
    }

  return _lectern_document_title_from_name (display_name);
}

static void
set_open_error (GError       **error,
                const GError  *poppler_error,
                const char    *display_name)
{
  if (g_error_matches (poppler_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_PROTECTED,
                 _("“%s” is an encrypted PDF. Lectern cannot open encrypted PDFs; "
                   "save a copy without a password and open that."),
                 display_name);
  else
    g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_CORRUPT,
                 _("“%s” is not a PDF Lectern can read: the file is damaged or not a PDF."),
                 display_name);
}

LecternDocument *
_lectern_document_parse_pdf (GBytes      *bytes,
                             const char  *uri,
                             const char  *display_name,
                             GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GError) poppler_error = NULL;
  PopplerDocument *document;
  g_autofree char *title = NULL;
  PdfText pdf = { 0 };
  Builder b;

  if (g_once_init_enter (&exit_handler_set))
    {
      atexit (stop_reading_at_exit);
      g_once_init_leave (&exit_handler_set, 1);
    }
  locker = g_mutex_locker_new (&poppler_lock);

  document = poppler_document_new_from_bytes (bytes, NULL, &poppler_error);
  if (document == NULL)
    {
      set_open_error (error, poppler_error, display_name);
      return NULL;
    }

  if (!read_lines (document, &pdf))
    {
      pdf_text_clear (&pdf);
      g_object_unref (document);
      g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_NO_TEXT,
                   _("“%s” has no text to read: its pages are images, perhaps a scan. "
                     "Lectern reads PDFs that contain text."),
                   display_name);
      return NULL;
    }

  _lectern_builder_init (&b, 4096);
  build_blocks (&pdf, &b);
  _lectern_builder_end_leaf (&b);
  pdf_text_clear (&pdf);
  title = pick_title (document, &b, display_name);
  g_object_unref (document);

  return _lectern_builder_finish (&b, uri, title, LECTERN_DOCUMENT_FORMAT_PDF);
}
