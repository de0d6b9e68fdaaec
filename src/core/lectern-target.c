/* lectern-target.c: a passage of a document, with the context to find it again
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-target.h"

/*
 * A target is what every place that remembers a passage keeps of it: where
 * it was (start and end, in characters of the document's rendered text),
 * what it said (exact) and what stood around it (prefix and suffix). The
 * highlight, the passage link and the importer all cut it the same way, so
 * they all get it from lectern_target_new_for_range(). Targets are
 * immutable and reference counted.
 */
struct _LecternTarget
{
  gatomicrefcount  ref_count;
  guint            start;
  guint            end;
  char            *exact;
  char            *prefix;
  char            *suffix;
};

G_DEFINE_BOXED_TYPE (LecternTarget, lectern_target, lectern_target_ref, lectern_target_unref)

/**
 * lectern_target_new_for_range:
 * @document: a #LecternDocument
 * @start: the first character of the passage (code points into the text)
 * @end: one past its last character; clamped to the text's length
 *
 * Cuts the passage from @start to @end out of @document with up to
 * %LECTERN_TARGET_CONTEXT_CHARS characters of context on each side
 * (fewer at the beginning and the end of the text; an empty context is
 * kept as an empty string).
 *
 * Returns: (transfer full): a new #LecternTarget
 */
LecternTarget *
lectern_target_new_for_range (LecternDocument *document,
                              guint            start,
                              guint            end)
{
  LecternTarget *self;
  guint length;

  g_return_val_if_fail (LECTERN_IS_DOCUMENT (document), NULL);

  length = lectern_document_get_length (document);
  end = MIN (end, length);
  start = MIN (start, end);

  self = g_new0 (LecternTarget, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->start = start;
  self->end = end;
  self->exact = lectern_document_dup_slice (document, start, end);
  self->prefix = lectern_document_dup_slice (document, start - MIN (start, LECTERN_TARGET_CONTEXT_CHARS), start);
  self->suffix = lectern_document_dup_slice (document, end,
                                             (guint)MIN ((guint64)end + LECTERN_TARGET_CONTEXT_CHARS, length));

  return self;
}

/**
 * lectern_target_ref:
 * @self: a #LecternTarget
 *
 * Returns: (transfer full): @self
 */
LecternTarget *
lectern_target_ref (LecternTarget *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

/**
 * lectern_target_unref:
 * @self: (transfer full): a #LecternTarget
 *
 * Drops a reference; the last one frees the target.
 */
void
lectern_target_unref (LecternTarget *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->exact);
  g_free (self->prefix);
  g_free (self->suffix);
  g_free (self);
}

/**
 * lectern_target_get_start:
 * @self: a #LecternTarget
 *
 * Returns: the first character of the passage
 */
guint
lectern_target_get_start (const LecternTarget *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->start;
}

/**
 * lectern_target_get_end:
 * @self: a #LecternTarget
 *
 * Returns: one past the last character of the passage
 */
guint
lectern_target_get_end (const LecternTarget *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->end;
}

/**
 * lectern_target_get_exact:
 * @self: a #LecternTarget
 *
 * Returns: the passage's text
 */
const char *
lectern_target_get_exact (const LecternTarget *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->exact;
}

/**
 * lectern_target_get_prefix:
 * @self: a #LecternTarget
 *
 * Returns: the text just before the passage (maybe empty)
 */
const char *
lectern_target_get_prefix (const LecternTarget *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->prefix;
}

/**
 * lectern_target_get_suffix:
 * @self: a #LecternTarget
 *
 * Returns: the text just after the passage (maybe empty)
 */
const char *
lectern_target_get_suffix (const LecternTarget *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->suffix;
}
