/* lectern-relation.c: how two linked passages relate, in files and in words
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lectern-passage-link.h"

static const char * const relation_names[LECTERN_N_RELATIONS] = {
  "agrees", "contradicts", "extends", "same-fact",
};

static const char * const relation_labels[LECTERN_N_RELATIONS] = {
  N_("Agrees"), N_("Contradicts"), N_("Extends"), N_("Same fact"),
};

/**
 * lectern_relation_to_string:
 * @relation: a #LecternRelation
 *
 * Returns: the relation's name as files store it: "agrees",
 *   "contradicts", "extends" or "same-fact"
 */
const char *
lectern_relation_to_string (LecternRelation relation)
{
  g_return_val_if_fail (relation < LECTERN_N_RELATIONS, NULL);

  return relation_names[relation];
}

/**
 * lectern_relation_from_string:
 * @str: (nullable): a relation name such as "same-fact"
 * @relation: (out): where to store the relation
 *
 * Returns: %TRUE if @str names a relation; @relation is untouched otherwise
 */
gboolean
lectern_relation_from_string (const char      *str,
                              LecternRelation *relation)
{
  g_return_val_if_fail (relation != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (relation_names); i++)
    {
      if (strcmp (str, relation_names[i]) == 0)
        {
          *relation = (LecternRelation)i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * lectern_relation_get_label:
 * @relation: a #LecternRelation
 *
 * Returns: the relation's name for people, translated, e.g. "Same fact"
 */
const char *
lectern_relation_get_label (LecternRelation relation)
{
  g_return_val_if_fail (relation < LECTERN_N_RELATIONS, NULL);

  return _(relation_labels[relation]);
}
