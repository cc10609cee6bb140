"""The side panel: date control, filters, and one card per claim with its grade and why.

All data text goes through components.escaping before st.markdown sees it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import streamlit as st

from components import session_keys
from components.escaping import markdown_text, safe_url
from geo.grading.rule import Grade
from geo.model.claim_text import ClaimText, day, describe
from geo.model.confidence import ConfidenceLevel, Status
from geo.model.records import Affiliation, Category, Claim
from geo.reading.dataset import Dataset
from geo.reading.loading import FrontSnapshot
from geo.selection.filters import ClaimFilter
from geo.time.timeline import nearest_date

FILTER_CHOICES = (
    session_keys.FILTER_SIDES,
    session_keys.FILTER_CATEGORIES,
    session_keys.FILTER_CONFIDENCE,
    session_keys.FILTER_STATUSES,
)  # in the order claim_filter_of takes them
ANY_CONFIDENCE = "Any"
PAGE_SIZE = 8


def snap_to_step(options: list[dt.date]) -> None:
    """Callback: a day with nothing new moves on to the next date that has something, in the direction moved.

    The slider runs over days (so its size does not grow with the number of claims); this keeps its
    steps on the dates that have a front snapshot or a claim report.
    """
    chosen, previous = st.session_state[session_keys.DATE], st.session_state.get(session_keys.SHOWN_DATE)
    if chosen in options:
        return
    if previous is not None and chosen > previous:
        st.session_state[session_keys.DATE] = next((option for option in options if option >= chosen), options[-1])
    else:
        st.session_state[session_keys.DATE] = nearest_date(options, chosen)


def date_control(options: list[dt.date]) -> dt.date:
    """A slider over the timeline; its value lives in session state under session_keys.DATE."""
    chosen = st.slider(
        "Date",
        min_value=options[0],
        max_value=options[-1],
        step=dt.timedelta(days=1),
        format="D MMM YYYY",
        key=session_keys.DATE,
        on_change=snap_to_step,
        args=(options,),
        help="Steps through the dates with a front snapshot or a claim report. Each front layer "
        "shows its latest snapshot on or before this date.",
    )
    st.session_state[session_keys.SHOWN_DATE] = chosen
    return chosen


def fronts_caption(snapshots: dict[str, FrontSnapshot]) -> None:
    """Which snapshot of each source the map shows, with its own 'as of' date and area."""
    if not snapshots:
        st.caption("No front data on or before this date.")
        return
    lines = [
        f"{markdown_text(snapshot.label)}: as of {day(snapshot.date)}, "
        f"{snapshot.area_km2:,.0f} km² — {markdown_text(snapshot.source_name)}"
        for snapshot in snapshots.values()
    ]
    st.caption("  \n".join(lines))


def restore_filter(claim_filter: ClaimFilter) -> None:
    """Put a link's filters into the widgets' state (before the widgets are drawn)."""
    st.session_state[session_keys.FILTER_SIDES] = sorted(claim_filter.sides, key=list(Affiliation).index)
    st.session_state[session_keys.FILTER_CATEGORIES] = sorted(claim_filter.categories, key=list(Category).index)
    st.session_state[session_keys.FILTER_CONFIDENCE] = (
        claim_filter.min_confidence.value if claim_filter.min_confidence else ANY_CONFIDENCE
    )
    st.session_state[session_keys.FILTER_STATUSES] = sorted(claim_filter.statuses, key=list(Status).index)
    st.session_state[session_keys.FILTER_TEXT] = claim_filter.text


def filter_controls() -> ClaimFilter:
    """The filter widgets, folded away unless a filter is on."""
    current = (
        st.session_state.get(session_keys.FILTER_TEXT)
        or any(
            st.session_state.get(key)
            for key in (session_keys.FILTER_SIDES, session_keys.FILTER_CATEGORIES, session_keys.FILTER_STATUSES)
        )
        or (st.session_state.get(session_keys.FILTER_CONFIDENCE, ANY_CONFIDENCE) != ANY_CONFIDENCE)
    )
    with st.expander("Filters", expanded=bool(current), icon=":material/filter_list:"):
        text = st.text_input("Search", key=session_keys.FILTER_TEXT, placeholder="e.g. Sudzha, Суджа, NIS, Gerasimov")
        sides = st.multiselect(
            "Claimant side",
            list(Affiliation),
            key=session_keys.FILTER_SIDES,
            format_func=lambda side: side.label,
            placeholder="Any side",
        )
        categories = st.multiselect(
            "Category",
            list(Category),
            key=session_keys.FILTER_CATEGORIES,
            format_func=lambda category: category.label,
            placeholder="Any category",
        )
        minimum = st.segmented_control(
            "Minimum confidence",
            [ANY_CONFIDENCE, *(level.value for level in reversed(list(ConfidenceLevel)))],
            key=session_keys.FILTER_CONFIDENCE,
        )
        statuses = st.multiselect(
            "Status",
            list(Status),
            key=session_keys.FILTER_STATUSES,
            format_func=lambda status: status.value.capitalize(),
            placeholder="Any status",
        )
    return claim_filter_of(sides, categories, minimum, statuses, text)


def claim_filter_of(sides: object, categories: object, minimum: object, statuses: object, text: object) -> ClaimFilter:
    """The filter the widgets' values describe."""
    return ClaimFilter(
        frozenset(sides or ()),  # type: ignore[call-overload]
        frozenset(categories or ()),  # type: ignore[call-overload]
        ConfidenceLevel(minimum) if minimum and minimum != ANY_CONFIDENCE else None,
        frozenset(statuses or ()),  # type: ignore[call-overload]
        str(text or ""),
    )


def filter_in_state() -> ClaimFilter:
    """The filter the widgets hold, read before they are drawn (so the map can be told first)."""
    values = [st.session_state.get(key) for key in FILTER_CHOICES]
    return claim_filter_of(*values, st.session_state.get(session_keys.FILTER_TEXT))


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


def analysis_caption(lines: list[str]) -> None:
    """The counts behind the comparison and change overlays, in words."""
    if lines:
        st.caption("  \n".join(markdown_text(line) for line in lines))


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
