"""The dated pieces of a front layer's history, read from what mappers publish: a folder, a .zip, a .geojson(.gz) or
KML — every piece with the file it came from, so a refusal can name it.

A snapshot's date comes from the data itself (a feature's `date`, a Placemark's TimeStamp) or from its file's name
(`deepstatemap_data_20240815.geojson`, `2024-09-11.geojson`; `Control_24_09_01.kml` with the `yy_mm_dd` layout);
a name with no date, or with two, is refused, and so is a feature whose own date contradicts its file's name.
Nothing is repaired: a geometry shapely finds invalid refuses the piece, with shapely's reason.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from geo.model.issues import DataIssue, quoted
from geo.reading.features import POLYGONS, WGS84_NAMES, geometry_problem
from geo.reading.front_kml import KmlDating, kml_pieces
from geo.reading.reader import RefusalError, check_tree

MAX_SNAPSHOT_BYTES = 500_000_000
"""What one file may unpack to: cyterat's whole-history .geojson.gz is far below it; a zip bomb is not."""

DATE_LAYOUTS = {
    "yyyymmdd": re.compile(r"(?<!\d)(20\d\d)[-_]?(\d\d)[-_]?(\d\d)(?!\d)"),  # 20240815, 2024-08-15, 2024_08_15
    "yy_mm_dd": re.compile(r"(?<!\d)(\d\d)_(\d\d)_(\d\d)(?!\d)"),  # mapsite's Control_24_09_01.kml
}
"""How a file's name holds its date. Two-digit years are read only when asked for: 24_09_01 could be either way."""

SNAPSHOT_SUFFIXES = (".geojson", ".json", ".kml")
NOT_A_SNAPSHOT = "left out: not a snapshot file (.geojson, .json or .kml, each maybe .gz)"


@dataclass(frozen=True)
class Reading:
    """How to read a source: the layout of the dates in its names, and (KML) the one style of Placemark to take."""

    layout: str = "yyyymmdd"
    style: str | None = None  # mapsite's `#ua` or `#ru`: its files hold both sides' polygons


@dataclass(frozen=True)
class Piece:
    """Part of one date's snapshot: a polygon (or several) from one file."""

    file: str  # as a refusal names it: `deepstatemap_data_20240815.geojson`, `history.zip:data/x.geojson`
    record: str  # which part of the file: `(whole file)`, `feature #3`, `Placemark 'Union Polygon_0'`
    date: dt.date
    geometry: BaseGeometry


def name_date(name: str, layout: str) -> tuple[dt.date | None, str | None]:
    """The date a name holds; (None, None) when it holds none, (None, why) when what it holds cannot be used."""
    found = set()
    for match in DATE_LAYOUTS[layout].finditer(name):
        year, month, day = (int(part) for part in match.groups())
        try:
            found.add(dt.date(year if year > 99 else 2000 + year, month, day))
        except ValueError:
            return None, f"its name holds {quoted(match.group(0))}, which is not a date"
    if len(found) > 1:
        return None, f"its name holds {len(found)} dates ({', '.join(sorted(map(str, found)))}); which is meant?"
    return (found.pop(), None) if found else (None, None)


def file_date(file: str, layout: str) -> tuple[dt.date | None, str]:
    """The date a file's own name holds (not its folder's), or why it cannot date what is in the file."""
    day, problem = name_date(PurePosixPath(file).name, layout)
    return day, "" if day else problem or f"there is no date in its name (looked for the {layout} layout)"


def parse_json(text: str) -> Any:
    """Strict JSON as the bundle's reader has it: no NaN or Infinity, no key twice in one object."""

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        if len({key for key, _ in pairs}) != len(pairs):
            raise RefusalError("has a key twice in one object")
        return dict(pairs)

    def constant(name: str) -> Any:
        raise RefusalError(f"holds {name}, which is not a JSON number")

    try:
        return check_tree(json.loads(text, parse_constant=constant, object_pairs_hook=unique))
    except RecursionError:
        raise RefusalError("nests too deep") from None
    except json.JSONDecodeError as error:
        raise RefusalError(f"is not JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None


def decoded(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RefusalError(f"is not UTF-8 text (byte {error.start})") from None


def shape_of(geometry: Any) -> tuple[BaseGeometry | None, str | None]:
    """A GeoJSON geometry as shapely, or why it cannot be used as it is."""
    problem = geometry_problem(geometry, POLYGONS)
    if problem is not None:
        return None, problem
    shape = shapely.geometry.shape(geometry)
    if not shape.is_valid:
        return None, f"invalid geometry: {shapely.is_valid_reason(shape)}"
    return shape, None


def feature_date(feature: dict[str, Any]) -> tuple[dt.date | None, str | None]:
    """A feature's own `date` property (YYYY-MM-DD), None when it has none, or why it is not a date."""
    properties = feature.get("properties")
    value = properties.get("date") if isinstance(properties, dict) else None
    if value is None:
        return None, None
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return None, f"date {quoted(value)} is not YYYY-MM-DD"
    try:
        return dt.date.fromisoformat(value), None
    except ValueError:
        return None, f"date {quoted(value)} is not a date"


def geojson_pieces(file: str, text: str, reading: Reading, issues: list[DataIssue]) -> Iterator[Piece]:
    """The pieces of one GeoJSON file: one a feature, dated by its `date` or else by the file's name."""
    try:
        document = parse_json(text)
    except RefusalError as refusal:
        issues.append(DataIssue(file, "(whole file)", str(refusal)))
        return
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        issues.append(DataIssue(file, "(whole file)", "is not a GeoJSON FeatureCollection"))
        return
    crs = document.get("crs")
    crs_name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else crs
    if crs is not None and crs_name not in WGS84_NAMES:
        issues.append(DataIssue(file, "(whole file)", f"declares the coordinate system {quoted(crs_name)}, not WGS 84"))
        return
    features = document.get("features")
    if not isinstance(features, list) or not features:
        issues.append(DataIssue(file, "(whole file)", "has no features: a snapshot needs at least one polygon"))
        return
    named, name_problem = file_date(file, reading.layout)
    for index, feature in enumerate(features):
        record = f"feature #{index + 1}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            issues.append(DataIssue(file, record, "is not a GeoJSON Feature"))
            continue
        own, problem = feature_date(feature)
        if problem is None and own is not None and named is not None and own != named:
            problem = f"its date {own} contradicts the {named} in its file's name"
        if problem is None and own is None and named is None:
            problem = f"no date: the feature has no `date` and {name_problem}"
        day = own or named
        if problem is not None or day is None:
            issues.append(DataIssue(file, record, problem or "no date"))
            continue
        shape, problem = shape_of(feature.get("geometry"))
        if shape is None:
            issues.append(DataIssue(file, record, f"geometry: {problem}"))
            continue
        yield Piece(file, record, day, shape)


def file_pieces(file: str, raw: bytes, reading: Reading, issues: list[DataIssue]) -> Iterator[Piece]:
    """The pieces of one file, by its kind (its name's ending)."""
    lowered = file.lower()
    try:
        if lowered.endswith(".gz"):
            raw = unpacked(raw)
            lowered = lowered.removesuffix(".gz")
        text = decoded(raw)
    except RefusalError as refusal:
        issues.append(DataIssue(file, "(whole file)", str(refusal)))
        return
    if lowered.endswith(".kml"):
        named, name_problem = file_date(file, reading.layout)
        dating = KmlDating(named, name_problem, lambda text: name_date(text, reading.layout), reading.style)
        for record, day, geometry in kml_pieces(file, text, dating, issues):
            shape, problem = shape_of(geometry)
            if shape is None:
                issues.append(DataIssue(file, record, f"geometry: {problem}"))
            else:
                yield Piece(file, record, day, shape)
    else:
        yield from geojson_pieces(file, text, reading, issues)


def unpacked(raw: bytes) -> bytes:
    """A gzip member's bytes, refused past MAX_SNAPSHOT_BYTES rather than filling memory."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
            data = stream.read(MAX_SNAPSHOT_BYTES + 1)
    except (OSError, EOFError) as error:
        raise RefusalError(f"is not gzip: {error}") from None
    if len(data) > MAX_SNAPSHOT_BYTES:
        raise RefusalError(f"unpacks to more than {MAX_SNAPSHOT_BYTES:,} bytes")
    return data


def is_snapshot_name(name: str) -> bool:
    return name.lower().removesuffix(".gz").endswith(SNAPSHOT_SUFFIXES)


def read_pieces(source: Path, reading: Reading, issues: list[DataIssue]) -> list[Piece]:
    """Every dated piece in a folder (and its subfolders), a .zip, or one file; what cannot be read is an issue.

    A file in a folder or zip that is not a snapshot (.geojson, .json, .kml, each maybe .gz) is named as left out."""
    pieces: list[Piece] = []
    if source.is_dir():
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            name = path.relative_to(source).as_posix()
            if not is_snapshot_name(name):
                issues.append(DataIssue(name, "(whole file)", NOT_A_SNAPSHOT))
                continue
            pieces += file_pieces(name, path.read_bytes(), reading, issues) if fits(name, path, issues) else []
    elif source.suffix.lower() == ".zip":
        pieces += zip_pieces(source, reading, issues)
    elif source.is_file():
        pieces += (
            file_pieces(source.name, source.read_bytes(), reading, issues) if fits(source.name, source, issues) else []
        )
    else:
        issues.append(DataIssue(source.name, "(whole file)", "cannot be opened: no such file or folder"))
    return pieces


def fits(name: str, path: Path, issues: list[DataIssue]) -> bool:
    """Whether a file is small enough to read; one that is not is named as refused."""
    if path.stat().st_size <= MAX_SNAPSHOT_BYTES:
        return True
    issues.append(DataIssue(name, "(whole file)", f"is more than {MAX_SNAPSHOT_BYTES:,} bytes"))
    return False


def zip_pieces(source: Path, reading: Reading, issues: list[DataIssue]) -> Iterator[Piece]:
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as error:
        issues.append(DataIssue(source.name, "(whole file)", f"is not a zip archive: {error}"))
        return
    with archive:
        for member in sorted(archive.infolist(), key=lambda info: info.filename):
            if member.is_dir():
                continue
            file = f"{source.name}:{member.filename}"
            if not is_snapshot_name(member.filename):
                issues.append(DataIssue(file, "(whole file)", NOT_A_SNAPSHOT))
            elif member.file_size > MAX_SNAPSHOT_BYTES:
                issues.append(DataIssue(file, "(whole file)", f"unpacks to more than {MAX_SNAPSHOT_BYTES:,} bytes"))
            else:
                yield from file_pieces(file, archive.read(member), reading, issues)
