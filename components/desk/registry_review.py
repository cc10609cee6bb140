"""The sources and places waiting for a reviewer, beside the claims: what each change shows viewers.

A renamed source is renamed on every card that cites it, and a moved place moves every claim there,
so the reviewer sees each field's old and new value and, for a place, how many claims move and how
far. Whoever drafted or edited the version since its last publication is not offered its buttons
(and the store refuses them anyway, geo.store.registry).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from components import session_keys
from components.desk.approval import approval_buttons
from components.desk.change_cells import cell_text, field_title
from components.escaping import markdown_text
from geo.language.phrase import said
from geo.language.words import N_, Words
from geo.store import Store
from geo.store.claims import SaveRefusedError
from geo.store.registry import PendingRecord, StaleRecordError
from geo.workflow.roles import Action, Actor


def registry_queue(store: Store, actor: Actor, words: Words) -> None:
    """The sources and places in review, each with what it changes and, for reviewers, its buttons."""
    if notice := st.session_state.pop(session_keys.REGISTRY_REVIEWED, None):
        st.toast(markdown_text(notice), icon=":material/menu_book:")
    pending = store.registry_queue()
    if not pending:
        return
    title = words.gettext("Sources and places waiting for review ({count})", count=words.number(len(pending)))
    with st.expander(title, expanded=actor.may(Action.PUBLISH)), st.container(key="registry-queue"):
        for item in pending:
            pending_item(store, actor, item, words)


KIND_NAMES = {"source": N_("Source"), "place": N_("Place")}


def pending_item(store: Store, actor: Actor, item: PendingRecord, words: Words) -> None:
    record = item.record
    editors = markdown_text(", ".join(item.editors)) or words.gettext("nobody since")
    if record.published is None:
        what = words.gettext("new: viewers do not see it yet; edited by {editors}", editors=editors)
    elif record.kind == "place":
        what = words.gettext("changes a published place; edited by {editors}", editors=editors)
    else:
        what = words.gettext("changes a published source; edited by {editors}", editors=editors)
    kind = words.gettext(KIND_NAMES.get(record.kind, record.kind.capitalize()))
    st.markdown(f"**{kind} · {markdown_text(record.label)}**  \n:small[{what}]")
    if item.move is not None:
        st.markdown(markdown_text(words.gettext("On the map: {move}.", move=item.move.said_in(words))))
    rows = [
        {
            words.gettext("field"): field_title(record.kind, change["field"], words),
            words.gettext("viewers see now"): cell_text(change["from"], words),
            words.gettext("after review"): cell_text(change["to"], words),
        }
        for change in item.changes
    ]
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key=f"changes-{record.kind}-{record.key}")
    approval_buttons(
        actor,
        f"{item.record.kind}-{item.record.key}",
        item.editors,
        lambda reason: review_step(store.publish_record, actor, item, reason, words, published=True),
        lambda reason: review_step(store.send_back_record, actor, item, reason, words, published=False),
        words,
    )


def review_step(
    step: Callable[..., int], actor: Actor, item: PendingRecord, reason: str, words: Words, *, published: bool
) -> None:
    """One review step; what went wrong is said, never swallowed, in the reader's language."""
    record = item.record
    try:
        step(actor, record.kind, record.key, expected=record.version, reason=reason)
    except (StaleRecordError, SaveRefusedError, PermissionError) as refused:
        st.session_state[session_keys.REGISTRY_REVIEWED] = words.gettext(
            "Not done: {problem}", problem=said(refused, words)
        )
        return
    kind = words.gettext(KIND_NAMES.get(record.kind, record.kind.capitalize()))
    done = (
        words.gettext("{kind} {name} published.", kind=kind, name=record.label)
        if published
        else words.gettext("{kind} {name} sent back to the analysts.", kind=kind, name=record.label)
    )
    st.session_state[session_keys.REGISTRY_REVIEWED] = done
