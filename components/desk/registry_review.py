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
from components.desk.claim_form import shown
from components.escaping import markdown_text
from geo.store import Store
from geo.store.claims import SaveRefusedError
from geo.store.registry import PendingRecord, StaleRecordError
from geo.workflow.roles import Action, Actor


def registry_queue(store: Store, actor: Actor) -> None:
    """The sources and places in review, each with what it changes and, for reviewers, its buttons."""
    if notice := st.session_state.pop(session_keys.REGISTRY_REVIEWED, None):
        st.toast(markdown_text(notice), icon=":material/menu_book:")
    pending = store.registry_queue()
    if not pending:
        return
    title = f"Sources and places waiting for review ({len(pending)})"
    with st.expander(title, expanded=actor.may(Action.PUBLISH)), st.container(key="registry-queue"):
        for item in pending:
            pending_item(store, actor, item)


def pending_item(store: Store, actor: Actor, item: PendingRecord) -> None:
    record = item.record
    what = "new: viewers do not see it yet" if record.published is None else f"changes a published {record.kind}"
    st.markdown(
        f"**{record.kind.capitalize()} · {markdown_text(record.label)}**  \n"
        f":small[{what}; edited by {markdown_text(', '.join(item.editors) or 'nobody since')}]"
    )
    if item.move is not None:
        st.markdown(markdown_text(f"On the map: {item.move}."))
    rows = [
        {"field": change["field"], "viewers see now": shown(change["from"]), "after review": shown(change["to"])}
        for change in item.changes
    ]
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key=f"changes-{record.kind}-{record.key}")
    approval_buttons(
        actor,
        f"{item.record.kind}-{item.record.key}",
        item.editors,
        lambda reason: review_step(store.publish_record, actor, item, reason, "published"),
        lambda reason: review_step(store.send_back_record, actor, item, reason, "sent back to the analysts"),
    )


def review_step(step: Callable[..., int], actor: Actor, item: PendingRecord, reason: str, done: str) -> None:
    """One review step; what went wrong is said, never swallowed."""
    record = item.record
    try:
        step(actor, record.kind, record.key, expected=record.version, reason=reason)
    except (StaleRecordError, SaveRefusedError, PermissionError) as refused:
        st.session_state[session_keys.REGISTRY_REVIEWED] = f"Not done: {refused}"
        return
    st.session_state[session_keys.REGISTRY_REVIEWED] = f"{record.kind.capitalize()} {record.label} {done}."
