"""Claims kept by a team: drafted by analysts, published by reviewers, every write compare-and-swap.

Each write names who and why, is checked against the actor's role on the server, and is one
transaction with its event. A write names the version it started from; when someone else wrote
first, nothing is changed and `ConflictError` carries their version, so nobody's work is lost.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, func, insert, select, update

from geo.language.phrase import Joined, Phrase, Value
from geo.model.records import Claim
from geo.reading.bundle import Bundle
from geo.reading.dataset import Dataset, load_claims_only
from geo.store import schema
from geo.store.acting import require_now
from geo.store.audit import changes_between as changes_between  # re-exported: forms show what changed
from geo.store.audit import log as log  # re-exported for the other desks
from geo.store.numbers import NumberTakenError, number_for_new_claim
from geo.store.rows import EDITING_KINDS, geometry_of
from geo.store.versions import Step, editors_since_publication, refuse_own_edit, take_step
from geo.workflow.editing import CheckedClaim, FieldProblem, check_claim, problem_of, pydantic_problems
from geo.workflow.lifecycle import ClaimState, Lifecycle
from geo.workflow.roles import Action, Actor, Role, require

LIFECYCLE_COLUMNS = (
    "state",
    "version",
    "entered_at",
    "entered_by",
    "edited_at",
    "edited_by",
    "verified_at",
    "verified_by",
)

MOVES: dict[str, tuple[set[ClaimState], ClaimState]] = {  # a lifecycle step: the states it starts from, where it ends
    "submitted": ({ClaimState.DRAFT}, ClaimState.REVIEW),
    "returned": ({ClaimState.REVIEW}, ClaimState.DRAFT),
    "published": ({ClaimState.REVIEW}, ClaimState.PUBLISHED),
    "retracted": ({ClaimState.PUBLISHED, ClaimState.REVIEW, ClaimState.DRAFT}, ClaimState.RETRACTED),
}


@dataclass(frozen=True)
class StoredClaim:
    """A claim as the store holds it: the working version, the published one, and its lifecycle."""

    id: str
    number: int
    document: dict[str, Any]
    published: dict[str, Any] | None
    lifecycle: Lifecycle
    editors: tuple[str, ...] = ()  # in the review queue: who drafted or edited it since its last publication

    @property
    def version(self) -> int:
        return self.lifecycle.version

    @property
    def state(self) -> ClaimState:
        return self.lifecycle.state


class SaveRefusedError(ValueError):
    """The claim would not load: nothing was saved; `problems` name each field and why (each in the reader's
    language where it was kept as a phrase)."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))
        self.phrase = Joined.of(problem.phrase or problem.message for problem in problems)


class ConflictError(RuntimeError):
    """Someone else wrote the claim after the version this write started from: nothing was changed."""

    def __init__(self, expected: int, theirs: StoredClaim) -> None:
        self.expected = expected
        self.theirs = theirs
        by = theirs.lifecycle.edited_by or theirs.lifecycle.verified_by
        super().__init__(
            f"{theirs.id} was changed by {by or 'someone'} (version {theirs.version}) after your version {expected}; "
            "nothing was saved"
        )
        values: dict[str, Value] = {"number": theirs.number, "version": theirs.version, "expected": expected}
        self.phrase = (
            Phrase.gettext(
                "#{number} was changed by {by} (version {version}) after your version {expected}; nothing was saved",
                by=by,
                **values,
            )
            if by
            else Phrase.gettext(
                "#{number} was changed by someone else (version {version}) after your version {expected}; "
                "nothing was saved",
                **values,
            )
        )


class ClaimNotFoundError(LookupError):
    def __init__(self, claim_id: str) -> None:
        super().__init__(f"no claim {claim_id!r} in the store")


def lifecycle_of(row: Any, has_published: bool) -> Lifecycle:
    values = {name: row._mapping[name] for name in LIFECYCLE_COLUMNS}
    return Lifecycle(**{**values, "state": ClaimState(values["state"])}, has_published=has_published)


def stored_of(row: Any) -> StoredClaim:
    return StoredClaim(row.id, row.number, row.document, row.published, lifecycle_of(row, row.published is not None))


class ClaimDesk:
    """The store's claim writes; mixed into `Store`, which provides the engine and the loaded views."""

    engine: Engine
    files: Callable[..., dict[str, Any]]
    stamp: Callable[[], int]
    transaction: Callable[[], AbstractContextManager[Connection]]
    os_user: str | None = None  # who runs this process, recorded on its command line writes
    _checked_against: dict[str, tuple[int, Dataset]]  # edition → (stamp, dataset)

    def editing_dataset(self, edition: str = "working") -> Dataset:
        """What a claim is checked against (claims, sources, places, areas, case), kept current.

        Loaded once, then brought up to date from the event log: when only claims changed since,
        just those claims are read again, so a save does not wait for a whole reload."""
        stamp = self.stamp()
        cached = self._checked_against.get(edition)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        dataset = self.caught_up(cached, stamp, edition) if cached else None
        if dataset is None:
            dataset = load_claims_only(Bundle(self.files(edition, EDITING_KINDS)))
        self._checked_against[edition] = (stamp, dataset)
        return dataset

    def caught_up(self, cached: tuple[int, Dataset], stamp: int, edition: str) -> Dataset | None:
        """The cached dataset with the claims written since its stamp, or None when more than claims changed."""
        since, dataset = cached
        events, table = schema.events, schema.claims
        document = table.c.published if edition == "published" else table.c.document
        with self.engine.connect() as connection:
            changed = connection.execute(
                select(events.c.kind, events.c.record).where(events.c.id > since, events.c.id <= stamp)
            ).all()
            if any(kind != "claim" for kind, _ in changed):
                return None
            ids = {record for _, record in changed}
            fresh = connection.execute(select(table.c.id, document).where(table.c.id.in_(ids))).all()
        claims = {claim.id: claim for claim in dataset.claims}
        for claim_id, record in fresh:
            if record is None:
                claims.pop(claim_id, None)
            else:
                claims[claim_id] = Claim.model_validate(record)  # checked when it was written
        return replace(dataset, claims=list(claims.values()))

    def stored_claim(self, claim_id: str, connection: Connection | None = None) -> StoredClaim:
        table = schema.claims
        query = select(table).where(table.c.id == claim_id)
        if connection is None:
            with self.engine.connect() as own:
                row = own.execute(query).first()
        else:
            row = connection.execute(query).first()
        if row is None:
            raise ClaimNotFoundError(claim_id)
        return stored_of(row)

    def lifecycles(self) -> dict[str, Lifecycle]:
        table = schema.claims
        query = select(
            table.c.id,
            table.c.published.is_not(None).label("has_published"),
            *(table.c[name] for name in LIFECYCLE_COLUMNS),
        )
        with self.engine.connect() as connection:
            return {row.id: lifecycle_of(row, bool(row.has_published)) for row in connection.execute(query)}

    def queue(self) -> list[StoredClaim]:
        """Claims waiting for a reviewer, oldest edit first."""
        table = schema.claims
        query = select(table).where(table.c.state == ClaimState.REVIEW.value).order_by(table.c.edited_at)
        with self.engine.connect() as connection:
            return [
                dataclasses.replace(
                    stored_of(row), editors=tuple(editors_since_publication(connection, "claim", row.id))
                )
                for row in connection.execute(query)
            ]

    def check(
        self, document: dict[str, Any], *, replacing: str | None = None, edition: str = "working"
    ) -> CheckedClaim:
        """The loader's verdict on a claim as if it were saved: field problems, grade, likely duplicates."""
        return check_claim(document, self.editing_dataset(edition), replacing=replacing)

    def save_claim(
        self,
        actor: Actor,
        document: dict[str, Any],
        *,
        expected: int | None,
        reason: str,
        submit: bool = False,
    ) -> StoredClaim:
        """Add a claim (expected=None) or edit one (expected = the version the form started from).

        A new claim is a draft; an edited published claim goes back to review while its published
        version stays what viewers see. With `submit`, the version goes to review at once."""
        require(actor, Action.DRAFT)
        if submit:
            require(actor, Action.SUBMIT)
        needs_reason(reason)
        claim_id = str(document.get("id", ""))
        if expected is not None:
            current = self.stored_claim(claim_id)
            if current.state is ClaimState.RETRACTED:
                raise SaveRefusedError(
                    [problem_of("", Phrase.gettext("a retracted claim stays as it was; enter a new claim"))]
                )
            document = {**document, "number": current.number}
        dataset = self.editing_dataset()
        asked = document.get("number") if expected is None else None
        if expected is None and asked is None:  # checked with the number it will likely get; drawn when written
            restored = dataset.numbering.retired_number_of(claim_id)
            next_free = max(dataset.numbering.highest, *dataset.numbers.values(), 0) + 1
            document = {**document, "number": restored if restored is not None else next_free}
        checked = check_claim(document, dataset, replacing=claim_id if expected is not None else None)
        if not checked.valid:
            raise SaveRefusedError(checked.problems)
        assert checked.claim is not None
        record = dict(document)  # as entered: a field written empty on purpose (no link found) stays
        columns = {"first_reported": checked.claim.first_reported, "geom": geometry_of(checked.claim, dataset)}
        now = dt.datetime.now(dt.UTC)
        table = schema.claims
        with self.transaction() as connection:
            if expected is None:
                try:
                    wanted = checked.claim.number if asked is not None else None
                    record["number"] = number_for_new_claim(connection, claim_id, wanted)
                except NumberTakenError as taken:
                    raise SaveRefusedError([FieldProblem("number", str(taken))]) from None
                state = ClaimState.REVIEW if submit else ClaimState.DRAFT
                connection.execute(
                    insert(table).values(
                        id=claim_id,
                        number=record["number"],
                        file="claims/entered.yaml",
                        position=record["number"],
                        document=record,
                        version=1,
                        state=state.value,
                        entered_at=now,
                        entered_by=actor.subject,
                        edited_at=now,
                        edited_by=actor.subject,
                        **columns,
                    )
                )
                ensure_claim_file(connection)
                log(
                    connection,
                    actor=actor,
                    kind="claim",
                    record=claim_id,
                    action="drafted",
                    before=None,
                    after=record,
                    reason=reason,
                    version=1,
                    at=now,
                )
            else:
                before = self.stored_claim(claim_id, connection)
                state = ClaimState.REVIEW if submit or before.state is ClaimState.PUBLISHED else before.state
                step = Step(
                    table=table,
                    where=table.c.id == claim_id,
                    kind="claim",
                    record=claim_id,
                    expected=expected,
                    to=state,
                    action="edited",
                    values={"document": record, "edited_at": now, "edited_by": actor.subject, **columns},
                    before=before.document,
                    after=record,
                )
                if not take_step(connection, actor, step, reason, now):
                    raise ConflictError(expected, before)
            return self.stored_claim(claim_id, connection)

    def submit(self, actor: Actor, claim_id: str, *, expected: int, reason: str) -> StoredClaim:
        """Ask a reviewer to look at a draft."""
        require(actor, Action.SUBMIT)
        return self.move(actor, claim_id, "submitted", expected=expected, reason=reason)

    def send_back(self, actor: Actor, claim_id: str, *, expected: int, reason: str) -> StoredClaim:
        """Return a version in review to its analyst, with what must change."""
        require(actor, Action.RETURN)
        return self.move(actor, claim_id, "returned", expected=expected, reason=reason)

    def publish(self, actor: Actor, claim_id: str, *, expected: int, reason: str) -> StoredClaim:
        """Approve the version in review: from now on viewers see it. A second pair of eyes: whoever
        edited that version may not approve it; and it may link only to claims viewers can see."""
        require(actor, Action.PUBLISH)
        current = self.stored_claim(claim_id)
        with self.engine.connect() as connection:
            refuse_own_edit(connection, actor, "claim", claim_id)
        checked = self.check(current.document, replacing=claim_id, edition="published")
        if not checked.valid:
            raise SaveRefusedError(checked.problems)
        return self.move(actor, claim_id, "published", expected=expected, reason=reason)

    def retract(
        self, actor: Actor, claim_id: str, *, expected: int, reason: str, on: dt.date | None = None
    ) -> StoredClaim:
        """Withdraw a published claim: a tombstone with the date and the reason is published in its place."""
        require(actor, Action.RETRACT)
        current = self.stored_claim(claim_id)
        if current.published is None:
            raise SaveRefusedError(
                [
                    problem_of(
                        "", Phrase.gettext("only a published claim can be retracted; a draft can be left unpublished")
                    )
                ]
            )
        needs_reason(reason)
        if len(reason.strip()) < 10:
            raise SaveRefusedError(
                [problem_of("reason", Phrase.gettext("say in at least 10 characters why it is retracted"))]
            )
        tombstone = {
            **current.published,
            "retraction": {"on": (on or dt.date.today()).isoformat(), "reason": reason.strip(), "by": actor.name},
        }
        try:
            Claim.model_validate(tombstone)
        except ValidationError as error:
            raise SaveRefusedError(pydantic_problems(error)) from None
        return self.move(actor, claim_id, "retracted", expected=expected, reason=reason, document=tombstone)

    def move(
        self,
        actor: Actor,
        claim_id: str,
        action: str,
        *,
        expected: int,
        reason: str,
        document: dict[str, Any] | None = None,
    ) -> StoredClaim:
        """One step of the lifecycle (MOVES), compare-and-swap on the version, with its event; `document`
        replaces the working version (a retraction's tombstone)."""
        allowed, to = MOVES[action]
        publish = to in {ClaimState.PUBLISHED, ClaimState.RETRACTED}  # what viewers see changes
        needs_reason(reason)
        now = dt.datetime.now(dt.UTC)
        table = schema.claims
        with self.transaction() as connection:
            before = self.stored_claim(claim_id, connection)
            if before.version != expected:
                raise ConflictError(expected, before)
            if before.state not in allowed:
                english = f"{claim_id} is {before.state.label.lower()}; it cannot be {action} now"
                moved = Phrase.gettext(
                    "#{number} is {state} now: it was not changed.",
                    number=before.number,
                    state=Phrase.gettext(before.state.label),
                )
                raise SaveRefusedError([FieldProblem("", english, moved)])
            values: dict[str, Any] = {} if document is None else {"document": document}
            new_document = document if document is not None else before.document
            if publish:
                values |= {"published": new_document, "verified_at": now, "verified_by": actor.subject}
            step = Step(
                table=table,
                where=table.c.id == claim_id,
                kind="claim",
                record=claim_id,
                expected=expected,
                to=to,
                action=action,
                values=values,
                before=before.published if publish else before.document,
                after=new_document if publish else before.document,
            )
            if not take_step(connection, actor, step, reason, now):
                raise ConflictError(expected, self.stored_claim(claim_id, connection))
            return self.stored_claim(claim_id, connection)

    def role_of(self, subject: str) -> Role | None:
        """The role a signed-in person holds in this store; None for someone never granted one."""
        with self.engine.connect() as connection:
            role = connection.execute(select(schema.users.c.role).where(schema.users.c.subject == subject)).scalar()
        return Role(role) if role else None

    def users(self) -> list[dict[str, str]]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(schema.users).order_by(schema.users.c.subject))
            return [dict(row._mapping) for row in rows]

    def grant(self, actor: Actor | None, subject: str, role: Role, *, reason: str, name: str = "") -> None:
        """Give `subject` a role. `actor` None is the store's administrator at the command line."""
        if actor is not None:
            require(actor, Action.GRANT)
        needs_reason(reason)
        users = schema.users
        now = dt.datetime.now(dt.UTC)
        with self.transaction() as connection:
            if actor is not None:  # their role now, before the grant may change it
                require_now(connection, actor, Action.GRANT)
            before = connection.execute(select(users).where(users.c.subject == subject)).first()
            after = {"subject": subject, "name": name or (before.name if before else ""), "role": role.value}
            if before is None:
                connection.execute(insert(users).values(**after))
            else:
                connection.execute(update(users).where(users.c.subject == subject).values(**after))
            old = dict(before._mapping) if before else None
            by = actor.subject if actor else "administrator"
            log(
                connection,
                actor=by,
                kind="user",
                record=subject,
                action="granted",
                before=old,
                after=after,
                reason=reason,
                version=None,
                at=now,
                os_user=self.os_user,
            )


def needs_reason(reason: str) -> None:
    if not reason or not reason.strip():
        raise SaveRefusedError(
            [problem_of("reason", Phrase.gettext("say why: every change is logged with its reason"))]
        )


def ensure_claim_file(connection: Connection) -> None:
    """Claims entered in the app are exported together in claims/entered.yaml, with its case header."""
    files = schema.claim_files
    if connection.execute(
        select(func.count()).select_from(files).where(files.c.name == "claims/entered.yaml")
    ).scalar():
        return
    header = connection.execute(select(files.c.document).order_by(files.c.name).limit(1)).scalar()
    document = {"case": header["case"], "title": "Claims entered in the app"} if header else {}
    connection.execute(
        insert(files).values(name="claims/entered.yaml", file="claims/entered.yaml", position=0, document=document)
    )
