/* lectern-document-loader-detect.c: what format a file is, by its content
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* GIO names the content type from the name and the first bytes; a
 * text/plain file is then read as Markdown only when it carries marks
 * that plain text does not use. Setext underlines, "-" and "*" lists,
 * `backticks` and *stars* are left out on purpose: README.Debian files,
 * release notes and AsciiDoc use them as plain text. The measurement
 * behind the rule is tests/format-truth/README.md. */

#include "config.h"

#include <string.h>

#include "lectern-document-builder.h"

/* Only the beginning is looked at: enough for any article's marks. */
#define SNIFF_BYTES (256 * 1024)

typedef enum
{
  MARK_HEADING,      /* "## Section", "# Title" */
  MARK_STRONG,       /* **strong** */
  MARK_LINK,         /* [text](target), ![alt](image) */
  MARK_REFERENCE,    /* [label]: target */
  MARK_HTML,         /* <sup>, <sub>, <br>, <!-- comments --> */
  MARK_FENCE,        /* ``` */
  MARK_TABLE,        /* |---|---| */
  MARK_ESCAPE,       /* \$ \* \_ \# \[ */
  N_MARKS
} Mark;

/* @weight: how many ordinary marks one of these is worth; a badge
 * ("[![build](…)](…)") or a second-level heading is Markdown alone. */
typedef struct
{
  const char *pattern;
  Mark        mark;
  guint       weight;
} MarkPattern;

static const MarkPattern mark_patterns[] = {
  { "^#{2,6}[ \t]+\\S", MARK_HEADING, 2 },
  { "^# [A-Z][^\\n]*$|^# \\S[^\\n]*\\n(?=\\n)", MARK_HEADING, 1 },
  { "(^|[^\\w*/\\\\])\\*\\*[^\\s*/]([^*\\n]*[^\\s*/\\\\])?\\*\\*($|[^\\w*/])", MARK_STRONG, 1 },
  { "\\[!\\[[^\\]\\n]*\\]\\([^)\\s]+\\)\\]\\(", MARK_LINK, 3 },
  { "\\[[^\\]\\n]+\\]\\([^)\\s]+\\)", MARK_LINK, 1 },
  { "^ {0,3}\\[[^\\]\\n]+\\]:[ \\t]+(https?:|/|#)\\S*", MARK_REFERENCE, 1 },
  { "<(sup|sub|br|kbd|details)\\s*/?>|^<!--", MARK_HTML, 1 },
  { "^ {0,3}(```|~~~)", MARK_FENCE, 1 },
  { "^\\|?[ \\t]*:?-{3,}:?[ \\t]*\\|[ \\t]*:?-{3,}", MARK_TABLE, 1 },
  { "\\\\[$*_#\\[\\]`]", MARK_ESCAPE, 1 },
};

static GRegex *
mark_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      g_autoptr(GString) all = g_string_new (NULL);
      GRegex *compiled;

      /* One alternation with a named group per pattern: one pass. */
      for (guint i = 0; i < G_N_ELEMENTS (mark_patterns); i++)
        g_string_append_printf (all, "%s(?<p%u>%s)", i > 0 ? "|" : "",
                                i, mark_patterns[i].pattern);
      compiled = g_regex_new (all->str, G_REGEX_MULTILINE | G_REGEX_OPTIMIZE,
                              G_REGEX_MATCH_NOTEMPTY, NULL);
      g_assert (compiled != NULL);
      g_once_init_leave (&regex, compiled);
    }

  return regex;
}

static void
count_marks (const char *text,
             gsize       len,
             guint       counts[N_MARKS])
{
  g_autoptr(GMatchInfo) info = NULL;

  g_regex_match_full (mark_regex (), text, len, 0, 0, &info, NULL);
  while (g_match_info_matches (info))
    {
      for (guint i = 0; i < G_N_ELEMENTS (mark_patterns); i++)
        {
          char group[8];
          g_autofree char *hit = NULL;

          g_snprintf (group, sizeof group, "p%u", i);
          hit = g_match_info_fetch_named (info, group);
          if (hit != NULL && *hit != 0)
            {
              counts[mark_patterns[i].mark] += mark_patterns[i].weight;
              break;
            }
        }
      g_match_info_next (info, NULL);
    }
}

/**
 * _lectern_text_looks_like_markdown:
 * @data: UTF-8 text
 * @len: its length in bytes
 *
 * Whether plain text is Markdown: two different kinds of Markdown-only
 * marks, or three of one kind (counted by weight).
 */
gboolean
_lectern_text_looks_like_markdown (const char *data,
                                   gsize       len)
{
  guint counts[N_MARKS] = { 0 };
  guint kinds = 0;
  guint total = 0;
  const char *bad;

  len = MIN (len, SNIFF_BYTES);
  /* Cut at the last whole character, or GRegex refuses the text. */
  if (!g_utf8_validate_len (data, len, &bad))
    len = bad - data;
  count_marks (data, len, counts);

  for (guint m = 0; m < N_MARKS; m++)
    {
      kinds += counts[m] > 0;
      total += counts[m];
    }

  return kinds >= 2 || total >= 3;
}

static gboolean
type_is_html (const char *type)
{
  return g_content_type_is_a (type, "text/html") ||
         g_content_type_is_a (type, "application/xhtml+xml");
}

/**
 * lectern_document_format_detect:
 * @name: the file's name (only its suffix is used)
 * @data: the file's first bytes (or all of them)
 * @len: how many
 *
 * Chooses how to read a file: GIO's content type from the name and
 * the content, then, for text that is not named Markdown, whether it
 * carries Markdown's marks.
 *
 * Returns: the format to read the file as
 */
LecternDocumentFormat
lectern_document_format_detect (const char *name,
                                const char *data,
                                gsize       len)
{
  g_autofree char *type = NULL;
  LecternDocumentFormat by_name;

  g_return_val_if_fail (name != NULL, LECTERN_DOCUMENT_FORMAT_PLAIN);
  g_return_val_if_fail (data != NULL || len == 0, LECTERN_DOCUMENT_FORMAT_PLAIN);

  by_name = lectern_document_format_for_name (name);
  if (by_name != LECTERN_DOCUMENT_FORMAT_PLAIN)
    return by_name;

  type = g_content_type_guess (name, (const guchar *)data, MIN (len, 4096), NULL);
  if (type_is_html (type))
    return LECTERN_DOCUMENT_FORMAT_HTML;
  if (g_content_type_is_a (type, "application/pdf"))
    return LECTERN_DOCUMENT_FORMAT_PDF;
  if (g_content_type_is_a (type, "application/epub+zip"))
    return LECTERN_DOCUMENT_FORMAT_EPUB;
  if (g_content_type_is_a (type, "text/markdown"))
    return LECTERN_DOCUMENT_FORMAT_MARKDOWN;

  if (len > 0 && _lectern_text_looks_like_markdown (data, len))
    return LECTERN_DOCUMENT_FORMAT_MARKDOWN;

  return LECTERN_DOCUMENT_FORMAT_PLAIN;
}
