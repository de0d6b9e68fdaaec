/* lectern-highlight.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lectern-target.h"

G_BEGIN_DECLS

/**
 * LecternColor:
 * @LECTERN_COLOR_YELLOW: yellow
 * @LECTERN_COLOR_GREEN: green
 * @LECTERN_COLOR_BLUE: blue
 * @LECTERN_COLOR_RED: red
 * @LECTERN_COLOR_PURPLE: purple
 *
 * The five highlight colours. The JSON file stores their nicks.
 */
typedef enum
{
  LECTERN_COLOR_YELLOW,
  LECTERN_COLOR_GREEN,
  LECTERN_COLOR_BLUE,
  LECTERN_COLOR_RED,
  LECTERN_COLOR_PURPLE,
} LecternColor;

#define LECTERN_N_COLORS 5

/**
 * LecternHighlightState:
 * @LECTERN_HIGHLIGHT_ANCHORED: the highlight sits on its quote in the text
 * @LECTERN_HIGHLIGHT_ORPHANED: its quote could not be found in the current text
 * @LECTERN_HIGHLIGHT_NEEDS_REVIEW: the text changed and the highlight was placed on
 *   similar text only: the reader should check it (accept, re-attach or orphan it)
 */
typedef enum
{
  LECTERN_HIGHLIGHT_ANCHORED,
  LECTERN_HIGHLIGHT_ORPHANED,
  LECTERN_HIGHLIGHT_NEEDS_REVIEW,
} LecternHighlightState;

#define LECTERN_TYPE_HIGHLIGHT (lectern_highlight_get_type ())

G_DECLARE_FINAL_TYPE (LecternHighlight, lectern_highlight, LECTERN, HIGHLIGHT, GObject)

LecternHighlight      *lectern_highlight_new             (const char            *document_id,
                                                          LecternColor           color,
                                                          guint                  start,
                                                          guint                  end,
                                                          const char            *exact,
                                                          const char            *prefix,
                                                          const char            *suffix);
LecternHighlight      *lectern_highlight_new_for_target  (const char            *document_id,
                                                          LecternColor           color,
                                                          const LecternTarget   *target);
LecternHighlight      *lectern_highlight_new_full        (const char            *id,
                                                          const char            *document_id,
                                                          LecternColor           color,
                                                          const char            *note,
                                                          const char * const    *tags,
                                                          GDateTime             *created,
                                                          GDateTime             *modified,
                                                          guint                  start,
                                                          guint                  end,
                                                          const char            *exact,
                                                          const char            *prefix,
                                                          const char            *suffix,
                                                          LecternHighlightState  state);
const char            *lectern_highlight_get_id          (LecternHighlight      *self);
const char            *lectern_highlight_get_document_id (LecternHighlight      *self);
LecternColor           lectern_highlight_get_color       (LecternHighlight      *self);
void                   lectern_highlight_set_color       (LecternHighlight      *self,
                                                          LecternColor           color);
const char            *lectern_highlight_get_note        (LecternHighlight      *self);
void                   lectern_highlight_set_note        (LecternHighlight      *self,
                                                          const char            *note);
const char * const    *lectern_highlight_get_tags        (LecternHighlight      *self);
void                   lectern_highlight_set_tags        (LecternHighlight      *self,
                                                          const char * const    *tags);
gboolean               lectern_highlight_has_tag         (LecternHighlight      *self,
                                                          const char            *tag);
GDateTime             *lectern_highlight_get_created     (LecternHighlight      *self);
GDateTime             *lectern_highlight_get_modified    (LecternHighlight      *self);
guint                  lectern_highlight_get_start       (LecternHighlight      *self);
guint                  lectern_highlight_get_end         (LecternHighlight      *self);
void                   lectern_highlight_set_range       (LecternHighlight      *self,
                                                          guint                  start,
                                                          guint                  end);
void                   lectern_highlight_reattach        (LecternHighlight      *self,
                                                          guint                  start,
                                                          guint                  end,
                                                          const char            *exact,
                                                          const char            *prefix,
                                                          const char            *suffix);
void                   lectern_highlight_reattach_to_target (LecternHighlight  *self,
                                                             const LecternTarget *target);
const char            *lectern_highlight_get_exact       (LecternHighlight      *self);
const char            *lectern_highlight_get_prefix      (LecternHighlight      *self);
const char            *lectern_highlight_get_suffix      (LecternHighlight      *self);
LecternHighlightState  lectern_highlight_get_state       (LecternHighlight      *self);
void                   lectern_highlight_set_state       (LecternHighlight      *self,
                                                          LecternHighlightState  state);

int                    lectern_highlight_compare_range (LecternHighlight   *a,
                                                        LecternHighlight   *b);
const char            *lectern_color_to_string           (LecternColor           color);
gboolean               lectern_color_from_string         (const char            *str,
                                                          LecternColor          *color);
const char            *lectern_highlight_state_to_string (LecternHighlightState  state);
gboolean               lectern_highlight_state_from_string (const char          *str,
                                                            LecternHighlightState *state);

G_END_DECLS
