#!/bin/bash
# desktop-timings.sh: how fast Lectern shows its window and a 10 MB text,
# next to a bare GTK4 window (and gnome-text-editor when installed), under
# Xvfb, runs of the programs alternating.
#
# Copyright 2026 The Lectern authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench/desktop-timings.sh [options]
#   -C BUILDDIR        a build of Lectern configured with -Dbench=true
#                      (default: ./build)
#   -n RUNS            runs of each program and renderer (default 10)
#   -r RENDERERS       comma-separated GSK renderers (default: cairo,gl;
#                      gl is skipped when GTK cannot use it)
#   --install-peers    apt-get install gnome-text-editor if it is missing
#   --keep DIR         keep the per-run results and the input in DIR
#   --summary FILE     only print the summary of a kept results.tsv
#   -h, --help         this text
#
# Measured with time-to-window (../shared/tools, or $TIME_TO_WINDOW), which
# starts a fresh Xvfb, session bus and XDG directories for every run and
# times X events: map, first paint, "ink" (text visible in a rectangle of
# the window) and idle (the program used at most 10% of a core for 1 s).
# Peak RSS is the process's VmHWM at the end of a run. Lectern prints no
# timing marks: everything is seen from outside, as for the peers.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
srcdir=$(dirname "$here")
builddir=build
runs=10
renderers=cairo,gl
install_peers=false
keep=
summary_only=

usage() {
	sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"
	exit "${1:-2}"
}

while [ $# -gt 0 ]; do
	case $1 in
	-C) builddir=$2; shift 2 ;;
	-n) runs=$2; shift 2 ;;
	-r) renderers=$2; shift 2 ;;
	--install-peers) install_peers=true; shift ;;
	--keep) keep=$2; shift 2 ;;
	--summary) summary_only=$2; shift 2 ;;
	-h|--help) usage 0 ;;
	*) echo "desktop-timings: unknown option $1" >&2; usage ;;
	esac
done

die() {
	echo "desktop-timings: $*" >&2
	exit 1
}

# Medians (min-max) per renderer and program, and the ratios to the floor.
summarize() {
python3 - "$1" <<'EOF'
import csv, os, statistics, sys

rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None
def med(renderer, program, col):
    vals = [number(r[col]) for r in rows
            if r["renderer"] == renderer and r["program"] == program]
    vals = [v for v in vals if v is not None]
    return (statistics.median(vals), min(vals), max(vals), len(vals)) if vals else None

def cell(m):
    return "-" if m is None else "%.0f (%.0f-%.0f)" % m[:3]

failed = os.path.join(os.path.dirname(sys.argv[1]), "failures.tsv")
if os.path.exists(failed):
    for line in open(failed):
        print("failed run: %s" % " ".join(line.split()[:3]))
print("| renderer | program | runs | map ms | first paint ms | text visible ms | idle ms | peak RSS MB |")
print("|---|---|---|---|---|---|---|---|")
for renderer in dict.fromkeys(r["renderer"] for r in rows):
    for program in dict.fromkeys(r["program"] for r in rows if r["renderer"] == renderer):
        n = sum(1 for r in rows if r["renderer"] == renderer and r["program"] == program)
        print("| %s | %s | %d | %s | %s | %s | %s | %s |" % (
            renderer, program, n, cell(med(renderer, program, "map")),
            cell(med(renderer, program, "paint")), cell(med(renderer, program, "ink")),
            cell(med(renderer, program, "idle")), cell(med(renderer, program, "rss_mb"))))
print()
for renderer in dict.fromkeys(r["renderer"] for r in rows):
    bare = med(renderer, "bare-window", "paint")
    if bare is None:
        continue
    for program, col, what in (("bare-adw-window", "paint", "first frame"),
                               ("lectern-start", "paint", "first frame"),
                               ("lectern-start", "ink", "sample text visible"),
                               ("lectern-10M", "ink", "10 MB text visible"),
                               ("gte-10M", "ink", "10 MB text visible")):
        m = med(renderer, program, col)
        if m is not None:
            print("%s: %s %s = %.2f x the bare window's first paint (%.0f / %.0f ms; target <= 1.3)"
                  % (renderer, program, what, m[0] / bare[0], m[0], bare[0]))
    lectern, gte = med(renderer, "lectern-10M", "rss_mb"), med(renderer, "gte-10M", "rss_mb")
    if lectern is not None and gte is not None:
        print("%s: peak RSS with the 10 MB text: lectern %.0f MB, gnome-text-editor %.0f MB (target: lectern <= gnome-text-editor)"
              % (renderer, lectern[0], gte[0]))
    lectern, gte = med(renderer, "lectern-10M", "idle"), med(renderer, "gte-10M", "idle")
    if lectern is not None and gte is not None:
        print("%s: idle after opening the 10 MB text: lectern %.1f s, gnome-text-editor %.1f s"
              % (renderer, lectern[0] / 1000, gte[0] / 1000))
EOF
}

if [ -n "$summary_only" ]; then
	[ -f "$summary_only" ] || die "no results file $summary_only"
	summarize "$summary_only"
	exit 0
fi

given=$builddir
builddir=$(cd "$builddir" 2>/dev/null && pwd) || die "no build directory $given (use -C BUILDDIR)"
lectern=$builddir/src/ui/lectern
bench=$builddir/bench/lectern-bench
ttw=${TIME_TO_WINDOW:-${LECTERN_SHARED_DIR:-$srcdir/../shared}/tools/time-to-window}

[ -x "$lectern" ] || die "$lectern is missing: run ninja -C $builddir"
[ -x "$bench" ] || die "$bench is missing: configure with meson configure $builddir -Dbench=true, then ninja"
[ -f "$builddir/data/gschemas.compiled" ] || die "$builddir/data/gschemas.compiled is missing: run ninja -C $builddir"
[ -x "$ttw" ] || die "time-to-window not found at $ttw (set TIME_TO_WINDOW)"
command -v Xvfb >/dev/null || die "Xvfb is missing: apt-get install xvfb"
command -v pkg-config >/dev/null || die "pkg-config is missing"

if $install_peers && ! command -v gnome-text-editor >/dev/null; then
	echo "desktop-timings: installing gnome-text-editor" >&2
	if [ "$(id -u)" = 0 ]; then
		apt-get install -y --no-install-recommends gnome-text-editor >&2 ||
			echo "desktop-timings: could not install gnome-text-editor; going on without it" >&2
	else
		sudo apt-get install -y --no-install-recommends gnome-text-editor >&2 ||
			echo "desktop-timings: could not install gnome-text-editor; going on without it" >&2
	fi
fi
gte=$(command -v gnome-text-editor || true)

work=${keep:-$(mktemp -d "${TMPDIR:-/tmp}/lectern-desktop-XXXXXX")}
mkdir -p "$work"
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT

# The bare windows, with the flags of a debugoptimized Meson build: GTK
# alone (the floor of the targets) and with libadwaita.
${CC:-cc} -O2 -g -o "$work/bare-window" "$here/bare-window.c" \
	$(pkg-config --cflags --libs gtk4) || die "could not build bare-window.c"
${CC:-cc} -O2 -g -DBARE_WINDOW_ADW -o "$work/bare-adw-window" "$here/bare-window.c" \
	$(pkg-config --cflags --libs gtk4 libadwaita-1) || die "could not build bare-window.c with libadwaita"

# The same 10 MB prose as lectern-bench's plain-load benchmark.
text=$work/prose-10M.txt
"$bench" --write-prose "$text" --size 10

mkdir -p "$work/annotations"
export GSETTINGS_SCHEMA_DIR=$builddir/data
export GSETTINGS_BACKEND=memory
export LECTERN_ANNOTATIONS_DIR=$work/annotations

# Rectangles (x,y,w,h in the window) that hold text once it is drawn: the
# title of the first sample in Lectern's reading column, the first line of
# a paragraph, the first lines of gnome-text-editor's text area.
ink_start=190,105,700,50
ink_file=190,70,700,40
ink_gte=15,65,600,60

results=$work/results.tsv
failures=$work/failures.tsv
: > "$failures"
printf 'renderer\tprogram\trun\tmap\tpaint\tink\tidle\trss_mb\n' > "$results"

# One run of one program; appends a line to results.tsv.
measure() {
	local renderer=$1 program=$2 run=$3
	shift 3
	local out line
	out=$(GSK_RENDERER=$renderer "$ttw" -n 1 --timeout 60 "$@" 2>&1) || true
	line=$(printf '%s\n' "$out" | grep '^run 1 ' || true)
	case $line in
	*FAILED*)
		printf '%s\t%s\t%s\tFAILED\n' "$renderer" "$program" "$run" >> "$failures"
		echo "desktop-timings: $program ($renderer) run $run: $line" >&2
		return ;;
	esac
	if [ -z "$line" ]; then
		echo "desktop-timings: $program ($renderer) run $run failed:" >&2
		printf '%s\n' "$out" | tail -5 >&2
		return
	fi
	printf '%s\n' "$line" | awk -v r="$renderer" -v p="$program" -v n="$run" '
		{ for (i = 1; i < NF; i++) v[$i] = $(i + 1) }
		END { printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r, p, n,
		      v["map"], v["paint"], v["ink"], v["idle"], v["rss_mb"] }' >> "$results"
}

renderer_works() {
	local got
	got=$(BARE_WINDOW_PRINT_RENDERER=1 GSK_RENDERER=$1 "$ttw" -n 1 --settle 300 -v \
		-- "$work/bare-window" 2>&1 | grep -o 'renderer: [A-Za-z]*' | head -1 || true)
	case $1:$got in
	cairo:*Cairo*|gl:*GL*|vulkan:*Vulkan*) return 0 ;;
	*) echo "desktop-timings: GSK_RENDERER=$1 gave '${got:-nothing}': skipped" >&2; return 1 ;;
	esac
}

IFS=, read -r -a renderer_list <<< "$renderers"
for renderer in "${renderer_list[@]}"; do
	renderer_works "$renderer" || continue
	for run in $(seq 1 "$runs"); do
		echo "desktop-timings: $renderer run $run of $runs" >&2
		measure "$renderer" bare-window "$run" -- "$work/bare-window"
		measure "$renderer" bare-adw-window "$run" -- "$work/bare-adw-window"
		measure "$renderer" lectern-start "$run" --ink "$ink_start" --idle 1000 -- "$lectern"
		measure "$renderer" lectern-10M "$run" --ink "$ink_file" --idle 1000 -- "$lectern" "$text"
		if [ -n "$gte" ]; then
			measure "$renderer" gte-10M "$run" --ink "$ink_gte" --idle 1000 -- \
				"$gte" --standalone --ignore-session "$text"
		fi
	done
done

summarize "$results"
[ -z "$keep" ] || echo "desktop-timings: per-run figures in $results" >&2
