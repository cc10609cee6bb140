"""One claim record, declared once: what the feed, the GeoJSON export and the CSV export write for a claim.

The feed's GeoJSON and OGC API items (web.feed_index), the GeoJSON export and the CSV export
(geo.publishing.export) all write a `ClaimRecord`: the same field names with the same meanings, the words
taken from geo.model.claim_text.describe (what the panel shows). GeoJSON carries the record as a feature's
`properties`; a CSV row is the same record flattened, one column per field, by `cells`, and `from_cells`
reads a row back into the record.

Flattened for a spreadsheet: a list is written one item a line within its cell (items are joined by a line
feed, which Excel shows as a line break in the cell and pandas reads as part of the quoted value); an empty
list or an absent value is an empty cell; a date is YYYY-MM-DD. Text a spreadsheet would run as a formula
is prefixed with a quote (`spreadsheet_safe`), and `from_cells` takes that quote off again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict

from geo.grading.rule import Grade
from geo.model.claim_text import ReportText, describe, record_text
from geo.model.records import Claim
from geo.publishing.public_dataset import public_claim, public_lifecycle
from geo.publishing.public_names import PublicNames
from geo.reading.dataset import Dataset

LINE_BREAK = re.compile(r"\r\n|[\r\n]")
LIST_JOINER = "\n"  # how a list is written in one CSV cell: one item a line
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def lines(items: list[str]) -> list[str]:
    """A list's items as single, non-empty lines, so the CSV can write it one item a line and read it back.
    (No item the app writes holds a line break; one written into a source's name would become a space.)"""
    return [LINE_BREAK.sub(" ", item) if "\n" in item or "\r" in item else item for item in items if item]


Lines = Annotated[list[str], AfterValidator(lines)]


class ClaimRecord(BaseModel):
    """A claim as every file and feed writes it; the fields in the order of the CSV's columns."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    id: str
    """The claim's id: stable across its versions, and the key of its page in the feed."""
    number: int
    """The claim's public number, shown on the page as #N; never given to another claim."""
    statement: str
    """What the claimant said, in one sentence, in the language it was made in."""
    statement_language: str
    """The language the statement was made in: en, uk or ru."""
    translations: Lines
    """The statement's recorded translations, each as its language's code and the text ("uk: …")."""
    claimant_id: str
    """The id of the source that makes the claim."""
    claimant: str
    """The name of the source that makes the claim."""
    claimant_side: str
    """The claimant's side: a party to the conflict, or which sort of outsider."""
    first_reported: dt.date
    """The day the claim was first reported."""
    refers_from: dt.date
    """The first day of the period the claim is about."""
    refers_to: dt.date
    """The last day of the period the claim is about (the same as refers_from for one day)."""
    time_precision: str
    """How exactly that period is known: day, week, month or period."""
    place: str
    """Where, in words: a place's name, an area's name, or a point."""
    location_precision: str
    """How precisely the location is known, in words ("within about 40 km")."""
    uncertainty_km: float
    """How far the true location may lie from the point, in km."""
    lat: float
    """The latitude of the point where the map draws the claim (WGS 84, 5 decimals); inside its area, if any."""
    lon: float
    """The longitude of that point (WGS 84, 5 decimals)."""
    area: str | None
    """The id of the area the claim is about, or none. The GeoJSON export's geometry is that area's polygon
    (the CSV's geometry_wkt likewise); the feed sends each polygon once, in its `areas` collection."""
    category: str
    """What the claim is about, as a code (troop-presence, casualties, ...)."""
    origin: str
    """Whose information it is, ultimately (the source id the grade is about)."""
    access: str
    """How the origin could know: its access to what it reports."""
    statement_kind: str
    """What sort of statement it is (a statement of fact, an estimate, ...), which bounds the grade."""
    corroborating_origins: str
    """Each origin counted as corroboration, with its reliability and the number (#N) of the claim it made."""
    status: str
    """Where the claim stands against the others: corroborated, uncorroborated, disputed, refuted, retracted."""
    confidence: str
    """How sure we are: High, Moderate or Low."""
    confidence_why: str
    """Why that much confidence, for this claim, in a sentence."""
    likelihood: str
    """How likely the claim is true, in ICD 203's words, or empty when none can be estimated."""
    admiralty_code: str
    """The Admiralty code: the source's reliability (A-F) and the claim's credibility (1-6), e.g. B2."""
    admiralty: str
    """The Admiralty code with its words: "B2 — usually reliable source; probably true"."""
    override: str
    """An analyst's override beside what the rule gave, with the rationale; empty when the rule stands."""
    corroborated_by: Lines
    """The ids of the claims counted as independent corroboration."""
    reasons: Lines
    """Every reason for the grade, in the order the panel lists them."""
    record_state: str
    """Where the claim stands on the record: Published, Retracted, or Draft / In review."""
    retraction: str
    """When, by whom and why the claim was retracted; empty unless it was."""
    on_record: str
    """When the claim was entered and verified, and by whom (by name or role, never an address)."""
    sources: Lines
    """Every report of the claim, oldest first: outlet, day, through whom, and its link."""
    links: Lines
    """The reports' links, oldest first (reports without a link have none here)."""


FIELDS: dict[str, str] = {name: field.description or "" for name, field in ClaimRecord.model_fields.items()}
"""Each field's meaning, for the files that describe what they hold."""


def source_line(report: ReportText) -> str:
    """A report as the panel lists it: 'BBC, 31 Jan 2025 — via Reuters', then its link."""
    via = f" — via {report.via}" if report.via else ""
    link = f" — {report.url}" if report.url else ""
    return f"{report.outlet}, {report.day}{via}{link}"


def claim_record(claim: Claim, grade: Grade, data: Dataset, names: PublicNames | None = None) -> ClaimRecord:
    """The record of one claim in describe()'s words. Given `names` (the public feed), whoever entered,
    verified or retracted it appears by the name they chose or their role; without, as the data says (the
    page's published data has public names already)."""
    if names is None:
        text = describe(claim, grade, data)
    else:
        lifecycle = data.lifecycle.get(claim.id)
        text = dataclasses.replace(
            describe(public_claim(claim, names), grade, data),
            record=record_text(None if lifecycle is None else public_lifecycle(lifecycle, names)),
        )
    place = text.place
    return ClaimRecord(
        id=text.id,
        number=text.number,
        statement=text.statement,
        statement_language=claim.statement_language,
        translations=[f"{language}: {translated}" for language, translated in sorted(claim.translations.items())],
        claimant_id=claim.claimant,
        claimant=text.claimant,
        claimant_side=text.claimant_side,
        first_reported=text.first_reported,
        refers_from=claim.refers_to.start,
        refers_to=claim.refers_to.end,
        time_precision=text.period_precision,
        place=place.label,
        location_precision=place.precision,
        uncertainty_km=place.radius_km,
        lat=round(place.lat, 5),
        lon=round(place.lon, 5),
        area=None if claim.location.area is None else str(claim.location.area),
        category=claim.category.value,
        **text.grade_fields(),
        corroborated_by=list(grade.corroborated_by),
        reasons=list(grade.reasons),
        **text.record_fields(),
        sources=[source_line(report) for report in text.reports],
        links=[report.url for report in text.reports if report.url],
    )


def properties(record: ClaimRecord) -> dict[str, Any]:
    """The record as JSON values: a GeoJSON feature's properties."""
    return record.model_dump(mode="json")


def point_feature(record: ClaimRecord) -> dict[str, Any]:
    """The record as a GeoJSON feature at its point (where the map draws it)."""
    point = {"type": "Point", "coordinates": [record.lon, record.lat]}
    return {"type": "Feature", "id": record.id, "geometry": point, "properties": properties(record)}


# --- The record as a CSV row -------------------------------------------------------------------------------


def needs_quote(text: str) -> bool:
    """Text a spreadsheet would run as a formula, or that would read back as such once its quote is taken off."""
    return text[:1] in FORMULA_STARTS or (text[:1] == "'" and needs_quote(text[1:]))


def spreadsheet_safe(value: str) -> str:
    """Text that a spreadsheet would run as a formula (=, +, -, @) is prefixed with a quote; so is text that
    already starts with such a quote, so that `unquoted` gives back exactly what was written."""
    if needs_quote(value):
        return "'" + value
    return value


def unquoted(cell: str) -> str:
    return cell[1:] if cell[:1] == "'" and needs_quote(cell[1:]) else cell


def cell(value: Any) -> str:
    """One field as one CSV cell (see the module's docstring for the form)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)  # never quoted: a negative number is a number, not a formula
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return spreadsheet_safe(LIST_JOINER.join(value))
    return spreadsheet_safe(str(value))


def cells(record: ClaimRecord) -> dict[str, str]:
    """The record flattened: one cell per field, in the order of the fields."""
    return {name: cell(getattr(record, name)) for name in ClaimRecord.model_fields}


def from_cells(row: Mapping[str, str]) -> ClaimRecord:
    """A CSV row read back into the record: the inverse of `cells` (extra columns are left aside)."""
    values: dict[str, Any] = {}
    for name, field in ClaimRecord.model_fields.items():
        text = unquoted(row[name])
        if typing.get_origin(field.annotation) is list:
            values[name] = text.split(LIST_JOINER) if text else []
        elif text == "" and type(None) in typing.get_args(field.annotation):
            values[name] = None
        else:
            values[name] = text
    return ClaimRecord.model_validate(values)
