"""What every versioned record (claims, sources, places) shares between an edit and what viewers see.

A versioned record keeps `document`, the working version analysts edit, and `published`, the one
viewers see, with a `state` (geo.workflow.lifecycle.ClaimState) and a compare-and-swap `version`. Who may
approve a version is read from the event log, so a reviewer who drafted or edited any version since
the last publication cannot approve it, whoever edited last.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, func, select, update

from geo.language.phrase import Phrase
from geo.store import schema
from geo.store.audit import log
from geo.workflow.lifecycle import PUBLIC_ACTIONS, ClaimState
from geo.workflow.roles import Action, Actor, NotAllowedError

REVIEWED_KINDS = ("claim", "source", "place")
"""Kinds whose viewers see a `published` version, set by a reviewer (or an import), not the working one."""
EDITING_ACTIONS = frozenset({"drafted", "edited"})
"""Events that wrote a working version: whoever wrote one is no second pair of eyes for it."""


def editors_since_publication(connection: Connection, kind: str, record: str) -> list[str]:
    """Everyone who drafted or edited `record` since viewers last saw a new version of it, first edit first."""
    events = schema.events
    of_record = (events.c.kind == kind, events.c.record == record)
    last_public = (
        select(func.coalesce(func.max(events.c.id), 0))
        .where(*of_record, events.c.action.in_(sorted(PUBLIC_ACTIONS)))
        .scalar_subquery()
    )
    query = (
        select(events.c.actor)
        .where(*of_record, events.c.action.in_(sorted(EDITING_ACTIONS)), events.c.id > last_public)
        .order_by(events.c.id)
    )
    return list(dict.fromkeys(connection.execute(query).scalars()))


def refuse_own_edit(connection: Connection, actor: Actor, kind: str, record: str) -> None:
    """A second pair of eyes: whoever drafted or edited the record at any point since its last publication
    may not publish it, read from the event log (not only the last editor)."""
    if actor.subject in editors_since_publication(connection, kind, record):
        what = "their own edit (drafted or edited since its last publication): another reviewer must approve it"
        own = Phrase.gettext(
            "You drafted or edited this version since its last publication: another reviewer must approve it."
        )
        raise NotAllowedError(actor, Action.PUBLISH, what, own)


@dataclass(frozen=True, kw_only=True)
class Step:
    """One review step of a versioned record (submit, publish, send back, retract): the row it moves, the
    version it starts from, the state it moves to, and what its event logs as before and after."""

    table: Table
    where: ColumnElement[bool]  # the record's row
    kind: str
    record: str
    expected: int
    to: ClaimState
    action: str
    values: dict[str, Any]  # the other columns the step sets: a publication's published version
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def take_step(connection: Connection, actor: Actor, step: Step, reason: str, at: dt.datetime) -> bool:
    """The step, compare-and-swap on the version, with its event, in the caller's transaction. A publication
    asks the event log again who edited, inside the transaction that publishes. False when someone wrote
    first: nothing was changed, and the caller says so with its own error."""
    table = step.table
    swapped = connection.execute(
        update(table)
        .where(step.where, table.c.version == step.expected)
        .values(state=step.to.value, version=table.c.version + 1, **step.values)
    )
    if swapped.rowcount != 1:
        return False
    if step.to is ClaimState.PUBLISHED:
        refuse_own_edit(connection, actor, step.kind, step.record)
    log(
        connection,
        actor=actor,
        kind=step.kind,
        record=step.record,
        action=step.action,
        before=step.before,
        after=step.after,
        reason=reason,
        version=step.expected + 1,
        at=at,
    )
    return True
