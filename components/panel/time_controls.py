"""Time controls beside the date: what we knew then, source comparison, change, and play."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from components import session_keys
from components.map import bridge
from components.map.overlays import FrontHistory, pair_words
from components.map.protocol import Event
from geo.language.words import Words
from geo.publishing import links


@dataclass(frozen=True)
class TimeSwitches:
    known_then: bool
    compare: bool
    show_change: bool
    playing: bool
    pair: tuple[str, str] | None = None
    """The two layers Compare sets side by side, if the viewer picked them."""


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
        state.get(session_keys.TIME_COMPARE_PAIR),
    )


def pair_picker(history: FrontHistory, words: Words) -> tuple[str, str] | None:
    """Which two layers Compare sets side by side, offered when the data has more than one pair to compare."""
    pairs = history.pairs()
    if st.session_state.get(session_keys.TIME_COMPARE_PAIR) not in pairs:
        st.session_state.pop(session_keys.TIME_COMPARE_PAIR, None)  # the data changed: its first pair again
    if len(pairs) < 2:  # one pair or none: nothing to choose
        return pairs[0] if pairs else None
    picked: tuple[str, str] | None = st.selectbox(
        words.gettext("Compare which two sources"),
        pairs,
        format_func=lambda pair: pair_words(history, pair, words),
        key=session_keys.TIME_COMPARE_PAIR,
        help=words.gettext(
            "Two layers that map the same side's area; each is taken at its latest snapshot on or before the date."
        ),
    )
    return picked


def time_controls(options: list[dt.date], words: Words, history: FrontHistory | None = None) -> TimeSwitches:
    """The play button, then the three switches in a row under the date slider, and which two layers Compare
    sets side by side when there is a choice."""
    playing = st.session_state.get(session_keys.TIME_PLAYING, False)
    st.button(
        words.gettext("Pause") if playing else words.gettext("Play"),
        key="time-play",
        on_click=toggle_play,
        args=(options,),
        icon=":material/pause:" if playing else ":material/play_arrow:",
        help=words.gettext("Step through every date; the map changes in place."),
    )
    # A wrapping row: each switch keeps its whole label and moves to the next line if the panel is narrow.
    row = st.container(horizontal=True, wrap=True, gap="small", vertical_alignment="center")
    known_then = row.toggle(
        words.gettext("Known then"),
        key=session_keys.TIME_KNOWN_THEN,
        help=words.gettext("Show every claim reported by this date, graded only on what had been reported by then."),
    )
    compare_on = row.toggle(
        words.pgettext("overlay", "Compare"),
        key=session_keys.TIME_COMPARE,
        help=words.gettext("Draw one side's area as two sources saw it on this date, and where they differ."),
    )
    change_on = row.toggle(
        words.pgettext("overlay", "Change"),
        key=session_keys.TIME_CHANGE,
        help=words.gettext(
            "Draw and count what each front layer gained and lost since its previous snapshot (on a daily layer, "
            "the day before), and whose gain that is."
        ),
    )
    pair = pair_picker(history, words) if compare_on and history is not None else None
    return TimeSwitches(known_then, compare_on, change_on, playing, pair)
