/* lectern-test-utils.h: helpers shared by the core tests
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-core.h"

G_BEGIN_DECLS

/* A fresh temporary directory per test, removed with all it holds after
 * the test: use as a GTest fixture (g_test_add (..., LecternTestDir, NULL,
 * lectern_test_dir_set_up, test, lectern_test_dir_tear_down)). */
typedef struct
{
  char *dir;
} LecternTestDir;

void             lectern_test_dir_set_up      (LecternTestDir  *fixture,
                                               gconstpointer    data);
void             lectern_test_dir_tear_down   (LecternTestDir  *fixture,
                                               gconstpointer    data);

char            *lectern_test_make_tmp_dir    (void);
char            *lectern_test_make_data_dir   (char           **annotations_dir);
void             lectern_test_remove_tree     (const char      *path);

char            *lectern_test_write_file      (const char      *dir,
                                               const char      *name,
                                               const char      *contents,
                                               gssize           length);
GBytes          *lectern_test_read_bytes      (const char      *path);

LecternDocument *lectern_test_load_document   (const char      *uri,
                                               const char      *file_name,
                                               const char      *text,
                                               LecternDocumentFormat format);
LecternDocument *lectern_test_make_document   (const char      *uri,
                                               const char      *text);
guint            lectern_test_find_offset     (LecternDocument *document,
                                               const char      *needle);

G_END_DECLS
