"""An open page follows the store: a claim imported while it is open appears, without a reload or a new map."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from geo.store import Store
from tests.browser.conftest import make_visit, running_app, seeded_store
from tests.conftest import DATA, valid_claim, write_claims


@pytest.fixture
def live_app(tmp_path: Path) -> Iterator[tuple[str, str]]:
    url = seeded_store(tmp_path)
    with running_app(store_url=url) as base:
        yield base, url


def test_a_claim_imported_while_the_page_is_open_appears_on_the_same_map(
    browser: Browser, live_app: tuple[str, str], tmp_path: Path, bundled
) -> None:
    base, url = live_app
    visit = make_visit(browser, base)
    frame = visit.open("?date=2025-01-31")
    frame.evaluate("window.__sameMap = true")
    shown_before = frame.evaluate("KurskMap.claims.shownIds().length")
    bundle = tmp_path / "bundle"
    shutil.copytree(DATA, bundle)
    write_claims(bundle, [valid_claim(id="live-arrival", statement="Imported while the page was open.")])
    Store(url).import_bundle(bundle, "analyst", "a new report")
    frame.wait_for_function("KurskMap.claims.shownIds().includes('live-arrival')", timeout=20_000)
    assert frame.evaluate("window.__sameMap") is True  # the map was never sent again
    assert frame.evaluate("KurskMap.claims.shownIds().length") == shown_before + 1
    drawn = frame.evaluate(
        """KurskMap.symbols().filter((symbol) => symbol.members.some(
            (index) => KurskMap.data.claims.ids[index] === 'live-arrival')).length"""
    )
    assert drawn == 1
    column = frame.evaluate("KurskMap.claims.indexById.get('live-arrival')")
    placed = frame.evaluate(f"[KurskMap.data.claims.lat[{column}], KurskMap.data.claims.lon[{column}]]")
    sudzha = bundled.places["Sudzha"]
    assert placed == [round(sudzha.lat, 4), round(sudzha.lon, 4)]  # drawn where its data says
    expect(visit.page.get_by_text(f"of {shown_before + 1} claims")).to_be_visible()
    visit.assert_clean()
    visit.page.close()
