"""Stories for briefings: ordered steps, each a date, a map view, layers and cited claims.

Stories are data (data/stories/*.yaml) and are validated like claims: a bad step is
reported with file, story and step, and the story is left out rather than shown half-wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from pydantic import Field

from geo.language.languages import Language
from geo.model.issues import DataIssue
from geo.model.records import Claim, IsoDate, Point, RecordId, Strict
from geo.reading.bundle import Bundle, file_name
from geo.reading.loading import Place, document_of, record_name, validated
from geo.time.timeline import is_visible

BASE_OVERLAYS = ("regions", "border", "places", "analysis", "claims")
"""Map overlays every story may switch; front layers are named by their data ids."""


class MapView(Point):
    zoom: int = Field(ge=6, le=14)


class StepWords(Strict):
    """What a step says: its title, caption and speaker notes, in one language."""

    title: str = Field(min_length=1, max_length=80)
    caption: str = Field(min_length=1, max_length=420)
    notes: str = Field(default="", max_length=2000)
    """What the presenter may say beyond the caption: shown on the presenter's window, never to the room."""


class StoryStep(StepWords):
    """One slide: what to say, as of when, where to look and which claims back it. Its title and caption are
    written in English; `translations` may give them in the interface's other languages."""

    as_of: IsoDate
    view: MapView
    layers: list[str] = Field(min_length=1)
    highlight: list[RecordId] = Field(default_factory=list)
    cites: list[RecordId] = Field(min_length=1)
    translations: dict[Literal["uk", "ru"], StepWords] = Field(default_factory=dict)

    def words_in(self, language: Language) -> StepWords:
        """The title, caption and notes in the reader's language when the story has them, else the English; a
        translation without notes keeps the English notes, as a presenter is better told something than nothing."""
        english = StepWords(title=self.title, caption=self.caption, notes=self.notes)
        said = next((words for code, words in self.translations.items() if code == language.value), english)
        return said if said.notes or not self.notes else said.model_copy(update={"notes": self.notes})


class StoryWords(Strict):
    """A story's title and summary, in one language."""

    title: str = Field(min_length=1)
    summary: str = ""


class Story(StoryWords):
    id: RecordId
    steps: list[StoryStep] = Field(min_length=2, max_length=20)
    translations: dict[Literal["uk", "ru"], StoryWords] = Field(default_factory=dict)

    def words_in(self, language: Language) -> StoryWords:
        """The title and summary in the reader's language when the story has them, else the English."""
        english = StoryWords(title=self.title, summary=self.summary)
        return next((words for code, words in self.translations.items() if code == language.value), english)


REGION_WORDS = r"\s+(?:[Oo]blast|[Rr]egion|област|обл\.)"
"""A town's name followed by one of these names its region ("Kursk Oblast"), not the town."""


def places_named(text: str, places: Iterable[Place]) -> list[str]:
    """The places a caption names, by any of their names, as whole words: the map keeps their labels in sight."""
    found = []
    for place in places:
        names = [name for name in (place.name, place.name_ru) if name]
        if any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)(?!{REGION_WORDS})", text) for name in names):
            found.append(place.name)
    return sorted(found)


REPORTED_LATER = "reported later"
"""Words a caption must use to cite a claim first reported after the step's date."""


def step_problems(step: StoryStep, claims: dict[str, Claim], layers: set[str]) -> list[str]:
    """What a step names that does not exist, highlights that its date would not show, or cites
    from the future without saying so."""
    problems = [
        f"unknown layer '{layer}' (known: {', '.join(sorted(layers))})" for layer in step.layers if layer not in layers
    ]
    problems += [f"cites unknown claim '{claim_id}'" for claim_id in step.cites if claim_id not in claims]
    if REPORTED_LATER not in step.caption.lower():  # the English says so; a translation says it its own way
        problems += [
            f"cites '{claim_id}', first reported on {claims[claim_id].first_reported}, after the step's date "
            f"{step.as_of} (say '{REPORTED_LATER}' in the caption, or cite what was known then)"
            for claim_id in step.cites
            if claim_id in claims and claims[claim_id].first_reported > step.as_of
        ]
    for claim_id in step.highlight:
        if claim_id not in claims:
            problems.append(f"highlights unknown claim '{claim_id}'")
        elif not is_visible(claims[claim_id], step.as_of):
            problems.append(f"highlights '{claim_id}', which is not on the map on {step.as_of}")
    return problems


def load_stories(
    bundle: Bundle, claims: Iterable[Claim], front_layers: Iterable[str], issues: list[DataIssue]
) -> dict[str, Story]:
    """Every valid story of the bundle's stories/ folder; each broken one becomes an issue naming its step."""
    by_id = {claim.id: claim for claim in claims}
    layers = set(BASE_OVERLAYS) | set(front_layers)
    stories: dict[str, Story] = {}
    for story_file in bundle.in_folder("stories", ".yaml"):
        file = file_name(story_file)
        raw = document_of(bundle, story_file, issues)
        story = validated(Story, raw, file, record_name(raw, 0), issues)
        if story is None:
            continue
        problems = [
            f"step {number}: {problem}"
            for number, step in enumerate(story.steps, start=1)
            for problem in step_problems(step, by_id, layers)
        ]
        if story.id in stories:
            problems.append("duplicate story id")
        if problems:
            issues.append(DataIssue(file, story.id, "; ".join(problems)))
            continue
        stories[story.id] = story
    return stories
