/* lectern-note-row.c: one highlight in the Notes view
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lectern-note-editor.h"
#include "lectern-accessible.h"
#include "lectern-note-row.h"

struct _LecternNoteRow
{
  GtkWidget               parent_instance;

  /* Template widgets */
  GtkWidget              *box;
  GtkWidget              *chip;
  GtkWidget              *orphaned;
  GtkWidget              *review_box;
  GtkLabel               *review_now;
  GtkWidget              *accept;
  GtkWidget              *orphan;
  GtkLabel               *quote;
  GtkStack               *note_stack;
  GtkLabel               *note;
  GtkWidget              *tags_box;
  GtkLabel               *meta;
  GtkWidget              *reattach;
  GtkWidget              *edit;
  GtkWidget              *delete;

  /* Made on the first edit */
  GtkTextView            *note_editor;

  LecternHighlight       *highlight;
  gulong                  notify_handler;
  LecternLibrary         *library;
  LecternAnnotationStore *store;
  LecternColorMeanings   *meanings;
};

G_DEFINE_FINAL_TYPE (LecternNoteRow, lectern_note_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HIGHLIGHT,
  PROP_LIBRARY,
  PROP_STORE,
  PROP_COLOR_MEANINGS,
  N_PROPS
};

enum {
  DELETE_REQUESTED,
  REATTACH_REQUESTED,
  ACCEPT_REVIEW_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const color_names[LECTERN_N_COLORS] = {
  N_("Yellow"), N_("Green"), N_("Blue"), N_("Red"), N_("Purple"),
};

/**
 * lectern_note_row_document_title:
 * @library: (nullable): the open documents
 * @store: (nullable): the highlights, which remember their documents' titles
 * @document_id: a document id
 *
 * Returns: the title of the document, open or not
 */
const char *
lectern_note_row_document_title (LecternLibrary         *library,
                                 LecternAnnotationStore *store,
                                 const char             *document_id)
{
  LecternDocument *document = NULL;
  const char *title = NULL;

  if (library != NULL)
    document = lectern_library_find_by_id (library, document_id);
  if (document != NULL)
    return lectern_document_get_title (document);

  if (store != NULL)
    lectern_annotation_store_lookup_document (store, document_id, NULL, &title);

  return title != NULL ? title : _("Unknown document");
}

/* gtk_widget_set_tooltip_text() asks where the pointer is each time (a
 * round trip to the X server); rows are made and bound by the dozen at
 * every filter change, so their tooltips are given when asked for. */
static char *
dup_tooltip (LecternNoteRow *self,
             GtkWidget      *widget)
{
  LecternColor color;

  if (widget == self->accept)
    return g_strdup (_("Keep the highlight on the text it now sits on"));
  if (widget == self->orphan)
    return g_strdup (_("The passage is gone: keep the highlight and its note aside"));
  if (widget == self->reattach)
    return g_strdup (_("Re-attach to the Selection in the Read View"));
  if (widget == self->edit)
    return g_strdup (_("Edit Note"));
  if (widget == self->delete)
    return g_strdup (_("Delete Highlight"));
  if (widget != self->chip || self->highlight == NULL)
    return NULL;

  color = lectern_highlight_get_color (self->highlight);
  if (self->meanings == NULL)
    return g_strdup (_(color_names[color]));
  return g_strdup_printf ("%s (%s)", lectern_color_meanings_get (self->meanings, color),
                          _(color_names[color]));
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  LecternNoteRow *self = LECTERN_NOTE_ROW (user_data);
  g_autofree char *text = dup_tooltip (self, widget);

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
update_chip (LecternNoteRow *self)
{
  g_autofree char *chip_class = NULL;

  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      g_autofree char *name = g_strdup_printf ("lectern-color-%s", lectern_color_to_string (i));
      gtk_widget_remove_css_class (self->chip, name);
    }
  chip_class = g_strdup_printf ("lectern-color-%s",
                                lectern_color_to_string (lectern_highlight_get_color (self->highlight)));
  gtk_widget_add_css_class (self->chip, chip_class);
}

static void
update_tags (LecternNoteRow *self)
{
  const char * const *tags = lectern_highlight_get_tags (self->highlight);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->tags_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->tags_box), child);

  /* One pill per tag: the only widgets made here, as many as the
   * highlight has tags. */
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *text = g_strdup_printf ("#%s", tags[i]);
      const char *css_classes[] = { "lectern-tag", NULL };

      gtk_box_append (GTK_BOX (self->tags_box),
                      g_object_new (GTK_TYPE_LABEL, "label", text, "css-classes", css_classes, NULL));
    }
  gtk_widget_set_visible (self->tags_box, tags != NULL && tags[0] != NULL);
}

static void
update_review (LecternNoteRow *self)
{
  LecternHighlight *highlight = self->highlight;
  LecternHighlightState state = lectern_highlight_get_state (highlight);
  LecternDocument *document = NULL;
  g_autofree char *now = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->orphaned, state == LECTERN_HIGHLIGHT_ORPHANED);
  gtk_widget_set_visible (self->reattach, state != LECTERN_HIGHLIGHT_ANCHORED);
  gtk_widget_set_visible (self->review_box, state == LECTERN_HIGHLIGHT_NEEDS_REVIEW);
  if (state != LECTERN_HIGHLIGHT_NEEDS_REVIEW)
    return;

  if (self->library != NULL)
    document = lectern_library_find_by_id (self->library, lectern_highlight_get_document_id (highlight));
  if (document != NULL)
    now = lectern_document_dup_slice (document, lectern_highlight_get_start (highlight),
                                      lectern_highlight_get_end (highlight));
  text = g_strdup_printf (_("Now on: %s"), now != NULL ? now : _("(the document is not open)"));
  gtk_label_set_label (self->review_now, text);
}


/* A note of megabytes would take seconds to lay out in a row (issue
 * 19): the row shows its beginning, the editor holds it whole. */
#define ROW_NOTE_MAX_CHARS 2000

static void
set_note_label (GtkLabel   *label,
                const char *note)
{
  const char *end = note;
  g_autofree char *shown = NULL;

  for (guint i = 0; i < ROW_NOTE_MAX_CHARS && *end != '\0'; i++)
    end = g_utf8_next_char (end);

  if (*end == '\0')
    {
      gtk_label_set_label (label, note);
      return;
    }

  shown = g_strdup_printf ("%.*s…", (int)(end - note), note);
  gtk_label_set_label (label, shown);
}

static void
update (LecternNoteRow *self)
{
  LecternHighlight *highlight = self->highlight;
  const char *note;
  const char *title;
  g_autofree char *date = NULL;
  g_autofree char *full_date = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *description = NULL;

  if (highlight == NULL)
    return;

  update_chip (self);
  gtk_label_set_label (self->quote, lectern_highlight_get_exact (highlight));

  note = lectern_highlight_get_note (highlight);
  set_note_label (self->note, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note), note != NULL && note[0] != '\0');

  update_tags (self);

  title = lectern_note_row_document_title (self->library, self->store,
                                           lectern_highlight_get_document_id (highlight));
  /* ISO dates, as the exports write them; "12/07/26" reads three ways.
   * The full date and time, in the reader's words, on hover. */
  date = g_date_time_format (lectern_highlight_get_created (highlight), "%Y-%m-%d");
  full_date = g_date_time_format (lectern_highlight_get_created (highlight), "%c");
  meta = g_strdup_printf ("%s · %s", title, date);
  gtk_label_set_label (self->meta, meta);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->meta), full_date);

  /* A screen reader says the quote, then the note and where it is from. */
  description = note != NULL && note[0] != '\0' ? g_strdup_printf ("%s · %s", note, meta) : g_strdup (meta);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, lectern_highlight_get_exact (highlight),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  update_review (self);
}

/* Editing the note */

static void
save_note_clicked_cb (LecternNoteRow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_editor);
  g_autofree char *text = NULL;
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (self->highlight != NULL && g_strcmp0 (text, lectern_highlight_get_note (self->highlight) ?: "") != 0)
    lectern_highlight_set_note (self->highlight, text[0] != '\0' ? text : NULL);
  gtk_stack_set_visible_child_name (self->note_stack, "view");
}

static void
cancel_note_clicked_cb (LecternNoteRow *self)
{
  gtk_stack_set_visible_child_name (self->note_stack, "view");
}

/* The editor of a row's note is built when the note is first edited:
 * most rows never are, and the list makes a row for each visible item. */
static void
ensure_note_editor (LecternNoteRow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GtkBuilderScope) scope = NULL;
  GtkBox *box;

  if (self->note_editor != NULL)
    return;

  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "cancel_note_clicked_cb", G_CALLBACK (cancel_note_clicked_cb),
                                           "save_note_clicked_cb", G_CALLBACK (save_note_clicked_cb),
                                           NULL);
  builder = gtk_builder_new ();
  gtk_builder_set_scope (builder, scope);
  gtk_builder_set_current_object (builder, G_OBJECT (self));
  if (!gtk_builder_add_from_resource (builder, RESOURCE_BASE "/ui/lectern-note-row-editor.ui", NULL))
    g_assert_not_reached ();

  box = GTK_BOX (gtk_builder_get_object (builder, "editor_box"));
  gtk_box_prepend (box, lectern_note_editor_new (&self->note_editor, 72, 200));
  gtk_stack_add_named (self->note_stack, GTK_WIDGET (box), "edit");
}

static void
edit_note_clicked_cb (LecternNoteRow *self)
{
  const char *note = self->highlight != NULL ? lectern_highlight_get_note (self->highlight) : NULL;

  ensure_note_editor (self);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_editor), note ? note : "", -1);
  gtk_stack_set_visible_child_name (self->note_stack, "edit");
  gtk_widget_grab_focus (GTK_WIDGET (self->note_editor));
}

/* What the row asks of its view, or does itself */

static void
emit_for_highlight (LecternNoteRow *self,
                    guint           signal)
{
  if (self->highlight != NULL)
    g_signal_emit (self, signals[signal], 0, self->highlight);
}

static void
accept_clicked_cb (LecternNoteRow *self)
{
  emit_for_highlight (self, ACCEPT_REVIEW_REQUESTED);
}

static void
reattach_clicked_cb (LecternNoteRow *self)
{
  emit_for_highlight (self, REATTACH_REQUESTED);
}

static void
delete_clicked_cb (LecternNoteRow *self)
{
  emit_for_highlight (self, DELETE_REQUESTED);
}

static void
mark_orphaned_clicked_cb (LecternNoteRow *self)
{
  if (self->highlight != NULL)
    lectern_highlight_set_state (self->highlight, LECTERN_HIGHLIGHT_ORPHANED);
}

/* GObject */

static void
lectern_note_row_dispose (GObject *object)
{
  LecternNoteRow *self = LECTERN_NOTE_ROW (object);

  lectern_note_row_set_highlight (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_NOTE_ROW);
  g_clear_object (&self->library);
  g_clear_object (&self->store);
  g_clear_object (&self->meanings);

  G_OBJECT_CLASS (lectern_note_row_parent_class)->dispose (object);
}

static void
lectern_note_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LecternNoteRow *self = LECTERN_NOTE_ROW (object);

  switch (prop_id)
    {
    case PROP_HIGHLIGHT:
      g_value_set_object (value, self->highlight);
      break;

    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_COLOR_MEANINGS:
      g_value_set_object (value, self->meanings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_note_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LecternNoteRow *self = LECTERN_NOTE_ROW (object);

  switch (prop_id)
    {
    case PROP_HIGHLIGHT:
      lectern_note_row_set_highlight (self, g_value_get_object (value));
      break;

    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;

    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_COLOR_MEANINGS:
      lectern_note_row_set_color_meanings (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_properties (GObjectClass *object_class)
{
  properties[PROP_HIGHLIGHT] =
    g_param_spec_object ("highlight", NULL, NULL, LECTERN_TYPE_HIGHLIGHT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, LECTERN_TYPE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LECTERN_TYPE_ANNOTATION_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR_MEANINGS] =
    g_param_spec_object ("color-meanings", NULL, NULL, LECTERN_TYPE_COLOR_MEANINGS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static guint
new_request_signal (GObjectClass *object_class,
                    const char   *name)
{
  return g_signal_new (name, G_TYPE_FROM_CLASS (object_class), G_SIGNAL_RUN_LAST,
                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, LECTERN_TYPE_HIGHLIGHT);
}

static void
lectern_note_row_class_init (LecternNoteRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lectern_note_row_dispose;
  object_class->get_property = lectern_note_row_get_property;
  object_class->set_property = lectern_note_row_set_property;
  install_properties (object_class);

  /* What the reader asks of the view, with the row's highlight: to delete
   * it, to put it on the Read view's selection, to accept the text it was
   * moved to. */
  signals[DELETE_REQUESTED] = new_request_signal (object_class, "delete-requested");
  signals[REATTACH_REQUESTED] = new_request_signal (object_class, "reattach-requested");
  signals[ACCEPT_REVIEW_REQUESTED] = new_request_signal (object_class, "accept-review-requested");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lectern-note-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternNoteRow, box);
  gtk_widget_class_bind_template_child (widget_class, LecternNoteRow, chip);
  gtk_widget_class_bind_template_child (widget_class, LecternNoteRow, orphaned);
  gtk_widget_class_bind_template_child (widget_class, LecternNoteRow, review_box);
  gtk_widget_class_bind_template_child (widget_class, LecternNoteRow, review_now);
  gtk_widget_class_bind_template_child (widget_class, LecternNoteRow, accept);
  gtk_widget_class_bind_template_child (widget_class, LecternNoteRow, orphan);
  gtk_widget_class_bind_template_child (widget_class, LecternNoteRow, quote);
  gtk_widget_class_bind_template_child (widget_class, LecternNoteRow, note_stack);
  gtk_widget_class_bind_template_child (widget_class, LecternNoteRow, note);
  gtk_widget_class_bind_template_child (widget_class, LecternNoteRow, tags_box);
  gtk_widget_class_bind_template_child (widget_class, LecternNoteRow, meta);
  gtk_widget_class_bind_template_child (widget_class, LecternNoteRow, reattach);
  gtk_widget_class_bind_template_child (widget_class, LecternNoteRow, edit);
  gtk_widget_class_bind_template_child (widget_class, LecternNoteRow, delete);
  gtk_widget_class_bind_template_callback (widget_class, query_tooltip_cb);
  gtk_widget_class_bind_template_callback (widget_class, accept_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, mark_orphaned_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reattach_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_note_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
}

static void
lectern_note_row_init (LecternNoteRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lectern_accessible_name_mnemonics (GTK_WIDGET (self));
}

/**
 * lectern_note_row_new:
 * @library: (nullable): the open documents, for titles and text under review
 * @store: (nullable): the highlights, for titles of documents not open
 *
 * Returns: a row to show a highlight in
 */
GtkWidget *
lectern_note_row_new (LecternLibrary         *library,
                      LecternAnnotationStore *store)
{
  return g_object_new (LECTERN_TYPE_NOTE_ROW, "library", library, "store", store, NULL);
}

LecternHighlight *
lectern_note_row_get_highlight (LecternNoteRow *self)
{
  g_return_val_if_fail (LECTERN_IS_NOTE_ROW (self), NULL);

  return self->highlight;
}

/**
 * lectern_note_row_set_highlight:
 * @self: a #LecternNoteRow
 * @highlight: (nullable): the highlight to show
 *
 * Shows @highlight, following its changes, with its note not in editing.
 */
void
lectern_note_row_set_highlight (LecternNoteRow   *self,
                                LecternHighlight *highlight)
{
  g_return_if_fail (LECTERN_IS_NOTE_ROW (self));

  if (self->highlight == highlight)
    return;

  if (self->highlight != NULL)
    g_clear_signal_handler (&self->notify_handler, self->highlight);
  g_set_object (&self->highlight, highlight);
  if (highlight != NULL)
    {
      self->notify_handler = g_signal_connect_swapped (highlight, "notify", G_CALLBACK (update), self);
      gtk_stack_set_visible_child_name (self->note_stack, "view");
      update (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT]);
}

/**
 * lectern_note_row_set_color_meanings:
 * @self: a #LecternNoteRow
 * @meanings: (nullable): what the colours stand for, named in the colour's tooltip
 */
void
lectern_note_row_set_color_meanings (LecternNoteRow       *self,
                                     LecternColorMeanings *meanings)
{
  g_return_if_fail (LECTERN_IS_NOTE_ROW (self));

  if (g_set_object (&self->meanings, meanings))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR_MEANINGS]);
}
