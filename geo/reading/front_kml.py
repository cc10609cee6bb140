"""Front snapshots in KML as ISW and mapsite publish them: a Document of Folders and Placemarks holding polygons.

A Placemark's date is its own (TimeStamp `when`, TimeSpan `begin`, or a date in its name), else that of the
nearest Folder or Document around it that has one, else the date in the file's name; a name holding something
that is not a date, or two dates, refuses what it dates rather than being passed over. Polygons come out as GeoJSON
geometries for the same checks a GeoJSON snapshot gets. A document type declaration (the door to entity tricks)
refuses the file: KML never needs one.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from geo.model.issues import DataIssue, quoted

ISO_DAY = re.compile(r"(\d{4}-\d\d-\d\d)(?:$|T)")


@dataclass(frozen=True)
class KmlDating:
    """What dates a file's Placemarks when they do not date themselves, and which of them to take."""

    file_date: dt.date | None
    file_problem: str  # why the file's name cannot date them
    name_date: Callable[[str], tuple[dt.date | None, str | None]]  # the date a Folder's or Placemark's name holds
    style: str | None = None  # take only Placemarks whose styleUrl is this (`#ua`)


def local(element: ElementTree.Element) -> str:
    """A tag without its namespace: KML 2.2, Google's extensions and none at all (mapsite) read alike."""
    return element.tag.rsplit("}", 1)[-1]


def child(element: ElementTree.Element, name: str) -> ElementTree.Element | None:
    return next((item for item in element if local(item) == name), None)


def text_of(element: ElementTree.Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def own_date(element: ElementTree.Element, dating: KmlDating) -> tuple[dt.date | None, str | None]:
    """The date an element gives itself, (None, None) when it gives none, or why the one it gives is no date."""
    for holder, field in (("TimeStamp", "when"), ("TimeSpan", "begin")):
        stamp = child(element, holder)
        value = text_of(child(stamp, field)) if stamp is not None else ""
        if value:
            match = ISO_DAY.match(value)
            try:
                return (dt.date.fromisoformat(match.group(1)), None) if match else (None, f"{holder} {quoted(value)}")
            except ValueError:
                return None, f"{holder} {quoted(value)} is not a date"
    return dating.name_date(text_of(child(element, "name")))


def coordinates(text: str) -> list[list[float]]:
    """KML's `lon,lat[,alt]` tuples as GeoJSON positions (altitude dropped: fronts are drawn flat)."""
    positions = []
    for item in text.split():
        parts = item.split(",")
        if len(parts) not in (2, 3):
            raise ValueError(f"a coordinate should be lon,lat[,alt], got {quoted(item)}")
        try:
            lon, lat = float(parts[0]), float(parts[1])
        except ValueError:
            raise ValueError(f"a coordinate holds something other than numbers: {quoted(item)}") from None
        if not (math.isfinite(lon) and math.isfinite(lat)):
            raise ValueError(f"a coordinate is not finite: {quoted(item)}")
        positions.append([lon, lat])
    return positions


def rings(polygon: ElementTree.Element) -> list[list[list[float]]]:
    found = []
    for boundary in ("outerBoundaryIs", "innerBoundaryIs"):
        for part in (item for item in polygon if local(item) == boundary):
            ring = child(part, "LinearRing")
            found.append(coordinates(text_of(child(ring, "coordinates")) if ring is not None else ""))
    if not found or len([item for item in polygon if local(item) == "outerBoundaryIs"]) != 1:
        raise ValueError("a Polygon needs exactly one outerBoundaryIs")
    return found


def polygons(element: ElementTree.Element) -> Iterator[ElementTree.Element | str]:
    """The Polygons under a Placemark, through MultiGeometry; any other geometry's name, to be reported."""
    for item in element:
        kind = local(item)
        if kind == "Polygon":
            yield item
        elif kind == "MultiGeometry":
            yield from polygons(item)
        elif kind in {"Point", "LineString", "LinearRing", "Model", "Track", "MultiTrack"}:
            yield kind


def placemark_geometry(placemark: ElementTree.Element) -> dict[str, Any]:
    """A Placemark's polygons as one GeoJSON geometry; a ValueError says why there is none to take."""
    found = list(polygons(placemark))
    others = sorted({item for item in found if isinstance(item, str)})
    if others:
        raise ValueError(f"holds {', '.join(others)}, not only polygons")
    shapes = [rings(item) for item in found if not isinstance(item, str)]
    if not shapes:
        raise ValueError("holds no Polygon")
    return (
        {"type": "Polygon", "coordinates": shapes[0]}
        if len(shapes) == 1
        else {"type": "MultiPolygon", "coordinates": shapes}
    )


def parsed(file: str, text: str, issues: list[DataIssue]) -> ElementTree.Element | None:
    if re.search(r"<!DOCTYPE|<!ENTITY", text, re.IGNORECASE):
        issues.append(DataIssue(file, "(whole file)", "declares a document type or entities, which KML never needs"))
        return None
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        issues.append(DataIssue(file, "(whole file)", f"is not XML: {error}"))
        return None
    if local(root) != "kml":
        issues.append(DataIssue(file, "(whole file)", f"is not KML (its root is {quoted(local(root))})"))
        return None
    return root


def kml_pieces(
    file: str, text: str, dating: KmlDating, issues: list[DataIssue]
) -> Iterator[tuple[str, dt.date, dict[str, Any]]]:
    """(which Placemark, its date, its polygons as GeoJSON) for every Placemark that can be taken."""
    root = parsed(file, text, issues)
    if root is None:
        return
    found = 0
    other_style = 0
    stack: list[tuple[Iterator[ElementTree.Element], dt.date | None, str | None]] = [
        (iter(root), dating.file_date, None)
    ]
    while stack:
        items, inherited, inherited_problem = stack[-1]
        item = next(items, None)
        if item is None:
            stack.pop()
            continue
        kind = local(item)
        if kind not in {"Document", "Folder", "Placemark"}:
            continue
        day, problem = own_date(item, dating)
        day, problem = (day, problem) if day or problem else (inherited, inherited_problem)
        if kind != "Placemark":
            stack.append((iter(item), day, problem))
            continue
        found += 1
        record = f"Placemark #{found} {quoted(text_of(child(item, 'name')))}"
        if dating.style is not None and text_of(child(item, "styleUrl")) != dating.style:
            other_style += 1
        elif day is None:
            issues.append(DataIssue(file, record, f"no date: {problem or dating.file_problem}"))
        elif problem is not None:
            issues.append(DataIssue(file, record, f"date: {problem}"))
        else:
            try:
                yield record, day, placemark_geometry(item)
            except ValueError as error:
                issues.append(DataIssue(file, record, f"geometry: {error}"))
    if other_style:
        issues.append(
            DataIssue(
                file,
                "(whole file)",
                f"{other_style} Placemark(s) of another style than {quoted(dating.style)} left out, as asked",
                loaded=True,
            )
        )
    if not found:
        issues.append(DataIssue(file, "(whole file)", "holds no Placemark"))
