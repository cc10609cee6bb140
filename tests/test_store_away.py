"""A SQLite store that goes away under an open page: the page keeps its data, says so and since when, and
catches up when the store is back. (tests/browser/test_store_unreachable.py does the same on PostGIS, in a
browser, with the server cut off.)

The store's folder is moved away and the app's open connections are closed, as after a lost volume: every
new connection then fails, as it would for a stopped server.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.reading.source import current_store
from geo.store import Store
from tests.conftest import DATA
from tests.pages import page_as


def warnings_of(app: AppTest) -> list[str]:
    return [warning.value for warning in app.warning]


def test_a_page_whose_store_goes_away_keeps_its_data_and_says_since_when(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "store"
    folder.mkdir()
    url = f"sqlite:///{folder / 'claims.sqlite'}"
    Store(url).import_bundle(DATA, "seeder", "seed")
    monkeypatch.setenv("KURSK_MAP_DB", url)
    monkeypatch.delenv("KURSK_MAP_DATA", raising=False)
    app = page_as("analyst", monkeypatch)  # an analyst's page, with the desk that writes to the store
    listed = [block.value for block in app.markdown if " claims**" in block.value]
    assert listed and app.button(key="new-claim") is not None
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)

    folder.rename(tmp_path / "moved")
    current_store().engine.dispose()  # the open connections go with the volume
    app.run()  # a run of the whole page while the store is away
    assert not app.exception, [error.message for error in app.exception]
    [note] = [text for text in warnings_of(app) if "cannot be reached" in text]
    answered = dt.datetime.strptime(note.split("as of ")[1].split(" UTC")[0], "%d %b %Y, %H:%M:%S")
    assert before - dt.timedelta(seconds=60) <= answered.replace(tzinfo=dt.UTC) <= before + dt.timedelta(seconds=1)
    assert "sqlite" not in note and str(folder) not in note  # where the store lives stays unsaid
    assert [block.value for block in app.markdown if " claims**" in block.value] == listed  # the same claims
    assert not [button for button in app.button if button.key == "new-claim"]  # nothing can be saved

    (tmp_path / "moved").rename(folder)
    app.run()  # the store answers: the note goes and the page runs again with the desk
    assert not app.exception
    assert not [text for text in warnings_of(app) if "cannot be reached" in text]
    assert [button for button in app.button if button.key == "new-claim"]
