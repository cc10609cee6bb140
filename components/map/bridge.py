"""A tiny in-page component that carries the view between Python and the map frame.

It tells the map the chosen date, claim, visible claims, highlights, layers and any move
(postMessage, plus window.kcmView for a map that starts later). Back to Python it passes
marker clicks, the map's position after a pan or zoom, and, in briefing mode, navigation
keys (as the wanted step) — so only the calling fragment reruns and the map is never re-sent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from components import session_keys
from components.map.protocol import Event, MapView
from components.static_files import module_loader

_JS = module_loader("sidecar.js")

_sidecar = st.components.v2.component("kursk_map_sidecar", js=_JS)


def event(name: str) -> Any:
    """In an on-change callback: the value the browser sent with this event, if any."""
    try:
        return st.session_state[session_keys.MAP_SIDECAR][name]
    except (KeyError, TypeError):
        return None


def take_drawn() -> None:
    """Callback: the map in this page has drawn; kept for the session (a rerun never takes it back)."""
    st.session_state[session_keys.MAP_DRAWN] = True


def map_drawn() -> bool:
    """Whether this session's map has reported that it drew: until then the page keeps its runs light,
    so the browser spends its first second drawing the map rather than the panel."""
    return bool(st.session_state.get(session_keys.MAP_DRAWN))


def sync_map(
    view: MapView,
    on_click: Callable[[], None],
    on_move: Callable[[], None],
    on_step: Callable[[], None] | None = None,
    on_tick: Callable[[], None] | None = None,
) -> None:
    """Send the view to the map; the callbacks run (before the rerun) when the browser reports events."""
    callbacks = {
        f"on_{Event.SELECTED}_change": on_click,
        f"on_{Event.MOVED}_change": on_move,
        f"on_{Event.DRAWN}_change": take_drawn,
    }
    if on_step is not None:
        callbacks[f"on_{Event.STEP}_change"] = on_step
    if on_tick is not None:
        callbacks[f"on_{Event.TICK}_change"] = on_tick
    _sidecar(
        key=session_keys.MAP_SIDECAR,
        data=view,
        height=0,
        **callbacks,  # type: ignore[arg-type]  # on_<event>_change callbacks only, never default or width
    )
