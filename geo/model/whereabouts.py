"""Where a point lies, in the words an analyst checks it by: "12.4 km E of Sudzha", from the nearest place in the
gazetteer. A point meant "near Sudzha" that reads "28.3 km E of Sudzha" is caught before it is saved."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from geo.reading.loading import Place

EARTH_RADIUS_KM = 6371.0
COMPASS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")
AT_PLACE_KM = 0.5
"""Closer than this a point is said to be at the place: a direction would mean nothing."""


@dataclass(frozen=True)
class Whereabouts:
    """The nearest place to a point, how far it is and in which direction the point lies from it."""

    place: Place
    km: float
    bearing: float  # degrees clockwise from north, from the place to the point

    @property
    def direction(self) -> str:
        return compass_point(self.bearing)

    @property
    def words(self) -> str:
        """'12.4 km E of Sudzha', or 'at Sudzha' within half a kilometre."""
        if self.km < AT_PLACE_KM:
            return f"at {self.place.name}"
        return f"{self.km:.1f} km {self.direction} of {self.place.name}"


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The initial bearing from the first point to the second, 0–360 degrees clockwise from north."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dlambda = math.radians(lon2 - lon1)
    x = math.sin(dlambda) * math.cos(phi2)
    y = math.cos(phi1) * math.sin(phi2) - math.sin(phi1) * math.cos(phi2) * math.cos(dlambda)
    return math.degrees(math.atan2(x, y)) % 360


def compass_point(bearing: float) -> str:
    """One of the eight compass points, each the 45° around it (N from 337.5° to 22.5°)."""
    return COMPASS[int(((bearing % 360) + 22.5) // 45) % 8]


def nearest_place(lat: float, lon: float, places: Mapping[str, Place]) -> Whereabouts | None:
    """The gazetteer place nearest the point (None with no places), its distance and the point's direction."""
    if not places:
        return None
    place = min(places.values(), key=lambda each: (distance_km(each.lat, each.lon, lat, lon), each.name))
    return Whereabouts(place, distance_km(place.lat, place.lon, lat, lon), bearing_deg(place.lat, place.lon, lat, lon))
