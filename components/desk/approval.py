"""Publish or send back: the reviewer's two buttons, for claims, sources and places alike."""

from __future__ import annotations

from collections.abc import Callable, Collection

import streamlit as st

from geo.language.words import Words
from geo.workflow.roles import Action, Actor


def approval_buttons(
    actor: Actor,
    name: str,
    editors: Collection[str],
    publish: Callable[[str], None],
    send_back: Callable[[str], None],
    words: Words,
) -> None:
    """Both need the reason the log keeps. Not offered to anyone who drafted or edited the version since its
    last publication (the store refuses them anyway, inside the write): another reviewer approves it."""
    if not actor.may(Action.PUBLISH):
        return
    if actor.subject in editors:
        st.caption(words.gettext("You edited this version: another reviewer approves it."))
        return
    reason = st.text_input(words.gettext("Why (kept in the history)"), key=f"review-reason-{name}")
    hint = st.empty()  # always in its place, so the buttons below keep theirs when the hint goes
    if not reason.strip():  # the buttons are grey until then: say why, beside them
        hint.caption(
            ":material/info: "
            + words.gettext("Publish and Send back need a reason: write why in the box above and press Enter."),
            width="stretch",
        )
    left, right = st.columns(2)
    left.button(
        words.gettext("Publish"),
        key=f"publish-{name}",
        type="primary",
        icon=":material/public:",
        disabled=not reason.strip(),
        on_click=publish,
        args=(reason,),
    )
    right.button(
        words.gettext("Send back"),
        key=f"send-back-{name}",
        icon=":material/undo:",
        disabled=not reason.strip(),
        on_click=send_back,
        args=(reason,),
    )
