#!/usr/bin/env bash
# Audit the locked dependency trees for known advisories: pip-audit (pinned in
# requirements-tools.lock.txt) on both Python locks, npm audit on the lint tree (package-lock.json).
# Needs the advisory services: PyPI's JSON API per release (pip-audit -s pypi, the default here) or
# OSV (AUDIT_SOURCE=osv), and the npm registry's audit endpoint. Exits non-zero on any advisory and
# on any package that could not be audited (--strict), so an unreachable service never reads as clean.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools_env.sh  # sets python and tools: the pinned tools in $tools/venv
status=0
for lock in requirements.lock.txt requirements-test.lock.txt; do
  echo "== pip-audit -s ${AUDIT_SOURCE:-pypi} $lock"
  "$tools/venv/bin/pip-audit" --strict --disable-pip --require-hashes --progress-spinner off \
    -s "${AUDIT_SOURCE:-pypi}" -r "$lock" || status=1
done
echo "== npm audit (package-lock.json: ESLint)"
npm audit --package-lock-only --audit-level=low || status=1
# The vendored browser packages (static/vendor/, pinned in scripts/vendor_assets.py) have no lock of
# their own: write one for exactly those versions in a scratch folder and audit it the same way.
echo "== npm audit (static/vendor: the packages scripts/vendor_assets.py pins)"
mkdir "$tools/vendored"
"$python" - "$tools/vendored/package.json" <<'PY'
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("vendor_assets", "scripts/vendor_assets.py")
module = importlib.util.module_from_spec(spec)
sys.modules["vendor_assets"] = module
spec.loader.exec_module(module)
dependencies = {package.name: package.version for package in module.PACKAGES}
with open(sys.argv[1], "w", encoding="utf-8") as file:
    json.dump({"name": "vendored-browser-packages", "private": True, "dependencies": dependencies}, file)
PY
(cd "$tools/vendored" && npm install --package-lock-only --ignore-scripts --silent --no-fund --no-audit &&
  npm audit --package-lock-only --audit-level=low) || status=1
exit "$status"
