"""The claim form carries the language a statement was made in and its translations: chosen and typed on the form,
checked as every field is, saved, shown again when the claim is reopened, in its history; a translation into the
statement's own language is refused on its field in the reader's words; both stores keep them as they were given."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.session_keys import claim_form_field as key
from geo.store import Store
from geo.workflow.roles import Actor, Role
from tests.conftest import DATA, valid_claim
from tests.pages import page_as, said

CLAIM = "rumod-sudzha-retaken"
ANALYST = Actor("ana@example.org", "Ana Analyst", Role.ANALYST)
UKRAINIAN = "Міноборони Росії заявило, що російські війська повернули контроль над Суджею."
RUSSIAN = "Минобороны России заявило, что российские войска вернули контроль над Суджей."


def editing(monkeypatch: pytest.MonkeyPatch, language: str | None = None) -> AppTest:
    """The page of a local analyst with the claim selected and its form opened by the card's Edit button."""
    app = page_as("analyst", monkeypatch, date="2025-03-16", language=language, claim=CLAIM)
    app.button(key=f"edit-{CLAIM}").click().run()
    assert not app.exception, [error.message for error in app.exception]
    return app


def test_the_language_and_a_translation_are_set_saved_and_shown_again_when_the_claim_is_reopened(
    page_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = editing(monkeypatch)
    language = app.selectbox(key=key("statement-language"))
    assert language.value == "en" and language.options == ["English", "Ukrainian", "Russian"]
    assert [area.label for area in app.text_area if area.key.startswith(key("translation-"))] == [
        "Translation into Ukrainian",
        "Translation into Russian",
    ]  # no box for the statement's own language
    app.text_area(key=key("translation-uk")).set_value(UKRAINIAN)
    app.text_area(key=key("translation-ru")).set_value(RUSSIAN)
    app.text_input(key=key("reason")).set_value("Translations for the Ukrainian and Russian readers")
    app.button(key=key("save")).click().run()
    assert not app.exception and not app.error, said(app)

    store = Store(page_store)
    stored = store.stored_claim(CLAIM).document
    assert stored["statement_language"] == "en" and stored["translations"] == {"uk": UKRAINIAN, "ru": RUSSIAN}
    changed = store.history("claim", CLAIM)[-1]
    assert {"translations"} <= {change["field"] for change in changed.get("changes") or []}

    reopened = editing(monkeypatch)
    assert reopened.text_area(key=key("translation-uk")).value == UKRAINIAN
    assert reopened.text_area(key=key("translation-ru")).value == RUSSIAN
    assert reopened.selectbox(key=key("statement-language")).value == "en"


def test_a_statement_made_in_russian_is_kept_as_made_with_its_english_translation(
    page_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = editing(monkeypatch, "uk")
    assert app.selectbox(key=key("statement-language")).options == ["Англійська", "Українська", "Російська"]
    for made in ("uk", "ru"):  # the bundled translations of the English statement, which a new statement replaces
        app.text_area(key=key(f"translation-{made}")).set_value("")
    app.text_area(key=key("statement")).set_value(RUSSIAN)
    app.selectbox(key=key("statement-language")).set_value("ru").run()
    labels = [area.label for area in app.text_area if area.key.startswith(key("translation-"))]
    assert labels == ["Переклад англійською", "Переклад українською"]
    app.text_area(key=key("translation-en")).set_value("Russia's Defence Ministry said its forces retook Sudzha.")
    app.text_input(key=key("reason")).set_value("The ministry's own words")
    app.button(key=key("save")).click().run()
    assert not app.exception and not app.error, said(app)
    stored = Store(page_store).stored_claim(CLAIM).document
    assert stored["statement"] == RUSSIAN and stored["statement_language"] == "ru"
    assert stored["translations"] == {"en": "Russia's Defence Ministry said its forces retook Sudzha."}


@pytest.mark.parametrize(
    ("language", "refusal"),
    [
        ("uk", "Переклад: твердження вже українською — переклад має бути іншою мовою"),
        ("ru", "Перевод: утверждение уже на украинском языке — перевод нужен на другой язык"),
        ("en", "Translation: the statement is in Ukrainian already: a translation is into another language"),
    ],
)
def test_a_translation_into_the_statements_own_language_is_refused_in_the_readers_words(
    page_store: str, monkeypatch: pytest.MonkeyPatch, language: str, refusal: str
) -> None:
    before = Store(page_store).stored_claim(CLAIM).version
    app = editing(monkeypatch, language)
    app.text_area(key=key("translation-uk")).set_value(UKRAINIAN)
    app.selectbox(key=key("statement-language")).set_value("uk").run()
    assert app.text_area(key=key("translation-uk")).value == UKRAINIAN  # still shown, so it can be moved or cleared
    app.text_input(key=key("reason")).set_value("Made in Ukrainian")
    app.button(key=key("save")).click().run()
    text = said(app)
    assert refusal in text, text
    if language != "en":
        assert "already" not in text and "translation is into" not in text
    assert Store(page_store).stored_claim(CLAIM).version == before  # nothing saved

    app.text_area(key=key("translation-uk")).set_value("").run()  # cleared: the box goes, the save goes through
    assert key("translation-uk") not in [area.key for area in app.text_area]
    app.button(key=key("save")).click().run()
    assert not app.error, said(app)
    stored = Store(page_store).stored_claim(CLAIM).document
    assert stored["statement_language"] == "uk" and set(stored["translations"]) == {"ru"}  # the bundled one kept


def test_both_stores_keep_a_claims_language_and_translations_and_a_sources_names(store_url: str) -> None:
    store = Store(store_url)
    store.import_bundle(DATA, "seeder", "seed")
    translations = {"en": "Russian forces retook Sudzha.", "uk": UKRAINIAN}
    document = valid_claim(statement=RUSSIAN, statement_language="ru", translations=translations)
    saved = store.save_claim(ANALYST, document, expected=None, reason="Made in Russian", submit=False)
    stored = store.stored_claim(saved.id).document
    assert stored["statement_language"] == "ru"
    assert stored["translations"] == translations
    claim = store.load("working").by_id[saved.id]
    assert claim.statement == RUSSIAN and claim.translations == translations

    isw = store.load().sources["isw"]
    assert (isw.name_uk, isw.name_ru) == ("Інститут вивчення війни", "Институт изучения войны")
    document, version = store.record("source", "isw") or ({}, 0)
    changed = {**document, "name_uk": "ISW (Інститут вивчення війни)"}
    store.save_source(ANALYST, changed, expected=version, reason="The Ukrainian press writes the initials too")
    kept, _ = store.record("source", "isw") or ({}, 0)
    assert kept["name_uk"] == "ISW (Інститут вивчення війни)" and kept["name_ru"] == "Институт изучения войны"
