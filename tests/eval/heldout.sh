#!/bin/sh
# The held-out evaluation of issue 14 in one command (docs/evaluation.md):
#   tests/eval/heldout.sh BINARY [OUT_PREFIX]
# Clones missing projects of tests/eval/heldout.txt into $ROOT (default
# /work/repos) from github (or from $MIRRORS/OWNER+NAME/repo when present),
# then ranks every judged tree with BINARY's value and default (priority)
# orders beside code lines and flawfinder, at HEAD and on the time split:
# OUT_PREFIX.json, OUT_PREFIX.txt (per-project tables with top tens) and
# OUT_PREFIX.md (the summary tables). A second pass, OUT_PREFIX-git.*,
# ranks from the same facts inside git checkouts of the judged commits, so a
# binary that reads git history uses it (leakage-free on the split only).
# Facts, trees and flawfinder results are cached in $WORK per binary hash.
set -eu
BIN=${1:?usage: tests/eval/heldout.sh BINARY [OUT_PREFIX]}
OUT=${2:-heldout}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=${ROOT:-/work/repos}
WORK=${WORK:-/work/eval-cache}
MIRRORS=${MIRRORS:-/work/.mirror}
mkdir -p "$ROOT" "$WORK"
while read -r name path origin; do
  [ -d "$ROOT/$path" ] && continue
  src="https://github.com/$origin"
  [ -d "$MIRRORS/$(echo "$origin" | tr / +)/repo" ] && src="$MIRRORS/$(echo "$origin" | tr / +)/repo"
  git clone -q --no-checkout "$src" "$ROOT/$path"
done <<LIST
lighttpd lighttpd1.4 lighttpd/lighttpd1.4
cjson cJSON DaveGamble/cJSON
libgit2 libgit2 libgit2/libgit2
libtiff libtiff libsdl-org/libtiff
unbound unbound NLnetLabs/unbound
mosquitto mosquitto eclipse/mosquitto
openexr openexr AcademySoftwareFoundation/openexr
podofo podofo podofo/podofo
LIST
run() {
  CVE_RANK_NICE=0 nice -n 10 python3 "$HERE/cve_rank.py" --projects "$HERE/heldout.txt" \
    --root "$ROOT" --carcinize "$BIN" --work "$WORK" -j 2 "$@"
}
run --show-top -o "$OUT.json" > "$OUT.txt"
run --markdown > "$OUT.md"
run --git-trees --show-top -o "$OUT-git.json" > "$OUT-git.txt"
