/* lectern-test-utils.c: helpers shared by the core tests
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "lectern-test-utils.h"

/* Makes a new directory under the system's temporary directory, named after
 * the test program, so a directory a crashed test left behind says whose it
 * is. */
char *
lectern_test_make_tmp_dir (void)
{
  g_autofree char *program = g_path_get_basename (g_get_prgname ());
  g_autofree char *template = g_strdup_printf ("lectern-%s-XXXXXX", program);
  g_autoptr(GError) error = NULL;
  char *dir;

  dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);

  return dir;
}

static void
remove_tree_inner (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      /* Tests make directories read-only to block writes: open them again. */
      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree_inner (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_remove (path);
    }
}

/* Removes @path and everything under it; fails the test if anything is
 * left. Symbolic links are removed, never followed. */
void
lectern_test_remove_tree (const char *path)
{
  remove_tree_inner (path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK));
}

void
lectern_test_dir_set_up (LecternTestDir *fixture,
                         gconstpointer   data)
{
  fixture->dir = lectern_test_make_tmp_dir ();
}

void
lectern_test_dir_tear_down (LecternTestDir *fixture,
                            gconstpointer   data)
{
  lectern_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* Writes @contents (@length bytes, or up to its NUL when -1) to @name in
 * @dir and returns the file's path. */
char *
lectern_test_write_file (const char *dir,
                         const char *name,
                         const char *contents,
                         gssize      length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

GBytes *
lectern_test_read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

/* Loads @text as if read from @uri, failing the test on any error. */
LecternDocument *
lectern_test_load_document (const char            *uri,
                            const char            *file_name,
                            const char            *text,
                            LecternDocumentFormat  format)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  LecternDocument *document;

  document = lectern_document_loader_load_bytes (loader, bytes, uri, file_name, format, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

/* A plain-text document read from @uri. */
LecternDocument *
lectern_test_make_document (const char *uri,
                            const char *text)
{
  return lectern_test_load_document (uri, "x.txt", text, LECTERN_DOCUMENT_FORMAT_PLAIN);
}

/* The character offset of the first @needle in @document's text. */
guint
lectern_test_find_offset (LecternDocument *document,
                          const char      *needle)
{
  const char *text = lectern_document_get_text (document);
  const char *hit = strstr (text, needle);

  g_assert_nonnull (hit);

  return g_utf8_pointer_to_offset (text, hit);
}

/* Makes a temporary directory for a test program's user data and points
 * LECTERN_ANNOTATIONS_DIR at "annotations" inside it (made on first save),
 * so no test reads or writes the real user's files. Returns the temporary
 * directory; @annotations_dir, when not %NULL, gets the annotations path. */
char *
lectern_test_make_data_dir (char **annotations_dir)
{
  g_autofree char *dir = lectern_test_make_tmp_dir ();
  g_autofree char *annotations = g_build_filename (dir, "annotations", NULL);

  g_setenv ("LECTERN_ANNOTATIONS_DIR", annotations, TRUE);
  if (annotations_dir != NULL)
    *annotations_dir = g_steal_pointer (&annotations);

  return g_steal_pointer (&dir);
}
