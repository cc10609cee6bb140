"""A daily front layer in Chromium: brought in with the import command, Compare sets the pair the viewer picks,
Change names the layer and whose gain it is, and the km² chart tells the hovered snapshot."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from geo.reading.front_import import main
from tests.browser.conftest import ARTIFACTS, REPO, Visit, running_app, visiting

DEEPSTATE = REPO / "tests" / "fixtures" / "deepstate"


@pytest.fixture(scope="module")
def daily_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on the bundled data plus the fixtures' DeepState days (15, 16 Aug and 15 Dec 2024) as a layer."""
    folder = tmp_path_factory.mktemp("daily") / "data"
    shutil.copytree(REPO / "data", folder)
    arguments = ["--layer-id", "ru-occupied-deepstate-daily", "--label", "DeepState daily", "--side", "RU"]
    arguments += ["--basis", "claimed", "--source-id", "deepstate", "--licence", "attributed", "--caveat", "Daily"]
    assert main([str(DEEPSTATE), *arguments, "--context", "--into", str(folder)]) == 0
    with running_app(Path(folder)) as url:
        yield url


@pytest.fixture
def daily_visit(browser: Browser, daily_url: str) -> Iterator[Visit]:
    with visiting(browser, daily_url) as current:
        yield current


def test_compare_sets_the_picked_pair_and_change_says_whose_gain(daily_visit: Visit) -> None:
    page = daily_visit.page
    frame = daily_visit.open("?date=2024-08-16&change=1")
    frame.wait_for_function("KurskMap.state.analysisKinds.length > 0")
    expect(
        page.get_by_text(re.compile(r"^DeepState daily \(Russian-held\): 15 Aug 2024 → 16 Aug 2024: "))
    ).to_be_visible()
    page.get_by_text("Compare", exact=True).click()
    picker = page.get_by_role("combobox", name=re.compile("Compare which two sources"))
    expect(picker).to_be_visible()
    picker.click()
    page.get_by_role("option", name="DeepState: Russian-occupied Ukraine vs DeepState daily").click()
    caption = page.get_by_text(re.compile("Sources disagree on .* of the Russian-held area"))
    expect(caption).to_be_visible()
    # each layer at its latest snapshot on or before the date: the bundled one of 15 Aug, the daily one of 16 Aug
    assert "(as of 15 Aug 2024, " in caption.inner_text() and "(as of 16 Aug 2024, " in caption.inner_text()
    frame.wait_for_function("KurskMap.state.analysisKinds.includes('only-second')")
    daily_visit.assert_clean()


def test_the_area_chart_tells_the_hovered_snapshot(daily_visit: Visit) -> None:
    page = daily_visit.page
    daily_visit.open("?date=2025-03-16")
    page.get_by_text("Charts: area held and claim periods over time").click()
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    expect(chart.locator("canvas, svg").first).to_be_visible(timeout=15_000)
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    assert box is not None and box["height"] >= 300
    tooltip = page.locator("#vg-tooltip-element")
    # along the middle of the plot: the pointer's nearest snapshot is marked and told, wherever the lines run
    for fraction in (0.3, 0.5, 0.7):
        page.mouse.move(box["x"] + box["width"] * fraction, box["y"] + box["height"] * 0.6)
        try:
            tooltip.wait_for(state="visible", timeout=3_000)
            break
        except PlaywrightTimeoutError:
            continue
    expect(tooltip).to_be_visible()
    assert re.search(r"Source\s+\S.*As of\s+\d{1,2} \w{3} \d{4}.*km²\s+[\d,]+", tooltip.inner_text(), re.S)
    chart.screenshot(path=ARTIFACTS / "area-chart-hovered.png")
    daily_visit.assert_clean()
