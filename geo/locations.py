"""Turn a claim's location (place, point or area) into something drawable, with its precision."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import shapely
from pyproj import Transformer
from shapely.ops import polylabel

from geo.geometry import METRIC_CRS, transform
from geo.loading import NamedArea, Place
from geo.model import Location

ANCHOR_SPACING_M = 25_000
"""How far apart the badges of nested areas are placed, so they do not cover each other at the default zoom."""

TOWN_CLEARANCE_M = 8_000

_to_metric = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)
_to_degrees = Transformer.from_crs(METRIC_CRS, "EPSG:4326", always_xy=True)


@dataclass(frozen=True)
class ResolvedLocation:
    """A marker position, an optional area outline and how approximate both are."""

    lat: float
    lon: float
    radius_km: float
    label: str
    precision: str
    area: shapely.Geometry | None = None


def precision_words(radius_km: float) -> str:
    """A radius said the way a briefer would say it."""
    if radius_km <= 1:
        return "exact (within 1 km)"
    if radius_km <= 10:
        return f"approximate (within {radius_km:g} km)"
    return f"area-wide (about {radius_km:g} km)"


def resolve(location: Location, places: dict[str, Place], areas: dict[str, NamedArea]) -> ResolvedLocation:
    """Where to draw a claim. Raises KeyError for names that loading should have rejected."""
    if location.place is not None:
        place = places[location.place]
        radius = location.precision_km or place.precision_km
        label = place.name if place.verified else f"{place.name} (position unverified)"
        return ResolvedLocation(place.lat, place.lon, radius, label, precision_words(radius))
    if location.point is not None:
        radius = float(location.precision_km or 1)
        label = location.note or f"{location.point.lat:.3f}, {location.point.lon:.3f}"
        return ResolvedLocation(location.point.lat, location.point.lon, radius, label, precision_words(radius))
    area = areas[str(location.area)]
    anchor = area.anchor or area.geometry.representative_point()
    radius = location.precision_km or round((area.area_km2 / 3.1416) ** 0.5)
    precision = f"the whole area, about {area.area_km2:,.0f} km²"
    return ResolvedLocation(anchor.y, anchor.x, radius, area.name, precision, area.geometry)


def largest_part(geometry: shapely.Geometry) -> shapely.Geometry:
    """polylabel needs one polygon; a multipolygon's badge goes in its largest part."""
    parts = getattr(geometry, "geoms", [geometry])
    return max(parts, key=lambda part: part.area)


def with_anchors(areas: Mapping[str, NamedArea], places: Mapping[str, Place]) -> dict[str, NamedArea]:
    """Each area with the point its claims' badge is drawn at: always inside the area.

    Smaller areas are placed first at their pole of inaccessibility; a larger area avoids
    the badges already placed inside it when it can, so nested areas' badges stay apart.
    Every badge keeps clear of the key towns' labels when it can.
    """
    towns = [
        transform(_to_metric, shapely.Point(place.lon, place.lat)).buffer(TOWN_CLEARANCE_M)
        for place in places.values()
        if place.key_place
    ]
    placed: list[shapely.Point] = []
    anchored = {}
    for area in sorted(areas.values(), key=lambda area: (area.area_km2, area.id)):
        metric = transform(_to_metric, area.geometry)
        taken = [point.buffer(ANCHOR_SPACING_M) for point in placed if metric.contains(point)] + towns
        free = metric.difference(shapely.union_all(taken)) if taken else metric
        target = free if not free.is_empty and free.area > 0.05 * metric.area else metric
        point = polylabel(largest_part(target), tolerance=100)
        placed.append(point)
        anchor = transform(_to_degrees, point)
        if not area.geometry.contains(anchor):  # a projection round trip must not push it out
            anchor = area.geometry.representative_point()
        anchored[area.id] = area.model_copy(update={"anchor": anchor})
    return {area_id: anchored[area_id] for area_id in areas}
