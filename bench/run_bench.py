"""Measure the app at 70, 1,000 and 10,000 claims and against a baseline, in one run, in headless Chromium.

Runs the shared `mapbench.py` harness (pass its path) several times, interleaved, on:

- the app on the bundled data (70 claims): the reference every other figure is divided by;
- the app on 1,000 and 10,000 claims made from the bundle by bench/make_dataset.py;
  each app reads its claims from its own SQLite store (geo.store), as the app does by default;
- bench/baseline_app.py on the bundled data (the common design that re-sends the map per step).

It also times loading each store and reading each bundle folder (in a fresh process). It prints
medians, ratios to the bundled app and the issue's targets as JSON. Ratios, not absolute times, are
the result: every design ran on the same machine in the same minutes.

    .venv/bin/python -m bench.run_bench --mapbench <path to mapbench.py> [--runs 3]
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

from geo.settings import child_environment

REPO = Path(__file__).resolve().parents[1]
SIZES = (1000, 10000)
# A step takes 20-40 ms, of which a few depend on the design; its median needs many steps, pooled over the runs.
SLIDER_STEPS = 8
POOLED = ("step_s", "step_server_s")
LOAD_SNIPPET = (
    "import sys, time; from pathlib import Path; from geo.reading.dataset import load_dataset; "
    "start = time.perf_counter(); load_dataset(Path(sys.argv[1])); print(time.perf_counter() - start)"
)
STORE_LOAD_SNIPPET = (
    "import sys, time; from geo.store import Store; store = Store(sys.argv[1]); "
    "start = time.perf_counter(); store.load(); print(time.perf_counter() - start)"
)


def baseline_dir(workdir: Path) -> Path:
    """An app folder whose app.py is the baseline, sharing the real static files and config."""
    target = workdir / "baseline"
    target.mkdir()
    shutil.copy(REPO / "bench" / "baseline_app.py", target / "app.py")
    (target / "static").symlink_to(REPO / "static")
    (target / ".streamlit").symlink_to(REPO / ".streamlit")
    return target


def make_data(workdir: Path, claims: int, python: str) -> Path:
    target = workdir / f"data-{claims}"
    command = [python, "-m", "bench.make_dataset", "--claims", str(claims), "--out", str(target)]
    subprocess.run(command, cwd=REPO, check=True, capture_output=True)
    return target


def make_store(workdir: Path, name: str, folder: Path, python: str) -> str:
    """A SQLite store holding the bundle: the app reads its claims from the store, as it does by default."""
    url = f"sqlite:///{workdir / (name + '.sqlite')}"
    command = [python, "-m", "geo.store", "import", str(folder), "--reason", "benchmark", "--actor", "bench"]
    subprocess.run(command, cwd=REPO, env=child_environment({"KURSK_MAP_DB": url}), check=True, capture_output=True)
    return url


def measure(mapbench: Path, app_dir: Path, python: str, env: dict[str, str]) -> dict:
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
        str(SLIDER_STEPS),
        "--warm-runs",
        "3",
        "--timeout",
        "180",
        "--env",
        f"PYTHONPATH={REPO}",
    ]
    for name, value in env.items():
        command += ["--env", f"{name}={value}"]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=1200)
    report = json.loads(result.stdout)
    if not report.get("ok"):
        raise RuntimeError(f"mapbench failed on {app_dir} ({env}): {result.stderr[-2000:]}")
    return report


def figures(report: dict) -> dict[str, float | list[float]]:
    """One run's figures; the two step times are lists of every step, to be pooled with the other runs'."""
    steps = [step for step in report["slider"]["steps"] if "total_s" in step]
    return {
        "cold_s": report["cold_s"],
        "warm_s": report["warm_s"],
        "first_load_ws_mb": report["bytes"]["ws"]["rx_bytes"] / 1e6,
        "step_s": [step["total_s"] for step in steps],
        "step_server_s": [step["server_s"] for step in steps],
        "step_ws_kb": report["slider"]["ws_rx_bytes_median"] / 1000,
        "js_heap_mb": report["js_heap_mb"]["after_slider"],
    }


def load_seconds(snippet: str, argument: str, python: str) -> float:
    """Seconds to read a bundle folder or a store into a dataset, in a fresh process."""
    result = subprocess.run([python, "-c", snippet, argument], cwd=REPO, check=True, capture_output=True, text=True)
    return float(result.stdout)


def pooled_median(results: list[dict], key: str) -> float:
    """The median over the runs, or over every step of every run for the step times."""
    values = [value for run in results for value in run[key]] if key in POOLED else [run[key] for run in results]
    return round(statistics.median(values), 3)


def targets(medians: dict[str, dict[str, float]], ratios: dict[str, dict[str, float]]) -> dict[str, bool]:
    """The issue's targets, each True when met."""
    big, small = medians["app-10000"], medians["app-70"]
    return {
        "10k warm page <= 1.5x bundled": ratios["app-10000"]["warm_s"] <= 1.5,
        "10k date step <= 0.15 s": big["step_s"] <= 0.15,
        "10k date step <= 1.2x bundled": ratios["app-10000"]["step_s"] <= 1.2,
        "10k first load <= 3 MB": big["first_load_ws_mb"] <= 3,
        "10k JS heap <= 60 MB": big["js_heap_mb"] <= 60,
        "10k store loads in <= 3 s": big["load_s"] <= 3,
        "10k folder reads in <= 3 s": big["folder_s"] <= 3,
        "every step <= 20 kB": all(row["step_ws_kb"] <= 20 for name, row in medians.items() if name.startswith("app")),
        "bundled date step <= 0.15 s": small["step_s"] <= 0.15,
        "bundled warm page <= 1.5 s": small["warm_s"] <= 1.5,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mapbench", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        folders: dict[str, Path] = {"app-70": REPO / "data"}
        folders |= {f"app-{size}": make_data(Path(workdir), size, args.python) for size in SIZES}
        stores = {name: make_store(Path(workdir), name, folder, args.python) for name, folder in folders.items()}
        baseline = baseline_dir(Path(workdir))
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in [*folders, "baseline-70"]}
        for _ in range(args.runs):  # interleaved, so drift hits every design alike
            for name, folder in folders.items():
                row = figures(measure(args.mapbench, REPO, args.python, {"KURSK_MAP_DB": stores[name]}))
                row["load_s"] = load_seconds(STORE_LOAD_SNIPPET, stores[name], args.python)
                row["folder_s"] = load_seconds(LOAD_SNIPPET, str(folder), args.python)
                runs[name].append(row)
            baseline_env = {"KURSK_MAP_DATA": str(REPO / "data")}  # the baseline reads the folder, as it always did
            runs["baseline-70"].append(figures(measure(args.mapbench, baseline, args.python, baseline_env)))
    medians = {name: {key: pooled_median(results, key) for key in results[0]} for name, results in runs.items()}
    reference = medians["app-70"]
    ratios = {
        name: {key: round(row[key] / reference[key], 3) for key in row if reference.get(key)}
        for name, row in medians.items()
        if name != "app-70"
    }
    print(
        json.dumps(
            {"runs": args.runs, "median": medians, "over_bundled_app": ratios, "targets_met": targets(medians, ratios)},
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
