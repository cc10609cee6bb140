"""The view held in session state, shared by the explore panel and the briefing view.

A link restores it once per session; widgets and map events change it; every rerun writes
it back to the URL and sends it to the map. Keeping it here means both modes agree on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import streamlit as st

from components import session_keys
from components.map import bridge
from components.map.payload import MapBase, MapOutdatedError, extend_view, view_of
from components.map.protocol import Event, MapView, move_to
from components.page_context import PageContext
from components.panel import cards, filters
from geo.grading.rule import Grade
from geo.model.records import Claim
from geo.publishing import links
from geo.time.timeline import nearest_date


def restore(options: list[dt.date], view: links.View, default: dt.date) -> bool:
    """On a session's first run, put the link's date, claim, filters and map position into state.

    Returns True on that first run, so callers can restore their own widgets too.
    """
    if st.session_state.get(session_keys.VIEW_RESTORED):
        return False
    st.session_state[session_keys.VIEW_RESTORED] = True
    wanted = view.date or default
    st.session_state[session_keys.DATE] = nearest_date(options, wanted)
    st.session_state[session_keys.SELECTED_CLAIM] = view.claim
    filters.restore_filter(view.filter)
    st.session_state[session_keys.MAP_POSITION] = view.position
    if view.position is not None:
        move_map(view.position)
    return True


def move_map(position: links.MapPosition, *, fit_highlight: bool = False) -> None:
    """Ask the map to move there (once): the sequence number tells a new move from a repeat.
    With `fit_highlight` (a story step's view) the map may move on until the highlighted claims are in sight."""
    previous = st.session_state.get(session_keys.MAP_MOVE)
    sequence = previous["seq"] + 1 if previous else 1
    st.session_state[session_keys.MAP_MOVE] = move_to(
        position.lat, position.lon, position.zoom, sequence, fit_highlight=fit_highlight
    )
    st.session_state[session_keys.MAP_POSITION] = position


def take_map_click() -> None:
    """Callback: a marker was clicked on the map."""
    clicked = bridge.event(Event.SELECTED)
    if isinstance(clicked, dict) and isinstance(clicked.get("claim"), str) and clicked["claim"]:
        cards.select_claim(clicked["claim"])


def take_map_move() -> None:
    """Callback: the map was panned or zoomed; remember where, for the link."""
    moved = bridge.event(Event.MOVED)
    if isinstance(moved, dict):
        try:
            st.session_state[session_keys.MAP_POSITION] = links.MapPosition(
                float(moved["lat"]), float(moved["lon"]), int(moved["zoom"])
            )
        except (KeyError, TypeError, ValueError):
            return


def position() -> links.MapPosition | None:
    return st.session_state.get(session_keys.MAP_POSITION)


def map_base(context: PageContext) -> MapBase:
    """What this page's map is built from: kept while the page is open, so the map is sent once."""
    base = st.session_state.get(session_keys.MAP_BASE)
    if base is None:
        base = MapBase(context.key, context.dataset, context.map_data())
        st.session_state[session_keys.MAP_BASE] = base
    return base


def map_view(
    context: PageContext,
    date: dt.date,
    claim: str | None,
    shown: list[Claim],
    shown_grades: Mapping[str, Grade],
    **extra: Any,
) -> MapView:
    """What the sidecar sends to the map on this run: a few kB whatever the number of claims, plus the
    claims that changed since the map was built, if the data did. When the map cannot take those in place,
    the page runs again with a new map."""
    data, selected = context.dataset, [item for item in shown if item.id == claim]
    base = map_base(context)
    move = st.session_state.get(session_keys.MAP_MOVE)
    words, words_part = context.words, base.data.words[context.words.language]
    view = view_of(data, date, claim, shown, selected, words=words, words_part=words_part, moveTo=move, **extra)
    try:
        return extend_view(
            view,
            base,
            data,
            context.key,
            shown,
            shown_grades,
            extend=lambda *_: context.map_extension(base, shown_grades),
        )
    except MapOutdatedError:
        del st.session_state[session_keys.MAP_BASE]
        st.rerun(scope="app")
