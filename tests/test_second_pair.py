"""A second pair of eyes, read from the event log: a reviewer may not publish a claim they drafted or edited at
any point since its last publication, whoever edited last. Generated edit sequences (several analysts and
reviewers drafting, editing, submitting, sending back and publishing) are played against the store and
against a one-line model of the rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.store import Store
from geo.workflow.lifecycle import ClaimState
from geo.workflow.roles import Actor, NotAllowedError, Role
from tests.conftest import DATA, valid_claim

PEOPLE = [
    Actor("ana@example.org", "Ana Analyst", Role.ANALYST),
    Actor("otto@example.org", "Otto Analyst", Role.ANALYST),
    Actor("rita@example.org", "Rita Reviewer", Role.REVIEWER),
    Actor("rolf@example.org", "Rolf Reviewer", Role.REVIEWER),
    Actor("ria@example.org", "Ria Reviewer", Role.REVIEWER),
]
REVIEWERS = [person for person in PEOPLE if person.role is Role.REVIEWER]
SEED_CLAIM = "nk-absent-kursk-front-three-weeks"

STEPS = st.lists(
    st.tuples(st.sampled_from(["edit", "submit", "return", "publish"]), st.integers(0, len(PEOPLE) - 1)),
    min_size=1,
    max_size=10,
)


@pytest.fixture(scope="module")
def seeded_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeded") / "store.sqlite"
    store = Store(f"sqlite:///{path}")
    store.import_bundle(DATA, "seed", "seed")
    store.engine.dispose()
    return path


@settings(max_examples=40)  # each example plays up to ten writes on a fresh copy of a seeded store
@given(new_claim=st.booleans(), drafter=st.integers(0, len(PEOPLE) - 1), steps=STEPS)
def test_nobody_who_drafted_or_edited_since_the_last_publication_may_publish(
    seeded_file: Path, tmp_path_factory: pytest.TempPathFactory, new_claim: bool, drafter: int, steps: list
) -> None:
    path = tmp_path_factory.mktemp("store") / "store.sqlite"
    shutil.copy(seeded_file, path)
    store = Store(f"sqlite:///{path}")
    if new_claim:
        claim_id, editors = "test-claim", {PEOPLE[drafter].subject}
        store.save_claim(PEOPLE[drafter], valid_claim(), expected=None, reason="drafted")
    else:
        claim_id, editors = SEED_CLAIM, set()  # imported: published, nobody's edit pending
    for number, (step, who) in enumerate(steps):
        person, current = PEOPLE[who], store.stored_claim(claim_id)
        version = current.version
        if step == "edit":
            document = {**current.document, "analyst_note": f"Edit {number} by {person.name}."}
            store.save_claim(person, document, expected=version, reason="edit")
            editors.add(person.subject)
        elif step == "submit" and current.state is ClaimState.DRAFT:
            store.submit(person, claim_id, expected=version, reason="ready")
        elif step == "return" and current.state is ClaimState.REVIEW:
            reviewer = REVIEWERS[who % len(REVIEWERS)]
            store.send_back(reviewer, claim_id, expected=version, reason="not yet")
        elif step == "publish" and current.state is ClaimState.REVIEW:
            # The review queue names the same people the store refuses, so the page hides their buttons.
            assert {stored.id: set(stored.editors) for stored in store.queue()}[claim_id] == editors
            reviewer = REVIEWERS[who % len(REVIEWERS)]
            if reviewer.subject in editors:
                with pytest.raises(NotAllowedError, match="their own edit"):
                    store.publish(reviewer, claim_id, expected=version, reason="approve")
                assert store.stored_claim(claim_id) == current  # nothing written
            else:
                published = store.publish(reviewer, claim_id, expected=version, reason="approve")
                assert published.state is ClaimState.PUBLISHED
                editors = set()  # a new publication: the next version needs eyes other than its own editors'
    store.engine.dispose()


def test_a_reviewer_who_edited_before_someone_else_may_not_approve_the_later_version(store_url: str) -> None:
    """The case the last editor alone misses: Rita edits, Otto edits after her, Rita approves."""
    store = Store(store_url)
    store.import_bundle(DATA, "seed", "seed")
    rita, otto, rolf = PEOPLE[2], PEOPLE[1], PEOPLE[3]
    current = store.stored_claim(SEED_CLAIM)
    mine = store.save_claim(rita, {**current.document, "statement": "Rita's wording."}, expected=1, reason="x")
    theirs = store.save_claim(
        otto, {**mine.document, "analyst_note": "Otto's note."}, expected=mine.version, reason="y"
    )
    assert theirs.lifecycle.edited_by == otto.subject
    with pytest.raises(NotAllowedError, match=r"their own edit \(drafted or edited since its last publication\)"):
        store.publish(rita, SEED_CLAIM, expected=theirs.version, reason="fine")
    published = store.publish(rolf, SEED_CLAIM, expected=theirs.version, reason="checked")
    assert published.state is ClaimState.PUBLISHED
    again = store.save_claim(
        otto, {**published.document, "analyst_note": "Later."}, expected=published.version, reason="z"
    )
    assert store.publish(rita, SEED_CLAIM, expected=again.version, reason="ok").state is ClaimState.PUBLISHED
