"""The page of the Kursk claims map: the map beside the panel, or the briefing view.

One run: decide what is shown (components.page_context.PageContext, built once here), then hand that
context down to the map, the side panel, the analyst's desk or the briefing — none of them looks elsewhere.
"""

import logging

import streamlit as st

from components.briefing.overlay import brief_overlay
from components.data_health import data_health_note, page_errors
from components.desk.desk import analyst_bar, card_actions, form_open
from components.desk.identity import STORE_AWAY, account_bar, current_actor
from components.grading_help import grading_help
from components.language_switch import chosen_words, language_switch, with_chosen_language
from components.live import follow_the_store, stand_in
from components.map import view_state
from components.map.frame import show_map
from components.page_context import PageContext, edition_for, page_context
from components.page_style import apply_page_style
from components.panel.side_panel import side_panel
from components.skip_links import skip_links
from geo.publishing import links
from geo.reading.source import DataKey, StoreUnavailableError, current_store, data_source


def shown_now() -> PageContext:
    """What this run shows: the store's edition for this reader at its current stamp, or — while the store cannot
    be reached — what this page last showed, read-only."""
    link = with_chosen_language(links.parse(st.query_params.to_dict()))
    key: DataKey | None  # None: the store is away and this page has shown nothing yet
    try:
        store, actor = current_store(), current_actor()
        key = data_source(edition_for(actor))
    except StoreUnavailableError as error:
        store, actor, key = None, STORE_AWAY, stand_in()  # what this page last showed, still in the caches
        if key is None:  # anyone may read this: where the store lives goes to the server's log only
            logging.getLogger("kursk_map").warning("page not served: %s", error)
            words = chosen_words(link.view)
            st.error(
                words.gettext("The map cannot reach its claims store just now; try again in a moment."),
                icon=":material/error:",
            )
            st.stop()
    return page_context(key, store=store, actor=actor, link=link, words=chosen_words(link.view))


context = shown_now()
words = context.words
st.set_page_config(page_title=words.gettext("Kursk claims map"), page_icon="static/favicon.png", layout="wide")
map_base = view_state.map_base(context)
if context.key.on_store:  # a folder read directly does not change under the page
    follow_the_store(context, hold=form_open)

page_errors(context.dataset.page_errors, words)
if context.view.brief:
    apply_page_style("brief.css")
    language_switch(words)
    data_health_note(context.dataset.issues, context.link.problems, words)
    with st.container(key="map-frame"):
        show_map(map_base.data)
    brief_overlay(context)
else:
    apply_page_style()
    skip_links(words)
    language_switch(words)
    account_bar(context.actor, words)
    st.title(words.gettext("Kursk claims map"), anchor=False)
    st.caption(
        words.gettext(
            "Claims from news reporting on the 2024–25 Kursk incursion, placed on the map with who claims "
            "them, who reported them, and how much confidence each deserves."
        )
    )
    data_health_note(context.dataset.issues, context.link.problems, words)
    map_column, panel_column = st.columns([0.66, 0.34], gap="small")
    with map_column:
        show_map(map_base.data)
        grading_help(words)
    with panel_column:
        analyst_bar(context)
        side_panel(context, card_actions(context))
