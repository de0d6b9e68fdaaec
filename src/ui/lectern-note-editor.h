/* lectern-note-editor.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *lectern_note_editor_new (GtkTextView **text_view,
                                    int           min_height,
                                    int           max_height);

G_END_DECLS
