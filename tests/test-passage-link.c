/* test-passage-link.c: LecternPassageLink and LecternRelation
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-core.h"
#include "lectern-test-utils.h"

#define LEFT_URI "file:///tmp/left.txt"
#define RIGHT_URI "file:///tmp/right.txt"
#define LEFT_TEXT "Alliances\n\nMost alliances last about nine and a half years; this one lasted seventy.\n"
#define RIGHT_TEXT "Treaties\n\n동맹은 평균 9.5년 지속된다. Some treaties outlive their signatories by decades.\n"

static GDateTime *
parse_time (const char *str)
{
  GDateTime *datetime = g_date_time_new_from_iso8601 (str, NULL);

  g_assert_nonnull (datetime);
  return datetime;
}

/* The link between "lasted seventy" and the Korean sentence. */
static LecternPassageLink *
make_link (LecternDocument *left,
           LecternDocument *right)
{
  guint left_start = lectern_test_find_offset (left, "lasted seventy");
  guint right_start = lectern_test_find_offset (right, "동맹은");

  return lectern_passage_link_new (left, left_start, left_start + 14,
                                   right, right_start, right_start + 17,
                                   LECTERN_RELATION_CONTRADICTS, "Seventy is far above 9.5.");
}

static void
test_new_computes_quotes (void)
{
  g_autoptr(LecternDocument) left = lectern_test_make_document (LEFT_URI, LEFT_TEXT);
  g_autoptr(LecternDocument) right = lectern_test_make_document (RIGHT_URI, RIGHT_TEXT);
  g_autoptr(LecternPassageLink) link = make_link (left, right);
  guint left_start = lectern_test_find_offset (left, "lasted seventy");
  GDateTime *created;

  g_assert_true (g_uuid_string_is_valid (lectern_passage_link_get_id (link)));
  g_assert_cmpint (lectern_passage_link_get_relation (link), ==, LECTERN_RELATION_CONTRADICTS);
  g_assert_cmpstr (lectern_passage_link_get_note (link), ==, "Seventy is far above 9.5.");
  g_assert_cmpuint (g_strv_length ((char **)lectern_passage_link_get_tags (link)), ==, 0);

  /* Left: 32 characters of context on each side, cut at the text's end. */
  g_assert_cmpstr (lectern_passage_link_get_document_id (link, LECTERN_LINK_SIDE_LEFT), ==,
                   lectern_document_get_id (left));
  g_assert_cmpstr (lectern_passage_link_get_document_uri (link, LECTERN_LINK_SIDE_LEFT), ==, LEFT_URI);
  g_assert_cmpstr (lectern_passage_link_get_document_title (link, LECTERN_LINK_SIDE_LEFT), ==, "Alliances");
  g_assert_cmpstr (lectern_passage_link_get_document_fingerprint (link, LECTERN_LINK_SIDE_LEFT), ==,
                   lectern_document_get_fingerprint (left));
  g_assert_cmpuint (lectern_passage_link_get_start (link, LECTERN_LINK_SIDE_LEFT), ==, left_start);
  g_assert_cmpuint (lectern_passage_link_get_end (link, LECTERN_LINK_SIDE_LEFT), ==, left_start + 14);
  g_assert_cmpstr (lectern_passage_link_get_exact (link, LECTERN_LINK_SIDE_LEFT), ==, "lasted seventy");
  g_assert_cmpstr (lectern_passage_link_get_prefix (link, LECTERN_LINK_SIDE_LEFT), ==,
                   "nine and a half years; this one ");
  g_assert_cmpstr (lectern_passage_link_get_suffix (link, LECTERN_LINK_SIDE_LEFT), ==, ".");
  g_assert_cmpint (lectern_passage_link_get_state (link, LECTERN_LINK_SIDE_LEFT), ==, LECTERN_HIGHLIGHT_ANCHORED);

  /* Right: counted in characters, not bytes; the prefix is cut at the start. */
  g_assert_cmpstr (lectern_passage_link_get_document_uri (link, LECTERN_LINK_SIDE_RIGHT), ==, RIGHT_URI);
  g_assert_cmpstr (lectern_passage_link_get_document_title (link, LECTERN_LINK_SIDE_RIGHT), ==, "Treaties");
  g_assert_cmpstr (lectern_passage_link_get_exact (link, LECTERN_LINK_SIDE_RIGHT), ==, "동맹은 평균 9.5년 지속된다.");
  g_assert_cmpstr (lectern_passage_link_get_prefix (link, LECTERN_LINK_SIDE_RIGHT), ==, "Treaties\n");
  g_assert_cmpstr (lectern_passage_link_get_suffix (link, LECTERN_LINK_SIDE_RIGHT), ==,
                   " Some treaties outlive their sig");
  g_assert_cmpuint (g_utf8_strlen (lectern_passage_link_get_suffix (link, LECTERN_LINK_SIDE_RIGHT), -1), ==, 32);

  g_assert_true (lectern_passage_link_has_document (link, lectern_document_get_id (right)));
  g_assert_false (lectern_passage_link_has_document (link, "0123456789abcdef"));

  /* Created now, in whole seconds and UTC; not yet modified. */
  created = lectern_passage_link_get_created (link);
  g_assert_cmpint (g_date_time_get_microsecond (created), ==, 0);
  g_assert_cmpint (g_date_time_get_utc_offset (created), ==, 0);
  g_assert_true (g_date_time_equal (created, lectern_passage_link_get_modified (link)));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    g_assert_cmpint (g_date_time_difference (now, created), >=, 0);
    g_assert_cmpint (g_date_time_difference (now, created), <, 5 * G_TIME_SPAN_SECOND);
  }

  g_assert_finalize_object (g_steal_pointer (&link));
}

typedef struct
{
  guint relation;
  guint note;
  guint tags;
  guint modified;
  guint left_start;
  guint left_end;
  guint right_state;
  guint other;
} Notifications;

static void
notify_cb (GObject       *object,
           GParamSpec    *pspec,
           Notifications *counts)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "relation"))
    counts->relation++;
  else if (g_str_equal (name, "note"))
    counts->note++;
  else if (g_str_equal (name, "tags"))
    counts->tags++;
  else if (g_str_equal (name, "modified"))
    counts->modified++;
  else if (g_str_equal (name, "left-start"))
    counts->left_start++;
  else if (g_str_equal (name, "left-end"))
    counts->left_end++;
  else if (g_str_equal (name, "right-state"))
    counts->right_state++;
  else
    counts->other++;
}

/* A link saved long ago, so that any edit moves its modified time. */
static LecternPassageLink *
make_old_link (void)
{
  g_autoptr(GDateTime) created = parse_time ("2020-01-02T03:04:05Z");
  const char * const tags[] = { "alliances", NULL };
  LecternLinkTarget left = {
    .document_id = "0000000000000001", .document_uri = LEFT_URI, .document_title = "Left",
    .document_fingerprint = "abc", .start = 3, .end = 9, .exact = "passage",
    .prefix = "pre", .suffix = "post", .state = LECTERN_HIGHLIGHT_ANCHORED,
  };
  LecternLinkTarget right = {
    .document_id = "0000000000000002", .document_uri = RIGHT_URI, .document_title = NULL,
    .document_fingerprint = NULL, .start = 0, .end = 4, .exact = "word",
    .prefix = NULL, .suffix = "", .state = LECTERN_HIGHLIGHT_ORPHANED,
  };

  return lectern_passage_link_new_full ("11111111-2222-4333-8444-555555555555", LECTERN_RELATION_AGREES,
                                        "", tags, created, NULL, &left, &right);
}

static void
test_new_full_keeps_fields (void)
{
  g_autoptr(LecternPassageLink) link = make_old_link ();
  LecternLinkTarget target;

  g_assert_cmpstr (lectern_passage_link_get_id (link), ==, "11111111-2222-4333-8444-555555555555");
  /* "" and NULL are both "none". */
  g_assert_cmpstr (lectern_passage_link_get_note (link), ==, "");
  g_assert_cmpstr (lectern_passage_link_get_document_title (link, LECTERN_LINK_SIDE_RIGHT), ==, "");
  g_assert_null (lectern_passage_link_get_document_fingerprint (link, LECTERN_LINK_SIDE_RIGHT));
  g_assert_cmpstr (lectern_passage_link_get_prefix (link, LECTERN_LINK_SIDE_RIGHT), ==, "");
  g_assert_cmpstr (lectern_passage_link_get_suffix (link, LECTERN_LINK_SIDE_RIGHT), ==, "");
  g_assert_true (lectern_passage_link_has_tag (link, "alliances"));
  g_assert_false (lectern_passage_link_has_tag (link, "treaties"));
  g_assert_true (g_date_time_equal (lectern_passage_link_get_created (link),
                                    lectern_passage_link_get_modified (link)));
  g_assert_cmpint (lectern_passage_link_get_state (link, LECTERN_LINK_SIDE_RIGHT), ==, LECTERN_HIGHLIGHT_ORPHANED);

  lectern_passage_link_get_target (link, LECTERN_LINK_SIDE_LEFT, &target);
  g_assert_cmpstr (target.document_id, ==, "0000000000000001");
  g_assert_cmpstr (target.document_uri, ==, LEFT_URI);
  g_assert_cmpstr (target.document_title, ==, "Left");
  g_assert_cmpstr (target.document_fingerprint, ==, "abc");
  g_assert_cmpuint (target.start, ==, 3);
  g_assert_cmpuint (target.end, ==, 9);
  g_assert_cmpstr (target.exact, ==, "passage");
  g_assert_cmpstr (target.prefix, ==, "pre");
  g_assert_cmpstr (target.suffix, ==, "post");
  g_assert_cmpint (target.state, ==, LECTERN_HIGHLIGHT_ANCHORED);
}

static void
test_setters_notify (void)
{
  g_autoptr(LecternPassageLink) link = make_old_link ();
  g_autoptr(GDateTime) old_modified = g_date_time_ref (lectern_passage_link_get_modified (link));
  g_autoptr(GDateTime) after_note = NULL;
  const char * const tags[] = { "alliances", "longevity", NULL };
  const char * const same_tags[] = { "alliances", "longevity", NULL };
  Notifications counts = { 0, };

  g_signal_connect (link, "notify", G_CALLBACK (notify_cb), &counts);

  /* A user edit notifies and moves modified. */
  lectern_passage_link_set_note (link, "Same numbers, different conclusions.");
  g_assert_cmpuint (counts.note, ==, 1);
  g_assert_cmpuint (counts.modified, ==, 1);
  g_assert_cmpstr (lectern_passage_link_get_note (link), ==, "Same numbers, different conclusions.");
  g_assert_cmpint (g_date_time_compare (lectern_passage_link_get_modified (link), old_modified), >, 0);
  g_assert_cmpint (g_date_time_get_microsecond (lectern_passage_link_get_modified (link)), ==, 0);
  g_assert_true (g_date_time_equal (lectern_passage_link_get_created (link), old_modified));
  after_note = g_date_time_ref (lectern_passage_link_get_modified (link));

  /* The same value again is no change. */
  lectern_passage_link_set_note (link, "Same numbers, different conclusions.");
  g_assert_cmpuint (counts.note, ==, 1);

  lectern_passage_link_set_relation (link, LECTERN_RELATION_EXTENDS);
  lectern_passage_link_set_relation (link, LECTERN_RELATION_EXTENDS);
  g_assert_cmpuint (counts.relation, ==, 1);
  g_assert_cmpint (lectern_passage_link_get_relation (link), ==, LECTERN_RELATION_EXTENDS);

  lectern_passage_link_set_tags (link, tags);
  lectern_passage_link_set_tags (link, same_tags);
  g_assert_cmpuint (counts.tags, ==, 1);
  g_assert_true (g_strv_equal (lectern_passage_link_get_tags (link), tags));
  lectern_passage_link_set_tags (link, NULL);
  g_assert_cmpuint (counts.tags, ==, 2);
  g_assert_cmpuint (g_strv_length ((char **)lectern_passage_link_get_tags (link)), ==, 0);

  /* Clearing the note is an edit; "" after that is not. */
  lectern_passage_link_set_note (link, NULL);
  lectern_passage_link_set_note (link, "");
  g_assert_cmpuint (counts.note, ==, 2);

  /* Moving a passage is not a user edit: modified stays. */
  lectern_passage_link_set_range (link, LECTERN_LINK_SIDE_LEFT, 13, 19);
  g_assert_cmpuint (counts.left_start, ==, 1);
  g_assert_cmpuint (counts.left_end, ==, 1);
  lectern_passage_link_set_range (link, LECTERN_LINK_SIDE_LEFT, 13, 20);
  g_assert_cmpuint (counts.left_start, ==, 1);
  g_assert_cmpuint (counts.left_end, ==, 2);
  g_assert_cmpuint (lectern_passage_link_get_start (link, LECTERN_LINK_SIDE_LEFT), ==, 13);
  g_assert_cmpuint (lectern_passage_link_get_end (link, LECTERN_LINK_SIDE_LEFT), ==, 20);
  /* The other side did not move. */
  g_assert_cmpuint (lectern_passage_link_get_start (link, LECTERN_LINK_SIDE_RIGHT), ==, 0);
  g_assert_cmpuint (lectern_passage_link_get_end (link, LECTERN_LINK_SIDE_RIGHT), ==, 4);

  lectern_passage_link_set_state (link, LECTERN_LINK_SIDE_RIGHT, LECTERN_HIGHLIGHT_ANCHORED);
  lectern_passage_link_set_state (link, LECTERN_LINK_SIDE_RIGHT, LECTERN_HIGHLIGHT_ANCHORED);
  g_assert_cmpuint (counts.right_state, ==, 1);
  g_assert_cmpint (lectern_passage_link_get_state (link, LECTERN_LINK_SIDE_RIGHT), ==, LECTERN_HIGHLIGHT_ANCHORED);

  /* Every modified notification came with a user edit, never more than one each. */
  g_assert_cmpuint (counts.modified, >=, 1);
  g_assert_cmpuint (counts.modified, <=, 5);
  g_assert_cmpuint (counts.other, ==, 0);
  g_assert_cmpint (g_date_time_compare (lectern_passage_link_get_modified (link), after_note), >=, 0);

  g_signal_handlers_disconnect_by_data (link, &counts);
}

static void
test_properties (void)
{
  g_autoptr(LecternPassageLink) link = make_old_link ();
  g_autofree char *id = NULL;
  g_autofree char *note = NULL;
  g_auto(GStrv) tags = NULL;
  LecternRelation relation;
  guint left_end;

  g_object_set (link, "relation", LECTERN_RELATION_SAME_FACT, "note", "set as a property", NULL);
  g_object_get (link, "id", &id, "relation", &relation, "note", &note, "tags", &tags,
                "left-end", &left_end, NULL);

  g_assert_cmpstr (id, ==, "11111111-2222-4333-8444-555555555555");
  g_assert_cmpint (relation, ==, LECTERN_RELATION_SAME_FACT);
  g_assert_cmpstr (note, ==, "set as a property");
  g_assert_cmpstr (tags[0], ==, "alliances");
  g_assert_null (tags[1]);
  g_assert_cmpuint (left_end, ==, 9);
}

static void
test_relation_strings (void)
{
  static const char * const names[] = { "agrees", "contradicts", "extends", "same-fact" };
  static const char * const labels[] = { "Agrees", "Contradicts", "Extends", "Same fact" };
  LecternRelation relation = LECTERN_RELATION_EXTENDS;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == LECTERN_N_RELATIONS);

  for (guint i = 0; i < LECTERN_N_RELATIONS; i++)
    {
      LecternRelation back = LECTERN_RELATION_AGREES;

      g_assert_cmpstr (lectern_relation_to_string (i), ==, names[i]);
      g_assert_cmpstr (lectern_relation_get_label (i), ==, labels[i]);
      g_assert_true (lectern_relation_from_string (names[i], &back));
      g_assert_cmpint (back, ==, i);
    }

  /* Unknown names leave the output alone. */
  g_assert_false (lectern_relation_from_string ("same fact", &relation));
  g_assert_false (lectern_relation_from_string ("Agrees", &relation));
  g_assert_false (lectern_relation_from_string ("", &relation));
  g_assert_false (lectern_relation_from_string (NULL, &relation));
  g_assert_cmpint (relation, ==, LECTERN_RELATION_EXTENDS);

  /* The enum type knows the same four. */
  {
    GEnumClass *klass = g_type_class_ref (LECTERN_TYPE_RELATION);

    g_assert_cmpuint (klass->n_values, ==, LECTERN_N_RELATIONS);
    g_type_class_unref (klass);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/passage-link/new-computes-quotes", test_new_computes_quotes);
  g_test_add_func ("/passage-link/new-full-keeps-fields", test_new_full_keeps_fields);
  g_test_add_func ("/passage-link/setters-notify", test_setters_notify);
  g_test_add_func ("/passage-link/properties", test_properties);
  g_test_add_func ("/passage-link/relation-strings", test_relation_strings);

  return g_test_run ();
}
