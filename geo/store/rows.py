"""A bundle's records as the store keeps them, and back: one row per source, place, area, front, claim…

Shared by the store's import and export and by the checks of a single write, which rebuild the
bundle's documents with one record changed and load them as a folder would be loaded.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from geo.model.locations import resolve
from geo.model.records import Claim
from geo.reading.dataset import Dataset
from geo.reading.numbers import NUMBERS_FILE

NUMBERS_KIND = "claim-numbers"
"""The bundle's claim_numbers.yaml: the store keeps it as a table of its own (geo.store.numbers)."""
EDITING_KINDS = ("case", "source", "alliance", "place", "area", "claim-file", "claim")
"""What a claim, source or place is checked against (geo.reading.dataset.load_claims_only): no fronts or stories."""


@dataclass(frozen=True)
class Row:
    """One record of a bundle as the store keeps it."""

    kind: str
    key: dict[str, Any]
    file: str
    position: int
    document: Any
    columns: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.kind} {'/'.join(str(value) for value in self.key.values())}"


def rows_of(files: dict[str, Any]) -> Iterator[Row]:
    """Every record of a parsed bundle with its key and its place in the bundle."""
    for name, document in files.items():
        if name == "case.yaml":
            yield Row("case", {"id": document["id"]}, name, 0, document)
        elif name == NUMBERS_FILE:
            yield Row(NUMBERS_KIND, {"name": name}, name, 0, document)
        elif name == "sources.yaml":
            for position, record in enumerate(document.get("alliances") or []):
                yield Row("alliance", {"id": record["id"]}, name, position, record)
            for position, record in enumerate(document.get("sources") or []):
                yield Row("source", {"id": record["id"]}, name, position, record)
        elif name == "areas.geojson":
            for position, feature in enumerate(document["features"]):
                yield Row("area", {"id": feature["properties"]["id"]}, name, position, feature)
        elif name.startswith("basemap/"):
            yield Row("basemap", {"layer": name}, name, 0, document)
        elif name.startswith("places/"):
            for position, feature in enumerate(document["features"]):
                yield Row("place", {"name": feature["properties"]["name"]}, name, position, feature)
        elif name.startswith("fronts/"):
            for position, feature in enumerate(document["features"]):
                properties = feature["properties"]
                key = {"layer": properties["layer"], "date": dt.date.fromisoformat(properties["date"])}
                yield Row("front", key, name, position, feature)
        elif name.startswith("claims/"):
            header = {key: value for key, value in document.items() if key != "claims"}
            yield Row("claim-file", {"name": name}, name, 0, header)
            for position, record in enumerate(document.get("claims") or []):
                yield Row("claim", {"id": record["id"]}, name, position, record)
        elif name.startswith("stories/"):
            yield Row("story", {"id": document["id"]}, name, 0, document)


def geometry_of(claim: Claim, dataset: Dataset) -> BaseGeometry:
    """Where a claim is, as the store indexes it: its area's shape, or the point of its place or position."""
    place = resolve(claim.location, dataset.places, dataset.areas)
    return place.area if place.area is not None else shapely.Point(place.lon, place.lat)


def files_of(rows: Iterable[Row]) -> dict[str, Any]:
    """The bundle's documents, file by file, from its records in bundle order."""
    grouped: dict[str, list[tuple[str, int, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row.file].append((row.kind, row.position, row.document))
    return {name: assemble(name, sorted(parts, key=lambda part: part[1])) for name, parts in sorted(grouped.items())}


def assemble(name: str, parts: list[tuple[str, int, Any]]) -> Any:
    """One bundle file's document from its records."""
    if name == "sources.yaml":
        document: dict[str, Any] = {}
        alliances = [record for kind, _, record in parts if kind == "alliance"]
        if alliances:
            document["alliances"] = alliances
        document["sources"] = [record for kind, _, record in parts if kind == "source"]
        return document
    if name.startswith("claims/"):
        header: dict[str, Any] = next((record for kind, _, record in parts if kind == "claim-file"), {})
        return {**header, "claims": [record for kind, _, record in parts if kind == "claim"]}
    if name.endswith(".geojson") and parts[0][0] != "basemap":
        return {"type": "FeatureCollection", "features": [record for _, _, record in parts]}
    return parts[0][2]
