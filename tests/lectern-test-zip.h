/* lectern-test-zip.h: zips made in memory, for the EPUB tests, fuzz
 * target and benchmark
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LecternTestZip LecternTestZip;

LecternTestZip *lectern_test_zip_new    (gsize           capacity,
                                         gboolean        deflate);
void            lectern_test_zip_add    (LecternTestZip *zip,
                                         const char     *name,
                                         const void     *data,
                                         gsize           size);
GBytes         *lectern_test_zip_finish (LecternTestZip *zip);

G_END_DECLS
