"""The store under the map: records in SQLite (embedded, the default) or PostgreSQL + PostGIS (teams).

A bundle (the folder of YAML and GeoJSON files) goes in through the strict reader and comes out
as the same records; the app loads its dataset from the store through the same loader a folder
goes through. Every write is an event (who, when, what changed from what to what, why) in the
same transaction; `stamp()` — the last event's number — tells every process when data changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import shapely
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, func, insert, select, text, update

from geo.model.issues import DataIssue
from geo.paths import STATE_DIR
from geo.reading.bundle import Bundle, read_bundle, write_bundle
from geo.reading.dataset import Dataset, load_dataset
from geo.reading.reader import RefusalError
from geo.settings import data_settings
from geo.store import schema
from geo.store.audit import EVENTS_LOCK, Verdict, as_viewers_saw, verify
from geo.store.claims import ClaimDesk, log
from geo.store.holding import Held, hold_back
from geo.store.numbers import numbers_row, record_bundle_numbers, settle
from geo.store.registry import RegistryDesk
from geo.store.rows import NUMBERS_KIND, Row, files_of, geometry_of, rows_of
from geo.store.url_masking import shown_url as masked_url
from geo.store.versions import REVIEWED_KINDS
from geo.workflow.lifecycle import PUBLIC_ACTIONS, ClaimState

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK = 7_305_2025  # any fixed number: the advisory lock replicas take while migrating
STATE_DIR = STATE_DIR
DEFAULT_URL = f"sqlite:///{STATE_DIR / 'kursk_map.sqlite'}"


def store_url() -> str:
    """KURSK_MAP_DB when a team sets it (a PostgreSQL + PostGIS URL), else the embedded SQLite file."""
    return data_settings().db or DEFAULT_URL


def shown_url(url: str) -> str:
    """The URL with its password hidden, for messages: after `user:` and in the query string."""
    return masked_url(url)


class ImportRefusedError(ValueError):
    """A bundle that cannot go in: nothing was changed, and `issues` say which file, record and why."""

    def __init__(self, issues: list[DataIssue]) -> None:
        self.issues = issues
        super().__init__("; ".join(str(issue) for issue in issues[:5]) + ("; …" if len(issues) > 5 else ""))


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    kept: list[str] = field(default_factory=list)  # in the store, not in this bundle: kept, never dropped
    held: list[Held] = field(default_factory=list)  # a draft, in review or retracted in the store: not written

    def __str__(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {self.unchanged} unchanged, "
            f"{len(self.kept)} in the store but not in the bundle (kept), "
            f"{len(self.held)} held back (work in progress or retracted in the store)"
        )


def with_columns(row: Row, dataset: Dataset) -> Row:
    """The row with the columns the store queries: geometry, and for a claim its number and first report."""
    if row.kind in {"area", "place", "front"}:
        return replace(row, columns={"geom": shapely.geometry.shape(row.document["geometry"])})
    if row.kind != "claim":
        return row
    claim = dataset.by_id[row.key["id"]]
    number = dataset.numbers[claim.id]
    columns = {"number": number, "first_reported": claim.first_reported, "geom": geometry_of(claim, dataset)}
    return replace(row, document={**row.document, "number": number}, columns=columns)


class Store(ClaimDesk, RegistryDesk):
    """One store, by URL. Opening it brings its schema up to date (Alembic).

    Claims have two views: "published", what viewers see (the map, the feed, exports), and
    "working", every claim's newest version, drafts included, which analysts work on."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or store_url()
        self._checked_against = {}
        if self.url.startswith("sqlite:///"):
            Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(self.url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", sqlite_pragmas)
            event.listen(self.engine, "begin", sqlite_begin)
        self.migrate()

    def migrate(self) -> None:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            if connection.dialect.name == "postgresql":  # replicas starting together migrate one at a time
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A write transaction. On SQLite it takes the write lock at BEGIN (IMMEDIATE), so a writer that
        read first waits its turn instead of failing when another process wrote in between. On PostgreSQL
        it takes the lock that extends the audit log's chain first, before any row lock: a writer holding a
        row another needs never waits for that other to finish its event (no deadlock)."""
        with self.engine.connect() as connection, connection.execution_options(sqlite_begin="IMMEDIATE").begin():
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": EVENTS_LOCK})
            yield connection

    def stamp(self) -> int:
        """The number of the last event: it changes whenever the store does, in every process."""
        with self.engine.connect() as connection:
            last: int = connection.execute(select(func.coalesce(func.max(schema.events.c.id), 0))).scalar_one()
            return last

    def is_empty(self) -> bool:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(schema.claims)).scalar_one() == 0

    def rows(self, edition: str = "published", kinds: tuple[str, ...] = tuple(schema.KINDS)) -> list[Row]:
        """Every stored record of these kinds, as the bundle row it came from; a claim in the chosen
        edition's version (one never published has no "published" version). With claims comes the record
        of every number issued, as a bundle's claim_numbers.yaml (geo.store.numbers)."""
        found = []
        with self.engine.connect() as connection:
            numbers = numbers_row(connection) if "claim" in kinds else None
            if numbers is not None:
                found.append(numbers)
            for kind in kinds:
                table = schema.KINDS[kind]
                keys = list(table.primary_key.columns)
                reviewed = kind in REVIEWED_KINDS and edition == "published"
                document = table.c.published if reviewed else table.c.document
                query = select(*keys, table.c.file, table.c.position, document.label("document"))
                if reviewed:
                    query = query.where(table.c.published.is_not(None))
                for record in connection.execute(query):
                    key = {column.name: record._mapping[column.name] for column in keys}
                    found.append(Row(kind, key, record.file, record.position, record.document))
        return found

    def files(self, edition: str = "published", kinds: tuple[str, ...] = tuple(schema.KINDS)) -> dict[str, Any]:
        """The store's records as a bundle's documents, file by file, in their bundle order."""
        return files_of(self.rows(edition, kinds))

    def load(self, edition: str = "published") -> Dataset:
        """The dataset of one edition (working or published), with every claim's lifecycle (state, who entered and
        verified it)."""
        dataset = load_dataset(Bundle(self.files(edition)))
        lifecycles = self.lifecycles()
        if edition == "published":  # the version shown is the published one, whatever is in review behind it
            lifecycles = {
                claim_id: lifecycle if not lifecycle.pending else replace(lifecycle, state=ClaimState.PUBLISHED)
                for claim_id, lifecycle in lifecycles.items()
                if lifecycle.has_published
            }
        return replace(dataset, lifecycle=lifecycles)

    def export_bundle(self, folder: Path) -> None:
        write_bundle(self.files(), folder)

    def import_bundle(self, folder: Path, actor: str, reason: str) -> ImportReport:
        """Add and update records by id from a bundle folder, in one transaction, each change an event.

        A bundle with any problem changes nothing: ImportRefusedError names every file, record and reason.
        A record that is a draft or in review in the store, or a retracted claim, is held back (geo.store.holding).
        """
        if not reason.strip():
            raise ValueError("an import needs a reason")
        try:
            files = read_bundle(folder)
        except RefusalError as refusal:
            raise ImportRefusedError([DataIssue(folder.name, "(a file)", str(refusal))]) from None
        stored = self.rows("working")
        in_bundle = list(rows_of(files))
        arriving, number_issues = settle(stored, in_bundle)  # numbers once given stay given
        with self.engine.connect() as connection:
            arriving, held, already_seen = hold_back(connection, arriving)
        merged = {(row.kind, *map(str, row.key.values())): row for row in [*stored, *arriving]}  # the bundle wins
        dataset = load_dataset(Bundle(files_of(list(merged.values()))))  # checked with what is stored
        if number_issues or dataset.issues:
            raise ImportRefusedError([*number_issues, *dataset.issues])
        report = ImportReport(unchanged=already_seen, held=held)
        incoming = [with_columns(row, dataset) for row in arriving if row.kind != NUMBERS_KIND]
        numbers = next((row.document for row in arriving if row.kind == NUMBERS_KIND), None)
        now = dt.datetime.now(dt.UTC)
        with self.transaction() as connection:
            writable, late, _ = hold_back(connection, incoming)  # again in the transaction: a draft begun meanwhile
            report.held += late
            for row in writable:
                self.upsert(connection, row, actor, reason, now, report)
            for action, entry in record_bundle_numbers(connection, numbers) if numbers is not None else []:
                number, by = str(entry["number"]), self.os_user
                log(
                    connection,
                    actor=actor,
                    kind="claim-number",
                    record=number,
                    action=action,
                    before=None,
                    after=entry,
                    reason=reason,
                    version=None,
                    at=now,
                    os_user=by,
                )
                report.added.append(f"claim-number {entry['number']}")
            report.kept = self.not_in(connection, in_bundle)
        return report

    def upsert(
        self, connection: Connection, row: Row, actor: str, reason: str, now: dt.datetime, report: ImportReport
    ) -> None:
        table = schema.KINDS[row.kind]
        where = [table.c[name] == value for name, value in row.key.items()]
        values = {"file": row.file, "position": row.position, "document": row.document, **row.columns}
        before = connection.execute(select(table.c.document, table.c.file, table.c.position).where(*where)).first()
        if row.kind == "claim":  # an imported bundle is the team's reviewed data: it is published
            values |= {"published": row.document, "state": "published", "verified_at": now, "verified_by": actor}
        elif row.kind in REVIEWED_KINDS:  # sources and places too
            values |= {"published": row.document, "state": "published"}
        if before is None:
            entered = {"entered_at": now, "entered_by": actor, "version": 1} if row.kind == "claim" else {}
            connection.execute(insert(table).values(**row.key, **values, **entered))
            action, old = "added", None
            report.added.append(row.label)
        elif before.document != row.document or (before.file, before.position) != (row.file, row.position):
            bump = {"version": table.c.version + 1} if "version" in table.c else {}
            connection.execute(update(table).where(*where).values(**values, **bump))
            action, old = "updated", before.document
            report.updated.append(row.label)
        else:
            report.unchanged += 1
            return
        record = "/".join(str(value) for value in row.key.values())
        log(
            connection,
            actor=actor,
            kind=row.kind,
            record=record,
            action=action,
            before=old,
            after=row.document,
            reason=reason,
            version=None,
            at=now,
            os_user=self.os_user,
        )

    def not_in(self, connection: Connection, incoming: list[Row]) -> list[str]:
        arriving = {(row.kind, tuple(str(value) for value in row.key.values())) for row in incoming}
        kept = []
        for kind, table in schema.KINDS.items():
            keys = [column for column in table.primary_key.columns]
            for found in connection.execute(select(*keys)):
                if (kind, tuple(str(value) for value in found)) not in arriving:
                    kept.append(f"{kind} {'/'.join(str(value) for value in found)}")
        return kept

    def history(self, kind: str, record: str, *, public: bool = False) -> list[dict[str, Any]]:
        """A record's events, oldest first; `public`: only those that changed what viewers see, each from
        the version viewers saw before it (never a draft in between) and without who ran the machine."""
        events = schema.events
        query = select(events).where(events.c.kind == kind, events.c.record == record).order_by(events.c.id)
        if public:
            query = query.where(events.c.action.in_(sorted(PUBLIC_ACTIONS)))
        with self.engine.connect() as connection:
            found = [dict(row._mapping) for row in connection.execute(query)]
        return as_viewers_saw(found) if public else found

    def verify(self, anchor: str | None = None) -> Verdict:
        """Check the audit log's chain (geo.store.audit.verify)."""
        with self.engine.connect() as connection:
            return verify(connection, anchor)


def sqlite_pragmas(connection: Any, _record: Any) -> None:
    """Several app processes may share one SQLite file: write-ahead logging lets readers read during a write.
    Transactions are begun by `sqlite_begin`, not by the driver, so a write can take its lock up front."""
    connection.isolation_level = None
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def sqlite_begin(connection: Connection) -> None:
    connection.exec_driver_sql(f"BEGIN {connection.get_execution_options().get('sqlite_begin', 'DEFERRED')}")
