"""Exports stand on their own: every claim on screen with sources, place and grade."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pandas

from components.sharing.standalone import standalone_html
from geo.grading.rule import Grader
from geo.model.records import Affiliation
from geo.publishing import links
from geo.publishing.claim_record import FIELDS
from geo.publishing.export import COLUMNS, Made, claims_csv, claims_geojson, csv_file
from geo.reading.dataset import load_dataset
from geo.selection.filters import ClaimFilter
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


def test_each_export_says_what_it_was_made_with_and_draws_areas_as_polygons(bundled) -> None:
    grades = bundled.grade_all()
    shown = visible_claims(bundled.claims, DAY)
    view = links.View(DAY, filter=ClaimFilter(sides=frozenset({Affiliation.UKRAINE})), known_then=True)
    collection = json.loads(json.dumps(claims_geojson(shown, grades, bundled, Made.of(view))))
    about = collection["metadata"]
    assert (about["as_of"], about["known_then"], about["filters"]) == ("2025-01-31", True, {"side": "ukraine"})
    assert about["claims"] == len(shown) and list(about["fields"]) == list(FIELDS)
    drawn = {feature["id"]: feature["geometry"]["type"] for feature in collection["features"]}
    assert drawn["nk-absent-kursk-front-three-weeks"] == "Polygon"  # about the Kursk front: its area
    assert all(
        (feature["geometry"]["type"] == "Polygon") == (feature["properties"]["area"] is not None)
        for feature in collection["features"]
    )
    assert "Point" in drawn.values()
    frame = pandas.read_csv(io.BytesIO(csv_file(shown, grades, bundled, Made.of(view))))  # as pandas reads a file
    assert list(frame.columns) == COLUMNS and len(frame) == len(shown)
    assert set(frame["as_of"]) == {"2025-01-31"} and set(frame["known_then"]) == {True}
    assert set(frame["filters"]) == {"side=ukraine"}
    assert frame["geometry_wkt"].str.startswith("POLYGON").sum() == sum(kind == "Polygon" for kind in drawn.values())


def test_the_csv_download_reads_as_cyrillic_with_a_byte_order_mark(data_copy) -> None:
    write_claims(data_copy, [valid_claim(statement="Российские войска заняли Суджу.")])
    dataset = load_dataset(data_copy)
    table = csv_file(dataset.claims, dataset.grade_all(), dataset)
    assert table.startswith("\ufeff".encode())  # without it Excel reads UTF-8 as Windows-1252
    assert claims_csv(dataset.claims, dataset.grade_all(), dataset).startswith("id,")  # the table alone has none
    assert pandas.read_csv(io.BytesIO(table))["statement"].tolist() == ["Российские войска заняли Суджу."]
    row = next(csv.DictReader(io.StringIO(table.decode("utf-8-sig"), newline="")))
    assert (
        row["sources"] == "BBC News, 31 Jan 2025 — https://www.bbc.com/news"
        and row["links"] == "https://www.bbc.com/news"
    )
