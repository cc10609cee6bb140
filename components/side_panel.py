"""The side panel as one fragment: date, fronts caption, claims, URL and the map sidecar.

Being a fragment, a date step or a selection reruns only this, so the map beside it is
neither rebuilt nor re-sent.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components import panel, sidecar
from components.cache import dataset
from geo import links
from geo.timeline import latest_snapshots, nearest_date, timeline_dates, visible_claims


def restore_view(options: list[dt.date], view: links.View, default: dt.date | None) -> None:
    """On a session's first run, put the link's date and claim into the widgets' state."""
    if panel.DATE_KEY in st.session_state:
        return
    wanted = view.date or default
    st.session_state[panel.DATE_KEY] = nearest_date(options, wanted) if wanted else options[-1]
    st.session_state[panel.SELECTED_KEY] = view.claim


def take_map_click() -> None:
    """Callback for a marker click reported by the sidecar."""
    clicked = sidecar.clicked_claim()
    if clicked:
        panel.select_claim(clicked)


@st.fragment
def side_panel(data_path: str, view: links.View) -> None:
    data = dataset(data_path)
    options = timeline_dates(data.fronts, data.claims)
    restore_view(options, view, next((case.key_date for case in data.cases if case.key_date), None))
    chosen = panel.date_control(options)
    panel.fronts_caption(latest_snapshots(data.fronts, chosen))
    shown = visible_claims(data.claims, chosen)
    selected = st.session_state.get(panel.SELECTED_KEY)
    if selected not in {claim.id for claim in shown}:
        selected = None
    panel.claims_list(shown, data, selected)
    st.query_params.from_dict(links.to_query(links.View(chosen, selected)))
    sidecar.sync_map(chosen, selected, take_map_click)
