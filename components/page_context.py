"""What one run of the page shows, built once at its top (page.py) and handed down to every part.

Like the request object a web framework hands each view, the context carries what a part needs — the shown
data and its grades, the key that names them, the store and who is at the page, the parsed link — so no
part goes back up to a cache or a global to find them. It is frozen: a part reads it and never changes it.
Values the page derives from the data (the timeline, the map's payload, grades on a date, overlays) come
through its methods from the page's one cache layer (components.cache), keyed on that key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from components import cache
from components.map.overlays import FrontHistory
from components.map.payload import Extension, MapBase, MapData
from geo.grading.rule import Grade
from geo.language.words import Words
from geo.publishing import links
from geo.publishing.public_dataset import load_for_page
from geo.reading.dataset import Dataset
from geo.reading.source import PUBLISHED, WORKING, DataKey, graded_source
from geo.store import Store
from geo.workflow.roles import Action, Actor


@dataclass(frozen=True, kw_only=True)
class PageContext:
    """The shown data and who is looking at it, for one run of the page."""

    key: DataKey
    """Names the shown data and changes whenever it does: a folder, or a store's edition at its change stamp —
    WORKING for analysts and reviewers (drafts and claims in review too), PUBLISHED for viewers."""
    dataset: Dataset
    grades: Mapping[str, Grade]
    """Today's grade of every claim."""
    store: Store | None
    """The store to write to, or None (a folder previewed, or a stand-in while the store is away)."""
    actor: Actor
    link: links.ParsedView
    """What the page's address asked for, and what of it was ignored and why."""
    words: Words
    """The reader's language: every sentence the page writes goes through it."""

    @property
    def view(self) -> links.View:
        return self.link.view

    def timeline(self) -> list[dt.date]:
        """The dates the slider steps through."""
        return cache.timeline(self.key)

    def map_data(self) -> MapData:
        """The map's payload and parts for the data shown now."""
        return cache.map_data(self.key)

    def front_history(self) -> FrontHistory:
        return cache.front_history(self.key)

    def grades_on(self, on: dt.date, known_then: bool) -> Mapping[str, Grade]:
        """The grades shown on a date: as they stood then (only what was reported by then counts), or today's."""
        return cache.grades_known_on(self.key, on) if known_then else self.grades

    def map_extension(self, base: MapBase, shown_grades: Mapping[str, Grade]) -> Extension:
        """How a map built from `base` extends to the data shown now: the same for every page opened before the
        change, so worked out once per pair of keys."""
        return cache.cached_extension(base.key, self.key, base, self.dataset, shown_grades)

    def overlay(
        self, on: dt.date, compare: bool, show_change: bool, pair: tuple[str, str] | None = None
    ) -> tuple[dict[str, Any] | None, list[str]]:
        """The analysis overlay on a date and the sentences that count it; Compare sets `pair` side by side
        when it is one the data has, else the first it has (mapsite against the ISW-implied area)."""
        pairs = self.front_history().pairs() if compare else []
        compared = (pair if pair in pairs else pairs[0]) if pairs else None
        return cache.overlay(self.key, on, compared, show_change, self.words.language)


def edition_for(actor: Actor) -> str:
    """Analysts and reviewers work on every claim's newest version; everyone else sees what was published."""
    return WORKING if actor.may(Action.DRAFT) else PUBLISHED


def page_context(
    key: DataKey, *, store: Store | None, actor: Actor, link: links.ParsedView, words: Words
) -> PageContext:
    """The context for a key: its data and today's grades come from geo's per-process caches (shared with
    the feed), loaded once per change of the data."""
    return PageContext(
        key=key,
        dataset=load_for_page(key),
        grades=graded_source(key),
        store=store,
        actor=actor,
        link=link,
        words=words,
    )
