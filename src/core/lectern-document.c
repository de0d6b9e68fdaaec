/* lectern-document.c: one loaded text, immutable once built
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-document-private.h"

/* Character offsets are turned into byte pointers through checkpoints
 * every CHECKPOINT_STRIDE characters, so a lookup in a 10 MB text walks
 * at most that many characters. */
#define CHECKPOINT_STRIDE 1024

struct _LecternDocument
{
  GObject                parent_instance;

  char                  *id;
  char                  *uri;
  char                  *title;
  char                  *fingerprint;
  char                  *author;
  char                  *date;
  char                  *text;
  gsize                  n_bytes;
  guint                  length;
  LecternDocumentFormat  format;

  GArray                *blocks;
  GArray                *runs;
  GStringChunk          *strings;
  GArray                *checkpoints;
  GArray                *source_map;
};

G_DEFINE_FINAL_TYPE (LecternDocument, lectern_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_URI,
  PROP_TITLE,
  PROP_LENGTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lectern_document_finalize (GObject *object)
{
  LecternDocument *self = (LecternDocument *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->fingerprint, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->runs, g_array_unref);
  g_clear_pointer (&self->source_map, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->checkpoints, g_array_unref);

  G_OBJECT_CLASS (lectern_document_parent_class)->finalize (object);
}

static void
lectern_document_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LecternDocument *self = LECTERN_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_LENGTH:
      g_value_set_uint (value, self->length);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_document_class_init (LecternDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lectern_document_finalize;
  object_class->get_property = lectern_document_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_LENGTH] =
    g_param_spec_uint ("length", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lectern_document_init (LecternDocument *self)
{
}

static void
build_checkpoints (LecternDocument *self)
{
  const guchar *text = (const guchar *)self->text;
  gsize n_bytes = self->n_bytes;
  guint chars = 0;
  gsize zero = 0;

  self->checkpoints = g_array_sized_new (FALSE, FALSE, sizeof (gsize),
                                         self->length / CHECKPOINT_STRIDE + 1);
  g_array_append_val (self->checkpoints, zero);

  /* The text is valid UTF-8: a character starts at every byte that is not
   * a continuation byte (10xxxxxx). Counting those is a plain byte loop. */
  for (gsize i = 0; i < n_bytes; i++)
    {
      if ((text[i] & 0xC0) == 0x80)
        continue;

      if (chars > 0 && chars % CHECKPOINT_STRIDE == 0)
        g_array_append_val (self->checkpoints, i);
      chars++;
    }
}

LecternDocument *
_lectern_document_new (const char            *uri,
                       const char            *title,
                       LecternDocumentFormat  format,
                       char                  *text,
                       gsize                  n_bytes,
                       guint                  length,
                       GArray                *blocks,
                       GArray                *runs,
                       GStringChunk          *strings)
{
  LecternDocument *self;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  self = g_object_new (LECTERN_TYPE_DOCUMENT, NULL);
  self->uri = g_strdup (uri);
  self->id = lectern_document_key_for_uri (uri);
  self->title = g_strdup (title);
  self->format = format;
  self->text = text;
  self->n_bytes = n_bytes;
  self->length = length;
  self->blocks = blocks;
  self->runs = runs;
  self->strings = strings;
  self->fingerprint = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                   (const guchar *)text, n_bytes);
  build_checkpoints (self);

  return self;
}

void
_lectern_document_set_byline (LecternDocument *self,
                              const char      *author,
                              const char      *date)
{
  g_return_if_fail (LECTERN_IS_DOCUMENT (self));

  g_free (self->author);
  self->author = g_strdup (author);
  g_free (self->date);
  self->date = g_strdup (date);
}

void
_lectern_document_set_source_map (LecternDocument *self,
                                  GArray          *spans)
{
  g_return_if_fail (LECTERN_IS_DOCUMENT (self));

  g_clear_pointer (&self->source_map, g_array_unref);
  self->source_map = spans;
}

/* The span holding rendered character @offset, by bisection. */
static const LecternSourceSpan *
find_span (LecternDocument *self,
           guint            offset)
{
  guint lo = 0;
  guint hi = self->source_map != NULL ? self->source_map->len : 0;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const LecternSourceSpan *span = &g_array_index (self->source_map, LecternSourceSpan, mid);

      if (offset < span->start)
        hi = mid;
      else if (offset >= span->start + span->length)
        lo = mid + 1;
      else
        return span;
    }

  return NULL;
}

/**
 * lectern_document_get_source_range:
 * @self: a #LecternDocument
 * @start: first character of a range of the rendered text
 * @end: one past its last
 * @source_start: (out): where the first character is in the source file
 * @source_end: (out): one past where the last one is
 *
 * Where a passage came from in the file: positions that select it in
 * the file itself, as W3C TextPositionSelectors on the file require.
 * Characters the loader made (a space joining two lines, a list
 * bullet) have no place in the file; a range that starts or ends on
 * one, or a document without a source map (a web page), has none.
 *
 * Returns: %TRUE if both ends are in the source map
 */
gboolean
lectern_document_get_source_range (LecternDocument *self,
                                   guint            start,
                                   guint            end,
                                   guint           *source_start,
                                   guint           *source_end)
{
  const LecternSourceSpan *first;
  const LecternSourceSpan *last;

  g_return_val_if_fail (LECTERN_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (source_start != NULL && source_end != NULL, FALSE);

  if (start >= end || (first = find_span (self, start)) == NULL ||
      (last = find_span (self, end - 1)) == NULL)
    return FALSE;

  *source_start = first->source_start + (start - first->start);
  *source_end = last->source_start + (end - 1 - last->start) + 1;
  return *source_end > *source_start;
}

/**
 * lectern_document_find_source_range:
 * @self: a #LecternDocument
 * @source_start: first character of a range of the source file
 * @source_end: one past its last
 * @start: (out): where the first character is in the rendered text
 * @end: (out): one past where the last one is
 *
 * The inverse of lectern_document_get_source_range(), for selectors
 * read from an export.
 *
 * Returns: %TRUE if both ends were rendered from the source verbatim
 */
gboolean
lectern_document_find_source_range (LecternDocument *self,
                                    guint            source_start,
                                    guint            source_end,
                                    guint           *start,
                                    guint           *end)
{
  gboolean found_start = FALSE;
  gboolean found_end = FALSE;

  g_return_val_if_fail (LECTERN_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (start != NULL && end != NULL, FALSE);

  for (guint i = 0; self->source_map != NULL && i < self->source_map->len; i++)
    {
      const LecternSourceSpan *span = &g_array_index (self->source_map, LecternSourceSpan, i);

      if (!found_start && source_start >= span->source_start && source_start < span->source_start + span->length)
        {
          *start = span->start + (source_start - span->source_start);
          found_start = TRUE;
        }
      if (!found_end && source_end > span->source_start && source_end <= span->source_start + span->length)
        {
          *end = span->start + (source_end - span->source_start);
          found_end = TRUE;
        }
    }

  return found_start && found_end && *end > *start;
}

/**
 * lectern_document_get_author:
 * @self: a #LecternDocument
 *
 * Returns: (nullable): the author the document states, e.g. a web
 *   page's author meta tag
 */
const char *
lectern_document_get_author (LecternDocument *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (self), NULL);

  return self->author;
}

/**
 * lectern_document_get_date:
 * @self: a #LecternDocument
 *
 * Returns: (nullable): the publication date the document states, as
 *   written there (often ISO 8601)
 */
const char *
lectern_document_get_date (LecternDocument *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (self), NULL);

  return self->date;
}

/**
 * lectern_document_key_for_uri:
 * @uri: a document URI
 *
 * The key that names a document's highlights file: the first 16 hex
 * digits of the SHA-256 of its URI. It is also the document's id.
 *
 * Returns: (transfer full): the key
 */
char *
lectern_document_key_for_uri (const char *uri)
{
  g_autofree char *sum = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
  return g_strndup (sum, 16);
}

const char *
lectern_document_get_id (LecternDocument *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (self), NULL);

  return self->id;
}

const char *
lectern_document_get_uri (LecternDocument *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (self), NULL);

  return self->uri;
}

const char *
lectern_document_get_title (LecternDocument *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (self), NULL);

  return self->title;
}

LecternDocumentFormat
lectern_document_get_format (LecternDocument *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (self), 0);

  return self->format;
}

/**
 * lectern_document_get_text:
 * @self: a #LecternDocument
 *
 * The rendered text: what a reader sees, with no markup. Blocks are
 * separated by a single newline.
 *
 * Returns: the UTF-8 text, NUL-terminated
 */
const char *
lectern_document_get_text (LecternDocument *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (self), NULL);

  return self->text;
}

gsize
lectern_document_get_text_bytes (LecternDocument *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (self), 0);

  return self->n_bytes;
}

/**
 * lectern_document_get_length:
 * @self: a #LecternDocument
 *
 * Returns: the length of the text in characters (Unicode code points)
 */
guint
lectern_document_get_length (LecternDocument *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (self), 0);

  return self->length;
}

/**
 * lectern_document_get_fingerprint:
 * @self: a #LecternDocument
 *
 * Returns: the SHA-256 of the rendered text, in lower-case hex
 */
const char *
lectern_document_get_fingerprint (LecternDocument *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (self), NULL);

  return self->fingerprint;
}

/**
 * lectern_document_is_sample:
 * @self: a #LecternDocument
 *
 * Returns: %TRUE if the document is part of the embedded sample pack
 */
gboolean
lectern_document_is_sample (LecternDocument *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (self), FALSE);

  return g_str_has_prefix (self->uri, "resource:");
}

/**
 * lectern_document_get_blocks:
 * @self: a #LecternDocument
 * @n_blocks: (out): the number of blocks
 *
 * Returns: (array length=n_blocks): the blocks, in text order
 */
const LecternBlock *
lectern_document_get_blocks (LecternDocument *self,
                             guint           *n_blocks)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (n_blocks != NULL, NULL);

  *n_blocks = self->blocks->len;
  return (const LecternBlock *)(gpointer)self->blocks->data;
}

/**
 * lectern_document_get_runs:
 * @self: a #LecternDocument
 * @n_runs: (out): the number of runs
 *
 * Returns: (array length=n_runs): the style runs, ordered by start
 */
const LecternStyleRun *
lectern_document_get_runs (LecternDocument *self,
                           guint           *n_runs)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (n_runs != NULL, NULL);

  *n_runs = self->runs->len;
  return (const LecternStyleRun *)(gpointer)self->runs->data;
}

/**
 * lectern_document_offset_to_pointer:
 * @self: a #LecternDocument
 * @offset: a character offset, at most the length
 *
 * Returns: a pointer into the text at @offset
 */
const char *
lectern_document_offset_to_pointer (LecternDocument *self,
                                    guint            offset)
{
  const char *p;
  guint index;

  g_return_val_if_fail (LECTERN_IS_DOCUMENT (self), NULL);

  offset = MIN (offset, self->length);
  index = MIN (offset / CHECKPOINT_STRIDE, self->checkpoints->len - 1);
  p = self->text + g_array_index (self->checkpoints, gsize, index);

  for (guint i = index * CHECKPOINT_STRIDE; i < offset; i++)
    p = g_utf8_next_char (p);

  return p;
}

/**
 * lectern_document_dup_slice:
 * @self: a #LecternDocument
 * @start: first character
 * @end: one past the last character
 *
 * Returns: (transfer full): the text between @start and @end
 */
char *
lectern_document_dup_slice (LecternDocument *self,
                            guint            start,
                            guint            end)
{
  const char *from;
  const char *to;

  g_return_val_if_fail (LECTERN_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (start <= end, NULL);

  from = lectern_document_offset_to_pointer (self, start);
  to = lectern_document_offset_to_pointer (self, end);

  return g_strndup (from, to - from);
}

/**
 * lectern_document_find_block:
 * @self: a #LecternDocument
 * @offset: a character offset
 *
 * Returns: (nullable): the block holding @offset, or the last block
 *   starting before it; %NULL for an empty document
 */
const LecternBlock *
lectern_document_find_block (LecternDocument *self,
                             guint            offset)
{
  const LecternBlock *blocks;
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (LECTERN_IS_DOCUMENT (self), NULL);

  if (self->blocks->len == 0)
    return NULL;

  blocks = (const LecternBlock *)(gpointer)self->blocks->data;
  hi = self->blocks->len;

  /* Last block whose start is <= offset. */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (blocks[mid].start <= offset)
        lo = mid;
      else
        hi = mid;
    }

  return &blocks[lo];
}
