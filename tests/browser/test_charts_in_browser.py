"""The charts under the panel have room, at a laptop's 1280×720 and a room's 1920×1080: the km² plot keeps its
height however many series the legend lists, every title and subtitle is whole (not cut with "…") and inside the
chart, every claim's row is named, and no mark is drawn over a label in the plot."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Locator, expect

from components.panel.time_charts import AREA_PLOT_PX
from tests.browser.conftest import ARTIFACTS, make_visit

CHARTS = "[data-testid='stVegaLiteChart']"
BOXES = """(svg, selector) => [...svg.querySelectorAll(selector)].map((node) => {
  const box = node.getBoundingClientRect();
  return { text: node.textContent, left: box.left, right: box.right, top: box.top, bottom: box.bottom };
})"""


def boxes(chart: Locator, selector: str) -> list[dict]:
    return chart.locator("svg").first.evaluate(BOXES, selector)


def overlap(one: dict, two: dict) -> bool:
    return (
        one["left"] < two["right"]
        and two["left"] < one["right"]
        and one["top"] < two["bottom"]
        and (two["top"] < one["bottom"])
    )


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_the_charts_have_room_whole_titles_and_no_mark_over_a_label(
    browser: Browser,
    app_url: str,
    width: int,
    height: int,
) -> None:
    visit = make_visit(browser, app_url, width, height)
    visit.open("?date=2025-03-16")
    visit.page.get_by_text("Charts: area held and claim periods over time").click()
    charts = visit.page.locator(CHARTS)
    expect(charts).to_have_count(2, timeout=20_000)
    area, periods = charts.nth(0), charts.nth(1)
    expect(area.locator("svg g.role-axis").first).to_be_attached()
    for index, chart in enumerate((area, periods)):
        chart.scroll_into_view_if_needed()
        chart.screenshot(path=str(ARTIFACTS / f"chart-{index}-{width}x{height}.png"))
        svg = chart.locator("svg").first.bounding_box()
        assert svg is not None
        titles = boxes(chart, "g.role-title text")
        assert len(titles) >= 2, titles  # a title and what its marks mean
        for title in titles:
            assert "…" not in title["text"] and title["right"] <= svg["x"] + svg["width"] + 1, title
        labels = boxes(chart, "g.role-mark.mark-text text")
        symbols = boxes(chart, "g.role-mark.mark-symbol path")
        assert [(label["text"], symbol) for label in labels for symbol in symbols if overlap(label, symbol)] == []

    y_axis = area.locator("svg g.role-axis[aria-label^='Y-axis']").first.bounding_box()
    assert y_axis is not None and y_axis["height"] >= AREA_PLOT_PX - 10  # the plot keeps its height
    rows = periods.locator("svg g.role-axis[aria-label^='Y-axis'] g.role-axis-label text")
    marks = periods.locator("svg g.role-mark.mark-rect path, svg g.role-mark.mark-symbol path").count()
    assert rows.count() == marks > 10  # a bar or a dot per claim, and every one's row named
    visit.assert_clean()
    visit.page.close()
