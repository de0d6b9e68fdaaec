/* lectern-document-builder.c: a document's text, blocks and runs, built as a parser walks its input
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lectern-document-builder.h"

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

void
_lectern_builder_init (Builder *b,
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
  g_clear_pointer (&b->source_map, g_array_unref);
  g_clear_pointer (&b->dropped_crs, g_array_unref);
}

/* @dropped_crs: (transfer full) (nullable): positions in @source where
 * the loader took out a CR, sorted, so that the map can count them. */
void
_lectern_builder_set_source (Builder    *b,
                             const char *source,
                             gsize       len,
                             GArray     *dropped_crs)
{
  b->source = source;
  b->source_len = len;
  b->source_map = g_array_new (FALSE, FALSE, sizeof (LecternSourceSpan));
  b->dropped_crs = dropped_crs;
}

/* Spans are kept with byte offsets into the source until the end. */
static void
record_source (Builder    *b,
               const char *str,
               gsize       len,
               guint       n_chars)
{
  gsize from = str - b->source;
  LecternSourceSpan *last = NULL;

  if (b->source_map->len > 0)
    last = &g_array_index (b->source_map, LecternSourceSpan, b->source_map->len - 1);

  if (last != NULL && last->start + last->length == b->length && b->source_map_end == from)
    last->length += n_chars;
  else
    {
      LecternSourceSpan span = { b->length, (guint) from, n_chars };

      g_array_append_val (b->source_map, span);
    }
  b->source_map_end = from + len;
}

void
_lectern_builder_append (Builder    *b,
                         const char *str,
                         gsize       len)
{
  guint n_chars = utf8_count (str, len);

  /* A newline that was a CRLF is two characters in the file: not 1:1. */
  if (b->source != NULL && str >= b->source && str + len <= b->source + b->source_len && len > 0 &&
      (b->dropped_crs == NULL || b->dropped_crs->len == 0 || memchr (str, '\n', len) == NULL))
    record_source (b, str, len, n_chars);
  g_string_append_len (b->text, str, len);
  b->length += n_chars;
}

void
_lectern_builder_add_run (Builder      *b,
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

  _lectern_builder_append (b, marker, strlen (marker));
  _lectern_builder_add_run (b, LECTERN_STYLE_LIST_MARKER, start, b->length, NULL);
  b->item_marker_pending = FALSE;
}

void
_lectern_builder_begin_leaf (Builder          *b,
                             LecternBlockKind  kind,
                             guint             level)
{
  if (b->in_leaf)
    _lectern_builder_end_leaf (b);

  b->leaf_bytes_before = b->text->len;
  b->leaf_length_before = b->length;

  /* Blocks are separated by exactly one newline. */
  if (b->text->len > 0)
    _lectern_builder_append (b, "\n", 1);

  b->in_leaf = TRUE;
  b->leaf_first_run = b->runs->len;
  memset (&b->leaf, 0, sizeof b->leaf);
  b->leaf.kind = kind;
  b->leaf.level = level;
  b->leaf.quote_depth = b->quote_depth;
  b->leaf.start = b->length;
  b->leaf.page = b->page;

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

/* After the text was cut back, so is the map. */
static void
clip_source_map (Builder *b)
{
  while (b->source_map != NULL && b->source_map->len > 0)
    {
      LecternSourceSpan *last = &g_array_index (b->source_map, LecternSourceSpan, b->source_map->len - 1);

      if (last->start + last->length <= b->length)
        break;
      if (last->start < b->length)
        {
          last->length = b->length - last->start;
          b->source_map_end = G_MAXSIZE;
          break;
        }
      g_array_set_size (b->source_map, b->source_map->len - 1);
    }
}

void
_lectern_builder_trim_trailing_space (Builder *b)
{
  while (b->length > b->leaf.start && b->text->len > 0)
    {
      char c = b->text->str[b->text->len - 1];

      if (c != ' ' && c != '\t' && c != '\n')
        break;
      g_string_truncate (b->text, b->text->len - 1);
      b->length--;
    }
  clip_source_map (b);
}

void
_lectern_builder_end_leaf (Builder *b)
{
  if (!b->in_leaf)
    return;

  b->in_leaf = FALSE;
  _lectern_builder_trim_trailing_space (b);

  /* An empty block would be an invisible line: drop it with its newline. */
  if (b->length == b->leaf.start && b->leaf.kind != LECTERN_BLOCK_RULE)
    {
      g_string_truncate (b->text, b->leaf_bytes_before);
      b->length = b->leaf_length_before;
      clip_source_map (b);
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

void
_lectern_builder_ensure_leaf (Builder *b)
{
  if (!b->in_leaf)
    _lectern_builder_begin_leaf (b, LECTERN_BLOCK_PARAGRAPH, 0);
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

static guint
crs_before (GArray *dropped_crs,
            gsize   pos)
{
  guint lo = 0;
  guint hi = dropped_crs != NULL ? dropped_crs->len : 0;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (dropped_crs, gsize, mid) < pos)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Turns the spans' byte offsets into characters of the file on disk. */
static GArray *
finish_source_map (Builder *b)
{
  gsize cursor_byte = 0;
  guint cursor_char = 0;

  for (guint i = 0; i < b->source_map->len; i++)
    {
      LecternSourceSpan *span = &g_array_index (b->source_map, LecternSourceSpan, i);
      gsize byte = span->source_start;

      if (byte < cursor_byte)
        cursor_byte = cursor_char = 0;
      cursor_char += utf8_count (b->source + cursor_byte, byte - cursor_byte);
      cursor_byte = byte;
      span->source_start = cursor_char + crs_before (b->dropped_crs, byte);
    }

  return g_steal_pointer (&b->source_map);
}

LecternDocument *
_lectern_builder_finish (Builder               *b,
                         const char            *uri,
                         const char            *title,
                         LecternDocumentFormat  format)
{
  LecternDocument *document;
  gsize n_bytes;

  _lectern_builder_end_leaf (b);

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
  if (b->source_map != NULL)
    _lectern_document_set_source_map (document, finish_source_map (b));
  builder_clear (b);

  return document;
}

/* The display name of a local file is its whole path: the title is
 * only the file's name, without its extension. */
char *
_lectern_document_title_from_name (const char *display_name)
{
  g_autofree char *name = g_path_get_basename (display_name);
  const char *dot = strrchr (name, '.');

  if (dot != NULL && dot != name)
    return g_strndup (name, dot - name);

  return g_steal_pointer (&name);
}

