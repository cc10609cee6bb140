"""Areas are measured equal-area, checked against an independent geodesic computation."""

from __future__ import annotations

import pytest
import shapely
from pyproj import Geod

from geo.model.geometry import area_km2

GEOD = Geod(ellps="WGS84")


def geodesic_km2(geometry: shapely.Geometry) -> float:
    area, _perimeter = GEOD.geometry_area_perimeter(geometry)
    return abs(area) / 1e6


def test_box_at_kursk_latitude_matches_geodesic_area() -> None:
    box = shapely.box(35.0, 51.0, 36.0, 52.0)
    assert area_km2(box) == pytest.approx(geodesic_km2(box), rel=0.01)
    assert area_km2(box) == pytest.approx(7_700, rel=0.02)  # 1° × 1° at 51.5°N is about 69 km × 111 km


def test_bundled_front_areas_match_geodesic_area(bundled) -> None:
    for snapshot in bundled.fronts:
        assert snapshot.area_km2 == pytest.approx(geodesic_km2(snapshot.geometry), rel=0.01, abs=0.2), snapshot.date


def test_kursk_oblast_area_is_close_to_the_official_figure(bundled) -> None:
    oblast = bundled.areas["kursk-oblast"]
    assert oblast.area_km2 == pytest.approx(29_997, rel=0.02)  # official area of Kursk Oblast


def test_largest_ukrainian_held_area_is_the_september_2024_snapshot(bundled) -> None:
    held = [snapshot for snapshot in bundled.fronts if snapshot.layer == "ua-held-mapsite"]
    largest = max(held, key=lambda snapshot: snapshot.area_km2)
    assert largest.date.isoformat() == "2024-09-01"
    assert largest.area_km2 == pytest.approx(935, abs=5)
