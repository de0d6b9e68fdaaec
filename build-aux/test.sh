#!/bin/sh
# Builds Lectern into ./build and runs every test; the UI tests run under
# Xvfb in a private D-Bus session. Extra arguments go to `meson setup`
# (CI passes -Dwerror=true).
set -eu
cd "$(dirname "$0")/.."

./build-aux/install-deps.sh
if [ -f build/build.ninja ]; then
  if [ $# -gt 0 ]; then
    meson configure build "$@"
  fi
else
  meson setup build "$@"
fi
meson compile -C build

exec dbus-run-session -- \
  xvfb-run -a -s "-screen 0 1280x800x24 -noreset" \
  meson test -C build --print-errorlogs
