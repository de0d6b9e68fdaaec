/* lectern-link-row.c: one passage link in the Notes view
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lectern-link-row.h"

struct _LecternLinkRow
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkWidget          *box;
  GtkLabel           *relation;
  GtkLabel           *left_quote;
  GtkLabel           *right_quote;
  GtkLabel           *note;
  GtkLabel           *meta;
  GtkWidget          *delete;

  LecternPassageLink *link;
  gulong              notify_handler;
};

G_DEFINE_FINAL_TYPE (LecternLinkRow, lectern_link_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LINK,
  N_PROPS
};

enum {
  DELETE_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Given when asked for, as the highlight rows' (see lectern-note-row.c). */
static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  gtk_tooltip_set_text (tooltip, _("Delete Link"));
  return TRUE;
}

static void
delete_clicked_cb (LecternLinkRow *self)
{
  if (self->link != NULL)
    g_signal_emit (self, signals[DELETE_REQUESTED], 0, self->link);
}

static void
update_relation (LecternLinkRow *self)
{
  LecternRelation relation = lectern_passage_link_get_relation (self->link);
  g_autofree char *relation_class = NULL;

  for (guint i = 0; i < LECTERN_N_RELATIONS; i++)
    {
      g_autofree char *name = g_strdup_printf ("lectern-relation-%s", lectern_relation_to_string (i));
      gtk_widget_remove_css_class (GTK_WIDGET (self->relation), name);
    }
  relation_class = g_strdup_printf ("lectern-relation-%s", lectern_relation_to_string (relation));
  gtk_widget_add_css_class (GTK_WIDGET (self->relation), relation_class);
  gtk_label_set_label (self->relation, lectern_relation_get_label (relation));
}

static void
update (LecternLinkRow *self)
{
  LecternPassageLink *link = self->link;
  GtkLabel *quotes[2] = { self->left_quote, self->right_quote };
  const char *note;
  g_autofree char *meta = NULL;
  g_autofree char *date = NULL;

  if (link == NULL)
    return;

  update_relation (self);

  for (guint side = 0; side < 2; side++)
    {
      const char *exact = lectern_passage_link_get_exact (link, side);

      if (lectern_passage_link_get_state (link, side) == LECTERN_HIGHLIGHT_ORPHANED)
        {
          g_autofree char *marked = g_strdup_printf (_("(no longer in the document) %s"), exact);
          gtk_label_set_label (quotes[side], marked);
        }
      else
        gtk_label_set_label (quotes[side], exact);
    }

  note = lectern_passage_link_get_note (link);
  gtk_label_set_label (self->note, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note), note != NULL && note[0] != '\0');

  date = g_date_time_format (lectern_passage_link_get_created (link), "%x");
  /* Translators: left document title ↔ right document title · date */
  meta = g_strdup_printf (_("%s ↔ %s · %s"),
                          lectern_passage_link_get_document_title (link, LECTERN_LINK_SIDE_LEFT),
                          lectern_passage_link_get_document_title (link, LECTERN_LINK_SIDE_RIGHT),
                          date);
  gtk_label_set_label (self->meta, meta);
}

static void
lectern_link_row_dispose (GObject *object)
{
  LecternLinkRow *self = LECTERN_LINK_ROW (object);

  lectern_link_row_set_link (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_LINK_ROW);

  G_OBJECT_CLASS (lectern_link_row_parent_class)->dispose (object);
}

static void
lectern_link_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LecternLinkRow *self = LECTERN_LINK_ROW (object);

  switch (prop_id)
    {
    case PROP_LINK:
      g_value_set_object (value, self->link);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_link_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LecternLinkRow *self = LECTERN_LINK_ROW (object);

  switch (prop_id)
    {
    case PROP_LINK:
      lectern_link_row_set_link (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_link_row_class_init (LecternLinkRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lectern_link_row_dispose;
  object_class->get_property = lectern_link_row_get_property;
  object_class->set_property = lectern_link_row_set_property;

  properties[PROP_LINK] =
    g_param_spec_object ("link", NULL, NULL, LECTERN_TYPE_PASSAGE_LINK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LecternLinkRow::delete-requested:
   * @self: a #LecternLinkRow
   * @link: the row's passage link
   */
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LECTERN_TYPE_PASSAGE_LINK);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lectern-link-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternLinkRow, box);
  gtk_widget_class_bind_template_child (widget_class, LecternLinkRow, relation);
  gtk_widget_class_bind_template_child (widget_class, LecternLinkRow, left_quote);
  gtk_widget_class_bind_template_child (widget_class, LecternLinkRow, right_quote);
  gtk_widget_class_bind_template_child (widget_class, LecternLinkRow, note);
  gtk_widget_class_bind_template_child (widget_class, LecternLinkRow, meta);
  gtk_widget_class_bind_template_child (widget_class, LecternLinkRow, delete);
  gtk_widget_class_bind_template_callback (widget_class, query_tooltip_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
}

static void
lectern_link_row_init (LecternLinkRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lectern_link_row_new (void)
{
  return g_object_new (LECTERN_TYPE_LINK_ROW, NULL);
}

LecternPassageLink *
lectern_link_row_get_link (LecternLinkRow *self)
{
  g_return_val_if_fail (LECTERN_IS_LINK_ROW (self), NULL);

  return self->link;
}

/**
 * lectern_link_row_set_link:
 * @self: a #LecternLinkRow
 * @link: (nullable): the passage link to show
 *
 * Shows @link and follows its changes.
 */
void
lectern_link_row_set_link (LecternLinkRow     *self,
                           LecternPassageLink *link)
{
  g_return_if_fail (LECTERN_IS_LINK_ROW (self));

  if (self->link == link)
    return;

  if (self->link != NULL)
    g_clear_signal_handler (&self->notify_handler, self->link);
  g_set_object (&self->link, link);
  if (link != NULL)
    {
      self->notify_handler = g_signal_connect_swapped (link, "notify", G_CALLBACK (update), self);
      update (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINK]);
}
