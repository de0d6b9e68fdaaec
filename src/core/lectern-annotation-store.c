/* lectern-annotation-store.c: every highlight of every loaded document,
 * kept in one JSON file per document and saved shortly after each change
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lectern-anchor.h"
#include "lectern-annotation-format.h"
#include "lectern-annotation-store.h"
#include "lectern-annotation-store-private.h"
#include "lectern-json-file.h"

#define DEFAULT_AUTOSAVE_DELAY_MSEC 500
#define FIRST_RETRY_MSEC 1000

static void list_model_iface_init (GListModelInterface *iface);
static void record_saved_cb (LecternJsonFile *file,
                             const GError    *error,
                             gpointer         user_data);

G_DEFINE_FINAL_TYPE_WITH_CODE (LecternAnnotationStore, lectern_annotation_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_QUARK (lectern-store-error-quark, lectern_store_error)
static GQuark
entry_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("lectern-annotation-store-entry");

  return quark;
}

GRefString *
_lectern_annotation_store_get_entry (LecternHighlight *highlight)
{
  return g_object_get_qdata (G_OBJECT (highlight), entry_quark ());
}

void
_lectern_annotation_store_set_entry (LecternHighlight *highlight,
                                     GRefString       *entry)
{
  g_object_set_qdata_full (G_OBJECT (highlight), entry_quark (), entry, (GDestroyNotify)g_ref_string_release);
}

void
_lectern_annotation_store_forget_entry (LecternHighlight *highlight)
{
  g_object_set_qdata (G_OBJECT (highlight), entry_quark (), NULL);
}

enum {
  PROP_0,
  PROP_DIRECTORY,
  PROP_N_ITEMS,
  PROP_SAVE_PROBLEM,
  N_PROPS
};

enum {
  DOCUMENT_CHANGED,
  SAVE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
document_record_free (gpointer data)
{
  DocumentRecord *record = data;

  g_free (record->id);
  g_free (record->uri);
  g_free (record->title);
  g_free (record->fingerprint);
  g_free (record->path);
  g_ptr_array_unref (record->highlights);
  g_ptr_array_unref (record->unparsed);
  g_clear_pointer (&record->unknown_top, json_object_unref);
  g_clear_pointer (&record->unknown_document, json_object_unref);
  g_clear_pointer (&record->collected, g_ptr_array_unref);
  lectern_json_file_set_done_func (record->file, NULL, NULL);
  lectern_json_file_unref (record->file);
  g_free (record);
}

static DocumentRecord *
document_record_new (LecternAnnotationStore *self,
                     LecternDocument        *document)
{
  DocumentRecord *record = g_new0 (DocumentRecord, 1);

  record->store = self;
  record->id = g_strdup (lectern_document_get_id (document));
  record->uri = g_strdup (lectern_document_get_uri (document));
  record->title = g_strdup (lectern_document_get_title (document));
  record->fingerprint = g_strdup (lectern_document_get_fingerprint (document));
  record->length = lectern_document_get_length (document);
  record->path = lectern_annotation_store_dup_path (self, record->id);
  record->highlights = g_ptr_array_new ();
  record->unparsed = g_ptr_array_new_with_free_func (g_free);
  record->file = lectern_json_file_new (record->path, TRUE);
  lectern_json_file_set_rules (record->file, LECTERN_STORE_MAX_FILE_SIZE, "highlights");
  lectern_json_file_set_done_func (record->file, record_saved_cb, record);

  return record;
}

/* List model */

static GType
lectern_annotation_store_get_item_type (GListModel *model)
{
  return LECTERN_TYPE_HIGHLIGHT;
}

static guint
lectern_annotation_store_get_n_items (GListModel *model)
{
  LecternAnnotationStore *self = LECTERN_ANNOTATION_STORE (model);

  return self->items->len;
}

static gpointer
lectern_annotation_store_get_item (GListModel *model,
                                   guint       position)
{
  LecternAnnotationStore *self = LECTERN_ANNOTATION_STORE (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lectern_annotation_store_get_item_type;
  iface->get_n_items = lectern_annotation_store_get_n_items;
  iface->get_item = lectern_annotation_store_get_item;
}

void
_lectern_annotation_store_items_changed (LecternAnnotationStore *self,
               guint                   position,
               guint                   removed,
               guint                   added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);

  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static gboolean
any_failed (LecternAnnotationStore *self)
{
  GHashTableIter iter;
  DocumentRecord *record;

  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&record))
    if (record->failed)
      return TRUE;

  return FALSE;
}

static void
set_save_problem (LecternAnnotationStore *self,
                  const char             *message)
{
  if (g_strcmp0 (self->save_problem, message) == 0)
    return;

  g_free (self->save_problem);
  self->save_problem = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVE_PROBLEM]);
}

/* Runs on the main loop when the writer is done with a save. A document
 * that failed is dirty again, and tried again after a pause (see
 * _lectern_annotation_store_retry_later()), at the next change or
 * flush; the problem stays told until every document saved. */
static void
record_saved_cb (LecternJsonFile *file,
                 const GError    *error,
                 gpointer         user_data)
{
  DocumentRecord *record = user_data;
  LecternAnnotationStore *self = record->store;
  g_autoptr(GError) save_error = NULL;

  if (error == NULL)
    {
      record->failed = FALSE;
      if (self->save_problem != NULL && !any_failed (self))
        {
          self->retry_delay = FIRST_RETRY_MSEC;
          set_save_problem (self, NULL);
        }
      return;
    }

  record->dirty = TRUE;
  record->failed = TRUE;
  save_error = g_error_new (LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_WRITE_FAILED,
                            _("Could not save highlights to “%s”: %s. The previous file is unchanged."),
                            record->path, error->message);

  if (self->quiet)
    g_debug ("%s", save_error->message);
  else
    g_signal_emit (self, signals[SAVE_FAILED], 0, record->id, save_error);

  set_save_problem (self, save_error->message);
  _lectern_annotation_store_retry_later (self);

  if (self->flushing && self->flush_error == NULL)
    self->flush_error = g_steal_pointer (&save_error);
}

/* Every change goes through here: it marks the document for saving
 * and tells the UI. */
static void
document_changed (LecternAnnotationStore *self,
                  DocumentRecord         *record)
{
  _lectern_annotation_store_schedule_save (self, record);
  g_signal_emit (self, signals[DOCUMENT_CHANGED], 0, record->id);
}

void
_lectern_annotation_store_highlight_notify_cb (LecternHighlight       *highlight,
                                               GParamSpec             *pspec,
                                               LecternAnnotationStore *self)
{
  DocumentRecord *record;

  record = g_hash_table_lookup (self->documents, lectern_highlight_get_document_id (highlight));
  g_assert (record != NULL);

  _lectern_annotation_store_forget_entry (highlight);
  document_changed (self, record);
}

/* Loading */

/* Object */

static void
lectern_annotation_store_constructed (GObject *object)
{
  LecternAnnotationStore *self = (LecternAnnotationStore *)object;

  G_OBJECT_CLASS (lectern_annotation_store_parent_class)->constructed (object);

  /* LECTERN_ANNOTATIONS_DIR= (empty) counts as unset. */
  if (self->directory != NULL && self->directory[0] == '\0')
    g_clear_pointer (&self->directory, g_free);
  if (self->directory == NULL)
    self->directory = g_build_filename (g_get_user_data_dir (), "lectern", "annotations", NULL);
}

static void
lectern_annotation_store_dispose (GObject *object)
{
  LecternAnnotationStore *self = (LecternAnnotationStore *)object;
  g_autoptr(GError) error = NULL;

  /* Nobody is left to tell about a failure at this point. */
  if (!_lectern_annotation_store_save_now (self, FALSE, &error))
    g_debug ("Highlights were not all saved: %s", error->message);
  /* No retry outlives the store. */
  g_clear_handle_id (&self->autosave_id, g_source_remove);

  for (guint i = 0; i < self->items->len; i++)
    {
      LecternHighlight *highlight = g_ptr_array_index (self->items, i);

      g_signal_handlers_disconnect_by_func (highlight, _lectern_annotation_store_highlight_notify_cb, self);
      _lectern_annotation_store_forget_entry (highlight);
    }

  G_OBJECT_CLASS (lectern_annotation_store_parent_class)->dispose (object);
}

static void
lectern_annotation_store_finalize (GObject *object)
{
  LecternAnnotationStore *self = (LecternAnnotationStore *)object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->documents, g_hash_table_unref);
  g_clear_object (&self->generator);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->directory, g_free);
  g_clear_pointer (&self->save_problem, g_free);

  G_OBJECT_CLASS (lectern_annotation_store_parent_class)->finalize (object);
}

static void
lectern_annotation_store_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  LecternAnnotationStore *self = LECTERN_ANNOTATION_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    case PROP_SAVE_PROBLEM:
      g_value_set_string (value, self->save_problem);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_annotation_store_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  LecternAnnotationStore *self = LECTERN_ANNOTATION_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      self->directory = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_annotation_store_class_init (LecternAnnotationStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lectern_annotation_store_constructed;
  object_class->dispose = lectern_annotation_store_dispose;
  object_class->finalize = lectern_annotation_store_finalize;
  object_class->get_property = lectern_annotation_store_get_property;
  object_class->set_property = lectern_annotation_store_set_property;

  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * LecternAnnotationStore:save-problem:
   *
   * While saves fail: the whole message of the latest failure, naming
   * the file and the cause; %NULL again once every document saved. The
   * store tries again by itself, after a pause that doubles up to a
   * minute.
   */
  properties[PROP_SAVE_PROBLEM] =
    g_param_spec_string ("save-problem", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LecternAnnotationStore::document-changed:
   * @self: a #LecternAnnotationStore
   * @document_id: the id of the document whose highlights changed
   *
   * Emitted when a highlight of a document is added, removed or changed.
   */
  signals[DOCUMENT_CHANGED] =
    g_signal_new ("document-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * LecternAnnotationStore::save-failed:
   * @self: a #LecternAnnotationStore
   * @document_id: the id of the document that could not be saved
   * @error: what went wrong, a %LECTERN_STORE_ERROR_WRITE_FAILED naming the file
   *
   * Emitted when saving a document's highlights failed. Its previous file
   * is unchanged; the store tries again at the next change or flush.
   */
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
lectern_annotation_store_init (LecternAnnotationStore *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->documents = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, document_record_free);
  self->generator = json_generator_new ();
  self->autosave_delay = DEFAULT_AUTOSAVE_DELAY_MSEC;
  self->retry_delay = FIRST_RETRY_MSEC;
}

/* Public API */

/**
 * lectern_annotation_store_new:
 * @directory: (nullable): where the highlights files live; %NULL for
 *   `$XDG_DATA_HOME/lectern/annotations`
 *
 * Creates an empty store. The directory is created when the first file
 * is written.
 *
 * Returns: (transfer full): a new #LecternAnnotationStore
 */
LecternAnnotationStore *
lectern_annotation_store_new (const char *directory)
{
  return g_object_new (LECTERN_TYPE_ANNOTATION_STORE,
                       "directory", directory,
                       NULL);
}

/**
 * lectern_annotation_store_get_directory:
 * @self: a #LecternAnnotationStore
 *
 * Returns: the directory that holds the highlights files
 */
const char *
lectern_annotation_store_get_directory (LecternAnnotationStore *self)
{
  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), NULL);

  return self->directory;
}

/* With @bytes, they stand for the file, which is not read. */
static gboolean
load_document_from (LecternAnnotationStore  *self,
                    LecternDocument         *document,
                    GBytes                  *bytes,
                    GError                 **error)
{
  DocumentRecord *record;

  /* Highlights listed without the document give way to its own. */
  _lectern_annotation_store_drop_detached (self, lectern_document_get_id (document));
  if (g_hash_table_contains (self->documents, lectern_document_get_id (document)))
    return TRUE;

  record = document_record_new (self, document);
  g_hash_table_insert (self->documents, record->id, record);

  if (!_lectern_annotation_store_load_file (self, record, document, bytes, error))
    return FALSE;

  if (record->highlights->len > 0)
    g_signal_emit (self, signals[DOCUMENT_CHANGED], 0, record->id);

  return TRUE;
}

/**
 * lectern_annotation_store_load_document:
 * @self: a #LecternAnnotationStore
 * @document: a document
 * @error: return location for a #LecternStoreError
 *
 * Attaches @document to the store and adds the highlights of its file,
 * if there is one. Loading a document again does nothing.
 *
 * When the text of @document is not the one the file was saved for
 * (their fingerprints differ), every highlight is placed again in the
 * new text (see lectern_anchor_locate_all()) before it is added: its
 * range is updated, its stored quote kept, and one that cannot be found
 * is marked %LECTERN_HIGHLIGHT_ORPHANED with its old range, never
 * dropped. The file is then saved again soon, with the new fingerprint.
 *
 * The document stays attached even when this fails: with
 * %LECTERN_STORE_ERROR_CORRUPT the file was kept under a new name and the
 * document starts with no highlights; with
 * %LECTERN_STORE_ERROR_NEWER_VERSION or %LECTERN_STORE_ERROR_UNREADABLE
 * (also for a file over 64 MiB) the document is read-only and its file
 * is never written.
 *
 * Returns: %TRUE if the highlights (or none, when there is no file) were loaded
 */
gboolean
lectern_annotation_store_load_document (LecternAnnotationStore  *self,
                                        LecternDocument         *document,
                                        GError                 **error)
{
  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return load_document_from (self, document, NULL, error);
}

/**
 * lectern_annotation_store_reload_document:
 * @self: a #LecternAnnotationStore
 * @document: a new reading of a document already loaded (the same
 *   URI, e.g. after the reader chose to read it as plain text)
 * @error: return location for a #LecternStoreError
 *
 * Places the document's highlights again in the text of @document,
 * as lectern_annotation_store_load_document() does when the file's
 * fingerprint differs, and saves them with the new fingerprint. A
 * document not loaded yet is loaded.
 *
 * Returns: %TRUE on success
 */
gboolean
lectern_annotation_store_reload_document (LecternAnnotationStore  *self,
                                          LecternDocument         *document,
                                          GError                 **error)
{
  DocumentRecord *record;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (document), FALSE);

  record = g_hash_table_lookup (self->documents, lectern_document_get_id (document));
  if (record == NULL)
    return lectern_annotation_store_load_document (self, document, error);
  if (g_strcmp0 (record->fingerprint, lectern_document_get_fingerprint (document)) == 0)
    return TRUE;

  _lectern_annotation_store_reanchor_highlights (record, document);
  g_free (record->fingerprint);
  record->fingerprint = g_strdup (lectern_document_get_fingerprint (document));
  record->length = lectern_document_get_length (document);
  document_changed (self, record);

  return TRUE;
}

/**
 * lectern_annotation_store_is_read_only:
 * @self: a #LecternAnnotationStore
 * @document_id: a document id
 *
 * Whether the highlights of a document cannot be changed because its
 * file is from a newer Lectern or could not be read.
 *
 * Returns: %TRUE if the document is read-only
 */
gboolean
lectern_annotation_store_is_read_only (LecternAnnotationStore *self,
                                       const char             *document_id)
{
  DocumentRecord *record;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (document_id != NULL, FALSE);

  record = g_hash_table_lookup (self->documents, document_id);

  return record != NULL && record->read_only;
}

static gboolean
check_writable (DocumentRecord  *record,
                GError         **error)
{
  if (!record->read_only)
    return TRUE;

  g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_READ_ONLY,
               _("The highlights of “%s” are read-only, because their file “%s” "
                 "could not be read or is from a newer Lectern."),
               record->title, record->path);
  return FALSE;
}

/**
 * lectern_annotation_store_add:
 * @self: a #LecternAnnotationStore
 * @highlight: a highlight of a document loaded with
 *   lectern_annotation_store_load_document()
 * @error: return location for a #LecternStoreError
 *
 * Adds @highlight at the end of the model and schedules a save.
 * Adding a highlight that is already in the store does nothing.
 *
 * Returns: %TRUE on success; %FALSE with %LECTERN_STORE_ERROR_READ_ONLY
 *   if its document is read-only
 */
gboolean
lectern_annotation_store_add (LecternAnnotationStore  *self,
                              LecternHighlight        *highlight,
                              GError                 **error)
{
  DocumentRecord *record;
  LecternHighlight *existing;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (highlight), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  record = g_hash_table_lookup (self->documents, lectern_highlight_get_document_id (highlight));
  g_return_val_if_fail (record != NULL, FALSE);

  existing = g_hash_table_lookup (self->by_id, lectern_highlight_get_id (highlight));
  g_return_val_if_fail (existing == NULL || existing == highlight, FALSE);
  if (existing != NULL)
    return TRUE;

  if (!check_writable (record, error))
    return FALSE;

  _lectern_annotation_store_forget_entry (highlight);
  g_ptr_array_add (self->items, g_object_ref (highlight));
  g_ptr_array_add (record->highlights, highlight);
  g_hash_table_insert (self->by_id, (gpointer)lectern_highlight_get_id (highlight), highlight);
  g_signal_connect (highlight, "notify", G_CALLBACK (_lectern_annotation_store_highlight_notify_cb), self);

  _lectern_annotation_store_items_changed (self, self->items->len - 1, 0, 1);
  document_changed (self, record);

  return TRUE;
}

/**
 * lectern_annotation_store_remove:
 * @self: a #LecternAnnotationStore
 * @highlight: a highlight
 * @error: return location for a #LecternStoreError
 *
 * Removes @highlight and schedules a save. Removing a highlight that is
 * not in the store does nothing.
 *
 * Returns: %TRUE on success; %FALSE with %LECTERN_STORE_ERROR_READ_ONLY
 *   if its document is read-only
 */
gboolean
lectern_annotation_store_remove (LecternAnnotationStore  *self,
                                 LecternHighlight        *highlight,
                                 GError                 **error)
{
  g_autoptr(LecternHighlight) removed = NULL;
  DocumentRecord *record;
  guint position;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (highlight), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_hash_table_lookup (self->by_id, lectern_highlight_get_id (highlight)) != highlight)
    return TRUE;

  record = g_hash_table_lookup (self->documents, lectern_highlight_get_document_id (highlight));
  g_assert (record != NULL);

  if (!check_writable (record, error))
    return FALSE;

  if (!g_ptr_array_find (self->items, highlight, &position))
    g_assert_not_reached ();

  removed = g_ptr_array_steal_index (self->items, position);
  g_ptr_array_remove (record->highlights, highlight);
  g_hash_table_remove (self->by_id, lectern_highlight_get_id (highlight));
  _lectern_annotation_store_forget_entry (highlight);
  g_signal_handlers_disconnect_by_func (highlight, _lectern_annotation_store_highlight_notify_cb, self);

  _lectern_annotation_store_items_changed (self, position, 1, 0);
  document_changed (self, record);

  return TRUE;
}

/**
 * lectern_annotation_store_find:
 * @self: a #LecternAnnotationStore
 * @highlight_id: a highlight id
 *
 * Returns: (transfer none) (nullable): the highlight with that id
 */
LecternHighlight *
lectern_annotation_store_find (LecternAnnotationStore *self,
                               const char             *highlight_id)
{
  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), NULL);
  g_return_val_if_fail (highlight_id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, highlight_id);
}

/**
 * lectern_annotation_store_find_range:
 * @self: a #LecternAnnotationStore
 * @document_id: a document id
 * @start: first character
 * @end: one past the last character
 *
 * Finds a highlight of the document covering exactly @start to @end,
 * e.g. to avoid highlighting the same passage twice.
 *
 * Returns: (transfer none) (nullable): such a highlight
 */
LecternHighlight *
lectern_annotation_store_find_range (LecternAnnotationStore *self,
                                     const char             *document_id,
                                     guint                   start,
                                     guint                   end)
{
  DocumentRecord *record;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), NULL);
  g_return_val_if_fail (document_id != NULL, NULL);

  record = g_hash_table_lookup (self->documents, document_id);
  if (record == NULL)
    return NULL;

  for (guint i = 0; i < record->highlights->len; i++)
    {
      LecternHighlight *highlight = g_ptr_array_index (record->highlights, i);

      if (lectern_highlight_get_start (highlight) == start &&
          lectern_highlight_get_end (highlight) == end)
        return highlight;
    }

  return NULL;
}

static int
compare_by_range (gconstpointer a,
                  gconstpointer b)
{
  return lectern_highlight_compare_range (*(LecternHighlight * const *)a, *(LecternHighlight * const *)b);
}

/**
 * lectern_annotation_store_list_for_document:
 * @self: a #LecternAnnotationStore
 * @document_id: a document id
 *
 * Returns: (transfer full) (element-type LecternHighlight): the highlights
 *   of the document, sorted by start (then end)
 */
GPtrArray *
lectern_annotation_store_list_for_document (LecternAnnotationStore *self,
                                            const char             *document_id)
{
  DocumentRecord *record;
  GPtrArray *ret;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), NULL);
  g_return_val_if_fail (document_id != NULL, NULL);

  record = g_hash_table_lookup (self->documents, document_id);
  if (record == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);

  ret = g_ptr_array_new_full (record->highlights->len, g_object_unref);
  for (guint i = 0; i < record->highlights->len; i++)
    g_ptr_array_add (ret, g_object_ref (g_ptr_array_index (record->highlights, i)));

  g_ptr_array_sort (ret, compare_by_range);

  return ret;
}

/**
 * lectern_annotation_store_count_for_document:
 * @self: a #LecternAnnotationStore
 * @document_id: a document id
 *
 * Returns: how many highlights the document has
 */
guint
lectern_annotation_store_count_for_document (LecternAnnotationStore *self,
                                             const char             *document_id)
{
  DocumentRecord *record;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), 0);
  g_return_val_if_fail (document_id != NULL, 0);

  record = g_hash_table_lookup (self->documents, document_id);

  return record != NULL ? record->highlights->len : 0;
}

/**
 * lectern_annotation_store_count_unreadable:
 * @self: a #LecternAnnotationStore
 * @document_id: a document id
 *
 * Entries of the document's file that could not be read (a time that
 * does not parse or leaves the calendar, an end before the start, an
 * unknown colour, a duplicate id): they are not shown, but kept in the
 * file as they are. The UI says how many there are.
 *
 * Returns: how many there are
 */
guint
lectern_annotation_store_count_unreadable (LecternAnnotationStore *self,
                                           const char             *document_id)
{
  DocumentRecord *record;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), 0);
  g_return_val_if_fail (document_id != NULL, 0);

  record = g_hash_table_lookup (self->documents, document_id);

  return record != NULL ? record->unparsed->len : 0;
}

/**
 * lectern_annotation_store_lookup_document:
 * @self: a #LecternAnnotationStore
 * @document_id: a document id
 * @uri: (out) (optional) (transfer none): the document's URI
 * @title: (out) (optional) (transfer none) (nullable): the document's title
 *
 * What the store keeps about a document loaded with
 * lectern_annotation_store_load_document(), e.g. to name it in an export
 * of its highlights after it was closed.
 *
 * Returns: %TRUE if the document was loaded into the store
 */
gboolean
lectern_annotation_store_lookup_document (LecternAnnotationStore  *self,
                                          const char              *document_id,
                                          const char             **uri,
                                          const char             **title)
{
  DocumentRecord *record;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (document_id != NULL, FALSE);

  record = g_hash_table_lookup (self->documents, document_id);

  if (uri != NULL)
    *uri = record != NULL ? record->uri : NULL;
  if (title != NULL)
    *title = record != NULL ? record->title : NULL;

  return record != NULL;
}

/**
 * lectern_annotation_store_dup_path:
 * @self: a #LecternAnnotationStore
 * @document_id: a document id
 *
 * Returns: (transfer full): the path of the document's highlights file,
 *   whether it exists or not
 */
char *
lectern_annotation_store_dup_path (LecternAnnotationStore *self,
                                   const char             *document_id)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), NULL);
  g_return_val_if_fail (document_id != NULL, NULL);

  name = g_strconcat (document_id, ".json", NULL);

  return g_build_filename (self->directory, name, NULL);
}

/**
 * lectern_annotation_store_flush:
 * @self: a #LecternAnnotationStore
 * @error: return location for a #LecternStoreError
 *
 * Saves every changed document now, without waiting for the autosave,
 * and waits until every save of the store, this one and the autosaves
 * before it, is on disk: call it on quit. A document that fails stays
 * changed and is tried again later; #LecternAnnotationStore::save-failed
 * is emitted for each.
 *
 * Returns: %TRUE if everything was saved; otherwise %FALSE with the first
 *   %LECTERN_STORE_ERROR_WRITE_FAILED
 */
gboolean
lectern_annotation_store_flush (LecternAnnotationStore  *self,
                                GError                 **error)
{
  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _lectern_annotation_store_save_now (self, TRUE, error);
}

/**
 * lectern_annotation_store_set_autosave_delay:
 * @self: a #LecternAnnotationStore
 * @msec: milliseconds from a change until it is saved
 *
 * Sets how long the store waits after a change before saving, so that a
 * burst of changes is written once. The default is 500 ms. A save that
 * is already scheduled keeps its time.
 */
void
lectern_annotation_store_set_autosave_delay (LecternAnnotationStore *self,
                                             guint                   msec)
{
  g_return_if_fail (LECTERN_IS_ANNOTATION_STORE (self));

  self->autosave_delay = msec;
}

gboolean
_lectern_annotation_store_load_bytes (LecternAnnotationStore  *self,
                                      LecternDocument         *document,
                                      GBytes                  *bytes,
                                      GError                 **error)
{
  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return load_document_from (self, document, bytes, error);
}

gboolean
_lectern_annotation_store_is_saving (LecternAnnotationStore *self)
{
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (self), FALSE);

  if (self->autosave_id != 0 || self->prepare_id != 0)
    return TRUE;

  records = _lectern_annotation_store_list_records (self, FALSE);
  for (guint i = 0; i < records->len; i++)
    if (lectern_json_file_is_saving (((DocumentRecord *)g_ptr_array_index (records, i))->file))
      return TRUE;

  return FALSE;
}
