/* lectern-library-row.c: one document in the library sidebar
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lectern-library-row.h"

/* The document's title, its file name (or "Sample", or that the file
 * is missing) and how many highlights it has; the window asks for a new
 * count after a burst of changes rather than every row listening to the
 * store. A row stands for a sample (a document) or for a remembered
 * document (an entry), open or not. Its context menu (right click,
 * Shift+F10 or the Menu key) removes it from the library or locates a
 * missing file, through the window's actions. */
struct _LecternLibraryRow
{
  GtkListBoxRow           parent_instance;

  LecternDocument        *document;
  LecternLibraryEntry    *entry;
  LecternAnnotationStore *store;
  /* Made on first use: hundreds of rows need no menus at start-up. */
  GtkWidget              *menu;
  GMenuModel             *row_menu;

  /* Template widgets */
  GtkLabel               *title_label;
  GtkLabel               *subtitle_label;
  GtkLabel               *count_label;
};

G_DEFINE_FINAL_TYPE (LecternLibraryRow, lectern_library_row, GTK_TYPE_LIST_BOX_ROW)

static void
lectern_library_row_dispose (GObject *object)
{
  LecternLibraryRow *self = LECTERN_LIBRARY_ROW (object);

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_LIBRARY_ROW);
  g_clear_object (&self->document);
  g_clear_object (&self->entry);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lectern_library_row_parent_class)->dispose (object);
}

static void
popup_menu (LecternLibraryRow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.forget", self->entry != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.locate",
                                 self->entry != NULL && lectern_library_entry_get_missing (self->entry));
  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (self->row_menu);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
    }
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
secondary_pressed_cb (LecternLibraryRow *self,
                      int                n_press,
                      double             x,
                      double             y,
                      GtkGestureClick   *gesture)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu (self);
}

/* The row's own actions hand its document to the window's. */
static void
row_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LecternLibraryRow *self = LECTERN_LIBRARY_ROW (widget);
  const char *uri = lectern_library_row_get_uri (self);

  if (g_str_equal (action_name, "row.menu"))
    popup_menu (self);
  else if (g_str_equal (action_name, "row.forget"))
    gtk_widget_activate_action (widget, "win.forget-document", "s", uri);
  else if (g_str_equal (action_name, "row.locate"))
    gtk_widget_activate_action (widget, "win.locate-document", "s", uri);
}

static void
lectern_library_row_class_init (LecternLibraryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lectern_library_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lectern-library-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternLibraryRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, LecternLibraryRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, LecternLibraryRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, LecternLibraryRow, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, secondary_pressed_cb);

  gtk_widget_class_install_action (widget_class, "row.forget", NULL, row_action);
  gtk_widget_class_install_action (widget_class, "row.locate", NULL, row_action);
  gtk_widget_class_install_action (widget_class, "row.menu", NULL, row_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "row.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "row.menu", NULL);
}

static void
lectern_library_row_init (LecternLibraryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lectern_library_row_new:
 * @document: the document the row stands for
 * @store: where its highlights are counted
 *
 * Returns: (transfer floating): a new row
 */
static void
set_subtitle_for_uri (LecternLibraryRow *self,
                      const char        *uri)
{
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autofree char *basename = g_file_get_basename (file);

  gtk_label_set_label (self->subtitle_label, basename);
}

static void
set_title (LecternLibraryRow *self,
           const char        *title)
{
  gtk_label_set_label (self->title_label, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), title);
  /* A row is named by what it holds only if it says so (GTK 4.8). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

GtkWidget *
lectern_library_row_new (LecternDocument        *document,
                         LecternAnnotationStore *store)
{
  LecternLibraryRow *self;

  g_return_val_if_fail (LECTERN_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (store), NULL);

  self = g_object_new (LECTERN_TYPE_LIBRARY_ROW, NULL);
  self->document = g_object_ref (document);
  self->store = g_object_ref (store);

  set_title (self, lectern_document_get_title (document));
  if (lectern_document_is_sample (document))
    gtk_label_set_label (self->subtitle_label, _("Sample"));
  else
    set_subtitle_for_uri (self, lectern_document_get_uri (document));
  lectern_library_row_update_count (self);

  return GTK_WIDGET (self);
}

static void
entry_changed_cb (LecternLibraryRow   *self,
                  GParamSpec          *pspec,
                  LecternLibraryEntry *entry)
{
  gboolean missing = lectern_library_entry_get_missing (entry);

  set_title (self, lectern_library_entry_get_title (entry));
  if (missing)
    {
      /* Translators: in the library sidebar, a document whose file is gone */
      gtk_label_set_label (self->subtitle_label, _("File not found — Locate…"));
      gtk_widget_add_css_class (GTK_WIDGET (self), "lectern-missing");
    }
  else
    {
      set_subtitle_for_uri (self, lectern_library_entry_get_uri (entry));
      gtk_widget_remove_css_class (GTK_WIDGET (self), "lectern-missing");
    }
}

/**
 * lectern_library_row_new_for_entry:
 * @entry: a document the library remembers, open or not
 * @store: the highlights
 *
 * Returns: (transfer floating): a row for @entry, which follows its title
 *   and whether its file is missing
 */
GtkWidget *
lectern_library_row_new_for_entry (LecternLibraryEntry    *entry,
                                   LecternAnnotationStore *store)
{
  LecternLibraryRow *self;

  g_return_val_if_fail (LECTERN_IS_LIBRARY_ENTRY (entry), NULL);
  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (store), NULL);

  self = g_object_new (LECTERN_TYPE_LIBRARY_ROW, NULL);
  self->entry = g_object_ref (entry);
  self->store = g_object_ref (store);

  g_signal_connect_object (entry, "notify", G_CALLBACK (entry_changed_cb), self, G_CONNECT_SWAPPED);
  entry_changed_cb (self, NULL, entry);
  lectern_library_row_update_count (self);

  return GTK_WIDGET (self);
}

/**
 * lectern_library_row_get_entry:
 * @self: a #LecternLibraryRow
 *
 * Returns: (transfer none) (nullable): the entry of the row; %NULL for a sample
 */
LecternLibraryEntry *
lectern_library_row_get_entry (LecternLibraryRow *self)
{
  g_return_val_if_fail (LECTERN_IS_LIBRARY_ROW (self), NULL);

  return self->entry;
}

/**
 * lectern_library_row_get_uri:
 * @self: a #LecternLibraryRow
 *
 * Returns: the URI of the row's document
 */
const char *
lectern_library_row_get_uri (LecternLibraryRow *self)
{
  g_return_val_if_fail (LECTERN_IS_LIBRARY_ROW (self), NULL);

  if (self->entry != NULL)
    return lectern_library_entry_get_uri (self->entry);

  return lectern_document_get_uri (self->document);
}

LecternDocument *
lectern_library_row_get_document (LecternLibraryRow *self)
{
  g_return_val_if_fail (LECTERN_IS_LIBRARY_ROW (self), NULL);

  return self->document;
}

/**
 * lectern_library_row_update_count:
 * @self: a #LecternLibraryRow
 *
 * Shows how many highlights the document has now; none shows nothing.
 */
void
lectern_library_row_update_count (LecternLibraryRow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  guint count;

  g_return_if_fail (LECTERN_IS_LIBRARY_ROW (self));

  count = lectern_annotation_store_count_for_document (self->store,
                                                      self->entry != NULL ?
                                                      lectern_library_entry_get_id (self->entry) :
                                                      lectern_document_get_id (self->document));
  text = g_strdup_printf ("%u", count);
  tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u highlight", "%u highlights", count), count);
  gtk_label_set_label (self->count_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->count_label), tooltip);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), count > 0);
}
