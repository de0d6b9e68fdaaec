/* lectern-highlight.c: one highlight of a passage, with its note and tags
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-core-enums.h"
#include "lectern-core-private.h"
#include "lectern-highlight.h"

struct _LecternHighlight
{
  GObject                parent_instance;

  char                  *id;
  char                  *document_id;
  char                  *note;
  char                 **tags;
  GDateTime             *created;
  GDateTime             *modified;
  char                  *exact;
  char                  *prefix;
  char                  *suffix;
  guint                  start;
  guint                  end;
  LecternColor           color;
  LecternHighlightState  state;
};

G_DEFINE_FINAL_TYPE (LecternHighlight, lectern_highlight, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DOCUMENT_ID,
  PROP_COLOR,
  PROP_NOTE,
  PROP_TAGS,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_START,
  PROP_END,
  PROP_EXACT,
  PROP_PREFIX,
  PROP_SUFFIX,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const color_names[LECTERN_N_COLORS] = {
  "yellow", "green", "blue", "red", "purple",
};

static const char * const state_names[] = {
  "anchored", "orphaned", "needs-review",
};

/* Returned for "no tags" so callers never have to check for NULL. */
static const char * const no_tags[] = { NULL };

static void
lectern_highlight_finalize (GObject *object)
{
  LecternHighlight *self = (LecternHighlight *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->document_id, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);
  g_clear_pointer (&self->exact, g_free);
  g_clear_pointer (&self->prefix, g_free);
  g_clear_pointer (&self->suffix, g_free);

  G_OBJECT_CLASS (lectern_highlight_parent_class)->finalize (object);
}

static void
lectern_highlight_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LecternHighlight *self = LECTERN_HIGHLIGHT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_DOCUMENT_ID:
      g_value_set_string (value, self->document_id);
      break;

    case PROP_COLOR:
      g_value_set_enum (value, self->color);
      break;

    case PROP_NOTE:
      g_value_set_string (value, lectern_highlight_get_note (self));
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, lectern_highlight_get_tags (self));
      break;

    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;

    case PROP_MODIFIED:
      g_value_set_boxed (value, self->modified);
      break;

    case PROP_START:
      g_value_set_uint (value, self->start);
      break;

    case PROP_END:
      g_value_set_uint (value, self->end);
      break;

    case PROP_EXACT:
      g_value_set_string (value, self->exact);
      break;

    case PROP_PREFIX:
      g_value_set_string (value, lectern_highlight_get_prefix (self));
      break;

    case PROP_SUFFIX:
      g_value_set_string (value, lectern_highlight_get_suffix (self));
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_highlight_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LecternHighlight *self = LECTERN_HIGHLIGHT (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      lectern_highlight_set_color (self, g_value_get_enum (value));
      break;

    case PROP_NOTE:
      lectern_highlight_set_note (self, g_value_get_string (value));
      break;

    case PROP_TAGS:
      lectern_highlight_set_tags (self, g_value_get_boxed (value));
      break;

    case PROP_STATE:
      lectern_highlight_set_state (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
readable_string (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

static void
lectern_highlight_class_init (LecternHighlightClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lectern_highlight_finalize;
  object_class->get_property = lectern_highlight_get_property;
  object_class->set_property = lectern_highlight_set_property;

  /* The fixed parts are read-only properties set by the constructors,
   * not construct properties: GObject would set every construct
   * property on each g_object_new(), and loading makes 100k of these. */
  properties[PROP_ID] = readable_string ("id");
  properties[PROP_DOCUMENT_ID] = readable_string ("document-id");
  properties[PROP_EXACT] = readable_string ("exact");
  properties[PROP_PREFIX] = readable_string ("prefix");
  properties[PROP_SUFFIX] = readable_string ("suffix");
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_MODIFIED] =
    g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME, ro | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_START] =
    g_param_spec_uint ("start", NULL, NULL, 0, G_MAXUINT, 0, ro | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_END] =
    g_param_spec_uint ("end", NULL, NULL, 0, G_MAXUINT, 0, ro | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COLOR] =
    g_param_spec_enum ("color", NULL, NULL, LECTERN_TYPE_COLOR, LECTERN_COLOR_YELLOW, rw);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, rw);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, LECTERN_TYPE_HIGHLIGHT_STATE,
                       LECTERN_HIGHLIGHT_ANCHORED, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lectern_highlight_init (LecternHighlight *self)
{
}

/**
 * lectern_highlight_new:
 * @document_id: the id of the document the highlight belongs to
 * @color: its colour
 * @start: first character of the quote (code points into the rendered text)
 * @end: one past its last character
 * @exact: the quoted text
 * @prefix: (nullable): text just before the quote, to find it again
 * @suffix: (nullable): text just after the quote
 *
 * Creates a highlight with a fresh random id, created and modified now.
 *
 * Returns: (transfer full): a new #LecternHighlight
 */
LecternHighlight *
lectern_highlight_new (const char   *document_id,
                       LecternColor  color,
                       guint         start,
                       guint         end,
                       const char   *exact,
                       const char   *prefix,
                       const char   *suffix)
{
  g_autofree char *id = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (document_id != NULL, NULL);
  g_return_val_if_fail (color < LECTERN_N_COLORS, NULL);
  g_return_val_if_fail (start <= end, NULL);
  g_return_val_if_fail (exact != NULL, NULL);

  id = g_uuid_string_random ();
  now = _lectern_now_utc_seconds ();

  return lectern_highlight_new_full (id, document_id, color, NULL, NULL, now, NULL,
                                     start, end, exact, prefix, suffix,
                                     LECTERN_HIGHLIGHT_ANCHORED);
}

/**
 * lectern_highlight_new_for_target:
 * @document_id: the id of the document the highlight belongs to
 * @color: its colour
 * @target: the passage, as lectern_target_new_for_range() cut it
 *
 * Creates a highlight of @target with a fresh random id, created and
 * modified now.
 *
 * Returns: (transfer full): a new #LecternHighlight
 */
LecternHighlight *
lectern_highlight_new_for_target (const char          *document_id,
                                  LecternColor         color,
                                  const LecternTarget *target)
{
  g_return_val_if_fail (target != NULL, NULL);

  return lectern_highlight_new (document_id, color,
                                lectern_target_get_start (target),
                                lectern_target_get_end (target),
                                lectern_target_get_exact (target),
                                lectern_target_get_prefix (target),
                                lectern_target_get_suffix (target));
}

/**
 * lectern_highlight_new_full:
 * @id: the highlight's id
 * @document_id: the id of the document the highlight belongs to
 * @color: its colour
 * @note: (nullable): its note
 * @tags: (nullable) (array zero-terminated=1): its tags
 * @created: when it was made
 * @modified: (nullable): when its colour, note or tags last changed;
 *   %NULL for @created
 * @start: first character of the quote
 * @end: one past its last character
 * @exact: the quoted text
 * @prefix: (nullable): text just before the quote
 * @suffix: (nullable): text just after the quote
 * @state: whether it is anchored in the current text
 *
 * Recreates a highlight as it was saved, e.g. when loading a highlights
 * file. lectern_highlight_new() is this with a new id and the time now.
 *
 * Returns: (transfer full): a new #LecternHighlight
 */
LecternHighlight *
lectern_highlight_new_full (const char            *id,
                            const char            *document_id,
                            LecternColor           color,
                            const char            *note,
                            const char * const    *tags,
                            GDateTime             *created,
                            GDateTime             *modified,
                            guint                  start,
                            guint                  end,
                            const char            *exact,
                            const char            *prefix,
                            const char            *suffix,
                            LecternHighlightState  state)
{
  LecternHighlight *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);
  g_return_val_if_fail (document_id != NULL, NULL);
  g_return_val_if_fail (color < LECTERN_N_COLORS, NULL);
  g_return_val_if_fail (created != NULL, NULL);
  g_return_val_if_fail (start <= end, NULL);
  g_return_val_if_fail (exact != NULL, NULL);
  g_return_val_if_fail (state <= LECTERN_HIGHLIGHT_NEEDS_REVIEW, NULL);

  self = g_object_new (LECTERN_TYPE_HIGHLIGHT, NULL);
  self->id = g_strdup (id);
  self->document_id = g_strdup (document_id);
  self->color = color;
  self->note = _lectern_dup_nonempty (note);
  self->tags = _lectern_dup_tags (tags);
  self->created = _lectern_ref_utc (created);
  self->modified = _lectern_ref_utc (modified != NULL ? modified : created);
  self->start = start;
  self->end = end;
  self->exact = g_strdup (exact);
  self->prefix = _lectern_dup_nonempty (prefix);
  self->suffix = _lectern_dup_nonempty (suffix);
  self->state = state;

  return self;
}

/* Called after a change of colour, note or tags; the caller holds the
 * notify queue frozen, so both notifications arrive together. */
static void
touch_modified (LecternHighlight *self)
{
  g_autoptr(GDateTime) now = _lectern_now_utc_seconds ();

  if (self->modified != NULL && g_date_time_equal (now, self->modified))
    return;

  g_clear_pointer (&self->modified, g_date_time_unref);
  self->modified = g_steal_pointer (&now);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

const char *
lectern_highlight_get_id (LecternHighlight *self)
{
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (self), NULL);

  return self->id;
}

const char *
lectern_highlight_get_document_id (LecternHighlight *self)
{
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (self), NULL);

  return self->document_id;
}

LecternColor
lectern_highlight_get_color (LecternHighlight *self)
{
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (self), LECTERN_COLOR_YELLOW);

  return self->color;
}

/**
 * lectern_highlight_set_color:
 * @self: a #LecternHighlight
 * @color: the new colour
 *
 * Sets the colour; a real change also moves #LecternHighlight:modified.
 */
void
lectern_highlight_set_color (LecternHighlight *self,
                             LecternColor      color)
{
  g_return_if_fail (LECTERN_IS_HIGHLIGHT (self));
  g_return_if_fail (color < LECTERN_N_COLORS);

  if (self->color == color)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  self->color = color;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
  touch_modified (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * lectern_highlight_get_note:
 * @self: a #LecternHighlight
 *
 * Returns: the note; "" when there is none, never %NULL
 */
const char *
lectern_highlight_get_note (LecternHighlight *self)
{
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (self), NULL);

  return self->note != NULL ? self->note : "";
}

/**
 * lectern_highlight_set_note:
 * @self: a #LecternHighlight
 * @note: (nullable): the new note; %NULL or "" removes it
 *
 * Sets the note; a real change also moves #LecternHighlight:modified.
 */
void
lectern_highlight_set_note (LecternHighlight *self,
                            const char       *note)
{
  g_return_if_fail (LECTERN_IS_HIGHLIGHT (self));

  if (g_strcmp0 (self->note, (note != NULL && *note != '\0') ? note : NULL) == 0)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  g_free (self->note);
  self->note = _lectern_dup_nonempty (note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
  touch_modified (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * lectern_highlight_get_tags:
 * @self: a #LecternHighlight
 *
 * Returns: (array zero-terminated=1) (transfer none): the tags; an empty
 *   array when there are none, never %NULL
 */
const char * const *
lectern_highlight_get_tags (LecternHighlight *self)
{
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (self), NULL);

  return self->tags != NULL ? (const char * const *)self->tags : no_tags;
}

/**
 * lectern_highlight_set_tags:
 * @self: a #LecternHighlight
 * @tags: (nullable) (array zero-terminated=1): the new tags
 *
 * Sets the tags; a real change also moves #LecternHighlight:modified.
 */
void
lectern_highlight_set_tags (LecternHighlight   *self,
                            const char * const *tags)
{
  g_return_if_fail (LECTERN_IS_HIGHLIGHT (self));

  if (tags == NULL)
    tags = no_tags;

  if (g_strv_equal (lectern_highlight_get_tags (self), tags))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  g_clear_pointer (&self->tags, g_strfreev);
  self->tags = _lectern_dup_tags (tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
  touch_modified (self);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
lectern_highlight_has_tag (LecternHighlight *self,
                           const char       *tag)
{
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  return self->tags != NULL && g_strv_contains ((const char * const *)self->tags, tag);
}

/**
 * lectern_highlight_get_created:
 * @self: a #LecternHighlight
 *
 * Returns: (transfer none): when the highlight was made, in UTC
 */
GDateTime *
lectern_highlight_get_created (LecternHighlight *self)
{
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (self), NULL);

  return self->created;
}

/**
 * lectern_highlight_get_modified:
 * @self: a #LecternHighlight
 *
 * Returns: (transfer none): when its colour, note or tags last changed, in UTC
 */
GDateTime *
lectern_highlight_get_modified (LecternHighlight *self)
{
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (self), NULL);

  return self->modified;
}

guint
lectern_highlight_get_start (LecternHighlight *self)
{
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (self), 0);

  return self->start;
}

guint
lectern_highlight_get_end (LecternHighlight *self)
{
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (self), 0);

  return self->end;
}

/**
 * lectern_highlight_set_range:
 * @self: a #LecternHighlight
 * @start: the new first character
 * @end: one past the new last character
 *
 * Moves the highlight, e.g. after re-anchoring in a changed text. This
 * is not an edit by the user, so #LecternHighlight:modified stays.
 */
void
lectern_highlight_set_range (LecternHighlight *self,
                             guint             start,
                             guint             end)
{
  g_return_if_fail (LECTERN_IS_HIGHLIGHT (self));
  g_return_if_fail (start <= end);

  g_object_freeze_notify (G_OBJECT (self));

  if (self->start != start)
    {
      self->start = start;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
    }

  if (self->end != end)
    {
      self->end = end;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * lectern_highlight_reattach:
 * @self: a #LecternHighlight
 * @start: the first character of the passage the reader chose
 * @end: one past its last character
 * @exact: the passage's text
 * @prefix: (nullable): text just before it
 * @suffix: (nullable): text just after it
 *
 * Puts a highlight (typically an orphaned one) on a passage the reader
 * chose: its target becomes that passage and it is anchored again. This is
 * an edit by the user, so #LecternHighlight:modified moves on.
 */
void
lectern_highlight_reattach (LecternHighlight *self,
                            guint             start,
                            guint             end,
                            const char       *exact,
                            const char       *prefix,
                            const char       *suffix)
{
  g_return_if_fail (LECTERN_IS_HIGHLIGHT (self));
  g_return_if_fail (start < end);
  g_return_if_fail (exact != NULL);

  g_object_freeze_notify (G_OBJECT (self));

  g_free (self->exact);
  self->exact = g_strdup (exact);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXACT]);
  g_free (self->prefix);
  self->prefix = _lectern_dup_nonempty (prefix);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREFIX]);
  g_free (self->suffix);
  self->suffix = _lectern_dup_nonempty (suffix);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUFFIX]);

  lectern_highlight_set_range (self, start, end);
  lectern_highlight_set_state (self, LECTERN_HIGHLIGHT_ANCHORED);
  touch_modified (self);

  g_object_thaw_notify (G_OBJECT (self));
}

const char *
lectern_highlight_get_exact (LecternHighlight *self)
{
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (self), NULL);

  return self->exact;
}

/**
 * lectern_highlight_get_prefix:
 * @self: a #LecternHighlight
 *
 * Returns: the text before the quote; "" when none, never %NULL
 */
const char *
lectern_highlight_get_prefix (LecternHighlight *self)
{
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (self), NULL);

  return self->prefix != NULL ? self->prefix : "";
}

/**
 * lectern_highlight_get_suffix:
 * @self: a #LecternHighlight
 *
 * Returns: the text after the quote; "" when none, never %NULL
 */
const char *
lectern_highlight_get_suffix (LecternHighlight *self)
{
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (self), NULL);

  return self->suffix != NULL ? self->suffix : "";
}

LecternHighlightState
lectern_highlight_get_state (LecternHighlight *self)
{
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (self), LECTERN_HIGHLIGHT_ANCHORED);

  return self->state;
}

/**
 * lectern_highlight_set_state:
 * @self: a #LecternHighlight
 * @state: whether the highlight is anchored in the current text
 *
 * Sets the anchoring state; #LecternHighlight:modified stays.
 */
void
lectern_highlight_set_state (LecternHighlight      *self,
                             LecternHighlightState  state)
{
  g_return_if_fail (LECTERN_IS_HIGHLIGHT (self));
  g_return_if_fail (state <= LECTERN_HIGHLIGHT_NEEDS_REVIEW);

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/**
 * lectern_color_to_string:
 * @color: a #LecternColor
 *
 * Returns: the colour's name as the highlights file stores it, e.g. "yellow"
 */
const char *
lectern_color_to_string (LecternColor color)
{
  g_return_val_if_fail (color < LECTERN_N_COLORS, NULL);

  return color_names[color];
}

/**
 * lectern_color_from_string:
 * @str: a colour name such as "yellow"
 * @color: (out): where to store the colour
 *
 * Returns: %TRUE if @str names a colour; @color is untouched otherwise
 */
gboolean
lectern_color_from_string (const char   *str,
                           LecternColor *color)
{
  g_return_val_if_fail (color != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (color_names); i++)
    {
      if (strcmp (str, color_names[i]) == 0)
        {
          *color = (LecternColor)i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * lectern_highlight_state_to_string:
 * @state: a #LecternHighlightState
 *
 * Returns: the state's name as the highlights file stores it, e.g. "anchored"
 */
const char *
lectern_highlight_state_to_string (LecternHighlightState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), NULL);

  return state_names[state];
}

/**
 * lectern_highlight_state_from_string:
 * @str: a state name such as "orphaned"
 * @state: (out): where to store the state
 *
 * Returns: %TRUE if @str names a state; @state is untouched otherwise
 */
gboolean
lectern_highlight_state_from_string (const char            *str,
                                     LecternHighlightState *state)
{
  g_return_val_if_fail (state != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    {
      if (strcmp (str, state_names[i]) == 0)
        {
          *state = (LecternHighlightState)i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * lectern_highlight_reattach_to_target:
 * @self: a #LecternHighlight
 * @target: the passage the reader chose, as lectern_target_new_for_range()
 *   cut it
 *
 * lectern_highlight_reattach() with the parts of @target.
 */
void
lectern_highlight_reattach_to_target (LecternHighlight    *self,
                                      const LecternTarget *target)
{
  g_return_if_fail (LECTERN_IS_HIGHLIGHT (self));
  g_return_if_fail (target != NULL);

  lectern_highlight_reattach (self,
                              lectern_target_get_start (target),
                              lectern_target_get_end (target),
                              lectern_target_get_exact (target),
                              lectern_target_get_prefix (target),
                              lectern_target_get_suffix (target));
}

/**
 * lectern_highlight_compare_range:
 * @a: a #LecternHighlight
 * @b: another
 *
 * Orders highlights by where they start, then where they end.
 *
 * Returns: negative, 0 or positive, as strcmp()
 */
int
lectern_highlight_compare_range (LecternHighlight *a,
                                 LecternHighlight *b)
{
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (a), 0);
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (b), 0);

  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;

  return 0;
}
