"""The browser files the running app serves are the recorded ones, and the map runs Leaflet 1.9.4 from them."""

from __future__ import annotations

import hashlib
import urllib.request

from playwright.sync_api import Response

from tests.browser.conftest import Visit
from tests.test_dependencies import manifest_rows

VENDOR_PATH = "/app/static/vendor/"
LOOPBACK_ONLY = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no proxy between test and app


def test_the_map_runs_leaflet_1_9_4_and_every_vendored_file_served_is_the_recorded_one(visit: Visit) -> None:
    loaded: list[str] = []

    def note(response: Response) -> None:
        if VENDOR_PATH in response.url:
            loaded.append(response.url.split(VENDOR_PATH, 1)[1])

    visit.page.on("response", note)
    frame = visit.open("?date=2025-01-31")
    assert frame.evaluate("L.version") == "1.9.4"
    assert "leaflet@1.9.4/dist/leaflet.js" in loaded and "leaflet@1.9.4/dist/leaflet.css" in loaded
    rows = manifest_rows()
    assert set(loaded) <= set(rows)
    for rel, (size, digest) in rows.items():
        with LOOPBACK_ONLY.open(visit.base_url + VENDOR_PATH + rel, timeout=10) as answer:
            body = answer.read()
        assert (len(body), hashlib.sha256(body).hexdigest()) == (size, digest), rel
    visit.assert_clean()
