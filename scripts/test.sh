#!/usr/bin/env bash
# Set up (first time) and run every check: ruff, ESLint, mypy (strict), then the unit, AppTest and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian's Chromium drives the browser tests; GDAL's ogr2ogr reads the feed as a GIS would (OGC API - Features).
missing=()
if [ -z "${KURSK_MAP_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then missing+=(chromium); fi
command -v ogr2ogr >/dev/null 2>&1 || missing+=(gdal-bin)
if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
source scripts/setup_env.sh requirements-test.txt
# ESLint for static/*.js, pinned in package-lock.json (the app itself needs no Node.js).
if [ ! -x node_modules/.bin/eslint ] || [ package-lock.json -nt node_modules ]; then
  npm ci --silent --no-audit --no-fund
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy  # the type check, configured in pyproject.toml: strict on geo/, web/, components/ and the page
npx --no-install eslint .
exec .venv/bin/python -m pytest "$@"
