"""The claims as OGC API – Features (Part 1: Core, GeoJSON), so GIS tools read them page by page.

QGIS and GDAL's OAPIF driver open `/api/ogc` (the landing page) and find:

- `/api/ogc/conformance` — the conformance classes served (core, GeoJSON);
- `/api/ogc/collections` — two collections: `claims` and `areas`;
- `/api/ogc/collections/claims/items` — claims, `limit` a page (default 100, at most 1,000), followed by
  `next` links; `bbox`, `datetime` (the claims whose period meets a date or an interval in the case) and
  `date` (the claims reported by then, graded as known then); numberMatched and numberReturned;
- `/api/ogc/collections/claims/items/{id}` — one claim;
- `/api/ogc/collections/areas/items[/{id}]` — each area claims refer to, with its polygon, once.

Each claim is the claim record (geo.publishing.claim_record), the same fields the page's GeoJSON and CSV
exports write. A claim about an area is a point inside it (where the map draws it) with the area's id in
`area`; a GIS joins it to the `areas` layer on `id` to draw the polygon. Every other tool reads points only.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from typing import Any

import shapely
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from geo.reading.source import DataKey, StoreUnavailableError, data_source
from web.feed_http import GEOJSON, answer, problem
from web.feed_index import area_feature, case_period, claim_index, one_feature, page_of
from web.feed_query import FeedQuery, QueryError, feed_query, no_parameters

ROOT = "/api/ogc"
OGC_DEFAULT_LIMIT = 100
CLAIM_PARAMETERS = frozenset({"limit", "offset", "bbox", "datetime", "date", "f"})
AREA_PARAMETERS = frozenset({"limit", "offset", "bbox", "f"})
UNREACHABLE = "the store cannot be reached; try again in a moment"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
]
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
COLLECTIONS = {
    "claims": (
        "Claims",
        "Claims about the incursion, each with who claims it, its sources and its grade: the claim record the "
        "page's GeoJSON and CSV exports write too. A claim about an area is a point inside the area with the "
        "area's id in `area` (the polygon is in the `areas` collection).",
    ),
    "areas": ("Areas", "The areas claims refer to, each polygon once: join claims on `area` = `id`."),
}


def link(href: str, rel: str, media_type: str = "application/json", title: str = "") -> dict[str, str]:
    found = {"href": href, "rel": rel, "type": media_type}
    return found | ({"title": title} if title else {})


def base_of(request: Request) -> str:
    """The address the client used, for absolute links (it is part of every cache key)."""
    return str(request.base_url).rstrip("/") + ROOT


def with_params(url: str, params: dict[str, str]) -> str:
    return f"{url}?{urllib.parse.urlencode(params, safe=',/.:')}" if params else url


def served(
    request: Request, route: str, build: Callable[[DataKey, str], Any], media_type: str = "application/json"
) -> Response:
    """The answer for this data version: built by `build(key, base)`; 503 when the store cannot be reached."""
    try:
        key = data_source()
    except StoreUnavailableError:
        return problem(503, UNREACHABLE)
    base = base_of(request)
    return answer(request, key, f"ogc|{route}|{base}", lambda: build(key, base), media_type)


def landing(request: Request) -> Response:
    try:
        no_parameters(request.query_params.multi_items())
    except QueryError as error:
        return problem(400, str(error))
    return served(request, "landing", lambda _key, base: landing_body(base))


def landing_body(base: str) -> dict[str, Any]:
    return {
        "title": "Kursk claims map",
        "description": "Claims about the 2024–25 Kursk incursion: who claims what, the sources, and how sure.",
        "links": [
            link(base, "self", title="This page"),
            link(f"{base}/conformance", "conformance", title="Conformance classes"),
            link(f"{base}/collections", "data", title="Collections"),
        ],
    }


def conformance(request: Request) -> Response:
    try:
        no_parameters(request.query_params.multi_items())
    except QueryError as error:
        return problem(400, str(error))
    return served(request, "conformance", lambda _key, _base: {"conformsTo": CONFORMANCE})


def collection_body(key: DataKey, base: str, collection: str) -> dict[str, Any]:
    title, description = COLLECTIONS[collection]
    data = claim_index(key).data
    extent: dict[str, Any] = {}
    if data.case is not None:
        region, period = data.case.region, data.case.period
        extent = {
            "spatial": {"bbox": [[region.west, region.south, region.east, region.north]], "crs": CRS84},
            "temporal": {"interval": [[f"{period.start}T00:00:00Z", f"{period.end}T23:59:59Z"]]},
        }
    here = f"{base}/collections/{collection}"
    return {
        "id": collection,
        "title": title,
        "description": description,
        "itemType": "feature",
        "crs": [CRS84],
        "extent": extent,
        "links": [
            link(here, "self"),
            link(f"{here}/items", "items", GEOJSON, title=f"{title}, {OGC_DEFAULT_LIMIT} a page"),
        ],
    }


def collections(request: Request) -> Response:
    try:
        no_parameters(request.query_params.multi_items())
    except QueryError as error:
        return problem(400, str(error))

    def build(key: DataKey, base: str) -> dict[str, Any]:
        return {
            "links": [link(f"{base}/collections", "self")],
            "collections": [collection_body(key, base, collection) for collection in COLLECTIONS],
        }

    return served(request, "collections", build)


def collection(request: Request) -> Response:
    name = request.path_params["collection"]
    if name not in COLLECTIONS:
        return problem(404, f"no collection {name[:40]!r}: there are {', '.join(COLLECTIONS)}")
    try:
        no_parameters(request.query_params.multi_items())
    except QueryError as error:
        return problem(400, str(error))
    return served(request, f"collection|{name}", lambda key, base: collection_body(key, base, name))


def items_body(
    query: FeedQuery, base: str, collection: str, features: list[dict[str, Any]], matched: int
) -> dict[str, Any]:
    """A page of features with numberMatched, numberReturned and the links to the next and previous pages."""
    here = f"{base}/collections/{collection}/items"
    links = [
        link(with_params(here, query.params()), "self", GEOJSON),
        link(f"{base}/collections/{collection}", "collection"),
    ]
    following = query.offset + query.limit
    if following < matched:
        links.append(link(with_params(here, query.params(following)), "next", GEOJSON, "Next page"))
    if query.offset > 0:
        earlier = max(0, query.offset - query.limit)
        links.append(link(with_params(here, query.params(earlier)), "prev", GEOJSON, "Previous page"))
    return {
        "type": "FeatureCollection",
        "numberMatched": matched,
        "numberReturned": len(features),
        "features": features,
        "links": links,
    }


def area_page(key: DataKey, query: FeedQuery) -> tuple[list[dict[str, Any]], int]:
    areas = sorted(claim_index(key).data.areas.values(), key=lambda area: area.id)
    box = query.box
    chosen = [area for area in areas if box is None or shapely.intersects(area.geometry, box)]
    return [area_feature(area) for area in chosen[query.offset : query.offset + query.limit]], len(chosen)


def items(request: Request) -> Response:
    name = request.path_params["collection"]
    if name not in COLLECTIONS:
        return problem(404, f"no collection {name[:40]!r}: there are {', '.join(COLLECTIONS)}")
    try:
        key = data_source()
    except StoreUnavailableError:
        return problem(503, UNREACHABLE)
    try:
        query = feed_query(
            request.query_params.multi_items(),
            case=case_period(key),
            default_limit=OGC_DEFAULT_LIMIT,
            allowed=CLAIM_PARAMETERS if name == "claims" else AREA_PARAMETERS,
        )
    except QueryError as error:
        return problem(400, str(error))
    base = base_of(request)

    def build() -> dict[str, Any]:
        if name == "claims":
            page = page_of(key, query)
            return items_body(query, base, name, page.features, page.matched)
        features, matched = area_page(key, query)
        return items_body(query, base, name, features, matched)

    asked = f"ogc|items|{name}|{sorted(query.params().items())}|{base}"
    return answer(request, key, asked, build, GEOJSON)


def item(request: Request) -> Response:
    name, item_id = request.path_params["collection"], request.path_params["item_id"]
    if name not in COLLECTIONS:
        return problem(404, f"no collection {name[:40]!r}: there are {', '.join(COLLECTIONS)}")
    try:
        no_parameters(request.query_params.multi_items())
        key = data_source()
    except QueryError as error:
        return problem(400, str(error))
    except StoreUnavailableError:
        return problem(503, UNREACHABLE)
    base = base_of(request)
    if name == "claims":
        feature = one_feature(key, item_id)
    else:
        area = claim_index(key).data.areas.get(item_id)
        feature = None if area is None else area_feature(area)
    if feature is None:
        return problem(404, f"no {name[:-1]} {item_id[:80]!r}")
    here = f"{base}/collections/{name}/items/{urllib.parse.quote(item_id, safe='')}"
    body = feature | {"links": [link(here, "self", GEOJSON), link(f"{base}/collections/{name}", "collection")]}
    return answer(request, key, f"ogc|item|{name}|{item_id}|{base}", lambda: body, GEOJSON)


ROUTES = [
    Route(ROOT, landing, methods=["GET"]),
    Route(f"{ROOT}/", landing, methods=["GET"]),
    Route(f"{ROOT}/conformance", conformance, methods=["GET"]),
    Route(f"{ROOT}/collections", collections, methods=["GET"]),
    Route(f"{ROOT}/collections/{{collection}}", collection, methods=["GET"]),
    Route(f"{ROOT}/collections/{{collection}}/items", items, methods=["GET"]),
    Route(f"{ROOT}/collections/{{collection}}/items/{{item_id}}", item, methods=["GET"]),
]
