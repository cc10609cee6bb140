"""A read-only feed for other tools, served next to the page: claims as GeoJSON and a claim's history.

- `GET /api/claims.geojson` (`claims_feed`) — each claim as the claim record (geo.publishing.claim_record,
  the same record the page's GeoJSON and CSV exports write): id, number, statement, claimant, sources
  with links, period, location, status, confidence, likelihood, Admiralty code and the reasons, in the
  words the app shows (geo.model.claim_text), a page of at most 1,000 with a `next` link while more
  match. `?date=YYYY-MM-DD` gives the claims reported by that date, graded on what was known then;
  `?bbox=west,south,east,north` keeps those whose location meets the box; `datetime`, `limit` and
  `offset` as in the OGC API (web.ogc).
- `GET /api/claims/{id}/history.json` — the claim's public events in the store, oldest first, each
  actor shown by the name they chose or their role (geo.publishing.public_names), never an address or subject.
- `/api/ogc/...` — the same claims as OGC API – Features, for GIS tools (web.ogc).

No session is needed. Answers are serialized once per change of data and carry an ETag from the data's
change stamp (web.feed_http); they may be cached for ten seconds, so any number of viewers or replicas can
serve the feed from one store.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from geo.publishing.public_names import PublicNames
from geo.reading.source import StoreUnavailableError, current_store, data_source
from web import ogc
from web.feed_http import GEOJSON, answer, problem
from web.feed_index import case_period, claim_index, page_of
from web.feed_query import MAX_LIMIT, FeedQuery, QueryError, feed_query, no_parameters

GEOJSON_PARAMETERS = frozenset({"limit", "offset", "bbox", "datetime", "date"})


def claims_feed(request: Request) -> Response:
    """`GET /api/claims.geojson`, a page of claim records: served from a worker thread (a plain function in
    Starlette), so building it never holds up the page."""
    try:
        key = data_source()
    except StoreUnavailableError:
        return problem(503, ogc.UNREACHABLE)
    try:
        query = feed_query(
            request.query_params.multi_items(),
            case=case_period(key),
            default_limit=MAX_LIMIT,
            allowed=GEOJSON_PARAMETERS,
        )
    except QueryError as error:
        return problem(400, str(error))
    here = str(request.url.replace(query=""))

    def build() -> dict[str, Any]:
        page = page_of(key, query)
        return {
            "type": "FeatureCollection",
            "numberMatched": page.matched,
            "numberReturned": len(page.features),
            "features": page.features,
            "links": page_links(here, query, page.matched),
        }

    asked = f"geojson|{sorted(query.params().items())}|{here}"
    return answer(request, key, asked, build, GEOJSON)


def page_links(here: str, query: FeedQuery, matched: int) -> list[dict[str, str]]:
    links = [{"href": with_params(here, query.params()), "rel": "self", "type": GEOJSON}]
    if query.offset + query.limit < matched:
        following = with_params(here, query.params(query.offset + query.limit))
        links.append({"href": following, "rel": "next", "type": GEOJSON})
    return links


def with_params(url: str, params: dict[str, str]) -> str:
    return f"{url}?{urllib.parse.urlencode(params, safe=',/.:')}"


def claim_history(request: Request) -> Response:
    claim_id = request.path_params["claim_id"]
    try:
        no_parameters(request.query_params.multi_items())
    except QueryError as error:
        return problem(400, str(error))
    try:
        key, store = data_source(), current_store()
    except StoreUnavailableError:
        return problem(503, ogc.UNREACHABLE)
    index = claim_index(key)
    if claim_id not in index.data.by_id:
        return problem(404, f"no claim {claim_id[:80]!r}")

    def build() -> list[dict[str, Any]]:
        events = [] if store is None else store.history("claim", claim_id, public=True)  # never a draft
        return [public_event(event, index.names) for event in events]

    return answer(request, key, f"history|{claim_id}", build)


def public_event(event: dict[str, Any], names: PublicNames) -> dict[str, Any]:
    """An event as the public may read it: the actor by role or chosen name; a retraction's `by` likewise."""
    return {
        "at": event["at"].isoformat(),
        "actor": names.of(event["actor"]),
        "action": event["action"],
        "reason": event["reason"],
        "changes": [public_change(change, names) for change in event["changes"] or []],
        "before": public_document(event["before"], names),
        "after": public_document(event["after"], names),
    }


def public_retraction(value: Any, names: PublicNames) -> Any:
    if not isinstance(value, dict) or "by" not in value:
        return value
    return {**value, "by": names.of_name(str(value["by"]))}


def public_document(document: dict[str, Any] | None, names: PublicNames) -> dict[str, Any] | None:
    if document is None or "retraction" not in document:
        return document
    return {**document, "retraction": public_retraction(document["retraction"], names)}


def public_change(change: dict[str, Any], names: PublicNames) -> dict[str, Any]:
    if change.get("field") != "retraction":
        return change
    return {
        **change,
        "from": public_retraction(change.get("from"), names),
        "to": public_retraction(change.get("to"), names),
    }


ROUTES = [
    Route("/api/claims.geojson", claims_feed, methods=["GET"]),
    Route("/api/claims/{claim_id}/history.json", claim_history, methods=["GET"]),
    *ogc.ROUTES,
]
