#!/usr/bin/env bash
# Create .venv with Python 3.11 and install the locked dependency tree: every package, not only the
# top level, pinned with its hashes (pip --require-hashes refuses any other file). A lock that no
# longer matches its human-edited input is refused first; re-run installs only what changed.
# Usage: source scripts/setup_env.sh <requirements file>   (installs its lock, <name>.lock.txt)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
requirements="${1:-requirements.txt}"
lock="${requirements%.txt}.lock.txt"
python="${PYTHON:-$(command -v python3.11 || command -v python3)}"
"$python" "$here/scripts/check_lock.py" --root "$here"
if [ ! -x "$here/.venv/bin/python" ]; then
  "$python" -m venv "$here/.venv"
fi
stamp="$here/.venv/.installed-$(basename "$requirements")"
if [ ! -f "$stamp" ] || [ -n "$(find "$here" -maxdepth 1 -name 'requirements*.txt' -newer "$stamp")" ]; then
  "$here/.venv/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes -r "$here/$lock"
  touch "$stamp"
fi
