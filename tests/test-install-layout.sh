#!/bin/sh
# test-install-layout.sh
#
# Copyright 2026 The Lectern authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs Lectern the way flatpak-builder does (prefix /app, the config-opts
# of the manifest's lectern module, DESTDIR staging), then checks that every
# file the Flatpak needs is at its path, validates the staged files, and runs
# the staged binary with an environment that knows nothing of the build tree.
# Prints TAP.
#
# Usage: test-install-layout.sh SOURCE-DIR WORK-DIR MESON PYTHON
set -eu

if [ "${1:-}" = "--run-app" ]; then
  # Second stage, inside a private D-Bus session and X server (see below).
  stage=$2
  log=$3
  app_id=io.github.lectern.Lectern
  status=0

  "$stage/app/bin/lectern" >>"$log" 2>&1 &
  pid=$!
  sleep 3
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid" || status=$?
    echo "DIED status=$status"
    exit 0
  fi
  # Lectern owns its name on the bus and quits through its own action.
  if ! gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
         --method org.freedesktop.DBus.NameHasOwner "$app_id" | grep -q true; then
    echo "NO-BUS-NAME"
  fi
  gapplication action "$app_id" quit >>"$log" 2>&1 || echo "QUIT-ACTION-FAILED"
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"
    echo "DID-NOT-QUIT"
  fi
  wait "$pid" || status=$?
  echo "ALIVE status=$status"
  exit 0
fi

self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
srcdir=$(cd "$1" && pwd)
work=$2
meson=$3
python=$4
app_id=io.github.lectern.Lectern
manifest=$srcdir/flatpak/$app_id.json

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
skip () { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
# check DESCRIPTION COMMAND…: runs the command, shows its output on failure.
check () {
  desc=$1
  shift
  if "$@" >"$work/check.log" 2>&1; then
    ok "$desc"
  else
    not_ok "$desc"
    sed 's/^/# /' "$work/check.log"
  fi
}
bail () { echo "Bail out! $1"; [ -f "$2" ] && tail -n 40 "$2" | sed 's/^/# /'; exit 1; }

mkdir -p "$work"
stage=$work/stage
app=$stage/app
rm -rf "${stage:?}" "${work:?}/home" "$work/schemas" "$work/run.log" "$work/session.log"

# The same Meson options as the Flatpak build of the lectern module.
config_opts=$("$python" -c '
import json, sys
manifest = json.load(open(sys.argv[1]))
module = [m for m in manifest["modules"] if m.get("name") == "lectern"][0]
print(" ".join(module.get("config-opts", [])))' "$manifest") || bail "cannot read $manifest" /dev/null

# Reuse the build directory between runs (the stage is always fresh).
# shellcheck disable=SC2086
if [ -f "$work/build/build.ninja" ]; then
  "$meson" setup --reconfigure "$work/build" "$srcdir" --prefix=/app $config_opts >"$work/setup.log" 2>&1 ||
    bail "meson setup failed" "$work/setup.log"
else
  "$meson" setup "$work/build" "$srcdir" --prefix=/app $config_opts >"$work/setup.log" 2>&1 ||
    bail "meson setup failed" "$work/setup.log"
fi
"$meson" compile -C "$work/build" >"$work/compile.log" 2>&1 || bail "meson compile failed" "$work/compile.log"
DESTDIR=$stage "$meson" install -C "$work/build" --no-rebuild >"$work/install.log" 2>&1 ||
  bail "meson install failed" "$work/install.log"
ok "meson setup --prefix=/app $config_opts, compile, install to DESTDIR"

# Everything lands under the prefix.
check "nothing installed outside /app" test "$(ls -A "$stage")" = app

for path in \
    bin/lectern \
    share/applications/$app_id.desktop \
    share/metainfo/$app_id.metainfo.xml \
    share/icons/hicolor/scalable/apps/$app_id.svg \
    share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg \
    share/glib-2.0/schemas/$app_id.gschema.xml \
    share/dbus-1/services/$app_id.service \
    share/locale/ko/LC_MESSAGES/lectern.mo; do
  check "installed: $path" test -s "$app/$path"
done
check "bin/lectern is executable" test -x "$app/bin/lectern"

# The sample pack is a resource inside the binary.
if command -v gresource >/dev/null 2>&1; then
  gresource list "$app/bin/lectern" >"$work/resources.txt" 2>&1 || true
  for sample in $(sed -n 's:.*<file[^>]*>\(.*\)</file>.*:\1:p' "$srcdir/data/samples/lectern-samples.gresource.xml"); do
    check "sample pack in bin/lectern: $sample" grep -q "/samples/$sample\$" "$work/resources.txt"
  done
else
  skip "sample pack in bin/lectern" "gresource not installed"
fi

# Paths baked in at build time point into /app, never into the build tree.
check "bin/lectern looks for translations in /app/share/locale" grep -q -a /app/share/locale "$app/bin/lectern"
if command -v readelf >/dev/null 2>&1; then
  check "bin/lectern has no run path into the build tree" \
    sh -c '! readelf -d "$2" | grep -E "R(UN)?PATH" | grep -q -F "$1"' sh "$work/build" "$app/bin/lectern"
else
  skip "bin/lectern run path" "readelf not installed"
fi
check "D-Bus service runs /app/bin/lectern" \
  grep -qx "Exec=/app/bin/lectern --gapplication-service" "$app/share/dbus-1/services/$app_id.service"
check "D-Bus service owns $app_id" grep -qx "Name=$app_id" "$app/share/dbus-1/services/$app_id.service"
check "desktop file is D-Bus activatable" grep -qx "DBusActivatable=true" "$app/share/applications/$app_id.desktop"
check "desktop file names the app icon" grep -qx "Icon=$app_id" "$app/share/applications/$app_id.desktop"

# Validators on the staged files.
if command -v desktop-file-validate >/dev/null 2>&1; then
  check "desktop-file-validate" desktop-file-validate "$app/share/applications/$app_id.desktop"
else
  skip "desktop-file-validate" "desktop-file-utils not installed"
fi
if command -v appstreamcli >/dev/null 2>&1; then
  check "appstreamcli validate --no-net" appstreamcli validate --no-net "$app/share/metainfo/$app_id.metainfo.xml"
else
  skip "appstreamcli validate" "appstream not installed"
fi
check "glib-compile-schemas --strict --dry-run" \
  glib-compile-schemas --strict --dry-run "$app/share/glib-2.0/schemas"

# The installed catalogue translates.
if command -v gettext >/dev/null 2>&1; then
  korean=$(env LC_ALL=C.UTF-8 LANGUAGE=ko TEXTDOMAINDIR="$app/share/locale" gettext -d lectern "Open a Document")
  check "installed ko catalogue translates 'Open a Document' ($korean)" test "$korean" != "Open a Document"
else
  skip "installed ko catalogue" "gettext not installed"
fi

# Run the staged binary: a compiled copy of the staged schema, the staged
# data dir for icons, a scratch home, and nothing from the build tree.
mkdir -p "$work/schemas" "$work/home"
cp "$app/share/glib-2.0/schemas/$app_id.gschema.xml" "$work/schemas/"
glib-compile-schemas --strict "$work/schemas"

if ! command -v xvfb-run >/dev/null 2>&1 || ! command -v dbus-run-session >/dev/null 2>&1; then
  skip "staged bin/lectern starts" "needs xvfb-run and dbus-run-session"
else
  result=$(cd "$work/home" && env -i \
      PATH=/usr/bin:/bin \
      HOME="$work/home" \
      XDG_CONFIG_HOME="$work/home/config" \
      XDG_DATA_HOME="$work/home/data" \
      XDG_CACHE_HOME="$work/home/cache" \
      XDG_DATA_DIRS="$app/share:/usr/share" \
      LANG=C.UTF-8 \
      GSETTINGS_SCHEMA_DIR="$work/schemas" \
      GSETTINGS_BACKEND=memory \
      LECTERN_ANNOTATIONS_DIR="$work/home/annotations" \
      GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 \
      G_DEBUG=fatal-criticals \
      dbus-run-session -- \
      xvfb-run -a -s "-screen 0 1280x800x24 -noreset" \
      sh "$self" --run-app "$stage" "$work/run.log" 2>"$work/session.log") || true
  if [ "$result" = "ALIVE status=0" ]; then
    ok "staged bin/lectern starts, owns its bus name, stays up 3 s and quits through app.quit"
  else
    not_ok "staged bin/lectern starts, owns its bus name, stays up 3 s and quits through app.quit"
    echo "$result" | sed 's/^/# /'
    sed 's/^/# /' "$work/run.log" "$work/session.log"
  fi
  check "no criticals or warnings from the staged binary" \
    sh -c '! grep -E "CRITICAL|WARNING|ERROR" "$1"' sh "$work/run.log"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
