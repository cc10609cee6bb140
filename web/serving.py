"""What the server refuses before the page or the feed sees a request, and the headers every answer carries.

- A request naming a host this copy is not served at is refused (400): a page on another site whose name
  was made to point at this machine (DNS rebinding) would otherwise talk to the app as if it were local.
- A websocket handshake from a page on another origin is refused (403, before the session opens). Streamlit's
  own check compares host names only, so a page on http://127.0.0.1:OTHERPORT or any localhost port passes
  it; here scheme, host and port must all be the page's own. A handshake without Origin comes from no
  browser (browsers always send it), and a program gains nothing a browser page could abuse.
- Every answer says it may be framed only by the app's own pages (`frame-ancestors 'self'`, and
  X-Frame-Options for older browsers): the map's frame is the app's own, another site's frame is not.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from geo.settings import ServingSettings, is_loopback, serving

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

FRAME_ANCESTORS = "frame-ancestors 'self'"
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


def header(scope: Scope, name: bytes) -> str | None:
    """The first value of a request header, or None."""
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            text: str = value.decode("latin-1")
            return text
    return None


def host_and_port(netloc: str, scheme: str) -> tuple[str, int] | None:
    """('localhost', 8501) from 'LocalHost:8501'; None for anything that is not a plain host[:port]."""
    try:
        parts = urlsplit(f"//{netloc}")
        port = parts.port or DEFAULT_PORTS.get(scheme, 0)
    except ValueError:  # a port that is no number, or out of range
        return None
    if not parts.hostname or parts.username or parts.password or parts.path or parts.query or parts.fragment:
        return None
    return parts.hostname.rstrip("."), port


def host_allowed(host: str | None, scheme: str, settings: ServingSettings) -> bool:
    """On loopback only loopback names; served to a network, the public host names a team listed (any
    when it listed none)."""
    parsed = host_and_port(host or "", scheme)
    if parsed is None:
        return False
    name = parsed[0]
    if is_loopback(name):
        return True
    if not settings.serve_to_network:
        return False
    return not settings.public_hosts or name in settings.public_hosts


def same_origin(origin: str, host: str) -> bool:
    """True when the page that opened the websocket was served by this host on this port. The browser sends
    the Host it connected to, so a Host without a port has the default port of the page's scheme (a proxy
    that ends TLS passes the Host on, and the app sees ws while the page was https)."""
    try:
        page = urlsplit(origin)
    except ValueError:
        return False
    if page.scheme not in ("http", "https") or page.path or page.query or page.fragment:
        return False  # 'null' (a sandboxed or file: page), or anything that is no origin
    page_origin = host_and_port(page.netloc, page.scheme)
    return page_origin is not None and page_origin == host_and_port(host, page.scheme)


def with_frame_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """Add frame-ancestors to the answer's policy (or make one), and X-Frame-Options unless it has one."""
    names = [key.lower() for key, _ in headers]
    out = []
    for key, value in headers:
        if key.lower() == b"content-security-policy" and b"frame-ancestors" not in value:
            value = value + b"; " + FRAME_ANCESTORS.encode()
        out.append((key, value))
    if b"content-security-policy" not in names:
        out.append((b"content-security-policy", FRAME_ANCESTORS.encode()))
    if b"x-frame-options" not in names:
        out.append((b"x-frame-options", b"SAMEORIGIN"))
    return out


class ServingGuard:
    """ASGI middleware in front of Streamlit and the feed (app.py); settings are read once, at start."""

    def __init__(self, app: ASGIApp, settings: ServingSettings | None = None) -> None:
        self.app = app
        self.settings = settings or serving()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        host = header(scope, b"host")
        if not host_allowed(host, scope.get("scheme", "http"), self.settings):
            await refuse(kind, send, 400, b"This app is not served at that host name.")
            return
        if kind == "websocket":
            origin = header(scope, b"origin")
            if origin is not None and not same_origin(origin, host or ""):
                await refuse(kind, send, 403, b"")
                return
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = with_frame_headers(list(message.get("headers", [])))
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def refuse(kind: str, send: Send, status: int, body: bytes) -> None:
    """A plain answer, or a websocket handshake closed before it is accepted (the server answers 403)."""
    if kind == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def listening_problem(address: str | None, settings: ServingSettings) -> str | None:
    """Why the app must not start: it would listen beyond this machine when nobody chose to serve a network."""
    if settings.serve_to_network or is_loopback(address):
        return None
    shown = address or "every interface"
    return (
        f"Refusing to listen on {shown}: the app is served on loopback (127.0.0.1) unless a team chooses to serve "
        "it to a network with KURSK_MAP_SERVE_TO_NETWORK=true (then visitors are viewers unless they sign in; "
        "see README, 'Serving to a network')."
    )
