"""The briefing's language switch as a briefer reaches it: in sight at every screen a briefing is shown on, under
no other box, and turning the step's caption and the map's key to the language chosen."""

from __future__ import annotations

import pytest
import yaml
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, Visit, on_screens
from tests.browser.test_briefing import STORY
from tests.browser.test_briefing_room import SIZES
from tests.conftest import DATA

HIT_JS = """() => {
  const element = document.querySelector('.st-key-language');
  const box = element.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return { inside: element.contains(hit), box: [box.left, box.top, box.right, box.bottom],
    width: innerWidth, height: innerHeight };
}"""
KEY_RINGED = {"uk": "в кільці: заяви, про які цей крок", "ru": "в кольце: заявления, о которых этот шаг"}
NATIVE = {"uk": "Українська", "ru": "Русский"}
NAV_NAMES = {
    "uk": {"name_first": "На початок", "name_last": "В кінець"},
    "ru": {"name_first": "В начало", "name_last": "В конец"},
}
NAVIGATION_JS = """() => [...document.querySelectorAll('.st-key-brief-nav button')]
  .map(button => button.getBoundingClientRect()).filter(box => box.width > 0)
  .map((box, index) => [index, box.left, box.right, innerWidth])"""


@pytest.mark.parametrize("language", ["uk", "ru"])
@on_screens(SIZES)
def test_the_switch_is_in_reach_and_turns_caption_and_key(screen: tuple[str, Visit], language: str) -> None:
    name, visit = screen
    step = yaml.safe_load((DATA / "stories" / "nk_troops_kursk.yaml").read_text())["steps"][2]
    frame = visit.open(f"?mode=brief&story={STORY}&step=3")
    expect(visit.page.locator(".st-key-brief-caption h2")).to_have_text(step["title"], timeout=30_000)
    switch = visit.page.locator(".st-key-language")
    expect(switch).to_be_visible()
    hit = visit.page.evaluate(HIT_JS)
    assert hit["inside"], f"something covers the language switch at {name}: {hit}"
    left, top, right, bottom = hit["box"]
    assert left >= 0 and top >= 0 and right <= hit["width"] and bottom <= hit["height"], hit
    switch.get_by_text(NATIVE[language], exact=True).click()
    expect(visit.page.locator(".st-key-brief-caption h2")).to_have_text(
        step["translations"][language]["title"], timeout=15_000
    )
    key = visit.page.locator(".st-key-brief-key") if name == "phone" else frame.locator(".kcm-key")
    expect(key).to_contain_text(KEY_RINGED[language], timeout=15_000)
    visit.page.wait_for_url(f"**lang={language}**")
    visit.page.screenshot(path=ARTIFACTS / f"brief-language-{name}-{language}.png")
    buttons = visit.page.evaluate(NAVIGATION_JS)
    assert len(buttons) == 5 and all(left >= 0 and right <= width for _, left, right, width in buttons), buttons
    for name_of_button in ("name_first", "name_last"):  # a button shown by its icon alone still has its name
        expect(visit.page.get_by_role("button", name=NAV_NAMES[language][name_of_button])).to_have_count(1)
