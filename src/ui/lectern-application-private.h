/* lectern-application-private.h: what the tests ask of the application
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-application.h"

G_BEGIN_DECLS

/* For the tests */
LecternLibrary         *lectern_application_get_library (LecternApplication *self);
LecternAnnotationStore *lectern_application_get_store   (LecternApplication *self);
GSettings              *lectern_application_get_settings (LecternApplication *self);
LecternColorMeanings   *lectern_application_get_color_meanings (LecternApplication *self);
LecternLinkStore       *lectern_application_get_link_store (LecternApplication *self);

G_END_DECLS
