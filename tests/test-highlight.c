/* test-highlight.c: LecternHighlight
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-core.h"

typedef struct
{
  GPtrArray *names;
} NotifyLog;

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           NotifyLog  *log)
{
  g_ptr_array_add (log->names, g_strdup (pspec->name));
}

static guint
count_notifies (NotifyLog  *log,
                const char *name)
{
  guint n = 0;

  for (guint i = 0; i < log->names->len; i++)
    if (g_str_equal (g_ptr_array_index (log->names, i), name))
      n++;

  return n;
}

static GDateTime *
old_time (void)
{
  return g_date_time_new_utc (2020, 1, 2, 3, 4, 5);
}

static LecternHighlight *
new_old_highlight (void)
{
  g_autoptr(GDateTime) created = old_time ();

  return lectern_highlight_new_full ("11111111-2222-4333-8444-555555555555", "0123456789abcdef",
                                     LECTERN_COLOR_GREEN, "a note", NULL, created, NULL,
                                     10, 20, "exact text", "before", "after",
                                     LECTERN_HIGHLIGHT_ANCHORED);
}

static void
test_new_defaults (void)
{
  g_autoptr(LecternHighlight) highlight = NULL;
  GDateTime *created;

  highlight = lectern_highlight_new ("0123456789abcdef", LECTERN_COLOR_BLUE, 3, 9, "quoted", NULL, NULL);

  g_assert_true (g_uuid_string_is_valid (lectern_highlight_get_id (highlight)));
  g_assert_cmpstr (lectern_highlight_get_document_id (highlight), ==, "0123456789abcdef");
  g_assert_cmpint (lectern_highlight_get_color (highlight), ==, LECTERN_COLOR_BLUE);
  g_assert_cmpuint (lectern_highlight_get_start (highlight), ==, 3);
  g_assert_cmpuint (lectern_highlight_get_end (highlight), ==, 9);
  g_assert_cmpstr (lectern_highlight_get_exact (highlight), ==, "quoted");
  g_assert_cmpstr (lectern_highlight_get_prefix (highlight), ==, "");
  g_assert_cmpstr (lectern_highlight_get_suffix (highlight), ==, "");
  g_assert_cmpstr (lectern_highlight_get_note (highlight), ==, "");
  g_assert_nonnull (lectern_highlight_get_tags (highlight));
  g_assert_null (lectern_highlight_get_tags (highlight)[0]);
  g_assert_cmpint (lectern_highlight_get_state (highlight), ==, LECTERN_HIGHLIGHT_ANCHORED);

  created = lectern_highlight_get_created (highlight);
  g_assert_nonnull (created);
  g_assert_cmpint (g_date_time_get_utc_offset (created), ==, 0);
  g_assert_cmpint (g_date_time_get_microsecond (created), ==, 0);
  g_assert_true (g_date_time_equal (created, lectern_highlight_get_modified (highlight)));

  g_assert_finalize_object (g_steal_pointer (&highlight));
}

static void
test_ids_unique (void)
{
  g_autoptr(LecternHighlight) a = lectern_highlight_new ("doc", LECTERN_COLOR_YELLOW, 0, 1, "a", NULL, NULL);
  g_autoptr(LecternHighlight) b = lectern_highlight_new ("doc", LECTERN_COLOR_YELLOW, 0, 1, "a", NULL, NULL);

  g_assert_cmpstr (lectern_highlight_get_id (a), !=, lectern_highlight_get_id (b));
}

static void
test_new_full_keeps_fields (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (9 * 3600);
  g_autoptr(GDateTime) created = g_date_time_new (tz, 2026, 11, 22, 19, 0, 0);
  g_autoptr(GDateTime) modified = g_date_time_new (tz, 2026, 11, 22, 19, 5, 0);
  const char * const tags[] = { "longevity", "태그", NULL };
  g_autoptr(LecternHighlight) highlight = NULL;
  GDateTime *got;

  highlight = lectern_highlight_new_full ("id-1", "doc", LECTERN_COLOR_PURPLE, "노트 ✨", tags,
                                          created, modified, 5, 8, "abc", "pre", "suf",
                                          LECTERN_HIGHLIGHT_ORPHANED);

  g_assert_cmpstr (lectern_highlight_get_id (highlight), ==, "id-1");
  g_assert_cmpint (lectern_highlight_get_color (highlight), ==, LECTERN_COLOR_PURPLE);
  g_assert_cmpstr (lectern_highlight_get_note (highlight), ==, "노트 ✨");
  g_assert_true (g_strv_equal (lectern_highlight_get_tags (highlight), tags));
  g_assert_cmpstr (lectern_highlight_get_prefix (highlight), ==, "pre");
  g_assert_cmpstr (lectern_highlight_get_suffix (highlight), ==, "suf");
  g_assert_cmpint (lectern_highlight_get_state (highlight), ==, LECTERN_HIGHLIGHT_ORPHANED);

  /* Times are kept in UTC. */
  got = lectern_highlight_get_created (highlight);
  g_assert_true (g_date_time_equal (got, created));
  g_assert_cmpint (g_date_time_get_utc_offset (got), ==, 0);
  g_assert_cmpint (g_date_time_get_hour (got), ==, 10);
  got = lectern_highlight_get_modified (highlight);
  g_assert_true (g_date_time_equal (got, modified));
  g_assert_cmpint (g_date_time_get_utc_offset (got), ==, 0);
}

static void
test_notify_only_on_change (void)
{
  g_autoptr(LecternHighlight) highlight = new_old_highlight ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  NotifyLog log = { names };
  const char * const same_tags[] = { NULL };

  g_signal_connect (highlight, "notify", G_CALLBACK (notify_cb), &log);

  lectern_highlight_set_color (highlight, LECTERN_COLOR_GREEN);
  lectern_highlight_set_note (highlight, "a note");
  lectern_highlight_set_tags (highlight, NULL);
  lectern_highlight_set_tags (highlight, same_tags);
  lectern_highlight_set_range (highlight, 10, 20);
  lectern_highlight_set_state (highlight, LECTERN_HIGHLIGHT_ANCHORED);
  g_object_set (highlight, "color", LECTERN_COLOR_GREEN, "note", "a note", NULL);
  g_assert_cmpuint (names->len, ==, 0);

  lectern_highlight_set_color (highlight, LECTERN_COLOR_RED);
  g_assert_cmpuint (count_notifies (&log, "color"), ==, 1);

  lectern_highlight_set_range (highlight, 11, 20);
  g_assert_cmpuint (count_notifies (&log, "start"), ==, 1);
  g_assert_cmpuint (count_notifies (&log, "end"), ==, 0);

  lectern_highlight_set_state (highlight, LECTERN_HIGHLIGHT_ORPHANED);
  g_assert_cmpuint (count_notifies (&log, "state"), ==, 1);

  lectern_highlight_set_note (highlight, NULL);
  lectern_highlight_set_note (highlight, "");
  g_assert_cmpuint (count_notifies (&log, "note"), ==, 1);
}

static void
test_modified_updates (void)
{
  g_autoptr(LecternHighlight) highlight = new_old_highlight ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) before = old_time ();
  NotifyLog log = { names };
  const char * const tags[] = { "x", NULL };

  g_signal_connect (highlight, "notify", G_CALLBACK (notify_cb), &log);

  /* Moving or re-anchoring is not an edit. */
  lectern_highlight_set_range (highlight, 0, 5);
  lectern_highlight_set_state (highlight, LECTERN_HIGHLIGHT_ORPHANED);
  g_assert_true (g_date_time_equal (lectern_highlight_get_modified (highlight), before));
  g_assert_cmpuint (count_notifies (&log, "modified"), ==, 0);

  lectern_highlight_set_color (highlight, LECTERN_COLOR_YELLOW);
  g_assert_cmpuint (count_notifies (&log, "modified"), ==, 1);
  g_assert_cmpint (g_date_time_compare (lectern_highlight_get_modified (highlight), before), >, 0);
  g_assert_true (g_date_time_equal (lectern_highlight_get_created (highlight), before));
  g_assert_cmpint (g_date_time_get_utc_offset (lectern_highlight_get_modified (highlight)), ==, 0);

  /* Note and tags move it as well; reset it to tell. */
  g_clear_object (&highlight);
  highlight = new_old_highlight ();
  lectern_highlight_set_note (highlight, "changed");
  g_assert_cmpint (g_date_time_compare (lectern_highlight_get_modified (highlight), before), >, 0);

  g_clear_object (&highlight);
  highlight = new_old_highlight ();
  lectern_highlight_set_tags (highlight, tags);
  g_assert_cmpint (g_date_time_compare (lectern_highlight_get_modified (highlight), before), >, 0);
}

static void
test_tags (void)
{
  g_autoptr(LecternHighlight) highlight = new_old_highlight ();
  const char * const tags[] = { "alpha", "베타", NULL };
  g_auto(GStrv) got = NULL;

  g_assert_false (lectern_highlight_has_tag (highlight, "alpha"));

  lectern_highlight_set_tags (highlight, tags);
  g_assert_true (lectern_highlight_has_tag (highlight, "alpha"));
  g_assert_true (lectern_highlight_has_tag (highlight, "베타"));
  g_assert_false (lectern_highlight_has_tag (highlight, "gamma"));

  g_object_get (highlight, "tags", &got, NULL);
  g_assert_true (g_strv_equal ((const char * const *)got, tags));

  lectern_highlight_set_tags (highlight, NULL);
  g_assert_null (lectern_highlight_get_tags (highlight)[0]);
  g_assert_false (lectern_highlight_has_tag (highlight, "alpha"));
}

static void
test_properties (void)
{
  g_autoptr(LecternHighlight) highlight = new_old_highlight ();
  g_autofree char *id = NULL;
  g_autofree char *exact = NULL;
  g_autoptr(GDateTime) created = NULL;
  LecternColor color;
  LecternHighlightState state;
  guint start, end;

  g_object_set (highlight,
                "color", LECTERN_COLOR_BLUE,
                "note", "set by property",
                "state", LECTERN_HIGHLIGHT_ORPHANED,
                NULL);
  g_object_get (highlight,
                "id", &id,
                "exact", &exact,
                "created", &created,
                "color", &color,
                "state", &state,
                "start", &start,
                "end", &end,
                NULL);

  g_assert_cmpstr (id, ==, lectern_highlight_get_id (highlight));
  g_assert_cmpstr (exact, ==, "exact text");
  g_assert_true (g_date_time_equal (created, lectern_highlight_get_created (highlight)));
  g_assert_cmpint (color, ==, LECTERN_COLOR_BLUE);
  g_assert_cmpint (state, ==, LECTERN_HIGHLIGHT_ORPHANED);
  g_assert_cmpuint (start, ==, 10);
  g_assert_cmpuint (end, ==, 20);
  g_assert_cmpstr (lectern_highlight_get_note (highlight), ==, "set by property");
}

static void
test_color_strings (void)
{
  const char * const names[] = { "yellow", "green", "blue", "red", "purple" };
  LecternColor color;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == LECTERN_N_COLORS);

  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      g_assert_cmpstr (lectern_color_to_string (i), ==, names[i]);
      g_assert_true (lectern_color_from_string (names[i], &color));
      g_assert_cmpint (color, ==, i);
    }

  color = LECTERN_COLOR_RED;
  g_assert_false (lectern_color_from_string ("orange", &color));
  g_assert_false (lectern_color_from_string ("Yellow", &color));
  g_assert_false (lectern_color_from_string (NULL, &color));
  g_assert_cmpint (color, ==, LECTERN_COLOR_RED);
}

static void
test_state_strings (void)
{
  LecternHighlightState state = LECTERN_HIGHLIGHT_ORPHANED;

  g_assert_cmpstr (lectern_highlight_state_to_string (LECTERN_HIGHLIGHT_ANCHORED), ==, "anchored");
  g_assert_cmpstr (lectern_highlight_state_to_string (LECTERN_HIGHLIGHT_ORPHANED), ==, "orphaned");
  g_assert_true (lectern_highlight_state_from_string ("anchored", &state));
  g_assert_cmpint (state, ==, LECTERN_HIGHLIGHT_ANCHORED);
  g_assert_false (lectern_highlight_state_from_string ("lost", &state));
  g_assert_cmpint (state, ==, LECTERN_HIGHLIGHT_ANCHORED);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *)user_data)++;
}

static void
test_reattach (void)
{
  g_autoptr(LecternHighlight) highlight = NULL;
  guint notifies = 0;

  highlight = lectern_highlight_new ("doc", LECTERN_COLOR_RED, 10, 20, "old passage", "before ", " after");
  lectern_highlight_set_state (highlight, LECTERN_HIGHLIGHT_ORPHANED);
  lectern_highlight_set_note (highlight, "kept");
  g_signal_connect (highlight, "notify", G_CALLBACK (count_notify), &notifies);

  lectern_highlight_reattach (highlight, 40, 52, "new passage!", "", "tail");

  g_assert_cmpuint (lectern_highlight_get_start (highlight), ==, 40);
  g_assert_cmpuint (lectern_highlight_get_end (highlight), ==, 52);
  g_assert_cmpstr (lectern_highlight_get_exact (highlight), ==, "new passage!");
  g_assert_cmpstr (lectern_highlight_get_prefix (highlight), ==, "");
  g_assert_cmpstr (lectern_highlight_get_suffix (highlight), ==, "tail");
  g_assert_cmpint (lectern_highlight_get_state (highlight), ==, LECTERN_HIGHLIGHT_ANCHORED);
  g_assert_cmpstr (lectern_highlight_get_note (highlight), ==, "kept");
  g_assert_cmpint (lectern_highlight_get_color (highlight), ==, LECTERN_COLOR_RED);
  g_assert_cmpuint (notifies, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/highlight/new-defaults", test_new_defaults);
  g_test_add_func ("/highlight/ids-unique", test_ids_unique);
  g_test_add_func ("/highlight/new-full-keeps-fields", test_new_full_keeps_fields);
  g_test_add_func ("/highlight/notify-only-on-change", test_notify_only_on_change);
  g_test_add_func ("/highlight/modified-updates", test_modified_updates);
  g_test_add_func ("/highlight/tags", test_tags);
  g_test_add_func ("/highlight/properties", test_properties);
  g_test_add_func ("/highlight/color-strings", test_color_strings);
  g_test_add_func ("/highlight/state-strings", test_state_strings);
  g_test_add_func ("/highlight/reattach", test_reattach);

  return g_test_run ();
}
