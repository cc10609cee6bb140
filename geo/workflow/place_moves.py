"""What a change to a gazetteer place does to the map: every claim about the place moves with its point.

A reviewer approving a corrected place needs to know what viewers will see change: how many claims
are redrawn, how far, and whether their circle of uncertainty grows or shrinks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pyproj import Geod

from geo.language.words import ENGLISH, Words
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

    def said_in(self, words: Words) -> str:
        """What the move does, in the reader's language: "moves 3 claims at Sudzha by 5.0 km"."""
        count = len(self.claims)
        if self.km >= 0.05:
            km = words.number(self.km, decimals=1)
            said = [
                words.ngettext(
                    "moves {count} claim at {place} by {km} km",
                    "moves {count} claims at {place} by {km} km",
                    count,
                    place=self.place,
                    km=km,
                )
            ]
        else:
            said = [
                words.ngettext(
                    "keeps {count} claim at {place} where they are",
                    "keeps {count} claims at {place} where they are",
                    count,
                    place=self.place,
                )
            ]
        if self.precision_from != self.precision_to:
            said.append(
                words.gettext(
                    "precision {before} km → {after} km",
                    before=words.number(self.precision_from) if self.precision_from is not None else "—",
                    after=words.number(self.precision_to) if self.precision_to is not None else "—",
                )
            )
        return "; ".join(said)

    def __str__(self) -> str:
        return self.said_in(ENGLISH)


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
