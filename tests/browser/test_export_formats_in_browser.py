"""The KML and GeoPackage downloads, clicked as a person would: each holds the claims on screen and opens in GDAL."""

from __future__ import annotations

import subprocess

from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, Visit


def test_kml_and_geopackage_download_with_the_claims_on_screen(visit: Visit) -> None:
    app_frame = visit.open("?date=2025-01-31")
    shown = app_frame.evaluate("KurskMap.state.visible.length")
    visit.page.get_by_text("Share and export").click()
    expect(visit.page.get_by_role("button", name="GeoPackage")).to_be_visible()
    saved = {}
    for name, suffix in (("KML", "kml"), ("GeoPackage", "gpkg")):
        button = visit.page.get_by_role("button", name=name, exact=True)
        expect(button).to_be_enabled()
        with visit.page.expect_download(timeout=90_000) as download_info:  # each file is made on the server on click
            button.click()
        download = download_info.value
        assert download.suggested_filename == f"kursk-claims-2025-01-31.{suffix}"
        saved[suffix] = ARTIFACTS / download.suggested_filename
        download.save_as(saved[suffix])
    kml_text = saved["kml"].read_text("utf-8")
    assert kml_text.count('<Placemark id="claim-') == shown
    assert '<Data name="as_of">' in kml_text
    counts = {}
    for layer in ("claims_points", "claims_areas"):
        done = subprocess.run(
            ["ogrinfo", "-ro", "-so", str(saved["gpkg"]), layer], capture_output=True, text=True, check=True
        )
        counts[layer] = int(done.stdout.split("Feature Count: ", 1)[1].split()[0])
    assert sum(counts.values()) == shown
    visit.assert_clean()
