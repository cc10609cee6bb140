"""Sources and places edited in the app: checked as the loader checks files, compare-and-swap, logged,
and a change that would move published grades is a reviewer's. On SQLite and, with a server, PostGIS."""

from __future__ import annotations

import pytest

from geo.roles import Actor, NotAllowedError, Role
from geo.store import Store
from geo.store.claims import SaveRefusedError
from geo.store.registry import StaleRecordError
from tests.conftest import DATA, valid_claim

ANALYST = Actor("ana@example.org", "Ana", Role.ANALYST)
REVIEWER = Actor("rita@example.org", "Rita", Role.REVIEWER)
NEW_SOURCE = {
    "id": "the-guardian",
    "name": "The Guardian",
    "kind": "news-outlet",
    "affiliation": "independent",
    "url": "https://www.theguardian.com/",
    "reliability": "B",
}


def place(name: str, lon: float, lat: float) -> dict:
    properties = {
        "name": name,
        "name_ru": None,
        "country": "RU",
        "key_place": False,
        "verified": False,
        "precision_km": 3.0,
        "coord_source": "read off the regional map by an analyst",
        "population": None,
    }
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": properties}


@pytest.fixture
def store(store_url: str) -> Store:
    seeded = Store(store_url)
    seeded.import_bundle(DATA, "seed", "seed")
    return seeded


def test_an_analyst_adds_a_source_and_a_claim_can_cite_it(store: Store) -> None:
    assert store.save_source(ANALYST, NEW_SOURCE, expected=None, reason="new outlet") == 1
    claim = valid_claim(reports=[{"outlet": "the-guardian", "date": "2025-01-31", "url": ""}])
    assert store.check(claim).valid
    assert store.load("working").sources["the-guardian"].reliability == "B"
    assert store.history("source", "the-guardian")[0]["action"] == "added"


def test_changing_a_grade_deciding_field_is_a_reviewers_and_edits_are_compare_and_swap(store: Store) -> None:
    document, version = store.record("source", "bbc")
    with pytest.raises(NotAllowedError, match="change reliability: it changes published grades"):
        store.save_source(ANALYST, {**document, "reliability": "A"}, expected=version, reason="upgrade")
    assert store.save_source(ANALYST, {**document, "note": "World Service."}, expected=version, reason="note") == 2
    with pytest.raises(StaleRecordError, match=r"source bbc was changed by someone else \(version 2\)"):
        store.save_source(REVIEWER, {**document, "reliability": "A"}, expected=version, reason="upgrade")
    store.save_source(REVIEWER, {**document, "note": "World Service.", "reliability": "A"}, expected=2, reason="ok")
    assert store.load().sources["bbc"].reliability == "A"


def test_bad_sources_and_places_are_refused_on_their_field_and_nothing_changes(store: Store) -> None:
    before = store.stamp()
    with pytest.raises(SaveRefusedError, match=r"url: .*http"):
        store.save_source(ANALYST, {**NEW_SOURCE, "url": "javascript:alert(1)"}, expected=None, reason="x")
    with pytest.raises(SaveRefusedError, match="already a source"):
        store.save_source(ANALYST, {**NEW_SOURCE, "id": "bbc"}, expected=None, reason="x")
    with pytest.raises(SaveRefusedError, match="outside the case's region"):
        store.save_place(ANALYST, place("Far away", 10.0, 10.0), expected=None, reason="x")
    with pytest.raises(SaveRefusedError, match="already in the gazetteer"):
        store.save_place(ANALYST, place("Sudzha", 35.27, 51.19), expected=None, reason="x")
    assert store.stamp() == before


def test_an_analyst_adds_a_place_and_claims_can_be_placed_there(store: Store) -> None:
    store.save_place(ANALYST, place("Guyevo", 35.283, 51.141), expected=None, reason="village in the SOF report")
    dataset = store.load("working")
    assert dataset.places["Guyevo"].lat == pytest.approx(51.141)
    assert store.check(valid_claim(location={"place": "Guyevo"})).valid
