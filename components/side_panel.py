"""The side panel as one fragment: date, filters, claims, URL and the map sidecar.

Being a fragment, a date step, a filter or a selection reruns only this, so the map
beside it is neither rebuilt nor re-sent.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components import panel, sidecar
from components.cache import dataset, grades
from geo import filters, links
from geo.timeline import latest_snapshots, nearest_date, timeline_dates, visible_claims


def restore_view(options: list[dt.date], view: links.View, default: dt.date | None) -> None:
    """On a session's first run, put the link's date, claim and filters into the widgets' state."""
    if panel.DATE_KEY in st.session_state:
        return
    wanted = view.date or default
    st.session_state[panel.DATE_KEY] = nearest_date(options, wanted) if wanted else options[-1]
    st.session_state[panel.SELECTED_KEY] = view.claim
    panel.restore_filter(view.filter)


def take_map_click() -> None:
    """Callback for a marker click reported by the sidecar."""
    clicked = sidecar.clicked_claim()
    if clicked:
        panel.select_claim(clicked)


@st.fragment
def side_panel(data_path: str, view: links.View) -> None:
    data, verdicts = dataset(data_path), grades(data_path)
    options = timeline_dates(data.fronts, data.claims)
    restore_view(options, view, next((case.key_date for case in data.cases if case.key_date), None))
    chosen = panel.date_control(options)
    panel.fronts_caption(latest_snapshots(data.fronts, chosen))
    claim_filter = panel.filter_controls()
    at_date = visible_claims(data.claims, chosen)
    shown = filters.apply(at_date, verdicts, data.sources, claim_filter)
    passing = {claim.id for claim in filters.apply(data.claims, verdicts, data.sources, claim_filter)}
    selected = st.session_state.get(panel.SELECTED_KEY)
    if selected not in {claim.id for claim in shown}:
        selected = None
    context = panel.PanelContext(data, verdicts, shown, passing)
    panel.claims_list(shown, context, len(at_date), selected)
    st.query_params.from_dict(links.to_query(links.View(chosen, selected, claim_filter)))
    sidecar.sync_map(chosen, selected, [claim.id for claim in shown], take_map_click)
