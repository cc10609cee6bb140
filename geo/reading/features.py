"""GeoJSON layers read strictly (RFC 7946), one rule set per layer, everything checked before use.

A file must be a FeatureCollection in WGS 84 longitude/latitude (a legacy `crs` member naming
anything else is refused); each feature needs a geometry of a type its layer allows, with finite
positions, closed rings and at most MAX_VERTICES positions, that shapely finds valid; feature keys
are unique within a layer; and the geometry lies where the case happens (data/case.yaml), with a
hint when the numbers look like swapped latitude and longitude or projected metres. A bad feature
is reported and left out; the rest of the layer loads. Nothing is repaired or guessed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import shapely
from shapely.geometry.base import BaseGeometry

from geo.model.issues import DataIssue, quoted
from geo.model.records import Case

MAX_VERTICES = 200_000
WGS84_NAMES = {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"}
POLYGONS = frozenset({"Polygon", "MultiPolygon"})
LINES = frozenset({"LineString", "MultiLineString"})
POINTS = frozenset({"Point"})


@dataclass(frozen=True)
class LayerRules:
    """What one layer may hold: geometry types, how its features are named, and how they must lie in the case."""

    geometry_types: frozenset[str]
    key: Callable[[dict[str, Any], int], str]
    placement: Literal["inside", "touches"] = "inside"  # inside the case's region, or at least touching it


def key_by(*names: str) -> Callable[[dict[str, Any], int], str]:
    """A feature's name from these properties (joined), else its position in the file."""

    def key(properties: dict[str, Any], index: int) -> str:
        values = [str(properties[name]) for name in names if properties.get(name) not in (None, "")]
        return " ".join(values) if len(values) == len(names) else f"feature #{index + 1}"

    return key


def positions(coordinates: Any, depth: int) -> Iterator[list[Any]]:
    """Every position of a coordinates array `depth` levels deep (0: a position itself)."""
    if depth == 0:
        yield coordinates
        return
    if not isinstance(coordinates, list):
        raise ValueError(f"coordinates should be an array, got {quoted(coordinates)}")
    for part in coordinates:
        yield from positions(part, depth - 1)


DEPTHS = {"Point": 0, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}


def position_problem(position: Any) -> str | None:
    if not isinstance(position, list) or not 2 <= len(position) <= 3:
        return f"a position should be [longitude, latitude], got {quoted(position)}"
    if not all(isinstance(number, int | float) and not isinstance(number, bool) for number in position):
        return f"a position holds something other than numbers: {quoted(position)}"
    lon, lat = position[0], position[1]
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return f"a position is not finite: {quoted(position)}"
    if abs(lon) > 180 or abs(lat) > 90:
        return (
            f"position {quoted(position)} is not longitude/latitude in degrees; the numbers look like projected "
            "metres (EPSG:3857?): GeoJSON is WGS 84 degrees only, so reproject the file"
        )
    return None


def ring_problems(geometry: dict[str, Any]) -> Iterator[str]:
    polygons = {"Polygon": [geometry["coordinates"]], "MultiPolygon": geometry["coordinates"]}.get(geometry["type"], [])
    for polygon in polygons:
        for ring in polygon:
            if len(ring) < 4:
                yield f"a ring has {len(ring)} positions; a closed ring needs at least 4"
            elif ring[0] != ring[-1]:
                yield f"a ring is not closed: it starts at {quoted(ring[0])} and ends at {quoted(ring[-1])}"


def geometry_problem(geometry: Any, allowed: frozenset[str]) -> str | None:
    """Why this GeoJSON geometry cannot be used as it is, or None."""
    if not isinstance(geometry, dict):
        return f"geometry is missing or not an object: {quoted(geometry)}"
    kind = geometry.get("type")
    if kind not in allowed:
        return f"geometry type {quoted(kind)} is not allowed in this layer (allowed: {', '.join(sorted(allowed))})"
    try:
        found = list(positions(geometry.get("coordinates"), DEPTHS[str(kind)]))
    except ValueError as error:
        return str(error)
    if not found:
        return "geometry has no positions"
    if len(found) > MAX_VERTICES:
        return f"geometry has {len(found):,} positions, more than the limit of {MAX_VERTICES:,}; simplify it"
    for position in found:
        problem = position_problem(position)
        if problem:
            return problem
    return next(ring_problems(geometry), None)


def placement_problem(shape: BaseGeometry, rules: LayerRules, case: Case | None) -> str | None:
    if case is None:
        return None
    region = case.region
    box = shapely.box(region.west, region.south, region.east, region.north)
    fits = box.contains(shape) if rules.placement == "inside" else box.intersects(shape)
    if fits:
        return None
    swapped = shapely.transform(shape, lambda coordinates: coordinates[:, ::-1])
    hint = (
        "; with latitude and longitude swapped it would be, so the file may list [lat, lon] where GeoJSON wants "
        "[lon, lat]"
        if (box.contains(swapped) if rules.placement == "inside" else box.intersects(swapped))
        else ""
    )
    west, south, east, north = (round(value, 4) for value in shape.bounds)
    where = "outside" if rules.placement == "inside" else "nowhere near"
    return (
        f"geometry (longitude {west}–{east}, latitude {south}–{north}) lies {where} the case's region "
        f"(longitude {region.west}–{region.east}, latitude {region.south}–{region.north}){hint}"
    )


def read_layer(
    file: str, document: Any, rules: LayerRules, case: Case | None, issues: list[DataIssue]
) -> list[tuple[str, dict[str, Any]]]:
    """(feature name, properties with a shapely `geometry`) for every feature of a parsed GeoJSON file that
    passes; the rest are issues naming `file`."""
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        kind = document.get("type") if isinstance(document, dict) else type(document).__name__
        issues.append(DataIssue(file, "(whole file)", f"is not a GeoJSON FeatureCollection (type {quoted(kind)})"))
        return []
    crs = document.get("crs")
    if crs is not None:
        name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
        if name not in WGS84_NAMES:
            issues.append(
                DataIssue(
                    file,
                    "(whole file)",
                    f"declares the coordinate system {quoted(name or crs)}; GeoJSON (RFC 7946) is WGS 84 "
                    "longitude/latitude only, so reproject the file",
                )
            )
            return []
    features = document.get("features")
    if not isinstance(features, list):
        issues.append(DataIssue(file, "(whole file)", "has no list of features"))
        return []
    records: list[tuple[str, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for index, feature in enumerate(features):
        record = feature_record(file, feature, index, rules, case, issues)
        if record is None:
            continue
        name = record[0]
        if name in seen:
            issues.append(DataIssue(file, name, f"id: the same feature id as feature #{seen[name] + 1}"))
            continue
        seen[name] = index
        records.append(record)
    return records


CLIPPED_BY = "clipped_by"
"""What a feature was clipped to when it was imported (geo.reading.front_import), on any layer: when present it must
name it, so a clipped km² is never taken for the mapper's own total."""


def clipped_by_problem(properties: dict[str, Any]) -> str | None:
    value = properties.get(CLIPPED_BY)
    if CLIPPED_BY not in properties or (isinstance(value, str) and value.strip()):
        return None
    return f"{CLIPPED_BY}: should name what the feature was clipped to, got {quoted(value)}"


def feature_record(
    file: str, feature: Any, index: int, rules: LayerRules, case: Case | None, issues: list[DataIssue]
) -> tuple[str, dict[str, Any]] | None:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        issues.append(DataIssue(file, f"feature #{index + 1}", f"is not a GeoJSON Feature: {quoted(feature)}"))
        return None
    properties = feature.get("properties") or {}
    if not isinstance(properties, dict):
        issues.append(DataIssue(file, f"feature #{index + 1}", f"properties: not an object: {quoted(properties)}"))
        return None
    name = str(feature["id"]) if isinstance(feature.get("id"), str | int) else rules.key(properties, index)
    clipping = clipped_by_problem(properties)
    if clipping is not None:
        issues.append(DataIssue(file, name, clipping))
        return None
    problem = geometry_problem(feature.get("geometry"), rules.geometry_types)
    shape = shapely.geometry.shape(feature["geometry"]) if problem is None else None
    if shape is not None and not shape.is_valid:
        problem = f"invalid geometry: {shapely.is_valid_reason(shape)}"
    elif shape is not None:
        problem = placement_problem(shape, rules, case)
    if shape is None or problem is not None:
        issues.append(DataIssue(file, name, f"geometry: {problem}"))
        return None
    return name, {**properties, "geometry": shape}
