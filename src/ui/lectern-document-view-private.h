/* lectern-document-view-private.h: what the Read view's files share
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lectern-document-view.h"
#include "lectern-highlight-popover.h"
#include "lectern-search-bar.h"
#include "lectern-selection-popover.h"

G_BEGIN_DECLS

struct _LecternDocumentView
{
  GtkWidget                parent_instance;

  /* Template widgets */
  GtkWidget               *box;
  LecternSearchBar        *search_bar;
  GtkProgressBar          *progress_bar;
  GtkScrolledWindow       *scroller;
  AdwClampScrollable      *clamp;
  GtkTextView             *text_view;

  /* The popover shown on a selection, the one that edits a highlight,
   * and the one that shows a note reached from the keyboard */
  LecternSelectionPopover *selection_popover;
  LecternHighlightPopover *edit_popover;
  GtkPopover              *note_peek;
  GtkLabel                *note_peek_label;

  /* Markers of highlights with notes, as drawn in the last frame */
  GArray                  *note_markers;
  LecternColorMeanings    *meanings;

  LecternDocument         *document;
  LecternSession          *session;
  LecternAnnotationStore  *store;
  GtkCssProvider          *css;
  GtkTextTag              *highlight_tags[LECTERN_N_COLORS];
  GtkTextTag              *overlap_tag;
  GtkTextTag              *flash_tag;
  guint                    flash_source;
  guint                    insert_source;
  guint                    highlights_source;
  gsize                    inserted_bytes;
  int                      pending_scroll;
  gboolean                 pending_flash;
  /* Frames left to check that a scroll to the mark "lectern-scroll" took */
  guint                    scroll_check_id;
  guint                    scroll_checks_left;
  double                   scroll_check_from;
  guint                    progress_source;
  gulong                   store_changed_handler;
  double                   text_scale;
  /* The toast offering to undo the last colour change, while it shows */
  AdwToast                *recolor_toast;
  LecternHighlight        *recolor_highlight;
  /* Where the last click began, to tell a click from a drag */
  double                   press_x;
  double                   press_y;
};

extern const char * const _lectern_document_view_highlight_colors[LECTERN_N_COLORS];

/* lectern-document-view.c */
void              _lectern_document_view_add_toast              (LecternDocumentView *self,
                                                                 AdwToast            *toast);
LecternHighlight *_lectern_document_view_highlight_selection    (LecternDocumentView *self,
                                                                 LecternColor         color);

/* lectern-document-view-popovers.c */
void              _lectern_document_view_class_add_popovers     (GtkWidgetClass      *widget_class);
void              _lectern_document_view_get_range_rect         (LecternDocumentView *self,
                                                                 guint                start,
                                                                 guint                end,
                                                                 GdkRectangle        *rect);
void              _lectern_document_view_add_recolor_toast      (LecternDocumentView *self,
                                                                 LecternHighlight    *highlight,
                                                                 LecternColor         old_color);
gboolean          _lectern_document_view_can_popup              (LecternDocumentView *self);
void              _lectern_document_view_show_selection_popover (LecternDocumentView *self);

/* lectern-document-view-tags.c */
void              _lectern_document_view_create_tags            (LecternDocumentView *self);
void              _lectern_document_view_update_highlight_colors (LecternDocumentView *self);
void              _lectern_document_view_apply_styles           (LecternDocumentView *self);
void              _lectern_document_view_apply_highlights       (LecternDocumentView *self);
void              _lectern_document_view_store_changed_cb      (LecternDocumentView    *self,
                                                                 const char             *document_id,
                                                                 LecternAnnotationStore *store);
LecternHighlight *_lectern_document_view_highlight_at_offset    (LecternDocumentView *self,
                                                                 guint                offset);
LecternHighlight *_lectern_document_view_highlight_at_selection (LecternDocumentView *self);

/* lectern-document-view-actions.c */
void              _lectern_document_view_class_add_actions     (GtkWidgetClass      *widget_class);
void              _lectern_document_view_add_controllers        (LecternDocumentView *self);
void              _lectern_document_view_update_actions         (LecternDocumentView *self);
gboolean          _lectern_document_view_offset_at_point        (LecternDocumentView *self,
                                                                 double               x,
                                                                 double               y,
                                                                 guint               *offset);

/* lectern-document-view-caret.c */
void              _lectern_document_view_class_add_caret        (GtkWidgetClass      *widget_class);
void              _lectern_document_view_add_caret_shortcut     (LecternDocumentView *self);

/* lectern-document-view-notes.c */
void              _lectern_document_view_snapshot_notes         (LecternDocumentView *self,
                                                                 GtkSnapshot         *snapshot);
void              _lectern_document_view_add_note_tooltips      (LecternDocumentView *self);
void              _lectern_document_view_show_note_peek         (LecternDocumentView *self,
                                                                 LecternHighlight    *highlight);

/* Only for tests */
guint             lectern_document_view_find                    (LecternDocumentView *self,
                                                                 const char          *query);
int               lectern_document_view_get_current_match       (LecternDocumentView *self,
                                                                 guint               *start,
                                                                 guint               *end);
GtkPopover       *lectern_document_view_get_edit_popover        (LecternDocumentView *self);
GtkPopover       *lectern_document_view_get_selection_popover   (LecternDocumentView *self);
guint             lectern_document_view_get_n_note_markers      (LecternDocumentView *self);
GtkPopover       *lectern_document_view_get_note_peek           (LecternDocumentView *self);
LecternHighlight *lectern_document_view_highlight_range         (LecternDocumentView  *self,
                                                                 guint                 start,
                                                                 guint                 end,
                                                                 LecternColor          color,
                                                                 GError              **error);
void              lectern_document_view_edit_highlight          (LecternDocumentView *self,
                                                                 LecternHighlight    *highlight,
                                                                 gboolean             focus_note);
void              lectern_document_view_delete_highlight        (LecternDocumentView *self,
                                                                 LecternHighlight    *highlight);

/* Set by lectern_document_view_set_session() */
void             lectern_document_view_set_store      (LecternDocumentView    *self,
                                                       LecternAnnotationStore *store);
void             lectern_document_view_set_color_meanings (LecternDocumentView  *self,
                                                           LecternColorMeanings *meanings);

/* For the tests */
GtkWidget       *lectern_document_view_get_color_button (LecternDocumentView  *self,
                                                         LecternColor          color);
gboolean         lectern_document_view_is_loading     (LecternDocumentView    *self);

G_END_DECLS
