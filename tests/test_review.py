"""What an analyst reviews before publishing: duplicates, stray places, numbers and the grades report."""

from __future__ import annotations

import csv
from pathlib import Path

from geo.reading.dataset import load_dataset
from geo.reading.validate import main as validate_main
from geo.reading.warnings import warnings, write_numbers
from tests.conftest import valid_claim, write_claims


def test_the_bundle_has_no_review_warnings(bundled) -> None:
    assert [str(note) for note in warnings(bundled)] == []


def test_likely_duplicates_are_named_both_ways_round(data_copy: Path, capsys) -> None:
    write_claims(
        data_copy,
        [
            valid_claim(id="first", number=1, statement="North Korean troops were seen near Sudzha on Friday."),
            valid_claim(
                id="second",
                number=2,
                statement="On Friday North Korean troops were seen near the town of Sudzha.",
                reports=[{"outlet": "reuters", "date": "2025-02-01"}],
            ),
            valid_claim(id="other-place", number=3, location={"place": "Kursk"}),
            valid_claim(id="other-origin", number=4, claimant="kr-nis"),
        ],
    )
    assert validate_main([str(data_copy)]) == 0  # warnings need a judgement; they do not fail the check
    err = capsys.readouterr().err
    assert "warning: first: likely the same claim as second (#1 and #2" in err
    assert "other-place" not in err and "other-origin" not in err


def test_numbers_are_kept_and_new_claims_get_the_next_free_one(data_copy: Path) -> None:
    write_claims(
        data_copy,
        [
            valid_claim(id="old", number=7),
            valid_claim(id="older-but-new", reports=[{"outlet": "bbc", "date": "2024-01-01"}]),
            valid_claim(id="newest", reports=[{"outlet": "bbc", "date": "2025-03-01"}]),
            valid_claim(id="clash", number=7),
        ],
    )
    dataset = load_dataset(data_copy)
    assert dataset.numbers == {"old": 7, "older-but-new": 8, "newest": 9}
    assert [issue.record for issue in dataset.issues] == ["clash"]
    assert "number: 7 is already the number of old" in dataset.issues[0].problem
    assert "2 claim(s)" in str(warnings(dataset)[-1])
    assert write_numbers(dataset, data_copy / "claims") == 2
    rewritten = load_dataset(data_copy)
    assert {claim.id: claim.number for claim in rewritten.claims} == {"old": 7, "older-but-new": 8, "newest": 9}
    assert not [note for note in warnings(rewritten) if "no number" in note.problem]


def test_numbers_do_not_move_when_claims_are_added_or_removed(bundled, data_copy: Path) -> None:
    path = data_copy / "claims" / "extra.yaml"
    path.write_text(
        "case: extra\ntitle: Extra\nclaims:\n"
        "- id: added-early\n  statement: An early claim.\n  claimant: bbc\n"
        "  reports: [{outlet: bbc, date: 2024-06-01}]\n  refers_to: {start: 2024-06-01, end: 2024-06-01}\n"
        "  location: {place: Sudzha}\n  category: troop-presence\n"
    )
    grown = load_dataset(data_copy)
    assert {claim_id: grown.numbers[claim_id] for claim_id in bundled.numbers} == bundled.numbers
    assert grown.numbers["added-early"] == max(bundled.numbers.values()) + 1


def test_the_grades_report_has_a_row_per_claim_in_number_order(bundled, tmp_path: Path) -> None:
    report = tmp_path / "grades.csv"
    assert validate_main(["data", "--grades", str(report)]) == 0
    rows = list(csv.DictReader(report.open(encoding="utf-8")))
    assert [row["id"] for row in rows] == sorted(bundled.numbers, key=bundled.numbers.get)
    grades = bundled.grade_all()
    for row in rows:
        grade = grades[row["id"]]
        assert row["admiralty_code"] == grade.code and row["confidence"] == grade.confidence.value
        assert row["corroborated_by"].split() == list(grade.corroborated_by)
        assert row["confidence_why"].startswith(f"We have {grade.confidence.value.lower()} confidence in this claim: ")
