"""An import never overwrites work in progress: run from the command line against a copy of a store where
analysts have a draft, a version in review, a version sent back, and a reviewer has retracted a claim.
Each of those is held back, named with why, and the rest of the bundle goes in; public history holds
only what viewers have seen, never a draft's internal note."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from geo.store import Store
from geo.workflow.lifecycle import ClaimState
from tests.conftest import (
    ANALYST,
    DATA,
    IN_REVIEW,
    NEW_DRAFT,
    REPO,
    REVIEWER,
    SECRET,
    SENT_BACK,
    logged_as_imports_did,
    valid_claim,
    work_in_progress,
)

PUBLISHED = "nk-about-11000-troops-sent"


@pytest.fixture(scope="module")
def seeded_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeded") / "store.sqlite"
    store = Store(f"sqlite:///{path}")
    store.import_bundle(DATA, "seed", "seed")
    store.engine.dispose()  # the write-ahead log folded into the file, so a copy of the file holds it all
    return path


def retracted_id(store: Store) -> str:
    """A published claim no other claim leans on, to retract."""
    return next(
        claim.id
        for claim in store.load().claims
        if claim.id not in {IN_REVIEW, SENT_BACK, PUBLISHED} and claim.retraction is None
    )


def work_in_progress_and_a_retraction(store: Store) -> str:
    """The store's work in progress (tests.conftest.work_in_progress) and a claim a reviewer retracted; returns the
    retracted claim's id."""
    work_in_progress(store)
    gone = retracted_id(store)
    store.retract(REVIEWER, gone, expected=store.stored_claim(gone).version, reason="The outlet withdrew the report.")
    return gone


def bundle_rewording(folder: Path, ids: set[str], extra: list[dict]) -> None:
    """The bundle with these claims reworded and extra claims added: what a team's weekly import brings."""
    for path in sorted((folder / "claims").glob("*.yaml")):
        document = yaml.safe_load(path.read_text())
        for claim in document["claims"]:
            if claim["id"] in ids:
                claim["statement"] = f"Bundle's wording of {claim['id']}."
        if path.name == "north_korean_troops.yaml":
            document["claims"] += extra
        path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))


def import_cli(store_file: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KURSK_MAP_DB": f"sqlite:///{store_file}"}
    command = [sys.executable, "-m", "geo.store", "import", str(folder), "--reason", "weekly", "--actor", "ci"]
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env, check=False)


def test_an_import_holds_back_drafts_reviews_and_retractions_and_imports_the_rest(
    seeded_file: Path, data_copy: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.sqlite"
    shutil.copy(seeded_file, copy)
    store = Store(f"sqlite:///{copy}")
    gone = work_in_progress_and_a_retraction(store)
    working_before = {claim_id: store.stored_claim(claim_id) for claim_id in (IN_REVIEW, SENT_BACK, NEW_DRAFT, gone)}
    new_claim = valid_claim(id="brand-new", statement="Seen near Korenevo.", location={"place": "Korenevo"})
    bundle_draft = valid_claim(id=NEW_DRAFT, statement="The bundle's own claim of that id.")
    bundle_rewording(data_copy, {IN_REVIEW, SENT_BACK, gone, PUBLISHED}, [new_claim, bundle_draft])

    result = import_cli(copy, data_copy)

    assert result.returncode == 2, result.stderr
    held = dict(line.split(": held back, ", 1) for line in result.stderr.splitlines() if ": held back, " in line)
    assert set(held) == {f"claim {claim_id}" for claim_id in (IN_REVIEW, SENT_BACK, NEW_DRAFT, gone)}
    assert held[f"claim {IN_REVIEW}"].startswith("it is in review in the store (version 2)")
    assert held[f"claim {SENT_BACK}"].startswith("it is a draft in the store")
    assert held[f"claim {NEW_DRAFT}"].startswith("it is a draft in the store (version 1)")
    assert held[f"claim {gone}"] == "a reviewer retracted it: an import does not bring a retracted claim back"
    assert "4 held back" in result.stdout
    for claim_id, before in working_before.items():  # nothing of theirs was touched
        assert store.stored_claim(claim_id) == before
    published = store.load()
    assert published.by_id[PUBLISHED].statement == f"Bundle's wording of {PUBLISHED}."
    assert "brand-new" in published.by_id and NEW_DRAFT not in published.by_id
    assert published.by_id[gone].retraction is not None
    assert SECRET not in json.dumps(every_public_history(store), default=str)

    current = store.stored_claim(IN_REVIEW)  # once the reviewer decides, the next import goes in
    store.publish(REVIEWER, IN_REVIEW, expected=current.version, reason="checked")
    again = import_cli(copy, data_copy)
    assert again.returncode == 2 and f"claim {IN_REVIEW}:" not in again.stderr
    assert store.load().by_id[IN_REVIEW].statement == f"Bundle's wording of {IN_REVIEW}."
    assert store.verify().intact


def test_a_bundle_that_says_what_viewers_already_see_holds_nothing_back(seeded_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite"
    shutil.copy(seeded_file, copy)
    store = Store(f"sqlite:///{copy}")
    work_in_progress_and_a_retraction(store)
    exported = tmp_path / "exported"
    store.export_bundle(exported)  # what viewers see: published versions and tombstones
    before = store.stamp()
    result = import_cli(copy, exported)
    assert result.returncode == 0, result.stderr
    assert "0 added, 0 updated" in result.stdout and "0 held back" in result.stdout
    assert store.stamp() == before


def every_public_history(store: Store) -> list[dict]:
    ids = [claim.id for claim in store.load("working").claims]
    return [entry for claim_id in ids for entry in store.history("claim", claim_id, public=True)]


def test_public_history_is_built_from_published_versions_only(store_url: str) -> None:
    """Even an event written before imports held back work in progress (an 'updated' whose `before` was a draft)
    shows viewers the version they saw, not the draft it replaced."""
    store = Store(store_url)
    store.import_bundle(DATA, "seed", "seed")
    work_in_progress_and_a_retraction(store)
    logged_as_imports_did(store, "Overwritten.")
    history = store.history("claim", IN_REVIEW, public=True)
    assert SECRET not in json.dumps(history, default=str)
    assert [entry["action"] for entry in history] == ["added", "updated"]
    for claim_id in (IN_REVIEW, SENT_BACK, NEW_DRAFT):
        entries = store.history("claim", claim_id, public=True)
        for earlier, later in itertools.pairwise(entries):
            assert later["before"] == earlier["after"]
        assert all("os_user" not in entry for entry in entries)
    full = store.history("claim", IN_REVIEW)
    assert any(SECRET in json.dumps(entry["after"]) for entry in full)  # staff still read the whole record
    assert store.stored_claim(IN_REVIEW).state is ClaimState.REVIEW


def test_sources_and_places_in_review_are_held_back_too(seeded_file: Path, data_copy: Path, tmp_path: Path) -> None:
    """Every reviewed kind (a table with a state and a published version) is held the same way: a source and a
    place an analyst changed, waiting for review, keep their working version through an import."""
    copy = tmp_path / "copy.sqlite"
    shutil.copy(seeded_file, copy)
    store = Store(f"sqlite:///{copy}")
    source, version = store.record("source", "bbc")
    store.save_source(ANALYST, {**source, "note": f"{SECRET}: checking"}, expected=version, reason="note")
    place, version = store.record("place", "Sudzha")
    noted = {**place, "properties": {**place["properties"], "coord_source": f"{SECRET}: re-read"}}
    store.save_place(ANALYST, noted, expected=version, reason="re-read")
    sources = yaml.safe_load((data_copy / "sources.yaml").read_text())
    for record in sources["sources"]:
        record["note"] = "The bundle's note." if record["id"] == "bbc" else record.get("note", "")
    (data_copy / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True, sort_keys=False))
    places_file = data_copy / "places" / "settlements.geojson"
    places = json.loads(places_file.read_text())
    for feature in places["features"]:
        if feature["properties"]["name"] == "Sudzha":
            feature["properties"]["coord_source"] = "The bundle's reading."
    places_file.write_text(json.dumps(places))
    result = import_cli(copy, data_copy)
    assert result.returncode == 2, result.stderr
    assert "source bbc: held back, it is in review in the store" in result.stderr
    assert "place Sudzha: held back, it is in review in the store" in result.stderr
    assert store.record("source", "bbc")[0]["note"] == f"{SECRET}: checking"
    assert store.record("place", "Sudzha")[0]["properties"]["coord_source"] == f"{SECRET}: re-read"
    for kind, key in (("source", "bbc"), ("place", "Sudzha")):
        assert SECRET not in json.dumps(store.history(kind, key, public=True), default=str)
