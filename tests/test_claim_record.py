"""One claim record everywhere: for claims of every shape, the feed's items, the GeoJSON export's features and
the CSV's rows carry the same value for every field of geo.publishing.claim_record.ClaimRecord."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import tempfile
from pathlib import Path

import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.applications import Starlette
from starlette.testclient import TestClient

from geo.model.records import Access, Category, StatementKind
from geo.publishing.claim_record import FIELDS, ClaimRecord, from_cells, properties, spreadsheet_safe, unquoted
from geo.publishing.export import GEOMETRY_COLUMN, Made, claims_geojson, csv_file
from geo.publishing.public_dataset import public_dataset
from geo.publishing.public_names import PublicNames
from geo.reading.dataset import load_dataset
from tests.conftest import DATA, write_claims
from tests.hostile_text import hostile_text
from web.feed import ROUTES

CASE_START, CASE_END = dt.date(2024, 6, 1), dt.date(2025, 12, 31)
SOURCES = ["ua-state", "ru-state", "ua-armed-forces", "us-government", "bbc", "isw"]
PLACES = ["Sudzha", "Belgorod", "Bessonovka"]
AREAS = ["kursk-oblast", "kursk-front", "ua-held-kursk"]

days = st.integers(0, (CASE_END - CASE_START).days).map(lambda n: CASE_START + dt.timedelta(days=n))
short_text = hostile_text().map(lambda text: text.strip()[:300])
statement = hostile_text().map(lambda text: (text.strip() or "Сказано")[:2000])
locations = st.one_of(
    st.sampled_from(PLACES).map(lambda place: {"place": place}),
    st.sampled_from(AREAS).map(lambda area: {"area": area}),
    st.builds(
        lambda lat, lon, km: {"point": {"lat": lat, "lon": lon}, "precision_km": km},
        st.floats(49.6, 52.9),
        st.floats(33.1, 39.4),
        st.floats(0.5, 80),
    ),
)


@st.composite
def reports(draw: st.DrawFn) -> list[dict]:
    return [
        {
            "outlet": draw(st.sampled_from(SOURCES)),
            "date": draw(days).isoformat(),
            "url": draw(st.sampled_from(["", "https://www.bbc.com/news/articles/x?q=1#part", "https://isw.pub/k"])),
            "via": draw(st.one_of(st.just(""), short_text)),
        }
        for _ in range(draw(st.integers(1, 3)))
    ]


@st.composite
def claims(draw: st.DrawFn) -> list[dict]:
    """A few valid claims of every shape: a place, an area or a point; text that is hostile, Cyrillic, or
    begins like a formula; one to three reports with and without links; some retracted."""
    records = []
    for index in range(draw(st.integers(1, 4))):
        start = draw(days)
        end = start + dt.timedelta(days=draw(st.integers(0, 40)))
        said = draw(reports())
        record = {
            "id": f"made-claim-{index}",
            "statement": draw(st.one_of(statement, st.sampled_from(["=SUM(A1)", "-5 km", "'=1", "Суджа взята"]))),
            "claimant": draw(st.sampled_from(SOURCES)),
            "reports": said,
            "refers_to": {
                "start": start.isoformat(),
                "end": min(end, CASE_END).isoformat(),
                "precision": draw(st.sampled_from(["day", "week", "month", "period"])),
            },
            "location": draw(locations),
            "category": draw(st.sampled_from([category.value for category in Category])),
            "kind": draw(st.sampled_from([kind.value for kind in StatementKind])),
            "access": draw(st.sampled_from([access.value for access in Access if access is not Access.RELAYED])),
            "favours": draw(st.sampled_from(["ukraine", "russia", "north-korea", "neither"])),
        }
        if draw(st.booleans()) and index:
            record["supports"] = ["made-claim-0"]
        if draw(st.integers(0, 4)) == 0:
            first = min(report["date"] for report in said)
            record["retraction"] = {"on": first, "reason": "The source withdrew it.", "by": draw(short_text)}
        records.append(record)
    return records


def feed_features(folder: Path, path: str) -> dict[str, dict]:
    """Every feature the feed serves from this folder at `path`, by id."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KURSK_MAP_DATA", str(folder))
        patch.delenv("KURSK_MAP_DB", raising=False)
        answer = TestClient(Starlette(routes=ROUTES)).get(path, params={"limit": 1000})
    assert answer.status_code == 200, answer.text
    return {feature["id"]: feature for feature in answer.json()["features"]}


@settings(max_examples=40)
@given(records=claims(), known_then=st.booleans())
def test_the_feed_the_geojson_and_the_csv_carry_the_same_record(
    tmp_path_factory: pytest.TempPathFactory, records: list[dict], known_then: bool
) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path_factory.getbasetemp())) / "data"
    shutil.copytree(DATA, folder)
    write_claims(folder, records)
    data = load_dataset(folder)
    assert not data.issues, data.issues
    grades = data.grade_all()
    shown = public_dataset(data, PublicNames())  # as the page shows published data: people by public name
    made = Made(dt.date(2025, 1, 31), known_then, {"side": "ukraine", "q": "=Суджа"})

    items = feed_features(folder, "/api/ogc/collections/claims/items")
    plain = feed_features(folder, "/api/claims.geojson")
    areas = feed_features(folder, "/api/ogc/collections/areas/items")
    exported = claims_geojson(shown.claims, grades, shown, made)
    exported = {feature["id"]: feature for feature in exported["features"]}
    table = csv_file(shown.claims, grades, shown, made)
    assert table.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs for Cyrillic
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(table.decode("utf-8-sig"), newline=""))}

    assert set(items) == set(plain) == set(exported) == set(rows) == {record["id"] for record in records}
    for claim in data.claims:
        record = items[claim.id]["properties"]
        assert list(record) == list(FIELDS)
        assert plain[claim.id]["properties"] == record
        assert exported[claim.id]["properties"] == record
        assert properties(from_cells(rows[claim.id])) == record
        assert record["number"] == data.numbers[claim.id] and record["statement"] == claim.statement
        assert {name: rows[claim.id][name] for name in ("as_of", "known_then")} == {
            "as_of": "2025-01-31",
            "known_then": "true" if known_then else "false",
        }
        assert unquoted(rows[claim.id]["filters"]) == "side=ukraine&q=%3D%D0%A1%D1%83%D0%B4%D0%B6%D0%B0"

        drawn = shapely.geometry.shape(exported[claim.id]["geometry"])
        point = shapely.geometry.shape(items[claim.id]["geometry"])
        assert point.equals(shapely.Point(record["lon"], record["lat"]))
        if record["area"] is None:
            assert drawn.equals(point)
        else:  # the export draws the area the feed sends once in its `areas` collection
            assert drawn.geom_type in {"Polygon", "MultiPolygon"}
            assert drawn.equals_exact(shapely.geometry.shape(areas[record["area"]]["geometry"]), 1e-9)
        assert shapely.from_wkt(rows[claim.id][GEOMETRY_COLUMN]).equals_exact(drawn, 1e-6)


@given(text=st.text(max_size=20))
def test_a_quoted_cell_reads_back_as_written_and_never_starts_a_formula(text: str) -> None:
    safe = spreadsheet_safe(text)
    assert unquoted(safe) == text
    assert safe[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_every_field_says_what_it_means() -> None:
    assert set(FIELDS) == set(ClaimRecord.model_fields)
    assert all(len(words) > 10 for words in FIELDS.values()), [name for name, words in FIELDS.items() if not words]
