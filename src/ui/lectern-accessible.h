/* lectern-accessible.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void lectern_accessible_name_mnemonics (GtkWidget *widget);

G_END_DECLS
