/* lectern-notes-view-actions.c: what the reader does from the Notes view: delete, review, export, import
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "lectern-notes-view-private.h"
#include "lectern-undo-toast.h"

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
  g_autoptr(LecternTarget) target = NULL;

  g_return_val_if_fail (LECTERN_IS_NOTES_VIEW (self), FALSE);

  document = lectern_library_find_by_id (self->library, lectern_highlight_get_document_id (highlight));
  if (document == NULL)
    {
      _lectern_notes_view_toast (self, adw_toast_new (_("Open the highlight’s document to review it")));
      return FALSE;
    }

  target = lectern_target_new_for_range (document,
                                         lectern_highlight_get_start (highlight),
                                         lectern_highlight_get_end (highlight));
  lectern_highlight_reattach_to_target (highlight, target);

  return TRUE;
}

/* Delete with undo */

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
  g_autoptr(LecternHighlight) hold = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));
  g_return_if_fail (LECTERN_IS_HIGHLIGHT (highlight));

  hold = g_object_ref (highlight);
  if (!lectern_annotation_store_remove (self->store, highlight, &error))
    {
      _lectern_notes_view_toast (self, adw_toast_new (error->message));
      return;
    }

  _lectern_notes_view_toast (self, lectern_undo_toast_new_for_highlight (self->store, hold));
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
  g_autoptr(LecternPassageLink) hold = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LECTERN_IS_NOTES_VIEW (self));

  hold = g_object_ref (link);
  if (!lectern_link_store_remove (self->links, link, &error))
    {
      _lectern_notes_view_toast (self, adw_toast_new (error->message));
      return;
    }

  _lectern_notes_view_toast (self, lectern_undo_toast_new_for_passage_link (self->links, hold));
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
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      const char *format = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (native), "format");
      const char *scope = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (native), "scope");
      gboolean json_ld = g_strcmp0 (format, "json-ld") == 0;
      g_autoptr(GFile) file = lectern_notes_view_file_for_format (chosen, json_ld);
      g_autoptr(GError) error = NULL;

      if (scope != NULL)
        {
          g_free (self->export_scope);
          self->export_scope = g_strdup (scope);
        }
      if (!lectern_notes_view_export_to_file (self, file, self->export_scope, json_ld, &error))
        {
          g_autofree char *message = g_strdup_printf (_("Could not export: %s"), error->message);
          _lectern_notes_view_toast (self, adw_toast_new (message));
        }
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_("Exported to “%s”"), name);
          _lectern_notes_view_toast (self, adw_toast_new (message));
        }
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_object_unref (native);
}

/**
 * lectern_notes_view_file_for_format:
 * @file: the file the reader chose
 * @json_ld: whether the format is JSON-LD rather than Markdown
 *
 * The name's extension follows the format chosen next to it, which the
 * file chooser cannot do as the format changes: "Highlights.md" with
 * JSON-LD becomes "Highlights.jsonld". A name the reader typed without
 * a known extension, or whose other-extension twin exists, is kept.
 *
 * Returns: (transfer full): the file to write
 */
GFile *
lectern_notes_view_file_for_format (GFile    *file,
                                    gboolean  json_ld)
{
  static const char * const markdown[] = { ".md", ".markdown", NULL };
  static const char * const json[] = { ".jsonld", ".json", NULL };
  const char * const *wrong = json_ld ? markdown : json;
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) renamed = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_basename (file);
  parent = g_file_get_parent (file);
  for (guint i = 0; wrong[i] != NULL && parent != NULL; i++)
    if (g_str_has_suffix (name, wrong[i]) && strlen (name) > strlen (wrong[i]))
      {
        g_autofree char *stem = g_strndup (name, strlen (name) - strlen (wrong[i]));
        g_autofree char *new_name = g_strconcat (stem, json_ld ? ".jsonld" : ".md", NULL);

        renamed = g_file_get_child (parent, new_name);
        if (g_file_query_exists (renamed, NULL))
          g_clear_object (&renamed);
        break;
      }

  return renamed != NULL ? g_steal_pointer (&renamed) : g_object_ref (file);
}

/* The dialog says what goes out: every highlight, or the list as shown. */
static void
add_scope_choice (LecternNotesView *self,
                  GtkFileChooser   *chooser,
                  const char       *scope)
{
  static const char *scope_ids[] = { "all", "shown", NULL };
  g_autofree char *all = NULL;
  g_autofree char *shown = NULL;
  const char *scope_labels[3] = { NULL, };
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));

  /* One document's highlights are a third scope, asked for by name. */
  if (g_str_equal (scope, "document"))
    return;

  all = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "All %u highlight", "All %u highlights", n_all), n_all);
  shown = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The %u shown", "The %u shown", n_shown), n_shown);
  scope_labels[0] = all;
  scope_labels[1] = shown;
  gtk_file_chooser_add_choice (chooser, "scope", _("Export"), scope_ids, scope_labels);
  gtk_file_chooser_set_choice (chooser, "scope", scope);
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
  add_scope_choice (self, GTK_FILE_CHOOSER (native), scope);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("Highlights.md"));
  g_free (self->export_scope);
  self->export_scope = g_strdup (scope);
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

  _lectern_notes_view_toast (self, adw_toast_new (message->str));
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
          _lectern_notes_view_toast (self, adw_toast_new (message));
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

void
_lectern_notes_view_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "notes.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "notes.import", NULL, import_action);
}
