"""Every claim is drawn where its data says, in every view a person can reach (issue 8).

A claim about a point or place is drawn within its precision radius of the true position; a
group badge's ring holds every member's true position; a claim about an area is drawn inside
that area. Measured on the page's own elements at desktop, briefing and phone sizes.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from geo.reading.dataset import Dataset, load_dataset
from tests.browser.conftest import ARTIFACTS, MAP_FRAME, Visit, make_visit, on_screens
from tests.browser.placement import misplaced_claims
from tests.browser.test_briefing import STORY, steps, wait_for_step
from tests.conftest import DATA

# The panel's "N of M claims" and the map (its frame is the page's own origin) show the same N.
PANEL_AND_MAP_AGREE_JS = """(frameSelector) => {
  const said = document.body.innerText.match(/(\\d+) of \\d+ claims/);
  const map = document.querySelector(frameSelector)?.contentWindow?.KurskMap;
  return Boolean(said && map && map.state && Number(said[1]) === map.state.visible.length);
}"""


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load_dataset(DATA)


def settled(visit: Visit) -> None:
    """Wait until the panel and the map agree on how many claims are shown."""
    visit.page.wait_for_function(PANEL_AND_MAP_AGREE_JS, arg=MAP_FRAME, timeout=45_000)


EXPLORE_VIEWS = {
    "default": "?date=2025-01-31",
    "crowded": "?date=2025-04-28",
    "sudzha-close": "?date=2025-03-16&lat=51.19&lon=35.27&zoom=12",
    "zoomed-out": "?date=2025-01-31&lat=51.4&lon=35.8&zoom=6",
    "selected-in-group": "?date=2025-03-16&claim=isw-russia-seized-sudzha",
    "known-then": "?date=2025-02-20&known=then",
}


@pytest.mark.parametrize("name", EXPLORE_VIEWS)
def test_explore_views_draw_every_claim_where_its_data_says(visit: Visit, data: Dataset, name: str) -> None:
    frame = visit.open(EXPLORE_VIEWS[name])
    settled(visit)
    visit.page.screenshot(path=ARTIFACTS / f"placement-{name}.png")
    assert misplaced_claims(frame, data) == []
    visit.assert_clean()


def test_a_phone_draws_every_claim_where_its_data_says(browser: Browser, app_url: str, data: Dataset) -> None:
    phone = make_visit(browser, app_url, 390, 844, touch=True)
    frame = phone.open("?date=2025-04-28")
    settled(phone)
    phone.page.screenshot(path=ARTIFACTS / "placement-phone.png", full_page=True)
    assert misplaced_claims(frame, data) == []
    phone.assert_clean()
    phone.page.close()


ROOMS = {"1080p": (1920, 1080, False), "720p": (1280, 720, False), "phone": (390, 844, True)}


@on_screens(ROOMS)
def test_every_briefing_step_draws_every_claim_where_its_data_says(screen: tuple[str, Visit], data: Dataset) -> None:
    """Also that no claim sits under the caption, the step buttons or the map's controls."""
    _, room = screen
    frame = room.open(f"?mode=brief&story={STORY}&step=1")
    for number in range(1, len(steps()) + 1):
        if number > 1:
            room.page.keyboard.press("ArrowRight")
        wait_for_step(room, frame, number)
        highlighted = set(steps()[number - 1].get("highlight", []))
        frame.wait_for_function(f"KurskMap.state.highlight.length === {len(highlighted)}")
        assert misplaced_claims(frame, data) == [], f"step {number}"
    room.assert_clean()


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["720p", "1080p"])
def test_a_selected_claim_zoomed_in_leaves_no_claim_under_the_date_box_or_legend(
    browser: Browser, app_url: str, data: Dataset, size: tuple[int, int]
) -> None:
    """Zoomed in on Sudzha, badges reach the top of the map: the date box and legend make way."""
    desk = make_visit(browser, app_url, *size)
    frame = desk.open("?date=2025-03-16&claim=isw-russia-seized-sudzha")
    settled(desk)
    frame.wait_for_function("KurskMap.map.getZoom() >= 10")
    desk.page.screenshot(path=ARTIFACTS / f"placement-selected-{size[0]}.png")
    assert misplaced_claims(frame, data) == []
    desk.assert_clean()
    desk.page.close()
