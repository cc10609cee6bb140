"""A daily front layer, brought in with the import command from real DeepState files: Change works out only the
dates asked and says in whose favour; Compare sets the layers the viewer picks side by side, each as of its own
snapshot; the km² chart draws a daily series as a line and keeps a marker per point for sparse ones."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from components.map.overlays import analysis_overlay, comparison, history_of, pair_words
from components.panel.time_charts import MAX_MARKED_POINTS, area_chart, sparse_series
from geo.language.words import ENGLISH
from geo.model.claim_text import day
from geo.reading.dataset import Dataset, load_dataset
from geo.reading.front_import import main
from geo.reading.loading import FrontSnapshot
from geo.time.front_changes import (
    HELD_LAYER,
    IMPLIED_LAYER,
    Change,
    area_series,
    change,
    change_until,
    comparable_pairs,
    implied_held,
    in_whose_favour,
)
from geo.time.timeline import by_layer
from tests.conftest import REPO

DEEPSTATE = REPO / "tests" / "fixtures" / "deepstate"
DAILY = "ru-occupied-deepstate-daily"
BUNDLED_DEEPSTATE = "ru-occupied-deepstate"


def imported(folder: Path, files: Path, *more: str) -> Dataset:
    """`python -m geo.reading.front_import` run on `files` into the bundle `folder`, then the bundle loaded."""
    code = main(
        [
            str(files),
            "--layer-id",
            DAILY,
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
            "Daily snapshots inside the case's region.",
            "--into",
            str(folder),
            *more,
        ]
    )
    assert code == 0
    return load_dataset(folder)


@pytest.fixture(scope="module")
def with_daily(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The bundled data plus the fixtures' three DeepState days (15 and 16 Aug, 15 Dec 2024) as a context layer."""
    folder = tmp_path_factory.mktemp("daily") / "data"
    shutil.copytree(REPO / "data", folder)
    return imported(folder, DEEPSTATE, "--context")


class Asked:
    """change_until over a dataset's layers, remembering every (layer, date) it was asked for."""

    def __init__(self, layers: dict[str, list[FrontSnapshot]]) -> None:
        self.layers = layers
        self.asked: list[tuple[str, dt.date]] = []

    def __call__(self, layer: str, until: dt.date) -> Change | None:
        self.asked.append((layer, until))
        return change_until(self.layers[layer], until)


def test_a_daily_layers_change_is_since_the_day_before_and_only_on_its_own_dates(with_daily: Dataset) -> None:
    daily = by_layer(with_daily.fronts)[DAILY]
    assert [snapshot.date for snapshot in daily] == [dt.date(2024, 8, 15), dt.date(2024, 8, 16), dt.date(2024, 12, 15)]
    found = change_until(daily, dt.date(2024, 8, 16))
    assert found is not None and (found.since, found.until) == (dt.date(2024, 8, 15), dt.date(2024, 8, 16))
    assert found == change(daily[0], daily[1])
    later = change_until(daily, dt.date(2024, 12, 15))
    assert later is not None and later.since == dt.date(2024, 8, 16)
    assert change_until(daily, dt.date(2024, 8, 15)) is None  # the first snapshot has nothing before it
    assert change_until(daily, dt.date(2024, 9, 1)) is None  # not one of the layer's dates


def test_change_is_worked_out_only_for_the_date_asked(with_daily: Dataset) -> None:
    asked = Asked(by_layer(with_daily.fronts))
    history = history_of(with_daily.fronts, asked)
    assert asked.asked == []  # nothing at page start, however long the history
    overlay, lines = analysis_overlay(history, dt.date(2024, 8, 16), None, True)
    assert asked.asked == [(BUNDLED_DEEPSTATE, dt.date(2024, 8, 15)), (DAILY, dt.date(2024, 8, 16))]
    assert overlay is not None and any(DAILY in line or "daily" in line for line in lines)
    assert not any(IMPLIED_LAYER in layer for layer, _ in asked.asked)  # a reconstruction has no change of its own


def test_changes_say_which_layer_changed_and_in_whose_favour(bundled: Dataset) -> None:
    layers = by_layer(bundled.fronts)
    history = history_of(bundled.fronts, lambda layer, until: change_until(layers[layer], until))
    overlay, lines = analysis_overlay(history, dt.date(2025, 4, 1), None, True)
    held = next(line for line in lines if line.startswith("Ukrainian-held area in Russia"))
    # mapsite's Ukrainian-held area lost some 400 km² in March 2025: the layer's loss is Russia's gain
    assert "(Ukrainian-held)" in held and "1 Mar 2025 → 1 Apr 2025" in held and "net Russian gain of" in held
    isw = next(line for line in lines if line.startswith("ISW"))
    assert "(Russian-held)" in isw and "net Russian gain" in isw
    assert overlay is not None
    words = {(item["properties"]["kind"], line) for item in overlay["features"] for line in item["properties"]["lines"]}
    assert any(
        kind == "russia-gained" and line.startswith("Ukrainian-held area lost") and "a Ukrainian loss" in line
        for kind, line in words
    )
    assert any(kind == "russia-gained" and "a Russian gain" in line for kind, line in words)
    assert not any(kind == "ukraine-gained" and "a Russian gain" in line for kind, line in words)


@pytest.mark.parametrize(
    ("side", "gained", "lost", "words"),
    [
        ("RU", 5.0, 1.0, "net Russian gain of 4.0 km²"),
        ("RU", 1.0, 5.0, "net Ukrainian gain of 4.0 km²"),
        ("UA", 1.0, 5.0, "net Russian gain of 4.0 km²"),
        ("UA", 5.0, 1.0, "net Ukrainian gain of 4.0 km²"),
        ("UA", 2.0, 2.0, "no net change"),
    ],
)
def test_a_layers_gain_is_its_sides_gain(side: str, gained: float, lost: float, words: str) -> None:
    assert in_whose_favour(side, gained, lost) == words


def test_compare_offers_pairs_of_layers_that_map_the_same_side(with_daily: Dataset) -> None:
    layers = {**by_layer(with_daily.fronts), IMPLIED_LAYER: implied_held(with_daily.fronts)}
    pairs = comparable_pairs(layers)
    assert pairs[0] == (HELD_LAYER, IMPLIED_LAYER)  # what the page compared before there was a choice
    assert (BUNDLED_DEEPSTATE, DAILY) in pairs
    for first, second in pairs:
        assert layers[first][0].side == layers[second][0].side
        assert layers[first][0].context == layers[second][0].context
    history = history_of(with_daily.fronts, lambda layer, until: None)
    assert history.pairs() == pairs
    assert pair_words(history, pairs[0]) == "mapsite vs ISW-implied"


def test_compare_names_both_as_of_dates_only_when_they_differ(with_daily: Dataset) -> None:
    history = history_of(with_daily.fronts, lambda layer, until: None)
    pair = (BUNDLED_DEEPSTATE, DAILY)
    same_day = dt.date(2024, 8, 15)  # both layers have a snapshot that day
    features, (caption,) = comparison(history, same_day, pair)
    assert f"of the Russian-held area as of {day(same_day)}:" in caption
    assert caption.count("as of") == 1
    assert {item["properties"]["kind"] for item in features} >= {"implied", "only-second"}
    _, (later,) = comparison(history, dt.date(2024, 8, 20), pair)
    assert "(as of 15 Aug 2024, " in later and "(as of 16 Aug 2024, " in later  # each at its own latest snapshot
    assert "cut to different areas" in later  # the daily layer is clipped to the case's box, the bundled one not


def test_compare_on_the_default_pair_keeps_the_bundled_sentence(bundled: Dataset) -> None:
    history = history_of(bundled.fronts, lambda layer, until: None)
    overlay, lines = analysis_overlay(history, dt.date(2025, 1, 31), (HELD_LAYER, IMPLIED_LAYER), False)
    assert lines == [
        "Sources disagree on 173 km² of the Ukrainian-held area: 110 km² only in mapsite (as of 1 Jan 2025, "
        "526 km² in all), 63 km² only in ISW-implied (as of 24 Jan 2025, 479 km² in all)."
    ]
    assert overlay is not None and {item["properties"]["kind"] for item in overlay["features"]} == {
        "implied",
        "only-first",
        "only-second",
    }


@pytest.fixture(scope="module")
def dense(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """A Kursk layer with a snapshot every day for 90 days: the fixtures' real DeepState files, one a day."""
    files = tmp_path_factory.mktemp("days")
    sources = sorted(DEEPSTATE.glob("*.geojson"))
    start = dt.date(2024, 9, 1)
    for offset in range(90):
        name = f"deepstatemap_data_{(start + dt.timedelta(days=offset)).strftime('%Y%m%d')}.geojson"
        shutil.copyfile(sources[offset % len(sources)], files / name)
    folder = tmp_path_factory.mktemp("dense") / "data"
    shutil.copytree(REPO / "data", folder)
    return imported(folder, files)


def chart_spec(data: Dataset) -> dict[str, Any]:
    return area_chart(data, implied_held(data.fronts), data.grade_all(), dt.date(2024, 10, 1), ENGLISH).to_dict()


def chart_layers(data: Dataset) -> list[dict[str, Any]]:
    """The chart's layers, nested layers (the chosen date's rule and label) flattened."""
    pending, flat = list(chart_spec(data)["layer"]), []
    while pending:
        layer = pending.pop(0)
        pending.extend(layer.get("layer", []))
        flat.extend([layer] if "mark" in layer else [])
    return flat


def test_a_daily_series_is_a_line_and_a_sparse_one_keeps_its_markers(dense: Dataset) -> None:
    series = pd.DataFrame(area_series(dense.fronts, implied_held(dense.fronts)))
    counts = series.groupby("series").size()
    daily_name = "DeepState: Russian-occupied Ukraine, daily"
    assert counts[daily_name] == 90 > MAX_MARKED_POINTS
    assert sparse_series(series) == sorted(name for name in counts.index if name != daily_name)
    layers = chart_layers(dense)
    lines = [layer for layer in layers if layer["mark"] in ("line", {"type": "line"})]
    assert len(lines) == 1 and "point" not in str(lines[0]["mark"])  # no marker drawn per point on the line
    markers = next(layer for layer in layers if "transform" in layer and "oneOf" in str(layer["transform"]))
    assert daily_name not in str(markers["transform"]) and "UA-held (mapsite)" in str(markers["transform"])
    (param,) = chart_spec(dense)["params"]
    assert param["select"]["nearest"] is True and param["select"]["on"] == "pointerover"
    hovered = next(layer for layer in layers if layer.get("name") in param["views"])
    tooltip = str(hovered["encoding"]["tooltip"])
    assert "date" in tooltip and "km2" in tooltip and "series" in tooltip


def test_the_bundled_chart_still_marks_every_snapshot(bundled: Dataset) -> None:
    series = pd.DataFrame(area_series(bundled.fronts, implied_held(bundled.fronts)))
    assert sparse_series(series) == sorted(set(series["series"]))
    layers = chart_layers(bundled)
    markers = next(layer for layer in layers if "transform" in layer and "oneOf" in str(layer["transform"]))
    assert all(name in str(markers["transform"]) for name in set(series["series"]))
