/* lectern-json-writer.c: the durable, asynchronous writes of
 * lectern-json-file.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

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
  /* What the file holds now, the .bak of the next write; %NULL while
   * there is no file. */
  GBytes                  *on_disk;
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
  g_main_context_unref (file->context);
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

/* The contents of the file now (after it was read), or %NULL for none:
 * the next save keeps them as .bak without reading the file again. */
void
lectern_json_file_set_on_disk (LecternJsonFile *file,
                               GBytes          *bytes)
{
  g_mutex_lock (&writer.lock);
  g_clear_pointer (&file->on_disk, g_bytes_unref);
  file->on_disk = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  g_mutex_unlock (&writer.lock);
}

static void
set_io_error (GError **error,
              int      saved_errno)
{
  g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
}

static gboolean
write_durably (const char  *path,
               GBytes      *bytes,
               GError     **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_file_set_contents_full (path, data, size,
                                   (G_FILE_SET_CONTENTS_CONSISTENT |
                                    G_FILE_SET_CONTENTS_DURABLE),
                                   0600, error);
}

/* Keeps the previous file as .bak first: if that fails, the file is not
 * touched, so a failed save never leaves less than before. */
static gboolean
write_files (LecternJsonFile  *file,
             GBytes           *previous,
             GBytes           *bytes,
             GError          **error)
{
  g_autofree char *directory = g_path_get_dirname (file->path);

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      set_io_error (error, errno);
      return FALSE;
    }

  if (file->keep_backup && previous != NULL)
    {
      g_autofree char *bak = g_strconcat (file->path, ".bak", NULL);

      if (!write_durably (bak, previous, error))
        return FALSE;
    }

  return write_durably (file->path, bytes, error);
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
finish_job (LecternJsonFile *file,
            GBytes          *bytes,
            GError          *error)
{
  Result *result = g_new0 (Result, 1);

  result->error = error;
  if (error == NULL)
    {
      g_clear_pointer (&file->on_disk, g_bytes_unref);
      file->on_disk = g_bytes_ref (bytes);
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

  /* A change undone before the save leaves nothing to write. */
  if (previous == NULL || !g_bytes_equal (bytes, previous))
    write_files (file, previous, bytes, &error);

  g_mutex_lock (&writer.lock);
  finish_job (file, bytes, error);
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
