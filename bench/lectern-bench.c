/* lectern-bench.c: how fast the core paths are, for docs/benchmarks.md
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <libxml/HTMLparser.h>
#include <archive.h>
#include <archive_entry.h>
#include <libxml/parser.h>
#include <md4c.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lectern-core.h"
#include "lectern-annotation-store-private.h"
#include "lectern-comparison-eval.h"
#include "lectern-test-zip.h"

#define MAX_RUNS 99
#define DEFAULT_RUNS 7
#define DEFAULT_SIZE_MB 10
#define MIB (1024.0 * 1024.0)
#define EPUB_CONTAINER "<container xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">" \
  "<rootfiles><rootfile full-path=\"OEBPS/book.opf\"/></rootfiles></container>"
#define VOCABULARY_SIZE 6000
#define DETAIL_SIZE 320

/* Options --------------------------------------------------------------- */

typedef struct
{
  int        runs;
  int        size_mb;
  gint64     seed;
  gboolean   json;
  gboolean   list;
  char     **only;
  char      *write_prose;
} Options;

/* Deterministic inputs --------------------------------------------------- */

/* xorshift64*: fast, and the same numbers on every machine and libc. */
typedef struct
{
  guint64 state;
} Rng;

static void
rng_init (Rng    *rng,
          guint64 seed)
{
  rng->state = seed * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) + 1;
}

static guint64
rng_next (Rng *rng)
{
  guint64 x = rng->state;

  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  rng->state = x;

  return x * G_GUINT64_CONSTANT (0x2545F4914F6CDD1D);
}

static guint
rng_below (Rng  *rng,
           guint n)
{
  return (guint)((rng_next (rng) >> 32) % n);
}

static double
rng_double (Rng *rng)
{
  return (double)(rng_next (rng) >> 11) / 9007199254740992.0;
}

/* The most frequent words of the prose: short grammatical words that
 * every passage shares, as in real text. */
static const char * const function_words[] = {
  "the", "of", "and", "a", "to", "in", "that", "is", "was", "for", "on",
  "as", "with", "by", "it", "not", "but", "from", "at", "which", "this",
  "or", "be", "their", "its", "were", "had", "more", "than", "also",
};

/* The head of the content vocabulary; the long tail is made of syllables. */
static const char * const common_words[] = {
  "reader", "archive", "passage", "margin", "argument", "evidence",
  "history", "treaty", "language", "method", "question", "theory",
  "chapter", "letter", "river", "city", "council", "market", "memory",
  "record", "harvest", "journey", "border", "library", "museum",
  "teacher", "student", "article", "source", "witness", "season",
  "winter", "harbour", "garden", "machine", "signal", "pattern",
  "measure", "balance", "promise", "report", "journal", "editor",
  "printer", "paper", "quarter", "village", "school", "course", "lesson",
  "answer", "reason", "example", "figure", "window", "street", "bridge",
  "mountain", "forest", "island", "coast", "engine", "factory", "worker",
  "family", "neighbour", "stranger", "voice", "silence", "story", "novel",
  "scholar", "critic", "translation", "meaning", "sentence", "page",
  "volume", "edition", "draft", "comment", "review", "summary", "claim",
  "doubt", "belief", "custom", "court", "office", "budget", "trade",
  "price", "crisis", "reform", "election", "leader", "minister", "nation",
  "region", "province", "capital", "alliance", "reads", "writes",
  "argues", "shows", "keeps", "changes", "follows", "explains",
  "describes", "measures", "finds", "builds", "opens", "carries",
  "remembers", "questions", "suggests", "offers", "early", "late",
  "careful", "quiet", "public", "shared", "common", "narrow", "wide",
  "strong", "uncertain", "modest", "familiar", "difficult",
};

static const char * const onsets[] = {
  "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t",
  "v", "w", "br", "cr", "dr", "gr", "pl", "st", "tr", "sh", "ch", "th",
};
static const char * const vowels[] = {
  "a", "e", "i", "o", "u", "ai", "ea", "ou", "io",
};
static const char * const codas[] = {
  "", "", "", "n", "r", "s", "l", "t", "m", "nd", "st", "ck",
};

/* Content words by rank, with Zipf weights (the n-th word is about n
 * times rarer than the first), so that term statistics look like prose:
 * a few words everywhere, most words in a few passages. */
typedef struct
{
  char   *words[VOCABULARY_SIZE];
  double  cumulative[VOCABULARY_SIZE];
} Vocabulary;

static char *
make_word (Rng *rng)
{
  GString *word = g_string_new (NULL);
  guint n_syllables = 2 + rng_below (rng, 2);

  for (guint i = 0; i < n_syllables; i++)
    {
      g_string_append (word, onsets[rng_below (rng, G_N_ELEMENTS (onsets))]);
      g_string_append (word, vowels[rng_below (rng, G_N_ELEMENTS (vowels))]);
    }
  g_string_append (word, codas[rng_below (rng, G_N_ELEMENTS (codas))]);

  return g_string_free (word, FALSE);
}

static const Vocabulary *
vocabulary_get (void)
{
  static Vocabulary *vocabulary;
  Rng rng;
  double sum = 0;

  if (vocabulary != NULL)
    return vocabulary;

  /* Its own fixed seed: the vocabulary is the same whatever --seed is. */
  rng_init (&rng, 20261122);
  vocabulary = g_new0 (Vocabulary, 1);
  for (guint i = 0; i < VOCABULARY_SIZE; i++)
    {
      if (i < G_N_ELEMENTS (common_words))
        vocabulary->words[i] = g_strdup (common_words[i]);
      else
        vocabulary->words[i] = make_word (&rng);

      sum += 1.0 / (i + 2.7);
      vocabulary->cumulative[i] = sum;
    }

  return vocabulary;
}

static const char *
pick_content_word (Rng *rng)
{
  const Vocabulary *vocabulary = vocabulary_get ();
  double target = rng_double (rng) * vocabulary->cumulative[VOCABULARY_SIZE - 1];
  guint lo = 0;
  guint hi = VOCABULARY_SIZE - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (vocabulary->cumulative[mid] < target)
        lo = mid + 1;
      else
        hi = mid;
    }

  return vocabulary->words[lo];
}

/* Some of the study material is Korean: a few sentences carry a Hangul
 * word, so that character offsets and byte offsets differ. */
static void
append_hangul_word (GString *out,
                    Rng     *rng)
{
  guint n_syllables = 2 + rng_below (rng, 2);

  for (guint i = 0; i < n_syllables; i++)
    g_string_append_unichar (out, 0xAC00 + rng_below (rng, 400) * 28);
}

static void
append_marked_word (GString    *out,
                    Rng        *rng,
                    const char *word)
{
  switch (rng_below (rng, 4))
    {
    case 0:
      g_string_append_printf (out, "*%s*", word);
      break;
    case 1:
      g_string_append_printf (out, "**%s**", word);
      break;
    case 2:
      g_string_append_printf (out, "`%s`", word);
      break;
    default:
      g_string_append_printf (out, "[%s](https://example.org/notes/%u)", word, rng_below (rng, 1000));
      break;
    }
}

/* One sentence of 8-24 words ending in a full stop. With @markdown a
 * few words get emphasis, code or link markup. */
static void
append_sentence (GString  *out,
                 Rng      *rng,
                 gboolean  markdown)
{
  guint n_words = 8 + rng_below (rng, 17);
  guint hangul_at = rng_below (rng, 30) == 0 ? rng_below (rng, n_words) : G_MAXUINT;
  gsize start = out->len;

  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append (out, (i > 2 && rng_below (rng, 12) == 0) ? ", " : " ");

      if (i == hangul_at)
        append_hangul_word (out, rng);
      else if (rng_below (rng, 100) < 45)
        g_string_append (out, function_words[rng_below (rng, G_N_ELEMENTS (function_words))]);
      else if (markdown && rng_below (rng, 40) == 0)
        append_marked_word (out, rng, pick_content_word (rng));
      else
        g_string_append (out, pick_content_word (rng));
    }

  if (g_ascii_islower (out->str[start]))
    out->str[start] = g_ascii_toupper (out->str[start]);
  g_string_append_c (out, '.');
}

static void
append_paragraph (GString  *out,
                  Rng      *rng,
                  gboolean  markdown)
{
  guint n_sentences = 3 + rng_below (rng, 5);

  for (guint i = 0; i < n_sentences; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      append_sentence (out, rng, markdown);
    }
}

/* Plain prose of at least @size bytes: paragraphs of 3-7 sentences, one
 * a line, a blank line between them. */
static GBytes *
make_prose (gsize   size,
            guint64 seed)
{
  GString *out = g_string_sized_new (size + 4096);
  Rng rng;

  rng_init (&rng, seed);
  while (out->len < size)
    {
      append_paragraph (out, &rng, FALSE);
      g_string_append (out, "\n\n");
    }

  return g_string_free_to_bytes (out);
}

static void
append_markdown_block (GString *out,
                       Rng     *rng)
{
  guint kind = rng_below (rng, 24);
  guint n_items = 3 + rng_below (rng, 3);

  if (kind == 0)
    {
      g_string_append (out, "## ");
      g_string_append (out, pick_content_word (rng));
      g_string_append_c (out, ' ');
      g_string_append (out, pick_content_word (rng));
    }
  else if (kind == 1 || kind == 2)
    for (guint i = 0; i < n_items; i++)
      {
        g_string_append_printf (out, kind == 1 ? "- " : "%u. ", i + 1);
        append_sentence (out, rng, TRUE);
        g_string_append_c (out, '\n');
      }
  else if (kind == 3)
    {
      g_string_append (out, "> ");
      append_paragraph (out, rng, TRUE);
    }
  else if (kind == 4)
    g_string_append_printf (out, "```\nlet passage = %u;\nlet margin = %u;\n```",
                            rng_below (rng, 10000), rng_below (rng, 100));
  else
    append_paragraph (out, rng, TRUE);

  g_string_append (out, "\n\n");
}

/* Markdown of at least @size bytes: mostly paragraphs, with headings,
 * lists, quotes, code blocks and inline markup among them. */
static GBytes *
make_markdown (gsize   size,
               guint64 seed)
{
  GString *out = g_string_sized_new (size + 4096);
  Rng rng;

  rng_init (&rng, seed);
  g_string_append (out, "# Benchmark reading\n\n");
  while (out->len < size)
    append_markdown_block (out, &rng);

  return g_string_free_to_bytes (out);
}

/* Rewrites one sentence of @paragraph, appending the result to @out. */
static void
append_rewritten (GString    *out,
                  const char *paragraph,
                  Rng        *rng)
{
  g_auto(GStrv) sentences = g_strsplit (paragraph, ". ", -1);
  guint n = g_strv_length (sentences);
  guint j = rng_below (rng, n);
  GString *fresh = g_string_new (NULL);

  append_sentence (fresh, rng, FALSE);
  if (j + 1 < n)
    g_string_truncate (fresh, fresh->len - 1);
  g_free (sentences[j]);
  sentences[j] = g_string_free (fresh, FALSE);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, ". ");
      g_string_append (out, sentences[i]);
    }
}

/* A copy of plain prose with about @percent % of its paragraphs changed,
 * scattered over the text: most get one sentence rewritten, a tenth are
 * deleted, a tenth get a new paragraph inserted before them. */
static GBytes *
make_edited (GBytes  *original,
             guint    percent,
             guint64  seed)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (original, NULL), g_bytes_get_size (original));
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n\n", -1);
  GString *out = g_string_sized_new (g_bytes_get_size (original) + 4096);
  Rng rng;

  rng_init (&rng, seed);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      /* In thousandths: the first tenth of the changed share deletes,
       * the second inserts, the rest rewrites. */
      guint what = rng_below (&rng, 1000);
      guint changed = percent * 10;

      if (paragraphs[i][0] == '\0')
        continue;

      if (what < changed / 10)
        continue;
      if (what < changed / 5)
        {
          append_paragraph (out, &rng, FALSE);
          g_string_append (out, "\n\n");
        }

      if (what >= changed / 5 && what < changed)
        append_rewritten (out, paragraphs[i], &rng);
      else
        g_string_append (out, paragraphs[i]);
      g_string_append (out, "\n\n");
    }

  return g_string_free_to_bytes (out);
}

/* Measuring --------------------------------------------------------------- */

/* One benchmark's figures, filled in a child process and sent to the
 * parent as plain bytes through a pipe. */
typedef struct
{
  int     runs;
  guint   n_samples;
  double  samples[MAX_RUNS];
  /* CPU time of the measuring thread: when it is well below the wall
   * time, the run waited for the disk or for a busy machine. */
  double  cpu_samples[MAX_RUNS];
  double  started;
  double  cpu_started;
  gsize   bytes;
  gint64  rss_before_kb;
  gint64  peak_kb;
  char    detail[DETAIL_SIZE];
} Bench;

static double
clock_seconds (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);

  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A field of /proc/self/status, in kB; -1 if it cannot be read. */
static gint64
read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  line = strstr (status, field);
  if (line == NULL)
    return -1;

  return g_ascii_strtoll (line + strlen (field), NULL, 10);
}

/* Linux lets a process set its peak RSS (VmHWM) back to its current RSS,
 * so the peak covers the benchmark and not the making of its inputs. */
static void
reset_peak_rss (void)
{
  int fd = open ("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);

  if (fd < 0)
    return;
  if (write (fd, "5", 1) != 1)
    g_debug ("Could not reset the peak RSS: %s", g_strerror (errno));
  close (fd);
}

/* Waits until no other thread of the process works: the store frees
 * large JSON trees in a worker thread, and a run should not pay for the
 * cleanup of the one before it. Gives up after 10 s. */
static void
wait_for_other_threads (void)
{
  for (guint i = 0; i < 200; i++)
    {
      double process = clock_seconds (CLOCK_PROCESS_CPUTIME_ID);
      double thread = clock_seconds (CLOCK_THREAD_CPUTIME_ID);

      g_usleep (50000);
      if ((clock_seconds (CLOCK_PROCESS_CPUTIME_ID) - process) -
          (clock_seconds (CLOCK_THREAD_CPUTIME_ID) - thread) < 0.002)
        return;
    }
}

static void
bench_start (Bench *b)
{
  wait_for_other_threads ();

  if (b->n_samples == 0 && b->rss_before_kb == 0)
    {
      /* Hand what making the inputs freed back to the system first. */
      malloc_trim (0);
      reset_peak_rss ();
      b->rss_before_kb = read_status_kb ("VmRSS:");
    }

  b->cpu_started = clock_seconds (CLOCK_THREAD_CPUTIME_ID);
  b->started = clock_seconds (CLOCK_MONOTONIC);
}

static void
bench_stop (Bench *b)
{
  double elapsed = clock_seconds (CLOCK_MONOTONIC) - b->started;
  double cpu = clock_seconds (CLOCK_THREAD_CPUTIME_ID) - b->cpu_started;

  g_assert (b->n_samples < MAX_RUNS);
  b->cpu_samples[b->n_samples] = cpu;
  b->samples[b->n_samples++] = elapsed;
}

static G_NORETURN void
bench_fail (const char   *name,
            const GError *error)
{
  g_printerr ("lectern-bench: %s failed: %s\n", name, error != NULL ? error->message : "unexpected result");
  _exit (1);
}

/* Benchmarks -------------------------------------------------------------- */

typedef void (*BenchFunc) (Bench *b, const Options *options);

static int
md_block_cb (MD_BLOCKTYPE type, void *detail, void *user_data)
{
  return 0;
}

static int
md_span_cb (MD_SPANTYPE type, void *detail, void *user_data)
{
  return 0;
}

static int
md_text_cb (MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *user_data)
{
  return 0;
}

/* The floor for Markdown: md4c alone, with the flags the loader uses
 * (see parse_markdown() in lectern-document-loader.c). */
static void
bench_md4c_parse (Bench         *b,
                  const Options *options)
{
  g_autoptr(GBytes) input = make_markdown (options->size_mb * MIB, options->seed);
  const MD_PARSER parser = {
    .abi_version = 0,
    .flags = MD_FLAG_STRIKETHROUGH | MD_FLAG_TABLES | MD_FLAG_TASKLISTS |
             MD_FLAG_PERMISSIVEURLAUTOLINKS | MD_FLAG_PERMISSIVEWWWAUTOLINKS,
    .enter_block = md_block_cb,
    .leave_block = md_block_cb,
    .enter_span = md_span_cb,
    .leave_span = md_span_cb,
    .text = md_text_cb,
  };
  gsize size;
  const char *data = g_bytes_get_data (input, &size);

  b->bytes = size;
  for (int i = 0; i < b->runs; i++)
    {
      int ret;

      bench_start (b);
      ret = md_parse (data, (MD_SIZE)size, &parser, NULL);
      bench_stop (b);

      if (ret != 0)
        bench_fail ("md4c-parse", NULL);
    }
}

/* The floor for plain text: one pass over the bytes, as any reader of
 * UTF-8 text must make. */
static void
bench_utf8_validate (Bench         *b,
                     const Options *options)
{
  g_autoptr(GBytes) input = make_prose (options->size_mb * MIB, options->seed);
  gsize size;
  const char *data = g_bytes_get_data (input, &size);

  b->bytes = size;
  for (int i = 0; i < b->runs; i++)
    {
      gboolean valid;

      bench_start (b);
      valid = memchr (data, 0, size) == NULL && g_utf8_validate_len (data, size, NULL);
      bench_stop (b);

      if (!valid)
        bench_fail ("utf8-validate", NULL);
    }
}

static void
bench_load (Bench                 *b,
            GBytes                *input,
            LecternDocumentFormat  format)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();

  b->bytes = g_bytes_get_size (input);
  for (int i = 0; i < b->runs; i++)
    {
      g_autoptr(LecternDocument) document = NULL;
      g_autoptr(GError) error = NULL;
      guint n_blocks;
      guint n_runs;

      bench_start (b);
      document = lectern_document_loader_load_bytes (loader, input, "file:///bench/input",
                                                     "input", format, &error);
      bench_stop (b);

      if (document == NULL)
        bench_fail ("load", error);

      lectern_document_get_blocks (document, &n_blocks);
      lectern_document_get_runs (document, &n_runs);
      g_snprintf (b->detail, sizeof b->detail, "%.1f MB: %u characters, %u blocks, %u style runs",
                  b->bytes / MIB, lectern_document_get_length (document), n_blocks, n_runs);
    }
}

static void
bench_markdown_load (Bench         *b,
                     const Options *options)
{
  g_autoptr(GBytes) input = make_markdown (options->size_mb * MIB, options->seed);

  bench_load (b, input, LECTERN_DOCUMENT_FORMAT_MARKDOWN);
}

static void
bench_plain_load (Bench         *b,
                  const Options *options)
{
  g_autoptr(GBytes) input = make_prose (options->size_mb * MIB, options->seed);

  bench_load (b, input, LECTERN_DOCUMENT_FORMAT_PLAIN);
}

/* Web pages ----------------------------------------------------------- */

/* A saved article: the prose as paragraphs with some inline markup,
 * inside the furniture of a news site (menus, share buttons, comments). */
static GBytes *
make_html (gsize   size,
           guint64 seed)
{
  g_autoptr(GBytes) prose = make_prose (size, seed);
  g_autofree char *escaped = g_markup_escape_text (g_bytes_get_data (prose, NULL), g_bytes_get_size (prose));
  g_auto(GStrv) paragraphs = g_strsplit (escaped, "\n\n", -1);
  GString *out = g_string_sized_new (size + size / 4);

  g_string_append (out, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Bench</title>"
                        "<script>var x = 1;</script></head><body><header class=\"site-header\">"
                        "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav></header>"
                        "<main><article><h1>Bench article</h1>"
                        "<div class=\"share\"><a href=\"#\">Share</a></div>");
  for (guint i = 0; paragraphs[i] != NULL; i++)
    g_string_append_printf (out, i % 20 == 0 ? "<h2>%.40s</h2><p>%s</p>\n" : "<p><em>%.0s</em>%s</p>\n",
                            paragraphs[i], paragraphs[i]);
  g_string_append (out, "</article><section class=\"comments\"><p>First!</p></section></main>"
                        "<footer>© Bench</footer></body></html>");

  return g_string_free_to_bytes (out);
}

/* The floor for web pages: libxml2's HTML parser alone, as the loader
 * calls it, building the tree and freeing it. */
static void
bench_libxml2_html_parse (Bench         *b,
                          const Options *options)
{
  g_autoptr(GBytes) input = make_html (options->size_mb * MIB, options->seed);
  gsize size;
  const char *data = g_bytes_get_data (input, &size);

  b->bytes = size;
  for (int i = 0; i < b->runs; i++)
    {
      htmlDocPtr doc;

      bench_start (b);
      doc = htmlReadMemory (data, (int)size, NULL, NULL,
                            HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT);
      xmlFreeDoc (doc);
      bench_stop (b);

      if (doc == NULL)
        bench_fail ("libxml2-html-parse", NULL);
    }
}

/* PDF -------------------------------------------------------------------- */

/* The Debian Reference (debian-reference-en): 261 pages of prose,
 * tables and commands, the PDF the paragraph rules are tested on. */
#define BENCH_PDF "/usr/share/debian-reference/debian-reference.en.pdf"

static GBytes *
load_bench_pdf (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize size;

  if (!g_file_get_contents (BENCH_PDF, &contents, &size, &error))
    bench_fail ("reading " BENCH_PDF " (install debian-reference-en)", error);

  return g_bytes_new_take (g_steal_pointer (&contents), size);
}

/* The floor for PDF: poppler opening the file and giving each page's
 * text, which any reader of a PDF's text must ask for. */
static void
bench_poppler_text (Bench         *b,
                    const Options *options)
{
  g_autoptr(GBytes) input = load_bench_pdf ();

  b->bytes = g_bytes_get_size (input);
  for (int i = 0; i < b->runs; i++)
    {
      PopplerDocument *document;
      gsize chars = 0;
      int n_pages;

      bench_start (b);
      document = poppler_document_new_from_bytes (input, NULL, NULL);
      if (document == NULL)
        bench_fail ("poppler-text", NULL);
      n_pages = poppler_document_get_n_pages (document);
      for (int p = 0; p < n_pages; p++)
        {
          PopplerPage *page = poppler_document_get_page (document, p);
          g_autofree char *text = poppler_page_get_text (page);

          chars += text != NULL ? strlen (text) : 0;
          g_object_unref (page);
        }
      g_object_unref (document);
      bench_stop (b);

      g_snprintf (b->detail, sizeof b->detail, "%d pages, %" G_GSIZE_FORMAT " bytes of text", n_pages, chars);
    }
}

static void
bench_pdf_load (Bench         *b,
                const Options *options)
{
  g_autoptr(GBytes) input = load_bench_pdf ();

  bench_load (b, input, LECTERN_DOCUMENT_FORMAT_PDF);
}

/* EPUB -------------------------------------------------------------------- */

#define EPUB_CHAPTER_BYTES (256 * 1024)

/* The prose input as a book: chapters of about 256 KB of <p>s, deflated,
 * with a container, a package and a nav document. */
static GBytes *
make_epub (gsize   size,
           guint64 seed)
{
  g_autoptr(GBytes) prose = make_prose (size, seed);
  g_auto(GStrv) paragraphs = g_strsplit (g_bytes_get_data (prose, NULL), "\n\n", -1);
  g_autoptr(GString) chapter = g_string_new (NULL);
  g_autoptr(GString) manifest = g_string_new (NULL);
  g_autoptr(GString) spine = g_string_new (NULL);
  LecternTestZip *zip = lectern_test_zip_new (size + 1024 * 1024, TRUE);
  g_autofree char *opf = NULL;
  guint n = 0;

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (paragraphs[i], -1);

      g_string_append_printf (chapter, "<p>%s</p>\n", escaped);
      if (chapter->len < EPUB_CHAPTER_BYTES && paragraphs[i + 1] != NULL)
        continue;

      {
        g_autofree char *name = g_strdup_printf ("OEBPS/c%u.xhtml", n);
        g_autofree char *xhtml = g_strdup_printf ("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">"
                                                  "<body><h1>Chapter %u</h1>%s</body></html>", n + 1, chapter->str);

        lectern_test_zip_add (zip, name, xhtml, strlen (xhtml));
        g_string_append_printf (manifest, "<item id=\"c%u\" href=\"c%u.xhtml\" media-type=\"application/xhtml+xml\"/>", n, n);
        g_string_append_printf (spine, "<itemref idref=\"c%u\"/>", n);
        g_string_truncate (chapter, 0);
        n++;
      }
    }
  opf = g_strdup_printf ("<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\"><metadata>"
                         "<title>Bench</title></metadata><manifest>%s</manifest><spine>%s</spine></package>",
                         manifest->str, spine->str);
  lectern_test_zip_add (zip, "META-INF/container.xml", EPUB_CONTAINER, strlen (EPUB_CONTAINER));
  lectern_test_zip_add (zip, "OEBPS/book.opf", opf, strlen (opf));

  return lectern_test_zip_finish (zip);
}

/* The floor for EPUB: libarchive unpacking every entry and libxml2
 * parsing every chapter, as any reader of the book must. */
static void
bench_epub_unzip_parse (Bench         *b,
                        const Options *options)
{
  g_autoptr(GBytes) input = make_epub (options->size_mb * MIB, options->seed);

  b->bytes = g_bytes_get_size (input);
  for (int i = 0; i < b->runs; i++)
    {
      struct archive *zip = archive_read_new ();
      struct archive_entry *entry;
      guint chapters = 0;

      bench_start (b);
      archive_read_support_format_zip (zip);
      archive_read_open_memory (zip, g_bytes_get_data (input, NULL), g_bytes_get_size (input));
      while (archive_read_next_header (zip, &entry) == ARCHIVE_OK)
        {
          g_autoptr(GByteArray) data = g_byte_array_new ();
          guint8 chunk[16384];
          la_ssize_t n;

          while ((n = archive_read_data (zip, chunk, sizeof chunk)) > 0)
            g_byte_array_append (data, chunk, n);
          if (g_str_has_suffix (archive_entry_pathname (entry), ".xhtml"))
            {
              xmlFreeDoc (xmlReadMemory ((const char *)data->data, data->len, NULL, NULL,
                                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
              chapters++;
            }
        }
      archive_read_free (zip);
      bench_stop (b);

      g_snprintf (b->detail, sizeof b->detail, "%u chapters", chapters);
    }
}

static void
bench_html_load (Bench         *b,
                 const Options *options)
{
  g_autoptr(GBytes) input = make_html (options->size_mb * MIB, options->seed);

  bench_load (b, input, LECTERN_DOCUMENT_FORMAT_HTML);
}

/* Choosing the format of a .txt file: GIO's content type and the
 * Markdown marks over the first 256 KiB. */
static void
bench_format_detect (Bench         *b,
                     const Options *options)
{
  g_autoptr(GBytes) input = make_prose (options->size_mb * MIB, options->seed);
  gsize size;
  const char *data = g_bytes_get_data (input, &size);

  b->bytes = size;
  for (int i = 0; i < b->runs; i++)
    {
      LecternDocumentFormat format;

      bench_start (b);
      format = lectern_document_format_detect ("input.txt", data, size);
      bench_stop (b);

      if (format != LECTERN_DOCUMENT_FORMAT_PLAIN)
        bench_fail ("format-detect", NULL);
      g_snprintf (b->detail, sizeof b->detail, "%.1f MB of plain prose read as plain text", b->bytes / MIB);
    }
}

static void
bench_epub_load (Bench         *b,
                 const Options *options)
{
  g_autoptr(GBytes) input = make_epub (options->size_mb * MIB, options->seed);

  bench_load (b, input, LECTERN_DOCUMENT_FORMAT_EPUB);
}

/* The store -------------------------------------------------------------- */

#define STORE_DOCUMENT_SIZE (4 * 1024 * 1024)
#define CONTEXT_CHARS 32

typedef struct
{
  char            *directory;
  LecternDocument *document;
} StoreFixture;

static LecternDocument *
load_document (GBytes     *input,
               const char *uri)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GError) error = NULL;
  LecternDocument *document;

  document = lectern_document_loader_load_bytes (loader, input, uri, "input",
                                                 LECTERN_DOCUMENT_FORMAT_PLAIN, &error);
  if (document == NULL)
    bench_fail ("load", error);

  return document;
}

static void
store_fixture_init (StoreFixture  *fixture,
                    const Options *options)
{
  g_autoptr(GBytes) input = make_prose (STORE_DOCUMENT_SIZE, options->seed);
  g_autoptr(GError) error = NULL;

  fixture->directory = g_dir_make_tmp ("lectern-bench-XXXXXX", &error);
  if (fixture->directory == NULL)
    bench_fail ("store", error);

  fixture->document = load_document (input, "file:///bench/store-document.txt");
}

/* The store writes only flat files into its directory. */
static void
empty_directory (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_unlink (file);
    }
}

static void
store_fixture_clear (StoreFixture *fixture)
{
  empty_directory (fixture->directory);
  g_rmdir (fixture->directory);
  g_clear_pointer (&fixture->directory, g_free);
  g_clear_object (&fixture->document);
}

static char *
make_uuid (Rng *rng)
{
  guint64 a = rng_next (rng);
  guint64 b = rng_next (rng);

  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%012" G_GINT64_MODIFIER "x",
                          (guint)(a & 0xffffffff), (guint)((a >> 32) & 0xffff),
                          (guint)((a >> 48) & 0xfff), (guint)(0x8000 | (b & 0x3fff)),
                          (b >> 16) & G_GUINT64_CONSTANT (0xffffffffffff));
}

/* Highlight @index of @count, spread evenly over the document, with the
 * quote and context a real one would have, a note on every tenth and
 * tags on every twentieth. */
static LecternHighlight *
make_highlight (LecternDocument *document,
                Rng             *rng,
                guint            index,
                guint            count,
                GDateTime       *base)
{
  static const char * const tags[] = { "bench", "review", NULL };
  guint length = lectern_document_get_length (document);
  guint stride = MAX (length / count, 1);
  guint start = MIN (index * stride + rng_below (rng, stride), length - 1);
  guint end = MIN (start + 10 + rng_below (rng, 90), length);
  g_autofree char *id = make_uuid (rng);
  g_autofree char *prefix = NULL;
  g_autofree char *exact = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *note = index % 10 == 0 ? g_strdup_printf ("Note %u on this passage.", index) : NULL;
  g_autoptr(GDateTime) created = g_date_time_add_seconds (base, index);
  const char *from = lectern_document_offset_to_pointer (document, start - MIN (start, CONTEXT_CHARS));
  const char *p = from;

  /* One lookup, then a walk: the same slices as dup_slice() thrice, faster. */
  for (guint i = start - MIN (start, CONTEXT_CHARS); i < start; i++)
    p = g_utf8_next_char (p);
  prefix = g_strndup (from, p - from);
  from = p;
  for (guint i = start; i < end; i++)
    p = g_utf8_next_char (p);
  exact = g_strndup (from, p - from);
  from = p;
  for (guint i = end; i < MIN (end + CONTEXT_CHARS, length); i++)
    p = g_utf8_next_char (p);
  suffix = g_strndup (from, p - from);

  return lectern_highlight_new_full (id, lectern_document_get_id (document),
                                     index % LECTERN_N_COLORS, note,
                                     index % 20 == 0 ? tags : NULL,
                                     created, NULL, start, end, exact, prefix, suffix,
                                     LECTERN_HIGHLIGHT_ANCHORED);
}

static LecternAnnotationStore *
new_loaded_store (StoreFixture *fixture)
{
  LecternAnnotationStore *store = lectern_annotation_store_new (fixture->directory);
  g_autoptr(GError) error = NULL;

  if (!lectern_annotation_store_load_document (store, fixture->document, &error))
    bench_fail ("store", error);

  return store;
}

static LecternAnnotationStore *
store_with_highlights (StoreFixture *fixture,
                       guint         count)
{
  LecternAnnotationStore *store = new_loaded_store (fixture);
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 1, 5, 9, 0, 0);
  Rng rng;

  rng_init (&rng, 77);
  for (guint i = 0; i < count; i++)
    {
      g_autoptr(LecternHighlight) highlight = make_highlight (fixture->document, &rng, i, count, base);
      g_autoptr(GError) error = NULL;

      if (!lectern_annotation_store_add (store, highlight, &error))
        bench_fail ("store", error);
    }

  return store;
}

static void
describe_file (Bench        *b,
               StoreFixture *fixture,
               guint         count)
{
  g_autofree char *name = g_strconcat (lectern_document_get_id (fixture->document), ".json", NULL);
  g_autofree char *path = g_build_filename (fixture->directory, name, NULL);
  GStatBuf st;

  if (g_stat (path, &st) == 0)
    g_snprintf (b->detail, sizeof b->detail, "%u highlights, file of %.1f MB",
                count, st.st_size / MIB);
}

static void
flush_or_fail (LecternAnnotationStore *store)
{
  g_autoptr(GError) error = NULL;

  if (!lectern_annotation_store_flush (store, &error))
    bench_fail ("store", error);
}

/* The first save of a document's highlights: no file yet, so no .bak. */
static void
bench_store_save (Bench         *b,
                  const Options *options)
{
  StoreFixture fixture = { 0 };

  store_fixture_init (&fixture, options);
  for (int i = 0; i < b->runs; i++)
    {
      g_autoptr(LecternAnnotationStore) store = NULL;

      empty_directory (fixture.directory);
      store = store_with_highlights (&fixture, 100000);

      bench_start (b);
      flush_or_fail (store);
      bench_stop (b);
    }

  describe_file (b, &fixture, 100000);
  store_fixture_clear (&fixture);
}

static void
bench_store_load (Bench         *b,
                  const Options *options)
{
  StoreFixture fixture = { 0 };
  LecternAnnotationStore *first;

  store_fixture_init (&fixture, options);
  first = store_with_highlights (&fixture, 100000);
  flush_or_fail (first);
  g_object_unref (first);

  for (int i = 0; i < b->runs; i++)
    {
      g_autoptr(LecternAnnotationStore) store = lectern_annotation_store_new (fixture.directory);
      g_autoptr(GError) error = NULL;
      gboolean loaded;

      bench_start (b);
      loaded = lectern_annotation_store_load_document (store, fixture.document, &error);
      bench_stop (b);

      if (!loaded)
        bench_fail ("store-load-100k", error);
      if (g_list_model_get_n_items (G_LIST_MODEL (store)) != 100000)
        bench_fail ("store-load-100k", NULL);
    }

  describe_file (b, &fixture, 100000);
  store_fixture_clear (&fixture);
}

/* The floor for loading: json-glib's parser alone on the same file. */
static void
bench_json_parse (Bench         *b,
                  const Options *options)
{
  StoreFixture fixture = { 0 };
  LecternAnnotationStore *first;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  store_fixture_init (&fixture, options);
  first = store_with_highlights (&fixture, 100000);
  flush_or_fail (first);
  g_object_unref (first);

  name = g_strconcat (lectern_document_get_id (fixture.document), ".json", NULL);
  path = g_build_filename (fixture.directory, name, NULL);
  if (!g_file_get_contents (path, &contents, &length, &error))
    bench_fail ("json-parse-100k", error);

  b->bytes = length;
  for (int i = 0; i < b->runs; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gboolean parsed;

      bench_start (b);
      parsed = json_parser_load_from_data (parser, contents, length, &error);
      bench_stop (b);

      if (!parsed)
        bench_fail ("json-parse-100k", error);
    }

  describe_file (b, &fixture, 100000);
  store_fixture_clear (&fixture);
}

/* One highlight of @count changes and the store saves: what the
 * autosave does after each edit, with the .bak of the previous file. */
static void
bench_autosave (Bench         *b,
                const Options *options,
                guint          count)
{
  StoreFixture fixture = { 0 };
  g_autoptr(LecternAnnotationStore) store = NULL;

  store_fixture_init (&fixture, options);
  store = store_with_highlights (&fixture, count);
  flush_or_fail (store);

  for (int i = 0; i < b->runs; i++)
    {
      g_autoptr(LecternHighlight) highlight = g_list_model_get_item (G_LIST_MODEL (store),
                                                                     (i * 7919) % count);
      g_autofree char *note = g_strdup_printf ("Changed in run %d.", i);

      lectern_highlight_set_note (highlight, note);

      bench_start (b);
      flush_or_fail (store);
      bench_stop (b);
    }

  describe_file (b, &fixture, count);
  g_clear_object (&store);
  store_fixture_clear (&fixture);
}

static void
bench_autosave_1k (Bench         *b,
                   const Options *options)
{
  bench_autosave (b, options, 1000);
}

static void
bench_autosave_100k (Bench         *b,
                     const Options *options)
{
  bench_autosave (b, options, 100000);
}

/* The longest main-loop stall during an autosave -------------------------- */

typedef struct
{
  gint64 last;
  gint64 longest;
  gint64 last_cpu;
  gint64 longest_cpu;
} Ticks;

/* The main thread's own CPU time: what our code did between two ticks,
 * without the time other processes took the core. */
static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);

  return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
tick_cb (gpointer user_data)
{
  Ticks *ticks = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_usec ();

  ticks->longest = MAX (ticks->longest, now - ticks->last);
  ticks->longest_cpu = MAX (ticks->longest_cpu, cpu - ticks->last_cpu);
  ticks->last = now;
  ticks->last_cpu = cpu;

  return G_SOURCE_CONTINUE;
}

/* A store loaded from a file of 100,000 highlights (none of their
 * entries written yet: the worst case) has one highlight changed; a
 * 1 ms timeout on the main loop records the largest gap between its
 * dispatches from the change until the autosave is on disk. The sample
 * is that gap, not the time of the save; the cpu column is the work of
 * the whole process meanwhile. */
static void
bench_autosave_stall (Bench         *b,
                      const Options *options)
{
  StoreFixture fixture = { 0 };
  LecternAnnotationStore *first;
  gint64 longest_cpu = 0;

  store_fixture_init (&fixture, options);
  first = store_with_highlights (&fixture, 100000);
  flush_or_fail (first);
  g_object_unref (first);

  for (int i = 0; i < b->runs; i++)
    {
      g_autoptr(LecternAnnotationStore) store = new_loaded_store (&fixture);
      g_autoptr(LecternHighlight) highlight = g_list_model_get_item (G_LIST_MODEL (store), (i * 7919) % 100000);
      g_autofree char *note = g_strdup_printf ("Changed in run %d.", i);
      Ticks ticks = { 0, 0, 0, 0 };
      guint tick_id;

      lectern_annotation_store_set_autosave_delay (store, 1);
      bench_start (b);
      ticks.last = g_get_monotonic_time ();
      ticks.last_cpu = thread_cpu_usec ();
      tick_id = g_timeout_add (1, tick_cb, &ticks);
      lectern_highlight_set_note (highlight, note);
      while (_lectern_annotation_store_is_saving (store))
        g_main_context_iteration (NULL, TRUE);
      /* The gap that ends with the save, too. */
      g_main_context_iteration (NULL, TRUE);
      g_source_remove (tick_id);
      bench_stop (b);

      b->samples[b->n_samples - 1] = ticks.longest / 1e6;
      longest_cpu = MAX (longest_cpu, ticks.longest_cpu);
    }

  g_print ("  main thread's own CPU time in the longest gap of any run: %.1f ms "
           "(the gap without other processes' time)\n", longest_cpu / 1e3);

  describe_file (b, &fixture, 100000);
  store_fixture_clear (&fixture);
}

/* Re-anchoring ----------------------------------------------------------- */

#define EDITED_PERCENT 5

/* 10k highlights made on a 1 MB text are placed again in a copy with 5%
 * of its paragraphs changed, the work done when a file changed on disk.
 * The time includes indexing the new text. */
static void
bench_reanchor (Bench         *b,
                const Options *options)
{
  g_autoptr(GBytes) original = make_prose (1 * MIB, options->seed);
  g_autoptr(GBytes) edited = make_edited (original, EDITED_PERCENT, options->seed + 1);
  g_autoptr(LecternDocument) before = load_document (original, "file:///bench/before.txt");
  g_autoptr(LecternDocument) after = load_document (edited, "file:///bench/after.txt");
  g_autoptr(GPtrArray) highlights = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 1, 5, 9, 0, 0);
  g_autofree LecternAnchorTarget *targets = g_new0 (LecternAnchorTarget, 10000);
  g_autofree LecternAnchorResult *results = g_new0 (LecternAnchorResult, 10000);
  guint by_method[LECTERN_ANCHOR_ORPHANED + 1] = { 0 };
  Rng rng;

  rng_init (&rng, 78);
  for (guint i = 0; i < 10000; i++)
    {
      g_ptr_array_add (highlights, make_highlight (before, &rng, i, 10000, base));
      lectern_anchor_target_init_from_highlight (&targets[i], g_ptr_array_index (highlights, i));
    }

  for (int i = 0; i < b->runs; i++)
    {
      g_autoptr(LecternAnchorText) text = NULL;

      bench_start (b);
      text = lectern_anchor_text_new_for_document (after);
      lectern_anchor_locate_all (text, targets, 10000, results);
      bench_stop (b);
    }

  for (guint i = 0; i < 10000; i++)
    by_method[results[i].method]++;
  g_snprintf (b->detail, sizeof b->detail,
              "%u at their position, %u moved, %u fuzzy, %u orphaned",
              by_method[LECTERN_ANCHOR_EXACT_POSITION], by_method[LECTERN_ANCHOR_EXACT_NEAREST],
              by_method[LECTERN_ANCHOR_FUZZY], by_method[LECTERN_ANCHOR_ORPHANED]);
}

/* Comparison -------------------------------------------------------------- */

/* A document of @size bytes against a copy with 5% of its paragraphs
 * changed: most passages have a close partner, as in two drafts. */
static void
bench_compare (Bench         *b,
               const Options *options,
               gsize          size)
{
  g_autoptr(GBytes) original = make_prose (size, options->seed);
  g_autoptr(GBytes) edited = make_edited (original, EDITED_PERCENT, options->seed + 1);
  g_autoptr(LecternDocument) a = load_document (original, "file:///bench/a.txt");
  g_autoptr(LecternDocument) other = load_document (edited, "file:///bench/b.txt");

  b->bytes = g_bytes_get_size (original) + g_bytes_get_size (edited);
  for (int i = 0; i < b->runs; i++)
    {
      g_autoptr(LecternComparison) comparison = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ran;

      bench_start (b);
      comparison = lectern_comparison_new (a, other);
      ran = lectern_comparison_run (comparison, NULL, &error);
      bench_stop (b);

      if (!ran)
        bench_fail ("compare", error);

      g_snprintf (b->detail, sizeof b->detail, "%u and %u passages, %u links",
                  lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_A),
                  lectern_comparison_get_n_passages (comparison, LECTERN_SIDE_B),
                  lectern_comparison_count_links (comparison));
    }
}

static void
bench_compare_1m (Bench         *b,
                  const Options *options)
{
  bench_compare (b, options, 1 * MIB);
}

static void
bench_compare_4m (Bench         *b,
                  const Options *options)
{
  bench_compare (b, options, 4 * MIB);
}

/* Compare quality: the figures of tests/compare-truth/, timed as one
 * load, comparison and measurement of the set.  A set whose documents
 * are not installed says so in its detail. */
static void
bench_compare_quality (Bench      *b,
                       const char *truth_name,
                       gboolean    in_shared)
{
  const char *shared = g_getenv ("LECTERN_SHARED_DIR");
  g_autofree char *truth = g_build_filename (LECTERN_SOURCE_DIR, "tests", "compare-truth", truth_name, NULL);
  g_autofree char *corpus = shared != NULL ? g_build_filename (shared, "corpus", NULL)
                                           : g_build_filename (LECTERN_SOURCE_DIR, "..", "shared", "corpus", NULL);
  g_autofree char *truth_dir = g_path_get_dirname (truth);
  LecternComparisonEval e;

  for (int i = 0; i < b->runs; i++)
    {
      g_autoptr(GError) error = NULL;

      bench_start (b);
      if (!lectern_comparison_eval_run (truth, in_shared ? corpus : truth_dir, &e, &error))
        {
          bench_stop (b);
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            bench_fail (truth_name, error);
          g_snprintf (b->detail, sizeof b->detail, "SKIPPED: %s", error->message);
          return;
        }
      bench_stop (b);
    }

  g_snprintf (b->detail, sizeof b->detail,
              "A->B r@1 %.2f r@3 %.2f MRR %.2f (%u); B->A r@1 %.2f r@3 %.2f MRR %.2f (%u); "
              "drawn %u, precision %.2f, among judged %.2f (%u), A/B-only emphasised %u",
              e.directions[0].recall_1, e.directions[0].recall_3, e.directions[0].mrr,
              e.directions[0].n_queries,
              e.directions[1].recall_1, e.directions[1].recall_3, e.directions[1].mrr,
              e.directions[1].n_queries,
              e.n_drawn, e.precision, e.precision_judged, e.n_drawn_judged, e.n_only_emphasised);
}

static void
bench_quality_alliance (Bench         *b,
                        const Options *options)
{
  bench_compare_quality (b, "alliance.truth", TRUE);
}

static void
bench_quality_debian (Bench         *b,
                      const Options *options)
{
  bench_compare_quality (b, "debian-apt.truth", FALSE);
}

static void
bench_quality_korean (Bench         *b,
                      const Options *options)
{
  bench_compare_quality (b, "korean.truth", FALSE);
}

/* The table of benchmarks ------------------------------------------------- */

typedef struct
{
  const char *name;
  const char *summary;
  BenchFunc   func;
  /* Target for the median in ms; 0 when there is none. */
  double      target_ms;
  /* Another benchmark this one is set against: its floor, or for a
   * growth ratio the same work on a smaller input. */
  const char *base;
  /* The largest acceptable median / base median; 0 when there is none. */
  double      target_ratio;
} BenchInfo;

static const BenchInfo benchmarks[] = {
  { "md4c-parse", "md4c's md_parse of the Markdown input, empty callbacks (floor)",
    bench_md4c_parse, 0, NULL, 0 },
  { "markdown-load", "Markdown into the document model",
    bench_markdown_load, 0, "md4c-parse", 0 },
  { "utf8-validate", "NUL check and UTF-8 validation of the plain input (floor)",
    bench_utf8_validate, 0, NULL, 0 },
  { "plain-load", "plain text into the document model",
    bench_plain_load, 0, "utf8-validate", 0 },
  { "format-detect", "choosing plain text or Markdown for a .txt file (content type, Markdown marks)",
    bench_format_detect, 0, "utf8-validate", 0 },
  { "libxml2-html-parse", "libxml2's htmlReadMemory of a saved article, tree built and freed (floor)",
    bench_libxml2_html_parse, 0, NULL, 0 },
  { "html-load", "a saved article into the document model (main content only)",
    bench_html_load, 0, "libxml2-html-parse", 2.0 },
  { "poppler-text", "poppler-glib's text of every page of the Debian Reference PDF (floor)",
    bench_poppler_text, 0, NULL, 0 },
  { "pdf-load", "the Debian Reference PDF into the document model (paragraphs rebuilt)",
    bench_pdf_load, 0, "poppler-text", 2 },
  { "epub-unzip-parse", "libarchive unpacking and libxml2 parsing the prose input as an EPUB (floor)",
    bench_epub_unzip_parse, 0, NULL, 0 },
  { "epub-load", "the prose input as an EPUB into the document model",
    bench_epub_load, 0, "epub-unzip-parse", 2 },
  { "store-save-100k", "first save of 100,000 highlights (flush)",
    bench_store_save, 300, NULL, 0 },
  { "json-parse-100k", "json-glib's JsonParser alone on the file of 100,000 highlights (floor)",
    bench_json_parse, 0, NULL, 0 },
  { "store-load-100k", "loading a file of 100,000 highlights",
    bench_store_load, 300, "json-parse-100k", 0 },
  { "store-autosave-100k", "one highlight of 100,000 changed, saved with its .bak",
    bench_autosave_100k, 300, NULL, 0 },
  { "store-autosave-1k", "one highlight of 1,000 changed, saved with its .bak",
    bench_autosave_1k, 20, NULL, 0 },
  { "autosave-stall-100k", "longest main-loop stall during an autosave of 100,000 highlights "
    "(just loaded, one changed; the gap between 1 ms ticks)",
    bench_autosave_stall, 16, NULL, 0 },
  { "reanchor-10k", "re-anchoring 10,000 highlights of a 1 MB text after edits to 5% of its paragraphs",
    bench_reanchor, 200, NULL, 0 },
  { "compare-1M", "comparing a 1 MB text with a copy that has 5% of its paragraphs edited",
    bench_compare_1m, 500, NULL, 0 },
  { "compare-4M", "the same with 4 MB: the growth over compare-1M shows how the cost scales",
    bench_compare_4m, 0, "compare-1M", 5 },
  { "compare-quality-alliance", "Compare against tests/compare-truth/alliance.truth (../shared/corpus)",
    bench_quality_alliance, 0, NULL, 0 },
  { "compare-quality-debian", "Compare against tests/compare-truth/debian-apt.truth (Debian's books)",
    bench_quality_debian, 0, NULL, 0 },
  { "compare-quality-korean", "Compare against tests/compare-truth/korean.truth",
    bench_quality_korean, 0, NULL, 0 },
};

static const BenchInfo *
find_benchmark (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (benchmarks); i++)
    if (g_str_equal (benchmarks[i].name, name))
      return &benchmarks[i];

  return NULL;
}

/* Running in a child ------------------------------------------------------ */

static gboolean
write_all (int           fd,
           gconstpointer data,
           gsize         size)
{
  const char *p = data;

  while (size > 0)
    {
      ssize_t n = write (fd, p, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      size -= n;
    }

  return TRUE;
}

static gboolean
read_all (int      fd,
          gpointer data,
          gsize    size)
{
  char *p = data;

  while (size > 0)
    {
      ssize_t n = read (fd, p, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      size -= n;
    }

  return TRUE;
}

static G_NORETURN void
child_main (const BenchInfo *info,
            const Options   *options,
            int              fd)
{
  Bench b = { 0 };

  b.runs = options->runs;
  info->func (&b, options);
  b.peak_kb = read_status_kb ("VmHWM:");

  _exit (write_all (fd, &b, sizeof b) ? 0 : 1);
}

/* Each benchmark runs in its own process, so that its peak RSS is its
 * own and no benchmark inherits another's heap. */
static gboolean
run_benchmark (const BenchInfo *info,
               const Options   *options,
               Bench           *result)
{
  struct rusage usage;
  gboolean received;
  int status;
  int fds[2];
  pid_t pid;

  if (pipe (fds) != 0)
    return FALSE;

  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  if (pid < 0)
    return FALSE;
  if (pid == 0)
    {
      close (fds[0]);
      child_main (info, options, fds[1]);
    }

  close (fds[1]);
  received = read_all (fds[0], result, sizeof *result);
  close (fds[0]);

  while (wait4 (pid, &status, 0, &usage) < 0 && errno == EINTR)
    ;

  if (result->peak_kb <= 0)
    result->peak_kb = usage.ru_maxrss;

  return received && WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

/* Reporting --------------------------------------------------------------- */

typedef struct
{
  const BenchInfo *info;
  Bench            bench;
  gboolean         ok;
  double           median;
  double           min;
  double           max;
  double           q1;
  double           q3;
  double           cpu_median;
} Result;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

/* Linear interpolation between the closest ranks. */
static double
quantile (const double *sorted,
          guint         n,
          double        q)
{
  double pos = q * (n - 1);
  guint lo = (guint)pos;
  guint hi = MIN (lo + 1, n - 1);

  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

static void
result_summarize (Result *result)
{
  double sorted[MAX_RUNS];
  guint n = result->bench.n_samples;

  if (n == 0)
    {
      result->ok = FALSE;
      return;
    }

  memcpy (sorted, result->bench.samples, n * sizeof (double));
  qsort (sorted, n, sizeof (double), compare_doubles);

  result->min = sorted[0];
  result->max = sorted[n - 1];
  result->median = quantile (sorted, n, 0.5);
  result->q1 = quantile (sorted, n, 0.25);
  result->q3 = quantile (sorted, n, 0.75);

  memcpy (sorted, result->bench.cpu_samples, n * sizeof (double));
  qsort (sorted, n, sizeof (double), compare_doubles);
  result->cpu_median = quantile (sorted, n, 0.5);
}

static const Result *
find_result (GArray     *results,
             const char *name)
{
  for (guint i = 0; i < results->len; i++)
    {
      const Result *result = &g_array_index (results, Result, i);

      if (result->ok && g_str_equal (result->info->name, name))
        return result;
    }

  return NULL;
}

/* Median over the base's median, or 0 when the base did not run. */
static double
base_ratio (GArray       *results,
            const Result *result)
{
  const Result *base;

  if (result->info->base == NULL)
    return 0;

  base = find_result (results, result->info->base);
  if (base == NULL || base->median <= 0)
    return 0;

  return result->median / base->median;
}

/* "met", "MISSED" or "" when the benchmark has no target. */
static const char *
verdict (GArray       *results,
         const Result *result)
{
  const BenchInfo *info = result->info;
  double ratio = base_ratio (results, result);
  gboolean has_target = FALSE;
  gboolean met = TRUE;

  if (info->target_ms > 0)
    {
      has_target = TRUE;
      met &= result->median * 1000 <= info->target_ms;
    }
  if (info->target_ratio > 0 && ratio > 0)
    {
      has_target = TRUE;
      met &= ratio <= info->target_ratio;
    }

  if (!has_target)
    return "";

  return met ? "met" : "MISSED";
}

static char *
format_target (const BenchInfo *info)
{
  if (info->target_ms > 0)
    return g_strdup_printf ("<= %.0f ms", info->target_ms);
  if (info->target_ratio > 0)
    return g_strdup_printf ("<= %.1fx %s", info->target_ratio, info->base);

  return g_strdup ("");
}

static void
print_table (GArray *results)
{
  g_print ("%-20s %10s %9s %9s %9s %8s %7s %8s %9s  %-16s %s\n",
           "benchmark", "median ms", "min ms", "max ms", "cpu ms", "MB/s", "x base",
           "peak MB", "before MB", "target", "");

  for (guint i = 0; i < results->len; i++)
    {
      const Result *r = &g_array_index (results, Result, i);
      g_autofree char *target = format_target (r->info);
      g_autofree char *throughput = NULL;
      g_autofree char *ratio = NULL;
      double base = base_ratio (results, r);

      if (!r->ok)
        {
          g_print ("%-20s %10s\n", r->info->name, "FAILED");
          continue;
        }

      throughput = r->bench.bytes > 0 ? g_strdup_printf ("%.1f", r->bench.bytes / MIB / r->median)
                                      : g_strdup ("-");
      ratio = base > 0 ? g_strdup_printf ("%.2f", base) : g_strdup ("-");

      g_print ("%-20s %10.2f %9.2f %9.2f %9.2f %8s %7s %8.1f %9.1f  %-16s %s\n",
               r->info->name, r->median * 1000, r->min * 1000, r->max * 1000,
               r->cpu_median * 1000, throughput, ratio, r->bench.peak_kb / 1024.0, r->bench.rss_before_kb / 1024.0,
               target, verdict (results, r));
    }

  g_print ("\n");
  for (guint i = 0; i < results->len; i++)
    {
      const Result *r = &g_array_index (results, Result, i);

      g_print ("%-20s %s%s%s\n", r->info->name, r->info->summary,
               r->bench.detail[0] != '\0' ? "; " : "", r->bench.detail);
    }
}

static char *
cpu_model (void)
{
  g_autofree char *cpuinfo = NULL;
  const char *line;
  const char *colon;

  if (!g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL) ||
      (line = strstr (cpuinfo, "model name")) == NULL ||
      (colon = strchr (line, ':')) == NULL)
    return g_strdup ("unknown");

  return g_strstrip (g_strndup (colon + 1, strcspn (colon + 1, "\n")));
}

static void
add_machine (JsonBuilder *builder)
{
  g_autofree char *model = cpu_model ();
  g_autofree char *glib = g_strdup_printf ("%u.%u.%u", glib_major_version,
                                           glib_minor_version, glib_micro_version);
  g_autofree char *meminfo = NULL;
  const char *total = NULL;

  if (g_file_get_contents ("/proc/meminfo", &meminfo, NULL, NULL))
    total = strstr (meminfo, "MemTotal:");

  json_builder_set_member_name (builder, "machine");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cpu");
  json_builder_add_string_value (builder, model);
  json_builder_set_member_name (builder, "cores");
  json_builder_add_int_value (builder, g_get_num_processors ());
  json_builder_set_member_name (builder, "memory_mb");
  json_builder_add_int_value (builder, total != NULL ? g_ascii_strtoll (total + 9, NULL, 10) / 1024 : -1);
  json_builder_set_member_name (builder, "glib");
  json_builder_add_string_value (builder, glib);
  json_builder_set_member_name (builder, "json_glib");
  json_builder_add_string_value (builder, JSON_VERSION_S);
  json_builder_end_object (builder);
}

static void
add_double (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

static void
add_result (JsonBuilder  *builder,
            GArray       *results,
            const Result *r)
{
  double ratio = base_ratio (results, r);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, r->info->name);
  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, r->info->summary);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, r->ok);
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, r->bench.detail);

  json_builder_set_member_name (builder, "samples_ms");
  json_builder_begin_array (builder);
  for (guint i = 0; i < r->bench.n_samples; i++)
    json_builder_add_double_value (builder, r->bench.samples[i] * 1000);
  json_builder_end_array (builder);

  add_double (builder, "median_ms", r->median * 1000);
  add_double (builder, "min_ms", r->min * 1000);
  add_double (builder, "max_ms", r->max * 1000);
  add_double (builder, "q1_ms", r->q1 * 1000);
  add_double (builder, "q3_ms", r->q3 * 1000);
  add_double (builder, "cpu_median_ms", r->cpu_median * 1000);
  if (r->bench.bytes > 0 && r->median > 0)
    add_double (builder, "mb_per_s", r->bench.bytes / MIB / r->median);
  add_double (builder, "peak_rss_mb", r->bench.peak_kb / 1024.0);
  add_double (builder, "rss_before_mb", r->bench.rss_before_kb / 1024.0);
  if (r->info->base != NULL)
    {
      json_builder_set_member_name (builder, "base");
      json_builder_add_string_value (builder, r->info->base);
      if (ratio > 0)
        add_double (builder, "ratio_to_base", ratio);
    }
  if (r->info->target_ms > 0)
    add_double (builder, "target_ms", r->info->target_ms);
  if (r->info->target_ratio > 0)
    add_double (builder, "target_ratio", r->info->target_ratio);
  if (verdict (results, r)[0] != '\0')
    {
      json_builder_set_member_name (builder, "target_met");
      json_builder_add_boolean_value (builder, g_str_equal (verdict (results, r), "met"));
    }
  json_builder_end_object (builder);
}

static void
print_json (GArray        *results,
            const Options *options)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  add_machine (builder);
  json_builder_set_member_name (builder, "runs");
  json_builder_add_int_value (builder, options->runs);
  json_builder_set_member_name (builder, "size_mb");
  json_builder_add_int_value (builder, options->size_mb);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, options->seed);
  json_builder_set_member_name (builder, "benchmarks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    add_result (builder, results, &g_array_index (results, Result, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* Main -------------------------------------------------------------------- */

/* The same prose as the load benchmarks, for the desktop timings. */
static gboolean
write_prose (const Options *options)
{
  g_autoptr(GBytes) prose = make_prose (options->size_mb * MIB, options->seed);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (options->write_prose, g_bytes_get_data (prose, NULL),
                            g_bytes_get_size (prose), &error))
    {
      g_printerr ("lectern-bench: %s\n", error->message);
      return FALSE;
    }

  return TRUE;
}

/* --only takes names, repeated or separated by commas. */
static gboolean
select_benchmarks (const Options  *options,
                   GPtrArray      *selected,
                   GError        **error)
{
  if (options->only == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (benchmarks); i++)
        g_ptr_array_add (selected, (gpointer)&benchmarks[i]);
      return TRUE;
    }

  for (guint i = 0; options->only[i] != NULL; i++)
    {
      g_auto(GStrv) names = g_strsplit (options->only[i], ",", -1);

      for (guint j = 0; names[j] != NULL; j++)
        {
          const BenchInfo *info = find_benchmark (g_strstrip (names[j]));

          /* "compare-quality" names its three sets. */
          if (info == NULL && g_str_equal (names[j], "compare-quality"))
            {
              for (guint k = 0; k < G_N_ELEMENTS (benchmarks); k++)
                if (g_str_has_prefix (benchmarks[k].name, "compare-quality-") &&
                    !g_ptr_array_find (selected, &benchmarks[k], NULL))
                  g_ptr_array_add (selected, (gpointer)&benchmarks[k]);
              continue;
            }
          if (info == NULL)
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "No benchmark is called '%s'; --list shows their names.", names[j]);
              return FALSE;
            }
          if (!g_ptr_array_find (selected, info, NULL))
            g_ptr_array_add (selected, (gpointer)info);
        }
    }

  return TRUE;
}

static gboolean
parse_options (Options  *options,
               int      *argc,
               char   ***argv,
               GError  **error)
{
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &options->runs, "Timed runs of each benchmark (default 7)", "N" },
    { "only", 'o', 0, G_OPTION_ARG_STRING_ARRAY, &options->only, "Run only these benchmarks (repeat or separate by commas)", "NAME" },
    { "size", 's', 0, G_OPTION_ARG_INT, &options->size_mb, "Size of the load inputs in MiB (default 10)", "MB" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &options->seed, "Seed of the generated inputs (default 1)", "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, "Print JSON instead of a table", NULL },
    { "list", 0, 0, G_OPTION_ARG_NONE, &options->list, "List the benchmarks and exit", NULL },
    { "write-prose", 0, 0, G_OPTION_ARG_FILENAME, &options->write_prose, "Write the plain prose input (--size, --seed) to FILE and exit", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time Lectern's core paths");

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;

  if (options->runs < 1 || options->runs > MAX_RUNS)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--runs must be between 1 and %d, not %d.", MAX_RUNS, options->runs);
      return FALSE;
    }
  if (options->size_mb < 1 || options->size_mb > 60)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--size must be between 1 and 60 MiB (the loader's limit is 64 MiB), not %d.",
                   options->size_mb);
      return FALSE;
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  Options options = { DEFAULT_RUNS, DEFAULT_SIZE_MB, 1, FALSE, FALSE, NULL, NULL };
  g_autoptr(GPtrArray) selected = g_ptr_array_new ();
  g_autoptr(GArray) results = g_array_new (FALSE, TRUE, sizeof (Result));
  g_autoptr(GError) error = NULL;
  gboolean all_ok = TRUE;

  if (!parse_options (&options, &argc, &argv, &error) ||
      !select_benchmarks (&options, selected, &error))
    {
      g_printerr ("lectern-bench: %s\n", error->message);
      return 2;
    }

  if (options.write_prose != NULL)
    return write_prose (&options) ? 0 : 1;

  if (options.list)
    {
      for (guint i = 0; i < G_N_ELEMENTS (benchmarks); i++)
        g_print ("%-20s %s\n", benchmarks[i].name, benchmarks[i].summary);
      return 0;
    }

  for (guint i = 0; i < selected->len; i++)
    {
      Result result = { 0 };

      result.info = g_ptr_array_index (selected, i);
      g_printerr ("lectern-bench: running %s\n", result.info->name);
      result.ok = run_benchmark (result.info, &options, &result.bench);
      if (result.ok)
        result_summarize (&result);
      all_ok &= result.ok;
      g_array_append_val (results, result);
    }

  if (options.json)
    print_json (results, &options);
  else
    print_table (results);

  g_strfreev (options.only);
  g_free (options.write_prose);

  return all_ok ? 0 : 1;
}
