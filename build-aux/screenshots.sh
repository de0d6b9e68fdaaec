#!/bin/sh
# Runs the UI tests under Xvfb and keeps the screenshots they take
# (light and dark style, error page, …) in docs/screenshots/.
# Usage: build-aux/screenshots.sh [OUTPUT-DIR]
set -eu
cd "$(dirname "$0")/.."

out="${1:-$PWD/docs/screenshots}"
mkdir -p "$out"
[ -f build/build.ninja ] || meson setup build
meson compile -C build

LECTERN_SCREENSHOT_DIR="$out" dbus-run-session -- \
  xvfb-run -a -s "-screen 0 1280x800x24 -noreset" \
  meson test -C build --suite ui --print-errorlogs
ls -1 "$out"
