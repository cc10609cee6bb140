"""Analysts keep the map as people do: one adds a claim by clicking the map, a reviewer publishes it,
and a viewer's open page shows it without a reload; two analysts editing one claim never overwrite
each other; a viewer finds no way to write.

Three copies of the app share one store, as a team's would: the analysts' (the default, no sign-in),
a reviewer's and a read-only one for viewers (KURSK_MAP_LOCAL_ROLE).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from geo.store import Store
from geo.workflow.lifecycle import ClaimState
from tests.browser.claim_form import choose, new_claim, type_into
from tests.browser.conftest import ARTIFACTS, apps_by_role, make_visit, seeded_store

STATEMENT = "Ukrainian special forces reported North Korean troops back near the front on 7 February."
NEW_ID = "ukrainian-special-forces-reported-north-korean-troops-back-n"
SEED_CLAIM = "nk-absent-kursk-front-three-weeks"


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, str], str]]:
    """One team for the module: each test writes to a claim of its own (a new one, or the seed claim's note)."""
    url = seeded_store(tmp_path_factory.mktemp("team"))
    with apps_by_role(url, ("analyst", "reviewer", "viewer")) as bases:
        yield bases, url


def test_a_claim_added_on_the_map_is_published_by_a_reviewer_and_reaches_an_open_viewer_page(
    browser: Browser, team: tuple[dict[str, str], str]
) -> None:
    bases, url = team
    viewer = make_visit(browser, bases["viewer"])
    viewer_map = viewer.open("?date=2025-02-10")
    expect(viewer.page.get_by_text("claims", exact=False).first).to_be_visible()
    assert viewer.page.get_by_role("button", name="New claim").count() == 0

    analyst = make_visit(browser, bases["analyst"], 1400, 1000)
    analyst.open("?date=2025-02-10")
    page = analyst.page
    dialog = new_claim(page, STATEMENT, reported="2025-02-07", about=("2025-02-01", "2025-02-07"), category="troop")
    choose(dialog, page, "About — whose forces", "North Korea")
    dialog.get_by_text("A point (click the map or type it)").click()
    picker = dialog.locator("iframe").first.content_frame
    picker.locator(".leaflet-container").wait_for()
    before = dialog.get_by_label("Latitude").input_value()
    box = picker.locator(".leaflet-container").bounding_box()
    assert box is not None
    picker.locator(".leaflet-container").click(position={"x": box["width"] / 2 + 40, "y": box["height"] / 2 - 30})
    expect(dialog.get_by_label("Latitude")).not_to_have_value(before, timeout=20_000)
    type_into(dialog, "Precision radius", "5")
    type_into(dialog, "Why this change", "SOF statement to the BBC, 7 February")
    page.screenshot(path=str(ARTIFACTS / "claim-form.png"), full_page=True)
    dialog.get_by_role("button", name="Save and send for review").click()
    expect(page.get_by_text("saved: in review")).to_be_visible(timeout=20_000)
    expect(page.get_by_role("dialog")).to_have_count(0)
    stored = Store(url).stored_claim(NEW_ID)
    assert stored.state is ClaimState.REVIEW and "point" in stored.document["location"]
    assert stored.lifecycle.entered_by == "local analyst"
    assert Store(url).history("claim", NEW_ID)[0]["reason"] == "SOF statement to the BBC, 7 February"

    reviewer = make_visit(browser, bases["reviewer"], 1400, 1000)
    reviewer.open("?date=2025-02-10")
    queue = reviewer.page.get_by_text("Waiting for review (1)")
    expect(queue).to_be_visible(timeout=20_000)
    reviewer.page.get_by_label("Why (kept in the history)").fill("Checked against the BBC report")
    reviewer.page.get_by_label("Why (kept in the history)").press("Tab")
    reviewer.page.get_by_role("button", name="Publish").click()
    expect(reviewer.page.get_by_text("published.")).to_be_visible(timeout=20_000)

    viewer_map.wait_for_function(f"KurskMap.claims.shownIds().includes('{NEW_ID}')", timeout=30_000)
    assert Store(url).stored_claim(NEW_ID).lifecycle.verified_by == "local reviewer"
    for visit in (viewer, analyst, reviewer):
        visit.assert_clean()
        visit.page.close()


def test_a_viewer_finds_no_way_to_write(browser: Browser, team: tuple[dict[str, str], str]) -> None:
    bases, _ = team
    viewer = make_visit(browser, bases["viewer"])
    viewer.open(f"?date=2025-01-31&claim={SEED_CLAIM}")
    expect(viewer.page.get_by_text("Why this grade")).to_be_visible()
    for name in ("New claim", "Edit", "Publish", "Retract", "Send for review"):
        assert viewer.page.get_by_role("button", name=name).count() == 0, name
    viewer.assert_clean()
    viewer.page.close()


def test_two_analysts_editing_one_claim_see_the_conflict_and_lose_nothing(
    browser: Browser, team: tuple[dict[str, str], str]
) -> None:
    bases, url = team
    pages = []
    for _ in range(2):
        visit = make_visit(browser, bases["analyst"], 1400, 1000)
        visit.open(f"?date=2025-01-31&claim={SEED_CLAIM}")
        visit.page.get_by_role("button", name="Edit").click()
        expect(visit.page.get_by_role("dialog")).to_be_visible()
        pages.append(visit)
    first, second = (visit.page.get_by_role("dialog") for visit in pages)
    type_into(first, "Analyst's note", "First analyst: checked the SOF statement.")
    type_into(first, "Why this change", "note from the first analyst")
    first.get_by_role("button", name="Save draft").click()
    expect(pages[0].page.get_by_role("dialog")).to_have_count(0, timeout=20_000)
    # The second page has seen the store move, and waits with its form open rather than run again under it.
    expect(pages[1].page.get_by_text("the map updates when you close the form")).to_be_visible(timeout=20_000)
    expect(second).to_be_visible()

    type_into(
        second, "Statement — what is claimed", "North Korean troops were not seen on the Kursk front for three weeks."
    )
    type_into(second, "Why this change", "shorter wording")
    second.get_by_role("button", name="Save draft").click()
    expect(second.get_by_text("nothing was saved")).to_be_visible(timeout=20_000)
    expect(second.get_by_text("base (you started from)")).to_be_visible()
    pages[1].page.screenshot(path=str(ARTIFACTS / "claim-conflict.png"), full_page=True)
    second.get_by_role("button", name="Re-apply my changes on their version").click()
    expect(second.get_by_label("Why this change")).to_have_value("shorter wording")
    second.get_by_role("button", name="Save draft").click()
    expect(pages[1].page.get_by_role("dialog")).to_have_count(0, timeout=20_000)

    document = Store(url).stored_claim(SEED_CLAIM).document
    assert document["analyst_note"] == "First analyst: checked the SOF statement."  # theirs kept
    assert document["statement"].startswith("North Korean troops were not seen")  # mine applied
    for visit in pages:
        visit.assert_clean()
        visit.page.close()
