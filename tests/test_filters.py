"""Filters, and which linked claims a viewer can reach without losing the filters."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.grading.rule import Grader, grades_known_on
from geo.model.confidence import ConfidenceLevel
from geo.selection.filters import ClaimFilter, apply, pass_once_followed
from geo.selection.search import SearchIndex, words_of
from tests.test_grading import SOURCES, claim

# y (reported 20 Jan) is confirmed by South Korean intelligence the same day, so it is graded
# High; a contradiction reported on 25 Jan, as well supported, disputes it and brings it down to Moderate.
WORLD = [
    claim("x", "bbc", 1),
    claim("y", "ua-army", 20),
    claim("w", "kr-nis", 20, supports=["y"]),
    claim("z", "paper-1", 25, contradicts=["y"]),
    claim("v", "paper-2", 25, supports=["z"]),
]
HIGH_ONLY = ClaimFilter(min_confidence=ConfidenceLevel.HIGH)


def test_a_later_contradiction_lowers_the_grade_only_from_its_own_date() -> None:
    today = Grader(WORLD, SOURCES).grade_all()
    on_the_20th = grades_known_on(WORLD, SOURCES, dt.date(2025, 1, 20))
    assert today["y"].confidence is ConfidenceLevel.MODERATE
    assert on_the_20th["y"].confidence is ConfidenceLevel.HIGH
    assert "z" not in on_the_20th


def test_known_then_a_later_claim_is_judged_by_the_grades_of_its_own_date() -> None:
    def known_then(day: dt.date) -> dict:
        return grades_known_on(WORLD, SOURCES, day)

    passing = pass_once_followed(WORLD, dt.date(2025, 1, 10), {"x"}, known_then, SearchIndex(SOURCES), HIGH_ONLY)
    assert "y" in passing  # High on 20 Jan, where following the link takes the viewer


def test_with_todays_grades_the_same_claim_would_need_the_filter_cleared() -> None:
    today = Grader(WORLD, SOURCES).grade_all()
    passing = pass_once_followed(WORLD, dt.date(2025, 1, 10), {"x"}, lambda day: today, SearchIndex(SOURCES), HIGH_ONLY)
    assert "y" not in passing


def test_a_claim_the_date_covers_is_judged_on_that_date() -> None:
    def known_then(day: dt.date) -> dict:
        return grades_known_on(WORLD, SOURCES, day)

    on_the_28th = dt.date(2025, 1, 28)
    passing = pass_once_followed(WORLD, on_the_28th, {"x", "y", "w", "z"}, known_then, SearchIndex(SOURCES), HIGH_ONLY)
    shown = {found.id for found in apply(WORLD, known_then(on_the_28th), SearchIndex(SOURCES), HIGH_ONLY)}
    assert passing == shown and "y" not in passing


@pytest.mark.parametrize(
    ("query", "finds", "misses"),
    [
        ("Sudzha", "isw-russia-seized-sudzha", "nk-absent-kursk-front-three-weeks"),
        ("Суджа", "isw-russia-seized-sudzha", "nk-absent-kursk-front-three-weeks"),
        ("sudz", "rumod-sudzha-retaken", "kp-confirms-troops-fought-in-kursk"),
        ("NIS", "nis-nk-casualties-dec-2024", "rumod-sudzha-retaken"),  # the NIS, not "Ministry"
        ("gerasimov", "gerasimov-kursk-fully-liberated", "nk-absent-kursk-front-three-weeks"),
        ("MAKHNOVKA", "zelensky-makhnovka-nk-battalion-losses", "rumod-sudzha-retaken"),
        ("salient", "syrskyi-1000-km2-aug-12", "isw-russia-seized-sudzha"),
        ("nk-absent", "nk-absent-kursk-front-three-weeks", "nk-withdrew-after-heavy-losses"),
        ("kindratenko bbc", "nk-absent-kursk-front-three-weeks", "nis-nk-casualties-dec-2024"),
    ],
)
def test_search_finds_words_and_their_beginnings_in_any_case_accent_or_alphabet(
    bundled, query: str, finds: str, misses: str
) -> None:
    index = bundled.search
    assert index.matches(bundled.by_id[finds], query)
    assert not index.matches(bundled.by_id[misses], query)


def test_accents_fold_away() -> None:
    assert words_of("Tëtkino, Тёткино!") == ["tetkino", "tetkino"]
