"""A claim keeps its statement in the language it was made in, with optional translations: a reader of another
language is given one under "Translation:", never the statement replaced; the record carries both."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from components.escaping import markdown_text
from geo.language.languages import Language
from geo.language.words import ENGLISH, words_for
from geo.model.claim_text import translation_for
from geo.model.records import Claim
from geo.publishing.claim_record import cell, claim_record, from_cells
from geo.reading.dataset import load_dataset
from tests.conftest import valid_claim, write_claims
from tests.test_app import panel_text, start

RUSSIAN = "Российские войска вернули контроль над Суджей."
TRANSLATIONS = {"en": "Russian forces retook Sudzha.", "uk": "Російські війська повернули контроль над Суджею."}


def made_in_russian(**changes: object) -> dict:
    return valid_claim(**{"statement": RUSSIAN, "statement_language": "ru", "translations": TRANSLATIONS, **changes})


def test_a_reader_of_another_language_is_given_the_translation_and_the_statement_stays() -> None:
    claim = Claim.model_validate(made_in_russian())
    assert claim.statement == RUSSIAN
    assert translation_for(claim, words_for(Language.UK)) == TRANSLATIONS["uk"]
    assert translation_for(claim, ENGLISH) == TRANSLATIONS["en"]
    assert translation_for(claim, words_for(Language.RU)) == ""  # read as made
    english_only = Claim.model_validate(made_in_russian(translations={"en": TRANSLATIONS["en"]}))
    assert translation_for(english_only, words_for(Language.UK)) == TRANSLATIONS["en"]  # the working language
    made_in_english = Claim.model_validate(valid_claim(translations={"ru": "Войска КНДР видели под Суджей."}))
    assert translation_for(made_in_english, words_for(Language.UK)) == ""


def test_a_translation_into_the_statements_own_language_or_an_unknown_one_is_refused() -> None:
    with pytest.raises(ValidationError, match="the statement is already in ru"):
        Claim.model_validate(made_in_russian(translations={"ru": RUSSIAN}))
    with pytest.raises(ValidationError, match="statement_language"):
        Claim.model_validate(made_in_russian(statement_language="de"))


def test_the_record_carries_the_language_and_the_translations_through_csv(data_copy: Path) -> None:
    write_claims(data_copy, [made_in_russian()])
    data = load_dataset(data_copy)
    claim = data.by_id["test-claim"]
    record = claim_record(claim, data.grade_all()[claim.id], data)
    assert record.statement == RUSSIAN and record.statement_language == "ru"
    assert record.translations == [f"en: {TRANSLATIONS['en']}", f"uk: {TRANSLATIONS['uk']}"]
    row = {name: cell(getattr(record, name)) for name in type(record).model_fields}
    assert from_cells(row) == record


@pytest.mark.parametrize(
    ("lang", "shown"),
    [("uk", f"*Переклад:* {markdown_text(TRANSLATIONS['uk'])}"), ("en", "*Translation:* Russian forces"), ("ru", None)],
)
def test_the_card_shows_the_translation_under_the_statement(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, lang: str, shown: str | None
) -> None:
    write_claims(data_copy, [made_in_russian()])
    app = start({"date": "2025-01-31", "claim": "test-claim", "lang": lang}, data_copy, monkeypatch)
    text = panel_text(app)
    assert markdown_text(RUSSIAN) in text
    if shown is None:
        assert "Перевод:" not in text
    else:
        assert shown in text
