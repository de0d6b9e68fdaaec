/* lectern-compare-view-marks.c: what the Compare view marks in its panes, and the terms lists
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lectern-compare-view-private.h"
#include "lectern-term-row.h"

/* Marks: the focused passage on its side, its matches on the other */

static GtkTextTag *
ensure_tag (GtkTextBuffer *buffer,
            const char    *name)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, name);

  if (tag != NULL)
    return tag;

  if (g_str_equal (name, "compare-focus"))
    return gtk_text_buffer_create_tag (buffer, name,
                                       "paragraph-background-rgba", &(GdkRGBA) { 0.21, 0.52, 0.89, 0.10 },
                                       NULL);
  if (g_str_equal (name, "compare-match"))
    return gtk_text_buffer_create_tag (buffer, name,
                                       "paragraph-background-rgba", &(GdkRGBA) { 0.21, 0.52, 0.89, 0.18 },
                                       NULL);
  if (g_str_equal (name, "compare-hover"))
    return gtk_text_buffer_create_tag (buffer, name,
                                       "paragraph-background-rgba", &(GdkRGBA) { 0.5, 0.5, 0.5, 0.10 },
                                       NULL);

  return gtk_text_buffer_create_tag (buffer, name,
                                     "underline", PANGO_UNDERLINE_SINGLE,
                                     "background-rgba", &(GdkRGBA) { 0.96, 0.47, 0.0, 0.30 },
                                     NULL);
}

void
_lectern_compare_view_clear_tag (LecternCompareView *self,
           const char         *name)
{
  for (guint side = 0; side < 2; side++)
    {
      GtkTextBuffer *buffer = _lectern_compare_view_pane_buffer (self, side);
      GtkTextIter start;
      GtkTextIter end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      gtk_text_buffer_remove_tag (buffer, ensure_tag (buffer, name), &start, &end);
    }
}

void
_lectern_compare_view_tag_range (LecternCompareView *self,
           LecternSide         side,
           const char         *name,
           guint               start,
           guint               end)
{
  GtkTextBuffer *buffer = _lectern_compare_view_pane_buffer (self, side);
  GtkTextIter a;
  GtkTextIter b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_buffer_apply_tag (buffer, ensure_tag (buffer, name), &a, &b);
}

void
_lectern_compare_view_mark_passage (LecternCompareView *self,
              LecternSide         side,
              int                 index,
              const char         *focus_tag,
              const char         *match_tag)
{
  LecternSide other = side == LECTERN_SIDE_A ? LECTERN_SIDE_B : LECTERN_SIDE_A;
  const LecternPassage *passage;
  const LecternPassageMatch *matches;
  guint n;

  if (index < 0)
    return;

  passage = lectern_comparison_get_passage (self->comparison, side, index);
  _lectern_compare_view_tag_range (self, side, focus_tag, passage->start, passage->end);

  n = lectern_comparison_get_matches (self->comparison, side, index, &matches);
  for (guint i = 0; i < n; i++)
    {
      const LecternPassage *target = lectern_comparison_get_passage (self->comparison, other, matches[i].passage);
      _lectern_compare_view_tag_range (self, other, match_tag, target->start, target->end);
    }
}

void
_lectern_compare_view_update_status (LecternCompareView *self,
               const char         *extra)
{
  g_autofree char *text = NULL;
  guint links;

  if (self->comparison == NULL || !lectern_comparison_is_ready (self->comparison))
    {
      gtk_label_set_label (self->status_label, "");
      return;
    }

  links = lectern_comparison_count_links (self->comparison);
  if (self->selected_passage >= 0)
    {
      const LecternPassageMatch *matches;
      guint n = lectern_comparison_get_matches (self->comparison, self->selected_side,
                                                (guint)self->selected_passage, &matches);
      g_autofree char *terms = n > 0 && matches[0].shared_terms != NULL
        ? g_strjoinv (", ", (char **)matches[0].shared_terms) : NULL;

      if (n == 0)
        text = g_strdup (_("This passage has no related passage on the other side"));
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u related passage; the best shares: %s",
                                             "%u related passages; the best shares: %s", n),
                                n, terms != NULL ? terms : "—");
    }
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u link between related passages. Click a passage to see its matches.",
                                         "%u links between related passages. Click a passage to see its matches.",
                                         links),
                            links);

  if (extra != NULL)
    {
      char *joined = g_strdup_printf ("%s · %s", extra, text);
      g_free (text);
      text = joined;
    }

  gtk_label_set_label (self->status_label, text);
}

/* Terms */

/**
 * lectern_compare_view_show_term:
 * @self: a #LecternCompareView
 * @term: a term as shown in the terms lists
 * @count_left: (out) (optional): occurrences in the left document
 * @count_right: (out) (optional): occurrences in the right document
 *
 * Marks every occurrence of @term in both panes and scrolls each to its
 * first one.
 *
 * Returns: the number of occurrences in both
 */
guint
lectern_compare_view_show_term (LecternCompareView *self,
                                const char         *term,
                                guint              *count_left,
                                guint              *count_right)
{
  guint counts[2] = { 0, 0 };
  g_autofree char *extra = NULL;

  g_return_val_if_fail (LECTERN_IS_COMPARE_VIEW (self), 0);

  _lectern_compare_view_clear_tag (self, "compare-term");
  if (self->comparison == NULL || !lectern_comparison_is_ready (self->comparison))
    return 0;

  for (guint side = 0; side < 2; side++)
    {
      g_autoptr(GArray) occurrences = g_array_new (FALSE, FALSE, sizeof (LecternTermOccurrence));

      counts[side] = lectern_comparison_find_term_occurrences (self->comparison, side, term, occurrences);
      for (guint i = 0; i < occurrences->len; i++)
        {
          const LecternTermOccurrence *occ = &g_array_index (occurrences, LecternTermOccurrence, i);
          _lectern_compare_view_tag_range (self, side, "compare-term", occ->start, occ->end);
        }
      if (occurrences->len > 0)
        lectern_document_view_scroll_to_offset (_lectern_compare_view_pane (self, side),
                                                g_array_index (occurrences, LecternTermOccurrence, 0).start,
                                                FALSE);
    }

  /* Translators: a term, then how often it occurs in the left and the right document */
  extra = g_strdup_printf (_("“%s”: %u on the left, %u on the right"), term, counts[0], counts[1]);
  _lectern_compare_view_update_status (self, extra);

  if (count_left != NULL)
    *count_left = counts[0];
  if (count_right != NULL)
    *count_right = counts[1];

  return counts[0] + counts[1];
}

static void
term_activated_cb (LecternCompareView *self,
                   GtkListBoxRow      *row)
{
  if (LECTERN_IS_TERM_ROW (row))
    lectern_compare_view_show_term (self, lectern_term_row_get_term (LECTERN_TERM_ROW (row)), NULL, NULL);
}

void
_lectern_compare_view_fill_terms (LecternCompareView *self,
            GtkListBox         *list,
            LecternTermList     which)
{
  g_autoptr(GPtrArray) terms = NULL;
  GtkListBoxRow *old_row;

  /* Rows only: the placeholder is a child too, and must stay. */
  while ((old_row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (old_row));

  if (self->comparison == NULL || !lectern_comparison_is_ready (self->comparison))
    return;

  terms = lectern_comparison_get_terms (self->comparison, which);
  for (guint i = 0; terms != NULL && i < terms->len; i++)
    gtk_list_box_append (list, lectern_term_row_new (g_ptr_array_index (terms, i), which));
}

void
_lectern_compare_view_fill_all_terms (LecternCompareView *self)
{
  _lectern_compare_view_fill_terms (self, self->only_left_list, LECTERN_TERM_LIST_ONLY_A);
  _lectern_compare_view_fill_terms (self, self->more_left_list, LECTERN_TERM_LIST_MORE_A);
  _lectern_compare_view_fill_terms (self, self->shared_list, LECTERN_TERM_LIST_SHARED);
  _lectern_compare_view_fill_terms (self, self->more_right_list, LECTERN_TERM_LIST_MORE_B);
  _lectern_compare_view_fill_terms (self, self->only_right_list, LECTERN_TERM_LIST_ONLY_B);
}

/* The headings say left and right, as the columns stand: two titles
 * often share their start and would be cut to the same words.  The
 * title is in the tooltip. */
static void
set_side_tooltips (GtkLabel        *only_label,
                   GtkLabel        *more_label,
                   LecternDocument *document)
{
  const char *title = document != NULL ? lectern_document_get_title (document) : "—";
  g_autofree char *only_text = NULL;
  g_autofree char *more_text = NULL;

  /* Translators: the heading of the terms only the left document uses */
  only_text = g_strdup_printf (_("Only in “%s”"), title);
  /* Translators: tooltip of the list of terms both documents use, this one
   * more often for its length (the counts are left · right) */
  more_text = g_strdup_printf (_("Used by both, more often for its length in “%s”"), title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (only_label), only_text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (more_label), more_text);
}

void
_lectern_compare_view_set_side_labels (LecternCompareView *self)
{
  set_side_tooltips (self->only_left_label, self->more_left_label,
                     lectern_document_view_get_document (self->left_view));
  set_side_tooltips (self->only_right_label, self->more_right_label,
                     lectern_document_view_get_document (self->right_view));
}

void
_lectern_compare_view_class_add_terms (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, term_activated_cb);
}
