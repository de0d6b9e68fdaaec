/* bare-window.c: the floor for a GTK4 application's start-up
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An empty 800x600 GtkApplicationWindow and nothing else, the time any
 * GTK4 application needs to show a window. desktop-timings.sh builds it
 * with the same compiler flags as the app and times both in one run.
 * Built with -DBARE_WINDOW_ADW it is an empty AdwApplicationWindow of an
 * AdwApplication instead: the part of the start-up libadwaita itself
 * costs (its style sheet, its style manager).
 *
 * With BARE_WINDOW_PRINT_RENDERER=1 it prints the GSK renderer GTK
 * picked, once the window is mapped, so the script can tell whether
 * GSK_RENDERER=gl really got GL (GTK falls back to cairo silently).
 */

#include <gtk/gtk.h>
#ifdef BARE_WINDOW_ADW
#include <adwaita.h>
#endif

static void
window_map_cb (GtkWidget *window,
               gpointer   user_data)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  g_print ("renderer: %s\n", renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none");
}

static void
activate_cb (GtkApplication *app,
             gpointer        user_data)
{
#ifdef BARE_WINDOW_ADW
  GtkWidget *window = adw_application_window_new (app);
#else
  GtkWidget *window = gtk_application_window_new (app);
#endif

  gtk_window_set_title (GTK_WINDOW (window), "bare-window");
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  if (g_strcmp0 (g_getenv ("BARE_WINDOW_PRINT_RENDERER"), "1") == 0)
    g_signal_connect_after (window, "map", G_CALLBACK (window_map_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = NULL;

#ifdef BARE_WINDOW_ADW
  app = GTK_APPLICATION (adw_application_new ("io.github.lectern.BareAdwWindow", G_APPLICATION_DEFAULT_FLAGS));
#else
  app = gtk_application_new ("io.github.lectern.BareWindow", G_APPLICATION_DEFAULT_FLAGS);
#endif
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
