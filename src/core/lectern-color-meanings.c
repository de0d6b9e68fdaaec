/* lectern-color-meanings.c: what each highlight colour stands for
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The five colours carry meanings the reader chooses ("Key point",
 * "Question", …). They live with the reader's highlights, in
 * `<data dir>/lectern/colors.json`, so that exports and another machine
 * with the same data carry them:
 *
 *   { "format": "lectern-colors", "version": 1,
 *     "meanings": { "yellow": "Key point", "green": "Agree", … } }
 *
 * A colour missing from the file keeps its default meaning. The file is
 * read and replaced atomically by lectern-json-file.c; one that does not parse is reported and left as it
 * is (the defaults are used), never overwritten until the reader changes a
 * meaning.
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lectern-color-meanings.h"
#include "lectern-json-file.h"

/* A larger file does not hold meanings. */
#define MAX_FILE_SIZE (64 * 1024)

struct _LecternColorMeanings
{
  GObject  parent_instance;

  char    *path;
  char    *meanings[LECTERN_N_COLORS];
};

G_DEFINE_FINAL_TYPE (LecternColorMeanings, lectern_color_meanings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const default_meanings[LECTERN_N_COLORS] = {
  N_("Key point"), N_("Agree"), N_("Evidence"), N_("Disagree"), N_("Question"),
};

static const char * const color_labels[LECTERN_N_COLORS] = {
  N_("Yellow"), N_("Green"), N_("Blue"), N_("Red"), N_("Purple"),
};

/**
 * lectern_color_meanings_get_default:
 * @color: a colour
 *
 * Returns: the meaning @color has until the reader changes it, translated
 */
const char *
lectern_color_meanings_get_default (LecternColor color)
{
  g_return_val_if_fail (color < LECTERN_N_COLORS, NULL);

  return _(default_meanings[color]);
}

/**
 * lectern_color_get_label:
 * @color: a colour
 *
 * Returns: the colour's name for people ("Yellow"), translated
 */
const char *
lectern_color_get_label (LecternColor color)
{
  g_return_val_if_fail (color < LECTERN_N_COLORS, NULL);

  return _(color_labels[color]);
}

static void
lectern_color_meanings_finalize (GObject *object)
{
  LecternColorMeanings *self = LECTERN_COLOR_MEANINGS (object);

  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    g_free (self->meanings[i]);
  g_free (self->path);

  G_OBJECT_CLASS (lectern_color_meanings_parent_class)->finalize (object);
}

static void
lectern_color_meanings_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LecternColorMeanings *self = LECTERN_COLOR_MEANINGS (object);

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
lectern_color_meanings_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  LecternColorMeanings *self = LECTERN_COLOR_MEANINGS (object);

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
lectern_color_meanings_class_init (LecternColorMeaningsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lectern_color_meanings_finalize;
  object_class->get_property = lectern_color_meanings_get_property;
  object_class->set_property = lectern_color_meanings_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LecternColorMeanings::changed:
   * @self: a #LecternColorMeanings
   * @color: the colour whose meaning changed
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
lectern_color_meanings_init (LecternColorMeanings *self)
{
}

/**
 * lectern_color_meanings_new:
 * @path: (nullable): the file the meanings live in; %NULL for
 *   `<user data dir>/lectern/colors.json`
 *
 * Returns: (transfer full): meanings with their defaults; call
 *   lectern_color_meanings_load() to read the reader's
 */
LecternColorMeanings *
lectern_color_meanings_new (const char *path)
{
  g_autofree char *default_path = NULL;

  if (path == NULL)
    path = default_path = g_build_filename (g_get_user_data_dir (), "lectern", "colors.json", NULL);

  return g_object_new (LECTERN_TYPE_COLOR_MEANINGS, "path", path, NULL);
}

const char *
lectern_color_meanings_get_path (LecternColorMeanings *self)
{
  g_return_val_if_fail (LECTERN_IS_COLOR_MEANINGS (self), NULL);

  return self->path;
}

static char *
normalize (const char *meaning)
{
  g_autofree char *stripped = NULL;
  const char *end;

  if (meaning == NULL || !g_utf8_validate (meaning, -1, NULL))
    return NULL;

  stripped = g_strstrip (g_strdup (meaning));
  if (stripped[0] == '\0')
    return NULL;

  /* One line, at most LECTERN_COLOR_MEANING_MAX_CHARS characters. */
  g_strdelimit (stripped, "\r\n\t", ' ');
  if (g_utf8_strlen (stripped, -1) > LECTERN_COLOR_MEANING_MAX_CHARS)
    {
      end = g_utf8_offset_to_pointer (stripped, LECTERN_COLOR_MEANING_MAX_CHARS);
      return g_strndup (stripped, end - stripped);
    }

  return g_steal_pointer (&stripped);
}

/**
 * lectern_color_meanings_load:
 * @self: a #LecternColorMeanings
 * @error: a location for a #GError
 *
 * Reads the reader's meanings. A missing file is not an error (the defaults
 * hold). A file that cannot be read or does not hold meanings gives an error
 * naming it; the defaults hold and the file is left alone.
 *
 * Returns: %TRUE unless the file exists and could not be used
 */
gboolean
lectern_color_meanings_load (LecternColorMeanings  *self,
                             GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *display = NULL;
  JsonObject *root;
  JsonObject *meanings;
  const char *format;
  gboolean too_large;

  g_return_val_if_fail (LECTERN_IS_COLOR_MEANINGS (self), FALSE);

  display = g_filename_display_name (self->path);

  contents = lectern_json_file_read (self->path, MAX_FILE_SIZE, &too_large, &local_error);
  if (contents == NULL && !too_large)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not read the colour meanings in “%s”: %s"), display, local_error->message);
      return FALSE;
    }

  if (too_large || (node = lectern_json_file_parse (contents, self->path)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” does not hold colour meanings; the default meanings are used and the file is left as it is"),
                   display);
      return FALSE;
    }

  root = json_node_get_object (node);
  /* "format" may be anything in a crafted file (found by fuzz-colors). */
  if (!lectern_json_read_string (root, "format", TRUE, &format) ||
      g_strcmp0 (format, LECTERN_COLOR_MEANINGS_FORMAT) != 0 ||
      !json_object_has_member (root, "meanings") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "meanings")))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” does not hold colour meanings; the default meanings are used and the file is left as it is"),
                   display);
      return FALSE;
    }

  meanings = json_object_get_object_member (root, "meanings");
  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      const char *name = lectern_color_to_string (i);
      JsonNode *member = json_object_get_member (meanings, name);
      g_autofree char *meaning = NULL;

      if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
          json_node_get_value_type (member) == G_TYPE_STRING)
        meaning = normalize (json_node_get_string (member));

      if (g_strcmp0 (meaning, self->meanings[i]) != 0)
        {
          g_free (self->meanings[i]);
          self->meanings[i] = g_steal_pointer (&meaning);
          g_signal_emit (self, signals[CHANGED], 0, i);
        }
    }

  return TRUE;
}

/**
 * lectern_color_meanings_save:
 * @self: a #LecternColorMeanings
 * @error: a location for a #GError
 *
 * Writes the meanings with a durable, atomic replace of the file, on
 * the writer's thread, and waits until they are on disk.
 *
 * Returns: %TRUE if the file was written
 */
gboolean
lectern_color_meanings_save (LecternColorMeanings  *self,
                             GError               **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(LecternJsonFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dir = NULL;
  char *text;
  gsize length;

  g_return_val_if_fail (LECTERN_IS_COLOR_MEANINGS (self), FALSE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, LECTERN_COLOR_MEANINGS_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, LECTERN_COLOR_MEANINGS_VERSION);
  json_builder_set_member_name (builder, "meanings");
  json_builder_begin_object (builder);
  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      json_builder_set_member_name (builder, lectern_color_to_string (i));
      json_builder_add_string_value (builder, lectern_color_meanings_get (self, i));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  bytes = g_bytes_new_take (text, length);

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  /* A new handle each time: the file is written even when the reader
   * saves what it already holds. */
  file = lectern_json_file_new (self->path, FALSE);
  lectern_json_file_set_rules (file, MAX_FILE_SIZE, NULL);
  lectern_json_file_save_bytes (file, bytes);

  return lectern_json_file_flush (file, error);
}

/**
 * lectern_color_meanings_get:
 * @self: a #LecternColorMeanings
 * @color: a colour
 *
 * Returns: what @color stands for: the reader's meaning or the default
 */
const char *
lectern_color_meanings_get (LecternColorMeanings *self,
                            LecternColor          color)
{
  g_return_val_if_fail (LECTERN_IS_COLOR_MEANINGS (self), NULL);
  g_return_val_if_fail (color < LECTERN_N_COLORS, NULL);

  return self->meanings[color] != NULL ? self->meanings[color] : lectern_color_meanings_get_default (color);
}

/**
 * lectern_color_meanings_set:
 * @self: a #LecternColorMeanings
 * @color: a colour
 * @meaning: (nullable): its new meaning; %NULL or blank for the default
 *
 * Changes a meaning (one line, at most %LECTERN_COLOR_MEANING_MAX_CHARS
 * characters) and emits #LecternColorMeanings::changed. Saving is the
 * caller's choice (lectern_color_meanings_save()).
 */
void
lectern_color_meanings_set (LecternColorMeanings *self,
                            LecternColor          color,
                            const char           *meaning)
{
  g_autofree char *normalized = NULL;

  g_return_if_fail (LECTERN_IS_COLOR_MEANINGS (self));
  g_return_if_fail (color < LECTERN_N_COLORS);

  normalized = normalize (meaning);
  if (normalized != NULL && g_strcmp0 (normalized, lectern_color_meanings_get_default (color)) == 0)
    g_clear_pointer (&normalized, g_free);

  if (g_strcmp0 (normalized, self->meanings[color]) == 0)
    return;

  g_free (self->meanings[color]);
  self->meanings[color] = g_steal_pointer (&normalized);
  g_signal_emit (self, signals[CHANGED], 0, color);
}

/**
 * lectern_color_meanings_reset:
 * @self: a #LecternColorMeanings
 *
 * Gives every colour its default meaning again.
 */
void
lectern_color_meanings_reset (LecternColorMeanings *self)
{
  g_return_if_fail (LECTERN_IS_COLOR_MEANINGS (self));

  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    lectern_color_meanings_set (self, i, NULL);
}
