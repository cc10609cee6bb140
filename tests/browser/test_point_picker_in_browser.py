"""The claim form's point picker shows where a point is before it is saved: the key places by name, every place as
a dot, the fronts of the claim's days, and under it the point in words, from the nearest place and key place, as
geo.model.whereabouts says them for the coordinates the click set."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from geo.model.map_style import FRONT_STYLES
from geo.model.whereabouts import nearest_place
from geo.reading.dataset import load_dataset
from tests.browser.conftest import ARTIFACTS, make_visit
from tests.conftest import DATA

LEAFLET_MAP = "Object.values(window).find((value) => value instanceof L.Map)"


def test_the_picker_shows_places_and_fronts_and_says_the_point_in_words(browser: Browser, app_url: str) -> None:
    """The shared app's desk is the local analyst's; the form is opened and never saved, so nothing is stored."""
    data = load_dataset(DATA)
    sudzha = data.places["Sudzha"]
    visit = make_visit(browser, app_url, 1400, 1000)
    visit.open("?date=2025-02-10")
    page = visit.page
    page.get_by_role("button", name="New claim").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("A point (click the map or type it)").click()
    picker = dialog.locator("iframe").first.content_frame
    picker.locator(".leaflet-container").wait_for()
    expect(picker.locator(".kcm-picker-label", has_text="Sudzha")).to_be_visible(timeout=20_000)
    strokes = picker.locator("path.leaflet-interactive, path").evaluate_all(
        "(paths) => paths.map((path) => path.getAttribute('stroke'))"
    )
    assert FRONT_STYLES["UA"]["color"] in strokes and FRONT_STYLES["RU"]["color"] in strokes  # both sides' fronts
    expect(dialog.get_by_text(re.compile(r"Fronts as of .*blue — Ukrainian-held area"))).to_be_visible()

    # a click 20 km east of Sudzha, where the map puts that point
    spot = picker.locator(".leaflet-container").evaluate(
        f"(node, [lat, lon]) => {{ const map = {LEAFLET_MAP}; const point = map.latLngToContainerPoint([lat, lon]); "
        "return [point.x, point.y]; }",
        [sudzha.lat, sudzha.lon + 0.287],
    )
    before = dialog.get_by_label("Latitude").input_value()
    picker.locator(".leaflet-container").click(position={"x": spot[0], "y": spot[1]})
    expect(dialog.get_by_label("Latitude")).not_to_have_value(before, timeout=20_000)
    lat = float(dialog.get_by_label("Latitude").input_value())
    lon = float(dialog.get_by_label("Longitude").input_value())
    nearest = nearest_place(lat, lon, data.places)
    town = nearest_place(lat, lon, {name: place for name, place in data.places.items() if place.key_place})
    assert nearest is not None and town is not None
    said = dialog.get_by_text("The point is")
    expect(said).to_contain_text(f"{nearest.words} (nearest place)", timeout=20_000)
    if town.place.name != nearest.place.name:
        expect(said).to_contain_text(f"{town.words} (nearest key place)")
    assert town.place.name == "Sudzha" and town.direction == "E" and 18 < town.km < 22
    said.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "point-picker.png"))
    visit.assert_clean()
    visit.page.close()
