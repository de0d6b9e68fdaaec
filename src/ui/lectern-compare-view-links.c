/* lectern-compare-view-links.c: linking a passage on the left with one on the right
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lectern-compare-view-private.h"

/* Linking two passages */

static gboolean
pick_link_ranges (LecternCompareView *self,
                  guint               ranges[4])
{
  const LecternPassageMatch *matches;

  /* Two selections, one on each side, come first. */
  if (lectern_document_view_get_selection (self->left_view, &ranges[0], &ranges[1]) &&
      lectern_document_view_get_selection (self->right_view, &ranges[2], &ranges[3]))
    return TRUE;

  /* Else the passage the reader clicked, with its best related passage. */
  if (self->comparison != NULL && lectern_comparison_is_ready (self->comparison) &&
      self->selected_passage >= 0 &&
      lectern_comparison_get_matches (self->comparison, self->selected_side,
                                      (guint)self->selected_passage, &matches) > 0)
    {
      LecternSide other = self->selected_side == LECTERN_SIDE_A ? LECTERN_SIDE_B : LECTERN_SIDE_A;
      const LecternPassage *mine = lectern_comparison_get_passage (self->comparison, self->selected_side,
                                                                   (guint)self->selected_passage);
      const LecternPassage *theirs = lectern_comparison_get_passage (self->comparison, other, matches[0].passage);
      const LecternPassage *left = self->selected_side == LECTERN_SIDE_A ? mine : theirs;
      const LecternPassage *right = self->selected_side == LECTERN_SIDE_A ? theirs : mine;

      ranges[0] = left->start;
      ranges[1] = left->end;
      ranges[2] = right->start;
      ranges[3] = right->end;
      return TRUE;
    }

  return FALSE;
}

/**
 * lectern_compare_view_open_link_popover:
 * @self: a #LecternCompareView
 *
 * Opens the popover that links a passage on the left with one on the
 * right: two selections, or the clicked passage and its best match.
 *
 * Returns: %TRUE if there were two passages to link
 */
gboolean
lectern_compare_view_open_link_popover (LecternCompareView *self)
{
  g_autofree char *left_quote = NULL;
  g_autofree char *right_quote = NULL;
  LecternDocument *documents[2];

  g_return_val_if_fail (LECTERN_IS_COMPARE_VIEW (self), FALSE);

  documents[0] = lectern_document_view_get_document (self->left_view);
  documents[1] = lectern_document_view_get_document (self->right_view);
  if (self->links == NULL || documents[0] == NULL || documents[1] == NULL)
    return FALSE;

  if (!pick_link_ranges (self, self->link_ranges))
    {
      _lectern_compare_view_add_toast (self,
                                       adw_toast_new (_("Select a passage on each side, or click a passage that has a related one")));
      return FALSE;
    }

  left_quote = lectern_document_dup_slice (documents[0], self->link_ranges[0], self->link_ranges[1]);
  right_quote = lectern_document_dup_slice (documents[1], self->link_ranges[2], self->link_ranges[3]);
  lectern_link_popover_open (self->link_popover, left_quote, right_quote);

  return TRUE;
}

/**
 * lectern_compare_view_get_link_popover:
 * @self: a #LecternCompareView
 *
 * Returns: (transfer none): the popover that links two passages (for tests)
 */
GtkPopover *
lectern_compare_view_get_link_popover (LecternCompareView *self)
{
  g_return_val_if_fail (LECTERN_IS_COMPARE_VIEW (self), NULL);

  return GTK_POPOVER (self->link_popover);
}

static void
link_cb (LecternCompareView *self,
         guint               relation,
         const char         *note)
{
  g_autoptr(LecternPassageLink) link = NULL;
  g_autoptr(GError) error = NULL;

  link = lectern_passage_link_new (lectern_document_view_get_document (self->left_view),
                                   self->link_ranges[0], self->link_ranges[1],
                                   lectern_document_view_get_document (self->right_view),
                                   self->link_ranges[2], self->link_ranges[3],
                                   relation, note);
  if (!lectern_link_store_add (self->links, link, &error))
    {
      _lectern_compare_view_add_toast (self, adw_toast_new (error->message));
      return;
    }

  _lectern_compare_view_add_toast (self, adw_toast_new (_("Passages linked")));
}

static void
link_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lectern_compare_view_open_link_popover (LECTERN_COMPARE_VIEW (widget));
}

void
_lectern_compare_view_class_add_links (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, link_cb);
  gtk_widget_class_install_action (widget_class, "compare.link", NULL, link_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "compare.link", NULL);
}
