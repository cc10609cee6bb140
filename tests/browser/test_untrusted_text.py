"""A claim whose text is an HTML attack stays text in the panel, the tooltip and the popup."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Frame, expect

from components.escaping import WORD_JOINER
from geo.reading.dataset import load_dataset
from geo.store import Store
from geo.workflow.roles import Actor, Role
from tests.browser.conftest import DOWNLOAD_MS, TILE_HOSTS, Visit, make_visit, running_app, seeded_store
from tests.browser.poisoned_data import CLAIM_DATE, claim_id, poison
from tests.conftest import DATA, valid_claim, write_claims
from tests.hostile_text import hostile_string

ATTACK = '<img src=x onerror="window.parent.__pwned=1;alert(1)">'
ANALYST = Actor("ana@example.org", "Ana Analyst", Role.ANALYST)


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir: Path = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(DATA, data_dir)
    write_claims(
        data_dir,
        [
            valid_claim(
                id="hostile-claim",
                statement=f"Troops seen {ATTACK}",
                analyst_note=f"Because {ATTACK}; ask spy@evil.example or see www.evil.example and https://evil.example",
                override={"confidence": "Low", "rationale": f"Overridden because {ATTACK}"},
                reports=[
                    {
                        "outlet": "bbc",
                        "date": "2025-01-31",
                        "url": "https://www.bbc.com/news",
                        "via": f"<script>window.__pwned=2</script>{ATTACK}",
                    }
                ],
            ),
            valid_claim(
                id="hostile-refused",
                category=f"gossip {ATTACK}",
                reports=[{"outlet": "bbc", "date": "2025-01-31", "url": "www.evil.example/steal"}],
            ),
        ],
    )
    with running_app(data_dir) as url:
        yield url


def test_no_script_from_claim_text_runs(browser: Browser, hostile_app: str) -> None:
    visit: Visit = make_visit(browser, hostile_app)
    frame = visit.open("?date=2025-01-31&claim=hostile-claim")
    marker = frame.locator(".kcm-symbol .kcm-claim").first
    marker.hover()
    expect(frame.locator(".kcm-tooltip")).to_contain_text("<img src=x")
    marker.click()
    expect(frame.locator(".kcm-popup")).to_contain_text('onerror="window.parent.__pwned=1')
    selected = visit.page.locator("[class*='st-key-claim-selected-']")
    expect(selected).to_contain_text("Troops seen <img src=x onerror=")
    expect(selected).to_contain_text("Overridden because <img src=x")
    for where in (visit.page, frame):  # every image loaded or failed: an injected one's onerror would have run
        where.wait_for_function("[...document.images].every((image) => image.complete)")
    assert visit.page.evaluate("window.__pwned") is None
    assert frame.evaluate("window.__pwned") is None
    assert frame.locator("img[src='x']").count() == 0
    assert visit.page.locator("img[src='x']").count() == 0
    expect(selected).to_contain_text("spy@⁠evil.example")  # shown as words, never as links
    assert visit.page.locator("a[href*='evil.example']").count() == 0
    visit.assert_clean()
    visit.page.close()


def test_a_hostile_value_quoted_in_the_data_health_note_stays_text(browser: Browser, hostile_app: str) -> None:
    visit: Visit = make_visit(browser, hostile_app)
    visit.open("?date=2025-01-31")
    visit.page.get_by_text("Data health: 1 record not loaded").click()
    cell = visit.page.locator('[data-testid="stDataFrame"] td[role="gridcell"]', has_text="www.evil.example/steal")
    expect(cell).to_have_count(1)
    assert visit.page.locator("a[href*='evil.example']").count() == 0
    assert visit.page.locator("img[src='x']").count() == 0
    assert visit.page.evaluate("window.__pwned") is None
    visit.assert_clean()
    visit.page.close()


# Hostile text in every text field of the data (tests/browser/poisoned_data.py), on every route to the page.


def shown_as_written(page_text: str, given: str) -> bool:
    """Whether `given` is on the page as written: Markdown shows a line break as a space, a word joiner keeps
    an address a word, and the browser collapses runs of spaces."""

    def words(text: str) -> str:
        return " ".join(text.replace(WORD_JOINER, "").split())

    return words(given) in words(page_text)


def assert_nothing_ran_or_left(visit: Visit, *frames: Frame) -> None:
    """No payload ran (in the page or the map), nothing was asked of another host, no markup came from data."""
    for where in (visit.page, *frames):
        assert where.evaluate("window.__pwned") is None
        assert where.locator("img[src='x'], img[src*='evil'], svg[onload]").count() == 0
        assert where.locator("a[href*='evil.example'], a[href^='javascript']").count() == 0
    assert visit.outside_requests == [] or all(any(h in u for h in TILE_HOSTS) for u in visit.outside_requests)
    visit.assert_clean()


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return poison(tmp_path_factory.mktemp("poisoned") / "data")


@pytest.fixture(scope="module")
def poisoned_app(poisoned: Path) -> Iterator[str]:
    with running_app(poisoned) as url:
        yield url


def test_hostile_text_in_every_field_stays_text_on_the_map_and_the_page(
    browser: Browser, poisoned: Path, poisoned_app: str
) -> None:
    """Layer names in Leaflet's layer control, region and place labels, tooltips, popups, the card, a link's tooltip."""
    data = load_dataset(poisoned)
    visit = make_visit(browser, poisoned_app)
    frame = visit.open(f"?date={CLAIM_DATE}&claim={claim_id(0)}")
    control = frame.locator(".leaflet-control-layers")
    control.hover()
    expect(frame.locator(".leaflet-control-layers-expanded")).to_have_count(1)
    listed = frame.locator(".leaflet-control-layers-list").inner_text()
    labels = {snapshot.label for snapshot in data.fronts}
    assert labels and all(shown_as_written(listed, label) for label in labels), listed
    regions = frame.locator(".kcm-region-label").all_text_contents()
    assert sorted(regions) == sorted(feature["properties"]["name"] for feature in data.regions["features"])
    place_names = {place.name for place in data.places.values()}
    places = frame.locator(".kcm-place-label").all_text_contents()
    assert places and all(text.removesuffix(" (approx.)") in place_names for text in places)

    statements = [claim.statement for claim in data.claims]
    marker = frame.locator(".kcm-symbol .kcm-claim").first
    marker.hover()
    tooltip = frame.locator(".kcm-tooltip").inner_text()
    assert any(shown_as_written(tooltip, statement) for statement in statements), tooltip
    marker.click()
    popup = frame.locator(".kcm-popup").inner_text()
    assert any(shown_as_written(popup, statement) for statement in statements), popup

    card = visit.page.locator("[class*='st-key-claim-selected-']")
    expect(card).to_be_visible()
    first = data.by_id[claim_id(0)]
    card_text = card.inner_text()
    for given in (first.statement, first.analyst_note, first.override.rationale, data.sources["bbc"].name):
        assert shown_as_written(card_text, given), given
    link = card.get_by_role("button", name=f"#{data.numbers[claim_id(1)]}", exact=True)
    link.hover()
    help_text = visit.page.get_by_test_id("stTooltipContent")
    expect(help_text).to_be_visible()
    assert shown_as_written(help_text.inner_text(), data.by_id[claim_id(1)].statement)
    assert_nothing_ran_or_left(visit, frame)
    visit.page.close()


def test_the_exported_file_keeps_hostile_layer_names_as_text(
    browser: Browser, poisoned: Path, poisoned_app: str, tmp_path: Path
) -> None:
    """The export inlines the map and its layer control: downloaded from the page and opened, the names are
    text there too, and the file asks nothing of another host."""
    data = load_dataset(poisoned)
    app = make_visit(browser, poisoned_app)
    app.open(f"?date={CLAIM_DATE}&claim={claim_id(0)}")
    app.page.get_by_text("Share and export").click()
    with app.page.expect_download(timeout=DOWNLOAD_MS) as download_info:
        app.page.get_by_role("button", name="Map (HTML)").click()
    saved = tmp_path / "export.html"
    download_info.value.save_as(saved)
    app.page.close()
    visit = make_visit(browser, "file:///")  # files load; a request to any host is blocked and counted
    visit.page.goto(saved.as_uri())
    visit.page.wait_for_function("window.KurskMap && KurskMap.state && KurskMap.state.date")
    visit.page.locator(".leaflet-control-layers").hover()
    listed = visit.page.locator(".leaflet-control-layers-list").inner_text()
    assert all(shown_as_written(listed, snapshot.label) for snapshot in data.fronts), listed
    aside = visit.page.locator("aside").inner_text()
    assert shown_as_written(aside, data.by_id[claim_id(0)].statement)
    assert_nothing_ran_or_left(visit)
    visit.page.close()


def test_a_reviewer_sees_a_hostile_edit_as_text_in_the_review_queue(
    browser: Browser, poisoned: Path, tmp_path: Path
) -> None:
    """The queue's table renders Markdown: an analyst's edit can neither load an image nor pass as formatting."""
    url = seeded_store(tmp_path, poisoned)
    store = Store(url)
    current = store.stored_claim(claim_id(2))
    edits = {"statement": hostile_string("edited statement", 3), "analyst_note": hostile_string("edited note", 8)}
    store.save_claim(
        ANALYST, {**current.document, **edits}, expected=current.version, reason="new wording", submit=True
    )
    with running_app(store_url=url, env_extra={"KURSK_MAP_LOCAL_ROLE": "reviewer"}) as base:
        visit = make_visit(browser, base)
        frame = visit.open(f"?date={CLAIM_DATE}")
        table = visit.page.get_by_test_id("stTable")
        expect(table).to_have_count(1)
        cells = table.inner_text()
        for given in (*edits.values(), current.document["statement"], current.document["analyst_note"]):
            assert shown_as_written(cells, given), given
        assert table.locator("img, a, strong, em, del, h1, code").count() == 0

        visit.page.get_by_role("button", name="New claim").click()  # the claim form lists sources by name
        dialog = visit.page.get_by_role("dialog")
        dialog.get_by_role("combobox", name="Claimant — who claims it").click()
        options = visit.page.get_by_role("option")
        expect(options.first).to_be_visible()
        listed = " ".join(options.all_inner_texts())
        names = [source.name for source in load_dataset(poisoned).sources.values()]
        shown = [name for name in names if shown_as_written(listed, name)]
        assert len(shown) >= min(len(names), 5), listed  # the list may show the first few only
        assert dialog.locator("img, svg[onload]").count() == 0
        assert_nothing_ran_or_left(visit, frame)
        visit.page.close()
