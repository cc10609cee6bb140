"""The presenter's aids: speaker notes and a timer on a window of the presenter's own, driving the room's map."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from geo.model.stories import Story
from geo.reading.dataset import load_dataset
from tests.browser.conftest import ARTIFACTS, make_visit
from tests.browser.test_briefing import STORY, wait_for_step
from tests.conftest import DATA


@pytest.fixture(scope="module")
def story() -> Story:
    return load_dataset(DATA).stories[STORY]


def test_the_presenters_window_shows_notes_and_time_and_moves_the_room(
    browser: Browser, app_url: str, story: Story
) -> None:
    room = make_visit(browser, app_url, 1920, 1080)
    frame = room.open(f"?mode=brief&story={STORY}&step=1")
    wait_for_step(room, frame, 1)
    room.page.get_by_role("button", name="Share").click()  # the presenter's tools, away from the room's eyes
    with room.page.expect_popup() as opened:
        room.page.get_by_role("button", name="Presenter view").click()
    presenter = opened.value
    expect(presenter.locator(".kcm-presenter-notes")).to_have_text(story.steps[0].notes)
    expect(presenter.locator("h1")).to_have_text(story.steps[0].title)
    expect(presenter.locator(".kcm-presenter-next")).to_have_text(f"Next: {story.steps[1].title}")
    expect(presenter.locator(".kcm-presenter-timer")).to_contain_text("on this step")
    assert story.steps[0].notes[:40] not in room.page.locator("body").inner_text()  # never on the room's screen
    presenter.get_by_role("button", name="Next").click()
    wait_for_step(room, frame, 2)
    expect(presenter.locator(".kcm-presenter-notes")).to_have_text(story.steps[1].notes)
    presenter.keyboard.press("PageDown")  # a clicker held by the presenter
    wait_for_step(room, frame, 3)
    room.page.keyboard.press("ArrowLeft")  # and the room's own keys move the presenter's window
    wait_for_step(room, frame, 2)
    expect(presenter.locator("h1")).to_have_text(story.steps[1].title)
    presenter.screenshot(path=ARTIFACTS / "brief-presenter-window.png")
    room.assert_clean()
    room.page.close()
