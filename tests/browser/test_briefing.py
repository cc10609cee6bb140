"""Briefing mode as a presenter uses it: a story URL, clicker keys, 1080p and 720p screens."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Frame, expect

from tests.browser.conftest import ARTIFACTS, Visit, make_visit
from tests.conftest import DATA

STORY = "nk-troops-kursk"


@pytest.fixture
def room(browser: Browser, app_url: str) -> Iterator[Visit]:
    current = make_visit(browser, app_url, 1920, 1080)
    yield current
    current.page.close()


def steps() -> list[dict]:
    import yaml

    return yaml.safe_load((DATA / "stories" / "nk_troops_kursk.yaml").read_text())["steps"]


def wait_for_step(room: Visit, frame: Frame, number: int) -> None:
    step = steps()[number - 1]
    expect(room.page.locator(".st-key-brief-top")).to_contain_text(f"Step {number} of {len(steps())}", timeout=15_000)
    expect(room.page.locator(".st-key-brief-caption h2")).to_have_text(step["title"])
    frame.wait_for_function(f"KurskMap.state.date === '{step['as_of']}'", timeout=15_000)
    # The map has taken the step's view, and moved on from it only to bring the highlighted claims into sight.
    frame.wait_for_function(
        "KurskMap.state.inSightSeq !== null && KurskMap.state.inSightSeq === KurskMap.state.moveSeq && "
        f"(KurskMap.state.fitted || (Math.abs(KurskMap.map.getCenter().lat - {step['view']['lat']}) < 0.01 && "
        f"Math.abs(KurskMap.map.getCenter().lng - {step['view']['lon']}) < 0.01 && "
        f"KurskMap.map.getZoom() === {step['view']['zoom']}))",
        timeout=15_000,
    )
    room.page.wait_for_url(re.compile(f"step={number}(&|$)"))


def test_keys_and_clicker_walk_the_story_without_reloading_the_map(room: Visit) -> None:
    frame = room.open(f"?mode=brief&story={STORY}&step=1")
    frame.evaluate("window.__sameDocument = true")
    wait_for_step(room, frame, 1)
    room.page.screenshot(path=ARTIFACTS / "brief-1080p-step-1.png")
    presses = {2: "ArrowRight", 3: "PageDown", 4: "Space", 5: "ArrowRight", 6: "PageDown", 7: "Space", 8: "ArrowRight"}
    for number, key in presses.items():
        room.page.keyboard.press(key)
        wait_for_step(room, frame, number)
        room.page.screenshot(path=ARTIFACTS / f"brief-1080p-step-{number}.png")
    room.page.keyboard.press("ArrowRight")  # past the end stays on the last step
    wait_for_step(room, frame, 8)
    room.page.keyboard.press("PageUp")
    wait_for_step(room, frame, 7)
    room.page.keyboard.press("ArrowLeft")
    wait_for_step(room, frame, 6)
    room.page.keyboard.press("Home")
    wait_for_step(room, frame, 1)
    room.page.keyboard.press("End")
    wait_for_step(room, frame, 8)
    assert frame.evaluate("window.__sameDocument") is True
    room.assert_clean()


def test_keys_work_when_the_map_has_focus_and_buttons_work_too(room: Visit) -> None:
    frame = room.open(f"?mode=brief&story={STORY}&step=3")
    wait_for_step(room, frame, 3)
    frame.locator(".leaflet-container").click(position={"x": 900, "y": 400})
    room.page.keyboard.press("ArrowRight")
    wait_for_step(room, frame, 4)
    room.page.get_by_role("button", name="Back", exact=True).click()
    wait_for_step(room, frame, 3)
    room.page.get_by_role("button", name="Last", exact=True).click()
    wait_for_step(room, frame, 8)
    room.assert_clean()


def test_type_is_readable_from_the_back_of_the_room(room: Visit) -> None:
    frame = room.open(f"?mode=brief&story={STORY}&step=4")
    wait_for_step(room, frame, 4)
    caption_px = (
        room.page.locator(".st-key-brief-caption [data-testid='stMarkdownContainer'] p")
        .nth(0)
        .evaluate("element => parseFloat(getComputedStyle(element).fontSize)")
    )
    assert caption_px >= 28
    title_px = room.page.locator(".st-key-brief-caption h2").evaluate(
        "element => parseFloat(getComputedStyle(element).fontSize)"
    )
    assert title_px > caption_px
    assert frame.locator(".kcm-date").evaluate("element => parseFloat(getComputedStyle(element).fontSize)") >= 28
    for chrome in ["stHeader", "stToolbar"]:
        assert room.page.locator(f"[data-testid='{chrome}']").evaluate_all(
            "elements => elements.every(element => getComputedStyle(element).display === 'none')"
        )
    box = room.page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    assert box is not None and box["width"] >= 1900 and box["height"] >= 1060
    attribution = frame.locator(".leaflet-control-attribution")
    expect(attribution).to_be_visible()
    assert "ISW/CTP" in attribution.inner_text()
    room.assert_clean()


def test_720p_keeps_caption_controls_and_attribution_clear(browser: Browser, app_url: str) -> None:
    small = make_visit(browser, app_url, 1280, 720)
    frame = small.open(f"?mode=brief&story={STORY}&step=6")
    wait_for_step(small, frame, 6)
    caption = small.page.locator(".st-key-brief-caption").bounding_box()
    navigation = small.page.locator(".st-key-brief-nav").bounding_box()
    attribution = frame.locator(".leaflet-control-attribution").bounding_box()
    assert caption and navigation and attribution
    assert caption["y"] + caption["height"] <= 720 and navigation["x"] >= caption["x"] + caption["width"]
    assert attribution["x"] >= caption["x"] + caption["width"]  # the caption never hides the credits
    assert navigation["y"] + navigation["height"] <= attribution["y"]
    small.page.screenshot(path=ARTIFACTS / "brief-720p-step-6.png")
    small.assert_clean()
    small.page.close()


def test_a_briefing_link_restores_a_moved_map(room: Visit) -> None:
    frame = room.open(f"?mode=brief&story={STORY}&step=2&lat=51.5&lon=36.0&zoom=10")
    frame.wait_for_function(
        "Math.abs(KurskMap.map.getCenter().lat - 51.5) < 0.01 && KurskMap.map.getZoom() === 10", timeout=15_000
    )
    expect(room.page.locator(".st-key-brief-top")).to_contain_text("Step 2 of 8")
    room.page.wait_for_url(re.compile(r"lat=51\.5000&lon=36\.0000&zoom=10"))
    room.assert_clean()


def test_quick_presses_are_never_lost(room: Visit) -> None:
    frame = room.open(f"?mode=brief&story={STORY}&step=1")
    wait_for_step(room, frame, 1)
    for key in ["PageDown", "PageDown", "PageDown", "ArrowRight", "PageUp"]:  # a nervous presenter's clicker
        room.page.keyboard.press(key)
    wait_for_step(room, frame, 4)
    room.page.get_by_role("button", name="Next", exact=True).click()
    wait_for_step(room, frame, 5)
    room.page.keyboard.press("ArrowLeft")  # a key after a button starts from where the button left off
    wait_for_step(room, frame, 4)
    room.assert_clean()
