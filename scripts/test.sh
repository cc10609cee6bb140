#!/usr/bin/env bash
# Set up (first time) and run every test: unit, AppTest and browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${KURSK_MAP_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi
source scripts/setup_env.sh requirements-test.txt
exec .venv/bin/python -m pytest "$@"
