"""How the feed answers over HTTP: serialized once per change of data, tagged, compressed, and safe to sniff.

- Bodies are serialized once per change of data and query and kept in a cache bounded in bytes, so a
  burst of requests for the same page costs one serialization.
- The ETag is a SHA-256 of the data's change stamp, the query and the encoding, never of the store's URL
  (which may hold its password): gzip and identity answers are different representations with different
  strong tags. `If-None-Match` is compared weakly (RFC 9110 §13.1.2), takes comma-separated lists and `*`.
- Every answer, errors and 304s included, says `nosniff` and may not be framed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from geo.reading.source import DataKey
from web.built_once import BuiltOnce

MAX_AGE_S = 10
JSON = "application/json"
GEOJSON = "application/geo+json"
FORMAT = "feed-3"  # in every tag: a new shape of answer never matches a tag a client kept from the old one
CACHE_BYTES = 64 * 1024 * 1024  # serialized answers kept, identity and gzip together
SAFETY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "cross-origin",  # other sites' tools may read the feed, as it is public
}


@dataclass(frozen=True)
class Serialized:
    """One answer in both encodings, with their tags."""

    plain: bytes
    packed: bytes
    tag: str  # the hash both ETags are made from

    @property
    def size(self) -> int:
        return len(self.plain) + len(self.packed)


class AnswerCache(BuiltOnce[Serialized]):
    """Serialized answers by key, least recently used dropped first once they hold more than `budget` bytes."""

    def __init__(self, budget: int = CACHE_BYTES) -> None:
        super().__init__(budget, weight=lambda answer: answer.size)

    def answer(self, key: Hashable, tag_of: str, build: Callable[[], Any]) -> Serialized:
        return self.get(key, lambda: serialize(build(), tag_of))


ANSWERS = AnswerCache()


def serialize(body: Any, tag_of: str) -> Serialized:
    plain = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    packed = gzip.compress(plain, compresslevel=5, mtime=0)
    return Serialized(plain, packed, hashlib.sha256(f"{FORMAT}|{tag_of}".encode()).hexdigest()[:32])


def accepts_gzip(request: Request) -> bool:
    """gzip is acceptable unless the client gives it (or `*`) a quality of 0."""
    for part in request.headers.get("accept-encoding", "").split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in {"gzip", "*"}:
            quality = params.strip().lower().removeprefix("q=")
            return not (params and quality.replace(".", "").strip("0") == "")
    return False


def entity_tags(header: str) -> set[str]:
    """The opaque tags of an If-None-Match list, weak or strong alike ('*' stays '*')."""
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def matches(header: str | None, etag: str) -> bool:
    if header is None:
        return False
    tags = entity_tags(header)
    return "*" in tags or etag in tags


def headers_for(etag: str | None = None) -> dict[str, str]:
    found = dict(SAFETY_HEADERS)
    if etag is not None:
        found |= {"ETag": etag, "Cache-Control": f"public, max-age={MAX_AGE_S}", "Vary": "Accept-Encoding"}
    return found


def answer(
    request: Request, data_key: DataKey, query: str, build: Callable[[], Any], media_type: str = JSON
) -> Response:
    """The answer to `query` on the data `data_key` names, cached in this process under both; its ETag comes
    from the key's tag (the change stamp, never a URL or password) and the query alone. gzip when the client
    takes it, 304 when its If-None-Match holds the tag."""
    serialized = ANSWERS.answer((data_key, query), f"{data_key.tag}|{query}", build)
    packed = accepts_gzip(request)
    etag = f'"{serialized.tag}{"-gzip" if packed else ""}"'
    headers = headers_for(etag)
    if matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    if packed:
        return Response(serialized.packed, media_type=media_type, headers=headers | {"Content-Encoding": "gzip"})
    if "gzip" in request.headers.get("accept-encoding", "").lower():  # gzip;q=0: said so, so that the
        headers |= {"Content-Encoding": "identity"}  # server's gzip middleware leaves this body and its tag be
    return Response(serialized.plain, media_type=media_type, headers=headers)


def problem(status: int, message: str) -> Response:
    """An error as JSON, never cached, with the same safety headers as every answer."""
    body = json.dumps({"error": message}, ensure_ascii=False).encode()
    return Response(body, status_code=status, media_type=JSON, headers=headers_for() | {"Cache-Control": "no-store"})
