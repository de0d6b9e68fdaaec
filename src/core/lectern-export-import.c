/* lectern-export-import.c: imported annotations placed onto open documents, into the stores
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Each annotation read goes onto the open document whose URI is its
 * target's source, at its position when the text there is its quote,
 * else where LecternAnchor finds the quote. Duplicates (by id, or the
 * same quote at the same place) are counted, not added again.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lectern-anchor.h"
#include "lectern-export-private.h"

/* Characters of text kept on each side of a quote, as elsewhere. */

typedef struct
{
  LecternExport       *self;
  LecternImportResult *result;
  /* URI → how many annotations were skipped for it; and their order. */
  GHashTable          *skipped;
  GPtrArray           *skipped_uris;
  /* LecternDocument → DocumentState, for the documents met so far. */
  GHashTable          *documents;
} Import;

/* What an import keeps about one open document. */
typedef struct
{
  /* The text indexed for LecternAnchor; built on first use. */
  LecternAnchorText *text;
  /* Packed range (start << 32 | end) → a highlight of the store there,
   * borrowed: finds duplicates without a scan per annotation. */
  GHashTable        *ranges;
} DocumentState;

static void
document_state_free (gpointer data)
{
  DocumentState *state = data;

  g_clear_pointer (&state->text, lectern_anchor_text_unref);
  g_hash_table_unref (state->ranges);
  g_free (state);
}

static void
remember_range (DocumentState    *state,
                LecternHighlight *highlight)
{
  gint64 *key = g_new (gint64, 1);

  *key = ((gint64)lectern_highlight_get_start (highlight) << 32) | lectern_highlight_get_end (highlight);
  if (!g_hash_table_contains (state->ranges, key))
    g_hash_table_insert (state->ranges, key, highlight);
  else
    g_free (key);
}

static LecternHighlight *
find_range (DocumentState *state,
            guint          start,
            guint          end)
{
  gint64 key = ((gint64)start << 32) | end;

  return g_hash_table_lookup (state->ranges, &key);
}

/* The store needs the document before it takes its highlights. A file
 * that fails to load is reported; if that leaves the document
 * read-only, adding fails and the annotations are skipped. */
static void
ensure_loaded (Import          *import,
               LecternDocument *document)
{
  g_autoptr(GError) error = NULL;
  LecternAnnotationStore *store = import->self->store;

  if (lectern_annotation_store_lookup_document (store, lectern_document_get_id (document), NULL, NULL))
    return;

  if (!lectern_annotation_store_load_document (store, document, &error))
    g_ptr_array_add (import->result->messages, g_strdup (error->message));
}

static DocumentState *
document_state (Import          *import,
                LecternDocument *document)
{
  DocumentState *state = g_hash_table_lookup (import->documents, document);
  g_autoptr(GPtrArray) highlights = NULL;

  if (state != NULL)
    return state;

  ensure_loaded (import, document);

  state = g_new0 (DocumentState, 1);
  state->ranges = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  highlights = lectern_annotation_store_list_for_document (import->self->store,
                                                          lectern_document_get_id (document));
  for (guint i = 0; i < highlights->len; i++)
    remember_range (state, g_ptr_array_index (highlights, i));

  g_hash_table_insert (import->documents, document, state);

  return state;
}

/* Where the annotation lies in the document now. A position alone is
 * taken when it fits the text; a quote goes through LecternAnchor, as
 * re-anchoring does: at its position if the text there is the quote,
 * else the copy whose prefix and suffix fit best (the nearest to the
 * position among equals), else a slightly different passage (fuzzy). */
/* Positions in an export count characters of the file (Lectern's own
 * exports since the source map, and other tools'), or of the rendered
 * text (older Lectern exports): the file's reading is taken when it
 * maps into the text and, with a quote, selects it there. */
static void
position_hint (LecternDocument        *document,
               const AnnotationTarget *passage,
               guint                  *start,
               guint                  *end)
{
  guint mapped_start;
  guint mapped_end;

  *start = passage->has_position ? passage->start : 0;
  *end = passage->has_position ? passage->end : 0;
  if (!passage->has_position ||
      !lectern_document_find_source_range (document, passage->start, passage->end,
                                           &mapped_start, &mapped_end))
    return;

  if (passage->exact != NULL)
    {
      g_autofree char *there = lectern_document_dup_slice (document, mapped_start, mapped_end);

      if (g_strcmp0 (there, passage->exact) != 0)
        return;
    }
  *start = mapped_start;
  *end = mapped_end;
}

static gboolean
anchor (DocumentState          *state,
        LecternDocument        *document,
        const AnnotationTarget *passage,
        guint                  *start,
        guint                  *end)
{
  LecternAnchorTarget target;
  LecternAnchorResult found;

  position_hint (document, passage, start, end);
  if (passage->exact == NULL)
    return *end <= lectern_document_get_length (document);

  if (state->text == NULL)
    state->text = lectern_anchor_text_new_for_document (document);

  /* Without a position, the search starts at the top of the text. */
  target = (LecternAnchorTarget) {
    .start = *start,
    .end = *end,
    .exact = passage->exact,
    .prefix = passage->prefix,
    .suffix = passage->suffix,
  };
  found = lectern_anchor_locate (state->text, &target);

  switch (found.method)
    {
    case LECTERN_ANCHOR_EXACT_POSITION:
    case LECTERN_ANCHOR_EXACT_NEAREST:
    case LECTERN_ANCHOR_FUZZY:
      *start = found.start;
      *end = found.end;
      return TRUE;

    case LECTERN_ANCHOR_ORPHANED:
    default:
      return FALSE;
    }
}

static void
add_message (Import     *import,
             const char *label,
             const char *problem)
{
  g_ptr_array_add (import->result->messages, g_strdup_printf (_("%s: %s."), label, problem));
}

static void
skip (Import     *import,
      const char *uri)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (import->skipped, uri));

  if (count == 0)
    g_ptr_array_add (import->skipped_uris, g_strdup (uri));
  g_hash_table_insert (import->skipped, g_strdup (uri), GUINT_TO_POINTER (count + 1));
  import->result->skipped++;
}

static void
report_unmatched (Import                 *import,
                  const char             *label,
                  const AnnotationTarget *passage,
                  LecternDocument        *document)
{
  g_autofree char *problem = NULL;

  if (passage->exact != NULL)
    {
      glong n_chars = g_utf8_strlen (passage->exact, -1);
      g_autofree char *excerpt = g_utf8_substring (passage->exact, 0, MIN (n_chars, 40));

      g_strdelimit (excerpt, "\r\n\t", ' ');
      problem = g_strdup_printf (_("its quote “%s%s” is not in the text of “%s”"),
                                 excerpt, n_chars > 40 ? "…" : "",
                                 lectern_document_get_title (document));
    }
  else
    problem = g_strdup_printf (_("characters %u to %u are beyond the end of “%s”"),
                               passage->start, passage->end,
                               lectern_document_get_title (document));

  add_message (import, label, problem);
  import->result->unmatched++;
}

/* The same quote at the same place is the same highlight, whatever its id. */
static gboolean
is_duplicate (DocumentState *state,
              guint          start,
              guint          end,
              const char    *exact)
{
  LecternHighlight *existing = find_range (state, start, end);

  return existing != NULL && strcmp (lectern_highlight_get_exact (existing), exact) == 0;
}

static LecternHighlight *
new_highlight (LecternDocument  *document,
               const Annotation *annotation,
               guint             start,
               guint             end,
               const char       *exact)
{
  g_autoptr(LecternTarget) target = lectern_target_new_for_range (document, start, end);

  return lectern_highlight_new_full (annotation->id,
                                     lectern_document_get_id (document),
                                     annotation->color,
                                     annotation->note->str,
                                     (const char * const *)annotation->tags->pdata,
                                     annotation->created,
                                     annotation->modified,
                                     start, end, exact,
                                     lectern_target_get_prefix (target),
                                     lectern_target_get_suffix (target),
                                     LECTERN_HIGHLIGHT_ANCHORED);
}

/* Whether @link joins the same places of the same documents, @first
 * being the side of the first. */
static gboolean
link_has_places (LecternPassageLink *link,
                 LecternLinkSide     first,
                 LecternDocument    *documents[2],
                 const guint         starts[2],
                 const guint         ends[2])
{
  LecternLinkSide sides[2] = {
    first, first == LECTERN_LINK_SIDE_LEFT ? LECTERN_LINK_SIDE_RIGHT : LECTERN_LINK_SIDE_LEFT
  };

  for (guint i = 0; i < 2; i++)
    if (strcmp (lectern_passage_link_get_document_id (link, sides[i]),
                lectern_document_get_id (documents[i])) != 0 ||
        lectern_passage_link_get_start (link, sides[i]) != starts[i] ||
        lectern_passage_link_get_end (link, sides[i]) != ends[i])
      return FALSE;

  return TRUE;
}

/* The same two places are the same link, whatever its id. */
static gboolean
link_exists (LecternLinkStore *links,
             LecternDocument  *documents[2],
             const guint       starts[2],
             const guint       ends[2])
{
  g_autoptr(GPtrArray) between = lectern_link_store_list_between (links,
                                                                 lectern_document_get_id (documents[0]),
                                                                 lectern_document_get_id (documents[1]));

  for (guint i = 0; i < between->len; i++)
    {
      LecternPassageLink *link = g_ptr_array_index (between, i);

      if (link_has_places (link, LECTERN_LINK_SIDE_LEFT, documents, starts, ends) ||
          link_has_places (link, LECTERN_LINK_SIDE_RIGHT, documents, starts, ends))
        return TRUE;
    }

  return FALSE;
}

static LecternPassageLink *
new_link (const Annotation *annotation,
          LecternDocument  *documents[2],
          const guint       starts[2],
          const guint       ends[2])
{
  g_autoptr(LecternTarget) first = lectern_target_new_for_range (documents[0], starts[0], ends[0]);
  g_autoptr(LecternTarget) second = lectern_target_new_for_range (documents[1], starts[1], ends[1]);
  LecternLinkTarget targets[2];

  lectern_link_target_init_for_document (&targets[0], documents[0], first);
  lectern_link_target_init_for_document (&targets[1], documents[1], second);

  return lectern_passage_link_new_full (annotation->id, annotation->relation,
                                        annotation->note->str,
                                        (const char * const *)annotation->tags->pdata,
                                        annotation->created, annotation->modified,
                                        &targets[0], &targets[1]);
}

/* A passage link goes into the link store when both its documents are
 * open and both passages are found in them. */
static void
apply_link (Import           *import,
            const Annotation *annotation)
{
  const AnnotationTarget *passages[2] = { &annotation->target, &annotation->other };
  LecternLinkStore *links = import->self->links;
  g_autoptr(LecternPassageLink) link = NULL;
  g_autoptr(GError) error = NULL;
  LecternDocument *documents[2];
  guint starts[2] = { 0, 0 };
  guint ends[2] = { 0, 0 };

  if (links == NULL)
    {
      add_message (import, annotation->label,
                   _("it links two passages, and passage links cannot be imported here"));
      import->result->skipped++;
      return;
    }

  for (guint i = 0; i < 2; i++)
    {
      documents[i] = lectern_library_find_by_uri (import->self->library, passages[i]->source);
      if (documents[i] == NULL)
        {
          skip (import, passages[i]->source);
          return;
        }
    }

  if (lectern_link_store_find (links, annotation->id) != NULL)
    {
      import->result->duplicates++;
      return;
    }

  for (guint i = 0; i < 2; i++)
    {
      DocumentState *state = document_state (import, documents[i]);

      if (!anchor (state, documents[i], passages[i], &starts[i], &ends[i]))
        {
          report_unmatched (import, annotation->label, passages[i], documents[i]);
          return;
        }
    }

  if (link_exists (links, documents, starts, ends))
    {
      import->result->duplicates++;
      return;
    }

  link = new_link (annotation, documents, starts, ends);
  if (!lectern_link_store_add (links, link, &error))
    {
      add_message (import, annotation->label, error->message);
      import->result->skipped++;
      return;
    }

  g_ptr_array_add (import->result->links, g_steal_pointer (&link));
  import->result->links_imported++;
}

static void
apply_annotation (Import           *import,
                  const Annotation *annotation)
{
  g_autoptr(LecternHighlight) highlight = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exact = NULL;
  LecternDocument *document;
  DocumentState *state;
  guint start = 0;
  guint end = 0;

  if (annotation->is_link)
    {
      apply_link (import, annotation);
      return;
    }

  document = lectern_library_find_by_uri (import->self->library, annotation->target.source);
  if (document == NULL)
    {
      skip (import, annotation->target.source);
      return;
    }

  if (lectern_annotation_store_find (import->self->store, annotation->id) != NULL)
    {
      import->result->duplicates++;
      return;
    }

  state = document_state (import, document);
  if (!anchor (state, document, &annotation->target, &start, &end))
    {
      report_unmatched (import, annotation->label, &annotation->target, document);
      return;
    }

  exact = lectern_document_dup_slice (document, start, end);
  if (is_duplicate (state, start, end, exact))
    {
      import->result->duplicates++;
      return;
    }

  highlight = new_highlight (document, annotation, start, end, exact);
  if (!lectern_annotation_store_add (import->self->store, highlight, &error))
    {
      add_message (import, annotation->label, error->message);
      import->result->skipped++;
      return;
    }

  remember_range (state, highlight);
  g_ptr_array_add (import->result->highlights, g_steal_pointer (&highlight));
  import->result->imported++;
}

static void
report_skipped (Import *import)
{
  for (guint i = 0; i < import->skipped_uris->len; i++)
    {
      const char *uri = g_ptr_array_index (import->skipped_uris, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (import->skipped, uri));

      g_ptr_array_add (import->result->messages,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%u annotation of “%s” was skipped because "
                                                     "that document is not open. Open it and "
                                                     "import again.",
                                                     "%u annotations of “%s” were skipped because "
                                                     "that document is not open. Open it and "
                                                     "import again.",
                                                     count),
                                        count, uri));
    }
}

void
_lectern_export_place_annotations (LecternExport       *self,
                                   GPtrArray           *annotations,
                                   LecternImportResult *result)
{
  g_autoptr(GHashTable) skipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) skipped_uris = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) documents = g_hash_table_new_full (NULL, NULL, NULL, document_state_free);
  Import import = { self, result, skipped, skipped_uris, documents };

  for (guint i = 0; i < annotations->len; i++)
    apply_annotation (&import, g_ptr_array_index (annotations, i));
  report_skipped (&import);
}
