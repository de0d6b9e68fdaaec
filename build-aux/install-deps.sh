#!/bin/sh
# Installs what Lectern needs to build, run and test on Debian 12.
# Usage: build-aux/install-deps.sh   (uses sudo when not run as root)
set -eu

PACKAGES="
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libjson-glib-dev
  libmd4c-dev libmd4c-html0-dev libstemmer-dev
  libxml2-dev libarchive-dev libpoppler-glib-dev
  debian-handbook debian-reference-en
  desktop-file-utils appstream flatpak-builder
  xvfb xauth dbus dbus-x11 at-spi2-core libxtst6
  adwaita-icon-theme fonts-cantarell fonts-noto-core fonts-noto-cjk
"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

[ -z "$missing" ] && exit 0

SUDO=""
if [ "$(id -u)" != 0 ]; then
  SUDO="sudo"
fi

echo "Installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
