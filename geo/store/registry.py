"""Sources and places kept in the app: added by analysts, changed with care, every write logged.

A source's reliability, side, kind or parent decides every grade that cites it, published ones
included, so only a reviewer may change those; an analyst may add a source or a place (a new claim
often needs one) and correct a name, a link or a note. Each write is checked as the loader checks
the files, together with everything stored, and is compare-and-swap on the record's version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import shapely
from pydantic import ValidationError
from sqlalchemy import Connection, Engine, insert, select, update

from geo.bundle import MemoryPath
from geo.dataset import Dataset, load_claims_only
from geo.editing import FieldProblem, pydantic_problems
from geo.model import Source
from geo.roles import Action, Actor, NotAllowedError, require
from geo.store import schema
from geo.store.claims import SaveRefusedError, log, needs_reason
from geo.store.rows import EDITING_KINDS, Row, files_of

GRADE_FIELDS = ("reliability", "affiliation", "kind", "part_of")  # change published grades: reviewers only
PLACES_FILE = "places/settlements.geojson"


class StaleRecordError(RuntimeError):
    """Someone changed the source or place after the version this write started from: nothing was changed."""

    def __init__(self, label: str, expected: int, theirs: dict[str, Any], version: int) -> None:
        self.theirs, self.version = theirs, version
        super().__init__(f"{label} was changed by someone else (version {version}) after your version {expected}")


class RegistryDesk:
    """Writes of sources and places; mixed into `Store`."""

    engine: Engine
    transaction: Callable[[], AbstractContextManager[Connection]]
    rows: Callable[..., list[Any]]
    editing_dataset: Callable[..., Dataset]

    def record(self, kind: str, key: str) -> tuple[dict[str, Any], int] | None:
        """A stored source (by id) or place (by name) and its version."""
        table = schema.KINDS[kind]
        column = table.c.id if kind == "source" else table.c.name
        with self.engine.connect() as connection:
            found = connection.execute(select(table.c.document, table.c.version).where(column == key)).first()
        return (found.document, found.version) if found else None

    def save_source(self, actor: Actor, document: dict[str, Any], *, expected: int | None, reason: str) -> int:
        """Add a source (expected=None) or change one; returns its new version."""
        require(actor, Action.DRAFT)
        needs_reason(reason)
        try:
            source = Source.model_validate(document)
        except ValidationError as error:
            raise SaveRefusedError(pydantic_problems(error)) from None
        stored = self.record("source", source.id)
        if expected is None and stored is not None:
            raise SaveRefusedError([FieldProblem("id", f"'{source.id}' is already a source: edit it instead")])
        if expected is not None and stored is None:
            raise SaveRefusedError([FieldProblem("id", f"no source '{source.id}' to edit")])
        if stored is not None:
            touched = [name for name in GRADE_FIELDS if stored[0].get(name) != document.get(name)]
            if touched and not actor.may(Action.PUBLISH):
                raise NotAllowedError(actor, Action.DRAFT, f"change {', '.join(touched)}: it changes published grades")
        self.refuse_new_problems("source", source.id, document)
        return self.write("source", source.id, document, expected, actor, reason, "sources.yaml", {})

    def save_place(self, actor: Actor, feature: dict[str, Any], *, expected: int | None, reason: str) -> int:
        """Add a gazetteer place (expected=None) or correct one; its name is its key and stays."""
        require(actor, Action.DRAFT)
        needs_reason(reason)
        name = str(feature.get("properties", {}).get("name") or "").strip()
        if not name:
            raise SaveRefusedError([FieldProblem("name", "required")])
        stored = self.record("place", name)
        if expected is None and stored is not None:
            raise SaveRefusedError([FieldProblem("name", f"'{name}' is already in the gazetteer: edit it instead")])
        if expected is not None and stored is None:
            raise SaveRefusedError([FieldProblem("name", f"no place '{name}' to edit")])
        self.refuse_new_problems("place", name, feature)
        geometry = {"geom": shapely.geometry.shape(feature["geometry"])}
        return self.write("place", name, feature, expected, actor, reason, PLACES_FILE, geometry)

    def refuse_new_problems(self, kind: str, key: str, document: dict[str, Any]) -> None:
        """Load everything a claim is checked against, with this record in it: any new problem refuses it."""
        before = set(self.editing_dataset().issues)
        rows = [
            row
            for row in self.rows("working", EDITING_KINDS)
            if not (row.kind == kind and key in map(str, row.key.values()))
        ]
        position = max((row.position for row in rows if row.kind == kind), default=-1) + 1
        file = "sources.yaml" if kind == "source" else PLACES_FILE
        rows.append(Row(kind, {"id" if kind == "source" else "name": key}, file, position, document))
        after = load_claims_only(MemoryPath(files_of(rows))).issues
        new = [issue for issue in after if issue not in before]
        if new:
            raise SaveRefusedError([FieldProblem("", f"{issue.record}: {issue.problem}") for issue in new])

    def write(
        self,
        kind: str,
        key: str,
        document: dict[str, Any],
        expected: int | None,
        actor: Actor,
        reason: str,
        file: str,
        columns: dict[str, Any],
    ) -> int:
        table = schema.KINDS[kind]
        column = table.c.id if kind == "source" else table.c.name
        now = dt.datetime.now(dt.UTC)
        with self.transaction() as connection:
            if expected is None:
                position = connection.execute(select(table.c.position).order_by(table.c.position.desc())).scalar()
                keyed = {"id" if kind == "source" else "name": key}
                values = dict(file=file, position=(position or 0) + 1, document=document, version=1, **columns)
                connection.execute(insert(table).values(**keyed, **values))
                before, version, action = None, 1, "added"
            else:
                current = connection.execute(select(table.c.document, table.c.version).where(column == key)).first()
                swapped = connection.execute(
                    update(table)
                    .where(column == key, table.c.version == expected)
                    .values(document=document, version=table.c.version + 1, **columns)
                )
                if swapped.rowcount != 1:
                    raise StaleRecordError(f"{kind} {key}", expected, current.document, current.version)
                before, version, action = current.document, expected + 1, "edited"
            log(connection, actor, kind, key, action, before, document, reason, version, now)
        return version
