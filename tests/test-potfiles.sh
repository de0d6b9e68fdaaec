#!/bin/sh
# test-potfiles.sh
#
# Copyright 2026 The Lectern authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every source file with translatable strings is listed in po/POTFILES.in
# (otherwise its strings never reach the translators), and every listed file
# exists. Prints TAP.
#
# Usage: test-potfiles.sh SOURCE-DIR
set -eu

cd "$1"
potfiles=po/POTFILES.in
n=0
failed=0

listed () { grep -v '^#' "$potfiles" | grep -qx "$1"; }

for file in $(grep -v -e '^#' -e '^$' "$potfiles"); do
  n=$((n + 1))
  if [ -f "$file" ]; then
    echo "ok $n - listed file exists: $file"
  else
    failed=$((failed + 1))
    echo "not ok $n - $potfiles lists $file, which does not exist"
  fi
done

# C files with _(), N_(), C_(), NC_() or ngettext; .ui files with
# translatable properties; the desktop, metainfo and schema files.
candidates=$(
  {
    find src -name '*.c' -exec grep -l -E '(^|[^A-Za-z0-9_])(N?C?_|g_dn?p?gettext2?|n?gettext) ?\(' {} +
    find resources -name '*.ui' -exec grep -l 'translatable="yes"' {} +
    find data -maxdepth 1 \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' -o -name '*.gschema.xml' \)
  } 2>/dev/null | sed 's:^\./::' | sort -u
)

for file in $candidates; do
  n=$((n + 1))
  if listed "$file"; then
    echo "ok $n - translatable strings of $file reach the translators"
  else
    failed=$((failed + 1))
    echo "not ok $n - $file has translatable strings but is not listed in $potfiles"
  fi
done

echo "1..$n"
[ "$failed" -eq 0 ]
