"""What an import leaves alone: work in progress in the store, and what a reviewer retracted.

An import publishes the bundle's records at once. Over a record that is a draft or in review it would
drop the analyst's working version and write it into the public history as the "before"; over a
retracted claim it would bring the claim back without a reviewer. So such a record is held back: the
import leaves it as it is and says which and why, and the rest of the bundle goes in. A bundle whose
version is exactly what viewers already see changes nothing and is not held.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from geo.store import schema
from geo.store.rows import Row
from geo.workflow.lifecycle import ClaimState

IN_PROGRESS = {ClaimState.DRAFT.value: "a draft", ClaimState.REVIEW.value: "in review"}


@dataclass(frozen=True)
class Held:
    """A bundle record the import did not write, and why."""

    label: str
    why: str

    def __str__(self) -> str:
        return f"{self.label}: held back, {self.why}"


def hold_back(connection: Connection, arriving: list[Row]) -> tuple[list[Row], list[Held], int]:
    """The rows an import may write, the ones it holds back, and how many needed no write at all."""
    watched = not_published(connection)
    writable: list[Row] = []
    held: list[Held] = []
    already_seen = 0
    for row in arriving:
        stored = watched.get((row.kind, tuple(str(value) for value in row.key.values())))
        if stored is None:
            writable.append(row)
            continue
        state, published, version = stored
        if state in IN_PROGRESS:
            if row.document == published:
                already_seen += 1  # the bundle says what viewers already see: nothing to write, nothing lost
                continue
            held.append(
                Held(
                    row.label,
                    f"it is {IN_PROGRESS[state]} in the store (version {version}): importing would overwrite that "
                    "work. Publish it or bring the bundle's change in through the form, then import again",
                )
            )
        elif not retracted(row.document) and row.document != published:
            held.append(Held(row.label, "a reviewer retracted it: an import does not bring a retracted claim back"))
        else:
            writable.append(row)
    return writable, held, already_seen


def not_published(connection: Connection) -> dict[tuple[str, tuple[str, ...]], tuple[str, Any, int]]:
    """Every stored record of a reviewed kind (a table with a state and a published version) that is a draft,
    in review or retracted, by kind and key: its state, published version and version. A few, whatever the
    size of the store, so an import asks once."""
    watched = {}
    states = [*IN_PROGRESS, ClaimState.RETRACTED.value]
    for kind, table in schema.KINDS.items():
        if "state" not in table.c or "published" not in table.c:
            continue
        keys = list(table.primary_key.columns)
        query = select(*keys, table.c.state, table.c.published, table.c.version).where(table.c.state.in_(states))
        for found in connection.execute(query):
            key = tuple(str(found._mapping[column.name]) for column in keys)
            watched[(kind, key)] = (found.state, found.published, found.version)
    return watched


def retracted(document: Any) -> bool:
    return isinstance(document, dict) and bool(document.get("retraction"))
