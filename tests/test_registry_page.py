"""Through the page (AppTest): an analyst's change to a source is not on the public page until another
reviewer publishes it from the queue, which shows what changes."""

from __future__ import annotations

import pytest

from components.escaping import markdown_text
from geo.store import Store
from geo.workflow.roles import Actor, Role
from tests.pages import as_written, page_as

NEW_NAME = "British Broadcasting Corporation"


def test_an_analysts_source_rename_is_not_public_until_a_reviewer_publishes_it(
    page_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    analyst = page_as("analyst", monkeypatch)
    analyst.button(key="open-registry").click().run()
    analyst.selectbox(key="registry-source").set_value("bbc").run()
    analyst.text_input(key="registry-name-bbc-1").set_value(NEW_NAME)
    analyst.text_input(key="registry-source-reason-bbc-1").set_value("the full name, as on its site")
    analyst.button(key="registry-save-source").click().run()
    assert not analyst.exception, [error.message for error in analyst.exception]
    assert any("sent for review" in success.value for success in analyst.success)
    assert "publish-source-bbc" not in {button.key for button in analyst.button}  # an analyst may not publish

    viewer = page_as("viewer", monkeypatch)
    assert "BBC News" in as_written(viewer) and NEW_NAME not in as_written(viewer)

    reviewer = page_as("reviewer", monkeypatch)
    assert "**Source · BBC News \\(bbc\\)**" in as_written(reviewer)
    [changes] = [frame.value for frame in reviewer.dataframe if "after review" in frame.value.columns]
    assert changes.to_dict("records") == [{"field": "Name", "viewers see now": "BBC News", "after review": NEW_NAME}]
    reviewer.text_input(key="review-reason-source-bbc").set_value("matches bbc.com").run()
    reviewer.button(key="publish-source-bbc").click().run()
    assert not reviewer.exception, [error.message for error in reviewer.exception]

    viewer.run()  # the open viewer page follows the store's change
    assert NEW_NAME in as_written(viewer) and "BBC News" not in as_written(viewer)


def test_a_moved_place_shows_reviewers_how_many_claims_move_and_a_sent_back_move_says_why(
    page_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    sudzha = Store(page_store).load().places["Sudzha"]
    analyst = page_as("analyst", monkeypatch)
    analyst.button(key="open-registry").click().run()
    analyst.selectbox(key="registry-place").set_value("Sudzha").run()
    analyst.number_input(key="registry-lat-Sudzha-1").set_value(round(sudzha.lat - 0.045, 5))
    analyst.text_input(key="registry-place-reason-Sudzha-1").set_value("re-read from the map")
    analyst.button(key="registry-save-place").click().run()
    assert any("sent for review" in success.value for success in analyst.success)

    reviewer = page_as("reviewer", monkeypatch)
    assert markdown_text("On the map: moves 3 claims at Sudzha by 5.0 km.") in as_written(reviewer)
    reviewer.text_input(key="review-reason-place-Sudzha").set_value("which map? cite it").run()
    reviewer.button(key="send-back-place-Sudzha").click().run()
    assert Store(page_store).load().places["Sudzha"].lat == pytest.approx(sudzha.lat)  # viewers: unchanged

    analyst = page_as("analyst", monkeypatch)
    analyst.button(key="open-registry").click().run()
    analyst.selectbox(key="registry-place").set_value("Sudzha").run()
    assert any("which map? cite it" in warning.value for warning in analyst.warning)


HOSTILE = "![seen](https://tracker.example/x.png) <img src=x onerror=alert(1)> **ok** [ok](javascript:alert(1))"


def test_text_in_a_pending_source_reaches_the_reviewer_as_text(
    page_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The queue writes an analyst's text: escaped in Markdown, as written in the table of changes."""
    new_source = {"id": "hostile", "name": HOSTILE, "kind": "other", "affiliation": "independent", "note": HOSTILE}
    Store(page_store).save_source(Actor("ana@example.org", "Ana", Role.ANALYST), new_source, expected=None, reason="x")
    reviewer = page_as("reviewer", monkeypatch)
    written = as_written(reviewer)
    assert f"**Source · {markdown_text(HOSTILE + ' (hostile)')}**" in written and HOSTILE not in written
    [changes] = [frame.value for frame in reviewer.dataframe if "after review" in frame.value.columns]
    assert list(changes[changes["field"].isin(["Name", "Note"])]["after review"]) == [HOSTILE, HOSTILE]
