"""The audit log holds against someone with the database file: every event is chained to the one before,
and `python -m geo.store verify` names the first broken link whatever was done to a copy of the store with
sqlite3 (an actor changed, an event replaced, deleted or slipped in, a trigger dropped and the row rewritten).
On PostgreSQL the app's role may only add to the log and read it."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Integer, String, Text, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, ProgrammingError

from geo.store import MIGRATIONS, Store, schema
from geo.store.audit import event_hash, log
from geo.workflow.roles import Actor, NotAllowedError, Role
from tests.conftest import DATA, REPO, fresh_postgis_database, postgis_admin, valid_claim

ANALYST = Actor("ana@example.org", "Ana Analyst", Role.ANALYST)
REVIEWER = Actor("rita@example.org", "Rita Reviewer", Role.REVIEWER)
SEED_CLAIM = "nk-absent-kursk-front-three-weeks"
CHANGED_BY_IMPORT = "nk-about-11000-troops-sent"
NEW_SOURCE = {"id": "new-outlet", "name": "New outlet", "kind": "news-outlet", "affiliation": "independent"}
SQLITE_UNGUARD = "DROP TRIGGER events_append_only_update"
SQLITE_GUARDS = ("events_append_only_update", "events_append_only_delete", "events_extend_chain")


def with_some_work(store: Store) -> None:
    """An imported bundle, then a draft, a submission, a publication, an edit and a grant: events of each kind."""
    store.import_bundle(DATA, "seed", "seed")
    store.save_claim(ANALYST, valid_claim(), expected=None, reason="BBC report of 31 Jan")
    store.submit(ANALYST, "test-claim", expected=1, reason="ready")
    store.publish(REVIEWER, "test-claim", expected=2, reason="checked")
    current = store.stored_claim(SEED_CLAIM)
    store.save_claim(ANALYST, {**current.document, "statement": "Reworded."}, expected=current.version, reason="x")
    store.grant(None, "otto@example.org", Role.ANALYST, reason="joins the team", name="Otto")


@pytest.fixture(scope="module")
def worked_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("worked") / "store.sqlite"
    store = Store(f"sqlite:///{path}")
    with_some_work(store)
    store.engine.dispose()
    return path


@pytest.fixture
def copy(worked_file: Path, tmp_path: Path) -> Path:
    """A copy of the store's file, as someone who got hold of it would have it."""
    target = tmp_path / "copy.sqlite"
    shutil.copy(worked_file, target)
    return target


def sqlite3_cli(path: Path, script: str) -> subprocess.CompletedProcess[str]:
    """Run SQL on the file with the sqlite3 command line tool, as an intruder would."""
    return subprocess.run(["sqlite3", str(path)], input=script, capture_output=True, text=True, check=False)


def verify_cli(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KURSK_MAP_DB": f"sqlite:///{path}"}
    command = [sys.executable, "-m", "geo.store", "verify", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env, check=False)


def event_count(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM events").fetchone()[0]


def trigger_sql(path: Path, name: str) -> str:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]


def test_an_untouched_log_verifies_and_names_its_head(copy: Path) -> None:
    result = verify_cli(copy)
    assert result.returncode == 0, result.stderr
    assert f"audit log intact: {event_count(copy)} event(s), head " in result.stdout


def test_replacing_an_event_is_refused_by_the_database(copy: Path) -> None:
    result = sqlite3_cli(copy, "INSERT OR REPLACE INTO events SELECT * FROM events WHERE id = 3;")
    assert result.returncode != 0 and "must extend the chain" in result.stderr
    result = sqlite3_cli(
        copy,
        "INSERT INTO events (at, actor, kind, record, action, reason) VALUES "
        "('2025-01-01 00:00:00', 'mallory', 'claim', 'x', 'published', 'slipped in');",
    )
    assert result.returncode != 0 and "must extend the chain" in result.stderr
    assert verify_cli(copy).returncode == 0


def test_an_actor_changed_behind_the_triggers_is_the_first_broken_link(copy: Path) -> None:
    update_guard = trigger_sql(copy, "events_append_only_update")
    sqlite3_cli(
        copy, f"DROP TRIGGER events_append_only_update; UPDATE events SET actor = 'rita' WHERE id = 5; {update_guard};"
    )  # the trigger put back, so nothing looks amiss
    result = verify_cli(copy)
    assert result.returncode == 1
    assert "after 4 good event(s): event 5 (" in result.stderr and "was changed after it was written" in result.stderr


def test_insert_or_replace_with_the_chain_trigger_dropped_is_found(copy: Path) -> None:
    sqlite3_cli(
        copy,
        "DROP TRIGGER events_extend_chain; "
        "INSERT OR REPLACE INTO events SELECT id, at, 'someone else', kind, record, action, before, after, "
        "'a better reason', changes, version, os_user, prev_hash, hash FROM events WHERE id = 7;",
    )
    with sqlite3.connect(copy) as connection:
        assert connection.execute("SELECT actor FROM events WHERE id = 7").fetchone()[0] == "someone else"
    result = verify_cli(copy)
    assert result.returncode == 1 and "event 7 (" in result.stderr and "was changed" in result.stderr


def test_a_deleted_event_breaks_the_link_of_the_next_one(copy: Path) -> None:
    delete_guard = trigger_sql(copy, "events_append_only_delete")
    sqlite3_cli(copy, f"DROP TRIGGER events_append_only_delete; DELETE FROM events WHERE id = 6; {delete_guard};")
    result = verify_cli(copy)
    assert result.returncode == 1
    assert "event 7 (" in result.stderr and "does not follow event 5" in result.stderr


def test_a_rewritten_event_with_its_own_hash_recomputed_breaks_the_next_link(copy: Path) -> None:
    with sqlite3.connect(copy) as connection:
        connection.execute("DROP TRIGGER events_append_only_update")
        connection.execute("UPDATE events SET reason = 'nothing to see' WHERE id = 4")
    forge_hashes(copy, only=4)
    result = verify_cli(copy)
    assert result.returncode == 1 and "event 5 (" in result.stderr and "does not follow event 4" in result.stderr
    assert "events_append_only_update were dropped" not in result.stderr  # the first broken link comes first


def test_a_chain_rewritten_to_the_end_is_caught_by_an_anchor_kept_elsewhere(copy: Path) -> None:
    head = verify_cli(copy).stdout.rsplit(" ", 1)[-1].strip()
    update_guard = trigger_sql(copy, "events_append_only_update")
    with sqlite3.connect(copy) as connection:
        connection.execute("DROP TRIGGER events_append_only_update")
        connection.execute("UPDATE events SET actor = 'nobody' WHERE id = 2")
    forge_hashes(copy, only=None)
    with sqlite3.connect(copy) as connection:
        connection.execute(update_guard)
    assert verify_cli(copy).returncode == 0  # a chain alone cannot tell a full rewrite: that is what the anchor is for
    result = verify_cli(copy, "--anchor", head)
    assert result.returncode == 1 and f"no event has the anchored hash {head}" in result.stderr


@pytest.mark.parametrize("trigger", SQLITE_GUARDS)
def test_a_dropped_guard_trigger_is_reported(copy: Path, trigger: str) -> None:
    sqlite3_cli(copy, f"DROP TRIGGER {trigger};")
    result = verify_cli(copy)
    assert result.returncode == 1 and f"guard trigger(s) {trigger} were dropped" in result.stderr


def forged(column: str) -> object:
    """Another value for a column of `events`, of its type."""
    kind = schema.events.c[column].type
    if column == "at":
        return "2020-01-01 00:00:00.000000"
    if isinstance(kind, Integer):
        return 999_999
    if isinstance(kind, String | Text):
        return "forged"
    return '{"forged": true}'  # JSON


@pytest.mark.parametrize("column", [column.name for column in schema.events.columns])
def test_every_column_of_an_event_is_covered_by_the_chain(copy: Path, column: str) -> None:
    """A column added to `events` without being hashed fails here."""
    with sqlite3.connect(copy) as connection:
        connection.execute("DROP TRIGGER events_append_only_update")
        connection.execute(f'UPDATE events SET "{column}" = ? WHERE id = 3', (forged(column),))
    verdict = Store(f"sqlite:///{copy}").verify()
    assert not verdict.intact
    if column != "id":  # a renumbered event breaks the link where it used to be
        assert verdict.broken.startswith("event 3 (") or verdict.broken.startswith("event 4 (")


def forge_hashes(path: Path, only: int | None) -> None:
    """Recompute stored hashes as an intruder who knows the scheme would: one event's, or the whole chain's."""
    store = Store(f"sqlite:///{path}")
    with store.engine.connect() as connection:
        rows = [dict(row._mapping) for row in connection.execute(schema.events.select().order_by(schema.events.c.id))]
    store.engine.dispose()
    previous = None
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TRIGGER IF EXISTS events_append_only_update")
        for row in rows:
            if only is None and previous is not None:
                row["prev_hash"] = previous
            if only is None or row["id"] == only:
                row["hash"] = event_hash(row)
                connection.execute(
                    "UPDATE events SET prev_hash = ?, hash = ? WHERE id = ?", (row["prev_hash"], row["hash"], row["id"])
                )
            previous = row["hash"]


def test_every_write_extends_the_chain_on_both_backends(store_url: str) -> None:
    store = Store(store_url)
    with_some_work(store)
    verdict = store.verify()
    assert verdict.intact and verdict.events == store.stamp()
    entries = store.history("user", "otto@example.org")
    assert entries[0]["actor"] == "administrator" and entries[0]["os_user"] is None  # not run from a command line


def test_an_event_changed_behind_the_guards_is_found_on_both_backends(store_url: str) -> None:
    store = Store(store_url)
    with_some_work(store)
    postgres = store.engine.dialect.name == "postgresql"
    with store.engine.begin() as connection:
        unguard = "ALTER TABLE events DISABLE TRIGGER events_append_only" if postgres else SQLITE_UNGUARD
        connection.execute(text(unguard))
        connection.execute(text("UPDATE events SET reason = 'quietly reworded' WHERE id = 3"))
    verdict = store.verify()
    assert verdict.events == 2 and verdict.broken.startswith("event 3 (") and "was changed" in verdict.broken


def test_the_migration_chains_the_events_a_store_already_holds(store_url: str) -> None:
    """Migration 0005 on a store from before the chain: every stored event is chained, the guards stay."""
    store = Store(store_url)
    with_some_work(store)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    for step, revision in ((command.downgrade, "0004"), (command.upgrade, "head")):
        with store.engine.begin() as connection:
            config.attributes["connection"] = connection
            step(config, revision)
    verdict = store.verify()
    assert verdict.intact and verdict.events == store.stamp()
    with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as connection:
        connection.execute(text("UPDATE events SET reason = 'rewritten'"))


def test_command_line_events_record_the_operating_system_user(copy: Path, data_copy: Path) -> None:
    claims = data_copy / "claims" / "north_korean_troops.yaml"
    document = yaml.safe_load(claims.read_text())
    for claim in document["claims"]:
        if claim["id"] == CHANGED_BY_IMPORT:
            claim["statement"] = "Reworded in the bundle."
    claims.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))
    env = {**os.environ, "KURSK_MAP_DB": f"sqlite:///{copy}"}
    command = [sys.executable, "-m", "geo.store", "import", str(data_copy), "--actor", "anyone at all", "--reason", "x"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env, check=False)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(copy) as connection:
        actor, os_user = connection.execute("SELECT actor, os_user FROM events ORDER BY id DESC LIMIT 1").fetchone()
    assert actor == "anyone at all" and os_user == getpass.getuser()
    history = [sys.executable, "-m", "geo.store", "history", CHANGED_BY_IMPORT]
    shown = subprocess.run(history, capture_output=True, text=True, cwd=REPO, env=env, check=True).stdout
    assert f"anyone at all (as {getpass.getuser()}) updated: x" in shown
    assert verify_cli(copy).returncode == 0


def test_a_role_revoked_after_the_page_drew_its_buttons_is_refused_inside_the_write(store_url: str) -> None:
    """The actor objects below are what open pages hold; the grants are an administrator's, made meanwhile."""
    store = Store(store_url)
    store.import_bundle(DATA, "seed", "seed")
    for person, role in ((ANALYST, Role.ANALYST), (REVIEWER, Role.REVIEWER)):
        store.grant(None, person.subject, role, reason="team")
    drafted = store.save_claim(ANALYST, valid_claim(), expected=None, reason="new")
    in_review = store.submit(ANALYST, "test-claim", expected=drafted.version, reason="ready")
    still_draft = store.save_claim(
        ANALYST, valid_claim(id="draft-claim", statement="Seen in Kursk."), expected=None, reason="y"
    )
    store.grant(None, ANALYST.subject, Role.VIEWER, reason="left the team")
    store.grant(None, REVIEWER.subject, Role.ANALYST, reason="steps down as reviewer")
    before = store.stamp()
    seed = store.stored_claim(SEED_CLAIM)
    bbc, bbc_version = store.record("source", "bbc")
    writes = [
        lambda: store.save_claim(ANALYST, valid_claim(id="another"), expected=None, reason="x"),
        lambda: store.save_claim(ANALYST, {**seed.document, "statement": "Mine."}, expected=seed.version, reason="x"),
        lambda: store.submit(ANALYST, "draft-claim", expected=still_draft.version, reason="x"),
        lambda: store.publish(REVIEWER, "test-claim", expected=in_review.version, reason="x"),
        lambda: store.send_back(REVIEWER, "test-claim", expected=in_review.version, reason="x"),
        lambda: store.retract(REVIEWER, SEED_CLAIM, expected=seed.version, reason="withdrawn by the BBC"),
        lambda: store.grant(REVIEWER, "otto@example.org", Role.REVIEWER, reason="x"),
        lambda: store.save_source(ANALYST, NEW_SOURCE, expected=None, reason="x"),
        lambda: store.save_source(REVIEWER, {**bbc, "reliability": "A"}, expected=bbc_version, reason="x"),
    ]
    for write in writes:
        with pytest.raises(NotAllowedError, match=r"\((viewer|analyst)\) may not"):
            write()
    assert store.stamp() == before  # nothing written, nothing logged
    assert store.save_source(REVIEWER, {**bbc, "note": "A correction."}, expected=bbc_version, reason="x")
    store.grant(None, REVIEWER.subject, Role.REVIEWER, reason="back")
    assert store.send_back(REVIEWER, "test-claim", expected=in_review.version, reason="needs a source").version == 3


@pytest.mark.postgis
def test_on_postgis_the_apps_role_may_only_add_to_the_log_and_read_it(tmp_path: Path) -> None:
    """The owner creates the schema and runs `app-role`; the app, connected as its own role, works but cannot
    rewrite, delete, truncate or unguard the log."""
    role = f"kursk_app_{os.getpid()}"
    with postgis_admin() as admin:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        try:
            with fresh_postgis_database() as owner_url:
                Store(owner_url).engine.dispose()  # the owner migrates
                env = {**os.environ, "KURSK_MAP_DB": owner_url}
                command = [sys.executable, "-m", "geo.store", "app-role", role]
                granted = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env, check=False)
                assert granted.returncode == 0, granted.stderr
                app_url = make_url(owner_url).set(username=role, password=None).render_as_string(hide_password=False)
                app = Store(app_url)
                with_some_work(app)
                assert app.verify().intact
                for statement in (
                    "UPDATE events SET actor = 'x'",
                    "DELETE FROM events",
                    "TRUNCATE events",
                    "ALTER TABLE events DISABLE TRIGGER events_append_only",
                    "DROP TRIGGER events_extend_chain ON events",
                    "DELETE FROM claims",
                    "DROP TABLE claims",
                ):
                    denied = pytest.raises(ProgrammingError, match=r"permission denied|must be owner")
                    with denied, app.engine.begin() as connection:
                        connection.execute(text(statement))
                with pytest.raises(DBAPIError, match="must extend the chain"), app.engine.begin() as connection:
                    connection.execute(
                        text(
                            "INSERT INTO events (id, at, actor, kind, record, action, reason, prev_hash, hash) "
                            "VALUES (1, now(), 'mallory', 'claim', 'x', 'published', 'slipped in', 'x', 'x')"
                        )
                    )
                app.engine.dispose()
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))


@pytest.mark.postgis
def test_two_writers_crossing_rows_on_postgis_both_commit() -> None:
    """One writer holds a claim's row and has yet to log; another, started meanwhile, will need that row. Every
    write takes the chain's lock before any row lock, so the second waits its turn at its start instead of
    taking the chain and then waiting for the row while the first waits for the chain (a deadlock)."""
    with fresh_postgis_database() as url:
        store = Store(url)
        store.import_bundle(DATA, "seed", "seed")
        holding_row, errors = threading.Event(), []
        touch = "UPDATE claims SET position = position WHERE id = :id"
        crossed = "rumod-sudzha-retaken"

        def log_update(connection: Connection, actor: str, claim_id: str, reason: str) -> None:
            """An empty update of a claim, logged: what extends the chain."""
            log(
                connection,
                actor=actor,
                kind="claim",
                record=claim_id,
                action="updated",
                before=None,
                after={},
                reason=reason,
                version=None,
                at=now(),
            )

        def first() -> None:
            try:
                with store.transaction() as connection:
                    connection.execute(text(touch), {"id": crossed})
                    holding_row.set()
                    wait_until_a_lock_is_awaited(store)  # the second writer is blocked, wherever it blocks
                    log_update(connection, "first", crossed, "x")
            except Exception as error:
                errors.append(error)

        def second() -> None:
            try:
                assert holding_row.wait(30)
                with store.transaction() as connection:
                    connection.execute(text(touch), {"id": SEED_CLAIM})
                    log_update(connection, "second", SEED_CLAIM, "y")
                    connection.execute(text(touch), {"id": crossed})
            except Exception as error:
                errors.append(error)

        threads = [threading.Thread(target=first), threading.Thread(target=second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert errors == [] and not any(thread.is_alive() for thread in threads)
        assert [event["actor"] for event in store.history("claim", crossed)][-1] == "first"
        assert store.verify().intact
        store.engine.dispose()


def wait_until_a_lock_is_awaited(store: Store) -> None:
    deadline = time.monotonic() + 30
    with store.engine.connect() as watcher:
        while not watcher.execute(text("SELECT count(*) FROM pg_locks WHERE NOT granted")).scalar():
            assert time.monotonic() < deadline, "the second writer never blocked"
            watcher.rollback()  # a fresh snapshot of pg_locks on the next look


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
