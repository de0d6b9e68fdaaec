/* test-desktop-manifest.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Flatpak manifest is checked offline: it parses, has the keys a build
 * needs, asks for no more sandbox holes than a reader needs, pins every
 * download, and builds this very Meson project with options that
 * meson_options.txt knows. Each rule is also shown to reject a broken copy.
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#define MANIFEST_NAME APP_ID ".json"

/* What a document reader needs: Wayland or X11, shared memory for X11,
 * GPU access. Documents come through the file chooser portal. */
static const char * const expected_finish_args[] = {
  "--share=ipc",
  "--socket=fallback-x11",
  "--socket=wayland",
  "--device=dri",
  NULL
};

/* Meson's own options that a manifest may set besides the project's. */
static const char * const builtin_options[] = {
  "buildtype", "optimization", "debug", "werror", "warning_level", "b_lto", "b_ndebug", NULL
};

/* The oldest GNOME runtime with the GTK 4.8 / libadwaita 1.2 API. */
#define MIN_RUNTIME_VERSION 43

typedef struct
{
  char  *type;
  GStrv  choices;
} MesonOption;

static void
meson_option_free (gpointer data)
{
  MesonOption *option = data;

  g_free (option->type);
  g_strfreev (option->choices);
  g_free (option);
}

static char *
source_path (const char *first,
             ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (parts, (gpointer) g_test_get_dir (G_TEST_DIST));
  g_ptr_array_add (parts, (gpointer) "..");
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

/* Reads option('name', type: 'kind', choices: [...]) calls. */
static GHashTable *
load_meson_options (void)
{
  g_autofree char *path = source_path ("meson_options.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) option_re = NULL;
  g_autoptr(GRegex) choice_re = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  GHashTable *options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, meson_option_free);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  option_re = g_regex_new ("option\\s*\\(\\s*'([^']+)'\\s*,\\s*type\\s*:\\s*'([^']+)'"
                           "(?:[^\\n]*?choices\\s*:\\s*\\[([^\\]]*)\\])?",
                           0, 0, &error);
  g_assert_no_error (error);
  choice_re = g_regex_new ("'([^']*)'", 0, 0, &error);
  g_assert_no_error (error);

  g_regex_match (option_re, contents, 0, &match);
  while (g_match_info_matches (match))
    {
      MesonOption *option = g_new0 (MesonOption, 1);
      g_autofree char *name = g_match_info_fetch (match, 1);
      g_autofree char *choices = g_match_info_fetch (match, 3);

      option->type = g_match_info_fetch (match, 2);
      if (choices != NULL && choices[0] != '\0')
        {
          g_autoptr(GMatchInfo) choice = NULL;
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

          g_regex_match (choice_re, choices, 0, &choice);
          for (; g_match_info_matches (choice); g_match_info_next (choice, NULL))
            {
              g_autofree char *value = g_match_info_fetch (choice, 1);

              g_strv_builder_add (builder, value);
            }
          option->choices = g_strv_builder_end (builder);
        }
      g_hash_table_insert (options, g_steal_pointer (&name), option);
      g_match_info_next (match, NULL);
    }

  g_assert_cmpuint (g_hash_table_size (options), >, 0);
  return options;
}

static gboolean
check_config_opt (const char  *opt,
                  GHashTable  *options,
                  GError     **error)
{
  g_autofree char *name = NULL;
  const char *equals;
  const char *value;
  MesonOption *option;

  equals = strchr (opt, '=');
  if (!g_str_has_prefix (opt, "-D") || equals == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "config-opts entry “%s” is not of the form -Dname=value", opt);
      return FALSE;
    }

  name = g_strndup (opt + 2, equals - (opt + 2));
  value = equals + 1;

  if (g_strv_contains (builtin_options, name))
    return TRUE;

  option = g_hash_table_lookup (options, name);
  if (option == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "config-opts sets “%s”, which meson_options.txt does not define", name);
      return FALSE;
    }

  if ((g_str_equal (option->type, "boolean") &&
       !g_str_equal (value, "true") && !g_str_equal (value, "false")) ||
      (g_str_equal (option->type, "feature") &&
       !g_strv_contains ((const char * const[]) { "enabled", "disabled", "auto", NULL }, value)) ||
      (g_str_equal (option->type, "combo") &&
       (option->choices == NULL || !g_strv_contains ((const char * const *) option->choices, value))) ||
      (g_str_equal (option->type, "integer") &&
       !g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, NULL, NULL)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "config-opts gives %s option “%s” the value “%s”, which it does not accept",
                   option->type, name, value);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_string_member (JsonObject  *object,
                     const char  *member,
                     const char  *expected,
                     GError     **error)
{
  const char *value = NULL;

  if (json_object_has_member (object, member))
    value = json_object_get_string_member_with_default (object, member, NULL);

  if (value == NULL || (expected != NULL && !g_str_equal (value, expected)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "“%s” must be the string “%s”, not %s%s%s", member,
                   expected != NULL ? expected : "…",
                   value != NULL ? "“" : "", value != NULL ? value : "missing",
                   value != NULL ? "”" : "");
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_finish_args (JsonObject  *manifest,
                   GError     **error)
{
  JsonArray *args = NULL;

  if (json_object_has_member (manifest, "finish-args"))
    args = json_object_get_array_member (manifest, "finish-args");
  if (args == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "“finish-args” is missing");
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (args); i++)
    {
      const char *arg = json_array_get_string_element (args, i);

      if (arg == NULL || !g_strv_contains (expected_finish_args, arg))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "finish-args asks for “%s”, which a document reader does not need "
                       "(documents come through the file chooser portal)",
                       arg != NULL ? arg : "(not a string)");
          return FALSE;
        }
    }

  for (guint i = 0; expected_finish_args[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < json_array_get_length (args) && !found; j++)
        found = g_strcmp0 (json_array_get_string_element (args, j), expected_finish_args[i]) == 0;
      if (!found)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "finish-args lacks “%s”", expected_finish_args[i]);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_sources (JsonObject  *module,
               const char  *module_name,
               GError     **error)
{
  JsonArray *sources = NULL;

  if (json_object_has_member (module, "sources"))
    sources = json_object_get_array_member (module, "sources");
  if (sources == NULL || json_array_get_length (sources) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "module “%s” has no sources", module_name);
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      JsonObject *source = json_array_get_object_element (sources, i);
      const char *type = source != NULL ? json_object_get_string_member_with_default (source, "type", "") : "";
      const char *url;
      const char *sha256;

      if (!g_str_equal (type, "archive") && !g_str_equal (type, "file"))
        continue;

      url = json_object_get_string_member_with_default (source, "url", NULL);
      sha256 = json_object_get_string_member_with_default (source, "sha256", "");
      if (url == NULL)
        continue;  /* a local file shipped beside the manifest */

      if (!g_str_has_prefix (url, "https://"))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "module “%s” downloads %s without https", module_name, url);
          return FALSE;
        }
      if (strlen (sha256) != 64 || strspn (sha256, "0123456789abcdef") != 64)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "module “%s” downloads %s without a pinned sha256", module_name, url);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_lectern_module (JsonObject  *module,
                      GHashTable  *options,
                      GError     **error)
{
  JsonArray *sources = json_object_get_array_member (module, "sources");
  JsonObject *source = json_array_get_object_element (sources, 0);
  JsonArray *config_opts = NULL;

  if (!check_string_member (module, "buildsystem", "meson", error))
    return FALSE;

  if (json_array_get_length (sources) != 1 || source == NULL ||
      g_strcmp0 (json_object_get_string_member_with_default (source, "type", NULL), "dir") != 0 ||
      g_strcmp0 (json_object_get_string_member_with_default (source, "path", NULL), "..") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "the lectern module must build the local tree: one source "
                   "{ \"type\": \"dir\", \"path\": \"..\" }");
      return FALSE;
    }

  if (json_object_has_member (module, "config-opts"))
    config_opts = json_object_get_array_member (module, "config-opts");
  for (guint i = 0; config_opts != NULL && i < json_array_get_length (config_opts); i++)
    {
      const char *opt = json_array_get_string_element (config_opts, i);

      if (!check_config_opt (opt != NULL ? opt : "", options, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_modules (JsonObject  *manifest,
               GHashTable  *options,
               GError     **error)
{
  static const char * const dependencies[] = { "md4c", "libstemmer", "poppler", NULL };
  JsonArray *modules = NULL;
  guint n_modules;
  JsonObject *last;

  if (json_object_has_member (manifest, "modules"))
    modules = json_object_get_array_member (manifest, "modules");
  n_modules = modules != NULL ? json_array_get_length (modules) : 0;
  if (n_modules == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "“modules” is missing or empty");
      return FALSE;
    }

  for (guint d = 0; dependencies[d] != NULL; d++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i + 1 < n_modules && !found; i++)
        {
          JsonObject *module = json_array_get_object_element (modules, i);

          found = module != NULL &&
                  g_strcmp0 (json_object_get_string_member_with_default (module, "name", NULL),
                             dependencies[d]) == 0;
        }
      if (!found)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "no “%s” module before lectern: the GNOME runtime does not have it",
                       dependencies[d]);
          return FALSE;
        }
    }

  for (guint i = 0; i < n_modules; i++)
    {
      JsonObject *module = json_array_get_object_element (modules, i);

      if (module == NULL || !check_string_member (module, "name", NULL, error) ||
          !check_sources (module, json_object_get_string_member (module, "name"), error))
        return FALSE;
    }

  last = json_array_get_object_element (modules, n_modules - 1);
  if (!check_string_member (last, "name", "lectern", error))
    return FALSE;

  return check_lectern_module (last, options, error);
}

static gboolean
check_manifest (JsonNode    *root,
                GHashTable  *options,
                GError     **error)
{
  JsonObject *manifest = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  const char *version;
  gint64 number = 0;

  if (manifest == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the manifest is not a JSON object");
      return FALSE;
    }

  if (!check_string_member (manifest, json_object_has_member (manifest, "app-id") ? "app-id" : "id",
                            APP_ID, error) ||
      !check_string_member (manifest, "runtime", "org.gnome.Platform", error) ||
      !check_string_member (manifest, "sdk", "org.gnome.Sdk", error) ||
      !check_string_member (manifest, "command", "lectern", error) ||
      !check_string_member (manifest, "runtime-version", NULL, error))
    return FALSE;

  version = json_object_get_string_member (manifest, "runtime-version");
  if (!g_ascii_string_to_signed (version, 10, 0, G_MAXINT, &number, NULL) ||
      number < MIN_RUNTIME_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "runtime-version “%s” is not a GNOME release number of at least %d",
                   version, MIN_RUNTIME_VERSION);
      return FALSE;
    }

  return check_finish_args (manifest, error) && check_modules (manifest, options, error);
}

static JsonNode *
load_manifest (void)
{
  g_autofree char *path = source_path ("flatpak", MANIFEST_NAME, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  return json_parser_steal_root (parser);
}

static JsonObject *
find_module (JsonNode   *root,
             const char *name)
{
  JsonArray *modules = json_object_get_array_member (json_node_get_object (root), "modules");

  for (guint i = 0; i < json_array_get_length (modules); i++)
    {
      JsonObject *module = json_array_get_object_element (modules, i);

      if (g_strcmp0 (json_object_get_string_member (module, "name"), name) == 0)
        return module;
    }

  g_assert_not_reached ();
  return NULL;
}

static void
test_manifest_valid (void)
{
  g_autoptr(GHashTable) options = load_meson_options ();
  g_autoptr(JsonNode) root = load_manifest ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_hash_table_contains (options, "tests"));
  g_assert_true (check_manifest (root, options, &error));
  g_assert_no_error (error);
}

/* The "dir" source ".." is this project: its meson.build declares it. */
static void
test_manifest_builds_this_project (void)
{
  g_autofree char *path = source_path ("flatpak", "..", "meson.build", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "project('lectern'"));
}

/* The manifest, metainfo and desktop file name the same app and binary. */
static void
test_manifest_matches_metainfo (void)
{
  g_autofree char *path = source_path ("data", APP_ID ".metainfo.xml.in", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) root = load_manifest ();
  JsonObject *manifest = json_node_get_object (root);
  g_autofree char *id = NULL;
  g_autofree char *binary = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  id = g_strdup_printf ("<id>%s</id>", json_object_get_string_member (manifest, "id"));
  binary = g_strdup_printf ("<binary>%s</binary>", json_object_get_string_member (manifest, "command"));
  g_assert_nonnull (strstr (contents, id));
  g_assert_nonnull (strstr (contents, binary));
  g_assert_nonnull (strstr (contents, "<launchable type=\"desktop-id\">" APP_ID ".desktop</launchable>"));
}

static void
assert_rejected (JsonNode   *root,
                 const char *message_part)
{
  g_autoptr(GHashTable) options = load_meson_options ();
  g_autoptr(GError) error = NULL;

  g_assert_false (check_manifest (root, options, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_test_message ("rejected: %s", error->message);
  g_assert_nonnull (strstr (error->message, message_part));
}

static void
set_config_opts (JsonNode   *root,
                 const char *opt)
{
  JsonArray *opts = json_array_new ();

  json_array_add_string_element (opts, opt);
  json_object_set_array_member (find_module (root, "lectern"), "config-opts", opts);
}

static void
test_manifest_rejects_unknown_option (void)
{
  g_autoptr(JsonNode) root = load_manifest ();

  set_config_opts (root, "-Dno-such-option=true");
  assert_rejected (root, "no-such-option");
}

static void
test_manifest_rejects_bad_value (void)
{
  g_autoptr(JsonNode) root = load_manifest ();

  set_config_opts (root, "-Dtests=maybe");
  assert_rejected (root, "maybe");
}

static void
test_manifest_rejects_filesystem (void)
{
  g_autoptr(JsonNode) root = load_manifest ();
  JsonObject *manifest = json_node_get_object (root);

  json_array_add_string_element (json_object_get_array_member (manifest, "finish-args"),
                                 "--filesystem=home");
  assert_rejected (root, "--filesystem=home");
}

static void
test_manifest_rejects_unpinned_source (void)
{
  g_autoptr(JsonNode) root = load_manifest ();
  JsonArray *sources = json_object_get_array_member (find_module (root, "md4c"), "sources");

  json_object_remove_member (json_array_get_object_element (sources, 0), "sha256");
  assert_rejected (root, "sha256");
}

static void
test_manifest_rejects_missing_command (void)
{
  g_autoptr(JsonNode) root = load_manifest ();

  json_object_remove_member (json_node_get_object (root), "command");
  assert_rejected (root, "command");
}

static void
test_manifest_rejects_old_runtime (void)
{
  g_autoptr(JsonNode) root = load_manifest ();

  json_object_set_string_member (json_node_get_object (root), "runtime-version", "42");
  assert_rejected (root, "42");
}

static void
remove_module (JsonNode   *root,
               const char *name)
{
  JsonArray *modules = json_object_get_array_member (json_node_get_object (root), "modules");

  for (guint i = 0; i < json_array_get_length (modules); i++)
    {
      JsonObject *module = json_array_get_object_element (modules, i);

      if (g_strcmp0 (json_object_get_string_member (module, "name"), name) == 0)
        {
          json_array_remove_element (modules, i);
          return;
        }
    }
}

static void
test_manifest_rejects_missing_dependency (void)
{
  g_autoptr(JsonNode) root = load_manifest ();
  g_autoptr(JsonNode) without_poppler = load_manifest ();

  remove_module (root, "libstemmer");
  assert_rejected (root, "libstemmer");
  remove_module (without_poppler, "poppler");
  assert_rejected (without_poppler, "poppler");
}

static gboolean
has_option (JsonArray  *opts,
            const char *option)
{
  for (guint i = 0; i < json_array_get_length (opts); i++)
    if (g_strcmp0 (json_array_get_string_element (opts, i), option) == 0)
      return TRUE;

  return FALSE;
}

/* poppler is not in the GNOME runtime: it is built with its GLib
 * binding and without what Lectern never uses (Qt, C++, the command-line
 * tools, network access, image decoders: only text is read). */
static void
test_manifest_poppler_minimal (void)
{
  static const char * const required[] = {
    "-DENABLE_GLIB=ON", "-DENABLE_CPP=OFF", "-DENABLE_QT5=OFF", "-DENABLE_QT6=OFF",
    "-DENABLE_UTILS=OFF", "-DENABLE_LIBCURL=OFF", "-DENABLE_GOBJECT_INTROSPECTION=OFF",
    "-DBUILD_GTK_TESTS=OFF", "-DBUILD_CPP_TESTS=OFF", "-DBUILD_MANUAL_TESTS=OFF",
  };
  g_autoptr(JsonNode) root = load_manifest ();
  JsonObject *poppler = find_module (root, "poppler");
  JsonArray *opts = json_object_get_array_member (poppler, "config-opts");
  JsonObject *source = json_array_get_object_element (json_object_get_array_member (poppler, "sources"), 0);

  g_assert_cmpstr (json_object_get_string_member (poppler, "buildsystem"), ==, "cmake-ninja");
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_true (has_option (opts, required[i]));
  /* The release Debian 12 builds against (its orig tarball has this hash). */
  g_assert_cmpstr (json_object_get_string_member (source, "url"), ==,
                   "https://poppler.freedesktop.org/poppler-22.12.0.tar.xz");
  g_assert_cmpstr (json_object_get_string_member (source, "sha256"), ==,
                   "d9aa9cacdfbd0f8e98fc2b3bb008e645597ed480685757c3e7bc74b4278d15c0");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/manifest/valid", test_manifest_valid);
  g_test_add_func ("/manifest/builds-this-project", test_manifest_builds_this_project);
  g_test_add_func ("/manifest/matches-metainfo", test_manifest_matches_metainfo);
  g_test_add_func ("/manifest/rejects/unknown-option", test_manifest_rejects_unknown_option);
  g_test_add_func ("/manifest/rejects/bad-value", test_manifest_rejects_bad_value);
  g_test_add_func ("/manifest/rejects/filesystem", test_manifest_rejects_filesystem);
  g_test_add_func ("/manifest/rejects/unpinned-source", test_manifest_rejects_unpinned_source);
  g_test_add_func ("/manifest/rejects/missing-command", test_manifest_rejects_missing_command);
  g_test_add_func ("/manifest/rejects/old-runtime", test_manifest_rejects_old_runtime);
  g_test_add_func ("/manifest/rejects/missing-dependency", test_manifest_rejects_missing_dependency);
  g_test_add_func ("/manifest/poppler-minimal", test_manifest_poppler_minimal);

  return g_test_run ();
}
