/* lectern-search-bar.c: the find bar of the Read view
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lectern-search-bar.h"

struct _LecternSearchBar
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkSearchBar   *search_bar;
  GtkSearchEntry *entry;
  GtkLabel       *count;

  /* Match ranges as pairs of character offsets */
  GtkTextView    *text_view;
  GArray         *matches;
  int             current;
  GtkTextTag     *match_tag;
  GtkTextTag     *current_tag;
};

G_DEFINE_FINAL_TYPE (LecternSearchBar, lectern_search_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Find marks at most this many matches; the count says "more than". */
#define MAX_MATCHES 5000

static GtkTextBuffer *
buffer (LecternSearchBar *self)
{
  return gtk_text_view_get_buffer (self->text_view);
}

static void
clear_matches (LecternSearchBar *self)
{
  GtkTextIter start;
  GtkTextIter end;

  if (self->text_view != NULL)
    {
      gtk_text_buffer_get_bounds (buffer (self), &start, &end);
      gtk_text_buffer_remove_tag (buffer (self), self->match_tag, &start, &end);
      gtk_text_buffer_remove_tag (buffer (self), self->current_tag, &start, &end);
    }
  g_array_set_size (self->matches, 0);
  self->current = -1;
}

static void
update_match_count (LecternSearchBar *self)
{
  g_autofree char *text = NULL;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  if (query[0] == '\0')
    text = g_strdup ("");
  else if (self->matches->len == 0)
    text = g_strdup (_("No matches"));
  else if (self->matches->len / 2 >= MAX_MATCHES)
    text = g_strdup_printf (_("%d of %u+"), self->current + 1, MAX_MATCHES);
  else
    text = g_strdup_printf (_("%d of %u"), self->current + 1, self->matches->len / 2);

  gtk_label_set_label (self->count, text);
  if (query[0] != '\0' && self->matches->len == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
}

static void
match_bounds (LecternSearchBar *self,
              int               index,
              GtkTextIter      *a,
              GtkTextIter      *b)
{
  gtk_text_buffer_get_iter_at_offset (buffer (self), a, g_array_index (self->matches, guint, index * 2));
  gtk_text_buffer_get_iter_at_offset (buffer (self), b, g_array_index (self->matches, guint, index * 2 + 1));
}

static void
select_match (LecternSearchBar *self,
              int               index)
{
  guint n = self->matches->len / 2;
  GtkTextIter a;
  GtkTextIter b;

  if (n == 0)
    return;

  if (self->current >= 0)
    {
      match_bounds (self, self->current, &a, &b);
      gtk_text_buffer_remove_tag (buffer (self), self->current_tag, &a, &b);
    }

  self->current = ((index % (int)n) + (int)n) % (int)n;
  match_bounds (self, self->current, &a, &b);
  gtk_text_buffer_apply_tag (buffer (self), self->current_tag, &a, &b);
  gtk_text_view_scroll_to_iter (self->text_view, &a, 0.1, TRUE, 0.0, 0.3);
  update_match_count (self);
}

static guint
top_offset (LecternSearchBar *self)
{
  GdkRectangle visible;
  GtkTextIter iter;

  gtk_text_view_get_visible_rect (self->text_view, &visible);
  gtk_text_view_get_line_at_y (self->text_view, &iter, visible.y, NULL);

  return gtk_text_iter_get_offset (&iter);
}

/**
 * lectern_search_bar_find:
 * @self: a #LecternSearchBar
 * @query: (nullable): what to look for; empty clears the search
 *
 * Marks every match of @query (case-insensitive) and moves to the first
 * one at or after the top of the view.
 *
 * Returns: the number of matches marked
 */
guint
lectern_search_bar_find (LecternSearchBar *self,
                         const char       *query)
{
  GtkTextIter iter;
  GtkTextIter match_start;
  GtkTextIter match_end;
  guint top;
  int first = 0;

  g_return_val_if_fail (LECTERN_IS_SEARCH_BAR (self), 0);

  clear_matches (self);
  if (query == NULL || query[0] == '\0' || self->text_view == NULL)
    {
      update_match_count (self);
      return 0;
    }

  top = top_offset (self);
  gtk_text_buffer_get_start_iter (buffer (self), &iter);
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
      gtk_text_buffer_apply_tag (buffer (self), self->match_tag, &match_start, &match_end);
      iter = match_end;
    }

  if (self->matches->len > 0)
    select_match (self, first < (int)(self->matches->len / 2) ? first : 0);
  else
    update_match_count (self);

  return self->matches->len / 2;
}

/**
 * lectern_search_bar_get_current_match:
 * @self: a #LecternSearchBar
 * @start: (out): where the current match starts
 * @end: (out): where it ends
 *
 * Returns: the current match's index (0-based), or -1 when there is none
 */
int
lectern_search_bar_get_current_match (LecternSearchBar *self,
                                      guint            *start,
                                      guint            *end)
{
  g_return_val_if_fail (LECTERN_IS_SEARCH_BAR (self), -1);

  if (self->current < 0)
    return -1;

  *start = g_array_index (self->matches, guint, self->current * 2);
  *end = g_array_index (self->matches, guint, self->current * 2 + 1);
  return self->current;
}

/**
 * lectern_search_bar_move:
 * @self: a #LecternSearchBar
 * @direction: 1 for the next match, -1 for the previous one
 *
 * Moves to another match, going round at either end.
 */
void
lectern_search_bar_move (LecternSearchBar *self,
                         int               direction)
{
  g_return_if_fail (LECTERN_IS_SEARCH_BAR (self));

  select_match (self, self->current + direction);
}

static void
search_changed_cb (LecternSearchBar *self)
{
  lectern_search_bar_find (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
next_match_cb (LecternSearchBar *self)
{
  lectern_search_bar_move (self, 1);
}

static void
previous_match_cb (LecternSearchBar *self)
{
  lectern_search_bar_move (self, -1);
}

static void
stop_search_cb (LecternSearchBar *self)
{
  guint start;
  guint end;

  /* Leave the reader at the match they were looking at, selected. */
  if (lectern_search_bar_get_current_match (self, &start, &end) >= 0)
    {
      GtkTextIter a;
      GtkTextIter b;

      gtk_text_buffer_get_iter_at_offset (buffer (self), &a, start);
      gtk_text_buffer_get_iter_at_offset (buffer (self), &b, end);
      gtk_text_buffer_select_range (buffer (self), &a, &b);
    }

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
search_mode_changed_cb (LecternSearchBar *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      clear_matches (self);
      update_match_count (self);
    }
}

/**
 * lectern_search_bar_begin:
 * @self: a #LecternSearchBar
 * @query: (nullable): a query to start with, or %NULL to keep the last one
 *
 * Shows the bar with the keyboard focus in its entry, the query selected.
 */
void
lectern_search_bar_begin (LecternSearchBar *self,
                          const char       *query)
{
  g_return_if_fail (LECTERN_IS_SEARCH_BAR (self));

  if (query != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), query);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

/**
 * lectern_search_bar_dismiss:
 * @self: a #LecternSearchBar
 *
 * Clears the matches and hides the bar.
 */
void
lectern_search_bar_dismiss (LecternSearchBar *self)
{
  g_return_if_fail (LECTERN_IS_SEARCH_BAR (self));

  clear_matches (self);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

GtkTextView *
lectern_search_bar_get_text_view (LecternSearchBar *self)
{
  g_return_val_if_fail (LECTERN_IS_SEARCH_BAR (self), NULL);

  return self->text_view;
}

/**
 * lectern_search_bar_set_text_view:
 * @self: a #LecternSearchBar
 * @text_view: the view whose text is searched (set once)
 */
void
lectern_search_bar_set_text_view (LecternSearchBar *self,
                                  GtkTextView      *text_view)
{
  g_return_if_fail (LECTERN_IS_SEARCH_BAR (self));
  g_return_if_fail (GTK_IS_TEXT_VIEW (text_view));
  g_return_if_fail (self->text_view == NULL);

  self->text_view = text_view;
  g_object_add_weak_pointer (G_OBJECT (text_view), (gpointer *)&self->text_view);
  self->match_tag = gtk_text_buffer_create_tag (buffer (self), "find-match",
                                                "background-rgba", &(GdkRGBA) { 0.96, 0.47, 0.0, 0.28 },
                                                NULL);
  self->current_tag = gtk_text_buffer_create_tag (buffer (self), "find-current",
                                                  "background-rgba", &(GdkRGBA) { 0.96, 0.47, 0.0, 0.75 },
                                                  NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_VIEW]);
}

static void
lectern_search_bar_dispose (GObject *object)
{
  LecternSearchBar *self = LECTERN_SEARCH_BAR (object);

  if (self->text_view != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->text_view), (gpointer *)&self->text_view);
  self->text_view = NULL;
  g_clear_pointer (&self->matches, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_SEARCH_BAR);

  G_OBJECT_CLASS (lectern_search_bar_parent_class)->dispose (object);
}

static void
lectern_search_bar_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LecternSearchBar *self = LECTERN_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_TEXT_VIEW:
      g_value_set_object (value, self->text_view);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_search_bar_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LecternSearchBar *self = LECTERN_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_TEXT_VIEW:
      lectern_search_bar_set_text_view (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_search_bar_class_init (LecternSearchBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lectern_search_bar_dispose;
  object_class->get_property = lectern_search_bar_get_property;
  object_class->set_property = lectern_search_bar_set_property;

  properties[PROP_TEXT_VIEW] =
    g_param_spec_object ("text-view", NULL, NULL, GTK_TYPE_TEXT_VIEW,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lectern-search-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternSearchBar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, LecternSearchBar, entry);
  gtk_widget_class_bind_template_child (widget_class, LecternSearchBar, count);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, previous_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_changed_cb);
}

static void
lectern_search_bar_init (LecternSearchBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->matches = g_array_new (FALSE, FALSE, sizeof (guint));
  self->current = -1;
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);
}
