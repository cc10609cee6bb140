"""A grade's reasons read whole in each language: every reason the rule can write, for every claim of the bundled
dataset and for generated worlds, is written in Ukrainian and Russian with nothing of the English sentence left in
it — only the names, notes and ids it quotes from the data — and with the same Admiralty letters and digits.

Checked over what the rule writes, not over a list of messages: a new reason, or a new word slipped into one as a
plain English string, fails here in the language that shows it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import pytest
from hypothesis import given, settings

from geo.grading.rule import Grade, Grader
from geo.language.languages import Language
from geo.language.phrase import Joined, Name, Phrase, Value
from geo.language.upkeep import TEMPLATE, read
from geo.language.words import ENGLISH, Words, words_for
from geo.model.claim_text import describe
from geo.model.confidence import CREDIBILITY, LIKELIHOOD, RELIABILITY
from geo.model.records import Claim, Source
from geo.reading.dataset import Dataset
from tests.test_grading import SIDES, SOURCES, worlds

TRANSLATED = [words_for(Language.UK), words_for(Language.RU)]
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
GRADE_MARK = re.compile(r"(?<![\w–])[A-F][1-6]?(?![\w–])|[A-F]–[A-F]")
ARTICLE = re.compile(r"(?:^|\. )A (?=[a-z])")
"""The English article opening a sentence ("A refusal to comment"), which is no Admiralty letter."""
# The model's and the rule's marked words: one of them passed as a plain string would read in English. Messages
# of the page alone (a compass point "E" beside a distance) are not the rule's, whatever data they spell.
MESSAGES = {
    message.id
    for message in read(TEMPLATE)
    if isinstance(message.id, str) and message.id and any(path.startswith("geo/") for path, _ in message.locations)
}
SCALE_WORDS = [*RELIABILITY.values(), *CREDIBILITY.values(), *LIKELIHOOD, "confidence", "graded", "corroborat"]


def quoted(value: Value) -> Iterator[str]:
    """The data a phrase quotes as it is, in every language: names, notes, ids, a statement's own word."""
    if isinstance(value, Phrase):
        for _, inner in value.values:
            yield from quoted(inner)
    elif isinstance(value, Joined):
        for item in value.items:
            yield from quoted(item)
        yield from quoted(value.separator)
    elif isinstance(value, Name):
        yield value.english
        yield from (name for _, name in value.others)
    elif isinstance(value, str):
        yield value


def without_quotes(text: str, phrase: Phrase) -> str:
    for data in sorted(set(quoted(phrase)), key=len, reverse=True):
        if data.strip():
            text = text.replace(data, " ")
    return text


def phrases_of(grade: Grade) -> list[Phrase]:
    return [*grade.why, grade.confidence_why, grade.deciding]


def check_in_every_language(grades: Mapping[str, Grade], sources: Mapping[str, Source]) -> int:
    names = {source.name for source in sources.values()} | set(sources)
    checked = 0
    for claim_id, grade in grades.items():
        for phrase in phrases_of(grade):
            english = phrase.said_in(ENGLISH)
            for words in TRANSLATED:
                check_one(claim_id, phrase, english, words, names)
                checked += 1
    return checked


def check_one(claim_id: str, phrase: Phrase, english: str, words: Words, names: set[str]) -> None:
    said = phrase.said_in(words)
    where = f"{claim_id} in {words.language}: {said!r}"
    assert said.strip() and "{" not in said and "}" not in said, where
    leaked = [data for data in quoted(phrase) if data in MESSAGES - names]  # words passed as a plain string
    assert leaked == [], where
    own_words = without_quotes(said, phrase)
    assert ENGLISH_WORD.findall(own_words) == [], where
    assert not [word for word in SCALE_WORDS if word in own_words], where
    assert sorted(GRADE_MARK.findall(said)) == sorted(GRADE_MARK.findall(ARTICLE.sub("", english))), where


def test_every_reason_of_the_bundled_claims_reads_whole_in_each_language(bundled: Dataset) -> None:
    grades = bundled.grade_all()
    checked = check_in_every_language(grades, bundled.sources)
    assert checked >= len(grades) * 2 * 4  # several reasons per claim, in two languages


@settings(max_examples=60, deadline=None)
@given(worlds())
def test_every_reason_of_a_generated_world_reads_whole_in_each_language(world: list[Claim]) -> None:
    grades = Grader(world, SOURCES, SIDES).grade_all()
    assert check_in_every_language(grades, SOURCES) > 0


@pytest.mark.parametrize(
    ("count", "uk", "ru"),
    [
        (1, "ще 1 першоджерелом", "ещё 1 первоисточником"),
        (2, "ще 2 першоджерелами", "ещё 2 первоисточниками"),
        (5, "ще 5 першоджерелами", "ещё 5 первоисточниками"),
        (21, "ще 21 першоджерелом", "ещё 21 первоисточником"),
    ],
)
def test_a_count_in_a_reason_takes_each_languages_plural_form(count: int, uk: str, ru: str) -> None:
    reason = Phrase.ngettext(
        "Independently corroborated by {count} other origin: {supports}.",
        "Independently corroborated by {count} other origins: {supports}.",
        count,
        supports="ISW, graded B (isw-sudzha)",
    )
    assert uk in reason.said_in(words_for(Language.UK)) and ru in reason.said_in(words_for(Language.RU))
    assert reason.english.startswith(f"Independently corroborated by {count} other origin{'s' if count > 1 else ''}:")


def test_the_english_of_a_reason_is_the_sentence_the_exports_write(bundled: Dataset) -> None:
    grade = bundled.grade_all()["rumod-sudzha-retaken"]
    assert grade.reasons == tuple(str(reason) for reason in grade.why)
    assert grade.reasons[0].startswith("Source: Ministry of Defence of the Russian Federation, graded D (not usually")
    uk = [reason.said_in(words_for(Language.UK)) for reason in grade.why]
    assert uk[0].startswith("Джерело: Міністерство оборони Російської Федерації, оцінка D (зазвичай ненадійне)")
    assert "Незалежно підтверджено ще 2 першоджерелами" in " ".join(uk)


SENTENCE_WORDS = re.compile(
    r"\b(?:We|have|judge|confidence|source|graded|party|exact|approximate|area-wide|within|about|weaker|support"
    r"|Analyst|override|rule|gave|No|likelihood|estimated|true|Retracted|entered|verified|not yet)\b"
)


@pytest.mark.parametrize("words", TRANSLATED, ids=lambda words: words.language.value)
def test_a_claim_in_words_reads_in_the_readers_language(bundled: Dataset, words: Words) -> None:
    """Every sentence describe() writes is the reader's: only the claim's own words and names stay as made."""
    names = {source.name for source in bundled.sources.values()} | set(bundled.places)
    grades = bundled.grade_all()
    for claim in bundled.claims:
        text = describe(claim, grades[claim.id], bundled, words)
        english = describe(claim, grades[claim.id], bundled)
        said = [
            text.confidence_sentence,
            text.likelihood_sentence,
            text.admiralty,
            text.how_sure,
            text.where,
            text.grade_line,
            text.stake,
            text.override,
            text.corroborating_origins,
            text.record,
        ]
        quoted_here = {grades[claim.id].override_rationale, claim.location.note}  # an analyst's own words, as written
        if claim.retraction is not None:
            quoted_here |= {claim.retraction.reason, claim.retraction.by}
        for sentence in said:
            own = sentence
            for name in sorted(names | {words for words in quoted_here if words}, key=len, reverse=True):
                own = own.replace(name, " ")
            assert "{" not in sentence and not SENTENCE_WORDS.findall(own), (claim.id, sentence)
        assert text.code == english.code and text.code in text.grade_line and text.code in text.admiralty
        assert text.statement == english.statement  # the claim's own words
        assert text.claimant == bundled.sources[claim.claimant].name_in(words.language.value)  # the reader's name


def test_a_claim_in_words_is_english_unless_asked(bundled: Dataset) -> None:
    claim = bundled.by_id["rumod-sudzha-retaken"]
    grade = bundled.grade_all()[claim.id]
    english = describe(claim, grade, bundled)
    assert english.grade_line == f"{grade.code} · high confidence · assessed"
    assert english.confidence_sentence.startswith("We have high confidence in this claim: it is confirmed")
    assert english.likelihood_sentence == "We judge it almost certain (95–99%) that the claim is true."
    uk = describe(claim, grade, bundled, words_for(Language.UK))
    ru = describe(claim, grade, bundled, words_for(Language.RU))
    assert uk.grade_line == f"{grade.code} · упевненість висока · оцінено"
    assert uk.confidence_sentence.startswith("Наша впевненість у цій заяві висока: її незалежно підтверджують:")
    assert uk.where == "Суджа — приблизно (у межах 3 км)"
    assert ru.grade_line == f"{grade.code} · уверенность высокая · оценено"
    assert ru.admiralty == f"{grade.code} — источник: обычно ненадёжный; информация: подтверждена другими источниками"
    assert (
        ru.likelihood_sentence == "Вероятность того, что заявление истинно, мы оцениваем так: почти наверняка (95–99%)."
    )
    assert uk.period == "13 бер. 2025\u202fр." and ru.reports[0].day == "13 мар. 2025\u202fг."
