"""`GET /api/parts/{name}`: a part of a page's map, fetched by the map when it draws it (geo.publishing.map_parts).

A part's name is a hash of its bytes, so an answer never changes: the browser may keep it for a year without
asking again, and a warm page fetches nothing it has seen. A part is answered only while a page of this
process holds it (404 otherwise: the page's next run puts it back). It may hold an analyst's working
edition, so it is private to the browser that fetched it and only the app's own pages may read it.
"""

from __future__ import annotations

import gzip

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from geo.publishing.map_parts import PARTS_PATH, SHELF
from web.built_once import BuiltOnce
from web.feed_http import JSON, SAFETY_HEADERS, accepts_gzip, matches, problem

PACKED_BYTES = 64 * 1024 * 1024  # gzip bodies kept, least recently asked for dropped first
PART_HEADERS = SAFETY_HEADERS | {
    "Cache-Control": "private, max-age=31536000, immutable",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Vary": "Accept-Encoding",
}
PACKED: BuiltOnce[bytes] = BuiltOnce(PACKED_BYTES, weight=len)


def map_part(request: Request) -> Response:
    """A part's JSON, gzip when the client takes it; 304 when the client holds it already."""
    name = request.path_params["name"]
    body = SHELF.get(name)
    if body is None:
        return problem(404, "no such part of a map is held here now")
    packed = accepts_gzip(request)
    etag = f'"{name}{"-gzip" if packed else ""}"'
    headers = PART_HEADERS | {"ETag": etag}
    if matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    if packed:
        zipped = PACKED.get(name, lambda: gzip.compress(body, compresslevel=6, mtime=0))
        return Response(zipped, media_type=JSON, headers=headers | {"Content-Encoding": "gzip"})
    return Response(body, media_type=JSON, headers=headers | {"Content-Encoding": "identity"})


ROUTES = [Route(PARTS_PATH + "{name:str}", map_part, methods=["GET"])]
