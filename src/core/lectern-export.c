/* lectern-export.c: highlights out as Markdown or W3C Web Annotations,
 * and Web Annotations back in onto open documents
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The object holds what both directions need (the stores, the open
 * documents, the colour meanings) and the two entry points:
 * lectern_export_write() and lectern_export_import(). The stages are in
 * their own files; lectern-export-private.h lists them.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lectern-export-private.h"
#include "lectern-json-file.h"

G_DEFINE_FINAL_TYPE (LecternExport, lectern_export, G_TYPE_OBJECT)

G_DEFINE_QUARK (lectern-export-error-quark, lectern_export_error)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LIBRARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static LecternImportResult *
import_result_new (void)
{
  LecternImportResult *result = g_new0 (LecternImportResult, 1);

  result->highlights = g_ptr_array_new_with_free_func (g_object_unref);
  result->messages = g_ptr_array_new_with_free_func (g_free);
  result->links = g_ptr_array_new_with_free_func (g_object_unref);

  return result;
}

/* Object */

static void
lectern_export_dispose (GObject *object)
{
  LecternExport *self = (LecternExport *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->library);
  g_clear_object (&self->meanings);
  g_clear_object (&self->links);

  G_OBJECT_CLASS (lectern_export_parent_class)->dispose (object);
}

static void
lectern_export_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LecternExport *self = LECTERN_EXPORT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_export_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LecternExport *self = LECTERN_EXPORT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_export_class_init (LecternExportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lectern_export_dispose;
  object_class->get_property = lectern_export_get_property;
  object_class->set_property = lectern_export_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LECTERN_TYPE_ANNOTATION_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL,
                         LECTERN_TYPE_LIBRARY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lectern_export_init (LecternExport *self)
{
}

/* Every highlight of the store and every link of the link store. */
static void
collect_all (LecternExport  *self,
             GPtrArray     **highlights,
             GPtrArray     **links)
{
  guint n;

  *highlights = g_ptr_array_new_with_free_func (g_object_unref);
  *links = g_ptr_array_new_with_free_func (g_object_unref);

  n = self->store != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->store)) : 0;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (*highlights, g_list_model_get_item (G_LIST_MODEL (self->store), i));

  n = self->links != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->links)) : 0;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (*links, g_list_model_get_item (G_LIST_MODEL (self->links), i));
}

/* Public API */

/**
 * lectern_export_new:
 * @store: (nullable): the store that imports add to, and that names
 *   documents which are no longer open
 * @library: (nullable): the open documents
 *
 * Creates an exporter. Exports need neither (a document that neither
 * knows is named by its id); imports need both.
 *
 * Returns: (transfer full): a new #LecternExport
 */
LecternExport *
lectern_export_new (LecternAnnotationStore *store,
                    LecternLibrary         *library)
{
  g_return_val_if_fail (store == NULL || LECTERN_IS_ANNOTATION_STORE (store), NULL);
  g_return_val_if_fail (library == NULL || LECTERN_IS_LIBRARY (library), NULL);

  return g_object_new (LECTERN_TYPE_EXPORT,
                       "store", store,
                       "library", library,
                       NULL);
}

/**
 * lectern_export_set_color_meanings:
 * @self: a #LecternExport
 * @meanings: (nullable): what the colours stand for
 *
 * With meanings, exports name each highlight's colour with its meaning:
 * "Colour: Yellow (Key point)" in Markdown, `lectern:colorMeaning` in
 * JSON-LD.
 */
void
lectern_export_set_color_meanings (LecternExport        *self,
                                   LecternColorMeanings *meanings)
{
  g_return_if_fail (LECTERN_IS_EXPORT (self));
  g_return_if_fail (!meanings || LECTERN_IS_COLOR_MEANINGS (meanings));

  g_set_object (&self->meanings, meanings);
}

/**
 * lectern_export_get_store:
 * @self: a #LecternExport
 *
 * Returns: (transfer none) (nullable): the store
 */
LecternAnnotationStore *
lectern_export_get_store (LecternExport *self)
{
  g_return_val_if_fail (LECTERN_IS_EXPORT (self), NULL);

  return self->store;
}

/**
 * lectern_export_set_link_store:
 * @self: a #LecternExport
 * @links: (nullable): the reader's passage links
 *
 * Sets the link store that imports add passage links to and whose links
 * lectern_export_write() exports when given no arrays. Without one, passage links in an imported file are skipped.
 */
void
lectern_export_set_link_store (LecternExport    *self,
                               LecternLinkStore *links)
{
  g_return_if_fail (LECTERN_IS_EXPORT (self));
  g_return_if_fail (links == NULL || LECTERN_IS_LINK_STORE (links));

  g_set_object (&self->links, links);
}

/**
 * lectern_export_get_link_store:
 * @self: a #LecternExport
 *
 * Returns: (transfer none) (nullable): the link store
 */
LecternLinkStore *
lectern_export_get_link_store (LecternExport *self)
{
  g_return_val_if_fail (LECTERN_IS_EXPORT (self), NULL);

  return self->links;
}

/**
 * lectern_export_get_library:
 * @self: a #LecternExport
 *
 * Returns: (transfer none) (nullable): the library
 */
LecternLibrary *
lectern_export_get_library (LecternExport *self)
{
  g_return_val_if_fail (LECTERN_IS_EXPORT (self), NULL);

  return self->library;
}

/**
 * lectern_export_write:
 * @self: a #LecternExport
 * @format: the format to write
 * @highlights: (nullable) (element-type LecternHighlight): the highlights
 *   to write, e.g. from lectern_annotation_store_list_for_document()
 * @links: (nullable) (element-type LecternPassageLink): the passage links
 *   to write
 *
 * Writes highlights and passage links. With both %NULL, it writes every
 * highlight of the store and every link of the link store (see
 * lectern_export_set_link_store()). The same highlights and links always
 * give the same text, whatever their order in the arrays.
 *
 * %LECTERN_EXPORT_FORMAT_MARKDOWN: the highlights, then the links, each
 * in its section; a section is left out when its array is %NULL, and the
 * links' section also when there are highlights and no links. The
 * highlights are grouped by document (sorted by title, then URI), each
 * document a heading with its URI, each highlight in text order as a
 * block quote of its text followed by its note and a line with its
 * colour, tags and date. Orphaned highlights are marked. The links come
 * under a "Passage links" heading, with a section per pair of documents,
 * "## Title A ↔ Title B", holding a table `| Left | Right | Relation |
 * Note |` with a row per link: the passage in A, the one in B, the
 * relation's label and the note. A and B are the left and right
 * documents of the pair's earliest link; a link made the other way round
 * has its passages swapped into those columns. Pairs are sorted by their
 * titles, rows by the place of their passage in A. In cells, "|" is
 * escaped and line breaks become `<br>`; orphaned passages are marked.
 *
 * %LECTERN_EXPORT_FORMAT_JSON_LD: W3C Web Annotations, one
 * `AnnotationCollection` whose embedded `first` page holds an
 * `Annotation` per highlight, in the order of the Markdown, then one per
 * link. A highlight's has `id` `urn:uuid:<highlight id>`, `created` and
 * `modified`, `motivation` "commenting" when it has a note and
 * "highlighting" otherwise, a `TextualBody` for the note (purpose
 * "commenting") and one per tag (purpose "tagging"), a target with the
 * document URI as `source` and a `TextQuoteSelector` and a
 * `TextPositionSelector` (character offsets), and the colour name in the
 * extension member `lectern:color`, which other tools ignore. A link's
 * has `motivation` "linking" and two targets, one per passage (left
 * first), each as above; its note is a `TextualBody` with purpose
 * "commenting", each tag one with purpose "tagging", and its relation
 * (as lectern_relation_to_string() names it) one with purpose
 * "classifying" and in the member `lectern:relation`.
 *
 * With colour meanings (lectern_export_set_color_meanings()), each
 * highlight's colour is named with its meaning in both formats.
 *
 * Returns: (transfer full): the text
 */
char *
lectern_export_write (LecternExport       *self,
                      LecternExportFormat  format,
                      GPtrArray           *highlights,
                      GPtrArray           *links)
{
  g_autoptr(GPtrArray) all_highlights = NULL;
  g_autoptr(GPtrArray) all_links = NULL;

  g_return_val_if_fail (LECTERN_IS_EXPORT (self), NULL);
  g_return_val_if_fail (format == LECTERN_EXPORT_FORMAT_MARKDOWN ||
                        format == LECTERN_EXPORT_FORMAT_JSON_LD, NULL);

  if (highlights == NULL && links == NULL)
    {
      collect_all (self, &all_highlights, &all_links);
      highlights = all_highlights;
      links = all_links;
    }

  if (format == LECTERN_EXPORT_FORMAT_MARKDOWN)
    return _lectern_export_write_markdown (self, highlights, links);

  return _lectern_export_write_json_ld (self, highlights, links);
}

/* Parses @data and places its annotations: what import_json_ld did. */
static LecternImportResult *
import_data (LecternExport  *self,
             const char     *data,
             gsize           length,
             GError        **error)
{
  g_autoptr(LecternImportResult) result = import_result_new ();
  g_autoptr(GPtrArray) annotations = NULL;
  JsonNode *root = NULL;
  guint n_items;

  annotations = _lectern_export_read_json_ld (data != NULL ? data : "", length, result, &root, error);
  if (annotations == NULL)
    return NULL;

  _lectern_export_place_annotations (self, annotations, result);

  /* The annotations borrow strings from the tree: gone first. Every
   * item was read into an annotation or counted as invalid. */
  n_items = annotations->len + result->invalid;
  g_clear_pointer (&annotations, g_ptr_array_unref);
  _lectern_export_unref_json_later (root, n_items);

  return g_steal_pointer (&result);
}

/* Reads @file, refusing one over LECTERN_EXPORT_MAX_FILE_SIZE before
 * reading it. */
static GBytes *
read_file (GFile         *file,
           const char    *name,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length;
  GBytes *bytes;
  gboolean too_large = FALSE;

  /* A local file is read bounded and never opened blocking: a named
   * pipe chosen for import must not hang the window (issue 19). */
  if (g_file_peek_path (file) != NULL)
    {
      bytes = lectern_json_file_read (g_file_peek_path (file), LECTERN_EXPORT_MAX_FILE_SIZE,
                                      &too_large, &local_error);
      if (bytes != NULL)
        return bytes;
      if (!too_large)
        {
          g_set_error (error, LECTERN_EXPORT_ERROR, LECTERN_EXPORT_ERROR_UNREADABLE,
                       _("“%s” could not be read: %s"), name, local_error->message);
          return NULL;
        }
    }

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (too_large || (info != NULL && g_file_info_get_size (info) > LECTERN_EXPORT_MAX_FILE_SIZE))
    {
      g_set_error (error, LECTERN_EXPORT_ERROR, LECTERN_EXPORT_ERROR_TOO_LARGE,
                   _("“%s” could not be imported. The file is larger than %d MiB; split it "
                     "into smaller files to import it."),
                   name, LECTERN_EXPORT_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }

  if (info == NULL ||
      !g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, LECTERN_EXPORT_ERROR, LECTERN_EXPORT_ERROR_UNREADABLE,
                   _("“%s” could not be read: %s"), name, local_error->message);
      return NULL;
    }

  return g_bytes_new_take (contents, length);
}

/**
 * lectern_export_import:
 * @self: a #LecternExport with a store and a library
 * @file: (nullable): the JSON-LD file to import: read when @contents is
 *   %NULL, and named in error messages
 * @contents: (nullable): the file's contents, if already in memory
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #LecternExportError
 *
 * Adds the W3C Web Annotations of @contents, or else of @file, to the
 * store: a single `Annotation`, a JSON array of them, an
 * `AnnotationCollection` (annotations in `first.items` or `items`) or an
 * `AnnotationPage`. One of @file and @contents must be given.
 *
 * Each annotation goes onto the open document whose URI is its target's
 * `source`. It is placed at its `TextPositionSelector` when the text
 * there is its quote, else where its `TextQuoteSelector` quote is found
 * (the place whose surroundings best match `prefix` and `suffix`, then
 * the nearest), else on a slightly changed copy of the quote, as
 * lectern_anchor_locate() finds them. An annotation already in the store — by id, or by the
 * same quote at the same place — is not added again. Colours come from
 * `lectern:color`; annotations of other tools get yellow.
 *
 * An annotation with `motivation` "linking" and two targets is a passage
 * link: when a link store is set (lectern_export_set_link_store()) and
 * both documents are open, both passages are placed as above and the
 * link is added to the link store, unless it has a link of that id or
 * between the same two places. Its relation comes from `lectern:relation`,
 * else from a `TextualBody` with purpose "classifying"; without either it
 * is "agrees".
 *
 * The whole file is refused, and the store left unchanged, when it is
 * over %LECTERN_EXPORT_MAX_FILE_SIZE (a file that large is not read),
 * not JSON, not one of the shapes above, or when it holds annotations
 * and none is usable. Otherwise unusable items are counted as invalid
 * and the rest imported.
 *
 * Returns: (transfer full): what was imported, or %NULL with @error set
 */
LecternImportResult *
lectern_export_import (LecternExport  *self,
                       GFile          *file,
                       GBytes         *contents,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  LecternImportResult *result;
  gsize length;
  const char *data;

  g_return_val_if_fail (LECTERN_IS_EXPORT (self), NULL);
  g_return_val_if_fail (self->store != NULL && self->library != NULL, NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);
  g_return_val_if_fail (file != NULL || contents != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (file != NULL)
    name = g_file_get_parse_name (file);

  if (contents == NULL && (contents = read = read_file (file, name, cancellable, error)) == NULL)
    return NULL;

  data = g_bytes_get_data (contents, &length);
  result = import_data (self, data, length, name != NULL ? &local_error : error);
  if (result == NULL && name != NULL)
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                _("“%s” could not be imported. "), name);

  return result;
}

/**
 * lectern_import_result_free:
 * @result: (transfer full): a #LecternImportResult
 *
 * Frees @result.
 */
void
lectern_import_result_free (LecternImportResult *result)
{
  if (result == NULL)
    return;

  g_ptr_array_unref (result->highlights);
  g_ptr_array_unref (result->messages);
  g_ptr_array_unref (result->links);
  g_free (result);
}
