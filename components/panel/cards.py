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
from geo.language.scales import category_name, confidence_name, precision_name, side_name, status_name
from geo.language.words import ENGLISH, Words
from geo.model.claim_text import ClaimText, ReportText, describe
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


def link_or_name(url: str, name: str, words: Words) -> str:
    checked = safe_url(url)
    if checked:
        return f"[{markdown_text(name)}]({checked})"
    return words.gettext("{outlet} (no link found)", outlet=markdown_text(name))


def report_line(report: ReportText, words: Words) -> str:
    """One report: the outlet (linked), its date, and whom it passes on."""
    outlet, day = link_or_name(report.url, report.outlet, words), words.date(report.date)
    if report.via:
        return words.gettext("{outlet}, {day} — via {via}", outlet=outlet, day=day, via=markdown_text(report.via))
    return words.gettext("{outlet}, {day}", outlet=outlet, day=day)


def period_in(claim: Claim, words: Words) -> str:
    """The day or the period a claim is about, its dates written the reader's way."""
    start, end = claim.refers_to.start, claim.refers_to.end
    if start == end:
        return words.date(start)
    return words.gettext("{start} – {end}", start=words.date(start), end=words.date(end))


def side_of(claim: Claim, dataset: Dataset, words: Words) -> str:
    """The claimant's side by name, in the reader's language."""
    return side_name(dataset.sources[claim.claimant].affiliation, words)


def provenance(text: ClaimText, side: str, words: Words) -> str:
    """Who said it, through whom, where: the chain a briefer reads out."""
    claimant = markdown_text(text.claimant)
    stake = words.gettext("party to the conflict") if text.claimant_is_party else words.gettext("not a party")
    if text.passes_on:
        chain = words.gettext(
            "- **Claimed by:** {claimant} ({side}; {stake}), passing on {origin}",
            claimant=claimant,
            side=side,
            stake=stake,
            origin=markdown_text(text.passes_on),
        )
    else:
        chain = words.gettext(
            "- **Claimed by:** {claimant} ({side}; {stake})", claimant=claimant, side=side, stake=stake
        )
    reports = "\n".join(f"  - {report_line(report, words)}" for report in text.reports)
    reported_by = words.gettext("- **Reported by:**")
    return f"{chain}\n{reported_by}\n{reports}"


def grade_badges(text: ClaimText, words: Words) -> str:
    colour = {ConfidenceLevel.HIGH: "green", ConfidenceLevel.MODERATE: "orange", ConfidenceLevel.LOW: "red"}[
        text.grade.confidence
    ]
    confidence = words.gettext("Confidence: {level}", level=confidence_name(text.grade.confidence, words))
    status = status_name(text.grade.status, words).lower()
    return f":{colour}-badge[{confidence}] :gray-badge[{status}] :gray-badge[{text.code}]"


def grade_summary(text: ClaimText, words: Words) -> str:
    """Why this confidence, then the likelihood in its own sentence (ICD 203), then the Admiralty code."""
    admiralty = words.gettext("Admiralty code {code}.", code=markdown_text(text.admiralty))
    summary = (
        f"{grade_badges(text, words)}\n\n{markdown_text(text.confidence_sentence)} "
        f"{markdown_text(text.likelihood_sentence)} {admiralty}"
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
    words = context.words
    groups = [
        (words.gettext("**Agrees with:**"), grade.corroborated_by + grade.not_counted),
        (words.gettext("**Disagrees with:**"), grade.contradicted_by),
    ]
    for label, ids in groups:
        if not ids:
            continue
        st.markdown(label)
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
        words: Words = ENGLISH,
    ) -> None:
        self.words = words  # the reader's language
        self.card_actions = card_actions  # what the reader may do with the selected claim (edit, review, history)
        self.dataset = dataset
        self.grades = grades
        self.claims = dataset.by_id
        self.numbers = dataset.numbers
        self.at_date_ids = at_date_ids  # covered by the chosen date, whatever the filters
        self.passing_filter = passing_filter


def compact_sources(text: ClaimText, side: str, words: Words) -> str:
    """Claimant and first report on one line, for cards that are not selected."""
    first, others = text.reports[0], len(text.reports) - 1
    more = words.ngettext(" (+{count} more)", " (+{count} more)", others) if others else ""
    values = {
        "claimant": markdown_text(text.claimant),
        "side": side,
        "outlet": link_or_name(first.url, first.outlet, words),
        "day": words.date(first.date),
        "more": more,
    }
    if text.claimant_is_party:
        return words.gettext("Claimed by {claimant} ({side}, party) · reported by {outlet}, {day}{more}", **values)
    return words.gettext("Claimed by {claimant} ({side}, not a party) · reported by {outlet}, {day}{more}", **values)


def claim_card(claim: Claim, context: PanelContext, selected: bool) -> None:
    """One claim. Every card says who, where from, when, where and how sure; the selected one also
    gives every reason, the whole provenance and the links to related claims."""
    grade, words = context.grades[claim.id], context.words
    text = describe(claim, grade, context.dataset, words)
    side, category = side_of(claim, context.dataset, words), category_name(claim.category, words)
    where = markdown_text(text.where)
    if text.place_note and selected:
        where += f". {markdown_text(text.place_note)}"
    statement = markdown_text(text.statement)
    if text.retraction:
        statement = f"~~{statement}~~"
    state = f" :orange-badge[{text.state}]" if text.state else ""
    heading = f"**#{text.number} · {statement}**{state}  \n"
    if text.translation:  # the statement stays as made; a reader of another language is given its translation
        translation = words.gettext("*Translation:* {translation}", translation=markdown_text(text.translation))
        heading += f":small[{translation}]  \n"
    if not selected:  # no box of its own: a line under its button separates it (app.css), a few hundred bytes less
        about = words.gettext("about {period}", period=period_in(claim, words))
        why = words.gettext("*Why:* {headline}", headline=markdown_text(grade.deciding.said_in(words)))
        st.markdown(
            f"{heading}{grade_badges(text, words)} :small[{category}]\n\n"
            f":small[{compact_sources(text, side, words)} · {about} · {where}]\n\n"
            f":small[{why}]"
        )
        st.button(
            words.gettext("Show on map"),
            key=f"select-{claim.id}",
            icon=":material/my_location:",
            on_click=select_claim,
            args=(claim.id,),
        )
        return
    with st.container(border=True, key=f"claim-selected-{claim.id}"):  # the page brings it into sight
        about = words.gettext(
            "- **About:** {period} ({precision}); first reported {day}",
            period=period_in(claim, words),
            precision=precision_name(claim.refers_to.precision, words),
            day=words.date(text.first_reported),
        )
        record = (
            "\n" + words.gettext("- **On record:** {record}", record=markdown_text(text.record)) if text.record else ""
        )
        st.markdown(
            f"{heading}:small[{category}]\n\n{grade_summary(text, words)}\n\n"
            f"{provenance(text, side, words)}\n{about}\n" + words.gettext("- **Where:** {where}", where=where) + record
        )
        if text.retraction:
            st.error(markdown_text(text.retraction), icon=":material/block:")
        with st.expander(words.gettext("Why this grade"), expanded=True):
            note = (
                "\n\n" + words.gettext("*Analyst's note:* {note}", note=markdown_text(claim.analyst_note))
                if claim.analyst_note
                else ""
            )
            st.markdown(
                "\n".join(
                    f"{step}. {markdown_text(reason.said_in(words))}" for step, reason in enumerate(grade.why, start=1)
                )
                + note
            )
        claim_links(claim, grade, context)
        if context.card_actions is not None:
            context.card_actions(claim)
        st.button(
            words.gettext("Selected on the map"),
            key=f"select-{claim.id}",
            disabled=True,
            icon=":material/my_location:",
        )


def linked_claim_hidden(claim_id: str, dataset: Dataset, chosen: dt.date, words: Words) -> None:
    """Say why a link's claim is not selected, instead of dropping it silently."""
    claim = dataset.by_id.get(claim_id)
    if claim is None:
        st.warning(
            words.gettext("The link names a claim that is not in the data: {claim}.", claim=markdown_text(claim_id))
        )
        return
    st.info(
        words.gettext(
            "The linked claim «{statement}» (first reported {reported}) is not among the claims shown on {day} "
            "with these filters.",
            statement=markdown_text(claim.statement),
            reported=words.date(claim.first_reported),
            day=words.date(chosen),
        ),
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


def page_controls(page: int, pages: int, total: int, words: Words) -> None:
    """Newer / older, with which claims of how many are on screen."""
    first = page * PAGE_SIZE + 1
    with st.container(horizontal=True, vertical_alignment="center", key="claims-pages"):
        st.button(
            words.gettext("Newer"),
            key="page-newer",
            icon=":material/chevron_left:",
            disabled=page == 0,
            on_click=turn_page,
            args=(page - 1,),
        )
        last = min(first + PAGE_SIZE - 1, total)
        st.caption(
            words.gettext(
                "{first}–{last} of {total}",
                first=words.number(first),
                last=words.number(last),
                total=words.number(total),
            )
        )
        st.button(
            words.gettext("Older"),
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
    words = context.words
    if known_then:
        heading = words.ngettext(
            "**{shown} of {count} claim** reported by this date, graded on what was known then",
            "**{shown} of {count} claims** reported by this date, graded on what was known then",
            of_total,
            shown=words.number(len(shown)),
        )
    else:
        heading = words.ngettext(
            "**{shown} of {count} claim** reported by this date about the 90 days before it",
            "**{shown} of {count} claims** reported by this date about the 90 days before it",
            of_total,
            shown=words.number(len(shown)),
        )
    st.markdown(heading)
    if claim_filter is not None:
        found_on_other_dates(claim_filter, shown, context)
    page, pages = page_of(shown, signature)
    on_page = shown[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    with st.container(height=560, key="claims-list"):
        if not shown:
            st.info(words.gettext("No claim matches this date and these filters. Move the date or loosen the filters."))
        pinned = next((claim for claim in shown if claim.id == selected), None)
        if pinned is not None and pinned not in on_page:
            claim_card(pinned, context, True)
        for claim in on_page:
            claim_card(claim, context, claim.id == selected)
    if pages > 1:
        page_controls(page, pages, len(shown), words)


def while_playing(shown: int, of_total: int, words: Words) -> None:
    """While Play steps through the dates the list gives way to its count: a viewer watches the map, and
    drawing the cards anew every step is most of what holds the page up between two frames."""
    st.markdown(
        words.ngettext(
            "**{shown} of {count} claim** on the map on this date",
            "**{shown} of {count} claims** on the map on this date",
            of_total,
            shown=words.number(shown),
        )
    )
    st.caption(words.gettext("Playing: the list of claims comes back when you pause."))


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
    words = context.words
    st.caption(
        words.ngettext(
            "{count} more claim matches on other dates:", "{count} more claims match on other dates:", len(elsewhere)
        )
    )
    with st.container(horizontal=True, key="found-elsewhere"):
        for claim in elsewhere[:6]:
            st.button(
                f"#{context.numbers[claim.id]} · {words.date(claim.first_reported)}",
                key=f"elsewhere-{claim.id}",
                help=markdown_text(claim.statement),
                on_click=follow_link,
                args=(claim.id, claim.first_reported, False, False),
            )
