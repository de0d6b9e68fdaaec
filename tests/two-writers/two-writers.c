/* two-writers.c: two writers of one highlights file merge, never
 * overwrite (issue 19, item 1)
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two stores hold the same document's highlights file and edit it in
 * turn, each saving after every edit: adding highlights, changing the
 * notes of their own, deleting some. Each keeps what it expects on disk
 * (its live highlights and their notes); at the end a fresh store must
 * find every one of them, with its last note, and none that was
 * deleted. Once in one process (two stores, strictly interleaved), once
 * in two processes at the same time: the test starts this same program
 * twice as a child ("--child DIR PREFIX N"), which prints "live ID NOTE"
 * for every highlight it expects.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "lectern-core.h"
#include "lectern-test-utils.h"

#define DOC_URI "file:///tmp/two-writers.txt"
#define EDITS 1000

static const char document_text[] =
  "Two readers on one synced folder, or two sessions of one reader, each "
  "keep the highlights of this document and save them after every edit.\n";

typedef struct
{
  LecternAnnotationStore *store;
  LecternDocument        *document;
  /* id → note, of the highlights this writer expects on disk. */
  GHashTable             *expected;
  GPtrArray              *own;
  const char             *prefix;
  guint                   serial;
} Writer;

static void
writer_init (Writer     *writer,
             const char *dir,
             const char *prefix)
{
  g_autoptr(GError) error = NULL;

  writer->document = lectern_test_make_document (DOC_URI, document_text);
  writer->store = lectern_annotation_store_new (dir);
  lectern_annotation_store_set_autosave_delay (writer->store, 1);
  lectern_annotation_store_load_document (writer->store, writer->document, &error);
  g_assert_no_error (error);
  writer->expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  writer->own = g_ptr_array_new ();
  writer->prefix = prefix;
}

static void
writer_clear (Writer *writer)
{
  g_clear_object (&writer->store);
  g_clear_object (&writer->document);
  g_clear_pointer (&writer->expected, g_hash_table_unref);
  g_clear_pointer (&writer->own, g_ptr_array_unref);
}

/* One edit of this writer's own highlights, then a save. */
static void
writer_edit (Writer *writer,
             GRand  *rand)
{
  g_autoptr(GError) error = NULL;
  guint kind = writer->own->len < 4 ? 0 : g_rand_int_range (rand, 0, 4);
  g_autofree char *note = g_strdup_printf ("%s note %u", writer->prefix, writer->serial++);

  if (kind <= 1)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", writer->prefix, writer->serial);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      guint start = g_rand_int_range (rand, 0, 60);
      g_autoptr(LecternHighlight) highlight =
        lectern_highlight_new_full (id, lectern_document_get_id (writer->document), LECTERN_COLOR_YELLOW,
                                    note, NULL, now, now, start, start + 5, "exact", "", "",
                                    LECTERN_HIGHLIGHT_ANCHORED);

      g_assert_true (lectern_annotation_store_add (writer->store, highlight, &error));
      g_ptr_array_add (writer->own, highlight);
      g_hash_table_insert (writer->expected, g_strdup (id), g_strdup (note));
    }
  else
    {
      guint i = g_rand_int_range (rand, 0, writer->own->len);
      LecternHighlight *highlight = g_ptr_array_index (writer->own, i);
      const char *id = lectern_highlight_get_id (highlight);

      if (kind == 2)
        {
          lectern_highlight_set_note (highlight, note);
          g_hash_table_insert (writer->expected, g_strdup (id), g_strdup (note));
        }
      else
        {
          g_hash_table_remove (writer->expected, id);
          g_ptr_array_remove_index (writer->own, i);
          g_assert_true (lectern_annotation_store_remove (writer->store, highlight, &error));
        }
    }

  lectern_annotation_store_flush (writer->store, &error);
  g_assert_no_error (error);
}

/* How many of @expected a fresh store does not find, or finds with
 * another note; and whether it holds anything else with @prefixes. */
static guint
count_lost (const char *dir,
            GHashTable *expected,
            guint      *n_extra)
{
  g_autoptr(LecternDocument) document = lectern_test_make_document (DOC_URI, document_text);
  g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (dir);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  const char *id;
  const char *note;
  guint lost = 0;

  lectern_annotation_store_load_document (store, document, &error);
  g_assert_no_error (error);

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, (gpointer *)&id, (gpointer *)&note))
    {
      LecternHighlight *highlight = lectern_annotation_store_find (store, id);

      if (highlight == NULL || g_strcmp0 (lectern_highlight_get_note (highlight), note) != 0)
        lost++;
    }

  *n_extra = g_list_model_get_n_items (G_LIST_MODEL (store)) - (g_hash_table_size (expected) - lost);
  return lost;
}

/* On tmpfs where there is one: the merge is what is tested, and 2,000
 * fsyncs of a busy disk would take minutes (crash-save.c tests them). */
static char *
make_dir (void)
{
  g_autofree char *template = g_strdup ("/dev/shm/lectern-two-writers-XXXXXX");

  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_mkdtemp (template) != NULL)
    return g_steal_pointer (&template);

  return lectern_test_make_tmp_dir ();
}

static void
merge_into (GHashTable *all,
            GHashTable *part)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, part);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (all, g_strdup (key), g_strdup (value));
}

static void
test_in_process (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);
  g_autoptr(GHashTable) all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Writer a = { 0 };
  Writer b = { 0 };
  guint lost;
  guint extra;

  writer_init (&a, dir, "a");
  writer_init (&b, dir, "b");

  for (guint i = 0; i < EDITS; i++)
    writer_edit (i % 2 == 0 ? &a : &b, rand);

  merge_into (all, a.expected);
  merge_into (all, b.expected);
  writer_clear (&a);
  writer_clear (&b);

  lost = count_lost (dir, all, &extra);
  g_test_message ("%u edits by two stores: %u highlights expected, %u lost, %u deleted ones back",
                  EDITS, g_hash_table_size (all), lost, extra);
  g_assert_cmpuint (lost, ==, 0);
  g_assert_cmpuint (extra, ==, 0);

  lectern_test_remove_tree (dir);
}

/* The child: @n edits, then what it expects. */
static int
run_child (const char *dir,
           const char *prefix,
           guint       n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_str_hash (prefix));
  GHashTableIter iter;
  gpointer key, value;
  Writer writer = { 0 };

  writer_init (&writer, dir, prefix);
  for (guint i = 0; i < n; i++)
    writer_edit (&writer, rand);

  g_hash_table_iter_init (&iter, writer.expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_print ("live\t%s\t%s\n", (char *)key, (char *)value);
  writer_clear (&writer);

  return 0;
}

static GSubprocess *
spawn_child (const char *dir,
             const char *prefix,
             guint       n)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autoptr(GError) error = NULL;
  GSubprocess *child;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            self, "--child", dir, prefix, count, NULL);
  g_assert_no_error (error);

  return child;
}

static void
read_expected (GSubprocess *child,
               GHashTable  *all)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (child));

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 3);

      if (g_strv_length (fields) == 3 && strcmp (fields[0], "live") == 0)
        g_hash_table_insert (all, g_strdup (fields[1]), g_strdup (fields[2]));
    }
}

static void
test_two_processes (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GHashTable) all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GSubprocess) a = spawn_child (dir, "pa", EDITS / 2);
  g_autoptr(GSubprocess) b = spawn_child (dir, "pb", EDITS / 2);
  guint lost;
  guint extra;

  read_expected (a, all);
  read_expected (b, all);

  lost = count_lost (dir, all, &extra);
  g_test_message ("%u edits by two processes at once: %u highlights expected, %u lost, %u deleted ones back",
                  EDITS, g_hash_table_size (all), lost, extra);
  g_assert_cmpuint (lost, ==, 0);
  g_assert_cmpuint (extra, ==, 0);

  lectern_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && strcmp (argv[1], "--child") == 0)
    return run_child (argv[2], argv[3], (guint)g_ascii_strtoull (argv[4], NULL, 10));

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/two-writers/in-process", test_in_process);
  g_test_add_func ("/two-writers/two-processes", test_two_processes);

  return g_test_run ();
}
