"""Turn a claim's location (place, point or area) into something drawable, with its precision."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import shapely
import shapely.affinity
import shapely.ops
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from geo.model.geometry import METRIC_CRS, transform
from geo.model.records import Location
from geo.reading.loading import NamedArea, Place

BADGE_CLEARANCE_M = (60_000, 12_000)
"""Half the width and height of the room a badge needs at the default zoom: its label is wide and short."""

TOWN_CLEARANCE_M = (40_000, 8_000)  # a badge's half-width plus room for the town's label, and a line's height
EDGE_INSET_M = 3_000  # a badge point keeps this far inside its area's edge

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
    area: BaseGeometry | None = None


def precision_words(radius_km: float) -> str:
    """A radius said the way a briefer would say it."""
    if radius_km <= 1:
        return "exact (within 1 km)"
    if radius_km <= 10:
        return f"approximate (within {radius_km:g} km)"
    return f"area-wide (about {radius_km:g} km)"


def place_radius(claim_km: float | None, place: Place) -> float:
    """How far from the gazetteer's point a claim about a place may be: never closer than the point is known.

    The claim's own radius says how near the place it is ("near Makhnovka", 5 km); the marker stands on the
    gazetteer's point, which is itself only within `place.precision_km` of the place. For an approximate
    place the two add up (the claim may be 5 km from a village whose point may be 5 km off); for a verified
    one the point's 1 km is within any claim's radius, so the larger of the two is said.
    """
    if claim_km is None:
        return place.precision_km
    if place.verified:
        return max(claim_km, place.precision_km)
    return claim_km + place.precision_km


def resolve(location: Location, places: dict[str, Place], areas: dict[str, NamedArea]) -> ResolvedLocation:
    """Where to draw a claim. Raises KeyError for names that loading should have rejected."""
    if location.place is not None:
        place = places[location.place]
        radius = place_radius(location.precision_km, place)
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


def largest_part(geometry: BaseGeometry) -> shapely.Polygon:
    """polylabel needs one polygon; a multipolygon's badge goes in its largest part."""
    if isinstance(geometry, shapely.Polygon):
        return geometry
    if isinstance(geometry, shapely.MultiPolygon):
        return max(geometry.geoms, key=lambda part: part.area)
    raise TypeError(f"an area's badge needs a polygon, not a {geometry.geom_type}")


def badge_room(point: shapely.Point, clearance: tuple[int, int] = BADGE_CLEARANCE_M) -> shapely.Polygon:
    """The ellipse around a point (metres) that a badge should keep out of."""
    width, height = clearance
    return shapely.affinity.scale(point.buffer(1, quad_segs=16), xfact=width, yfact=height, origin=point)


def with_anchors(areas: Mapping[str, NamedArea], places: Mapping[str, Place]) -> dict[str, NamedArea]:
    """Each area with the point its claims' badge is drawn at: always inside the area.

    Smaller areas are placed first, at their pole of inaccessibility. A larger area that holds
    badges already placed puts its own as close to them as it can outside the room they need
    (BADGE_CLEARANCE_M), so nested areas' badges stay apart yet in the same view as the fighting.
    Every badge keeps clear of the key towns' labels when it can.
    """
    towns = [
        badge_room(transform(_to_metric, shapely.Point(place.lon, place.lat)), TOWN_CLEARANCE_M)
        for place in places.values()
        if place.key_place
    ]
    placed: list[shapely.Point] = []
    anchored: dict[str, NamedArea] = {}
    for area in sorted(areas.values(), key=lambda area: (area.area_km2, area.id)):
        metric = transform(_to_metric, area.geometry)
        inner = [point for point in placed if metric.contains(point)]
        taken = [badge_room(point) for point in inner] + towns
        free = metric.difference(shapely.union_all(taken)).buffer(-EDGE_INSET_M) if taken else metric
        if free.is_empty or free.area < 0.01 * metric.area:
            free = metric
        point = (
            shapely.ops.nearest_points(free, shapely.MultiPoint(inner).centroid)[0]
            if inner
            else polylabel(largest_part(free), tolerance=100)
        )
        placed.append(point)
        anchor = transform(_to_degrees, point)
        if not area.geometry.contains(anchor):  # a projection round trip must not push it out
            anchor = area.geometry.representative_point()
        anchored[area.id] = area.model_copy(update={"anchor": anchor})
    return {area_id: anchored[area_id] for area_id in areas}
