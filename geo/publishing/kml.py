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

Written with fastkml, which also carries the OGC KML 2.2 schema the tests validate against.
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

import pygeoif
import shapely
from fastkml import KML, Data, Document, ExtendedData, Folder, Placemark, TimeSpan
from fastkml.features import Snippet
from fastkml.styles import IconStyle, LabelStyle, LineStyle, PolyStyle, Style, StyleUrl
from fastkml.times import KmlDateTime
from pygeoif.geometry import Geometry, GeometryCollection
from pygeoif.types import GeoType

from geo.grading.rule import Grade
from geo.model.claim_text import ClaimText, describe
from geo.model.confidence import ConfidenceLevel
from geo.model.map_style import FRONT_STYLES, LEVEL_COLOURS
from geo.model.records import Claim
from geo.model.stories import Story
from geo.publishing.claim_record import claim_record, properties
from geo.publishing.export import Made, geometry_of
from geo.publishing.made_words import made_sentence
from geo.reading.dataset import Dataset
from geo.reading.loading import FrontSnapshot, Place
from geo.time.timeline import RELEVANCE_WINDOW, by_layer

KML_NAMESPACE = "http://www.opengis.net/kml/2.2"
DECIMALS = 6  # about 10 cm: far finer than any claim's location
AREA_FILL_OPACITY = 0.15  # area claims stack on the same few areas: a light fill keeps the map readable
CLAIMS_AT_POINTS = "Claims at points"
CLAIMS_ABOUT_AREAS = "Claims about areas"
PLACES = "Places"
WEB_SCHEMES = ("https://", "http://")
ICON = "https://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"
"""Google Earth's own white circle, which a style's colour tints: Google Earth and ATAK carry their standard
icons, and KML writes no icon style without one."""
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


def kml_geometry(shape: shapely.Geometry) -> Geometry | GeometryCollection:
    """A shapely shape as fastkml takes it (pygeoif), to 6 decimals; shapely's shapes carry the geo interface."""
    return pygeoif.shape(cast(GeoType, shapely.set_precision(shape, 10**-DECIMALS)))


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


def claim_placemark(claim: Claim, grade: Grade, dataset: Dataset) -> Placemark:
    text = describe(claim, grade, dataset)
    record = claim_record(claim, grade, dataset)
    return Placemark(
        id=f"claim-{claim.id}",
        name=shortened(f"#{text.number} {text.code} · {text.statement}"),
        snippet=Snippet(text=text.grade_line, max_lines=1),
        description=description_html(text),
        times=span(claim.first_reported, claim.refers_to.end + RELEVANCE_WINDOW),
        style_url=StyleUrl(url=f"#{confidence_style_id(grade.confidence)}"),
        extended_data=extended_data(properties(record)),
        geometry=kml_geometry(geometry_of(claim, dataset)),
    )


def claim_folders(claims: list[Claim], grades: Mapping[str, Grade], dataset: Dataset) -> list[Folder]:
    """Claims at points and claims about areas, each a folder (a layer in GIS tools)."""
    at_points = [claim for claim in claims if claim.location.area is None]
    about_areas = [claim for claim in claims if claim.location.area is not None]
    return [
        Folder(
            id=folder_id, name=name, features=[claim_placemark(claim, grades[claim.id], dataset) for claim in chosen]
        )
        for folder_id, name, chosen in (
            ("claims-points", CLAIMS_AT_POINTS, at_points),
            ("claims-areas", CLAIMS_ABOUT_AREAS, about_areas),
        )
    ]


def front_values(snapshot: FrontSnapshot) -> dict[str, object]:
    return {
        "layer": snapshot.layer,
        "date": snapshot.date.isoformat(),
        "label": snapshot.label,
        "side": snapshot.side,
        "basis": snapshot.basis,
        "source": snapshot.source_name,
        "source_url": snapshot.source_url,
        "credit": snapshot.credit,
        "license": snapshot.license,
        "caveat": snapshot.caveat,
        "area_km2": snapshot.area_km2,
    }


def front_description(snapshot: FrontSnapshot) -> str:
    e = html.escape
    return (
        f"<p><b>{e(snapshot.label)}</b>, as of {e(snapshot.date.isoformat())}: {snapshot.area_km2:,.0f} km² "
        f"({e(snapshot.basis)}).</p><p>{e(snapshot.caveat)}</p>"
        f"<p>Source: {e(snapshot.source_name)} — {link_html(snapshot.source_url)}<br/>{e(snapshot.license)}</p>"
    )


def front_folders(fronts: Iterable[FrontSnapshot], as_of: dt.date | None) -> list[Folder]:
    """One folder per front layer; each snapshot lasts until the layer's next one."""
    kept = [snapshot for snapshot in fronts if as_of is None or snapshot.date <= as_of]
    folders = []
    for layer, snapshots in by_layer(kept).items():
        ends: list[dt.date | None] = [later.date for later in snapshots[1:]]
        placemarks = [
            Placemark(
                id=f"front-{NOT_IN_ID.sub('-', layer)}-{snapshot.date.isoformat()}",
                name=f"{snapshot.label}, {snapshot.date.isoformat()}",
                description=front_description(snapshot),
                times=span(snapshot.date, end),
                style_url=StyleUrl(url=f"#{front_style_id(snapshot.side)}"),
                extended_data=extended_data(front_values(snapshot)),
                geometry=kml_geometry(snapshot.geometry),
            )
            for snapshot, end in zip(snapshots, [*ends, None], strict=True)
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
        geometry=pygeoif.Point(round(place.lon, DECIMALS), round(place.lat, DECIMALS)),
    )


def kml_document(
    claims: list[Claim], grades: Mapping[str, Grade], dataset: Dataset, made: Made, story: Story | None = None
) -> KML:
    """The whole document: what it holds, its styles, and its folders."""
    title = "Kursk claims map" + (f" — {made.as_of.isoformat()}" if made.as_of else "")
    if story is not None:
        title += f" — {story.title}"
    places = Folder(
        id="places",
        name=PLACES,
        visibility=False,
        features=[
            place_placemark(xml_id, place_id, place)
            for xml_id, (place_id, place) in zip(xml_ids("place", dataset.places), dataset.places.items(), strict=True)
        ],
    )
    document = Document(
        id="kursk-claims-map",
        name=title,
        description=html.escape(made_sentence(made, len(claims))),
        extended_data=extended_data(made.columns() | {"claims": len(claims)}),
        styles=styles(),
        features=[*claim_folders(claims, grades, dataset), *front_folders(dataset.fronts, made.as_of), places],
    )
    return KML(ns=f"{{{KML_NAMESPACE}}}", features=[document])


def kml_text(
    claims: list[Claim], grades: Mapping[str, Grade], dataset: Dataset, made: Made, story: Story | None = None
) -> str:
    """The KML as text, with its XML declaration."""
    body = kml_document(claims, grades, dataset, made, story).to_string(prettyprint=True, precision=DECIMALS)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body


def write_kml(
    out: Path,
    claims: list[Claim],
    grades: Mapping[str, Grade],
    dataset: Dataset,
    made: Made,
    *,
    story: Story | None = None,
) -> None:
    out.write_text(kml_text(claims, grades, dataset, made, story), encoding="utf-8")


def kmz_bytes(
    claims: list[Claim], grades: Mapping[str, Grade], dataset: Dataset, made: Made, story: Story | None = None
) -> bytes:
    """The KML zipped as doc.kml, the one entry Google Earth opens."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as kmz:
        kmz.writestr("doc.kml", kml_text(claims, grades, dataset, made, story))
    return out.getvalue()


def write_kmz(
    out: Path,
    claims: list[Claim],
    grades: Mapping[str, Grade],
    dataset: Dataset,
    made: Made,
    *,
    story: Story | None = None,
) -> None:
    out.write_bytes(kmz_bytes(claims, grades, dataset, made, story))
