"""Shared fixtures: the bundled dataset, writable copies of it for bad-data tests, and stores: SQLite, a PostGIS
database on the test server, and work in progress that viewers must never see."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import settings
from sqlalchemy import Engine, create_engine, text

from geo.reading.dataset import Dataset, load_dataset
from geo.store import Store
from geo.store.audit import log
from geo.workflow.roles import Actor, Role

# The suite decides whether a change lands, so by default property tests replay the same
# examples on every run; HYPOTHESIS_PROFILE=explore searches many fresh random ones.
settings.register_profile("repeatable", max_examples=300, deadline=None, derandomize=True, database=None)
settings.register_profile("explore", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

# Tests never touch a real store: the app's default store is a fresh SQLite file for this test session
# (seeded from data/ on first use), and tests that name a bundle folder read it directly.
os.environ["KURSK_MAP_DB"] = f"sqlite:///{Path(tempfile.mkdtemp(prefix='kursk-test-store-')) / 'store.sqlite'}"

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"


@pytest.fixture(scope="session")
def bundled() -> Dataset:
    return load_dataset(DATA)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def valid_claim(**changes: object) -> dict:
    """A complete, valid claim record; tests change one field at a time."""
    record = {
        "id": "test-claim",
        "statement": "North Korean troops were seen near Sudzha.",
        "claimant": "ua-sof",
        "reports": [{"outlet": "bbc", "date": "2025-01-31", "url": "https://www.bbc.com/news"}],
        "refers_to": {"start": "2025-01-20", "end": "2025-01-31", "precision": "period"},
        "location": {"place": "Sudzha"},
        "category": "troop-presence",
        "about": "north-korea",
        "kind": "fact",
        "access": "own-forces",
        "favours": "ukraine",
    }
    record.update(changes)
    return record


# Work in progress in a store, as analysts and a reviewer leave it: what viewers and imports must never take for
# published. The claims are bundled ones.
ANALYST = Actor("ana@example.org", "Ana Analyst", Role.ANALYST)
REVIEWER = Actor("rita@example.org", "Rita Reviewer", Role.REVIEWER)
IN_REVIEW = "nk-absent-kursk-front-three-weeks"  # an analyst's new version waits in review
SENT_BACK = "rumod-sudzha-retaken"  # a reviewer sent the analyst's new version back
NEW_DRAFT = "fresh-draft"  # a new claim, drafted only
SECRET = "INTERNAL"  # every working version's note carries it: it must never reach public history


def work_in_progress(store: Store) -> None:
    """A version in review, one sent back to its analyst and a new draft, each with a note that holds SECRET; the
    two new versions' statements read `Working wording of <id>.`"""
    for claim_id in (IN_REVIEW, SENT_BACK):
        current = store.stored_claim(claim_id)
        note = f"{SECRET}: the analyst's working note on {claim_id}"
        edited = {**current.document, "analyst_note": note, "statement": f"Working wording of {claim_id}."}
        store.save_claim(ANALYST, edited, expected=current.version, reason="working on it")
    sent = store.stored_claim(SENT_BACK)
    store.send_back(REVIEWER, SENT_BACK, expected=sent.version, reason="needs a second source")
    store.save_claim(
        ANALYST, valid_claim(id=NEW_DRAFT, analyst_note=f"{SECRET}: unchecked tip"), expected=None, reason="tip"
    )


def logged_as_imports_did(store: Store, statement: str) -> None:
    """The event an import wrote before it held work in progress back: the bundle's version of IN_REVIEW (its
    published one, saying `statement`) logged over the draft in review, the draft as the public 'before'."""
    in_review = store.stored_claim(IN_REVIEW)
    bundle_version = {**in_review.published, "statement": statement}
    with store.transaction() as connection:
        log(
            connection,
            actor="ci",
            kind="claim",
            record=IN_REVIEW,
            action="updated",
            before=in_review.document,
            after=bundle_version,
            reason="old import",
            version=None,
            at=dt.datetime.now(dt.UTC),
        )


def write_claims(data_dir: Path, records: list[dict], name: str = "test.yaml") -> Path:
    """Replace the claims folder with one file holding these records (and drop the stories that cite others,
    and the record of the numbers the old claims were given: these claims start a numbering of their own)."""
    shutil.rmtree(data_dir / "stories", ignore_errors=True)
    (data_dir / "claim_numbers.yaml").unlink(missing_ok=True)
    folder = data_dir / "claims"
    shutil.rmtree(folder)
    folder.mkdir()
    path = folder / name
    path.write_text(
        yaml.safe_dump(
            {"case": "test-case", "title": "Test case", "claims": records}, allow_unicode=True, sort_keys=False
        )
    )
    return path


@contextmanager
def postgis_admin() -> Iterator[Engine]:
    """The test server (KURSK_MAP_TEST_PG) as its administrator, each statement committed as it runs (to create and
    drop databases and roles), disposed afterwards; skips the test without a server."""
    pg = os.environ.get("KURSK_MAP_TEST_PG")
    if not pg:
        pytest.skip("no PostgreSQL server: set KURSK_MAP_TEST_PG (bash .ci/run starts one) to run the PostGIS tests")
    admin = create_engine(pg, isolation_level="AUTOCOMMIT")
    try:
        yield admin
    finally:
        admin.dispose()


@contextmanager
def fresh_postgis_database() -> Iterator[str]:
    """A new, empty database on the test server, dropped afterwards; skips the test without a server."""
    name = f"kursk_test_{uuid.uuid4().hex[:10]}"
    with postgis_admin() as admin:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield admin.url.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))


@pytest.fixture
def page_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A SQLite store seeded with the bundled data, which the page run by an AppTest reads (KURSK_MAP_DB)."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    Store(url).import_bundle(DATA, "seeder", "seed")
    monkeypatch.setenv("KURSK_MAP_DB", url)
    monkeypatch.delenv("KURSK_MAP_DATA", raising=False)
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgis", marks=pytest.mark.postgis)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty store: a SQLite file, and a fresh PostGIS database when a server is at hand."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    with fresh_postgis_database() as url:
        yield url
