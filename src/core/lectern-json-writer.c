/* lectern-json-writer.c: the durable, asynchronous writes of
 * lectern-json-file.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lectern-json-file.h"

/* Writing
 *
 * One worker thread takes files from a queue and writes their latest
 * save. A file is in the queue at most once, and only the worker writes
 * files, so the saves of one file are written in order; a save queued
 * while another of the same file waits replaces it. Results go back to
 * the main context the file was made in, where its done function runs.
 * Everything shared with the worker is guarded by writer.lock. */

typedef struct
{
  LecternJsonFileSerializeFunc serialize;
  gpointer                     data;
  GDestroyNotify               free_data;
} Job;

typedef struct
{
  GError *error;
} Result;

struct _LecternJsonFile
{
  gatomicrefcount          ref_count;
  char                    *path;
  gboolean                 keep_backup;
  GMainContext            *context;
  /* Main thread only. */
  LecternJsonFileDoneFunc  done;
  gpointer                 done_data;
  /* Under writer.lock. */
  Job                     *pending;
  gboolean                 queued;
  gboolean                 busy;
  gboolean                 delivering;
  /* What this process last read from the file or wrote to it: the
   * base of a merge with another writer (lectern-json-merge.c); %NULL
   * while there was no file. */
  GBytes                  *on_disk;
  /* The file as it was on disk after that, and its state then: while
   * the disk shows the same state, it is not read again. */
  GBytes                  *disk;
  struct stat              disk_stat;
  gboolean                 has_disk_stat;
  /* The largest file that is read back (0 for no limit), and the
   * top-level array of entries merged by id, if any. */
  gsize                    max_size;
  char                    *merge_member;
  GQueue                   results;
};

static struct
{
  GMutex       lock;
  GCond        cond;
  GAsyncQueue *queue;
  GThread     *thread;
  gboolean     held;
} writer;

static void
job_free (Job *job)
{
  if (job->free_data != NULL)
    job->free_data (job->data);
  g_free (job);
}

static void
result_free (Result *result)
{
  g_clear_error (&result->error);
  g_free (result);
}

LecternJsonFile *
lectern_json_file_new (const char *path,
                       gboolean    keep_backup)
{
  LecternJsonFile *file = g_new0 (LecternJsonFile, 1);

  g_atomic_ref_count_init (&file->ref_count);
  file->path = g_strdup (path);
  file->keep_backup = keep_backup;
  file->context = g_main_context_ref_thread_default ();
  g_queue_init (&file->results);

  return file;
}

LecternJsonFile *
lectern_json_file_ref (LecternJsonFile *file)
{
  g_atomic_ref_count_inc (&file->ref_count);
  return file;
}

void
lectern_json_file_unref (LecternJsonFile *file)
{
  if (!g_atomic_ref_count_dec (&file->ref_count))
    return;

  g_assert (file->pending == NULL && !file->busy);
  g_queue_clear_full (&file->results, (GDestroyNotify)result_free);
  g_clear_pointer (&file->on_disk, g_bytes_unref);
  g_clear_pointer (&file->disk, g_bytes_unref);
  g_main_context_unref (file->context);
  g_free (file->merge_member);
  g_free (file->path);
  g_free (file);
}

const char *
lectern_json_file_get_path (LecternJsonFile *file)
{
  return file->path;
}

/* @done runs on the main context after each save is written or failed. */
void
lectern_json_file_set_done_func (LecternJsonFile         *file,
                                 LecternJsonFileDoneFunc  done,
                                 gpointer                 user_data)
{
  file->done = done;
  file->done_data = user_data;
}

/**
 * lectern_json_file_set_rules:
 * @file: a file
 * @max_size: the largest file that is read back: a larger save is
 *   refused with an error, the file left as it was
 * @merge_member: (nullable): the top-level array of entries with an
 *   "id", merged with another writer's changes (lectern-json-merge.c)
 *
 * What a save must respect. Call it before the first save.
 */
void
lectern_json_file_set_rules (LecternJsonFile *file,
                             gsize            max_size,
                             const char      *merge_member)
{
  g_mutex_lock (&writer.lock);
  file->max_size = max_size;
  g_free (file->merge_member);
  file->merge_member = g_strdup (merge_member);
  g_mutex_unlock (&writer.lock);
}

static gboolean
same_state (const struct stat *a,
            const struct stat *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
         a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Under writer.lock. */
static void
remember_disk (LecternJsonFile   *file,
               GBytes            *bytes,
               const struct stat *st)
{
  g_clear_pointer (&file->disk, g_bytes_unref);
  file->disk = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  file->has_disk_stat = bytes != NULL && st != NULL;
  if (file->has_disk_stat)
    file->disk_stat = *st;
}

/* The contents of the file now (after it was read), or %NULL for none:
 * the base of the next save. Another writer may have replaced the file
 * since it was read, so the next save reads the disk again. */
void
lectern_json_file_set_on_disk (LecternJsonFile *file,
                               GBytes          *bytes)
{
  g_mutex_lock (&writer.lock);
  g_clear_pointer (&file->on_disk, g_bytes_unref);
  file->on_disk = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  remember_disk (file, NULL, NULL);
  g_mutex_unlock (&writer.lock);
}

static void
set_io_error (GError **error,
              int      saved_errno)
{
  g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
}

/* Writes @bytes to @fd and makes them durable. */
static gboolean
write_all (int      fd,
           GBytes  *bytes,
           GError **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  while (size > 0)
    {
      gssize n = write (fd, data, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_io_error (error, errno);
          return FALSE;
        }
      data += n;
      size -= n;
    }

  if (fsync (fd) != 0)
    {
      set_io_error (error, errno);
      return FALSE;
    }

  return TRUE;
}

/* Replaces @path durably: a temporary file of the one pattern of ours
 * (see lectern_json_file_remove_stale_temporaries()) beside it, with
 * @mode, fsync, rename: what g_file_set_contents_full() does with
 * %G_FILE_SET_CONTENTS_DURABLE, with our name and the file's own mode. */
static gboolean
write_durably (const char  *path,
               GBytes      *bytes,
               int          mode,
               struct stat *st,
               GError     **error)
{
  g_autofree char *directory = g_path_get_dirname (path);
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *temporary = g_strdup_printf ("%s/.%s" LECTERN_JSON_FILE_TEMPORARY "XXXXXX",
                                                directory, basename);
  int fd = g_mkstemp_full (temporary, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      set_io_error (error, errno);
      return FALSE;
    }

  /* fchmod(), not the umask, decides: a mode the reader chose is kept. */
  /* The state of the new file is taken from it, not from the name: by
   * the time of a stat() another process may have replaced it. */
  if (fchmod (fd, mode) != 0 || !write_all (fd, bytes, error) || fstat (fd, st) != 0)
    {
      if (error != NULL && *error == NULL)
        set_io_error (error, errno);
      close (fd);
      g_unlink (temporary);
      return FALSE;
    }
  if (close (fd) != 0 || g_rename (temporary, path) != 0)
    {
      set_io_error (error, errno);
      g_unlink (temporary);
      return FALSE;
    }

  return TRUE;
}

/**
 * lectern_json_file_resolve:
 * @path: a file
 *
 * A file of ours the reader replaced with a symbolic link (into a
 * synced folder, say) is written through the link: the link stays, its
 * target is replaced atomically beside itself.
 *
 * Returns: (transfer full): the file that is really written
 */
char *
lectern_json_file_resolve (const char *path)
{
  char *current = g_strdup (path);

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *link = g_file_read_link (current, NULL);
      g_autofree char *directory = NULL;

      if (link == NULL)
        break;
      directory = g_path_get_dirname (current);
      g_free (current);
      current = g_path_is_absolute (link) ? g_steal_pointer (&link)
                                          : g_build_filename (directory, link, NULL);
    }

  return current;
}

/* What is on disk at @target now, and its mode. A file unchanged since
 * we last saw it is not read again. */
static gboolean
read_disk (LecternJsonFile  *file,
           const char       *target,
           GBytes          **current,
           struct stat      *st,
           GError          **error)
{
  gboolean too_large = FALSE;

  *current = NULL;
  if (g_stat (target, st) != 0)
    {
      st->st_mode = 0600;
      return TRUE;
    }

  g_mutex_lock (&writer.lock);
  if (file->has_disk_stat && same_state (st, &file->disk_stat))
    *current = g_bytes_ref (file->disk);
  g_mutex_unlock (&writer.lock);
  if (*current != NULL)
    return TRUE;

  *current = lectern_json_file_read (target, file->max_size > 0 ? file->max_size : G_MAXSSIZE,
                                     &too_large, error);
  if (too_large)
    g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                         _("The file on disk changed and is now too large to be read"));

  return *current != NULL;
}

/* The file on disk is another writer's: merge (see
 * lectern-json-merge.c); one that is not even JSON is kept aside. */
static GBytes *
merge_with_disk (LecternJsonFile  *file,
                 const char       *target,
                 GBytes           *base,
                 GBytes          **current,
                 GBytes           *bytes)
{
  g_autoptr(JsonNode) root = lectern_json_file_parse (*current, target);
  g_autofree char *kept = NULL;
  GBytes *merged;
  int saved_errno;

  if (root == NULL)
    {
      if (lectern_json_file_keep_corrupt (target, &kept, &saved_errno))
        g_clear_pointer (current, g_bytes_unref);
      return g_bytes_ref (bytes);
    }

  if (file->merge_member == NULL ||
      (merged = lectern_json_merge (base, *current, bytes, file->merge_member)) == NULL)
    return g_bytes_ref (bytes);

  return merged;
}

static gboolean
check_size (LecternJsonFile  *file,
            GBytes           *bytes,
            GError          **error)
{
  g_autofree char *size = NULL;
  g_autofree char *limit = NULL;

  if (file->max_size == 0 || g_bytes_get_size (bytes) <= file->max_size)
    return TRUE;

  size = g_format_size (g_bytes_get_size (bytes));
  limit = g_format_size (file->max_size);
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
               _("It would be %s, larger than the %s Lectern can read back; nothing was written"),
               size, limit);
  return FALSE;
}

/* Two processes saving one file at once would each merge with what the
 * other has not written yet: the directory is locked (advisory, flock)
 * from reading the disk to the rename. -1 if it cannot be. */
static int
lock_directory (const char *directory)
{
  int fd = g_open (directory, O_RDONLY | O_CLOEXEC | O_DIRECTORY, 0);

  if (fd >= 0)
    while (flock (fd, LOCK_EX) != 0 && errno == EINTR)
      ;

  return fd;
}

static void
unlock_directory (int fd)
{
  if (fd >= 0)
    close (fd);
}

/* Keeps the file on disk as .bak first: if that fails, the file is not
 * touched, so a failed save never leaves less than before. Returns
 * what the file holds now in *@written. */
static gboolean
write_locked (LecternJsonFile  *file,
              GBytes           *base,
              GBytes           *bytes,
              GBytes          **written,
              struct stat      *st,
              GError          **error)
{
  g_autofree char *target = lectern_json_file_resolve (file->path);
  g_autoptr(GBytes) current = NULL;
  g_autoptr(GBytes) result = NULL;
  struct stat bak_st;
  int mode;

  if (!read_disk (file, target, &current, st, error))
    return FALSE;
  mode = st->st_mode & 07777;

  if (current != NULL && (base == NULL || !g_bytes_equal (current, base)))
    result = merge_with_disk (file, target, base, &current, bytes);
  else
    result = g_bytes_ref (bytes);

  *written = g_bytes_ref (result);
  /* A change undone before the save leaves nothing to write. */
  if (current != NULL && g_bytes_equal (result, current))
    return TRUE;
  if (!check_size (file, result, error))
    return FALSE;

  if (file->keep_backup && current != NULL)
    {
      g_autofree char *bak = g_strconcat (target, ".bak", NULL);

      if (!write_durably (bak, current, mode | S_IRUSR, &bak_st, error))
        return FALSE;
    }

  return write_durably (target, result, mode, st, error);
}

static gboolean
write_files (LecternJsonFile  *file,
             GBytes           *base,
             GBytes           *bytes,
             GBytes          **written,
             struct stat      *st,
             GError          **error)
{
  g_autofree char *target = lectern_json_file_resolve (file->path);
  g_autofree char *directory = g_path_get_dirname (target);
  gboolean ret;
  int lock;

  if (!check_size (file, bytes, error))
    return FALSE;

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      set_io_error (error, errno);
      return FALSE;
    }

  lock = lock_directory (directory);
  ret = write_locked (file, base, bytes, written, st, error);
  unlock_directory (lock);

  return ret;
}

static gboolean
deliver_results (LecternJsonFile *file,
                 GError         **error)
{
  GQueue results = G_QUEUE_INIT;
  Result *result;
  gboolean ret = TRUE;

  g_mutex_lock (&writer.lock);
  results = file->results;
  g_queue_init (&file->results);
  file->delivering = FALSE;
  g_mutex_unlock (&writer.lock);

  while ((result = g_queue_pop_head (&results)) != NULL)
    {
      if (file->done != NULL)
        file->done (file, result->error, file->done_data);
      if (result->error != NULL && ret)
        {
          g_propagate_error (error, g_steal_pointer (&result->error));
          ret = FALSE;
        }
      result_free (result);
    }

  return ret;
}

static gboolean
deliver_results_cb (gpointer user_data)
{
  deliver_results (user_data, NULL);
  return G_SOURCE_REMOVE;
}

/* Worker thread, under writer.lock. */
static void
finish_job (LecternJsonFile   *file,
            GBytes            *bytes,
            GBytes            *written,
            const struct stat *st,
            GError            *error)
{
  Result *result = g_new0 (Result, 1);

  result->error = error;
  if (error == NULL)
    {
      g_clear_pointer (&file->on_disk, g_bytes_unref);
      file->on_disk = g_bytes_ref (bytes);
      remember_disk (file, written, st);
    }
  file->busy = FALSE;
  g_queue_push_tail (&file->results, result);

  if (!file->delivering)
    {
      GSource *source = g_idle_source_new ();

      file->delivering = TRUE;
      g_source_set_callback (source, deliver_results_cb, lectern_json_file_ref (file),
                             (GDestroyNotify)lectern_json_file_unref);
      g_source_set_name (source, "[lectern] saved");
      g_source_attach (source, file->context);
      g_source_unref (source);
    }

  g_cond_broadcast (&writer.cond);
}

static void
write_one (LecternJsonFile *file)
{
  g_autoptr(GBytes) previous = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) written = NULL;
  struct stat st;
  GError *error = NULL;
  Job *job;

  g_mutex_lock (&writer.lock);
  while (writer.held)
    g_cond_wait (&writer.cond, &writer.lock);
  file->queued = FALSE;
  job = g_steal_pointer (&file->pending);
  file->busy = job != NULL;
  previous = file->on_disk != NULL ? g_bytes_ref (file->on_disk) : NULL;
  g_mutex_unlock (&writer.lock);

  if (job == NULL)
    return;

  bytes = job->serialize (job->data);
  job_free (job);

  write_files (file, previous, bytes, &written, &st, &error);

  g_mutex_lock (&writer.lock);
  finish_job (file, bytes, written, &st, error);
  g_mutex_unlock (&writer.lock);
}

static gpointer
writer_thread (gpointer data)
{
  for (;;)
    {
      LecternJsonFile *file = g_async_queue_pop (writer.queue);

      write_one (file);
      lectern_json_file_unref (file);
    }

  return NULL;
}

static void
ensure_writer (void)
{
  static gsize started = 0;

  if (g_once_init_enter (&started))
    {
      writer.queue = g_async_queue_new ();
      writer.thread = g_thread_new ("lectern-writer", writer_thread, NULL);
      g_once_init_leave (&started, 1);
    }
}

/**
 * lectern_json_file_save:
 * @file: a file
 * @serialize: makes the new contents from @data, on the worker thread
 * @data: (transfer full): what @serialize needs, which nobody changes
 *   any more
 * @free_data: frees @data
 *
 * Queues a save of @file. The worker keeps the current contents as .bak
 * (if @file keeps one) and replaces the file durably; a save that
 * would not change the file writes nothing.
 */
void
lectern_json_file_save (LecternJsonFile              *file,
                        LecternJsonFileSerializeFunc  serialize,
                        gpointer                      data,
                        GDestroyNotify                free_data)
{
  Job *job = g_new0 (Job, 1);
  Job *replaced;

  job->serialize = serialize;
  job->data = data;
  job->free_data = free_data;

  ensure_writer ();

  g_mutex_lock (&writer.lock);
  replaced = g_steal_pointer (&file->pending);
  file->pending = job;
  if (!file->queued)
    {
      file->queued = TRUE;
      g_async_queue_push (writer.queue, lectern_json_file_ref (file));
    }
  g_mutex_unlock (&writer.lock);

  if (replaced != NULL)
    job_free (replaced);
}

static GBytes *
bytes_serialize (gpointer data)
{
  return g_bytes_ref (data);
}

/* Queues a save of ready contents. */
void
lectern_json_file_save_bytes (LecternJsonFile *file,
                              GBytes          *bytes)
{
  lectern_json_file_save (file, bytes_serialize, g_bytes_ref (bytes), (GDestroyNotify)g_bytes_unref);
}

/* Whether a save of @file is queued or being written. */
gboolean
lectern_json_file_is_saving (LecternJsonFile *file)
{
  gboolean ret;

  g_mutex_lock (&writer.lock);
  ret = file->queued || file->busy || file->pending != NULL;
  g_mutex_unlock (&writer.lock);

  return ret;
}

/**
 * lectern_json_file_flush:
 * @file: a file
 * @error: the first error of a save finished since the last delivery
 *
 * Waits until every save of @file queued so far is on disk (or failed),
 * then runs its done function for each at once, as the main context
 * would have done later. Used on quit, and by tests.
 *
 * Returns: %TRUE if no save failed
 */
gboolean
lectern_json_file_flush (LecternJsonFile  *file,
                         GError          **error)
{
  g_mutex_lock (&writer.lock);
  while (file->queued || file->busy || file->pending != NULL)
    g_cond_wait (&writer.cond, &writer.lock);
  g_mutex_unlock (&writer.lock);

  return deliver_results (file, error);
}

/* While held, the worker takes no save up: tests use it to show that
 * the main loop goes on while a save waits for the disk. */
void
_lectern_json_file_writer_hold (gboolean hold)
{
  ensure_writer ();

  g_mutex_lock (&writer.lock);
  writer.held = hold;
  g_cond_broadcast (&writer.cond);
  g_mutex_unlock (&writer.lock);
}
