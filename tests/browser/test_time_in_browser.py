"""Fronts through time in Chromium: the play control animates in place; the charts draw."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, Visit


def test_play_animates_the_fronts_without_reloading_the_map(visit: Visit) -> None:
    frame = visit.open("?date=2025-03-31")
    frame.evaluate("window.__sameDocument = true; window.__dates = []")
    frame.evaluate(
        "setInterval(() => { const d = KurskMap.state.date; "
        "if (window.__dates[window.__dates.length - 1] !== d) window.__dates.push(d); }, 50)"
    )
    visit.page.get_by_role("button", name="Play").click()
    frame.wait_for_function("window.__dates.length >= 4", timeout=30_000)
    visit.page.get_by_role("button", name="Pause").click()
    seen = frame.evaluate("window.__dates")
    assert seen == sorted(seen) and len(set(seen)) == len(seen)
    assert frame.evaluate("window.__sameDocument") is True
    assert frame.evaluate("KurskMap.state.redraws") > 2
    visit.assert_clean()


def test_charts_and_comparison_draw_for_the_chosen_date(visit: Visit) -> None:
    frame = visit.open("?date=2025-03-16&compare=1&change=1")
    frame.wait_for_function("KurskMap.state.analysisKinds.length >= 3")
    kinds = set(frame.evaluate("KurskMap.state.analysisKinds"))
    assert {"implied", "only-first", "only-second"} <= kinds and ({"russia-gained", "ukraine-gained"} & kinds)
    assert frame.evaluate("KurskMap.map.getBounds().contains(KurskMap.state.analysisBounds)")  # brought into view
    assert frame.evaluate("KurskMap.map.getZoom()") >= 9  # not slivers at the default zoom
    expect(visit.page.get_by_text("Sources disagree on")).to_be_visible()
    visit.page.get_by_text("Charts: area held and claim periods over time").click()
    charts = visit.page.locator("[data-testid='stVegaLiteChart']")
    expect(charts).to_have_count(2, timeout=15_000)
    for index in range(2):
        box = charts.nth(index).bounding_box()
        assert box is not None and box["width"] > 250 and box["height"] > 150
    charts.nth(0).screenshot(path=ARTIFACTS / "area-chart-2025-03-16.png")
    visit.assert_clean()
