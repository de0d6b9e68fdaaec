/* lectern-export-common.c: grouping and order shared by the export writers, and small helpers of several stages
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lectern-export-private.h"

/* Grouping and order, shared by both exports */

static void
group_free (gpointer data)
{
  Group *group = data;

  g_free (group->sort_key);
  g_ptr_array_unref (group->highlights);
  g_free (group);
}

/* Title and URI of a document: from the library while it is open, else
 * from the store, which remembers every document loaded into it. */
static void
describe_document (LecternExport  *self,
                   const char     *document_id,
                   const char    **uri,
                   const char    **title)
{
  LecternDocument *document = NULL;

  *uri = NULL;
  *title = NULL;

  if (self->library != NULL)
    document = lectern_library_find_by_id (self->library, document_id);

  if (document != NULL)
    {
      *uri = lectern_document_get_uri (document);
      *title = lectern_document_get_title (document);
    }
  else if (self->store != NULL)
    {
      lectern_annotation_store_lookup_document (self->store, document_id, uri, title);
    }
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *ga = *(Group * const *)a;
  const Group *gb = *(Group * const *)b;

  return strcmp (ga->sort_key, gb->sort_key);
}

static int
compare_highlights (gconstpointer a,
                    gconstpointer b)
{
  LecternHighlight *ha = *(LecternHighlight * const *)a;
  LecternHighlight *hb = *(LecternHighlight * const *)b;
  int ret = lectern_highlight_compare_range (ha, hb);

  return ret != 0 ? ret : strcmp (lectern_highlight_get_id (ha), lectern_highlight_get_id (hb));
}

/* Returns the groups in output order, each with its highlights in text
 * order. The order depends only on the highlights and document names,
 * never on the order of @highlights. */
GPtrArray *
_lectern_export_group_highlights (LecternExport *self,
                                  GPtrArray     *highlights)
{
  g_autoptr(GHashTable) by_document = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *groups = g_ptr_array_new_with_free_func (group_free);

  for (guint i = 0; i < highlights->len; i++)
    {
      LecternHighlight *highlight = g_ptr_array_index (highlights, i);
      const char *document_id = lectern_highlight_get_document_id (highlight);
      Group *group = g_hash_table_lookup (by_document, document_id);

      if (group == NULL)
        {
          g_autofree char *folded = NULL;

          group = g_new0 (Group, 1);
          group->document_id = document_id;
          group->highlights = g_ptr_array_new ();
          describe_document (self, document_id, &group->uri, &group->title);
          folded = g_utf8_casefold (group->title != NULL ? group->title : "", -1);
          /* Unknown documents last; NUL-free separators keep it one string. */
          group->sort_key = g_strdup_printf ("%c%s\x01%s\x01%s",
                                             group->uri != NULL ? '0' : '1',
                                             folded,
                                             group->uri != NULL ? group->uri : "",
                                             document_id);
          g_hash_table_insert (by_document, (gpointer)document_id, group);
          g_ptr_array_add (groups, group);
        }

      g_ptr_array_add (group->highlights, highlight);
    }

  g_ptr_array_sort (groups, compare_groups);
  for (guint i = 0; i < groups->len; i++)
    g_ptr_array_sort (((Group *)g_ptr_array_index (groups, i))->highlights, compare_highlights);

  return groups;
}

static void
pair_free (gpointer data)
{
  Pair *pair = data;

  g_free (pair->sort_key);
  g_ptr_array_unref (pair->links);
  g_free (pair);
}

/* The side of @link that is in document A of @pair. */
LecternLinkSide
_lectern_export_pair_side (const Pair         *pair,
                           LecternPassageLink *link)
{
  return strcmp (lectern_passage_link_get_document_id (link, LECTERN_LINK_SIDE_LEFT),
                 pair->document_ids[0]) == 0 ? LECTERN_LINK_SIDE_LEFT : LECTERN_LINK_SIDE_RIGHT;
}

/* The open document's name, else what the link remembers of it. */
void
_lectern_export_describe_link_document (LecternExport       *self,
                                        LecternPassageLink  *link,
                                        LecternLinkSide      side,
                                        const char         **uri,
                                        const char         **title)
{
  LecternDocument *document = NULL;

  if (self->library != NULL)
    document = lectern_library_find_by_id (self->library, lectern_passage_link_get_document_id (link, side));

  *uri = document != NULL ? lectern_document_get_uri (document)
                          : lectern_passage_link_get_document_uri (link, side);
  *title = document != NULL ? lectern_document_get_title (document)
                            : lectern_passage_link_get_document_title (link, side);
  if (*title == NULL || **title == '\0')
    *title = _("Untitled document");
}

static int
compare_links_by_creation (gconstpointer a,
                           gconstpointer b)
{
  LecternPassageLink *la = *(LecternPassageLink * const *)a;
  LecternPassageLink *lb = *(LecternPassageLink * const *)b;
  int ret = g_date_time_compare (lectern_passage_link_get_created (la),
                                 lectern_passage_link_get_created (lb));

  return ret != 0 ? ret : strcmp (lectern_passage_link_get_id (la), lectern_passage_link_get_id (lb));
}

static int
compare_links_in_pair (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const Pair *pair = user_data;
  LecternPassageLink *la = *(LecternPassageLink * const *)a;
  LecternPassageLink *lb = *(LecternPassageLink * const *)b;
  LecternLinkSide sa = _lectern_export_pair_side (pair, la);
  LecternLinkSide sb = _lectern_export_pair_side (pair, lb);
  int ret;

  if ((ret = lectern_passage_link_compare_places (la, sa, lb, sb)) != 0 ||
      (ret = lectern_passage_link_compare_places (la, other_side (sa), lb, other_side (sb))) != 0)
    return ret;

  return strcmp (lectern_passage_link_get_id (la), lectern_passage_link_get_id (lb));
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const Pair *pa = *(Pair * const *)a;
  const Pair *pb = *(Pair * const *)b;

  return strcmp (pa->sort_key, pb->sort_key);
}

static Pair *
pair_new (LecternExport      *self,
          LecternPassageLink *link)
{
  Pair *pair = g_new0 (Pair, 1);
  g_autofree char *folded_a = NULL;
  g_autofree char *folded_b = NULL;

  for (LecternLinkSide side = LECTERN_LINK_SIDE_LEFT; side <= LECTERN_LINK_SIDE_RIGHT; side++)
    {
      pair->document_ids[side] = lectern_passage_link_get_document_id (link, side);
      _lectern_export_describe_link_document (self, link, side, &pair->uris[side], &pair->titles[side]);
    }
  pair->links = g_ptr_array_new ();

  folded_a = g_utf8_casefold (pair->titles[0], -1);
  folded_b = g_utf8_casefold (pair->titles[1], -1);
  pair->sort_key = g_strdup_printf ("%s\x01%s\x01%s\x01%s", folded_a, folded_b,
                                    pair->uris[0], pair->uris[1]);

  return pair;
}

/* Returns the pairs in output order (by titles, then URIs), each with
 * its links in the order of their passages in A, then in B. The result
 * does not depend on the order of @links. */
GPtrArray *
_lectern_export_group_links (LecternExport *self,
                             GPtrArray     *links)
{
  g_autoptr(GHashTable) by_documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) by_creation = g_ptr_array_sized_new (links->len);
  GPtrArray *pairs = g_ptr_array_new_with_free_func (pair_free);

  /* Not g_ptr_array_copy(): that would take the free function too. */
  for (guint i = 0; i < links->len; i++)
    g_ptr_array_add (by_creation, g_ptr_array_index (links, i));
  g_ptr_array_sort (by_creation, compare_links_by_creation);

  for (guint i = 0; i < by_creation->len; i++)
    {
      LecternPassageLink *link = g_ptr_array_index (by_creation, i);
      const char *left = lectern_passage_link_get_document_id (link, LECTERN_LINK_SIDE_LEFT);
      const char *right = lectern_passage_link_get_document_id (link, LECTERN_LINK_SIDE_RIGHT);
      g_autofree char *key = strcmp (left, right) <= 0 ? g_strconcat (left, "\n", right, NULL)
                                                       : g_strconcat (right, "\n", left, NULL);
      Pair *pair = g_hash_table_lookup (by_documents, key);

      if (pair == NULL)
        {
          pair = pair_new (self, link);
          g_hash_table_insert (by_documents, g_steal_pointer (&key), pair);
          g_ptr_array_add (pairs, pair);
        }

      g_ptr_array_add (pair->links, link);
    }

  g_ptr_array_sort (pairs, compare_pairs);
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *pair = g_ptr_array_index (pairs, i);

      g_ptr_array_sort_with_data (pair->links, compare_links_in_pair, pair);
    }

  return pairs;
}

/* Small helpers */

/* A name-based UUID (version 5 layout, SHA-1 of @name): the same name
 * always gives the same UUID. */
char *
_lectern_export_name_uuid (const char *name)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize digest_len = sizeof digest;

  g_checksum_update (checksum, (const guchar *)"lectern:", -1);
  g_checksum_update (checksum, (const guchar *)name, -1);
  g_checksum_get_digest (checksum, digest, &digest_len);

  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

char *
_lectern_export_format_time (GDateTime *datetime)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (datetime);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void
unref_json_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  json_node_unref (task_data);
  g_task_return_boolean (task, TRUE);
}

/* json-glib frees a tree node by node, which for a large export or
 * import takes about as long as building it. The tree is not shared,
 * so, as the store does with its files, a worker thread frees it. */
void
_lectern_export_unref_json_later (JsonNode *node,
                                  guint     n_items)
{
  g_autoptr(GTask) task = NULL;

  if (n_items < 1000)
    {
      json_node_unref (node);
      return;
    }

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, _lectern_export_unref_json_later);
  g_task_set_name (task, "[lectern] free annotations JSON");
  g_task_set_task_data (task, node, NULL);
  g_task_run_in_thread (task, unref_json_thread);
}

