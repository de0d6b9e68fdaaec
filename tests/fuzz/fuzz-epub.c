/* fuzz-epub.c: libFuzzer target for the EPUB loader
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lectern-core.h"
#include "lectern-fuzz.h"
#include "lectern-test-zip.h"

static const char container_xml[] =
  "<container xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles>"
  "<rootfile full-path=\"OEBPS/book.opf\"/></rootfiles></container>";
static const char book_opf[] =
  "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\"><metadata/><manifest>"
  "<item id=\"nav\" href=\"c.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>"
  "<item id=\"c\" href=\"c.xhtml\" media-type=\"application/xhtml+xml\"/></manifest>"
  "<spine><itemref idref=\"c\"/></spine></package>";

/* An input that is not a zip is one chapter, which is also the book's
 * nav document: a book is made around it, so that the XHTML walker and
 * the table of contents are fuzzed, not only libarchive's checksums. */
static GBytes *
wrap_chapter (const guint8 *data,
              size_t        size)
{
  LecternTestZip *zip = lectern_test_zip_new (size + 64 * 1024, FALSE);

  lectern_test_zip_add (zip, "META-INF/container.xml", container_xml, strlen (container_xml));
  lectern_test_zip_add (zip, "OEBPS/book.opf", book_opf, strlen (book_opf));
  lectern_test_zip_add (zip, "OEBPS/c.xhtml", data, size);

  return lectern_test_zip_finish (zip);
}

/* Loads the input as a book (a zip starting "PK") or as a chapter, with
 * a 1 MiB size limit (so at most 4 MiB unpacked), then checks what came
 * out (lectern_fuzz_check_document). */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(LecternDocumentLoader) loader = lectern_document_loader_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(LecternDocument) document = NULL;

  if (size > 1024 * 1024)
    return 0;
  if (size >= 2 && data[0] == 'P' && data[1] == 'K')
    bytes = g_bytes_new_static (data, size);
  else
    bytes = wrap_chapter (data, size);

  lectern_document_loader_set_max_size (loader, 1024 * 1024);
  document = lectern_document_loader_load_bytes (loader, bytes, "file:///fuzz/input.epub", "input.epub",
                                                 LECTERN_DOCUMENT_FORMAT_EPUB, NULL);
  if (document != NULL)
    lectern_fuzz_check_document (document);

  return 0;
}
