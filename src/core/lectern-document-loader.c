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
  GObject parent_instance;
  gsize   max_size;
};

G_DEFINE_FINAL_TYPE (LecternDocumentLoader, lectern_document_loader, G_TYPE_OBJECT)

G_DEFINE_QUARK (lectern-document-error-quark, lectern_document_error)

enum {
  PROP_0,
  PROP_MAX_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Plain text ------------------------------------------------------------- */

static gboolean
line_is_blank (const char *line,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (line[i]))
      return FALSE;

  return TRUE;
}

/* Paragraphs are split on blank lines; the lines of one paragraph are
 * joined with a space, since plain text is often wrapped by hand. */
static LecternDocument *
parse_plain (const char *data,
             gsize       len,
             const char *uri,
             const char *display_name)
{
  g_autofree char *title = NULL;
  const char *p = data;
  const char *end = data + len;
  Builder b;

  _lectern_builder_init (&b, len);

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;
      const char *s = p;
      const char *e = line_end;

      while (s < e && (*s == ' ' || *s == '\t'))
        s++;
      while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        e--;

      if (line_is_blank (s, e - s))
        _lectern_builder_end_leaf (&b);
      else
        {
          if (b.in_leaf)
            _lectern_builder_append (&b, " ", 1);
          else
            _lectern_builder_begin_leaf (&b, LECTERN_BLOCK_PARAGRAPH, 0);
          _lectern_builder_append (&b, s, e - s);
        }

      p = line_end + 1;
    }
  _lectern_builder_end_leaf (&b);

  /* A short first paragraph reads as the title. */
  if (b.blocks->len > 1)
    {
      const LecternBlock *first = &g_array_index (b.blocks, LecternBlock, 0);
      const char *nl = memchr (b.text->str, '\n', b.text->len);
      gsize first_bytes = nl != NULL ? (gsize)(nl - b.text->str) : b.text->len;

      if (first->end - first->start <= 80)
        {
          title = g_strndup (b.text->str, first_bytes);
          g_array_index (b.blocks, LecternBlock, 0).kind = LECTERN_BLOCK_HEADING;
          g_array_index (b.blocks, LecternBlock, 0).level = 1;
        }
    }
  if (title == NULL)
    title = _lectern_document_title_from_name (display_name);

  return _lectern_builder_finish (&b, uri, title, LECTERN_DOCUMENT_FORMAT_PLAIN);
}

/* Loading ---------------------------------------------------------------- */

/* Drops a UTF-8 byte order mark and turns CRLF and lone CR into LF. */
static char *
normalize_newlines (const char *data,
                    gsize       len,
                    gsize      *out_len)
{
  char *out;
  gsize j = 0;

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
          out[j++] = '\n';
          if (i + 1 < len && data[i + 1] == '\n')
            i++;
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

  normalized = normalize_newlines (data, len, &normalized_len);

  if (format == LECTERN_DOCUMENT_FORMAT_MARKDOWN)
    return _lectern_document_parse_markdown (normalized, normalized_len, uri, display_name);

  return parse_plain (normalized, normalized_len, uri, display_name);
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
 * Reads and builds a document, choosing Markdown by the file name.
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
                                             lectern_document_format_for_name (basename),
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
lectern_document_loader_class_init (LecternDocumentLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

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
