"""A phone, held as a person holds it: one finger scrolls the page past the map, two fingers move the map, the
date steps with buttons a thumb can hit, the map starts on the fighting, a popup's text is whole, and at every date
stepped to each group on the map reads as a count of claims or as claims' numbers, clear of the other map text.

Touches are the browser's own (CDP Input.dispatchTouchEvent), so Chromium decides, as on a phone, whether a
finger scrolls the page or moves the map.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, CDPSession, Frame, Page, expect

from components.sharing.standalone import standalone_html
from geo.publishing import links
from geo.reading.dataset import load_dataset
from tests.browser.conftest import ARTIFACTS, MAP_FRAME, Visit, make_visit, offline_page
from tests.browser.test_briefing_room import MEASURE_JS, group_problems, map_text_problems
from tests.conftest import DATA

PHONES = {"390x844": (390, 844), "358x760": (358, 760)}
PAGE_SCROLLER = '[data-testid="stMain"]'  # Streamlit's page scrolls inside this element, not the window
CENTRE_JS = "[KurskMap.map.getCenter().lat, KurskMap.map.getCenter().lng, KurskMap.map.getZoom()]"
# What a popup's text must not be: outside the map, under a control, cut at its right, or clamped; the content
# may scroll (Leaflet's own, with its scrolled border) when it is taller than the room left.
POPUP_PROBLEMS_JS = """() => {
  const popup = document.querySelector('.leaflet-popup');
  if (!popup) return ['no popup'];
  const wrapper = popup.querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect();
  const content = popup.querySelector('.leaflet-popup-content');
  const problems = [];
  if (wrapper.left < 0 || wrapper.right > innerWidth || wrapper.top < 0 || wrapper.bottom > innerHeight) {
    problems.push('the popup runs off the map');
  }
  const controls = ['.leaflet-control-zoom', '.kcm-legend', '.leaflet-control-layers', '.kcm-date-box',
    '.leaflet-control-scale', '.leaflet-control-attribution'];
  for (const selector of controls) {
    const box = document.querySelector(selector).getBoundingClientRect();
    if (box.width && box.left < wrapper.right && wrapper.left < box.right && box.top < wrapper.bottom
        && wrapper.top < box.bottom) problems.push('under ' + selector);
  }
  if (content.scrollWidth > content.clientWidth + 1) problems.push('wider than its popup');
  if (content.scrollHeight > content.clientHeight + 1 && getComputedStyle(content).overflowY !== 'auto') {
    problems.push('taller than its popup, and it does not scroll');
  }
  const box = content.getBoundingClientRect();
  for (const node of content.querySelectorAll('*')) {
    if (node.childElementCount || !node.textContent.trim()) continue;
    const drawn = node.getBoundingClientRect();
    if (drawn.left < box.left - 1 || drawn.right > box.right + 1) problems.push('cut: ' + node.textContent);
    if (node.scrollHeight > node.clientHeight + 1 && getComputedStyle(node).overflowY === 'hidden') {
      problems.push('clamped: ' + node.textContent);
    }
  }
  return problems;
}"""


HINTS_SEEN_JS = """() => {
  const hint = document.querySelector('.kcm-touch-hint');
  window.hintsSeen = 0;
  new MutationObserver(() => { window.hintsSeen += hint.classList.contains('kcm-touch-hint-on') ? 1 : 0; })
    .observe(hint, {attributes: true, attributeFilter: ['class']});
}"""


def touch_drag(cdp: CDPSession, fingers: list[tuple[float, float]], dx: float, dy: float, steps: int = 12) -> None:
    """Fingers down at these points of the page, moved together by (dx, dy), and lifted."""

    def points(fraction: float) -> list[dict[str, float]]:
        return [{"x": x + dx * fraction, "y": y + dy * fraction, "id": i} for i, (x, y) in enumerate(fingers)]

    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": points(0)})
    for step in range(1, steps + 1):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": points(step / steps)})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def map_box(page: Page) -> dict[str, float]:
    box = page.locator(MAP_FRAME).bounding_box()
    assert box is not None
    return box


def page_scrolled(page: Page) -> float:
    return float(page.locator(PAGE_SCROLLER).evaluate("(element) => element.scrollTop"))


def thumb_size(page: Page, selector: str) -> tuple[float, float]:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return box["width"], box["height"]


def open_phone(browser: Browser, app_url: str, size: tuple[int, int], query: str) -> tuple[Visit, Frame]:
    phone = make_visit(browser, app_url, *size, touch=True)
    return phone, phone.open(query)


HINTS = {"en": "Use two fingers to move the map", "uk": "Переміщуйте карту двома пальцями"}


@pytest.mark.parametrize(
    ("size", "language"), [(PHONES["390x844"], "en"), (PHONES["358x760"], "uk")], ids=PHONES.keys()
)
def test_one_finger_scrolls_the_page_past_the_map_and_the_map_stays(
    browser: Browser, app_url: str, size: tuple[int, int], language: str
) -> None:
    width, height = size
    phone, frame = open_phone(browser, app_url, size, f"?date=2025-01-31&lang={language}")
    page = phone.page
    start = frame.evaluate(CENTRE_JS)
    frame.evaluate(HINTS_SEEN_JS)
    cdp = page.context.new_cdp_session(page)
    for _ in range(8):  # a swipe begun on the map each time, until the map has gone up past the screen's top
        box = map_box(page)
        if box["y"] + box["height"] <= 0:
            break
        top, bottom = max(box["y"], 0), min(box["y"] + box["height"], height)
        touch_drag(cdp, [(box["x"] + box["width"] / 2, bottom - 8)], 0, -(bottom - top) + 16)
    box = map_box(page)
    assert box["y"] + box["height"] <= 0, f"the map still reaches {box['y'] + box['height']} px down the screen"
    assert page_scrolled(page) > 0
    assert frame.evaluate(CENTRE_JS) == start  # the map never moved under the finger
    assert frame.evaluate("window.hintsSeen") >= 1  # told, while the finger moved alone, how the map moves
    assert frame.locator(".kcm-touch-hint").text_content() == HINTS[language]  # in the reader's language
    page.screenshot(path=ARTIFACTS / f"phone-{width}-past-the-map.png")
    expect(frame.locator(".kcm-touch-hint")).to_have_class("kcm-touch-hint")  # gone once the finger has rested
    phone.assert_clean()
    page.close()


def test_two_fingers_move_the_map_and_the_page_stays(browser: Browser, app_url: str) -> None:
    phone, frame = open_phone(browser, app_url, PHONES["390x844"], "?date=2025-01-31")
    page = phone.page
    lat, lng, zoom = frame.evaluate(CENTRE_JS)
    frame.evaluate(HINTS_SEEN_JS)
    scrolled = page_scrolled(page)
    box = map_box(page)
    x, y = box["x"] + box["width"] / 2, box["y"] + min(box["height"], 844 - box["y"]) / 2
    touch_drag(page.context.new_cdp_session(page), [(x - 50, y), (x + 50, y)], -40, -120)
    # The fingers went up: the map follows them, so what was below comes into view (its centre goes south).
    frame.wait_for_function(f"KurskMap.map.getCenter().lat < {lat} - 0.01", timeout=10_000)
    assert frame.evaluate("KurskMap.map.getZoom()") == zoom  # the fingers kept their distance: no zoom
    assert frame.evaluate("KurskMap.map.getCenter().lng") > lng
    assert page_scrolled(page) == scrolled
    assert frame.evaluate("window.hintsSeen") == 0  # two fingers need no hint
    phone.assert_clean()
    page.close()


def test_the_date_steps_with_thumb_sized_buttons_and_the_map_follows(browser: Browser, app_url: str) -> None:
    phone, frame = open_phone(browser, app_url, PHONES["390x844"], "?date=2025-01-31")
    page = phone.page
    timeline = [dt.date(1970, 1, 1) + dt.timedelta(days=day) for day in frame.evaluate("KurskMap.data.timeline")]
    after = timeline[timeline.index(dt.date(2025, 1, 31)) + 1]
    previous, following = page.locator(".st-key-date-previous button"), page.locator(".st-key-date-next button")
    following.scroll_into_view_if_needed()
    for selector in (
        ".st-key-date-previous button",
        ".st-key-date-next button",
        '[data-testid="stSlider"] [data-rac]:has(> div > input)',
    ):
        assert min(thumb_size(page, selector)) >= 44, selector
    shown = page.get_by_test_id("stSliderThumbValue")
    expect(shown).to_have_text("31 Jan 2025")
    following.tap()
    words = f"{after.day} {after:%b %Y}"
    expect(shown).to_have_text(words)
    expect(frame.locator(".kcm-date")).to_have_text(words)  # the map's date box follows
    page.wait_for_url(f"**date={after.isoformat()}**")
    page.screenshot(path=ARTIFACTS / "phone-date-buttons.png")
    previous.tap()
    expect(shown).to_have_text("31 Jan 2025")
    expect(frame.locator(".kcm-date")).to_have_text("31 Jan 2025")
    phone.assert_clean()
    page.close()


@pytest.mark.parametrize("size", PHONES.values(), ids=PHONES.keys())
def test_a_phone_starts_on_the_fighting_and_its_popups_text_is_whole(
    browser: Browser, app_url: str, size: tuple[int, int]
) -> None:
    width, _ = size
    phone, frame = open_phone(browser, app_url, size, "?date=2025-01-31")
    # The first view is the Ukrainian-held area of the date, close enough to tell its villages apart.
    assert frame.evaluate("KurskMap.map.getZoom()") >= 9
    assert frame.evaluate("KurskMap.map.getBounds().contains([51.23, 35.27])")  # Sudzha
    frame.get_by_role("button", name=re.compile(r"\d+ claims about Kursk front$")).tap()
    frame.wait_for_function(f"({POPUP_PROBLEMS_JS})().length === 0", timeout=10_000)
    assert frame.locator(".kcm-list-dot").first.text_content().startswith("#")  # a claim's number, not a count
    phone.page.screenshot(path=ARTIFACTS / f"phone-{width}-list-popup.png")
    frame.locator(".kcm-list-row").first.tap()
    expect(frame.locator(".kcm-popup:not(.kcm-list)")).to_be_visible()
    frame.wait_for_function(f"({POPUP_PROBLEMS_JS})().length === 0", timeout=10_000)
    assert frame.evaluate(POPUP_PROBLEMS_JS) == []
    phone.page.screenshot(path=ARTIFACTS / f"phone-{width}-claim-popup.png")
    phone.assert_clean()
    phone.page.close()


@pytest.mark.parametrize(
    ("size", "language"), [(PHONES["390x844"], "en"), (PHONES["358x760"], "uk")], ids=PHONES.keys()
)
def test_at_every_date_stepped_a_phones_groups_read_as_counts_and_keep_apart(
    browser: Browser, app_url: str, size: tuple[int, int], language: str
) -> None:
    """From the first view, and from a phone's first view of the incursion's first weeks and of its end, stepped
    back and forth with the ‹ › buttons: at each date every area badge and count pill in sight is a count beside
    the claims sign named as so many claims in the reader's language, or claims' numbers, and no two pieces of map
    text overlap nor a badge lie under a control."""
    width, _ = size
    problems: dict[str, list[str]] = {}
    counted = 0
    for start in ["", "&date=2024-09-01", "&date=2025-04-28"]:
        phone, frame = open_phone(browser, app_url, size, f"?lang={language}{start}")
        for tap in ["", "previous", "previous", "next"]:
            date = frame.evaluate("KurskMap.state.date")
            if tap:
                phone.page.locator(f".st-key-date-{tap} button").tap()
                frame.wait_for_function(f"KurskMap.state.date !== '{date}'", timeout=15_000)
                date = frame.evaluate("KurskMap.state.date")
            frame.wait_for_function("KurskMap.settled()", timeout=30_000)
            frame.wait_for_function("KurskMap.map.getContainer().dataset.kcmLabelsPending === '0'")
            measured = frame.evaluate(MEASURE_JS)
            counted += sum(symbol["counted"] for symbol in measured["symbols"])
            found = map_text_problems(measured, []) + group_problems(measured, language)
            if found:
                problems[date] = found
            frame.locator(".leaflet-container").screenshot(path=ARTIFACTS / f"phone-{width}-groups-{date}.png")
        phone.assert_clean()
        phone.page.close()
    assert problems == {}
    assert counted > 0  # the dates stepped to hold groups: the rules above were put to them


def test_the_exported_page_is_the_map_itself_so_one_finger_moves_it(browser: Browser, tmp_path: Path) -> None:
    """The exported file has no page around the map to scroll: there, as in a briefing, one finger moves the map."""
    dataset = load_dataset(DATA)
    grades = dataset.grade_all()
    day = dt.date(2025, 1, 31)
    saved = tmp_path / "export.html"
    saved.write_text(standalone_html(dataset, grades, links.View(day), dataset.visible_on(day)))
    with offline_page(browser, 390, 844, touch=True) as offline:
        page = offline.page
        page.goto(saved.as_uri())
        page.wait_for_function(f"window.KurskMap && KurskMap.state && KurskMap.state.date === '{day.isoformat()}'")
        lat = page.evaluate("KurskMap.map.getCenter().lat")
        box = page.locator(".folium-map").bounding_box()
        assert box is not None
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        touch_drag(page.context.new_cdp_session(page), [(x, y)], 0, -150)
        page.wait_for_function(f"KurskMap.map.getCenter().lat < {lat} - 0.01", timeout=10_000)
        assert page.locator(".kcm-touch-hint").count() == 0
    assert offline.errors == []


DATE_BOX_PROBLEMS_JS = """() => {
  const box = document.querySelector('.kcm-date-box').getBoundingClientRect();
  const date = document.querySelector('.kcm-date');
  const problems = [...document.querySelectorAll('.leaflet-control')].filter((control) => {
    const drawn = control.getBoundingClientRect();
    return control.offsetHeight > 0 && drawn.left < box.right && box.left < drawn.right && drawn.top < box.bottom
      && box.top < drawn.bottom;
  }).map((control) => 'the date box meets ' + control.className);
  const lines = date.getBoundingClientRect().height / parseFloat(getComputedStyle(date).fontSize);
  if (lines > 1.6) problems.push('the date "' + date.textContent + '" breaks over ' + lines.toFixed(1) + ' font sizes');
  return problems;
}"""


@pytest.mark.parametrize("language", ["en", "uk", "ru"])
def test_a_phones_date_box_stands_on_one_line_clear_of_the_maps_buttons(
    browser: Browser, app_url: str, language: str
) -> None:
    """The legend's button is an icon on a phone, named in the reader's language: its words ("Условные
    обозначения") would reach under the date box and push the date onto two lines."""
    phone, frame = open_phone(browser, app_url, PHONES["358x760"], f"?lang={language}&date=2025-01-22")
    frame.wait_for_function("KurskMap.settled()", timeout=30_000)
    assert frame.evaluate(DATE_BOX_PROBLEMS_JS) == []
    toggle = frame.locator(".kcm-legend-toggle")
    expect(toggle).to_have_accessible_name(LEGEND_NAMES[language])
    width, height = toggle.evaluate("(button) => [button.offsetWidth, button.offsetHeight]")
    assert width >= 44 and height >= 44  # a thumb's target
    toggle.tap()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(frame.locator(".kcm-legend-body")).to_be_visible()
    phone.assert_clean()
    phone.page.close()


LEGEND_NAMES = {"en": "Legend", "uk": "Умовні позначення", "ru": "Условные обозначения"}
