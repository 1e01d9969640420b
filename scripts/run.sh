#!/usr/bin/env bash
# README's first command: install what is needed, build BlueLamp in release mode, run the main job.
# The local PostGIS cluster (.bluelamp/postgres) is started if the job needs it and, if this script
# started it, stopped again at the end. With DATABASE_URL set, that database is used instead.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh
swift build -c release --product bluelamp
BLUELAMP="$(swift build -c release --show-bin-path)/bluelamp"

if [ -z "${DATABASE_URL:-}" ] && ! "$BLUELAMP" db status >/dev/null 2>&1; then
  trap '"$BLUELAMP" db stop >/dev/null || true' EXIT
fi

# ---- The main job: the most complete user-facing thing BlueLamp does today. ----
MAIN_JOB=(bench spatial)

"$BLUELAMP" "${MAIN_JOB[@]}" "$@"
