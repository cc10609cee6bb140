"""The store: bundles in and out without loss, every change an event, a bad bundle changes nothing.

Each test runs on SQLite and, when KURSK_MAP_TEST_PG names a PostgreSQL server with PostGIS (as
.ci/run provides), on a fresh PostGIS database too; without one those runs are skipped, saying so.
"""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest
import shapely
from sqlalchemy import insert, select, text

from geo.store import ImportRefusedError, Store, schema, shown_url
from geo.store.__main__ import main as store_main
from geo.store.rows import geometry_of
from geo.store.spatial import claims_in_bbox, claims_in_bbox_query
from tests.conftest import DATA, fresh_postgis_database, valid_claim, write_claims


def same_tree(first: Path, second: Path) -> bool:
    comparison = filecmp.dircmp(first, second)
    if comparison.left_only or comparison.right_only or comparison.diff_files or comparison.funny_files:
        return False
    return all(same_tree(first / sub, second / sub) for sub in comparison.common_dirs)


def test_a_bundle_goes_in_and_comes_out_record_for_record(store_url: str, tmp_path: Path, bundled) -> None:
    first = Store(store_url)
    report = first.import_bundle(DATA, "tester", "seed")
    assert report.added and not report.updated
    first.export_bundle(tmp_path / "once")
    second = Store(f"sqlite:///{tmp_path / 'again.sqlite'}")
    second.import_bundle(tmp_path / "once", "tester", "round trip")
    second.export_bundle(tmp_path / "twice")
    assert same_tree(tmp_path / "once", tmp_path / "twice")
    loaded = first.load()
    assert loaded.issues == []
    assert loaded.numbers == bundled.numbers
    assert loaded.grade_all() == bundled.grade_all()
    assert len(loaded.fronts) == len(bundled.fronts) and loaded.places == bundled.places


def test_importing_again_adds_and_updates_by_id_each_change_an_event(store_url: str, data_copy: Path) -> None:
    store = Store(store_url)
    store.import_bundle(DATA, "seeder", "seed")
    before = store.stamp()
    assert store.import_bundle(DATA, "seeder", "again").added == []
    assert store.stamp() == before  # nothing changed, nothing logged
    write_claims(data_copy, [valid_claim(id="nk-absent-kursk-front-three-weeks", statement="Edited."), valid_claim()])
    report = store.import_bundle(data_copy, "analyst", "correction from the BBC")
    assert report.added == ["claim-file claims/test.yaml", "claim test-claim"]
    assert "claim nk-absent-kursk-front-three-weeks" in report.updated
    assert "claim rumod-sudzha-retaken" in report.kept  # in the store, not in this bundle: never dropped
    assert store.stamp() > before
    history = store.history("claim", "nk-absent-kursk-front-three-weeks")
    assert [entry["action"] for entry in history] == ["added", "updated"]
    assert history[-1]["actor"] == "analyst" and history[-1]["reason"] == "correction from the BBC"
    assert history[-1]["after"]["statement"] == "Edited." and history[-1]["before"]["statement"].startswith("North")
    loaded = store.load()
    assert loaded.by_id["nk-absent-kursk-front-three-weeks"].statement == "Edited."
    assert "rumod-sudzha-retaken" in loaded.by_id
    assert loaded.numbers["test-claim"] == max(loaded.numbers.values())


def test_a_bundle_with_any_problem_changes_nothing_and_names_it(store_url: str, data_copy: Path) -> None:
    store = Store(store_url)
    store.import_bundle(DATA, "seeder", "seed")
    before = store.stamp()
    write_claims(data_copy, [valid_claim(id="fine"), valid_claim(id="broken", category="gossip")])
    with pytest.raises(ImportRefusedError, match=r"test\.yaml: broken: category") as refused:
        store.import_bundle(data_copy, "analyst", "new claims")
    assert [issue.record for issue in refused.value.issues] == ["broken"]
    assert store.stamp() == before and "fine" not in store.load().by_id


def test_the_command_line_imports_exports_and_refuses(
    store_url: str, data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("KURSK_MAP_DB", store_url)
    assert store_main(["import", str(DATA), "--reason", "seed", "--actor", "ci"]) == 0
    assert "added" in capsys.readouterr().out
    write_claims(data_copy, [valid_claim(id="broken", category="gossip")])
    assert store_main(["import", str(data_copy), "--reason", "bad"]) == 1
    err = capsys.readouterr().err
    assert "test.yaml: broken: category" in err and "nothing imported into" in err
    assert "password" not in err
    assert store_main(["export", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "claims" / "north_korean_troops.yaml").is_file()


def test_urls_in_messages_hide_the_password() -> None:
    assert shown_url("postgresql+psycopg://map:s3cret@db.example:5432/claims") == (
        "postgresql+psycopg://map:***@db.example:5432/claims"
    )


SHAPES = {
    "point": shapely.Point(35.123456789012345, 51.00000000000001),
    "polygon with a hole": shapely.Polygon(
        [(35.0, 51.0), (35.4, 51.0), (35.4, 51.3), (35.0, 51.3)], [[(35.1, 51.1), (35.2, 51.1), (35.2, 51.2)]]
    ),
    "two polygons": shapely.MultiPolygon([shapely.box(34.5, 51.5, 34.6, 51.6), shapely.box(36.0, 52.0, 36.1, 52.1)]),
    "line": shapely.LineString([(35.0, 51.0), (35.5, 51.25), (36.0, 51.5)]),
}


def test_points_and_polygons_come_back_exactly_as_written(store_url: str) -> None:
    store = Store(store_url)
    areas = schema.areas
    with store.transaction() as connection:
        for name, shape in SHAPES.items():
            connection.execute(insert(areas).values(id=name, file="areas.geojson", position=0, document={}, geom=shape))
    with store.engine.connect() as connection:
        back = dict(connection.execute(select(areas.c.id, areas.c.geom)).all())
    assert back.keys() == SHAPES.keys()
    assert all(shapely.equals_exact(back[name], shape, tolerance=0) for name, shape in SHAPES.items())
    assert all(back[name].geom_type == shape.geom_type for name, shape in SHAPES.items())
    store.engine.dispose()


def test_each_claim_is_stored_where_it_is(store_url: str) -> None:
    store = Store(store_url)
    store.import_bundle(DATA, "tester", "seed")
    dataset = store.load("working")
    with store.engine.connect() as connection:
        stored = dict(connection.execute(select(schema.claims.c.id, schema.claims.c.geom)).all())
    assert stored.keys() == set(dataset.by_id)
    kinds = {stored[claim.id].geom_type for claim in dataset.claims}
    assert {"Point", "Polygon"} <= kinds  # claims at a place, and claims about an area
    assert all(shapely.equals_exact(stored[claim.id], geometry_of(claim, dataset), 0) for claim in dataset.claims)
    store.engine.dispose()


BOXES = [
    (35.1, 51.1, 35.4, 51.3),  # around Sudzha
    (34.0, 50.9, 38.5, 52.5),  # the oblast
    (35.25, 51.18, 35.28, 51.2),  # a small box
    (10.0, 10.0, 11.0, 11.0),  # nowhere near
]


def test_claims_in_a_box_are_those_whose_shape_meets_it(store_url: str) -> None:
    store = Store(store_url)
    store.import_bundle(DATA, "tester", "seed")
    dataset = store.load("working")
    for box in BOXES:
        expected = sorted(
            (dataset.numbers[claim.id], claim.id)
            for claim in dataset.claims
            if shapely.intersects(geometry_of(claim, dataset), shapely.box(*box))
        )
        assert [(found.number, found.id) for found in claims_in_bbox(store.engine, box)] == expected, box
    assert len(claims_in_bbox(store.engine, BOXES[0])) > 10 and claims_in_bbox(store.engine, BOXES[-1]) == []
    with pytest.raises(ValueError, match="west < east and south < north"):
        claims_in_bbox(store.engine, (35.4, 51.1, 35.1, 51.3))
    store.engine.dispose()


def test_the_command_line_lists_the_claims_in_a_box(
    store_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KURSK_MAP_DB", store_url)
    assert store_main(["import", str(DATA), "--reason", "seed", "--actor", "ci"]) == 0
    capsys.readouterr()
    assert store_main(["bbox", "35.1", "51.1", "35.4", "51.3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    store = Store(store_url)
    found = claims_in_bbox(store.engine, (35.1, 51.1, 35.4, 51.3))
    store.engine.dispose()
    assert lines == [f"{claim.number}\t{claim.id}\tpublished" for claim in found] and len(lines) > 10
    assert store_main(["bbox", "35.4", "51.1", "35.1", "51.3"]) == 1
    assert "west < east" in capsys.readouterr().err


@pytest.mark.postgis
def test_postgis_holds_real_geometry_with_a_gist_index() -> None:
    with fresh_postgis_database() as url:
        store = Store(url)
        store.import_bundle(DATA, "tester", "seed")
        with store.engine.connect() as connection:
            kind = connection.execute(text("SELECT GeometryType(geom) FROM claims WHERE id = 'rumod-sudzha-retaken'"))
            assert kind.scalar_one() == "POINT"
            within = (
                "SELECT count(*) FROM claims c JOIN areas a ON a.id = 'kursk-oblast' WHERE ST_Within(c.geom, a.geom)"
            )
            assert connection.execute(text(within)).scalar_one() > 10
            columns = connection.execute(text("SELECT f_table_name, type, srid FROM geometry_columns")).all()
            assert sorted(columns) == [(name, "GEOMETRY", 4326) for name in ("areas", "claims", "fronts", "places")]
            srids = connection.execute(text("SELECT DISTINCT ST_SRID(geom) FROM claims")).scalars()
            assert list(srids) == [4326]
            indexes = connection.execute(
                text("SELECT tablename, indexname FROM pg_indexes WHERE indexdef LIKE '%USING gist (geom)'")
            ).all()
            assert sorted(indexes) == [(name, f"ix_{name}_geom") for name in ("areas", "claims", "fronts", "places")]
            # the box query can use the index: with sequential scans priced out, the planner takes it
            connection.execute(text("SET enable_seqscan = off"))
            query = claims_in_bbox_query((35.1, 51.1, 35.4, 51.3)).compile(
                connection, compile_kwargs={"literal_binds": True}
            )
            plan = "\n".join(connection.execute(text(f"EXPLAIN {query}")).scalars())
            assert "Index Scan using ix_claims_geom on claims" in plan and "geom && " in plan
        store.engine.dispose()
