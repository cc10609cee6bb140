"""A read-only feed for other tools, served next to the page: claims as GeoJSON and a claim's history.

- `GET /api/claims.geojson` — every claim with its id, number, statement, claimant, reports, period,
  location (a point, or the area's polygon for a claim about an area), status, confidence, likelihood,
  Admiralty code and the reasons, in the words the app shows (geo.claim_text). `?date=YYYY-MM-DD` gives
  the claims reported by that date, graded on what was known then; `?bbox=west,south,east,north` keeps
  those whose location meets the box.
- `GET /api/claims/{id}/history.json` — the claim's events in the store, oldest first.

No session is needed. Answers carry an ETag from the data's change stamp and may be cached for ten
seconds, so any number of viewers or replicas can serve the feed from one store.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from typing import Any

import shapely
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from geo.claim_text import describe
from geo.dataset import Dataset
from geo.grading import Grade
from geo.model import ISO_DATE
from geo.source import StoreUnavailableError, current_store, data_source, graded_source, load_source

MAX_AGE_S = 10
GEOJSON = "application/geo+json"


@functools.lru_cache(maxsize=16)
def features_on(key: str, on: dt.date | None) -> tuple[tuple[dict[str, Any], shapely.Geometry], ...]:
    """Every claim as a feature with its shape, today or as known on a date: built once per change of data,
    not per request."""
    data = load_source(key)
    grades = graded_source(key) if on is None else data.grades_known_on(on)
    found = []
    for claim in data.by_report:
        if claim.id in grades:
            feature = claim_feature(claim.id, data, grades[claim.id])
            found.append((feature, shapely.geometry.shape(feature["geometry"])))
    return tuple(found)


def claim_feature(claim_id: str, data: Dataset, grade: Grade) -> dict[str, Any]:
    claim = data.by_id[claim_id]
    text = describe(claim, grade, data)
    place = text.place
    geometry = place.area if place.area is not None else shapely.Point(place.lon, place.lat)
    properties = {
        "id": text.id,
        "number": text.number,
        "statement": text.statement,
        "category": claim.category.value,
        "claimant": {"id": claim.claimant, "name": text.claimant, "side": text.claimant_side},
        "reports": [
            {"outlet": report.outlet, "date": report.date.isoformat(), "url": report.url, "via": report.via}
            for report in text.reports
        ],
        "first_reported": text.first_reported.isoformat(),
        "period": {
            "start": claim.refers_to.start.isoformat(),
            "end": claim.refers_to.end.isoformat(),
            "precision": text.period_precision,
        },
        "place": {"label": place.label, "precision": place.precision, "radius_km": place.radius_km},
        **text.grade_fields(),
        **text.record_fields(),
        "corroborated_by": list(grade.corroborated_by),
        "reasons": list(grade.reasons),
    }
    return {"type": "Feature", "id": claim_id, "geometry": shapely.geometry.mapping(geometry), "properties": properties}


def problem(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def parse_bbox(raw: str) -> shapely.Geometry:
    try:
        west, south, east, north = (float(part) for part in raw.split(","))
    except ValueError:
        raise ValueError(f"bbox must be west,south,east,north in degrees, got {raw[:80]!r}") from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise ValueError(f"bbox must have west < east and south < north within longitude/latitude, got {raw[:80]!r}")
    return shapely.box(west, south, east, north)


def cached(request: Request, body: Any, tag_of: str, media_type: str = "application/json") -> Response:
    """The answer with an ETag and a short public cache life; a matching If-None-Match gets 304."""
    etag = '"' + hashlib.sha256(tag_of.encode()).hexdigest()[:20] + '"'
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={MAX_AGE_S}"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    content = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return Response(content, media_type=media_type, headers=headers)


def claims_geojson(request: Request) -> Response:
    """Served from a worker thread (a plain function in Starlette), so building it never holds up the page."""
    raw_date, raw_bbox = request.query_params.get("date"), request.query_params.get("bbox")
    on, box = None, None
    try:
        if raw_date is not None:
            if not ISO_DATE.match(raw_date):
                raise ValueError(f"date must be YYYY-MM-DD, got {raw_date[:40]!r}")
            try:
                on = dt.date.fromisoformat(raw_date)
            except ValueError:
                raise ValueError(f"{raw_date!r} is not a date on the calendar") from None
        if raw_bbox is not None:
            box = parse_bbox(raw_bbox)
    except ValueError as error:
        return problem(400, str(error))
    try:
        key = data_source()
    except StoreUnavailableError as error:
        return problem(503, str(error))
    features = [feature for feature, shape in features_on(key, on) if box is None or shape.intersects(box)]
    body = {"type": "FeatureCollection", "features": features}
    return cached(request, body, f"{key}|{raw_date}|{raw_bbox}", GEOJSON)


def claim_history(request: Request) -> Response:
    claim_id = request.path_params["claim_id"]
    try:
        key, store = data_source(), current_store()
    except StoreUnavailableError as error:
        return problem(503, str(error))
    if claim_id not in load_source(key).by_id:
        return problem(404, f"no claim {claim_id[:80]!r}")
    events = [] if store is None else store.history("claim", claim_id, public=True)  # never a draft
    body = [
        {
            "at": event["at"].isoformat(),
            "actor": event["actor"],
            "action": event["action"],
            "reason": event["reason"],
            "changes": event["changes"] or [],
            "before": event["before"],
            "after": event["after"],
        }
        for event in events
    ]
    return cached(request, body, f"{key}|history|{claim_id}")


ROUTES = [
    Route("/api/claims.geojson", claims_geojson, methods=["GET"]),
    Route("/api/claims/{claim_id}/history.json", claim_history, methods=["GET"]),
]
