"""A claim whose text is an HTML attack stays text in the panel, the tooltip and the popup."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import Visit, make_visit, running_app
from tests.conftest import DATA, valid_claim, write_claims

ATTACK = '<img src=x onerror="window.parent.__pwned=1;alert(1)">'


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
    visit.page.wait_for_timeout(500)
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
    visit.page.get_by_text("Data health: 1 record(s) not loaded").click()
    cell = visit.page.locator('[data-testid="stDataFrame"] td[role="gridcell"]', has_text="www.evil.example/steal")
    expect(cell).to_have_count(1)
    assert visit.page.locator("a[href*='evil.example']").count() == 0
    assert visit.page.locator("img[src='x']").count() == 0
    assert visit.page.evaluate("window.__pwned") is None
    visit.assert_clean()
    visit.page.close()
