"""The map's words in each language: every message its scripts mark, each plural form by CLDR category, places in
the reader's language where the gazetteer has that name, sent as a part the view names."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from babel import Locale
from hypothesis import given
from hypothesis import strategies as st

from components.map.payload import MapData, build_map_data, claim_detail, view_of
from components.map.protocol import MapWords
from components.map.words_part import script_messages
from components.sharing.standalone import standalone_html
from geo.language.languages import Language
from geo.language.words import ENGLISH, words_for
from geo.model.locations import resolve
from geo.model.records import Location
from geo.publishing import links
from geo.publishing.map_parts import documents_of
from geo.reading.dataset import Dataset


@pytest.fixture(scope="module")
def built(bundled: Dataset) -> MapData:
    return build_map_data(bundled, bundled.grade_all())


WORDS: dict[tuple[int, Language], MapWords] = {}


def words_in(data: MapData, language: Language) -> MapWords:
    """The part holding the map's words in the language, as the browser reads it (parsed once per map)."""
    key = (id(data), language)
    if key not in WORDS:
        WORDS[key] = documents_of(data.parts)[data.words[language]]  # type: ignore[assignment]
    return WORDS[key]


def form(words: MapWords, singular: str, count: int) -> str:
    """The form the browser picks (Intl.PluralRules names the same CLDR category as Babel), filled in."""
    category = Locale.parse(words["locale"].replace("-", "_")).plural_form(count)
    return words["plurals"][singular][category].format(count=count)


def test_the_scripts_mark_their_messages(built: MapData) -> None:
    plain, counted = script_messages()
    assert "Legend" in plain and ("{count} claim shown", "{count} claims shown") in counted
    english = words_in(built, Language.EN)
    assert set(english["messages"]) == set(plain)
    assert all(english["messages"][message] == message for message in plain)


@pytest.mark.parametrize("language", [Language.UK, Language.RU])
def test_every_message_of_the_map_is_in_the_language(built: MapData, language: Language) -> None:
    words, english = words_in(built, language), words_in(built, Language.EN)
    plain, counted = script_messages()
    assert words["language"] == language.value
    assert [message for message in plain if words["messages"][message] == message] == []
    for singular, _ in counted:
        assert set(words["plurals"][singular]) == {"one", "few", "many"}, singular
        assert set(english["plurals"][singular]) == {"one", "other"}, singular


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (Language.EN, ["1 claim shown", "2 claims shown", "5 claims shown", "21 claims shown"]),
        (Language.UK, ["показано 1 заяву", "показано 2 заяви", "показано 5 заяв", "показано 21 заяву"]),
        (
            Language.RU,
            ["показано 1 заявление", "показано 2 заявления", "показано 5 заявлений", "показано 21 заявление"],
        ),
    ],
)
def test_counts_take_the_languages_plural_form(built: MapData, language: Language, expected: list[str]) -> None:
    words = words_in(built, language)
    assert [form(words, "{count} claim shown", count) for count in (1, 2, 5, 21)] == expected


@given(count=st.integers(min_value=0, max_value=10**6))
def test_the_form_for_any_count_is_the_catalogues(built: MapData, count: int) -> None:
    """The category the browser names picks the form the page's own ngettext writes, for any whole number."""
    for language in Language:
        page = words_for(language).translations.ngettext("{count} claim shown", "{count} claims shown", count)
        assert form(words_in(built, language), "{count} claim shown", count) == page.format(count=count)


def test_places_regions_and_layers_are_named_in_the_language(built: MapData) -> None:
    uk, ru, en = (words_in(built, language)["names"] for language in (Language.UK, Language.RU, Language.EN))
    assert en == {}  # English names are the payload's own
    assert uk["Sudzha"] == "Суджа" and ru["Sudzha"] == "Суджа"
    assert uk["Yunakivka"] == "Юнаківка" and ru["Yunakivka"] == "Юнаковка"
    assert uk["Kursk Oblast"] == "Курська область" and ru["Kursk Oblast"] == "Курская область"
    assert uk["Settlements"] == "Населені пункти"
    assert uk["Lgov"] == "Льгов" and ru["Lgov"] == "Льгов"
    assert uk["Makhnovka"] == "Махнівка" and ru["Makhnovka"] == "Махновка"
    assert "Bolshoe Soldatskoe" not in uk  # no Ukrainian source names it yet: the English name stands, never a guess
    assert ru["Bolshoe Soldatskoe"] == "Большое Солдатское"


def test_the_view_names_the_words_of_the_readers_language(bundled: Dataset, built: MapData) -> None:
    """A date step sends the part's name (a few bytes), never the words themselves."""
    uk = words_for(Language.UK)
    day = dt.date(2025, 1, 31)
    view = view_of(bundled, day, None, [], [], words=uk, words_part=built.words[Language.UK])
    assert view["words"] == built.words[Language.UK]
    assert len({built.words[language] for language in Language}) == len(Language)


def test_a_popups_place_and_dates_are_in_the_readers_language(bundled: Dataset) -> None:
    claim = next(claim for claim in bundled.claims if claim.location.place == "Sudzha")
    detail = claim_detail(claim, bundled, words_for(Language.UK))
    assert detail["where"].startswith("Суджа — ")
    assert "р." in detail["period"]  # "31 січ. 2025 р."
    assert claim_detail(claim, bundled)["where"].startswith("Sudzha — ")


@pytest.mark.parametrize("language", [Language.UK, Language.RU], ids=lambda language: language.value)
def test_a_popup_gives_the_statements_translation_to_a_reader_of_another_language(
    bundled: Dataset, language: Language
) -> None:
    """The statement stays as made; a reader of another language is given its recorded translation, a reader of
    the statement's own language none."""
    for claim in bundled.claims:
        recorded = {str(code): text for code, text in claim.translations.items()}
        assert claim_detail(claim, bundled, words_for(language))["translation"] == recorded.get(language.value, "")
        in_english = "" if claim.statement_language == "en" else recorded["en"]
        assert claim_detail(claim, bundled)["translation"] == in_english


def test_a_place_is_labelled_in_the_language_or_in_english(bundled: Dataset) -> None:
    def label(place: str, language: Language) -> str:
        return resolve(Location(place=place), bundled.places, bundled.areas).label_in(words_for(language))

    assert label("Sudzha", Language.UK) == "Суджа"
    assert label("Gornal", Language.UK) == "Горналь (розташування не перевірено)"
    assert label("Gornal", Language.EN) == "Gornal (position unverified)"
    assert label("Lgov", Language.UK) == "Льгов"
    assert label("Bolshoe Soldatskoe", Language.UK) == "Bolshoe Soldatskoe"
    assert label("Bolshoe Soldatskoe", Language.RU) == "Большое Солдатское"
    sudzha = resolve(Location(place="Sudzha"), bundled.places, bundled.areas)
    assert sudzha.precision_in(words_for(Language.UK)) == "точно (у межах 1 км)"
    assert sudzha.precision_in(ENGLISH) == sudzha.precision
    resolved = resolve(Location(place="Gornal"), bundled.places, bundled.areas)
    assert resolved.label == resolved.label_in(ENGLISH)  # English is as it always was


def test_an_exported_map_carries_its_readers_words_inline(bundled: Dataset) -> None:
    """The exported page opens with no server: the view it starts from names the reader's words, which are inline."""
    day = dt.date(2025, 1, 31)
    html = standalone_html(bundled, bundled.grade_all(), links.View(day), [], words_for(Language.RU))
    start = json.loads(re.search(r"window\.kcmView = (\{.*?\});</script>", html).group(1))  # type: ignore[union-attr]
    inline = json.loads(re.search(r'<script type="application/json" id="kcm-parts">(.*?)</script>', html).group(1))  # type: ignore[union-attr]
    words = inline[start["words"]]
    assert words["language"] == "ru" and words["names"]["Sudzha"] == "Суджа"
    assert words["messages"]["Legend"] == "Условные обозначения"
