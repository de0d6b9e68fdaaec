/* lectern-notes-view.c: every highlight and note in one place
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-color-children.h"

#include <glib/gi18n.h>

#include "lectern-link-row.h"
#include "lectern-note-row.h"
#include "lectern-notes-view-private.h"

G_DEFINE_FINAL_TYPE (LecternNotesView, lectern_notes_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  HIGHLIGHT_ACTIVATED,
  LINK_ACTIVATED,
  REATTACH_REQUESTED,
  ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const color_names[LECTERN_N_COLORS] = {
  N_("Yellow"), N_("Green"), N_("Blue"), N_("Red"), N_("Purple"),
};

/* The filter chips in lectern-notes-view.ui, in LecternColor order */
void
_lectern_notes_view_toast (LecternNotesView *self,
                           AdwToast         *message)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, message);
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

void
_lectern_notes_view_refilter (LecternNotesView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  LecternNotesView *self = user_data;

  self->refresh_source = 0;
  _lectern_notes_view_rebuild_dropdowns (self);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  _lectern_notes_view_refilter (self);

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
set_factory (GtkListView *list_view,
             GCallback    setup,
             GCallback    bind,
             GCallback    unbind,
             gpointer     user_data)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, user_data);
  g_signal_connect (factory, "bind", bind, user_data);
  g_signal_connect (factory, "unbind", unbind, user_data);
  gtk_list_view_set_factory (list_view, factory);
}

/* Rows: the factory makes a LecternNoteRow, the row does the rest */

static void
row_delete_requested_cb (LecternNotesView *self,
                         LecternHighlight *highlight)
{
  lectern_notes_view_delete (self, highlight);
}

static void
row_reattach_requested_cb (LecternNotesView *self,
                           LecternHighlight *highlight)
{
  g_signal_emit (self, signals[REATTACH_REQUESTED], 0, highlight);
}

static void
row_accept_review_requested_cb (LecternNotesView *self,
                                LecternHighlight *highlight)
{
  lectern_notes_view_accept_review (self, highlight);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              LecternNotesView         *self)
{
  GtkWidget *row = lectern_note_row_new (self->library, self->store);

  lectern_note_row_set_color_meanings (LECTERN_NOTE_ROW (row), self->meanings);
  g_signal_connect_object (row, "delete-requested", G_CALLBACK (row_delete_requested_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "reattach-requested", G_CALLBACK (row_reattach_requested_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "accept-review-requested", G_CALLBACK (row_accept_review_requested_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             LecternNotesView         *self)
{
  LecternNoteRow *row = LECTERN_NOTE_ROW (gtk_list_item_get_child (item));

  /* The meanings may have come after the row was made. */
  lectern_note_row_set_color_meanings (row, self->meanings);
  lectern_note_row_set_highlight (row, gtk_list_item_get_item (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               LecternNotesView         *self)
{
  lectern_note_row_set_highlight (LECTERN_NOTE_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
list_activate_cb (LecternNotesView *self,
                  guint             position)
{
  lectern_notes_view_activate_position (self, position);
}

static void
mode_changed_cb (LecternNotesView *self)
{
  gboolean links = g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "links") == 0;

  g_object_set (self->search_entry, "placeholder-text",
                links ? _("Search linked passages and their notes") : _("Search quotes, notes and tags"),
                NULL);
}

static void
link_delete_requested_cb (LecternNotesView   *self,
                          LecternPassageLink *link)
{
  lectern_notes_view_delete_link (self, link);
}

static void
setup_link_row_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   LecternNotesView         *self)
{
  GtkWidget *row = lectern_link_row_new ();

  g_signal_connect_object (row, "delete-requested", G_CALLBACK (link_delete_requested_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_item_set_child (item, row);
}

static void
bind_link_row_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  LecternNotesView         *self)
{
  lectern_link_row_set_link (LECTERN_LINK_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
}

static void
unbind_link_row_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    LecternNotesView         *self)
{
  lectern_link_row_set_link (LECTERN_LINK_ROW (gtk_list_item_get_child (item)), NULL);
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
  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));
  g_return_if_fail (self->links == NULL);

  self->links = g_object_ref (links);
  if (self->export != NULL)
    lectern_export_set_link_store (self->export, links);

  self->links_filter = gtk_custom_filter_new (_lectern_notes_view_link_filter_func, self, NULL);
  self->links_filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (links)),
                                                        GTK_FILTER (g_object_ref (self->links_filter)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->links_filter_model)));
  gtk_list_view_set_model (self->links_view, GTK_SELECTION_MODEL (selection));

  set_factory (self->links_view, G_CALLBACK (setup_link_row_cb), G_CALLBACK (bind_link_row_cb),
               G_CALLBACK (unbind_link_row_cb), self);

  g_signal_connect_object (links, "items-changed", G_CALLBACK (_lectern_notes_view_update_links_state), self,
                           G_CONNECT_SWAPPED);
  _lectern_notes_view_update_links_state (self);
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

  g_clear_object (&self->session);

  G_OBJECT_CLASS (lectern_notes_view_parent_class)->dispose (object);
}

static void
lectern_notes_view_finalize (GObject *object)
{
  LecternNotesView *self = LECTERN_NOTES_VIEW (object);

  g_clear_pointer (&self->document_ids, g_ptr_array_unref);
  g_clear_pointer (&self->title_keys, g_hash_table_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_free (self->query);
  g_free (self->document_filter);
  g_free (self->tag_filter);
  g_free (self->current_document);
  g_free (self->export_scope);

  G_OBJECT_CLASS (lectern_notes_view_parent_class)->finalize (object);
}

static guint
new_signal (GtkWidgetClass *widget_class,
            const char     *name,
            GType           type)
{
  return g_signal_new (name, G_TYPE_FROM_CLASS (widget_class), G_SIGNAL_RUN_LAST,
                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, type);
}

/* Coming to the view from the keyboard (Alt+3), the reader means the
 * list: Enter on a row goes to its passage. */
static gboolean
lectern_notes_view_grab_focus (GtkWidget *widget)
{
  LecternNotesView *self = LECTERN_NOTES_VIEW (widget);
  GtkWidget *list = g_str_equal (gtk_stack_get_visible_child_name (self->mode_stack), "highlights")
    ? GTK_WIDGET (self->list_view) : GTK_WIDGET (self->links_view);

  /* Into a row, not onto the list: a list with the focus but no row in
   * it ignores Enter. */
  if (gtk_widget_get_mapped (list) && gtk_widget_child_focus (list, GTK_DIR_TAB_FORWARD))
    return TRUE;

  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
lectern_notes_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LecternNotesView *self = LECTERN_NOTES_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_notes_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LecternNotesView *self = LECTERN_NOTES_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      lectern_notes_view_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_notes_view_class_init (LecternNotesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lectern_notes_view_dispose;
  object_class->get_property = lectern_notes_view_get_property;
  object_class->set_property = lectern_notes_view_set_property;
  object_class->finalize = lectern_notes_view_finalize;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LECTERN_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = lectern_notes_view_measure;
  widget_class->grab_focus = lectern_notes_view_grab_focus;
  widget_class->size_allocate = lectern_notes_view_size_allocate;

  /**
   * LecternNotesView::highlight-activated:
   * @self: a #LecternNotesView
   * @highlight: the highlight the reader wants to see in its document
   */
  signals[HIGHLIGHT_ACTIVATED] = new_signal (widget_class, "highlight-activated", LECTERN_TYPE_HIGHLIGHT);

  /**
   * LecternNotesView::link-activated:
   * @self: a #LecternNotesView
   * @link: the passage link the reader wants to see in Compare
   */
  signals[LINK_ACTIVATED] = new_signal (widget_class, "link-activated", LECTERN_TYPE_PASSAGE_LINK);

  /**
   * LecternNotesView::reattach-requested:
   * @self: a #LecternNotesView
   * @highlight: an orphaned highlight the reader wants to put on a new passage
   */
  signals[REATTACH_REQUESTED] = new_signal (widget_class, "reattach-requested", LECTERN_TYPE_HIGHLIGHT);

  /**
   * LecternNotesView::add-toast:
   * @self: a #LecternNotesView
   * @toast: a toast for the window to show
   */
  signals[ADD_TOAST] = new_signal (widget_class, "add-toast", ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lectern-notes-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternNotesView, box);
  gtk_widget_class_bind_template_child (widget_class, LecternNotesView, search_entry);
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
  lectern_widget_class_bind_color_children (widget_class, "chip_", "",
                                            G_STRUCT_OFFSET (LecternNotesView, chips));
  gtk_widget_class_bind_template_child (widget_class, LecternNotesView, chip_all);
  gtk_widget_class_bind_template_callback (widget_class, mode_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, links_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  _lectern_notes_view_class_filters_init (widget_class);
  _lectern_notes_view_class_actions_init (widget_class);
}

static void
lectern_notes_view_init (LecternNotesView *self)
{
  g_autoptr(GtkStringList) relations = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->colors_shown = (1u << LECTERN_N_COLORS) - 1;
  self->relation_filter = -1;
  gtk_string_list_append (relations, _("All Relations"));
  for (guint i = 0; i < LECTERN_N_RELATIONS; i++)
    gtk_string_list_append (relations, lectern_relation_get_label (i));
  gtk_drop_down_set_model (self->relation_dropdown, G_LIST_MODEL (relations));
  self->document_ids = g_ptr_array_new_with_free_func (g_free);
  self->title_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->tags = g_ptr_array_new_with_free_func (g_free);

  update_chip_labels (self);
  set_factory (self->list_view, G_CALLBACK (setup_row_cb), G_CALLBACK (bind_row_cb),
               G_CALLBACK (unbind_row_cb), self);

  self->filter = gtk_custom_filter_new (_lectern_notes_view_filter_func, self, NULL);
  self->sorter = gtk_custom_sorter_new (_lectern_notes_view_sort_func, self, NULL);
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

  _lectern_notes_view_rebuild_dropdowns (self);
  update_state (self);
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

/**
 * lectern_notes_view_set_session:
 * @self: a #LecternNotesView
 * @session: (nullable): the reader's session, whose documents and
 *   highlights the view shows
 */
void
lectern_notes_view_set_session (LecternNotesView *self,
                                LecternSession *session)
{
  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));
  g_return_if_fail (session == NULL || LECTERN_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  if (session == NULL)
    return;
  lectern_notes_view_set_color_meanings (self, lectern_session_get_color_meanings (session));
  lectern_notes_view_set_link_store (self, lectern_session_get_link_store (session));
  lectern_notes_view_set_sources (self, lectern_session_get_store (session), lectern_session_get_library (session));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * lectern_notes_view_get_session:
 * @self: a #LecternNotesView
 *
 * Returns: (transfer none) (nullable): the view's session
 */
LecternSession *
lectern_notes_view_get_session (LecternNotesView *self)
{
  g_return_val_if_fail (LECTERN_IS_NOTES_VIEW (self), NULL);

  return self->session;
}
