/* lectern-library.c: the documents the user has open
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-document-loader.h"
#include "lectern-library-private.h"
#include "lectern-samples.h"

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LecternLibrary, lectern_library, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static gsize samples_registered;

/* The sample pack, in the order the library shows it. */
static const char * const sample_uris[] = {
  "resource://" RESOURCE_BASE "/samples/alliance-at-seventy.md",
  "resource://" RESOURCE_BASE "/samples/the-road-ahead.txt",
  NULL
};

static GType
lectern_library_get_item_type (GListModel *model)
{
  return LECTERN_TYPE_DOCUMENT;
}

static guint
lectern_library_get_n_items (GListModel *model)
{
  return LECTERN_LIBRARY (model)->documents->len;
}

static gpointer
lectern_library_get_item (GListModel *model,
                          guint       position)
{
  LecternLibrary *self = LECTERN_LIBRARY (model);

  if (position >= self->documents->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->documents, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lectern_library_get_item_type;
  iface->get_n_items = lectern_library_get_n_items;
  iface->get_item = lectern_library_get_item;
}

static void
lectern_library_dispose (GObject *object)
{
  LecternLibrary *self = (LecternLibrary *)object;

  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_clear_object (&self->loader);
  g_clear_object (&self->entries);
  /* What was saved reaches the disk before the library is gone. */
  if (self->file != NULL && !lectern_json_file_flush (self->file, NULL))
    g_debug ("library.json could not be saved on the way out");
  g_clear_pointer (&self->file, lectern_json_file_unref);

  G_OBJECT_CLASS (lectern_library_parent_class)->dispose (object);
}

static void
lectern_library_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LecternLibrary *self = LECTERN_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->documents->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_library_class_init (LecternLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lectern_library_dispose;
  object_class->get_property = lectern_library_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lectern_library_init (LecternLibrary *self)
{
  self->documents = g_ptr_array_new_with_free_func (g_object_unref);
  self->loader = lectern_document_loader_new ();
  self->entries = g_list_store_new (LECTERN_TYPE_LIBRARY_ENTRY);

  /* The samples live in a resource bundle linked into the core library;
   * registering it here also keeps the linker from dropping it. */
  if (g_once_init_enter (&samples_registered))
    {
      lectern_samples_register_resource ();
      g_once_init_leave (&samples_registered, 1);
    }
}

/**
 * lectern_library_new:
 *
 * Returns: (transfer full): an empty library
 */
LecternLibrary *
lectern_library_new (void)
{
  return g_object_new (LECTERN_TYPE_LIBRARY, NULL);
}

/**
 * lectern_library_get_sample_uris:
 *
 * Returns: (transfer none): the URIs of the embedded sample pack
 */
const char * const *
lectern_library_get_sample_uris (void)
{
  return sample_uris;
}

static guint
count_samples (LecternLibrary *self)
{
  guint n = 0;

  while (n < self->documents->len &&
         lectern_document_is_sample (g_ptr_array_index (self->documents, n)))
    n++;

  return n;
}

/**
 * lectern_library_load_samples:
 * @self: a #LecternLibrary
 * @error: a location for a #GError
 *
 * Puts the sample pack at the head of the library (once).
 *
 * Returns: %TRUE on success
 */
gboolean
lectern_library_load_samples (LecternLibrary  *self,
                              GError         **error)
{
  guint position = 0;

  g_return_val_if_fail (LECTERN_IS_LIBRARY (self), FALSE);

  for (guint i = 0; sample_uris[i] != NULL; i++)
    {
      g_autoptr(GFile) file = NULL;
      LecternDocument *document;

      if (lectern_library_find_by_uri (self, sample_uris[i]) != NULL)
        continue;

      file = g_file_new_for_uri (sample_uris[i]);
      document = lectern_document_loader_load_file (self->loader, file, NULL, error);
      if (document == NULL)
        return FALSE;

      position = count_samples (self);
      g_ptr_array_insert (self->documents, position, document);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }

  return TRUE;
}

/**
 * lectern_library_add:
 * @self: a #LecternLibrary
 * @document: a document
 *
 * Appends @document unless a document with its URI is already there.
 */
void
lectern_library_add (LecternLibrary  *self,
                     LecternDocument *document)
{
  g_return_if_fail (LECTERN_IS_LIBRARY (self));
  g_return_if_fail (LECTERN_IS_DOCUMENT (document));

  if (lectern_library_find_by_uri (self, lectern_document_get_uri (document)) != NULL)
    return;

  g_ptr_array_add (self->documents, g_object_ref (document));
  g_list_model_items_changed (G_LIST_MODEL (self), self->documents->len - 1, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  if (!lectern_document_is_sample (document))
    lectern_library_remember (self, document);
}

/**
 * lectern_library_remove:
 * @self: a #LecternLibrary
 * @document: a document of the library
 */
void
lectern_library_remove (LecternLibrary  *self,
                        LecternDocument *document)
{
  guint position;

  g_return_if_fail (LECTERN_IS_LIBRARY (self));
  g_return_if_fail (LECTERN_IS_DOCUMENT (document));

  if (!g_ptr_array_find (self->documents, document, &position))
    return;

  g_ptr_array_remove_index (self->documents, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * lectern_library_find_by_uri:
 * @self: a #LecternLibrary
 * @uri: a document URI
 *
 * Returns: (transfer none) (nullable): the document with @uri
 */
LecternDocument *
lectern_library_find_by_uri (LecternLibrary *self,
                             const char     *uri)
{
  g_return_val_if_fail (LECTERN_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  for (guint i = 0; i < self->documents->len; i++)
    {
      LecternDocument *document = g_ptr_array_index (self->documents, i);

      if (g_str_equal (lectern_document_get_uri (document), uri))
        return document;
    }

  return NULL;
}

/**
 * lectern_library_find_by_id:
 * @self: a #LecternLibrary
 * @id: a document id
 *
 * Returns: (transfer none) (nullable): the document with @id
 */
LecternDocument *
lectern_library_find_by_id (LecternLibrary *self,
                            const char     *id)
{
  g_return_val_if_fail (LECTERN_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->documents->len; i++)
    {
      LecternDocument *document = g_ptr_array_index (self->documents, i);

      if (g_str_equal (lectern_document_get_id (document), id))
        return document;
    }

  return NULL;
}

static void
open_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LecternDocumentLoader *loader = LECTERN_DOCUMENT_LOADER (object);
  g_autoptr(GTask) task = user_data;
  LecternLibrary *self = g_task_get_source_object (task);
  g_autoptr(LecternDocument) document = NULL;
  LecternDocument *existing;
  GError *error = NULL;

  document = lectern_document_loader_load_file_finish (loader, result, &error);
  if (document == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The same file may have been opened twice while both were loading. */
  existing = lectern_library_find_by_uri (self, lectern_document_get_uri (document));
  if (existing != NULL)
    g_set_object (&document, existing);
  else
    lectern_library_add (self, document);

  g_task_return_pointer (task, g_steal_pointer (&document), g_object_unref);
}

/**
 * lectern_library_open_async:
 * @self: a #LecternLibrary
 * @file: a text or Markdown file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the document is in the library
 * @user_data: data for @callback
 *
 * Loads @file off the main loop and appends it to the library. A file
 * that is already in the library is not loaded again.
 */
void
lectern_library_open_async (LecternLibrary      *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *uri = NULL;
  LecternDocument *existing;

  g_return_if_fail (LECTERN_IS_LIBRARY (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lectern_library_open_async);

  uri = g_file_get_uri (file);
  existing = lectern_library_find_by_uri (self, uri);
  if (existing != NULL)
    {
      g_task_return_pointer (task, g_object_ref (existing), g_object_unref);
      return;
    }

  lectern_document_loader_load_file_async (self->loader, file, cancellable,
                                           open_loaded_cb, g_steal_pointer (&task));
}

/**
 * lectern_library_open_finish:
 * @self: a #LecternLibrary
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
LecternDocument *
lectern_library_open_finish (LecternLibrary  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (LECTERN_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lectern_library_set_read_as:
 * @self: a #LecternLibrary
 * @uri: a document URI
 * @format: how to read it, or -1 to detect it by its content
 *
 * Remembers the reader's "Read as" choice for every later load of @uri
 * (see lectern_document_loader_set_read_as()).
 */
void
lectern_library_set_read_as (LecternLibrary *self,
                             const char     *uri,
                             int             format)
{
  g_return_if_fail (LECTERN_IS_LIBRARY (self));

  lectern_document_loader_set_read_as (self->loader, uri, format);
}

static void
reload_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LecternLibrary *self = g_task_get_source_object (task);
  LecternDocument *old = g_task_get_task_data (task);
  g_autoptr(LecternDocument) document = NULL;
  GError *error = NULL;
  guint position;

  document = lectern_document_loader_load_file_finish (LECTERN_DOCUMENT_LOADER (object), result, &error);
  if (document == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* In place, so the library keeps its order. */
  if (g_ptr_array_find (self->documents, old, &position))
    {
      g_ptr_array_index (self->documents, position) = g_object_ref (document);
      g_object_unref (old);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
    }
  g_task_return_pointer (task, g_steal_pointer (&document), g_object_unref);
}

/**
 * lectern_library_reload_async:
 * @self: a #LecternLibrary
 * @document: a document of the library
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the new document has taken @document's place
 * @user_data: data for @callback
 *
 * Reads @document's file again (after a change of its "Read as" choice)
 * and puts the new document in its place.
 */
void
lectern_library_reload_async (LecternLibrary      *self,
                              LecternDocument     *document,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GFile) file = NULL;
  GTask *task;

  g_return_if_fail (LECTERN_IS_LIBRARY (self));
  g_return_if_fail (LECTERN_IS_DOCUMENT (document));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lectern_library_reload_async);
  g_task_set_task_data (task, g_object_ref (document), g_object_unref);
  file = g_file_new_for_uri (lectern_document_get_uri (document));
  lectern_document_loader_load_file_async (self->loader, file, cancellable, reload_loaded_cb, task);
}

/**
 * lectern_library_reload_finish:
 * @self: a #LecternLibrary
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the new document, or %NULL with @error set
 */
LecternDocument *
lectern_library_reload_finish (LecternLibrary  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (LECTERN_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
