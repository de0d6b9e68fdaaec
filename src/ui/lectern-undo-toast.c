/* lectern-undo-toast.c: "… deleted — Undo", the one way every view offers it
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lectern-undo-toast.h"

typedef struct
{
  LecternUndoFunc undo;
  LecternUndoFunc commit;
  gpointer        user_data;
  GDestroyNotify  destroy;
  gboolean        undone;
} UndoToast;

static void
undo_toast_free (gpointer data,
                 GClosure *closure)
{
  UndoToast *state = data;

  if (state->destroy != NULL)
    state->destroy (state->user_data);
  g_free (state);
}

static void
button_clicked_cb (AdwToast  *toast,
                   UndoToast *state)
{
  state->undone = TRUE;
  state->undo (state->user_data);
}

static void
dismissed_cb (AdwToast  *toast,
              UndoToast *state)
{
  if (!state->undone && state->commit != NULL)
    state->commit (state->user_data);
}

/**
 * lectern_undo_toast_new:
 * @title: what was done, such as "Highlight deleted"
 * @undo: called if the reader presses Undo
 * @commit: (nullable): called when the toast goes without Undo
 * @user_data: data for @undo and @commit
 * @destroy: (nullable): frees @user_data when the toast is finalized
 *
 * Returns: (transfer full): a high-priority toast with an Undo button
 */
AdwToast *
lectern_undo_toast_new (const char      *title,
                        LecternUndoFunc  undo,
                        LecternUndoFunc  commit,
                        gpointer         user_data,
                        GDestroyNotify   destroy)
{
  AdwToast *toast;
  UndoToast *state;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (undo != NULL, NULL);

  state = g_new0 (UndoToast, 1);
  state->undo = undo;
  state->commit = commit;
  state->user_data = user_data;
  state->destroy = destroy;

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* The state goes with the first handler, when the toast is finalized. */
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (button_clicked_cb),
                         state, undo_toast_free, 0);
  g_signal_connect (toast, "dismissed", G_CALLBACK (dismissed_cb), state);

  return toast;
}

/* Putting back what was deleted: the store and the item it held */

typedef struct
{
  GObject *store;
  GObject *item;
} Restore;

static void
restore_free (gpointer data)
{
  Restore *restore = data;

  g_clear_object (&restore->store);
  g_clear_object (&restore->item);
  g_free (restore);
}

static Restore *
restore_new (gpointer store,
             gpointer item)
{
  Restore *restore = g_new0 (Restore, 1);

  restore->store = g_object_ref (store);
  restore->item = g_object_ref (item);
  return restore;
}

static void
restore_highlight (gpointer data)
{
  Restore *restore = data;
  LecternAnnotationStore *store = LECTERN_ANNOTATION_STORE (restore->store);
  LecternHighlight *highlight = LECTERN_HIGHLIGHT (restore->item);
  g_autoptr(GError) error = NULL;

  if (lectern_annotation_store_find (store, lectern_highlight_get_id (highlight)) == NULL &&
      !lectern_annotation_store_add (store, highlight, &error))
    g_warning ("Could not restore the highlight: %s", error->message);
}

static void
restore_link (gpointer data)
{
  Restore *restore = data;
  LecternLinkStore *links = LECTERN_LINK_STORE (restore->store);
  LecternPassageLink *link = LECTERN_PASSAGE_LINK (restore->item);
  g_autoptr(GError) error = NULL;

  if (lectern_link_store_find (links, lectern_passage_link_get_id (link)) == NULL &&
      !lectern_link_store_add (links, link, &error))
    g_warning ("Could not restore the link: %s", error->message);
}

/**
 * lectern_undo_toast_new_for_highlight:
 * @store: the store @highlight was deleted from
 * @highlight: the deleted highlight
 *
 * Returns: (transfer full): "Highlight deleted", whose Undo puts
 *   @highlight back into @store
 */
AdwToast *
lectern_undo_toast_new_for_highlight (LecternAnnotationStore *store,
                                      LecternHighlight       *highlight)
{
  g_return_val_if_fail (LECTERN_IS_ANNOTATION_STORE (store), NULL);
  g_return_val_if_fail (LECTERN_IS_HIGHLIGHT (highlight), NULL);

  return lectern_undo_toast_new (_("Highlight deleted"), restore_highlight, NULL,
                                 restore_new (store, highlight), restore_free);
}

/**
 * lectern_undo_toast_new_for_passage_link:
 * @links: the store @link was deleted from
 * @link: the deleted passage link
 *
 * Returns: (transfer full): "Link deleted", whose Undo puts @link back
 *   into @links
 */
AdwToast *
lectern_undo_toast_new_for_passage_link (LecternLinkStore   *links,
                                         LecternPassageLink *link)
{
  g_return_val_if_fail (LECTERN_IS_LINK_STORE (links), NULL);
  g_return_val_if_fail (LECTERN_IS_PASSAGE_LINK (link), NULL);

  return lectern_undo_toast_new (_("Link deleted"), restore_link, NULL,
                                 restore_new (links, link), restore_free);
}
