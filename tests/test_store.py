"""The store: bundles in and out without loss, every change an event, a bad bundle changes nothing.

Each test runs on SQLite and, when KURSK_MAP_TEST_PG names a PostgreSQL server with PostGIS (as
.ci/run provides), on a fresh PostGIS database too; without one those runs are skipped, saying so.
"""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest
from sqlalchemy import text

from geo.store import ImportRefusedError, Store, shown_url
from geo.store.__main__ import main as store_main
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
            indexes = connection.execute(text("SELECT indexdef FROM pg_indexes WHERE tablename = 'claims'")).scalars()
            assert any("USING gist (geom)" in index for index in indexes)
        store.engine.dispose()
