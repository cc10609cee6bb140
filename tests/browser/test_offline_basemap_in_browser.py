"""Offline is the normal case (a briefing room, a laptop on a plane): the page and the exported page open on the
bundled basemap and ask for nothing outside the app, so no request fails and the console stays clean. Tiles are
offered in the layer control: chosen, they go on once a tile loads, or the map says they cannot and keeps the
bundled basemap."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, ConsoleMessage, Frame, expect

from tests.browser.conftest import ARTIFACTS, DOWNLOAD_MS, Visit, offline_page

TILE_ROUTE = re.compile(r"https://tile\.openstreetmap\.org/.*")
BASE_LAYERS = ".leaflet-control-layers-base label"


def console_errors(messages: list[ConsoleMessage]) -> list[str]:
    return [f"{message.text} ({message.location.get('url', '')})" for message in messages if message.type == "error"]


def base_layer_chosen(frame: Frame) -> str:
    """The name of the base layer whose radio is checked in the layer control."""
    return frame.locator(BASE_LAYERS).filter(has=frame.locator("input:checked")).inner_text().strip()


def choose_base_layer(frame: Frame, name: str) -> None:
    frame.locator(".leaflet-control-layers").hover()
    frame.locator(BASE_LAYERS, has_text=name).click()


def test_the_page_and_its_export_open_offline_with_no_failed_request_and_no_console_error(
    visit: Visit, browser: Browser
) -> None:
    messages: list[ConsoleMessage] = []
    visit.page.on("console", lambda message: messages.append(message))
    frame = visit.open("?date=2025-01-31")  # the map drawn: every front of the date and the claims' statements
    visit.page.locator(".st-key-claims-list").wait_for()  # and the panel after it: the page is whole
    assert base_layer_chosen(frame) == "Bundled basemap (works offline)"
    assert frame.locator("img.leaflet-tile").count() == 0
    visit.page.screenshot(path=str(ARTIFACTS / "offline-page.png"))
    assert visit.outside_requests == [] and visit.broken_requests() == []
    assert console_errors(messages) == []
    visit.assert_clean()

    visit.page.get_by_text("Share and export").click()
    with visit.page.expect_download(timeout=DOWNLOAD_MS) as download_info:
        visit.page.get_by_role("button", name="Map (HTML)").click()
    saved = ARTIFACTS / "offline-export.html"
    download_info.value.save_as(saved)
    with offline_page(browser, 1280, 720) as offline:
        page = offline.page
        page.goto(saved.as_uri())
        page.wait_for_function("window.KurskMap && KurskMap.settled && KurskMap.settled()")
        assert base_layer_chosen(page.main_frame) == "Bundled basemap (works offline)"
        page.screenshot(path=str(ARTIFACTS / "offline-export.png"))
    assert offline.outside_requests() == []
    assert offline.failed == [] and console_errors(offline.console) == []


def test_tiles_chosen_go_on_once_a_tile_loads(visit: Visit) -> None:
    tile = (ARTIFACTS.parent / "static" / "favicon.png").read_bytes()
    visit.page.route(TILE_ROUTE, lambda route: route.fulfill(status=200, content_type="image/png", body=tile))
    frame = visit.open("?date=2025-01-31")
    assert frame.locator("img.leaflet-tile").count() == 0  # nothing asked for until chosen
    choose_base_layer(frame, "OpenStreetMap tiles")
    frame.wait_for_selector("img.leaflet-tile-loaded", state="attached", timeout=15_000)
    assert base_layer_chosen(frame) == "OpenStreetMap tiles (needs the internet)"
    expect(frame.locator(".leaflet-control-attribution")).to_contain_text("OpenStreetMap contributors")
    assert visit.non_tile_outside_requests() == [] and visit.errors == []


def test_tiles_that_cannot_load_are_said_and_the_bundled_basemap_stays(visit: Visit) -> None:
    frame = visit.open("?date=2025-01-31")
    choose_base_layer(frame, "OpenStreetMap tiles")
    expect(frame.locator(".kcm-tiles-note")).to_contain_text("Map tiles could not be loaded", timeout=15_000)
    assert base_layer_chosen(frame) == "Bundled basemap (works offline)"
    assert frame.locator("img.leaflet-tile").count() == 0
    assert len(visit.outside_requests) == 1  # the one tile asked for first
    assert visit.non_tile_outside_requests() == [] and visit.errors == []
