"""The contract between Python and the browser map, declared once.

Three things cross it: the payload (sent once with the base map, byte-identical on every
rerun), the view (sent by the sidecar on every rerun, whole) and the events the map sends
back. static/map_bridge.js mirrors these shapes in JSDoc typedefs of the same names; a test
checks that every key declared here is named there.

Text travels as plain text and the browser puts it in the page with textContent. The only
markup in the payload is in fields whose names end in `Html`, built with markupsafe.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, Literal, TypedDict

from geo.model.confidence import Status

EPOCH = dt.date(1970, 1, 1)


class ClaimColumns(TypedDict):
    """Every claim as columns (one entry per claim, same order): compact at 10,000 claims."""

    ids: list[str]
    numbers: list[int]
    lat: list[float]
    lon: list[float]
    radiusM: list[int]  # how far the true position may be from the drawn one
    area: list[int]  # index into MapPayload.areas, or -1 for a place or point
    claimant: list[int]  # index into MapPayload.sourceNames
    category: list[int]  # index into MapPayload.categories
    reported: list[int]  # first report, days since 1970-01-01
    until: list[int]  # last day shown by default: the end of its period plus the relevance window
    reliability: str  # one Admiralty letter per claim
    marks: str  # one letter per claim: "." published, "d" draft, "r" in review, "x" retracted (geo.workflow.lifecycle)
    grades: str  # base64, one byte per claim: see encode_grades


class FrontLayerRecord(TypedDict):
    id: str
    label: str
    sourceName: str
    side: str
    basis: Literal["claimed", "assessed"]
    hatched: bool  # a claimed area (a partisan mapper's) is hatched, an assessed one filled
    context: bool
    style: dict[str, Any]
    creditHtml: str
    dates: list[str]  # each snapshot's date (ISO), oldest first: one column per field, as a daily layer has hundreds
    areasKm2: list[float]
    geometries: str  # the series of parts (geo.publishing.map_parts) holding the snapshots' GeoJSON, in their order


class AreaRecord(TypedDict):
    id: str
    name: str
    anchor: list[float]  # [lat, lon], inside the area
    holdsAnchorsOf: list[str]  # areas whose badge point lies inside this one (their badges may merge into it)
    geometry: dict[str, Any]


class PlaceRecord(TypedDict):
    name: str
    lat: float
    lon: float
    key: bool
    verified: bool
    radiusM: int


class RegionLabel(TypedDict):
    name: str
    focus: bool
    lat: float
    lon: float


class LegendEntry(TypedDict):
    key: str
    words: str
    style: dict[str, Any]


class CategoryRecord(TypedDict):
    """A claim category (geo.model.records.Category), its words and the icon its claims carry on the map."""

    key: str
    words: str
    icon: str  # SVG path data, drawn as a line in a 16 x 16 box (static/map_category_icons.json)


class GradeScales(TypedDict):
    """What the grade byte means and how each part is drawn."""

    levels: list[str]
    levelColours: list[str]
    statuses: list[str]
    statusWords: list[str]
    retracted: str  # the status of a claim withdrawn from the record: its tombstone shows only while graded so
    credibilityOpacity: list[float]  # index credibility - 1
    reliabilityWords: dict[str, str]
    credibilityWords: list[str]  # index credibility - 1


class MapPayload(TypedDict):
    regions: dict[str, Any]
    regionLabels: list[RegionLabel]
    border: dict[str, Any]
    places: list[PlaceRecord]
    fronts: list[FrontLayerRecord]  # in legend order: Kursk layers first, context layers last
    areas: list[AreaRecord]
    claims: ClaimColumns
    statements: (
        str  # the series of parts holding the claims' statements, statementsPerPart claims each, in column order
    )
    statementsPerPart: int
    sourceNames: list[str]
    categories: list[CategoryRecord]  # every category, in the model's order
    scales: GradeScales
    analysisKinds: list[LegendEntry]
    attributionHtml: list[str]
    placesCreditHtml: str
    claimIdPattern: (
        str  # a claim's id (geo.model.records RECORD_ID_PATTERN): a link naming anything else selects nothing
    )
    defaultDate: str  # shown until the page sends a view: the case's key date, else the latest date
    timeline: list[int]  # the date slider's steps, days since 1970-01-01: a moved date snaps to one, as in the panel
    home: list[list[float]]  # [[south, west], [north, east]] of the fighting, where a phone starts


class ScaleWords(TypedDict):
    """The payload's grade scales (GradeScales) as a reader of one language reads them, in the same order."""

    levels: list[str]
    statuses: list[str]
    statusWords: list[str]
    reliabilityWords: dict[str, str]
    credibilityWords: list[str]


class MapWords(TypedDict):
    """The map's own words in one language: a part (geo.publishing.map_parts) built once per language for a map's
    data and named by MapView.words, so a date step never sends them again. static/map_words.js reads it."""

    language: str  # the language's code, as a link's lang= names it
    locale: str  # the BCP 47 tag the browser's Intl writes its dates, numbers and lists with ("en-GB", "uk")
    messages: dict[str, str]  # each message of the map's scripts, t("…"), in English → in this language
    plurals: dict[str, dict[str, str]]  # each counted message, tn(…), by its English singular → a form for each
    # CLDR plural category the language's whole numbers take (Intl.PluralRules picks the category)
    names: dict[str, str]  # names the payload and the layer control carry in English → in this language, where
    # this language has a name of its own (a place's from the gazetteer, a source's from its record); a name not
    # here stays as it is
    scales: ScaleWords
    analysisKinds: dict[str, str]  # an overlay's kind → its legend words
    credits: dict[str, str]  # a credit the payload carries as English HTML → this language's HTML, where it differs


class MoveTo(TypedDict):
    lat: float
    lon: float
    zoom: int
    seq: int | str  # a new number is a new move; a repeat is ignored
    # A story step's view: the map may zoom out and pan from it until the highlighted claims lie clear of
    # everything drawn over the map (a phone shows far less around the same centre). A position somebody
    # chose (a link's, a claim's "Show on map") is kept as it is.
    fitHighlight: bool


def move_to(lat: float, lon: float, zoom: int, seq: int | str, *, fit_highlight: bool = False) -> MoveTo:
    """The one way a MoveTo is made, so every move carries every field the map reads."""
    return {"lat": lat, "lon": lon, "zoom": zoom, "seq": seq, "fitHighlight": fit_highlight}


class ReportRecord(TypedDict):
    outlet: str
    date: str
    url: str  # http(s) or empty


class ClaimDetail(TypedDict):
    """What a claim's popup says beyond the payload, sent only for the claims that need it."""

    where: str
    period: str
    reports: list[ReportRecord]
    translation: str  # the statement in the reader's language when it was made in another ("" when read as made)


class AnalysisFeature(TypedDict):
    type: Literal["Feature"]
    geometry: dict[str, Any]
    properties: dict[str, Any]  # kind, title, lines, context (a context layer's: not brought into view)


class AddedClaims(TypedDict):
    """Claims the map's payload does not hold — new, or changed since the page opened — appended after its
    columns, so an open map shows a store's changes without being sent again."""

    key: str  # names this set: a later set replaces it whole
    columns: ClaimColumns
    statements: list[str]  # the added claims' statements, in column order (few: sent with the view)
    sourceNames: list[str]  # appended to MapPayload.sourceNames; the columns' claimant indexes count them


class MapView(TypedDict):
    """What the map shows now; the sidecar forwards it to the map untouched."""

    date: str
    claim: str
    visible: str | None  # base64 bitset over the claim columns; None: the default for the date
    grades: str | None  # base64 grade bytes when the grades shown differ from the payload's
    detail: dict[str, ClaimDetail]
    moveTo: MoveTo | None
    layers: list[str] | None
    highlight: list[str]
    brief: bool
    covers: list[str]  # keys of the page's containers drawn over the map (briefing's title, caption, buttons)
    namedPlaces: list[str]  # places a briefing step's caption names: their labels are placed first, never covered
    analysis: dict[str, Any] | None
    playing: bool
    step: int
    steps: int
    stepPress: int  # the last navigation key press the page has applied: an older view never undoes newer presses
    added: AddedClaims | None  # the store changed since the map was built: these columns follow the payload's
    previewSlider: str | None  # the date slider's key when the date alone decides what is drawn (the default
    # claims for the date, no filter, grades of today, no overlay, not playing): the map may then draw a date
    # the slider moves to before this view confirms it. None: the map waits for the view.
    words: str | None  # the part holding the map's words (MapWords) in the reader's language; None: as written
    language: str  # the reader's language's code (lang=): the page's own `lang` follows it (static/sidecar.js)


class Position(TypedDict):
    """Where the map is: its centre and zoom, as the map reports it and a link keeps it."""

    lat: float
    lon: float
    zoom: int


class SelectEvent(TypedDict):
    """A claim chosen on the map (its id)."""

    select: str


class PositionEvent(TypedDict):
    """The map's centre and zoom after a pan or zoom somebody made."""

    position: Position


class ReadyEvent(TypedDict):
    """The map has drawn and waits for the page's view."""

    ready: bool


MapEvent = SelectEvent | PositionEvent | ReadyEvent
"""What the map tells the page, one event per message (the JSDoc union of the same name)."""


class ViewMessage(MapView):
    """Page to map: a MapView, whole, marked as one."""

    kcm: Literal["view"]


class DateMessage(TypedDict):
    """Page to map: the day the date slider moved to, before the page has rerun (MapView.previewSlider)."""

    kcm: Literal["date"]
    day: int  # days since 1970-01-01


class SelectMessage(SelectEvent):
    """Map to page: a SelectEvent, marked as the map's."""

    kcm: Literal[True]


class PositionMessage(PositionEvent):
    """Map to page: a PositionEvent, marked as the map's."""

    kcm: Literal[True]


class ReadyMessage(ReadyEvent):
    """Map to page: a ReadyEvent, marked as the map's."""

    kcm: Literal[True]


BridgeMessage = ViewMessage | DateMessage | SelectMessage | PositionMessage | ReadyMessage
"""Every message posted between the page (static/sidecar.js) and the map's frame (static/map_bridge.js).

Both ends share the page's origin and ignore any message without `kcm`: "view" and "date" go to the map,
`true` marks the map's events. Each member names its kind in `kcm`; a test reads the kinds both scripts
post and check against these."""


class Event:
    """Names of what the page's sidecar hears from the map and the keyboard (SidecarEvent in static/sidecar.js)."""

    SELECTED = "selected"  # a claim chosen on the map: {claim: id, press: a count}, kept as state
    MOVED = "moved"  # the map's centre and zoom after a pan or zoom
    STEP = "step"  # briefing: the step a navigation key asked for
    TICK = "tick"  # the player's clock
    DRAWN = "drawn"  # the map has drawn (MapEvent ready), so the page may draw the rest of the panel


def epoch_day(value: dt.date) -> int:
    return (value - EPOCH).days


def bitset(indexes: Iterable[int], size: int) -> str:
    """Which of `size` items are on, as base64: 10,000 claims fit in 1.7 kB."""
    bits = bytearray((size + 7) // 8)
    for index in indexes:
        bits[index >> 3] |= 1 << (index & 7)
    return base64.b64encode(bytes(bits)).decode("ascii")


def grade_byte(level: int, status: int, credibility: int) -> int:
    """Confidence level, status and credibility of one claim in one byte (3 × 6 × 6 values); the
    map reads it back with the number of statuses in the payload's scales."""
    return (level * len(Status) + status) * 6 + (credibility - 1)


def encode_bytes(values: Sequence[int]) -> str:
    return base64.b64encode(bytes(values)).decode("ascii")
