"""Who may do what: viewers read, analysts draft and edit, reviewers publish and retract.

Every write to the store names an `Actor` and is checked here, on the server, whatever the page
sends; hiding a button is a courtesy, this is the rule.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


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
    """A person acting on the store: `subject` is what the event log records (an e-mail address, or
    "local analyst" for the embedded app that runs without sign-in)."""

    subject: str
    name: str
    role: Role

    def may(self, action: Action) -> bool:
        return action in ALLOWED[self.role]


LOCAL_ANALYST = Actor("local analyst", "Local analyst", Role.ANALYST)


def local_actor(role: str | None) -> Actor:
    """Whoever uses an app that runs without sign-in: an analyst by default. A team may run a read-only
    copy on the same store for a briefing room (viewer), or a reviewer's copy, by setting the role."""
    if not role:
        return LOCAL_ANALYST
    chosen = Role(role)
    return Actor(f"local {chosen.value}", f"Local {chosen.value}", chosen)


ANONYMOUS = Actor("anonymous", "Not signed in", Role.VIEWER)


class NotAllowedError(PermissionError):
    """An actor tried a write their role does not allow: nothing was changed."""

    def __init__(self, actor: Actor, action: Action, what: str = "") -> None:
        super().__init__(f"{actor.name} ({actor.role.value}) may not {action.value}{' ' + what if what else ''}")


def require(actor: Actor, action: Action) -> None:
    if not actor.may(action):
        raise NotAllowedError(actor, action)
