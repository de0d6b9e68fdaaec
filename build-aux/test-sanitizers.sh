#!/bin/sh
# test-sanitizers.sh: builds Lectern with AddressSanitizer and
# UndefinedBehaviorSanitizer into ./build-sanitize and runs the whole test
# suite there (UI tests under Xvfb, as in test.sh). Any sanitizer report
# fails the test that caused it. Extra arguments go to `meson setup`.
#
# Copyright 2026 The Lectern authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."

build=build-sanitize
if [ ! -f "$build/build.ninja" ]; then
  # b_lundef=false: the sanitizer runtimes resolve symbols at load time.
  meson setup "$build" -Db_sanitize=address,undefined -Db_lundef=false "$@"
fi
meson compile -C "$build"

# Instrumented code runs two to three times slower: the tests get three
# times their timeouts and run one at a time, so that the UI tests' waits
# for scrolling and layout are not starved by a neighbour.
exec dbus-run-session -- \
  xvfb-run -a -s "-screen 0 1280x800x24 -noreset" \
  meson test -C "$build" --print-errorlogs --timeout-multiplier 3 --num-processes 1
