"""How the app is served, tested from outside as an attacker would: the sockets it listens on, raw websocket
handshakes from other origins and host names, the headers that keep other sites from framing it, a copy
served to a network without sign-in, and hostile numbers in the link."""

from __future__ import annotations

import http.server
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import ARTIFACTS, REPO, Server, free_port, make_visit, running_app, served, streamlit

HANDSHAKE_KEY = "dGhlIHNhbXBsZSBub25jZQ=="  # RFC 6455's example; any 16 bytes in base64 do


def handshake(base_url: str, origin: str | None, host: str | None = None) -> int:
    """The status line's code of a websocket handshake on the page's stream, as a browser would send it."""
    parts = urlsplit(base_url)
    lines = [
        "GET /_stcore/stream HTTP/1.1",
        f"Host: {host or parts.netloc}",
        "Connection: Upgrade",
        "Upgrade: websocket",
        "Sec-WebSocket-Version: 13",
        f"Sec-WebSocket-Key: {HANDSHAKE_KEY}",
        "Sec-WebSocket-Protocol: streamlit",
        *([f"Origin: {origin}"] if origin is not None else []),
    ]
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        answer = b""
        while b"\r\n" not in answer:
            chunk = connection.recv(1024)
            if not chunk:
                break
            answer += chunk
    return int(answer.split(b" ", 2)[1])


def other_origins(base_url: str) -> list[str]:
    """Pages that are not the app's: another port on the same loopback address (a dev server, a notebook),
    the other loopback name on the app's own port, look-alike names, a sandboxed page, and no origin at all."""
    port = urlsplit(base_url).port
    return [
        f"http://127.0.0.1:{free_port()}",
        f"http://localhost:{port}",
        f"http://127.0.0.2:{port}",
        "http://localhost.evil",
        f"http://localhost.evil:{port}",
        f"http://127.0.0.1.nip.io:{port}",
        "https://claims.example.org",
        "null",
        f"file://{REPO}",
        f"http://127.0.0.1:{port}/page",
        f"http://user@127.0.0.1:{port}",
    ]


def test_a_websocket_from_another_origin_is_refused(app_url: str) -> None:
    assert handshake(app_url, app_url) == 101  # the app's own page
    assert handshake(app_url, None) == 101  # no browser: nothing a page on another site could use
    refused = {origin: handshake(app_url, origin) for origin in other_origins(app_url)}
    assert refused == dict.fromkeys(refused, 403)


def test_a_host_name_the_app_is_not_served_at_is_refused(app_url: str) -> None:
    """DNS rebinding: another site's name made to point at 127.0.0.1 is same-origin with its own page."""
    port = urlsplit(app_url).port
    for host in (f"localhost.evil:{port}", f"rebind.example.org:{port}", "127.0.0.1:notaport", ""):
        assert handshake(app_url, f"http://{host}", host=host) == 403, host
        request = urllib.request.Request(f"{app_url}/api/claims.geojson", headers={"Host": host})
        with pytest.raises(urllib.error.HTTPError, match="400"):
            urllib.request.urlopen(request, timeout=10)
    assert handshake(app_url, f"http://localhost:{port}", host=f"localhost:{port}") == 101


def listening_addresses(port: int) -> set[str]:
    """Where something listens on this TCP port, as the kernel says (/proc/net/tcp, tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(socket.inet_ntop(socket.AF_INET if len(address) == 8 else socket.AF_INET6, raw(address)))
    return found


def raw(address: str) -> bytes:
    """/proc/net/tcp writes each 32-bit word of an address in the host's (little-endian) order."""
    words = [bytes.fromhex(address[index : index + 8])[::-1] for index in range(0, len(address), 8)]
    return b"".join(words)


@contextmanager
def started(*options: str, env_extra: dict[str, str] | None = None) -> Iterator[Server]:
    """`streamlit run app.py` with the repository's config and only these options, until the block ends."""
    with streamlit(
        list(options), {**os.environ, **(env_extra or {})}, ARTIFACTS / f"server-serving-{free_port()}.log"
    ) as server:
        yield server


def server_address(env_extra: dict[str, str]) -> str:
    """What scripts/run.sh passes as --server.address."""
    chosen = subprocess.run(
        [sys.executable, "-m", "geo.settings", "server-address"],
        cwd=REPO,
        env={**os.environ, **env_extra},
        capture_output=True,
        text=True,
        check=True,
    )
    return chosen.stdout.strip()


def test_as_it_comes_the_app_listens_on_loopback_only() -> None:
    assert server_address({}) == "127.0.0.1"
    port = free_port()
    with started("--server.port", str(port)) as server:  # no address given: the repository's config
        assert server.answers(f"http://127.0.0.1:{port}"), server.log.read_text()
        assert listening_addresses(port) == {"127.0.0.1"}


def test_listening_beyond_loopback_needs_the_setting() -> None:
    assert server_address({"KURSK_MAP_SERVE_TO_NETWORK": "true"}) == "0.0.0.0"
    port = free_port()
    with started("--server.port", str(port), "--server.address", "0.0.0.0") as server:
        assert not server.answers(f"http://127.0.0.1:{port}")
        server.process.wait(timeout=30)
    assert server.process.returncode != 0
    said = server.log.read_text()
    assert "Refusing to listen on 0.0.0.0" in said and "KURSK_MAP_SERVE_TO_NETWORK=true" in said
    assert listening_addresses(port) == set()


def test_error_details_stay_off_the_page_as_it_comes() -> None:
    """The repository's config as Streamlit reads it: an error on the page shows no traceback or message."""
    shown = subprocess.run(
        [sys.executable, "-m", "streamlit", "config", "show"], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert 'showErrorDetails = "none"' in shown.stdout
    assert 'address = "127.0.0.1"' in shown.stdout


def frame_ancestors(headers: dict[str, str]) -> tuple[str, str]:
    lowered = {key.lower(): value for key, value in headers.items()}
    return lowered.get("content-security-policy", ""), lowered.get("x-frame-options", "")


def test_every_answer_may_be_framed_only_by_the_app_itself(app_url: str) -> None:
    for path in ("/", "/api/claims.geojson", "/_stcore/health", "/app/static/no-such-file.js"):
        try:
            with urllib.request.urlopen(f"{app_url}{path}", timeout=30) as answer:
                headers = dict(answer.headers)
        except urllib.error.HTTPError as refused:
            headers = dict(refused.headers)
        policy, frame_options = frame_ancestors(headers)
        # the page is framed by its own map; an answer may say stricter ('none', as the feed does)
        assert "frame-ancestors 'self'" in policy or (path != "/" and "frame-ancestors 'none'" in policy), path
        assert frame_options in ("SAMEORIGIN", "DENY"), path


@contextmanager
def other_site(html: str) -> Iterator[str]:
    """A page on another loopback origin (its own port), as another site would serve it."""

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    with served(http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)) as address:
        yield address


def test_another_site_cannot_frame_the_page_but_the_map_draws_in_its_own_frame(browser: Browser, app_url: str) -> None:
    visit = make_visit(browser, app_url, 1280, 720)
    try:
        frame = visit.open("?date=2025-01-31")  # the map's own frame draws: same origin
        assert frame.evaluate("KurskMap.state.date") == "2025-01-31"
        visit.assert_clean()
    finally:
        visit.page.close()
    with other_site(f'<iframe id="framed" src="{app_url}/" width="800" height="600"></iframe>') as site:
        page = browser.new_page()
        try:
            with page.expect_console_message(lambda message: "frame-ancestors" in message.text, timeout=30_000):
                page.goto(f"{site}/")
            expect(page.frame_locator("#framed").locator("[data-testid=stApp]")).to_have_count(0)
        finally:
            page.close()


def test_served_to_a_network_without_sign_in_nobody_writes(browser: Browser) -> None:
    """Behind a proxy on this machine, as a team serves it: it listens on loopback, the network reaches it."""
    with running_app(env_extra={"KURSK_MAP_SERVE_TO_NETWORK": "true", "KURSK_MAP_LOCAL_ROLE": "reviewer"}) as url:
        visit = make_visit(browser, url, 1280, 720)
        try:
            visit.open()
            bar = visit.page.locator(".st-key-account-bar")
            expect(bar).to_contain_text("served to a network without sign-in, nobody writes here")
            expect(bar).not_to_contain_text("Local")
            for name in ("New claim", "Edit", "Publish", "Retract", "Sources and places"):
                expect(visit.page.get_by_role("button", name=name)).to_have_count(0)
            visit.assert_clean()
        finally:
            visit.page.close()


@pytest.mark.parametrize("step", ["²", "٣", "9" * 5000, "1e3", "-1"])
def test_a_hostile_number_in_the_link_is_named_never_a_traceback(browser: Browser, app_url: str, step: str) -> None:
    visit = make_visit(browser, app_url, 1280, 720)
    try:
        visit.open(f"?mode=brief&story=nk-troops-kursk&step={step}")
        page = visit.page
        expect(page.get_by_text("Link: ignored step")).to_be_visible()
        expect(page.locator("[data-testid=stException]")).to_have_count(0)
        for word in ("Traceback", "ValueError", "Exceeds the limit"):
            expect(page.get_by_text(word)).to_have_count(0)
        visit.assert_clean()
    finally:
        visit.page.close()
