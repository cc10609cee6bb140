"""Exports stand on their own: every claim on screen with sources, place and grade."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

from components.sharing.standalone import standalone_html
from geo.grading.rule import Grader
from geo.publishing import links
from geo.publishing.export import claims_csv, claims_geojson
from geo.reading.dataset import load_dataset
from geo.time.timeline import visible_claims
from tests.conftest import valid_claim, write_claims

DAY = dt.date(2025, 1, 31)


def test_geojson_and_csv_carry_sources_places_and_grades(bundled) -> None:
    grades = bundled.grade_all()
    shown = visible_claims(bundled.claims, DAY)
    collection = json.loads(json.dumps(claims_geojson(shown, grades, bundled)))
    assert len(collection["features"]) == len(shown)
    absent = next(
        feature["properties"]
        for feature in collection["features"]
        if feature["properties"]["id"] == "nk-absent-kursk-front-three-weeks"
    )
    assert absent["admiralty_code"] == "C2" and absent["confidence"] == "Moderate"
    assert "https://www.bbc.com/news/articles/cjder8zgk48o" in absent["links"]
    assert absent["uncertainty_km"] == 40 and absent["place"] == "Kursk front"
    rows = list(csv.DictReader(io.StringIO(claims_csv(shown, grades, bundled))))
    assert [row["id"] for row in rows] == [claim.id for claim in shown]
    assert rows[0]["reasons"].startswith("Source: ")


def test_csv_cells_cannot_become_spreadsheet_formulas(data_copy) -> None:
    write_claims(data_copy, [valid_claim(statement='=HYPERLINK("http://evil.example")')])
    dataset = load_dataset(data_copy)
    grades = dataset.grade_all()
    text = claims_csv(dataset.claims, grades, dataset)
    assert "'=HYPERLINK" in text


def test_standalone_html_needs_nothing_from_the_network(bundled) -> None:
    grades = bundled.grade_all()
    shown = visible_claims(bundled.claims, DAY)
    html = standalone_html(bundled, grades, links.View(DAY, "nk-absent-kursk-front-three-weeks"), shown)
    assert not re.search(r'<(script|link)[^>]+(src|href)="', html)  # every script and stylesheet is inline
    assert "KurskMap.init" in html and "window.kcmView" in html
    assert html.count("<article") == len(shown)
    assert "Why this grade" in html and "C1 — fairly reliable source" in html


def test_export_as_known_then_uses_the_grades_of_then(bundled) -> None:
    known = [claim for claim in bundled.claims if claim.first_reported <= DAY]
    then = Grader(known, bundled.sources).grade_all()
    html = standalone_html(bundled, then, links.View(DAY, known_then=True), known)
    assert html.count("<article") == len(known)
    later = next(claim for claim in bundled.claims if claim.id == "nis-nk-no-combat-since-mid-january")
    assert later.statement not in html  # reported after the day, so neither drawn nor listed
