"""The claim cards: one per claim with who claims it, who reported it, its grade and why, a page at a time.

All data text goes through components.escaping before st.markdown sees it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import streamlit as st

from components import session_keys
from components.escaping import markdown_text, safe_url
from components.panel.filters import restore_filter
from geo.grading.rule import Grade
from geo.model.claim_text import ClaimText, day, describe
from geo.model.confidence import ConfidenceLevel
from geo.model.records import Claim
from geo.reading.dataset import Dataset
from geo.selection.filters import ClaimFilter

PAGE_SIZE = 8


def select_claim(claim_id: str | None) -> None:
    """Callback: runs before the rerun, so the whole panel draws with the new selection."""
    st.session_state[session_keys.SELECTED_CLAIM] = claim_id


def follow_link(claim_id: str, reported: dt.date, covered_by_date: bool, clear_filters: bool) -> None:
    """Callback for a link between claims: select it, moving the date or clearing filters if needed."""
    st.session_state[session_keys.SELECTED_CLAIM] = claim_id
    if not covered_by_date:
        st.session_state[session_keys.DATE] = reported
    if clear_filters:
        restore_filter(ClaimFilter())


def link_or_name(url: str, name: str) -> str:
    checked = safe_url(url)
    return f"[{markdown_text(name)}]({checked})" if checked else f"{markdown_text(name)} (no link found)"


def provenance(text: ClaimText) -> str:
    """Who said it, through whom, where: the chain a briefer reads out."""
    chain = f"- **Claimed by:** {markdown_text(text.claimant)} ({markdown_text(text.claimant_side)}; {text.stake})"
    if text.passes_on:
        chain += f", passing on {markdown_text(text.passes_on)}"
    reports = "\n".join(
        f"  - {link_or_name(report.url, report.outlet)}, {report.day}"
        + (f" — via {markdown_text(report.via)}" if report.via else "")
        for report in text.reports
    )
    return f"{chain}\n- **Reported by:**\n{reports}"


def grade_badges(text: ClaimText) -> str:
    colour = {ConfidenceLevel.HIGH: "green", ConfidenceLevel.MODERATE: "orange", ConfidenceLevel.LOW: "red"}[
        text.grade.confidence
    ]
    return f":{colour}-badge[Confidence: {text.confidence}] :gray-badge[{text.status}] :gray-badge[{text.code}]"


def grade_summary(text: ClaimText) -> str:
    """Why this confidence, then the likelihood in its own sentence (ICD 203), then the Admiralty code."""
    summary = (
        f"{grade_badges(text)}\n\n{markdown_text(text.confidence_sentence)} "
        f"{markdown_text(text.likelihood_sentence)} Admiralty code {markdown_text(text.admiralty)}."
    )
    if text.override:
        summary += f"\n\n*{markdown_text(text.override)}*"
    return summary


def linked_claims(claim_id: str, grades: Mapping[str, Grade], dataset: Dataset) -> list[Claim]:
    """The claims a card links to: only these need to be judged against the filters."""
    grade = grades[claim_id]
    wanted = dict.fromkeys(grade.corroborated_by + grade.not_counted + grade.contradicted_by)
    return [dataset.by_id[linked] for linked in wanted if linked in dataset.by_id]


def claim_links(claim: Claim, grade: Grade, context: PanelContext) -> None:
    """Buttons to the claims this one agrees or disagrees with."""
    groups = [("Agrees with", grade.corroborated_by + grade.not_counted), ("Disagrees with", grade.contradicted_by)]
    for label, ids in groups:
        if not ids:
            continue
        st.markdown(f"**{label}:**")
        columns = st.columns(min(len(ids), 4))
        for index, other_id in enumerate(ids):
            other = context.claims[other_id]
            with columns[index % len(columns)]:
                st.button(
                    f"#{context.numbers[other_id]}",
                    key=f"link-{claim.id}-{other_id}",
                    help=markdown_text(other.statement),
                    on_click=follow_link,
                    args=(
                        other_id,
                        other.first_reported,
                        other_id in context.at_date_ids,
                        other_id not in context.passing_filter,
                    ),
                )


class PanelContext:
    """What every card needs to know about the others."""

    def __init__(
        self,
        dataset: Dataset,
        grades: Mapping[str, Grade],
        at_date_ids: set[str],
        passing_filter: set[str],
        card_actions: Callable[[Claim], None] | None = None,
    ) -> None:
        self.card_actions = card_actions  # what the reader may do with the selected claim (edit, review, history)
        self.dataset = dataset
        self.grades = grades
        self.claims = dataset.by_id
        self.numbers = dataset.numbers
        self.at_date_ids = at_date_ids  # covered by the chosen date, whatever the filters
        self.passing_filter = passing_filter


def compact_sources(text: ClaimText) -> str:
    """Claimant and first report on one line, for cards that are not selected."""
    first = text.reports[0]
    more = f" (+{len(text.reports) - 1} more)" if len(text.reports) > 1 else ""
    stake = "party" if text.claimant_is_party else "not a party"
    return (
        f"Claimed by {markdown_text(text.claimant)} ({markdown_text(text.claimant_side)}, {stake}) · "
        f"reported by {link_or_name(first.url, first.outlet)}, {first.day}{more}"
    )


def claim_card(claim: Claim, context: PanelContext, selected: bool) -> None:
    """One claim. Every card says who, where from, when, where and how sure; the selected one also
    gives every reason, the whole provenance and the links to related claims."""
    grade = context.grades[claim.id]
    text = describe(claim, grade, context.dataset)
    where = markdown_text(text.where)
    if text.place_note and selected:
        where += f". {markdown_text(text.place_note)}"
    statement = markdown_text(text.statement)
    if text.retraction:
        statement = f"~~{statement}~~"
    state = f" :orange-badge[{text.state}]" if text.state else ""
    heading = f"**#{text.number} · {statement}**{state}  \n"
    if not selected:  # no box of its own: a line under its button separates it (app.css), a few hundred bytes less
        st.markdown(
            f"{heading}{grade_badges(text)} :small[{markdown_text(text.category)}]\n\n"
            f":small[{compact_sources(text)} · about {text.period} · {where}]\n\n"
            f":small[*Why:* {markdown_text(grade.headline)}]"
        )
        st.button(
            "Show on map",
            key=f"select-{claim.id}",
            icon=":material/my_location:",
            on_click=select_claim,
            args=(claim.id,),
        )
        return
    with st.container(border=True, key=f"claim-selected-{claim.id}"):  # the page brings it into sight
        st.markdown(
            f"{heading}:small[{markdown_text(text.category)}]\n\n{grade_summary(text)}\n\n"
            f"{provenance(text)}\n"
            f"- **About:** {text.period} ({text.period_precision}); first reported {day(text.first_reported)}\n"
            f"- **Where:** {where}" + (f"\n- **On record:** {markdown_text(text.record)}" if text.record else "")
        )
        if text.retraction:
            st.error(markdown_text(text.retraction), icon=":material/block:")
        with st.expander("Why this grade", expanded=True):
            st.markdown(
                "\n".join(f"{step}. {markdown_text(reason)}" for step, reason in enumerate(grade.reasons, start=1))
                + (f"\n\n*Analyst's note:* {markdown_text(claim.analyst_note)}" if claim.analyst_note else "")
            )
        claim_links(claim, grade, context)
        if context.card_actions is not None:
            context.card_actions(claim)
        st.button("Selected on the map", key=f"select-{claim.id}", disabled=True, icon=":material/my_location:")


def linked_claim_hidden(claim_id: str, dataset: Dataset, chosen: dt.date) -> None:
    """Say why a link's claim is not selected, instead of dropping it silently."""
    claim = dataset.by_id.get(claim_id)
    if claim is None:
        st.warning(f"The link names a claim that is not in the data: {markdown_text(claim_id)}.")
        return
    st.info(
        f"The linked claim «{markdown_text(claim.statement)}» (first reported {day(claim.first_reported)}) "
        f"is not among the claims shown on {day(chosen)} with these filters.",
        icon=":material/info:",
    )


def page_of(shown: list[Claim], signature: tuple[object, ...]) -> tuple[int, int]:
    """The page to show and how many there are; a new date or filter starts again at the first page."""
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    if st.session_state.get(session_keys.CLAIMS_PAGE_OF) != signature:
        st.session_state[session_keys.CLAIMS_PAGE_OF] = signature
        st.session_state[session_keys.CLAIMS_PAGE] = 0
    return min(st.session_state.get(session_keys.CLAIMS_PAGE, 0), pages - 1), pages


def turn_page(page: int) -> None:
    st.session_state[session_keys.CLAIMS_PAGE] = page


def page_controls(page: int, pages: int, total: int) -> None:
    """Newer / older, with which claims of how many are on screen."""
    first = page * PAGE_SIZE + 1
    with st.container(horizontal=True, vertical_alignment="center", key="claims-pages"):
        st.button(
            "Newer",
            key="page-newer",
            icon=":material/chevron_left:",
            disabled=page == 0,
            on_click=turn_page,
            args=(page - 1,),
        )
        st.caption(f"{first}–{min(first + PAGE_SIZE - 1, total)} of {total}")
        st.button(
            "Older",
            key="page-older",
            icon=":material/chevron_right:",
            icon_position="right",
            disabled=page >= pages - 1,
            on_click=turn_page,
            args=(page + 1,),
        )


def claims_list(
    shown: list[Claim],
    context: PanelContext,
    of_total: int,
    selected: str | None,
    signature: tuple[object, ...],
    *,
    known_then: bool = False,
    claim_filter: ClaimFilter | None = None,
) -> None:
    """One page of cards for the claims shown on the chosen date, newest first.

    The selected claim is always on screen: on its page, or pinned above the page it is not on.
    """
    scope = (
        "reported by this date, graded on what was known then"
        if known_then
        else "reported by this date about the 90 days before it"
    )
    st.markdown(f"**{len(shown)} of {of_total} claims** {scope}")
    if claim_filter is not None:
        found_on_other_dates(claim_filter, shown, context)
    page, pages = page_of(shown, signature)
    on_page = shown[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    with st.container(height=560, key="claims-list"):
        if not shown:
            st.info("No claim matches this date and these filters. Move the date or loosen the filters.")
        pinned = next((claim for claim in shown if claim.id == selected), None)
        if pinned is not None and pinned not in on_page:
            claim_card(pinned, context, True)
        for claim in on_page:
            claim_card(claim, context, claim.id == selected)
    if pages > 1:
        page_controls(page, pages, len(shown))


def while_playing(shown: int, of_total: int) -> None:
    """While Play steps through the dates the list gives way to its count: a viewer watches the map, and
    drawing the cards anew every step is most of what holds the page up between two frames."""
    st.markdown(f"**{shown} of {of_total} claims** on the map on this date")
    st.caption("Playing: the list of claims comes back when you pause.")


def found_on_other_dates(claim_filter: ClaimFilter, shown: list[Claim], context: PanelContext) -> None:
    """A search also looks beyond the chosen date: the nearest matches elsewhere, one click away."""
    if not claim_filter.text.strip():
        return
    dataset, listed = context.dataset, {claim.id for claim in shown}
    elsewhere = [
        claim
        for claim in dataset.claims
        if claim.id not in listed
        and claim.id in context.grades
        and claim_filter.matches(claim, context.grades[claim.id], dataset.search)
    ]
    if not elsewhere:
        return
    elsewhere.sort(key=lambda claim: claim.first_reported)
    st.caption(f"{len(elsewhere)} more {'claim matches' if len(elsewhere) == 1 else 'claims match'} on other dates:")
    with st.container(horizontal=True, key="found-elsewhere"):
        for claim in elsewhere[:6]:
            st.button(
                f"#{context.numbers[claim.id]} · {day(claim.first_reported)}",
                key=f"elsewhere-{claim.id}",
                help=markdown_text(claim.statement),
                on_click=follow_link,
                args=(claim.id, claim.first_reported, False, False),
            )
