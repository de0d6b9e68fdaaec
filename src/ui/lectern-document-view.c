/* lectern-document-view.c: a document rendered for reading, with highlights
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lectern-document-view.h"
#include "lectern-note-editor.h"

struct _LecternDocumentView
{
  GtkWidget               parent_instance;

  /* Template widgets */
  GtkWidget              *box;
  GtkSearchBar           *search_bar;
  GtkSearchEntry         *search_entry;
  GtkLabel               *search_count;
  GtkProgressBar         *progress_bar;
  GtkScrolledWindow      *scroller;
  AdwClampScrollable     *clamp;
  GtkTextView            *text_view;

  /* The popover shown on a selection, and the one that edits a highlight */
  GtkPopover             *selection_popover;
  GtkPopover             *edit_popover;
  GtkToggleButton        *edit_colors[LECTERN_N_COLORS];
  GtkWidget              *selection_colors[LECTERN_N_COLORS];
  LecternColorMeanings   *meanings;
  GtkTextView            *edit_note;
  GtkEntry               *edit_tags;
  LecternHighlight       *editing;

  /* Markers of highlights with notes, as drawn in the last frame */
  GArray                 *note_markers;
  GtkPopover             *note_peek;
  GtkLabel               *note_peek_label;

  /* Find: match ranges as pairs of character offsets */
  GArray                 *matches;
  int                     current_match;
  GtkTextTag             *match_tag;
  GtkTextTag             *current_match_tag;

  LecternDocument        *document;
  LecternAnnotationStore *store;
  GtkCssProvider         *css;
  GtkTextTag             *highlight_tags[LECTERN_N_COLORS];
  GtkTextTag             *overlap_tag;
  GtkTextTag             *flash_tag;
  guint                   flash_source;
  guint                   insert_source;
  guint                   highlights_source;
  gsize                   inserted_bytes;
  int                     pending_scroll;
  gboolean                pending_flash;
  guint                   progress_source;
  gulong                  store_changed_handler;
  double                  text_scale;
};

G_DEFINE_FINAL_TYPE (LecternDocumentView, lectern_document_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_TEXT_SCALE,
  PROP_PROGRESS,
  N_PROPS
};

enum {
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Find marks at most this many matches; the count says "more than". */
#define MAX_MATCHES 5000
/* Characters of context kept on each side of a highlight's quote. */
#define CONTEXT_CHARS 32

static void show_note_peek (LecternDocumentView *self,
                            LecternHighlight    *highlight);

/* The GNOME palette's strong tones, drawn translucent so text stays
 * readable on light and dark backgrounds. */
static const char * const highlight_colors[LECTERN_N_COLORS] = {
  "#f6d32d", "#33d17a", "#3584e4", "#e01b24", "#c061cb",
};

static void
create_style_tags (GtkTextBuffer *buffer)
{
  static const double heading_scales[] = { 1.8, 1.45, 1.25, 1.12, 1.0, 1.0 };

  for (guint i = 0; i < G_N_ELEMENTS (heading_scales); i++)
    {
      g_autofree char *name = g_strdup_printf ("h%u", i + 1);

      gtk_text_buffer_create_tag (buffer, name,
                                  "scale", heading_scales[i],
                                  "weight", i < 4 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_SEMIBOLD,
                                  "style", i == 5 ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL,
                                  "pixels-above-lines", i < 2 ? 22 : 14,
                                  "pixels-below-lines", 10,
                                  "accumulative-margin", TRUE,
                                  NULL);
    }

  for (guint depth = 1; depth <= 6; depth++)
    {
      g_autofree char *name = g_strdup_printf ("list-%u", depth);

      /* A hanging indent lines wrapped lines up with the text after the bullet. */
      gtk_text_buffer_create_tag (buffer, name,
                                  "left-margin", 24 + 28 * depth,
                                  "indent", -20,
                                  "pixels-below-lines", 6,
                                  NULL);
    }

  gtk_text_buffer_create_tag (buffer, "quote",
                              "left-margin", 24 + 32,
                              "right-margin", 24 + 24,
                              "style", PANGO_STYLE_ITALIC,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "code-block",
                              "family", "Monospace",
                              "scale", 0.9,
                              "wrap-mode", GTK_WRAP_CHAR,
                              "left-margin", 24 + 16,
                              "pixels-inside-wrap", 1,
                              "paragraph-background", "rgba(127,127,127,0.10)",
                              NULL);
  gtk_text_buffer_create_tag (buffer, "rule",
                              "justification", GTK_JUSTIFY_CENTER,
                              "foreground", "rgba(127,127,127,0.8)",
                              "pixels-above-lines", 8,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "footnote",
                              "scale", 0.88,
                              "pixels-below-lines", 8,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "bold", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "italic", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "code",
                              "family", "Monospace",
                              "scale", 0.92,
                              "background", "rgba(127,127,127,0.14)",
                              NULL);
  gtk_text_buffer_create_tag (buffer, "superscript",
                              "rise", 5 * PANGO_SCALE,
                              "scale", 0.72,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "subscript",
                              "rise", -3 * PANGO_SCALE,
                              "scale", 0.72,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "link",
                              "underline", PANGO_UNDERLINE_SINGLE,
                              "foreground", "#1c71d8",
                              NULL);
  gtk_text_buffer_create_tag (buffer, "strikethrough", "strikethrough", TRUE, NULL);
  gtk_text_buffer_create_tag (buffer, "list-marker",
                              "foreground", "rgba(127,127,127,1.0)",
                              NULL);
}

static const char *
block_tag_name (const LecternBlock *block,
                char               *buf,
                gsize               len)
{
  switch (block->kind)
    {
    case LECTERN_BLOCK_HEADING:
      g_snprintf (buf, len, "h%u", CLAMP (block->level, 1, 6));
      return buf;

    case LECTERN_BLOCK_LIST_ITEM:
      g_snprintf (buf, len, "list-%u", CLAMP (block->level, 1, 6));
      return buf;

    case LECTERN_BLOCK_QUOTE:
      return "quote";

    case LECTERN_BLOCK_CODE:
      return "code-block";

    case LECTERN_BLOCK_RULE:
      return "rule";

    case LECTERN_BLOCK_FOOTNOTE:
      return "footnote";

    case LECTERN_BLOCK_PARAGRAPH:
    default:
      /* Plain paragraphs take the view's defaults: no tag, so a 10 MB
       * text of plain paragraphs costs no tagging at all. */
      return NULL;
    }
}

static const char *
run_tag_name (LecternStyle style)
{
  switch (style)
    {
    case LECTERN_STYLE_BOLD:
      return "bold";

    case LECTERN_STYLE_ITALIC:
      return "italic";

    case LECTERN_STYLE_CODE:
      return "code";

    case LECTERN_STYLE_SUPERSCRIPT:
      return "superscript";

    case LECTERN_STYLE_SUBSCRIPT:
      return "subscript";

    case LECTERN_STYLE_LINK:
      return "link";

    case LECTERN_STYLE_STRIKETHROUGH:
      return "strikethrough";

    case LECTERN_STYLE_LIST_MARKER:
      return "list-marker";

    default:
      g_return_val_if_reached (NULL);
    }
}

static void
apply_tag_by_offsets (GtkTextBuffer *buffer,
                      const char    *name,
                      guint          start,
                      guint          end)
{
  GtkTextIter a;
  GtkTextIter b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_buffer_apply_tag_by_name (buffer, name, &a, &b);
}

static void
apply_document_styles (GtkTextBuffer   *buffer,
                       LecternDocument *document)
{
  const LecternBlock *blocks;
  const LecternStyleRun *runs;
  guint n_blocks;
  guint n_runs;

  blocks = lectern_document_get_blocks (document, &n_blocks);
  for (guint i = 0; i < n_blocks; i++)
    {
      char buf[16];
      const char *name = block_tag_name (&blocks[i], buf, sizeof buf);

      if (name != NULL)
        apply_tag_by_offsets (buffer, name, blocks[i].start, blocks[i].end);
      if (blocks[i].quote_depth > 0 && blocks[i].kind != LECTERN_BLOCK_QUOTE)
        apply_tag_by_offsets (buffer, "quote", blocks[i].start, blocks[i].end);
    }

  runs = lectern_document_get_runs (document, &n_runs);
  for (guint i = 0; i < n_runs; i++)
    apply_tag_by_offsets (buffer, run_tag_name (runs[i].style), runs[i].start, runs[i].end);
}

static void
update_highlight_colors (LecternDocumentView *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      GdkRGBA rgba;

      gdk_rgba_parse (&rgba, highlight_colors[i]);
      /* Dark backgrounds need a stronger tint for the same visibility. */
      rgba.alpha = dark ? 0.42 : 0.36;
      g_object_set (self->highlight_tags[i], "background-rgba", &rgba, NULL);
    }

  /* Links in the GNOME palette's blue 3 on light, blue 1 on dark. */
  g_object_set (gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (self->text_view)), "link"),
                "foreground", dark ? "#99c1f1" : "#1c71d8",
                NULL);
}

static void
create_highlight_tags (LecternDocumentView *self,
                       GtkTextBuffer       *buffer)
{
  GdkRGBA flash = { 0.21, 0.52, 0.89, 0.28 };

  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      g_autofree char *name = g_strdup_printf ("highlight-%s", lectern_color_to_string (i));

      self->highlight_tags[i] = gtk_text_buffer_create_tag (buffer, name, NULL);
    }

  /* A highlight placed on look-alike text after an edit waits for review. */
  gtk_text_buffer_create_tag (buffer, "highlight-review",
                              "underline", PANGO_UNDERLINE_ERROR,
                              "underline-rgba", &(GdkRGBA) { 0.9, 0.38, 0.0, 1.0 },
                              NULL);

  /* Where highlights overlap, an underline shows that more than one is there. */
  self->overlap_tag = gtk_text_buffer_create_tag (buffer, "highlight-overlap",
                                                  "underline", PANGO_UNDERLINE_DOUBLE,
                                                  NULL);
  self->flash_tag = gtk_text_buffer_create_tag (buffer, "flash",
                                                "background-rgba", &flash,
                                                NULL);
  update_highlight_colors (self);
}

static void
clear_highlight_tags (LecternDocumentView *self,
                      GtkTextBuffer       *buffer)
{
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    gtk_text_buffer_remove_tag (buffer, self->highlight_tags[i], &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->overlap_tag, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "highlight-review", &start, &end);
}

static void
apply_highlights (LecternDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autoptr(GPtrArray) highlights = NULL;
  guint reach = 0;

  g_clear_handle_id (&self->highlights_source, g_source_remove);
  clear_highlight_tags (self, buffer);

  /* A long text still arriving gets its highlights once it is all there. */
  if (self->document == NULL || self->store == NULL || self->insert_source != 0)
    return;

  /* Sorted by start: a highlight starting before the furthest end seen
   * so far overlaps an earlier one. */
  highlights = lectern_annotation_store_list_for_document (self->store,
                                                           lectern_document_get_id (self->document));
  for (guint i = 0; i < highlights->len; i++)
    {
      LecternHighlight *highlight = g_ptr_array_index (highlights, i);
      guint start = lectern_highlight_get_start (highlight);
      guint end = lectern_highlight_get_end (highlight);
      GtkTextIter a;
      GtkTextIter b;

      if (lectern_highlight_get_state (highlight) == LECTERN_HIGHLIGHT_ORPHANED)
        continue;

      gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
      gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
      gtk_text_buffer_apply_tag (buffer, self->highlight_tags[lectern_highlight_get_color (highlight)], &a, &b);
      if (lectern_highlight_get_state (highlight) == LECTERN_HIGHLIGHT_NEEDS_REVIEW)
        gtk_text_buffer_apply_tag_by_name (buffer, "highlight-review", &a, &b);

      if (start < reach)
        apply_tag_by_offsets (buffer, "highlight-overlap", start, MIN (reach, end));
      reach = MAX (reach, end);
    }
}

static gboolean
apply_highlights_cb (gpointer user_data)
{
  LecternDocumentView *self = user_data;

  self->highlights_source = 0;
  apply_highlights (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

/* Changes come one highlight at a time (an import or an undo brings
 * thousands): the tags are laid again once, before the next frame. */
static void
store_document_changed_cb (LecternDocumentView    *self,
                           const char             *document_id,
                           LecternAnnotationStore *store)
{
  if (self->document != NULL &&
      self->highlights_source == 0 &&
      g_strcmp0 (document_id, lectern_document_get_id (self->document)) == 0)
    self->highlights_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_highlights_cb, self, NULL);
}

static void
update_css (LecternDocumentView *self)
{
  g_autofree char *css = NULL;

  /* The base size scales everything, so heading scales stay relative. */
  css = g_strdup_printf ("textview.lectern-reader { font-size: %.2fpt; }",
                         12.0 * self->text_scale);
  gtk_css_provider_load_from_data (self->css, css, -1);
  adw_clamp_scrollable_set_maximum_size (self->clamp, (int)(760 * self->text_scale));
  adw_clamp_scrollable_set_tightening_threshold (self->clamp, (int)(560 * self->text_scale));
}

/* Highlights under the reader's hand */

static LecternHighlight *
highlight_at_offset (LecternDocumentView *self,
                     guint                offset)
{
  g_autoptr(GPtrArray) highlights = NULL;
  LecternHighlight *found = NULL;

  if (self->document == NULL || self->store == NULL)
    return NULL;

  /* The innermost (latest starting) highlight wins where several overlap. */
  highlights = lectern_annotation_store_list_for_document (self->store,
                                                           lectern_document_get_id (self->document));
  for (guint i = 0; i < highlights->len; i++)
    {
      LecternHighlight *highlight = g_ptr_array_index (highlights, i);

      if (lectern_highlight_get_state (highlight) == LECTERN_HIGHLIGHT_ORPHANED)
        continue;
      if (lectern_highlight_get_start (highlight) > offset)
        break;
      if (offset < lectern_highlight_get_end (highlight))
        found = highlight;
    }

  return found;
}

static LecternHighlight *
highlight_at_selection (LecternDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start;
  GtkTextIter end;
  LecternHighlight *highlight;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  if (self->document != NULL && self->store != NULL && !gtk_text_iter_equal (&start, &end))
    {
      highlight = lectern_annotation_store_find_range (self->store,
                                                       lectern_document_get_id (self->document),
                                                       gtk_text_iter_get_offset (&start),
                                                       gtk_text_iter_get_offset (&end));
      if (highlight != NULL)
        return highlight;
    }

  return highlight_at_offset (self, gtk_text_iter_get_offset (&start));
}

/**
 * lectern_document_view_highlight_range:
 * @self: a #LecternDocumentView
 * @start: first character
 * @end: one past the last character
 * @color: the colour
 * @error: a location for a #GError
 *
 * Highlights a range of the document. A range that is already highlighted
 * exactly takes the new colour instead of gaining an invisible twin.
 *
 * Returns: (transfer none) (nullable): the highlight, or %NULL with @error set
 */
LecternHighlight *
lectern_document_view_highlight_range (LecternDocumentView  *self,
                                       guint                 start,
                                       guint                 end,
                                       LecternColor          color,
                                       GError              **error)
{
  g_autoptr(LecternHighlight) highlight = NULL;
  g_autofree char *exact = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  LecternHighlight *existing;
  const char *document_id;
  guint length;

  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), NULL);
  g_return_val_if_fail (self->document != NULL && self->store != NULL, NULL);

  length = lectern_document_get_length (self->document);
  end = MIN (end, length);
  if (start >= end)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Select some text to highlight"));
      return NULL;
    }

  document_id = lectern_document_get_id (self->document);
  existing = lectern_annotation_store_find_range (self->store, document_id, start, end);
  if (existing != NULL)
    {
      lectern_highlight_set_color (existing, color);
      return existing;
    }

  exact = lectern_document_dup_slice (self->document, start, end);
  prefix = lectern_document_dup_slice (self->document, start > CONTEXT_CHARS ? start - CONTEXT_CHARS : 0, start);
  suffix = lectern_document_dup_slice (self->document, end, MIN (length, end + CONTEXT_CHARS));
  highlight = lectern_highlight_new (document_id, color, start, end, exact, prefix, suffix);

  if (!lectern_annotation_store_add (self->store, highlight, error))
    return NULL;

  return highlight;
}

static LecternHighlight *
highlight_selection (LecternDocumentView *self,
                     LecternColor         color)
{
  g_autoptr(GError) error = NULL;
  LecternHighlight *highlight;
  guint start;
  guint end;

  if (self->document == NULL || self->store == NULL)
    return NULL;

  if (!lectern_document_view_get_selection (self, &start, &end))
    {
      /* No selection: recolour the highlight under the cursor, if any. */
      highlight = highlight_at_selection (self);
      if (highlight != NULL)
        lectern_highlight_set_color (highlight, color);
      return highlight;
    }

  highlight = lectern_document_view_highlight_range (self, start, end, color, &error);
  if (highlight == NULL)
    g_signal_emit (self, signals[ADD_TOAST], 0, adw_toast_new (error->message));

  return highlight;
}

/* Popovers */

/* A popover placed on a window that has not reached a monitor yet (just
 * mapped) trips GTK 4.8; wait for the next gesture instead. */
static gboolean
can_popup (LecternDocumentView *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GdkSurface *surface;

  if (native == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;

  surface = gtk_native_get_surface (native);
  return surface != NULL &&
         gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface) != NULL;
}

static void
get_range_rect (LecternDocumentView *self,
                guint                start,
                guint                end,
                GdkRectangle        *rect)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter a;
  GtkTextIter b;
  GdkRectangle ra;
  GdkRectangle rb;
  graphene_point_t in;
  graphene_point_t out;
  int x;
  int y;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_view_get_iter_location (self->text_view, &a, &ra);
  gtk_text_view_get_iter_location (self->text_view, &b, &rb);

  /* Point at the end of the range when it spans lines, else at its middle. */
  if (ra.y != rb.y)
    ra = rb;
  else
    {
      ra.width = MAX (1, rb.x - ra.x);
    }

  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         ra.x, ra.y, &x, &y);
  in = GRAPHENE_POINT_INIT (x, y);
  if (!gtk_widget_compute_point (GTK_WIDGET (self->text_view), GTK_WIDGET (self), &in, &out))
    out = in;

  rect->x = (int)out.x;
  rect->y = (int)out.y;
  rect->width = MAX (1, ra.width);
  rect->height = MAX (1, ra.height);
}

static void
show_selection_popover (LecternDocumentView *self)
{
  GdkRectangle rect;
  guint start;
  guint end;

  if (self->store == NULL || !lectern_document_view_get_selection (self, &start, &end))
    return;

  get_range_rect (self, start, end, &rect);
  gtk_popover_set_pointing_to (self->selection_popover, &rect);
  if (can_popup (self))
    gtk_popover_popup (self->selection_popover);
}

static void
selection_color_clicked_cb (GtkButton           *button,
                            LecternDocumentView *self)
{
  LecternColor color = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "lectern-color"));

  gtk_popover_popdown (self->selection_popover);
  highlight_selection (self, color);
}

static void
sync_edit_popover (LecternDocumentView *self)
{
  const char * const *tags;
  g_autofree char *joined = NULL;

  if (self->editing == NULL)
    return;

  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    gtk_toggle_button_set_active (self->edit_colors[i],
                                  lectern_highlight_get_color (self->editing) == i);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->edit_note),
                            lectern_highlight_get_note (self->editing) ?: "", -1);

  tags = lectern_highlight_get_tags (self->editing);
  joined = tags != NULL ? g_strjoinv (", ", (char **)tags) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->edit_tags), joined);
}

static void
commit_edit (LecternDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->edit_note);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) tags = NULL;
  g_autofree char *note = NULL;
  GtkTextIter start;
  GtkTextIter end;
  const char *old_note;

  if (self->editing == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  old_note = lectern_highlight_get_note (self->editing);
  if (g_strcmp0 (note, old_note ?: "") != 0)
    lectern_highlight_set_note (self->editing, note[0] != '\0' ? note : NULL);

  parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->edit_tags)), ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);

      if (tag[0] == '#')
        tag++;
      if (tag[0] != '\0')
        g_strv_builder_add (builder, tag);
    }
  tags = g_strv_builder_end (builder);

  if (!g_strv_equal ((const char * const *)tags,
                     lectern_highlight_get_tags (self->editing) ?: (const char * const[]) { NULL }))
    lectern_highlight_set_tags (self->editing, (const char * const *)tags);
}

static void
edit_popover_closed_cb (LecternDocumentView *self)
{
  commit_edit (self);
  g_clear_object (&self->editing);
}

static void
edit_color_toggled_cb (GtkToggleButton     *button,
                       LecternDocumentView *self)
{
  LecternColor color = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "lectern-color"));

  if (self->editing != NULL && gtk_toggle_button_get_active (button) &&
      lectern_highlight_get_color (self->editing) != color)
    lectern_highlight_set_color (self->editing, color);
}

static void
copy_quote_clicked_cb (LecternDocumentView *self)
{
  if (self->editing == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                          lectern_highlight_get_exact (self->editing));
  g_signal_emit (self, signals[ADD_TOAST], 0, adw_toast_new (_("Quote copied")));
}

typedef struct
{
  LecternAnnotationStore *store;
  LecternHighlight       *highlight;
} UndoData;

static void
undo_data_free (gpointer data)
{
  UndoData *undo = data;

  g_clear_object (&undo->store);
  g_clear_object (&undo->highlight);
  g_free (undo);
}

static void
undo_delete_cb (AdwToast *toast,
                UndoData *undo)
{
  g_autoptr(GError) error = NULL;

  if (lectern_annotation_store_find (undo->store, lectern_highlight_get_id (undo->highlight)) == NULL &&
      !lectern_annotation_store_add (undo->store, undo->highlight, &error))
    g_warning ("Could not restore the highlight: %s", error->message);
}

/**
 * lectern_document_view_delete_highlight:
 * @self: a #LecternDocumentView
 * @highlight: a highlight of the document
 *
 * Deletes @highlight and offers to undo it in a toast.
 */
void
lectern_document_view_delete_highlight (LecternDocumentView *self,
                                        LecternHighlight    *highlight)
{
  g_autoptr(LecternHighlight) hold = NULL;
  g_autoptr(GError) error = NULL;
  UndoData *undo;
  AdwToast *toast;

  g_return_if_fail (LECTERN_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (LECTERN_IS_HIGHLIGHT (highlight));

  hold = g_object_ref (highlight);
  if (!lectern_annotation_store_remove (self->store, highlight, &error))
    {
      g_signal_emit (self, signals[ADD_TOAST], 0, adw_toast_new (error->message));
      return;
    }

  undo = g_new0 (UndoData, 1);
  undo->store = g_object_ref (self->store);
  undo->highlight = g_steal_pointer (&hold);

  toast = adw_toast_new (_("Highlight deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_delete_cb),
                         undo, (GClosureNotify)(void (*) (void))undo_data_free, 0);
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static void
delete_clicked_cb (LecternDocumentView *self)
{
  g_autoptr(LecternHighlight) highlight = NULL;

  if (self->editing == NULL)
    return;

  highlight = g_object_ref (self->editing);
  g_clear_object (&self->editing);
  gtk_popover_popdown (self->edit_popover);
  lectern_document_view_delete_highlight (self, highlight);
}

/**
 * lectern_document_view_edit_highlight:
 * @self: a #LecternDocumentView
 * @highlight: a highlight of the document
 * @focus_note: whether to put the keyboard focus in the note
 *
 * Opens the popover that edits @highlight, pointing at it.
 */
void
lectern_document_view_edit_highlight (LecternDocumentView *self,
                                      LecternHighlight    *highlight,
                                      gboolean             focus_note)
{
  GdkRectangle rect;

  g_return_if_fail (LECTERN_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (LECTERN_IS_HIGHLIGHT (highlight));

  if (gtk_widget_get_visible (GTK_WIDGET (self->edit_popover)))
    gtk_popover_popdown (self->edit_popover);

  g_set_object (&self->editing, highlight);
  sync_edit_popover (self);

  get_range_rect (self, lectern_highlight_get_start (highlight),
                  lectern_highlight_get_end (highlight), &rect);
  gtk_popover_set_pointing_to (self->edit_popover, &rect);
  if (can_popup (self))
    gtk_popover_popup (self->edit_popover);

  if (focus_note)
    gtk_widget_grab_focus (GTK_WIDGET (self->edit_note));
}

/**
 * lectern_document_view_get_edit_popover:
 * @self: a #LecternDocumentView
 *
 * Returns: (transfer none): the popover that edits a highlight (for tests)
 */
GtkPopover *
lectern_document_view_get_edit_popover (LecternDocumentView *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), NULL);

  return self->edit_popover;
}

/**
 * lectern_document_view_get_selection_popover:
 * @self: a #LecternDocumentView
 *
 * Returns: (transfer none): the popover shown on a selection (for tests)
 */
GtkPopover *
lectern_document_view_get_selection_popover (LecternDocumentView *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), NULL);

  return self->selection_popover;
}

static const char * const color_labels[LECTERN_N_COLORS] = {
  N_("Yellow"), N_("Green"), N_("Blue"), N_("Red"), N_("Purple"),
};

static GtkWidget *
create_color_button (LecternColor color,
                     gboolean     toggle)
{
  g_autofree char *css_class = g_strdup_printf ("lectern-color-%s", lectern_color_to_string (color));
  g_autofree char *tooltip = NULL;
  GtkWidget *button;

  button = toggle ? gtk_toggle_button_new () : gtk_button_new ();
  gtk_widget_add_css_class (button, "lectern-color-button");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_add_css_class (button, css_class);
  tooltip = g_strdup_printf (_("%s (Ctrl+%u)"), _(color_labels[color]), color + 1);
  gtk_widget_set_tooltip_text (button, toggle ? _(color_labels[color]) : tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(color_labels[color]),
                                  -1);
  g_object_set_data (G_OBJECT (button), "lectern-color", GUINT_TO_POINTER (color));

  return button;
}

/* Colour buttons say what their colour means to the reader. */
static void
update_color_labels (LecternDocumentView *self)
{
  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      const char *meaning = self->meanings != NULL ? lectern_color_meanings_get (self->meanings, i) : NULL;
      g_autofree char *label = NULL;
      g_autofree char *tooltip = NULL;

      if (meaning != NULL)
        {
          /* Translators: a colour, then what it means to the reader: "Yellow: Key point" */
          label = g_strdup_printf (_("%s: %s"), _(color_labels[i]), meaning);
          /* Translators: what a colour means, the colour, its shortcut: "Key point (yellow, Ctrl+1)" */
          tooltip = g_strdup_printf (_("%s (%s, Ctrl+%u)"), meaning, _(color_labels[i]), i + 1);
        }
      else
        {
          label = g_strdup (_(color_labels[i]));
          tooltip = g_strdup_printf (_("%s (Ctrl+%u)"), _(color_labels[i]), i + 1);
        }

      gtk_widget_set_tooltip_text (self->selection_colors[i], tooltip);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->edit_colors[i]), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->selection_colors[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_colors[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}

/**
 * lectern_document_view_set_color_meanings:
 * @self: a #LecternDocumentView
 * @meanings: (nullable): what the colours stand for
 *
 * The colour buttons' tooltips and accessible names follow @meanings.
 */
void
lectern_document_view_set_color_meanings (LecternDocumentView  *self,
                                          LecternColorMeanings *meanings)
{
  g_return_if_fail (LECTERN_IS_DOCUMENT_VIEW (self));

  if (self->meanings != NULL)
    g_signal_handlers_disconnect_by_data (self->meanings, self);
  g_set_object (&self->meanings, meanings);
  if (meanings != NULL)
    g_signal_connect_object (meanings, "changed", G_CALLBACK (update_color_labels), self, G_CONNECT_SWAPPED);
  update_color_labels (self);
}

/**
 * lectern_document_view_get_color_button:
 * @self: a #LecternDocumentView
 * @color: a colour
 *
 * Returns: (transfer none): the selection popover's button for @color
 */
GtkWidget *
lectern_document_view_get_color_button (LecternDocumentView *self,
                                        LecternColor         color)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), NULL);
  g_return_val_if_fail (color < LECTERN_N_COLORS, NULL);

  return self->selection_colors[color];
}

static void
add_note_clicked_cb (LecternDocumentView *self)
{
  gtk_popover_popdown (self->selection_popover);
  gtk_widget_activate_action (GTK_WIDGET (self), "view.add-note", NULL);
}

static void
create_popovers (LecternDocumentView *self)
{
  GtkWidget *box;
  GtkWidget *colors;
  GtkWidget *button;
  GtkWidget *scroller;
  GtkWidget *actions;
  GtkWidget *label;

  /* On a selection: five colours and Add Note */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      button = create_color_button (i, FALSE);
      self->selection_colors[i] = button;
      g_signal_connect (button, "clicked", G_CALLBACK (selection_color_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  button = gtk_button_new_with_mnemonic (_("Add _Note"));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Highlight and add a note"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (add_note_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), button);

  self->selection_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->selection_popover, box);
  gtk_popover_set_position (self->selection_popover, GTK_POS_TOP);
  gtk_popover_set_autohide (self->selection_popover, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->selection_popover), "lectern-selection-popover");
  gtk_widget_set_parent (GTK_WIDGET (self->selection_popover), GTK_WIDGET (self));

  /* On a highlight: colour, note, tags, copy, delete */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  gtk_widget_set_size_request (box, 300, -1);

  colors = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (colors, GTK_ALIGN_CENTER);
  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      button = create_color_button (i, TRUE);
      self->edit_colors[i] = GTK_TOGGLE_BUTTON (button);
      if (i > 0)
        gtk_toggle_button_set_group (self->edit_colors[i], self->edit_colors[0]);
      g_signal_connect (button, "toggled", G_CALLBACK (edit_color_toggled_cb), self);
      gtk_box_append (GTK_BOX (colors), button);
    }
  gtk_box_append (GTK_BOX (box), colors);

  label = gtk_label_new_with_mnemonic (_("_Note"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  scroller = lectern_note_editor_new (&self->edit_note, 90, 240);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->edit_note));
  gtk_box_append (GTK_BOX (box), scroller);

  label = gtk_label_new_with_mnemonic (_("_Tags"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  self->edit_tags = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->edit_tags, _("Separated by commas"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->edit_tags));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_tags),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tags"), -1);
  g_signal_connect_swapped (self->edit_tags, "activate", G_CALLBACK (commit_edit), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->edit_tags));

  actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  button = gtk_button_new_with_mnemonic (_("_Copy Quote"));
  gtk_widget_set_hexpand (button, TRUE);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (copy_quote_clicked_cb), self);
  gtk_box_append (GTK_BOX (actions), button);
  button = gtk_button_new_with_mnemonic (_("_Delete"));
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_add_css_class (button, "destructive-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (delete_clicked_cb), self);
  gtk_box_append (GTK_BOX (actions), button);
  gtk_box_append (GTK_BOX (box), actions);

  self->edit_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->edit_popover, box);
  gtk_popover_set_position (self->edit_popover, GTK_POS_BOTTOM);
  gtk_widget_add_css_class (GTK_WIDGET (self->edit_popover), "lectern-edit-popover");
  g_signal_connect_swapped (self->edit_popover, "closed", G_CALLBACK (edit_popover_closed_cb), self);
  gtk_widget_set_parent (GTK_WIDGET (self->edit_popover), GTK_WIDGET (self));
}

/* Clicks: selection, highlights, links */

static const LecternStyleRun *
link_at_offset (LecternDocumentView *self,
                guint                offset)
{
  const LecternStyleRun *runs;
  guint n_runs;

  if (self->document == NULL)
    return NULL;

  runs = lectern_document_get_runs (self->document, &n_runs);
  for (guint i = 0; i < n_runs; i++)
    {
      if (runs[i].style == LECTERN_STYLE_LINK && runs[i].start <= offset && offset < runs[i].end)
        return &runs[i];
    }

  return NULL;
}

static gboolean
offset_at_point (LecternDocumentView *self,
                 double               x,
                 double               y,
                 guint               *offset)
{
  GtkTextIter iter;
  int bx;
  int by;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         (int)x, (int)y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return FALSE;

  *offset = gtk_text_iter_get_offset (&iter);
  return TRUE;
}

static void
click_released_cb (GtkGestureClick     *gesture,
                   int                  n_press,
                   double               x,
                   double               y,
                   LecternDocumentView *self)
{
  const LecternStyleRun *link;
  LecternHighlight *highlight;
  guint start;
  guint end;
  guint offset;

  if (n_press != 1 || self->document == NULL)
    return;

  gtk_popover_popdown (self->note_peek);

  if (lectern_document_view_get_selection (self, &start, &end))
    {
      show_selection_popover (self);
      return;
    }

  if (!offset_at_point (self, x, y, &offset))
    return;

  if ((link = link_at_offset (self, offset)) != NULL && link->href != NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, link->href, GDK_CURRENT_TIME);
      return;
    }

  if ((highlight = highlight_at_offset (self, offset)) != NULL)
    lectern_document_view_edit_highlight (self, highlight, FALSE);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           LecternDocumentView      *self)
{
  const char *cursor = "text";
  guint offset;

  if (offset_at_point (self, x, y, &offset) &&
      (link_at_offset (self, offset) != NULL || highlight_at_offset (self, offset) != NULL))
    cursor = "pointer";

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->text_view), cursor);
}

/* Find */

static void
clear_matches (LecternDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->match_tag, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->current_match_tag, &start, &end);
  g_array_set_size (self->matches, 0);
  self->current_match = -1;
}

static void
update_match_count (LecternDocumentView *self)
{
  g_autofree char *text = NULL;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (query[0] == '\0')
    text = g_strdup ("");
  else if (self->matches->len == 0)
    text = g_strdup (_("No matches"));
  else if (self->matches->len / 2 >= MAX_MATCHES)
    text = g_strdup_printf (_("%d of %u+"), self->current_match + 1, MAX_MATCHES);
  else
    text = g_strdup_printf (_("%d of %u"), self->current_match + 1, self->matches->len / 2);

  gtk_label_set_label (self->search_count, text);
  if (query[0] != '\0' && self->matches->len == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
}

static void
select_match (LecternDocumentView *self,
              int                  index)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  guint n = self->matches->len / 2;
  GtkTextIter a;
  GtkTextIter b;

  if (n == 0)
    return;

  if (self->current_match >= 0)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &a, g_array_index (self->matches, guint, self->current_match * 2));
      gtk_text_buffer_get_iter_at_offset (buffer, &b, g_array_index (self->matches, guint, self->current_match * 2 + 1));
      gtk_text_buffer_remove_tag (buffer, self->current_match_tag, &a, &b);
    }

  self->current_match = ((index % (int)n) + (int)n) % (int)n;
  gtk_text_buffer_get_iter_at_offset (buffer, &a, g_array_index (self->matches, guint, self->current_match * 2));
  gtk_text_buffer_get_iter_at_offset (buffer, &b, g_array_index (self->matches, guint, self->current_match * 2 + 1));
  gtk_text_buffer_apply_tag (buffer, self->current_match_tag, &a, &b);
  gtk_text_view_scroll_to_iter (self->text_view, &a, 0.1, TRUE, 0.0, 0.3);
  update_match_count (self);
}

/**
 * lectern_document_view_find:
 * @self: a #LecternDocumentView
 * @query: what to look for; empty clears the search
 *
 * Marks every match of @query (case-insensitive) and moves to the first
 * one at or after the top of the view.
 *
 * Returns: the number of matches marked
 */
guint
lectern_document_view_find (LecternDocumentView *self,
                            const char          *query)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  GtkTextIter match_start;
  GtkTextIter match_end;
  guint top;
  int first = 0;

  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), 0);

  clear_matches (self);
  if (query == NULL || query[0] == '\0' || self->document == NULL)
    {
      update_match_count (self);
      return 0;
    }

  buffer = gtk_text_view_get_buffer (self->text_view);
  top = lectern_document_view_get_top_offset (self);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (self->matches->len / 2 < MAX_MATCHES &&
         gtk_text_iter_forward_search (&iter, query,
                                       GTK_TEXT_SEARCH_CASE_INSENSITIVE | GTK_TEXT_SEARCH_TEXT_ONLY,
                                       &match_start, &match_end, NULL))
    {
      guint s = gtk_text_iter_get_offset (&match_start);
      guint e = gtk_text_iter_get_offset (&match_end);

      if (s < top)
        first = (int)(self->matches->len / 2) + 1;
      g_array_append_val (self->matches, s);
      g_array_append_val (self->matches, e);
      gtk_text_buffer_apply_tag (buffer, self->match_tag, &match_start, &match_end);
      iter = match_end;
    }

  if (self->matches->len > 0)
    select_match (self, first < (int)(self->matches->len / 2) ? first : 0);
  else
    update_match_count (self);

  return self->matches->len / 2;
}

/**
 * lectern_document_view_get_current_match:
 * @self: a #LecternDocumentView
 * @start: (out): where the current match starts
 * @end: (out): where it ends
 *
 * Returns: the current match's index (0-based), or -1 when there is none
 */
int
lectern_document_view_get_current_match (LecternDocumentView *self,
                                         guint               *start,
                                         guint               *end)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), -1);

  if (self->current_match < 0)
    return -1;

  *start = g_array_index (self->matches, guint, self->current_match * 2);
  *end = g_array_index (self->matches, guint, self->current_match * 2 + 1);
  return self->current_match;
}

static void
search_changed_cb (LecternDocumentView *self)
{
  lectern_document_view_find (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
search_next_cb (LecternDocumentView *self)
{
  select_match (self, self->current_match + 1);
}

static void
search_previous_cb (LecternDocumentView *self)
{
  select_match (self, self->current_match - 1);
}

static void
search_activate_cb (LecternDocumentView *self)
{
  search_next_cb (self);
}

static void
search_stop_cb (LecternDocumentView *self)
{
  guint start;
  guint end;

  /* Leave the reader at the match they were looking at, selected. */
  if (lectern_document_view_get_current_match (self, &start, &end) >= 0)
    lectern_document_view_select_range (self, start, end);

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
search_mode_changed_cb (LecternDocumentView *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      clear_matches (self);
      update_match_count (self);
    }
}

/* Reading progress */

static gboolean
update_progress_idle_cb (gpointer user_data)
{
  LecternDocumentView *self = user_data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  double range = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);
  double fraction = range > 0 ? gtk_adjustment_get_value (adj) / range : 1.0;

  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), range > 0);
  self->progress_source = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);

  return G_SOURCE_REMOVE;
}

/* The adjustment changes while the view is being allocated; whoever shows
 * the progress may resize widgets, so tell them after the frame. */
static void
update_progress (LecternDocumentView *self)
{
  if (self->progress_source == 0)
    self->progress_source = g_idle_add_full (G_PRIORITY_LOW, update_progress_idle_cb, self, NULL);
}

/**
 * lectern_document_view_get_progress:
 * @self: a #LecternDocumentView
 *
 * Returns: how far the reader has scrolled, from 0 (top) to 1 (end)
 */
double
lectern_document_view_get_progress (LecternDocumentView *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), 0);

  return gtk_progress_bar_get_fraction (self->progress_bar);
}

/* Actions */

static void
highlight_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LecternDocumentView *self = LECTERN_DOCUMENT_VIEW (widget);
  int color = g_variant_get_int32 (parameter);

  if (color < 0 || color >= LECTERN_N_COLORS)
    return;

  highlight_selection (self, (LecternColor)color);
}

static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LecternDocumentView *self = LECTERN_DOCUMENT_VIEW (widget);
  LecternHighlight *highlight = highlight_at_selection (self);
  guint start;
  guint end;

  if (lectern_document_view_get_selection (self, &start, &end) &&
      (highlight == NULL || lectern_highlight_get_start (highlight) != start ||
       lectern_highlight_get_end (highlight) != end))
    highlight = highlight_selection (self, LECTERN_COLOR_YELLOW);

  if (highlight != NULL)
    lectern_document_view_edit_highlight (self, highlight, TRUE);
}

static void
edit_highlight_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LecternDocumentView *self = LECTERN_DOCUMENT_VIEW (widget);
  LecternHighlight *highlight = highlight_at_selection (self);

  if (highlight != NULL)
    lectern_document_view_edit_highlight (self, highlight, FALSE);
}

static void
show_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LecternDocumentView *self = LECTERN_DOCUMENT_VIEW (widget);
  LecternHighlight *highlight;
  guint start;
  guint end;

  if (lectern_document_view_get_selection (self, &start, &end) &&
      ((highlight = highlight_at_selection (self)) == NULL ||
       lectern_highlight_get_start (highlight) != start ||
       lectern_highlight_get_end (highlight) != end))
    show_selection_popover (self);
  else if ((highlight = highlight_at_selection (self)) != NULL)
    lectern_document_view_edit_highlight (self, highlight, FALSE);
}

static void
step_highlight (LecternDocumentView *self,
                int                  direction)
{
  g_autoptr(GPtrArray) highlights = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  LecternHighlight *target = NULL;
  GtkTextIter a;
  GtkTextIter b;
  guint here;

  if (self->document == NULL || self->store == NULL)
    return;

  gtk_text_buffer_get_selection_bounds (buffer, &a, &b);
  here = gtk_text_iter_get_offset (&a);
  if (gtk_text_iter_equal (&a, &b) && here == 0)
    here = lectern_document_view_get_top_offset (self);

  highlights = lectern_annotation_store_list_for_document (self->store,
                                                           lectern_document_get_id (self->document));
  for (guint i = 0; i < highlights->len; i++)
    {
      guint k = direction > 0 ? i : highlights->len - 1 - i;
      LecternHighlight *highlight = g_ptr_array_index (highlights, k);
      guint start = lectern_highlight_get_start (highlight);

      if (lectern_highlight_get_state (highlight) == LECTERN_HIGHLIGHT_ORPHANED)
        continue;
      if ((direction > 0 && start > here) || (direction < 0 && start < here))
        {
          target = highlight;
          break;
        }
    }

  if (target == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  lectern_document_view_select_range (self, lectern_highlight_get_start (target),
                                      lectern_highlight_get_end (target));
  gtk_text_buffer_get_iter_at_offset (buffer, &a, lectern_highlight_get_start (target));
  gtk_text_view_scroll_to_iter (self->text_view, &a, 0.1, TRUE, 0.0, 0.3);

  /* From the keyboard, the note shows as the highlight gets the focus. */
  show_note_peek (self, target);
}

static void
next_highlight_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  step_highlight (LECTERN_DOCUMENT_VIEW (widget), 1);
}

static void
previous_highlight_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  step_highlight (LECTERN_DOCUMENT_VIEW (widget), -1);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LecternDocumentView *self = LECTERN_DOCUMENT_VIEW (widget);
  guint start;
  guint end;

  if (self->document == NULL)
    return;

  /* A short selection becomes the query, as in GNOME Text Editor. */
  if (lectern_document_view_get_selection (self, &start, &end) && end - start < 200)
    {
      g_autofree char *text = lectern_document_dup_slice (self->document, start, end);

      if (strchr (text, '\n') == NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
    }

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
find_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  search_next_cb (LECTERN_DOCUMENT_VIEW (widget));
}

static void
find_previous_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  search_previous_cb (LECTERN_DOCUMENT_VIEW (widget));
}

static void
update_actions (LecternDocumentView *self)
{
  gboolean has_selection = gtk_text_buffer_get_has_selection (gtk_text_view_get_buffer (self->text_view));
  gboolean can_highlight = self->document != NULL && self->store != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.highlight", can_highlight);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.add-note", can_highlight && has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.edit-highlight",
                                 can_highlight && highlight_at_selection (self) != NULL);
}

/* Layout: the box fills the widget; popovers are presented. */

static void
lectern_document_view_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  LecternDocumentView *self = LECTERN_DOCUMENT_VIEW (widget);

  gtk_widget_measure (self->box, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* Notes at a glance: a small mark in the margin beside each highlight that
 * carries a note; hovering it (or the highlight) shows the note. */

typedef struct
{
  graphene_rect_t   rect;
  LecternHighlight *highlight;
} NoteMarker;

static void
lectern_document_view_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  LecternDocumentView *self = LECTERN_DOCUMENT_VIEW (widget);
  g_autoptr(GPtrArray) highlights = NULL;
  GtkTextBuffer *buffer;
  GdkRectangle visible;
  GtkWidget *text_widget = GTK_WIDGET (self->text_view);
  int view_width;

  GTK_WIDGET_CLASS (lectern_document_view_parent_class)->snapshot (widget, snapshot);

  g_array_set_size (self->note_markers, 0);
  if (self->document == NULL || self->store == NULL || !gtk_widget_get_mapped (text_widget))
    return;

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_view_get_visible_rect (self->text_view, &visible);
  view_width = gtk_widget_get_width (text_widget);
  highlights = lectern_annotation_store_list_for_document (self->store, lectern_document_get_id (self->document));

  for (guint i = 0; i < highlights->len; i++)
    {
      LecternHighlight *highlight = g_ptr_array_index (highlights, i);
      const char *note = lectern_highlight_get_note (highlight);
      GdkRectangle location;
      GtkTextIter iter;
      graphene_point_t in;
      graphene_point_t out;
      GdkRGBA color;
      NoteMarker marker;
      int wx;
      int wy;

      if (note == NULL || note[0] == '\0' ||
          lectern_highlight_get_state (highlight) == LECTERN_HIGHLIGHT_ORPHANED)
        continue;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, lectern_highlight_get_start (highlight));
      gtk_text_view_get_iter_location (self->text_view, &iter, &location);
      if (location.y + location.height < visible.y || location.y > visible.y + visible.height)
        continue;

      gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                             0, location.y, &wx, &wy);
      in = GRAPHENE_POINT_INIT (view_width - 16, wy + location.height / 2.0 - 5);
      if (!gtk_widget_compute_point (text_widget, widget, &in, &out))
        continue;

      marker.rect = GRAPHENE_RECT_INIT (out.x, out.y, 10, 10);
      marker.highlight = highlight;
      g_array_append_val (self->note_markers, marker);

      gdk_rgba_parse (&color, highlight_colors[lectern_highlight_get_color (highlight)]);
      {
        GskRoundedRect round;
        GdkRGBA border = color;

        border.red *= 0.6;
        border.green *= 0.6;
        border.blue *= 0.6;
        gsk_rounded_rect_init_from_rect (&round, &marker.rect, 5);
        gtk_snapshot_push_rounded_clip (snapshot, &round);
        gtk_snapshot_append_color (snapshot, &color, &marker.rect);
        gtk_snapshot_pop (snapshot);
        gtk_snapshot_append_border (snapshot, &round,
                                    (float[4]) { 1, 1, 1, 1 },
                                    (GdkRGBA[4]) { border, border, border, border });
      }
    }
}

/**
 * lectern_document_view_get_n_note_markers:
 * @self: a #LecternDocumentView
 *
 * Returns: how many note markers the last frame drew
 */
guint
lectern_document_view_get_n_note_markers (LecternDocumentView *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), 0);

  return self->note_markers->len;
}

/**
 * lectern_document_view_get_note_peek:
 * @self: a #LecternDocumentView
 *
 * Returns: (transfer none): the popover that shows a note when its
 *   highlight is reached from the keyboard
 */
GtkPopover *
lectern_document_view_get_note_peek (LecternDocumentView *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), NULL);

  return self->note_peek;
}

static LecternHighlight *
note_at_point (LecternDocumentView *self,
               double               x,
               double               y)
{
  graphene_point_t in = GRAPHENE_POINT_INIT (x, y);
  graphene_point_t out;
  LecternHighlight *highlight;
  guint offset;

  /* x, y are in text view coordinates; markers are in ours. */
  if (gtk_widget_compute_point (GTK_WIDGET (self->text_view), GTK_WIDGET (self), &in, &out))
    {
      for (guint i = 0; i < self->note_markers->len; i++)
        {
          NoteMarker *marker = &g_array_index (self->note_markers, NoteMarker, i);
          graphene_rect_t hit;

          graphene_rect_inset_r (&marker->rect, -4, -4, &hit);
          if (graphene_rect_contains_point (&hit, &out))
            return marker->highlight;
        }
    }

  if (!offset_at_point (self, x, y, &offset))
    return NULL;

  highlight = highlight_at_offset (self, offset);
  if (highlight != NULL && lectern_highlight_get_note (highlight) != NULL)
    return highlight;

  return NULL;
}

static gboolean
query_tooltip_cb (GtkWidget           *widget,
                  int                  x,
                  int                  y,
                  gboolean             keyboard_mode,
                  GtkTooltip          *tooltip,
                  LecternDocumentView *self)
{
  LecternHighlight *highlight;

  if (keyboard_mode || (highlight = note_at_point (self, x, y)) == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, lectern_highlight_get_note (highlight));
  return TRUE;
}

static void
show_note_peek (LecternDocumentView *self,
                LecternHighlight    *highlight)
{
  const char *note = lectern_highlight_get_note (highlight);
  GdkRectangle rect;

  if (note == NULL || note[0] == '\0')
    {
      gtk_popover_popdown (self->note_peek);
      return;
    }

  gtk_label_set_label (self->note_peek_label, note);
  get_range_rect (self, lectern_highlight_get_start (highlight), lectern_highlight_get_end (highlight), &rect);
  gtk_popover_set_pointing_to (self->note_peek, &rect);
  if (can_popup (self))
    gtk_popover_popup (self->note_peek);
}

static void
lectern_document_view_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  LecternDocumentView *self = LECTERN_DOCUMENT_VIEW (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  gtk_popover_present (self->selection_popover);
  gtk_popover_present (self->edit_popover);
  gtk_popover_present (self->note_peek);
}

static void
lectern_document_view_dispose (GObject *object)
{
  LecternDocumentView *self = (LecternDocumentView *)object;

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_handler, self->store);
  g_clear_handle_id (&self->flash_source, g_source_remove);
  g_clear_handle_id (&self->insert_source, g_source_remove);
  g_clear_handle_id (&self->highlights_source, g_source_remove);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_object (&self->editing);
  if (self->meanings != NULL)
    g_signal_handlers_disconnect_by_data (self->meanings, self);
  g_clear_object (&self->meanings);
  g_clear_object (&self->store);
  g_clear_object (&self->document);
  g_clear_object (&self->css);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer ((GtkWidget **)&self->selection_popover, gtk_widget_unparent);
  g_clear_pointer ((GtkWidget **)&self->edit_popover, gtk_widget_unparent);
  g_clear_pointer ((GtkWidget **)&self->note_peek, gtk_widget_unparent);
  g_clear_pointer (&self->note_markers, g_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_DOCUMENT_VIEW);

  G_OBJECT_CLASS (lectern_document_view_parent_class)->dispose (object);
}

static void
lectern_document_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LecternDocumentView *self = LECTERN_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_TEXT_SCALE:
      g_value_set_double (value, self->text_scale);
      break;

    case PROP_PROGRESS:
      g_value_set_double (value, lectern_document_view_get_progress (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_document_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LecternDocumentView *self = LECTERN_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      lectern_document_view_set_document (self, g_value_get_object (value));
      break;

    case PROP_TEXT_SCALE:
      lectern_document_view_set_text_scale (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_document_view_class_init (LecternDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lectern_document_view_dispose;
  object_class->get_property = lectern_document_view_get_property;
  object_class->set_property = lectern_document_view_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, LECTERN_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TEXT_SCALE] =
    g_param_spec_double ("text-scale", NULL, NULL, 0.5, 3.0, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LecternDocumentView::add-toast:
   * @self: a #LecternDocumentView
   * @toast: (transfer none): a toast to show
   *
   * Asks the window to show @toast (deleted highlights, copied quotes).
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  widget_class->measure = lectern_document_view_measure;
  widget_class->size_allocate = lectern_document_view_size_allocate;
  widget_class->snapshot = lectern_document_view_snapshot;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lectern-document-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternDocumentView, box);
  gtk_widget_class_bind_template_child (widget_class, LecternDocumentView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, LecternDocumentView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LecternDocumentView, search_count);
  gtk_widget_class_bind_template_child (widget_class, LecternDocumentView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LecternDocumentView, scroller);
  gtk_widget_class_bind_template_child (widget_class, LecternDocumentView, clamp);
  gtk_widget_class_bind_template_child (widget_class, LecternDocumentView, text_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);

  gtk_widget_class_install_action (widget_class, "view.highlight", "i", highlight_action);
  gtk_widget_class_install_action (widget_class, "view.add-note", NULL, add_note_action);
  gtk_widget_class_install_action (widget_class, "view.edit-highlight", NULL, edit_highlight_action);
  gtk_widget_class_install_action (widget_class, "view.show-highlight-menu", NULL, show_menu_action);
  gtk_widget_class_install_action (widget_class, "view.next-highlight", NULL, next_highlight_action);
  gtk_widget_class_install_action (widget_class, "view.previous-highlight", NULL, previous_highlight_action);
  gtk_widget_class_install_action (widget_class, "view.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "view.find-next", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "view.find-previous", NULL, find_previous_action);

  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                           "view.highlight", "i", (int)i);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, GDK_CONTROL_MASK,
                                           "view.highlight", "i", (int)i);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "view.show-highlight-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "view.add-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "view.next-highlight", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "view.previous-highlight", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "view.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK,
                                       "view.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "view.find-previous", NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lectern_document_view_init (LecternDocumentView *self)
{
  GtkTextBuffer *buffer;
  GtkGesture *gesture;
  GtkEventController *motion;

  g_type_ensure (ADW_TYPE_CLAMP_SCROLLABLE);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->text_scale = 1.0;
  self->pending_scroll = -1;
  self->css = gtk_css_provider_new ();
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->text_view)),
                                  GTK_STYLE_PROVIDER (self->css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  G_GNUC_END_IGNORE_DEPRECATIONS
  update_css (self);

  buffer = gtk_text_view_get_buffer (self->text_view);
  create_style_tags (buffer);
  create_highlight_tags (self, buffer);
  self->match_tag = gtk_text_buffer_create_tag (buffer, "find-match",
                                                "background-rgba", &(GdkRGBA) { 0.96, 0.47, 0.0, 0.28 },
                                                NULL);
  self->current_match_tag = gtk_text_buffer_create_tag (buffer, "find-current",
                                                        "background-rgba", &(GdkRGBA) { 0.96, 0.47, 0.0, 0.75 },
                                                        NULL);
  self->matches = g_array_new (FALSE, FALSE, sizeof (guint));
  self->current_match = -1;

  create_popovers (self);
  update_color_labels (self);

  self->note_markers = g_array_new (FALSE, FALSE, sizeof (NoteMarker));
  self->note_peek_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->note_peek_label, TRUE);
  gtk_label_set_max_width_chars (self->note_peek_label, 48);
  gtk_label_set_xalign (self->note_peek_label, 0);
  self->note_peek = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->note_peek, GTK_WIDGET (self->note_peek_label));
  gtk_popover_set_autohide (self->note_peek, FALSE);
  gtk_popover_set_position (self->note_peek, GTK_POS_TOP);
  gtk_widget_set_can_focus (GTK_WIDGET (self->note_peek), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->note_peek), "lectern-note-peek");
  gtk_widget_set_parent (GTK_WIDGET (self->note_peek), GTK_WIDGET (self));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->text_view), TRUE);
  g_signal_connect (self->text_view, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (gesture));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), motion);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (buffer, "notify::has-selection",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "mark-set",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                           G_CALLBACK (update_progress), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                           G_CALLBACK (update_progress), self, G_CONNECT_SWAPPED);
  update_actions (self);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_highlight_colors), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
lectern_document_view_new (void)
{
  return g_object_new (LECTERN_TYPE_DOCUMENT_VIEW, NULL);
}

LecternDocument *
lectern_document_view_get_document (LecternDocumentView *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), NULL);

  return self->document;
}

/* Long texts go into the buffer in pieces, the first one small, so the
 * window shows the beginning at once and stays responsive while the rest
 * arrives; styles, highlights and a pending scroll follow at the end. */
#define FIRST_PIECE_BYTES (128 * 1024)
#define PIECE_BYTES (1024 * 1024)
#define PIECEWISE_ABOVE_BYTES (2 * 1024 * 1024)

static gsize
piece_end (const char *text,
           gsize       length,
           gsize       from,
           gsize       size)
{
  const char *newline;

  if (from + size >= length)
    return length;

  /* End on a line break, else on a character boundary. */
  newline = memchr (text + from + size, '\n', MIN (length - from - size, 64 * 1024));
  if (newline != NULL)
    return (gsize)(newline - text) + 1;

  return (gsize)(g_utf8_find_prev_char (text + from, text + from + size) - text);
}

static void
finish_insertion (LecternDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  apply_document_styles (buffer, self->document);
  apply_highlights (self);
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (self->pending_scroll >= 0)
    {
      guint offset = (guint)self->pending_scroll;

      self->pending_scroll = -1;
      lectern_document_view_scroll_to_offset (self, offset, self->pending_flash);
    }
}

static gboolean
insert_piece_cb (gpointer user_data)
{
  LecternDocumentView *self = user_data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const char *text = lectern_document_get_text (self->document);
  gsize length = lectern_document_get_text_bytes (self->document);
  gsize end = piece_end (text, length, self->inserted_bytes, PIECE_BYTES);
  GtkTextIter iter;

  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_insert (buffer, &iter, text + self->inserted_bytes, (int)(end - self->inserted_bytes));
  self->inserted_bytes = end;

  if (end < length)
    return G_SOURCE_CONTINUE;

  self->insert_source = 0;
  finish_insertion (self);
  return G_SOURCE_REMOVE;
}

/**
 * lectern_document_view_is_loading:
 * @self: a #LecternDocumentView
 *
 * Returns: %TRUE while a long document is still going into the view
 */
gboolean
lectern_document_view_is_loading (LecternDocumentView *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), FALSE);

  return self->insert_source != 0;
}

/**
 * lectern_document_view_set_document:
 * @self: a #LecternDocumentView
 * @document: (nullable): the document to show
 *
 * Renders @document with its styles and highlights, scrolled to the top.
 */
void
lectern_document_view_set_document (LecternDocumentView *self,
                                    LecternDocument     *document)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;

  g_return_if_fail (LECTERN_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (!document || LECTERN_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;

  if (gtk_widget_get_visible (GTK_WIDGET (self->edit_popover)))
    gtk_popover_popdown (self->edit_popover);
  gtk_popover_popdown (self->selection_popover);
  clear_matches (self);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);

  g_clear_handle_id (&self->insert_source, g_source_remove);
  self->pending_scroll = -1;

  buffer = gtk_text_view_get_buffer (self->text_view);
  if (document != NULL && lectern_document_get_text_bytes (document) > PIECEWISE_ABOVE_BYTES)
    {
      const char *text = lectern_document_get_text (document);
      gsize length = lectern_document_get_text_bytes (document);

      self->inserted_bytes = piece_end (text, length, 0, FIRST_PIECE_BYTES);
      gtk_text_buffer_set_text (buffer, text, (int)self->inserted_bytes);
      self->insert_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, insert_piece_cb, self, NULL);
    }
  else if (document != NULL)
    {
      gtk_text_buffer_set_text (buffer, lectern_document_get_text (document),
                                (int)lectern_document_get_text_bytes (document));
      apply_document_styles (buffer, document);
      apply_highlights (self);
    }
  else
    gtk_text_buffer_set_text (buffer, "", 0);

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/**
 * lectern_document_view_set_store:
 * @self: a #LecternDocumentView
 * @store: the store whose highlights are drawn
 */
void
lectern_document_view_set_store (LecternDocumentView    *self,
                                 LecternAnnotationStore *store)
{
  g_return_if_fail (LECTERN_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (!store || LECTERN_IS_ANNOTATION_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_handler, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->store_changed_handler =
      g_signal_connect_object (store, "document-changed",
                               G_CALLBACK (store_document_changed_cb), self,
                               G_CONNECT_SWAPPED);
  apply_highlights (self);
}

GtkTextView *
lectern_document_view_get_text_view (LecternDocumentView *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), NULL);

  return self->text_view;
}

double
lectern_document_view_get_text_scale (LecternDocumentView *self)
{
  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), 1.0);

  return self->text_scale;
}

void
lectern_document_view_set_text_scale (LecternDocumentView *self,
                                      double               scale)
{
  g_return_if_fail (LECTERN_IS_DOCUMENT_VIEW (self));

  scale = CLAMP (scale, 0.5, 3.0);
  if (G_APPROX_VALUE (self->text_scale, scale, 0.001))
    return;

  self->text_scale = scale;
  update_css (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SCALE]);
}

/**
 * lectern_document_view_get_selection:
 * @self: a #LecternDocumentView
 * @start: (out): first selected character
 * @end: (out): one past the last selected character
 *
 * Returns: %TRUE if a non-empty range is selected
 */
gboolean
lectern_document_view_get_selection (LecternDocumentView *self,
                                     guint               *start,
                                     guint               *end)
{
  GtkTextBuffer *buffer;
  GtkTextIter a;
  GtkTextIter b;

  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), FALSE);

  buffer = gtk_text_view_get_buffer (self->text_view);
  if (!gtk_text_buffer_get_selection_bounds (buffer, &a, &b))
    return FALSE;

  *start = gtk_text_iter_get_offset (&a);
  *end = gtk_text_iter_get_offset (&b);
  return *end > *start;
}

void
lectern_document_view_select_range (LecternDocumentView *self,
                                    guint                start,
                                    guint                end)
{
  GtkTextBuffer *buffer;
  GtkTextIter a;
  GtkTextIter b;

  g_return_if_fail (LECTERN_IS_DOCUMENT_VIEW (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_buffer_select_range (buffer, &a, &b);
}

static gboolean
unflash_cb (gpointer user_data)
{
  LecternDocumentView *self = user_data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->flash_tag, &start, &end);
  self->flash_source = 0;

  return G_SOURCE_REMOVE;
}

/**
 * lectern_document_view_scroll_to_offset:
 * @self: a #LecternDocumentView
 * @offset: a character offset
 * @flash: whether to flash the line there briefly
 *
 * Scrolls so that @offset is near the top of the view.
 */
void
lectern_document_view_scroll_to_offset (LecternDocumentView *self,
                                        guint                offset,
                                        gboolean             flash)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  GtkTextMark *mark;

  g_return_if_fail (LECTERN_IS_DOCUMENT_VIEW (self));

  /* Beyond what has arrived of a long text: once it is all there. */
  if (self->insert_source != 0)
    {
      self->pending_scroll = (int)offset;
      self->pending_flash = flash;
      return;
    }

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  mark = gtk_text_buffer_get_mark (buffer, "lectern-scroll");
  if (mark == NULL)
    mark = gtk_text_buffer_create_mark (buffer, "lectern-scroll", &iter, TRUE);
  else
    gtk_text_buffer_move_mark (buffer, mark, &iter);

  /* Scrolling to a mark waits for layout, unlike scrolling to an iter. */
  gtk_text_view_scroll_to_mark (self->text_view, mark, 0.0, TRUE, 0.0, 0.15);

  if (flash)
    {
      GtkTextIter line_end = iter;

      g_clear_handle_id (&self->flash_source, g_source_remove);
      unflash_cb (self);
      gtk_text_iter_forward_to_line_end (&line_end);
      gtk_text_buffer_apply_tag (buffer, self->flash_tag, &iter, &line_end);
      self->flash_source = g_timeout_add (900, unflash_cb, self);
    }
}

/**
 * lectern_document_view_get_top_offset:
 * @self: a #LecternDocumentView
 *
 * Returns: the offset of the first character of the topmost visible line
 */
guint
lectern_document_view_get_top_offset (LecternDocumentView *self)
{
  GdkRectangle visible;
  GtkTextIter iter;

  g_return_val_if_fail (LECTERN_IS_DOCUMENT_VIEW (self), 0);

  gtk_text_view_get_visible_rect (self->text_view, &visible);
  gtk_text_view_get_line_at_y (self->text_view, &iter, visible.y, NULL);

  return gtk_text_iter_get_offset (&iter);
}
