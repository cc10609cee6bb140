"""The data the browser map draws (components.map.protocol), built once from the dataset.

The payload holds what every date needs: every claim as compact columns (with the span of dates it shows
on), the basemap, and each front layer's snapshots (their dates and areas). The rest is in parts the
browser fetches when it draws them (geo.publishing.map_parts): each snapshot's geometry, and the claims'
statements in batches. So changing the date or the selection never re-sends the map, and the first load
does not grow with a layer's daily snapshots. Text is sent as plain text; the browser builds the DOM with
textContent. Credits that carry links are the only markup, built with markupsafe.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from components.escaping import safe_url
from components.map.credits import basemap_credits, front_credit, places_credit
from components.map.protocol import (
    AddedClaims,
    AreaRecord,
    CategoryRecord,
    ClaimColumns,
    ClaimDetail,
    FrontLayerRecord,
    GradeScales,
    LegendEntry,
    MapPayload,
    MapView,
    PlaceRecord,
    RegionLabel,
    bitset,
    encode_bytes,
    epoch_day,
    grade_byte,
)
from components.map.words_part import add_words
from geo.grading.rule import Grade
from geo.grading.rule import name as source_name
from geo.language.languages import Language
from geo.language.words import ENGLISH, N_, Words
from geo.model.claim_text import report_texts, translation_for, where_text
from geo.model.confidence import CREDIBILITY, RELIABILITY, ConfidenceLevel, Status
from geo.model.locations import resolve
from geo.model.map_style import FRONT_STYLES, LEVEL_COLOURS
from geo.model.records import RECORD_ID_PATTERN, Category, Claim
from geo.paths import STATIC_DIR
from geo.publishing.map_parts import SHELF, Parts
from geo.reading.dataset import Dataset
from geo.reading.loading import FrontSnapshot
from geo.reading.source import DataKey
from geo.time.timeline import RELEVANCE_WINDOW, by_layer, timeline_dates
from geo.workflow.lifecycle import ClaimState

CREDIBILITY_OPACITY = {1: 1.0, 2: 1.0, 3: 0.85, 4: 0.7, 5: 0.55, 6: 0.55}
STATUS_OUTLINES = {  # shown in the legend; drawn by kursk_map.css
    Status.CLAIMED: N_("dashed: claimed (one origin)"),
    Status.CORROBORATED: N_("solid: corroborated"),
    Status.ASSESSED: N_("solid: assessed by an analyst"),
    Status.DISPUTED: N_("double: disputed"),
    Status.REFUTED: N_("dotted, struck through: refuted"),
    Status.RETRACTED: N_("dotted, struck through, grey: retracted"),
}
ANALYSIS_KINDS = {  # kind → (legend words, style); Compare draws the first three, Change the last two, by side
    "implied": (
        N_("Compare: Ukrainian-held area implied by ISW, or the second layer picked (outline)"),
        {"color": "#5b2a86", "weight": 3, "dashArray": "2 6", "fill": False},
    ),
    "only-first": (
        N_("Compare: held only in the mapsite layer, or the first of the two picked"),
        {"color": "#b35900", "weight": 1, "fillColor": "#E69F00", "fillOpacity": 0.5},
    ),
    "only-second": (
        N_("Compare: held only in the ISW-implied area, or the second of the two picked"),
        {"color": "#5b2a86", "weight": 1, "fillColor": "#9467bd", "fillOpacity": 0.5},
    ),
    "russia-gained": (
        N_(
            "Change: Russia gained since the previous snapshot "
            "(a Russian-held layer grew or a Ukrainian-held one shrank)"
        ),
        {"color": "#7a1f4c", "weight": 2, "dashArray": "6 4", "fillColor": "#7a1f4c", "fillOpacity": 0.65},
    ),
    "ukraine-gained": (
        N_(
            "Change: Ukraine gained since the previous snapshot "
            "(a Ukrainian-held layer grew or a Russian-held one shrank)"
        ),
        {"color": "#0b4f8a", "weight": 2, "fillColor": "#0b4f8a", "fillOpacity": 0.65},
    ),
}
UNGRADED = 255
CATEGORY_ORDER = list(Category)  # a claim's category travels as its place in this list
CATEGORY_ICONS = STATIC_DIR / "map_category_icons.json"  # each category's icon, as SVG path data
"""Grade byte of a claim with no grade (an export 'as known then' leaves later claims ungraded)."""
COORD_DIGITS = 4
STATEMENTS_PER_PART = 1000
"""Statements travel in batches of this many claims, in payload order (by first report), so the claims a date
shows, reported around the same time, are in few batches."""


def claims_in_payload_order(dataset: Dataset, grades: Mapping[str, Grade] | None = None) -> list[Claim]:
    """The claims the map holds, by first report. Given grades, only graded ones: an export 'as known
    then' must not carry what was reported later, not even hidden."""
    if grades is None:
        return dataset.by_report
    return [claim for claim in dataset.by_report if claim.id in grades]


def rounded_geometry(geometry: BaseGeometry) -> dict[str, Any]:
    return shapely.geometry.mapping(shapely.set_precision(geometry, 10**-COORD_DIGITS))


def grade_code(grade: Grade | None) -> int:
    if grade is None:
        return UNGRADED
    return grade_byte(
        list(ConfidenceLevel).index(grade.confidence), list(Status).index(grade.status), grade.credibility
    )


def encode_grades(claims: list[Claim], grades: Mapping[str, Grade]) -> str:
    """One grade byte per claim of the payload's columns, base64; claims with no grade here are marked so."""
    return encode_bytes([grade_code(grades.get(claim.id)) for claim in claims])


def grades_for_view(dataset: Dataset, grades: Mapping[str, Grade]) -> str:
    """Other grades for the app's map (whose payload holds every claim), e.g. 'as known then'."""
    return encode_grades(claims_in_payload_order(dataset), grades)


def visible_bitset(dataset: Dataset, claim_ids: Iterable[str], grades: Mapping[str, Grade] | None = None) -> str:
    """The claims to draw, over the columns of a payload built with these grades (all claims if None)."""
    if grades is None:  # every claim is a column
        column_of = dataset.column_of
        return bitset((column_of[claim_id] for claim_id in claim_ids), len(column_of))
    index = {claim.id: place for place, claim in enumerate(claims_in_payload_order(dataset, grades))}
    return bitset((index[claim_id] for claim_id in claim_ids), len(index))


def mark_of(claim: Claim, dataset: Dataset) -> str:
    """Where a claim stands, for the map to draw drafts, claims in review and tombstones differently."""
    if claim.retraction is not None:
        return "x"
    lifecycle = dataset.lifecycle.get(claim.id)
    if lifecycle is None or not lifecycle.pending:
        return "."
    return "d" if lifecycle.state is ClaimState.DRAFT else "r"


def claim_columns(
    dataset: Dataset,
    grades: Mapping[str, Grade],
    source_index: dict[str, int],
    area_index: dict[str, int],
    claims: list[Claim] | None = None,
) -> ClaimColumns:
    ordered = claims_in_payload_order(dataset, grades) if claims is None else claims
    numbers = dataset.numbers
    places = [resolve(claim.location, dataset.places, dataset.areas) for claim in ordered]
    return {
        "ids": [claim.id for claim in ordered],
        "numbers": [numbers[claim.id] for claim in ordered],
        "lat": [round(place.lat, COORD_DIGITS) for place in places],
        "lon": [round(place.lon, COORD_DIGITS) for place in places],
        "radiusM": [round(place.radius_km * 1000) for place in places],
        "area": [area_index.get(claim.location.area or "", -1) for claim in ordered],
        "claimant": [source_index[claim.claimant] for claim in ordered],
        "category": [CATEGORY_ORDER.index(claim.category) for claim in ordered],
        "reported": [epoch_day(claim.first_reported) for claim in ordered],
        "until": [epoch_day(claim.refers_to.end + RELEVANCE_WINDOW) for claim in ordered],
        "reliability": "".join(grades[claim.id].reliability for claim in ordered),
        "marks": "".join(mark_of(claim, dataset) for claim in ordered),
        "grades": encode_grades(ordered, grades),
    }


def statement_parts(claims: list[Claim], parts: Parts) -> str:
    """The claims' statements as a series of parts, STATEMENTS_PER_PART claims each in payload order."""
    return parts.add_series(
        [claim.statement for claim in claims[start : start + STATEMENTS_PER_PART]]
        for start in range(0, len(claims), STATEMENTS_PER_PART)
    )


def front_layer(layer_id: str, snapshots: list[FrontSnapshot], parts: Parts) -> FrontLayerRecord:
    """A layer's snapshots by date and area; their geometries are a series of parts, fetched for the dates drawn."""
    first = snapshots[0]
    return {
        "id": layer_id,
        "label": first.label,
        "sourceName": first.source_name,
        "side": first.side,
        "basis": first.basis,
        "hatched": first.basis == "claimed",
        "context": first.context,
        "style": FRONT_STYLES[first.side],
        "creditHtml": front_credit(first),
        "dates": [snapshot.date.isoformat() for snapshot in snapshots],
        "areasKm2": [snapshot.area_km2 for snapshot in snapshots],
        "geometries": parts.add_series(rounded_geometry(snapshot.geometry) for snapshot in snapshots),
    }


def place_rows(dataset: Dataset) -> list[PlaceRecord]:
    return [
        {
            "name": place.name,
            "lat": round(place.lat, COORD_DIGITS),
            "lon": round(place.lon, COORD_DIGITS),
            "key": place.key_place,
            "verified": place.verified,
            "radiusM": round(place.precision_km * 1000),
        }
        for place in sorted(dataset.places.values(), key=lambda place: place.name)
    ]


def region_labels(dataset: Dataset) -> list[RegionLabel]:
    return [
        {
            "name": feature["properties"]["name"],
            "focus": feature["properties"]["role"] == "focus",
            "lat": feature["properties"]["label_lat"],
            "lon": feature["properties"]["label_lon"],
        }
        for feature in dataset.regions["features"]
    ]


def area_records(dataset: Dataset, claims: list[Claim]) -> list[AreaRecord]:
    """The areas these claims name, each with its badge point and the areas whose badge point it holds."""
    used = sorted({claim.location.area for claim in claims if claim.location.area})
    areas = [dataset.areas[area_id] for area_id in used]
    records: list[AreaRecord] = []
    for area in areas:
        anchor = area.anchor or area.geometry.representative_point()
        holds = [
            other.id
            for other in areas
            if other.id != area.id and other.anchor is not None and area.geometry.contains(other.anchor)
        ]
        records.append(
            {
                "id": area.id,
                "name": area.name,
                "anchor": [round(anchor.y, COORD_DIGITS), round(anchor.x, COORD_DIGITS)],
                "holdsAnchorsOf": holds,
                "geometry": rounded_geometry(area.geometry),
            }
        )
    return records


def grade_scales() -> GradeScales:
    return {
        "levels": [level.value for level in ConfidenceLevel],
        "levelColours": [LEVEL_COLOURS[level] for level in ConfidenceLevel],
        "statuses": [status.value for status in Status],
        "statusWords": [STATUS_OUTLINES[status] for status in Status],
        "retracted": Status.RETRACTED.value,
        "credibilityOpacity": [CREDIBILITY_OPACITY[value] for value in range(1, 7)],
        "reliabilityWords": dict(RELIABILITY),
        "credibilityWords": [CREDIBILITY[value] for value in range(1, 7)],
    }


def categories() -> list[CategoryRecord]:
    """Every claim category with its words and its map icon (static/map_category_icons.json)."""
    icons = json.loads(CATEGORY_ICONS.read_text())
    return [{"key": category.value, "words": category.label, "icon": icons[category.value]} for category in Category]


def analysis_kinds() -> list[LegendEntry]:
    return [{"key": key, "words": words, "style": style} for key, (words, style) in ANALYSIS_KINDS.items()]


def default_date(dataset: Dataset) -> dt.date:
    """The case's key date, else the latest date on the timeline."""
    key_dates = [case.key_date for case in dataset.cases if case.key_date]
    return key_dates[0] if key_dates else timeline_dates(dataset.fronts, dataset.claims)[-1]


def home_bounds(dataset: Dataset) -> list[list[float]]:
    """Where the fighting is: the extent of every Kursk front snapshot, else of the named areas."""
    shapes = [snapshot.geometry for snapshot in dataset.fronts if not snapshot.context]
    shapes = shapes or [area.geometry for area in dataset.areas.values()] or [shapely.box(34, 50.9, 38.5, 52.5)]
    west, south, east, north = shapely.union_all(shapes).bounds
    return [[round(south, 3), round(west, 3)], [round(north, 3), round(east, 3)]]


def build_payload(dataset: Dataset, grades: Mapping[str, Grade], parts: Parts) -> MapPayload:
    """All the map needs, deterministic for the same dataset (no sets, no clocks); what it fetches later is
    written to `parts`."""
    source_ids = sorted(dataset.sources)
    claims = claims_in_payload_order(dataset, grades)
    areas = area_records(dataset, claims)
    return {
        "regions": dataset.regions,
        "regionLabels": region_labels(dataset),
        "border": dataset.border,
        "places": place_rows(dataset),
        "fronts": [front_layer(layer, snapshots, parts) for layer, snapshots in by_layer(dataset.fronts).items()],
        "areas": areas,
        "claims": claim_columns(
            dataset,
            grades,
            {source_id: index for index, source_id in enumerate(source_ids)},
            {area["id"]: index for index, area in enumerate(areas)},
            claims,
        ),
        "statements": statement_parts(claims, parts),
        "statementsPerPart": STATEMENTS_PER_PART,
        "sourceNames": [str(source_name(source_id, dataset.sources)) for source_id in source_ids],
        "categories": categories(),
        "scales": grade_scales(),
        "analysisKinds": analysis_kinds(),
        "attributionHtml": basemap_credits(dataset),
        "placesCreditHtml": places_credit(),
        "claimIdPattern": RECORD_ID_PATTERN,
        "defaultDate": default_date(dataset).isoformat(),
        "timeline": [epoch_day(value) for value in timeline_dates(dataset.fronts, claims)],
        "home": home_bounds(dataset),
    }


@dataclass(frozen=True, eq=False)
class MapData:
    """A map's payload and the parts it names, the payload's own part among them. Whoever holds this keeps the
    parts served (geo.publishing.map_parts.SHELF): the page's cache, and each open page's MapBase."""

    payload: MapPayload
    parts: Parts
    entry: str  # the name of the payload's own part: what the map's script is told to fetch
    words: Mapping[Language, str]  # the parts holding the map's words in each language (components.map.words_part)


def build_map_data(dataset: Dataset, grades: Mapping[str, Grade]) -> MapData:
    """The payload and its parts, put on the shelf the server's parts route reads."""
    parts = Parts()
    payload = build_payload(dataset, grades, parts)
    entry = parts.add(payload)
    words = add_words(parts, payload, dataset)
    return MapData(payload, SHELF.hold(parts), entry, words)


def period_words(claim: Claim, words: Words) -> str:
    """The days a claim is about, the reader's way: "31 Jan 2025", or "31 Jan 2025 – 2 Feb 2025"."""
    start, end = claim.refers_to.start, claim.refers_to.end
    if start == end:
        return words.date(start)
    return words.gettext("{start} – {end}", start=words.date(start), end=words.date(end))


def claim_detail(claim: Claim, dataset: Dataset, words: Words = ENGLISH) -> ClaimDetail:
    """Where, when and who reported it, and the statement's translation, in the reader's language: the part of a
    claim's popup the payload leaves out."""
    return {
        "where": where_text(resolve(claim.location, dataset.places, dataset.areas), words),
        "period": period_words(claim, words),
        "reports": [
            {"outlet": report.outlet, "date": words.date(report.date), "url": safe_url(report.url) or ""}
            for report in report_texts(claim, dataset.sources, words)
        ],
        "translation": translation_for(claim, words),
    }


def view_of(
    dataset: Dataset,
    date: dt.date,
    claim: str | None,
    shown: list[Claim],
    detailed: list[Claim],
    payload_grades: Mapping[str, Grade] | None = None,
    *,
    words: Words = ENGLISH,
    words_part: str | None = None,
    **extra: Any,
) -> MapView:
    """A view for the map: these claims drawn on this date, with the sources of the `detailed` ones.

    `payload_grades` are the grades the map's payload was built with when that was not every claim
    (an export 'as known then'); the bitset must count the same columns. `words` is the reader's language, and
    `words_part` the part holding the map's words in it (MapData.words).
    """
    view: MapView = {
        "date": date.isoformat(),
        "claim": claim or "",
        "visible": visible_bitset(dataset, (item.id for item in shown), payload_grades),
        "grades": None,
        "detail": {item.id: claim_detail(item, dataset, words) for item in detailed},
        "moveTo": None,
        "layers": None,
        "highlight": [],
        "brief": False,
        "covers": [],
        "namedPlaces": [],
        "analysis": None,
        "playing": False,
        "step": 0,
        "steps": 0,
        "stepPress": 0,
        "added": None,
        "previewSlider": None,
        "words": words_part,
        "language": words.language.value,
    }
    view.update(extra)  # type: ignore[typeddict-item]  # extra: MapView's own keys, each given by name by a caller
    return view


@dataclass(frozen=True)
class MapBase:
    """What a page's map was built from. A page keeps it while it is open, so the map is never sent again;
    later data reaches the map as AddedClaims over these columns (see `extend_view`)."""

    key: DataKey  # the data it was built from
    dataset: Dataset
    data: MapData  # held while the page is open: the map's parts stay served

    @property
    def payload(self) -> MapPayload:
        return self.data.payload


class MapOutdatedError(LookupError):
    """The data changed in a way the open map cannot take in place (a claim about an area it does not hold)."""


@dataclass(frozen=True)
class Extension:
    """How the columns of a map built from one dataset extend to show another: worked out once per pair."""

    added: AddedClaims
    column_of: dict[str, int]
    width: int


def extension(base: MapBase, now: Dataset, key: DataKey, grades: Mapping[str, Grade]) -> Extension:
    """New and changed claims (by model equality) as columns after the payload's. Every date step of every page
    opened before a change asks for the same one: the page caches it (components.cache.cached_extension)."""
    old = base.dataset
    added = [claim for claim in now.by_report if old.by_id.get(claim.id) != claim]
    area_index = {area["id"]: index for index, area in enumerate(base.payload["areas"])}
    if any(claim.location.area and claim.location.area not in area_index for claim in added):
        raise MapOutdatedError("a claim names an area the open map does not hold")
    source_ids = sorted(old.sources)
    new_sources = sorted({claim.claimant for claim in added} - set(source_ids))
    source_index = {source_id: index for index, source_id in enumerate([*source_ids, *new_sources])}
    width = len(base.payload["claims"]["ids"])
    column_of = {claim.id: old.column_of[claim.id] for claim in now.claims if old.by_id.get(claim.id) == claim}
    column_of.update({claim.id: width + place for place, claim in enumerate(added)})
    complete = grades if all(claim.id in grades for claim in added) else now.grade_all()  # "as known then" lacks some
    return Extension(
        {
            "key": str(key),  # a DataKey's str is its tag: never the store's URL
            "columns": claim_columns(now, complete, source_index, area_index, added),
            "statements": [claim.statement for claim in added],
            "sourceNames": [str(source_name(source_id, now.sources)) for source_id in new_sources],
        },
        column_of,
        width + len(added),
    )


def extend_view(
    view: MapView,
    base: MapBase,
    now: Dataset,
    key: DataKey,
    shown: list[Claim],
    grades: Mapping[str, Grade],
    *,
    extend: Callable[[MapBase, Dataset, DataKey, Mapping[str, Grade]], Extension] = extension,
) -> MapView:
    """The view for a map built from `base` while the page shows `now`: new and changed claims are appended
    after the payload's columns, the payload's own copies of changed or removed claims are never drawn, and
    the bitset and grade bytes (of the grades shown: today's or as known then) count every column."""
    if base.key == key:
        return view
    extended = extend(base, now, key, grades)
    codes = [UNGRADED] * extended.width
    for claim_id, column in extended.column_of.items():
        codes[column] = grade_code(grades.get(claim_id))
    return {
        **view,
        "visible": bitset((extended.column_of[claim.id] for claim in shown), extended.width),
        "grades": encode_bytes(codes),
        "added": extended.added,
    }
