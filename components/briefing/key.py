"""A briefing's key on a phone: the map there is too small to hold one, so the key of what the step shows (its
front layers, the ringed and faded claims, claims about a whole area) stands above the caption, as the map's own
key lists them on wider screens (static/map_brief_key.js)."""

from __future__ import annotations

import streamlit as st
from markupsafe import Markup, escape

from geo.language.words import Words
from geo.model.records import Claim
from geo.model.stories import StoryStep
from geo.reading.loading import FrontSnapshot
from geo.time.timeline import latest_snapshots

KEY = "brief-key"


def shown_fronts(step: StoryStep, fronts: list[FrontSnapshot]) -> list[FrontSnapshot]:
    """The front layers the step draws: named in its layers and begun by its date."""
    latest = latest_snapshots(fronts, step.as_of)
    return [latest[layer] for layer in step.layers if layer in latest]


def key_rows(step: StoryStep, fronts: list[FrontSnapshot], words: Words, shown: list[Claim]) -> list[Markup]:
    rows = []
    for snapshot in shown_fronts(step, fronts):
        hatched = snapshot.basis == "claimed"
        swatch = Markup('<i class="brief-swatch brief-swatch-{}{}"></i>').format(
            snapshot.side, " brief-swatch-hatched" if hatched else ""
        )
        name = words.gettext(snapshot.label)  # a bundled layer's name is marked (components/map/words_part.py)
        label = words.gettext("{label} (hatched: claimed)", label=name) if hatched else name
        rows.append(Markup("<div>{}{}</div>").format(swatch, escape(label)))
    if "claims" not in step.layers:
        return rows
    if step.highlight:
        ringed = words.gettext("ringed: the claims this step is about")
        rows.append(Markup('<div><i class="brief-ring"></i>{}</div>').format(ringed))
        if any(claim.id not in step.highlight for claim in shown):
            faded = words.gettext("faded: other claims on this date")
            rows.append(Markup('<div><i class="brief-faded"></i>{}</div>').format(faded))
    if any(claim.location.area for claim in shown):
        area = words.gettext("claims about a whole area (dashed outline)")
        rows.append(Markup('<div><i class="brief-area"></i>{}</div>').format(area))
    return rows


def phone_key(step: StoryStep, fronts: list[FrontSnapshot], words: Words, shown: list[Claim]) -> None:
    rows = key_rows(step, fronts, words, shown)
    if rows:
        with st.container(key=KEY):
            st.html(Markup('<div class="brief-key" role="note">{}</div>').format(Markup("").join(rows)))
