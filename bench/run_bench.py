"""Measure the app at 70, 1,000 and 10,000 claims and against a baseline, in one run, in headless Chromium.

Runs the shared `mapbench.py` harness (pass its path) several times, interleaved, on:

- the app on the bundled data (70 claims): the reference every other figure is divided by;
- the app on 1,000 and 10,000 claims made from the bundle by bench/make_dataset.py;
  each app reads its claims from its own SQLite store (geo.store), as the app does by default;
- bench/baseline_app.py on the bundled data (the common design that re-sends the map per step);
- with --deepstate ARCHIVE, the app on the bundled data plus DeepState's daily front layer, imported
  from the archive (a .zip, .geojson.gz or folder in cyterat/deepstate-map-data's layout) by
  `geo.reading.front_import` for the case's period: 536 snapshots clipped to the case's region.

It also times loading each store and reading each bundle folder (in a fresh process), and on the
bundled and daily apps plays a month of dates (bench/play.py: frame gaps, long tasks, step times).
It prints medians, ratios to the bundled app and the issue's targets as JSON. Ratios, not absolute
times, are the result: every design ran on the same machine in the same minutes.

    .venv/bin/python -m bench.run_bench --mapbench <path to mapbench.py> [--runs 3]
        [--deepstate ARCHIVE] [--only bundled,daily] [--no-play]
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
from typing import Any

from bench.play import PlayOptions, measure_play, percentile, snapshot_dates
from geo.settings import bench_settings, child_environment

REPO = Path(__file__).resolve().parents[1]
SIZES = (1000, 10000)
# Each configuration --only can name, and the name its figures go by.
CONFIGURATIONS = {
    "bundled": "app-70",
    "1000": "app-1000",
    "10000": "app-10000",
    "baseline": "baseline-70",
    "daily": "app-daily",
}
DAILY_LAYER = "ru-occupied-deepstate-daily"
DAILY_SNAPSHOTS = 536  # DeepState's days within the case's period, as the targets count them
DAILY_IMPORT = [
    "--layer-id",
    DAILY_LAYER,
    "--label",
    "DeepState: Russian-occupied Ukraine, daily",
    "--side",
    "RU",
    "--basis",
    "claimed",
    "--source-id",
    "deepstate",
    "--licence",
    "DeepState terms not stated (archive GPL-3.0)",
    "--caveat",
    "Context: occupied Ukraine only",
    "--context",
    "--origin",
    "cyterat/deepstate-map-data",
]
# The front layer whose steps Play times on each app: the bundled DeepState layer, or the daily one.
PLAYED_LAYERS = {"app-70": "ru-occupied-deepstate", "app-daily": DAILY_LAYER}
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


def make_daily(workdir: Path, archive: Path, python: str) -> Path:
    """The bundle plus DeepState's daily layer, imported as the README's front-import section says."""
    target = workdir / "data-daily"
    shutil.copytree(REPO / "data", target)
    command = [python, "-m", "geo.reading.front_import", str(archive.resolve()), *DAILY_IMPORT, "--into", str(target)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if result.returncode not in (0, 2):  # 2: some snapshots refused (the days after the case's period)
        raise RuntimeError(f"the daily layer did not import: {result.stdout[-2000:]}{result.stderr[-2000:]}")
    count = len(snapshot_dates(target, DAILY_LAYER))
    if count != DAILY_SNAPSHOTS:
        raise RuntimeError(f"the daily layer has {count} snapshots, not the {DAILY_SNAPSHOTS} the targets count")
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


def play_summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Play over every run: the worst frame gap and every dropped frame, step times pooled over the runs."""
    steps = [step for run in results for step in run["step_s"]]
    return {
        "runs": len(results),
        "first_load_mb": statistics.median(run.get("first_load_mb", 0.0) for run in results),
        "play_mb": statistics.median(run.get("play_mb", 0.0) for run in results),
        "steps": sum(run["steps"] for run in results),
        "steps_drawn": len(steps),
        "max_frame_gap_ms": max(run["max_frame_gap_ms"] for run in results),
        "frames_over_100ms": sum(run["frames_over_100ms"] for run in results),
        "frames_over_100ms_per_run": [run["frames_over_100ms"] for run in results],
        "longest_task_ms": max(run["longest_task_ms"] for run in results),
        "step_median_s": round(percentile(steps, 0.5), 3) if steps else None,
        "step_p95_s": round(percentile(steps, 0.95), 3) if steps else None,
        "step_max_s": round(max(steps), 3) if steps else None,
        "load_average_per_run": [run.get("load_average") for run in results],
        "dropped_frames": [run["dropped_frames"] for run in results],
        "long_frames": [run.get("long_frames", []) for run in results],
    }


def chosen(only: str | None, deepstate: Path | None) -> list[str]:
    """The configurations to measure by their figures' names; the bundled app always, as every ratio's reference."""
    if only is None:
        names = ["bundled", "1000", "10000", "baseline", *(["daily"] if deepstate else [])]
    else:
        names = [name.strip() for name in only.split(",") if name.strip()]
    unknown = [name for name in names if name not in CONFIGURATIONS]
    if unknown:
        raise ValueError(f"no configuration named {', '.join(unknown)}: choose from {', '.join(CONFIGURATIONS)}")
    if "daily" in names and deepstate is None:
        raise ValueError("the daily configuration needs --deepstate ARCHIVE")
    return [CONFIGURATIONS[name] for name in CONFIGURATIONS if name in names or name == "bundled"]


def load_seconds(snippet: str, argument: str, python: str) -> float:
    """Seconds to read a bundle folder or a store into a dataset, in a fresh process."""
    result = subprocess.run([python, "-c", snippet, argument], cwd=REPO, check=True, capture_output=True, text=True)
    return float(result.stdout)


def pooled_median(results: list[dict], key: str) -> float:
    """The median over the runs, or over every step of every run for the step times."""
    values = [value for run in results for value in run[key]] if key in POOLED else [run[key] for run in results]
    return round(statistics.median(values), 3)


def first_load_ratio(ratios: dict[str, dict[str, float]], play: dict[str, dict[str, Any]]) -> float:
    """The daily page's first load over the bundled one's: with Play measured, the websocket and the app's own routes
    (where the map may fetch its parts); without, the websocket alone as mapbench counts it."""
    if "app-70" in play and "app-daily" in play and play["app-70"]["first_load_mb"]:
        return float(play["app-daily"]["first_load_mb"] / play["app-70"]["first_load_mb"])
    return ratios["app-daily"]["first_load_ws_mb"]


def targets(
    medians: dict[str, dict[str, float]], ratios: dict[str, dict[str, float]], play: dict[str, dict[str, Any]]
) -> dict[str, bool]:
    """The issue's targets for the configurations measured, each True when met."""
    small = medians["app-70"]
    met = {
        "every step <= 20 kB": all(row["step_ws_kb"] <= 20 for name, row in medians.items() if name.startswith("app")),
        "bundled date step <= 0.15 s": small["step_s"] <= 0.15,
        "bundled warm page <= 1.5 s": small["warm_s"] <= 1.5,
    }
    if "app-10000" in medians:
        big = medians["app-10000"]
        met |= {
            "10k warm page <= 1.5x bundled": ratios["app-10000"]["warm_s"] <= 1.5,
            "10k date step <= 0.15 s": big["step_s"] <= 0.15,
            "10k date step <= 1.2x bundled": ratios["app-10000"]["step_s"] <= 1.2,
            "10k first load <= 3 MB": big["first_load_ws_mb"] <= 3,
            "10k JS heap <= 60 MB": big["js_heap_mb"] <= 60,
            "10k store loads in <= 3 s": big["load_s"] <= 3,
            "10k folder reads in <= 3 s": big["folder_s"] <= 3,
        }
    if "app-daily" in medians:
        met |= {
            "daily first load <= 1.2x bundled": first_load_ratio(ratios, play) <= 1.2,
            "daily warm page <= 1.2x bundled": ratios["app-daily"]["warm_s"] <= 1.2,
            "daily date step <= 0.05 s": medians["app-daily"]["step_s"] <= 0.05,
        }
    if "app-daily" in play:
        met["daily Play: no frame gap > 0.1 s"] = play["app-daily"]["max_frame_gap_ms"] <= 100
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mapbench", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--deepstate", type=Path, help="DeepState's archive: a .zip, .geojson.gz or folder")
    parser.add_argument("--only", help=f"configurations, comma-separated, of {', '.join(CONFIGURATIONS)}")
    parser.add_argument("--no-play", action="store_true", help="leave out Play (bench/play.py)")
    parser.add_argument("--play-date", default="2024-11-01", help="where Play starts (in the daily period)")
    parser.add_argument("--play-steps", type=int, default=30)
    args = parser.parse_args()
    try:
        names = chosen(args.only, args.deepstate)
    except ValueError as error:
        parser.error(str(error))
    chromium = bench_settings().chromium
    with tempfile.TemporaryDirectory() as workdir:
        folders: dict[str, Path] = {"app-70": REPO / "data"}
        folders |= {
            f"app-{size}": make_data(Path(workdir), size, args.python) for size in SIZES if f"app-{size}" in names
        }
        if "app-daily" in names:
            folders["app-daily"] = make_daily(Path(workdir), args.deepstate, args.python)
        stores = {name: make_store(Path(workdir), name, folder, args.python) for name, folder in folders.items()}
        baseline = baseline_dir(Path(workdir)) if "baseline-70" in names else None
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
        plays: dict[str, list[dict[str, Any]]] = {}
        for _ in range(args.runs):  # interleaved, so drift hits every design alike
            for name, folder in folders.items():
                row = figures(measure(args.mapbench, REPO, args.python, {"KURSK_MAP_DB": stores[name]}))
                row["load_s"] = load_seconds(STORE_LOAD_SNIPPET, stores[name], args.python)
                row["folder_s"] = load_seconds(LOAD_SNIPPET, str(folder), args.python)
                runs[name].append(row)
                if name in PLAYED_LAYERS and not args.no_play:
                    options = PlayOptions(PLAYED_LAYERS[name], args.play_date, args.play_steps, chromium=chromium)
                    dates = snapshot_dates(folder, options.layer)
                    result = measure_play(REPO, args.python, {"KURSK_MAP_DB": stores[name]}, dates, options)
                    plays.setdefault(name, []).append(result)
            if baseline is not None:
                baseline_env = {"KURSK_MAP_DATA": str(REPO / "data")}  # the baseline reads the folder, as it always did
                runs["baseline-70"].append(figures(measure(args.mapbench, baseline, args.python, baseline_env)))
    medians = {name: {key: pooled_median(results, key) for key in results[0]} for name, results in runs.items()}
    reference = medians["app-70"]
    ratios = {
        name: {key: round(row[key] / reference[key], 3) for key in row if reference.get(key)}
        for name, row in medians.items()
        if name != "app-70"
    }
    play = {name: play_summary(results) for name, results in plays.items()}
    report = {"runs": args.runs, "median": medians, "over_bundled_app": ratios, "play": play}
    print(json.dumps(report | {"targets_met": targets(medians, ratios, play)}, indent=2))


if __name__ == "__main__":
    main()
