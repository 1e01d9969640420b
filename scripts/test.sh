#!/usr/bin/env bash
# README's second command (and CI's): install what is needed, start the local PostGIS cluster, build
# and run the whole test suite, stop the cluster again (if this script started it), exit with the
# tests' status. With DATABASE_URL set, tests use that database and no cluster is started.
# Tests that need ../shared/data skip when it is absent (set BLUELAMP_SHARED_DATA to include them).
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh

if [ -z "${DATABASE_URL:-}" ]; then
  swift build --product bluelamp
  BLUELAMP="$(swift build --show-bin-path)/bluelamp"
  if ! "$BLUELAMP" db status >/dev/null 2>&1; then
    trap '"$BLUELAMP" db stop || true' EXIT
  fi
  "$BLUELAMP" db start
fi

swift build --build-tests
set +e
swift test --skip-build "$@"
status=$?
set -e
exit $status
