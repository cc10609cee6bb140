"""The claim form and the review queue through the page (AppTest), as a newcomer meets them: a blank form says
nothing is wrong until a save is tried, then says what in words; a new claim's dates start on the date the map
shows, and say so; the queue shows each claim's source, place, dates and grade; Publish says what it waits for;
and a write is announced by the claim's public number."""

from __future__ import annotations

import datetime as dt

import pytest

from components.desk.desk import new_claim_day
from components.session_keys import claim_form_field
from geo.model.records import Case
from geo.store import Store
from geo.workflow.roles import Actor, Role
from tests.conftest import valid_claim
from tests.pages import page_as, said, unescaped
from tests.test_validation_words import PYDANTIC_PHRASES

ANALYST = Actor("ana@example.org", "Ana Analyst", Role.ANALYST)
DAY = "2025-02-10"  # the day the page is opened on: some days after the test claim's


def test_a_blank_form_says_nothing_is_wrong_until_a_save_is_tried_then_says_it_in_words(
    page_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = page_as("analyst", monkeypatch, date=DAY)
    shown = app.slider(key="date").value  # the link's day, snapped to the timeline
    app.button(key="new-claim").click().run()
    assert not app.exception, [error.message for error in app.exception]
    assert app.text_input(key=claim_form_field("start")).value == shown.isoformat()  # the date the map shows
    assert app.text_input(key=claim_form_field("end")).value == shown.isoformat()
    assert f"Both dates start on the date the map shows, {shown.day} {shown:%b %Y}" in said(app)
    assert ":red[" not in said(app) and not app.error  # nothing typed, nothing tried: nothing wrong yet

    app.button(key=claim_form_field("save")).click().run()
    text = said(app)
    for sentence in ("Statement: required", "Claimant: required", "Reports: add at least 1", "Category: required"):
        assert sentence in text, sentence
    assert "Why this change: required" in text
    assert "Not saved: " in text
    assert not any(phrase in text for phrase in PYDANTIC_PHRASES), text
    assert Store(page_store).queue() == []  # nothing saved


@pytest.mark.parametrize(
    ("shown", "today", "expected"),
    [
        (dt.date(2025, 2, 10), dt.date(2026, 12, 6), (dt.date(2025, 2, 10), "the date the map shows")),
        (None, dt.date(2025, 3, 1), (dt.date(2025, 3, 1), "today")),
        (None, dt.date(2026, 12, 6), None),  # today is past the case: left empty, never moved to its last day
    ],
)
def test_a_new_claims_dates_start_on_the_shown_date_or_today_never_a_clamped_day(
    shown: dt.date | None, today: dt.date, expected: tuple[dt.date, str] | None
) -> None:
    case = Case.model_validate(
        {
            "id": "kursk",
            "title": "Kursk",
            "region": {"west": 33, "south": 50, "east": 38, "north": 53},
            "period": {"start": "2024-08-06", "end": "2025-04-30"},
        }
    )
    assert new_claim_day(shown, case, today) == expected


def test_the_queue_shows_source_place_dates_grade_says_what_publish_waits_for_and_names_the_claims_number(
    page_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(page_store)
    saved = store.save_claim(ANALYST, valid_claim(), expected=None, reason="BBC report", submit=True)
    reviewer = page_as("reviewer", monkeypatch, date=DAY)
    text = said(reviewer)
    assert f"#{saved.number} · North Korean troops were seen near Sudzha." in text
    for fact in (
        "**Source:** Special Operations Forces",
        "first reported 31 Jan 2025 by BBC",
        "**Place:** Sudzha",
        "**Date:** 20 Jan 2025 – 31 Jan 2025",
        "**Grade:** ",
    ):
        assert fact in text, fact
    reason_key, publish_key = f"review-reason-{saved.id}", f"publish-{saved.id}"
    assert reviewer.button(key=publish_key).disabled
    assert "Publish and Send back need a reason" in text

    reviewer.text_input(key=reason_key).set_value("Checked against the BBC article").run()
    assert not reviewer.button(key=publish_key).disabled
    assert "Publish and Send back need a reason" not in said(reviewer)
    reviewer.button(key=publish_key).click().run()
    assert not reviewer.exception, [error.message for error in reviewer.exception]
    assert [unescaped(toast.value) for toast in reviewer.toast] == [f"#{saved.number} published."]


@pytest.mark.parametrize(
    ("language", "source", "place"), [("uk", "**Джерело:**", "**Місце:**"), ("ru", "**Источник:**", "**Место:**")]
)
def test_the_queue_and_a_blank_form_speak_the_readers_language(
    page_store: str, monkeypatch: pytest.MonkeyPatch, language: str, source: str, place: str
) -> None:
    Store(page_store).save_claim(ANALYST, valid_claim(), expected=None, reason="BBC report", submit=True)
    app = page_as("reviewer", monkeypatch, date=DAY, language=language)
    text = said(app)
    assert source in text and place in text and "**Source:**" not in text
    app.button(key="new-claim").click().run()
    assert "Both dates start on" not in said(app) and app.text_input(key=claim_form_field("start")).value
