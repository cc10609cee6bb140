"""The side panel as one fragment: date, filters, claims, sharing, URL and the map sidecar.

Being a fragment, a date step, a filter or a selection reruns only this, so the map
beside it is neither rebuilt nor re-sent. A page's first run draws only the sidecar: the
browser then spends its first second on the map, and the map's report that it drew
(bridge.map_drawn) reruns this fragment with the whole panel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from components import session_keys
from components.map import bridge, view_state
from components.map.payload import default_date, grades_for_view
from components.page_context import PageContext
from components.panel import cards, date, time_controls
from components.panel import filters as filter_widgets
from components.panel.time_charts import over_time
from components.sharing import share
from components.skip_links import anchor
from geo.model.records import Claim
from geo.publishing import links
from geo.selection import filters
from geo.time.timeline import latest_snapshots


def date_alone_decides(switches: time_controls.TimeSwitches, claim_filter: filters.ClaimFilter) -> bool:
    """Whether the map draws, for any date, the default claims of that date with today's grades and no overlay:
    then it may draw where the slider moves before this fragment has rerun (MapView.previewSlider)."""
    overlays = switches.known_then or switches.compare or switches.show_change or switches.playing
    return not overlays and claim_filter == filters.ClaimFilter()


def claim_cards(
    context: PageContext,
    shown: list[Claim],
    at_date: list[Claim],
    selected: str | None,
    signature: tuple[dt.date, filters.ClaimFilter, bool],
    card_actions: Callable[[Claim], None] | None,
) -> None:
    """The cards of the claims shown, the selected one always among them, with the claims it links to."""
    data = context.dataset
    chosen, claim_filter, known_then = signature
    verdicts = context.grades_on(chosen, known_then)
    linked_claim = st.session_state.pop(session_keys.LINKED_CLAIM_NOTE, None)  # said once, on the panel's first draw
    if selected is None and linked_claim:
        cards.linked_claim_hidden(linked_claim, data, chosen, context.words)
    at_date_ids = {claim.id for claim in at_date}
    linked = cards.linked_claims(selected, verdicts, data) if selected else []
    passing = filters.pass_once_followed(
        linked,
        chosen,
        at_date_ids,
        lambda day: context.grades_on(day, known_then),
        data.search,
        claim_filter,
    )
    card_context = cards.PanelContext(data, verdicts, at_date_ids, passing, card_actions, context.words)
    cards.claims_list(
        shown,
        card_context,
        len(at_date),
        selected,
        (chosen, claim_filter, known_then),
        known_then=known_then,
        claim_filter=claim_filter,
    )


@st.fragment
def side_panel(context: PageContext, card_actions: Callable[[Claim], None] | None = None) -> None:
    """The map is told the new view first, from the widgets' state; the panel is drawn after it,
    so the map changes while the cards are still on their way."""
    data, options, linked_view, words = context.dataset, context.timeline(), context.view, context.words
    first_run = view_state.restore(options, linked_view, default_date(data))
    if first_run:
        time_controls.restore(linked_view)
        st.session_state[session_keys.LINKED_CLAIM_NOTE] = linked_view.claim
    chosen, switches, claim_filter = (
        st.session_state[session_keys.DATE],
        time_controls.switches_in_state(),
        (filter_widgets.filter_in_state()),
    )
    overlay, counts = context.overlay(chosen, switches.compare, switches.show_change, switches.pair)
    verdicts = context.grades_on(chosen, switches.known_then)
    at_date = data.known_on(chosen) if switches.known_then else data.visible_on(chosen)
    shown = filters.apply(at_date, verdicts, data.search, claim_filter)
    selected = st.session_state.get(session_keys.SELECTED_CLAIM)
    if selected not in {claim.id for claim in shown}:
        selected = None
    bridge.sync_map(
        view_state.map_view(
            context,
            chosen,
            selected,
            shown,
            verdicts,
            analysis=overlay,
            playing=switches.playing,
            grades=grades_for_view(data, verdicts) if switches.known_then else None,
            previewSlider=session_keys.DATE if date_alone_decides(switches, claim_filter) else None,
        ),
        view_state.take_map_click,
        view_state.take_map_move,
        on_tick=lambda: time_controls.take_tick(options),
    )
    current = links.View(
        chosen,
        selected,
        claim_filter,
        view_state.position(),
        known_then=switches.known_then,
        compare=switches.compare,
        show_change=switches.show_change,
        language=context.view.language,
    )
    st.query_params.from_dict(links.to_query(current))
    if not bridge.map_drawn():
        st.caption(words.gettext("Loading the claims…"))
        return
    anchor("date")
    date.date_control(options, words)
    time_controls.time_controls(options, words, context.front_history())
    date.fronts_caption(latest_snapshots(data.fronts, chosen), words)
    date.analysis_caption(counts)
    anchor("filters")
    filter_widgets.filter_controls(words)
    anchor("claims")
    if switches.playing:
        cards.while_playing(len(shown), len(at_date), words)
    else:
        claim_cards(context, shown, at_date, selected, (chosen, claim_filter, switches.known_then), card_actions)
    over_time(data, context.front_history().implied, verdicts, shown, chosen, words, playing=switches.playing)
    share.share_and_export(current, data, shown, verdicts, context.grades, words)
