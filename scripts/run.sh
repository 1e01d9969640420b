#!/usr/bin/env bash
# README's first command: install what is needed, build BlueLamp in release mode, run the main job.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh
swift build -c release --product bluelamp
BLUELAMP="$(swift build -c release --show-bin-path)/bluelamp"


# ---- The main job: the most complete user-facing thing BlueLamp does today. ----
# A West Midlands-scale day (about 2,000 calls) on the generated region, every dispatch decided by
# the default rules; a summary table on the terminal, the JSON metrics and the HTML report on disk.
# (The first run builds the region's road hierarchy once, about 30–60 s, and caches it.)
mkdir -p reports
MAIN_JOB=(simulate Simulations/west-midlands-day.yaml --html reports/west-midlands-day.html --json reports/west-midlands-day.json)

"$BLUELAMP" "${MAIN_JOB[@]}" "$@"
report="$PWD/reports/west-midlands-day.html"
echo "Report: file://$report"
# Open it where there is a desktop to open it on.
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && command -v xdg-open >/dev/null 2>&1; then
  xdg-open "$report" >/dev/null 2>&1 || true
fi
