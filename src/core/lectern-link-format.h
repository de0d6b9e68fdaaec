/* lectern-link-format.h: the passage links file, format v1 (private)
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lectern-link-store.h"
#include "lectern-passage-link.h"

G_BEGIN_DECLS

#define LECTERN_LINK_FORMAT_NAME "lectern-links"

GBytes             *lectern_link_format_serialize  (GPtrArray  *links,
                                                    GPtrArray  *unparsed,
                                                    JsonObject *unknown_top);
JsonObject         *lectern_link_format_dup_unknown_top (JsonNode *root);
void                lectern_link_format_read_entries (JsonArray  *array,
                                                      GHashTable *taken,
                                                      GPtrArray  *links,
                                                      GPtrArray  *unparsed);

G_END_DECLS
