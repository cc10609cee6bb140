"""Two app processes on one PostGIS store: what is imported after both started shows in both."""

from __future__ import annotations

import json
import shutil
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from geo.store import Store
from tests.browser.conftest import make_visit, running_app
from tests.conftest import DATA, fresh_postgis_database, valid_claim, write_claims


def feed_ids(base: str) -> set[str]:
    with urllib.request.urlopen(f"{base}/api/claims.geojson", timeout=30) as answer:
        return {feature["id"] for feature in json.loads(answer.read())["features"]}


@pytest.mark.postgis
def test_two_replicas_on_one_postgis_serve_a_claim_imported_after_they_started(
    browser: Browser, tmp_path: Path
) -> None:
    with fresh_postgis_database() as url, running_app(store_url=url) as first, running_app(store_url=url) as second:
        assert "late-arrival" not in feed_ids(first) | feed_ids(second)  # each filled or found the store
        data_dir = tmp_path / "data"
        shutil.copytree(DATA, data_dir)
        write_claims(data_dir, [valid_claim(id="late-arrival", statement="Imported while two replicas ran.")])
        Store(url).import_bundle(data_dir, "analyst", "a new report")
        for base in (first, second):
            assert "late-arrival" in feed_ids(base)
            visit = make_visit(browser, base)
            visit.open("?date=2025-01-31&claim=late-arrival")
            card = visit.page.locator(".st-key-claim-selected-late-arrival")
            expect(card).to_contain_text("Imported while two replicas ran.")
            visit.assert_clean()
            visit.page.close()
