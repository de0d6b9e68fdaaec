/* lectern-link-store.c: every passage link, kept in one JSON file and
 * saved shortly after each change
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The file (see lectern-link-format.c) follows the rules of the
 * highlights files (see DESIGN.md and lectern-json-file.c): the file is
 * replaced atomically and durably, the previous one kept as .bak; a
 * file that does not parse is renamed to .corrupt-<timestamp> and
 * reported, never overwritten; a newer version is shown read-only;
 * entries that cannot be read are written back unchanged. Each passage
 * keeps the fingerprint of the text its range refers to, so that
 * attaching a document whose text changed places its passages again.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lectern-anchor.h"
#include "lectern-json-file.h"
#include "lectern-link-format.h"
#include "lectern-link-placement.h"
#include "lectern-link-store.h"

#define DEFAULT_AUTOSAVE_DELAY_MSEC 500

struct _LecternLinkStore
{
  GObject     parent_instance;

  char       *path;
  /* The model: LecternPassageLink, owned. */
  GPtrArray  *items;
  /* Link id → link, borrowed from items. */
  GHashTable *by_id;
  /* Entries of the file that could not be read, as JSON text, written
   * back unchanged so that nothing is lost unseen. */
  GPtrArray  *unparsed;
  /* Members of the file's top level this version does not know. */
  JsonObject *unknown_top;
  /* Writes path, keeping the previous contents as .bak. */
  LecternJsonFile *file;
  /* While save_now() waits: the first failure. */
  GError     *flush_error;
  guint       autosave_delay;
  guint       autosave_id;
  /* After a failed save: the pause before the next try, doubling up
   * to a minute. */
  guint       retry_delay;
  guint       loaded : 1;
  guint       read_only : 1;
  guint       dirty : 1;
  /* Set while attach_document() moves passages: one "changed" for all. */
  guint       quiet : 1;
  guint       flushing : 1;
  /* Whether save_now() reports failures with save-failed. */
  guint       emit : 1;
};

static void list_model_iface_init (GListModelInterface *iface);
static gboolean autosave_cb (gpointer user_data);

G_DEFINE_FINAL_TYPE_WITH_CODE (LecternLinkStore, lectern_link_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

enum {
  CHANGED,
  SAVE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* List model */

static GType
lectern_link_store_get_item_type (GListModel *model)
{
  return LECTERN_TYPE_PASSAGE_LINK;
}

static guint
lectern_link_store_get_n_items (GListModel *model)
{
  return LECTERN_LINK_STORE (model)->items->len;
}

static gpointer
lectern_link_store_get_item (GListModel *model,
                             guint       position)
{
  LecternLinkStore *self = LECTERN_LINK_STORE (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lectern_link_store_get_item_type;
  iface->get_n_items = lectern_link_store_get_n_items;
  iface->get_item = lectern_link_store_get_item;
}

/* Saving: the file is made on the main loop (links are few) and written
 * by the writer's thread (lectern-json-file.c). */

/* Runs on the main loop when the writer is done with a save. A failed
 * save leaves the store dirty: it is tried again at the next change or
 * flush. */
static void
saved_cb (LecternJsonFile *file,
          const GError    *error,
          gpointer         user_data)
{
  LecternLinkStore *self = user_data;
  g_autoptr(GError) save_error = NULL;

  if (error == NULL)
    {
      self->retry_delay = 1000;
      return;
    }

  self->dirty = TRUE;
  /* Tried again by itself, not only at the next change. */
  if (self->autosave_id == 0 && !(self->flushing && !self->emit))
    {
      self->autosave_id = g_timeout_add (self->retry_delay, autosave_cb, self);
      g_source_set_name_by_id (self->autosave_id, "[lectern] retry links save");
      self->retry_delay = MIN (self->retry_delay * 2, 60 * 1000);
    }
  save_error = g_error_new (LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_WRITE_FAILED,
                            _("Could not save passage links to “%s”: %s. The previous file is unchanged."),
                            self->path, error->message);

  if (self->flushing && !self->emit)
    g_debug ("%s", save_error->message);
  else
    g_signal_emit (self, signals[SAVE_FAILED], 0, save_error);

  if (self->flushing && self->flush_error == NULL)
    self->flush_error = g_steal_pointer (&save_error);
}

static void
queue_save (LecternLinkStore *self)
{
  g_autoptr(GBytes) bytes = NULL;

  g_clear_handle_id (&self->autosave_id, g_source_remove);

  if (!self->dirty || self->read_only)
    return;

  bytes = lectern_link_format_serialize (self->items, self->unparsed, self->unknown_top);
  self->dirty = FALSE;
  lectern_json_file_save_bytes (self->file, bytes);
}

/* Saves if anything changed, and waits until every save is on disk. */
static gboolean
save_now (LecternLinkStore  *self,
          gboolean           emit,
          GError           **error)
{
  queue_save (self);

  self->emit = emit;
  self->flushing = TRUE;
  lectern_json_file_flush (self->file, NULL);
  self->flushing = FALSE;

  if (self->flush_error == NULL)
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&self->flush_error));
  return FALSE;
}

static gboolean
autosave_cb (gpointer user_data)
{
  LecternLinkStore *self = user_data;

  self->autosave_id = 0;
  queue_save (self);

  return G_SOURCE_REMOVE;
}


/* The timer is not restarted by later changes, so a change is on disk
 * at most one delay after it was made. */
static void
schedule_save (LecternLinkStore *self)
{
  if (self->read_only)
    return;

  self->dirty = TRUE;

  if (self->autosave_id == 0)
    {
      self->autosave_id = g_timeout_add (self->autosave_delay, autosave_cb, self);
      g_source_set_name_by_id (self->autosave_id, "[lectern] autosave links");
    }
}

/* Every change goes through here. */
static void
links_changed (LecternLinkStore *self)
{
  schedule_save (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* "modified" only ever moves with another property: one change each. */
static void
link_notify_cb (LecternPassageLink *link,
                GParamSpec         *pspec,
                LecternLinkStore   *self)
{
  if (!self->quiet && strcmp (g_param_spec_get_name (pspec), "modified") != 0)
    links_changed (self);
}

static void
take_link (LecternLinkStore   *self,
           LecternPassageLink *link)
{
  g_ptr_array_add (self->items, link);
  g_hash_table_insert (self->by_id, (gpointer)lectern_passage_link_get_id (link), link);
  g_signal_connect (link, "notify", G_CALLBACK (link_notify_cb), self);
}

/* Loading */

/* Adds the readable entries; others, and those whose id is taken, are
 * kept aside as text. %FALSE, adding nothing, when there were entries
 * and none could be read: such a file counts as corrupt. */
static gboolean
add_entries (LecternLinkStore *self,
             JsonArray        *array)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) unparsed = g_ptr_array_new_with_free_func (g_free);
  guint n_entries = json_array_get_length (array);
  guint old_len = self->items->len;

  lectern_link_format_read_entries (array, self->by_id, links, unparsed);

  if (n_entries > 0 && links->len == 0)
    return FALSE;

  for (guint i = 0; i < links->len; i++)
    take_link (self, g_object_ref (g_ptr_array_index (links, i)));
  g_ptr_array_extend_and_steal (self->unparsed, g_steal_pointer (&unparsed));

  if (self->unparsed->len > 0)
    g_debug ("%s: %u link entries could not be read and are kept as they are",
             self->path, self->unparsed->len);

  if (self->items->len > old_len)
    g_list_model_items_changed (G_LIST_MODEL (self), old_len, 0, self->items->len - old_len);

  return TRUE;
}

/* Moves an unreadable file aside so that nothing is overwritten unseen;
 * links made now start a new file. If even that fails, the store is
 * read-only and the file stays where it is. */
static gboolean
keep_corrupt_file (LecternLinkStore  *self,
                   GError           **error)
{
  g_autofree char *corrupt_name = NULL;
  g_autoptr(JsonNode) backup = NULL;
  g_autoptr(JsonArray) entries = NULL;
  int saved_errno;

  if (!lectern_json_file_keep_corrupt (self->path, &corrupt_name, &saved_errno))
    {
      self->read_only = TRUE;
      g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_CORRUPT,
                   _("The passage links file “%s” could not be read, nor be set aside (%s). "
                     "It is left as it is, and passage links cannot be saved."),
                   self->path, g_strerror (saved_errno));
      return FALSE;
    }

  /* The file before the last save, if it is good (issue 19). */
  backup = lectern_json_file_load_backup (self->path, LECTERN_LINK_STORE_MAX_FILE_SIZE,
                                          LECTERN_LINK_FORMAT_NAME, LECTERN_LINK_STORE_FORMAT_VERSION);
  if (backup != NULL && (entries = lectern_json_dup_array (backup, "links")) != NULL &&
      add_entries (self, entries))
    {
      schedule_save (self);
      g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_CORRUPT,
                   _("The passage links file “%s” could not be read and was kept as “%s”. "
                     "Its links were restored from the backup “%s.bak”."),
                   self->path, corrupt_name, self->path);
      return FALSE;
    }

  g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_CORRUPT,
               _("The passage links file “%s” could not be read and was kept as “%s”. "
                 "Links made now start a new file."),
               self->path, corrupt_name);
  return FALSE;
}

/* Show what is understood; never write. */
static gboolean
load_newer (LecternLinkStore  *self,
            JsonNode          *root,
            gint64             version,
            GError           **error)
{
  g_autoptr(JsonArray) entries = lectern_json_dup_array (root, "links");

  self->read_only = TRUE;
  if (entries != NULL)
    add_entries (self, entries);

  g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_NEWER_VERSION,
               _("The passage links file “%s” was written by a newer version of Lectern "
                 "(format %lld). Its links are shown as far as they are "
                 "understood, but the file will not be changed."),
               self->path, (long long) version);
  return FALSE;
}

static gboolean
load_root (LecternLinkStore  *self,
           JsonNode          *root,
           GBytes            *bytes,
           GError           **error)
{
  g_autoptr(JsonArray) entries = lectern_json_dup_array (root, "links");

  if (entries == NULL || !add_entries (self, entries))
    return keep_corrupt_file (self, error);

  self->unknown_top = lectern_link_format_dup_unknown_top (root);
  lectern_json_file_set_on_disk (self->file, bytes);
  return TRUE;
}

static gboolean
set_unreadable (LecternLinkStore  *self,
                gboolean           too_large,
                const GError      *read_error,
                GError           **error)
{
  g_autofree char *limit = g_format_size (LECTERN_LINK_STORE_MAX_FILE_SIZE);

  self->read_only = TRUE;
  if (too_large)
    g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_UNREADABLE,
                 _("The passage links file “%s” is larger than %s, too large to be "
                   "links. It is left as it is, and passage links cannot be saved."),
                 self->path, limit);
  else
    g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_UNREADABLE,
                 _("The passage links file “%s” could not be read: %s. It will not be "
                   "changed, and passage links cannot be saved."),
                 self->path, read_error->message);
  return FALSE;
}

static gboolean
load_file (LecternLinkStore  *self,
           GError           **error)
{
  LecternJsonFileContents contents;
  gboolean ret = FALSE;

  lectern_json_file_remove_stale_temporaries (self->path);

  switch (lectern_json_file_load (self->path, NULL, LECTERN_LINK_STORE_MAX_FILE_SIZE,
                                  LECTERN_LINK_FORMAT_NAME, LECTERN_LINK_STORE_FORMAT_VERSION,
                                  &contents))
    {
    case LECTERN_JSON_FILE_MISSING:
      ret = TRUE;
      break;
    case LECTERN_JSON_FILE_TOO_LARGE:
    case LECTERN_JSON_FILE_UNREADABLE:
      ret = set_unreadable (self, contents.error == NULL, contents.error, error);
      break;
    case LECTERN_JSON_FILE_CORRUPT:
      ret = keep_corrupt_file (self, error);
      break;
    case LECTERN_JSON_FILE_NEWER:
      ret = load_newer (self, contents.root, contents.version, error);
      break;
    case LECTERN_JSON_FILE_LOADED:
      ret = load_root (self, contents.root, contents.bytes, error);
      break;
    default:
      g_assert_not_reached ();
    }

  lectern_json_file_unref_later (g_steal_pointer (&contents.root), self->items->len);
  lectern_json_file_contents_clear (&contents);

  return ret;
}

/* Object */

static void
lectern_link_store_constructed (GObject *object)
{
  LecternLinkStore *self = (LecternLinkStore *)object;

  G_OBJECT_CLASS (lectern_link_store_parent_class)->constructed (object);

  if (self->path == NULL)
    self->path = g_build_filename (g_get_user_data_dir (), "lectern", "links.json", NULL);

  self->file = lectern_json_file_new (self->path, TRUE);
  lectern_json_file_set_rules (self->file, LECTERN_LINK_STORE_MAX_FILE_SIZE, "links");
  lectern_json_file_set_done_func (self->file, saved_cb, self);
}

static void
lectern_link_store_dispose (GObject *object)
{
  LecternLinkStore *self = (LecternLinkStore *)object;
  g_autoptr(GError) error = NULL;

  /* Nobody is left to tell about a failure now. */
  if (!save_now (self, FALSE, &error))
    g_debug ("Passage links were not saved: %s", error->message);
  /* No retry outlives the store. */
  g_clear_handle_id (&self->autosave_id, g_source_remove);

  for (guint i = 0; i < self->items->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->items, i), link_notify_cb, self);

  G_OBJECT_CLASS (lectern_link_store_parent_class)->dispose (object);
}

static void
lectern_link_store_finalize (GObject *object)
{
  LecternLinkStore *self = (LecternLinkStore *)object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->unparsed, g_ptr_array_unref);
  g_clear_pointer (&self->unknown_top, json_object_unref);
  lectern_json_file_set_done_func (self->file, NULL, NULL);
  g_clear_pointer (&self->file, lectern_json_file_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (lectern_link_store_parent_class)->finalize (object);
}

static void
lectern_link_store_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LecternLinkStore *self = LECTERN_LINK_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_link_store_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LecternLinkStore *self = LECTERN_LINK_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_link_store_class_init (LecternLinkStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lectern_link_store_constructed;
  object_class->dispose = lectern_link_store_dispose;
  object_class->finalize = lectern_link_store_finalize;
  object_class->get_property = lectern_link_store_get_property;
  object_class->set_property = lectern_link_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LecternLinkStore::changed:
   * @self: a #LecternLinkStore
   *
   * Emitted after a link was added, removed or changed, and after
   * lectern_link_store_attach_document() moved passages.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * LecternLinkStore::save-failed:
   * @self: a #LecternLinkStore
   * @error: what went wrong, a %LECTERN_STORE_ERROR_WRITE_FAILED naming the file
   *
   * Emitted when an autosave or flush failed. The previous file is
   * unchanged; the store tries again at the next change or flush.
   */
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
lectern_link_store_init (LecternLinkStore *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->retry_delay = 1000;
  self->unparsed = g_ptr_array_new_with_free_func (g_free);
  self->autosave_delay = DEFAULT_AUTOSAVE_DELAY_MSEC;
}

/* Public API */

/**
 * lectern_link_store_new:
 * @path: (nullable): the links file; %NULL for
 *   `$XDG_DATA_HOME/lectern/links.json`
 *
 * Creates an empty store. Call lectern_link_store_load() before changing
 * it; its directory is created when the file is first written.
 *
 * Returns: (transfer full): a new #LecternLinkStore
 */
LecternLinkStore *
lectern_link_store_new (const char *path)
{
  return g_object_new (LECTERN_TYPE_LINK_STORE,
                       "path", path,
                       NULL);
}

/**
 * lectern_link_store_get_path:
 * @self: a #LecternLinkStore
 *
 * Returns: the path of the links file, whether it exists or not
 */
const char *
lectern_link_store_get_path (LecternLinkStore *self)
{
  g_return_val_if_fail (LECTERN_IS_LINK_STORE (self), NULL);

  return self->path;
}

/**
 * lectern_link_store_load:
 * @self: a #LecternLinkStore
 * @error: return location for a #LecternStoreError
 *
 * Reads the links file and adds its links. A missing file is an empty
 * store. Loading again does nothing.
 *
 * The store stays usable when this fails: with
 * %LECTERN_STORE_ERROR_CORRUPT the file was renamed to
 * `<path>.corrupt-<timestamp>` and the store starts empty (unless even the
 * rename failed: then it is read-only); with
 * %LECTERN_STORE_ERROR_NEWER_VERSION the links are shown as far as they
 * are understood and the store is read-only; with
 * %LECTERN_STORE_ERROR_UNREADABLE (also for a file over 64 MiB) it is
 * read-only and empty. A read-only store never writes its file.
 *
 * Returns: %TRUE if the links (or none, without a file) were loaded
 */
gboolean
lectern_link_store_load (LecternLinkStore  *self,
                         GError           **error)
{
  g_return_val_if_fail (LECTERN_IS_LINK_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->loaded)
    return TRUE;

  self->loaded = TRUE;
  if (!load_file (self, error))
    return FALSE;

  if (self->items->len > 0)
    g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

/**
 * lectern_link_store_is_read_only:
 * @self: a #LecternLinkStore
 *
 * Whether links cannot be changed because the file is from a newer
 * Lectern or could not be read.
 *
 * Returns: %TRUE if the store is read-only
 */
gboolean
lectern_link_store_is_read_only (LecternLinkStore *self)
{
  g_return_val_if_fail (LECTERN_IS_LINK_STORE (self), FALSE);

  return self->read_only;
}

/* Changes need the file read first, or a save would replace it unseen. */
static gboolean
check_writable (LecternLinkStore  *self,
                GError           **error)
{
  if (!self->loaded && !lectern_link_store_load (self, error))
    return FALSE;

  if (!self->read_only)
    return TRUE;

  g_set_error (error, LECTERN_STORE_ERROR, LECTERN_STORE_ERROR_READ_ONLY,
               _("Passage links are read-only, because their file “%s” could not be read "
                 "or is from a newer Lectern."),
               self->path);
  return FALSE;
}

/**
 * lectern_link_store_add:
 * @self: a #LecternLinkStore
 * @link: a passage link
 * @error: return location for a #LecternStoreError
 *
 * Adds @link at the end of the model and schedules a save. Adding a link
 * that is already in the store does nothing. A store that was not loaded
 * is loaded first; if that fails, nothing is added and its error is
 * returned.
 *
 * Returns: %TRUE on success; %FALSE with %LECTERN_STORE_ERROR_READ_ONLY
 *   if the store is read-only
 */
gboolean
lectern_link_store_add (LecternLinkStore    *self,
                        LecternPassageLink  *link,
                        GError             **error)
{
  LecternPassageLink *existing;

  g_return_val_if_fail (LECTERN_IS_LINK_STORE (self), FALSE);
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (link), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  existing = g_hash_table_lookup (self->by_id, lectern_passage_link_get_id (link));
  g_return_val_if_fail (existing == NULL || existing == link, FALSE);
  if (existing != NULL)
    return TRUE;

  take_link (self, g_object_ref (link));
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
  links_changed (self);

  return TRUE;
}

/**
 * lectern_link_store_remove:
 * @self: a #LecternLinkStore
 * @link: a passage link
 * @error: return location for a #LecternStoreError
 *
 * Removes @link and schedules a save. Removing a link that is not in the
 * store does nothing.
 *
 * Returns: %TRUE on success; %FALSE with %LECTERN_STORE_ERROR_READ_ONLY
 *   if the store is read-only
 */
gboolean
lectern_link_store_remove (LecternLinkStore    *self,
                           LecternPassageLink  *link,
                           GError             **error)
{
  g_autoptr(LecternPassageLink) removed = NULL;
  guint position;

  g_return_val_if_fail (LECTERN_IS_LINK_STORE (self), FALSE);
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (link), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_hash_table_lookup (self->by_id, lectern_passage_link_get_id (link)) != link)
    return TRUE;

  if (!check_writable (self, error))
    return FALSE;

  if (!g_ptr_array_find (self->items, link, &position))
    g_assert_not_reached ();

  removed = g_ptr_array_steal_index (self->items, position);
  g_hash_table_remove (self->by_id, lectern_passage_link_get_id (link));
  g_signal_handlers_disconnect_by_func (link, link_notify_cb, self);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  links_changed (self);

  return TRUE;
}

/**
 * lectern_link_store_find:
 * @self: a #LecternLinkStore
 * @id: a link id
 *
 * Returns: (transfer none) (nullable): the link with that id
 */
LecternPassageLink *
lectern_link_store_find (LecternLinkStore *self,
                         const char       *id)
{
  g_return_val_if_fail (LECTERN_IS_LINK_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, id);
}

/* Sorts by the place on the side of the document the array is for. */
typedef struct
{
  const char *document_id;
} SortContext;

static LecternLinkSide
side_of (LecternPassageLink *link,
         const char         *document_id)
{
  return strcmp (lectern_passage_link_get_document_id (link, LECTERN_LINK_SIDE_LEFT), document_id) == 0
         ? LECTERN_LINK_SIDE_LEFT : LECTERN_LINK_SIDE_RIGHT;
}

static LecternLinkSide
other_side (LecternLinkSide side)
{
  return side == LECTERN_LINK_SIDE_LEFT ? LECTERN_LINK_SIDE_RIGHT : LECTERN_LINK_SIDE_LEFT;
}

static int
compare_links (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  LecternPassageLink *la = *(LecternPassageLink * const *)a;
  LecternPassageLink *lb = *(LecternPassageLink * const *)b;
  const SortContext *context = user_data;
  LecternLinkSide sa = side_of (la, context->document_id);
  LecternLinkSide sb = side_of (lb, context->document_id);
  int ret;

  if ((ret = lectern_passage_link_compare_places (la, sa, lb, sb)) != 0 ||
      (ret = lectern_passage_link_compare_places (la, other_side (sa), lb, other_side (sb))) != 0)
    return ret;

  return strcmp (lectern_passage_link_get_id (la), lectern_passage_link_get_id (lb));
}

static GPtrArray *
list_matching (LecternLinkStore *self,
               const char       *doc_a,
               const char       *doc_b)
{
  GPtrArray *ret = g_ptr_array_new_with_free_func (g_object_unref);
  SortContext context = { doc_a };

  for (guint i = 0; i < self->items->len; i++)
    {
      LecternPassageLink *link = g_ptr_array_index (self->items, i);
      const char *left = lectern_passage_link_get_document_id (link, LECTERN_LINK_SIDE_LEFT);
      const char *right = lectern_passage_link_get_document_id (link, LECTERN_LINK_SIDE_RIGHT);
      gboolean match;

      if (doc_b == NULL)
        match = strcmp (left, doc_a) == 0 || strcmp (right, doc_a) == 0;
      else
        match = (strcmp (left, doc_a) == 0 && strcmp (right, doc_b) == 0) ||
                (strcmp (left, doc_b) == 0 && strcmp (right, doc_a) == 0);

      if (match)
        g_ptr_array_add (ret, g_object_ref (link));
    }

  g_ptr_array_sort_with_data (ret, compare_links, &context);

  return ret;
}

/**
 * lectern_link_store_list_between:
 * @self: a #LecternLinkStore
 * @doc_a: a document id
 * @doc_b: another document id (or the same)
 *
 * The links between two documents, whichever side each is on, sorted by
 * the place of their passage in @doc_a (then in @doc_b).
 *
 * Returns: (transfer full) (element-type LecternPassageLink): the links;
 *   the array holds a reference on each and drops it when freed
 */
GPtrArray *
lectern_link_store_list_between (LecternLinkStore *self,
                                 const char       *doc_a,
                                 const char       *doc_b)
{
  g_return_val_if_fail (LECTERN_IS_LINK_STORE (self), NULL);
  g_return_val_if_fail (doc_a != NULL, NULL);
  g_return_val_if_fail (doc_b != NULL, NULL);

  return list_matching (self, doc_a, doc_b);
}

/**
 * lectern_link_store_list_for_document:
 * @self: a #LecternLinkStore
 * @doc_id: a document id
 *
 * The links with a passage in a document, sorted by its place there.
 *
 * Returns: (transfer full) (element-type LecternPassageLink): the links;
 *   the array holds a reference on each and drops it when freed
 */
GPtrArray *
lectern_link_store_list_for_document (LecternLinkStore *self,
                                      const char       *doc_id)
{
  g_return_val_if_fail (LECTERN_IS_LINK_STORE (self), NULL);
  g_return_val_if_fail (doc_id != NULL, NULL);

  return list_matching (self, doc_id, NULL);
}

/**
 * lectern_link_store_attach_document:
 * @self: a #LecternLinkStore
 * @document: an opened document
 *
 * Tells the store that @document is open. Every passage of a link in
 * @document whose text changed since the passage was placed (their
 * fingerprints differ, or the passage's is unknown), or whose range does
 * not fit in the text (a hand-edited file), is placed again, as
 * highlights are (see lectern_anchor_locate_all()): its range moves to
 * where its quote is now and it is anchored, or, when only a look-alike
 * passage was found with a confidence below %LECTERN_STORE_REVIEW_BELOW,
 * marked %LECTERN_HIGHLIGHT_NEEDS_REVIEW; a passage whose quote cannot
 * be found is marked %LECTERN_HIGHLIGHT_ORPHANED and keeps its range. No
 * link is ever dropped, and the stored quotes stay as they were. When
 * anything moved, #LecternLinkStore::changed is emitted once and the file
 * is saved soon, with the new fingerprints.
 *
 * Call it after lectern_link_store_load(), for each document as it opens.
 */
void
lectern_link_store_attach_document (LecternLinkStore *self,
                                    LecternDocument  *document)
{
  guint n_placed;

  g_return_if_fail (LECTERN_IS_LINK_STORE (self));
  g_return_if_fail (LECTERN_IS_DOCUMENT (document));

  /* One "changed" for every passage moved. */
  self->quiet = TRUE;
  n_placed = lectern_link_placement_run (self->items, document);
  self->quiet = FALSE;

  if (n_placed > 0)
    links_changed (self);
}

/**
 * lectern_link_store_flush:
 * @self: a #LecternLinkStore
 * @error: return location for a #LecternStoreError
 *
 * Saves the links now if they changed, without waiting for the
 * autosave, and waits until every save of the file is on disk: call it
 * on quit. #LecternLinkStore::save-failed is emitted on failure and the
 * store tries again at the next change or flush.
 *
 * Returns: %TRUE if nothing was left unsaved; otherwise %FALSE with
 *   %LECTERN_STORE_ERROR_WRITE_FAILED
 */
gboolean
lectern_link_store_flush (LecternLinkStore  *self,
                          GError           **error)
{
  g_return_val_if_fail (LECTERN_IS_LINK_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return save_now (self, TRUE, error);
}

/**
 * lectern_link_store_set_autosave_delay:
 * @self: a #LecternLinkStore
 * @msec: milliseconds from a change until it is saved
 *
 * Sets how long the store waits after a change before saving, so that a
 * burst of changes is written once. The default is 500 ms. A save that
 * is already scheduled keeps its time.
 */
void
lectern_link_store_set_autosave_delay (LecternLinkStore *self,
                                       guint             msec)
{
  g_return_if_fail (LECTERN_IS_LINK_STORE (self));

  self->autosave_delay = msec;
}
