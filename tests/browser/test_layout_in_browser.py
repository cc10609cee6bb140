"""Nothing a viewer needs is cut off or covered: briefing at 1080p, 720p and on a phone; explore on a phone.

Boxes are measured on the page (the map's own controls offset by the map frame's position):
each must lie inside the screen, text must fit its box (or the box must scroll), and no two
of them may overlap.
"""

from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import Browser, Frame

from tests.browser.conftest import ARTIFACTS, Visit, make_visit
from tests.browser.test_briefing import STORY, steps, wait_for_step

SIZES = {"1080p": (1920, 1080, False), "720p": (1280, 720, False), "phone": (390, 844, True)}
PAGE_BOXES = {"step title": ".st-key-brief-top", "caption": ".st-key-brief-caption", "buttons": ".st-key-brief-nav"}
MAP_BOXES = {
    "date box": ".kcm-date-box",
    "scale": ".leaflet-control-scale",
    "legend": ".kcm-legend",
    "zoom": ".leaflet-control-zoom",
    "credits": ".leaflet-control-attribution",
    "layers": ".leaflet-control-layers",
}
BOX_JS = """(selector) => {
  const element = document.querySelector(selector);
  if (!element) return null;
  const box = element.getBoundingClientRect();
  const style = getComputedStyle(element);
  const texts = Array.from(element.querySelectorAll("p, h2, li, span, div")).filter(
    (node) => node.childElementCount === 0 && node.textContent.trim() && node.getClientRects().length);
  const fits = texts.every((node) => {
    const inner = node.getBoundingClientRect();
    return inner.bottom <= box.bottom + 1 && inner.right <= box.right + 1 && inner.top >= box.top - 1
      && inner.left >= box.left - 1;
  });
  return {x: box.left, y: box.top, right: box.right, bottom: box.bottom, scrolls: /(auto|scroll)/.test(style.overflowY),
          fits};
}"""


def boxes(visit: Visit, frame: Frame) -> dict[str, dict]:
    """Every box on screen, in page coordinates."""
    found = {name: visit.page.evaluate(BOX_JS, selector) for name, selector in PAGE_BOXES.items()}
    offset = visit.page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    assert offset is not None
    for name, selector in MAP_BOXES.items():
        box = frame.evaluate(BOX_JS, selector)
        if box:
            box.update(
                x=box["x"] + offset["x"],
                right=box["right"] + offset["x"],
                y=box["y"] + offset["y"],
                bottom=box["bottom"] + offset["y"],
            )
        found[name] = box
    return {name: box for name, box in found.items() if box and box["right"] > box["x"]}


def layout_problems(found: dict[str, dict], width: int, height: int) -> list[str]:
    problems = []
    for name, box in found.items():
        if box["x"] < -0.5 or box["y"] < -0.5 or box["right"] > width + 0.5 or box["bottom"] > height + 0.5:
            problems.append(f"{name} runs off the screen: {box}")
        if not box["fits"] and not box["scrolls"]:
            problems.append(f"{name}: its text is cut off")
    for (first, a), (second, b) in itertools.combinations(found.items(), 2):
        if overlapping(a, b):
            problems.append(f"{first} overlaps {second}")
    return problems


def hidden_highlights(visit: Visit, frame: Frame, found: dict[str, dict], width: int, height: int) -> list[str]:
    """Highlighted claims' symbols that run off the map or the screen, or lie under any box."""
    frame_box = visit.page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    assert frame_box is not None
    bottom = min(height, frame_box["y"] + frame_box["height"])
    problems = []
    for symbol in frame.locator(".kcm-symbol > .kcm-stressed").all():  # not the key's sample of a ringed claim
        drawn = symbol.bounding_box()
        assert drawn is not None
        box = {"x": drawn["x"] + frame_box["x"], "y": drawn["y"] + frame_box["y"]}
        box |= {"right": box["x"] + drawn["width"], "bottom": box["y"] + drawn["height"]}
        name = symbol.text_content()
        if box["x"] < 0 or box["y"] < frame_box["y"] or box["right"] > width or box["bottom"] > bottom:
            problems.append(f"{name} runs off the map: {box}")
        problems += [f"{name} lies under the {cover}" for cover, other in found.items() if overlapping(box, other)]
    return problems


def overlapping(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["right"] - 0.5
        and b["x"] < a["right"] - 0.5
        and a["y"] < b["bottom"] - 0.5
        and b["y"] < a["bottom"] - 0.5
    )


@pytest.mark.parametrize("size", SIZES)
def test_briefing_keeps_every_box_whole_and_apart(browser: Browser, app_url: str, size: str) -> None:
    """Every step's highlighted claims are in sight too: written for a wide screen, a step's view is fitted to
    a smaller one; on the screen it was written for it is kept as it is."""
    width, height, touch = SIZES[size]
    room = make_visit(browser, app_url, width, height, touch=touch)
    frame = room.open(f"?mode=brief&story={STORY}&step=1")
    for number in range(1, len(steps()) + 1):
        if number > 1:
            room.page.get_by_role("button", name="Next", exact=True).click()
        wait_for_step(room, frame, number)
        room.page.screenshot(path=ARTIFACTS / f"brief-{size}-step-{number}.png")
        found = boxes(room, frame)
        assert layout_problems(found, width, height) == [], f"{size} step {number}"
        assert hidden_highlights(room, frame, found, width, height) == [], f"{size} step {number}"
        if size == "1080p":
            assert frame.evaluate("KurskMap.state.fitted") is False, f"step {number}: the written view was changed"
    room.assert_clean()
    room.page.close()


def test_a_phone_fits_a_shared_step_and_its_link_keeps_the_steps_own_view(browser: Browser, app_url: str) -> None:
    """The map's own fitting is no position anybody chose: the link names the step, so a wide screen opening
    it gets the step as written and a phone gets it fitted again."""
    phone = make_visit(browser, app_url, 390, 844, touch=True)
    # Step 6 rings claims in the town (points the map must move to); an area's badge moves within its area instead
    frame = phone.open(f"?mode=brief&story={STORY}&step=6")
    wait_for_step(phone, frame, 6)
    assert frame.evaluate("KurskMap.state.fitted") is True
    assert hidden_highlights(phone, frame, boxes(phone, frame), 390, 844) == []
    phone.page.wait_for_url(re.compile(r"step=6"))
    assert "lat=" not in phone.page.url
    phone.assert_clean()
    phone.page.close()


def test_a_phone_shows_the_map_first_with_folded_legend_and_popups_that_fit(browser: Browser, app_url: str) -> None:
    phone = make_visit(browser, app_url, 390, 844, touch=True)
    frame = phone.open("?date=2025-03-16")
    iframe = phone.page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    assert iframe is not None and iframe["y"] < 844 / 2  # the map comes before the panel
    assert frame.locator(".kcm-legend-toggle").get_attribute("aria-expanded") == "false"
    controls = {name: box for name, box in boxes(phone, frame).items() if name not in PAGE_BOXES}
    assert layout_problems(controls, 390, 10_000) == []  # the date box clear of the buttons, its text whole
    symbol = frame.locator(".kcm-symbol > span").first
    size = symbol.bounding_box()
    assert size is not None and size["width"] >= 44 and size["height"] >= 44  # a finger can hit it
    symbol.tap()
    # Leaflet pans the map to bring the popup into view: wait for it to come to rest clear of the date box.
    frame.wait_for_function(
        """() => {
      const popup = document.querySelector('.leaflet-popup');
      if (!popup) return false;
      const box = popup.getBoundingClientRect();
      const dateBox = document.querySelector('.kcm-date-box').getBoundingClientRect();
      return box.left >= 0 && box.right <= window.innerWidth && box.top >= dateBox.bottom;
    }""",
        timeout=10_000,
    )
    phone.page.screenshot(path=ARTIFACTS / "phone-popup.png")
    phone.assert_clean()
    phone.page.close()
