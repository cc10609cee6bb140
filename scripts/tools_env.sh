#!/usr/bin/env bash
# The throw-away tools venv that lock_requirements.sh and audit_dependencies.sh work in: the pinned
# uv and pip-audit, installed with their hashes from requirements-tools.lock.txt into a temporary
# folder that is removed when the sourcing script exits. Sets `python` (the interpreter that builds
# venvs: $PYTHON, else python3.11, else python3) and `tools` (the folder; the venv is $tools/venv).
# Usage, from the project root: source scripts/tools_env.sh
python="${PYTHON:-$(command -v python3.11 || command -v python3)}"
tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT
"$python" -m venv "$tools/venv"
"$tools/venv/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes \
  -r requirements-tools.lock.txt
