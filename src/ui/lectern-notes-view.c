/* lectern-notes-view.c: every highlight and note in one place
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lectern-notes-view.h"
#include "lectern-note-editor.h"

struct _LecternNotesView
{
  GtkWidget               parent_instance;

  /* Template widgets */
  GtkWidget              *box;
  GtkSearchEntry         *search_entry;
  GtkBox                 *color_chips;
  GtkDropDown            *document_dropdown;
  GtkDropDown            *tag_dropdown;
  GtkDropDown            *sort_dropdown;
  GtkStack               *stack;
  GtkListView            *list_view;
  GtkLabel               *count_label;
  GtkStack               *mode_stack;
  GtkDropDown            *relation_dropdown;
  GtkStack               *links_stack;
  GtkListView            *links_view;

  LecternLinkStore       *links;
  GtkFilterListModel     *links_filter_model;
  GtkCustomFilter        *links_filter;
  int                     relation_filter;

  GtkToggleButton        *chips[LECTERN_N_COLORS];

  LecternAnnotationStore *store;
  LecternLibrary         *library;
  LecternExport          *export;
  LecternColorMeanings   *meanings;
  char                   *current_document;

  /* store → filter → sort → selection → list view; nothing is copied */
  GtkFilterListModel     *filter_model;
  GtkSortListModel       *sort_model;
  GtkCustomFilter        *filter;
  GtkCustomSorter        *sorter;

  /* Filter state, read by the filter function */
  char                   *query;
  guint                   colors_shown;
  char                   *document_filter;
  char                   *tag_filter;
  gboolean                orphans_only;
  LecternNotesSort        sort;

  /* Parallel to the dropdowns' string lists: NULL first ("All …") */
  GPtrArray              *document_ids;
  GPtrArray              *tags;
  gboolean                rebuilding_dropdowns;
  guint                   refresh_source;
};

G_DEFINE_FINAL_TYPE (LecternNotesView, lectern_notes_view, GTK_TYPE_WIDGET)

enum {
  HIGHLIGHT_ACTIVATED,
  LINK_ACTIVATED,
  REATTACH_REQUESTED,
  ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GQuark search_text_quark;

static const char * const color_names[LECTERN_N_COLORS] = {
  N_("Yellow"), N_("Green"), N_("Blue"), N_("Red"), N_("Purple"),
};

static void
toast (LecternNotesView *self,
       AdwToast         *message)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, message);
}

static const char *
document_title (LecternNotesView *self,
                const char       *document_id)
{
  LecternDocument *document = NULL;
  const char *title = NULL;

  if (self->library != NULL)
    document = lectern_library_find_by_id (self->library, document_id);
  if (document != NULL)
    return lectern_document_get_title (document);

  if (self->store != NULL)
    lectern_annotation_store_lookup_document (self->store, document_id, NULL, &title);

  return title != NULL ? title : _("Unknown document");
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

static gboolean
filter_func (gpointer item,
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
      cmp = g_utf8_collate (document_title (self, da), document_title (self, db));
      return cmp != 0 ? cmp : g_strcmp0 (da, db);
    }

  if (lectern_highlight_get_start (a) != lectern_highlight_get_start (b))
    return lectern_highlight_get_start (a) < lectern_highlight_get_start (b) ? -1 : 1;
  if (lectern_highlight_get_end (a) != lectern_highlight_get_end (b))
    return lectern_highlight_get_end (a) < lectern_highlight_get_end (b) ? -1 : 1;

  return g_strcmp0 (lectern_highlight_get_id (a), lectern_highlight_get_id (b));
}

static int
sort_func (gconstpointer item_a,
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
update_state (LecternNotesView *self)
{
  guint total = self->store != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->store)) : 0;
  guint shown = self->sort_model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) : 0;
  g_autofree char *count = NULL;

  if (total == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-matches");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");

  if (self->orphans_only)
    count = g_strdup_printf (_("%u of %u highlights: those that could not be placed or need review (Clear Filters to see all)"),
                             shown, total);
  else if (shown == total)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u highlight", "%u highlights", total), total);
  else
    count = g_strdup_printf (_("%u of %u highlights"), shown, total);
  gtk_label_set_label (self->count_label, count);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), total > 0);
}

static void
refilter (LecternNotesView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

/* Dropdowns */

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

static void
rebuild_dropdowns (LecternNotesView *self)
{
  g_autoptr(GHashTable) seen_docs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen_tags = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) doc_labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tag_labels = g_ptr_array_new_with_free_func (g_free);
  guint doc_selected = 0;
  guint tag_selected = 0;
  guint n;

  if (self->store == NULL)
    return;

  g_ptr_array_set_size (self->document_ids, 0);
  g_ptr_array_set_size (self->tags, 0);
  g_ptr_array_add (self->document_ids, NULL);
  g_ptr_array_add (self->tags, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
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

static gboolean
refresh_idle_cb (gpointer user_data)
{
  LecternNotesView *self = user_data;

  self->refresh_source = 0;
  rebuild_dropdowns (self);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  refilter (self);

  return G_SOURCE_REMOVE;
}

/* Edits arrive one property at a time; refresh once they settle. */
static void
queue_refresh (LecternNotesView *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_idle_cb, self);
}

static void
filters_changed_cb (LecternNotesView *self)
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

  self->colors_shown = 0;
  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    if (gtk_toggle_button_get_active (self->chips[i]))
      self->colors_shown |= 1u << i;

  refilter (self);
  if (self->links_filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->links_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
sort_changed_cb (LecternNotesView *self)
{
  self->sort = (LecternNotesSort)gtk_drop_down_get_selected (self->sort_dropdown);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/* Dropdown items ellipsize on the button, so long titles do not widen the
 * window; the popup list shows them whole. */

static void
setup_string_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (user_data))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 6);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_string_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

static void
set_ellipsizing_factories (GtkDropDown *dropdown)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (setup_string_cb), GINT_TO_POINTER (i == 0));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_string_cb), NULL);
      if (i == 0)
        gtk_drop_down_set_factory (dropdown, factory);
      else
        gtk_drop_down_set_list_factory (dropdown, factory);
    }
}

/* Rows */

typedef struct
{
  GtkWidget        *chip;
  GtkLabel         *quote;
  GtkStack         *note_stack;
  GtkLabel         *note;
  GtkTextView      *note_editor;
  GtkWidget        *tags_box;
  GtkLabel         *meta;
  GtkWidget        *orphaned;
  GtkWidget        *reattach;
  GtkWidget        *review_box;
  GtkLabel         *review_now;
  LecternHighlight *highlight;
  gulong            notify_handler;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  if (row->highlight != NULL)
    g_clear_signal_handler (&row->notify_handler, row->highlight);
  g_clear_object (&row->highlight);
  g_free (row);
}

static gboolean
row_tooltip_cb (GtkWidget  *widget,
                int         x,
                int         y,
                gboolean    keyboard,
                GtkTooltip *tooltip,
                gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "lectern-tooltip");

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* gtk_widget_set_tooltip_text() asks where the pointer is each time (a
 * round trip to the X server); rows are made and bound by the dozen at
 * every filter change, so their tooltips are given when asked for. */
static void
set_row_tooltip (GtkWidget  *widget,
                 const char *text)
{
  if (g_object_get_data (G_OBJECT (widget), "lectern-tooltip") == NULL)
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (row_tooltip_cb), NULL);
      gtk_widget_set_has_tooltip (widget, TRUE);
    }
  g_object_set_data_full (G_OBJECT (widget), "lectern-tooltip", g_strdup (text), g_free);
}

static void
row_update (Row *row)
{
  LecternHighlight *highlight = row->highlight;
  LecternNotesView *self;
  const char * const *tags;
  const char *note;
  GtkWidget *child;
  g_autofree char *date = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *chip_class = NULL;

  if (highlight == NULL)
    return;

  self = g_object_get_data (G_OBJECT (row->chip), "lectern-notes-view");

  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      g_autofree char *name = g_strdup_printf ("lectern-color-%s", lectern_color_to_string (i));
      gtk_widget_remove_css_class (row->chip, name);
    }
  chip_class = g_strdup_printf ("lectern-color-%s", lectern_color_to_string (lectern_highlight_get_color (highlight)));
  gtk_widget_add_css_class (row->chip, chip_class);
  if (self->meanings != NULL)
    {
      g_autofree char *tip = g_strdup_printf ("%s (%s)",
                                              lectern_color_meanings_get (self->meanings, lectern_highlight_get_color (highlight)),
                                              _(color_names[lectern_highlight_get_color (highlight)]));
      set_row_tooltip (row->chip, tip);
    }
  else
    set_row_tooltip (row->chip, _(color_names[lectern_highlight_get_color (highlight)]));

  gtk_label_set_label (row->quote, lectern_highlight_get_exact (highlight));

  note = lectern_highlight_get_note (highlight);
  gtk_label_set_label (row->note, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (row->note), note != NULL && note[0] != '\0');

  while ((child = gtk_widget_get_first_child (row->tags_box)) != NULL)
    gtk_box_remove (GTK_BOX (row->tags_box), child);
  tags = lectern_highlight_get_tags (highlight);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *text = g_strdup_printf ("#%s", tags[i]);
      GtkWidget *pill = gtk_label_new (text);

      gtk_widget_add_css_class (pill, "lectern-tag");
      gtk_box_append (GTK_BOX (row->tags_box), pill);
    }
  gtk_widget_set_visible (row->tags_box, tags != NULL && tags[0] != NULL);

  date = g_date_time_format (lectern_highlight_get_created (highlight), "%x");
  meta = g_strdup_printf ("%s · %s", document_title (self, lectern_highlight_get_document_id (highlight)), date);
  gtk_label_set_label (row->meta, meta);

  gtk_widget_set_visible (row->orphaned,
                          lectern_highlight_get_state (highlight) == LECTERN_HIGHLIGHT_ORPHANED);
  gtk_widget_set_visible (row->reattach,
                          lectern_highlight_get_state (highlight) != LECTERN_HIGHLIGHT_ANCHORED);
  gtk_widget_set_visible (row->review_box,
                          lectern_highlight_get_state (highlight) == LECTERN_HIGHLIGHT_NEEDS_REVIEW);
  if (lectern_highlight_get_state (highlight) == LECTERN_HIGHLIGHT_NEEDS_REVIEW)
    {
      LecternDocument *document = self->library != NULL
        ? lectern_library_find_by_id (self->library, lectern_highlight_get_document_id (highlight)) : NULL;
      g_autofree char *now = document != NULL
        ? lectern_document_dup_slice (document, lectern_highlight_get_start (highlight), lectern_highlight_get_end (highlight))
        : NULL;
      g_autofree char *text = g_strdup_printf (_("Now on: %s"), now != NULL ? now : _("(the document is not open)"));

      gtk_label_set_label (row->review_now, text);
    }
}

static void
save_note_clicked_cb (GtkButton *button,
                      Row       *row)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (row->note_editor);
  g_autofree char *text = NULL;
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (row->highlight != NULL && g_strcmp0 (text, lectern_highlight_get_note (row->highlight) ?: "") != 0)
    lectern_highlight_set_note (row->highlight, text[0] != '\0' ? text : NULL);
  gtk_stack_set_visible_child_name (row->note_stack, "view");
}

static void
cancel_note_clicked_cb (GtkButton *button,
                        Row       *row)
{
  gtk_stack_set_visible_child_name (row->note_stack, "view");
}

/* The editor of a row's note is built when the note is first edited:
 * most rows never are, and the list makes a row for each visible item. */
static void
ensure_note_editor (Row *row)
{
  GtkWidget *box;
  GtkWidget *actions;
  GtkWidget *button;

  if (row->note_editor != NULL)
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), lectern_note_editor_new (&row->note_editor, 72, 200));
  actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (actions, GTK_ALIGN_END);
  button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect (button, "clicked", G_CALLBACK (cancel_note_clicked_cb), row);
  gtk_box_append (GTK_BOX (actions), button);
  button = gtk_button_new_with_mnemonic (_("_Save Note"));
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect (button, "clicked", G_CALLBACK (save_note_clicked_cb), row);
  gtk_box_append (GTK_BOX (actions), button);
  gtk_box_append (GTK_BOX (box), actions);
  gtk_stack_add_named (row->note_stack, box, "edit");
}

static void
edit_note_clicked_cb (GtkButton *button,
                      Row       *row)
{
  const char *note = row->highlight != NULL ? lectern_highlight_get_note (row->highlight) : NULL;

  ensure_note_editor (row);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (row->note_editor), note ? note : "", -1);
  gtk_stack_set_visible_child_name (row->note_stack, "edit");
  gtk_widget_grab_focus (GTK_WIDGET (row->note_editor));
}

/**
 * lectern_notes_view_accept_review:
 * @self: a #LecternNotesView
 * @highlight: a highlight that needs review
 *
 * The reader agrees the highlight belongs on the text it was moved to: the
 * highlight takes that text as its quote and is anchored again.
 *
 * Returns: %TRUE if the highlight's document is open and it was accepted
 */
gboolean
lectern_notes_view_accept_review (LecternNotesView *self,
                                  LecternHighlight *highlight)
{
  LecternDocument *document;
  g_autofree char *exact = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  guint start;
  guint end;
  guint length;

  g_return_val_if_fail (LECTERN_IS_NOTES_VIEW (self), FALSE);

  document = lectern_library_find_by_id (self->library, lectern_highlight_get_document_id (highlight));
  if (document == NULL)
    {
      toast (self, adw_toast_new (_("Open the highlight’s document to review it")));
      return FALSE;
    }

  start = lectern_highlight_get_start (highlight);
  end = lectern_highlight_get_end (highlight);
  length = lectern_document_get_length (document);
  exact = lectern_document_dup_slice (document, start, end);
  prefix = lectern_document_dup_slice (document, start > 32 ? start - 32 : 0, start);
  suffix = lectern_document_dup_slice (document, end, MIN (length, end + 32));
  lectern_highlight_reattach (highlight, start, end, exact, prefix, suffix);

  return TRUE;
}

static void
accept_clicked_cb (GtkButton *button,
                   Row       *row)
{
  LecternNotesView *self = g_object_get_data (G_OBJECT (row->chip), "lectern-notes-view");

  if (row->highlight != NULL)
    lectern_notes_view_accept_review (self, row->highlight);
}

static void
mark_orphaned_clicked_cb (GtkButton *button,
                          Row       *row)
{
  if (row->highlight != NULL)
    lectern_highlight_set_state (row->highlight, LECTERN_HIGHLIGHT_ORPHANED);
}

static void
reattach_clicked_cb (GtkButton *button,
                     Row       *row)
{
  LecternNotesView *self = g_object_get_data (G_OBJECT (row->chip), "lectern-notes-view");

  if (row->highlight != NULL)
    g_signal_emit (self, signals[REATTACH_REQUESTED], 0, row->highlight);
}

static void
delete_clicked_cb (GtkButton *button,
                   Row       *row)
{
  LecternNotesView *self = g_object_get_data (G_OBJECT (row->chip), "lectern-notes-view");

  if (row->highlight != NULL)
    lectern_notes_view_delete (self, row->highlight);
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  set_row_tooltip (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  return button;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              LecternNotesView         *self)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *box;
  GtkWidget *text;
  GtkWidget *note_view_box;
  GtkWidget *buttons;
  GtkWidget *button;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "lectern-note-row");

  row->chip = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (row->chip, "lectern-chip");
  g_object_set_data (G_OBJECT (row->chip), "lectern-notes-view", self);
  gtk_box_append (GTK_BOX (box), row->chip);

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);

  row->orphaned = gtk_label_new (_("Could not be placed in the document"));
  gtk_label_set_xalign (GTK_LABEL (row->orphaned), 0);
  gtk_widget_add_css_class (row->orphaned, "caption");
  gtk_widget_add_css_class (row->orphaned, "warning");
  gtk_box_append (GTK_BOX (text), row->orphaned);

  /* Needs review: the reader's words, the text it now sits on, choices. */
  row->review_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (row->review_box, "lectern-review");
  {
    GtkWidget *title = gtk_label_new (_("Moved to similar text after the document changed. Is this still the passage?"));
    GtkWidget *choices = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *accept = gtk_button_new_with_mnemonic (_("_Accept"));
    GtkWidget *orphan = gtk_button_new_with_mnemonic (_("Mark _Orphaned"));

    gtk_label_set_xalign (GTK_LABEL (title), 0);
    gtk_label_set_wrap (GTK_LABEL (title), TRUE);
    gtk_widget_add_css_class (title, "caption");
    gtk_widget_add_css_class (title, "warning");
    gtk_box_append (GTK_BOX (row->review_box), title);

    row->review_now = GTK_LABEL (gtk_label_new (NULL));
    gtk_label_set_xalign (row->review_now, 0);
    gtk_label_set_wrap (row->review_now, TRUE);
    gtk_label_set_lines (row->review_now, 3);
    gtk_label_set_ellipsize (row->review_now, PANGO_ELLIPSIZE_END);
    gtk_widget_add_css_class (GTK_WIDGET (row->review_now), "lectern-quote");
    gtk_box_append (GTK_BOX (row->review_box), GTK_WIDGET (row->review_now));

    gtk_widget_add_css_class (accept, "suggested-action");
    set_row_tooltip (accept, _("Keep the highlight on the text it now sits on"));
    g_signal_connect (accept, "clicked", G_CALLBACK (accept_clicked_cb), row);
    gtk_box_append (GTK_BOX (choices), accept);
    set_row_tooltip (orphan, _("The passage is gone: keep the highlight and its note aside"));
    g_signal_connect (orphan, "clicked", G_CALLBACK (mark_orphaned_clicked_cb), row);
    gtk_box_append (GTK_BOX (choices), orphan);
    gtk_box_append (GTK_BOX (row->review_box), choices);
  }
  gtk_box_append (GTK_BOX (text), row->review_box);

  row->quote = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->quote, 0);
  gtk_label_set_wrap (row->quote, TRUE);
  gtk_label_set_wrap_mode (row->quote, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (row->quote, 3);
  gtk_label_set_ellipsize (row->quote, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (row->quote), "lectern-quote");
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (row->quote));

  row->note_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_hhomogeneous (row->note_stack, FALSE);
  gtk_stack_set_vhomogeneous (row->note_stack, FALSE);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (row->note_stack));

  note_view_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  row->note = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->note, 0);
  gtk_label_set_wrap (row->note, TRUE);
  gtk_label_set_wrap_mode (row->note, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (row->note, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (row->note), "lectern-note");
  gtk_box_append (GTK_BOX (note_view_box), GTK_WIDGET (row->note));
  gtk_stack_add_named (row->note_stack, note_view_box, "view");


  row->tags_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_box_append (GTK_BOX (text), row->tags_box);

  row->meta = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->meta, 0);
  gtk_label_set_ellipsize (row->meta, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (row->meta), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (row->meta), "caption");
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (row->meta));

  buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  row->reattach = icon_button ("edit-select-symbolic", _("Re-attach to the Selection in the Read View"));
  g_signal_connect (row->reattach, "clicked", G_CALLBACK (reattach_clicked_cb), row);
  gtk_box_append (GTK_BOX (buttons), row->reattach);
  button = icon_button ("document-edit-symbolic", _("Edit Note"));
  g_signal_connect (button, "clicked", G_CALLBACK (edit_note_clicked_cb), row);
  gtk_box_append (GTK_BOX (buttons), button);
  button = icon_button ("user-trash-symbolic", _("Delete Highlight"));
  g_signal_connect (button, "clicked", G_CALLBACK (delete_clicked_cb), row);
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (GTK_BOX (box), buttons);

  g_object_set_data_full (G_OBJECT (item), "lectern-row", row, row_free);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             LecternNotesView         *self)
{
  Row *row = g_object_get_data (G_OBJECT (item), "lectern-row");
  LecternHighlight *highlight = gtk_list_item_get_item (item);

  row->highlight = g_object_ref (highlight);
  row->notify_handler = g_signal_connect_swapped (highlight, "notify", G_CALLBACK (row_update), row);
  gtk_stack_set_visible_child_name (row->note_stack, "view");
  row_update (row);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               LecternNotesView         *self)
{
  Row *row = g_object_get_data (G_OBJECT (item), "lectern-row");

  if (row->highlight != NULL)
    g_clear_signal_handler (&row->notify_handler, row->highlight);
  g_clear_object (&row->highlight);
}

static void
list_activate_cb (LecternNotesView *self,
                  guint             position)
{
  lectern_notes_view_activate_position (self, position);
}

/* Delete with undo */

typedef struct
{
  LecternAnnotationStore *store;
  LecternHighlight       *highlight;
} UndoData;

static void
undo_data_free (gpointer data)
{
  UndoData *undo = data;

  g_clear_object (&undo->store);
  g_clear_object (&undo->highlight);
  g_free (undo);
}

static void
undo_delete_cb (AdwToast *message,
                UndoData *undo)
{
  g_autoptr(GError) error = NULL;

  if (lectern_annotation_store_find (undo->store, lectern_highlight_get_id (undo->highlight)) == NULL &&
      !lectern_annotation_store_add (undo->store, undo->highlight, &error))
    g_warning ("Could not restore the highlight: %s", error->message);
}

/**
 * lectern_notes_view_delete:
 * @self: a #LecternNotesView
 * @highlight: a highlight
 *
 * Deletes @highlight, offering to undo it in a toast.
 */
void
lectern_notes_view_delete (LecternNotesView *self,
                           LecternHighlight *highlight)
{
  g_autoptr(GError) error = NULL;
  UndoData *undo;
  AdwToast *message;

  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));
  g_return_if_fail (LECTERN_IS_HIGHLIGHT (highlight));

  undo = g_new0 (UndoData, 1);
  undo->store = g_object_ref (self->store);
  undo->highlight = g_object_ref (highlight);

  if (!lectern_annotation_store_remove (self->store, highlight, &error))
    {
      undo_data_free (undo);
      toast (self, adw_toast_new (error->message));
      return;
    }

  message = adw_toast_new (_("Highlight deleted"));
  adw_toast_set_button_label (message, _("_Undo"));
  adw_toast_set_priority (message, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (message, "button-clicked", G_CALLBACK (undo_delete_cb),
                         undo, (GClosureNotify)(void (*) (void))undo_data_free, 0);
  toast (self, message);
}

/* Export and import */

static GPtrArray *
collect_scope (LecternNotesView *self,
               const char       *scope)
{
  GListModel *model = g_str_equal (scope, "shown")
    ? G_LIST_MODEL (self->sort_model) : G_LIST_MODEL (self->store);
  GPtrArray *highlights = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LecternHighlight) highlight = g_list_model_get_item (model, i);

      if (g_str_equal (scope, "document") &&
          g_strcmp0 (lectern_highlight_get_document_id (highlight), self->current_document) != 0)
        continue;
      g_ptr_array_add (highlights, g_steal_pointer (&highlight));
    }

  return highlights;
}

/**
 * lectern_notes_view_export_to_file:
 * @self: a #LecternNotesView
 * @file: where to write
 * @scope: "all", "shown" (the filtered list) or "document" (the current one)
 * @json_ld: %TRUE for W3C Web Annotation JSON-LD, %FALSE for Markdown
 * @error: a location for a #GError
 *
 * Returns: %TRUE if the file was written
 */
gboolean
lectern_notes_view_export_to_file (LecternNotesView  *self,
                                   GFile             *file,
                                   const char        *scope,
                                   gboolean           json_ld,
                                   GError           **error)
{
  LecternExportFormat format = json_ld ? LECTERN_EXPORT_FORMAT_JSON_LD : LECTERN_EXPORT_FORMAT_MARKDOWN;
  g_autoptr(GPtrArray) highlights = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (LECTERN_IS_NOTES_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (g_str_equal (scope, "all"))
    text = lectern_export_write (self->export, format, NULL, NULL);
  else
    {
      g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_object_unref);

      highlights = collect_scope (self, scope);

      /* With the highlights shown go the links shown; with one document,
       * the links that touch it. */
      if (self->links != NULL)
        {
          GListModel *model = g_str_equal (scope, "shown")
            ? G_LIST_MODEL (self->links_filter_model) : G_LIST_MODEL (self->links);

          for (guint i = 0; i < g_list_model_get_n_items (model); i++)
            {
              g_autoptr(LecternPassageLink) link = g_list_model_get_item (model, i);

              if (g_str_equal (scope, "document") &&
                  (self->current_document == NULL || !lectern_passage_link_has_document (link, self->current_document)))
                continue;
              g_ptr_array_add (links, g_steal_pointer (&link));
            }
        }

      text = lectern_export_write (self->export, format, highlights, links);
    }

  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

static void
export_response_cb (LecternNotesView     *self,
                    int                   response,
                    GtkFileChooserNative *native)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      const char *format = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (native), "format");
      const char *scope = g_object_get_data (G_OBJECT (native), "lectern-scope");
      g_autoptr(GError) error = NULL;

      if (!lectern_notes_view_export_to_file (self, file, scope,
                                              g_strcmp0 (format, "json-ld") == 0, &error))
        {
          g_autofree char *message = g_strdup_printf (_("Could not export: %s"), error->message);
          toast (self, adw_toast_new (message));
        }
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_("Exported to “%s”"), name);
          toast (self, adw_toast_new (message));
        }
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_object_unref (native);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LecternNotesView *self = LECTERN_NOTES_VIEW (widget);
  const char *scope = g_variant_get_string (parameter, NULL);
  GtkFileChooserNative *native;
  GtkRoot *root = gtk_widget_get_root (widget);
  static const char *format_ids[] = { "markdown", "json-ld", NULL };
  const char *format_labels[] = { _("Markdown"), _("Web Annotations (JSON-LD)"), NULL };

  if (!g_str_equal (scope, "all") && !g_str_equal (scope, "shown") && !g_str_equal (scope, "document"))
    return;

  native = gtk_file_chooser_native_new (_("Export Highlights"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), "format", _("Format"),
                               format_ids, format_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (native), "format", "markdown");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("Highlights.md"));
  g_object_set_data_full (G_OBJECT (native), "lectern-scope", g_strdup (scope), g_free);
  g_signal_connect_object (native, "response", G_CALLBACK (export_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/**
 * lectern_notes_view_import_file:
 * @self: a #LecternNotesView
 * @file: a W3C Web Annotation JSON-LD file
 * @error: a location for a #GError
 *
 * Imports the annotations of @file onto open documents and says in a toast
 * how many were added and how many could not be placed.
 *
 * Returns: %TRUE if the file could be read
 */
gboolean
lectern_notes_view_import_file (LecternNotesView  *self,
                                GFile             *file,
                                GError           **error)
{
  g_autoptr(LecternImportResult) result = NULL;
  g_autoptr(GString) message = g_string_new (NULL);

  g_return_val_if_fail (LECTERN_IS_NOTES_VIEW (self), FALSE);

  result = lectern_export_import (self->export, file, NULL, NULL, error);
  if (result == NULL)
    return FALSE;

  g_string_append_printf (message,
                          g_dngettext (GETTEXT_PACKAGE, "%u highlight imported", "%u highlights imported",
                                       result->imported),
                          result->imported);
  if (result->duplicates > 0)
    g_string_append_printf (message, _(", %u already there"), result->duplicates);
  if (result->unmatched > 0)
    g_string_append_printf (message, _(", %u not found in the text"), result->unmatched);
  if (result->skipped > 0)
    g_string_append_printf (message, _(", %u for documents that are not open"), result->skipped);
  if (result->invalid > 0)
    g_string_append_printf (message, _(", %u invalid"), result->invalid);

  toast (self, adw_toast_new (message->str));
  return TRUE;
}

static void
import_response_cb (LecternNotesView     *self,
                    int                   response,
                    GtkFileChooserNative *native)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autoptr(GError) error = NULL;

      if (!lectern_notes_view_import_file (self, file, &error))
        {
          g_autofree char *message = g_strdup_printf (_("Could not import: %s"), error->message);
          toast (self, adw_toast_new (message));
        }
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_object_unref (native);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LecternNotesView *self = LECTERN_NOTES_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Import Web Annotations"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (filter, _("Web Annotations (JSON-LD)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_mime_type (filter, "application/ld+json");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_suffix (filter, "jsonld");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect_object (native, "response", G_CALLBACK (import_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LecternNotesView *self = LECTERN_NOTES_VIEW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    gtk_toggle_button_set_active (self->chips[i], TRUE);
  gtk_drop_down_set_selected (self->document_dropdown, 0);
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  self->orphans_only = FALSE;
  filters_changed_cb (self);
}

/* Linked passages */

static gboolean
link_filter_func (gpointer item,
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

static void
update_links_state (LecternNotesView *self)
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
  update_links_state (self);
}

static void
mode_changed_cb (LecternNotesView *self)
{
  gboolean links = g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "links") == 0;

  g_object_set (self->search_entry, "placeholder-text",
                links ? _("Search linked passages and their notes") : _("Search quotes, notes and tags"),
                NULL);
}

typedef struct
{
  GtkLabel           *relation;
  GtkLabel           *quotes[2];
  GtkLabel           *note;
  GtkLabel           *meta;
  LecternPassageLink *link;
  LecternNotesView   *view;
  gulong              notify_handler;
} LinkRow;

static void
link_row_free (gpointer data)
{
  LinkRow *row = data;

  if (row->link != NULL)
    g_clear_signal_handler (&row->notify_handler, row->link);
  g_clear_object (&row->link);
  g_free (row);
}

static void
link_row_update (LinkRow *row)
{
  LecternPassageLink *link = row->link;
  const char *note;
  g_autofree char *meta = NULL;
  g_autofree char *date = NULL;
  g_autofree char *relation_class = NULL;

  if (link == NULL)
    return;

  for (guint i = 0; i < LECTERN_N_RELATIONS; i++)
    {
      g_autofree char *name = g_strdup_printf ("lectern-relation-%s", lectern_relation_to_string (i));
      gtk_widget_remove_css_class (GTK_WIDGET (row->relation), name);
    }
  relation_class = g_strdup_printf ("lectern-relation-%s",
                                    lectern_relation_to_string (lectern_passage_link_get_relation (link)));
  gtk_widget_add_css_class (GTK_WIDGET (row->relation), relation_class);
  gtk_label_set_label (row->relation, lectern_relation_get_label (lectern_passage_link_get_relation (link)));

  for (guint side = 0; side < 2; side++)
    {
      const char *exact = lectern_passage_link_get_exact (link, side);

      if (lectern_passage_link_get_state (link, side) == LECTERN_HIGHLIGHT_ORPHANED)
        {
          g_autofree char *marked = g_strdup_printf (_("(no longer in the document) %s"), exact);
          gtk_label_set_label (row->quotes[side], marked);
        }
      else
        gtk_label_set_label (row->quotes[side], exact);
    }

  note = lectern_passage_link_get_note (link);
  gtk_label_set_label (row->note, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (row->note), note != NULL && note[0] != '\0');

  date = g_date_time_format (lectern_passage_link_get_created (link), "%x");
  /* Translators: left document title ↔ right document title · date */
  meta = g_strdup_printf (_("%s ↔ %s · %s"),
                          lectern_passage_link_get_document_title (link, LECTERN_LINK_SIDE_LEFT),
                          lectern_passage_link_get_document_title (link, LECTERN_LINK_SIDE_RIGHT),
                          date);
  gtk_label_set_label (row->meta, meta);
}

typedef struct
{
  LecternLinkStore   *links;
  LecternPassageLink *link;
} LinkUndo;

static void
link_undo_free (gpointer data)
{
  LinkUndo *undo = data;

  g_clear_object (&undo->links);
  g_clear_object (&undo->link);
  g_free (undo);
}

static void
undo_link_delete_cb (AdwToast *message,
                     LinkUndo *undo)
{
  g_autoptr(GError) error = NULL;

  if (lectern_link_store_find (undo->links, lectern_passage_link_get_id (undo->link)) == NULL &&
      !lectern_link_store_add (undo->links, undo->link, &error))
    g_warning ("Could not restore the link: %s", error->message);
}

/**
 * lectern_notes_view_delete_link:
 * @self: a #LecternNotesView
 * @link: a passage link
 *
 * Deletes @link, offering to undo it in a toast.
 */
void
lectern_notes_view_delete_link (LecternNotesView   *self,
                                LecternPassageLink *link)
{
  g_autoptr(GError) error = NULL;
  LinkUndo *undo;
  AdwToast *message;

  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));

  undo = g_new0 (LinkUndo, 1);
  undo->links = g_object_ref (self->links);
  undo->link = g_object_ref (link);

  if (!lectern_link_store_remove (self->links, link, &error))
    {
      link_undo_free (undo);
      toast (self, adw_toast_new (error->message));
      return;
    }

  message = adw_toast_new (_("Link deleted"));
  adw_toast_set_button_label (message, _("_Undo"));
  adw_toast_set_priority (message, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (message, "button-clicked", G_CALLBACK (undo_link_delete_cb),
                         undo, (GClosureNotify)(void (*) (void))link_undo_free, 0);
  toast (self, message);
}

static void
link_delete_clicked_cb (GtkButton *button,
                        LinkRow   *row)
{
  if (row->link != NULL)
    lectern_notes_view_delete_link (row->view, row->link);
}

static GtkLabel *
quote_label (void)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (label, 0);
  gtk_label_set_yalign (label, 0);
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (label, 4);
  gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (label, 12);
  gtk_label_set_max_width_chars (label, 40);
  gtk_widget_set_hexpand (GTK_WIDGET (label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (label), "lectern-quote");
  return label;
}

static void
setup_link_row_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   LecternNotesView         *self)
{
  LinkRow *row = g_new0 (LinkRow, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *pair = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *arrow;
  GtkWidget *button;

  row->view = self;
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);

  row->relation = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_halign (GTK_WIDGET (row->relation), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (row->relation), "lectern-relation");
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (row->relation));

  row->quotes[0] = quote_label ();
  row->quotes[1] = quote_label ();
  arrow = gtk_label_new ("↔");
  gtk_widget_add_css_class (arrow, "dim-label");
  gtk_box_append (GTK_BOX (pair), GTK_WIDGET (row->quotes[0]));
  gtk_box_append (GTK_BOX (pair), arrow);
  gtk_box_append (GTK_BOX (pair), GTK_WIDGET (row->quotes[1]));
  gtk_box_set_homogeneous (GTK_BOX (pair), FALSE);
  gtk_box_append (GTK_BOX (text), pair);

  row->note = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->note, 0);
  gtk_label_set_wrap (row->note, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row->note), "lectern-note");
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (row->note));

  row->meta = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->meta, 0);
  gtk_label_set_ellipsize (row->meta, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (row->meta), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (row->meta), "caption");
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (row->meta));

  button = icon_button ("user-trash-symbolic", _("Delete Link"));
  g_signal_connect (button, "clicked", G_CALLBACK (link_delete_clicked_cb), row);
  gtk_box_append (GTK_BOX (box), button);

  g_object_set_data_full (G_OBJECT (item), "lectern-link-row", row, link_row_free);
  gtk_list_item_set_child (item, box);
}

static void
bind_link_row_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  LecternNotesView         *self)
{
  LinkRow *row = g_object_get_data (G_OBJECT (item), "lectern-link-row");

  row->link = g_object_ref (gtk_list_item_get_item (item));
  row->notify_handler = g_signal_connect_swapped (row->link, "notify", G_CALLBACK (link_row_update), row);
  link_row_update (row);
}

static void
unbind_link_row_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    LecternNotesView         *self)
{
  LinkRow *row = g_object_get_data (G_OBJECT (item), "lectern-link-row");

  if (row->link != NULL)
    g_clear_signal_handler (&row->notify_handler, row->link);
  g_clear_object (&row->link);
}

static void
links_activate_cb (LecternNotesView *self,
                   guint             position)
{
  g_autoptr(LecternPassageLink) link = g_list_model_get_item (G_LIST_MODEL (self->links_filter_model), position);

  if (link != NULL)
    g_signal_emit (self, signals[LINK_ACTIVATED], 0, link);
}

/**
 * lectern_notes_view_set_link_store:
 * @self: a #LecternNotesView
 * @links: the reader's passage links
 *
 * Lists @links on the Linked Passages page; exports carry them.
 */
void
lectern_notes_view_set_link_store (LecternNotesView *self,
                                   LecternLinkStore *links)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkListItemFactory *factory;

  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));
  g_return_if_fail (self->links == NULL);

  self->links = g_object_ref (links);
  if (self->export != NULL)
    lectern_export_set_link_store (self->export, links);

  self->links_filter = gtk_custom_filter_new (link_filter_func, self, NULL);
  self->links_filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (links)),
                                                        GTK_FILTER (g_object_ref (self->links_filter)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->links_filter_model)));
  gtk_list_view_set_model (self->links_view, GTK_SELECTION_MODEL (selection));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_link_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_link_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_link_row_cb), self);
  gtk_list_view_set_factory (self->links_view, factory);
  g_object_unref (factory);

  g_signal_connect_object (links, "items-changed", G_CALLBACK (update_links_state), self, G_CONNECT_SWAPPED);
  update_links_state (self);
}

/**
 * lectern_notes_view_get_links_model:
 * @self: a #LecternNotesView
 *
 * Returns: (transfer none) (nullable): the passage links shown, filtered
 */
GListModel *
lectern_notes_view_get_links_model (LecternNotesView *self)
{
  g_return_val_if_fail (LECTERN_IS_NOTES_VIEW (self), NULL);

  return G_LIST_MODEL (self->links_filter_model);
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

/* GObject */

static void
lectern_notes_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  gtk_widget_measure (LECTERN_NOTES_VIEW (widget)->box, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
lectern_notes_view_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  gtk_widget_allocate (LECTERN_NOTES_VIEW (widget)->box, width, height, baseline, NULL);
}

static void
lectern_notes_view_dispose (GObject *object)
{
  LecternNotesView *self = LECTERN_NOTES_VIEW (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_NOTES_VIEW);

  g_clear_object (&self->sort_model);
  g_clear_object (&self->links_filter_model);
  g_clear_object (&self->links_filter);
  g_clear_object (&self->links);
  g_clear_object (&self->export);
  if (self->meanings != NULL)
    g_signal_handlers_disconnect_by_data (self->meanings, self);
  g_clear_object (&self->meanings);
  g_clear_object (&self->store);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (lectern_notes_view_parent_class)->dispose (object);
}

static void
lectern_notes_view_finalize (GObject *object)
{
  LecternNotesView *self = LECTERN_NOTES_VIEW (object);

  g_clear_pointer (&self->document_ids, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_free (self->query);
  g_free (self->document_filter);
  g_free (self->tag_filter);
  g_free (self->current_document);

  G_OBJECT_CLASS (lectern_notes_view_parent_class)->finalize (object);
}

static void
lectern_notes_view_class_init (LecternNotesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lectern_notes_view_dispose;
  object_class->finalize = lectern_notes_view_finalize;

  widget_class->measure = lectern_notes_view_measure;
  widget_class->size_allocate = lectern_notes_view_size_allocate;

  /**
   * LecternNotesView::highlight-activated:
   * @self: a #LecternNotesView
   * @highlight: the highlight the reader wants to see in its document
   */
  signals[HIGHLIGHT_ACTIVATED] =
    g_signal_new ("highlight-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LECTERN_TYPE_HIGHLIGHT);

  /**
   * LecternNotesView::link-activated:
   * @self: a #LecternNotesView
   * @link: the passage link the reader wants to see in Compare
   */
  signals[LINK_ACTIVATED] =
    g_signal_new ("link-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LECTERN_TYPE_PASSAGE_LINK);

  /**
   * LecternNotesView::reattach-requested:
   * @self: a #LecternNotesView
   * @highlight: an orphaned highlight the reader wants to put on a new passage
   */
  signals[REATTACH_REQUESTED] =
    g_signal_new ("reattach-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LECTERN_TYPE_HIGHLIGHT);

  /**
   * LecternNotesView::add-toast:
   * @self: a #LecternNotesView
   * @toast: a toast for the window to show
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  search_text_quark = g_quark_from_static_string ("lectern-notes-search-text");

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lectern-notes-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternNotesView, box);
  gtk_widget_class_bind_template_child (widget_class, LecternNotesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LecternNotesView, color_chips);
  gtk_widget_class_bind_template_child (widget_class, LecternNotesView, document_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LecternNotesView, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LecternNotesView, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LecternNotesView, stack);
  gtk_widget_class_bind_template_child (widget_class, LecternNotesView, list_view);
  gtk_widget_class_bind_template_child (widget_class, LecternNotesView, count_label);
  gtk_widget_class_bind_template_child (widget_class, LecternNotesView, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, LecternNotesView, relation_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LecternNotesView, links_stack);
  gtk_widget_class_bind_template_child (widget_class, LecternNotesView, links_view);
  gtk_widget_class_bind_template_callback (widget_class, link_filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mode_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, links_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_install_action (widget_class, "notes.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "notes.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "notes.clear-filters", NULL, clear_filters_action);
}

static void
lectern_notes_view_init (LecternNotesView *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->colors_shown = (1u << LECTERN_N_COLORS) - 1;
  self->relation_filter = -1;
  {
    g_autoptr(GtkStringList) relations = gtk_string_list_new (NULL);

    gtk_string_list_append (relations, _("All Relations"));
    for (guint i = 0; i < LECTERN_N_RELATIONS; i++)
      gtk_string_list_append (relations, lectern_relation_get_label (i));
    gtk_drop_down_set_model (self->relation_dropdown, G_LIST_MODEL (relations));
  }
  self->document_ids = g_ptr_array_new_with_free_func (g_free);
  self->tags = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      g_autofree char *css_class = g_strdup_printf ("lectern-color-%s", lectern_color_to_string (i));
      g_autofree char *tooltip = g_strdup_printf (_("Show %s highlights"), _(color_names[i]));
      GtkWidget *chip = gtk_toggle_button_new ();

      gtk_widget_add_css_class (chip, "lectern-color-button");
      gtk_widget_add_css_class (chip, "lectern-filter-chip");
      gtk_widget_add_css_class (chip, "circular");
      gtk_widget_add_css_class (chip, css_class);
      gtk_widget_set_tooltip_text (chip, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (chip),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(color_names[i]), -1);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (chip), TRUE);
      g_signal_connect_swapped (chip, "toggled", G_CALLBACK (filters_changed_cb), self);
      gtk_box_append (self->color_chips, chip);
      self->chips[i] = GTK_TOGGLE_BUTTON (chip);
    }

  set_ellipsizing_factories (self->document_dropdown);
  set_ellipsizing_factories (self->tag_dropdown);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  update_state (self);
}

GtkWidget *
lectern_notes_view_new (void)
{
  return g_object_new (LECTERN_TYPE_NOTES_VIEW, NULL);
}

static void
store_items_changed_cb (LecternNotesView *self)
{
  queue_refresh (self);
  update_state (self);
}

/**
 * lectern_notes_view_set_sources:
 * @self: a #LecternNotesView
 * @store: every highlight
 * @library: the open documents (for titles, export and import)
 *
 * Shows @store's highlights through filter and sort list models.
 */
void
lectern_notes_view_set_sources (LecternNotesView       *self,
                                LecternAnnotationStore *store,
                                LecternLibrary         *library)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));
  g_return_if_fail (LECTERN_IS_ANNOTATION_STORE (store));
  g_return_if_fail (LECTERN_IS_LIBRARY (library));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->library = g_object_ref (library);
  self->export = lectern_export_new (store, library);
  lectern_export_set_color_meanings (self->export, self->meanings);
  if (self->links != NULL)
    lectern_export_set_link_store (self->export, self->links);

  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)),
                                                  GTK_FILTER (self->filter));
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (self->filter_model),
                                              GTK_SORTER (self->sorter));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  g_signal_connect_object (store, "items-changed", G_CALLBACK (store_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* An edit can move a highlight in or out of the filter, or in the sort. */
  g_signal_connect_object (store, "document-changed", G_CALLBACK (queue_refresh), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (library, "items-changed", G_CALLBACK (queue_refresh), self,
                           G_CONNECT_SWAPPED);

  rebuild_dropdowns (self);
  update_state (self);
}

static void
update_chip_labels (LecternNotesView *self)
{
  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      const char *meaning = self->meanings != NULL ? lectern_color_meanings_get (self->meanings, i) : NULL;
      g_autofree char *tooltip = NULL;
      g_autofree char *label = NULL;

      if (meaning != NULL)
        {
          /* Translators: what a colour means, then the colour: "Show Key point (yellow)" */
          tooltip = g_strdup_printf (_("Show “%s” (%s)"), meaning, _(color_names[i]));
          label = g_strdup_printf (_("%s: %s"), _(color_names[i]), meaning);
        }
      else
        {
          tooltip = g_strdup_printf (_("Show %s highlights"), _(color_names[i]));
          label = g_strdup (_(color_names[i]));
        }
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->chips[i]), tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->chips[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }

  if (self->sort_model != NULL)
    queue_refresh (self);
}

/**
 * lectern_notes_view_set_color_meanings:
 * @self: a #LecternNotesView
 * @meanings: what the colours stand for
 *
 * Filter chips and rows name each colour's meaning; exports carry them.
 */
void
lectern_notes_view_set_color_meanings (LecternNotesView     *self,
                                       LecternColorMeanings *meanings)
{
  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));

  if (self->meanings != NULL)
    g_signal_handlers_disconnect_by_data (self->meanings, self);
  g_set_object (&self->meanings, meanings);
  if (meanings != NULL)
    g_signal_connect_object (meanings, "changed", G_CALLBACK (update_chip_labels), self, G_CONNECT_SWAPPED);
  if (self->export != NULL)
    lectern_export_set_color_meanings (self->export, meanings);
  update_chip_labels (self);
}

/**
 * lectern_notes_view_get_chip:
 * @self: a #LecternNotesView
 * @color: a colour
 *
 * Returns: (transfer none): the filter chip of @color
 */
GtkWidget *
lectern_notes_view_get_chip (LecternNotesView *self,
                             LecternColor      color)
{
  g_return_val_if_fail (LECTERN_IS_NOTES_VIEW (self), NULL);

  return GTK_WIDGET (self->chips[color]);
}

/**
 * lectern_notes_view_set_current_document:
 * @self: a #LecternNotesView
 * @document_id: (nullable): the document in the Read view
 *
 * Names the document "Export Current Document" exports.
 */
void
lectern_notes_view_set_current_document (LecternNotesView *self,
                                         const char       *document_id)
{
  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));

  g_free (self->current_document);
  self->current_document = g_strdup (document_id);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "notes.export", TRUE);
}

/**
 * lectern_notes_view_get_model:
 * @self: a #LecternNotesView
 *
 * Returns: (transfer none): the highlights shown, filtered and sorted
 */
GListModel *
lectern_notes_view_get_model (LecternNotesView *self)
{
  g_return_val_if_fail (LECTERN_IS_NOTES_VIEW (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

void
lectern_notes_view_set_search_text (LecternNotesView *self,
                                    const char       *text)
{
  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  filters_changed_cb (self);
}

void
lectern_notes_view_set_color_shown (LecternNotesView *self,
                                    LecternColor      color,
                                    gboolean          shown)
{
  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));
  g_return_if_fail (color < LECTERN_N_COLORS);

  gtk_toggle_button_set_active (self->chips[color], shown);
}

void
lectern_notes_view_set_document_filter (LecternNotesView *self,
                                        const char       *document_id)
{
  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));

  rebuild_dropdowns (self);
  for (guint i = 0; i < self->document_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->document_ids, i), document_id) == 0)
      gtk_drop_down_set_selected (self->document_dropdown, i);
}

void
lectern_notes_view_set_tag_filter (LecternNotesView *self,
                                   const char       *tag)
{
  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));

  rebuild_dropdowns (self);
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
  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    gtk_toggle_button_set_active (self->chips[i], TRUE);
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  lectern_notes_view_set_document_filter (self, document_id);
  filters_changed_cb (self);
}

void
lectern_notes_view_set_sort (LecternNotesView *self,
                             LecternNotesSort  sort)
{
  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));

  gtk_drop_down_set_selected (self->sort_dropdown, sort);
}

/**
 * lectern_notes_view_get_state:
 * @self: a #LecternNotesView
 *
 * Returns: "list", "empty" (no highlights at all) or "no-matches"
 */
const char *
lectern_notes_view_get_state (LecternNotesView *self)
{
  g_return_val_if_fail (LECTERN_IS_NOTES_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * lectern_notes_view_activate_position:
 * @self: a #LecternNotesView
 * @position: a position in the shown list
 *
 * Asks to show that highlight in its document.
 */
void
lectern_notes_view_activate_position (LecternNotesView *self,
                                      guint             position)
{
  g_autoptr(LecternHighlight) highlight = NULL;

  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));

  highlight = g_list_model_get_item (G_LIST_MODEL (self->sort_model), position);
  if (highlight != NULL)
    g_signal_emit (self, signals[HIGHLIGHT_ACTIVATED], 0, highlight);
}
