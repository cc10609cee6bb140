"""The store stops answering under an open page: the page keeps what it showed and says so, then catches up.

The app reaches its PostGIS store only through a forwarder on loopback that the test can cut, as a stopped
server or a lost network would: every open connection drops and new ones are refused. Runs where a
PostgreSQL server is at hand (bash scripts/with_postgres.sh ...).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import socket
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy.engine import make_url

from geo.store import Store
from tests.browser.conftest import make_visit, running_app
from tests.conftest import DATA, fresh_postgis_database

pytestmark = pytest.mark.postgis


class Forwarder:
    """A TCP forwarder from a loopback port to the store's server; `cut` is the server gone, `mend` it back."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = 0
        self.open: list[socket.socket] = []
        self.lock = threading.Lock()
        self.listener: socket.socket | None = None
        self.mend()

    def mend(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        self.port, self.listener = listener.getsockname()[1], listener
        threading.Thread(target=self.accept, args=(listener,), daemon=True).start()

    def accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            server = socket.create_connection(self.target)
            with self.lock:
                self.open += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self.pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        assert self.listener is not None
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread: the port stops listening
        self.listener.close()
        with self.lock:
            for connection in self.open:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
                connection.close()
            self.open.clear()


@pytest.fixture
def store_behind_a_forwarder() -> Iterator[tuple[str, Forwarder]]:
    with fresh_postgis_database() as url:
        Store(url).import_bundle(DATA, "seeder", "seed")
        direct = make_url(url)
        forwarder = Forwarder(direct.host or "127.0.0.1", direct.port or 5432)
        try:
            yield direct.set(port=forwarder.port).render_as_string(hide_password=False), forwarder
        finally:
            forwarder.cut()


TIME = re.compile(r"as of (\d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d) UTC, when the store last answered")


def test_a_page_whose_store_stops_keeps_its_map_says_since_when_and_catches_up(
    browser: Browser, store_behind_a_forwarder: tuple[str, Forwarder]
) -> None:
    url, forwarder = store_behind_a_forwarder
    with running_app(store_url=url) as base:
        visit = make_visit(browser, base)
        frame = visit.open("?date=2025-01-31")
        page = visit.page
        new_claim = page.get_by_role("button", name="New claim")
        expect(new_claim).to_be_visible()
        counted = page.get_by_text(re.compile(r"\d+ of \d+ claims")).first.inner_text()
        forwarder.cut()
        cut_at = dt.datetime.now(dt.UTC).replace(microsecond=0)

        note = page.locator(".st-key-store-unreachable")
        expect(note).to_contain_text("when the store last answered", timeout=30_000)
        said = note.inner_text()
        assert "cannot be reached" in said and "changes cannot be saved" in said
        assert str(forwarder.port) not in said and "postgres" not in said  # where the store lives stays unsaid
        found = TIME.search(said)
        assert found, said
        answered = dt.datetime.strptime(found.group(1), "%d %b %Y, %H:%M:%S").replace(tzinfo=dt.UTC)
        assert cut_at - dt.timedelta(seconds=30) <= answered <= cut_at
        assert frame.evaluate("KurskMap.state.date") is not None  # the map stays, as it was
        assert page.get_by_text(counted).count() >= 1

        page.get_by_role("button", name="Show on map").first.click()  # the panel runs again, store away
        expect(page.locator("[class*='st-key-claim-selected-']")).to_be_visible(timeout=30_000)
        new_claim.click()  # a button outside the panel: the whole page runs again, store away
        expect(new_claim).to_have_count(0, timeout=30_000)  # the desk steps aside: nothing to save into
        expect(page.get_by_role("dialog")).to_have_count(0)
        expect(note).to_contain_text("when the store last answered")
        assert frame.evaluate("KurskMap.state.date") is not None
        assert page.get_by_text(counted).count() >= 1
        assert page.get_by_test_id("stException").count() == 0

        forwarder.mend()
        expect(note).to_have_count(0, timeout=30_000)
        expect(page.get_by_role("dialog")).to_be_visible(timeout=30_000)  # the desk is back, the form it was asked for
        assert page.get_by_test_id("stException").count() == 0
        visit.assert_clean()
        page.close()
