#!/usr/bin/env bash
# Renders every report of the demo center to PNG, so that a person can look at them:
#
#   scripts/render-reports.sh            # builds a fresh demo center in artifacts/demo
#   scripts/render-reports.sh DATA_DIR   # uses an existing (demo) data dir
#
# Output: artifacts/reports/*.pdf and *.png (60 dpi), git-ignored. Signs in as $HOTTO_USER with
# $HOTTO_PASSWORD (default: the demo's director). The client summary is printed for
# $HOTTO_CLIENT_ID; for a demo built here, a registered client with a job is picked from a
# temporary export of the (fictional) demo data. With a data dir given and no $HOTTO_CLIENT_ID,
# the client summary is skipped: this script never exports a real center's records.
set -euo pipefail

cd "$(dirname "$0")/.."
out=artifacts/reports
target=${CARGO_TARGET_DIR:-target}
hotto="$target/debug/hotto"

for tool in pdftoppm python3; do
    command -v "$tool" >/dev/null || { echo "render-reports: $tool is not installed" >&2; exit 1; }
done

cargo build --quiet --bin hotto

export HOTTO_USER=${HOTTO_USER:-director}
export HOTTO_PASSWORD=${HOTTO_PASSWORD:-hotto-demo}

if [[ $# -ge 1 ]]; then
    data=$1
    built_here=no
else
    data=artifacts/demo
    built_here=yes
    "$hotto" --data-dir "$data" demo
fi

run() { "$hotto" --data-dir "$data" report "$@"; }

rm -rf "$out"
mkdir -p "$out"

today=$(date +%F)
# The fiscal year running today (April to March).
year=$(date +%Y)
month=$(date +%-m)
current_fy=$(( month >= 4 ? year : year - 1 ))

run plan --fy 2025 -o "$out/plan-2025.pdf"
run results --fy 2025 -o "$out/results-2025.pdf"
run results --fy "$current_fy" --as-of "$today" -o "$out/results-$current_fy-to-date.pdf"
run fte --date 2025-04-01 -o "$out/fte-2025-04-01.pdf"
run staff-meeting --month 2025-06 -o "$out/staff-meeting-2025-06.pdf"

# Handouts: the May meeting (last year's results) and one later in the year (this year's).
mapfile -t meetings < <(run meetings --fy 2025 | awk '{print $1}')
if [[ ${#meetings[@]} -ge 1 ]]; then
    run handout --meeting "${meetings[0]}" -o "$out/handout-2025-1.pdf"
fi
if [[ ${#meetings[@]} -ge 3 ]]; then
    run handout --meeting "${meetings[2]}" -o "$out/handout-2025-3.pdf"
fi

client=${HOTTO_CLIENT_ID:-}
if [[ -z $client && $built_here == yes ]]; then
    export_file=$(mktemp --suffix=.json)
    trap 'rm -f "$export_file"' EXIT
    "$hotto" --data-dir "$data" export -o "$export_file" >/dev/null
    client=$(python3 - "$export_file" <<'PY'
import json, sys
tables = json.load(open(sys.argv[1]))["tables"]
registered = {r["client_id"] for r in tables["client_registrations"] if r["closed_on"] is None}
employed = {e["client_id"] for e in tables["employments"] if e["started_on"] >= "2024-04-01"}
with_main = {c["id"] for c in tables["clients"] if c["main_staff_id"]}
print(sorted(registered & employed & with_main)[0])
PY
)
    rm -f "$export_file"
fi
if [[ -n $client ]]; then
    run client --client "$client" --from 2025-04-01 --to 2025-09-30 -o "$out/client-summary.pdf"
else
    echo "render-reports: no \$HOTTO_CLIENT_ID: client summary skipped"
fi

for pdf in "$out"/*.pdf; do
    pdftoppm -r 60 -png "$pdf" "${pdf%.pdf}"
done
echo "Rendered $(ls "$out"/*.pdf | wc -l) reports, $(ls "$out"/*.png | wc -l) pages into $out/"
