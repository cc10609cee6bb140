"""The claims as a STIX 2.1 bundle, for threat-intelligence platforms (OpenCTI, MISP and the like).

What the bundle holds:

- one `report` for the export: its description says what it holds and what it was made with (the map's
  date, "known then", the filters, the story); `published` is when it was exported; it refers to every
  other object.
- an `identity` for each claimant and outlet: identity_class from the source's kind, its side, reliability
  and note in the description, its side also as the code `x_kursk_map_affiliation`.
- a `location` for each place, point or area the claims are about: latitude and longitude of the point the
  map draws, `precision` (metres: how far the true location may lie from it) and the same in words. STIX 2.1
  has no polygon location (a location is a point, a region, a country or an address), so an area's
  location is the point the map draws inside it (not its centroid, which a concave area need not hold)
  and its polygon goes, as WGS 84 WKT, in `x_kursk_map_area_wkt`.
- a `note` for each claim: abstract "#N: statement", content the claim in the words the panel shows
  (geo.model.claim_text.describe), authors the claimant whose statement it records, referring to the
  claimant's and outlets' identities, the location and the report; the claim's id is its external id
  (source_name "kursk-claims-map") and each report's link an external reference.
- an `opinion` on each claim's note, carrying the grade (`OPINION_OF_LIKELIHOOD`, `opinion_of`,
  `CONFIDENCE_OF`): explanation = the confidence sentence, the likelihood sentence, the Admiralty code
  with its words, and an analyst's override if any.
- a `relationship` for each pair of exported claims that support or contradict each other, as the grading
  rule reads the links (geo.grading.rule.Relations: symmetric, shared across a claim's assertion group,
  figures compared by value), from the claim with the smaller id to the other, relationship_type
  "supports" or "contradicts". STIX 2.1 lets a relationship_type be any lowercase hyphenated word (it
  SHOULD be one the specification suggests for the two objects' types; none is suggested between notes),
  and the validator accepts it, with a best-practice warning.

The two custom properties are declared by an `extension-definition` (a toplevel-property-extension), the
way STIX 2.1 asks custom properties to be made known; platforms that do not know it keep or ignore them.

Ids are UUIDv5 from the record's id and NAMESPACE (never the one the specification reserves), so a
re-export gives every object the id it had and a platform updates it rather than adding a second one; the
specification prefers UUIDv4 but allows this. `created` is CREATED for every object (STIX asks that it
never change between versions, and the map has no creation time stable for every record) and `modified`
the time of the export, so each export is a newer version of what it re-exports.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from pathlib import Path

import shapely
import stix2

from geo.grading.rule import Grade, Relations
from geo.model.claim_text import ClaimText, day, describe
from geo.model.confidence import RELIABILITY, ConfidenceLevel, Status
from geo.model.records import Claim, Source, SourceKind
from geo.model.stories import Story
from geo.publishing.claim_record import source_line
from geo.publishing.export import WKT_DECIMALS, Made, Selection
from geo.publishing.made_words import made_sentence
from geo.reading.dataset import Dataset

NAMESPACE = uuid.UUID("1c7e3f0a-5d2b-4a8e-9f61-0b4d2c8a7e35")
"""The UUIDv5 namespace of every id this export gives: fixed, so ids are the same in every export."""
CREATED = dt.datetime(2026, 12, 5, tzinfo=dt.UTC)
"""Every object's `created`: the day this export was first written, before which none of its objects existed."""
MAP_NAME = "Kursk claims map"
EXTERNAL_SOURCE = "kursk-claims-map"  # source_name of a claim's id among a note's external references

OPINION_OF_LIKELIHOOD: dict[str | None, str] = {
    "almost no chance": "strongly-disagree",
    "very unlikely": "strongly-disagree",
    "unlikely": "disagree",
    "roughly even chance": "neutral",
    None: "neutral",  # no likelihood can be estimated
    "likely": "agree",
    "very likely": "strongly-agree",
    "almost certain": "strongly-agree",
}
"""STIX's opinion (how far the producer agrees the claim is true) from the claim's ICD 203 likelihood."""
DISAGREEING = ("strongly-disagree", "disagree")
AGREEING = ("agree", "strongly-agree")

CONFIDENCE_OF = {ConfidenceLevel.LOW: 15, ConfidenceLevel.MODERATE: 50, ConfidenceLevel.HIGH: 85}
"""STIX `confidence` (0-100) from our confidence level, by the specification's None/Low/Med/High scale
(STIX 2.1 Appendix A): Low 15, Med 50, High 85."""

IDENTITY_CLASS = {SourceKind.MAPPING_PROJECT: "group", SourceKind.OTHER: "unknown"}
"""STIX identity_class by a source's kind; every other kind is an organization."""
SECTORS = {
    SourceKind.NEWS_OUTLET: "communications",
    SourceKind.NEWS_AGENCY: "communications",
    SourceKind.STATE_MEDIA: "communications",
    SourceKind.GOVERNMENT: "government-national",
    SourceKind.LEGISLATURE: "government-national",
    SourceKind.INTELLIGENCE: "government-national",
    SourceKind.MILITARY: "defense",
}
"""STIX industry sector (its open vocabulary) by a source's kind, where one fits."""


def stix_id(kind: str, key: str) -> str:
    """A STIX id that is the same in every export for the same record: `kind--UUIDv5(kind:key)`."""
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


MAP_IDENTITY = stix2.Identity(
    id=stix_id("identity", "the-map"),
    name=MAP_NAME,
    identity_class="system",
    description="Claims about the 2024-25 Kursk incursion, each graded in the NATO Admiralty code with its reasons.",
    created=CREATED,
    modified=CREATED,
)
EXTENSION = stix2.ExtensionDefinition(
    id=stix_id("extension-definition", "properties"),
    created_by_ref=MAP_IDENTITY.id,
    name=f"{MAP_NAME} properties",
    description="Two properties STIX 2.1 has no place for.",
    schema=(
        "x_kursk_map_affiliation (on an identity): the source's side, one of ukraine, russia, north-korea, "
        "third-party-government, independent. x_kursk_map_area_wkt (on a location): the polygon of the area "
        "a claim is about, as WKT in WGS 84 (longitude latitude); the location's latitude and longitude are "
        "a point inside it."
    ),
    version="1.0.0",
    extension_types=["toplevel-property-extension"],
    extension_properties=["x_kursk_map_affiliation", "x_kursk_map_area_wkt"],
    created=CREATED,
    modified=CREATED,
)
EXTENDED = {EXTENSION.id: {"extension_type": "toplevel-property-extension"}}


def opinion_of(grade: Grade) -> str:
    """How far the map agrees the claim is true: its likelihood read on STIX's five steps. A refuted claim
    never reads above "disagree" and a confirmed one (credibility 1) never below "agree", whatever its
    likelihood; a retracted claim, withdrawn from the record, is "neutral"."""
    if grade.status is Status.RETRACTED:
        return "neutral"
    opinion = OPINION_OF_LIKELIHOOD[grade.likelihood]
    if grade.status is Status.REFUTED and opinion not in DISAGREEING:
        return "disagree"
    if grade.credibility == 1 and opinion not in AGREEING:
        return "agree"
    return opinion


def identity(source: Source, dataset: Dataset, roles: list[str], now: dt.datetime) -> stix2.Identity:
    parent = dataset.sources.get(source.part_of or "")
    side = f"{source.affiliation.label} ({'a party to the conflict' if source.affiliation.is_party else 'not a party'})"
    words = [
        f"{source.kind.value.replace('-', ' ').capitalize()}. Side: {side}.",
        f"Reliability (Admiralty): {source.reliability}, {RELIABILITY[source.reliability]}.",
        source.reliability_note,
        f"Part of {parent.name}." if parent else "",
        source.note,
    ]
    sector = SECTORS.get(source.kind)
    return stix2.Identity(
        id=stix_id("identity", source.id),
        name=source.name,
        identity_class=IDENTITY_CLASS.get(source.kind, "organization"),
        description=" ".join(word for word in words if word),
        roles=roles,
        sectors=[sector] if sector else None,
        external_references=[{"source_name": source.name, "url": source.url}] if source.url else None,
        x_kursk_map_affiliation=source.affiliation.value,
        extensions=EXTENDED,
        created_by_ref=MAP_IDENTITY.id,
        created=CREATED,
        modified=now,
    )


def location(claim: Claim, text: ClaimText, now: dt.datetime) -> stix2.Location:
    """Where a claim is, keyed by what it names (a place, an area, or a point with its note) and how precisely."""
    place, where = text.place, claim.location
    ref = where.place or where.area or (f"{where.point.lat},{where.point.lon}:{place.label}" if where.point else "")
    kind = "place" if where.place else "area" if where.area else "point"
    words = f"{text.where}."
    wkt = None
    if place.area is not None:
        wkt = shapely.to_wkt(place.area, rounding_precision=WKT_DECIMALS)
        words += (
            " The claim is about the whole area; STIX 2.1 has no polygon location, so this is the point the map "
            "draws inside it, and the polygon is in x_kursk_map_area_wkt (WKT, WGS 84)."
        )
    return stix2.Location(
        id=stix_id("location", f"{kind}:{ref}:{place.radius_km:g}"),
        name=place.label,
        description=words,
        latitude=round(place.lat, 5),
        longitude=round(place.lon, 5),
        precision=place.radius_km * 1000,
        **({"x_kursk_map_area_wkt": wkt, "extensions": EXTENDED} if wkt else {}),
        created_by_ref=MAP_IDENTITY.id,
        created=CREATED,
        modified=now,
    )


def note_content(text: ClaimText) -> str:
    """The claim as the panel tells it, in plain text."""
    lines = [
        f"#{text.number}: {text.statement}",
        f"Claimed by {text.claimant} ({text.claimant_side}, {text.stake}); first reported {day(text.first_reported)}.",
        f"About: {text.period} (known to the {text.period_precision}). Category: {text.category}.",
        f"Where: {text.where}." + (f" {text.place_note}" if text.place_note not in ("", text.place.label) else ""),
        f"Grade: {text.admiralty}; {text.status}; {text.confidence.lower()} confidence.",
        text.confidence_sentence,
        text.likelihood_sentence,
        *([text.override] if text.override else []),
        "Why this grade:",
        *(f"- {reason}" for reason in text.grade.reasons),
        "Reported by:",
        *(f"- {source_line(report)}" for report in text.reports),
        f"On the record: {text.state or ('Retracted' if text.retraction else 'Published')}.",
        *(line for line in (text.retraction, text.record) if line),
    ]
    return "\n".join(lines)


def explanation(text: ClaimText) -> str:
    """Why the grade, in the panel's words: confidence, likelihood, the Admiralty code and any override."""
    parts = [text.confidence_sentence, text.likelihood_sentence, f"Admiralty code: {text.admiralty}."]
    return " ".join([*parts, *([text.override] if text.override else [])])


def claim_objects(
    claim: Claim, text: ClaimText, report_id: str, now: dt.datetime
) -> tuple[stix2.Note, stix2.Opinion, stix2.Location]:
    """A claim's note, the opinion on it that carries its grade, and its location."""
    place = location(claim, text, now)
    outlets = [stix_id("identity", report.outlet) for report in claim.reports]
    refs = list(dict.fromkeys([stix_id("identity", claim.claimant), *outlets, place.id, report_id]))
    references = [{"source_name": EXTERNAL_SOURCE, "external_id": claim.id, "description": f"claim #{text.number}"}]
    references += [
        {"source_name": outlet.outlet, "url": outlet.url, "description": f"{outlet.outlet}, {outlet.day}"}
        for outlet in text.reports
        if outlet.url
    ]
    note = stix2.Note(
        id=stix_id("note", claim.id),
        abstract=f"#{text.number}: {text.statement}",
        content=note_content(text),
        authors=[text.claimant],
        object_refs=refs,
        labels=[claim.category.value, text.status],
        external_references=references,
        created_by_ref=MAP_IDENTITY.id,
        created=CREATED,
        modified=now,
    )
    opinion = stix2.Opinion(
        id=stix_id("opinion", claim.id),
        opinion=opinion_of(text.grade),
        explanation=explanation(text),
        authors=[MAP_NAME],
        confidence=CONFIDENCE_OF[text.grade.confidence],
        object_refs=[note.id],
        created_by_ref=MAP_IDENTITY.id,
        created=CREATED,
        modified=now,
    )
    return note, opinion, place


def relationships(claims: list[Claim], dataset: Dataset, made: Made, now: dt.datetime) -> list[stix2.Relationship]:
    """Support and contradiction between the exported claims, as the grading rule reads the links: among
    every claim known by the export's date (a link through a claim not exported still counts)."""
    exported = {claim.id for claim in claims}
    known = [
        claim
        for claim in dataset.claims
        if not made.known_then or made.as_of is None or claim.first_reported <= made.as_of
    ]
    relations = Relations.of(known, made.as_of)
    found = []
    for kind, pairs, words in (
        ("supports", relations.agrees, "agree"),
        ("contradicts", relations.disagrees, "contradict each other"),
    ):
        for first in sorted(exported & set(pairs)):
            for second in sorted(set(pairs[first]) & exported):
                if first < second:
                    same = kind == "supports" and second in relations.groups.get(first, ())
                    numbers = f"#{dataset.numbers[first]} and #{dataset.numbers[second]}"
                    found.append(
                        stix2.Relationship(
                            id=stix_id("relationship", f"{kind}:{first}:{second}"),
                            relationship_type=kind,
                            source_ref=stix_id("note", first),
                            target_ref=stix_id("note", second),
                            description=f"Claims {numbers} {'assert the same thing' if same else words}.",
                            created_by_ref=MAP_IDENTITY.id,
                            created=CREATED,
                            modified=now,
                        )
                    )
    return found


def report_description(made: Made, story: Story | None, count: int) -> str:
    """What the export holds and what it was made with, for the report's description."""
    return (
        f"{made_sentence(made, count, story)} Each claim is a note (its statement "
        "and the map's words for it) with an opinion carrying its grade (Admiralty code, confidence and likelihood, "
        "with the reasons), the identities of its claimant and outlets and its location; relationships say which "
        f"claims support or contradict each other. Made with: {json.dumps(made.metadata(), ensure_ascii=False)}"
    )


def stix_bundle(
    claims: list[Claim],
    grades: Mapping[str, Grade],
    dataset: Dataset,
    made: Made,
    *,
    story: Story | None = None,
    now: dt.datetime | None = None,
) -> stix2.Bundle:
    """The bundle of the claims; `now` is when it is made (its `published` and every `modified`)."""
    now = max(now or dt.datetime.now(dt.UTC), CREATED)  # a clock set before CREATED must not break the export
    view = json.dumps({**made.metadata(), "story": story.id if story else None}, sort_keys=True)
    report_id = stix_id("report", view)
    texts = {claim.id: describe(claim, grades[claim.id], dataset) for claim in claims}
    objects: dict[str, object] = {MAP_IDENTITY.id: MAP_IDENTITY, EXTENSION.id: EXTENSION}
    roles: dict[str, list[str]] = {}
    for claim in claims:
        roles.setdefault(claim.claimant, []).append("claimant")
        for report in claim.reports:
            roles.setdefault(report.outlet, []).append("outlet")
    for source_id, named in sorted(roles.items()):
        source = dataset.sources[source_id]
        objects[stix_id("identity", source_id)] = identity(source, dataset, sorted(set(named)), now)
    for claim in claims:
        note, opinion, place = claim_objects(claim, texts[claim.id], report_id, now)
        objects |= {place.id: place, note.id: note, opinion.id: opinion}
    for relationship in relationships(claims, dataset, made, now):
        objects[relationship.id] = relationship
    report = stix2.Report(
        id=report_id,
        name=f"{MAP_NAME}: {len(claims)} claims" + (f" on {day(made.as_of)}" if made.as_of else ""),
        description=report_description(made, story, len(claims)),
        published=now,
        report_types=["threat-report"],
        object_refs=list(objects),
        created_by_ref=MAP_IDENTITY.id,
        created=CREATED,
        modified=now,
    )
    return stix2.Bundle(*objects.values(), report, id=stix_id("bundle", f"{view}:{now.isoformat()}"), allow_custom=True)


def write_stix(out: Path, selection: Selection) -> None:
    """The bundle as a JSON file (UTF-8, so Cyrillic names read as written)."""
    bundle = stix_bundle(
        list(selection.claims), selection.grades, selection.dataset, selection.made, story=selection.story
    )
    out.write_text(bundle.serialize(indent=1, ensure_ascii=False), "utf-8")  # not pretty=True: 500 times slower
