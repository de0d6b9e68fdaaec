/* lectern-document-view-tags.c: the text tags that paint styles, highlights and flashes
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lectern-document-view-private.h"


/* The GNOME palette's strong tones, drawn translucent so text stays
 * readable on light and dark backgrounds. */
const char * const _lectern_document_view_highlight_colors[LECTERN_N_COLORS] = {
  "#f6d32d", "#33d17a", "#3584e4", "#e01b24", "#c061cb",
};

/* Styles of whole blocks: headings, list items, quotes, code. */
static void
create_block_tags (GtkTextBuffer *buffer)
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
}

/* Styles of runs of text inside a block. */
static void
create_run_tags (GtkTextBuffer *buffer)
{
  gtk_text_buffer_create_tag (buffer, "bold", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "italic", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "code",
                              "family", "Monospace",
                              "scale", 0.92,
                              "background", "rgba(127,127,127,0.14)",
                              NULL);
  /* Raised no higher than the line's own ascent reaches, so a footnote
   * marker does not push its line away from the next one. */
  gtk_text_buffer_create_tag (buffer, "superscript",
                              "rise", 3 * PANGO_SCALE,
                              "scale", 0.7,
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

void
_lectern_document_view_apply_styles (LecternDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  LecternDocument *document = self->document;
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

void
_lectern_document_view_update_highlight_colors (LecternDocumentView *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  for (guint i = 0; i < LECTERN_N_COLORS; i++)
    {
      GdkRGBA rgba;

      gdk_rgba_parse (&rgba, _lectern_document_view_highlight_colors[i]);
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
  _lectern_document_view_update_highlight_colors (self);
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

void
_lectern_document_view_apply_highlights (LecternDocumentView *self)
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
  _lectern_document_view_apply_highlights (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

/* Changes come one highlight at a time (an import or an undo brings
 * thousands): the tags are laid again once, before the next frame. */
void
_lectern_document_view_store_changed_cb (LecternDocumentView    *self,
                                         const char             *document_id,
                                         LecternAnnotationStore *store)
{
  if (self->document != NULL &&
      self->highlights_source == 0 &&
      g_strcmp0 (document_id, lectern_document_get_id (self->document)) == 0)
    self->highlights_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_highlights_cb, self, NULL);
}

/* Highlights under the reader's hand */

LecternHighlight *
_lectern_document_view_highlight_at_offset (LecternDocumentView *self,
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

LecternHighlight *
_lectern_document_view_highlight_at_selection (LecternDocumentView *self)
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

  return _lectern_document_view_highlight_at_offset (self, gtk_text_iter_get_offset (&start));
}

/* Styles of the text first, then highlights, then the flash over all. */
void
_lectern_document_view_create_tags (LecternDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  create_block_tags (buffer);
  create_run_tags (buffer);
  create_highlight_tags (self, buffer);
}
