/* fuzz-colors.c: libFuzzer target for the colour meanings file
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-core.h"
#include "lectern-fuzz.h"

/* The input is the contents of colors.json: read, then every meaning
 * asked for. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *dir = lectern_fuzz_make_dir ();
  g_autofree char *path = lectern_fuzz_write_file (dir, "colors.json", data, size);
  g_autoptr(LecternColorMeanings) meanings = NULL;

  meanings = lectern_color_meanings_new (path);
  lectern_color_meanings_load (meanings, NULL);
  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    g_assert_nonnull (lectern_color_meanings_get (meanings, i));
  g_clear_object (&meanings);

  lectern_fuzz_remove_dir (dir);
  return 0;
}
