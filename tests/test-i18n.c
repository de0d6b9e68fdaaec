/* test-i18n.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Korean catalogue built from po/ko.po is found and used, and the
 * desktop file and metainfo that i18n.merge_file() writes carry the same
 * translations. Uses the catalogue in the build tree: the installed copy
 * is checked by test-install-layout.sh.
 */

#include "config.h"

#include <glib.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

static void
use_language (const char *language)
{
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");

  /* Setting the locale again makes gettext drop the translations it has
   * cached for the previous LANGUAGE. */
  g_assert_nonnull (setlocale (LC_ALL, ""));
}

static gboolean
contains_hangul (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xAC00 && c <= 0xD7A3)
        return TRUE;
    }

  return FALSE;
}

static void
test_catalogue_korean (void)
{
  const char *plural;

  use_language ("ko");

  g_assert_cmpstr (_("Open a Document"), ==, "문서 열기");
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "shortcut window", "Quit"), ==, "끝내기");

  plural = g_dngettext (GETTEXT_PACKAGE, "%u highlight", "%u highlights", 3);
  g_assert_true (contains_hangul (plural));
  g_assert_nonnull (strstr (plural, "%u"));

  /* Mnemonics survive translation, in the GNOME Korean "(_X)" form. */
  g_assert_nonnull (strstr (_("_Open…"), "(_O)"));
}

static void
test_catalogue_fallback (void)
{
  /* No catalogue for this language: the English text comes back, which
   * shows the Korean result above is the catalogue's doing. */
  use_language ("xx");
  g_assert_cmpstr (_("Open a Document"), ==, "Open a Document");

  use_language (NULL);
  g_assert_cmpstr (_("Open a Document"), ==, "Open a Document");
}

static void
test_desktop_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "..", "data", APP_ID ".desktop", NULL);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  const char *keys[] = { "GenericName", "Comment", "Keywords" };

  g_key_file_load_from_file (key_file, path, G_KEY_FILE_KEEP_TRANSLATIONS, &error);
  g_assert_no_error (error);

  use_language ("ko");

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *english = g_key_file_get_string (key_file, "Desktop Entry", keys[i], &error);
      g_autofree char *korean = NULL;

      g_assert_no_error (error);
      korean = g_key_file_get_locale_string (key_file, "Desktop Entry", keys[i], "ko", &error);
      g_assert_no_error (error);

      g_test_message ("%s: %s → %s", keys[i], english, korean);
      g_assert_cmpstr (korean, !=, english);
      g_assert_cmpstr (korean, ==, _(english));
      g_assert_true (contains_hangul (korean));
    }
}

/* The untranslated <summary> and its Korean sibling. */
typedef struct
{
  GString  *text;
  gboolean  in_summary;
  gboolean  in_korean_summary;
  char     *summary;
  char     *korean_summary;
} MetainfoParse;

static void
metainfo_start (GMarkupParseContext  *context,
                const char           *element,
                const char          **names,
                const char          **values,
                gpointer              user_data,
                GError              **error)
{
  MetainfoParse *parse = user_data;
  const char *lang = NULL;

  if (g_strcmp0 (element, "summary") != 0)
    return;

  for (guint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (names[i], "xml:lang") == 0)
      lang = values[i];

  parse->in_summary = lang == NULL;
  parse->in_korean_summary = g_strcmp0 (lang, "ko") == 0;
  g_string_truncate (parse->text, 0);
}

static void
metainfo_text (GMarkupParseContext  *context,
               const char           *text,
               gsize                 len,
               gpointer              user_data,
               GError              **error)
{
  MetainfoParse *parse = user_data;

  if (parse->in_summary || parse->in_korean_summary)
    g_string_append_len (parse->text, text, len);
}

static void
metainfo_end (GMarkupParseContext  *context,
              const char           *element,
              gpointer              user_data,
              GError              **error)
{
  MetainfoParse *parse = user_data;

  if (g_strcmp0 (element, "summary") != 0)
    return;

  if (parse->in_summary)
    {
      g_free (parse->summary);
      parse->summary = g_strdup (parse->text->str);
    }
  else if (parse->in_korean_summary)
    {
      g_free (parse->korean_summary);
      parse->korean_summary = g_strdup (parse->text->str);
    }

  parse->in_summary = parse->in_korean_summary = FALSE;
}

static void
test_metainfo (void)
{
  static const GMarkupParser parser = { metainfo_start, metainfo_end, metainfo_text, NULL, NULL };
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "..", "data", APP_ID ".metainfo.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  MetainfoParse parse = { g_string_new (NULL), FALSE, FALSE, NULL, NULL };

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  context = g_markup_parse_context_new (&parser, G_MARKUP_DEFAULT_FLAGS, &parse, NULL);
  g_markup_parse_context_parse (context, contents, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);

  use_language ("ko");

  g_assert_nonnull (parse.summary);
  g_assert_nonnull (parse.korean_summary);
  g_assert_cmpstr (parse.korean_summary, !=, parse.summary);
  g_assert_cmpstr (parse.korean_summary, ==, _(parse.summary));

  g_string_free (parse.text, TRUE);
  g_free (parse.summary);
  g_free (parse.korean_summary);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *po_dir = NULL;

  /* Start as `LANG=C.UTF-8 LANGUAGE=ko lectern` does: GLib decides once,
   * on the first g_dgettext(), whether a C.UTF-8 program translates at all. */
  g_setenv ("LANGUAGE", "ko", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  /* i18n.gettext() compiles po/ko.po to <build>/po/ko/LC_MESSAGES/lectern.mo. */
  po_dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, po_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/i18n/catalogue/korean", test_catalogue_korean);
  g_test_add_func ("/i18n/catalogue/fallback", test_catalogue_fallback);
  g_test_add_func ("/i18n/desktop-file", test_desktop_file);
  g_test_add_func ("/i18n/metainfo", test_metainfo);

  return g_test_run ();
}
