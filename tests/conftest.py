"""Shared fixtures: the bundled dataset, and writable copies of it for bad-data tests."""

from __future__ import annotations

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
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from geo.reading.dataset import Dataset, load_dataset
from geo.store import Store

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
def fresh_postgis_database() -> Iterator[str]:
    """A new, empty database on the test server, dropped afterwards; skips the test without a server."""
    pg = os.environ.get("KURSK_MAP_TEST_PG")
    if not pg:
        pytest.skip("no PostgreSQL server: set KURSK_MAP_TEST_PG (bash .ci/run starts one) to run the PostGIS tests")
    name = f"kursk_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(pg, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(pg).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


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
