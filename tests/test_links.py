"""Deep links: every view round-trips through the URL; bad values are dropped and named."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from geo.language.languages import Language
from geo.language.upkeep import extracted
from geo.language.words import words_for
from geo.model.records import RecordId
from geo.publishing import links

# Every key a link may carry (geo/publishing/links.py reads these and no others).
QUERY_KEYS = ("date", "claim", "side", "cat", "conf", "status", "q", "lat", "lon", "zoom", "mode", "story", "step")
QUERY_KEYS += ("known", "compare", "change", "lang")


def test_view_round_trips_through_a_url() -> None:
    view = links.View(dt.date(2025, 1, 30), "nk-absent-kursk-front-three-weeks")
    url = links.to_url(view, "http://localhost:8501/")
    assert url == "http://localhost:8501/?date=2025-01-30&claim=nk-absent-kursk-front-three-weeks"
    parsed = links.parse(dict(parse_qsl(urlsplit(url).query)))
    assert parsed.view == view
    assert parsed.problems == []


def test_empty_view_is_the_bare_address() -> None:
    assert links.to_url(links.View(), "/") == "/"
    assert links.to_query(links.View(dt.date(2025, 1, 1))) == {"date": "2025-01-01"}


def test_bad_values_are_dropped_with_a_reason() -> None:
    parsed = links.parse({"date": "30/01/2025", "claim": "<script>"})
    assert parsed.view == links.View()
    assert any("30/01/2025" in str(problem) for problem in parsed.problems)
    assert any("not a claim id" in str(problem) for problem in parsed.problems)


def test_repeated_keys_take_the_first_value() -> None:
    assert links.parse({"date": ["2025-01-02", "2025-03-04"]}).view.date == dt.date(2025, 1, 2)


# Values a person or an attacker can put in a link that Python's own number parsers take or choke on:
# digits of other scripts ('²', Arabic-Indic, full-width), separators, signs, exponents, nan/inf, and
# numbers too long for `int` (more than 4,300 digits raises ValueError).
HOSTILE_NUMBERS = [
    "²",
    "٣",
    "３",
    "1_0",
    "+3",
    " 3",
    "3 ",
    "1e3",
    "nan",
    "inf",
    "-inf",
    "0x10",
    "9" * 5000,
    "1." + "0" * 5000,
]
NUMBER_KEYS = ("step", "zoom", "lat", "lon", "date")


@pytest.mark.parametrize("value", HOSTILE_NUMBERS)
@pytest.mark.parametrize("key", NUMBER_KEYS)
def test_a_number_that_is_not_plain_ascii_is_dropped_and_named(key: str, value: str) -> None:
    query = {"lat": "51.3", "lon": "35.2", "zoom": "9", key: value}
    parsed = links.parse(query)
    assert getattr(parsed.view, key, None) in (None, False)
    if key in ("lat", "lon", "zoom"):
        assert parsed.view.position is None
    assert parsed.problems, query
    assert all(len(str(problem)) < 200 for problem in parsed.problems)  # a 5,000-digit value is not echoed whole


@given(
    st.dictionaries(
        st.sampled_from(QUERY_KEYS), st.one_of(st.text(max_size=60), st.text("0123456789.-²٣", max_size=6000))
    )
)
def test_no_link_makes_parsing_fail_and_what_is_kept_round_trips(query: dict[str, str]) -> None:
    parsed = links.parse(query)  # never raises, whatever the link holds
    kept = links.to_query(parsed.view)  # what the page writes back (coordinates to 4 decimals)
    again = links.parse(kept)
    assert again.problems == []
    assert links.to_query(again.view) == kept


@pytest.mark.parametrize("language", list(Language))
def test_a_link_carries_the_interface_language(language: Language) -> None:
    view = links.View(dt.date(2025, 1, 31), language=language)
    assert links.parse(links.to_query(view)) == links.ParsedView(view, [])
    assert links.parse({"lang": language.value.upper()}).view.language is language  # typed by hand


def test_a_language_the_map_does_not_speak_is_named_and_left_to_the_browser() -> None:
    parsed = links.parse({"lang": "de"})
    assert parsed.view.language is None
    assert [str(problem) for problem in parsed.problems] == ["ignored lang 'de': expected one of en, uk, ru"]


def test_plain_numbers_are_read() -> None:
    parsed = links.parse({"step": "12", "lat": "-51.25", "lon": "35.5", "zoom": "10", "date": "2025-01-31"})
    assert parsed.problems == []
    assert parsed.view.step == 12 and parsed.view.date == dt.date(2025, 1, 31)
    assert parsed.view.position == links.MapPosition(-51.25, 35.5, 10)


@given(st.text(alphabet="ab9-_A\n ", max_size=8))
def test_a_link_keeps_a_claim_id_exactly_when_the_store_would_accept_it(text: str) -> None:
    """One pattern, read whole: a trailing newline ('sudzha\\n') is no claim id in the link as in the store."""
    try:
        TypeAdapter(RecordId).validate_python(text)
        accepted = True
    except ValidationError:
        accepted = False
    kept = links.parse({"claim": text}).view.claim
    assert (kept == text) == (accepted and text != "")


MARKED = {message.id for message in extracted() if message.id}


@given(
    st.dictionaries(
        st.sampled_from(QUERY_KEYS), st.one_of(st.text(max_size=60), st.text("0123456789.-²٣", max_size=6000))
    )
)
def test_every_problem_a_link_can_have_is_said_in_each_language(query: dict[str, str]) -> None:
    """Whatever a link holds, each problem's message is one the catalogues carry (a new problem written as an
    English sentence fails here), and it reads translated with the link's own value kept as typed."""
    for problem in links.parse(query).problems:
        assert problem.message in MARKED, problem.message
        for language in (Language.UK, Language.RU):
            said = problem.in_words(words_for(language))
            assert said != str(problem), (language, said)
            assert all(value in said for value in problem.values.values())


def test_a_problem_reads_in_ukrainian_and_russian() -> None:
    (problem,) = links.parse({"date": "30/01/2025"}).problems
    assert str(problem) == "ignored date '30/01/2025': expected YYYY-MM-DD"
    assert "30/01/2025" in problem.in_words(words_for(Language.UK)) and "дат" in problem.in_words(
        words_for(Language.UK)
    )
    assert "30/01/2025" in problem.in_words(words_for(Language.RU)) and "дат" in problem.in_words(
        words_for(Language.RU)
    )
