/* crash-save.c: highlights files survive a SIGKILL at any moment
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test starts this same program as a child ("--child DIR"), which
 * edits the highlights of a few documents and saves them, over and
 * over: in round N every highlight of document d has the note
 * "round N", and the document has highlight_count (N, d) of them. The
 * child goes on from the newest round on disk and says so ("start N");
 * after each successful flush it writes "saved N".
 *
 * The parent kills the child with SIGKILL after a random delay, hundreds
 * of times, and after each kill checks that every highlights file
 * parses and holds one whole round: never older than the last round
 * reported saved, never newer than the round the child was saving.
 * Nothing mixed, nothing unreadable.
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lectern-core.h"
#include "lectern-test-utils.h"

#define N_DOCUMENTS 2
#define DEFAULT_KILLS 300
/* Enough that a file takes a moment to write. */
#define BASE_HIGHLIGHTS 40
#define MAX_DELAY_MSEC 60
/* A slow machine stops early rather than running for minutes. */
#define TIME_LIMIT_SEC 50

static const char document_text[] =
  "A long series of autosaves, interrupted at random moments, must never "
  "leave a highlights file that cannot be read. Each save writes a temporary "
  "file, flushes it to the disk and renames it over the old one.\n";

static guint
highlight_count (guint64 round,
                 guint   d)
{
  return BASE_HIGHLIGHTS + (round + d * 3) % 17;
}

static LecternDocument *
make_document (guint d)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (document_text, sizeof document_text - 1);
  g_autofree char *uri = g_strdup_printf ("file:///crash-save/document-%u.txt", d);
  g_autoptr(GError) error = NULL;
  LecternDocument *document;

  document = lectern_document_loader_load_bytes (loader, bytes, uri, "document.txt",
                                                 LECTERN_DOCUMENT_FORMAT_PLAIN, &error);
  g_assert_no_error (error);

  return document;
}

/* The round held by the highlights of one document, or -1 if they are
 * not all of one round with the right count. */
static gint64
round_of (LecternAnnotationStore *store,
          LecternDocument        *document,
          guint                   d)
{
  g_autoptr(GPtrArray) highlights = NULL;
  gint64 round = -1;

  highlights = lectern_annotation_store_list_for_document (store, lectern_document_get_id (document));
  if (highlights->len == 0)
    return 0;

  for (guint i = 0; i < highlights->len; i++)
    {
      const char *note = lectern_highlight_get_note (g_ptr_array_index (highlights, i));
      guint64 value;

      if (!g_str_has_prefix (note, "round ") ||
          !g_ascii_string_to_unsigned (note + strlen ("round "), 10, 0, G_MAXINT64, &value, NULL) ||
          (round >= 0 && (guint64)round != value))
        return -1;
      round = value;
    }

  return highlights->len == highlight_count (round, d) ? round : -1;
}

/* Child */

static void
set_round (LecternAnnotationStore *store,
           LecternDocument        *document,
           guint                   d,
           guint64                 round)
{
  g_autoptr(GPtrArray) highlights = NULL;
  g_autofree char *note = g_strdup_printf ("round %" G_GUINT64_FORMAT, round);
  const char *id = lectern_document_get_id (document);
  guint wanted = highlight_count (round, d);

  highlights = lectern_annotation_store_list_for_document (store, id);

  while (highlights->len > wanted)
    {
      g_assert_true (lectern_annotation_store_remove (store, g_ptr_array_index (highlights, highlights->len - 1), NULL));
      g_ptr_array_remove_index (highlights, highlights->len - 1);
    }

  while (highlights->len < wanted)
    {
      guint start = (highlights->len * 7) % 150;
      g_autoptr(LecternHighlight) highlight = NULL;

      highlight = lectern_highlight_new (id, highlights->len % LECTERN_N_COLORS, start, start + 12,
                                         "long series", "A ", " of autosaves");
      g_assert_true (lectern_annotation_store_add (store, highlight, NULL));
      g_ptr_array_add (highlights, g_steal_pointer (&highlight));
    }

  for (guint i = 0; i < highlights->len; i++)
    lectern_highlight_set_note (g_ptr_array_index (highlights, i), note);
}

/* One unbuffered line, so that what was said before a kill arrives. */
static gboolean
say (const char *what,
     guint64     round)
{
  char line[64];
  int len = g_snprintf (line, sizeof line, "%s %" G_GUINT64_FORMAT "\n", what, round);

  return write (STDOUT_FILENO, line, len) == len;
}

static int
run_child (const char *dir)
{
  g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (dir);
  LecternDocument *documents[N_DOCUMENTS];
  guint64 round = 0;

  for (guint d = 0; d < N_DOCUMENTS; d++)
    {
      g_autoptr(GError) error = NULL;
      gint64 found;

      documents[d] = make_document (d);
      if (!lectern_annotation_store_load_document (store, documents[d], &error))
        g_error ("child: %s", error->message);

      found = round_of (store, documents[d], d);
      if (found < 0)
        g_error ("child: document %u holds a mixed state", d);
      round = MAX (round, (guint64)found);
    }

  if (!say ("start", round))
    return 1;

  for (;;)
    {
      g_autoptr(GError) error = NULL;

      round++;
      for (guint d = 0; d < N_DOCUMENTS; d++)
        set_round (store, documents[d], d, round);

      if (!lectern_annotation_store_flush (store, &error))
        g_error ("child: %s", error->message);

      if (!say ("saved", round))
        return 1;
    }
}

/* Parent */

typedef struct
{
  guint kills;
  guint rounds_reported;
  guint ahead;
  guint temporaries;
  guint backups_checked;
} Stats;

/* The rounds a file may hold now. */
typedef struct
{
  /* The last round reported saved: every file has it, or a newer one. */
  guint64 saved;
  /* The newest round any child began to save. */
  guint64 newest;
} Bounds;

static char *self_path;

/* Counts what a killed save left behind: our temporary files,
 * ".<name>.lectern-tmp-XXXXXX". */
static guint
count_temporaries (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      if (name[0] == '.' && strstr (name, ".lectern-tmp-") != NULL)
        n++;
    }

  return n;
}

/* Parses a file on its own, as json-glib sees it, and returns its round. */
static gint64
round_in_file (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *highlights;
  JsonObject *first;

  if (!json_parser_load_from_file (parser, path, &error))
    g_error ("%s does not parse: %s", path, error->message);

  highlights = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "highlights");
  g_assert_nonnull (highlights);
  g_assert_cmpuint (json_array_get_length (highlights), >, 0);
  first = json_array_get_object_element (highlights, 0);

  return g_ascii_strtoll (json_object_get_string_member (first, "note") + strlen ("round "), NULL, 10);
}

static void
check_files (const char   *dir,
             const Bounds *bounds,
             Stats        *stats)
{
  g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (dir);

  stats->temporaries += count_temporaries (dir);

  for (guint d = 0; d < N_DOCUMENTS; d++)
    {
      g_autoptr(LecternDocument) document = make_document (d);
      g_autoptr(GError) error = NULL;
      g_autofree char *path = lectern_annotation_store_dup_path (store, lectern_document_get_id (document));
      g_autofree char *bak = g_strconcat (path, ".bak", NULL);
      gint64 round;

      if (!lectern_annotation_store_load_document (store, document, &error))
        g_error ("after kill %u: %s", stats->kills, error->message);

      round = round_of (store, document, d);
      if (round < 0)
        g_error ("after kill %u: %s holds a mixed state", stats->kills, path);
      if (round < (gint64)bounds->saved || round > (gint64)bounds->newest)
        g_error ("after kill %u: %s holds round %" G_GINT64_FORMAT ", but round %" G_GUINT64_FORMAT
                 " was saved and %" G_GUINT64_FORMAT " is the newest begun",
                 stats->kills, path, round, bounds->saved, bounds->newest);
      if (round > (gint64)bounds->saved)
        stats->ahead++;

      if (round > 0)
        g_assert_cmpint (round_in_file (path), ==, round);

      /* The backup is a whole earlier round. */
      if (g_file_test (bak, G_FILE_TEST_EXISTS))
        {
          g_assert_cmpint (round_in_file (bak), <=, round);
          stats->backups_checked++;
        }
    }

  g_assert_cmpuint (count_temporaries (dir), ==, 0);
}

/* Reads what the child said before it was killed. Once it said where
 * it starts, it may have been saving the round after its last line. */
static void
read_child (int     fd,
            Bounds *bounds,
            Stats  *stats)
{
  g_autoptr(GString) out = g_string_new (NULL);
  char buffer[4096];
  gssize n;
  const char *line;

  while ((n = read (fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0)
      g_string_append_len (out, buffer, n);

  for (line = out->str; strchr (line, '\n') != NULL; line = strchr (line, '\n') + 1)
    {
      const char *space = strchr (line, ' ');
      guint64 round = g_ascii_strtoull (space + 1, NULL, 10);

      if (g_str_has_prefix (line, "start "))
        {
          g_assert_cmpuint (round, >=, bounds->saved);
        }
      else
        {
          g_assert_true (g_str_has_prefix (line, "saved "));
          g_assert_cmpuint (round, >, bounds->saved);
          bounds->saved = round;
          stats->rounds_reported++;
        }
      bounds->newest = MAX (bounds->newest, round + 1);
    }
}

static void
test_sigkill_during_saves (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lectern_test_make_tmp_dir ();
  const char *env_kills = g_getenv ("LECTERN_CRASH_KILLS");
  guint kills = env_kills != NULL ? (guint)g_ascii_strtoull (env_kills, NULL, 10) : DEFAULT_KILLS;
  gint64 begin = g_get_monotonic_time ();
  Stats stats = { 0, };
  Bounds bounds = { 0, 0 };

  while (stats.kills < kills)
    {
      const char *argv[] = { self_path, "--child", dir, NULL };
      GPid pid;
      int out_fd;
      int status;

      g_spawn_async_with_pipes (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);

      g_usleep (g_test_rand_int_range (0, MAX_DELAY_MSEC * 1000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      stats.kills++;

      /* A child that died by itself found something wrong. */
      if (!WIFSIGNALED (status) || WTERMSIG (status) != SIGKILL)
        g_error ("the child exited by itself (status %d) before kill %u", status, stats.kills);

      read_child (out_fd, &bounds, &stats);
      close (out_fd);

      check_files (dir, &bounds, &stats);

      if (g_get_monotonic_time () - begin > TIME_LIMIT_SEC * G_USEC_PER_SEC)
        {
          g_test_message ("time limit reached after %u kills", stats.kills);
          break;
        }
    }

  g_test_message ("%u kills in %.1f s; %u saves completed; %u times a file was newer "
                  "than the last round reported saved; %u saves killed halfway (temporary "
                  "files left); %u backups checked",
                  stats.kills, (g_get_monotonic_time () - begin) / (double)G_USEC_PER_SEC,
                  stats.rounds_reported, stats.ahead, stats.temporaries, stats.backups_checked);

  /* The harness did exercise what it claims to. */
  g_assert_cmpuint (stats.kills, >=, MIN (kills, 100));
  g_assert_cmpuint (stats.rounds_reported, >, 0);

  lectern_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && strcmp (argv[1], "--child") == 0)
    return run_child (argv[2]);

  self_path = g_canonicalize_filename (argv[0], NULL);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash-save/sigkill-during-saves", test_sigkill_during_saves);

  return g_test_run ();
}
