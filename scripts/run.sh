#!/usr/bin/env bash
# Set up (first time) and run the Kursk claims map on the bundled data: http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup_env.sh requirements.txt
exec .venv/bin/python -m streamlit run app.py "$@"
