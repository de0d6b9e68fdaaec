/* lectern-notes-view-filters.c: what the Notes view shows: search, colours, document, tag, sort
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "lectern-note-row.h"
#include "lectern-notes-view-private.h"

static GQuark search_text_quark;

static const char *
document_title (LecternNotesView *self,
                const char       *document_id)
{
  return lectern_note_row_document_title (self->library, self->store, document_id);
}

/* The casefolded text a search looks in, cached on the highlight until it
 * changes (its modification time moves on every edit). */
typedef struct
{
  gint64  modified;
  char   *text;
} SearchText;

static void
search_text_free (gpointer data)
{
  SearchText *st = data;

  g_free (st->text);
  g_free (st);
}

static const char *
get_search_text (LecternHighlight *highlight)
{
  SearchText *st = g_object_get_qdata (G_OBJECT (highlight), search_text_quark);
  GDateTime *modified = lectern_highlight_get_modified (highlight);
  gint64 stamp = modified != NULL ? g_date_time_to_unix (modified) : 0;
  const char * const *tags;
  GString *str;

  if (st != NULL && st->modified == stamp)
    return st->text;

  str = g_string_new (lectern_highlight_get_exact (highlight));
  g_string_append_c (str, '\n');
  if (lectern_highlight_get_note (highlight) != NULL)
    g_string_append (str, lectern_highlight_get_note (highlight));
  tags = lectern_highlight_get_tags (highlight);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_string_append_c (str, '\n');
      g_string_append (str, tags[i]);
    }

  st = g_new0 (SearchText, 1);
  st->modified = stamp;
  st->text = g_utf8_casefold (str->str, (gssize)str->len);
  g_string_free (str, TRUE);
  g_object_set_qdata_full (G_OBJECT (highlight), search_text_quark, st, search_text_free);

  return st->text;
}

gboolean
_lectern_notes_view_filter_func (gpointer item,
             gpointer user_data)
{
  LecternNotesView *self = user_data;
  LecternHighlight *highlight = item;

  if ((self->colors_shown & (1u << lectern_highlight_get_color (highlight))) == 0)
    return FALSE;

  if (self->document_filter != NULL &&
      g_strcmp0 (lectern_highlight_get_document_id (highlight), self->document_filter) != 0)
    return FALSE;

  if (self->tag_filter != NULL && !lectern_highlight_has_tag (highlight, self->tag_filter))
    return FALSE;

  if (self->orphans_only && lectern_highlight_get_state (highlight) == LECTERN_HIGHLIGHT_ANCHORED)
    return FALSE;

  if (self->query != NULL && strstr (get_search_text (highlight), self->query) == NULL)
    return FALSE;

  return TRUE;
}

static const char *
title_key (LecternNotesView *self,
           const char       *document_id)
{
  char *key = g_hash_table_lookup (self->title_keys, document_id);

  if (key == NULL)
    {
      key = g_utf8_collate_key (document_title (self, document_id), -1);
      g_hash_table_insert (self->title_keys, g_strdup (document_id), key);
    }

  return key;
}

static int
compare_document_order (LecternNotesView *self,
                        LecternHighlight *a,
                        LecternHighlight *b)
{
  const char *da = lectern_highlight_get_document_id (a);
  const char *db = lectern_highlight_get_document_id (b);
  int cmp;

  if (g_strcmp0 (da, db) != 0)
    {
      cmp = strcmp (title_key (self, da), title_key (self, db));
      return cmp != 0 ? cmp : g_strcmp0 (da, db);
    }

  if (lectern_highlight_get_start (a) != lectern_highlight_get_start (b))
    return lectern_highlight_get_start (a) < lectern_highlight_get_start (b) ? -1 : 1;
  if (lectern_highlight_get_end (a) != lectern_highlight_get_end (b))
    return lectern_highlight_get_end (a) < lectern_highlight_get_end (b) ? -1 : 1;

  return g_strcmp0 (lectern_highlight_get_id (a), lectern_highlight_get_id (b));
}

int
_lectern_notes_view_sort_func (gconstpointer item_a,
           gconstpointer item_b,
           gpointer      user_data)
{
  LecternNotesView *self = user_data;
  LecternHighlight *a = (LecternHighlight *)item_a;
  LecternHighlight *b = (LecternHighlight *)item_b;
  int cmp;

  switch (self->sort)
    {
    case LECTERN_NOTES_SORT_NEWEST:
    case LECTERN_NOTES_SORT_OLDEST:
      cmp = g_date_time_compare (lectern_highlight_get_created (a), lectern_highlight_get_created (b));
      if (self->sort == LECTERN_NOTES_SORT_NEWEST)
        cmp = -cmp;
      return cmp != 0 ? cmp : compare_document_order (self, a, b);

    case LECTERN_NOTES_SORT_COLOR:
      if (lectern_highlight_get_color (a) != lectern_highlight_get_color (b))
        return lectern_highlight_get_color (a) < lectern_highlight_get_color (b) ? -1 : 1;
      return compare_document_order (self, a, b);

    case LECTERN_NOTES_SORT_DOCUMENT:
    default:
      return compare_document_order (self, a, b);
    }
}


static void
set_dropdown_strings (GtkDropDown *dropdown,
                      GPtrArray   *labels,
                      guint        selected)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (labels, i));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, selected);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_utf8_collate (*(const char * const *)a, *(const char * const *)b);
}

/* The documents and tags the highlights have, "All …" (NULL) first; tags
 * in alphabetical order. */
static void
collect_documents_and_tags (LecternNotesView *self)
{
  g_autoptr(GHashTable) seen_docs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen_tags = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  g_ptr_array_set_size (self->document_ids, 0);
  g_ptr_array_set_size (self->tags, 0);
  g_ptr_array_add (self->document_ids, NULL);
  g_ptr_array_add (self->tags, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LecternHighlight) highlight = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      const char *doc = lectern_highlight_get_document_id (highlight);
      const char * const *tags = lectern_highlight_get_tags (highlight);

      if (g_hash_table_add (seen_docs, (gpointer)doc))
        g_ptr_array_add (self->document_ids, g_strdup (doc));
      for (guint t = 0; tags != NULL && tags[t] != NULL; t++)
        if (g_hash_table_add (seen_tags, (gpointer)tags[t]))
          g_ptr_array_add (self->tags, g_strdup (tags[t]));
    }

  if (self->tags->len > 1)
    g_qsort_with_data (self->tags->pdata + 1, (int)self->tags->len - 1, sizeof (gpointer),
                       compare_strings, NULL);
}

void
_lectern_notes_view_rebuild_dropdowns (LecternNotesView *self)
{
  g_autoptr(GPtrArray) doc_labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tag_labels = g_ptr_array_new_with_free_func (g_free);
  guint doc_selected = 0;
  guint tag_selected = 0;

  if (self->store == NULL)
    return;

  collect_documents_and_tags (self);
  /* Titles may have changed (a document arrived): sort by the new ones. */
  g_hash_table_remove_all (self->title_keys);

  g_ptr_array_add (doc_labels, g_strdup (_("All Documents")));
  for (guint i = 1; i < self->document_ids->len; i++)
    {
      const char *id = g_ptr_array_index (self->document_ids, i);

      g_ptr_array_add (doc_labels, g_strdup (document_title (self, id)));
      if (g_strcmp0 (id, self->document_filter) == 0)
        doc_selected = i;
    }

  g_ptr_array_add (tag_labels, g_strdup (_("All Tags")));
  for (guint i = 1; i < self->tags->len; i++)
    {
      const char *tag = g_ptr_array_index (self->tags, i);

      g_ptr_array_add (tag_labels, g_strdup_printf ("#%s", tag));
      if (g_strcmp0 (tag, self->tag_filter) == 0)
        tag_selected = i;
    }

  /* A filter on something that is gone would hide everything unseen. */
  if (doc_selected == 0)
    g_clear_pointer (&self->document_filter, g_free);
  if (tag_selected == 0)
    g_clear_pointer (&self->tag_filter, g_free);

  self->rebuilding_dropdowns = TRUE;
  set_dropdown_strings (self->document_dropdown, doc_labels, doc_selected);
  set_dropdown_strings (self->tag_dropdown, tag_labels, tag_selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tag_dropdown), self->tags->len > 1);
  self->rebuilding_dropdowns = FALSE;
}

void
_lectern_notes_view_filters_changed (LecternNotesView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint doc = gtk_drop_down_get_selected (self->document_dropdown);
  guint tag = gtk_drop_down_get_selected (self->tag_dropdown);

  if (self->rebuilding_dropdowns)
    return;

  g_clear_pointer (&self->query, g_free);
  if (text[0] != '\0')
    self->query = g_utf8_casefold (text, -1);

  g_free (self->document_filter);
  self->document_filter = doc < self->document_ids->len
    ? g_strdup (g_ptr_array_index (self->document_ids, doc)) : NULL;
  g_free (self->tag_filter);
  self->tag_filter = tag < self->tags->len ? g_strdup (g_ptr_array_index (self->tags, tag)) : NULL;

  /* Chips choose what to show, as a reader expects of them: none chosen
   * shows every colour, and "All" says so. */
  self->colors_shown = 0;
  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    if (gtk_toggle_button_get_active (self->chips[i]))
      self->colors_shown |= 1u << i;
  gtk_toggle_button_set_active (self->chip_all, self->colors_shown == 0);
  if (self->colors_shown == 0)
    self->colors_shown = (1u << LECTERN_N_COLORS) - 1;

  _lectern_notes_view_refilter (self);
  if (self->links_filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->links_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
sort_changed_cb (LecternNotesView *self)
{
  self->sort = (LecternNotesSort)gtk_drop_down_get_selected (self->sort_dropdown);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LecternNotesView *self = LECTERN_NOTES_VIEW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  lectern_notes_view_show_all_colors (self);
  gtk_drop_down_set_selected (self->document_dropdown, 0);
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  self->orphans_only = FALSE;
  _lectern_notes_view_filters_changed (self);
}

/* Linked passages */

gboolean
_lectern_notes_view_link_filter_func (gpointer item,
                  gpointer user_data)
{
  LecternNotesView *self = user_data;
  LecternPassageLink *link = item;

  if (self->relation_filter >= 0 && (int)lectern_passage_link_get_relation (link) != self->relation_filter)
    return FALSE;

  if (self->query != NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *folded = NULL;

      for (guint side = 0; side < 2; side++)
        {
          g_string_append (text, lectern_passage_link_get_exact (link, side));
          g_string_append_c (text, '\n');
        }
      if (lectern_passage_link_get_note (link) != NULL)
        g_string_append (text, lectern_passage_link_get_note (link));
      folded = g_utf8_casefold (text->str, (gssize)text->len);
      if (strstr (folded, self->query) == NULL)
        return FALSE;
    }

  return TRUE;
}

void
_lectern_notes_view_update_links_state (LecternNotesView *self)
{
  guint total = self->links != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->links)) : 0;

  gtk_stack_set_visible_child_name (self->links_stack, total == 0 ? "empty" : "list");
}

static void
link_filters_changed_cb (LecternNotesView *self)
{
  guint selected = gtk_drop_down_get_selected (self->relation_dropdown);

  self->relation_filter = selected == 0 || selected == GTK_INVALID_LIST_POSITION ? -1 : (int)selected - 1;
  if (self->links_filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->links_filter), GTK_FILTER_CHANGE_DIFFERENT);
  _lectern_notes_view_update_links_state (self);
}

void
lectern_notes_view_set_search_text (LecternNotesView *self,
                                    const char       *text)
{
  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  _lectern_notes_view_filters_changed (self);
}

/* For tests: as a click on a colour's chip */
void
lectern_notes_view_set_color_chosen (LecternNotesView *self,
                                     LecternColor      color,
                                     gboolean          chosen)
{
  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));
  g_return_if_fail (color < LECTERN_N_COLORS);

  gtk_toggle_button_set_active (self->chips[color], chosen);
}

/* As a click on "All": no colour chosen, every colour shown */
void
lectern_notes_view_show_all_colors (LecternNotesView *self)
{
  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));

  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    gtk_toggle_button_set_active (self->chips[i], FALSE);
  gtk_toggle_button_set_active (self->chip_all, TRUE);
}

static void
all_chip_toggled_cb (LecternNotesView *self)
{
  gboolean any_chosen = FALSE;

  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    any_chosen |= gtk_toggle_button_get_active (self->chips[i]);

  /* "All" on clears the chosen colours; it goes off only by choosing one. */
  if (gtk_toggle_button_get_active (self->chip_all) && any_chosen)
    lectern_notes_view_show_all_colors (self);
  else if (!gtk_toggle_button_get_active (self->chip_all) && !any_chosen)
    gtk_toggle_button_set_active (self->chip_all, TRUE);
}

void
lectern_notes_view_set_document_filter (LecternNotesView *self,
                                        const char       *document_id)
{
  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));

  _lectern_notes_view_rebuild_dropdowns (self);
  for (guint i = 0; i < self->document_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->document_ids, i), document_id) == 0)
      gtk_drop_down_set_selected (self->document_dropdown, i);
}

void
lectern_notes_view_set_tag_filter (LecternNotesView *self,
                                   const char       *tag)
{
  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));

  _lectern_notes_view_rebuild_dropdowns (self);
  for (guint i = 0; i < self->tags->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->tags, i), tag) == 0)
      gtk_drop_down_set_selected (self->tag_dropdown, i);
}

/**
 * lectern_notes_view_show_orphans:
 * @self: a #LecternNotesView
 * @document_id: (nullable): a document, or %NULL for all
 *
 * Shows only the highlights that could not be placed in their document,
 * until the filters are cleared.
 */
void
lectern_notes_view_show_orphans (LecternNotesView *self,
                                 const char       *document_id)
{
  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));

  self->orphans_only = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  lectern_notes_view_show_all_colors (self);
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  lectern_notes_view_set_document_filter (self, document_id);
  _lectern_notes_view_filters_changed (self);
}

void
lectern_notes_view_set_sort (LecternNotesView *self,
                             LecternNotesSort  sort)
{
  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));

  gtk_drop_down_set_selected (self->sort_dropdown, sort);
}

/**
 * lectern_notes_view_set_relation_filter:
 * @self: a #LecternNotesView
 * @relation: a relation, or -1 for all
 */
void
lectern_notes_view_set_relation_filter (LecternNotesView *self,
                                        int               relation)
{
  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));

  gtk_drop_down_set_selected (self->relation_dropdown, relation < 0 ? 0 : (guint)relation + 1);
}

void
_lectern_notes_view_class_filters_init (GtkWidgetClass *widget_class)
{
  search_text_quark = g_quark_from_static_string ("lectern-notes-search-text");

  gtk_widget_class_bind_template_callback_full (widget_class, "filters_changed_cb",
                                                G_CALLBACK (_lectern_notes_view_filters_changed));
  gtk_widget_class_bind_template_callback (widget_class, sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, link_filters_changed_cb);
  gtk_widget_class_install_action (widget_class, "notes.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_bind_template_callback (widget_class, all_chip_toggled_cb);
}
