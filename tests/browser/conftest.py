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
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Frame, Page, sync_playwright

from geo.store import Store
from tests.conftest import DATA

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("KURSK_MAP_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
TILE_HOSTS = ("tile.openstreetmap.org",)
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
DOWNLOAD_MS = 90_000
"""How long a download may take to start: each file is made on the server when its button is pressed (a map for
offline use takes seconds, more on a busy machine)."""
# Streamlit has finished its run and drawn every widget: no element faded as stale (which lowers every contrast),
# no run under way, and no widget still a grey placeholder while its code loads (a slider or a toggle is one for
# a moment after the page draws, and is then no tab stop and has no name).
SETTLED_JS = """() => !document.querySelector('[data-stale="true"]')
  && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')
  && !document.querySelector('[data-testid="stSkeleton"]')"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A `streamlit run app.py` process, its log, and what it has said of itself so far."""

    process: subprocess.Popen[str]
    log: Path
    serving: bool = False  # it printed its address ("URL: …"), which Streamlit does once it takes sessions
    spoken: threading.Event = field(default_factory=threading.Event)  # it printed its address, or its output ended

    def answers(self, url: str, seconds: float = 60) -> bool:
        """True once the app serves and answers its health check; False if it exited first. Waits on the app's
        own output, then on its answer (a busy app's first answer may take seconds), never on a clock."""
        deadline = time.monotonic() + seconds
        if not self.spoken.wait(seconds):
            raise RuntimeError(f"the app did not say it serves in {seconds:.0f} s:\n{self.log.read_text()}")
        try:
            if self.serving:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=deadline - time.monotonic()) as answer:
                    return answer.status == 200
        except OSError as error:  # a timeout, or it listened and then refused to go on (its check of where it listens)
            if TimeoutError in (type(error), type(getattr(error, "reason", None))):
                raise RuntimeError(f"the app did not answer in {seconds:.0f} s:\n{self.log.read_text()}") from None
        self.process.wait(timeout=30)
        return False


@contextmanager
def streamlit(options: list[str], env: dict[str, str], log: Path) -> Iterator[Server]:
    """`streamlit run app.py` with these options until the block ends; its output copied to `log` as it comes."""
    ARTIFACTS.mkdir(exist_ok=True)
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", *options],
        cwd=REPO,
        env={**env, "PYTHONUNBUFFERED": "1"},  # each line as it is printed
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )
    server = Server(process, log)

    def copy() -> None:
        assert process.stdout is not None
        with log.open("w") as output:
            for line in process.stdout:
                output.write(line)
                output.flush()
                if "URL:" in line:
                    server.serving = True
                    server.spoken.set()
        server.spoken.set()

    copier = threading.Thread(target=copy, daemon=True)
    copier.start()
    try:
        yield server
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        copier.join(timeout=10)


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
    options = ["--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true"]
    options += ["--secrets.files", str(secrets_file)] if secrets_file is not None else []
    url = f"http://127.0.0.1:{port}"
    with streamlit(options, env, ARTIFACTS / f"server-{port}.log") as server:
        if not server.answers(url):
            raise RuntimeError(f"the app exited early:\n{server.log.read_text()}")
        yield url


def seeded_store(folder: Path, bundle: Path = DATA) -> str:
    """A new SQLite store in this folder holding a bundle (the bundled data unless named): for a test that writes."""
    url = f"sqlite:///{folder / 'store.sqlite'}"
    Store(url).import_bundle(bundle, "seeder", "seed")
    return url


@contextmanager
def apps_by_role(store_url: str, roles: tuple[str, ...]) -> Iterator[dict[str, str]]:
    """One copy of the app for each role (KURSK_MAP_LOCAL_ROLE), all on one store, as a team runs them."""
    with ExitStack() as apps:
        yield {
            role: apps.enter_context(running_app(store_url=store_url, env_extra={"KURSK_MAP_LOCAL_ROLE": role}))
            for role in roles
        }


class LoopbackServer(Protocol):
    """What a test's own server on loopback offers (http.server's and werkzeug's)."""

    server_port: int

    def serve_forever(self, poll_interval: float = 0.5) -> None: ...
    def shutdown(self) -> None: ...
    def server_close(self) -> None: ...


@contextmanager
def served(server: LoopbackServer) -> Iterator[str]:
    """A test's own server (another site, an identity provider) serving from a thread until the block ends;
    yields its address."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


@dataclass
class Visit:
    """A page plus what happened on it that a person would call broken."""

    page: Page
    base_url: str
    outside_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    # Loads in a frame the page may yet remove (Streamlit mounts a component for a run and drops it the next):
    # broken only if the frame is still there when the test looks.
    aborted_in_frames: list[tuple[str, Frame]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, query: str = "", timeout_ms: float = 30_000) -> Frame:
        """Open the app and return the map frame once the map has drawn and the page has settled (SETTLED_JS):
        a test then measures, presses and reads the page a person would find, not its placeholders."""
        self.page.goto(self.base_url + "/" + query)
        frame = self.map_frame(timeout_ms)
        self.settled(timeout_ms)
        return frame

    def map_frame(self, timeout_ms: float = 30_000) -> Frame:
        """The map's frame once the map has settled: its date drawn, each front as of the date fetched."""
        self.page.wait_for_selector(MAP_FRAME, timeout=timeout_ms)
        frame = self.page.locator(MAP_FRAME).element_handle().content_frame()
        assert frame is not None
        frame.wait_for_function("window.KurskMap && KurskMap.state && KurskMap.state.date", timeout=timeout_ms)
        frame.wait_for_function("KurskMap.settled()", timeout=timeout_ms)
        return frame

    def settled(self, timeout_ms: float = 30_000) -> None:
        """Wait until the page is as a person would find it once it stops changing (SETTLED_JS)."""
        self.page.wait_for_function(SETTLED_JS, timeout=timeout_ms)

    def non_tile_outside_requests(self) -> list[str]:
        return [url for url in self.outside_requests if not any(host in url for host in TILE_HOSTS)]

    def broken_requests(self) -> list[str]:
        """Requests that failed, less those aborted because their frame was removed: nobody sees a frame that
        is gone, nor misses what it was loading."""
        aborted = [f"{url}: net::ERR_ABORTED" for url, frame in self.aborted_in_frames if not frame.is_detached()]
        return self.failed_requests + aborted

    def assert_clean(self) -> None:
        assert self.non_tile_outside_requests() == []
        assert self.broken_requests() == []
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


def warm_up(browser: Browser, url: str, *queries: str) -> None:
    """A freshly started app's first page (in a language) reads the data and builds the map's parts before it draws:
    on a busy machine longer than a test waits for its map. Each page is drawn once here, with time to spare."""
    first = make_visit(browser, url)
    for query in queries:
        first.open(query, timeout_ms=180_000)
    first.page.close()


@pytest.fixture(scope="session")
def app_url(browser: Browser) -> Iterator[str]:
    """The app on the test session's store, started once and drawn once: for every test that stores nothing."""
    with running_app() as url:
        warm_up(browser, url, "")
        yield url


def make_visit(
    browser: Browser,
    base_url: str,
    width: int = 1600,
    height: int = 1000,
    touch: bool = False,
    also_allow: tuple[str, ...] = (),
    locale: str | None = None,
) -> Visit:
    """A page of this size; `touch` makes it a phone (touch events, coarse pointer, mobile viewport); `locale` is the
    browser's language (en-US unless named). `also_allow` names other servers of the test on loopback (host:port)
    that the page may reach; every other host is blocked and recorded."""
    page = browser.new_page(
        viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch, locale=locale
    )
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
        if request.url in visit.outside_requests:
            return
        if request.failure == "net::ERR_ABORTED" and request.frame != page.main_frame:
            visit.aborted_in_frames.append((request.url, request.frame))
        else:
            visit.failed_requests.append(f"{request.url}: {request.failure}")

    page.on("requestfailed", failed)
    return visit


@contextmanager
def visiting(browser: Browser, url: str, width: int = 1600, height: int = 1000, touch: bool = False) -> Iterator[Visit]:
    """A page of `make_visit`'s, closed when the block ends."""
    current = make_visit(browser, url, width, height, touch=touch)
    try:
        yield current
    finally:
        current.page.close()


@pytest.fixture
def visit(browser: Browser, app_url: str) -> Iterator[Visit]:
    with visiting(browser, app_url) as current:
        yield current


Size = tuple[int, int, bool]  # width, height, touch


@pytest.fixture
def screen(request: pytest.FixtureRequest, browser: Browser, app_url: str) -> Iterator[tuple[str, Visit]]:
    """A page of the shared app at a named size; a test asks for several with `on_screens`."""
    name, (width, height, touch) = request.param
    with visiting(browser, app_url, width, height, touch) as current:
        yield name, current


def on_screens(sizes: dict[str, Size]) -> pytest.MarkDecorator:
    """Runs a test once for each named size, given as the `screen` fixture: (name, page)."""
    return pytest.mark.parametrize("screen", list(sizes.items()), ids=list(sizes), indirect=True)


@dataclass
class OfflinePage:
    """A page in a browser context with no network (an exported file opened on a laptop in a briefing room), and
    what it asked for, what failed, its console and its errors."""

    page: Page
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console: list[ConsoleMessage] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(("file:", "data:"))]


@contextmanager
def offline_page(browser: Browser, width: int, height: int, touch: bool = False) -> Iterator[OfflinePage]:
    context = browser.new_context(
        offline=True, viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch
    )
    opened = OfflinePage(context.new_page())
    opened.page.on("request", lambda request: opened.requests.append(request.url))
    opened.page.on("requestfailed", lambda request: opened.failed.append(request.url))
    opened.page.on("console", lambda message: opened.console.append(message))
    opened.page.on("pageerror", lambda error: opened.errors.append(str(error)))
    try:
        yield opened
    finally:
        context.close()
