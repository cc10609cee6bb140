"""The side panel: the date control and one card per claim shown on that date.

All data text goes through components.escaping before st.markdown sees it.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.escaping import markdown_text, safe_url
from components.map_payload import claim_numbers, day, period_text
from geo import confidence
from geo.loading import Dataset, FrontSnapshot
from geo.locations import resolve
from geo.model import Claim

DATE_KEY = "date"
SELECTED_KEY = "selected_claim"


def date_control(options: list[dt.date]) -> dt.date:
    """A slider over the timeline; its value lives in session state under DATE_KEY."""
    return st.select_slider("Date", options=options, key=DATE_KEY, format_func=day,
                            help="Front snapshots and claim report dates. Each front layer "
                                 "shows its latest snapshot on or before this date.")


def fronts_caption(snapshots: dict[str, FrontSnapshot]) -> None:
    """Which snapshot of each source the map shows, with its own 'as of' date and area."""
    if not snapshots:
        st.caption("No front data on or before this date.")
        return
    lines = [f"{markdown_text(snapshot.label)}: as of {day(snapshot.date)}, "
             f"{snapshot.area_km2:,.0f} km² — {markdown_text(snapshot.source_name)}"
             for snapshot in snapshots.values()]
    st.caption("  \n".join(lines))


def link_or_name(url: str, name: str) -> str:
    checked = safe_url(url)
    return f"[{markdown_text(name)}]({checked})" if checked else f"{markdown_text(name)} (no link found)"


def source_line(dataset: Dataset, source_id: str) -> str:
    source = dataset.sources[source_id]
    stake = "party to the conflict" if source.affiliation.is_party else "not a party"
    return f"{markdown_text(source.name)} ({markdown_text(source.affiliation.label)}; {stake})"


def select_claim(claim_id: str | None) -> None:
    """Callback: runs before the rerun, so the whole panel draws with the new selection."""
    st.session_state[SELECTED_KEY] = claim_id


def claim_card(claim: Claim, number: int, dataset: Dataset, selected: bool) -> None:
    """Draw one claim with its sources, location and grade, and a button to select it."""
    grade = confidence.level(claim.confidence)
    place = resolve(claim.location, dataset.places, dataset.areas)
    key = "claim-selected" if selected else f"claim-{claim.id}"
    with st.container(border=True, key=key):
        reports = "; ".join(
            f"{link_or_name(report.url, dataset.sources[report.outlet].name)}, {day(report.date)}"
            + (f" (via {markdown_text(report.via)})" if report.via else "")
            for report in claim.reports)
        where = f"{markdown_text(place.label)} — {markdown_text(place.precision)}"
        if claim.location.note:
            where += f". {markdown_text(claim.location.note)}"
        st.markdown(
            f"**#{number} · {markdown_text(claim.statement)}**  \n"
            f":small[{markdown_text(claim.category.label)} · "
            f"confidence **{markdown_text(grade.value)}** ({confidence.code(claim.confidence)})]\n\n"
            f"- **Claimed by:** {source_line(dataset, claim.claimant)}\n"
            f"- **Reported by:** {reports}\n"
            f"- **About:** {period_text(claim)} ({claim.refers_to.precision})\n"
            f"- **Where:** {where}\n"
            f"- **Confidence:** {markdown_text(confidence.describe(claim.confidence))}. "
            f"*{markdown_text(claim.confidence.rationale)}*")
        label = "Selected on the map" if selected else "Show on map"
        st.button(label, key=f"select-{claim.id}", disabled=selected, icon=":material/my_location:",
                  on_click=select_claim, args=(claim.id,))


def claims_list(claims: list[Claim], dataset: Dataset, selected: str | None) -> None:
    """Cards for the claims shown on the chosen date, the selected one marked."""
    numbers = claim_numbers(dataset.claims)
    st.markdown(f"**{len(claims)} of {len(dataset.claims)} claims** reported by this date "
                "about the 90 days before it")
    with st.container(height=560, key="claims-list"):
        if not claims:
            st.info("No claim in the dataset was reported by this date. Move the date later.")
        for claim in claims:
            claim_card(claim, numbers[claim.id], dataset, claim.id == selected)
