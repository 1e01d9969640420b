#!/usr/bin/env bash
# Installs the system packages BlueLamp needs on Debian 12, idempotently: each package is checked
# with dpkg first and apt-get runs only for what is missing. Uses sudo when not root.
set -euo pipefail

PACKAGES=(
  libgeos-dev libproj-dev proj-data        # GeoKit: GEOS and PROJ
  libpq-dev                                # Storage: libpq
  postgresql-15 postgresql-15-postgis-3    # the local PostGIS cluster (tests, benchmarks)
  postgresql-15-pgrouting                  # bench roads' peer
  redis-server                             # bench spatial's peer
  zlib1g-dev                               # RoadNetwork: OSM PBF blocks
  pkg-config                               # SwiftPM finds the C libraries through it
  chromium                                 # rendering reports
)

fail() { echo "setup.sh: $*" >&2; exit 1; }

command -v swift >/dev/null 2>&1 || fail "the Swift 6.3 toolchain is not on PATH (https://www.swift.org/install/linux/)"
command -v dpkg-query >/dev/null 2>&1 || fail "this script needs Debian's dpkg/apt (Debian 12); install the packages by hand: ${PACKAGES[*]}"

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup.sh: all system packages are installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  fail "missing packages (${missing[*]}) and not root, and sudo is not available: run as root or install them"
fi

echo "setup.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q || fail "apt-get update failed (network? permissions?)"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
  || fail "apt-get install failed for: ${missing[*]}"
echo "setup.sh: done"
