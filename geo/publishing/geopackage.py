"""The claims, fronts and places as a GeoPackage, for QGIS and every GDAL-based tool.

Four layers, WGS 84:
- claims_points: claims about a place or a point, at that point;
- claims_areas: claims about an area, as the area's polygon (each claim once, as the GeoJSON export draws it);
  both with the claim record's fields as columns (geo.publishing.claim_record), a list one item a line;
- fronts: every snapshot (up to the date, given one) with its date, the next snapshot's date of the same layer
  (`until`, empty for the last: QGIS's temporal controller plays the layer with the two), layer, label, side,
  source and area in km²;
- places: the gazetteer.

What the file was made with (the date, "known then", the filters, in words and as values) is the
GeoPackage's own metadata (gpkg_metadata, through GDAL), and each layer's description says what it holds.
Written through pyogrio, the engine geopandas uses.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import geopandas
import pandas
import shapely

from geo.grading.rule import Grade
from geo.model.records import Claim
from geo.model.stories import Story
from geo.publishing.claim_record import ClaimRecord, claim_record
from geo.publishing.export import Made, Selection, front_fields, geometry_of
from geo.publishing.made_words import made_sentence
from geo.reading.dataset import Dataset
from geo.reading.loading import FrontSnapshot
from geo.time.timeline import by_layer

CRS = "EPSG:4326"
DATE_COLUMNS = {"first_reported", "refers_from", "refers_to", "date", "until"}
GPKG_VERSION = "1.2"  # what QGIS and GDAL of every supported age read without warning
LAYER_WORDS = {
    "claims_points": "Claims about a place or a point, at that point; one row per claim, the claim record's fields.",
    "claims_areas": "Claims about an area, as the area's polygon; one row per claim, the claim record's fields.",
    "fronts": "Front snapshots: each source's mapped area on a date, until that layer's next snapshot.",
    "places": "The gazetteer: places claims may name, and how precisely each is known.",
}
GEOMETRY_TYPES = {"claims_points": "Point", "claims_areas": "MultiPolygon", "fronts": "MultiPolygon", "places": "Point"}


def as_multi(shape: shapely.Geometry) -> shapely.Geometry:
    """Polygons as MultiPolygons, so a layer holds one geometry type, as GeoPackage readers expect."""
    return shapely.MultiPolygon([shape]) if isinstance(shape, shapely.Polygon) else shape


def record_row(record: ClaimRecord) -> dict[str, Any]:
    """The record as one row: lists one item a line, dates as dates, nothing as null."""
    row: dict[str, Any] = {}
    for name in ClaimRecord.model_fields:
        value = getattr(record, name)
        row[name] = "\n".join(value) if isinstance(value, list) else value
    return row


def frame(rows: list[dict[str, Any]], shapes: Sequence[shapely.Geometry], columns: list[str]) -> geopandas.GeoDataFrame:
    table = pandas.DataFrame(rows, columns=columns)
    for column in DATE_COLUMNS & set(columns):  # typed even when a layer is empty
        table[column] = table[column].astype("date32[pyarrow]")
    if "population" in table:
        table["population"] = table["population"].astype("Int64")  # whole people, or none given
    return geopandas.GeoDataFrame(table, geometry=geopandas.GeoSeries(shapes, crs=CRS), crs=CRS)


def claim_layers(
    claims: list[Claim], grades: Mapping[str, Grade], dataset: Dataset
) -> dict[str, geopandas.GeoDataFrame]:
    columns = list(ClaimRecord.model_fields)
    layers = {}
    for name, about_area in (("claims_points", False), ("claims_areas", True)):
        chosen = [claim for claim in claims if (claim.location.area is not None) == about_area]
        rows = [record_row(claim_record(claim, grades[claim.id], dataset)) for claim in chosen]
        shapes = [as_multi(geometry_of(claim, dataset)) for claim in chosen]
        layers[name] = frame(rows, shapes, columns)
    return layers


def fronts_layer(fronts: list[FrontSnapshot], as_of: dt.date | None) -> geopandas.GeoDataFrame:
    kept = [snapshot for snapshot in fronts if as_of is None or snapshot.date <= as_of]
    rows, shapes = [], []
    for snapshots in by_layer(kept).values():
        ends: list[dt.date | None] = [later.date for later in snapshots[1:]]
        for snapshot, until in zip(snapshots, [*ends, None], strict=True):
            rows.append(front_fields(snapshot) | {"until": until})
            shapes.append(as_multi(snapshot.geometry))
    columns = ["date", "until", "layer", "label", "side", "basis", "source", "source_url", "credit", "license"]
    return frame(rows, shapes, [*columns, "caveat", "area_km2", "clipped_by"])


def places_layer(dataset: Dataset) -> geopandas.GeoDataFrame:
    rows = [{"id": place_id, **place.model_dump(exclude={"lat", "lon"})} for place_id, place in dataset.places.items()]
    shapes = [shapely.Point(place.lon, place.lat) for place in dataset.places.values()]
    columns = [
        "id",
        "name",
        "name_ru",
        "country",
        "key_place",
        "verified",
        "precision_km",
        "coord_source",
        "population",
    ]
    return frame(rows, shapes, columns)


def made_metadata(made: Made, claims: int) -> dict[str, str]:
    """What the file was made with, as GDAL metadata items (strings): a sentence, then each value."""
    return {"made_with": made_sentence(made, claims), **made.columns(), "claims": str(claims)}


def write_gpkg(out: Path, selection: Selection) -> None:
    """Every layer into a fresh file; the made-with metadata on the file and each layer's words on the layer."""
    layers = claim_layers(list(selection.claims), selection.grades, selection.dataset) | {
        "fronts": fronts_layer(selection.dataset.fronts, selection.made.as_of),
        "places": places_layer(selection.dataset),
    }
    out.unlink(missing_ok=True)
    for name, layer in layers.items():
        layer.to_file(
            out,
            layer=name,
            driver="GPKG",
            engine="pyogrio",
            use_arrow=True,  # through Arrow, dates are written as GeoPackage DATE columns, not text
            dataset_options={"VERSION": GPKG_VERSION},
            geometry_type=GEOMETRY_TYPES[name],
            dataset_metadata=made_metadata(selection.made, len(list(selection.claims))),
            layer_metadata={"DESCRIPTION": LAYER_WORDS[name]},
        )


def gpkg_bytes(
    claims: list[Claim], grades: Mapping[str, Grade], dataset: Dataset, made: Made, story: Story | None = None
) -> bytes:
    """The GeoPackage as a download: GDAL writes a SQLite file, so it is made in a folder of its own and read back."""
    with tempfile.TemporaryDirectory(prefix="kursk-gpkg-") as folder:
        out = Path(folder) / "claims.gpkg"
        write_gpkg(out, Selection(claims=claims, grades=grades, dataset=dataset, made=made, story=story))
        return out.read_bytes()
