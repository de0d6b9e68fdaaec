/* lectern-link-placement.c: placing the passages of links in a document
 * whose text changed, as highlights are placed (see LecternAnchor)
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lectern-anchor.h"
#include "lectern-annotation-store.h"
#include "lectern-link-placement.h"

/* One passage to place again. */
typedef struct
{
  LecternPassageLink *link;
  LecternLinkSide     side;
} Placement;

/* The passages in @document whose text changed since they were placed
 * (the fingerprints differ, or the passage's is unknown), or whose range
 * does not fit in the text (a hand-edited file). */
static GArray *
collect_placements (GPtrArray       *links,
                    LecternDocument *document)
{
  GArray *placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  const char *document_id = lectern_document_get_id (document);
  const char *fingerprint = lectern_document_get_fingerprint (document);
  guint length = lectern_document_get_length (document);

  for (guint i = 0; i < links->len; i++)
    {
      LecternPassageLink *link = g_ptr_array_index (links, i);

      for (LecternLinkSide side = LECTERN_LINK_SIDE_LEFT; side <= LECTERN_LINK_SIDE_RIGHT; side++)
        if (strcmp (lectern_passage_link_get_document_id (link, side), document_id) == 0 &&
            (g_strcmp0 (lectern_passage_link_get_document_fingerprint (link, side), fingerprint) != 0 ||
             (lectern_passage_link_get_state (link, side) != LECTERN_HIGHLIGHT_ORPHANED &&
              lectern_passage_link_get_end (link, side) > length)))
          g_array_append_val (placements, ((Placement) { link, side }));
    }

  return placements;
}

/* Moves a passage to where its quote is now, or marks it orphaned;
 * returns its new state. */
static LecternHighlightState
apply_result (const Placement           *p,
              const LecternAnchorResult *result)
{
  LecternHighlightState state = LECTERN_HIGHLIGHT_ANCHORED;

  if (result->method == LECTERN_ANCHOR_ORPHANED)
    state = LECTERN_HIGHLIGHT_ORPHANED;
  else
    {
      lectern_passage_link_set_range (p->link, p->side, result->start, result->end);
      /* As for highlights: a look-alike passage is placed, not trusted. */
      if (result->method == LECTERN_ANCHOR_FUZZY && result->confidence < LECTERN_STORE_REVIEW_BELOW)
        state = LECTERN_HIGHLIGHT_NEEDS_REVIEW;
    }

  lectern_passage_link_set_state (p->link, p->side, state);
  return state;
}

/**
 * lectern_link_placement_run:
 * @links: (element-type LecternPassageLink): links
 * @document: an opened document
 *
 * Places again every passage of @links in @document whose text changed
 * (see lectern_link_store_attach_document()), and gives it the
 * fingerprint of the text now. No link is dropped; stored quotes stay.
 *
 * Returns: how many passages were placed again
 */
guint
lectern_link_placement_run (GPtrArray       *links,
                            LecternDocument *document)
{
  g_autoptr(GArray) placements = collect_placements (links, document);
  g_autoptr(LecternAnchorText) text = NULL;
  g_autofree LecternAnchorTarget *targets = NULL;
  g_autofree LecternAnchorResult *results = NULL;
  guint n_orphaned = 0;
  guint n_review = 0;

  if (placements->len == 0)
    return 0;

  text = lectern_anchor_text_new_for_document (document);
  targets = g_new (LecternAnchorTarget, placements->len);
  results = g_new (LecternAnchorResult, placements->len);

  for (guint i = 0; i < placements->len; i++)
    {
      const Placement *p = &g_array_index (placements, Placement, i);

      targets[i] = (LecternAnchorTarget) {
        .start = lectern_passage_link_get_start (p->link, p->side),
        .end = lectern_passage_link_get_end (p->link, p->side),
        .exact = lectern_passage_link_get_exact (p->link, p->side),
        .prefix = lectern_passage_link_get_prefix (p->link, p->side),
        .suffix = lectern_passage_link_get_suffix (p->link, p->side),
      };
    }

  lectern_anchor_locate_all (text, targets, placements->len, results);

  for (guint i = 0; i < placements->len; i++)
    {
      const Placement *p = &g_array_index (placements, Placement, i);
      LecternHighlightState state = apply_result (p, &results[i]);

      n_orphaned += state == LECTERN_HIGHLIGHT_ORPHANED;
      n_review += state == LECTERN_HIGHLIGHT_NEEDS_REVIEW;
      lectern_passage_link_set_document_fingerprint (p->link, p->side,
                                                     lectern_document_get_fingerprint (document));
    }

  g_debug ("%s changed: %u linked passages placed again (%u to review), %u could not be placed",
           lectern_document_get_uri (document), placements->len - n_orphaned, n_review, n_orphaned);

  return placements->len;
}
