/* test-review.c: highlights moved to look-alike text wait for the reader
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lectern-core.h"
#include "lectern-test-utils.h"

#define URI "file:///tmp/lectern-review-test.md"

static LecternDocument *
make_document (const char *text)
{
  return lectern_test_load_document (URI, "review.md", text, LECTERN_DOCUMENT_FORMAT_MARKDOWN);
}

static LecternHighlight *
highlight_phrase (LecternAnnotationStore *store,
                  LecternDocument        *document,
                  const char             *phrase)
{
  const char *text = lectern_document_get_text (document);
  const char *hit = strstr (text, phrase);
  guint start;
  guint end;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  g_autoptr(LecternHighlight) highlight = NULL;

  g_assert_nonnull (hit);
  start = (guint)g_utf8_pointer_to_offset (text, hit);
  end = start + (guint)g_utf8_strlen (phrase, -1);
  prefix = lectern_document_dup_slice (document, start > 32 ? start - 32 : 0, start);
  suffix = lectern_document_dup_slice (document, end, MIN (lectern_document_get_length (document), end + 32));
  highlight = lectern_highlight_new (lectern_document_get_id (document), LECTERN_COLOR_GREEN,
                                     start, end, phrase, prefix, suffix);
  g_assert_true (lectern_annotation_store_add (store, highlight, NULL));
  return highlight;
}

static void
test_uncertain_fuzzy_needs_review (void)
{
  g_autofree char *dir = lectern_test_make_tmp_dir ();
  g_autoptr(LecternDocument) before = NULL;
  g_autoptr(LecternDocument) after = NULL;
  g_autoptr(LecternAnnotationStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;
  LecternHighlight *unsure;
  LecternHighlight *sure;
  g_autofree char *unsure_id = NULL;
  g_autofree char *sure_id = NULL;

  before = make_document ("# Review\n\n"
                          "The treaty was signed in Washington on the first day of October.\n\n"
                          "Nobody expected the partnership to outlast the Cold War by decades.\n");
  store = lectern_annotation_store_new (dir);
  g_assert_true (lectern_annotation_store_load_document (store, before, NULL));
  unsure_id = g_strdup (lectern_highlight_get_id (highlight_phrase (store, before, "signed in Washington on the first day of October")));
  sure_id = g_strdup (lectern_highlight_get_id (highlight_phrase (store, before, "outlast the Cold War by decades")));
  g_assert_true (lectern_annotation_store_flush (store, NULL));
  g_clear_object (&store);

  /* One quote rewritten in several places, the other untouched but moved. */
  after = make_document ("# Review\n\n"
                         "An extra first paragraph moves everything down a little.\n\n"
                         "The treaty was signed in Washington on the first days of November.\n\n"
                         "Nobody expected the partnership to outlast the Cold War by decades.\n");
  store = lectern_annotation_store_new (dir);
  lectern_annotation_store_load_document (store, after, &error);
  g_assert_no_error (error);

  unsure = lectern_annotation_store_find (store, unsure_id);
  sure = lectern_annotation_store_find (store, sure_id);
  g_assert_cmpint (lectern_highlight_get_state (sure), ==, LECTERN_HIGHLIGHT_ANCHORED);

  /* Placed on the look-alike sentence, but marked for review; the stored
   * quote is still the reader's original words. */
  g_assert_cmpint (lectern_highlight_get_state (unsure), ==, LECTERN_HIGHLIGHT_NEEDS_REVIEW);
  g_assert_cmpstr (lectern_highlight_get_exact (unsure), ==, "signed in Washington on the first day of October");
  now = lectern_document_dup_slice (after, lectern_highlight_get_start (unsure), lectern_highlight_get_end (unsure));
  g_assert_nonnull (strstr (now, "first days of"));

  /* The mark survives a save and a new start with the same text. */
  g_assert_true (lectern_annotation_store_flush (store, NULL));
  g_clear_object (&store);
  store = lectern_annotation_store_new (dir);
  g_assert_true (lectern_annotation_store_load_document (store, after, NULL));
  g_assert_cmpint (lectern_highlight_get_state (lectern_annotation_store_find (store, unsure_id)), ==,
                   LECTERN_HIGHLIGHT_NEEDS_REVIEW);

  g_clear_object (&store);
  lectern_test_remove_tree (dir);
}

static void
test_state_names (void)
{
  LecternHighlightState state = LECTERN_HIGHLIGHT_ANCHORED;

  g_assert_cmpstr (lectern_highlight_state_to_string (LECTERN_HIGHLIGHT_NEEDS_REVIEW), ==, "needs-review");
  g_assert_true (lectern_highlight_state_from_string ("needs-review", &state));
  g_assert_cmpint (state, ==, LECTERN_HIGHLIGHT_NEEDS_REVIEW);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/review/state-names", test_state_names);
  g_test_add_func ("/review/uncertain-fuzzy", test_uncertain_fuzzy_needs_review);

  return g_test_run ();
}
