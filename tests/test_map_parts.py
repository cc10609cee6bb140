"""The map's parts: named by their bytes, served over HTTP while a page holds them, never guessed or kept after."""

from __future__ import annotations

import gc
import json

from hypothesis import given
from hypothesis import strategies as st
from starlette.applications import Starlette
from starlette.testclient import TestClient

from geo.publishing.map_parts import PARTS_PATH, SHELF, Parts, part_name, series_part
from tests.hostile_text import hostile_text
from web import map_parts

CLIENT = TestClient(Starlette(routes=map_parts.ROUTES))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | hostile_text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_text(), inner, max_size=4),
    max_leaves=12,
)


@given(document=json_values)
def test_a_part_reads_back_as_given_under_the_name_of_its_bytes(document: object) -> None:
    parts = Parts()
    name = parts.add(document)
    body = parts.bodies[name]
    assert json.loads(body) == document
    assert name == part_name(body) and len(name) == 32
    assert Parts().add(document) == name  # the same document is always the same part
    assert not {b"<", b">", b"&", b"'"} & {bytes([byte]) for byte in body}  # safe inlined in a <script>


@given(documents=st.lists(json_values, max_size=5))
def test_a_series_names_its_parts_by_place_and_changes_name_with_any_of_them(documents: list[object]) -> None:
    parts = Parts()
    series = parts.add_series(documents)
    assert [json.loads(parts.bodies[series_part(series, place)]) for place in range(len(documents))] == documents
    assert len(parts.bodies) == len(documents) and len(series) == 32
    assert Parts().add_series(documents) == series
    assert Parts().add_series([*documents, "one more"]) != series
    if documents:
        assert Parts().add_series([*documents[:-1], ["changed", documents[-1]]]) != series


def test_a_held_part_is_served_with_gzip_and_kept_by_the_browser() -> None:
    parts = Parts()
    name = parts.add({"type": "Point", "coordinates": [35.2, 51.3]})
    SHELF.hold(parts)
    answer = CLIENT.get(PARTS_PATH + name, headers={"Accept-Encoding": "gzip"})
    assert answer.status_code == 200 and answer.json() == {"type": "Point", "coordinates": [35.2, 51.3]}
    assert answer.headers["content-encoding"] == "gzip"
    assert answer.headers["cache-control"] == "private, max-age=31536000, immutable"
    assert answer.headers["cross-origin-resource-policy"] == "same-origin"
    assert answer.headers["x-content-type-options"] == "nosniff"
    again = CLIENT.get(PARTS_PATH + name, headers={"Accept-Encoding": "gzip", "If-None-Match": answer.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    plain = CLIENT.get(PARTS_PATH + name, headers={"Accept-Encoding": "identity"})
    assert plain.content == parts.bodies[name] and plain.headers["content-encoding"] == "identity"


def test_a_part_nobody_holds_is_not_served() -> None:
    parts = Parts()
    name = parts.add(["a statement only a working edition holds"])
    SHELF.hold(parts)
    assert CLIENT.get(PARTS_PATH + name).status_code == 200
    del parts
    gc.collect()
    gone = CLIENT.get(PARTS_PATH + name)
    assert gone.status_code == 404 and "no such part" in gone.json()["error"]
    assert gone.headers["cache-control"] == "no-store"  # a later page may hold it again


def test_a_part_built_again_is_served_while_either_build_is_held() -> None:
    """The page's cache may drop the data and build it again, the same bytes, while open pages hold the first
    build: dropping either build keeps the part served, dropping both ends it."""
    first, second = Parts(), Parts()
    name = first.add({"type": "Point", "coordinates": [35.1, 51.2]})
    assert second.add({"type": "Point", "coordinates": [35.1, 51.2]}) == name
    SHELF.hold(first)
    SHELF.hold(second)
    del second
    gc.collect()
    assert CLIENT.get(PARTS_PATH + name).status_code == 200
    del first
    gc.collect()
    assert CLIENT.get(PARTS_PATH + name).status_code == 404


def test_names_that_are_no_part_are_refused() -> None:
    for name in ["0" * 32, "..%2F..%2Fetc%2Fpasswd", "x" * 500, "%00"]:
        assert CLIENT.get(PARTS_PATH + name).status_code == 404
