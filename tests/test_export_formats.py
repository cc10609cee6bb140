"""The export command writes every format from a bundle folder, offline, and each file says what it holds."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import fastkml
import lxml.html
import pyogrio
import pytest
import shapely
from lxml import etree

from geo.model.confidence import ConfidenceLevel
from geo.model.map_style import LEVEL_COLOURS
from geo.model.records import Claim
from geo.publishing import geopackage, kml
from geo.publishing.claim_record import ClaimRecord, claim_record, properties
from geo.publishing.export import Made, Selection
from geo.publishing.formats import FORMATS
from geo.reading.dataset import Dataset, load_dataset
from geo.time.timeline import by_layer
from tests.conftest import DATA, REPO, valid_claim, write_claims
from tests.hostile_text import KINDS

DAY = "2025-01-31"
DATE = dt.date.fromisoformat(DAY)
KML = kml.KML_NAMESPACE
NS = {"k": KML}


def export(out: Path, fmt: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The command as a script would run it, on the bundled data folder."""
    command = [
        sys.executable,
        "-m",
        "geo.publishing",
        "export",
        "--format",
        fmt,
        "--out",
        str(out),
        "--data",
        str(DATA),
    ]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, cwd=REPO, env=dict(os.environ), check=False
    )


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_command_writes_every_format(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"export.{fmt}"
    done = export(out, fmt, "--date", DAY)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0
    assert f"({fmt}, " in done.stdout


def test_the_command_writes_the_claims_of_the_date_or_the_whole_case(tmp_path: Path, bundled) -> None:
    dated, whole = tmp_path / "dated.geojson", tmp_path / "whole.geojson"
    assert export(dated, "geojson", "--date", DAY).returncode == 0
    assert export(whole, "geojson").returncode == 0
    on_day = json.loads(dated.read_text("utf-8"))
    assert on_day["metadata"]["as_of"] == DAY and on_day["metadata"]["known_then"] is False
    assert [feature["id"] for feature in on_day["features"]] == [c.id for c in bundled.visible_on(DATE)]
    case = json.loads(whole.read_text("utf-8"))
    assert case["metadata"]["as_of"] is None and len(case["features"]) == len(bundled.claims)


def test_the_csv_from_the_command_is_the_download(tmp_path: Path, bundled) -> None:
    out = tmp_path / "claims.csv"
    assert export(out, "csv", "--date", DAY).returncode == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert {row["as_of"] for row in rows} == {DAY}
    assert len(rows) == len(bundled.visible_on(DATE))


def test_the_command_refuses_an_unknown_story(tmp_path: Path) -> None:
    done = export(tmp_path / "x.geojson", "geojson", "--story", "no-such-story")
    assert done.returncode == 2 and "unknown story 'no-such-story'" in done.stderr
    assert not (tmp_path / "x.geojson").exists()


# --- KML / KMZ: valid against the OGC schema, and read by GDAL as Google Earth-class tools read it -----------


def ogr_layers(path: Path) -> dict[str, int]:
    """Each layer GDAL finds in the file, with its feature count, as `ogrinfo` reports them."""
    done = subprocess.run(["ogrinfo", "-ro", "-al", "-so", str(path)], capture_output=True, text=True, check=True)
    names = re.findall(r"^Layer name: (.+)$", done.stdout, re.MULTILINE)
    counts = [int(count) for count in re.findall(r"^Feature Count: (\d+)$", done.stdout, re.MULTILINE)]
    assert len(names) == len(counts), done.stdout
    return dict(zip(names, counts, strict=True))


def ogr_driver(path: Path) -> str:
    done = subprocess.run(["ogrinfo", "-ro", "-so", str(path)], capture_output=True, text=True, check=True)
    found = re.search(r"using driver `(\w+)' successful", done.stdout)
    assert found is not None, done.stdout
    return found.group(1)


def kml_schema() -> etree.XMLSchema:
    """The OGC KML 2.2 schema (with the Atom, xAL and gx schemas it imports) as fastkml ships it: read offline."""
    return etree.XMLSchema(etree.parse(Path(fastkml.__file__).parent / "schema" / "ogckml22.xsd"))


def expected_layers(dataset: Dataset, claims: list[Claim], on: dt.date | None) -> dict[str, int]:
    fronts = [snapshot for snapshot in dataset.fronts if on is None or snapshot.date <= on]
    return {
        kml.CLAIMS_AT_POINTS: sum(claim.location.area is None for claim in claims),
        kml.CLAIMS_ABOUT_AREAS: sum(claim.location.area is not None for claim in claims),
        **{f"Front: {snapshots[0].label}": len(snapshots) for snapshots in by_layer(fronts).values()},
        kml.PLACES: len(dataset.places),
    }


@pytest.fixture(scope="module")
def day_kml(bundled: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("kml") / "day.kml"
    made = Made(as_of=DATE, known_then=True, filters={"side": "ukraine"})
    kml.write_kml(
        out,
        Selection(claims=bundled.visible_on(DATE), grades=bundled.grades_known_on(DATE), dataset=bundled, made=made),
    )
    return out


def test_the_kml_is_valid_against_the_ogc_kml_schema(day_kml: Path, bundled: Dataset, tmp_path: Path) -> None:
    schema = kml_schema()
    document = etree.parse(str(day_kml))
    assert schema.validate(document), schema.error_log
    assert document.getroot().tag == f"{{{KML}}}kml"
    whole = tmp_path / "whole.kml"
    kml.write_kml(
        whole, Selection(claims=list(bundled.by_report), grades=bundled.grade_all(), dataset=bundled, made=Made())
    )
    assert schema.validate(etree.parse(str(whole))), schema.error_log


def test_gdal_reads_every_layer_of_the_kml_and_the_kmz(day_kml: Path, bundled: Dataset, tmp_path: Path) -> None:
    shown = bundled.visible_on(DATE)
    assert ogr_driver(day_kml) in {"LIBKML", "KML"}
    assert ogr_layers(day_kml) == expected_layers(bundled, shown, DATE)
    kmz = tmp_path / "case.kmz"
    kml.write_kmz(
        kmz, Selection(claims=list(bundled.by_report), grades=bundled.grade_all(), dataset=bundled, made=Made())
    )
    with zipfile.ZipFile(kmz) as archive:
        assert archive.namelist() == ["doc.kml"]
        assert kml_schema().validate(etree.fromstring(archive.read("doc.kml")))
    assert ogr_layers(kmz) == expected_layers(bundled, bundled.claims, None)


def test_each_claim_is_a_placemark_with_its_record_grade_and_confidence_style(day_kml: Path, bundled: Dataset) -> None:
    grades = bundled.grades_known_on(DATE)
    root = etree.parse(str(day_kml)).getroot()
    placemarks = root.findall(".//k:Folder[@id='claims-points']/k:Placemark", NS) + root.findall(
        ".//k:Folder[@id='claims-areas']/k:Placemark", NS
    )
    assert sorted(mark.get("id") for mark in placemarks) == sorted(f"claim-{c.id}" for c in bundled.visible_on(DATE))
    styles = {style.get("id"): style for style in root.iter(f"{{{KML}}}Style")}
    for mark in placemarks:
        data = {item.get("name"): item.findtext("k:value", namespaces=NS) for item in mark.iterfind(".//k:Data", NS)}
        claim = bundled.by_id[data["id"]]
        record = claim_record(claim, grades[claim.id], bundled)
        assert data["admiralty_code"] == record.admiralty_code and data["confidence"] == record.confidence
        assert data["statement"] == record.statement and data["links"] == "\n".join(record.links)
        assert set(data) <= set(ClaimRecord.model_fields)
        assert {name for name, value in properties(record).items() if value not in (None, "", [])} <= set(data)
        style_url = mark.findtext("k:styleUrl", namespaces=NS)
        assert style_url == f"#confidence-{record.confidence.lower()}"
        colour = styles[style_url[1:]].findtext("k:IconStyle/k:color", namespaces=NS)
        assert colour == kml.kml_colour(LEVEL_COLOURS[ConfidenceLevel(record.confidence)])
        assert mark.findtext("k:TimeSpan/k:begin", namespaces=NS) == claim.first_reported.isoformat()
        geometry = "Point" if claim.location.area is None else "Polygon"
        assert mark.find(f".//k:{geometry}", NS) is not None


def test_the_kml_says_what_it_was_made_with(day_kml: Path) -> None:
    document = etree.parse(str(day_kml)).getroot().find("k:Document", NS)
    assert document is not None
    made = {
        item.get("name"): item.findtext("k:value", namespaces=NS)
        for item in document.findall("k:ExtendedData/k:Data", NS)
    }
    assert made["as_of"] == DATE.isoformat() and made["known_then"] == "true" and made["filters"] == "side=ukraine"
    description = document.findtext("k:description", namespaces=NS) or ""
    assert f"shown on {DATE.isoformat()}" in description and "graded as known on" in description
    assert "filters: side=ukraine" in description


def test_fronts_are_dated_polygons_until_the_next_snapshot_of_their_layer(bundled: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "case.kml"
    kml.write_kml(out, Selection(claims=[], grades={}, dataset=bundled, made=Made()))
    root = etree.parse(str(out)).getroot()
    for layer, snapshots in by_layer(bundled.fronts).items():
        folder = root.find(f".//k:Folder[@id='front-{layer}']", NS)
        assert folder is not None
        spans = [
            (mark.findtext("k:TimeSpan/k:begin", namespaces=NS), mark.findtext("k:TimeSpan/k:end", namespaces=NS))
            for mark in folder.findall("k:Placemark", NS)
        ]
        dates = [snapshot.date.isoformat() for snapshot in snapshots]
        assert spans == list(zip(dates, [*dates[1:], None], strict=True))
        assert all(mark.find(".//k:Polygon", NS) is not None for mark in folder.findall("k:Placemark", NS))
        side = snapshots[0].side.lower()
        assert {mark.findtext("k:styleUrl", namespaces=NS) for mark in folder.findall("k:Placemark", NS)} == {
            f"#front-{side}"
        }


def test_a_hostile_statement_is_shown_in_the_balloon_never_run(data_copy: Path, tmp_path: Path) -> None:
    hostile = [KINDS["script"], KINDS["img-onerror"], KINDS["quotes"], KINDS["entity"]]
    write_claims(
        data_copy,
        [valid_claim(id=f"hostile-{index}", statement=f"Troops seen {text}") for index, text in enumerate(hostile)],
    )
    dataset = load_dataset(data_copy)
    out = tmp_path / "hostile.kml"
    kml.write_kml(out, Selection(claims=dataset.claims, grades=dataset.grade_all(), dataset=dataset, made=Made()))
    assert kml_schema().validate(etree.parse(str(out)))
    marks = [
        mark
        for mark in etree.parse(str(out)).getroot().iterfind(".//k:Placemark", NS)
        if (mark.get("id") or "").startswith("claim-hostile-")
    ]
    assert len(marks) == len(hostile)
    for mark in marks:
        balloon = lxml.html.fragment_fromstring(mark.findtext("k:description", namespaces=NS), create_parent="div")
        assert not balloon.xpath("//script|//img|//svg|//*[@onerror or @onmouseover or @onload]")
        statement = dataset.by_id[mark.get("id").removeprefix("claim-")].statement
        assert statement in balloon.text_content()


# --- GeoPackage: every layer opens in GDAL, with the counts, columns and metadata QGIS shows -----------------


@pytest.fixture(scope="module")
def day_gpkg(bundled: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gpkg") / "day.gpkg"
    made = Made(as_of=DATE, known_then=True, filters={"side": "ukraine"})
    geopackage.write_gpkg(
        out,
        Selection(claims=bundled.visible_on(DATE), grades=bundled.grades_known_on(DATE), dataset=bundled, made=made),
    )
    return out


def test_gdal_opens_every_layer_of_the_geopackage_with_its_count(day_gpkg: Path, bundled: Dataset) -> None:
    shown = bundled.visible_on(DATE)
    assert ogr_driver(day_gpkg) == "GPKG"
    assert ogr_layers(day_gpkg) == {
        "claims_points": sum(claim.location.area is None for claim in shown),
        "claims_areas": sum(claim.location.area is not None for claim in shown),
        "fronts": sum(snapshot.date <= DATE for snapshot in bundled.fronts),
        "places": len(bundled.places),
    }
    done = subprocess.run(["ogrinfo", "-ro", "-al", "-so", str(day_gpkg)], capture_output=True, text=True, check=True)
    assert "Warning" not in done.stderr and "ERROR" not in done.stderr
    assert "first_reported: Date" in done.stdout and "until: Date" in done.stdout
    assert "Geometry: Point" in done.stdout and "Geometry: Multi Polygon" in done.stdout


def test_the_geopackage_claims_carry_the_claim_record(day_gpkg: Path, bundled: Dataset) -> None:
    grades = bundled.grades_known_on(DATE)
    for layer, about_area in (("claims_points", False), ("claims_areas", True)):
        table = pyogrio.read_dataframe(day_gpkg, layer=layer)
        assert list(table.columns) == [*ClaimRecord.model_fields, "geometry"]
        wanted = [claim for claim in bundled.visible_on(DATE) if (claim.location.area is not None) == about_area]
        assert list(table["id"]) == [claim.id for claim in wanted]
        for row, claim in zip(table.itertuples(), wanted, strict=True):
            record = claim_record(claim, grades[claim.id], bundled)
            assert (row.number, row.admiralty_code, row.confidence) == (
                record.number,
                record.admiralty_code,
                record.confidence,
            )
            assert row.sources == "\n".join(record.sources)
            assert row.geometry.geom_type == ("MultiPolygon" if about_area else "Point")


def test_the_geopackage_fronts_have_their_dates_and_source(day_gpkg: Path, bundled: Dataset) -> None:
    fronts = pyogrio.read_dataframe(day_gpkg, layer="fronts")
    assert {"date", "until", "layer", "label", "side", "source", "area_km2"} <= set(fronts.columns)
    for layer, snapshots in by_layer(s for s in bundled.fronts if s.date <= DATE).items():
        rows = fronts[fronts["layer"] == layer]
        assert [str(value)[:10] for value in rows["date"]] == [s.date.isoformat() for s in snapshots]
        assert list(rows["area_km2"]) == [s.area_km2 for s in snapshots]
        assert set(rows["source"]) == {snapshots[0].source_name}


def test_the_geopackage_says_what_it_was_made_with(day_gpkg: Path) -> None:
    info = pyogrio.read_info(day_gpkg, layer="claims_points")
    assert info["dataset_metadata"]["as_of"] == DAY and info["dataset_metadata"]["known_then"] == "true"
    assert info["dataset_metadata"]["filters"] == "side=ukraine"
    assert f"shown on {DAY}" in info["dataset_metadata"]["made_with"]
    assert "claim record" in info["layer_metadata"]["DESCRIPTION"]
    with sqlite3.connect(day_gpkg) as connection:
        (metadata,) = connection.execute("SELECT metadata FROM gpkg_metadata WHERE md_scope = 'dataset'").fetchone()
    assert "made_with" in metadata and "side=ukraine" in metadata


def test_a_polygon_keeps_its_holes_and_a_line_is_refused() -> None:
    ring = [(35.0, 51.0), (35.4, 51.0), (35.4, 51.3), (35.0, 51.3)]
    hole = [(35.1, 51.1), (35.2, 51.1), (35.2, 51.2)]
    element = kml.geometry_element(shapely.MultiPolygon([shapely.Polygon(ring, [hole])]))
    assert element.tag == f"{{{KML}}}MultiGeometry"
    inner = element.findtext("k:Polygon/k:innerBoundaryIs/k:LinearRing/k:coordinates", namespaces=NS)
    assert inner == "35.100000,51.100000 35.200000,51.100000 35.200000,51.200000 35.100000,51.100000"
    with pytest.raises(ValueError, match="no KML geometry for a LineString"):
        kml.geometry_element(shapely.LineString(ring))
