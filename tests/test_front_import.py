"""Importing a front layer's dated history: DeepState's daily files as a folder, a zip or the archive's one .geojson.gz
give the same layer; km² are equal-area; clipping is recorded; a bad file is named with why while the rest come in;
the layer loads with the app's own loader; KML as ISW and mapsite publish it comes in too."""

from __future__ import annotations

import gzip
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import shape

from geo.model.issues import DataIssue
from geo.reading.dataset import load_dataset
from geo.reading.front_files import Reading, name_date
from geo.reading.front_import import (
    ClipRegion,
    Imported,
    LayerSpec,
    case_region,
    import_layer,
    main,
    outline_region,
    write_layer,
)
from geo.store import Store
from tests.conftest import DATA, REPO

FIXTURES = REPO / "tests" / "fixtures"
DEEPSTATE = FIXTURES / "deepstate"
KML = FIXTURES / "kml" / "isw-russian-advances.kml"
DAYS = ["2024-08-15", "2024-08-16", "2024-12-15"]
CASE_REGION = "the case's region (case.yaml kursk-incursion-2024-25: longitude 33.0–39.5, latitude 49.5–53.0)"


@pytest.fixture(scope="module")
def bundle() -> Any:
    return load_dataset(DATA)


def spec(bundle: Any, layer: str = "ru-occupied-deepstate-daily", source: str = "deepstate") -> LayerSpec:
    return LayerSpec(
        layer=layer,
        label="DeepState: Russian-occupied Ukraine, daily",
        side="RU",
        basis="claimed",
        source=bundle.sources[source],
        license="DeepState data terms not stated (archive repository GPL-3.0); attribute DeepStateMap",
        caveat="Daily snapshots of occupied Ukraine inside the case's region.",
        context=True,
        origin="cyterat/deepstate-map-data",
    )


def imported_from(
    source: Path, bundle: Any, region: ClipRegion | None = None, reading: Reading | None = None
) -> Imported:
    return import_layer(source, spec(bundle), region or case_region(bundle.case), bundle.case, reading or Reading())


def without_origin(imported: Imported) -> list[dict[str, Any]]:
    return [
        {**feature, "properties": {k: v for k, v in feature["properties"].items() if k != "origin"}}
        for feature in json.loads(json.dumps(imported.features))
    ]


def as_zip(tmp_path: Path) -> Path:
    """The daily files as GitHub zips a repository: under `<repo>-main/data/`."""
    archive = tmp_path / "deepstate-map-data-main.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        for path in sorted(DEEPSTATE.glob("*.geojson")):
            packed.write(path, f"deepstate-map-data-main/data/{path.name}")
    return archive


def as_unified_gz(tmp_path: Path) -> Path:
    """The daily files in the layout of the archive's deepstate-map-data.geojson.gz (scripts/unify-data.py there):
    one FeatureCollection, a feature a day with its `date` property and an `id`."""
    features = []
    for index, path in enumerate(sorted(DEEPSTATE.glob("*.geojson"))):
        geometry = json.loads(path.read_text(encoding="utf-8"))["features"][0]["geometry"]
        day = f"{path.stem[-8:-4]}-{path.stem[-4:-2]}-{path.stem[-2:]}"
        features.append({"id": str(index), "type": "Feature", "properties": {"date": day}, "geometry": geometry})
    target = tmp_path / "deepstate-map-data.geojson.gz"
    with gzip.open(target, "wt", encoding="utf-8") as stream:
        json.dump({"type": "FeatureCollection", "features": features}, stream)
    return target


def test_a_folder_a_zip_and_the_archives_geojson_gz_give_the_same_layer(tmp_path: Path, bundle: Any) -> None:
    from_folder = imported_from(DEEPSTATE, bundle)
    from_zip = imported_from(as_zip(tmp_path), bundle)
    from_gz = imported_from(as_unified_gz(tmp_path), bundle)
    assert [issue for found in (from_folder, from_zip, from_gz) for issue in found.issues] == []
    assert [feature["properties"]["date"] for feature in from_folder.features] == DAYS
    assert without_origin(from_folder) == without_origin(from_zip) == without_origin(from_gz)
    assert from_folder.features[0]["properties"]["origin"] == (
        "cyterat/deepstate-map-data:deepstatemap_data_20240815.geojson"
    )
    assert from_zip.features[0]["properties"]["origin"].endswith(
        "deepstate-map-data-main.zip:deepstate-map-data-main/data/deepstatemap_data_20240815.geojson"
    )


def test_the_layer_is_described_once_and_written_on_every_snapshot(bundle: Any) -> None:
    properties = [feature["properties"] for feature in imported_from(DEEPSTATE, bundle).features]
    assert {
        (p["layer"], p["side"], p["basis"], p["source_name"], p["source_url"], p["context"]) for p in properties
    } == {
        ("ru-occupied-deepstate-daily", "RU", "claimed", "DeepState (DeepStateMap)", "https://deepstatemap.live", True)
    }


def test_each_snapshots_km2_is_the_equal_area_measure_of_what_is_written(bundle: Any) -> None:
    to_equal_area = Transformer.from_crs("EPSG:4326", "EPSG:6933", always_xy=True)
    for feature in imported_from(DEEPSTATE, bundle).features:
        written = shape(feature["geometry"])
        projected = shapely.transform(written, lambda xy: np.column_stack(to_equal_area.transform(xy[:, 0], xy[:, 1])))
        expected = projected.area / 1e6
        assert feature["properties"]["area_km2"] == pytest.approx(expected, abs=0.05)
        assert 2500 < expected < 3500  # north Kharkiv and Luhansk inside the box: thousands of km², not degrees


def test_a_snapshot_reaching_beyond_the_case_region_is_clipped_to_it_and_says_so(bundle: Any) -> None:
    region = case_region(bundle.case)
    for feature, path in zip(imported_from(DEEPSTATE, bundle).features, sorted(DEEPSTATE.glob("*")), strict=True):
        original = shape(json.loads(path.read_text(encoding="utf-8"))["features"][0]["geometry"])
        written = shape(feature["geometry"])
        assert original.bounds[1] == 49.0 and written.bounds[1] == 49.5  # the fixtures reach south of the box
        assert region.shape.covers(written) and written.area < original.area
        assert feature["properties"]["clipped_by"] == CASE_REGION


def test_a_snapshot_is_clipped_to_a_named_outline_inside_the_case_region(bundle: Any) -> None:
    region = outline_region(f"{DATA / 'basemap' / 'regions.geojson'}#UA-63", bundle.case)
    imported = imported_from(DEEPSTATE, bundle, region)
    assert imported.issues == []
    assert {feature["properties"]["clipped_by"] for feature in imported.features} == {
        "Kharkiv Oblast (basemap/regions.geojson UA-63)"
    }
    assert all(shape(feature["geometry"]).difference(region.shape).area < 1e-12 for feature in imported.features)


def test_an_outline_that_names_no_one_feature_is_refused(bundle: Any) -> None:
    with pytest.raises(ValueError, match=r"0 features of regions\.geojson are called 'no-such-region'; need one"):
        outline_region(f"{DATA / 'basemap' / 'regions.geojson'}#no-such-region", bundle.case)
    with pytest.raises(ValueError, match="name the outline as FILE#KEY"):
        outline_region(str(DATA / "basemap" / "regions.geojson"), bundle.case)


def test_a_snapshot_left_empty_by_clipping_is_refused_by_name(bundle: Any) -> None:
    """DeepState maps occupied Ukraine: inside the Kursk Oblast outline nothing is left, and nothing comes in."""
    region = outline_region(f"{DATA / 'basemap' / 'regions.geojson'}#RU-KRS", bundle.case)
    imported = imported_from(DEEPSTATE, bundle, region)
    assert imported.features == []
    assert [(issue.file, issue.record) for issue in imported.issues] == [
        (f"deepstatemap_data_{day.replace('-', '')}.geojson", day) for day in DAYS
    ]
    assert {issue.problem for issue in imported.issues} == {
        "empty after clipping to Kursk Oblast (basemap/regions.geojson RU-KRS)"
    }


def broken_folder(tmp_path: Path) -> Path:
    """The three real files, beside real files made unusable in the ways a download goes wrong."""
    folder = tmp_path / "daily"
    shutil.copytree(DEEPSTATE, folder)
    document = json.loads((DEEPSTATE / "deepstatemap_data_20240815.geojson").read_text(encoding="utf-8"))
    document["features"][0]["geometry"]["coordinates"][0][0].pop()  # the first ring no longer closes
    (folder / "deepstatemap_data_20240817.geojson").write_text(json.dumps(document), encoding="utf-8")
    shutil.copy(DEEPSTATE / "deepstatemap_data_20240815.geojson", folder / "deepstatemap_data_latest.geojson")
    shutil.copy(DEEPSTATE / "deepstatemap_data_20240816.geojson", folder / "2024-08-16.geojson")
    shutil.copy(DEEPSTATE / "deepstatemap_data_20241215.geojson", folder / "deepstatemap_data_20260105.geojson")
    (folder / "deepstatemap_data_20240818.geojson").write_text('{"type": "FeatureCollection", "features": [', "utf-8")
    (folder / "README.md").write_text("Daily files.\n", encoding="utf-8")
    return folder


def test_a_broken_file_among_good_ones_is_named_with_why_and_the_rest_come_in(tmp_path: Path, bundle: Any) -> None:
    imported = imported_from(broken_folder(tmp_path), bundle)
    assert [feature["properties"]["date"] for feature in imported.features] == ["2024-08-15", "2024-12-15"]
    problems = {(issue.file, issue.problem.split(":")[0]) for issue in imported.issues}
    assert problems == {
        ("README.md", "left out"),
        ("deepstatemap_data_20240817.geojson", "geometry"),
        ("deepstatemap_data_latest.geojson", "no date"),
        ("2024-08-16.geojson", "duplicate date"),
        ("deepstatemap_data_20240816.geojson", "duplicate date"),
        ("deepstatemap_data_20260105.geojson", "date"),
        ("deepstatemap_data_20240818.geojson", "is not JSON"),
    }
    said = {issue.file: issue.problem for issue in imported.issues}
    assert "a ring is not closed" in said["deepstatemap_data_20240817.geojson"]
    assert "there is no date in its name" in said["deepstatemap_data_latest.geojson"]
    assert "'deepstatemap_data_20240816.geojson'" in said["2024-08-16.geojson"]
    assert "after the case's period" in said["deepstatemap_data_20260105.geojson"]


def test_the_written_layer_loads_with_the_apps_loader_with_no_problem(data_copy: Path, bundle: Any) -> None:
    imported = imported_from(DEEPSTATE, bundle)
    write_layer(imported.features, "ru-occupied-deepstate-daily", data_copy)
    dataset = load_dataset(data_copy)
    assert dataset.issues == []
    daily = [snapshot for snapshot in dataset.fronts if snapshot.layer == "ru-occupied-deepstate-daily"]
    assert [(snapshot.date.isoformat(), snapshot.area_km2, snapshot.clipped_by) for snapshot in daily] == [
        (feature["properties"]["date"], feature["properties"]["area_km2"], feature["properties"]["clipped_by"])
        for feature in imported.features
    ]
    assert all(snapshot.clipped_by for snapshot in daily)  # the fixtures reach beyond the case: each says what cut it
    assert len(dataset.fronts) == len(bundle.fronts) + 3


def test_the_loader_refuses_a_clipped_by_that_names_nothing(data_copy: Path, bundle: Any) -> None:
    imported = imported_from(DEEPSTATE, bundle)
    imported.features[0]["properties"]["clipped_by"] = " "
    write_layer(imported.features, "ru-occupied-deepstate-daily", data_copy)
    issues = load_dataset(data_copy).issues
    assert [(issue.file, issue.problem.split(":")[0]) for issue in issues] == [
        ("ru-occupied-deepstate-daily.geojson", "clipped_by")
    ]


def kml_spec(bundle: Any) -> LayerSpec:
    return LayerSpec(
        layer="isw-kml",
        label="ISW: assessed Russian advances in Kursk",
        side="RU",
        basis="assessed",
        source=bundle.sources["isw"],
        license="© ISW/CTP; non-commercial use with attribution",
        caveat="Areas ISW assesses Russian forces retook.",
    )


def test_kml_as_isw_publishes_it_comes_in_with_the_dates_of_its_folders_and_placemarks(bundle: Any) -> None:
    """The fixture is the bundled ISW layer's first three dates written as KML: it must come back as they are."""
    imported = import_layer(KML, kml_spec(bundle), case_region(bundle.case), bundle.case, Reading())
    assert imported.issues == []
    bundled = {s.date.isoformat(): s for s in bundle.fronts if s.layer == "isw-russian-advances"}
    assert [feature["properties"]["date"] for feature in imported.features] == [
        "2024-09-11",
        "2024-09-13",
        "2024-09-14",
    ]
    for feature in imported.features:
        original = bundled[feature["properties"]["date"]]
        assert feature["properties"]["area_km2"] == original.area_km2
        assert shape(feature["geometry"]).symmetric_difference(original.geometry).area < 1e-12
        assert "clipped_by" not in feature["properties"]


def test_kml_placemarks_of_another_style_are_left_out_and_counted(bundle: Any) -> None:
    imported = import_layer(KML, kml_spec(bundle), case_region(bundle.case), bundle.case, Reading(style="#ua"))
    assert imported.features == []
    assert imported.issues == [
        DataIssue(
            "isw-russian-advances.kml",
            "(whole file)",
            "5 Placemark(s) of another style than '#ua' left out, as asked",
            loaded=True,
        )
    ]


def test_kml_with_a_document_type_is_refused(tmp_path: Path, bundle: Any) -> None:
    text = KML.read_text(encoding="utf-8").replace("<kml", '<!DOCTYPE kml [<!ENTITY e "x">]>\n<kml', 1)
    hostile = tmp_path / "2024-09-20.kml"
    hostile.write_text(text, encoding="utf-8")
    imported = import_layer(hostile, kml_spec(bundle), case_region(bundle.case), bundle.case, Reading())
    assert imported.features == []
    assert [issue.problem for issue in imported.issues] == [
        "declares a document type or entities, which KML never needs"
    ]


def mapsite_kml(bundle: Any) -> str:
    """A file in mapsite's layout (Control_YY_MM_DD.kml: one Folder of undated Placemarks styled #ua or #ru) holding
    the bundled mapsite-derived Ukrainian-held area of 2024-09-01 as #ua and ISW's advances of 2024-09-11 as #ru."""
    held = next(s for s in bundle.fronts if s.layer == "ua-held-mapsite" and s.date.isoformat() == "2024-09-01")
    retaken = next(s for s in bundle.fronts if s.layer == "isw-russian-advances" and s.date.isoformat() == "2024-09-11")

    def placemark(number: int, style: str, polygon: Any) -> str:
        ring = " ".join(f"{x},{y},0.0" for x, y in polygon.exterior.coords)
        holes = "".join(
            f"<innerBoundaryIs><LinearRing><coordinates>{' '.join(f'{x},{y}' for x, y in hole.coords)}"
            "</coordinates></LinearRing></innerBoundaryIs>"
            for hole in polygon.interiors
        )
        return (
            f"<Placemark><name>Union Polygon_{number}</name><styleUrl>{style}</styleUrl><Polygon><outerBoundaryIs>"
            f"<LinearRing><coordinates>{ring}</coordinates></LinearRing></outerBoundaryIs>{holes}</Polygon></Placemark>"
        )

    parts = [("#ua", polygon) for polygon in shapely.get_parts(held.geometry)]
    parts += [("#ru", polygon) for polygon in shapely.get_parts(retaken.geometry)]
    marks = "".join(placemark(number, style, polygon) for number, (style, polygon) in enumerate(parts))
    return (
        f"<?xml version='1.0' encoding='UTF-8' ?><kml><Document><name>1</name><Folder><name>Polygon</name>{marks}"
        "</Folder></Document></kml>"
    )


def test_kml_in_mapsites_layout_is_dated_by_its_name_and_one_sides_polygons_are_taken(
    tmp_path: Path, bundle: Any
) -> None:
    source = tmp_path / "Control_24_09_01.kml"
    source.write_text(mapsite_kml(bundle), encoding="utf-8")
    undated = import_layer(source, kml_spec(bundle), case_region(bundle.case), bundle.case, Reading(style="#ua"))
    assert undated.features == []
    assert {issue.problem.split(" (")[0] for issue in undated.issues if not issue.loaded} == {
        "no date: there is no date in its name"
    }
    imported = import_layer(
        source, kml_spec(bundle), case_region(bundle.case), bundle.case, Reading("yy_mm_dd", style="#ua")
    )
    held = next(s for s in bundle.fronts if s.layer == "ua-held-mapsite" and s.date.isoformat() == "2024-09-01")
    assert [feature["properties"]["date"] for feature in imported.features] == ["2024-09-01"]
    assert imported.features[0]["properties"]["area_km2"] == held.area_km2
    assert [issue.problem for issue in imported.issues] == [
        "2 Placemark(s) of another style than '#ua' left out, as asked"
    ]


@pytest.mark.parametrize(
    ("name", "layout", "expected"),
    [
        ("deepstatemap_data_20240815.geojson", "yyyymmdd", ("2024-08-15", None)),
        ("2024-09-11.geojson", "yyyymmdd", ("2024-09-11", None)),
        ("Control_24_09_01.kml", "yyyymmdd", (None, None)),
        ("Control_24_09_01.kml", "yy_mm_dd", ("2024-09-01", None)),
        ("deepstatemap_data_20240230.geojson", "yyyymmdd", (None, "its name holds '20240230', which is not a date")),
        ("2024-08-15_to_2024-08-16.geojson", "yyyymmdd", (None, "its name holds 2 dates (2024-08-15, 2024-08-16)")),
    ],
)
def test_a_names_date_is_read_only_in_the_layout_asked_for(
    name: str, layout: str, expected: tuple[str | None, str | None]
) -> None:
    day, problem = name_date(name, layout)
    assert (day.isoformat() if day else None, problem.split("; ")[0] if problem else None) == expected


def command(source: Path, *where: str) -> int:
    return main(
        [
            str(source),
            *("--layer-id", "ru-occupied-deepstate-daily", "--label", "DeepState daily", "--side", "RU"),
            *("--basis", "claimed", "--source-id", "deepstate", "--licence", "GPL-3.0 archive"),
            *("--caveat", "Daily snapshots.", "--context", "--origin", "cyterat/deepstate-map-data", *where),
        ]
    )


def test_the_command_writes_the_layer_into_a_bundle_folder_and_will_not_overwrite_unasked(data_copy: Path) -> None:
    assert command(DEEPSTATE, "--into", str(data_copy)) == 0
    written = json.loads((data_copy / "fronts" / "ru-occupied-deepstate-daily.geojson").read_text(encoding="utf-8"))
    assert [feature["properties"]["date"] for feature in written["features"]] == DAYS
    assert command(DEEPSTATE, "--into", str(data_copy)) == 1
    assert command(DEEPSTATE, "--into", str(data_copy), "--replace") == 0


def test_the_command_says_2_when_some_snapshots_were_refused(tmp_path: Path, data_copy: Path) -> None:
    assert command(broken_folder(tmp_path), "--into", str(data_copy)) == 2
    written = json.loads((data_copy / "fronts" / "ru-occupied-deepstate-daily.geojson").read_text(encoding="utf-8"))
    assert len(written["features"]) == 2


def test_the_command_imports_into_the_store_through_its_own_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    Store(url).import_bundle(DATA, "test", "seed")
    monkeypatch.setenv("KURSK_MAP_DB", url)
    assert command(DEEPSTATE, "--store", "--reason", "daily history", "--actor", "tester") == 0
    store = Store(url)
    fronts = store.load("working").fronts
    assert [s.date.isoformat() for s in fronts if s.layer == "ru-occupied-deepstate-daily"] == DAYS
    kept = store.files("working")["fronts/ru-occupied-deepstate-daily.geojson"]["features"]
    assert {feature["properties"]["clipped_by"] for feature in kept} == {CASE_REGION}
