"""Who is using the page, decided in one place, and the line at the top that says so.

A team that has an identity provider configures `st.login` (an `[auth]` section in the app's
secrets): people sign in, and their role is the one the store holds for them (a viewer until an
administrator grants more). Without `[auth]`, an app on loopback runs as one local analyst with no
sign-in; an app served to a network (geo/settings.py) makes every visitor a viewer. A bundle folder
previewed directly has no store, so nobody can write there.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from components.escaping import markdown_text
from geo.language.words import Words
from geo.reading.source import current_store
from geo.settings import ServingSettings, serving
from geo.workflow.roles import ANONYMOUS, Actor, Role, email_key, is_email, is_issuer, local_actor, subject_key

PREVIEWER = Actor("preview", "Previewing a bundle folder", Role.VIEWER)
# Served to a network without sign-in: nobody can be told apart, so nobody writes.
NETWORK_VIEWER = Actor("network viewer", "Viewing", Role.VIEWER)
# While the store cannot be reached nobody's role can be read, and nothing can be written.
STORE_AWAY = Actor("store away", "Read only while the claims store cannot be reached", Role.VIEWER)


def sign_in_configured() -> bool:
    """True when the app's secrets have an `[auth]` section, i.e. `st.login` can reach a provider."""
    try:
        return "auth" in st.secrets
    except StreamlitSecretNotFoundError:  # no secrets file at all: the embedded default
        return False


def text_claim(user: Mapping[str, Any], key: str) -> str:
    """A claim of the token that is a non-empty string, else '' (a provider or a forger may send anything)."""
    value = user.get(key)
    return value if isinstance(value, str) else ""


def verified_email(user: Mapping[str, Any]) -> str:
    """The address, only when the provider says it verified it with the boolean true: a missing claim,
    the string "true" or "false", 1, or an address that is not one, vouch for nothing."""
    email = text_claim(user, "email")
    return email if user.get("email_verified") is True and is_email(email) else ""


def subject_and_name(user: Mapping[str, Any]) -> tuple[str, str]:
    """Whom a signed-in person is in the event log, and what to call them.

    The subject is the provider's issuer and `sub` together (a `sub` is unique only within its issuer),
    so it is the same person whatever address they hold; '' when the token names neither."""
    issuer, sub = text_claim(user, "iss"), text_claim(user, "sub")
    subject = subject_key(issuer, sub) if is_issuer(issuer) and sub else ""
    return subject, text_claim(user, "name") or verified_email(user) or sub


def role_keys(user: Mapping[str, Any], trusted_issuers: tuple[str, ...]) -> list[str]:
    """What a role may be kept under for this person, most specific first: the issuer and subject, then an
    address the provider verified. A provider that is not on the allow-list vouches for nobody."""
    issuer, sub = text_claim(user, "iss"), text_claim(user, "sub")
    if not is_issuer(issuer) or issuer not in trusted_issuers or not sub:
        return []
    email = verified_email(user)
    return [subject_key(issuer, sub), *([email_key(email)] if email else [])]


def signed_in_actor(user: Mapping[str, Any], settings: ServingSettings, role_of: Callable[[str], Role | None]) -> Actor:
    """The role the store holds under the first key that has one, and that key as the subject the event log
    records (so the log and the public names follow the grant); a viewer under issuer and subject otherwise."""
    subject, name = subject_and_name(user)
    if not subject:  # a token that names nobody: treat as not signed in
        return ANONYMOUS
    for key in role_keys(user, settings.trusted_issuers):
        if (role := role_of(key)) is not None:
            return Actor(key, name, role)
    return Actor(subject, name, Role.VIEWER)


def actor_for(
    sign_in: bool,
    user: Mapping[str, Any],
    has_store: bool,
    role_of: Callable[[str], Role | None],
    settings: ServingSettings,
) -> Actor:
    """The rule, free of Streamlit: `user` is what `st.user` holds, `role_of` asks the store."""
    if sign_in:
        if user.get("is_logged_in") is not True:
            return ANONYMOUS
        return signed_in_actor(user, settings, role_of if has_store else lambda _key: None)
    if not has_store:
        return PREVIEWER
    if settings.serve_to_network:
        return NETWORK_VIEWER
    return local_actor(settings.local_role)


def grant_command(subject: str) -> str:
    """The command that grants this person a role (their provider's subject is shown nowhere else: Microsoft
    Entra ID, for one, gives each application its own)."""
    issuer, _, sub = subject.partition("#") if is_issuer(subject.partition("#")[0]) else ("", "", subject)
    issuer_option = f" --issuer {shlex.quote(issuer)}" if issuer else ""
    return f"python -m geo.store grant {shlex.quote(sub)} ROLE{issuer_option} --reason WHY"


def current_actor() -> Actor:
    """The actor every write from this page names; the store checks its role again on each write."""
    store, sign_in = current_store(), sign_in_configured()
    role_of = store.role_of if store is not None else lambda _subject: None
    return actor_for(sign_in, st.user if sign_in else {}, store is not None, role_of, serving())


def role_name(role: Role, words: Words) -> str:
    """A role as the account bar names it, in the reader's language."""
    return {
        Role.VIEWER: words.pgettext("role", "viewer"),
        Role.ANALYST: words.pgettext("role", "analyst"),
        Role.REVIEWER: words.pgettext("role", "reviewer"),
    }[role]


def local_line(role: Role, words: Words) -> str:
    """An app without sign-in on loopback: who is using it, and who may write in it (whoever uses a browser on
    this computer)."""
    return {
        Role.VIEWER: words.gettext("Local viewer (no sign-in) · read only"),
        Role.ANALYST: words.gettext(
            "Local analyst (no sign-in) · whoever opens this page on this computer may draft claims"
        ),
        Role.REVIEWER: words.gettext(
            "Local reviewer (no sign-in) · whoever opens this page on this computer may draft and publish claims"
        ),
    }[role]


def account_bar(actor: Actor, words: Words) -> None:
    """One small line: who you are, your role, and Sign in / Sign out where sign-in is configured."""
    with st.container(key="account-bar", horizontal=True, horizontal_alignment="right", vertical_alignment="center"):
        if actor.subject.startswith("local "):
            st.caption(local_line(actor.role, words), width="content")
        elif actor == PREVIEWER:
            st.caption(words.gettext("Previewing a bundle folder · read only"), width="content")
        elif actor == STORE_AWAY:
            st.caption(words.gettext("Read only while the claims store cannot be reached"), width="content")
        elif actor == NETWORK_VIEWER:
            st.caption(
                words.gettext("Viewing · read only: served to a network without sign-in, nobody writes here"),
                width="content",
            )
        elif actor == ANONYMOUS:
            st.caption(
                words.gettext("Viewing · read only; the desk's analysts and reviewers sign in to write"),
                width="content",
            )
            if st.button(words.gettext("Sign in"), key="sign-in", type="tertiary", icon=":material/login:"):
                st.login()
        else:
            st.caption(
                words.gettext(
                    "Signed in as {name} · {role}", name=markdown_text(actor.name), role=role_name(actor.role, words)
                ),
                width="content",
            )
            with st.popover(
                words.gettext("Your sign-in"), type="tertiary", icon=":material/badge:", key="your-sign-in"
            ):
                st.caption(words.gettext("Whom the store knows you as: to give you a role, an administrator runs"))
                st.code(grant_command(actor.subject), language=None, wrap_lines=True)
            if st.button(words.gettext("Sign out"), key="sign-out", type="tertiary", icon=":material/logout:"):
                st.logout()
