"""The analyst's desk through the page (AppTest) in Ukrainian and Russian: the bar's buttons, a blank claim form's
fields, a refused save's problems, the review queue with its Publish hint and buttons, and the toast that names the
published claim, each in the reader's language with no English left where a reader needs it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from components.session_keys import claim_form_field
from geo.language.languages import Language
from geo.language.phrase import said as refusal_said
from geo.language.words import Words, words_for
from geo.model.validation_words import CLAIM_FIELDS, PROBLEMS, error_phrase, error_sentence
from geo.store import Store
from geo.store.claims import SaveRefusedError
from geo.store.registry import StaleRecordError
from geo.workflow.roles import Actor, NotAllowedError, Role
from tests.conftest import valid_claim
from tests.pages import page_as, said, unescaped
from tests.test_claim_form_page import DAY

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
        "new one": "(новий запис)",
        "when": "коли",
        "moves": "зсуває 3 заяви в Sudzha на 1,9 км",
        "why": "вкажіть причину — кожна зміна записується в журнал разом із нею",
        "saved": "Збережено (версія 2) і надіслано на рецензію: читачі побачать зміну, щойно її опублікує інший "
        "рецензент.",
        "choose": "Де: виберіть населений пункт, точку або територію",
        "not allowed": "У ролі «читач» ви не можете додавати чи змінювати заяви, джерела й населені пункти.",
        "stale": "Джерело bbc змінив хтось інший (версія 2) після вашої версії 1",
        "future": "2999-01-31 — ще не настала",
        "taken id": "'{id}' уже є ідентифікатором заяви №{number}",
        "override": "перевизначення не застосовано: висока впевненість потребує достовірності 1 або 2, а не 4; висока "
        "впевненість потребує незалежного підтвердження і джерела з оцінкою A або B за ним",
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
        "new one": "(новая запись)",
        "when": "когда",
        "moves": "сдвигает 3 заявления в Sudzha на 1,9 км",
        "why": "укажите причину — каждое изменение записывается в журнал вместе с ней",
        "saved": "Сохранено (версия 2) и отправлено на рецензию: читатели увидят изменение, как только его опубликует "
        "другой рецензент.",
        "choose": "Где: выберите населённый пункт, точку или территорию",
        "not allowed": "В роли «читатель» вы не можете добавлять или изменять заявления, источники и населённые "
        "пункты.",
        "stale": "Источник bbc изменил кто-то другой (версия 2) после вашей версии 1",
        "future": "2999-01-31 — ещё не наступила",
        "taken id": "'{id}' уже служит идентификатором заявления №{number}",
        "override": "переопределение не применено: высокая уверенность требует достоверности 1 или 2, а не 4; высокая "
        "уверенность требует независимого подтверждения и источника с оценкой A или B за ним",
    },
}


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_a_blank_form_and_a_refused_save_speak_the_readers_language(
    page_store: str, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    expected = EXPECTED[language]
    app = page_as("analyst", monkeypatch, date=DAY, language=language)
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
    app = page_as("reviewer", monkeypatch, date=DAY, language=language)
    assert expected["queue"] in [expander.label for expander in app.expander]
    assert expected["hint"] in said(app) and "need a reason" not in said(app)
    publish = app.button(key=f"publish-{saved.id}")
    assert publish.label == expected["publish"] and publish.disabled

    app.text_input(key=f"review-reason-{saved.id}").set_value("Checked against the BBC article").run()
    app.button(key=f"publish-{saved.id}").click().run()
    assert not app.exception, [error.message for error in app.exception]
    toasts = [unescaped(toast.value) for toast in app.toast]
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
    context = {
        "min_length": 1,
        "max_length": 9,
        "gt": 0,
        "ge": 0,
        "lt": 9,
        "le": 9,
        "expected": "'day'",
        "letters": "ы",
    }
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


# What a reader of Ukrainian or Russian may still meet in Latin letters on the desk: names (of sources, places,
# areas, people), ids, codes (RU, A–F, YYYY-MM-DD), numbers, links, and claims' own statements. Any other word of
# Latin letters is an English word left in place, and fails here.
LATIN_WORD = re.compile(r"(?<![\w/.@-])[A-Za-z]*[a-z][A-Za-z]+(?![\w/@-])")
NOT_WORDS = re.compile(r":material/\w+:|:(?:red|small|blue|green|orange|grey|violet)\[|https?://\S+|\S+@\S+|\\")
TECHNICAL = {"http", "https", "enter"}  # a link's scheme, a key on the keyboard


def desk_names(store: Store, *more: str) -> list[str]:
    """Every name the desk may show as it is: sources, places, areas, claims' ids and statements, longest first
    (so "BBC News" goes before "BBC")."""
    data = store.load()
    names = [*more, *data.sources]
    names += [name for source in data.sources.values() for name in (source.name, *dict(source.names).values())]
    names += [name for place in data.places.values() for name in (place.name, place.name_ru or "", place.name_uk or "")]
    names += [*data.places, *data.areas, *(area.name for area in data.areas.values())]
    names += [text for claim in data.claims for text in (claim.id, claim.statement, *claim.translations.values())]
    names += [claim.id for claim in store.queue()] + [claim.document["statement"] for claim in store.queue()]
    return sorted({name for name in names if name}, key=len, reverse=True)


def shown_texts(node: Any) -> list[str]:
    """Every text a node and its children show a reader: a dialog's title, labels, options, help and placeholders,
    notices and markdown, tables' headers and cells."""
    texts: list[str] = []
    proto = getattr(node, "proto", None)
    if getattr(node, "type", "") == "dialog" and proto is not None:
        texts.append(proto.dialog.title)
    for name in ("label", "help", "placeholder"):
        value = getattr(node, name, None)
        if isinstance(value, str):
            texts.append(value)
    if getattr(node, "type", "") in {"markdown", "caption", "error", "warning", "info", "success", "toast", "title"}:
        texts.append(str(node.value))
    if getattr(node, "type", "") in {"selectbox", "multiselect", "radio", "button_group"}:
        texts += [str(option) for option in node.options]
    if getattr(node, "type", "") in {"arrow_data_frame", "arrow_table"}:
        frame = node.value
        texts += [str(column) for column in frame.columns] + [str(index) for index in frame.index.names if index]
        texts += [str(cell) for row in frame.itertuples(index=True) for cell in row]
    for child in (getattr(node, "children", None) or {}).values():
        texts += shown_texts(child)
    return texts


def english_left(texts: list[str], names: list[str]) -> list[str]:
    """The texts that still hold an English word once names, links and Markdown's marks are taken out."""
    left = []
    for text in texts:
        label = re.fullmatch(r"#\d+ · (.+)", text)  # a claim offered by its number and its statement's start
        if label and any(name.startswith(label[1]) for name in names):
            continue
        bare = NOT_WORDS.sub(" ", unescaped(text).replace("\u2060", ""))
        for name in names:
            bare = bare.replace(name, " ")
        words = [word for word in LATIN_WORD.findall(bare) if word.lower() not in TECHNICAL]
        if words:
            left.append(f"{text!r}: {words}")
    return left


def blocks(node: Any) -> Iterator[Any]:
    yield node
    for child in (getattr(node, "children", None) or {}).values():
        yield from blocks(child)


DESK_KEYS = ("-analyst-bar", "-registry-queue", "-claim-actions-")


def desk_parts(app: AppTest, words: Words, queued: int) -> list[Any]:
    """The desk as drawn on the page: its dialogs (the event's blocks), the analyst bar, the review queues, and a
    selected claim's actions and history."""
    parts: list[Any] = [app._tree.children[2]] if 2 in app._tree.children else []
    titles = {words.gettext("Waiting for review ({count})", count=words.number(queued)), words.gettext("History")}
    parts += [expander for expander in app.expander if expander.label in titles]
    keyed = [
        block for block in blocks(app.main) if any(key in str(getattr(block.proto, "id", "")) for key in DESK_KEYS)
    ]
    return parts + keyed


REASONS = ("seed", "BBC report", "the full name")  # what people typed: their own words, kept as written


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_no_english_word_is_left_on_the_desk(page_store: str, monkeypatch: pytest.MonkeyPatch, language: str) -> None:
    """The desk's dialogs, bar, queues, a claim's actions and history, a refused and a saved change, for an analyst
    and a reviewer: every label, option, help, notice and table reads in the language, names and codes aside."""
    store = Store(page_store)
    store.save_claim(ANALYST, valid_claim(), expected=None, reason="BBC report", submit=True)
    bbc, version = store.record("source", "bbc") or ({}, 0)
    store.save_source(ANALYST, {**bbc, "name": "BBC World"}, expected=version, reason="the full name")
    sudzha, version = store.record("place", "Sudzha") or ({}, 0)
    moved = {**sudzha, "geometry": {"type": "Point", "coordinates": [35.3, 51.2]}}
    store.save_place(ANALYST, moved, expected=version, reason="the full name")
    words = words_for(Language(language))
    names = desk_names(store, "BBC World", "Ana Analyst", "seeder", *REASONS)
    published = next(claim.id for claim in store.load().claims if claim.id in store.load().lifecycle)
    left: list[str] = []
    seen: list[str] = []

    def look(app: AppTest) -> None:
        assert not app.exception, [error.message for error in app.exception]
        for part in desk_parts(app, words, len(store.queue())):
            seen.extend(unescaped(text) for text in shown_texts(part))
            left.extend(english_left(shown_texts(part), names))

    analyst = page_as("analyst", monkeypatch, date=DAY, language=language, claim=published)
    look(analyst)
    analyst.button(key="open-registry").click().run()
    look(analyst)
    analyst.selectbox(key="registry-source").set_value("bbc").run()
    look(analyst)
    analyst.selectbox(key="registry-place").set_value("Sudzha").run()
    look(analyst)
    analyst.button(key="registry-save-source").click().run()  # no reason given: refused
    look(analyst)
    analyst.selectbox(key="registry-place").set_value("(a new one)").run()
    analyst.text_input(key="registry-place-reason-(a new one)-None").set_value("the full name").run()
    analyst.button(key="registry-save-place").click().run()  # no name: refused
    look(analyst)

    writer = page_as("analyst", monkeypatch, date=DAY, language=language)
    writer.button(key="new-claim").click().run()
    look(writer)
    writer.button(key=claim_form_field("save")).click().run()
    look(writer)

    reviewer = page_as("reviewer", monkeypatch, date=DAY, language=language, claim=published)
    look(reviewer)
    assert sorted(set(left)) == []
    expected = EXPECTED[language]
    for text in (expected["registry"], expected["new one"], expected["when"], expected["moves"], expected["why"]):
        assert any(text in shown for shown in seen), text  # each part above was looked at


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_the_registrys_refusal_and_its_saved_change_are_said_in_the_language(
    page_store: str, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    expected = EXPECTED[language]
    app = page_as("analyst", monkeypatch, date=DAY, language=language)
    app.button(key="open-registry").click().run()
    app.selectbox(key="registry-source").set_value("bbc").run()
    app.button(key="registry-save-source").click().run()  # no reason: refused, nothing saved
    errors = [unescaped(error.value) for error in app.error]
    assert errors == [f"{expected['not saved']} {expected['why']}"]
    assert (Store(page_store).record("source", "bbc") or ({}, 0))[1] == 1  # nothing saved

    app.text_input(key="registry-name-bbc-1").set_value("BBC World")
    app.text_input(key="registry-source-reason-bbc-1").set_value("the full name").run()
    app.button(key="registry-save-source").click().run()
    assert not app.exception, [error.message for error in app.exception]
    assert [unescaped(success.value) for success in app.success] == [expected["saved"]]
    assert not app.error


@pytest.mark.parametrize("language", [Language.UK, Language.RU])
def test_refusals_of_the_model_the_roles_and_the_store_are_said_in_the_language_and_in_english_as_before(
    page_store: str, language: str
) -> None:
    """Each refusal keeps its English (the logs', the command line's) and says itself in the reader's language."""
    words, expected = words_for(language), EXPECTED[language.value]
    store = Store(page_store)
    nowhere = store.check({**valid_claim(), "location": {}})
    [where] = nowhere.problems_on("location")
    assert where.message == "Where: choose a place, a point or an area"
    assert where.said_in(words) == expected["choose"]

    later = valid_claim(id="a-later-claim")
    later["reports"][0]["date"] = "2999-01-31"
    [future] = store.check(later).problems_on("reports")
    assert (future.field, future.message) == ("reports.0.date", "2999-01-31 is in the future")
    assert future.said_in(words) == expected["future"]
    taken = store.load().claims[0]
    [again] = store.check(valid_claim(id=taken.id)).problems_on("id")
    assert again.message == f"'{taken.id}' is already the id of claim #{taken.number}"
    assert again.said_in(words) == expected["taken id"].format(id=taken.id, number=taken.number)

    sure = valid_claim(id="a-sure-claim", override={"confidence": "High", "rationale": "we are quite sure of it"})
    [override] = store.check(sure).problems_on("override")
    assert override.message == (
        "override not applied: high confidence needs credibility 1 or 2, not 4; high confidence needs independent "
        "corroboration and a source graded A or B behind it"
    )
    assert override.said_in(words) == expected["override"]

    viewer = Actor("vic@example.org", "Vic", Role.VIEWER)
    with pytest.raises(NotAllowedError, match=r"^Vic \(viewer\) may not draft$") as refused:
        store.save_claim(viewer, valid_claim(), expected=None, reason="try")
    assert refusal_said(refused.value, words) == expected["not allowed"]

    bbc, version = store.record("source", "bbc") or ({}, 0)
    store.save_source(ANALYST, {**bbc, "name": "BBC World"}, expected=version, reason="the full name")
    stale = r"^source bbc was changed by someone else \(version 2\) after your version 1$"
    with pytest.raises(StaleRecordError, match=stale) as late:
        store.save_source(ANALYST, {**bbc, "note": "late"}, expected=version, reason="a late edit")
    assert refusal_said(late.value, words) == expected["stale"]

    with pytest.raises(SaveRefusedError, match=r"^reason: say why: every change is logged with its reason$") as why:
        store.save_source(ANALYST, bbc, expected=2, reason=" ")
    assert refusal_said(why.value, words) == expected["why"]
