"""The page's downloads: a button for every export format, for the view on screen or the whole case, and the
PDF the moment calls for (a story's handout in briefing, a selected claim's sheet). Each button's file is made
by the function its button holds (components.sharing.downloads.file_bytes on the scope's selection); here each
such file is opened as its tools would open it, and says what it holds."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pyogrio
import pytest
from lxml import etree
from pypdf import PdfReader
from stix2validator import ValidationOptions, validate_instance
from streamlit.testing.v1 import AppTest

from components.sharing import downloads
from components.sharing.downloads import DOWNLOADS, PDF, Scope, file_bytes, on_screen, pdf_download, whole_case
from geo.model.records import Affiliation
from geo.publishing import links
from geo.publishing.formats import FORMATS
from geo.publishing.kml import KML_NAMESPACE
from geo.publishing.made_words import made_sentence
from geo.reading.dataset import Dataset
from geo.selection import filters
from geo.selection.filters import ClaimFilter
from tests.test_app import start

DAY = dt.date(2025, 1, 31)
STORY = "nk-troops-kursk"
CLAIM = "nk-absent-kursk-front-three-weeks"
SCOPES = ("view", "case")


def scope_of(name: str, bundled: Dataset) -> Scope:
    """The view as the panel would hand it (a date, a filter, graded as known then), or the whole case."""
    if name == "case":
        return whole_case(bundled, bundled.grade_all())
    view = links.View(DAY, filter=ClaimFilter(sides=frozenset({Affiliation.UKRAINE})), known_then=True)
    verdicts = bundled.grades_known_on(DAY)
    shown = filters.apply(bundled.known_on(DAY), verdicts, bundled.search, view.filter)
    return on_screen(view, bundled, shown, verdicts)


def test_every_format_of_the_export_command_has_a_button() -> None:
    assert {row.fmt for row in DOWNLOADS} | {PDF} == set(FORMATS)
    assert len({row.label for row in DOWNLOADS}) == len(DOWNLOADS)
    assert len({row.extension for row in DOWNLOADS}) == len(DOWNLOADS)  # no two files of a scope share a name


def opened(fmt: str, data: bytes, folder: Path) -> tuple[int, str]:
    """The file opened as its tools open it: how many claims it holds, and what it says it was made with."""
    if fmt == "geojson":
        document = json.loads(data)
        assert document["type"] == "FeatureCollection"
        metadata = document["metadata"]
        return len(document["features"]), f"{metadata['as_of'] or ''} {urlencode(metadata['filters'])}"
    if fmt == "csv":
        assert data.startswith(b"\xef\xbb\xbf")
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        return len(rows), f"{rows[0]['as_of']} {rows[0]['filters']}"
    if fmt in ("kml", "kmz"):
        if fmt == "kmz":
            with zipfile.ZipFile(io.BytesIO(data)) as kmz:
                assert kmz.namelist() == ["doc.kml"]
                data = kmz.read("doc.kml")
        root = etree.fromstring(data)
        claims = root.xpath("//k:Placemark[starts-with(@id, 'claim-')]", namespaces={"k": KML_NAMESPACE})
        return len(claims), root.findtext(f".//{{{KML_NAMESPACE}}}description") or ""
    if fmt == "gpkg":
        return gpkg_opened(data, folder)
    assert fmt == "stix", fmt
    bundle = json.loads(data)
    results = validate_instance(bundle, ValidationOptions(version="2.1", enforce_refs=True, silent=True))
    assert results.errors == []
    (report,) = [thing for thing in bundle["objects"] if thing["type"] == "report"]
    return sum(thing["type"] == "note" for thing in bundle["objects"]), report["description"]


def gpkg_opened(data: bytes, folder: Path) -> tuple[int, str]:
    """The GeoPackage as QGIS opens it: a file named .gpkg, read by GDAL."""
    path = folder / "download.gpkg"
    path.write_bytes(data)
    assert pyogrio.list_layers(path)[:, 0].tolist() == ["claims_points", "claims_areas", "fronts", "places"]
    points = pyogrio.read_info(path, layer="claims_points")
    areas = pyogrio.read_info(path, layer="claims_areas")
    return points["features"] + areas["features"], points["dataset_metadata"]["made_with"]


@pytest.mark.parametrize("scope_name", SCOPES)
@pytest.mark.parametrize("row", DOWNLOADS, ids=lambda row: row.fmt)
def test_each_button_makes_a_file_its_tools_open_that_says_what_it_holds(
    row: downloads.Download, scope_name: str, bundled: Dataset, tmp_path: Path
) -> None:
    scope = scope_of(scope_name, bundled)
    made = scope.selection.made
    data = file_bytes(row.fmt, scope.selection, f"{scope.stem}.{row.extension}")
    count, says = opened(row.fmt, data, tmp_path)
    assert count == len(scope.selection.claims)
    if scope_name == "case":
        assert count == len(bundled.claims) and scope.stem == "kursk-claims-whole-case"
        assert made.as_of is None and not made.known_then
    else:
        assert 0 < count < len(bundled.claims) and scope.stem == f"kursk-claims-{DAY}"
        assert made.as_of == DAY and made.known_then and made.filters == {"side": "ukraine"}
    if row.fmt in ("geojson", "csv"):  # the date and the filters as values, for a program to read
        assert says == (f"{DAY} side=ukraine" if scope_name == "view" else " ")
    else:
        assert made_sentence(made, count) in says


def test_in_briefing_the_pdf_is_the_story_one_page_a_step(bundled: Dataset) -> None:
    story = bundled.stories[STORY]
    step = story.steps[2]
    view = links.View(step.as_of, brief=True, story=STORY, step=3)
    for scope in (
        on_screen(view, bundled, bundled.visible_on(step.as_of), bundled.grade_all(), story),
        whole_case(bundled, bundled.grade_all(), story),
    ):
        pdf = pdf_download(scope, CLAIM)  # a story shown wins over a claim
        assert pdf.label == "Handout (PDF)" and pdf.file_name == f"kursk-story-{STORY}.pdf"
        assert pdf.selection is not None
        reader = PdfReader(io.BytesIO(file_bytes(PDF, pdf.selection, pdf.file_name)))
        assert len(reader.pages) == len(story.steps)
        assert reader.metadata is not None and reader.metadata.title == story.title
        # each page has its own date: the file does not claim the step's date as its own
        assert reader.metadata.subject == made_sentence(downloads.Made())
        assert step.title in reader.pages[2].extract_text()


@pytest.mark.parametrize("scope_name", SCOPES)
def test_outside_briefing_a_selected_claim_prints_as_its_sheet(scope_name: str, bundled: Dataset) -> None:
    scope = scope_of(scope_name, bundled)
    pdf = pdf_download(scope, CLAIM)
    assert pdf.label == "Claim sheet (PDF)" and pdf.file_name == f"kursk-claim-{CLAIM}.pdf"
    assert pdf.selection is not None and pdf.selection.made.filters["claim"] == CLAIM
    reader = PdfReader(io.BytesIO(file_bytes(PDF, pdf.selection, pdf.file_name)))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert f"Claim sheet · #{bundled.numbers[CLAIM]} · {CLAIM}" in text


def test_with_no_story_and_no_claim_there_is_no_pdf_and_it_says_why(bundled: Dataset) -> None:
    assert pdf_download(scope_of("view", bundled), None) is downloads.NO_PDF
    assert pdf_download(scope_of("view", bundled), "no-such-claim") is downloads.NO_PDF
    assert downloads.NO_PDF.selection is None
    assert "not the view" in downloads.NO_PDF.help and "select a claim" in downloads.NO_PDF.help


def buttons(app: AppTest) -> list[str]:
    return [element.proto.label for element in app.get("download_button")]


def made_on_click(app: AppTest) -> list[Any]:
    """Every button holds a generator to run on click, not a file made with the page."""
    return [element.proto.deferred_file_id for element in app.get("download_button")]


def test_the_panel_offers_the_view_or_the_whole_case(bundled: Dataset) -> None:
    app = start({"date": DAY.isoformat()})
    labels = [row.label for row in DOWNLOADS]
    assert buttons(app) == ["Map (HTML)", *labels]
    assert all(made_on_click(app))
    assert downloads.NO_PDF.help in [caption.value for caption in app.caption]
    (scope,) = [radio for radio in app.radio if radio.key == "export-scope"]
    assert scope.options == [
        f"the view ({len(bundled.visible_on(DAY))} claims)",
        f"the whole case ({len(bundled.claims)} claims)",
    ]
    scope.set_value("case").run()
    assert buttons(app) == labels  # the map file is of the view only


def test_the_panel_offers_a_selected_claims_sheet() -> None:
    app = start({"date": DAY.isoformat(), "claim": CLAIM})
    assert buttons(app)[-1] == "Claim sheet (PDF)" and all(made_on_click(app))


def test_the_briefings_share_offers_the_story_handout() -> None:
    app = start({"mode": "brief", "story": STORY, "step": "2"})
    assert buttons(app) == [
        "Map (HTML)",
        *[row.label for row in DOWNLOADS],
        "Handout (PDF)",
        "Slides (PNG, one per step)",
    ]
    assert all(made_on_click(app))
