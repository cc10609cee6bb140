"""A reviewer's tables of changes and of conflicts read each field by its form's name in the reader's language and
each value as text: a claim's translations as "uk: …", its reports as their fields, never a Python dict or list."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from components.desk.change_cells import FIELDS_OF, cell_text, field_title
from geo.language.languages import Language
from geo.language.words import ENGLISH, Words, words_for
from geo.paths import DATA_DIR
from geo.reading.dataset import load_dataset
from geo.store.registry import shown_fields

READERS = [ENGLISH, words_for(Language.UK), words_for(Language.RU)]
PLAIN = st.text(alphabet="abcdefghijklmnopqrstuvwxyzабвгдеєжзиіїйклмнопрстуфхцчшщьюя 0123456789.-:", max_size=12)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | PLAIN,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(PLAIN, inner, max_size=3),
    max_leaves=12,
)


YES_NO = {"en": ("yes", "no"), "uk": ("так", "ні"), "ru": ("да", "нет")}


@given(VALUES, st.sampled_from(READERS))
def test_a_value_reads_as_text_never_as_pythons_rendering(value: object, words: Words) -> None:
    text = cell_text(value, words)
    assert not re.search(r"[{}\[\]']|\bNone\b", text), text  # no dict, list, quotes of repr, nor "None"
    assert not re.search(r"\b(True|False)\b", text), text  # a flag in the reader's words
    if isinstance(value, str):
        assert text == value
    if isinstance(value, bool):
        assert text == YES_NO[words.language.value][not value]


def test_a_claims_translations_and_reports_read_as_their_parts() -> None:
    reports = [{"outlet": "bbc", "date": "2025-03-13", "url": "https://example.org/a"}, {"outlet": "tass"}]
    assert cell_text({"uk": "Суджу взято", "ru": "Суджа взята"}, ENGLISH) == "uk: Суджу взято, ru: Суджа взята"
    assert cell_text(reports, ENGLISH) == "outlet: bbc, date: 2025-03-13, url: https://example.org/a; outlet: tass"
    assert cell_text({"key_place": True, "verified": False}, words_for(Language.UK)) == "key_place: так, verified: ні"


@pytest.mark.parametrize("words", READERS, ids=lambda words: words.language.value)
def test_every_field_of_a_stored_record_is_named_as_its_form_names_it(words: Words) -> None:
    """Each top-level field a stored claim, source or place holds has a name of its form's, in the reader's
    language: a reviewer never reads 'statement_language' or 'coord_source'."""
    data = load_dataset(DATA_DIR)
    places = json.loads((DATA_DIR / "places" / "settlements.geojson").read_text(encoding="utf-8"))["features"]
    documents = {
        "claim": [json.loads(claim.model_dump_json()) for claim in data.claims],
        "source": [json.loads(source.model_dump_json()) for source in data.sources.values()],
        "place": [shown_fields("place", feature) or {} for feature in places],
    }
    for kind, records in documents.items():
        for name in {name for record in records for name in record}:
            assert name in FIELDS_OF[kind], f"{kind} field {name!r} has no name on its form"
            title = field_title(kind, name, words)
            assert title and "_" not in title, (kind, name, title)
