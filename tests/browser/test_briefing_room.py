"""A briefing as a room sees it, checked on every step of the story at every screen a briefer uses.

For each step at 1920×1080, 1280×720 and two phones (390×844, 358×760): the key is shown and names what the step
draws (each front layer, the ringed claims), the places the caption names are labelled where the room can read
them, no two pieces of map text (place and region labels, area badges, count pills) overlap, every symbol's text
stays inside it, and the step's view is kept rather than zoomed out to fit. On a phone each group also reads as
what it is (`group_problems`): a count of claims beside the claims sign, or the numbers of the claims it holds,
never a bare number that could be a claim's "#23", and no area badge lies under a control or the date box.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Frame, expect

from geo.model.stories import Story, StoryStep, places_named
from geo.reading.dataset import Dataset, load_dataset
from geo.time.timeline import latest_snapshots
from tests.browser.conftest import ARTIFACTS, Visit, on_screens
from tests.browser.test_briefing import STORY, wait_for_step
from tests.conftest import DATA

SIZES = {"1080p": (1920, 1080, False), "720p": (1280, 720, False), "phone": (390, 844, True)}
ROOMS = SIZES | {"phone-358": (358, 760, True)}  # the narrowest phone too, where groups are most crowded
NUMBERS = re.compile(r"#\d+( #\d+)*( \+\d+)?")  # claims' numbers, "#24 #27 +6": the last a count of the rest
# A group's name, by language: how many claims it holds, said as a count of claims.
COUNT_NAMES = {"en": re.compile(r"\b(\d+) claims?\b"), "uk": re.compile(r"\b(\d+) заяв(а|и)?\b")}
SLACK_PX = 1.0  # boxes are measured in fractions of a pixel; text that shares a pixel row does not overlap

MEASURE_JS = """() => {
  const container = KurskMap.map.getContainer();
  const origin = container.getBoundingClientRect();
  const box = (element) => {
    const rect = element.getBoundingClientRect();
    return { left: rect.left - origin.left, top: rect.top - origin.top, right: rect.right - origin.left,
      bottom: rect.bottom - origin.top };
  };
  const labels = Array.from(container.querySelectorAll(".kcm-place-label > span, .kcm-region-label > span"))
    .filter((span) => getComputedStyle(span).visibility !== "hidden" && span.getClientRects().length > 0)
    .map((span) => Object.assign(box(span), { text: span.textContent, kind: "label" }));
  const symbols = Array.from(container.querySelectorAll(".kcm-symbol")).map((element) => {
    const span = element.firstElementChild;
    const range = document.createRange();
    range.selectNodeContents(span);
    const text = range.getBoundingClientRect();
    const kind = span.classList.contains("kcm-area-badge") ? "badge"
      : span.classList.contains("kcm-cluster-symbol") ? "pill" : "marker";
    return Object.assign(box(span), { text: span.textContent, kind,
      stressed: span.classList.contains("kcm-stressed"), counted: Boolean(span.querySelector(".kcm-count-sign")),
      name: element.getAttribute("aria-label") || "",
      textBox: { left: text.left - origin.left, top: text.top - origin.top, right: text.right - origin.left,
        bottom: text.bottom - origin.top } });
  });
  const controls = Array.from(container.querySelectorAll(".leaflet-control, .kcm-date-box"))
    .filter((element) => element.getClientRects().length > 0)
    .map((element) => Object.assign(box(element), { text: element.className }));
  return { labels, symbols, controls, size: [container.clientWidth, container.clientHeight],
    zoom: KurskMap.map.getZoom() };
}"""


def overlap(a: dict, b: dict) -> bool:
    return (
        a["left"] + SLACK_PX < b["right"]
        and b["left"] + SLACK_PX < a["right"]
        and a["top"] + SLACK_PX < b["bottom"]
        and b["top"] + SLACK_PX < a["bottom"]
    )


def on_screen(item: dict, size: list[int]) -> bool:
    return item["right"] > 0 and item["bottom"] > 0 and item["left"] < size[0] and item["top"] < size[1]


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset(DATA)


@pytest.fixture(scope="module")
def story(bundled: Dataset) -> Story:
    return bundled.stories[STORY]


def key_words(step: StoryStep, data: Dataset) -> list[str]:
    """What the key must name for a step: each front layer it draws, and the ringed claims if it rings any."""
    latest = latest_snapshots(data.fronts, step.as_of)
    words = [latest[layer].label for layer in step.layers if layer in latest]
    return words + (["ringed: the claims this step is about"] if step.highlight else [])


def map_text_problems(measured: dict, named: list[str]) -> list[str]:
    """Every overlap between two pieces of map text, text outside its symbol, and a named place left unlabelled."""
    size = measured["size"]
    labels = [item for item in measured["labels"] if on_screen(item, size)]
    symbols = [item for item in measured["symbols"] if on_screen(item, size)]
    texts = labels + [item for item in symbols if item["kind"] in ("badge", "pill")]
    problems = [
        f"{a['kind']} '{a['text']}' overlaps {b['kind']} '{b['text']}'"
        for index, a in enumerate(texts)
        for b in texts[index + 1 :]
        if overlap(a, b)
    ]
    problems += [
        f"{symbol['kind']} '{symbol['text']}' covers label '{label['text']}'"
        for label in labels
        for symbol in symbols
        if symbol["kind"] == "marker" and overlap(label, symbol)
    ]
    for symbol in symbols:
        text, outer = symbol["textBox"], symbol
        if text["left"] < outer["left"] - 0.5 or text["right"] > outer["right"] + 0.5:
            problems.append(f"the text of {symbol['kind']} '{symbol['text']}' runs out of it")
    shown = {label["text"].removesuffix(" (approx.)") for label in labels}
    problems += [f"the caption names {name}, which has no label in sight" for name in named if name not in shown]
    return problems


def group_problems(measured: dict, language: str = "en") -> list[str]:
    """On a phone, each group (area badge, count pill) in sight read as a count or as claims' numbers, never as a
    bare number: a count beside the claims sign, named as so many claims; numbers each with their "#". No area
    badge (which finds its own point) lies under a control or the date box."""
    size = measured["size"]
    groups = [item for item in measured["symbols"] if item["kind"] in ("badge", "pill") and on_screen(item, size)]
    problems = []
    for group in groups:
        text, name = group["text"].strip(), group["name"]
        said = COUNT_NAMES[language].search(name)
        if group["counted"] and not (text.isdigit() and said and said.group(1) == text):
            problems.append(f"{group['kind']} '{text}' is not a count its name says ({name!r})")
        if not group["counted"] and not NUMBERS.fullmatch(text):
            problems.append(f"{group['kind']} '{text}' reads as neither a count of claims nor claims' numbers")
    problems += [
        f"badge '{group['text']}' lies under {control['text']}"
        for group in groups
        if group["kind"] == "badge"
        for control in measured["controls"]
        if overlap(group, control)
    ]
    return problems


def named_in_sight(frame: Frame, named: list[str], data: Dataset) -> list[str]:
    """The named places whose point is on the map's screen, clear of its edges (a label needs room)."""
    places = {place.name: place for place in data.places.values()}
    return [
        name
        for name in named
        if frame.evaluate(
            """([lat, lon]) => { const p = KurskMap.map.latLngToContainerPoint([lat, lon]);
                const s = KurskMap.map.getSize(); return p.x > 60 && p.y > 40 && p.x < s.x - 60 && p.y < s.y - 40; }""",
            [places[name].lat, places[name].lon],
        )
    ]


@on_screens(ROOMS)
def test_every_step_shows_its_key_and_keeps_its_map_text_apart(
    screen: tuple[str, Visit], story: Story, bundled: Dataset
) -> None:
    name, visit = screen
    frame = visit.open(f"?mode=brief&story={STORY}&step=1")
    problems: dict[int, list[str]] = {}
    for number, step in enumerate(story.steps, start=1):
        if number > 1:
            visit.page.keyboard.press("ArrowRight")
        wait_for_step(visit, frame, number)
        frame.wait_for_function("KurskMap.map.getContainer().dataset.kcmLabelsPending === '0'")
        phone = ROOMS[name][2]
        key = visit.page.locator(".st-key-brief-key") if phone else frame.locator(".kcm-key")
        expect(key).to_be_visible()
        for words in key_words(step, bundled):
            expect(key).to_contain_text(words)
        measured = frame.evaluate(MEASURE_JS)
        assert measured["zoom"] >= step.view.zoom - 1, f"step {number} zoomed out to {measured['zoom']}"
        named = named_in_sight(frame, places_named(step.caption, bundled.places.values()), bundled)
        found = map_text_problems(measured, named) + (group_problems(measured) if phone else [])
        if found:
            problems[number] = found
        visit.page.screenshot(path=ARTIFACTS / f"brief-room-{name}-step-{number}.png")
    assert problems == {}
    visit.assert_clean()
