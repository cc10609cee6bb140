"""The benchmark's baseline app still runs, so the benchmark measures something real; its summaries add up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bench import play, run_bench

BASELINE = str(Path(__file__).resolve().parents[1] / "bench" / "baseline_app.py")


def test_baseline_app_draws_its_slider_and_claims() -> None:
    app = AppTest.from_file(BASELINE, default_timeout=60)
    app.run()
    assert not app.exception, [error.message for error in app.exception]
    assert app.select_slider[0].label == "Date"
    assert any("claims**" in block.value for block in app.markdown)


def test_play_times_each_step_from_the_slider_to_the_map_drawing_that_dates_front() -> None:
    snapshots = [dt.date(2024, 11, 1), dt.date(2024, 11, 2), dt.date(2024, 11, 4)]
    # The slider's text moves first, its value after; the map draws 2 Nov, then shows 3 Nov (2 Nov's front stays).
    readings = [
        {"text": "1 Nov 2024", "value": "1730419200000000", "at": 1000.0},
        {"text": "2 Nov 2024", "value": "1730419200000000", "at": 2000.0},
        {"text": "2 Nov 2024", "value": "1730505600000000", "at": 2004.0},
        {"text": "3 Nov 2024", "value": "1730505600000000", "at": 3000.0},
        {"text": "4 Nov 2024", "value": "1730678400000000", "at": 4000.0},
    ]
    recorded = {
        "start": "2024-11-01",
        "startedAt": 900.0,
        "shown": [
            {"date": "2024-11-01", "front": "2024-11-01", "at": 950.0},
            {"date": "2024-11-02", "front": "2024-11-01", "at": 2010.0},  # the date before its front
            {"date": "2024-11-02", "front": "2024-11-02", "at": 2016.0},
            {"date": "2024-11-03", "front": "2024-11-02", "at": 2990.0},  # the map before the slider
            {"date": "2024-11-04", "front": "2024-11-04", "at": 4120.0},
        ],
        "gaps": [[960.0, 130.0], [1016.0, 16.0], [2140.0, 124.0], [2156.0, 16.0], [4300.0, 144.0]],
        "longTasks": [{"at": 2020.0, "ms": 120.0, "from": "same-origin-ancestor"}],
        "longFrames": [
            {"at": 4290.0, "ms": 140.2, "where": "map", "scripts": []},
            {"at": 2139.0, "ms": 122.0, "where": "page", "scripts": [{"ms": 90, "invoker": "x", "source": "y"}]},
        ],
    }
    result = play.summary(recorded, readings, snapshots)
    assert result["steps"] == 3
    assert result["step_s"] == [0.016, -0.01, 0.12]
    assert (result["step_median_s"], result["step_p95_s"], result["step_max_s"]) == (0.016, 0.12, 0.12)
    assert (result["max_frame_gap_ms"], result["frames_over_100ms"]) == (144.0, 3)
    assert result["dropped_frames"] == [
        {"at_s": 0.06, "ms": 130.0, "date": "2024-11-01"},  # before the slider's first reading: the start
        {"at_s": 1.24, "ms": 124.0, "date": "2024-11-02"},
        {"at_s": 3.4, "ms": 144.0, "date": "2024-11-04"},
    ]
    assert result["long_task_list"] == [{"at_s": 1.12, "ms": 120, "from": "same-origin-ancestor"}]
    assert [(frame["at_s"], frame["ms"], frame["where"]) for frame in result["long_frames"]] == [
        (1.24, 122, "page"),
        (3.39, 140, "map"),
    ]


def test_a_slider_reading_is_its_text_or_else_its_value_in_days() -> None:
    assert play.slider_date("9 Dec 2024", None) == dt.date(2024, 12, 9)
    assert play.slider_date(None, "1733702400000000") == dt.date(2024, 12, 9)
    assert play.slider_date("soon", None) is None
    assert play.front_for([dt.date(2024, 7, 8)], dt.date(2024, 7, 7)) is None


def test_a_play_with_no_frames_painted_says_so() -> None:
    with pytest.raises(ValueError, match="no animation frames"):
        play.frame_summary([])


def test_the_bench_measures_the_bundled_app_beside_whatever_is_chosen() -> None:
    assert run_bench.chosen("daily", Path("ds.zip")) == ["app-70", "app-daily"]
    assert run_bench.chosen(None, None) == ["app-70", "app-1000", "app-10000", "baseline-70"]
    with pytest.raises(ValueError, match="needs --deepstate"):
        run_bench.chosen("bundled,daily", None)
    with pytest.raises(ValueError, match="no configuration named 100k"):
        run_bench.chosen("100k", None)


def test_the_daily_targets_are_judged_against_the_bundled_app_of_the_same_run() -> None:
    row = {"step_ws_kb": 17.0, "step_s": 0.02, "warm_s": 1.1, "first_load_ws_mb": 0.3}
    medians = {"app-70": row, "app-daily": row | {"step_s": 0.06, "warm_s": 1.3, "first_load_ws_mb": 0.33}}
    ratios = {"app-daily": {"warm_s": 1.18, "first_load_ws_mb": 1.1, "step_s": 3.0}}
    plays = [
        {
            "steps": 30,
            "step_s": [0.01, 0.03],
            "max_frame_gap_ms": gap,
            "frames_over_100ms": over,
            "longest_task_ms": 90.0,
            "dropped_frames": [],
            "first_load_mb": first_load,
        }
        for gap, over, first_load in ((80.0, 0, 0.13), (133.3, 2, 0.15))
    ]
    summary = run_bench.play_summary(plays)
    assert (summary["max_frame_gap_ms"], summary["frames_over_100ms"], summary["step_p95_s"]) == (133.3, 2, 0.03)
    assert summary["first_load_mb"] == 0.14
    met = run_bench.targets(medians, ratios, {"app-daily": summary})
    assert met["daily first load <= 1.2x bundled"] and met["daily warm page <= 1.2x bundled"]
    assert not met["daily date step <= 0.05 s"]
    assert not met["daily Play: no frame gap > 0.1 s"]
    assert "10k warm page <= 1.5x bundled" not in met
    # With Play measured on both, the first load counts the map's parts fetched over HTTP beside the websocket.
    bundled_play = summary | {"first_load_mb": 0.1}
    assert not run_bench.targets(medians, ratios, {"app-daily": summary, "app-70": bundled_play})[
        "daily first load <= 1.2x bundled"
    ]


def test_only_the_pages_own_data_counts_as_its_load() -> None:
    assert play.is_data("http://127.0.0.1:8501/api/parts/3f2a")
    assert play.is_data("http://127.0.0.1:8501/media/de0c.png")
    assert not play.is_data("http://127.0.0.1:8501/static/js/index.js")
    assert not play.is_data("http://127.0.0.1:8501/app/static/map_fronts.js")
    assert not play.is_data("https://tile.openstreetmap.org/api/8/152/84.png")
