"""The audit log becomes a hash chain, and a command line write records who ran it on the machine.

Before this, the triggers of 0002 were the log's only guard: on SQLite `INSERT OR REPLACE` over an
event rewrote it without firing a DELETE trigger, and whoever could drop a trigger could rewrite
anything unseen. Now each event carries `prev_hash` (the hash of the event before it) and `hash`
(SHA-256 of its canonical content, geo.store.audit), so `python -m geo.store verify` finds the first
event changed, removed or slipped in. Events already stored are chained here, oldest first.

A new trigger refuses an event that does not extend the chain: one whose id is not above every id
(the replace of an existing event) or whose `prev_hash` is not the last event's hash. `os_user` is
the operating-system user beside a command line's free-text `--actor`.

Columns are added with plain ALTER TABLE (no rebuild), so SQLite keeps the triggers of 0002 and 0004.

The hash is written out here as geo.store.audit defined it at this revision (over the columns the
events table had then), so that a later change to the app's code cannot change what this migration does.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

GENESIS = "0" * 64  # the first event's prev_hash

OUT_OF_CHAIN = "an event must extend the chain of the audit log: it follows the last event and is never replaced"
APPEND_ONLY = "the audit log is append-only: events are never updated or deleted"  # as in 0002
SQLITE_UPDATE_GUARD = (
    f"CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
)
SQLITE_CHAIN_GUARD = f"""CREATE TRIGGER events_extend_chain BEFORE INSERT ON events
    WHEN NEW.id IS NULL OR NEW.id <= (SELECT coalesce(max(id), 0) FROM events)
        OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM events ORDER BY id DESC LIMIT 1), '{GENESIS}')
    BEGIN SELECT RAISE(ABORT, '{OUT_OF_CHAIN}'); END"""
POSTGRES_CHAIN_GUARD = [
    f"""CREATE FUNCTION events_extend_chain() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.id IS NULL OR NEW.id <= (SELECT coalesce(max(id), 0) FROM events)
               OR NEW.prev_hash IS DISTINCT FROM
                  coalesce((SELECT hash FROM events ORDER BY id DESC LIMIT 1), '{GENESIS}') THEN
                RAISE EXCEPTION '{OUT_OF_CHAIN}';
            END IF;
            RETURN NEW;
        END $$""",
    "CREATE TRIGGER events_extend_chain BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_extend_chain()",
]
COLUMNS = ("os_user", "prev_hash", "hash")
HASHED = (  # every column of events at this revision but `hash`
    *("id", "at", "actor", "kind", "record", "action", "before", "after", "reason", "changes", "version"),
    *("os_user", "prev_hash"),
)


def event_hash(event: Mapping[str, Any]) -> str:
    """SHA-256 of the event's canonical content: every hashed column, sorted-key JSON, its time in UTC."""
    content: dict[str, Any] = {name: event.get(name) for name in HASHED}
    at = content["at"]
    aware = at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)  # SQLite drops the zone
    content["at"] = aware.isoformat(timespec="microseconds")
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    op.add_column("events", sa.Column("os_user", sa.String(200), nullable=True))
    op.add_column("events", sa.Column("prev_hash", sa.String(64), nullable=True))
    op.add_column("events", sa.Column("hash", sa.String(64), nullable=True))
    if postgres:  # the events so far get their links; the append-only trigger is set aside for that alone
        op.execute("ALTER TABLE events DISABLE TRIGGER events_append_only")
    else:
        op.execute("DROP TRIGGER events_append_only_update")
    chain_existing_events()
    if postgres:
        op.execute("ALTER TABLE events ENABLE TRIGGER events_append_only")
        for statement in POSTGRES_CHAIN_GUARD:
            op.execute(statement)
    else:
        op.execute(SQLITE_UPDATE_GUARD)
        op.execute(SQLITE_CHAIN_GUARD)


def chain_existing_events() -> None:
    """Hash every stored event in id order, each over the one before."""
    events = sa.table(
        "events",
        *(sa.column(name) for name in ("id", "actor", "kind", "record", "action", "reason", "version")),
        sa.column("at", sa.DateTime(timezone=True)),
        *(sa.column(name, sa.JSON) for name in ("before", "after", "changes")),
        *(sa.column(name) for name in COLUMNS),
    )
    connection = op.get_bind()
    previous = GENESIS
    for row in connection.execute(sa.select(events).order_by(events.c.id)).all():
        event = {**row._mapping, "os_user": None, "prev_hash": previous}
        event["hash"] = event_hash(event)
        connection.execute(
            sa.update(events).where(events.c.id == row.id).values(os_user=None, prev_hash=previous, hash=event["hash"])
        )
        previous = event["hash"]


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER events_extend_chain ON events")
        op.execute("DROP FUNCTION events_extend_chain()")
    else:
        op.execute("DROP TRIGGER events_extend_chain")
    for column in reversed(COLUMNS):
        op.execute(f"ALTER TABLE events DROP COLUMN {column}")
