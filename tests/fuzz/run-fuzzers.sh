#!/bin/sh
# run-fuzzers.sh: builds the libFuzzer targets with clang and runs each
# for a fixed number of executions, one after the other.
#
# Copyright 2026 The Lectern authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/fuzz/run-fuzzers.sh [RUNS] [TARGET...]
#   RUNS     executions per target (default 1000000)
#   TARGET   markdown, store, jsonld, links, colors, html, epub, pdf (default: all eight)
# Environment:
#   LECTERN_FUZZ_BUILD  build directory (default /tmp/lectern-fuzz-build)
#   LECTERN_FUZZ_WORK   corpora grown by the runs, logs and crashing
#                       inputs (default /tmp/lectern-fuzz-work)
#
# The seed corpora in tests/fuzz/TARGET/ are read, never written. A
# crashing input is left in $LECTERN_FUZZ_WORK/crashes/TARGET/: after
# the fix, copy it to tests/fuzz/regressions/TARGET/, where the
# test-fuzz-TARGET tests replay it on every `meson test`.

set -eu

runs=${1:-1000000}
[ $# -gt 0 ] && shift
targets=${*:-markdown store jsonld links colors html epub pdf}

src=$(cd "$(dirname "$0")/../.." && pwd)
build=${LECTERN_FUZZ_BUILD:-/tmp/lectern-fuzz-build}
work=${LECTERN_FUZZ_WORK:-/tmp/lectern-fuzz-work}

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$src" -Dfuzzing=true --buildtype=debugoptimized >/dev/null
fi
for target in $targets; do
  ninja -C "$build" "tests/fuzz/fuzz-$target" >/dev/null
done

# GLib's criticals (a failed g_return_if_fail) count as crashes too.
export G_DEBUG=fatal-criticals
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

status=0
printf '%-10s %14s %8s %8s  %s\n' target executions crashes seconds log
for target in $targets; do
  corpus="$work/corpus/$target"
  crashes="$work/crashes/$target"
  log="$work/$target.log"
  mkdir -p "$corpus" "$crashes"

  begin=$(date +%s)
  # New inputs go to the first directory, not to the seeds in the tree.
  # A target without regressions yet has no such directory (git keeps
  # no empty ones), and libFuzzer stops at a missing directory.
  regressions="$src/tests/fuzz/regressions/$target"
  [ -d "$regressions" ] || regressions=
  # shellcheck disable=SC2086
  if "$build/tests/fuzz/fuzz-$target" -runs="$runs" -timeout=10 -print_final_stats=1 \
       -artifact_prefix="$crashes/" \
       "$corpus" "$src/tests/fuzz/$target" $regressions \
       >"$log" 2>&1; then
    :
  else
    status=1
  fi
  seconds=$(( $(date +%s) - begin ))

  executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  found=$(find "$crashes" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \
            -o -name 'leak-*' -o -name 'slow-unit-*' \) | wc -l)
  printf '%-10s %14s %8s %8s  %s\n' "$target" "${executed:-?}" "$found" "$seconds" "$log"
  [ "$found" -eq 0 ] || status=1
done

exit $status
