"""Search finds a place however a reader's language romanises its Russian or Ukrainian name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.reading.dataset import Dataset
from geo.reading.loading import Place
from geo.selection.romanisation import RUSSIAN_SYSTEMS, UKRAINIAN_SYSTEMS
from geo.selection.search import place_words, words_of


def found_by(query: str, place: Place) -> bool:
    """As SearchIndex.matches judges a claim about the place: every query word begins one of its words."""
    known = place_words(place)
    return all(any(word.startswith(wanted) for word in known) for wanted in words_of(query))


def places_with(bundled: Dataset, field: str) -> list[Place]:
    return [place for place in bundled.places.values() if getattr(place, field)]


@pytest.mark.parametrize("system", RUSSIAN_SYSTEMS, ids=lambda system: system.name)
def test_every_russian_name_is_found_in_every_system(bundled: Dataset, system) -> None:
    places = places_with(bundled, "name_ru")
    assert len(places) >= 27
    for place in places:
        spelt = system.romanise(place.name_ru)
        assert found_by(spelt, place), f"{system.name}: {spelt!r} does not find {place.name}"
        assert found_by(spelt.upper(), place), f"{system.name}: {spelt.upper()!r} does not find {place.name}"


@pytest.mark.parametrize("system", UKRAINIAN_SYSTEMS, ids=lambda system: system.name)
def test_every_ukrainian_name_is_found_in_every_system(bundled: Dataset, system) -> None:
    places = places_with(bundled, "name_uk")
    assert len(places) >= 27
    for place in places:
        spelt = system.romanise(place.name_uk)
        assert found_by(spelt, place), f"{system.name}: {spelt!r} does not find {place.name}"


@given(data=st.data())
def test_a_names_beginning_in_any_system_finds_it(bundled: Dataset, data: st.DataObject) -> None:
    """A reader typing the first letters, in any case, with the accents of their system or without."""
    place = data.draw(st.sampled_from(places_with(bundled, "name_ru")))
    system = data.draw(st.sampled_from(RUSSIAN_SYSTEMS))
    spelt = system.romanise(place.name_ru).split()[0]
    cut = data.draw(st.integers(min_value=min(3, len(spelt)), max_value=len(spelt)))
    query = data.draw(st.sampled_from([spelt[:cut], spelt[:cut].upper(), spelt[:cut].title()]))
    assert found_by(query, place), (system.name, query, place.name)


@pytest.mark.parametrize(
    ("query", "place"),
    [  # as other languages' references write them (Wikipedia article titles, atlases)
        ("Sudža", "Sudzha"),  # Czech, ISO 9
        ("Sudja", "Sudzha"),  # Portuguese
        ("Sudscha", "Sudzha"),  # German
        ("Soudja", "Sudzha"),  # French
        ("Sudża", "Sudzha"),  # Polish
        ("Суджа", "Sudzha"),
        ("Kurtschatow", "Kurchatov"),
        ("Kourtchatov", "Kurchatov"),
        ("Gluschkowo", "Glushkovo"),
        ("Glouchkovo", "Glushkovo"),
        ("Tjotkino", "Tetkino"),
        ("Tyotkino", "Tetkino"),
        ("Obojan", "Oboyan"),
        ("Oboïan", "Oboyan"),
        ("Ryl'sk", "Rylsk"),
        ("Rylʹsk", "Rylsk"),
        ("Bolschoje Soldatskoje", "Bolshoe Soldatskoe"),
        ("Bolshoye Soldatskoye", "Bolshoe Soldatskoe"),
        ("Swerdlikowo", "Sverdlikovo"),
        ("Junakiwka", "Yunakivka"),
        ("Юнаківка", "Yunakivka"),
        ("Юнаковка", "Yunakivka"),
    ],
)
def test_spellings_found_in_other_languages_find_the_place(bundled: Dataset, query: str, place: str) -> None:
    assert found_by(query, bundled.places[place])


def test_a_spelling_does_not_find_another_place(bundled: Dataset) -> None:
    assert not found_by("Sudscha", bundled.places["Kurchatov"])
    assert not found_by("Soudja", bundled.places["Sumy"])


@pytest.mark.parametrize("query", ["Sudža", "Sudja", "Sudscha", "Soudja", "Суджа"])
def test_claims_about_sudzha_are_found_by_any_spelling(bundled: Dataset, query: str) -> None:
    """The claims a search for "Sudzha" finds, whatever the spelling: by their place, or by naming it."""
    index = bundled.search
    wanted = {claim.id for claim in bundled.claims if index.matches(claim, "Sudzha")}
    found = {claim.id for claim in bundled.claims if index.matches(claim, query)}
    assert len(wanted) >= 5
    assert found == wanted
    assert "isw-russia-seized-sudzha" in found


def test_a_ukrainian_places_name_in_ukrainian_romanises_to_its_english_name(bundled: Dataset) -> None:
    """A place in Ukraine is named in English by its Ukrainian name romanised (the national system, or the
    older BGN/PCGN one): a Ukrainian name that does not romanise back to it is mistyped, or another place's."""
    places = [place for place in bundled.places.values() if place.country == "UA"]
    assert places and all(place.name_uk for place in places), "every place in Ukraine has its Ukrainian name"
    for place in places:
        spelt = {" ".join(words_of(system.romanise(place.name_uk))) for system in UKRAINIAN_SYSTEMS}
        assert " ".join(words_of(place.name)) in spelt, (place.name, place.name_uk, spelt)
