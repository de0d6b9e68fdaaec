/* lectern-library-row.c: one document in the library sidebar
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lectern-library-row.h"

/* The document's title, its file name (or "Sample") and how many
 * highlights it has; the window asks for a new count after a burst of
 * changes rather than every row listening to the store. */
struct _LecternLibraryRow
{
  GtkListBoxRow           parent_instance;

  LecternDocument        *document;
  LecternAnnotationStore *store;

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

  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_LIBRARY_ROW);
  g_clear_object (&self->document);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lectern_library_row_parent_class)->dispose (object);
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
GtkWidget *
lectern_library_row_new (LecternDocument        *document,
                         LecternAnnotationStore *store)
{
  LecternLibraryRow *self;
  const char *title;

  g_return_val_if_fail (LECTERN_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (store), NULL);

  self = g_object_new (LECTERN_TYPE_LIBRARY_ROW, NULL);
  self->document = g_object_ref (document);
  self->store = g_object_ref (store);

  title = lectern_document_get_title (document);
  gtk_label_set_label (self->title_label, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), title);
  /* A row is named by what it holds only if it says so (GTK 4.8). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  if (lectern_document_is_sample (document))
    gtk_label_set_label (self->subtitle_label, _("Sample"));
  else
    {
      g_autoptr(GFile) file = g_file_new_for_uri (lectern_document_get_uri (document));
      g_autofree char *basename = g_file_get_basename (file);

      gtk_label_set_label (self->subtitle_label, basename);
    }
  lectern_library_row_update_count (self);

  return GTK_WIDGET (self);
}

/**
 * lectern_library_row_get_document:
 * @self: a #LecternLibraryRow
 *
 * Returns: (transfer none): the row's document
 */
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

  count = lectern_annotation_store_count_for_document (self->store, lectern_document_get_id (self->document));
  text = g_strdup_printf ("%u", count);
  tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u highlight", "%u highlights", count), count);
  gtk_label_set_label (self->count_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->count_label), tooltip);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), count > 0);
}
