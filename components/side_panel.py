"""The side panel as one fragment: date, filters, claims, sharing, URL and the map sidecar.

Being a fragment, a date step, a filter or a selection reruns only this, so the map
beside it is neither rebuilt nor re-sent.
"""

from __future__ import annotations

import streamlit as st

from components import panel, sharing, sidecar, view_state
from components.cache import dataset, grades
from geo import filters, links
from geo.timeline import latest_snapshots, timeline_dates, visible_claims


@st.fragment
def side_panel(data_path: str, view: links.View) -> None:
    data, verdicts = dataset(data_path), grades(data_path)
    options = timeline_dates(data.fronts, data.claims)
    view_state.restore(options, view, next((case.key_date for case in data.cases if case.key_date), None))
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
    current = links.View(chosen, selected, claim_filter, view_state.position())
    sharing.share_and_export(current, data_path, shown)
    st.query_params.from_dict(links.to_query(current))
    sidecar.sync_map(view_state.map_view(chosen, selected, [claim.id for claim in shown]),
                     view_state.take_map_click, view_state.take_map_move)
