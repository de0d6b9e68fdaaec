/* lectern-core-private.c: small helpers the core's model types share
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-core-private.h"

/* The files keep whole seconds; keeping the same precision in memory
 * makes a saved and reloaded highlight or link equal to the one it came
 * from. */
GDateTime *
_lectern_now_utc_seconds (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_add (now, -(GTimeSpan)g_date_time_get_microsecond (now));
}

GDateTime *
_lectern_ref_utc (GDateTime *datetime)
{
  if (g_date_time_get_utc_offset (datetime) == 0)
    return g_date_time_ref (datetime);

  return g_date_time_to_utc (datetime);
}

/* Empty notes and tag lists are kept as NULL, so that "" and NULL, or an
 * empty list and NULL, never count as a change. */
char *
_lectern_dup_nonempty (const char *str)
{
  return (str != NULL && *str != '\0') ? g_strdup (str) : NULL;
}

char **
_lectern_dup_tags (const char * const *tags)
{
  return (tags != NULL && tags[0] != NULL) ? g_strdupv ((char **)tags) : NULL;
}
