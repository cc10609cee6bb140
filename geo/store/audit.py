"""The audit log: every write's event, chained so that an event changed, removed or slipped in shows.

Each event carries `prev_hash`, the hash of the event before it (GENESIS for the first), and `hash`,
SHA-256 over its own canonical content: every column but `hash`, as JSON with sorted keys. Rewriting
an event's actor or reason changes its hash; removing or inserting one breaks the next event's
`prev_hash`; rewriting every hash after a change is caught by comparing the head with one kept
elsewhere (`verify --anchor`). The database keeps the log append-only besides (migrations 0002, 0005),
and on PostgreSQL the app's role may only insert and read it (geo.store.privileges).

The canonical form is part of the record: changing it would break every chain already written.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select, text

from geo.store import schema
from geo.store.acting import require_now
from geo.workflow.roles import Action, Actor

GENESIS = "0" * 64
EVENTS_LOCK = 7_305_2027  # any fixed number: the advisory lock a write takes to extend the chain (PostgreSQL)
HASHED = tuple(column.name for column in schema.events.columns if column.name != "hash")
GUARD_TRIGGERS = {  # the triggers that keep the log append-only and chained, by dialect (migrations 0002, 0005)
    "sqlite": ("events_append_only_update", "events_append_only_delete", "events_extend_chain"),
    "postgresql": ("events_append_only", "events_never_truncated", "events_extend_chain"),
}
ACTION_NEEDS = {  # what an event's action asks of its actor's role, checked again inside the write
    "drafted": Action.DRAFT,
    "edited": Action.DRAFT,
    "added": Action.DRAFT,
    "submitted": Action.SUBMIT,
    "published": Action.PUBLISH,
    "returned": Action.RETURN,
    "retracted": Action.RETRACT,
    "granted": Action.GRANT,
}


def operating_system_user() -> str:
    """Who ran a command, as the machine knows them: kept beside the free-text `--actor` of CLI events."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # a container user with no name
        return f"uid {os.getuid()}"


def utc_text(at: dt.datetime) -> str:
    """A time as the chain hashes it. SQLite gives back a stored UTC time without its zone."""
    aware = at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)
    return aware.isoformat(timespec="microseconds")


def canonical(event: Mapping[str, Any]) -> bytes:
    """The event's content as the chain hashes it: every column but `hash`, sorted-key JSON."""
    content = {name: event.get(name) for name in HASHED}
    content["at"] = utc_text(event["at"])
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def event_hash(event: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical(event)).hexdigest()


def changes_between(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Which top-level fields of a record went from what to what."""
    before, after = before or {}, after or {}
    return [
        {"field": name, "from": before.get(name), "to": after.get(name)}
        for name in dict.fromkeys([*before, *after])
        if before.get(name) != after.get(name)
    ]


def needed_for(kind: str, action: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> Action:
    """What a write asks of its actor's role: its action's, and a reviewer's to change a stored source's
    reliability, side, kind or parent, which decide published grades (geo.store.registry)."""
    from geo.store.registry import GRADE_FIELDS  # imported here: the registry's desk imports this module

    edit = kind == "source" and action in {"drafted", "edited"}
    if edit and before is not None and any(before.get(name) != (after or {}).get(name) for name in GRADE_FIELDS):
        return Action.PUBLISH
    return ACTION_NEEDS.get(action, Action.DRAFT)


def log(
    connection: Connection,
    *,
    actor: Actor | str,
    kind: str,
    record: str,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    reason: str,
    version: int | None,
    at: dt.datetime,
    os_user: str | None = None,
) -> None:
    """The event of one write, in the write's transaction: who, when, what changed from what to what, and why.
    Every part is named: two records (`before`, `after`) or two names (`kind`, `record`) cannot change places.

    A person's write is checked here once more against the role the store holds for them now, inside
    the transaction: a role revoked after their page drew its buttons refuses the write and undoes it.
    `actor` as text is the administrator at the command line (an import, a grant); `os_user` says who
    ran it on the machine."""
    if isinstance(actor, Actor):
        require_now(connection, actor, needed_for(kind, action, before, after))
    if connection.dialect.name == "postgresql":  # two writes at once must not both extend the same head
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": EVENTS_LOCK})
    events = schema.events
    head = connection.execute(select(events.c.id, events.c.hash).order_by(events.c.id.desc()).limit(1)).first()
    event: dict[str, Any] = {
        "id": head.id + 1 if head else 1,
        "at": at.astimezone(dt.UTC),
        "actor": actor if isinstance(actor, str) else actor.subject,
        "os_user": os_user,
        "kind": kind,
        "record": record,
        "action": action,
        "before": before,
        "after": after,
        "reason": reason.strip(),
        "changes": changes_between(before, after),
        "version": version,
        "prev_hash": head.hash if head else GENESIS,
    }
    connection.execute(insert(events).values(**event, hash=event_hash(event)))


def as_viewers_saw(public_events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A record's public events, each from the version the one before it published: what viewers saw
    before and after, never a working version that was replaced in between (and never who ran the machine)."""
    shown, seen = [], None
    for event in public_events:
        entry = {name: value for name, value in event.items() if name != "os_user"}
        entry |= {"before": seen, "changes": changes_between(seen, event["after"])}
        shown.append(entry)
        seen = event["after"]
    return shown


@dataclass(frozen=True)
class Verdict:
    """What `verify` found: how many events hold, the head's hash, and the first broken link if any."""

    events: int
    head: str
    broken: str | None = None

    @property
    def intact(self) -> bool:
        return self.broken is None


def verify(connection: Connection, anchor: str | None = None) -> Verdict:
    """Walk the chain from the first event: the first event whose content does not match its hash, or
    that does not follow the one before it, is the first broken link. A missing guard trigger is named
    too, and with `anchor` (a head hash kept elsewhere) the chain must still hold that event."""
    dialect = connection.dialect.name
    missing = [name for name in GUARD_TRIGGERS.get(dialect, ()) if not has_trigger(connection, name)]
    previous_hash, previous_id, count, seen_anchor = GENESIS, None, 0, anchor is None
    for row in connection.execute(select(schema.events).order_by(schema.events.c.id)):
        event = dict(row._mapping)
        where = f"event {event['id']} ({event['action']} {event['kind']} {event['record']}, {utc_text(event['at'])})"
        if event["prev_hash"] != previous_hash:
            after = f"event {previous_id}" if previous_id is not None else "the start of the log"
            gap = "an event was removed, inserted or rewritten between them"
            return Verdict(count, previous_hash, f"{where} does not follow {after}: {gap}")
        if event["hash"] != event_hash(event):
            return Verdict(count, previous_hash, f"{where} was changed after it was written: its hash does not match")
        previous_hash, previous_id, count = event["hash"], event["id"], count + 1
        seen_anchor = seen_anchor or event["hash"] == anchor
    if not seen_anchor:
        return Verdict(count, previous_hash, f"no event has the anchored hash {anchor}: the log was cut or rewritten")
    if missing:
        return Verdict(count, previous_hash, f"the log's guard trigger(s) {', '.join(missing)} were dropped")
    return Verdict(count, previous_hash)


def has_trigger(connection: Connection, name: str) -> bool:
    if connection.dialect.name == "postgresql":
        query = "SELECT count(*) FROM pg_trigger WHERE tgname = :name AND tgenabled <> 'D'"
    else:
        query = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = :name"
    return bool(connection.execute(text(query), {"name": name}).scalar())
