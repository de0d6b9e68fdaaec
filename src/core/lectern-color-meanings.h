/* lectern-color-meanings.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lectern-highlight.h"

G_BEGIN_DECLS

#define LECTERN_COLOR_MEANINGS_FORMAT "lectern-colors"
#define LECTERN_COLOR_MEANINGS_VERSION 1
/* Longer meanings are cut: they are labels, not notes. */
#define LECTERN_COLOR_MEANING_MAX_CHARS 60

#define LECTERN_TYPE_COLOR_MEANINGS (lectern_color_meanings_get_type ())

G_DECLARE_FINAL_TYPE (LecternColorMeanings, lectern_color_meanings, LECTERN, COLOR_MEANINGS, GObject)

LecternColorMeanings *lectern_color_meanings_new          (const char            *path);
const char           *lectern_color_meanings_get_path     (LecternColorMeanings  *self);
gboolean              lectern_color_meanings_load         (LecternColorMeanings  *self,
                                                           GError               **error);
gboolean              lectern_color_meanings_save         (LecternColorMeanings  *self,
                                                           GError               **error);
const char           *lectern_color_meanings_get          (LecternColorMeanings  *self,
                                                           LecternColor           color);
void                  lectern_color_meanings_set          (LecternColorMeanings  *self,
                                                           LecternColor           color,
                                                           const char            *meaning);
void                  lectern_color_meanings_reset        (LecternColorMeanings  *self);
const char           *lectern_color_meanings_get_default  (LecternColor           color);
const char           *lectern_color_get_label             (LecternColor           color);

G_END_DECLS
