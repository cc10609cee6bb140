"""Measure the app against a baseline in the same run, in headless Chromium.

Runs the shared `mapbench.py` harness (pass its path) several times on the app and on
bench/baseline_app.py (the same data with the date sent through `feature_group_to_add`),
then prints medians and app/baseline ratios as JSON. Ratios, not absolute times, are the
result: both designs ran on the same machine in the same minute.

    .venv/bin/python bench/run_bench.py --mapbench <path to mapbench.py> [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def baseline_dir(workdir: Path) -> Path:
    """An app folder whose app.py is the baseline, sharing the real static files and config."""
    target = workdir / "baseline"
    target.mkdir()
    shutil.copy(REPO / "bench" / "baseline_app.py", target / "app.py")
    (target / "static").symlink_to(REPO / "static")
    (target / ".streamlit").symlink_to(REPO / ".streamlit")
    return target


def measure(mapbench: Path, app_dir: Path, python: str) -> dict:
    command = [
        python,
        str(mapbench),
        "--app-dir",
        str(app_dir),
        "--python",
        python,
        "--slider-label",
        "Date",
        "--slider-steps",
        "3",
        "--warm-runs",
        "3",
        "--env",
        f"PYTHONPATH={REPO}",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    report = json.loads(result.stdout)
    if not report.get("ok"):
        raise RuntimeError(f"mapbench failed on {app_dir}: {result.stderr[-2000:]}")
    return report


def figures(report: dict) -> dict[str, float]:
    return {
        "cold_s": report["cold_s"],
        "warm_s": report["warm_s"],
        "first_load_ws_kb": report["bytes"]["ws"]["rx_bytes"] / 1000,
        "step_s": report["slider"]["median_s"],
        "step_server_s": report["slider"]["server_median_s"],
        "step_ws_kb": report["slider"]["ws_rx_bytes_median"] / 1000,
        "js_heap_mb": report["js_heap_mb"]["after_slider"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mapbench", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    runs: dict[str, list[dict[str, float]]] = {"app": [], "baseline": []}
    with tempfile.TemporaryDirectory() as workdir:
        baseline = baseline_dir(Path(workdir))
        for _ in range(args.runs):  # interleaved so drift hits both designs alike
            runs["app"].append(figures(measure(args.mapbench, REPO, args.python)))
            runs["baseline"].append(figures(measure(args.mapbench, baseline, args.python)))
    medians = {
        name: {key: round(statistics.median(run[key] for run in results), 3) for key in results[0]}
        for name, results in runs.items()
    }
    ratios = {
        key: round(medians["app"][key] / medians["baseline"][key], 3)
        for key in medians["app"]
        if medians["baseline"][key]
    }
    print(json.dumps({"runs": args.runs, "median": medians, "app_over_baseline": ratios}, indent=2))


if __name__ == "__main__":
    main()
