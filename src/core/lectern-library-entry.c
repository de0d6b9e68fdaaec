/* lectern-library-entry.c: one document the reader has opened
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-document.h"
#include "lectern-library-entry.h"

/*
 * What the library remembers of a document, whether or not it is open:
 * enough to list it, to find its highlights (its id is the key of its
 * highlights file) and to open it again where the reader left it,
 * without reading its text.
 */

struct _LecternLibraryEntry
{
  GObject  parent_instance;

  char    *uri;
  char    *id;
  char    *title;
  char    *fingerprint;
  char    *format;
  guint    position;
  gboolean missing;
};

G_DEFINE_FINAL_TYPE (LecternLibraryEntry, lectern_library_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_MISSING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lectern_library_entry_finalize (GObject *object)
{
  LecternLibraryEntry *self = LECTERN_LIBRARY_ENTRY (object);

  g_free (self->uri);
  g_free (self->id);
  g_free (self->title);
  g_free (self->fingerprint);
  g_free (self->format);

  G_OBJECT_CLASS (lectern_library_entry_parent_class)->finalize (object);
}

static void
lectern_library_entry_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LecternLibraryEntry *self = LECTERN_LIBRARY_ENTRY (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_MISSING:
      g_value_set_boolean (value, self->missing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_library_entry_class_init (LecternLibraryEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lectern_library_entry_finalize;
  object_class->get_property = lectern_library_entry_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MISSING] =
    g_param_spec_boolean ("missing", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lectern_library_entry_init (LecternLibraryEntry *self)
{
}

/**
 * lectern_library_entry_new:
 * @uri: where the document was last opened from
 * @title: its title
 * @fingerprint: (nullable): the fingerprint of its text
 *
 * Returns: (transfer full): a new entry
 */
LecternLibraryEntry *
lectern_library_entry_new (const char *uri,
                           const char *title,
                           const char *fingerprint)
{
  LecternLibraryEntry *self;

  g_return_val_if_fail (uri != NULL, NULL);

  self = g_object_new (LECTERN_TYPE_LIBRARY_ENTRY, NULL);
  lectern_library_entry_update (self, uri, title, fingerprint);

  return self;
}

/**
 * lectern_library_entry_update:
 * @self: a #LecternLibraryEntry
 * @uri: where the document is now
 * @title: (nullable): its title, %NULL to keep the one known
 * @fingerprint: (nullable): its fingerprint, %NULL to keep the one known
 *
 * Records that the document was opened from @uri (it may have moved).
 */
void
lectern_library_entry_update (LecternLibraryEntry *self,
                              const char          *uri,
                              const char          *title,
                              const char          *fingerprint)
{
  g_return_if_fail (LECTERN_IS_LIBRARY_ENTRY (self));
  g_return_if_fail (uri != NULL);

  if (g_strcmp0 (self->uri, uri) != 0)
    {
      g_free (self->uri);
      g_free (self->id);
      self->uri = g_strdup (uri);
      self->id = lectern_document_key_for_uri (uri);
    }
  if (fingerprint != NULL)
    {
      g_free (self->fingerprint);
      self->fingerprint = g_strdup (fingerprint);
    }
  if (title == NULL && self->title == NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uri);

      self->title = g_file_get_basename (file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
  else if (title != NULL && g_strcmp0 (self->title, title) != 0)
    {
      g_free (self->title);
      self->title = g_strdup (title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

const char *
lectern_library_entry_get_uri (LecternLibraryEntry *self)
{
  g_return_val_if_fail (LECTERN_IS_LIBRARY_ENTRY (self), NULL);

  return self->uri;
}

/**
 * lectern_library_entry_get_id:
 * @self: a #LecternLibraryEntry
 *
 * Returns: the document id, the key of its highlights file
 */
const char *
lectern_library_entry_get_id (LecternLibraryEntry *self)
{
  g_return_val_if_fail (LECTERN_IS_LIBRARY_ENTRY (self), NULL);

  return self->id;
}

const char *
lectern_library_entry_get_title (LecternLibraryEntry *self)
{
  g_return_val_if_fail (LECTERN_IS_LIBRARY_ENTRY (self), NULL);

  return self->title;
}

const char *
lectern_library_entry_get_fingerprint (LecternLibraryEntry *self)
{
  g_return_val_if_fail (LECTERN_IS_LIBRARY_ENTRY (self), NULL);

  return self->fingerprint;
}

/**
 * lectern_library_entry_get_position:
 * @self: a #LecternLibraryEntry
 *
 * Returns: the character offset the reader last read at
 */
guint
lectern_library_entry_get_position (LecternLibraryEntry *self)
{
  g_return_val_if_fail (LECTERN_IS_LIBRARY_ENTRY (self), 0);

  return self->position;
}

void
lectern_library_entry_set_position (LecternLibraryEntry *self,
                                    guint                position)
{
  g_return_if_fail (LECTERN_IS_LIBRARY_ENTRY (self));

  self->position = position;
}

/**
 * lectern_library_entry_get_format:
 * @self: a #LecternLibraryEntry
 *
 * Returns: (nullable): the format the reader chose for the file, if any
 */
const char *
lectern_library_entry_get_format (LecternLibraryEntry *self)
{
  g_return_val_if_fail (LECTERN_IS_LIBRARY_ENTRY (self), NULL);

  return self->format;
}

void
lectern_library_entry_set_format (LecternLibraryEntry *self,
                                  const char          *format)
{
  g_return_if_fail (LECTERN_IS_LIBRARY_ENTRY (self));

  g_free (self->format);
  self->format = g_strdup (format);
}

/**
 * lectern_library_entry_get_missing:
 * @self: a #LecternLibraryEntry
 *
 * Returns: whether the document's file was not found where it was
 */
gboolean
lectern_library_entry_get_missing (LecternLibraryEntry *self)
{
  g_return_val_if_fail (LECTERN_IS_LIBRARY_ENTRY (self), FALSE);

  return self->missing;
}

void
lectern_library_entry_set_missing (LecternLibraryEntry *self,
                                   gboolean             missing)
{
  g_return_if_fail (LECTERN_IS_LIBRARY_ENTRY (self));

  if (self->missing == !!missing)
    return;

  self->missing = !!missing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MISSING]);
}
