/* lectern-json-file.h: the one private persistence layer of the stores
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deeper JSON is treated as corrupt: json-glib parses recursively, and
 * our formats nest a few levels. */
#define LECTERN_JSON_FILE_MAX_NESTING 128

/* Our temporary files are ".<name>" LECTERN_JSON_FILE_TEMPORARY "XXXXXX"
 * beside <name>: the only files we ever remove unasked. */
#define LECTERN_JSON_FILE_TEMPORARY ".lectern-tmp-"

/* What reading a file of one of our formats gave. */
typedef enum
{
  LECTERN_JSON_FILE_LOADED,
  LECTERN_JSON_FILE_MISSING,
  LECTERN_JSON_FILE_TOO_LARGE,
  LECTERN_JSON_FILE_UNREADABLE,
  LECTERN_JSON_FILE_CORRUPT,
  LECTERN_JSON_FILE_NEWER,
} LecternJsonFileStatus;

typedef struct
{
  /* The bytes read (or given); set unless MISSING, TOO_LARGE or UNREADABLE. */
  GBytes   *bytes;
  /* The parsed file, owned; set for LOADED and NEWER. */
  JsonNode *root;
  /* The "version" of the file: >= 1 for LOADED, above the maximum for NEWER. */
  gint64    version;
  /* Why the file could not be read (UNREADABLE), a #GFileError. */
  GError   *error;
} LecternJsonFileContents;

void                  lectern_json_file_contents_clear (LecternJsonFileContents *contents);

GBytes               *lectern_json_file_read         (const char              *path,
                                                      gsize                    max_size,
                                                      gboolean                *too_large,
                                                      GError                 **error);
gboolean              lectern_json_file_is_plain     (const char              *data,
                                                      gsize                    size);
JsonNode             *lectern_json_file_parse        (GBytes                  *bytes,
                                                      const char              *path);
LecternJsonFileStatus lectern_json_file_load         (const char              *path,
                                                      GBytes                  *bytes,
                                                      gsize                    max_size,
                                                      const char              *format,
                                                      gint64                   max_version,
                                                      LecternJsonFileContents *contents);
JsonNode             *lectern_json_file_load_backup  (const char              *path,
                                                      gsize                    max_size,
                                                      const char              *format,
                                                      gint64                   max_version);
gboolean              lectern_json_file_keep_corrupt (const char              *path,
                                                      char                   **kept_name,
                                                      int                     *saved_errno);
void                  lectern_json_file_remove_stale_temporaries (const char *path);
char                 *lectern_json_file_resolve      (const char              *path);
GBytes               *lectern_json_merge             (GBytes                  *base,
                                                      GBytes                  *theirs,
                                                      GBytes                  *ours,
                                                      const char              *member);
void                  lectern_json_file_unref_later  (JsonNode                *root,
                                                      guint                    n_entries);

/* Reading members, tolerant of what a hand-edited file may hold. */
gboolean              lectern_json_read_string       (JsonObject              *object,
                                                      const char              *name,
                                                      gboolean                 required,
                                                      const char             **value);
gboolean              lectern_json_read_uint         (JsonObject              *object,
                                                      const char              *name,
                                                      guint                   *value);
gboolean              lectern_json_read_tags         (JsonObject              *object,
                                                      GPtrArray               *tags);
JsonArray            *lectern_json_dup_array         (JsonNode                *root,
                                                      const char              *member);
JsonObject           *lectern_json_dup_unknown       (JsonObject              *object,
                                                      const char * const      *known);
void                  lectern_json_add_unknown       (JsonObject              *object,
                                                      JsonObject              *unknown);
JsonObject           *lectern_json_member_object     (JsonObject              *object,
                                                      const char              *name);
void                  lectern_json_generate_object   (JsonGenerator           *generator,
                                                      JsonObject              *object,
                                                      GString                 *out);

/* Writing: one handle per file. Saves are written durably by one worker
 * thread, in order, and the latest of several queued saves of a file
 * replaces the others. */
typedef struct _LecternJsonFile LecternJsonFile;

typedef GBytes *(*LecternJsonFileSerializeFunc) (gpointer data);
typedef void    (*LecternJsonFileDoneFunc)      (LecternJsonFile *file,
                                                 const GError    *error,
                                                 gpointer         user_data);

LecternJsonFile      *lectern_json_file_new          (const char              *path,
                                                      gboolean                 keep_backup);
LecternJsonFile      *lectern_json_file_ref          (LecternJsonFile         *file);
void                  lectern_json_file_unref        (LecternJsonFile         *file);
const char           *lectern_json_file_get_path     (LecternJsonFile         *file);
void                  lectern_json_file_set_done_func (LecternJsonFile        *file,
                                                      LecternJsonFileDoneFunc  done,
                                                      gpointer                 user_data);
void                  lectern_json_file_set_rules    (LecternJsonFile         *file,
                                                      gsize                    max_size,
                                                      const char              *merge_member);
void                  lectern_json_file_set_on_disk  (LecternJsonFile         *file,
                                                      GBytes                  *bytes);
void                  lectern_json_file_save         (LecternJsonFile         *file,
                                                      LecternJsonFileSerializeFunc serialize,
                                                      gpointer                 data,
                                                      GDestroyNotify           free_data);
void                  lectern_json_file_save_bytes   (LecternJsonFile         *file,
                                                      GBytes                  *bytes);
gboolean              lectern_json_file_is_saving    (LecternJsonFile         *file);
gboolean              lectern_json_file_flush        (LecternJsonFile         *file,
                                                      GError                 **error);

/* Tests: while held, the worker takes no save up. */
void                  _lectern_json_file_writer_hold (gboolean                 hold);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternJsonFile, lectern_json_file_unref)

G_END_DECLS
