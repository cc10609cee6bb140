"""Parts of what a page's map draws, fetched by the browser when it needs them and named by their content.

The map's payload, each front snapshot and each batch of claim statements is one part: a JSON document
written once, named by a hash of its bytes. A series of parts (a layer's snapshots, the batches of
statements) is named once, by a hash of its parts' hashes, and its parts by that name and their place in it
("<series>.<n>"), so the payload names a daily layer's hundreds of snapshots with one name. A page hands its
map only the names; the browser fetches a part when it draws it (a front as of the date shown, the statements
of the claims drawn) and keeps it, so the first load does not grow with a layer's daily snapshots, and a name
that is known never needs fetching again.

A part is served only while something holds the `Parts` it belongs to — the page's cache, or an open page's
map — so a process keeps no more than its pages still show. The name is a 128-bit hash of the bytes: it can
be known only by being handed it (an analyst's working edition is not served to a viewer who was not).
"""

from __future__ import annotations

import hashlib
import json
import threading
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

PARTS_PATH = "/api/parts/"
"""Where the app serves a part, by name (web.map_parts): the map fetches PARTS_PATH + name."""
NAME_DIGEST_BYTES = 16
HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"})
"""Characters that never occur in JSON outside strings, written as escapes: a part is the same bytes served
alone or inlined in a page's <script> element, where '</script>' in a statement must not end the element."""


def part_json(document: Any) -> bytes:
    """A part's bytes: compact JSON, keys sorted (the same document always has the same name), HTML-safe."""
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.translate(HTML_SAFE).encode("utf-8")


def digest(body: bytes) -> bytes:
    return hashlib.blake2b(body, digest_size=NAME_DIGEST_BYTES).digest()


def part_name(body: bytes) -> str:
    return digest(body).hex()


def series_part(series: str, place: int) -> str:
    """The name of a series' part at `place` (static/map_parts.js names it the same way)."""
    return f"{series}.{place}"


@dataclass(eq=False)
class Parts:
    """Parts written together for one map; served while this object is held (see `SHELF`)."""

    bodies: dict[str, bytes] = field(default_factory=dict)

    def add(self, document: Any) -> str:
        """Writes a document as a part and returns its name."""
        body = part_json(document)
        name = part_name(body)
        self.bodies[name] = body
        return name

    def add_series(self, documents: Iterable[Any]) -> str:
        """Writes documents as one series and returns its name: part n of it is named `series_part(name, n)`."""
        bodies = [part_json(document) for document in documents]
        series = part_name(b"".join(digest(body) for body in bodies))
        for place, body in enumerate(bodies):
            self.bodies[series_part(series, place)] = body
        return series


class Shelf:
    """Every part some holder keeps alive, by name. Holders are weakly referenced: the shelf never keeps a
    part its holders have let go of. Several holders may hold the same name (the data rebuilt with the same
    content after its cache let it go, while open pages still hold the first build): the name is served
    while any of them lives."""

    def __init__(self) -> None:
        self._holders: dict[str, weakref.WeakSet[Parts]] = {}
        self._lock = threading.Lock()  # the page's script threads put, the server's threads get
        self._gone: list[list[str]] = []  # names of holders collected since: swept under the lock, not in the
        # collector's callback, which may run in any thread at any moment (while this thread holds the lock)

    def hold(self, parts: Parts) -> Parts:
        names = list(parts.bodies)
        with self._lock:
            self._sweep()
            for name in names:
                self._holders.setdefault(name, weakref.WeakSet()).add(parts)
        weakref.finalize(parts, self._gone.append, names)
        return parts

    def get(self, name: str) -> bytes | None:
        with self._lock:
            self._sweep()
            holder = next(iter(self._holders.get(name, ())), None)
        return None if holder is None else holder.bodies.get(name)

    def _sweep(self) -> None:
        while self._gone:
            for name in self._gone.pop():
                holders = self._holders.get(name)
                if holders is not None and next(iter(holders), None) is None:
                    del self._holders[name]


SHELF = Shelf()
"""The process's shelf: the page puts on it what its maps may fetch, the server's parts route reads it."""


def inline_parts(parts: Parts) -> str:
    """Every part as one JSON object of name → document, for a page that must open with no server (an exported
    map): the parts' bytes are already JSON and HTML-safe, so they are joined, not parsed and written again."""
    return "{" + ",".join(f'"{name}":{body.decode("utf-8")}' for name, body in sorted(parts.bodies.items())) + "}"


def documents_of(parts: Parts) -> Mapping[str, Any]:
    """The parts read back (for tests and tools that check what a map was given)."""
    return {name: json.loads(body) for name, body in parts.bodies.items()}
