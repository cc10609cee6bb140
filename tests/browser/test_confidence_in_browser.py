"""Confidence on the map: styling, legend, filters and links between claims, in Chromium."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, Visit, claims_drawn


def test_map_styles_claims_by_grade_and_explains_it(visit: Visit) -> None:
    frame = visit.open("?date=2025-03-16")
    assert frame.locator("pattern#kcm-hatch-UA").count() == 1
    assert frame.locator("path.kcm-hatched-UA").count() >= 1  # the partisan map's area is hatched
    statuses = set()
    badges = ".kcm-symbol .kcm-area-badge, .kcm-symbol .kcm-cluster-symbol"
    on_screen = frame.evaluate(f"""Array.from(document.querySelectorAll({badges!r})).map((badge) => {{
        const box = badge.getBoundingClientRect();
        return box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight; }})""")
    start = frame.evaluate("[KurskMap.map.getCenter().lat, KurskMap.map.getCenter().lng, KurskMap.map.getZoom()]")
    home = f"KurskMap.map.closePopup(); KurskMap.map.setView([{start[0]}, {start[1]}], {start[2]}, {{animate: false}})"
    for index in [index for index, shown in enumerate(on_screen) if shown]:  # each opens the list of its claims
        frame.evaluate(home)  # opening a popup pans the map: start each from the same view
        frame.locator(badges).nth(index).click()
        rows = frame.locator(".kcm-popup .kcm-list-dot")
        expect(rows.first).to_be_visible()
        statuses |= {name for row in rows.all() for name in row.get_attribute("class").split()}
    assert {"kcm-status-claimed", "kcm-status-corroborated", "kcm-status-disputed"} <= statuses
    toggle = frame.locator(".kcm-legend-toggle")
    wide = frame.evaluate("KurskMap.map.getSize().x >= 1000 && KurskMap.map.getSize().y >= 640")
    assert toggle.get_attribute("aria-expanded") == str(wide).lower()  # folded by default on smaller maps
    if not wide:
        toggle.click()
    legend = frame.locator(".kcm-legend").inner_text()
    for words in [
        "High",
        "Moderate",
        "Low",
        "disputed",
        "refuted",
        "hatched: claimed",
        "filled: assessed",
        "faded: doubtful",
        "claims about a whole area",
        "Compare: held only in the mapsite layer",
        "Change: Russia gained since the previous snapshot",
        "Change: Ukraine gained since the previous snapshot",
    ]:
        assert words in legend
    frame.locator(".kcm-legend-toggle").click()
    expect(frame.locator(".kcm-legend-body")).to_be_hidden()
    visit.assert_clean()


def test_filters_in_the_link_filter_the_map_too(visit: Visit) -> None:
    frame = visit.open("?date=2025-03-16&status=refuted,disputed")
    frame.wait_for_function("KurskMap.state.visible.length > 0 && KurskMap.state.visible.length < 10")
    shown = frame.evaluate("KurskMap.state.visible.length")
    expect(visit.page.get_by_text(re.compile(rf"^{shown} of \d+ claims"))).to_be_visible()
    assert claims_drawn(frame) == shown
    visit.assert_clean()


def test_following_a_link_moves_the_selection_on_the_map(visit: Visit) -> None:
    frame = visit.open("?date=2025-01-31&claim=nk-about-1000-killed-in-three-months")
    selected = visit.page.locator("[class*='st-key-claim-selected-']")
    expect(selected).to_contain_text("Why this grade")
    expect(selected).to_contain_text("Disputed by National Intelligence Service")
    link = ".st-key-link-nk-about-1000-killed-in-three-months-nis-nk-casualties-jan-2025 button"
    visit.page.locator(link).first.click()
    frame.wait_for_function("KurskMap.state.claim === 'nis-nk-casualties-jan-2025'", timeout=15_000)
    visit.page.wait_for_url(re.compile("claim=nis-nk-casualties-jan-2025"))
    expect(visit.page.locator("[class*='st-key-claim-selected-']")).to_contain_text("300")
    visit.page.screenshot(path=ARTIFACTS / "claim-link-followed.png")
    visit.assert_clean()
