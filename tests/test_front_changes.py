"""Fronts through time: change areas, the ISW-implied series, disagreement, gaps, and the two clocks."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
import shapely
from pyproj import Geod

from geo.grading.rule import Grader
from geo.time import front_changes as fc
from geo.time.timeline import by_layer, known_by, latest_on_or_before

GEOD = Geod(ellps="WGS84")


def geodesic_km2(geometry: shapely.Geometry) -> float:
    return abs(GEOD.geometry_area_perimeter(geometry)[0]) / 1e6


def test_change_areas_balance_the_difference_between_snapshots(bundled) -> None:
    held = by_layer(bundled.fronts)["ua-held-mapsite"]
    for previous, current in itertools.pairwise(held):
        found = fc.change(previous, current)
        net = current.area_km2 - previous.area_km2
        assert found.gained_km2 - found.lost_km2 == pytest.approx(net, abs=2.5), current.date
        assert found.gained_km2 == pytest.approx(geodesic_km2(found.gained), rel=0.01, abs=0.2)


def test_march_2025_collapse_is_counted_as_loss(bundled) -> None:
    changes = fc.changes(bundled.fronts)
    march = changes[("ua-held-mapsite", dt.date(2025, 4, 1))]
    assert march.since == dt.date(2025, 3, 1)
    assert march.lost_km2 == pytest.approx(486.6 - 85.3, abs=15)
    assert march.gained_km2 < 15


def test_isw_implied_area_shrinks_to_almost_nothing(bundled) -> None:
    implied = fc.implied_held(bundled.fronts)
    assert [snapshot.date for snapshot in implied] == sorted(snapshot.date for snapshot in implied)
    assert implied[0].area_km2 > 1000 and implied[-1].area_km2 < 20
    assert all(snapshot.layer == "isw-implied-ua-held" and snapshot.side == "UA" for snapshot in implied)


def test_disagreement_is_the_symmetric_difference(bundled) -> None:
    held = latest_on_or_before(by_layer(bundled.fronts)["ua-held-mapsite"], dt.date(2025, 1, 31))
    implied = latest_on_or_before(fc.implied_held(bundled.fronts), dt.date(2025, 1, 31))
    result = fc.disagreement(held, implied)
    symmetric = shapely.symmetric_difference(held.geometry, implied.geometry)
    assert result.total_km2 == pytest.approx(geodesic_km2(symmetric), rel=0.05)
    assert result.only_first_km2 > 0 and result.only_second_km2 > 0


def test_gaps_in_the_mapped_series_are_named_not_bridged() -> None:
    dates = [dt.date(2024, 9, 1), dt.date(2024, 10, 1), dt.date(2025, 1, 1)]
    assert fc.mapping_gaps(dates, dt.date(2024, 8, 12)) == [
        (dt.date(2024, 8, 12), dt.date(2024, 9, 1)),
        (dt.date(2024, 10, 1), dt.date(2025, 1, 1)),
    ]


def test_known_then_shows_only_what_was_reported_and_grades_on_it(bundled) -> None:
    day = dt.date(2025, 1, 31)
    known = known_by(bundled.claims, day)
    assert all(claim.first_reported <= day for claim in known)
    assert "nis-nk-no-combat-since-mid-january" not in {claim.id for claim in known}
    then = Grader(known, bundled.sources).grade_all()["nk-absent-kursk-front-three-weeks"]
    now = bundled.grade_all()["nk-absent-kursk-front-three-weeks"]
    assert "National Intelligence Service" in " ".join(now.reasons)
    assert "National Intelligence Service" not in " ".join(then.reasons)
    assert len(then.corroborated_by) < len(now.corroborated_by)


def test_the_area_chart_holds_the_kursk_series_only(bundled) -> None:
    series = {row["series"] for row in fc.area_series(bundled.fronts, fc.implied_held(bundled.fronts))}
    assert series == {"UA-held (mapsite)", "UA-held implied by ISW", "Retaken by Russia (ISW)"}


def test_a_change_worked_out_for_one_date_is_the_one_of_the_whole_history(bundled) -> None:
    layers = by_layer(bundled.fronts)
    every = fc.changes(bundled.fronts)
    assert every == {
        (layer, snapshot.date): fc.change_until(snapshots, snapshot.date)
        for layer, snapshots in layers.items()
        for snapshot in snapshots[1:]
    }
