"""Turn a claim's location (place, point or area) into something drawable, with its precision."""

from __future__ import annotations

from dataclasses import dataclass

import shapely

from geo.loading import NamedArea, Place
from geo.model import Location


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
    anchor = area.geometry.representative_point()
    radius = location.precision_km or round((area.area_km2 / 3.1416) ** 0.5)
    precision = f"the whole area, about {area.area_km2:,.0f} km²"
    return ResolvedLocation(anchor.y, anchor.x, radius, area.name, precision, area.geometry)
