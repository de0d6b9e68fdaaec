#!/bin/sh
# Builds Lectern into ./build and runs it from the build tree.
# Usage: build-aux/run.sh [FILE…]   (with no file it opens the sample pack)
set -eu
cd "$(dirname "$0")/.."

./build-aux/install-deps.sh
[ -f build/build.ninja ] || meson setup build
meson compile -C build

# The schema is compiled into build/data; use it without installing.
export GSETTINGS_SCHEMA_DIR="$PWD/build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
exec ./build/src/ui/lectern "$@"
