/* lectern-preferences-dialog.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lectern-core.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_PREFERENCES_DIALOG (lectern_preferences_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LecternPreferencesDialog, lectern_preferences_dialog, LECTERN, PREFERENCES_DIALOG, AdwPreferencesWindow)

LecternPreferencesDialog *lectern_preferences_dialog_new (LecternColorMeanings *meanings);

G_END_DECLS
