"""The role a person holds now, read inside the write's own transaction.

A page decides which buttons to draw from the role it read when it ran; the person may have been
demoted since. Every write asks the store again, in the transaction that writes, so a role revoked
a moment ago is refused and nothing is changed.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from geo.store import schema
from geo.workflow.roles import Action, Actor, Role, require


def actor_now(connection: Connection, actor: Actor) -> Actor:
    """The actor with the role the store holds for their subject now; one the store holds no role for
    (the embedded app's local user, or a person never granted one) keeps the role they came with."""
    users = schema.users
    held = connection.execute(select(users.c.role).where(users.c.subject == actor.subject)).scalar()
    return actor if held is None else Actor(actor.subject, actor.name, Role(held))


def require_now(connection: Connection, actor: Actor, action: Action) -> Actor:
    """NotAllowedError unless the actor's role, read now in this transaction, allows the action."""
    current = actor_now(connection, actor)
    require(current, action)
    return current
