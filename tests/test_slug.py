"""A new claim's id, made from its statement when the analyst types none, in whatever script it is written.

`slug("Суджа взята ВСУ")` was '': every letter outside ASCII vanished, so a Cyrillic statement got no id, an
accented one lost letters (Café: caf), a decomposed one split its words. Every letter and digit is now spelt
in ASCII (anyascii), and the id is a valid claim id or '' (the form then asks for one), never anything else.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from components.desk.claim_form import slug
from geo.model.records import RecordId
from geo.reading.dataset import Dataset
from geo.workflow.editing import check_claim
from tests.conftest import valid_claim

CLAIM_ID = TypeAdapter(RecordId)
# The alphabets of the claims' languages, and Latin and Greek with their accents; the silent signs apart.
RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщыэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЫЭЮЯ"
UKRAINIAN = "абвгґдеєжзиіїйклмнопрстуфхцчшщюяАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЮЯ"
BELARUSIAN = "ўЎ"
SILENT_SIGNS = "ьъЬЪ"  # soft and hard signs: spelt with an apostrophe, or nothing
LATIN = "".join(chr(code) for code in range(0xC0, 0x180) if chr(code).isalpha())  # Latin-1 and Extended-A
GREEK = "".join(chr(code) for code in range(0x391, 0x3CA) if chr(code).isalpha())
LETTERS = RUSSIAN + UKRAINIAN + BELARUSIAN + LATIN + GREEK + "0123456789"
SEPARATORS = " ,.;:!?—–-'’«»\"()\n\t/"
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120)


def is_claim_id(text: str) -> bool:
    try:
        CLAIM_ID.validate_python(text)
    except ValidationError:
        return False
    return True


def old_slug(text: str) -> str:
    """The rule before transliteration: ASCII text keeps exactly the id it had."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:60].strip("-")


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("Суджа взята ВСУ", "sudzha-vzyata-vsu"),
        ("ЗСУ увійшли в Курську область", "zsu-uviyshli-v-kursku-oblast"),
        ("Подъём флага в Судже", "podem-flaga-v-sudzhe"),
        ("Café crème à Sudzha", "cafe-creme-a-sudzha"),
        ("Café crème".replace("é", "e\u0301").replace("è", "e\u0300"), "cafe-creme"),  # decomposed accents
        ("Straße nach Kursk", "strasse-nach-kursk"),
        ("Ελληνικά νέα", "ellinika-nea"),
        ("１２ km from Sudzha", "12-km-from-sudzha"),
        ("North Korean troops were seen near Sudzha.", "north-korean-troops-were-seen-near-sudzha"),
        ("Putin's men", "putin-s-men"),
    ],
)
def test_a_statement_in_any_script_gives_a_readable_id(statement: str, expected: str) -> None:
    assert slug(statement) == expected


@given(ANY_TEXT)
def test_any_text_gives_a_claim_id_or_nothing(text: str) -> None:
    made = slug(text)
    assert made == "" or (is_claim_id(made) and len(made) <= 60)


@given(st.text(st.sampled_from(LETTERS + SILENT_SIGNS + SEPARATORS), max_size=120))
def test_letters_never_vanish(text: str) -> None:
    """Every letter of these alphabets but the silent signs gives at least one ASCII letter; words stay words."""
    made = slug(text)
    words = [word for word in re.split(f"[{re.escape(SEPARATORS)}]+", text) if word.strip(SILENT_SIGNS)]
    sounded = sum(1 for letter in text if letter in LETTERS and letter not in SILENT_SIGNS)
    assert (made == "") == (sounded == 0)
    if made and len(made) < 60:  # not cut short
        assert len(made.split("-")) == len(words)
        assert len(made.replace("-", "")) >= sounded


@given(st.text(st.characters(codec="ascii"), max_size=120))
def test_ascii_text_keeps_the_id_it_had(text: str) -> None:
    assert slug(text) == old_slug(text)


@given(ANY_TEXT)
def test_the_same_text_in_composed_or_decomposed_form_gives_one_id(text: str) -> None:
    assert slug(unicodedata.normalize("NFD", text)) == slug(unicodedata.normalize("NFC", text)) == slug(text)


@pytest.mark.parametrize("statement", ["🔥🔥🔥", "!!! ???", "", "   ", "\u0301\u0301"])
def test_a_statement_with_nothing_to_spell_is_refused_a_made_up_id(statement: str, bundled: Dataset) -> None:
    """No id is made from nothing: the claim is not saved and the form asks for one on the id field."""
    assert slug(statement) == ""
    checked = check_claim(valid_claim(id=slug(statement)), bundled)
    assert not checked.valid
    assert checked.on("id") == ["Id: required"]
