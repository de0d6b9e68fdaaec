/* lectern-compare-view-private.h: what the Compare view's files share, and what only tests ask
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-compare-gutter-private.h"
#include "lectern-compare-view.h"
#include "lectern-document-view-private.h"
#include "lectern-link-popover.h"

G_BEGIN_DECLS

/* What a pane's pointer controllers need to know: whose, and which side. */
typedef struct
{
  LecternCompareView *view;
  LecternSide         side;
} PaneInput;

struct _LecternCompareView
{
  GtkWidget             parent_instance;

  LecternSession       *session;

  /* Template widgets */
  GtkWidget            *box;
  GtkDropDown          *left_dropdown;
  GtkDropDown          *right_dropdown;
  GtkRevealer          *banner;
  GtkLabel             *banner_label;
  LecternDocumentView  *left_view;
  LecternCompareGutter *gutter;
  LecternDocumentView  *right_view;
  GtkWidget            *busy;
  GtkSpinner           *spinner;
  GtkLabel             *only_left_label;
  GtkLabel             *only_right_label;
  GtkLabel             *more_left_label;
  GtkLabel             *more_right_label;
  GtkListBox           *only_left_list;
  GtkListBox           *more_left_list;
  GtkListBox           *more_right_list;
  GtkListBox           *shared_list;
  GtkListBox           *only_right_list;
  GtkLabel             *status_label;
  GtkWidget            *link_button;

  /* The popover that links two passages */
  LecternLinkPopover   *link_popover;
  guint                 link_ranges[4];
  LecternLinkStore     *links;

  LecternLibrary       *library;
  LecternComparison    *comparison;
  GCancellable         *cancellable;
  const char           *state;

  LecternSide           selected_side;
  int                   selected_passage;
  int                   hover_passage[2];
  PaneInput             inputs[2];
  gboolean              started;
  /* The reader picked the documents (drop-downs, swap, a link): the
   * recent documents no longer decide them. */
  gboolean              user_picked;
  LecternDocument      *recent[2];        /* previous, current */
  gboolean              recent_changed;
  gboolean              setting_documents;
};

static inline LecternDocumentView *
_lectern_compare_view_pane (LecternCompareView *self,
                            LecternSide         side)
{
  return side == LECTERN_SIDE_A ? self->left_view : self->right_view;
}

static inline GtkTextBuffer *
_lectern_compare_view_pane_buffer (LecternCompareView *self,
                                   LecternSide         side)
{
  return gtk_text_view_get_buffer (lectern_document_view_get_text_view (_lectern_compare_view_pane (self, side)));
}

void      _lectern_compare_view_add_toast       (LecternCompareView *self,
                                                 AdwToast           *toast);

/* lectern-compare-view-marks.c */
void      _lectern_compare_view_class_add_terms (GtkWidgetClass     *widget_class);
void      _lectern_compare_view_clear_tag       (LecternCompareView *self,
                                                 const char         *name);
void      _lectern_compare_view_tag_range       (LecternCompareView *self,
                                                 LecternSide         side,
                                                 const char         *name,
                                                 guint               start,
                                                 guint               end);
void      _lectern_compare_view_mark_passage    (LecternCompareView *self,
                                                 LecternSide         side,
                                                 int                 index,
                                                 const char         *focus_tag,
                                                 const char         *match_tag);
void      _lectern_compare_view_update_status   (LecternCompareView *self,
                                                 const char         *extra);
void      _lectern_compare_view_fill_terms      (LecternCompareView *self,
                                                 GtkListBox         *list,
                                                 LecternTermList     which);
void      _lectern_compare_view_fill_all_terms  (LecternCompareView *self);
void      _lectern_compare_view_set_side_labels (LecternCompareView *self);

/* lectern-compare-view-links.c */
void      _lectern_compare_view_class_add_links (GtkWidgetClass     *widget_class);

/* Only for tests */
void                  lectern_compare_view_set_documents  (LecternCompareView     *self,
                                                           LecternDocument        *left,
                                                           LecternDocument        *right);
LecternComparison    *lectern_compare_view_get_comparison (LecternCompareView     *self);
const char           *lectern_compare_view_get_state      (LecternCompareView     *self);
LecternDocumentView  *lectern_compare_view_get_pane       (LecternCompareView     *self,
                                                           LecternSide             side);
LecternCompareGutter *lectern_compare_view_get_gutter     (LecternCompareView     *self);
void                  lectern_compare_view_select_passage (LecternCompareView     *self,
                                                           LecternSide             side,
                                                           int                     passage);
gboolean              lectern_compare_view_get_selected   (LecternCompareView     *self,
                                                           LecternSide            *side,
                                                           int                    *passage);
gboolean              lectern_compare_view_jump_to_match  (LecternCompareView     *self);
guint                 lectern_compare_view_show_term      (LecternCompareView     *self,
                                                           const char             *term,
                                                           guint                  *count_left,
                                                           guint                  *count_right);

gboolean              lectern_compare_view_open_link_popover (LecternCompareView  *self);
GtkPopover           *lectern_compare_view_get_link_popover (LecternCompareView   *self);

/* Set by lectern_compare_view_set_session() */
void                  lectern_compare_view_set_sources    (LecternCompareView     *self,
                                                           LecternLibrary         *library,
                                                           LecternAnnotationStore *store);
void                  lectern_compare_view_set_color_meanings (LecternCompareView   *self,
                                                               LecternColorMeanings *meanings);
void                  lectern_compare_view_set_link_store (LecternCompareView     *self,
                                                           LecternLinkStore       *links);

G_END_DECLS
