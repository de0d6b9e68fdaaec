/* lectern-document-epub.c: an EPUB 2 or 3 book into one document
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The zip is read from memory with libarchive, bounded in entries and
 * in unpacked bytes, and entries named outside the book ("../x", "/x")
 * are never read. META-INF/container.xml names the package (OPF); its
 * spine gives the chapters in reading order, and the nav document
 * (EPUB 3) or the NCX (EPUB 2) their titles. Each chapter's XHTML goes
 * through _lectern_epub_add_xhtml_chapter() (lectern-document-epub-xhtml.c),
 * a small walker kept apart so that it can give way to the shared HTML
 * walker. libxml2 parses with
 * XML_PARSE_NONET and without XML_PARSE_NOENT or XML_PARSE_DTDLOAD:
 * nothing is fetched and no external entity or DTD is read. */

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "lectern-document-epub-private.h"

/* More entries than any real book has (a large one has ~2,000). */
#define EPUB_MAX_ENTRIES 10000

#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

typedef struct
{
  char *path;   /* resolved inside the zip, without fragment */
  char *label;
} TocEntry;

typedef struct
{
  const char  *display_name;
  GHashTable  *entries;     /* zip path → GBytes */
  char        *opf_dir;     /* "" or "OEBPS/" */
  GHashTable  *items;       /* manifest id → Item */
  GPtrArray   *spine;       /* Item, borrowed from items */
  GArray      *toc;         /* TocEntry */
  char        *title;
  char        *toc_id;      /* the spine's NCX item (EPUB 2) */
} Epub;

typedef struct
{
  char *path;
  char *media_type;
  char *properties;
} Item;

static void
item_free (gpointer data)
{
  Item *item = data;

  g_free (item->path);
  g_free (item->media_type);
  g_free (item->properties);
  g_free (item);
}

static void
toc_entry_clear (gpointer data)
{
  TocEntry *entry = data;

  g_free (entry->path);
  g_free (entry->label);
}

static void
epub_clear (Epub *epub)
{
  g_clear_pointer (&epub->entries, g_hash_table_unref);
  g_clear_pointer (&epub->items, g_hash_table_unref);
  g_clear_pointer (&epub->spine, g_ptr_array_unref);
  g_clear_pointer (&epub->toc, g_array_unref);
  g_clear_pointer (&epub->opf_dir, g_free);
  g_clear_pointer (&epub->title, g_free);
  g_clear_pointer (&epub->toc_id, g_free);
}

/* The zip ------------------------------------------------------------------ */

/* An entry may only name a place inside the book. */
static gboolean
entry_name_is_safe (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (name == NULL || *name == 0 || name[0] == '/' || name[0] == '\\' || strchr (name, ':') != NULL)
    return FALSE;
  parts = g_strsplit_set (name, "/\\", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (strcmp (parts[i], "..") == 0)
      return FALSE;

  return TRUE;
}

static void
set_corrupt_error (GError     **error,
                   const char  *display_name)
{
  g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_CORRUPT,
               _("“%s” is not an EPUB book Lectern can read: the file is damaged or incomplete."),
               display_name);
}

static void
set_bomb_error (GError     **error,
                const char  *display_name)
{
  g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_TOO_LARGE,
               _("“%s” unpacks to more than Lectern reads from one book. "
                 "It may be damaged or built to fill the memory."),
               display_name);
}

/* Reads one entry's data, counting it against what is left of the
 * book's budget. Returns %NULL on a read error or when over budget. */
static GBytes *
read_entry_data (struct archive *zip,
                 gsize          *budget,
                 gboolean       *over)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 chunk[16384];
  la_ssize_t n;

  while ((n = archive_read_data (zip, chunk, sizeof chunk)) > 0)
    {
      if ((gsize)n > *budget)
        {
          *over = TRUE;
          return NULL;
        }
      *budget -= n;
      g_byte_array_append (data, chunk, n);
    }
  if (n < 0)
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static gboolean
read_entries (Epub        *epub,
              const char  *data,
              gsize        len,
              gsize        max_uncompressed,
              GError     **error)
{
  struct archive *zip = archive_read_new ();
  struct archive_entry *entry;
  gsize budget = max_uncompressed;
  guint count = 0;
  gboolean ok = TRUE;
  int status;

  archive_read_support_format_zip (zip);
  if (archive_read_open_memory (zip, data, len) != ARCHIVE_OK)
    {
      archive_read_free (zip);
      set_corrupt_error (error, epub->display_name);
      return FALSE;
    }

  while (ok && (status = archive_read_next_header (zip, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);
      gboolean over = FALSE;
      GBytes *bytes;

      if (++count > EPUB_MAX_ENTRIES)
        {
          set_bomb_error (error, epub->display_name);
          ok = FALSE;
          break;
        }
      if (archive_entry_filetype (entry) != AE_IFREG || !entry_name_is_safe (name)
          || g_hash_table_contains (epub->entries, name))
        continue;

      bytes = read_entry_data (zip, &budget, &over);
      if (over)
        set_bomb_error (error, epub->display_name);
      else if (bytes == NULL)
        set_corrupt_error (error, epub->display_name);
      else
        g_hash_table_insert (epub->entries, g_strdup (name), bytes);
      ok = bytes != NULL;
    }
  if (ok && status != ARCHIVE_EOF)
    {
      set_corrupt_error (error, epub->display_name);
      ok = FALSE;
    }

  archive_read_free (zip);
  return ok;
}

/* XML helpers ------------------------------------------------------------------ */

static xmlDoc *
parse_xml (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (data == NULL || len == 0 || len > G_MAXINT)
    return NULL;

  return xmlReadMemory (data, (int)len, NULL, NULL, XML_OPTIONS);
}

/* EPUB 2 chapters use HTML's named entities (&nbsp;) and name XHTML
 * 1.1's DTD, which is never loaded: the names libxml2's HTML table
 * knows become character references. A chapter that declares entities
 * of its own is left as it is. */
static GString *
number_html_entities (const char *data,
                      gsize       len)
{
  GString *out = g_string_sized_new (len + 16);
  const char *end = data + len;
  const char *p = data;

  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);
      const char *name_end;
      const htmlEntityDesc *desc = NULL;

      if (amp == NULL)
        break;
      g_string_append_len (out, p, amp - p);
      for (name_end = amp + 1; name_end < end && name_end - amp < 12 && g_ascii_isalnum (*name_end); name_end++)
        ;
      if (name_end < end && *name_end == ';' && name_end > amp + 1)
        {
          g_autofree char *name = g_strndup (amp + 1, name_end - amp - 1);

          if (strcmp (name, "amp") != 0 && strcmp (name, "lt") != 0 && strcmp (name, "gt") != 0
              && strcmp (name, "quot") != 0 && strcmp (name, "apos") != 0)
            desc = htmlEntityLookup ((const xmlChar *)name);
        }
      if (desc != NULL)
        {
          g_string_append_printf (out, "&#%u;", desc->value);
          p = name_end + 1;
        }
      else
        {
          g_string_append_c (out, '&');
          p = amp + 1;
        }
    }
  if (p < end)
    g_string_append_len (out, p, end - p);

  return out;
}

/* Chapters are XHTML, but a book made by hand may hold HTML that is
 * not well-formed: the XML parser recovers what it can, and the HTML
 * parser takes what it refuses. */
static xmlDoc *
parse_xhtml (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autoptr(GString) numbered = NULL;
  xmlDoc *doc;

  /* An empty entry has no data at all, not even a pointer. */
  if (data == NULL || len == 0 || len > G_MAXINT / 2)
    return NULL;
  if (g_strstr_len (data, len, "<!ENTITY") == NULL)
    {
      numbered = number_html_entities (data, len);
      data = numbered->str;
      len = numbered->len;
    }
  doc = xmlReadMemory (data, (int)len, NULL, NULL, XML_OPTIONS | XML_PARSE_RECOVER);
  if (doc == NULL)
    doc = htmlReadMemory (data, (int)len, NULL, "UTF-8",
                          HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);

  return doc;
}

gboolean
_lectern_epub_is_element (const xmlNode *node,
                          const char    *name)
{
  return node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *)node->name, name) == 0;
}

/* The first element named @name at or below @node, in document order. */
xmlNode *
_lectern_epub_find_element (xmlNode    *node,
                            const char *name,
                            guint       depth)
{
  for (; node != NULL && depth < EPUB_MAX_DEPTH; node = node->next)
    {
      xmlNode *found;

      if (_lectern_epub_is_element (node, name))
        return node;
      if (node->type == XML_ELEMENT_NODE
          && (found = _lectern_epub_find_element (node->children, name, depth + 1)) != NULL)
        return found;
    }

  return NULL;
}

char *
_lectern_epub_get_attribute (xmlNode    *node,
                             const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *)name);
  char *copy = g_strdup ((const char *)value);

  xmlFree (value);
  return copy;
}

/* The text of an element, spaces collapsed. */
static char *
dup_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  g_auto(GStrv) words = g_strsplit_set (content != NULL ? (const char *)content : "", " \t\r\n", -1);
  g_autoptr(GString) text = g_string_new (NULL);

  xmlFree (content);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != 0)
      {
        if (text->len > 0)
          g_string_append_c (text, ' ');
        g_string_append (text, words[i]);
      }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Paths ----------------------------------------------------------------------- */

/* An href of a file in @dir ("OEBPS/"), as the zip names it: without
 * its fragment, unescaped, "a/../b" made "b". %NULL if it leaves the book. */
static char *
resolve_href (const char *dir,
              const char *href)
{
  g_autofree char *plain = g_strndup (href, strcspn (href, "#?"));
  g_autofree char *unescaped = g_uri_unescape_string (plain, NULL);
  g_autofree char *joined = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  if (unescaped == NULL || *unescaped == 0 || strstr (href, "://") != NULL)
    return NULL;
  joined = g_strconcat (unescaped[0] == '/' ? "" : dir, unescaped, NULL);
  parts = g_strsplit (joined, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == 0 || strcmp (parts[i], ".") == 0)
        continue;
      if (strcmp (parts[i], "..") == 0)
        {
          if (kept->len == 0)
            return NULL;
          g_ptr_array_remove_index (kept, kept->len - 1);
          continue;
        }
      g_ptr_array_add (kept, parts[i]);
    }
  g_ptr_array_add (kept, NULL);

  return g_strjoinv ("/", (char **)kept->pdata);
}

static char *
dir_of (const char *path)
{
  const char *slash = strrchr (path, '/');

  return slash != NULL ? g_strndup (path, slash - path + 1) : g_strdup ("");
}

/* DRM ------------------------------------------------------------------------- */

/* Font obfuscation (IDPF and Adobe) is not DRM: the text is readable. */
static gboolean
encrypts_content (xmlNode *node,
                  guint    depth)
{
  for (; node != NULL && depth < EPUB_MAX_DEPTH; node = node->next)
    {
      if (_lectern_epub_is_element (node, "EncryptionMethod"))
        {
          g_autofree char *algorithm = _lectern_epub_get_attribute (node, "Algorithm");

          if (algorithm == NULL
              || (strcmp (algorithm, "http://www.idpf.org/2008/embedding") != 0
                  && strcmp (algorithm, "http://ns.adobe.com/pdf/enc#RC") != 0))
            return TRUE;
        }
      if (node->type == XML_ELEMENT_NODE && encrypts_content (node->children, depth + 1))
        return TRUE;
    }

  return FALSE;
}

static gboolean
check_drm (Epub    *epub,
           GError **error)
{
  GBytes *encryption = g_hash_table_lookup (epub->entries, "META-INF/encryption.xml");
  gboolean protected = g_hash_table_contains (epub->entries, "META-INF/rights.xml");

  if (!protected && encryption != NULL)
    {
      g_autoptr(xmlDoc) doc = parse_xml (encryption);

      protected = doc != NULL && encrypts_content (xmlDocGetRootElement (doc), 0);
    }

  if (protected)
    g_set_error (error, LECTERN_DOCUMENT_ERROR, LECTERN_DOCUMENT_ERROR_PROTECTED,
                 _("“%s” is protected by DRM: its chapters are encrypted, so Lectern "
                   "cannot read them. Open a copy without DRM."),
                 epub->display_name);

  return !protected;
}

/* The package ------------------------------------------------------------------- */

static char *
find_opf_path (Epub *epub)
{
  GBytes *container = g_hash_table_lookup (epub->entries, "META-INF/container.xml");
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *rootfile;

  if (container == NULL || (doc = parse_xml (container)) == NULL)
    return NULL;
  rootfile = _lectern_epub_find_element (xmlDocGetRootElement (doc), "rootfile", 0);

  return rootfile != NULL ? _lectern_epub_get_attribute (rootfile, "full-path") : NULL;
}

static void
read_manifest (Epub    *epub,
               xmlNode *manifest)
{
  for (xmlNode *node = manifest != NULL ? manifest->children : NULL; node != NULL; node = node->next)
    {
      g_autofree char *id = NULL;
      g_autofree char *href = NULL;
      Item *item;

      if (!_lectern_epub_is_element (node, "item"))
        continue;
      id = _lectern_epub_get_attribute (node, "id");
      href = _lectern_epub_get_attribute (node, "href");
      if (id == NULL || href == NULL)
        continue;

      item = g_new0 (Item, 1);
      item->path = resolve_href (epub->opf_dir, href);
      item->media_type = _lectern_epub_get_attribute (node, "media-type");
      item->properties = _lectern_epub_get_attribute (node, "properties");
      g_hash_table_replace (epub->items, g_steal_pointer (&id), item);
    }
}

static void
read_spine (Epub    *epub,
            xmlNode *spine)
{
  if (spine == NULL)
    return;
  epub->toc_id = _lectern_epub_get_attribute (spine, "toc");

  for (xmlNode *node = spine->children; node != NULL; node = node->next)
    {
      g_autofree char *idref = NULL;
      Item *item;

      if (!_lectern_epub_is_element (node, "itemref") || (idref = _lectern_epub_get_attribute (node, "idref")) == NULL)
        continue;
      item = g_hash_table_lookup (epub->items, idref);
      if (item != NULL && item->path != NULL)
        g_ptr_array_add (epub->spine, item);
    }
}

static gboolean
read_package (Epub    *epub,
              GError **error)
{
  g_autofree char *opf_path = find_opf_path (epub);
  GBytes *opf = opf_path != NULL ? g_hash_table_lookup (epub->entries, opf_path) : NULL;
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *root;
  xmlNode *title;

  if (opf == NULL || (doc = parse_xml (opf)) == NULL)
    {
      set_corrupt_error (error, epub->display_name);
      return FALSE;
    }

  epub->opf_dir = dir_of (opf_path);
  root = xmlDocGetRootElement (doc);
  read_manifest (epub, _lectern_epub_find_element (root, "manifest", 0));
  read_spine (epub, _lectern_epub_find_element (root, "spine", 0));
  title = _lectern_epub_find_element (root, "title", 0);
  if (title != NULL)
    epub->title = dup_text (title);

  if (epub->spine->len == 0)
    {
      set_corrupt_error (error, epub->display_name);
      return FALSE;
    }

  return TRUE;
}

/* The table of contents -------------------------------------------------------- */

static void
add_toc_entry (Epub       *epub,
               const char *dir,
               const char *href,
               char       *label)
{
  TocEntry entry = { NULL, label };

  if (href == NULL || label == NULL || *label == 0 || (entry.path = resolve_href (dir, href)) == NULL)
    {
      g_free (label);
      return;
    }
  g_array_append_val (epub->toc, entry);
}

/* EPUB 3: the links of the nav document's <nav epub:type="toc">. */
static void
read_nav_links (Epub       *epub,
                const char *dir,
                xmlNode    *node,
                guint       depth)
{
  for (; node != NULL && depth < EPUB_MAX_DEPTH; node = node->next)
    {
      if (_lectern_epub_is_element (node, "a"))
        {
          g_autofree char *href = _lectern_epub_get_attribute (node, "href");

          add_toc_entry (epub, dir, href, dup_text (node));
        }
      else if (node->type == XML_ELEMENT_NODE)
        read_nav_links (epub, dir, node->children, depth + 1);
    }
}

static xmlNode *
find_toc_nav (xmlNode *node,
              guint    depth)
{
  for (; node != NULL && depth < EPUB_MAX_DEPTH; node = node->next)
    {
      xmlNode *found;

      if (_lectern_epub_is_element (node, "nav"))
        {
          g_autofree char *type = _lectern_epub_get_attribute (node, "type");

          if (type != NULL && strcmp (type, "toc") == 0)
            return node;
        }
      if (node->type == XML_ELEMENT_NODE && (found = find_toc_nav (node->children, depth + 1)) != NULL)
        return found;
    }

  return NULL;
}

/* EPUB 2: every navPoint's label and content@src, in document order. */
static void
read_ncx_points (Epub       *epub,
                 const char *dir,
                 xmlNode    *node,
                 guint       depth)
{
  for (; node != NULL && depth < EPUB_MAX_DEPTH; node = node->next)
    {
      if (_lectern_epub_is_element (node, "navPoint"))
        {
          xmlNode *label = _lectern_epub_find_element (node->children, "text", depth);
          xmlNode *content = _lectern_epub_find_element (node->children, "content", depth);
          g_autofree char *src = content != NULL ? _lectern_epub_get_attribute (content, "src") : NULL;

          add_toc_entry (epub, dir, src, label != NULL ? dup_text (label) : NULL);
        }
      if (node->type == XML_ELEMENT_NODE)
        read_ncx_points (epub, dir, node->children, depth + 1);
    }
}

static Item *
find_nav_item (Epub *epub)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, epub->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Item *item = value;

      if (item->properties != NULL && item->path != NULL)
        {
          g_auto(GStrv) words = g_strsplit (item->properties, " ", -1);

          if (g_strv_contains ((const char * const *)words, "nav"))
            return item;
        }
    }

  return NULL;
}

static void
read_toc (Epub *epub)
{
  Item *item = find_nav_item (epub);
  gboolean is_nav = item != NULL;
  GBytes *bytes;
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *dir = NULL;

  if (item == NULL && epub->toc_id != NULL)
    item = g_hash_table_lookup (epub->items, epub->toc_id);
  if (item == NULL || item->path == NULL
      || (bytes = g_hash_table_lookup (epub->entries, item->path)) == NULL
      || (doc = is_nav ? parse_xhtml (bytes) : parse_xml (bytes)) == NULL)
    return;

  dir = dir_of (item->path);
  if (is_nav)
    {
      xmlNode *nav = find_toc_nav (xmlDocGetRootElement (doc), 0);

      if (nav != NULL)
        read_nav_links (epub, dir, nav->children, 0);
    }
  else
    read_ncx_points (epub, dir, xmlDocGetRootElement (doc), 0);
}

static const char *
toc_label_for (Epub       *epub,
               const char *path)
{
  for (guint i = 0; i < epub->toc->len; i++)
    {
      const TocEntry *entry = &g_array_index (epub->toc, TocEntry, i);

      if (strcmp (entry->path, path) == 0)
        return entry->label;
    }

  return NULL;
}

/* The book -------------------------------------------------------------------- */

static void
add_chapter (Epub    *epub,
             Builder *b,
             Item    *item)
{
  GBytes *bytes = g_hash_table_lookup (epub->entries, item->path);
  const char *label = toc_label_for (epub, item->path);
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *root;

  if (bytes == NULL || (doc = parse_xhtml (bytes)) == NULL)
    return;
  root = xmlDocGetRootElement (doc);

  /* Each chapter opens with a heading, so the outline lists them all. */
  if (label != NULL && root != NULL && !_lectern_epub_starts_with_heading (root, 0))
    {
      _lectern_builder_begin_leaf (b, LECTERN_BLOCK_HEADING, 1);
      _lectern_builder_append (b, label, strlen (label));
      _lectern_builder_end_leaf (b);
    }
  _lectern_epub_add_xhtml_chapter (b, doc);
}

LecternDocument *
_lectern_document_parse_epub (const char  *data,
                              gsize        len,
                              const char  *uri,
                              const char  *display_name,
                              gsize        max_uncompressed,
                              GError     **error)
{
  g_autofree char *title = NULL;
  Epub epub = { 0 };
  Builder b;

  epub.display_name = display_name;
  epub.entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_bytes_unref);
  epub.items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, item_free);
  epub.spine = g_ptr_array_new ();
  epub.toc = g_array_new (FALSE, FALSE, sizeof (TocEntry));
  g_array_set_clear_func (epub.toc, toc_entry_clear);

  if (!read_entries (&epub, data, len, max_uncompressed, error)
      || !check_drm (&epub, error)
      || !read_package (&epub, error))
    {
      epub_clear (&epub);
      return NULL;
    }
  read_toc (&epub);

  _lectern_builder_init (&b, len);
  for (guint i = 0; i < epub.spine->len; i++)
    add_chapter (&epub, &b, g_ptr_array_index (epub.spine, i));

  title = epub.title != NULL && *epub.title != 0 ? g_steal_pointer (&epub.title)
                                                 : _lectern_document_title_from_name (display_name);
  epub_clear (&epub);

  return _lectern_builder_finish (&b, uri, title, LECTERN_DOCUMENT_FORMAT_EPUB);
}
