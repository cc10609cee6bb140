"""A role taken away while a page is open: the buttons drawn for the old role are still there, but the store
reads the role again inside each write and refuses it, and the page says so. An analyst's open claim form
and a reviewer's open review queue are demoted by the store's grant (what `python -m geo.store grant` does for
a signed-in person; here for the subjects the two apps without sign-in write as), then used."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from geo.store import Store
from geo.workflow.lifecycle import ClaimState
from geo.workflow.roles import Actor, Role
from tests.browser.conftest import apps_by_role, make_visit, seeded_store

SEED_CLAIM = "nk-absent-kursk-front-three-weeks"
OTHER_ANALYST = Actor("otto@example.org", "Otto Analyst", Role.ANALYST)


@pytest.fixture
def team(tmp_path: Path) -> Iterator[tuple[dict[str, str], str]]:
    url = seeded_store(tmp_path)
    store = Store(url)
    current = store.stored_claim(SEED_CLAIM)
    edited = {**current.document, "analyst_note": "Otto: checked the SOF statement."}
    store.save_claim(OTHER_ANALYST, edited, expected=current.version, reason="note", submit=True)
    store.engine.dispose()
    with apps_by_role(url, ("analyst", "reviewer")) as bases:
        yield bases, url


def test_buttons_drawn_before_a_role_was_revoked_write_nothing(
    browser: Browser, team: tuple[dict[str, str], str]
) -> None:
    bases, url = team
    reviewer = make_visit(browser, bases["reviewer"], 1400, 1000)
    reviewer.open("?date=2025-02-10")
    expect(reviewer.page.get_by_text("Waiting for review (1)")).to_be_visible(timeout=20_000)
    analyst = make_visit(browser, bases["analyst"], 1400, 1000)
    analyst.open(f"?date=2025-01-31&claim={SEED_CLAIM}")
    analyst.page.get_by_role("button", name="Edit").click()
    dialog = analyst.page.get_by_role("dialog")
    expect(dialog).to_be_visible()

    store = Store(url)
    store.grant(None, "local reviewer", Role.ANALYST, reason="steps down as reviewer")
    store.grant(None, "local analyst", Role.VIEWER, reason="left the team")
    before = store.stamp()

    reviewer.page.get_by_label("Why (kept in the history)").fill("Checked against the BBC report")
    reviewer.page.get_by_label("Why (kept in the history)").press("Tab")
    reviewer.page.get_by_role("button", name="Publish").click()
    expect(reviewer.page.get_by_text("Not done: As analyst, you may not publish.")).to_be_visible(timeout=20_000)
    field = dialog.get_by_label("Why this change")
    field.fill("my wording")
    field.press("Tab")
    dialog.get_by_role("button", name="Save draft").click()
    expect(dialog.get_by_text("As viewer, you may not add or edit claims, sources or places.")).to_be_visible(
        timeout=20_000
    )

    assert store.stamp() == before  # nothing written, nothing logged
    assert store.stored_claim(SEED_CLAIM).state is ClaimState.REVIEW
    for visit in (reviewer, analyst):
        visit.assert_clean()
        visit.page.close()
