/* test-target.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-core.h"
#include "lectern-test-utils.h"

static LecternDocument *
make_document (const char *text)
{
  return lectern_test_make_document ("file:///tmp/target.txt", text);
}

/* 40 characters of context either side: the target keeps 32 of each. */
static void
test_target_context (void)
{
  g_autoptr(LecternDocument) document =
    make_document ("0123456789abcdefghijklmnopqrstuvwxyzABCD"
                   "[passage]"
                   "EFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefgh");
  g_autoptr(LecternTarget) target = lectern_target_new_for_range (document, 40, 49);

  g_assert_cmpuint (lectern_target_get_start (target), ==, 40);
  g_assert_cmpuint (lectern_target_get_end (target), ==, 49);
  g_assert_cmpstr (lectern_target_get_exact (target), ==, "[passage]");
  g_assert_cmpstr (lectern_target_get_prefix (target), ==, "89abcdefghijklmnopqrstuvwxyzABCD");
  g_assert_cmpstr (lectern_target_get_suffix (target), ==, "EFGHIJKLMNOPQRSTUVWXYZ0123456789");
  g_assert_cmpint (g_utf8_strlen (lectern_target_get_prefix (target), -1), ==, LECTERN_TARGET_CONTEXT_CHARS);
}

/* At the edges of the text the context is what there is; the end is
 * clamped to the text. */
static void
test_target_edges (void)
{
  g_autoptr(LecternDocument) document = make_document ("short text");
  g_autoptr(LecternTarget) first = lectern_target_new_for_range (document, 0, 5);
  g_autoptr(LecternTarget) last = lectern_target_new_for_range (document, 6, 500);

  g_assert_cmpstr (lectern_target_get_exact (first), ==, "short");
  g_assert_cmpstr (lectern_target_get_prefix (first), ==, "");
  g_assert_cmpstr (lectern_target_get_suffix (first), ==, " text");
  g_assert_cmpuint (lectern_target_get_end (last), ==, 10);
  g_assert_cmpstr (lectern_target_get_exact (last), ==, "text");
  g_assert_cmpstr (lectern_target_get_prefix (last), ==, "short ");
  g_assert_cmpstr (lectern_target_get_suffix (last), ==, "");
}

/* Offsets and context count characters, not bytes. */
static void
test_target_characters (void)
{
  g_autoptr(LecternDocument) document = make_document ("한미 동맹 70주년을 맞아 양국은 새로운 비전을 밝혔다.");
  g_autoptr(LecternTarget) target = lectern_target_new_for_range (document, 3, 5);

  g_assert_cmpstr (lectern_target_get_exact (target), ==, "동맹");
  g_assert_cmpstr (lectern_target_get_prefix (target), ==, "한미 ");
  g_assert_true (g_str_has_prefix (lectern_target_get_suffix (target), " 70주년"));
}

/* A highlight made from a target, and one re-attached to a target, keep
 * every part of it. */
static void
test_target_highlight (void)
{
  g_autoptr(LecternDocument) document = make_document ("The alliance has lasted seventy years and counting.");
  g_autoptr(LecternTarget) target = lectern_target_new_for_range (document, 4, 12);
  g_autoptr(LecternTarget) other = lectern_target_new_for_range (document, 24, 37);
  g_autoptr(LecternHighlight) highlight = NULL;

  highlight = lectern_highlight_new_for_target (lectern_document_get_id (document), LECTERN_COLOR_BLUE, target);
  g_assert_cmpstr (lectern_highlight_get_exact (highlight), ==, "alliance");
  g_assert_cmpstr (lectern_highlight_get_prefix (highlight), ==, "The ");
  g_assert_cmpuint (lectern_highlight_get_start (highlight), ==, 4);
  g_assert_cmpuint (lectern_highlight_get_end (highlight), ==, 12);

  lectern_highlight_set_state (highlight, LECTERN_HIGHLIGHT_ORPHANED);
  lectern_highlight_reattach_to_target (highlight, other);
  g_assert_cmpstr (lectern_highlight_get_exact (highlight), ==, "seventy years");
  g_assert_cmpuint (lectern_highlight_get_start (highlight), ==, 24);
  g_assert_cmpint (lectern_highlight_get_state (highlight), ==, LECTERN_HIGHLIGHT_ANCHORED);
}

/* A passage link cuts both its sides the same way. */
static void
test_target_passage_link (void)
{
  g_autoptr(LecternDocument) document =
    make_document ("0123456789abcdefghijklmnopqrstuvwxyzABCD[one]EFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefgh");
  g_autoptr(LecternPassageLink) link = NULL;

  link = lectern_passage_link_new (document, 40, 45, document, 0, 4, LECTERN_RELATION_AGREES, NULL);
  g_assert_cmpstr (lectern_passage_link_get_exact (link, LECTERN_LINK_SIDE_LEFT), ==, "[one]");
  g_assert_cmpstr (lectern_passage_link_get_prefix (link, LECTERN_LINK_SIDE_LEFT), ==, "89abcdefghijklmnopqrstuvwxyzABCD");
  g_assert_cmpstr (lectern_passage_link_get_suffix (link, LECTERN_LINK_SIDE_LEFT), ==, "EFGHIJKLMNOPQRSTUVWXYZ0123456789");
  g_assert_cmpstr (lectern_passage_link_get_exact (link, LECTERN_LINK_SIDE_RIGHT), ==, "0123");
  g_assert_cmpstr (lectern_passage_link_get_suffix (link, LECTERN_LINK_SIDE_RIGHT), ==, "456789abcdefghijklmnopqrstuvwxyz");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/target/context", test_target_context);
  g_test_add_func ("/target/edges", test_target_edges);
  g_test_add_func ("/target/characters", test_target_characters);
  g_test_add_func ("/target/highlight", test_target_highlight);
  g_test_add_func ("/target/passage-link", test_target_passage_link);

  return g_test_run ();
}
