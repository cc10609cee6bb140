"""Time controls beside the date: what we knew then, source comparison, change, and play."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from components import session_keys
from components.map import bridge
from components.map.protocol import Event
from geo.publishing import links


@dataclass(frozen=True)
class TimeSwitches:
    known_then: bool
    compare: bool
    show_change: bool
    playing: bool


def restore(view: links.View) -> None:
    """Put a link's switches into the widgets' state (once per session, before they are drawn)."""
    st.session_state[session_keys.TIME_KNOWN_THEN] = view.known_then
    st.session_state[session_keys.TIME_COMPARE] = view.compare
    st.session_state[session_keys.TIME_CHANGE] = view.show_change
    st.session_state[session_keys.TIME_PLAYING] = False


def toggle_play(options: list[dt.date]) -> None:
    """Callback: start from the beginning if at the end, otherwise pause or resume."""
    playing = not st.session_state.get(session_keys.TIME_PLAYING, False)
    if playing and st.session_state.get(session_keys.DATE) == options[-1]:
        st.session_state[session_keys.DATE] = options[0]
    st.session_state[session_keys.TIME_PLAYING] = playing


def take_tick(options: list[dt.date]) -> None:
    """Callback for the player's clock: one step forward, stopping at the last date."""
    if not st.session_state.get(session_keys.TIME_PLAYING) or bridge.event(Event.TICK) is None:
        return
    current = st.session_state.get(session_keys.DATE, options[0])
    later = [option for option in options if option > current]
    if later:
        st.session_state[session_keys.DATE] = later[0]
    if len(later) <= 1:
        st.session_state[session_keys.TIME_PLAYING] = False


def switches_in_state() -> TimeSwitches:
    """The switches as they stand, read before they are drawn (so the map can be told first)."""
    state = st.session_state
    return TimeSwitches(
        bool(state.get(session_keys.TIME_KNOWN_THEN)),
        bool(state.get(session_keys.TIME_COMPARE)),
        bool(state.get(session_keys.TIME_CHANGE)),
        bool(state.get(session_keys.TIME_PLAYING)),
    )


def time_controls(options: list[dt.date]) -> TimeSwitches:
    """The play button, then the three switches in a row under the date slider."""
    playing = st.session_state.get(session_keys.TIME_PLAYING, False)
    st.button(
        "Pause" if playing else "Play",
        key="time-play",
        on_click=toggle_play,
        args=(options,),
        icon=":material/pause:" if playing else ":material/play_arrow:",
        help="Step through every date; the map changes in place.",
    )
    # A wrapping row: each switch keeps its whole label and moves to the next line if the panel is narrow.
    row = st.container(horizontal=True, wrap=True, gap="small", vertical_alignment="center")
    known_then = row.toggle(
        "Known then",
        key=session_keys.TIME_KNOWN_THEN,
        help="Show every claim reported by this date, graded only on what had been reported by then.",
    )
    compare_on = row.toggle(
        "Compare",
        key=session_keys.TIME_COMPARE,
        help="Draw the Ukrainian-held area as two sources saw it, and where they differ.",
    )
    change_on = row.toggle(
        "Change",
        key=session_keys.TIME_CHANGE,
        help="Draw and count what each front layer gained and lost since its previous snapshot.",
    )
    return TimeSwitches(known_then, compare_on, change_on, playing)
