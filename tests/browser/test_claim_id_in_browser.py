"""A claim written in Russian gets a readable id when the analyst types none, as a person saves it in the form."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from geo.store import Store
from geo.workflow.lifecycle import ClaimState
from tests.browser.claim_form import choose, new_claim, type_into
from tests.browser.conftest import make_visit, running_app, seeded_store

STATEMENT = "Суджа взята ВСУ: подъём флага над администрацией"
MADE_ID = "sudzha-vzyata-vsu-podem-flaga-nad-administratsiey"


def test_a_claim_in_cyrillic_saved_without_an_id_is_stored_under_its_words_in_ascii(
    browser: Browser, tmp_path: Path
) -> None:
    url = seeded_store(tmp_path)
    with running_app(store_url=url) as base:
        analyst = make_visit(browser, base, 1400, 1000)
        analyst.open("?date=2025-02-10")
        page = analyst.page
        day = "2024-08-08"
        dialog = new_claim(page, STATEMENT, reported=day, about=(day, day), category="territorial")
        choose(dialog, page, "Place (type to search)", "Sudzha")
        type_into(dialog, "Why this change", "SOF statement, 8 August")
        dialog.get_by_role("button", name="Save draft").click()
        expect(page.get_by_role("dialog")).to_have_count(0, timeout=20_000)
        stored = Store(url).stored_claim(MADE_ID)
        assert stored.state is ClaimState.DRAFT
        assert stored.document["statement"] == STATEMENT
        analyst.assert_clean()
        analyst.page.close()
