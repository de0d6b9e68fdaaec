/* lectern-notes-view-private.h: what the Notes view's files share, and what
 * tests drive it with
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-notes-view.h"

G_BEGIN_DECLS

/**
 * LecternNotesSort:
 * @LECTERN_NOTES_SORT_DOCUMENT: by document, then position in it
 * @LECTERN_NOTES_SORT_NEWEST: newest first
 * @LECTERN_NOTES_SORT_OLDEST: oldest first
 * @LECTERN_NOTES_SORT_COLOR: by colour, then document order
 */
typedef enum
{
  LECTERN_NOTES_SORT_DOCUMENT,
  LECTERN_NOTES_SORT_NEWEST,
  LECTERN_NOTES_SORT_OLDEST,
  LECTERN_NOTES_SORT_COLOR,
} LecternNotesSort;

struct _LecternNotesView
{
  GtkWidget               parent_instance;

  LecternSession          *session;
  /* Template widgets */
  GtkWidget              *box;
  GtkSearchEntry         *search_entry;
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
  GtkToggleButton        *chips[LECTERN_N_COLORS];
  GtkToggleButton        *chip_all;

  LecternLinkStore       *links;
  GtkFilterListModel     *links_filter_model;
  GtkCustomFilter        *links_filter;
  int                     relation_filter;

  LecternAnnotationStore *store;
  LecternLibrary         *library;
  LecternExport          *export;
  LecternColorMeanings   *meanings;
  char                   *current_document;

  /* What the open export file chooser exports: "all", "shown" or "document" */
  char                   *export_scope;

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
  /* Document id → collation key of its title, for sorting by document:
   * hundreds of documents make most comparisons cross two of them. */
  GHashTable             *title_keys;
  GPtrArray              *tags;
  gboolean                rebuilding_dropdowns;
  guint                   refresh_source;
};

/* Shared between lectern-notes-view*.c */
void        _lectern_notes_view_toast                (LecternNotesView       *self,
                                                      AdwToast               *toast);
void        _lectern_notes_view_refilter             (LecternNotesView       *self);
void        _lectern_notes_view_class_filters_init   (GtkWidgetClass         *widget_class);
void        _lectern_notes_view_class_actions_init   (GtkWidgetClass         *widget_class);
gboolean    _lectern_notes_view_filter_func          (gpointer                item,
                                                      gpointer                user_data);
int         _lectern_notes_view_sort_func            (gconstpointer           item_a,
                                                      gconstpointer           item_b,
                                                      gpointer                user_data);
gboolean    _lectern_notes_view_link_filter_func     (gpointer                item,
                                                      gpointer                user_data);
void        _lectern_notes_view_rebuild_dropdowns    (LecternNotesView       *self);
void        _lectern_notes_view_filters_changed      (LecternNotesView       *self);
void        _lectern_notes_view_update_links_state   (LecternNotesView       *self);

/* For tests */
GListModel *lectern_notes_view_get_model             (LecternNotesView       *self);
void        lectern_notes_view_set_search_text       (LecternNotesView       *self,
                                                      const char             *text);
void        lectern_notes_view_set_color_chosen      (LecternNotesView       *self,
                                                      LecternColor            color,
                                                      gboolean                chosen);
void        lectern_notes_view_show_all_colors       (LecternNotesView       *self);
void        lectern_notes_view_set_document_filter   (LecternNotesView       *self,
                                                      const char             *document_id);
void        lectern_notes_view_set_tag_filter        (LecternNotesView       *self,
                                                      const char             *tag);
void        lectern_notes_view_set_sort              (LecternNotesView       *self,
                                                      LecternNotesSort        sort);
const char *lectern_notes_view_get_state             (LecternNotesView       *self);
void        lectern_notes_view_activate_position     (LecternNotesView       *self,
                                                      guint                   position);
void        lectern_notes_view_delete                (LecternNotesView       *self,
                                                      LecternHighlight       *highlight);
void        lectern_notes_view_delete_link           (LecternNotesView       *self,
                                                      LecternPassageLink     *link);
GFile      *lectern_notes_view_file_for_format       (GFile                  *file,
                                                      gboolean                json_ld);
gboolean    lectern_notes_view_export_to_file        (LecternNotesView       *self,
                                                      GFile                  *file,
                                                      const char             *scope,
                                                      gboolean                json_ld,
                                                      GError                **error);
gboolean    lectern_notes_view_import_file           (LecternNotesView       *self,
                                                      GFile                  *file,
                                                      GError                **error);
GtkWidget  *lectern_notes_view_get_chip              (LecternNotesView       *self,
                                                      LecternColor            color);
GListModel *lectern_notes_view_get_links_model       (LecternNotesView       *self);
void        lectern_notes_view_set_relation_filter   (LecternNotesView       *self,
                                                      int                     relation);
gboolean    lectern_notes_view_accept_review         (LecternNotesView       *self,
                                                      LecternHighlight       *highlight);

/* Set by lectern_notes_view_set_session() */
void        lectern_notes_view_set_sources          (LecternNotesView       *self,
                                                     LecternAnnotationStore *store,
                                                     LecternLibrary         *library);
void        lectern_notes_view_set_color_meanings   (LecternNotesView       *self,
                                                     LecternColorMeanings   *meanings);
void        lectern_notes_view_set_link_store       (LecternNotesView       *self,
                                                     LecternLinkStore       *links);

G_END_DECLS
