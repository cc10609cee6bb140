"""Turn a claim's location (place, point or area) into something drawable, with its precision."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import shapely
import shapely.affinity
import shapely.ops
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from geo.language.languages import Language
from geo.language.words import ENGLISH, Words, words_for
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
    """A marker position, an optional area outline and how approximate both are.

    `label` is the English one; a reader of another language is told the place's name in it (`label_in`), where
    the gazetteer has that name, else the English name: a place is never named by a guessed transliteration."""

    lat: float
    lon: float
    radius_km: float
    label: str
    precision: str
    area: BaseGeometry | None = None
    names: Mapping[Language, str] = field(default_factory=dict)  # a gazetteer place's name in other languages
    unverified: bool = False  # a gazetteer place whose point is approximate
    area_km2: float | None = None  # a named area's size: the claim is about all of it

    def name_in(self, language: Language) -> str:
        """The place's own name in a language, else its English one."""
        return self.names.get(language, self.bare_label)

    @property
    def bare_label(self) -> str:
        return self.label.removesuffix(UNVERIFIED_NOTE) if self.unverified else self.label

    def label_in(self, words: Words) -> str:
        """The label in the reader's language: the place's name in it, and the note if its point is approximate."""
        name = self.name_in(words.language)
        return words.gettext("{place} (position unverified)", place=name) if self.unverified else name

    def precision_in(self, words: Words) -> str:
        """How precisely the place is known, in the reader's language (`precision` is the English)."""
        if self.area_km2 is not None:
            return words.gettext("the whole area, about {area} km²", area=words.number(round(self.area_km2)))
        return precision_words(self.radius_km, words)


UNVERIFIED_NOTE = " (position unverified)"


def place_names(place: Place) -> dict[Language, str]:
    """A gazetteer place's names other than the English one, by language."""
    names = {Language.UK: place.name_uk, Language.RU: place.name_ru}
    return {language: name for language, name in names.items() if name}


def precision_words(radius_km: float, words: Words = ENGLISH) -> str:
    """A radius said the way a briefer would say it, in the reader's language."""
    if radius_km <= 1:
        return words.gettext("exact (within 1 km)")
    if radius_km <= 10:
        return words.gettext("approximate (within {km} km)", km=words.number(radius_km))
    return words.gettext("area-wide (about {km} km)", km=words.number(radius_km))


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
        label = place.name if place.verified else f"{place.name}{UNVERIFIED_NOTE}"
        return ResolvedLocation(
            place.lat,
            place.lon,
            radius,
            label,
            precision_words(radius),
            names=place_names(place),
            unverified=not place.verified,
        )
    if location.point is not None:
        radius = float(location.precision_km or 1)
        label = location.note or f"{location.point.lat:.3f}, {location.point.lon:.3f}"
        return ResolvedLocation(location.point.lat, location.point.lon, radius, label, precision_words(radius))
    area = areas[str(location.area)]
    anchor = area.anchor or area.geometry.representative_point()
    radius = location.precision_km or round((area.area_km2 / 3.1416) ** 0.5)
    precision = f"the whole area, about {area.area_km2:,.0f} km²"
    names = {language: name for language in Language if (name := words_for(language).gettext(area.name)) != area.name}
    return ResolvedLocation(
        anchor.y, anchor.x, radius, area.name, precision, area.geometry, names=names, area_km2=area.area_km2
    )


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
