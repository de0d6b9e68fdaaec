/* lectern-passage-link.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lectern-document.h"
#include "lectern-highlight.h"

G_BEGIN_DECLS

/**
 * LecternRelation:
 * @LECTERN_RELATION_AGREES: the two passages say the same thing, or support each other
 * @LECTERN_RELATION_CONTRADICTS: the passages disagree
 * @LECTERN_RELATION_EXTENDS: one passage goes further than the other
 * @LECTERN_RELATION_SAME_FACT: both passages report the same fact
 *
 * How the two passages of a #LecternPassageLink relate, as the reader
 * judged it. Files store the names of lectern_relation_to_string().
 */
typedef enum
{
  LECTERN_RELATION_AGREES,
  LECTERN_RELATION_CONTRADICTS,
  LECTERN_RELATION_EXTENDS,
  LECTERN_RELATION_SAME_FACT,
} LecternRelation;

#define LECTERN_N_RELATIONS 4

/**
 * LecternLinkSide:
 * @LECTERN_LINK_SIDE_LEFT: the first passage (the left pane when it was made)
 * @LECTERN_LINK_SIDE_RIGHT: the second passage
 *
 * One of the two passages of a #LecternPassageLink.
 */
typedef enum
{
  LECTERN_LINK_SIDE_LEFT,
  LECTERN_LINK_SIDE_RIGHT,
} LecternLinkSide;

/**
 * LecternLinkTarget:
 * @document_id: the document's id (lectern_document_get_id())
 * @document_uri: the document's URI
 * @document_title: (nullable): its title when the link was saved
 * @document_fingerprint: (nullable): the fingerprint of the text the range
 *   refers to (lectern_document_get_fingerprint()); %NULL when unknown,
 *   which makes the next lectern_link_store_attach_document() place the
 *   passage again
 * @start: first character of the passage (code points into the text)
 * @end: one past its last character
 * @exact: the passage's text
 * @prefix: (nullable): text just before it
 * @suffix: (nullable): text just after it
 * @state: whether the passage is anchored in the current text
 *
 * Everything known about one passage of a link, to recreate a link with
 * lectern_passage_link_new_full(). The strings are borrowed.
 */
typedef struct
{
  const char            *document_id;
  const char            *document_uri;
  const char            *document_title;
  const char            *document_fingerprint;
  guint                  start;
  guint                  end;
  const char            *exact;
  const char            *prefix;
  const char            *suffix;
  LecternHighlightState  state;
} LecternLinkTarget;

#define LECTERN_TYPE_PASSAGE_LINK (lectern_passage_link_get_type ())

G_DECLARE_FINAL_TYPE (LecternPassageLink, lectern_passage_link, LECTERN, PASSAGE_LINK, GObject)

int                    lectern_passage_link_compare_places   (LecternPassageLink  *a,
                                                              LecternLinkSide      side_a,
                                                              LecternPassageLink  *b,
                                                              LecternLinkSide      side_b);
void                   lectern_link_target_init_for_document (LecternLinkTarget   *target,
                                                              LecternDocument     *document,
                                                              const LecternTarget *cut);

LecternPassageLink    *lectern_passage_link_new            (LecternDocument         *left,
                                                            guint                    left_start,
                                                            guint                    left_end,
                                                            LecternDocument         *right,
                                                            guint                    right_start,
                                                            guint                    right_end,
                                                            LecternRelation          relation,
                                                            const char              *note);
LecternPassageLink    *lectern_passage_link_new_full       (const char              *id,
                                                            LecternRelation          relation,
                                                            const char              *note,
                                                            const char * const      *tags,
                                                            GDateTime               *created,
                                                            GDateTime               *modified,
                                                            const LecternLinkTarget *left,
                                                            const LecternLinkTarget *right);
const char            *lectern_passage_link_get_id         (LecternPassageLink      *self);
LecternRelation        lectern_passage_link_get_relation   (LecternPassageLink      *self);
void                   lectern_passage_link_set_relation   (LecternPassageLink      *self,
                                                            LecternRelation          relation);
const char            *lectern_passage_link_get_note       (LecternPassageLink      *self);
void                   lectern_passage_link_set_note       (LecternPassageLink      *self,
                                                            const char              *note);
const char * const    *lectern_passage_link_get_tags       (LecternPassageLink      *self);
void                   lectern_passage_link_set_tags       (LecternPassageLink      *self,
                                                            const char * const      *tags);
gboolean               lectern_passage_link_has_tag        (LecternPassageLink      *self,
                                                            const char              *tag);
GDateTime             *lectern_passage_link_get_created    (LecternPassageLink      *self);
GDateTime             *lectern_passage_link_get_modified   (LecternPassageLink      *self);

const char            *lectern_passage_link_get_document_id    (LecternPassageLink *self,
                                                                LecternLinkSide     side);
const char            *lectern_passage_link_get_document_uri   (LecternPassageLink *self,
                                                                LecternLinkSide     side);
const char            *lectern_passage_link_get_document_title (LecternPassageLink *self,
                                                                LecternLinkSide     side);
const char            *lectern_passage_link_get_document_fingerprint (LecternPassageLink *self,
                                                                      LecternLinkSide     side);
void                   lectern_passage_link_set_document_fingerprint (LecternPassageLink *self,
                                                                      LecternLinkSide     side,
                                                                      const char         *fingerprint);
gboolean               lectern_passage_link_has_document   (LecternPassageLink      *self,
                                                            const char              *document_id);
guint                  lectern_passage_link_get_start      (LecternPassageLink      *self,
                                                            LecternLinkSide          side);
guint                  lectern_passage_link_get_end        (LecternPassageLink      *self,
                                                            LecternLinkSide          side);
void                   lectern_passage_link_set_range      (LecternPassageLink      *self,
                                                            LecternLinkSide          side,
                                                            guint                    start,
                                                            guint                    end);
const char            *lectern_passage_link_get_exact      (LecternPassageLink      *self,
                                                            LecternLinkSide          side);
const char            *lectern_passage_link_get_prefix     (LecternPassageLink      *self,
                                                            LecternLinkSide          side);
const char            *lectern_passage_link_get_suffix     (LecternPassageLink      *self,
                                                            LecternLinkSide          side);
LecternHighlightState  lectern_passage_link_get_state      (LecternPassageLink      *self,
                                                            LecternLinkSide          side);
void                   lectern_passage_link_set_state      (LecternPassageLink      *self,
                                                            LecternLinkSide          side,
                                                            LecternHighlightState    state);
void                   lectern_passage_link_get_target     (LecternPassageLink      *self,
                                                            LecternLinkSide          side,
                                                            LecternLinkTarget       *target);

const char            *lectern_relation_to_string          (LecternRelation          relation);
gboolean               lectern_relation_from_string        (const char              *str,
                                                            LecternRelation         *relation);
const char            *lectern_relation_get_label          (LecternRelation          relation);

G_END_DECLS
