"""Who may do what: viewers read, analysts draft and edit, reviewers publish and retract.

Every write to the store names an `Actor` and is checked here, on the server, whatever the page
sends; hiding a button is a courtesy, this is the rule.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from geo.language.phrase import Phrase
from geo.language.words import N_


class Role(enum.StrEnum):
    VIEWER = "viewer"
    ANALYST = "analyst"
    REVIEWER = "reviewer"


class Action(enum.StrEnum):
    DRAFT = "draft"  # add a claim, or edit one (a published claim goes back to review)
    SUBMIT = "submit"  # ask for review
    PUBLISH = "publish"  # approve the version in review: viewers see it
    RETURN = "return"  # send a version in review back to its analyst
    RETRACT = "retract"  # publish a tombstone; the claim is never deleted
    GRANT = "grant"  # give someone a role


ALLOWED: dict[Role, frozenset[Action]] = {
    Role.VIEWER: frozenset(),
    Role.ANALYST: frozenset({Action.DRAFT, Action.SUBMIT}),
    Role.REVIEWER: frozenset(
        {Action.DRAFT, Action.SUBMIT, Action.PUBLISH, Action.RETURN, Action.RETRACT, Action.GRANT}
    ),
}


@dataclass(frozen=True)
class Actor:
    """A person acting on the store: `subject` is what the event log records (the provider's issuer and
    subject, see `subject_key`, or "local analyst" for the embedded app that runs without sign-in)."""

    subject: str
    name: str
    role: Role

    def may(self, action: Action) -> bool:
        return action in ALLOWED[self.role]


LOCAL_ANALYST = Actor("local analyst", "Local analyst", Role.ANALYST)


def local_actor(role: Role) -> Actor:
    """Whoever uses an app that runs on loopback without sign-in: an analyst by default. A team may run a
    read-only copy on the same store for a briefing room (viewer), or a reviewer's copy, by setting the role."""
    if role is Role.ANALYST:
        return LOCAL_ANALYST
    return Actor(f"local {role.value}", f"Local {role.value}", role)


# An address as a grant names it and a provider verifies it: one '@', and none of the characters that
# could make it read as an issuer's key (':', '/', '#') or hide in a list (space, quotes, comma).
EMAIL = re.compile(r"[^@\s:/#\"',]+@[^@\s:/#\"',]+\.[^@\s:/#\"',]+")


# An OpenID Connect issuer is an https URL with no query or fragment (http only for a test on loopback).
ISSUER = re.compile(r"https?://[^\s#?\"']+")


def is_issuer(issuer: str) -> bool:
    return ISSUER.fullmatch(issuer) is not None


def subject_key(issuer: str, subject: str) -> str:
    """Whom a role is kept under for a person the provider names by `sub`. A `sub` is unique only within
    its issuer, and may be any text (an address too), so the key holds both; it starts with the issuer's
    https:// address, which no e-mail key can (see EMAIL)."""
    if not is_issuer(issuer) or not subject:
        raise ValueError(f"not an issuer's https:// address and a subject: {issuer!r}, {subject!r}")
    return f"{issuer}#{subject}"


def is_email(address: str) -> bool:
    return EMAIL.fullmatch(address) is not None


def email_key(address: str) -> str:
    """Whom a role is kept under for a person known by an address their provider verified."""
    if not is_email(address):
        raise ValueError(f"not an e-mail address a role can be granted to: {address!r}")
    return address.lower()


ANONYMOUS = Actor("anonymous", "Not signed in", Role.VIEWER)


ROLE_NAMES = {
    Role.VIEWER: Phrase.pgettext("role", "viewer"),
    Role.ANALYST: Phrase.pgettext("role", "analyst"),
    Role.REVIEWER: Phrase.pgettext("role", "reviewer"),
}
REFUSED_ACTIONS = {  # what a role may not do, said to the person who tried it
    Action.DRAFT: N_("As {role}, you may not add or edit claims, sources or places."),
    Action.SUBMIT: N_("As {role}, you may not send a version for review."),
    Action.PUBLISH: N_("As {role}, you may not publish."),
    Action.RETURN: N_("As {role}, you may not send a version back."),
    Action.RETRACT: N_("As {role}, you may not retract a claim."),
    Action.GRANT: N_("As {role}, you may not give anyone a role."),
}


class NotAllowedError(PermissionError):
    """An actor tried a write their role does not allow: nothing was changed. Its text names the actor for the
    logs; its `phrase` says it to them in their language (`what`'s own phrase, when the refusal has one)."""

    def __init__(self, actor: Actor, action: Action, what: str = "", phrase: Phrase | None = None) -> None:
        super().__init__(f"{actor.name} ({actor.role.value}) may not {action.value}{' ' + what if what else ''}")
        self.phrase = phrase or Phrase.gettext(REFUSED_ACTIONS[action], role=ROLE_NAMES[actor.role])


def require(actor: Actor, action: Action) -> None:
    if not actor.may(action):
        raise NotAllowedError(actor, action)
