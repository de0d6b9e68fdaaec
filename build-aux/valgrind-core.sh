#!/bin/sh
# valgrind-core.sh: runs the core tests under valgrind's memcheck and
# reports, per test program, errors and definitely lost memory.
#
# Copyright 2026 The Lectern authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/valgrind-core.sh [BUILD_DIR]
#   BUILD_DIR  a configured build directory (default: a fresh one in
#              /tmp/lectern-valgrind-build)
# Exits non-zero when a test fails, valgrind finds an error, or memory
# is definitely lost. The logs stay in BUILD_DIR/valgrind/.

set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-/tmp/lectern-valgrind-build}
logs="$build/valgrind"

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$src" --buildtype=debugoptimized >/dev/null
fi
ninja -C "$build" >/dev/null

rm -rf "$logs"
mkdir -p "$logs"

# Memory is returned to malloc at once, where valgrind can see it.
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly
# The crash harness kills its children (which valgrind does not trace);
# a few dozen kills check the parent's side.
export LECTERN_CRASH_KILLS=${LECTERN_CRASH_KILLS:-30}

wrapper="valgrind --leak-check=full --show-leak-kinds=definite \
--errors-for-leak-kinds=definite --error-exitcode=1 --num-callers=40 \
--log-file=$logs/%p.log"

status=0
meson test -C "$build" --suite core --wrapper "$wrapper" \
  --timeout-multiplier 20 --num-processes 1 --print-errorlogs >"$logs/meson-test.txt" 2>&1 || status=1

summary="$logs/summary.txt"
: >"$summary"
for log in "$logs"/*.log; do
  # A child between fork and exec leaves a log without a summary.
  grep -q 'ERROR SUMMARY' "$log" || continue
  program=$(sed -n 's/^==[0-9]*== Command: \([^ ]*\).*/\1/p' "$log" | head -n 1)
  errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) errors.*/\1/p' "$log" | tail -n 1)
  lost=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tail -n 1)
  printf '%-26s %7s %16s bytes\n' "$(basename "${program:-$log}")" "${errors:-?}" "${lost:-0}" >>"$summary"
  [ "${errors:-1}" = 0 ] || status=1
done

printf '%-26s %7s %22s\n' program errors 'definitely lost'
sort "$summary"
grep -E '^ *[0-9]+/[0-9]+ ' "$logs/meson-test.txt" || true
[ $status -eq 0 ] || echo "valgrind or a test reported problems; see $logs/" >&2

exit $status
