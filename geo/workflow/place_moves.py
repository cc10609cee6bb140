"""What a change to a gazetteer place does to the map: every claim about the place moves with its point.

A reviewer approving a corrected place needs to know what viewers will see change: how many claims
are redrawn, how far, and whether their circle of uncertainty grows or shrinks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pyproj import Geod

from geo.model.records import Claim

_GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class PlaceMove:
    """The claims drawn at one place and how far the place's point and precision change."""

    place: str
    claims: tuple[str, ...]  # ids of the claims drawn at the place
    km: float  # how far the point moves, on the ellipsoid
    precision_from: float | None
    precision_to: float | None

    def __str__(self) -> str:
        count = f"{len(self.claims)} claim{'' if len(self.claims) == 1 else 's'}"
        at = f"{count} at {self.place}"
        said = [f"moves {at} by {self.km:,.1f} km" if self.km >= 0.05 else f"keeps {at} where they are"]
        if self.precision_from != self.precision_to:
            said.append(f"precision {self.precision_from:g} km → {self.precision_to:g} km")
        return "; ".join(said)


def point_of(feature: dict[str, Any]) -> tuple[float, float]:
    """A gazetteer feature's (lon, lat)."""
    lon, lat = feature["geometry"]["coordinates"][:2]
    return float(lon), float(lat)


def place_move(before: dict[str, Any], after: dict[str, Any], claims: Iterable[Claim]) -> PlaceMove:
    """What replacing the place `before` with `after` does to `claims` (those not at the place are left out)."""
    name = str(after["properties"]["name"])
    (lon1, lat1), (lon2, lat2) = point_of(before), point_of(after)
    _, _, metres = _GEOD.inv(lon1, lat1, lon2, lat2)
    at_place = tuple(sorted(claim.id for claim in claims if claim.location.place == name))
    return PlaceMove(
        name,
        at_place,
        round(metres / 1000, 2),
        before["properties"].get("precision_km"),
        after["properties"].get("precision_km"),
    )
