#!/usr/bin/env python3
# make-fixtures.py: writes the small EPUBs the EPUB tests and the fuzz
# seed corpus use, from the sentences below (written for Lectern).
#
# Copyright 2026 The Lectern authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/epub/make-fixtures.py DIR
#
# epub3.epub          EPUB 3: nav document, two chapters (the second without
#                     a heading of its own), inline styles, lists, a quote,
#                     code, an image with alt text; fonts obfuscated (not DRM)
# epub2.epub          EPUB 2: NCX, XHTML 1.1 with a DOCTYPE and &nbsp;
# drm.epub            a chapter encrypted (META-INF/encryption.xml, AES)
# rights.epub         Adobe-style META-INF/rights.xml
# traversal.epub      entries named ../outside.xhtml and /abs.xhtml, and a
#                     manifest that points at them
# bomb.epub           one entry of 6 MiB of zeros (about 6 KB packed)
# laughs.epub         a chapter with nested entities ("billion laughs")
# corrupt.epub        epub3.epub cut in half

import os
import sys
import zipfile

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""

OPF3 = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:3f1c0d52-lectern-fixture-3</dc:identifier>
    <dc:title>Notes on Slow Reading</dc:title>
    <dc:language>en</dc:language>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="c1" href="text/chapter%201.xhtml" media-type="application/xhtml+xml"/>
    <item id="c2" href="text/chapter2.xhtml" media-type="application/xhtml+xml"/>
    <item id="font" href="font.otf" media-type="font/otf"/>
  </manifest>
  <spine><itemref idref="c1"/><itemref idref="c2"/></spine>
</package>"""

NAV = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>Contents</title></head>
<body><nav epub:type="toc"><h1>Contents</h1><ol>
  <li><a href="text/chapter%201.xhtml">The First Pass</a></li>
  <li><a href="text/chapter2.xhtml#start">Margins</a></li>
</ol></nav></body></html>"""

CHAPTER1 = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml">
<head><title>One</title><style>p { margin: 0 }</style><script>alert("no")</script></head>
<body>
  <h1>The First Pass</h1>
  <p>Reading slowly is a <em>skill</em> that takes <strong>practice</strong>.
     The first pass finds the shape of a chapter.<sup>1</sup></p>
  <ul><li>Look at the headings.</li><li>Read the first sentences.</li></ul>
  <ol><li>Mark the claims.</li><li>Mark their support.</li></ol>
  <blockquote><p>A book read twice is two books.</p></blockquote>
  <pre>first line
  second line</pre>
  <p>See <a href="chapter2.xhtml">the margins</a> and <code>notes.txt</code>.
     <img src="map.png" alt="A map of the argument"/></p>
</body></html>"""

CHAPTER2 = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml">
<head><title>Two</title></head>
<body><div id="start">
  <p>A margin note is a conversation with the author, held long after the book was printed.</p>
  <p>Water is H<sub>2</sub>O, and nobody needs a footnote for that.</p>
</div></body></html>"""

ENCRYPTION_FONT = """<?xml version="1.0"?>
<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
  <enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>
    <enc:CipherData><enc:CipherReference URI="OEBPS/font.otf"/></enc:CipherData></enc:EncryptedData>
</encryption>"""

ENCRYPTION_AES = ENCRYPTION_FONT.replace("http://www.idpf.org/2008/embedding",
                                         "http://www.w3.org/2001/04/xmlenc#aes128-cbc").replace(
                                             "OEBPS/font.otf", "OEBPS/text/chapter2.xhtml")

OPF2 = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:title>A Small Handbook of Margins</dc:title>
    <dc:identifier id="id">lectern-fixture-2</dc:identifier>
  </metadata>
  <manifest>
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
    <item id="a" href="a.html" media-type="application/xhtml+xml"/>
    <item id="b" href="b.html" media-type="application/xhtml+xml"/>
  </manifest>
  <spine toc="ncx"><itemref idref="a"/><itemref idref="b"/></spine>
</package>"""

NCX = """<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
  <head/><docTitle><text>A Small Handbook of Margins</text></docTitle>
  <navMap>
    <navPoint id="p1" playOrder="1"><navLabel><text>Why Write in Books</text></navLabel><content src="a.html"/></navPoint>
    <navPoint id="p2" playOrder="2"><navLabel><text>Colours That Mean Something</text></navLabel><content src="b.html"/>
      <navPoint id="p3" playOrder="3"><navLabel><text>A Key for Colours</text></navLabel><content src="b.html#key"/></navPoint>
    </navPoint>
  </navMap>
</ncx>"""

XHTML11 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body>
%s
</body></html>"""

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE html [
<!ENTITY a "laugh laugh laugh laugh laugh laugh laugh laugh laugh laugh">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
<!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
<!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Before the laughter.</p><p>&i;</p><p>After it.</p></body></html>"""

OPF_ONE = OPF3.replace('<itemref idref="c2"/>', "")


def write_epub(path, files):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2026, 12, 7, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def book3(extra=(), opf=OPF3, chapter2=CHAPTER2):
    return [("META-INF/container.xml", CONTAINER), ("OEBPS/content.opf", opf), ("OEBPS/nav.xhtml", NAV),
            ("OEBPS/text/chapter 1.xhtml", CHAPTER1), ("OEBPS/text/chapter2.xhtml", chapter2)] + list(extra)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    j = lambda name: os.path.join(out, name)

    write_epub(j("epub3.epub"), book3([("META-INF/encryption.xml", ENCRYPTION_FONT), ("OEBPS/font.otf", "not a font")]))
    write_epub(j("epub2.epub"), [
        ("META-INF/container.xml", CONTAINER), ("OEBPS/content.opf", OPF2), ("OEBPS/toc.ncx", NCX),
        ("OEBPS/a.html", XHTML11 % "<p>Writing in a book&nbsp;is how a reader answers it.</p>"
                                   "<p>Pencil is kinder than ink.</p>"),
        ("OEBPS/b.html", XHTML11 % "<h2>Colours That Mean Something</h2><p>Yellow for claims, blue for questions.</p>"
                                   "<h3 id=\"key\">A Key for Colours</h3><p>Write the key inside the cover.</p>"),
    ])
    write_epub(j("drm.epub"), book3([("META-INF/encryption.xml", ENCRYPTION_AES)],
                                    chapter2="\x8f\x13 encrypted bytes"))
    write_epub(j("rights.epub"), book3([("META-INF/rights.xml", "<rights/>")]))
    evil = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>OUTSIDE THE BOOK</p></body></html>"
    opf_evil = OPF3.replace('<item id="font" href="font.otf" media-type="font/otf"/>',
                            '<item id="e1" href="../../outside.xhtml" media-type="application/xhtml+xml"/>'
                            '<item id="e2" href="/abs.xhtml" media-type="application/xhtml+xml"/>').replace(
                                '<itemref idref="c2"/>', '<itemref idref="c2"/><itemref idref="e1"/><itemref idref="e2"/>')
    write_epub(j("traversal.epub"), book3([("../outside.xhtml", evil), ("/abs.xhtml", evil)], opf=opf_evil))
    write_epub(j("bomb.epub"), book3([("OEBPS/zeros.bin", b"\0" * (6 * 1024 * 1024))]))
    write_epub(j("laughs.epub"), book3(chapter2=LAUGHS))
    with open(j("epub3.epub"), "rb") as f:
        whole = f.read()
    with open(j("corrupt.epub"), "wb") as f:
        f.write(whole[: len(whole) // 2])


main()
