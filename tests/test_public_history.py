"""Public history over HTTP holds only what viewers have seen: read from the feed's history route as any
client would, with work in progress in the store (a version in review, one sent back, a new draft) and an
event written the way imports wrote them before they held such work back (a draft as the public 'before')."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from geo.reading.source import current_store
from geo.store import Store
from tests.conftest import DATA, IN_REVIEW, NEW_DRAFT, SECRET, SENT_BACK, logged_as_imports_did, work_in_progress
from web.feed import ROUTES


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path_factory.mktemp('history') / 'store.sqlite'}"
    store = Store(url)
    store.import_bundle(DATA, "seeder", "seed")
    work_in_progress(store)
    logged_as_imports_did(store, "The bundle's wording.")
    store.engine.dispose()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KURSK_MAP_DB", url)
        patch.delenv("KURSK_MAP_DATA", raising=False)  # the feed reads the store the environment names
        yield TestClient(Starlette(routes=ROUTES), base_url="http://feed.test")


@pytest.mark.parametrize("claim_id", [IN_REVIEW, SENT_BACK])
def test_the_history_route_shows_only_published_versions(client: TestClient, claim_id: str) -> None:
    answer = client.get(f"/api/claims/{claim_id}/history.json")
    assert answer.status_code == 200
    assert SECRET not in answer.text and "Working wording" not in answer.text
    entries = json.loads(answer.text)
    assert entries and entries[0]["before"] is None
    for earlier, later in itertools.pairwise(entries):  # each change starts from what the one before showed
        assert later["before"] == earlier["after"]


def test_a_claim_never_published_has_no_public_history(client: TestClient) -> None:
    answer = client.get(f"/api/claims/{NEW_DRAFT}/history.json")
    assert answer.status_code == 404 and SECRET not in answer.text


def test_staff_still_read_the_working_versions(client: TestClient) -> None:
    """The full record is kept for analysts and reviewers: nothing was dropped to make the public view."""
    store = current_store()
    assert store is not None
    assert any(SECRET in json.dumps(entry["after"]) for entry in store.history("claim", IN_REVIEW))
