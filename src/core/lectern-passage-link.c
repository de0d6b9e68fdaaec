/* lectern-passage-link.c: a note on a pair of passages, one in each of
 * two documents, and how they relate
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lectern-core-enums.h"
#include "lectern-core-private.h"
#include "lectern-passage-link.h"

/* Characters of text kept on each side of a passage, as for highlights. */

/* One passage: where it is, what it said, and in which text. */
typedef struct
{
  char                  *document_id;
  char                  *document_uri;
  char                  *document_title;
  char                  *document_fingerprint;
  char                  *exact;
  char                  *prefix;
  char                  *suffix;
  guint                  start;
  guint                  end;
  LecternHighlightState  state;
} Side;

struct _LecternPassageLink
{
  GObject          parent_instance;

  char            *id;
  char            *note;
  char           **tags;
  GDateTime       *created;
  GDateTime       *modified;
  LecternRelation  relation;
  Side             sides[2];
};

G_DEFINE_FINAL_TYPE (LecternPassageLink, lectern_passage_link, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_RELATION,
  PROP_NOTE,
  PROP_TAGS,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_LEFT_START,
  PROP_LEFT_END,
  PROP_LEFT_STATE,
  PROP_RIGHT_START,
  PROP_RIGHT_END,
  PROP_RIGHT_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The per-side properties, indexed by LecternLinkSide. */
static const guint start_props[2] = { PROP_LEFT_START, PROP_RIGHT_START };
static const guint end_props[2] = { PROP_LEFT_END, PROP_RIGHT_END };
static const guint state_props[2] = { PROP_LEFT_STATE, PROP_RIGHT_STATE };


static const char * const no_tags[] = { NULL };

/* Other modules may add states (e.g. one for review); any value of the
 * enumeration is accepted. */
static gboolean
state_is_valid (LecternHighlightState state)
{
  GEnumClass *klass = g_type_class_ref (LECTERN_TYPE_HIGHLIGHT_STATE);
  gboolean valid = g_enum_get_value (klass, (int)state) != NULL;

  g_type_class_unref (klass);

  return valid;
}

static gboolean
side_is_valid (LecternLinkSide side)
{
  return side == LECTERN_LINK_SIDE_LEFT || side == LECTERN_LINK_SIDE_RIGHT;
}

static void
side_clear (Side *side)
{
  g_clear_pointer (&side->document_id, g_free);
  g_clear_pointer (&side->document_uri, g_free);
  g_clear_pointer (&side->document_title, g_free);
  g_clear_pointer (&side->document_fingerprint, g_free);
  g_clear_pointer (&side->exact, g_free);
  g_clear_pointer (&side->prefix, g_free);
  g_clear_pointer (&side->suffix, g_free);
}

static void
side_init (Side                    *side,
           const LecternLinkTarget *target)
{
  side->document_id = g_strdup (target->document_id);
  side->document_uri = g_strdup (target->document_uri);
  side->document_title = _lectern_dup_nonempty (target->document_title);
  side->document_fingerprint = _lectern_dup_nonempty (target->document_fingerprint);
  side->exact = g_strdup (target->exact);
  side->prefix = _lectern_dup_nonempty (target->prefix);
  side->suffix = _lectern_dup_nonempty (target->suffix);
  side->start = target->start;
  side->end = target->end;
  side->state = target->state;
}

static gboolean
target_is_valid (const LecternLinkTarget *target)
{
  return target != NULL &&
         target->document_id != NULL && *target->document_id != '\0' &&
         target->document_uri != NULL &&
         target->exact != NULL &&
         target->start <= target->end &&
         state_is_valid (target->state);
}

static void
lectern_passage_link_finalize (GObject *object)
{
  LecternPassageLink *self = (LecternPassageLink *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);
  side_clear (&self->sides[LECTERN_LINK_SIDE_LEFT]);
  side_clear (&self->sides[LECTERN_LINK_SIDE_RIGHT]);

  G_OBJECT_CLASS (lectern_passage_link_parent_class)->finalize (object);
}

static void
lectern_passage_link_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LecternPassageLink *self = LECTERN_PASSAGE_LINK (object);
  const Side *left = &self->sides[LECTERN_LINK_SIDE_LEFT];
  const Side *right = &self->sides[LECTERN_LINK_SIDE_RIGHT];

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_RELATION:
      g_value_set_enum (value, self->relation);
      break;

    case PROP_NOTE:
      g_value_set_string (value, lectern_passage_link_get_note (self));
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, lectern_passage_link_get_tags (self));
      break;

    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;

    case PROP_MODIFIED:
      g_value_set_boxed (value, self->modified);
      break;

    case PROP_LEFT_START:
      g_value_set_uint (value, left->start);
      break;

    case PROP_LEFT_END:
      g_value_set_uint (value, left->end);
      break;

    case PROP_LEFT_STATE:
      g_value_set_enum (value, left->state);
      break;

    case PROP_RIGHT_START:
      g_value_set_uint (value, right->start);
      break;

    case PROP_RIGHT_END:
      g_value_set_uint (value, right->end);
      break;

    case PROP_RIGHT_STATE:
      g_value_set_enum (value, right->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_passage_link_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LecternPassageLink *self = LECTERN_PASSAGE_LINK (object);

  switch (prop_id)
    {
    case PROP_RELATION:
      lectern_passage_link_set_relation (self, g_value_get_enum (value));
      break;

    case PROP_NOTE:
      lectern_passage_link_set_note (self, g_value_get_string (value));
      break;

    case PROP_TAGS:
      lectern_passage_link_set_tags (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_passage_link_class_init (LecternPassageLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lectern_passage_link_finalize;
  object_class->get_property = lectern_passage_link_get_property;
  object_class->set_property = lectern_passage_link_set_property;

  /* Set by the constructors rather than as construct properties, as for
   * highlights: a links file may hold many. */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_RELATION] =
    g_param_spec_enum ("relation", NULL, NULL, LECTERN_TYPE_RELATION, LECTERN_RELATION_AGREES, rw);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, rw);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_MODIFIED] = g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_LEFT_START] = g_param_spec_uint ("left-start", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_LEFT_END] = g_param_spec_uint ("left-end", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_LEFT_STATE] =
    g_param_spec_enum ("left-state", NULL, NULL, LECTERN_TYPE_HIGHLIGHT_STATE,
                       LECTERN_HIGHLIGHT_ANCHORED, ro);
  properties[PROP_RIGHT_START] = g_param_spec_uint ("right-start", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_RIGHT_END] = g_param_spec_uint ("right-end", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_RIGHT_STATE] =
    g_param_spec_enum ("right-state", NULL, NULL, LECTERN_TYPE_HIGHLIGHT_STATE,
                       LECTERN_HIGHLIGHT_ANCHORED, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lectern_passage_link_init (LecternPassageLink *self)
{
}

/**
 * lectern_link_target_init_for_document:
 * @target: (out caller-allocates): the side to fill in
 * @document: the document of the passage
 * @cut: the passage, as lectern_target_new_for_range() cut it
 *
 * Describes one side of a link: @document's id, URI, title and
 * fingerprint and @cut's place and text, anchored. The strings are
 * borrowed from @document and @cut.
 */
void
lectern_link_target_init_for_document (LecternLinkTarget   *target,
                                       LecternDocument     *document,
                                       const LecternTarget *cut)
{
  g_return_if_fail (target != NULL);
  g_return_if_fail (LECTERN_IS_DOCUMENT (document));
  g_return_if_fail (cut != NULL);

  *target = (LecternLinkTarget) {
    .document_id = lectern_document_get_id (document),
    .document_uri = lectern_document_get_uri (document),
    .document_title = lectern_document_get_title (document),
    .document_fingerprint = lectern_document_get_fingerprint (document),
    .start = lectern_target_get_start (cut),
    .end = lectern_target_get_end (cut),
    .exact = lectern_target_get_exact (cut),
    .prefix = lectern_target_get_prefix (cut),
    .suffix = lectern_target_get_suffix (cut),
    .state = LECTERN_HIGHLIGHT_ANCHORED,
  };
}

/**
 * lectern_passage_link_new:
 * @left: the document of the first passage
 * @left_start: first character of the first passage (code points into its text)
 * @left_end: one past its last character
 * @right: the document of the second passage (may be @left)
 * @right_start: first character of the second passage
 * @right_end: one past its last character
 * @relation: how the passages relate
 * @note: (nullable): the reader's note on the pair
 *
 * Links two passages. For each side the link keeps the document's id,
 * URI, title and fingerprint, the passage's text and up to 32 characters
 * before and after it, so that the passage can be found again when the
 * text changes. The link gets a fresh random id and is created and
 * modified now (whole seconds, UTC).
 *
 * Returns: (transfer full): a new #LecternPassageLink
 */
LecternPassageLink *
lectern_passage_link_new (LecternDocument *left,
                          guint            left_start,
                          guint            left_end,
                          LecternDocument *right,
                          guint            right_start,
                          guint            right_end,
                          LecternRelation  relation,
                          const char      *note)
{
  g_autofree char *id = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(LecternTarget) left_cut = NULL;
  g_autoptr(LecternTarget) right_cut = NULL;
  LecternLinkTarget targets[2];

  g_return_val_if_fail (LECTERN_IS_DOCUMENT (left), NULL);
  g_return_val_if_fail (LECTERN_IS_DOCUMENT (right), NULL);
  g_return_val_if_fail (left_start < left_end, NULL);
  g_return_val_if_fail (left_end <= lectern_document_get_length (left), NULL);
  g_return_val_if_fail (right_start < right_end, NULL);
  g_return_val_if_fail (right_end <= lectern_document_get_length (right), NULL);
  g_return_val_if_fail (relation < LECTERN_N_RELATIONS, NULL);

  left_cut = lectern_target_new_for_range (left, left_start, left_end);
  right_cut = lectern_target_new_for_range (right, right_start, right_end);
  lectern_link_target_init_for_document (&targets[0], left, left_cut);
  lectern_link_target_init_for_document (&targets[1], right, right_cut);

  id = g_uuid_string_random ();
  now = _lectern_now_utc_seconds ();

  return lectern_passage_link_new_full (id, relation, note, NULL, now, NULL, &targets[0], &targets[1]);
}

/**
 * lectern_passage_link_new_full:
 * @id: the link's id
 * @relation: how the passages relate
 * @note: (nullable): the note
 * @tags: (nullable) (array zero-terminated=1): the tags
 * @created: when the link was made
 * @modified: (nullable): when its relation, note or tags last changed;
 *   %NULL for @created
 * @left: the first passage
 * @right: the second passage
 *
 * Recreates a link as it was saved, e.g. when loading the links file or
 * importing. Times are kept in UTC.
 *
 * Returns: (transfer full): a new #LecternPassageLink
 */
LecternPassageLink *
lectern_passage_link_new_full (const char              *id,
                               LecternRelation          relation,
                               const char              *note,
                               const char * const      *tags,
                               GDateTime               *created,
                               GDateTime               *modified,
                               const LecternLinkTarget *left,
                               const LecternLinkTarget *right)
{
  LecternPassageLink *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);
  g_return_val_if_fail (relation < LECTERN_N_RELATIONS, NULL);
  g_return_val_if_fail (created != NULL, NULL);
  g_return_val_if_fail (target_is_valid (left), NULL);
  g_return_val_if_fail (target_is_valid (right), NULL);

  self = g_object_new (LECTERN_TYPE_PASSAGE_LINK, NULL);
  self->id = g_strdup (id);
  self->relation = relation;
  self->note = _lectern_dup_nonempty (note);
  self->tags = _lectern_dup_tags (tags);
  self->created = _lectern_ref_utc (created);
  self->modified = _lectern_ref_utc (modified != NULL ? modified : created);
  side_init (&self->sides[LECTERN_LINK_SIDE_LEFT], left);
  side_init (&self->sides[LECTERN_LINK_SIDE_RIGHT], right);

  return self;
}

/* After a change of relation, note or tags; the caller holds the notify
 * queue frozen, so the notifications arrive together. */
static void
touch_modified (LecternPassageLink *self)
{
  g_autoptr(GDateTime) now = _lectern_now_utc_seconds ();

  if (g_date_time_equal (now, self->modified))
    return;

  g_clear_pointer (&self->modified, g_date_time_unref);
  self->modified = g_steal_pointer (&now);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/**
 * lectern_passage_link_get_id:
 * @self: a #LecternPassageLink
 *
 * Returns: the link's id, a UUID
 */
const char *
lectern_passage_link_get_id (LecternPassageLink *self)
{
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (self), NULL);

  return self->id;
}

/**
 * lectern_passage_link_get_relation:
 * @self: a #LecternPassageLink
 *
 * Returns: how the two passages relate
 */
LecternRelation
lectern_passage_link_get_relation (LecternPassageLink *self)
{
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (self), LECTERN_RELATION_AGREES);

  return self->relation;
}

/**
 * lectern_passage_link_set_relation:
 * @self: a #LecternPassageLink
 * @relation: the new relation
 *
 * Sets the relation; a real change also moves #LecternPassageLink:modified.
 */
void
lectern_passage_link_set_relation (LecternPassageLink *self,
                                   LecternRelation     relation)
{
  g_return_if_fail (LECTERN_IS_PASSAGE_LINK (self));
  g_return_if_fail (relation < LECTERN_N_RELATIONS);

  if (self->relation == relation)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  self->relation = relation;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELATION]);
  touch_modified (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * lectern_passage_link_get_note:
 * @self: a #LecternPassageLink
 *
 * Returns: the note; "" when there is none, never %NULL
 */
const char *
lectern_passage_link_get_note (LecternPassageLink *self)
{
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (self), NULL);

  return self->note != NULL ? self->note : "";
}

/**
 * lectern_passage_link_set_note:
 * @self: a #LecternPassageLink
 * @note: (nullable): the new note; %NULL or "" removes it
 *
 * Sets the note; a real change also moves #LecternPassageLink:modified.
 */
void
lectern_passage_link_set_note (LecternPassageLink *self,
                               const char         *note)
{
  g_return_if_fail (LECTERN_IS_PASSAGE_LINK (self));

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
 * lectern_passage_link_get_tags:
 * @self: a #LecternPassageLink
 *
 * Returns: (array zero-terminated=1) (transfer none): the tags; an empty
 *   array when there are none, never %NULL
 */
const char * const *
lectern_passage_link_get_tags (LecternPassageLink *self)
{
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (self), NULL);

  return self->tags != NULL ? (const char * const *)self->tags : no_tags;
}

/**
 * lectern_passage_link_set_tags:
 * @self: a #LecternPassageLink
 * @tags: (nullable) (array zero-terminated=1): the new tags
 *
 * Sets the tags; a real change also moves #LecternPassageLink:modified.
 */
void
lectern_passage_link_set_tags (LecternPassageLink *self,
                               const char * const *tags)
{
  g_return_if_fail (LECTERN_IS_PASSAGE_LINK (self));

  if (tags == NULL)
    tags = no_tags;

  if (g_strv_equal (lectern_passage_link_get_tags (self), tags))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  g_clear_pointer (&self->tags, g_strfreev);
  self->tags = _lectern_dup_tags (tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
  touch_modified (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * lectern_passage_link_has_tag:
 * @self: a #LecternPassageLink
 * @tag: a tag
 *
 * Returns: %TRUE if the link carries @tag
 */
gboolean
lectern_passage_link_has_tag (LecternPassageLink *self,
                              const char         *tag)
{
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  return self->tags != NULL && g_strv_contains ((const char * const *)self->tags, tag);
}

/**
 * lectern_passage_link_get_created:
 * @self: a #LecternPassageLink
 *
 * Returns: (transfer none): when the link was made, in UTC
 */
GDateTime *
lectern_passage_link_get_created (LecternPassageLink *self)
{
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (self), NULL);

  return self->created;
}

/**
 * lectern_passage_link_get_modified:
 * @self: a #LecternPassageLink
 *
 * Returns: (transfer none): when its relation, note or tags last changed, in UTC
 */
GDateTime *
lectern_passage_link_get_modified (LecternPassageLink *self)
{
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (self), NULL);

  return self->modified;
}

/**
 * lectern_passage_link_get_document_id:
 * @self: a #LecternPassageLink
 * @side: which passage
 *
 * Returns: the id of the passage's document, as lectern_document_get_id()
 *   gives it
 */
const char *
lectern_passage_link_get_document_id (LecternPassageLink *self,
                                      LecternLinkSide     side)
{
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (self), NULL);
  g_return_val_if_fail (side_is_valid (side), NULL);

  return self->sides[side].document_id;
}

/**
 * lectern_passage_link_get_document_uri:
 * @self: a #LecternPassageLink
 * @side: which passage
 *
 * Returns: the URI of the passage's document
 */
const char *
lectern_passage_link_get_document_uri (LecternPassageLink *self,
                                       LecternLinkSide     side)
{
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (self), NULL);
  g_return_val_if_fail (side_is_valid (side), NULL);

  return self->sides[side].document_uri;
}

/**
 * lectern_passage_link_get_document_title:
 * @self: a #LecternPassageLink
 * @side: which passage
 *
 * Returns: the title of the passage's document when the link was made;
 *   "" when it had none, never %NULL
 */
const char *
lectern_passage_link_get_document_title (LecternPassageLink *self,
                                         LecternLinkSide     side)
{
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (self), NULL);
  g_return_val_if_fail (side_is_valid (side), NULL);

  return self->sides[side].document_title != NULL ? self->sides[side].document_title : "";
}

/**
 * lectern_passage_link_get_document_fingerprint:
 * @self: a #LecternPassageLink
 * @side: which passage
 *
 * Returns: (nullable): the fingerprint of the text the passage's range
 *   refers to, or %NULL when it is not known
 */
const char *
lectern_passage_link_get_document_fingerprint (LecternPassageLink *self,
                                               LecternLinkSide     side)
{
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (self), NULL);
  g_return_val_if_fail (side_is_valid (side), NULL);

  return self->sides[side].document_fingerprint;
}

/**
 * lectern_passage_link_set_document_fingerprint:
 * @self: a #LecternPassageLink
 * @side: which passage
 * @fingerprint: (nullable): the fingerprint of the text the range now
 *   refers to
 *
 * Records which text the passage was placed in, after it was placed
 * again in a changed text (see lectern_link_store_attach_document()).
 * This is not an edit by the user: #LecternPassageLink:modified stays.
 */
void
lectern_passage_link_set_document_fingerprint (LecternPassageLink *self,
                                               LecternLinkSide     side,
                                               const char         *fingerprint)
{
  g_return_if_fail (LECTERN_IS_PASSAGE_LINK (self));
  g_return_if_fail (side_is_valid (side));

  g_free (self->sides[side].document_fingerprint);
  self->sides[side].document_fingerprint = _lectern_dup_nonempty (fingerprint);
}

/**
 * lectern_passage_link_has_document:
 * @self: a #LecternPassageLink
 * @document_id: a document id
 *
 * Returns: %TRUE if either passage is in that document
 */
gboolean
lectern_passage_link_has_document (LecternPassageLink *self,
                                   const char         *document_id)
{
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (self), FALSE);
  g_return_val_if_fail (document_id != NULL, FALSE);

  return strcmp (self->sides[LECTERN_LINK_SIDE_LEFT].document_id, document_id) == 0 ||
         strcmp (self->sides[LECTERN_LINK_SIDE_RIGHT].document_id, document_id) == 0;
}

/**
 * lectern_passage_link_get_start:
 * @self: a #LecternPassageLink
 * @side: which passage
 *
 * Returns: the passage's first character (code points into its document's text)
 */
guint
lectern_passage_link_get_start (LecternPassageLink *self,
                                LecternLinkSide     side)
{
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (self), 0);
  g_return_val_if_fail (side_is_valid (side), 0);

  return self->sides[side].start;
}

/**
 * lectern_passage_link_get_end:
 * @self: a #LecternPassageLink
 * @side: which passage
 *
 * Returns: one past the passage's last character
 */
guint
lectern_passage_link_get_end (LecternPassageLink *self,
                              LecternLinkSide     side)
{
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (self), 0);
  g_return_val_if_fail (side_is_valid (side), 0);

  return self->sides[side].end;
}

/**
 * lectern_passage_link_set_range:
 * @self: a #LecternPassageLink
 * @side: which passage
 * @start: the new first character
 * @end: one past the new last character
 *
 * Moves a passage, e.g. after placing it again in a changed text. This is
 * not an edit by the user, so #LecternPassageLink:modified stays, and the
 * stored quote is kept.
 */
void
lectern_passage_link_set_range (LecternPassageLink *self,
                                LecternLinkSide     side,
                                guint               start,
                                guint               end)
{
  Side *s;

  g_return_if_fail (LECTERN_IS_PASSAGE_LINK (self));
  g_return_if_fail (side_is_valid (side));
  g_return_if_fail (start <= end);

  s = &self->sides[side];

  g_object_freeze_notify (G_OBJECT (self));

  if (s->start != start)
    {
      s->start = start;
      g_object_notify_by_pspec (G_OBJECT (self), properties[start_props[side]]);
    }

  if (s->end != end)
    {
      s->end = end;
      g_object_notify_by_pspec (G_OBJECT (self), properties[end_props[side]]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * lectern_passage_link_get_exact:
 * @self: a #LecternPassageLink
 * @side: which passage
 *
 * Returns: the passage's text as it was when the link was made
 */
const char *
lectern_passage_link_get_exact (LecternPassageLink *self,
                                LecternLinkSide     side)
{
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (self), NULL);
  g_return_val_if_fail (side_is_valid (side), NULL);

  return self->sides[side].exact;
}

/**
 * lectern_passage_link_get_prefix:
 * @self: a #LecternPassageLink
 * @side: which passage
 *
 * Returns: the text before the passage; "" when none, never %NULL
 */
const char *
lectern_passage_link_get_prefix (LecternPassageLink *self,
                                 LecternLinkSide     side)
{
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (self), NULL);
  g_return_val_if_fail (side_is_valid (side), NULL);

  return self->sides[side].prefix != NULL ? self->sides[side].prefix : "";
}

/**
 * lectern_passage_link_get_suffix:
 * @self: a #LecternPassageLink
 * @side: which passage
 *
 * Returns: the text after the passage; "" when none, never %NULL
 */
const char *
lectern_passage_link_get_suffix (LecternPassageLink *self,
                                 LecternLinkSide     side)
{
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (self), NULL);
  g_return_val_if_fail (side_is_valid (side), NULL);

  return self->sides[side].suffix != NULL ? self->sides[side].suffix : "";
}

/**
 * lectern_passage_link_get_state:
 * @self: a #LecternPassageLink
 * @side: which passage
 *
 * Returns: whether the passage is anchored in its document's current text
 */
LecternHighlightState
lectern_passage_link_get_state (LecternPassageLink *self,
                                LecternLinkSide     side)
{
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (self), LECTERN_HIGHLIGHT_ANCHORED);
  g_return_val_if_fail (side_is_valid (side), LECTERN_HIGHLIGHT_ANCHORED);

  return self->sides[side].state;
}

/**
 * lectern_passage_link_set_state:
 * @self: a #LecternPassageLink
 * @side: which passage
 * @state: whether it is anchored in the current text
 *
 * Sets a passage's anchoring state; #LecternPassageLink:modified stays.
 */
void
lectern_passage_link_set_state (LecternPassageLink    *self,
                                LecternLinkSide        side,
                                LecternHighlightState  state)
{
  g_return_if_fail (LECTERN_IS_PASSAGE_LINK (self));
  g_return_if_fail (side_is_valid (side));
  g_return_if_fail (state_is_valid (state));

  if (self->sides[side].state == state)
    return;

  self->sides[side].state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[state_props[side]]);
}

/**
 * lectern_passage_link_get_target:
 * @self: a #LecternPassageLink
 * @side: which passage
 * @target: (out caller-allocates): where to store the passage
 *
 * Fills @target with everything about one passage; its strings belong to
 * @self and last until it changes.
 */
void
lectern_passage_link_get_target (LecternPassageLink *self,
                                 LecternLinkSide     side,
                                 LecternLinkTarget  *target)
{
  const Side *s;

  g_return_if_fail (LECTERN_IS_PASSAGE_LINK (self));
  g_return_if_fail (side_is_valid (side));
  g_return_if_fail (target != NULL);

  s = &self->sides[side];
  *target = (LecternLinkTarget) {
    .document_id = s->document_id,
    .document_uri = s->document_uri,
    .document_title = s->document_title,
    .document_fingerprint = s->document_fingerprint,
    .start = s->start,
    .end = s->end,
    .exact = s->exact,
    .prefix = s->prefix,
    .suffix = s->suffix,
    .state = s->state,
  };
}

/**
 * lectern_passage_link_compare_places:
 * @a: a #LecternPassageLink
 * @side_a: which of its passages
 * @b: another link
 * @side_b: which of its passages
 *
 * Orders two passages by where they start, then where they end.
 *
 * Returns: negative, 0 or positive, as strcmp()
 */
int
lectern_passage_link_compare_places (LecternPassageLink *a,
                                     LecternLinkSide     side_a,
                                     LecternPassageLink *b,
                                     LecternLinkSide     side_b)
{
  guint start_a = lectern_passage_link_get_start (a, side_a);
  guint start_b = lectern_passage_link_get_start (b, side_b);
  guint end_a = lectern_passage_link_get_end (a, side_a);
  guint end_b = lectern_passage_link_get_end (b, side_b);

  if (start_a != start_b)
    return start_a < start_b ? -1 : 1;
  if (end_a != end_b)
    return end_a < end_b ? -1 : 1;

  return 0;
}
