#!/usr/bin/env python3
# make-fixtures.py: writes the small PDFs the PDF tests and the fuzz seed
# corpus use, from the sentences below (written for Lectern).
#
# Copyright 2026 The Lectern authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/pdf/make-fixtures.py DIR
#
# two-column.pdf  three A4 pages: a running header and a page number on
#                 each, a 16 pt heading, two columns of 10 pt Helvetica,
#                 paragraphs 18 pt apart, a word hyphenated at a line end
#                 and a paragraph running on from page 1 to page 2
# no-text.pdf     one page with a drawn rectangle and no text (a "scan")
# encrypted.pdf   one page under the standard security handler, with a
#                 user password that is not empty

import os
import sys

LEFT = [
    ["Reading slowly is a skill that takes practice.", "The first pass finds the shape of a chapter;",
     "the second finds its claims and their support."],
    ["A margin note is a conversation with the au-", "thor, held long after the book was printed,",
     "and often the most honest record of compre-", "hension a reader will ever make."],
]
RIGHT = [
    ["Highlights fade in meaning when nothing says", "why they were made. A colour that stands for",
     "a question keeps its reason across the years."],
    ["Comparing two accounts of one event shows", "what each of them leaves out, which is where"],
]
PAGE2_LEFT = [
    ["the interesting disagreements usually hide.", "A summary in your own words is the test."],
    ["Second readings are faster and find more, be-", "cause the map of the argument is in place."],
]
PAGE2_RIGHT = [["Quotations should be copied exactly, with", "the page they came from written beside them."]]
PAGE3_LEFT = [["The last page holds one short paragraph."]]


def esc(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def column(x, top, paragraphs):
    ops, y = [], top
    for para in paragraphs:
        for line in para:
            ops.append("BT /F1 10 Tf %d %d Td (%s) Tj ET" % (x, y, esc(line)))
            y -= 12
        y -= 6
    return ops


def page_stream(number, heading, left, right):
    ops = ["BT /F1 9 Tf 56 800 Td (The Reading Journal) Tj ET",
           "BT /F1 9 Tf 290 30 Td (%d) Tj ET" % number]
    top = 760
    if heading:
        ops.append("BT /F1 16 Tf 56 760 Td (%s) Tj ET" % esc(heading))
        top = 730
    ops += column(56, top, left) + column(310, top, right)
    return "\n".join(ops).encode("latin-1")


def write_pdf(path, streams, extra_trailer=b"", extra_objects=()):
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None]
    kids = []
    font_id = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for stream in streams:
        content_id = len(objects) + 1
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_id = len(objects) + 1
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font_id, content_id))
        kids.append(page_id)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    objects += list(extra_objects)

    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, extra_trailer, xref)
    with open(path, "wb") as f:
        f.write(out)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    write_pdf(os.path.join(out, "two-column.pdf"), [
        page_stream(1, "Slow Reading", LEFT, RIGHT),
        page_stream(2, None, PAGE2_LEFT, PAGE2_RIGHT),
        page_stream(3, None, PAGE3_LEFT, []),
    ])
    write_pdf(os.path.join(out, "no-text.pdf"), [b"0.5 g 56 56 480 700 re f"])
    # The /O and /U strings are made up: no password opens the file, and
    # the empty user password fails, which is all the test needs.
    encrypt = (b"<< /Filter /Standard /V 1 /R 2 /P -44 "
               b"/O <" + b"7a" * 32 + b"> /U <" + b"3c" * 32 + b"> >>")
    write_pdf(os.path.join(out, "encrypted.pdf"), [page_stream(1, "Locked", [["Secret."]], [])],
              extra_trailer=b"/Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>] ",
              extra_objects=[encrypt])


main()
