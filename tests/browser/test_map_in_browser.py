"""What a person sees in Chromium: layers drawn, date steps, selection both ways, no leaks."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Frame, expect

from tests.browser.conftest import ARTIFACTS, MAP_FRAME, Visit, claims_drawn, make_visit, running_app
from tests.conftest import DATA

SEED_CLAIM = "nk-absent-kursk-front-three-weeks"


def map_state(frame: Frame) -> dict:
    return frame.evaluate("JSON.parse(JSON.stringify(KurskMap.state))")


# The page has run to its end (no element marked stale by a run under way), the link names a date, and the map
# (its frame is the page's own origin) has settled on that date: the date, else false.
URL_AND_MAP_AGREE_JS = """(frameSelector) => {
  const named = location.search.match(/date=(\\d{4}-\\d{2}-\\d{2})/);
  const map = document.querySelector(frameSelector)?.contentWindow?.KurskMap;
  const running = document.querySelector('[data-stale="true"]') !== null;
  return !running && named && map && map.state && map.state.date === named[1] && map.settled() ? named[1] : false;
}"""


def wait_until_map_matches_url(visit: Visit, frame: Frame, seconds: float = 15) -> str:
    """Key presses queue reruns: wait until the page has run, and the URL and the map agree on the date; return it."""
    agreed = visit.page.wait_for_function(URL_AND_MAP_AGREE_JS, arg=MAP_FRAME, timeout=seconds * 1000)
    date = agreed.json_value()
    assert date == frame.evaluate("KurskMap.state.date") and date in visit.page.url
    return str(date)


def test_map_draws_region_fronts_places_and_claims(visit: Visit) -> None:
    frame = visit.open()
    state = map_state(frame)
    assert state["date"] == "2025-01-31"
    assert state["fronts"] == {
        "isw-russian-advances": "2025-01-24",
        "ua-held-mapsite": "2025-01-01",
        "ru-occupied-deepstate": "2025-01-15",
    }
    assert frame.locator(".kcm-region-focus").text_content() == "Kursk Oblast"
    regions = frame.locator(".kcm-region-label").all_text_contents()
    for neighbour in [
        "Belgorod Oblast",
        "Bryansk Oblast",
        "Oryol Oblast",
        "Lipetsk Oblast",
        "Voronezh Oblast",
        "Sumy Oblast",
        "Kharkiv Oblast",
        "Chernihiv Oblast",
    ]:
        assert neighbour in regions
    for town in ["Kursk", "Sudzha", "Korenevo", "Rylsk"]:
        assert frame.locator(".kcm-key-place", has_text=re.compile(f"^{town}$")).count() == 1
    assert frame.locator("path.leaflet-interactive").count() > 100  # fronts, settlements
    assert claims_drawn(frame) == len(state["visible"])
    assert frame.locator(".kcm-date").inner_text() == "31 Jan 2025"
    expect(visit.page.get_by_text(f"{len(state['visible'])} of {len(state['visible'])} claims")).to_be_visible()
    attribution = frame.locator(".leaflet-control-attribution").inner_text()
    for credit in ["Natural Earth", "geoBoundaries", "OpenStreetMap", "GeoNames", "ISW/CTP", "mapsite", "DeepStateMap"]:
        assert credit in attribution
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.screenshot(path=ARTIFACTS / "map-2025-01-31.png")
    visit.assert_clean()


def test_the_date_box_names_the_as_of_date_of_each_front_layer_on_the_map(visit: Visit) -> None:
    frame = visit.open()
    as_of = frame.locator(".kcm-asof")
    expect(as_of).to_contain_text("DeepState: Russian-occupied Ukraine: as of 15 Jan 2025")
    lines = as_of.inner_text().splitlines()
    assert lines.index("ISW: assessed Russian advances in Kursk: as of 24 Jan 2025") < lines.index(
        "DeepState: Russian-occupied Ukraine: as of 15 Jan 2025"
    )  # the context layer comes last
    frame.locator(".leaflet-control-layers").hover()
    frame.get_by_label("DeepState: Russian-occupied Ukraine").uncheck()
    expect(as_of).not_to_contain_text("DeepState")
    expect(frame.locator(".leaflet-control-attribution")).not_to_contain_text("DeepStateMap")  # credit goes too
    expect(as_of).to_contain_text("Ukrainian-held area in Russia: as of 1 Jan 2025")
    visit.assert_clean()


def test_date_step_redraws_the_front_without_reloading_the_map(visit: Visit) -> None:
    frame = visit.open("?date=2025-01-31")
    frame.evaluate("window.__sameDocument = true")
    before = map_state(frame)
    thumb = visit.page.get_by_role("slider")
    thumb.focus()
    settled_url_date = before["date"]
    for _ in range(8):  # a person steps, looks, steps again
        thumb.press("ArrowRight")
        frame.wait_for_function(f"KurskMap.state.date > '{settled_url_date}'")
        settled_url_date = wait_until_map_matches_url(visit, frame)
    after = map_state(frame)
    assert after["fronts"] != before["fronts"]
    assert after["redraws"] > before["redraws"]
    assert frame.evaluate("window.__sameDocument") is True  # the map was not reloaded or remounted
    assert after["date"] == settled_url_date
    assert frame.locator(".kcm-date").inner_text() != "31 Jan 2025"
    visit.assert_clean()


VIEW_LOG = """() => { window.__views = []; const setView = KurskMap.setView;
  KurskMap.setView = (view, options) => { setView(view, options); window.__views.push({date: KurskMap.state.date,
    preview: view.visible === null, shown: KurskMap.state.visible.join(), renders: KurskMap.claims.renders(),
    box: document.querySelector(".kcm-date-box").textContent}); }; }"""


def step_and_settle(visit: Visit, frame: Frame, key: str) -> list[dict]:
    """Press a key on the date slider; once the page's view of the new date has reached the map, what
    each view of another date than before (a view from the map's own report of its position may cross)
    drew."""
    before = frame.evaluate("KurskMap.state.date")
    frame.evaluate("window.__views = []")
    visit.page.locator(".st-key-date input[type=range]").press(key)
    frame.wait_for_function(f"KurskMap.state.date !== '{before}'")
    date = wait_until_map_matches_url(visit, frame)
    frame.wait_for_function(f"window.__views.some((view) => !view.preview && view.date === '{date}')")
    return [view for view in frame.evaluate("window.__views") if view["date"] != before]


def test_a_date_step_is_drawn_at_once_and_the_page_confirms_it_unchanged(visit: Visit) -> None:
    """With no filter the map draws the date the slider lands on (snapped as the panel snaps it) before the
    page reruns; the page's view then changes nothing on the map."""
    frame = visit.open("?date=2025-01-31")
    frame.evaluate(VIEW_LOG)
    for key in ["ArrowLeft", "ArrowLeft", "ArrowRight", "ArrowRight"]:  # over days with nothing new, both ways
        views = step_and_settle(visit, frame, key)
        assert views[0]["preview"], views
        drawn, confirmed = [view for view in views if view["preview"]][-1], views[-1]
        assert not confirmed["preview"]
        assert confirmed == drawn | {"preview": False}  # same date, claims, date box; not drawn again
        assert claims_drawn(frame) == len(frame.evaluate("KurskMap.state.visible"))
    visit.assert_clean()


@pytest.mark.parametrize("query", ["status=refuted,disputed", "known=then", "compare=1"])
def test_with_a_filter_or_switch_on_the_map_waits_for_the_page(visit: Visit, query: str) -> None:
    frame = visit.open(f"?date=2025-03-16&{query}")
    frame.evaluate(VIEW_LOG)
    for key in ["ArrowLeft", "ArrowRight"]:
        views = step_and_settle(visit, frame, key)
        assert not any(view["preview"] for view in views), views
        shown = len(frame.evaluate("KurskMap.state.visible"))
        expect(visit.page.get_by_text(re.compile(rf"^{shown} of \d+ claims"))).to_be_visible()
        assert claims_drawn(frame) == shown
    visit.assert_clean()


def claim_number(frame: Frame, claim_id: str) -> int:
    return frame.evaluate(f"KurskMap.data.claims.numbers[KurskMap.claims.indexById.get('{claim_id}')]")


def test_clicking_a_claim_on_the_map_selects_it_in_the_panel(visit: Visit) -> None:
    frame = visit.open("?date=2025-01-31")
    number = claim_number(frame, SEED_CLAIM)  # a claim about the whole Kursk front: in that area's badge
    frame.locator(".kcm-area-badge", has_text="Kursk front").click()
    frame.locator(".kcm-list-row", has=frame.locator(".kcm-list-dot", has_text=re.compile(f"^#{number}$"))).click()
    expect(frame.locator(".kcm-popup")).to_contain_text("three weeks")
    selected = visit.page.locator("[class*='st-key-claim-selected-']")
    expect(selected).to_contain_text(f"#{number} ·", timeout=15_000)
    expect(selected).to_contain_text("Special Operations Forces")
    visit.page.wait_for_url(re.compile(f"claim={SEED_CLAIM}"))
    assert map_state(frame)["claim"] == SEED_CLAIM
    visit.assert_clean()


def test_choosing_a_claim_in_the_panel_centres_and_highlights_it_on_the_map(visit: Visit) -> None:
    frame = visit.open("?date=2025-03-16")
    claim_id = "rumod-sudzha-retaken"
    visit.page.locator(f".st-key-select-{claim_id} button").click()
    frame.wait_for_function(f"KurskMap.state.claim === '{claim_id}'", timeout=15_000)
    centre = frame.evaluate("[KurskMap.map.getCenter().lat, KurskMap.map.getCenter().lng, KurskMap.map.getZoom()]")
    index = frame.evaluate(f"KurskMap.claims.indexById.get('{claim_id}')")
    target = frame.evaluate(f"[KurskMap.data.claims.lat[{index}], KurskMap.data.claims.lon[{index}]]")
    assert abs(centre[0] - target[0]) < 0.05
    assert abs(centre[1] - target[1]) < 0.05
    assert centre[2] >= 10
    assert frame.locator(".kcm-selected").count() == 1
    visit.assert_clean()


def test_deep_link_restores_date_and_claim_before_any_interaction(visit: Visit) -> None:
    frame = visit.open("?date=2025-03-16&claim=rumod-sudzha-retaken")
    state = map_state(frame)
    assert state["date"] == "2025-03-16"
    assert state["claim"] == "rumod-sudzha-retaken"
    assert state["fronts"]["isw-russian-advances"] == "2025-03-12"
    expect(visit.page.locator("[class*='st-key-claim-selected-']")).to_contain_text("Sudzha")
    visit.assert_clean()


CARD_IN_LIST_JS = """(claim) => {
  const card = document.querySelector('.st-key-claim-selected-' + CSS.escape(claim));
  const list = card && card.closest('.st-key-claims-list');
  if (!list) return false;
  const inner = card.getBoundingClientRect(), outer = list.getBoundingClientRect();
  return inner.top >= outer.top - 1 && inner.top < outer.bottom - 40;
}"""


def test_a_linked_claim_far_down_the_list_is_scrolled_into_sight(visit: Visit) -> None:
    """The panel draws after the map, so the linked claim's card comes late: the list still goes to it."""
    visit.open(f"?date=2025-01-31&claim={SEED_CLAIM}")
    card = visit.page.locator(f".st-key-claim-selected-{SEED_CLAIM}")
    expect(card).to_contain_text("three weeks", timeout=15_000)
    visit.page.wait_for_function(CARD_IN_LIST_JS, arg=SEED_CLAIM, timeout=15_000)
    assert visit.page.evaluate("document.querySelector('.st-key-claims-list').scrollTop") > 0  # it was far down
    visit.assert_clean()


def test_a_fourth_front_layer_is_drawn_listed_and_credited(browser: Browser, tmp_path: Path) -> None:
    """Front layers come from the data: a fourth file needs no code (issue 8: it used to throw)."""
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir)
    collection = json.loads((data_dir / "fronts" / "ua-held-mapsite.geojson").read_text())
    for feature in collection["features"]:
        feature["properties"].update(
            layer="test-fourth-layer", label="Fourth layer for the test", basis="assessed", credit="Fourth layer credit"
        )
    (data_dir / "fronts" / "test-fourth-layer.geojson").write_text(json.dumps(collection))
    with running_app(data_dir) as url:
        visit = make_visit(browser, url)
        frame = visit.open("?date=2025-01-31")
        assert frame.evaluate("KurskMap.state.fronts['test-fourth-layer']") == "2025-01-01"
        expect(frame.locator(".kcm-asof")).to_contain_text("Fourth layer for the test: as of 1 Jan 2025")
        expect(frame.locator(".leaflet-control-attribution")).to_contain_text("Fourth layer credit")
        frame.locator(".leaflet-control-layers").hover()
        expect(frame.get_by_label("Fourth layer for the test")).to_be_checked()
        expect(frame.locator(".kcm-legend")).to_contain_text("Fourth layer for the test (filled: assessed)")
        visit.assert_clean()
        visit.page.close()
