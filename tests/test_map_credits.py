"""The map's credits in the reader's language: every credit the map can show is keyed by the very HTML the
payload carries, each bundled credit with words of its own is translated, names and licences stay as written,
and a credit from the data is escaped in every language (a layer imported with markup in its credit shows it as
text)."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from components.map.credits import all_credits, credit_words, front_credit
from components.map.payload import MapData, build_map_data
from geo.language.languages import Language
from geo.language.words import ENGLISH, words_for
from geo.reading.dataset import Dataset

OTHER_LANGUAGES = [Language.UK, Language.RU]
NAMES_ONLY = {"geoBoundaries (CC BY 4.0)"}
OWN_NAMES = r"GeoNames|OpenStreetMap|ISW/CTP|DeepStateMap|mini-krowka/mapsite|CC BY 4.0|ODbL"
"""Whose data it is and under what licence, as they name themselves: kept in every language."""
"""Credits made only of names and a licence: the same in every language."""


@pytest.fixture(scope="module")
def built(bundled: Dataset) -> MapData:
    return build_map_data(bundled, bundled.grade_all())


def shown_text(credit_html: str) -> str:
    """What a reader sees of a credit: its text, without the link's tag."""
    return html.unescape(re.sub(r"<[^>]+>", "", credit_html))


def test_the_payload_carries_every_credit_the_words_name(bundled: Dataset, built: MapData) -> None:
    payload = built.payload
    carried = [*payload["attributionHtml"], payload["placesCreditHtml"], *(f["creditHtml"] for f in payload["fronts"])]
    assert sorted(carried) == sorted(all_credits(bundled, ENGLISH))
    for language in OTHER_LANGUAGES:
        assert set(credit_words(bundled, words_for(language))) <= set(carried)


@pytest.mark.parametrize("language", OTHER_LANGUAGES, ids=lambda language: language.value)
def test_each_bundled_credit_with_words_of_its_own_reads_in_the_language(bundled: Dataset, language: Language) -> None:
    translated = credit_words(bundled, words_for(language))
    for english in all_credits(bundled, ENGLISH):
        if shown_text(english) in NAMES_ONLY:
            assert english not in translated, english
            continue
        assert english in translated, f"{shown_text(english)!r} has no {language.value} credit"
        local = shown_text(translated[english])
        assert not re.search(r"\b(public domain|contributors|via|Places|area|advances|derived)\b", local), local
        for name in re.findall(OWN_NAMES, english):
            assert name in local, (name, local)


def test_a_front_layers_credit_keeps_its_link_in_every_language(bundled: Dataset) -> None:
    english = {shown_text(credit): credit for credit in all_credits(bundled, ENGLISH)}
    linked = english["Russian advances: ISW/CTP"]
    assert linked.startswith('<a href="https://understandingwar.org/"')
    for language in OTHER_LANGUAGES:
        assert credit_words(bundled, words_for(language))[linked].startswith('<a href="https://understandingwar.org/"')


@given(st.text(min_size=1, max_size=40), st.sampled_from(list(Language)))
def test_a_credit_from_the_data_is_escaped_in_every_language(bundled: Dataset, text: str, language: Language) -> None:
    snapshot = bundled.fronts[0].model_copy(update={"credit": text})
    credit = front_credit(snapshot, words_for(language))
    inner = credit.split(">", 1)[1].rsplit("</a>", 1)[0]
    assert "<" not in inner and html.unescape(inner) == words_for(language).gettext(text)
