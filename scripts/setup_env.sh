#!/usr/bin/env bash
# Create .venv with Python 3.11 and install pinned requirements; re-run installs only what changed.
# Usage: source scripts/setup_env.sh <requirements file>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
requirements="${1:-requirements.txt}"
python="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if [ ! -x "$here/.venv/bin/python" ]; then
  "$python" -m venv "$here/.venv"
fi
stamp="$here/.venv/.installed-$(basename "$requirements")"
if [ ! -f "$stamp" ] || [ -n "$(find "$here" -maxdepth 1 -name 'requirements*.txt' -newer "$stamp")" ]; then
  "$here/.venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/$requirements"
  touch "$stamp"
fi
