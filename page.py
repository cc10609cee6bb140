"""The page of the Kursk claims map: the map beside the panel, or the briefing view."""

import logging

import streamlit as st

from components.briefing.overlay import brief_overlay
from components.cache import dataset
from components.data_health import data_health_note, page_errors
from components.desk.desk import Desk, analyst_bar, card_actions, form_open
from components.desk.identity import account_bar, current_actor
from components.grading_help import grading_help
from components.live import follow_the_store, stand_in
from components.map import view_state
from components.map.frame import show_map
from components.page_style import apply_page_style
from components.panel.side_panel import side_panel
from geo.publishing import links
from geo.reading.source import PUBLISHED, STORE_PREFIX, WORKING, StoreUnavailableError, current_store, data_source
from geo.workflow.roles import Action

st.set_page_config(page_title="Kursk claims map", page_icon="static/favicon.png", layout="wide")

parsed = links.parse(st.query_params.to_dict())
try:
    store, actor = current_store(), current_actor()
    desk = Desk(store, actor) if store is not None else None
    view = WORKING if actor.may(Action.DRAFT) else PUBLISHED  # analysts also see drafts and claims in review
    data_path = data_source(view)
except StoreUnavailableError as error:
    data_path, desk = stand_in(), None  # what this page last showed, while the store is away (components.live)
    if data_path is None:  # anyone may read this: where the store lives goes to the server's log only
        logging.getLogger("kursk_map").warning("page not served: %s", error)
        st.error("The map cannot reach its claims store just now; try again in a moment.", icon=":material/error:")
        st.stop()
data = dataset(data_path)
map_base = view_state.map_base(data_path)
if data_path.startswith(STORE_PREFIX):  # a folder read directly does not change under the page
    follow_the_store(data_path, view, hold=form_open)

page_errors(data.page_errors)
if parsed.view.brief:
    apply_page_style("brief.css")
    data_health_note(data.issues, parsed.problems)
    with st.container(key="map-frame"):
        show_map(map_base.payload)
    brief_overlay(data_path, parsed.view)
else:
    apply_page_style()
    account_bar(actor)
    st.title("Kursk claims map", anchor=False)
    st.caption(
        "Claims from news reporting on the 2024–25 Kursk incursion, placed on the map with who claims "
        "them, who reported them, and how much confidence each deserves."
    )
    data_health_note(data.issues, parsed.problems)
    map_column, panel_column = st.columns([0.66, 0.34], gap="small")
    with map_column:
        show_map(map_base.payload)
        grading_help()
    with panel_column:
        if desk is not None:
            analyst_bar(desk, data)
        side_panel(data_path, parsed.view, card_actions(desk, data, data_path))
