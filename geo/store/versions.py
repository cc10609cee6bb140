"""What every versioned record (claims, sources, places) shares between an edit and what viewers see.

A versioned record keeps `document`, the working version analysts edit, and `published`, the one
viewers see, with a `state` (geo.workflow.lifecycle.ClaimState) and a compare-and-swap `version`. Who may
approve a version is read from the event log, so a reviewer who drafted or edited any version since
the last publication cannot approve it, whoever edited last.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from geo.store import schema
from geo.workflow.lifecycle import PUBLIC_ACTIONS

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
