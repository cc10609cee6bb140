"""The STIX 2.1 export: a bundle the OASIS validator passes, a note and an opinion for every claim, opinions
that follow the grades, ids that stay the same from one export to the next, and text kept as data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import shapely
import stix2
from stix2validator import ValidationOptions, validate_instance

from geo.grading.rule import Relations
from geo.model.confidence import LIKELIHOOD, ConfidenceLevel, Status
from geo.model.locations import resolve
from geo.publishing.export import Made, Selection
from geo.publishing.formats import FORMATS
from geo.publishing.made_words import made_sentence
from geo.publishing.stix import (
    AGREEING,
    CONFIDENCE_OF,
    DISAGREEING,
    EXTERNAL_SOURCE,
    OPINION_OF_LIKELIHOOD,
    opinion_of,
    stix_bundle,
    write_stix,
)
from geo.reading.dataset import Dataset, load_dataset
from tests.conftest import valid_claim, write_claims
from tests.hostile_text import hostile_strings

DAY = dt.date(2025, 1, 31)
NOW = dt.datetime(2026, 12, 6, 9, 30, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.UTC)
WARNING_CODE = re.compile(r"\{(\d+)\}")  # "note--…: {302} External reference …"
OPINIONS = ["strongly-disagree", "disagree", "neutral", "agree", "strongly-agree"]
ACCEPTED_WARNINGS = {
    "103": "ids are UUIDv5 (the specification prefers v4 but allows v5), so a re-export updates, not duplicates",
    "202": "supports / contradicts between notes: a relationship type the specification does not suggest",
    "302": "a report's or a source's link has no hash: a web page has none that stays true",
}


def bundle_json(dataset: Dataset, made: Made | None = None, now: dt.datetime = NOW) -> dict[str, Any]:
    """The bundle of every claim as a platform reads it: through JSON."""
    claims = dataset.by_report
    grades = dataset.grade_all()
    return json.loads(stix_bundle(claims, grades, dataset, made or Made(), now=now).serialize())


def by_type(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [thing for thing in bundle["objects"] if thing["type"] == kind]


def notes_by_claim(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        next(ref["external_id"] for ref in note["external_references"] if ref["source_name"] == EXTERNAL_SOURCE): note
        for note in by_type(bundle, "note")
    }


def validation(bundle: dict[str, Any]) -> tuple[list[str], Counter[str]]:
    """The validator's errors, and its warnings counted by check number, offline (its schemas are in the wheel)."""
    results = validate_instance(bundle, ValidationOptions(version="2.1", enforce_refs=True, silent=True))
    codes = [WARNING_CODE.search(str(warning)) for warning in results.warnings]
    warnings = Counter(code[1] for code in codes if code)
    assert sum(warnings.values()) == len(results.warnings)  # every warning names its check
    return [str(error) for error in results.errors], warnings


def test_the_bundle_of_the_bundled_data_validates(tmp_path: Path, bundled) -> None:
    out = tmp_path / "claims.stix.json"
    write_stix(out, Selection(claims=bundled.by_report, grades=bundled.grade_all(), dataset=bundled, made=Made()))
    bundle = json.loads(out.read_text("utf-8"))
    errors, warnings = validation(bundle)
    assert errors == []
    assert set(warnings) <= set(ACCEPTED_WARNINGS), warnings
    assert bundle["type"] == "bundle" and {thing["spec_version"] for thing in bundle["objects"]} == {"2.1"}
    assert Counter(thing["type"] for thing in bundle["objects"])["relationship"] == warnings["202"]
    parsed = stix2.parse(out.read_text("utf-8"))  # as a platform's STIX library reads it, custom properties and all
    assert [thing.id for thing in parsed.objects] == [thing["id"] for thing in bundle["objects"]]


def test_the_stix_format_is_one_the_export_command_writes() -> None:
    assert FORMATS["stix"] is write_stix


def test_every_claim_has_a_note_with_its_statement_and_an_opinion_with_its_grade(bundled) -> None:
    bundle = bundle_json(bundled)
    grades = bundled.grade_all()
    notes = notes_by_claim(bundle)
    opinions = {opinion["object_refs"][0]: opinion for opinion in by_type(bundle, "opinion")}
    assert sorted(notes) == sorted(claim.id for claim in bundled.claims)
    assert len(opinions) == len(notes)
    identities = {thing["id"]: thing for thing in by_type(bundle, "identity")}
    locations = {thing["id"]: thing for thing in by_type(bundle, "location")}
    for claim in bundled.claims:
        note, grade = notes[claim.id], grades[claim.id]
        assert note["abstract"] == f"#{bundled.numbers[claim.id]}: {claim.statement}"
        assert claim.statement in note["content"] and grade.code in note["content"]
        assert note["authors"] == [bundled.sources[claim.claimant].name]
        named = {identities[ref]["name"] for ref in note["object_refs"] if ref in identities}
        assert named == {bundled.sources[claim.claimant].name} | {
            bundled.sources[report.outlet].name for report in claim.reports
        }
        [place] = [locations[ref] for ref in note["object_refs"] if ref in locations]
        where = resolve(claim.location, bundled.places, bundled.areas)
        assert place["name"] == where.label and place["precision"] == where.radius_km * 1000
        opinion = opinions[note["id"]]
        assert opinion["confidence"] == CONFIDENCE_OF[grade.confidence]
        assert f"Admiralty code: {grade.code} — " in opinion["explanation"]
        assert opinion["explanation"].startswith(f"We have {grade.confidence.value.lower()} confidence")


def test_an_opinion_disagrees_with_a_refuted_claim_and_agrees_with_a_confirmed_one(bundled) -> None:
    """Over every bundled claim's grade on every month's first day as known then, and as known today."""
    months = [dt.date(2024, month, 1) for month in range(7, 13)] + [dt.date(2025, month, 1) for month in range(1, 13)]
    grades = [bundled.grade_all(), *(bundled.grades_known_on(month) for month in months)]
    seen: Counter[str] = Counter()
    for grade in (grade for graded in grades for grade in graded.values()):
        if grade.status is Status.REFUTED:
            assert opinion_of(grade) in DISAGREEING
            seen["refuted"] += 1
        if grade.credibility == 1:
            assert opinion_of(grade) in AGREEING
            seen["confirmed"] += 1
    assert seen["refuted"] > 0 and seen["confirmed"] > 0
    bundle = bundle_json(bundled)
    opinions = {opinion["object_refs"][0]: opinion["opinion"] for opinion in by_type(bundle, "opinion")}
    today = grades[0]
    assert {claim_id: opinions[note["id"]] for claim_id, note in notes_by_claim(bundle).items()} == {
        claim_id: opinion_of(grade) for claim_id, grade in today.items()
    }


def test_the_opinion_rises_with_the_likelihood_and_confidence_with_the_level() -> None:
    ranks = [OPINIONS.index(OPINION_OF_LIKELIHOOD[term]) for term in LIKELIHOOD]  # ICD 203's order, least first
    assert ranks == sorted(ranks) and ranks[0] == 0 and ranks[-1] == len(OPINIONS) - 1
    assert OPINION_OF_LIKELIHOOD[None] == "neutral" == OPINION_OF_LIKELIHOOD["roughly even chance"]
    levels = sorted(ConfidenceLevel, key=lambda level: level.rank)
    assert [CONFIDENCE_OF[level] for level in levels] == sorted(CONFIDENCE_OF.values())
    assert all(0 <= value <= 100 for value in CONFIDENCE_OF.values())


def test_ids_are_the_same_in_two_exports_and_each_is_a_newer_version(bundled) -> None:
    first, second = bundle_json(bundled, now=NOW), bundle_json(bundled, now=LATER)
    assert [thing["id"] for thing in first["objects"]] == [thing["id"] for thing in second["objects"]]
    assert len({thing["id"] for thing in first["objects"]}) == len(first["objects"])
    for old, new in zip(first["objects"], second["objects"], strict=True):
        assert old["created"] == new["created"]
        assert old["modified"] <= new["modified"]
    report = by_type(second, "report")[0]
    assert report["published"] == "2026-12-07T09:30:00Z"
    assert sorted(report["object_refs"]) == sorted(thing["id"] for thing in second["objects"] if thing is not report)


def test_a_changed_claim_keeps_its_ids_and_another_view_is_another_report(bundled) -> None:
    before = bundle_json(bundled)
    claim = bundled.by_id["nk-absent-kursk-front-three-weeks"]
    edited = claim.model_copy(update={"statement": claim.statement + " (edited)"})
    after = bundle_json(dataclasses.replace(bundled, claims=[edited if c is claim else c for c in bundled.claims]))
    note_before, note_after = notes_by_claim(before)[claim.id], notes_by_claim(after)[claim.id]
    assert note_before["id"] == note_after["id"] and note_after["abstract"].endswith("(edited)")
    dated = bundle_json(bundled, Made(as_of=DAY, known_then=True, filters={"side": "ukraine"}))
    assert by_type(dated, "report")[0]["id"] != by_type(before, "report")[0]["id"]
    again = bundle_json(bundled, Made(DAY, True, {"side": "ukraine"}), now=LATER)
    assert by_type(dated, "report")[0]["id"] == by_type(again, "report")[0]["id"]


def test_the_report_says_what_the_export_was_made_with(bundled) -> None:
    made = Made(as_of=DAY, known_then=True, filters={"side": "ukraine"})
    claims = bundled.visible_on(DAY)
    grades = bundled.grades_known_on(DAY)
    story = next(iter(bundled.stories.values()))
    bundle = json.loads(stix_bundle(claims, grades, bundled, made, story=story, now=NOW).serialize())
    report = by_type(bundle, "report")[0]
    assert report["name"] == f"Kursk claims map: {len(claims)} claims on 31 Jan 2025"
    description = report["description"]
    assert made_sentence(made, len(claims), story) in description  # the words every export says it holds in
    assert f"{len(claims)} claims shown on 2025-01-31" in description
    assert "as known then" in description and "filters: side=ukraine." in description
    assert f"story '{story.title}'" in description
    assert '"as_of": "2025-01-31", "known_then": true, "filters": {"side": "ukraine"}' in description
    assert len(notes_by_claim(bundle)) == len(claims)
    errors, _ = validation(bundle)
    assert errors == []  # with enforce_refs: no relationship points outside the bundle


def test_relationships_are_the_rules_support_and_contradiction_between_notes(bundled) -> None:
    bundle = bundle_json(bundled)
    note_of = {note["id"]: claim_id for claim_id, note in notes_by_claim(bundle).items()}
    found = {
        (thing["relationship_type"], frozenset({note_of[thing["source_ref"]], note_of[thing["target_ref"]]}))
        for thing in by_type(bundle, "relationship")
    }
    relations = Relations.of(bundled.claims)
    expected = {
        (kind, frozenset({claim_id, other}))
        for kind, pairs in (("supports", relations.agrees), ("contradicts", relations.disagrees))
        for claim_id, others in pairs.items()
        for other in others
    }
    assert found == expected
    assert {kind for kind, _ in found} == {"supports", "contradicts"}
    hand_links = {
        (kind, frozenset({claim.id, other}))
        for claim in bundled.claims
        for kind, others in (("supports", claim.supports), ("contradicts", claim.contradicts))
        for other in others
    }
    assert hand_links and hand_links <= found  # every link an analyst drew, besides those the rule works out


def test_an_area_claim_carries_its_polygon_and_a_point_inside_it(bundled) -> None:
    bundle = bundle_json(bundled)
    areas = [thing for thing in by_type(bundle, "location") if "x_kursk_map_area_wkt" in thing]
    assert areas
    for location in areas:
        polygon = shapely.from_wkt(location["x_kursk_map_area_wkt"])
        assert polygon.geom_type in {"Polygon", "MultiPolygon"}
        assert polygon.buffer(1e-5).contains(shapely.Point(location["longitude"], location["latitude"]))
        assert location["precision"] > 0 and "the whole area" in location["description"]
        assert set(location["extensions"]) == {by_type(bundle, "extension-definition")[0]["id"]}
    absent = notes_by_claim(bundle)["nk-absent-kursk-front-three-weeks"]
    place = next(thing for thing in by_type(bundle, "location") if thing["id"] in absent["object_refs"])
    assert place["name"] == "Kursk front" and place["precision"] == 40_000


def test_hostile_text_in_a_statement_survives_as_data(data_copy: Path, tmp_path: Path) -> None:
    statements = hostile_strings("statement")
    records = [valid_claim(id=f"hostile-{index}", statement=text) for index, text in enumerate(statements)]
    write_claims(data_copy, records)
    dataset = load_dataset(data_copy)
    out = tmp_path / "hostile.json"
    write_stix(out, Selection(claims=dataset.by_report, grades=dataset.grade_all(), dataset=dataset, made=Made()))
    bundle = json.loads(out.read_text("utf-8"))
    notes = notes_by_claim(bundle)
    for index, text in enumerate(statements):
        note = notes[f"hostile-{index}"]
        claim = dataset.by_id[f"hostile-{index}"]
        assert claim.statement == text.strip() and note["abstract"] == f"#{dataset.numbers[claim.id]}: {text.strip()}"
        assert note["content"].startswith(note["abstract"] + "\n")
    errors, _ = validation(bundle)
    assert errors == []
