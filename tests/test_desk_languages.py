"""The analyst's desk through the page (AppTest) in Ukrainian and Russian: the bar's buttons, a blank claim form's
fields, a refused save's problems, the review queue with its Publish hint and buttons, and the toast that names the
published claim, each in the reader's language with no English left where a reader needs it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from components.session_keys import claim_form_field
from geo.language.languages import Language
from geo.language.words import words_for
from geo.model.validation_words import CLAIM_FIELDS, PROBLEMS, error_phrase, error_sentence
from geo.store import Store
from geo.workflow.roles import Actor, Role
from tests.conftest import valid_claim
from tests.test_claim_form_page import page_as, said

APP = str(Path(__file__).resolve().parents[1] / "page.py")
ANALYST = Actor("ana@example.org", "Ana Analyst", Role.ANALYST)

EXPECTED = {
    "uk": {
        "new": "Нова заява",
        "registry": "Джерела й населені пункти",
        "statement": "Формулювання — що саме заявлено, одним реченням",
        "save": "Зберегти чернетку",
        "reason": "Причина зміни: обов'язкова",
        "not saved": "Не збережено:",
        "claimant": "Заявник: обов'язкове поле",
        "queue": "Очікують рецензії (1)",
        "hint": "Для «Опублікувати» і «Повернути» потрібна причина",
        "publish": "Опублікувати",
        "published": "№{number} опубліковано.",
    },
    "ru": {
        "new": "Новое заявление",
        "registry": "Источники и населённые пункты",
        "statement": "Формулировка — что именно заявлено, одним предложением",
        "save": "Сохранить черновик",
        "reason": "Причина изменения: обязательна",
        "not saved": "Не сохранено:",
        "claimant": "Заявитель: обязательное поле",
        "queue": "Ожидают рецензии (1)",
        "hint": "Для «Опубликовать» и «Вернуть» нужна причина",
        "publish": "Опубликовать",
        "published": "№{number} опубликовано.",
    },
}


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_a_blank_form_and_a_refused_save_speak_the_readers_language(
    page_store: str, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    expected = EXPECTED[language]
    app = page_as("analyst", monkeypatch, language=language)
    assert app.button(key="new-claim").label == expected["new"]
    assert app.button(key="open-registry").label == expected["registry"]
    app.button(key="new-claim").click().run()
    assert not app.exception, [error.message for error in app.exception]
    assert app.text_area(key=claim_form_field("statement")).label == expected["statement"]
    assert app.button(key=claim_form_field("save")).label == expected["save"]
    assert not app.error  # nothing tried yet: nothing wrong

    app.button(key=claim_form_field("save")).click().run()
    text = said(app)
    assert expected["reason"] in text and expected["not saved"] in text and expected["claimant"] in text
    assert "Not saved" not in text and "Why this change" not in text and "required" not in text
    assert Store(page_store).queue() == []


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_the_queue_its_publish_hint_and_the_toast_speak_the_readers_language(
    page_store: str, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    expected = EXPECTED[language]
    saved = Store(page_store).save_claim(ANALYST, valid_claim(), expected=None, reason="BBC report", submit=True)
    app = page_as("reviewer", monkeypatch, language=language)
    assert expected["queue"] in [expander.label for expander in app.expander]
    assert expected["hint"] in said(app) and "need a reason" not in said(app)
    publish = app.button(key=f"publish-{saved.id}")
    assert publish.label == expected["publish"] and publish.disabled

    app.text_input(key=f"review-reason-{saved.id}").set_value("Checked against the BBC article").run()
    app.button(key=f"publish-{saved.id}").click().run()
    assert not app.exception, [error.message for error in app.exception]
    toasts = [re.sub(r"\\(.)", r"\1", toast.value) for toast in app.toast]
    assert toasts == [expected["published"].format(number=saved.number)]


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        (Language.UK, {1: "1 річ", 2: "2 речі", 5: "5 речей", 21: "21 річ"}),
        (Language.RU, {1: "1 вещь", 2: "2 вещи", 5: "5 вещей", 21: "21 вещь"}),
    ],
)
def test_a_refused_saves_count_takes_each_languages_plural_form(language: Language, forms: dict[int, str]) -> None:
    words = words_for(language)
    for count, form in forms.items():
        said_here = words.ngettext(
            "Not saved: {count} thing needs fixing.", "Not saved: {count} things need fixing.", count
        )
        assert form in said_here, (count, said_here)


@pytest.mark.parametrize("language", [Language.UK, Language.RU])
def test_every_fields_problem_is_said_in_the_readers_language_and_in_english_as_before(language: Language) -> None:
    """Each field the form names and each kind of problem: the sentence a form shows in Ukrainian or Russian has
    neither the English field name nor the English problem, and its English is the store's sentence."""
    words = words_for(language)
    context = {"min_length": 1, "max_length": 9, "gt": 0, "ge": 0, "lt": 9, "le": 9, "expected": "'day'"}
    for pattern, english_name in CLAIM_FIELDS.items():
        where = [0 if step == "*" else step for step in pattern.split(".")]
        for kind in PROBLEMS:
            detail = {"loc": where, "type": kind, "ctx": context, "input": [1] if kind != "missing" else None}
            path, phrase = error_phrase(detail, CLAIM_FIELDS)
            assert error_sentence(detail, CLAIM_FIELDS) == (path, str(phrase))
            sentence = phrase.said_in(words) if not isinstance(phrase, str) else phrase
            name = english_name.format(n=1)
            assert not sentence.startswith(name + ":"), (pattern, kind, sentence)
            assert PROBLEMS[kind].split("{")[0].strip() not in sentence, (pattern, kind, sentence)
