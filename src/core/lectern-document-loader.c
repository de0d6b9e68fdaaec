/* lectern-document-loader.c: plain text and Markdown files into documents
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lectern-document-builder.h"

struct _LecternDocumentLoader
{
  GObject     parent_instance;
  gsize       max_size;

  /* URI → format + 1, the reader's "Read as" choices; loads run in
   * worker threads, so the table has a lock. */
  GMutex      read_as_lock;
  GHashTable *read_as;
};

G_DEFINE_FINAL_TYPE (LecternDocumentLoader, lectern_document_loader, G_TYPE_OBJECT)

G_DEFINE_QUARK (lectern-document-error-quark, lectern_document_error)

enum {
  PROP_0,
  PROP_MAX_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Loading ---------------------------------------------------------------- */

/* Drops a UTF-8 byte order mark and turns CRLF and lone CR into LF;
 * @dropped_crs gets where a CR of a CRLF was taken out, for the map
 * from the document to the file. */
static char *
normalize_newlines (const char  *data,
                    gsize        len,
                    gsize       *out_len,
                    GArray     **dropped_crs)
{
  char *out;
  gsize j = 0;

  *dropped_crs = g_array_new (FALSE, FALSE, sizeof (gsize));

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  out = g_malloc (len + 1);
  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == '\r')
        {
          if (i + 1 < len && data[i + 1] == '\n')
            {
              g_array_append_val (*dropped_crs, j);
              i++;
            }
          out[j++] = '\n';
        }
      else
        out[j++] = data[i];
    }
  out[j] = 0;
  *out_len = j;

  return out;
}

LecternDocumentFormat
lectern_document_format_for_name (const char *name)
{
  static const char * const suffixes[] = { ".md", ".markdown", ".mdown", ".mkd", ".mkdn" };
  static const char * const html_suffixes[] = { ".html", ".htm", ".xhtml", ".shtml" };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (name != NULL, LECTERN_DOCUMENT_FORMAT_PLAIN);

  lower = g_ascii_strdown (name, -1);
  if (g_str_has_suffix (lower, ".epub"))
    return LECTERN_DOCUMENT_FORMAT_EPUB;
  if (g_str_has_suffix (lower, ".pdf"))
    return LECTERN_DOCUMENT_FORMAT_PDF;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return LECTERN_DOCUMENT_FORMAT_MARKDOWN;
  for (guint i = 0; i < G_N_ELEMENTS (html_suffixes); i++)
    if (g_str_has_suffix (lower, html_suffixes[i]))
      return LECTERN_DOCUMENT_FORMAT_HTML;

  return LECTERN_DOCUMENT_FORMAT_PLAIN;
}

/**
 * lectern_document_loader_load_bytes:
 * @self: a #LecternDocumentLoader
 * @bytes: the file's contents
 * @uri: the URI the document is known by
 * @display_name: the name to show in messages (and the title's fallback)
 * @format: how to read the contents
 * @error: a location for a #GError
 *
 * Builds a document from contents already in memory. Empty contents
 * give an empty document, not an error.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
LecternDocument *
lectern_document_loader_load_bytes (LecternDocumentLoader  *self,
                                    GBytes                 *bytes,
                                    const char             *uri,
                                    const char             *display_name,
                                    LecternDocumentFormat   format,
                                    GError                **error)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GArray) dropped_crs = NULL;
  const char *data;
  const char *bad;
  gsize len;
  gsize normalized_len;

  g_return_val_if_fail (LECTERN_IS_DOCUMENT_LOADER (self), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);

  if (len > self->max_size)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (self->max_size);

      g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_TOO_LARGE,
                   _("“%s” is too large to open (%s; the limit is %s)."),
                   display_name, size, limit);
      return NULL;
    }

  /* A web page names its own encoding, which libxml2 honours. */
  if (format == LECTERN_DOCUMENT_FORMAT_HTML)
    return _lectern_document_parse_html (data, len, uri, display_name, error);

  /* Books and PDFs are binary containers: they skip the text checks. */
  if (format == LECTERN_DOCUMENT_FORMAT_EPUB)
    return _lectern_document_parse_epub (data, len, uri, display_name,
                                         LECTERN_EPUB_UNCOMPRESSED_FACTOR * self->max_size, error);
  if (format == LECTERN_DOCUMENT_FORMAT_PDF)
    return _lectern_document_parse_pdf (bytes, uri, display_name, error);

  if (len > 0 && memchr (data, 0, len) != NULL)
    {
      g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_BINARY,
                   _("“%s” is not a text file: it contains binary data. "
                     "Lectern opens plain text and Markdown files."),
                   display_name);
      return NULL;
    }

  if (len > 0 && !g_utf8_validate_len (data, len, &bad))
    {
      g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_NOT_UTF8,
                   _("“%s” is not UTF-8 text (the first invalid byte is at position %llu). "
                     "Save it as UTF-8 and open it again."),
                   display_name, (unsigned long long) (bad - data));
      return NULL;
    }

  normalized = normalize_newlines (data, len, &normalized_len, &dropped_crs);

  if (format == LECTERN_DOCUMENT_FORMAT_MARKDOWN)
    return _lectern_document_parse_markdown (normalized, normalized_len, g_steal_pointer (&dropped_crs),
                                             uri, display_name);

  return _lectern_document_parse_plain (normalized, normalized_len, g_steal_pointer (&dropped_crs),
                                        uri, display_name);
}

static void
set_io_error (GError     **error,
              const GError *io_error,
              const char  *display_name)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_UNREADABLE,
                 _("“%s” could not be found. It may have been moved or deleted."),
                 display_name);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_UNREADABLE,
                 _("You do not have permission to read “%s”."),
                 display_name);
  else
    g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_UNREADABLE,
                 _("“%s” could not be read: %s"),
                 display_name, io_error->message);
}

static LecternDocumentFormat
choose_format (LecternDocumentLoader *self,
               const char            *uri,
               const char            *basename,
               GBytes                *bytes)
{
  gpointer chosen;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_mutex_lock (&self->read_as_lock);
  chosen = g_hash_table_lookup (self->read_as, uri);
  g_mutex_unlock (&self->read_as_lock);
  if (chosen != NULL)
    return GPOINTER_TO_UINT (chosen) - 1;

  return lectern_document_format_detect (basename, data, len);
}

/**
 * lectern_document_loader_set_read_as:
 * @self: a #LecternDocumentLoader
 * @uri: a document URI
 * @format: how to read it, or -1 to detect it again
 *
 * Remembers the reader's choice of format for one document, used by
 * every later load of @uri.
 */
void
lectern_document_loader_set_read_as (LecternDocumentLoader *self,
                                     const char            *uri,
                                     int                    format)
{
  g_return_if_fail (LECTERN_IS_DOCUMENT_LOADER (self));
  g_return_if_fail (uri != NULL);
  g_return_if_fail (format >= -1 && format <= LECTERN_DOCUMENT_FORMAT_HTML);

  g_mutex_lock (&self->read_as_lock);
  if (format < 0)
    g_hash_table_remove (self->read_as, uri);
  else
    g_hash_table_insert (self->read_as, g_strdup (uri), GUINT_TO_POINTER (format + 1));
  g_mutex_unlock (&self->read_as_lock);
}

static char *
dup_display_name (GFile *file)
{
  if (g_file_has_uri_scheme (file, "resource"))
    return g_file_get_basename (file);

  return g_file_get_parse_name (file);
}

/**
 * lectern_document_loader_load_file:
 * @self: a #LecternDocumentLoader
 * @file: a file (any GIO URI, including resource://)
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Reads and builds a document, choosing its format by the reader's
 * choice for its URI (lectern_document_loader_set_read_as()), else by
 * its name and content (lectern_document_format_detect()).
 * Blocks: call it from a thread, or use the async variant.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
LecternDocument *
lectern_document_loader_load_file (LecternDocumentLoader  *self,
                                   GFile                  *file,
                                   GCancellable           *cancellable,
                                   GError                **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) io_error = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (LECTERN_IS_DOCUMENT_LOADER (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  display_name = dup_display_name (file);
  basename = g_file_get_basename (file);
  uri = g_file_get_uri (file);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &io_error);
  if (info == NULL)
    {
      set_io_error (error, io_error, display_name);
      return NULL;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_NOT_REGULAR,
                   g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY
                     ? _("“%s” is a folder. Choose a text or Markdown file inside it.")
                     : _("“%s” is not a regular file."),
                   display_name);
      return NULL;
    }

  if ((guint64)g_file_info_get_size (info) > self->max_size)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (self->max_size);

      g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_TOO_LARGE,
                   _("“%s” is too large to open (%s; the limit is %s)."),
                   display_name, size, limit);
      return NULL;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, &io_error);
  if (bytes == NULL)
    {
      set_io_error (error, io_error, display_name);
      return NULL;
    }

  return lectern_document_loader_load_bytes (self, bytes, uri, display_name,
                                             choose_format (self, uri, basename, bytes),
                                             error);
}

static void
load_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  LecternDocumentLoader *self = source_object;
  GFile *file = task_data;
  GError *error = NULL;
  LecternDocument *document;

  document = lectern_document_loader_load_file (self, file, cancellable, &error);
  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

/**
 * lectern_document_loader_load_file_async:
 * @self: a #LecternDocumentLoader
 * @file: a file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the document is built
 * @user_data: data for @callback
 *
 * Reads and builds a document in a worker thread.
 */
void
lectern_document_loader_load_file_async (LecternDocumentLoader *self,
                                         GFile                 *file,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LECTERN_IS_DOCUMENT_LOADER (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lectern_document_loader_load_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_file_thread);
}

/**
 * lectern_document_loader_load_file_finish:
 * @self: a #LecternDocumentLoader
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
LecternDocument *
lectern_document_loader_load_file_finish (LecternDocumentLoader  *self,
                                          GAsyncResult           *result,
                                          GError                **error)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* GObject ---------------------------------------------------------------- */

gsize
lectern_document_loader_get_max_size (LecternDocumentLoader *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_LOADER (self), 0);

  return self->max_size;
}

/**
 * lectern_document_loader_set_max_size:
 * @self: a #LecternDocumentLoader
 * @max_size: the largest file, in bytes, the loader accepts
 */
void
lectern_document_loader_set_max_size (LecternDocumentLoader *self,
                                      gsize                  max_size)
{
  g_return_if_fail (LECTERN_IS_DOCUMENT_LOADER (self));

  if (self->max_size == max_size)
    return;

  self->max_size = max_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_SIZE]);
}

static void
lectern_document_loader_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  LecternDocumentLoader *self = LECTERN_DOCUMENT_LOADER (object);

  switch (prop_id)
    {
    case PROP_MAX_SIZE:
      g_value_set_uint64 (value, self->max_size);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_document_loader_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  LecternDocumentLoader *self = LECTERN_DOCUMENT_LOADER (object);

  switch (prop_id)
    {
    case PROP_MAX_SIZE:
      lectern_document_loader_set_max_size (self, g_value_get_uint64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_document_loader_finalize (GObject *object)
{
  LecternDocumentLoader *self = LECTERN_DOCUMENT_LOADER (object);

  g_clear_pointer (&self->read_as, g_hash_table_unref);
  g_mutex_clear (&self->read_as_lock);

  G_OBJECT_CLASS (lectern_document_loader_parent_class)->finalize (object);
}

static void
lectern_document_loader_class_init (LecternDocumentLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lectern_document_loader_finalize;
  object_class->get_property = lectern_document_loader_get_property;
  object_class->set_property = lectern_document_loader_set_property;

  properties[PROP_MAX_SIZE] =
    g_param_spec_uint64 ("max-size", NULL, NULL,
                         0, G_MAXUINT32, LECTERN_DOCUMENT_DEFAULT_MAX_SIZE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lectern_document_loader_init (LecternDocumentLoader *self)
{
  self->max_size = LECTERN_DOCUMENT_DEFAULT_MAX_SIZE;
  g_mutex_init (&self->read_as_lock);
  self->read_as = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * lectern_document_loader_new:
 *
 * Returns: (transfer full): a loader with the default size limit
 */
LecternDocumentLoader *
lectern_document_loader_new (void)
{
  return g_object_new (LECTERN_TYPE_DOCUMENT_LOADER, NULL);
}
