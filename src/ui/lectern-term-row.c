/* lectern-term-row.c: a term of the Compare view's lists, with its counts
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lectern-term-row.h"

struct _LecternTermRow
{
  GtkListBoxRow  parent_instance;

  /* Template widgets */
  GtkLabel      *term_label;
  GtkLabel      *count_label;

  char          *term;
};

G_DEFINE_FINAL_TYPE (LecternTermRow, lectern_term_row, GTK_TYPE_LIST_BOX_ROW)

static void
lectern_term_row_finalize (GObject *object)
{
  LecternTermRow *self = LECTERN_TERM_ROW (object);

  g_free (self->term);

  G_OBJECT_CLASS (lectern_term_row_parent_class)->finalize (object);
}

static void
lectern_term_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LECTERN_TYPE_TERM_ROW);

  G_OBJECT_CLASS (lectern_term_row_parent_class)->dispose (object);
}

static void
lectern_term_row_class_init (LecternTermRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lectern_term_row_dispose;
  object_class->finalize = lectern_term_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lectern-term-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternTermRow, term_label);
  gtk_widget_class_bind_template_child (widget_class, LecternTermRow, count_label);
}

static void
lectern_term_row_init (LecternTermRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lectern_term_row_new:
 * @term: a term of a comparison
 * @which: the list it is shown in: all but the only-lists show both counts
 *
 * Returns: (transfer floating): a row showing @term
 */
GtkWidget *
lectern_term_row_new (const LecternTerm *term,
                      LecternTermList    which)
{
  LecternTermRow *self;
  g_autofree char *counts = NULL;
  g_autofree char *tooltip = NULL;

  g_return_val_if_fail (term != NULL, NULL);

  self = g_object_new (LECTERN_TYPE_TERM_ROW, NULL);
  self->term = g_strdup (term->text);
  gtk_label_set_label (self->term_label, term->text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, term->text, -1);

  /* An only-list's word has no count on the other side: one number. */
  if (which == LECTERN_TERM_LIST_ONLY_A || which == LECTERN_TERM_LIST_ONLY_B)
    counts = g_strdup_printf ("%u", which == LECTERN_TERM_LIST_ONLY_A ? term->count_a : term->count_b);
  else
    counts = g_strdup_printf ("%u · %u", term->count_a, term->count_b);
  gtk_label_set_label (self->count_label, counts);

  tooltip = g_strdup_printf (_("%u on the left, %u on the right"), term->count_a, term->count_b);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);

  return GTK_WIDGET (self);
}

/**
 * lectern_term_row_get_term:
 * @self: a #LecternTermRow
 *
 * Returns: the term, as shown
 */
const char *
lectern_term_row_get_term (LecternTermRow *self)
{
  g_return_val_if_fail (LECTERN_IS_TERM_ROW (self), NULL);

  return self->term;
}
