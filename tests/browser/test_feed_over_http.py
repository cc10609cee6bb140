"""The feed for other tools, over HTTP from the running app: no session, cache headers, the store's data."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.store import Store
from tests.browser.conftest import running_app, seeded_store
from tests.conftest import DATA, valid_claim, write_claims


@pytest.fixture(scope="module")
def store_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    url = seeded_store(tmp_path_factory.mktemp("feed"))
    with running_app(store_url=url) as base:
        yield base, url


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_claims_come_as_geojson_with_their_grades_and_their_areas_once(store_app: tuple[str, str], bundled) -> None:
    base, _ = store_app
    status, headers, body = get(f"{base}/api/claims.geojson")
    assert status == 200 and headers["content-type"].startswith("application/geo+json")
    assert headers["cache-control"] == "public, max-age=10" and headers["etag"]
    assert (
        headers["x-content-type-options"] == "nosniff"
        and "frame-ancestors 'none'" in headers["content-security-policy"]
    )
    features = {feature["id"]: feature for feature in json.loads(body)["features"]}
    assert set(features) == {claim.id for claim in bundled.claims}
    seed = features["nk-absent-kursk-front-three-weeks"]
    grade = bundled.grade_all()["nk-absent-kursk-front-three-weeks"]
    assert seed["geometry"]["type"] == "Point"  # a claim about an area is a point inside it, with the area's id
    area_id = seed["properties"]["area"]
    status, _, body = get(f"{base}/api/ogc/collections/areas/items/{area_id}")
    assert status == 200 and json.loads(body)["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert seed["properties"]["admiralty_code"] == grade.code and seed["properties"]["reasons"] == list(grade.reasons)
    assert features["rumod-sudzha-retaken"]["geometry"]["type"] == "Point"
    assert features["rumod-sudzha-retaken"]["properties"]["area"] is None
    assert get(f"{base}/api/claims.geojson", {"If-None-Match": headers["etag"]})[0] == 304
    assert get(f"{base}/api/claims.geojson", {"If-None-Match": f'"x", W/{headers["etag"]}'})[0] == 304


def test_date_and_bbox_narrow_the_feed(store_app: tuple[str, str], bundled) -> None:
    base, _ = store_app
    _, _, body = get(f"{base}/api/claims.geojson?date=2024-10-28")
    then = json.loads(body)["features"]
    assert {feature["id"] for feature in then} == {claim.id for claim in bundled.known_on(dt.date(2024, 10, 28))}
    denial = next(feature for feature in then if feature["id"] == "kp-denies-deployment-oct-2024")
    assert not any("later statement" in reason for reason in denial["properties"]["reasons"])  # not yet, then
    _, _, body = get(f"{base}/api/claims.geojson")
    today = next(feature for feature in json.loads(body)["features"] if feature["id"] == denial["id"])
    assert any(
        "contradicted by its own source's later statement" in reason for reason in today["properties"]["reasons"]
    )
    _, _, body = get(f"{base}/api/claims.geojson?bbox=35.2,51.1,35.35,51.2")
    near_sudzha = {feature["id"] for feature in json.loads(body)["features"]}
    assert "rumod-sudzha-retaken" in near_sudzha and "russia-has-not-commented" not in near_sudzha
    for query in ("date=2025-02-30", "date=yesterday", "date=9999-01-01", "bbox=1,2,3", "bbox=40,50,30,55", "x=1"):
        status, _, body = get(f"{base}/api/claims.geojson?{query}")
        assert status == 400 and json.loads(body)["error"]


def test_a_claim_imported_after_start_is_in_the_feed_with_its_history(
    store_app: tuple[str, str], tmp_path: Path
) -> None:
    base, url = store_app
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir)
    write_claims(data_dir, [valid_claim(id="late-arrival", statement="Imported while the app ran.")])
    Store(url).import_bundle(data_dir, "analyst", "a new report")
    _, _, body = get(f"{base}/api/claims.geojson")
    assert "late-arrival" in {feature["id"] for feature in json.loads(body)["features"]}
    status, _, body = get(f"{base}/api/claims/late-arrival/history.json")
    assert status == 200
    assert [(event["action"], event["actor"], event["reason"]) for event in json.loads(body)] == [
        ("added", "Store administrator", "a new report")  # a command-line actor's name is not public
    ]
    assert get(f"{base}/api/claims/no-such-claim/history.json")[0] == 404


def test_the_feed_shows_only_what_a_reviewer_published(store_app: tuple[str, str]) -> None:
    from geo.workflow.roles import Actor, Role

    base, url = store_app
    store = Store(url)
    analyst = Actor("ana@example.org", "Ana", Role.ANALYST)
    store.save_claim(
        analyst, valid_claim(id="feed-draft", statement="A draft nobody reviewed."), expected=None, reason="new"
    )
    seed = store.stored_claim("rumod-sudzha-retaken")
    edited = {**seed.document, "statement": "An edit still in review."}
    store.save_claim(analyst, edited, expected=seed.version, reason="rewording")
    status, _, body = get(f"{base}/api/claims.geojson")
    assert status == 200
    features = {feature["id"]: feature for feature in json.loads(body)["features"]}
    assert "feed-draft" not in features
    assert features["rumod-sudzha-retaken"]["properties"]["statement"] == seed.published["statement"]
    assert features["rumod-sudzha-retaken"]["properties"]["record_state"] == "Published"
    status, _, body = get(f"{base}/api/claims/rumod-sudzha-retaken/history.json")
    assert [event["action"] for event in json.loads(body)] == ["added"]  # the edit in review is not public
    status, _, _ = get(f"{base}/api/claims/feed-draft/history.json")
    assert status == 404


@pytest.mark.parametrize(
    "encoding", ["gzip", "identity", "gzip;q=0", "gzip;q=0, identity", "br", "*", "deflate, gzip;q=0.5", ""]
)
def test_a_tag_names_one_encoding_whatever_the_client_accepts(store_app: tuple[str, str], encoding: str) -> None:
    """Served by the whole app (whose own gzip middleware also sees each answer): a gzip body always has a
    gzip tag and a plain body a plain one, and a client that refuses gzip never gets it."""
    base, _ = store_app
    request = urllib.request.Request(f"{base}/api/ogc/collections/claims/items?limit=50")
    if encoding:
        request.add_header("Accept-Encoding", encoding)
    with urllib.request.urlopen(request, timeout=30) as answer:
        headers, body = answer.headers, answer.read()
    packed = body[:2] == b"\x1f\x8b"
    assert packed == headers["etag"].endswith('-gzip"') == (headers.get("content-encoding") == "gzip")
    assert not (packed and "q=0," in f"{encoding},")
    features = json.loads(gzip.decompress(body) if packed else body)["features"]
    assert len(features) == 50


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="GDAL's command-line tools are not installed")
def test_gdal_reads_every_claim_page_by_page(store_app: tuple[str, str], tmp_path: Path, bundled) -> None:
    """GDAL's OGC API – Features driver, as QGIS uses it: 7 claims a page, so it must follow the next links."""
    base, url = store_app
    expected = {claim.id for claim in Store(url).load("published").claims}
    copied = tmp_path / "claims.geojson"
    done = subprocess.run(
        [
            "ogr2ogr",
            "-f",
            "GeoJSON",
            str(copied),
            f"OAPIF:{base}/api/ogc",
            "claims",
            "-oo",
            "PAGE_SIZE=7",
            "--debug",
            "on",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    ids = [feature["properties"]["id"] for feature in json.loads(copied.read_text())["features"]]
    assert len(ids) == len(set(ids)) and set(ids) == expected and len(ids) > 7
    followed = set(re.findall(r"Fetch\((\S+/claims/items\?limit=7&offset=\d+)\)", done.stderr))
    assert len(followed) == (len(ids) - 1) // 7  # every page after the first, from its next link
    near_sudzha = tmp_path / "near_sudzha.geojson"
    spatial = ["-spat", "35.2", "51.1", "35.35", "51.2"]  # GDAL sends it as bbox, in 17 significant digits
    done = subprocess.run(
        ["ogr2ogr", "-f", "GeoJSON", str(near_sudzha), f"OAPIF:{base}/api/ogc", "claims", *spatial],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    _, _, body = get(f"{base}/api/ogc/collections/claims/items?bbox=35.2,51.1,35.35,51.2&limit=1000")
    in_box = {feature["id"] for feature in json.loads(body)["features"]}
    assert "rumod-sudzha-retaken" in in_box
    by_gdal = {feature["properties"]["id"] for feature in json.loads(near_sudzha.read_text())["features"]}
    assert "ERROR" not in done.stderr and "rumod-sudzha-retaken" in by_gdal and by_gdal <= in_box
    listed = subprocess.run(
        ["ogrinfo", "-ro", "-so", f"OAPIF:{base}/api/ogc", "areas"], capture_output=True, text=True, timeout=120
    )
    assert listed.returncode == 0, listed.stderr
    assert "Polygon" in listed.stdout and f"Feature Count: {len(bundled.areas)}" in listed.stdout
