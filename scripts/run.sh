#!/usr/bin/env bash
# Set up (first time) and run the Kursk claims map on the bundled data: http://localhost:8501
# It listens on loopback only; KURSK_MAP_SERVE_TO_NETWORK=true serves it to the network (README, "Serving to
# a network"). Streamlit's own options may follow, e.g. --server.port 8600.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup_env.sh requirements.txt
address="$(.venv/bin/python -m geo.settings server-address)"
exec .venv/bin/python -m streamlit run app.py --server.address "$address" "$@"
