"""The map in the reader's language: its own words, places' names and plural forms in Ukrainian and Russian, and
a switch of language that rewrites the map's text without drawing the map again."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Frame, expect

from tests.browser.conftest import ARTIFACTS, Visit, warm_up

PLURALS = """import('kcm/map_words.js').then((words) => [1, 2, 5, 21].map(
    (count) => words.tn('{count} claim shown', '{count} claims shown', count)))"""


@pytest.fixture(scope="module", autouse=True)
def drawn_once(browser: Browser, app_url: str) -> None:
    """The app's first page in a language also builds its catalogue and the map's words in it: drawn once each."""
    warm_up(browser, app_url, "?lang=uk", "?lang=ru")


CREDITS = ".leaflet-control-attribution"
SCALE_LINES = ".leaflet-control-scale-line"


def scale_lines(frame: Frame) -> list[str]:
    """The scale's lines a reader sees."""
    return [line.inner_text() for line in frame.locator(SCALE_LINES).all() if line.is_visible()]


def key_places(frame: Frame) -> list[str]:
    return frame.locator(".kcm-key-place").all_text_contents()


def test_the_map_speaks_ukrainian_then_russian_without_being_drawn_again(visit: Visit) -> None:
    visit.page.set_viewport_size({"width": 1280, "height": 720})
    frame = visit.open("?lang=uk")
    assert frame.evaluate("document.documentElement.lang") == "uk"
    visit.page.wait_for_function("document.documentElement.lang === 'uk'", timeout=30_000)  # the page, too
    expect(frame.locator(".kcm-asof-count")).to_have_text(re.compile(r"^показано \d+ заяв"))
    expect(frame.locator(".kcm-date")).to_have_text("31 січ. 2025 р.")
    expect(frame.locator(".kcm-legend-toggle")).to_have_text("Умовні позначення")
    assert {"Суджа", "Курськ", "Суми", "Юнаківка", "Тьоткіно"} <= set(key_places(frame))
    assert "Льгов" in key_places(frame)  # its Ukrainian name, as Ukrainian Wikipedia writes it
    expect(frame.locator(".kcm-region-focus")).to_have_text("Курська область")
    assert "Населені пункти" in frame.locator(".leaflet-control-layers-list").inner_text()
    expect(frame.locator(CREDITS)).to_contain_text("Населені пункти: GeoNames (CC BY 4.0), Вікіпедія")
    [length] = scale_lines(frame)  # metres only: miles are not a Ukrainian reader's measure
    assert re.fullmatch(r"\d[\d\s\u00a0]* (м|км)", length), length
    assert frame.evaluate(PLURALS) == ["показано 1 заяву", "показано 2 заяви", "показано 5 заяв", "показано 21 заяву"]
    visit.page.screenshot(path=ARTIFACTS / "map-language-uk.png")

    frame.evaluate("window.kcmSameMap = true")
    visit.page.get_by_text("Русский", exact=True).click()
    frame.wait_for_function("document.documentElement.lang === 'ru'", timeout=30_000)
    visit.page.wait_for_function("document.documentElement.lang === 'ru'", timeout=30_000)
    assert frame.evaluate("window.kcmSameMap") is True  # the frame was not loaded again
    expect(frame.locator(".kcm-asof-count")).to_have_text(re.compile(r"^показано \d+ заявлени"))
    expect(frame.locator(".kcm-legend-toggle")).to_have_text("Условные обозначения")
    assert {"Суджа", "Курск", "Сумы", "Юнаковка", "Льгов", "Тёткино"} <= set(key_places(frame))
    assert "Населённые пункты" in frame.locator(".leaflet-control-layers-list").inner_text()
    expect(frame.locator(CREDITS)).to_contain_text("Населённые пункты: GeoNames (CC BY 4.0), Википедия")
    expect(frame.locator(CREDITS)).not_to_contain_text("Населені пункти")  # rewritten, not added beside
    [length] = scale_lines(frame)
    assert re.fullmatch(r"\d[\d\s\u00a0]* (м|км)", length), length
    assert frame.evaluate(PLURALS) == [
        "показано 1 заявление",
        "показано 2 заявления",
        "показано 5 заявлений",
        "показано 21 заявление",
    ]
    visit.page.screenshot(path=ARTIFACTS / "map-language-ru.png")

    visit.page.get_by_text("English", exact=True).click()
    frame.wait_for_function("document.documentElement.lang === 'en'", timeout=30_000)
    visit.page.wait_for_function("document.documentElement.lang === 'en'", timeout=30_000)
    expect(frame.locator(".kcm-asof-count")).to_have_text(re.compile(r"^\d+ claims shown"))
    assert "Sudzha" in key_places(frame) and "Lgov" in key_places(frame)
    expect(frame.locator(CREDITS)).to_contain_text("Places: GeoNames (CC BY 4.0), Wikipedia")
    metric, imperial = scale_lines(frame)
    assert re.fullmatch(r"\d[\d,]* (m|km)", metric) and re.fullmatch(r"\d[\d,]* (mi|ft)", imperial), scale_lines(frame)
    expect(frame.locator(CREDITS)).to_contain_text("Russian advances: ISW/CTP")  # a front layer's, still linked
    expect(frame.locator(CREDITS).get_by_role("link", name="Russian advances: ISW/CTP")).to_have_count(1)
    visit.assert_clean()


def test_a_claims_popup_reads_in_the_readers_language(visit: Visit) -> None:
    frame = visit.open("?lang=uk&date=2025-03-13&claim=isw-russia-seized-sudzha")
    frame.wait_for_function("KurskMap.state.claim === 'isw-russia-seized-sudzha'", timeout=30_000)
    frame.evaluate("KurskMap.select('isw-russia-seized-sudzha')")
    popup = frame.locator(".kcm-popup")
    expect(popup).to_contain_text("Місце: Суджа")
    expect(popup.locator(".kcm-translation")).to_have_text(re.compile(r"^Переклад: \S.*Судж"))  # its statement's
    expect(popup).to_contain_text("Упевненість:")
    expect(popup).to_contain_text("Заявник:")
    visit.assert_clean()


def test_an_open_list_of_claims_is_written_again_in_the_new_language(visit: Visit) -> None:
    """A badge's list left open while the reader switches language is rewritten, as the claim's popup is."""
    frame = visit.open("?date=2025-01-31")
    frame.locator(".kcm-area-badge", has_text="Kursk front").click()
    title = frame.locator(".leaflet-popup .kcm-list > b")
    expect(title).to_have_text(re.compile(r"^14 claims about Kursk front$"))
    visit.page.get_by_text("Українська", exact=True).click()
    expect(title).to_have_text(re.compile(r"^14 заяв — Курський фронт$"), timeout=30_000)
    visit.assert_clean()


def test_a_briefing_opened_in_russian_measures_in_metres_only(visit: Visit) -> None:
    """A briefing moves the scale to the map's top (Leaflet draws a moved control anew): it still reads in the
    reader's language, without miles."""
    frame = visit.open("?lang=ru&mode=brief&story=nk-troops-kursk&step=8")
    expect(frame.locator(SCALE_LINES).first).to_have_text(re.compile(r"^\d[\d\s\u00a0]* (м|км)$"))
    assert len(scale_lines(frame)) == 1, scale_lines(frame)
    visit.assert_clean()
