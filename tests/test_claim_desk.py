"""Claims kept by a team in the store: draft, review, publish, retract; every write checked, logged and
compare-and-swap. Each test runs on SQLite and, with a server at hand, on PostGIS."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from geo.store import Store
from geo.store.claims import ConflictError, SaveRefusedError
from geo.workflow.lifecycle import ClaimState
from geo.workflow.roles import Actor, NotAllowedError, Role
from tests.conftest import DATA, valid_claim

ANALYST = Actor("ana@example.org", "Ana Analyst", Role.ANALYST)
OTHER_ANALYST = Actor("otto@example.org", "Otto Analyst", Role.ANALYST)
REVIEWER = Actor("rita@example.org", "Rita Reviewer", Role.REVIEWER)
SECOND_REVIEWER = Actor("rolf@example.org", "Rolf Reviewer", Role.REVIEWER)
VIEWER = Actor("vic@example.org", "Vic Viewer", Role.VIEWER)
SEED_CLAIM = "nk-absent-kursk-front-three-weeks"


@pytest.fixture
def store(store_url: str) -> Store:
    seeded = Store(store_url)
    seeded.import_bundle(DATA, "seed", "seed")
    return seeded


def published_statement(store: Store, claim_id: str) -> str | None:
    claim = store.load().by_id.get(claim_id)
    return claim.statement if claim else None


def test_a_new_claim_is_a_draft_only_analysts_see_until_a_reviewer_publishes_it(store: Store) -> None:
    drafted = store.save_claim(ANALYST, valid_claim(), expected=None, reason="BBC report of 31 Jan")
    assert drafted.state is ClaimState.DRAFT and drafted.version == 1
    assert drafted.number == max(store.load().numbers.values()) + 1
    assert published_statement(store, "test-claim") is None  # viewers do not see drafts
    working = store.load("working")
    assert "test-claim" in working.by_id and working.lifecycle["test-claim"].pending
    assert working.lifecycle["test-claim"].entered_by == ANALYST.subject
    assert not working.lifecycle["test-claim"].has_published  # nothing to retract yet
    assert working.lifecycle[SEED_CLAIM].has_published

    in_review = store.submit(ANALYST, "test-claim", expected=1, reason="ready")
    assert in_review.state is ClaimState.REVIEW and in_review.version == 2
    with pytest.raises(NotAllowedError, match="Ana Analyst \\(analyst\\) may not publish"):
        store.publish(ANALYST, "test-claim", expected=2, reason="looks right")
    published = store.publish(REVIEWER, "test-claim", expected=2, reason="checked against the BBC article")
    assert published.state is ClaimState.PUBLISHED and published.lifecycle.verified_by == REVIEWER.subject
    assert published_statement(store, "test-claim") == valid_claim()["statement"]
    actions = [event["action"] for event in store.history("claim", "test-claim")]
    assert actions == ["drafted", "submitted", "published"]


def test_an_edited_published_claim_goes_back_to_review_and_viewers_keep_the_old_version(store: Store) -> None:
    current = store.stored_claim(SEED_CLAIM)
    old_statement = current.document["statement"]
    edited = {**current.document, "statement": "Corrected: not seen for three weeks, per the SOF."}
    saved = store.save_claim(ANALYST, edited, expected=current.version, reason="wording from the interview")
    assert saved.state is ClaimState.REVIEW
    assert published_statement(store, SEED_CLAIM) == old_statement
    assert store.load("working").by_id[SEED_CLAIM].statement.startswith("Corrected")
    event = store.history("claim", SEED_CLAIM)[-1]
    assert event["actor"] == ANALYST.subject and event["reason"] == "wording from the interview"
    assert event["changes"] == [{"field": "statement", "from": old_statement, "to": edited["statement"]}]
    store.publish(REVIEWER, SEED_CLAIM, expected=saved.version, reason="matches the interview")
    assert published_statement(store, SEED_CLAIM).startswith("Corrected")


def test_a_stale_form_never_overwrites_and_the_conflict_carries_their_version(store: Store) -> None:
    base = store.stored_claim(SEED_CLAIM)
    theirs = {**base.document, "analyst_note": "Otto's note."}
    mine = {**base.document, "statement": "Ana's wording of the claim."}
    store.save_claim(OTHER_ANALYST, theirs, expected=base.version, reason="note added")
    before = store.stamp()
    with pytest.raises(ConflictError, match=r"changed by otto@example\.org") as conflict:
        store.save_claim(ANALYST, mine, expected=base.version, reason="reworded")
    assert conflict.value.theirs.document["analyst_note"] == "Otto's note."
    assert store.stamp() == before  # nothing written, nothing logged
    assert store.stored_claim(SEED_CLAIM).document["statement"] == base.document["statement"]


def test_bad_input_is_refused_field_by_field_and_nothing_is_saved(store: Store) -> None:
    before = store.stamp()
    bad = valid_claim(
        claimant="nobody", reports=[{"outlet": "bbc", "date": "2025-01-31", "url": "javascript:alert(1)"}]
    )
    with pytest.raises(SaveRefusedError, match=r"reports\.0\.url") as refused:
        store.save_claim(ANALYST, bad, expected=None, reason="test")
    assert {problem.field for problem in refused.value.problems} == {"reports.0.url"}
    with pytest.raises(SaveRefusedError, match=r"claimant 'nobody' is not in sources\.yaml") as refused:
        store.save_claim(ANALYST, valid_claim(claimant="nobody"), expected=None, reason="test")
    assert [problem.field for problem in refused.value.problems] == ["claimant"]
    with pytest.raises(SaveRefusedError, match="reason: say why"):
        store.save_claim(ANALYST, valid_claim(), expected=None, reason="  ")
    with pytest.raises(SaveRefusedError, match="supports: no such claim: nowhere"):
        store.save_claim(ANALYST, valid_claim(supports=["nowhere"]), expected=None, reason="test")
    assert store.stamp() == before


def test_roles_are_checked_on_every_write(store: Store) -> None:
    with pytest.raises(NotAllowedError, match="may not draft"):
        store.save_claim(VIEWER, valid_claim(), expected=None, reason="sneaky")
    drafted = store.save_claim(ANALYST, valid_claim(), expected=None, reason="new")
    with pytest.raises(NotAllowedError, match="may not retract"):
        store.retract(ANALYST, SEED_CLAIM, expected=1, reason="I disagree with it")
    with pytest.raises(NotAllowedError, match="may not grant"):
        store.grant(ANALYST, "ana@example.org", Role.REVIEWER, reason="promote myself")
    reviewed = store.save_claim(
        REVIEWER, valid_claim(statement="Seen near Sudzha, said the SOF."), expected=1, reason="x"
    )
    with pytest.raises(NotAllowedError, match="their own edit"):
        store.publish(REVIEWER, "test-claim", expected=reviewed.version, reason="fine")
    assert drafted.state is ClaimState.DRAFT


def test_publishing_needs_every_linked_claim_published(store: Store) -> None:
    store.save_claim(ANALYST, valid_claim(), expected=None, reason="first")
    linked = valid_claim(id="second-claim", statement="Second report of troops near Sudzha.", supports=["test-claim"])
    saved = store.save_claim(ANALYST, linked, expected=None, reason="second", submit=True)
    with pytest.raises(SaveRefusedError, match="supports: no such claim: test-claim"):
        store.publish(REVIEWER, "second-claim", expected=saved.version, reason="ok")


def test_retracting_publishes_a_tombstone_that_no_longer_counts(store: Store) -> None:
    current = store.stored_claim(SEED_CLAIM)
    retracted = store.retract(REVIEWER, SEED_CLAIM, expected=current.version, reason="The BBC withdrew the report.")
    assert retracted.state is ClaimState.RETRACTED
    dataset = store.load()
    claim = dataset.by_id[SEED_CLAIM]  # still there: never deleted
    assert claim.retraction is not None and claim.retraction.reason == "The BBC withdrew the report."
    grade = dataset.grade_all()[SEED_CLAIM]
    assert grade.reasons[0].startswith("Retracted on ")
    assert all(SEED_CLAIM not in grade.corroborated_by for grade in dataset.grade_all().values())
    with pytest.raises(
        SaveRefusedError, match=r"retraction\.reason: Retraction, reason: too long: at most 2000 characters"
    ):
        store.retract(REVIEWER, "rumod-sudzha-retaken", expected=1, reason="Too long. " * 1000)
    with pytest.raises(SaveRefusedError, match="a retracted claim stays as it was"):
        store.save_claim(ANALYST, current.document, expected=retracted.version, reason="undo")


def test_the_audit_log_is_append_only(store: Store) -> None:
    store.grant(None, "rita@example.org", Role.REVIEWER, reason="team lead", name="Rita")
    assert store.role_of("rita@example.org") is Role.REVIEWER and store.role_of("nobody@example.org") is None
    for statement in ("UPDATE events SET reason = 'rewritten'", "DELETE FROM events"):
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as connection:
            connection.execute(text(statement))
    assert store.history("user", "rita@example.org")[0]["reason"] == "team lead"
