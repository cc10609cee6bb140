"""Who is using the page, decided in one place, and the line at the top that says so.

A team that has an identity provider configures `st.login` (an `[auth]` section in the app's
secrets): people sign in, and their role is the one the store holds for them (a viewer until an
administrator grants more). Without `[auth]` the embedded app runs as one local analyst with no
sign-in. A bundle folder previewed directly has no store, so nobody can write there.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from components.escaping import markdown_text
from geo.roles import ANONYMOUS, Actor, Role, local_actor
from geo.source import current_store

PREVIEWER = Actor("preview", "Previewing a bundle folder", Role.VIEWER)


def sign_in_configured() -> bool:
    """True when the app's secrets have an `[auth]` section, i.e. `st.login` can reach a provider."""
    try:
        return "auth" in st.secrets
    except StreamlitSecretNotFoundError:  # no secrets file at all: the embedded default
        return False


def subject_and_name(user: Mapping[str, Any]) -> tuple[str, str]:
    """Whom a signed-in person's role is kept under, and what to call them.

    The e-mail address is the subject, as an administrator knows people by it; an address the
    provider itself marks unverified is not trusted, so the provider's `sub` stands in for it."""
    email = str(user.get("email") or "")
    if user.get("email_verified") is False:
        email = ""
    subject = email or str(user.get("sub") or "")
    return subject, str(user.get("name") or email or subject)


def actor_for(sign_in: bool, user: Mapping[str, Any], has_store: bool, role_of: Callable[[str], Role | None]) -> Actor:
    """The rule, free of Streamlit: `user` is what `st.user` holds, `role_of` asks the store."""
    if sign_in:
        if not user.get("is_logged_in"):
            return ANONYMOUS
        subject, name = subject_and_name(user)
        if not subject:  # a token with neither e-mail nor sub names nobody: treat as not signed in
            return ANONYMOUS
        role = role_of(subject) if has_store else None
        return Actor(subject, name, role or Role.VIEWER)
    return local_actor(os.environ.get("KURSK_MAP_LOCAL_ROLE")) if has_store else PREVIEWER


def current_actor() -> Actor:
    """The actor every write from this page names; the store checks its role again on each write."""
    store, sign_in = current_store(), sign_in_configured()
    role_of = store.role_of if store is not None else lambda _subject: None
    return actor_for(sign_in, st.user if sign_in else {}, store is not None, role_of)


def account_bar(actor: Actor) -> None:
    """One small line: who you are, your role, and Sign in / Sign out where sign-in is configured."""
    with st.container(key="account-bar", horizontal=True, horizontal_alignment="right", vertical_alignment="center"):
        if actor.subject.startswith("local "):
            st.caption(f"{actor.name} (no sign-in)", width="content")
        elif actor == PREVIEWER:
            st.caption("Previewing a bundle folder · read only", width="content")
        elif actor == ANONYMOUS:
            st.caption("Viewing", width="content")
            if st.button("Sign in", key="sign-in", type="tertiary", icon=":material/login:"):
                st.login()
        else:
            st.caption(f"Signed in as {markdown_text(actor.name)} · {actor.role.value}", width="content")
            if st.button("Sign out", key="sign-out", type="tertiary", icon=":material/logout:"):
                st.logout()
