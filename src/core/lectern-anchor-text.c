/* lectern-anchor-text.c: a text indexed for LecternAnchor, with character and byte offsets
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lectern-anchor-private.h"

G_DEFINE_BOXED_TYPE (LecternAnchorText, lectern_anchor_text,
                     lectern_anchor_text_ref, lectern_anchor_text_unref)

/* Offsets */

static void
build_index (LecternAnchorText *self)
{
  const guchar *text = (const guchar *)self->text;
  guint chars = 0;

  self->char_index = g_new (gsize, self->n_bytes / STRIDE + 2);
  self->byte_index = g_new (guint, self->n_bytes / STRIDE + 2);

  for (gsize i = 0; i < self->n_bytes; i++)
    {
      if (i % STRIDE == 0)
        self->byte_index[i / STRIDE] = chars;

      if (!is_continuation (text[i]))
        {
          if (chars % STRIDE == 0)
            self->char_index[chars / STRIDE] = i;
          chars++;
        }
    }

  /* The ends, for offsets equal to the length. */
  if (self->n_bytes % STRIDE == 0)
    self->byte_index[self->n_bytes / STRIDE] = chars;
  if (chars % STRIDE == 0)
    self->char_index[chars / STRIDE] = self->n_bytes;

  self->length = chars;
  self->ascii = (chars == self->n_bytes);
}

static LecternAnchorText *
anchor_text_new (const char *text,
                 gsize       n_bytes)
{
  LecternAnchorText *self = g_new0 (LecternAnchorText, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->text = text;
  self->n_bytes = n_bytes;
  build_index (self);

  return self;
}

/**
 * lectern_anchor_text_new:
 * @text: valid UTF-8 without NUL bytes
 * @n_bytes: its length in bytes
 *
 * Copies @text and indexes it for lectern_anchor_locate(). A
 * #LecternAnchorText never changes afterwards, so several threads may
 * use it at once.
 *
 * Returns: (transfer full): a new #LecternAnchorText
 */
LecternAnchorText *
lectern_anchor_text_new (const char *text,
                         gsize       n_bytes)
{
  LecternAnchorText *self;
  char *copy;

  g_return_val_if_fail (text != NULL || n_bytes == 0, NULL);
  g_return_val_if_fail (n_bytes < G_MAXUINT, NULL);
  g_return_val_if_fail (g_utf8_validate_len (text, n_bytes, NULL), NULL);

  copy = g_malloc (n_bytes + 1);
  if (n_bytes > 0)
    memcpy (copy, text, n_bytes);
  copy[n_bytes] = '\0';

  self = anchor_text_new (copy, n_bytes);
  self->owned = copy;

  return self;
}

/**
 * lectern_anchor_text_new_for_document:
 * @document: a document
 *
 * Indexes the text of @document, without copying it.
 *
 * Returns: (transfer full): a new #LecternAnchorText
 */
LecternAnchorText *
lectern_anchor_text_new_for_document (LecternDocument *document)
{
  LecternAnchorText *self;

  g_return_val_if_fail (LECTERN_IS_DOCUMENT (document), NULL);

  self = anchor_text_new (lectern_document_get_text (document),
                          lectern_document_get_text_bytes (document));
  self->document = g_object_ref (document);

  return self;
}

/**
 * lectern_anchor_text_ref:
 * @self: a #LecternAnchorText
 *
 * Returns: (transfer full): @self
 */
LecternAnchorText *
lectern_anchor_text_ref (LecternAnchorText *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

/**
 * lectern_anchor_text_unref:
 * @self: (transfer full): a #LecternAnchorText
 */
void
lectern_anchor_text_unref (LecternAnchorText *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->char_index);
  g_free (self->byte_index);
  g_free (self->owned);
  g_clear_object (&self->document);
  g_free (self);
}

/**
 * lectern_anchor_text_get_length:
 * @self: a #LecternAnchorText
 *
 * Returns: the number of characters of the text
 */
guint
lectern_anchor_text_get_length (const LecternAnchorText *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->length;
}

/**
 * lectern_anchor_text_offset_to_byte:
 * @self: a #LecternAnchorText
 * @offset: a character offset; larger ones mean the end
 *
 * Returns: the byte offset of that character
 */
gsize
lectern_anchor_text_offset_to_byte (const LecternAnchorText *self,
                                    guint                    offset)
{
  const char *p;

  g_return_val_if_fail (self != NULL, 0);

  offset = MIN (offset, self->length);
  if (self->ascii)
    return offset;

  p = self->text + self->char_index[offset / STRIDE];
  for (guint i = offset - offset % STRIDE; i < offset; i++)
    p = g_utf8_next_char (p);

  return p - self->text;
}

/**
 * lectern_anchor_text_byte_to_offset:
 * @self: a #LecternAnchorText
 * @byte: a byte offset; larger ones mean the end
 *
 * Returns: the offset of the character starting at @byte, or of the
 *   next one if @byte is inside a character
 */
guint
lectern_anchor_text_byte_to_offset (const LecternAnchorText *self,
                                    gsize                    byte)
{
  const guchar *text;
  guint chars;

  g_return_val_if_fail (self != NULL, 0);

  byte = MIN (byte, self->n_bytes);
  if (self->ascii)
    return byte;

  text = (const guchar *)self->text;
  chars = self->byte_index[byte / STRIDE];
  for (gsize i = byte - byte % STRIDE; i < byte; i++)
    chars += !is_continuation (text[i]);

  return chars;
}
