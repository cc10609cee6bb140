#!/usr/bin/env bash
# Re-lock the whole dependency tree with hashes from the human-edited inputs:
#   requirements.txt       -> requirements.lock.txt       (runtime: what run.sh installs)
#   requirements-test.txt  -> requirements-test.lock.txt  (tests: what test.sh installs; the runtime
#                                                           part is held to requirements.lock.txt)
#   requirements-tools.txt -> requirements-tools.lock.txt (uv and pip-audit themselves)
# Uses the pinned uv, installed from requirements-tools.lock.txt into a throw-away venv. Versions
# already in a lock are kept unless an input asks for another; pass uv's own options to move others,
# e.g. `bash scripts/lock_requirements.sh --upgrade-package certifi` or `--upgrade`. Needs PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools_env.sh  # sets python and tools: the pinned tools in $tools/venv
compile=("$tools/venv/bin/uv" pip compile --quiet --generate-hashes --universal --python-version 3.11
  --custom-compile-command "bash scripts/lock_requirements.sh" "$@")
"${compile[@]}" requirements.txt -o requirements.lock.txt
"${compile[@]}" requirements-test.txt -c requirements.lock.txt -o requirements-test.lock.txt
"${compile[@]}" requirements-tools.txt -o requirements-tools.lock.txt
"$python" scripts/check_lock.py
