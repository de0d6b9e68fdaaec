/* lectern-json-file.c: reading and writing the JSON files of the stores
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules of DESIGN.md ("The highlights file"), written once for every
 * file Lectern keeps: reads are bounded and never block on what is not a
 * regular file; json-glib only sees strict JSON of a sane depth; a newer
 * version is reported, never written; a file that does not parse is
 * renamed to `<name>.corrupt-<timestamp>`; writes replace the file
 * durably (temporary file, fsync, rename) after keeping the previous
 * contents as `.bak`. They are done by one worker thread, so that the
 * main loop never waits for the disk (see "Writing" below).
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lectern-json-file.h"

/* Reading */

/* The caller's message names the file. */
static void
set_io_error (GError **error,
              int      saved_errno)
{
  g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
}

/* Non-blocking, so that a named pipe in its place cannot hang us; -1
 * with @error for anything but a regular file. */
static int
open_regular (const char  *path,
              struct stat *st,
              GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);

  if (fd < 0)
    {
      set_io_error (error, errno);
      return -1;
    }

  if (fstat (fd, st) != 0)
    {
      set_io_error (error, errno);
      close (fd);
      return -1;
    }

  if (!S_ISREG (st->st_mode))
    {
      if (S_ISDIR (st->st_mode))
        set_io_error (error, EISDIR);
      else
        g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                             _("It is not a regular file"));
      close (fd);
      return -1;
    }

  return fd;
}

/* Reads @fd to its end, but never more than @max_size bytes: a file that
 * grows while it is read sets *@too_large. */
static char *
read_bounded (int       fd,
              gsize     size_hint,
              gsize     max_size,
              gsize    *length,
              gboolean *too_large,
              GError  **error)
{
  /* Room for one byte more than the size shows a file that grew. */
  gsize capacity = size_hint + 1;
  g_autofree char *data = g_malloc (capacity);

  *length = 0;
  for (;;)
    {
      gssize n;

      if (*length == capacity)
        {
          if (capacity > max_size)
            {
              *too_large = TRUE;
              return NULL;
            }
          capacity = MIN (2 * capacity, max_size + 1);
          data = g_realloc (data, capacity);
        }

      n = read (fd, data + *length, capacity - *length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_io_error (error, errno);
          return NULL;
        }
      if (n == 0)
        return g_steal_pointer (&data);
      *length += n;
    }
}

/**
 * lectern_json_file_read:
 * @path: a file
 * @max_size: the largest size that is read
 * @too_large: (out): set when the file is larger, with no error
 * @error: a #GFileError, also for anything but a regular file
 *
 * Reads a regular file of at most @max_size bytes. A larger one is not
 * read (or not further, if it grows while it is read); a named pipe,
 * device or directory is not opened for reading at all.
 *
 * Returns: (transfer full) (nullable): the contents
 */
GBytes *
lectern_json_file_read (const char  *path,
                        gsize        max_size,
                        gboolean    *too_large,
                        GError     **error)
{
  struct stat st;
  char *data;
  gsize length;
  int fd;

  *too_large = FALSE;

  fd = open_regular (path, &st, error);
  if (fd < 0)
    return NULL;

  if ((guint64)st.st_size > max_size)
    {
      *too_large = TRUE;
      close (fd);
      return NULL;
    }

  data = read_bounded (fd, (gsize)st.st_size, max_size, &length, too_large, error);
  close (fd);

  return data != NULL ? g_bytes_new_take (data, length) : NULL;
}

/* From the '"' at data[i] to its closing quote: the next one after an
 * even number of backslashes. Returns its index, or @size if none. */
static gsize
skip_string (const char *data,
             gsize       size,
             gsize       i)
{
  for (;;)
    {
      const char *quote = memchr (data + i + 1, '"', size - i - 1);
      gsize backslashes = 0;

      if (quote == NULL)
        return size;
      i = quote - data;
      while (data[i - 1 - backslashes] == '\\')
        backslashes++;
      if (backslashes % 2 == 0)
        return i;
    }
}

/**
 * lectern_json_file_is_plain:
 * @data: the text of a file
 * @size: its length
 *
 * The guard in front of json-glib, which parses recursively (a file
 * nested many thousands of levels deep would overflow the stack) and
 * accepts more than JSON: comments (`//`, `/ *`, `#`) and single-quoted
 * strings, inside which brackets are not counted here. Our files are
 * strict JSON nested a few levels: anything else is rejected before
 * json-glib sees it. Outside strings, strict JSON has no quote but '"',
 * and no '#' or '/'.
 *
 * Returns: %TRUE for strict JSON text nested at most
 *   %LECTERN_JSON_FILE_MAX_NESTING levels with balanced brackets
 */
gboolean
lectern_json_file_is_plain (const char *data,
                            gsize       size)
{
  guint depth = 0;

  for (gsize i = 0; i < size; i++)
    {
      switch (data[i])
        {
        case '"':
          if ((i = skip_string (data, size, i)) == size)
            return FALSE;
          break;

        case '[':
        case '{':
          if (++depth > LECTERN_JSON_FILE_MAX_NESTING)
            return FALSE;
          break;

        case ']':
        case '}':
          if (depth == 0)
            return FALSE;
          depth--;
          break;

        case '\'':
        case '#':
        case '/':
          return FALSE;

        default:
          break;
        }
    }

  return depth == 0;
}

/* The version of a file of @format, or 0 when the top level is not one:
 * not an object, another "format", no usable "version". */
static gint64
file_version (JsonNode   *root,
              const char *format)
{
  JsonObject *object;
  JsonNode *version;
  const char *name;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;

  object = json_node_get_object (root);
  if (!lectern_json_read_string (object, "format", TRUE, &name) || strcmp (name, format) != 0)
    return 0;

  version = json_object_get_member (object, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64)
    return 0;

  return MAX (json_node_get_int (version), 0);
}

/* Files larger than this are parsed on a thread of their own. */
#define PARSE_IN_THREAD_SIZE (1024 * 1024)

typedef struct
{
  GBytes     *bytes;
  const char *path;
  JsonNode   *root;
} ParseJob;

static JsonNode *
parse_now (GBytes     *bytes,
           const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!json_parser_load_from_data (parser, data, size, &error))
    {
      g_debug ("%s: %s", path, error->message);
      return NULL;
    }

  return json_parser_steal_root (parser);
}

static gpointer
parse_thread (gpointer data)
{
  ParseJob *job = data;

  job->root = parse_now (job->bytes, job->path);

  return NULL;
}

/**
 * lectern_json_file_parse:
 * @bytes: the contents of @path
 * @path: the file, for messages
 *
 * Parses strict JSON of a sane depth (see lectern_json_file_is_plain()).
 *
 * Returns: (transfer full) (nullable): the parsed file; %NULL if it is
 *   not such JSON
 */
JsonNode *
lectern_json_file_parse (GBytes     *bytes,
                         const char *path)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  ParseJob job = { bytes, path, NULL };

  if (!lectern_json_file_is_plain (data, size))
    {
      g_debug ("%s: not strict JSON, or nested more than %u levels deep",
               path, LECTERN_JSON_FILE_MAX_NESTING);
      return NULL;
    }

  if (size < PARSE_IN_THREAD_SIZE)
    return parse_now (bytes, path);

  /* The tree of a large file is made, and later freed (see
   * lectern_json_file_unref_later()), by other threads, in their own
   * malloc arena: freed there, its hundreds of thousands of nodes do not
   * leave the main thread's heap to be tidied up at its next allocation,
   * which would stall the main loop for tens of milliseconds. */
  g_thread_join (g_thread_new ("lectern-parse", parse_thread, &job));

  return job.root;
}

/* Whether @data escapes a NUL ("\u0000") in a string: json-glib would
 * cut the string there, and the next save would lose the rest. */
static gboolean
has_nul_escape (const char *data,
                gsize       size)
{
  const char *p = data;
  const char *end = data + size;

  while ((p = g_strstr_len (p, end - p, "\\u0000")) != NULL)
    {
      gsize backslashes = 0;

      while (p - backslashes > data && p[-1 - (gssize)backslashes] == '\\')
        backslashes++;
      if (backslashes % 2 == 0)
        return TRUE;
      p++;
    }

  return FALSE;
}

static LecternJsonFileStatus
parse (const char              *path,
       const char              *format,
       gint64                   max_version,
       LecternJsonFileContents *contents)
{
  contents->root = lectern_json_file_parse (contents->bytes, path);
  if (contents->root == NULL)
    return LECTERN_JSON_FILE_CORRUPT;

  contents->version = file_version (contents->root, format);
  if (contents->version > max_version)
    return LECTERN_JSON_FILE_NEWER;
  if (contents->version < 1)
    return LECTERN_JSON_FILE_CORRUPT;

  return LECTERN_JSON_FILE_LOADED;
}

/**
 * lectern_json_file_load:
 * @path: the file
 * @bytes: (nullable): its contents, if they were read already
 * @max_size: the largest file that is read
 * @format: the "format" its top-level object must name
 * @max_version: the newest "version" that may be written
 * @contents: (out caller-allocates): what was read; clear it with
 *   lectern_json_file_contents_clear()
 *
 * Reads and parses a file of one of our formats. The caller decides what
 * each outcome means for its file and names it in its own messages: a
 * newer version is shown but never written, a corrupt file is kept with
 * lectern_json_file_keep_corrupt().
 *
 * Returns: what came of it
 */
LecternJsonFileStatus
lectern_json_file_load (const char              *path,
                        GBytes                  *bytes,
                        gsize                    max_size,
                        const char              *format,
                        gint64                   max_version,
                        LecternJsonFileContents *contents)
{
  gboolean too_large = FALSE;
  const char *data;
  gsize size;

  memset (contents, 0, sizeof *contents);

  if (bytes != NULL)
    contents->bytes = g_bytes_ref (bytes);
  else
    contents->bytes = lectern_json_file_read (path, max_size, &too_large, &contents->error);

  if (too_large)
    return LECTERN_JSON_FILE_TOO_LARGE;

  if (contents->bytes == NULL)
    {
      if (g_error_matches (contents->error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return LECTERN_JSON_FILE_MISSING;
      return LECTERN_JSON_FILE_UNREADABLE;
    }

  /* Refused whole, never cut: the file is left as it is (issue 19). */
  data = g_bytes_get_data (contents->bytes, &size);
  if (has_nul_escape (data, size))
    {
      g_set_error_literal (&contents->error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                           _("It holds a NUL character (\\u0000), which Lectern cannot keep"));
      return LECTERN_JSON_FILE_UNREADABLE;
    }

  return parse (path, format, max_version, contents);
}

/**
 * lectern_json_file_load_backup:
 * @path: a file that could not be read
 * @max_size: the largest file that is read
 * @format: the "format" its top-level object must name
 * @max_version: the newest "version" that may be written
 *
 * Reads `<path>.bak`, the file before the last save, when @path itself
 * is corrupt (zeroed by a crash, truncated).
 *
 * Returns: (transfer full) (nullable): the parsed backup, if it is good
 */
JsonNode *
lectern_json_file_load_backup (const char *path,
                               gsize       max_size,
                               const char *format,
                               gint64      max_version)
{
  g_autofree char *bak = g_strconcat (path, ".bak", NULL);
  LecternJsonFileContents contents;
  JsonNode *root = NULL;

  if (lectern_json_file_load (bak, NULL, max_size, format, max_version, &contents) == LECTERN_JSON_FILE_LOADED)
    root = g_steal_pointer (&contents.root);
  lectern_json_file_contents_clear (&contents);

  return root;
}

void
lectern_json_file_contents_clear (LecternJsonFileContents *contents)
{
  g_clear_pointer (&contents->bytes, g_bytes_unref);
  g_clear_pointer (&contents->root, json_node_unref);
  g_clear_error (&contents->error);
}

static char *
unused_corrupt_path (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  char *corrupt_path = g_strdup_printf ("%s.corrupt-%s", path, stamp);

  for (guint i = 1; g_file_test (corrupt_path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK); i++)
    {
      g_free (corrupt_path);
      corrupt_path = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, i);
    }

  return corrupt_path;
}

/**
 * lectern_json_file_keep_corrupt:
 * @path: a file that could not be read
 * @kept_name: (out) (transfer full): the name it is kept under
 * @saved_errno: (out): why it could not be renamed
 *
 * Moves an unreadable file aside, to `<path>.corrupt-<timestamp>`, so
 * that nothing is overwritten unseen.
 *
 * Returns: %TRUE if the file was renamed
 */
gboolean
lectern_json_file_keep_corrupt (const char  *path,
                                char       **kept_name,
                                int         *saved_errno)
{
  g_autofree char *corrupt_path = unused_corrupt_path (path);

  *kept_name = NULL;
  if (g_rename (path, corrupt_path) != 0)
    {
      *saved_errno = errno;
      return FALSE;
    }

  *kept_name = g_path_get_basename (corrupt_path);
  return TRUE;
}

/* ".<name>.lectern-tmp-XXXXXX" or ".<name>.bak.lectern-tmp-XXXXXX". */
static gboolean
is_our_temporary (const char *name,
                  const char *basename)
{
  gsize base_len = strlen (basename);
  const char *rest;

  if (name[0] != '.' || strncmp (name + 1, basename, base_len) != 0)
    return FALSE;

  rest = name + 1 + base_len;
  if (g_str_has_prefix (rest, ".bak"))
    rest += strlen (".bak");
  if (!g_str_has_prefix (rest, LECTERN_JSON_FILE_TEMPORARY))
    return FALSE;

  rest += strlen (LECTERN_JSON_FILE_TEMPORARY);
  if (strlen (rest) != 6)
    return FALSE;
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isalnum (rest[i]))
      return FALSE;

  return TRUE;
}

/**
 * lectern_json_file_remove_stale_temporaries:
 * @path: a file
 *
 * A save killed halfway leaves our temporary file beside the real one
 * (".<name>.lectern-tmp-XXXXXX", or the same after ".bak"; beside the
 * target of a symbolic link); the real file is whole. Only that one
 * pattern is removed: the reader's own copies ("<name>.backup",
 * "<name>.bak.orig01") are never touched. Call this before reading @path.
 */
void
lectern_json_file_remove_stale_temporaries (const char *path)
{
  g_autofree char *target = lectern_json_file_resolve (path);
  g_autofree char *dirname = g_path_get_dirname (target);
  g_autofree char *basename = g_path_get_basename (target);
  g_autoptr(GDir) dir = g_dir_open (dirname, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *stale = NULL;
      GStatBuf st;

      if (!is_our_temporary (name, basename))
        continue;

      stale = g_build_filename (dirname, name, NULL);
      if (g_lstat (stale, &st) == 0 && S_ISREG (st.st_mode) && g_unlink (stale) == 0)
        g_debug ("Removed %s, left by an interrupted save", stale);
    }
}

static void
unref_json_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  json_node_unref (task_data);
  g_task_return_boolean (task, TRUE);
}

/**
 * lectern_json_file_unref_later:
 * @root: (transfer full) (nullable): a parsed file nothing else holds
 * @n_entries: how many entries it had
 *
 * Freeing the JSON tree of a large file takes about as long as parsing
 * it (json-glib frees node by node); a worker thread frees a large one
 * while the main loop goes on.
 */
void
lectern_json_file_unref_later (JsonNode *root,
                               guint     n_entries)
{
  g_autoptr(GTask) task = NULL;

  if (root == NULL)
    return;

  if (n_entries < 1000)
    {
      json_node_unref (root);
      return;
    }

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, lectern_json_file_unref_later);
  g_task_set_name (task, "[lectern] free JSON");
  g_task_set_task_data (task, root, NULL);
  g_task_run_in_thread (task, unref_json_thread);
}

/* Members */

gboolean
lectern_json_read_string (JsonObject  *object,
                          const char  *name,
                          gboolean     required,
                          const char **value)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return !required;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  *value = json_node_get_string (node);
  return TRUE;
}

gboolean
lectern_json_read_uint (JsonObject *object,
                        const char *name,
                        guint      *value)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 number;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  number = json_node_get_int (node);
  if (number < 0 || number > G_MAXUINT)
    return FALSE;

  *value = (guint)number;
  return TRUE;
}

/* Fills @tags with borrowed strings, then %NULL. */
gboolean
lectern_json_read_tags (JsonObject *object,
                        GPtrArray  *tags)
{
  JsonNode *node = json_object_get_member (object, "tags");

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonArray *array;
      guint n;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return FALSE;

      array = json_node_get_array (node);
      n = json_array_get_length (array);
      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            return FALSE;
          g_ptr_array_add (tags, (gpointer)json_node_get_string (element));
        }
    }

  g_ptr_array_add (tags, NULL);
  return TRUE;
}

/* The array @member of the top level: an empty one when it is missing,
 * %NULL when it is something else. */
JsonArray *
lectern_json_dup_array (JsonNode   *root,
                        const char *member)
{
  JsonNode *node = json_object_get_member (json_node_get_object (root), member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return json_array_new ();
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_array_ref (json_node_get_array (node));
}

/* Appends the compact JSON of @object, which it consumes. */
void
lectern_json_generate_object (JsonGenerator *generator,
                              JsonObject    *object,
                              GString       *out)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  json_generator_set_root (generator, node);
  json_node_unref (node);
  json_generator_to_gstring (generator, out);
}

/**
 * lectern_json_dup_unknown:
 * @object: (nullable): an object of a file
 * @known: the members this version reads
 *
 * A newer minor version may add members anywhere; whatever this version
 * does not know is kept, per object, and written back with
 * lectern_json_add_unknown().
 *
 * Returns: (transfer full) (nullable): the other members, or %NULL if
 *   there are none
 */
JsonObject *
lectern_json_dup_unknown (JsonObject         *object,
                          const char * const *known)
{
  g_autoptr(GList) members = NULL;
  JsonObject *unknown = NULL;

  if (object == NULL)
    return NULL;

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (g_strv_contains (known, l->data))
        continue;
      if (unknown == NULL)
        unknown = json_object_new ();
      json_object_set_member (unknown, l->data, json_node_copy (json_object_get_member (object, l->data)));
    }

  return unknown;
}

/* Adds the members of @unknown (nullable) that @object does not have. */
void
lectern_json_add_unknown (JsonObject *object,
                          JsonObject *unknown)
{
  g_autoptr(GList) members = NULL;

  if (unknown == NULL)
    return;

  members = json_object_get_members (unknown);
  for (GList *l = members; l != NULL; l = l->next)
    if (!json_object_has_member (object, l->data))
      json_object_set_member (object, l->data, json_node_copy (json_object_get_member (unknown, l->data)));
}

/* The object @name of @object (nullable), or %NULL. */
JsonObject *
lectern_json_member_object (JsonObject *object,
                            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}
