"""A public claim number is never given twice (issue 18), in a bundle folder and in the store.

Deleting claim #70 and adding a claim gave the new one #70. Now a bundle records how far its numbering
went and each retired number (data/claim_numbers.yaml, geo.reading.numbers), and the store records every
number it issued (table claim_numbers, geo.store.numbers). Store tests run on SQLite and, with a
server at hand, on PostGIS.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from alembic import command
from alembic.config import Config
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from geo.reading.dataset import Dataset, load_claims_only, load_dataset
from geo.reading.numbers import NUMBERS_FILE
from geo.reading.warnings import unnumbered, write_numbers
from geo.store import MIGRATIONS, ImportRefusedError, Store
from geo.store.claims import SaveRefusedError
from geo.store.numbers import NumberTakenError, number_for_new_claim
from geo.workflow.roles import Actor, Role
from tests.conftest import DATA, valid_claim, write_claims

ANALYST = Actor("ana@example.org", "Ana Analyst", Role.ANALYST)
RETIRED = {
    39: "north-korea-has-not-commented",
    62: "ru-gs-kursk-fully-retaken-apr-26",
    64: "ua-gs-still-holding-apr-26",
}


def problems_of(dataset: Dataset, file: str) -> dict[str, str]:
    return {issue.record: issue.problem for issue in dataset.issues if issue.file == file}


def claims_file(data_dir: Path, records: list[dict[str, Any]], name: str = "extra.yaml") -> None:
    document = {"case": "extra", "title": "Extra", "claims": records}
    (data_dir / "claims" / name).write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")


def drop_claim(data_dir: Path, claim_id: str) -> None:
    """Delete a claim by hand, as an editor would: its record goes, nothing else changes."""
    for path in (data_dir / "claims").glob("*.yaml"):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        kept = [record for record in document["claims"] if record["id"] != claim_id]
        if len(kept) != len(document["claims"]):
            path.write_text(yaml.safe_dump({**document, "claims": kept}, sort_keys=False), encoding="utf-8")


# The bundle


def test_the_bundle_records_the_numbers_it_retired(bundled: Dataset) -> None:
    assert bundled.numbering.issued_through == max(bundled.numbers.values())
    assert {number: entry.id for number, entry in bundled.numbering.retired.items()} == RETIRED
    assert not set(RETIRED) & set(bundled.numbers.values())


def test_deleting_the_highest_claim_and_adding_one_gives_a_new_number(bundled: Dataset, data_copy: Path) -> None:
    """Issue 18: deleting #70 and adding a claim without a number gave the new claim #70."""
    highest = max(bundled.numbers.values())
    drop_claim(data_copy, next(claim_id for claim_id, number in bundled.numbers.items() if number == highest))
    claims_file(data_copy, [valid_claim(id="added")])
    assert load_dataset(data_copy).numbers["added"] == highest + 1


def test_a_claim_that_takes_a_retired_number_is_refused(data_copy: Path) -> None:
    claims_file(data_copy, [valid_claim(id="newcomer", number=62)])
    dataset = load_dataset(data_copy)
    assert "newcomer" not in dataset.by_id
    assert problems_of(dataset, "extra.yaml")["newcomer"].startswith(
        f"number: 62 is retired (it was the number of {RETIRED[62]}, see {NUMBERS_FILE}); "
        "a number is never given to another claim"
    )


def test_a_retired_claim_that_comes_back_keeps_its_number(data_copy: Path) -> None:
    claims_file(data_copy, [valid_claim(id=RETIRED[62]), valid_claim(id=RETIRED[64], number=99)])
    dataset = load_dataset(data_copy)
    assert dataset.numbers[RETIRED[62]] == 62
    assert problems_of(dataset, "extra.yaml")[RETIRED[64]].startswith(
        f"number: {RETIRED[64]} was given number 64 (retired in {NUMBERS_FILE}); a number never changes once given"
    )


@pytest.mark.parametrize(
    ("text", "record", "problem"),
    [
        ("issued_through: '70'\n", "(header)", "issued_through: Input should be a valid integer"),
        ("issued_through: -1\n", "(header)", "issued_through: Input should be greater than or equal to 0"),
        ("issued_through: 70\nretired_numbers: []\n", "(header)", "retired_numbers: Extra inputs are not permitted"),
        ("retired: {number: 62}\n", "(header)", "retired: expected a list of {number, id, reason}"),
        ("- 62\n", "(whole file)", "expected a mapping with issued_through and retired"),
        ("retired:\n- {number: 62}\n", "retired #1", "id: Field required"),
        ("retired:\n- {number: yes, id: a}\n", "retired #1", "number: Input should be a valid integer (got 'yes')"),
        ("retired:\n- {number: 0, id: a}\n", "retired #1", "number: Input should be greater than or equal to 1"),
        ("retired:\n- {number: 5, id: A b}\n", "retired #1", "id: String should match pattern"),
        ("retired:\n- {number: 5, id: a, why: x}\n", "retired #1", "why: Extra inputs are not permitted"),
        ("retired:\n- {number: 5, id: a}\n- {number: 5, id: b}\n", "retired #2", "number: 5 is retired twice"),
        ("retired:\n- {number: 5, id: a}\n- {number: 6, id: a}\n", "retired #2", "id: a already retired number 5"),
    ],
)
def test_the_numbers_file_is_read_strictly(data_copy: Path, text: str, record: str, problem: str) -> None:
    (data_copy / NUMBERS_FILE).write_text(text, encoding="utf-8")
    found = problems_of(load_dataset(data_copy), NUMBERS_FILE)
    assert found[record].startswith(problem), found


def test_write_numbers_records_how_far_numbering_went(data_copy: Path) -> None:
    write_claims(data_copy, [valid_claim(id="first", number=3), valid_claim(id="second")])
    assert [note.record for note in unnumbered(load_dataset(data_copy))] == [NUMBERS_FILE, "1 claim(s)"]
    assert write_numbers(load_dataset(data_copy), data_copy / "claims") == 1
    assert yaml.safe_load((data_copy / NUMBERS_FILE).read_text(encoding="utf-8"))["issued_through"] == 4
    assert list(unnumbered(load_dataset(data_copy))) == []
    drop_claim(data_copy, "second")
    claims_file(data_copy, [valid_claim(id="third")])
    assert load_dataset(data_copy).numbers["third"] == 5


def small_bundle(folder: Path) -> Path:
    """A bundle with just what a claim is checked against: loading it takes milliseconds."""
    folder.mkdir()
    shutil.copy(DATA / "case.yaml", folder / "case.yaml")
    sources = {source["id"]: source for source in yaml.safe_load((DATA / "sources.yaml").read_text())["sources"]}
    wanted = {"ua-sof", "bbc"}
    while missing := {sources[name]["part_of"] for name in wanted if sources[name].get("part_of")} - wanted:
        wanted |= missing
    kept = [source for name, source in sources.items() if name in wanted]
    (folder / "sources.yaml").write_text(yaml.safe_dump({"sources": kept}), encoding="utf-8")
    places = json.loads((DATA / "places" / "settlements.geojson").read_text(encoding="utf-8"))
    places["features"] = [feature for feature in places["features"] if feature["properties"]["name"] == "Sudzha"]
    (folder / "places").mkdir()
    (folder / "places" / "settlements.geojson").write_text(json.dumps(places), encoding="utf-8")
    (folder / "areas.geojson").write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    (folder / "claims").mkdir()
    claims_file(folder, [], "claims.yaml")
    return folder


class NumberHistory:
    """Every number ever kept, with the claim it was given to: a number kept for two claims is a reuse."""

    def __init__(self) -> None:
        self.given: dict[int, str] = {}

    def check(self, dataset: Dataset) -> None:
        """Numbers written in the data are kept; a number only shown so far (written down by
        --write-numbers, README) may still move, but never onto a number kept for another claim."""
        numbers = dataset.numbers
        assert len(set(numbers.values())) == len(numbers), numbers
        kept = {claim.id for claim in dataset.claims if claim.number is not None}
        for claim_id, number in numbers.items():
            holder = self.given.setdefault(number, claim_id) if claim_id in kept else self.given.get(number, claim_id)
            assert holder == claim_id, f"#{number} was {holder}'s, now {claim_id}'s"


BUNDLE_STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(1, 3), st.booleans()),  # how many; write their numbers down?
        st.tuples(st.just("delete"), st.integers(0, 99), st.booleans()),  # which; record it as retired?
        st.tuples(st.just("restore"), st.integers(0, 99), st.booleans()),  # a deleted claim's id comes back
    ),
    max_size=8,
)


@settings(max_examples=60)  # each example writes and loads a bundle up to 16 times
@given(steps=BUNDLE_STEPS)
def test_adding_and_deleting_claims_in_a_bundle_never_reuses_a_number(tmp_path_factory, steps) -> None:
    folder = small_bundle(tmp_path_factory.mktemp("bundle") / "data")
    path = folder / "claims" / "claims.yaml"
    history, deleted, fresh = NumberHistory(), [], iter(range(10_000))
    for action, which, flag in steps:
        records = yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]
        if action == "add":
            records += [valid_claim(id=f"claim-{next(fresh)}") for _ in range(which)]
        elif action == "restore" and deleted:
            records.append(valid_claim(id=deleted.pop(which % len(deleted))))
        elif action == "delete" and records:
            gone = records.pop(which % len(records))
            deleted.append(gone["id"])
            if flag and "number" in gone:  # written down, so write_numbers made the file
                numbers = yaml.safe_load((folder / NUMBERS_FILE).read_text(encoding="utf-8"))
                numbers["retired"].append({"number": gone["number"], "id": gone["id"]})
                (folder / NUMBERS_FILE).write_text(yaml.safe_dump(numbers), encoding="utf-8")
        claims_file(folder, records, "claims.yaml")
        dataset = load_claims_only(folder)
        assert dataset.issues == []
        history.check(dataset)
        if action == "add" and flag:
            write_numbers(dataset, folder / "claims")
            history.check(load_claims_only(folder))


# The store


@pytest.fixture
def store(store_url: str) -> Store:
    seeded = Store(store_url)
    seeded.import_bundle(DATA, "seed", "seed")
    return seeded


def delete_row(store: Store, claim_id: str) -> None:
    """An administrator deletes a claim's row by hand: the store itself never does."""
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM claims WHERE id = :id"), {"id": claim_id})


def test_a_deleted_claims_number_is_never_given_again_in_the_store(store: Store, tmp_path: Path) -> None:
    numbers = store.load().numbers
    highest_id = max(numbers, key=numbers.get)
    delete_row(store, highest_id)
    fresh = Store(store.url)  # a process that never saw the claim
    drafted = fresh.save_claim(ANALYST, valid_claim(), expected=None, reason="new report")
    assert drafted.number == numbers[highest_id] + 1
    with pytest.raises(SaveRefusedError, match=f"number: {numbers[highest_id]} is retired"):
        fresh.save_claim(ANALYST, valid_claim(id="another", number=numbers[highest_id]), expected=None, reason="x")
    with fresh.transaction() as connection, pytest.raises(NumberTakenError, match=f"was given to {highest_id} before"):
        number_for_new_claim(connection, "another", numbers[highest_id])  # as when two writers race
    fresh.export_bundle(tmp_path / "out")
    exported = yaml.safe_load((tmp_path / "out" / NUMBERS_FILE).read_text(encoding="utf-8"))
    assert exported["issued_through"] == drafted.number  # the draft is not exported, its number is covered
    assert {entry["number"]: entry["id"] for entry in exported["retired"]} == {
        **RETIRED,
        numbers[highest_id]: highest_id,
    }
    assert "test-claim" not in (tmp_path / "out" / NUMBERS_FILE).read_text(encoding="utf-8")


def test_the_database_keeps_every_number_whatever_writes_to_it(store: Store) -> None:
    statements = {
        "UPDATE claims SET number = 999 WHERE number = 1": "a claim number never changes once given",
        "DELETE FROM claim_numbers WHERE number = 62": "the record of issued claim numbers is kept whole",
        "UPDATE claim_numbers SET claim_id = 'other' WHERE number = 62": "is kept whole",
        "INSERT INTO claims (id, number, first_reported, version, state, file, position, document) "
        "VALUES ('other', 62, '2025-01-01', 1, 'draft', 'claims/x.yaml', 0, '{}')": "was given to another claim",
    }
    for statement, refusal in statements.items():
        with pytest.raises(DBAPIError, match=refusal), store.engine.begin() as connection:
            connection.execute(text(statement))


def test_an_import_keeps_the_numbers_the_store_gave(store: Store, data_copy: Path) -> None:
    seed = store.stored_claim("nk-absent-kursk-front-three-weeks")
    unnumbered = {key: value for key, value in seed.document.items() if key != "number"}
    write_claims(data_copy, [unnumbered])
    store.import_bundle(data_copy, "analyst", "re-import without numbers")
    assert store.stored_claim(seed.id).number == seed.number
    write_claims(data_copy, [{**unnumbered, "number": 500}])
    with pytest.raises(ImportRefusedError, match=f"test.yaml: {seed.id}: number: {seed.id} has number {seed.number}"):
        store.import_bundle(data_copy, "analyst", "renumbered")


def test_an_import_that_reuses_a_retired_number_is_refused(store: Store, data_copy: Path) -> None:
    write_claims(data_copy, [valid_claim(id="newcomer", number=62)])
    with pytest.raises(ImportRefusedError, match=r"test\.yaml: newcomer: number: 62 is retired"):
        store.import_bundle(data_copy, "analyst", "reuse")
    (data_copy / NUMBERS_FILE).write_text("issued_through: 1\nretired:\n- {number: 1, id: somebody-else}\n")
    write_claims(data_copy, [valid_claim(id="fine")])
    (data_copy / NUMBERS_FILE).write_text("issued_through: 1\nretired:\n- {number: 1, id: somebody-else}\n")
    holder = next(claim.id for claim in store.load().claims if claim.number == 1)
    with pytest.raises(ImportRefusedError, match=f"retired number 1: id: the store gave number 1 to {holder}"):
        store.import_bundle(data_copy, "analyst", "a wrong record")


def test_retired_and_reserved_numbers_survive_export_and_import(store: Store, tmp_path: Path) -> None:
    """Export, import into an empty store, export again: the same files, and the new store numbers on."""
    drafted = store.save_claim(ANALYST, valid_claim(), expected=None, reason="unpublished draft")
    store.export_bundle(tmp_path / "once")
    second = Store(f"sqlite:///{tmp_path / 'second.sqlite'}")
    report = second.import_bundle(tmp_path / "once", "tester", "move")
    assert {"claim-number 62", "claim-number 64", f"claim-number {drafted.number}"} <= set(report.added)
    assert [event["action"] for event in second.history("claim-number", str(drafted.number))] == ["reserved"]
    second.export_bundle(tmp_path / "twice")
    for name in (NUMBERS_FILE, "claims/north_korean_troops.yaml"):
        assert (tmp_path / "once" / name).read_text() == (tmp_path / "twice" / name).read_text()
    assert second.save_claim(ANALYST, valid_claim(id="next"), expected=None, reason="x").number == drafted.number + 1


def test_a_store_from_before_the_record_gets_every_number_it_holds(store: Store) -> None:
    """Migration 0004 fills the record from the claims a store already holds (and 0003 is reachable again)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    for revision in ("0003", "head"):
        with store.engine.begin() as connection:
            config.attributes["connection"] = connection
            (command.downgrade if revision == "0003" else command.upgrade)(config, revision)
    with store.engine.connect() as connection:
        recorded = dict(connection.execute(text("SELECT number, claim_id FROM claim_numbers")).all())
    assert recorded == {number: claim_id for claim_id, number in store.load().numbers.items()}
    assert store.save_claim(ANALYST, valid_claim(), expected=None, reason="x").number == max(recorded) + 1


@pytest.fixture(scope="module")
def seeded_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("seeded") / "store.sqlite"
    seeded = Store(f"sqlite:///{path}")
    seeded.import_bundle(DATA, "seed", "seed")
    seeded.engine.dispose()
    return path


STORE_STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("draft"), st.integers(1, 2)),
        st.tuples(st.just("delete"), st.integers(0, 3)),  # the claim with the highest number, or the 2nd, 3rd, 4th
        st.tuples(st.just("restore"), st.integers(0, 99)),
    ),
    max_size=6,
)


@settings(max_examples=30)  # each example copies a seeded store and opens it after every deletion
@given(steps=STORE_STEPS)
def test_adding_and_deleting_claims_in_the_store_never_reuses_a_number(seeded_file, tmp_path_factory, steps) -> None:
    path = tmp_path_factory.mktemp("store") / "store.sqlite"
    shutil.copy(seeded_file, path)
    store = Store(f"sqlite:///{path}")
    history, deleted, fresh = NumberHistory(), [], iter(range(10_000))
    history.check(store.editing_dataset())
    highest = max(history.given)
    for action, which in steps:
        if action == "draft":
            for _ in range(which):
                saved = store.save_claim(ANALYST, valid_claim(id=f"new-{next(fresh)}"), expected=None, reason="x")
                assert saved.number > highest
                highest = saved.number
        elif action == "restore" and deleted:
            came_back = deleted.pop(which % len(deleted))
            saved = store.save_claim(ANALYST, valid_claim(id=came_back), expected=None, reason="back")
            assert history.given[saved.number] == came_back
        elif action == "delete":
            numbers = store.editing_dataset().numbers
            deleted.append(sorted(numbers, key=numbers.get, reverse=True)[which])
            delete_row(store, deleted[-1])
            store.engine.dispose()
            store = Store(store.url)  # as a process would see it afterwards
        history.check(store.editing_dataset())
    store.engine.dispose()
