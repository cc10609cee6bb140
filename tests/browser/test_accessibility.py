"""The page and the map's frame for a keyboard and a screen reader: axe-core finds no WCAG 2.1 AA violation at
desktop, phone and briefing sizes, shapes are no tab stops, and the claims' markers are reached in claim-number
order, each named with its number, statement, grade and category, and opened with Enter."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Frame

from components.skip_links import TARGETS
from geo.language.languages import NATIVE_NAMES, Language
from geo.language.words import words_for
from tests.browser.axe import axe_violations, readable
from tests.browser.conftest import ARTIFACTS, Visit, on_screens

MODES = {  # name → (width, height, touch, query)
    "desktop-720p": (1280, 720, False, ""),
    "desktop-1080p": (1920, 1080, False, ""),
    "phone": (390, 844, True, ""),
    "briefing-1080p": (1920, 1080, False, "?mode=brief&story=nk-troops-kursk&step=1"),
    "briefing-phone": (390, 844, True, "?mode=brief&story=nk-troops-kursk&step=1"),
}


def panel_drawn(visit: Visit) -> None:
    """The explore page's panel has drawn its cards (the briefing has none)."""
    visit.page.wait_for_selector(".st-key-claims-list button", timeout=30_000)


@on_screens({mode: (width, height, touch) for mode, (width, height, touch, _) in MODES.items()})
def test_axe_finds_no_violation_on_the_page_or_in_the_map(screen: tuple[str, Visit]) -> None:
    mode, sized = screen
    frame = sized.open(MODES[mode][3])
    if "brief" not in mode:
        panel_drawn(sized)
    sized.page.screenshot(path=ARTIFACTS / f"accessibility-{mode}.png")
    problems = {"page": axe_violations(sized.page), "map frame": axe_violations(frame)}
    assert {where: readable(found) for where, found in problems.items() if found} == {}
    sized.assert_clean()


def focus_text(visit: Visit) -> str:
    """Where the keyboard's focus is, as a line: the element and, in the map's frame, the element there."""
    return visit.page.evaluate("""() => {
      const name = (node) => node.tagName + " " + (node.getAttribute("aria-label") || node.textContent || "")
        .trim().slice(0, 60);
      const active = document.activeElement;
      return active.tagName === "IFRAME" ? "map: " + name(active.contentDocument.activeElement) : name(active);
    }""")


def in_first_card(visit: Visit) -> bool:
    return visit.page.evaluate("""() => {
      const first = document.querySelector(".st-key-claims-list [class*='st-key-select-']");
      const card = first && first.closest(".st-key-claims-list > div > div, [class*='st-key-claim-']");
      return Boolean(card && card.contains(document.activeElement) && document.activeElement !== document.body);
    }""")


FOCUS_JS = """() => {
  const active = document.activeElement;
  const inner = active && active.tagName === "IFRAME" ? active.contentDocument.activeElement : null;
  const node = inner || active;
  return {inMap: Boolean(inner), tag: node.tagName, id: node.id || "", svg: node instanceof SVGElement,
          symbol: Boolean(inner && inner.classList.contains("kcm-symbol")),
          text: (node.getAttribute("aria-label") || node.textContent || "").trim().slice(0, 80)};
}"""
FIRST_CARD_JS = """() => {
  const button = document.querySelector(".st-key-claims-list [class*='st-key-select-']");
  const words = button && button.previousElementSibling;  // the card's statement, sources and grade
  return [button, words].some((part) => part && part.contains(document.activeElement));
}"""


def panel_ready(visit: Visit, query: str = "") -> Frame:
    frame = visit.open(query)
    panel_drawn(visit)
    visit.settled()
    return frame


def press(visit: Visit, key: str) -> dict:
    visit.page.keyboard.press(key)
    return visit.page.evaluate(FOCUS_JS)


REACHED_JS = {  # where each part of the panel is reached: its first control
    "date": "() => Boolean(document.activeElement.closest('.st-key-date'))",
    "filters": "() => document.activeElement.matches('summary') && /Filters/.test(document.activeElement.textContent)",
    "claims": FIRST_CARD_JS,
}


def keys_to(visit: Visit, target: str, most: int = 10) -> tuple[int, int]:
    """Tab from the page's top as a person would, pressing Enter on the skip link to `target`, until the focus is
    on it: how many Tabs and how many presses in all."""
    tabs = presses = 0
    while presses < most:
        focus = press(visit, "Tab")
        tabs, presses = tabs + 1, presses + 1
        assert not focus["svg"], f"a shape of the map is a tab stop: {focus}"
        if focus["text"] == f"Skip to the {target}":
            assert press(visit, "Enter")["id"] == f"kcm-{target}"
            presses += 1
        if visit.page.evaluate(REACHED_JS[target]):
            return tabs, presses
    raise AssertionError(f"{target}: not reached in {most} presses; the focus is on {focus}")


@pytest.mark.parametrize("target", ["date", "filters", "claims"])
def test_tab_reaches_the_date_the_filters_and_the_first_claim_card_in_a_handful_of_presses(
    visit: Visit, target: str
) -> None:
    """From the page's top: the first card in ten presses or fewer (it took 164 Tabs, through every shape of the
    map), the date and the filters too."""
    panel_ready(visit)
    tabs, presses = keys_to(visit, target)
    assert tabs <= 10 and presses <= 10
    visit.page.screenshot(path=ARTIFACTS / f"accessibility-keyboard-{target}.png")
    visit.assert_clean()


@pytest.mark.parametrize("language", [Language.UK, Language.RU], ids=lambda language: language.value)
def test_the_first_tab_stops_speak_the_readers_language(visit: Visit, language: Language) -> None:
    """Before the map, a keyboard meets the page's skip links in the reader's language, no English on the way
    (Streamlit's own skip link is English only, and skipped nothing); the language switch names each language
    as it names itself."""
    panel_ready(visit, f"?lang={language.value}")
    words = words_for(language)
    names = []
    while not (focus := press(visit, "Tab"))["inMap"] and len(names) < 8:
        if focus["tag"] != "MAIN":  # the main landmark is named by all it holds
            names.append(focus["text"])
    assert names[:3] == [words.gettext(label) for label in TARGETS.values()], names
    english = [name for name in names if re.search(r"[A-Za-z]{3,}", name) and name not in NATIVE_NAMES.values()]
    assert not english, names


def test_the_map_is_a_dozen_tab_stops_and_no_shape_is_one(visit: Visit) -> None:
    """Tab through the map's frame: its own controls, the map and one stop for all the claims' symbols."""
    frame = panel_ready(visit)
    stops: list[dict] = []
    left = False
    for _ in range(40):
        focus = press(visit, "Tab")
        if focus["inMap"]:
            stops.append(focus)
        elif stops:
            left = True
            break
    assert left, f"Tab never left the map: {stops}"
    assert not [stop for stop in stops if stop["svg"]]
    assert sum(stop["symbol"] for stop in stops) == 1, stops
    assert len(stops) <= 12, stops
    assert frame.evaluate("document.querySelectorAll('.kcm-symbol').length") > 1  # one stop for several symbols


SYMBOLS_JS = """() => KurskMap.symbols().filter((symbol) => KurskMap.map.getBounds().contains(symbol.latlng)).map(
  (symbol) => ({name: symbol.marker.getElement().getAttribute("aria-label"),
                lowest: Math.min(...symbol.members.map((index) => KurskMap.data.claims.numbers[index]))}))"""
FOCUSED_SYMBOL_JS = """() => document.activeElement.classList.contains("kcm-symbol")
  ? document.activeElement.getAttribute("aria-label") : null"""


def test_arrow_keys_walk_the_claims_symbols_in_number_order_and_enter_opens_one(visit: Visit) -> None:
    """The claims' symbols are one tab stop; from it the arrow keys go through every symbol on screen in the order of
    its lowest claim number, Home and End to the ends, and the map stays where it is; Enter opens a symbol as a
    click does."""
    frame = panel_ready(visit)
    symbols = sorted(frame.evaluate(SYMBOLS_JS), key=lambda symbol: symbol["lowest"])
    assert len(symbols) >= 3, symbols
    names = [symbol["name"] for symbol in symbols]
    for _ in range(30):
        if press(visit, "Tab")["symbol"]:
            break
    assert frame.evaluate(FOCUSED_SYMBOL_JS) == names[0]
    centre = frame.evaluate("KurskMap.map.getCenter()")
    walked = [names[0]]
    for _ in names[1:]:
        visit.page.keyboard.press("ArrowRight")
        walked.append(frame.evaluate(FOCUSED_SYMBOL_JS))
    assert walked == names
    visit.page.keyboard.press("ArrowRight")  # past the last: the first again
    assert frame.evaluate(FOCUSED_SYMBOL_JS) == names[0]
    visit.page.keyboard.press("End")
    assert frame.evaluate(FOCUSED_SYMBOL_JS) == names[-1]
    visit.page.keyboard.press("ArrowUp")
    assert frame.evaluate(FOCUSED_SYMBOL_JS) == names[-2]
    visit.page.keyboard.press("Home")
    assert frame.evaluate(FOCUSED_SYMBOL_JS) == names[0]
    assert frame.evaluate("KurskMap.map.getCenter()") == centre, "an arrow key on a symbol moved the map"
    visit.page.keyboard.press("Enter")  # a badge lists its claims, as a click does
    frame.wait_for_selector(".leaflet-popup .kcm-list-row", timeout=10_000)
    frame.locator(".leaflet-popup .kcm-list-row").first.focus()
    visit.page.keyboard.press("Enter")
    chosen = frame.evaluate("KurskMap.state.claim")
    assert chosen
    visit.page.wait_for_selector(f".st-key-claim-selected-{chosen}", timeout=30_000)
    visit.assert_clean()


VLADIVOSTOK = (43.1155, 131.8855)  # where a claim of 18 October 2024 is placed alone: a marker of its own


def test_a_claim_marker_is_named_with_number_statement_grade_and_category_and_shows_its_icon(visit: Visit) -> None:
    """Every claim marker drawn: its name says its number, statement, grade and category in that order, and its
    category icon is the payload's drawing for the claim's category, clear of the number."""
    frame = panel_ready(visit, "?date=2024-10-20")
    frame.evaluate(f"KurskMap.map.setView([{VLADIVOSTOK[0]}, {VLADIVOSTOK[1]}], 9, {{animate: false}})")
    frame.wait_for_function("KurskMap.settled() && KurskMap.symbols().some((symbol) => symbol.kind === 'claim')")
    markers = frame.evaluate("""() => KurskMap.symbols().filter((symbol) => symbol.kind === "claim").map((symbol) => {
      const index = symbol.members[0];
      const cols = KurskMap.data.claims;
      const element = symbol.marker.getElement();
      const drawing = element.querySelector(".kcm-category path");
      const text = document.createRange();
      text.selectNodeContents(element.querySelector(".kcm-claim").firstChild);
      const number = text.getBoundingClientRect();
      const icon = element.querySelector(".kcm-category").getBoundingClientRect();
      return {name: element.getAttribute("aria-label"), number: cols.numbers[index],
              statement: cols.statement[index], category: KurskMap.data.categories[cols.category[index]],
              drawing: drawing && drawing.getAttribute("d"), levels: KurskMap.data.scales.levels,
              covers: number.left < icon.right && icon.left < number.right && number.top < icon.bottom
                && icon.top < number.bottom};
    })""")
    assert markers
    for marker in markers:
        levels = "|".join(re.escape(level) for level in marker["levels"])
        expected = (
            re.escape(f"#{marker['number']}: {marker['statement']} — ")
            + f"({levels}) confidence · [A-Z][a-z ]+ · "
            + re.escape(marker["category"]["words"])
        )
        assert re.fullmatch(expected, marker["name"]), marker["name"]
        assert marker["drawing"] == marker["category"]["icon"]
        assert not marker["covers"], f"the icon covers #{marker['number']}"
    frame.locator(".kcm-symbol").filter(has=frame.locator(".kcm-category")).first.screenshot(
        path=ARTIFACTS / "accessibility-claim-marker.png"
    )
    visit.assert_clean()
