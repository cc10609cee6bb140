"""Downloads clicked as a person would: the KML and GeoPackage hold the claims on screen and open in GDAL; in a
briefing, the handout is the story as a PDF, one page a step."""

from __future__ import annotations

import subprocess

import yaml
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import ARTIFACTS, DOWNLOAD_MS, Visit
from tests.conftest import DATA

STORY = "nk-troops-kursk"


def test_kml_and_geopackage_download_with_the_claims_on_screen(visit: Visit) -> None:
    app_frame = visit.open("?date=2025-01-31")
    shown = app_frame.evaluate("KurskMap.state.visible.length")
    visit.page.get_by_text("Share and export").click()
    expect(visit.page.get_by_role("button", name="GeoPackage")).to_be_visible()
    saved = {}
    for name, suffix in (("KML", "kml"), ("GeoPackage", "gpkg")):
        button = visit.page.get_by_role("button", name=name, exact=True)
        expect(button).to_be_enabled()
        with visit.page.expect_download(timeout=DOWNLOAD_MS) as download_info:
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


def test_a_briefing_prints_its_story_one_page_a_step(visit: Visit) -> None:
    visit.open(f"?mode=brief&story={STORY}&step=2")
    expect(visit.page.locator(".st-key-brief-top")).to_contain_text("Step 2 of")
    visit.page.get_by_role("button", name="Share").click()
    button = visit.page.get_by_role("button", name="Handout (PDF)")
    expect(button).to_be_enabled()
    with visit.page.expect_download(timeout=DOWNLOAD_MS) as download_info:  # 8 maps drawn
        button.click()
    download = download_info.value
    assert download.suggested_filename == f"kursk-story-{STORY}.pdf"
    saved = ARTIFACTS / download.suggested_filename
    download.save_as(saved)
    story = yaml.safe_load((DATA / "stories" / "nk_troops_kursk.yaml").read_text("utf-8"))
    reader = PdfReader(saved)
    assert len(reader.pages) == len(story["steps"])
    assert reader.metadata is not None and reader.metadata.title == story["title"]
    for page, step in zip(reader.pages, story["steps"], strict=True):
        assert " ".join(step["title"].split()) in " ".join(page.extract_text().split())
    visit.assert_clean()
