"""Sources and places kept in the app: changed by analysts, published by a second pair of eyes.

A source's name and grade and a place's position reach every claim that cites them, so a change to
either is reviewed as a claim is: a write keeps the working version (`document`) and sends it for
review, while viewers go on seeing the published one until a reviewer who neither drafted nor edited
it since its last publication (read from the event log) approves it. A source's reliability, side,
kind or parent decides every grade that cites it, so only a reviewer may propose changing those; an
analyst may add a source or a place and correct a name, a link or a note. Each write is checked as
the loader checks the files, together with everything stored, and is compare-and-swap on the
record's version; publishing is checked again against what viewers see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

import shapely
from pydantic import ValidationError
from sqlalchemy import Connection, Engine, insert, select, update

from geo.language.phrase import Joined, Phrase
from geo.language.words import N_
from geo.model.issues import DataIssue
from geo.model.records import Source
from geo.model.validation_words import SOURCE_FIELDS
from geo.reading.bundle import Bundle
from geo.reading.dataset import Dataset, load_claims_only
from geo.store import schema
from geo.store.acting import require_now
from geo.store.claims import SaveRefusedError, changes_between, log, needs_reason
from geo.store.rows import EDITING_KINDS, Row, files_of
from geo.store.versions import Step, editors_since_publication, refuse_own_edit, take_step
from geo.workflow.editing import FieldProblem, pydantic_problems
from geo.workflow.lifecycle import ClaimState
from geo.workflow.place_moves import PlaceMove, place_move
from geo.workflow.roles import Action, Actor, NotAllowedError, require

GRADE_FIELDS = ("reliability", "affiliation", "kind", "part_of")  # change published grades: reviewers only
PLACES_FILE = "places/settlements.geojson"
FILES = {"source": "sources.yaml", "place": PLACES_FILE}
KEYS = {"source": "id", "place": "name"}
POSITION = N_("position (lat, lon)")  # a place's point, as a reviewer compares it


class StaleRecordError(RuntimeError):
    """Someone changed the source or place after the version this write started from: nothing was changed."""

    def __init__(self, kind: str, key: str, expected: int, theirs: dict[str, Any], version: int) -> None:
        self.theirs, self.version = theirs, version
        super().__init__(f"{kind} {key} was changed by someone else (version {version}) after your version {expected}")
        changed = (
            N_("Source {key} was changed by someone else (version {version}) after your version {expected}")
            if kind == "source"
            else N_("Place {key} was changed by someone else (version {version}) after your version {expected}")
        )
        self.phrase = Phrase.gettext(changed, key=key, version=version, expected=expected)


@dataclass(frozen=True)
class RegistryRecord:
    """A source or place as the store holds it: the working version, the published one, and its state."""

    kind: str
    key: str
    document: dict[str, Any]
    published: dict[str, Any] | None
    state: ClaimState
    version: int

    @property
    def label(self) -> str:
        """How people name it: a source by the name viewers know it by, and its id; a place by its name."""
        if self.kind == "source":
            return f"{(self.published or self.document).get('name', self.key)} ({self.key})"
        return self.key


@dataclass(frozen=True)
class PendingRecord:
    """A source or place waiting for a reviewer, with what approving it changes for viewers."""

    record: RegistryRecord
    editors: tuple[str, ...]  # who drafted or edited it since its last publication: none of them may publish it
    changes: list[dict[str, Any]]  # [{"field", "from", "to"}]: published → working
    move: PlaceMove | None  # for a place already published: the claims redrawn and how far


def shown_fields(kind: str, document: dict[str, Any] | None) -> dict[str, Any] | None:
    """A record's fields as a reviewer compares them: a place's properties and its position."""
    if document is None or kind == "source":
        return document
    lon, lat = document["geometry"]["coordinates"][:2]
    return {**document["properties"], POSITION: f"{lat:.5f}, {lon:.5f}"}


class RegistryDesk:
    """Writes of sources and places; mixed into `Store`."""

    engine: Engine
    transaction: Callable[[], AbstractContextManager[Connection]]
    rows: Callable[..., list[Any]]
    editing_dataset: Callable[..., Dataset]

    def stored_record(self, kind: str, key: str, connection: Connection | None = None) -> RegistryRecord | None:
        """A stored source (by id) or place (by name), both versions and its state."""
        table = schema.KINDS[kind]
        query = select(table).where(table.c[KEYS[kind]] == key)
        if connection is None:
            with self.engine.connect() as own:
                row = own.execute(query).first()
        else:
            row = connection.execute(query).first()
        if row is None:
            return None
        return RegistryRecord(kind, key, row.document, row.published, ClaimState(row.state), row.version)

    def record(self, kind: str, key: str) -> tuple[dict[str, Any], int] | None:
        """A stored source or place's working version and its version number (what a form edits)."""
        stored = self.stored_record(kind, key)
        return (stored.document, stored.version) if stored else None

    def save_source(self, actor: Actor, document: dict[str, Any], *, expected: int | None, reason: str) -> int:
        """Add a source (expected=None) or change one; the version goes to review. Returns its new version."""
        require(actor, Action.DRAFT)
        needs_reason(reason)
        try:
            source = Source.model_validate(document)
        except ValidationError as error:
            raise SaveRefusedError(pydantic_problems(error, SOURCE_FIELDS)) from None
        stored = self.existing("source", source.id, expected)
        touched = [name for name in GRADE_FIELDS if stored and stored.document.get(name) != document.get(name)]
        if touched and not actor.may(Action.PUBLISH):
            names = (Phrase.gettext("“{field}”", field=Phrase.gettext(SOURCE_FIELDS[name])) for name in touched)
            fields = Joined.of(names, ", ")
            only_reviewers = Phrase.gettext(
                "Only a reviewer may change {fields}: they change published grades.", fields=fields
            )
            what = f"change {', '.join(touched)}: it changes published grades"
            raise NotAllowedError(actor, Action.DRAFT, what, only_reviewers)
        self.refuse_new_problems("source", source.id, document)
        needs = Action.PUBLISH if touched else Action.DRAFT  # a reviewer's, read again when it is written
        return self.write("source", source.id, document, expected=expected, actor=actor, reason=reason, needs=needs)

    def save_place(self, actor: Actor, feature: dict[str, Any], *, expected: int | None, reason: str) -> int:
        """Add a gazetteer place (expected=None) or correct one; its name is its key and stays. The version
        goes to review: the claims there move only when a reviewer publishes it."""
        require(actor, Action.DRAFT)
        needs_reason(reason)
        name = str(feature.get("properties", {}).get("name") or "").strip()
        if not name:
            named = Phrase.gettext(
                "{field}: {problem}", field=Phrase.gettext("Name"), problem=Phrase.gettext("required")
            )
            raise SaveRefusedError([FieldProblem("name", "required", named)])
        self.existing("place", name, expected)
        self.refuse_new_problems("place", name, feature)
        return self.write("place", name, feature, expected=expected, actor=actor, reason=reason, needs=Action.DRAFT)

    def existing(self, kind: str, key: str, expected: int | None) -> RegistryRecord | None:
        """The stored record a write starts from: none for a new one, one to edit otherwise."""
        stored = self.stored_record(kind, key)
        field, what = KEYS[kind], "a source" if kind == "source" else "in the gazetteer"
        source = kind == "source"
        if expected is None and stored is not None:
            taken = (
                Phrase.gettext("'{key}' is already a source: choose it to edit it.", key=key)
                if source
                else Phrase.gettext("'{key}' is already in the gazetteer: choose it to edit it.", key=key)
            )
            raise SaveRefusedError([FieldProblem(field, f"'{key}' is already {what}: edit it instead", taken)])
        if expected is not None and stored is None:
            missing = (
                Phrase.gettext("There is no source '{key}' to edit.", key=key)
                if source
                else Phrase.gettext("There is no place '{key}' to edit.", key=key)
            )
            raise SaveRefusedError([FieldProblem(field, f"no {kind} '{key}' to edit", missing)])
        return stored

    def refuse_new_problems(self, kind: str, key: str, document: dict[str, Any], edition: str = "working") -> None:
        """Load everything a claim is checked against in `edition`, with this record in it: any new problem refuses
        it."""
        before = set(self.editing_dataset(edition).issues)
        rows = [
            row
            for row in self.rows(edition, EDITING_KINDS)
            if not (row.kind == kind and key in map(str, row.key.values()))
        ]
        position = max((row.position for row in rows if row.kind == kind), default=-1) + 1
        rows.append(Row(kind, {KEYS[kind]: key}, FILES[kind], position, document))
        after = load_claims_only(Bundle(files_of(rows))).issues
        new = [issue for issue in after if issue not in before]
        if new:
            raise SaveRefusedError([loader_problem(issue) for issue in new])

    def write(
        self,
        kind: str,
        key: str,
        document: dict[str, Any],
        *,
        expected: int | None,
        actor: Actor,
        reason: str,
        needs: Action,
    ) -> int:
        """Store a working version and send it for review, with its event; viewers still see the published one."""
        table, column = schema.KINDS[kind], schema.KINDS[kind].c[KEYS[kind]]
        now = dt.datetime.now(dt.UTC)
        review = ClaimState.REVIEW.value
        with self.transaction() as connection:
            require_now(connection, actor, needs)  # a role revoked since the page drew its buttons is refused
            if expected is None:
                position = connection.execute(select(table.c.position).order_by(table.c.position.desc())).scalar()
                values = dict(file=FILES[kind], position=(position or 0) + 1, document=document, version=1)
                connection.execute(insert(table).values(**{KEYS[kind]: key}, **values, state=review, published=None))
                log(
                    connection,
                    actor=actor,
                    kind=kind,
                    record=key,
                    action="drafted",
                    before=None,
                    after=document,
                    reason=reason,
                    version=1,
                    at=now,
                )
                return 1
            current = self.stored_record(kind, key, connection)
            assert current is not None  # records are never deleted
            step = Step(
                table=table,
                where=column == key,
                kind=kind,
                record=key,
                expected=expected,
                to=ClaimState.REVIEW,
                action="edited",
                values={"document": document},
                before=current.document,
                after=document,
            )
            if not take_step(connection, actor, step, reason, now):
                raise StaleRecordError(kind, key, expected, current.document, current.version)
        return expected + 1

    def publish_record(self, actor: Actor, kind: str, key: str, *, expected: int, reason: str) -> int:
        """Approve the version in review: from now on viewers see it, and a place's claims are drawn where it
        now says. A second pair of eyes: nobody who drafted or edited it since its last publication may."""
        require(actor, Action.PUBLISH)
        needs_reason(reason)
        with self.engine.connect() as connection:
            refuse_own_edit(connection, actor, kind, key)
        current = self.in_state(kind, key, expected, ClaimState.REVIEW, "published")
        self.refuse_new_problems(kind, key, current.document, edition="published")
        values: dict[str, Any] = {"published": current.document}
        redraw = None
        if kind == "place":
            values["geom"] = shapely.geometry.shape(current.document["geometry"])
            at_place = [claim.id for claim in self.editing_dataset().claims if claim.location.place == key]
            redraw = claims_redrawn(at_place, values["geom"])
        return self.step(actor, current, ClaimState.PUBLISHED, "published", reason=reason, values=values, also=redraw)

    def send_back_record(self, actor: Actor, kind: str, key: str, *, expected: int, reason: str) -> int:
        """Return a version in review to the analysts, with what must change; viewers keep the published one."""
        require(actor, Action.RETURN)
        needs_reason(reason)
        current = self.in_state(kind, key, expected, ClaimState.REVIEW, "returned")
        return self.step(actor, current, ClaimState.DRAFT, "returned", reason=reason, values={})

    def in_state(self, kind: str, key: str, expected: int, state: ClaimState, action: str) -> RegistryRecord:
        current = self.stored_record(kind, key)
        if current is None:
            missing = (
                Phrase.gettext("There is no source '{key}'.", key=key)
                if kind == "source"
                else Phrase.gettext("There is no place '{key}'.", key=key)
            )
            raise SaveRefusedError([FieldProblem(KEYS[kind], f"no {kind} '{key}'", missing)])
        if current.version != expected:
            raise StaleRecordError(kind, key, expected, current.document, current.version)
        if current.state is not state:
            english = f"{kind} {key} is {current.state.label.lower()}: not {action}"
            now = Phrase.gettext(
                "{what} is no longer in review ({state}): it was not changed.",
                what=current.label,
                state=Phrase.gettext(current.state.label),
            )
            raise SaveRefusedError([FieldProblem("", english, now)])
        return current

    def step(
        self,
        actor: Actor,
        current: RegistryRecord,
        to: ClaimState,
        action: str,
        *,
        reason: str,
        values: dict[str, Any],
        also: Callable[[Connection], None] | None = None,
    ) -> int:
        """One review step, compare-and-swap on the version, with its event: a publication logs the published
        version before and after (what viewers saw and now see), a return the working version."""
        table = schema.KINDS[current.kind]
        now = dt.datetime.now(dt.UTC)
        step = Step(
            table=table,
            where=table.c[KEYS[current.kind]] == current.key,
            kind=current.kind,
            record=current.key,
            expected=current.version,
            to=to,
            action=action,
            values=values,
            before=current.published if "published" in values else current.document,
            after=current.document,
        )
        with self.transaction() as connection:
            require_now(connection, actor, Action.PUBLISH if to is ClaimState.PUBLISHED else Action.RETURN)
            if not take_step(connection, actor, step, reason, now):
                theirs = self.stored_record(current.kind, current.key, connection)
                assert theirs is not None
                raise StaleRecordError(current.kind, current.key, current.version, theirs.document, theirs.version)
            if also is not None:
                also(connection)
        return current.version + 1

    def registry_queue(self) -> list[PendingRecord]:
        """Sources and places waiting for a reviewer, with who edited them and what approving each changes."""
        pending = []
        viewers_see = None
        with self.engine.connect() as connection:
            for kind in FILES:
                table = schema.KINDS[kind]
                keys = connection.execute(
                    select(table.c[KEYS[kind]]).where(table.c.state == ClaimState.REVIEW.value)
                ).scalars()
                for key in sorted(keys):
                    record = self.stored_record(kind, key, connection)
                    assert record is not None
                    move = None
                    if kind == "place" and record.published is not None:
                        viewers_see = viewers_see or self.editing_dataset("published")
                        move = place_move(record.published, record.document, viewers_see.claims)
                    changes = changes_between(shown_fields(kind, record.published), shown_fields(kind, record.document))
                    editors = tuple(editors_since_publication(connection, kind, key))
                    pending.append(PendingRecord(record, editors, changes, move))
        return pending


def loader_problem(issue: DataIssue) -> FieldProblem:
    """A problem the loader finds once the record is among the others: the record it is in and the loader's words
    (the loader's sentences are English everywhere, in the files' check as here)."""
    return FieldProblem("", f"{issue.record}: {issue.problem}")


def claims_redrawn(claim_ids: list[str], point: shapely.Geometry) -> Callable[[Connection], None]:
    """The write that moves the indexed geometry of the claims at a place to its published point."""

    def redraw(connection: Connection) -> None:
        if claim_ids:
            claims = schema.claims
            connection.execute(update(claims).where(claims.c.id.in_(claim_ids)).values(geom=point))

    return redraw
