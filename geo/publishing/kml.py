"""The claims and fronts as KML / KMZ, for Google Earth and ATAK.

One Document: what it was made with (its description and ExtendedData), a style per confidence level in
the map's colours (geo.model.map_style) and one per side for fronts, then folders that GIS tools read as
layers — claims at points, claims about areas (their area's polygon), one folder per front layer, places.

- A claim is a Placemark named by its number and grade; its ExtendedData holds the claim record
  (geo.publishing.claim_record, the fields of the feed and the CSV) and its description says it in
  describe()'s words. Google Earth renders a description as HTML, so every value is HTML-escaped before
  the XML writer escapes it again: a statement holding `<script>` is shown, never run. Its TimeSpan is the
  days the map shows it (first report to 90 days after the period it is about).
- A front snapshot is a Placemark with a TimeSpan from its date to the next snapshot of the same layer
  (open for the last), so Google Earth's time slider plays the layer. With a date, only snapshots up to it.
- KMZ is the same document zipped as doc.kml.
- A value left empty in the record (no override, no area) is left out of ExtendedData: fastkml writes no
  empty Data, and a reader takes an absent field as empty.

Written with fastkml (a kept KML library, which also ships the OGC KML 2.2 schema the tests validate
against), except each placemark's geometry, which `with_geometries` adds with lxml (see `geometry_element`).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import cast

import shapely
from fastkml import KML, Data, Document, ExtendedData, Folder, Placemark, TimeSpan
from fastkml.features import Snippet
from fastkml.styles import IconStyle, LabelStyle, LineStyle, PolyStyle, Style, StyleUrl
from fastkml.times import KmlDateTime
from lxml import etree

from geo.grading.rule import Grade
from geo.model.claim_text import ClaimText, describe
from geo.model.confidence import ConfidenceLevel
from geo.model.map_style import FRONT_STYLES, LEVEL_COLOURS
from geo.model.records import Claim
from geo.model.stories import Story
from geo.publishing.claim_record import claim_record, properties
from geo.publishing.export import Made, Selection, front_fields, geometry_of
from geo.publishing.made_words import made_sentence
from geo.reading.dataset import Dataset
from geo.reading.loading import FrontSnapshot, Place
from geo.time.timeline import RELEVANCE_WINDOW, by_layer

KML_NAMESPACE = "http://www.opengis.net/kml/2.2"
RING = f"{{{KML_NAMESPACE}}}LinearRing"
DECIMALS = 6  # about 10 cm: far finer than any claim's location
AREA_FILL_OPACITY = 0.15  # area claims stack on the same few areas: a light fill keeps the map readable
CLAIMS_AT_POINTS = "Claims at points"
CLAIMS_ABOUT_AREAS = "Claims about areas"
PLACES = "Places"
WEB_SCHEMES = ("https://", "http://")
ICON = "https://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"
"""Google Earth's own white circle, which a style's colour tints: Google Earth and ATAK carry their standard
icons, and fastkml writes no icon style without one."""
NAME_LENGTH = 80
NOT_IN_ID = re.compile(r"[^A-Za-z0-9._-]")


def kml_colour(hex_rgb: str, opacity: float = 1.0) -> str:
    """'#E69F00' at 0.35 as KML writes colours: alpha, blue, green, red ('5900 9fe6')."""
    red, green, blue = hex_rgb[1:3], hex_rgb[3:5], hex_rgb[5:7]
    return f"{round(opacity * 255):02x}{blue}{green}{red}".lower()


def confidence_style_id(level: ConfidenceLevel) -> str:
    return f"confidence-{level.name.lower()}"


def front_style_id(side: str) -> str:
    return f"front-{side.lower()}"


def styles() -> list[Style]:
    """A style per confidence level (icon, label, area outline and fill) and per side holding a front."""
    by_level = [
        Style(
            id=confidence_style_id(level),
            styles=[
                IconStyle(color=kml_colour(colour), scale=1.1, icon_href=ICON),
                LabelStyle(color=kml_colour(colour), scale=0.8),
                LineStyle(color=kml_colour(colour), width=2),
                PolyStyle(color=kml_colour(colour, AREA_FILL_OPACITY)),
            ],
        )
        for level, colour in LEVEL_COLOURS.items()
    ]
    by_side = [
        Style(
            id=front_style_id(side),
            styles=[
                LineStyle(color=kml_colour(str(style["color"])), width=float(str(style["weight"]))),
                PolyStyle(color=kml_colour(str(style["fillColor"]), float(str(style["fillOpacity"])))),
            ],
        )
        for side, style in FRONT_STYLES.items()
    ]
    return by_level + by_side


def coordinates(ring: shapely.Geometry) -> str:
    """A ring's or a point's positions as KML writes them: 'lon,lat lon,lat ...', 6 decimals."""
    return " ".join(f"{lon:.{DECIMALS}f},{lat:.{DECIMALS}f}" for lon, lat in shapely.get_coordinates(ring))


def geometry_element(shape: shapely.Geometry) -> etree._Element:
    """A shape as a KML geometry: Point, Polygon (outer and inner rings), or MultiGeometry of the parts.

    Written here rather than through fastkml, whose serialiser rebuilds a MultiGeometry's parts each time it
    looks at them: a front of a few hundred parts took seconds, a daily layer of them minutes."""
    if isinstance(shape, shapely.Point):
        point = etree.Element(f"{{{KML_NAMESPACE}}}Point")
        etree.SubElement(point, f"{{{KML_NAMESPACE}}}coordinates").text = coordinates(shape)
        return point
    if isinstance(shape, shapely.Polygon):
        polygon = etree.Element(f"{{{KML_NAMESPACE}}}Polygon")
        rings = [("outerBoundaryIs", shape.exterior)] + [("innerBoundaryIs", ring) for ring in shape.interiors]
        for boundary, ring in rings:
            linear_ring = etree.SubElement(etree.SubElement(polygon, f"{{{KML_NAMESPACE}}}{boundary}"), RING)
            etree.SubElement(linear_ring, f"{{{KML_NAMESPACE}}}coordinates").text = coordinates(ring)
        return polygon
    if isinstance(shape, shapely.MultiPolygon | shapely.MultiPoint | shapely.GeometryCollection):
        multi = etree.Element(f"{{{KML_NAMESPACE}}}MultiGeometry")
        multi.extend(geometry_element(part) for part in shape.geoms)
        return multi
    raise ValueError(f"no KML geometry for a {type(shape).__name__}: claims, areas and fronts are points or polygons")


def with_geometries(root: etree._Element, shapes: Mapping[str, shapely.Geometry]) -> etree._Element:
    """Each placemark given its shape, as its last element (where KML's schema puts a Placemark's geometry)."""
    for placemark in root.iter(f"{{{KML_NAMESPACE}}}Placemark"):
        placemark.append(geometry_element(shapes[placemark.get("id", "")]))
    return root


def extended_data(values: Mapping[str, object]) -> ExtendedData:
    """Every value as text: a list one item a line, nothing as an empty value."""

    def text(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, list):
            return "\n".join(str(item) for item in value)
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    return ExtendedData(elements=[Data(name=name, value=text(value)) for name, value in values.items()])


def span(begin: dt.date, end: dt.date | None) -> TimeSpan:
    return TimeSpan(begin=KmlDateTime(begin), end=None if end is None else KmlDateTime(end))


def link_html(url: str) -> str:
    """A report's link, only if it is a web address (never javascript: or the like)."""
    if not url.startswith(WEB_SCHEMES):
        return html.escape(url)
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(url)}</a>'


def description_html(text: ClaimText) -> str:
    """The claim in describe()'s words as the HTML Google Earth shows in a balloon, each value escaped."""
    e = html.escape
    reports = "".join(
        f"<li>{e(report.outlet)}, {e(report.day)}"
        + (f" — via {e(report.via)}" if report.via else "")
        + (f" — {link_html(report.url)}" if report.url else "")
        + "</li>"
        for report in text.reports
    )
    notes = [text.state, text.retraction, text.override]
    return (
        f"<p><b>#{text.number}</b> {e(text.statement)}</p>"
        f"<p>Claimed by {e(text.claimant)} ({e(text.claimant_side)}), first reported {e(str(text.first_reported))}; "
        f"about {e(text.period)}.<br/>Where: {e(text.where)}</p>"
        f"<p>{e(text.grade_line)}<br/>{e(text.admiralty)}<br/>{e(text.confidence_sentence)}<br/>"
        f"{e(text.likelihood_sentence)}</p>"
        + "".join(f"<p>{e(note)}</p>" for note in notes if note)
        + f"<p>Reports:</p><ul>{reports}</ul>"
    )


def shortened(name: str) -> str:
    """A name short enough for Google Earth's list; the statement is whole in the description and the data."""
    return name if len(name) <= NAME_LENGTH else name[: NAME_LENGTH - 1].rstrip() + "…"


def claim_placemark(claim: Claim, grade: Grade, dataset: Dataset, shapes: dict[str, shapely.Geometry]) -> Placemark:
    text = describe(claim, grade, dataset)
    record = claim_record(claim, grade, dataset)
    shapes[f"claim-{claim.id}"] = geometry_of(claim, dataset)
    return Placemark(
        id=f"claim-{claim.id}",
        name=shortened(f"#{text.number} {text.code} · {text.statement}"),
        snippet=Snippet(text=text.grade_line, max_lines=1),
        description=description_html(text),
        times=span(claim.first_reported, claim.refers_to.end + RELEVANCE_WINDOW),
        style_url=StyleUrl(url=f"#{confidence_style_id(grade.confidence)}"),
        extended_data=extended_data(properties(record)),
    )


def claim_folders(
    claims: list[Claim], grades: Mapping[str, Grade], dataset: Dataset, shapes: dict[str, shapely.Geometry]
) -> list[Folder]:
    """Claims at points and claims about areas, each a folder (a layer in GIS tools)."""
    at_points = [claim for claim in claims if claim.location.area is None]
    about_areas = [claim for claim in claims if claim.location.area is not None]
    return [
        Folder(
            id=folder_id,
            name=name,
            features=[claim_placemark(claim, grades[claim.id], dataset, shapes) for claim in chosen],
        )
        for folder_id, name, chosen in (
            ("claims-points", CLAIMS_AT_POINTS, at_points),
            ("claims-areas", CLAIMS_ABOUT_AREAS, about_areas),
        )
    ]


def front_values(snapshot: FrontSnapshot) -> dict[str, object]:
    return front_fields(snapshot) | {"date": snapshot.date.isoformat()}


def front_description(snapshot: FrontSnapshot) -> str:
    e = html.escape
    return (
        f"<p><b>{e(snapshot.label)}</b>, as of {e(snapshot.date.isoformat())}: {snapshot.area_km2:,.0f} km² "
        f"({e(snapshot.basis)}).</p><p>{e(snapshot.caveat)}</p>"
        f"<p>Source: {e(snapshot.source_name)} — {link_html(snapshot.source_url)}<br/>{e(snapshot.license)}</p>"
    )


def front_folders(
    fronts: Iterable[FrontSnapshot], as_of: dt.date | None, shapes: dict[str, shapely.Geometry]
) -> list[Folder]:
    """One folder per front layer; each snapshot lasts until the layer's next one."""
    kept = [snapshot for snapshot in fronts if as_of is None or snapshot.date <= as_of]
    folders = []
    for layer, snapshots in by_layer(kept).items():
        ends: list[dt.date | None] = [later.date for later in snapshots[1:]]
        ids = [f"front-{NOT_IN_ID.sub('-', layer)}-{snapshot.date.isoformat()}" for snapshot in snapshots]
        shapes.update(zip(ids, (snapshot.geometry for snapshot in snapshots), strict=True))
        placemarks = [
            Placemark(
                id=mark_id,
                name=f"{snapshot.label}, {snapshot.date.isoformat()}",
                description=front_description(snapshot),
                times=span(snapshot.date, end),
                style_url=StyleUrl(url=f"#{front_style_id(snapshot.side)}"),
                extended_data=extended_data(front_values(snapshot)),
            )
            for mark_id, snapshot, end in zip(ids, snapshots, [*ends, None], strict=True)
        ]
        folders.append(
            Folder(id=f"front-{NOT_IN_ID.sub('-', layer)}", name=f"Front: {snapshots[0].label}", features=placemarks)
        )
    return folders


def xml_ids(prefix: str, keys: Iterable[str]) -> list[str]:
    """An XML ID (xs:ID: letters, digits, '.', '-', '_') for each key, unique: a place's id is its name."""
    ids: list[str] = []
    for key in keys:
        base = f"{prefix}-{NOT_IN_ID.sub('-', key)}"
        given, count = base, 1
        while given in ids:
            count += 1
            given = f"{base}-{count}"
        ids.append(given)
    return ids


def place_placemark(xml_id: str, place_id: str, place: Place) -> Placemark:
    return Placemark(
        id=xml_id,
        name=place.name,
        extended_data=extended_data(
            {
                "id": place_id,
                "name": place.name,
                "name_ru": place.name_ru,
                "country": place.country,
                "verified": place.verified,
                "precision_km": place.precision_km,
            }
        ),
    )


def kml_document(
    claims: list[Claim],
    grades: Mapping[str, Grade],
    dataset: Dataset,
    made: Made,
    shapes: dict[str, shapely.Geometry],
    story: Story | None = None,
) -> KML:
    """The whole document: what it holds, its styles, and its folders; each placemark's shape goes into
    `shapes` by its id, for `with_geometries`."""
    place_ids = xml_ids("place", dataset.places)
    title = "Kursk claims map" + (f" — {made.as_of.isoformat()}" if made.as_of else "")
    if story is not None:
        title += f" — {story.title}"
    places = Folder(
        id="places",
        name=PLACES,
        visibility=False,
        features=[
            place_placemark(xml_id, place_id, place)
            for xml_id, (place_id, place) in zip(place_ids, dataset.places.items(), strict=True)
        ],
    )
    shapes.update(
        (xml_id, shapely.Point(place.lon, place.lat))
        for xml_id, place in zip(place_ids, dataset.places.values(), strict=True)
    )
    document = Document(
        id="kursk-claims-map",
        name=title,
        description=html.escape(made_sentence(made, len(claims))),
        extended_data=extended_data(made.columns() | {"claims": len(claims)}),
        styles=styles(),
        features=[
            *claim_folders(claims, grades, dataset, shapes),
            *front_folders(dataset.fronts, made.as_of, shapes),
            places,
        ],
    )
    return KML(ns=f"{{{KML_NAMESPACE}}}", features=[document])


def kml_text(
    claims: list[Claim], grades: Mapping[str, Grade], dataset: Dataset, made: Made, story: Story | None = None
) -> str:
    """The KML as text, with its XML declaration."""
    shapes: dict[str, shapely.Geometry] = {}
    # fastkml builds its tree with lxml whenever lxml is installed (it is pinned); its type says only "an Element"
    element = cast("etree._Element", kml_document(claims, grades, dataset, made, shapes, story).etree_element())
    root = with_geometries(element, shapes)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True).decode("utf-8")


def write_kml(out: Path, selection: Selection) -> None:
    out.write_text(
        kml_text(list(selection.claims), selection.grades, selection.dataset, selection.made, selection.story),
        encoding="utf-8",
    )


def kmz_bytes(
    claims: list[Claim], grades: Mapping[str, Grade], dataset: Dataset, made: Made, story: Story | None = None
) -> bytes:
    """The KML zipped as doc.kml, the one entry Google Earth opens."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as kmz:
        kmz.writestr("doc.kml", kml_text(claims, grades, dataset, made, story))
    return out.getvalue()


def write_kmz(out: Path, selection: Selection) -> None:
    out.write_bytes(
        kmz_bytes(list(selection.claims), selection.grades, selection.dataset, selection.made, selection.story)
    )
