"""The guard in front of the app (web/serving.py), as a class: generated origins and host names at the ASGI
door, beside the running app's raw handshakes in tests/browser/test_serving.py."""

from __future__ import annotations

import asyncio
import ipaddress
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

from hypothesis import given
from hypothesis import strategies as st

from geo.settings import ServingSettings
from web.serving import ServingGuard

APP_HOST = "127.0.0.1:8501"
ON_LOOPBACK = ServingSettings()
ON_A_NETWORK = ServingSettings(serve_to_network=True, public_hosts=("claims.example.org",))


def knock(settings: ServingSettings, kind: str, host: str | None, origin: str | None = None) -> tuple[bool, Any]:
    """One request or handshake through the guard: whether it reached the app, and what was sent back."""
    reached: list[bool] = []
    sent: list[dict[str, Any]] = []

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        reached.append(True)
        if kind == "http":
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b""})

    async def receive() -> dict[str, Any]:
        return {"type": "websocket.connect"} if kind == "websocket" else {"type": "http.request"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    headers = [(b"host", host.encode())] if host is not None else []
    headers += [(b"origin", origin.encode())] if origin is not None else []
    scope = {"type": kind, "scheme": "ws" if kind == "websocket" else "http", "headers": headers, "path": "/"}
    # In a thread of its own: the browser tests' Playwright keeps an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as alone:
        alone.submit(asyncio.run, ServingGuard(app, settings)(scope, receive, send)).result()
    return bool(reached), sent


SCHEMES = st.sampled_from(["http", "https", "ws", "file", "chrome-extension", "HTTP"])
HOSTS = st.one_of(
    st.sampled_from(["127.0.0.1", "localhost", "127.0.0.2", "[::1]", "0.0.0.0", "localhost.evil", "LOCALHOST"]),
    st.from_regex(r"[a-z0-9]{1,8}(\.[a-z0-9]{1,8}){0,3}", fullmatch=True),
)
PORTS = st.one_of(st.just(""), st.integers(1, 65535).map(lambda port: f":{port}"))
ORIGINS = st.one_of(
    st.builds(lambda scheme, host, port: f"{scheme}://{host}{port}", SCHEMES, HOSTS, PORTS),
    st.sampled_from(["null", "", "http://127.0.0.1:8501/", "http://user@127.0.0.1:8501", "http://127.0.0.1:8501#x"]),
)


def loopback(name: str) -> bool:
    """A name only this machine answers to: localhost, or an address in 127.0.0.0/8 or ::1."""
    try:
        return name.lower() == "localhost" or ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


def same_host_and_port(origin: str, host: str) -> bool:
    """The page's own origin: its host and port as the browser connected (http's port 80 when none is said)."""
    try:
        page = urlsplit(origin)
        ours = urlsplit(f"//{host}")
        default = {"http": 80, "https": 443}[page.scheme]
        clean = not (page.path or page.query or page.fragment or page.username)
        return clean and (page.hostname, page.port or default) == (ours.hostname, ours.port or default)
    except (KeyError, ValueError):
        return False


@given(ORIGINS)
def test_a_websocket_opens_only_from_the_pages_own_origin(origin: str) -> None:
    reached, sent = knock(ON_LOOPBACK, "websocket", APP_HOST, origin)
    assert reached == same_host_and_port(origin, APP_HOST), origin
    if not reached:
        assert sent == [{"type": "websocket.close", "code": 1008}]  # the server answers the handshake 403


@given(HOSTS, PORTS)
def test_on_loopback_only_loopback_names_are_served(name: str, port: str) -> None:
    host = f"{name}{port}"
    reached, sent = knock(ON_LOOPBACK, "http", host)
    assert reached == loopback(name), host
    if not reached:
        assert sent[0]["status"] == 400


@given(HOSTS, PORTS)
def test_on_a_network_only_the_listed_names_and_loopback_are_served(name: str, port: str) -> None:
    reached, _ = knock(ON_A_NETWORK, "http", f"{name}{port}")
    assert reached == (loopback(name) or name.lower() == "claims.example.org")


def test_a_request_without_a_host_or_with_a_broken_one_is_refused() -> None:
    for host in (None, "", "127.0.0.1:port", "127.0.0.1:99999", "user@127.0.0.1", "127.0.0.1/x"):
        assert knock(ON_LOOPBACK, "http", host)[0] is False, host
    assert knock(ON_LOOPBACK, "websocket", APP_HOST, None)[0] is True  # no Origin: no browser page behind it


def test_answers_say_only_the_app_frames_them_and_a_stricter_policy_stays() -> None:
    _, sent = knock(ON_LOOPBACK, "http", APP_HOST)
    headers = dict(sent[0]["headers"])
    assert headers[b"content-security-policy"] == b"frame-ancestors 'self'"
    assert headers[b"x-frame-options"] == b"SAMEORIGIN"
