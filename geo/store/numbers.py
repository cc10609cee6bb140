"""The store's record of every claim number it ever issued (table `claim_numbers`): none is given twice.

The database keeps the record itself (migration 0004): each claim's number is recorded as the claim
is inserted, a number recorded for one claim is refused to another, a claim's number never changes,
and nothing is ever deleted from the record. This module does the rest:

- a new claim's number is the next above every number ever recorded, taken inside the write's
  transaction (on PostgreSQL under a lock, so two analysts saving at once cannot draw the same one);
- a bundle's `claim_numbers.yaml` (geo.reading.numbers) goes into the record on import, and the record comes
  out as that file on export: `issued_through` is the highest number recorded, `retired` the numbers
  whose claims the store does not hold. Drafts hold numbers too, but are never named in an export;
  `issued_through` covers theirs;
- an imported claim the store already holds keeps the number the store gave it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePosixPath
from typing import Any

from sqlalchemy import Connection, func, insert, select, text, update

from geo.model.issues import DataIssue
from geo.reading.numbers import NUMBERS_FILE, ClaimNumbers, RetiredNumber, claim_numbers_of
from geo.store import schema
from geo.store.rows import NUMBERS_KIND, Row

NUMBERS_LOCK = 7_305_2026  # any fixed number: the advisory lock a write takes to draw a new number


class NumberTakenError(ValueError):
    """A new claim asked for a number that was given to another claim."""


def numbers_row(connection: Connection) -> Row | None:
    """The record as a bundle's claim_numbers.yaml; None for a store that never issued a number."""
    table, claims = schema.claim_numbers, schema.claims
    highest = connection.execute(select(func.max(table.c.number))).scalar()
    if highest is None:
        return None
    gone = connection.execute(
        select(table.c.number, table.c.claim_id, table.c.reason)
        .where(table.c.claim_id.is_not(None), table.c.claim_id.not_in(select(claims.c.id)))
        .order_by(table.c.number)
    )
    retired = {
        number: RetiredNumber(number=number, id=claim_id, reason=reason or "") for number, claim_id, reason in gone
    }
    document = ClaimNumbers(highest, retired).document()
    return Row(NUMBERS_KIND, {"name": NUMBERS_FILE}, NUMBERS_FILE, 0, document)


def settle(stored: list[Row], arriving: list[Row]) -> tuple[list[Row], list[DataIssue]]:
    """The arriving rows as they may go in, and why some may not.

    A claim the store holds keeps its number: one that arrives without a number gets it, one that arrives
    with another is refused. The bundle's claim_numbers.yaml is merged with the store's record, so the
    bundle is checked against every number either has issued; a retired entry that names another claim
    than the store gave the number to is refused."""
    issues: list[DataIssue] = []
    held = {row.key["id"]: row.document.get("number") for row in stored if row.kind == "claim"}
    settled = []
    for row in arriving:
        if row.kind == "claim" and isinstance(row.document, dict) and held.get(row.key["id"]) is not None:
            had, number = held[row.key["id"]], row.document.get("number")
            if number is None:
                row = replace(row, document={**row.document, "number": had})
            elif number != had:
                issues.append(
                    DataIssue(
                        PurePosixPath(row.file).name,
                        row.key["id"],
                        f"number: {row.key['id']} has number {had} in the store, not {number!r}; "
                        "a number never changes once given",
                    )
                )
        settled.append(row)
    ours = next((row for row in stored if row.kind == NUMBERS_KIND), None)
    theirs = next((row for row in settled if row.kind == NUMBERS_KIND), None)
    if ours is None or theirs is None:
        return settled, issues
    checked: list[DataIssue] = []
    bundle = claim_numbers_of(theirs.document, NUMBERS_FILE, checked)
    if checked:  # the loader names what is wrong with the bundle's file; it is not merged
        return settled, issues
    record = claim_numbers_of(ours.document, NUMBERS_FILE, [])
    given = {**{number: entry.id for number, entry in record.retired.items()}, **_held_numbers(stored)}
    retired = dict(record.retired)
    for entry in bundle.retired.values():
        holder = given.get(entry.number)
        if holder is not None and holder != entry.id:
            issues.append(
                DataIssue(
                    NUMBERS_FILE,
                    f"retired number {entry.number}",
                    f"id: the store gave number {entry.number} to {holder}, not to {entry.id}",
                )
            )
        elif holder is None:
            retired[entry.number] = entry
    merged = ClaimNumbers(max(record.issued_through, bundle.issued_through), retired)
    return [replace(row, document=merged.document()) if row is theirs else row for row in settled], issues


def _held_numbers(rows: list[Row]) -> dict[int, str]:
    return {
        row.document["number"]: row.key["id"]
        for row in rows
        if row.kind == "claim" and isinstance(row.document, dict) and isinstance(row.document.get("number"), int)
    }


def record_bundle_numbers(connection: Connection, document: Any) -> list[tuple[str, dict[str, Any]]]:
    """Put a checked bundle's retired numbers and `issued_through` into the record; each new entry comes
    back as (action, entry) for the import to log. The bundle's claims were recorded by the trigger."""
    bundle = claim_numbers_of(document, NUMBERS_FILE, [])
    table = schema.claim_numbers
    added: list[tuple[str, dict[str, Any]]] = []
    for entry in sorted(bundle.retired.values(), key=lambda entry: entry.number):
        known = connection.execute(select(table.c.claim_id).where(table.c.number == entry.number)).first()
        values = {"claim_id": entry.id, "reason": entry.reason or None}
        if known is None:
            connection.execute(insert(table).values(number=entry.number, **values))
        elif known.claim_id is None:
            connection.execute(update(table).where(table.c.number == entry.number).values(**values))
        else:
            continue  # recorded already (settle refused any other claim)
        added.append(("retired", {"number": entry.number, "id": entry.id, "reason": entry.reason}))
    highest = connection.execute(select(func.max(table.c.number))).scalar() or 0
    if bundle.issued_through > highest:  # numbers the bundle gave to claims it does not hold
        connection.execute(insert(table).values(number=bundle.issued_through, claim_id=None))
        added.append(("reserved", {"number": bundle.issued_through, "id": None}))
    return added


def number_for_new_claim(connection: Connection, claim_id: str, asked: int | None) -> int:
    """The number a claim entered in the app gets, inside its write's transaction: the one its id was given
    before (the same claim, back again), the one asked for if no other claim ever had it, else the next
    above every number ever issued. NumberTakenError when the asked number belonged to another claim."""
    if connection.dialect.name == "postgresql":  # two saves at once must not draw the same number
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": NUMBERS_LOCK})
    table = schema.claim_numbers
    own: int | None = connection.execute(select(table.c.number).where(table.c.claim_id == claim_id)).scalar()
    if own is not None and asked not in (None, own):
        raise NumberTakenError(f"{claim_id} was given number {own} before; a number never changes once given")
    if own is not None:
        return own
    if asked is not None:
        holder = connection.execute(select(table.c.claim_id).where(table.c.number == asked)).first()
        if holder is not None and holder.claim_id is not None:
            raise NumberTakenError(f"#{asked} was given to {holder.claim_id} before; a number is never given twice")
        return asked
    highest = connection.execute(select(func.max(table.c.number))).scalar() or 0
    held = connection.execute(select(func.max(schema.claims.c.number))).scalar() or 0
    return max(highest, held) + 1
