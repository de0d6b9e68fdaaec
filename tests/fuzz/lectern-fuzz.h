/* lectern-fuzz.h: shared by the fuzz targets and their replay tests
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>

#include "lectern-core.h"

G_BEGIN_DECLS

/* Under /dev/null nothing can be created: saves fail at once, and a
 * corrupt file cannot be moved aside, so no input touches the disk. */
#define LECTERN_FUZZ_NO_DIRECTORY "/dev/null/lectern-fuzz"

int              LLVMFuzzerTestOneInput     (const guint8 *data,
                                             size_t        size);
int              LLVMFuzzerInitialize       (int          *argc,
                                             char       ***argv);
LecternDocument *lectern_fuzz_make_document (const char   *uri);
void             lectern_fuzz_check_document (LecternDocument *document);
char            *lectern_fuzz_make_dir      (void);
char            *lectern_fuzz_write_file    (const char   *dir,
                                             const char   *name,
                                             const guint8 *data,
                                             size_t        size);
void             lectern_fuzz_remove_dir    (const char   *dir);

G_END_DECLS
