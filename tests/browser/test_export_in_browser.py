"""The exported page, downloaded as a person would and opened with the network blocked."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from geo.reading.dataset import load_dataset
from tests.browser.conftest import ARTIFACTS, DOWNLOAD_MS, Visit, claims_drawn, offline_page
from tests.browser.placement import misplaced_claims
from tests.conftest import DATA


def test_exported_html_opens_offline_with_map_and_claims(visit: Visit, browser: Browser) -> None:
    app_frame = visit.open("?date=2025-01-31&claim=nk-absent-kursk-front-three-weeks")
    shown = app_frame.evaluate("KurskMap.state.visible.length")
    visit.page.get_by_text("Share and export").click()
    expect(visit.page.get_by_text("Link to this view")).to_be_visible()
    visit.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    visit.page.get_by_role("button", name="Copy link").click()
    expect(visit.page.get_by_role("button", name="Copied")).to_be_visible()
    link = visit.page.evaluate("navigator.clipboard.readText()")
    assert link.startswith(visit.base_url + "/?")
    assert "date=2025-01-31" in link and "claim=nk-absent-kursk-front-three-weeks" in link
    with visit.page.expect_download(timeout=DOWNLOAD_MS) as download_info:
        visit.page.get_by_role("button", name="Map (HTML)").click()
    download = download_info.value
    assert download.suggested_filename == "kursk-claims-2025-01-31.html"
    saved = ARTIFACTS / download.suggested_filename
    download.save_as(saved)

    with offline_page(browser, 1600, 900) as offline:
        page = offline.page
        page.goto(saved.as_uri())
        page.wait_for_function("window.KurskMap && KurskMap.state && KurskMap.state.date === '2025-01-31'")
        assert claims_drawn(page.main_frame) == shown
        assert page.locator(".kcm-region-focus").text_content() == "Kursk Oblast"
        assert page.locator("path.leaflet-interactive").count() > 100
        assert page.locator("aside article").count() == shown
        assert misplaced_claims(page.main_frame, load_dataset(DATA)) == []
        expect(page.locator("aside article.selected")).to_contain_text("three weeks")
        page.screenshot(path=ARTIFACTS / "export-offline.png")
        assert offline.errors == []
        assert offline.outside_requests() == []  # the bundled basemap: no tiles asked for
    visit.assert_clean()
