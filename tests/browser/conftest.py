"""Start the real app on a free port and drive it with the system Chromium.

Every request to another host is blocked and recorded (a briefing room has no network);
tests then assert that the only such requests were optional map tiles.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Frame, Page, sync_playwright

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("KURSK_MAP_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
TILE_HOSTS = ("tile.openstreetmap.org",)
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_app(
    data_dir: Path | None = None,
    store_url: str | None = None,
    *,
    port: int | None = None,
    secrets_file: Path | None = None,
    env_extra: dict[str, str] | None = None,
) -> Iterator[str]:
    """`streamlit run app.py` on a free port until the block ends; its output on failure.

    By default the app uses the test session's store; `data_dir` makes it read a bundle folder directly,
    `store_url` points it at another store. `port` is for a test that must name the app's address
    beforehand (a sign-in redirect); `secrets_file` is the only secrets file the app reads; `env_extra`
    sets more of the app's environment (KURSK_MAP_LOCAL_ROLE, say)."""
    port = port or free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1", **(env_extra or {}))
    if data_dir is not None:  # a bundle folder, read directly
        env["KURSK_MAP_DATA"] = str(data_dir)
        env.pop("KURSK_MAP_DB", None)
    if store_url is not None:
        env["KURSK_MAP_DB"] = store_url
        env.pop("KURSK_MAP_DATA", None)
    log = ARTIFACTS / f"server-{port}.log"
    ARTIFACTS.mkdir(exist_ok=True)
    with log.open("w") as output:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                *(["--secrets.files", str(secrets_file)] if secrets_file is not None else []),
            ],
            cwd=REPO,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                if server.poll() is not None:
                    raise RuntimeError(f"the app exited early:\n{log.read_text()}")
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                        if answer.status == 200:
                            break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"the app did not answer in 60 s:\n{log.read_text()}") from None
                    time.sleep(0.3)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


@dataclass
class Visit:
    """A page plus what happened on it that a person would call broken."""

    page: Page
    base_url: str
    outside_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, query: str = "") -> Frame:
        """Open the app and return the map frame once the map has drawn."""
        self.page.goto(self.base_url + "/" + query)
        return self.map_frame()

    def map_frame(self) -> Frame:
        self.page.wait_for_selector(MAP_FRAME, timeout=30_000)
        frame = self.page.locator(MAP_FRAME).element_handle().content_frame()
        assert frame is not None
        frame.wait_for_function("window.KurskMap && KurskMap.state && KurskMap.state.date", timeout=30_000)
        frame.wait_for_function("KurskMap.settled()", timeout=30_000)  # each front as of the date, fetched
        return frame

    def non_tile_outside_requests(self) -> list[str]:
        return [url for url in self.outside_requests if not any(host in url for host in TILE_HOSTS)]

    def assert_clean(self) -> None:
        assert self.non_tile_outside_requests() == []
        assert self.failed_requests == []
        assert self.errors == []
        assert self.dialogs == []


def claims_drawn(frame: Frame) -> int:
    """How many claims the symbols on the map hold, plus those whose place is off screen (which the
    date box counts), after checking that each symbol is in the page."""
    symbols = frame.evaluate("KurskMap.symbols().length")
    assert frame.locator(".kcm-symbol").count() == symbols
    on_screen = frame.evaluate("""KurskMap.symbols().reduce((total, symbol) => total + symbol.members.filter(
        (index) => KurskMap.data.claims.area[index] >= 0 || KurskMap.map.getBounds().contains(
            [KurskMap.data.claims.lat[index], KurskMap.data.claims.lon[index]])).length, 0)""")
    outside = frame.evaluate("KurskMap.claims.outsideView()")
    if outside:
        assert f"{outside} outside this view" in frame.locator(".kcm-asof-count").inner_text()
    return on_screen + outside


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    with running_app() as url:
        yield url


def make_visit(
    browser: Browser,
    base_url: str,
    width: int = 1600,
    height: int = 1000,
    touch: bool = False,
    also_allow: tuple[str, ...] = (),
) -> Visit:
    """A page of this size; `touch` makes it a phone (touch events, coarse pointer, mobile viewport).
    `also_allow` names other servers of the test on loopback (host:port) that the page may reach."""
    page = browser.new_page(viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch)
    visit = Visit(page, base_url)
    own_hosts = (base_url.split("//", 1)[1], *also_allow)

    def route(request_route) -> None:
        url = request_route.request.url
        if url.startswith(("data:", "blob:")) or url.split("//", 1)[-1].startswith(own_hosts):
            request_route.continue_()
        else:
            visit.outside_requests.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    page.on("dialog", lambda dialog: (visit.dialogs.append(dialog.message), dialog.dismiss()))

    def failed(request) -> None:
        if request.url not in visit.outside_requests:
            visit.failed_requests.append(f"{request.url}: {request.failure}")

    page.on("requestfailed", failed)
    return visit


@pytest.fixture
def visit(browser: Browser, app_url: str) -> Iterator[Visit]:
    current = make_visit(browser, app_url)
    yield current
    current.page.close()
