"""What analysts and reviewers do beside the map: add a claim, edit one, send it for review, publish,
send back or retract it, and read any claim's history.

Buttons appear only for those whose role allows them, but the store checks the role of every
write again (geo.workflow.roles): a page that sends a write anyway changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from components import session_keys
from components.desk import claim_form, registry_form, registry_review
from components.desk.approval import approval_buttons
from components.desk.change_cells import cell_text, field_title
from components.escaping import markdown_table, markdown_text
from components.page_context import PageContext
from geo.grading.rule import Grade
from geo.language.phrase import said
from geo.language.words import N_, Words
from geo.model.claim_text import describe
from geo.model.records import Case, Claim
from geo.publishing.public_names import ADMINISTRATOR, LOCAL_ACTORS, STAFF, PublicNames
from geo.reading.dataset import Dataset
from geo.reading.source import DataKey
from geo.store import Store
from geo.store.claims import ConflictError, SaveRefusedError, StoredClaim, changes_between
from geo.workflow.lifecycle import ClaimState
from geo.workflow.roles import Action, Actor


@dataclass(frozen=True)
class Desk:
    """The store this page writes to, and who writes: there is a desk only where there is a store to write to."""

    store: Store
    actor: Actor

    @classmethod
    def of(cls, context: PageContext) -> Desk | None:
        return cls(context.store, context.actor) if context.store is not None else None


def open_form(desk: Desk, claim_id: str) -> None:
    """An edit starts from the stored claim."""
    claim_form.start_form(desk.store.stored_claim(claim_id))


def open_new_form(desk: Desk, case: Case | None) -> None:
    """A new claim, its dates starting on the day new_claim_day picks; read when the button is pressed, as the
    date may have moved since the bar was drawn."""
    claim_form.start_form(None, first_day=new_claim_day(st.session_state.get(session_keys.DATE), case))


def new_claim_day(shown: dt.date | None, case: Case | None, today: dt.date | None = None) -> tuple[dt.date, str] | None:
    """The day a new claim's dates start on, and what that day is: the date the map shows, since an analyst adds
    a claim while looking at the map on the days it is about; with no date shown yet, today if the case's period
    holds it. Never a day moved to fit the case (a claim outside it is refused with the reason, on its field);
    None leaves the dates empty."""
    today = today or dt.date.today()
    if shown is not None:
        return shown, N_("the date the map shows")
    if case is None or case.period.start <= today <= case.period.end:
        return today, N_("today")
    return None


def form_open() -> bool:
    """Whether this page has the claim form or the sources and places dialog open."""
    return session_keys.CLAIM_FORM in st.session_state or session_keys.REGISTRY_FORM_OPEN in st.session_state


def analyst_bar(context: PageContext) -> None:
    """For analysts and reviewers: a new claim, and the claims waiting for review."""
    desk, data = Desk.of(context), context.dataset
    if desk is None or not desk.actor.may(Action.DRAFT):
        return
    if notice := st.session_state.pop(session_keys.CLAIM_SAVED, None):
        st.toast(markdown_text(notice), icon=":material/check_circle:")
    if session_keys.CLAIM_FORM in st.session_state:
        claim_form.claim_dialog(desk.store, desk.actor, data, context.words)
    elif session_keys.REGISTRY_FORM_OPEN in st.session_state:
        registry_form.registry_dialog(desk.store, desk.actor, data, context.words)
    pending = [lifecycle for lifecycle in data.lifecycle.values() if lifecycle.pending]
    drafts = sum(lifecycle.state is ClaimState.DRAFT for lifecycle in pending)
    words = context.words
    with st.container(horizontal=True, vertical_alignment="center", key="analyst-bar"):
        st.button(
            words.gettext("New claim"),
            key="new-claim",
            icon=":material/add_location_alt:",
            on_click=open_new_form,
            args=(desk, data.case),
        )
        st.button(
            words.gettext("Sources and places"),
            key="open-registry",
            icon=":material/menu_book:",
            on_click=registry_form.open_registry,
        )
        st.caption(
            words.ngettext("{count} draft", "{count} drafts", drafts)
            + " · "
            + words.ngettext("{count} in review", "{count} in review", len(pending) - drafts)
            + " · "
            + words.gettext("drafts are drawn with a dashed ring")
        )
    review_queue(desk, data, context.grades, context.words)
    registry_review.registry_queue(desk.store, desk.actor, words)  # sources and places wait for review too


def review_queue(desk: Desk, data: Dataset, grades: Mapping[str, Grade], words: Words) -> None:
    """The versions waiting for a reviewer: each with who claims it, where and when, the grade it would have and
    what it would change for viewers."""
    queue = desk.store.queue()
    if not queue:
        return
    title = words.gettext("Waiting for review ({count})", count=words.number(len(queue)))
    with st.expander(title, expanded=desk.actor.may(Action.PUBLISH)):
        for stored in queue:
            editor = markdown_text(stored.lifecycle.edited_by)
            edited = (
                words.gettext("edited by {editor}, first version", editor=editor)
                if stored.published is None
                else words.gettext("edited by {editor}, changes a published claim", editor=editor)
            )
            st.markdown(f"**#{stored.number} · {markdown_text(stored.document['statement'])}**  \n:small[{edited}]")
            st.markdown(queue_item_facts(stored, data, grades, words), width="stretch")
            changes = [
                {
                    words.gettext("field"): field_title("claim", change["field"], words),
                    words.gettext("viewers see now"): cell_text(change["from"], words),
                    words.gettext("after review"): cell_text(change["to"], words),
                }
                for change in changes_between(stored.published, stored.document)
            ]
            if stored.published is not None and changes:
                st.table(markdown_table(changes, index=words.gettext("field")))
            approval_buttons(
                desk.actor,
                stored.id,
                stored.editors,
                partial(write, desk.store.publish, desk.actor, stored.id, stored.version, words=words, done=PUBLISHED),
                partial(
                    write, desk.store.send_back, desk.actor, stored.id, stored.version, words=words, done=SENT_BACK
                ),
                words,
            )


def queue_item_facts(stored: StoredClaim, data: Dataset, grades: Mapping[str, Grade], words: Words) -> str:
    """What a reviewer weighs before reading the changes: the claimant and first report, the place, the days it
    is about and the grade the rule gives the version in review, as markdown (every value escaped)."""
    claim, grade = data.by_id.get(stored.id), grades.get(stored.id)
    if claim is None or grade is None:  # not in the working edition this page read: say what the record holds
        claimant = markdown_text(str(stored.document.get("claimant", "")))
        return ":small[" + words.gettext("claimant: {claimant}", claimant=claimant) + "]"
    text = describe(claim, grade, data, words)
    first = text.reports[0]
    facts = [
        words.gettext(
            "**Source:** {claimant} ({side}), first reported {day} by {outlet}",
            claimant=markdown_text(text.claimant),
            side=markdown_text(text.claimant_side),
            day=words.date(first.date),
            outlet=markdown_text(first.outlet),
        ),
        words.gettext("**Place:** {place}", place=markdown_text(text.where)),
        words.gettext("**Date:** {period}", period=markdown_text(text.period)),
        words.gettext("**Grade:** {grade}", grade=markdown_text(text.grade_line)),
    ]
    return "  \n".join(facts)


PUBLISHED = N_("#{number} published.")
SENT_BACK = N_("#{number} sent back to its analyst.")
SENT_FOR_REVIEW = N_("#{number} sent for review.")
RETRACTED = N_("#{number} retracted.")


def write(
    step: Callable[..., StoredClaim], actor: Actor, claim_id: str, version: int, reason: str, *, words: Words, done: str
) -> None:
    """One lifecycle step; what went wrong is said, never swallowed. The claim is named by its public number, as
    every reader knows it; `done` is the marked message that says so, written in the reader's language."""
    try:
        moved = step(actor, claim_id, expected=version, reason=reason)
    except (ConflictError, SaveRefusedError, PermissionError) as refused:
        st.session_state[session_keys.CLAIM_SAVED] = words.gettext("Not done: {problem}", problem=said(refused, words))
        return
    st.session_state[session_keys.CLAIM_SAVED] = words.gettext(done, number=moved.number)


def card_actions(context: PageContext) -> Callable[[Claim], None]:
    """The selected card's actions for this reader, and the claim's history.

    The card is drawn by the side panel's fragment; a write or the claim form concerns the whole page
    (the queue, the counts, the dialog), so each action runs the whole page again."""

    desk, data = Desk.of(context), context.dataset

    def actions(claim: Claim) -> None:
        lifecycle = data.lifecycle.get(claim.id)
        if desk is None or lifecycle is None:
            return
        actor, words = desk.actor, context.words
        with st.container(horizontal=True, key=f"claim-actions-{claim.id}"):
            editable = actor.may(Action.DRAFT) and lifecycle.state is not ClaimState.RETRACTED
            if editable and st.button(words.gettext("Edit"), key=f"edit-{claim.id}", icon=":material/edit:"):
                open_form(desk, claim.id)
                st.rerun(scope="app")
            submittable = actor.may(Action.SUBMIT) and lifecycle.state is ClaimState.DRAFT
            if submittable and st.button(
                words.gettext("Send for review"), key=f"submit-{claim.id}", icon=":material/send:"
            ):
                write(
                    desk.store.submit,
                    actor,
                    claim.id,
                    lifecycle.version,
                    "sent for review",
                    words=words,
                    done=SENT_FOR_REVIEW,
                )
                st.rerun(scope="app")
        if actor.may(Action.RETRACT) and lifecycle.has_published and lifecycle.state is not ClaimState.RETRACTED:
            with st.popover(words.gettext("Retract"), icon=":material/block:"):
                reason = st.text_area(
                    words.gettext("Why it is retracted (shown with the claim)"), key=f"retract-reason-{claim.id}"
                )
                if st.button(
                    words.gettext("Retract: publish a tombstone"),
                    key=f"retract-{claim.id}",
                    type="primary",
                    disabled=len(reason.strip()) < 10,
                ):
                    write(desk.store.retract, actor, claim.id, lifecycle.version, reason, words=words, done=RETRACTED)
                    st.rerun(scope="app")
        history(desk.store, context.key, claim.id, words, public=not actor.may(Action.DRAFT))

    return actions


def history(store: Store, key: DataKey, claim_id: str, words: Words, *, public: bool) -> None:
    """Every change to the claim: who, when, what, which fields, and why. Viewers see the changes
    that reached them; analysts and reviewers also the drafts and reviews in between. The events are read once
    per change of the store; their words are written in the reader's language here."""
    with st.expander(words.gettext("History")):
        rows = [history_row(event, words) for event in history_rows(key, claim_id, public, store)]
        columns = [words.gettext(name) for name in HISTORY_COLUMNS]
        st.dataframe(pd.DataFrame(rows, columns=columns), hide_index=True, width="stretch", key=f"history-{claim_id}")


HISTORY_COLUMNS = (N_("when"), N_("who"), N_("what"), N_("why"), N_("fields"))
EVENT_ACTIONS = {  # what an event did, as the history's "what" says it
    "added": N_("added"),
    "updated": N_("updated"),
    "drafted": N_("drafted"),
    "edited": N_("edited"),
    "submitted": N_("submitted"),
    "returned": N_("returned"),
    "published": N_("published"),
    "retracted": N_("retracted"),
}
PUBLIC_WORDS = {*LOCAL_ACTORS.values(), ADMINISTRATOR, STAFF}  # the public's names for no one in particular


def history_row(event: dict[str, Any], words: Words) -> dict[str, str]:
    """One event as the reader reads it: the date their language's way, the step in their words."""
    at: dt.datetime = event["at"]
    who = event["who"]
    values = (
        f"{words.date(at.date())} {at:%H:%M}",
        words.gettext(LOCAL_ACTORS.get(who, who)) if who in PUBLIC_WORDS or who in LOCAL_ACTORS else who,
        words.gettext(EVENT_ACTIONS[event["what"]]) if event["what"] in EVENT_ACTIONS else event["what"],
        event["why"],
        event["fields"],
    )
    return dict(zip([words.gettext(name) for name in HISTORY_COLUMNS], values, strict=True))


@st.cache_data(max_entries=64, show_spinner=False)
def history_rows(key: DataKey, claim_id: str, public: bool, _store: Store) -> list[dict[str, Any]]:
    """Read once per change of the store (`key` carries its stamp), not on every date step. Viewers
    see who by the name they chose or their role, never an address or subject (geo.publishing.public_names)."""
    names = PublicNames(_store.users()) if public else None
    return [
        {
            "at": event["at"],
            "who": names.of(event["actor"]) if names is not None else event["actor"],
            "what": event["action"],
            "why": event["reason"],
            "fields": ", ".join(change["field"] for change in event.get("changes") or []),
        }
        for event in _store.history("claim", claim_id, public=public)
    ]
