"""Every bundled claim made in English carries a Ukrainian and a Russian translation, so that a reader of either
language is not left with the English alone; each translation keeps every figure of the statement and adds none
(a mistranslated number is the worst error the map can make), and is written in its own alphabet."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.model.records import Claim
from geo.paths import DATA_DIR
from geo.reading.dataset import load_dataset

TRANSLATED_INTO = ("uk", "ru")
GROUP_SEPARATORS = ",\u00a0\u202f\u2009 "  # 1,000 / 1 000 with a no-break, narrow or thin space, or a plain one
NUMBER = re.compile(rf"(?<![0-9])(?:[0-9]{{1,3}}(?:[{GROUP_SEPARATORS}][0-9]{{3}})+(?![0-9])|[0-9]+(?:[.,][0-9]+)?)")
"""A group separator is followed by exactly three digits (so "1,500" is fifteen hundred, as the English writes it);
a point or a comma followed by other digits marks decimals ("63.2" and "63,2" are one number)."""
NOT_IN = {"uk": "ыэъёЫЭЪЁ", "ru": "іїєґІЇЄҐ"}  # letters of the other alphabet


def numbers_in(text: str) -> list[str]:
    """Every number written in the text with digits, in order, written one way: no group separators, a point
    before decimals. A range '3-4' is two numbers; '²' (km²) is no digit."""
    found = []
    for written in NUMBER.findall(text):
        if re.fullmatch(rf"[0-9]{{1,3}}(?:[{GROUP_SEPARATORS}][0-9]{{3}})+", written):
            found.append(re.sub(f"[{GROUP_SEPARATORS}]", "", written))
        else:
            found.append(written.replace(",", "."))
    return found


@cache
def bundled_claims() -> tuple[Claim, ...]:
    return tuple(load_dataset(DATA_DIR).claims)


def made_in_english() -> list[Claim]:
    return [claim for claim in bundled_claims() if claim.statement_language == "en"]


def test_every_bundled_claim_made_in_english_is_translated_into_ukrainian_and_russian() -> None:
    assert len(made_in_english()) >= 76
    missing = [
        f"{claim.id} ({language})"
        for claim in made_in_english()
        for language in TRANSLATED_INTO
        if not claim.translations.get(language, "").strip()
    ]
    assert not missing, f"no translation: {', '.join(missing)}"


@pytest.mark.parametrize("language", TRANSLATED_INTO)
def test_each_translation_keeps_every_figure_of_the_statement_and_adds_none(language: str) -> None:
    checked = 0
    for claim in bundled_claims():
        if language not in claim.translations:
            continue
        stated, translated = set(numbers_in(claim.statement)), set(numbers_in(claim.translations[language]))
        assert translated - stated == set(), f"{claim.id} ({language}): numbers the statement lacks"
        assert stated - translated == set(), f"{claim.id} ({language}): numbers of the statement missing"
        checked += 1
    assert checked >= 76


@pytest.mark.parametrize("language", TRANSLATED_INTO)
def test_each_translation_is_written_in_its_own_alphabet(language: str) -> None:
    for claim in bundled_claims():
        text = claim.translations.get(language, "")
        foreign = sorted({letter for letter in text if letter in NOT_IN[language]})
        assert not foreign, f"{claim.id} ({language}): letters of another alphabet {foreign}"


def grouped(separator: str) -> Callable[[int], str]:
    return lambda value: f"{value:,}".replace(",", separator)


INTEGER_WRITINGS = [str, grouped(","), grouped(" "), grouped("\u00a0"), grouped("\u202f")]


@given(st.integers(0, 10**9), st.sampled_from(INTEGER_WRITINGS), st.integers(1, 99))
def test_a_whole_number_is_one_number_however_its_thousands_are_written(
    value: int, write: Callable[[int], str], other: int
) -> None:
    text = f"about {write(value)} square kilometres, {other} settlements"
    assert numbers_in(text) == [str(value), str(other)]


@given(st.integers(0, 10**6), st.integers(1, 99), st.sampled_from([".", ","]))
def test_a_decimal_is_one_number_with_a_point_or_a_comma(whole: int, hundredths: int, point: str) -> None:
    fraction = f"{hundredths:02d}".rstrip("0")
    written = f"{whole}{point}{fraction}"
    assert numbers_in(f"{written}% of the area") == [str(Decimal(f"{whole}.{fraction}"))]


def test_ranges_and_units_are_read_as_their_numbers() -> None:
    assert numbers_in("3-4 January 2025, 8–13 октября") == ["3", "4", "2025", "8", "13"]
    assert numbers_in("1 263 км² і 93 населені пункти; 63,2% (801 км²)") == ["1263", "93", "63.2", "801"]
    assert numbers_in("of 1,268 square kilometres, 2024, 12 August") == ["1268", "2024", "12"]
