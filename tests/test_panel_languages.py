"""The panel in Ukrainian and Russian (AppTest with `lang=`): its own words translated, counts in the language's
plural form, dates the language's way, filter options named in the language while their values stay the scale's;
and the same page still reads in English by default."""

from __future__ import annotations

import datetime as dt
import re
import tokenize
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components import session_keys
from components.grading_help import rule_in_plain_words
from geo.language.languages import Language
from geo.language.scales import category_name, confidence_name, side_name, status_name
from geo.language.upkeep import python_sources
from geo.language.words import ENGLISH, words_for
from geo.model.confidence import ConfidenceLevel, Status
from geo.model.records import Affiliation, Category
from tests.conftest import REPO, valid_claim, write_claims
from tests.test_app import panel_text, shown_on, start

DAY = dt.date(2025, 1, 31)


def everything_said(app: AppTest) -> str:
    """The panel's markdown, captions, notices, expanders' and widgets' labels, as a reader sees them."""
    parts = [block.value for block in [*app.markdown, *app.caption, *app.warning, *app.info]]
    parts += [expander.label for expander in app.expander]
    parts += [widget.label for widget in [*app.button, *app.toggle, *app.slider, *app.text_input, *app.multiselect]]
    return "\n".join(parts)


UKRAINIAN = [
    "Фільтри",
    "Пошук",
    "Сторона заявника",
    "Показати на карті",
    "Як знали тоді",
    "Упевненість: ",
    "повідомлені до цієї дати, про 90 днів перед нею",
    "Поділитися й експортувати",
    "Графіки: контрольована площа й періоди заяв у часі",
]
RUSSIAN = [
    "Фильтры",
    "Поиск",
    "Сторона заявителя",
    "Показать на карте",
    "Как знали тогда",
    "Уверенность: ",
    "сообщённые до этой даты, о 90 днях перед ней",
    "Поделиться и экспортировать",
    "Графики: контролируемая площадь и периоды заявлений во времени",
]
ENGLISH_WORDS = ["Filters", "Claimant side", "Show on map", "Known then", "Confidence: ", "Share and export"]


@pytest.mark.parametrize(
    ("language", "expected", "month"),
    [("uk", UKRAINIAN, "січ. 2025"), ("ru", RUSSIAN, "янв. 2025")],
)
def test_the_panel_reads_in_the_language_of_the_link(language: str, expected: list[str], month: str) -> None:
    app = start({"lang": language, "date": DAY.isoformat()})
    said = everything_said(app)
    for words in expected:
        assert words in said, words
    labels = "\n".join(
        [widget.label for widget in [*app.button, *app.toggle, *app.slider, *app.multiselect, *app.expander]]
    )
    for english in ENGLISH_WORDS:  # the rule's full text under the map is docs/grading.md's, in English
        assert english not in labels, english
    assert "Confidence: " not in panel_text(app)
    count = shown_on(DAY)
    assert f"**{count} {'з' if language == 'uk' else 'из'} {count} " in panel_text(app)
    assert month in said  # the cards' and the fronts' dates, the language's way
    assert app.slider(key=session_keys.DATE).value == DAY  # the value is a date whatever the language
    assert app.query_params["lang"] == language


@pytest.mark.parametrize("language", [Language.UK, Language.RU])
def test_filter_options_are_named_in_the_language_and_filter_by_the_scales_values(language: Language) -> None:
    app = start({"lang": language.value, "date": DAY.isoformat(), "side": "russia", "status": "corroborated"})
    words = words_for(language)
    sides = app.multiselect(key=session_keys.FILTER_SIDES)
    assert sides.options == [side_name(side, words) for side in Affiliation]
    assert sides.value == [Affiliation.RUSSIA]  # the value stays the scale's own
    categories = app.multiselect(key=session_keys.FILTER_CATEGORIES)
    assert categories.options == [category_name(category, words) for category in Category]
    statuses = app.multiselect(key=session_keys.FILTER_STATUSES)
    assert statuses.options == [status_name(status, words) for status in Status]
    assert app.query_params["side"] == "russia" and app.query_params["status"] == "corroborated"
    names = {name for level in ConfidenceLevel for name in (confidence_name(level, words), level.value)}
    assert confidence_name(ConfidenceLevel.HIGH, words) != ConfidenceLevel.HIGH.value and len(names) == 6
    sides.select(Affiliation.UKRAINE).run()
    assert app.query_params["side"] == "ukraine,russia"


def test_the_same_page_reads_in_english_by_default() -> None:
    app = start({"date": DAY.isoformat()})
    said = everything_said(app)
    for words in ENGLISH_WORDS:
        assert words in said, words
    assert "Фільтри" not in said and "Фильтры" not in said
    sides = app.multiselect(key=session_keys.FILTER_SIDES)
    assert sides.options == [side.label for side in Affiliation]


# The forms a count takes: Ukrainian and Russian have one for 1 and 21, another for 2, a third for 5.
HEADINGS = {
    "uk": {1: "**1 з 1 заяви**", 2: "**2 з 2 заяв**", 5: "**5 з 5 заяв**", 21: "**21 з 21 заяви**"},
    "ru": {
        1: "**1 из 1 заявления**",
        2: "**2 из 2 заявлений**",
        5: "**5 из 5 заявлений**",
        21: "**21 из 21 заявления**",
    },
    "en": {1: "**1 of 1 claim**", 2: "**2 of 2 claims**", 5: "**5 of 5 claims**", 21: "**21 of 21 claims**"},
}
SCOPES = {
    "uk": {1: "поточний вигляд (1 заява)", 2: "поточний вигляд (2 заяви)", 5: "поточний вигляд (5 заяв)"},
    "ru": {1: "текущий вид (1 заявление)", 2: "текущий вид (2 заявления)", 5: "текущий вид (5 заявлений)"},
    "en": {1: "the view (1 claim)", 2: "the view (2 claims)", 5: "the view (5 claims)"},
}
SCOPES["uk"][21], SCOPES["ru"][21], SCOPES["en"][21] = (
    "поточний вигляд (21 заява)",
    "текущий вид (21 заявление)",
    "the view (21 claims)",
)


@pytest.mark.parametrize("count", [1, 2, 5, 21])
def test_counts_take_each_languages_plural_form(count: int, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_claims(data_copy, [valid_claim(id=f"claim-{number}") for number in range(count)])
    for language in ("uk", "ru", "en"):
        app = start({"lang": language, "date": DAY.isoformat()}, data_copy, monkeypatch)
        assert HEADINGS[language][count] in panel_text(app), language
        (scope,) = [radio for radio in app.radio if radio.key == "export-scope"]
        assert scope.options[0] == SCOPES[language][count]


@pytest.mark.parametrize("language", [Language.UK, Language.RU])
def test_a_bad_link_and_bad_records_are_said_in_the_language(
    language: Language, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_claims(data_copy, [valid_claim(id="fine"), valid_claim(id="broken", category="gossip")])
    app = start({"lang": language.value, "date": "yesterday"}, data_copy, monkeypatch)
    warnings = "\n".join(warning.value for warning in app.warning)
    link, ignored = {
        Language.UK: ("Посилання: ", "пропущено дату 'yesterday'"),
        Language.RU: ("Ссылка: ", "пропущена дата 'yesterday'"),
    }[language]
    assert link in warnings and ignored in warnings
    health = {Language.UK: "Стан даних: 1 запис не завантажено", Language.RU: "Состояние данных: 1 запись не загружена"}
    assert health[language] in app.expander[0].label
    row = app.dataframe[0].value.to_dict("records")[0]
    assert row[words_for(language).gettext("Record")] == "broken"
    assert ENGLISH.gettext("Record") not in row


TRANSLATING_CALL = re.compile(r"\b(?:(?:n|p)?gettext|N_)\(\s*[\"']")  # a literal message: one to extract


def test_no_message_is_marked_inside_an_f_string() -> None:
    """The extractor reads a call inside an f-string's braces as part of the string: its message never reaches the
    catalogues and stays English in every language. Each such call is written outside the f-string."""
    found = []
    for path in python_sources():
        with path.open("rb") as source:
            for token in tokenize.tokenize(source.readline):
                prefix = token.string.split("'", 1)[0].split('"', 1)[0].lower()
                if token.type == tokenize.STRING and "f" in prefix and TRANSLATING_CALL.search(token.string):
                    found.append(f"{path.relative_to(REPO)}:{token.start[0]}")
    assert found == []


@pytest.mark.parametrize(
    ("language", "disagree", "whose"),
    [
        (Language.UK, "Джерела розходяться щодо", "чистий здобуток Росії — "),
        (Language.RU, "Источники расходятся в", "чистое приобретение России — "),
    ],
)
def test_compare_and_change_count_in_the_language(language: Language, disagree: str, whose: str) -> None:
    app = start({"lang": language.value, "date": "2025-04-01", "compare": "1", "change": "1"})
    captions = "\n".join(caption.value for caption in app.caption)
    assert disagree in captions and whose in captions
    assert "km²" not in captions and "км²" in captions
    assert "1 бер. 2025" in captions if language is Language.UK else "1 мар. 2025" in captions


def rule_shape(text: str) -> tuple[list[str], int, set[str], set[str]]:
    """What a translation of the rule must keep: its numbered points, its sub-points, the fields it names and
    the claims it cites."""
    points = re.findall(r"^(\d+)\. ", text, flags=re.MULTILINE)
    bullets = len(re.findall(r"^   - ", text, flags=re.MULTILINE))
    return points, bullets, set(re.findall(r"`[^`]+`", text)), set(re.findall(r"(?:#|№)(\d+)", text))


@pytest.mark.parametrize("language", [Language.UK, Language.RU])
def test_the_rule_reads_translated_point_for_point(language: Language) -> None:
    """The grading help's rule in Ukrainian and Russian has docs/grading.md's points, sub-points, fields and cited
    claims: a point added to the English shows here until its translation follows."""
    english, translated = rule_in_plain_words(), rule_in_plain_words(language)
    assert rule_shape(translated) == rule_shape(english)
    assert translated != english and "Origins, not outlets" not in translated
    app = start({"lang": language.value})
    help_text = "\n".join(block.value for block in app.expander[0].markdown)
    assert translated in help_text
