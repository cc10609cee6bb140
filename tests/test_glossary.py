"""The catalogues hold to docs/glossary.md: a status, a confidence level or a workflow state is one word in each
language wherever a label names it, a rejected variant appears nowhere, and Ukrainian writes упевненість or
впевненість by the euphony rule rather than by whichever translator wrote the message.

The table is read from the glossary itself, so a row added there is held here without touching this file."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from babel.messages.catalog import Catalog, Message

from geo.language.languages import Language
from geo.language.upkeep import catalogue_file, read
from geo.paths import DOCS_DIR

GLOSSARY = DOCS_DIR / "glossary.md"
HEADING = "## Names that never vary"
COLUMN = {Language.UK: 1, Language.RU: 2}
UKRAINIAN_VOWELS = set("аеєиіїоуюяАЕЄИІЇОУЮЯ")


@dataclass(frozen=True)
class Name:
    """One row of the glossary's fixed names: the English label, its translations, the variants refused."""

    english: str
    translations: dict[Language, str]
    rejected: tuple[str, ...]


def fixed_names() -> list[Name]:
    """The rows of the glossary's first table, under its heading, header and rule left out."""
    section = GLOSSARY.read_text().split(HEADING, 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")][2:]
    names = []
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        names.append(
            Name(
                english=cells[0],
                translations={language: cells[column] for language, column in COLUMN.items()},
                rejected=tuple(word.strip() for word in cells[3].split(",") if word.strip()),
            )
        )
    return names


NAMES = fixed_names()


def catalogue(language: Language) -> Catalog:
    return read(catalogue_file(language), language)


def texts(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple | list) else [message.string]


def english(message: Message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple | list) else [message.id]


def in_label_position(term: str, text: str) -> bool:
    """The term is the label, opens it before a colon ("Refuted: …"), or is all a key's colon is followed by
    ("solid: refuted", "(hatched: claimed)", "dashed: claimed (one origin)"), rather than standing inside a phrase
    ("ISW: assessed Russian advances") or a sentence, where its translation may be inflected or another word."""
    word = re.escape(term)
    return bool(re.search(rf"(?i)^{word}$|^{word}:|: {word}(?=$|[),;]| \()", text))


def test_the_glossary_names_each_status_confidence_level_and_workflow_state() -> None:
    assert {"Claimed", "Corroborated", "Assessed", "Disputed", "Refuted", "Retracted"} <= {n.english for n in NAMES}
    assert {"High", "Moderate", "Low", "Draft", "In review", "Published"} <= {n.english for n in NAMES}
    for name in NAMES:
        assert all(name.translations.values()), name


@pytest.mark.parametrize("language", list(COLUMN))
def test_the_scales_names_are_the_glossarys(language: Language) -> None:
    """The filter's and the card's names of a status and a confidence level are the glossary's, letter for letter."""
    glossary = {name.english: name.translations[language] for name in NAMES}
    scales = [message for message in catalogue(language) if message.context in {"status", "confidence"}]
    assert len(scales) >= 9
    for message in scales:
        if message.id in glossary:
            assert message.string == glossary[str(message.id)], (message.context, message.id)


@pytest.mark.parametrize("language", list(COLUMN))
def test_a_label_says_each_fixed_name_as_the_glossary_does(language: Language) -> None:
    checked = 0
    for message in catalogue(language):
        if not message.id:
            continue
        for name in NAMES:
            if any(in_label_position(name.english, original) for original in english(message)):
                wanted = name.translations[language].casefold()
                for text in texts(message):
                    assert wanted in text.casefold(), f"{language}: {message.id!r} should say {wanted!r}: {text!r}"
                checked += 1
    assert checked >= 15  # the legends, the filters and the reasons' openings are all reached


@pytest.mark.parametrize("language", list(COLUMN))
def test_no_translation_uses_a_rejected_variant(language: Language) -> None:
    for message in catalogue(language):
        for text in texts(message) if message.id else []:
            for name in NAMES:
                for variant in name.rejected:
                    assert variant.casefold() not in text.casefold(), f"{language}: {text!r} says {variant!r}"


def euphonic_initial(before: str) -> str:
    """у or в before a consonant cluster (Правопис 2019, § 23): в after a vowel, у at the start, after a pause
    (punctuation) or after a consonant."""
    tail = before.rstrip()
    return "в" if tail and tail[-1] in UKRAINIAN_VOWELS else "у"


@pytest.mark.parametrize(
    ("before", "initial"),
    [("", "у"), ("**", "у"), ("{code} · ", "у"), ("{status}, ", "у"), ("рівень ", "у"), ("Наша ", "в")],
)
def test_the_euphony_rule_reads_what_comes_before(before: str, initial: str) -> None:
    assert euphonic_initial(before) == initial


def test_ukrainian_writes_confidence_by_the_euphony_rule() -> None:
    seen = 0
    for message in catalogue(Language.UK):
        for text in texts(message) if message.id else []:
            for match in re.finditer(r"(?<![\w])([УуВв])(певнен\w*)", text):
                wanted = euphonic_initial(text[: match.start()])
                assert match.group(1).casefold() == wanted, f"{match.group(0)!r} in {text!r}: write {wanted}-"
                seen += 1
    assert seen >= 10
