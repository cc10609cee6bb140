"""The claims on screen as data files: GeoJSON for GIS tools and CSV for spreadsheets.

Both write the claim record the feed writes (geo.publishing.claim_record): who claims it, who reported it
with links, when, where and how precisely, and the grade with its reasons, in the words the panel shows,
so a file stands on its own. A claim about an area has the area's polygon as its geometry.

Each file says what it was made with (`Made`: the map's date, whether graded as known then, the filters):

- GeoJSON: a top-level `metadata` member (a foreign member, which RFC 7946 §6.1 allows and GIS tools pass
  over) with those, the number of claims, and each field's meaning.
- CSV: the same three as the last columns, `as_of`, `known_then` and `filters`, repeated on every row.
  Excel opens a CSV by double-click with no import options, so a comment line above the header would
  become a first row of the table; pandas would need `comment="#"`, which also cuts every cell at a `#`
  (in a link). A sidecar file is lost as soon as the table is mailed alone, and a download is one file. A
  few repeated columns cost a few bytes a row, read cleanly in both, and still say what they came from
  when rows are filtered or pasted elsewhere. The CSV starts with a UTF-8 byte-order mark, without which
  Excel reads Cyrillic as Windows-1252; pandas and Python's `utf-8-sig` drop it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from geo.grading.rule import Grade
from geo.model.locations import resolve
from geo.model.records import Claim
from geo.model.stories import Story
from geo.publishing import links
from geo.publishing.claim_record import FIELDS, cell, cells, claim_record, properties
from geo.reading.dataset import Dataset
from geo.reading.loading import FrontSnapshot

GEOMETRY_COLUMN = "geometry_wkt"
MADE_COLUMNS = ["as_of", "known_then", "filters"]
COLUMNS = [*FIELDS, GEOMETRY_COLUMN, *MADE_COLUMNS]
GEOMETRY_WORDS = "An area claim's polygon (its area); any other claim's point (lon, lat). WGS 84."
WKT_DECIMALS = 6  # about 10 cm: far finer than any claim's location


@dataclass(frozen=True)
class Made:
    """What an export was made with: the map's date, whether graded as known then, and the filters."""

    as_of: dt.date | None = None
    known_then: bool = False
    filters: Mapping[str, str] = field(default_factory=dict)  # as the page's link writes them: side, cat, ...

    @classmethod
    def of(cls, view: links.View) -> Made:
        return cls(view.date, view.known_then, links.to_query(links.View(filter=view.filter)))

    def metadata(self) -> dict[str, Any]:
        return {
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "known_then": self.known_then,
            "filters": dict(self.filters),
        }

    def columns(self) -> dict[str, str]:
        """The same, as the CSV's last cells: filters as the link's query (`side=ukraine&cat=casualties`)."""
        return {
            "as_of": cell(self.as_of),
            "known_then": cell(self.known_then),
            "filters": cell(urllib.parse.urlencode(dict(self.filters))),
        }


@dataclass(frozen=True, kw_only=True)
class Selection:
    """What one export file holds: the claims and their grades, the dataset they come from (places, areas,
    fronts, sources), what the export was made with, and — for a format that tells one — the story."""

    claims: Sequence[Claim]
    grades: Mapping[str, Grade]
    dataset: Dataset
    made: Made = field(default_factory=Made)
    story: Story | None = None


def front_fields(snapshot: FrontSnapshot) -> dict[str, Any]:
    """A front snapshot as every export writes it beside its shape: one definition for KML and GeoPackage."""
    return {
        "layer": snapshot.layer,
        "date": snapshot.date,
        "label": snapshot.label,
        "side": snapshot.side,
        "basis": snapshot.basis,
        "source": snapshot.source_name,
        "source_url": snapshot.source_url,
        "credit": snapshot.credit,
        "license": snapshot.license,
        "caveat": snapshot.caveat,
        "area_km2": snapshot.area_km2,
        "clipped_by": snapshot.clipped_by or "",
    }


def geometry_of(claim: Claim, dataset: Dataset) -> BaseGeometry:
    """An area claim's polygon, else its point: what a GIS should draw for it."""
    place = resolve(claim.location, dataset.places, dataset.areas)
    return place.area if place.area is not None else shapely.Point(round(place.lon, 5), round(place.lat, 5))


def claims_geojson(
    claims: list[Claim], grades: Mapping[str, Grade], dataset: Dataset, made: Made | None = None
) -> dict[str, Any]:
    """A FeatureCollection of the records, with what it was made with in `metadata`."""
    features = [
        {
            "type": "Feature",
            "id": claim.id,
            "geometry": shapely.geometry.mapping(geometry_of(claim, dataset)),
            "properties": properties(claim_record(claim, grades[claim.id], dataset)),
        }
        for claim in claims
    ]
    metadata = (made or Made()).metadata() | {"claims": len(features), "geometry": GEOMETRY_WORDS, "fields": FIELDS}
    return {"type": "FeatureCollection", "metadata": metadata, "features": features}


def claims_csv(claims: list[Claim], grades: Mapping[str, Grade], dataset: Dataset, made: Made | None = None) -> str:
    """The records as a table, one column per field, then the geometry as WKT and what it was made with.
    Rows end in CRLF (RFC 4180), so a carriage return within a cell is quoted and read back as written."""
    context = (made or Made()).columns()
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for claim in claims:
        wkt = shapely.to_wkt(geometry_of(claim, dataset), rounding_precision=WKT_DECIMALS)
        writer.writerow(cells(claim_record(claim, grades[claim.id], dataset)) | {GEOMETRY_COLUMN: wkt} | context)
    return buffer.getvalue()


def csv_file(claims: list[Claim], grades: Mapping[str, Grade], dataset: Dataset, made: Made | None = None) -> bytes:
    """The CSV as downloaded: UTF-8 with a byte-order mark, so Excel reads Cyrillic as Cyrillic."""
    return claims_csv(claims, grades, dataset, made).encode("utf-8-sig")
