"""The interface's catalogues: every marked message is translated into Ukrainian and Russian, with the same named
values, every plural form, and the language's own plural rule; nothing stale is kept.

A message added to the code without its translations fails here, whoever adds it and wherever it stands."""

from __future__ import annotations

import datetime as dt
import gettext
import re
import string
from typing import cast

import pytest
from babel import Locale
from babel.messages.catalog import Catalog, Message
from hypothesis import given
from hypothesis import strategies as st

from geo.language.languages import Language, preferred
from geo.language.upkeep import TEMPLATE, catalogue_file, extracted, read, translated_languages
from geo.language.words import ENGLISH, words_for

EXTRACTED = extracted()


def ids(catalogue: Catalog) -> set[object]:
    return {(message.context, message.id) for message in catalogue if message.id}


def fields(text: str) -> set[str]:
    """The named values a message fills in ("{count}"), by name."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def forms(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple | list) else [message.string]


def test_the_template_holds_every_marked_message_and_no_other() -> None:
    assert ids(read(TEMPLATE)) == ids(EXTRACTED), "run `python -m geo.language update`"


@pytest.mark.parametrize("language", translated_languages())
def test_every_message_is_translated_with_its_named_values(language: Language) -> None:
    catalogue = read(catalogue_file(language), language)
    assert ids(catalogue) == ids(EXTRACTED), "run `python -m geo.language update`"
    for message in catalogue:
        if not message.id:
            continue
        assert not message.fuzzy, f"{language}: {message.id!r} is marked fuzzy (a guess): check it"
        originals = list(message.id) if isinstance(message.id, tuple | list) else [message.id]
        wanted = set().union(*(fields(original) for original in originals))
        assert len(forms(message)) == (catalogue.num_plurals if message.pluralizable else 1), message.id
        for form in forms(message):
            assert form.strip(), f"{language}: {message.id!r} is not translated"
            assert fields(form) <= wanted | {"count"}, f"{language}: {message.id!r} names a value it is not given"
            if not message.pluralizable:  # a plural form may leave out a count its language implies ("one")
                assert fields(form) == wanted, f"{language}: {message.id!r} drops a value"


# Values that name a body or a person from the data or the store: their grammatical gender is unknown.
NAMED_BY_DATA = ("outlet", "outlets", "claimant", "source", "sources", "by", "name", "reporter")
# A past-tense verb, whose ending agrees with its subject's gender in Ukrainian and Russian ("повідомило" would
# need "повідомила" for "Українська правда"); the nouns that end alike are named.
PAST_TENSE = re.compile(r"\w{3,}(?:в|л|ла|ло|ли)$")
NOT_VERBS = {"джерела", "села", "числа", "правила", "дела", "тела", "начала"}


@pytest.mark.parametrize("language", translated_languages())
def test_a_name_from_the_data_is_never_the_subject_of_a_gendered_verb(language: Language) -> None:
    """A name the data gives is written as it comes ("Українська правда", "The Moscow Times", an analyst's name):
    a translation puts it after a label or a noun ("повідомлення: {outlet}"), never beside a past-tense verb that
    would have to agree with a gender nobody knows."""
    problems = []
    for message in read(catalogue_file(language), language):
        for form in forms(message) if message.id else []:
            for name in NAMED_BY_DATA:
                for before, after in re.findall(rf"(\w+)\s+\{{{name}\}}|\{{{name}\}}\s+(\w+)", form):
                    word = (before or after).lower()
                    if PAST_TENSE.search(word) and word not in NOT_VERBS:
                        problems.append(f"{word!r} beside {{{name}}} in {form!r}")
    assert problems == []


@pytest.mark.parametrize("language", translated_languages())
def test_the_plural_rule_is_the_languages_own(language: Language) -> None:
    """The catalogue's formula picks, for every count, the form CLDR names for it (one, few, many)."""
    compiled = cast(gettext.GNUTranslations, words_for(language).translations)
    order = {"uk": ["one", "few", "many"], "ru": ["one", "few", "many"]}[language.value]
    rule = Locale.parse(language.value).plural_form
    for count in range(0, 1200):
        assert order[compiled.plural(count)] == rule(count), count


@given(st.integers(min_value=0, max_value=10**7))
def test_english_counts_are_singular_only_for_one(count: int) -> None:
    text = ENGLISH.ngettext("{count} claim shown", "{count} claims shown", count)
    assert text == (f"{ENGLISH.number(count)} claim shown" if count == 1 else f"{ENGLISH.number(count)} claims shown")


def test_dates_and_numbers_are_written_each_languages_way() -> None:
    day = dt.date(2025, 1, 31)
    assert ENGLISH.date(day) == "31 Jan 2025"
    assert words_for(Language.UK).date(day, "long") == "31 січня 2025\u202fр."
    assert words_for(Language.RU).date(day, "long") == "31 января 2025\u202fг."
    assert ENGLISH.number(10000) == "10,000"
    assert words_for(Language.UK).number(10000) == "10\xa0000"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_english_dates_read_as_the_reports_write_them(day: dt.date) -> None:
    """Day first, the month's common abbreviation ("Sep", not CLDR's British "Sept"), on every day."""
    assert ENGLISH.date(day) == f"{day.day} {day:%b %Y}"
    assert ENGLISH.date(day, "long") == f"{day.day} {day:%B %Y}"


def test_english_month_names_are_the_common_ones_wherever_they_are_taken_from() -> None:
    """The charts take month names from the language's locale: English names September "Sep" there too."""
    assert [ENGLISH.locale.months["format"]["abbreviated"][month] for month in (5, 9)] == ["May", "Sep"]


@given(st.floats(min_value=0, max_value=10**6, allow_nan=False))
def test_a_number_given_its_decimals_always_shows_them(value: float) -> None:
    """One decimal, shown even when it is 0, within half a tenth of the value, in each language's signs."""
    english, ukrainian = ENGLISH.number(value, decimals=1), words_for(Language.UK).number(value, decimals=1)
    assert re.fullmatch(r"\d{1,3}(,\d{3})*\.\d", english), english
    assert abs(float(english.replace(",", "")) - value) <= 0.05 + 1e-6
    assert ukrainian == english.replace(",", "\xa0").replace(".", ",")


def test_an_empty_message_stays_empty_in_every_language() -> None:
    assert {words_for(language).gettext("") for language in Language} == {""}


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("uk-UA", Language.UK),
        ("ru", Language.RU),
        ("ru_RU", Language.RU),
        ("en-US", Language.EN),
        ("de-DE", Language.EN),
        ("", Language.EN),
        (None, Language.EN),
        ("UK", Language.UK),
    ],
)
def test_the_browsers_language_decides_when_the_link_does_not(locale: str | None, language: Language) -> None:
    assert preferred(locale) is language
