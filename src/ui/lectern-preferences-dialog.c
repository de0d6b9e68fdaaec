/* lectern-preferences-dialog.c: the colour meanings, edited
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-color-children.h"

#include "lectern-preferences-dialog.h"

/* One row per colour; the meanings change as the reader types, and the
 * session saves them once typing pauses. */
struct _LecternPreferencesDialog
{
  AdwPreferencesWindow  parent_instance;

  LecternColorMeanings *meanings;

  /* Template widgets, in the order of LecternColor */
  GtkEditable          *rows[LECTERN_N_COLORS];
};

G_DEFINE_FINAL_TYPE (LecternPreferencesDialog, lectern_preferences_dialog, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_MEANINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_meanings (LecternPreferencesDialog *self)
{
  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    gtk_editable_set_text (self->rows[i], lectern_color_meanings_get (self->meanings, i));
}

static void
meaning_changed_cb (GtkEditable              *row,
                    LecternPreferencesDialog *self)
{
  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      if (self->rows[i] == row && self->meanings != NULL)
        lectern_color_meanings_set (self->meanings, i, gtk_editable_get_text (row));
    }
}

static void
reset_clicked_cb (LecternPreferencesDialog *self)
{
  lectern_color_meanings_reset (self->meanings);
  show_meanings (self);
}

static void
lectern_preferences_dialog_constructed (GObject *object)
{
  LecternPreferencesDialog *self = LECTERN_PREFERENCES_DIALOG (object);

  G_OBJECT_CLASS (lectern_preferences_dialog_parent_class)->constructed (object);

  g_assert (LECTERN_IS_COLOR_MEANINGS (self->meanings));
  show_meanings (self);
}

static void
lectern_preferences_dialog_dispose (GObject *object)
{
  LecternPreferencesDialog *self = LECTERN_PREFERENCES_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_PREFERENCES_DIALOG);
  g_clear_object (&self->meanings);

  G_OBJECT_CLASS (lectern_preferences_dialog_parent_class)->dispose (object);
}

static void
lectern_preferences_dialog_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  LecternPreferencesDialog *self = LECTERN_PREFERENCES_DIALOG (object);

  switch (prop_id)
    {
    case PROP_MEANINGS:
      self->meanings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_preferences_dialog_class_init (LecternPreferencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lectern_preferences_dialog_constructed;
  object_class->dispose = lectern_preferences_dialog_dispose;
  object_class->set_property = lectern_preferences_dialog_set_property;

  properties[PROP_MEANINGS] =
    g_param_spec_object ("meanings", NULL, NULL,
                         LECTERN_TYPE_COLOR_MEANINGS,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lectern-preferences-dialog.ui");
  lectern_widget_class_bind_color_children (widget_class, "", "_row",
                                            G_STRUCT_OFFSET (LecternPreferencesDialog, rows));
  gtk_widget_class_bind_template_callback (widget_class, meaning_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_clicked_cb);
}

static void
lectern_preferences_dialog_init (LecternPreferencesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rows[i]), lectern_color_get_label (i));
      gtk_editable_set_max_width_chars (self->rows[i], LECTERN_COLOR_MEANING_MAX_CHARS);
    }
}

/**
 * lectern_preferences_dialog_new:
 * @meanings: the colour meanings to edit
 *
 * Returns: (transfer full): a new preferences window showing @meanings
 */
LecternPreferencesDialog *
lectern_preferences_dialog_new (LecternColorMeanings *meanings)
{
  g_return_val_if_fail (LECTERN_IS_COLOR_MEANINGS (meanings), NULL);

  return g_object_new (LECTERN_TYPE_PREFERENCES_DIALOG,
                       "meanings", meanings,
                       NULL);
}
