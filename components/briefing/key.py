"""A briefing's key on a phone: the map there is too small to hold one, so the key of what the step shows (its
front layers and whether it rings some claims) stands above the caption. Wider screens show the map's own key."""

from __future__ import annotations

import streamlit as st
from markupsafe import Markup, escape

from geo.language.words import Words
from geo.model.stories import StoryStep
from geo.reading.loading import FrontSnapshot
from geo.time.timeline import latest_snapshots

KEY = "brief-key"


def shown_fronts(step: StoryStep, fronts: list[FrontSnapshot]) -> list[FrontSnapshot]:
    """The front layers the step draws: named in its layers and begun by its date."""
    latest = latest_snapshots(fronts, step.as_of)
    return [latest[layer] for layer in step.layers if layer in latest]


def key_rows(step: StoryStep, fronts: list[FrontSnapshot], words: Words) -> list[Markup]:
    rows = []
    for snapshot in shown_fronts(step, fronts):
        hatched = snapshot.basis == "claimed"
        swatch = Markup('<i class="brief-swatch brief-swatch-{}{}"></i>').format(
            snapshot.side, " brief-swatch-hatched" if hatched else ""
        )
        label = words.gettext("{label} (hatched: claimed)", label=snapshot.label) if hatched else snapshot.label
        rows.append(Markup("<div>{}{}</div>").format(swatch, escape(label)))
    if step.highlight and "claims" in step.layers:
        ringed = words.gettext("ringed: the claims this step is about")
        rows.append(Markup('<div><i class="brief-ring"></i>{}</div>').format(ringed))
    return rows


def phone_key(step: StoryStep, fronts: list[FrontSnapshot], words: Words) -> None:
    rows = key_rows(step, fronts, words)
    if rows:
        with st.container(key=KEY):
            st.html(Markup('<div class="brief-key" role="note">{}</div>').format(Markup("").join(rows)))
