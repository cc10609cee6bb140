"""What the feed selects from: per change of data, every claim's shape in a spatial index; per date, grades.

A request used to grade, describe and serialize every claim (polygons included) for each new date. Now:

- once per change of data (the source key): each claim's shape, first report and period in arrays, and a
  shapely STRtree over the shapes, so `bbox` asks the index instead of testing every claim;
- once per date asked (bounded, least recently used dropped): the grades as known then. Only one
  grading runs at a time, and requests for a date being graded wait for it instead of grading again;
- per page: features for at most MAX_LIMIT claims, each referring to its area by id (web.ogc's `areas`
  collection holds each polygon once) instead of repeating the polygon.

`bbox` stays with this in-memory STRtree even when the store is PostGIS, whose claims.geom has a GiST
index (geo.store.spatial.claims_in_bbox asks it, for `python -m geo.store bbox`), because:

- the feed serves published versions, and claims.geom is where each claim's working version is: a draft
  that moves a claim would move it in or out of a public box before a reviewer approves it;
- the index answers for exactly the data version the page was graded and described from (the key carries
  the store's change stamp), where a query would read whatever the store holds at that moment;
- every page needs each chosen claim, its grade and its description in memory anyway, so the database
  would only pick ids, at a database round trip each, where the in-memory tree answers a box without
  leaving the process, however many claims it holds;
- SQLite, the default store, has no spatial index here, so the feed answers the same way on both.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from geo.grading.rule import Grade
from geo.model.locations import resolve
from geo.model.records import Claim
from geo.publishing.claim_record import claim_record, point_feature
from geo.publishing.public_names import PublicNames
from geo.reading.dataset import Dataset
from geo.reading.loading import NamedArea
from geo.reading.source import DataKey, current_store, graded_source, load_source
from web.built_once import BuiltOnce
from web.feed_query import FeedQuery, Interval

KNOWN_ON_DATES_KEPT = 8  # dates' grades kept at once: each is a dict of every claim's grade
GRADING = threading.Semaphore(1)  # one grading at a time: 8 new dates at once must not hold 8 gradings in memory


@dataclass(frozen=True)
class ClaimIndex:
    """Every claim of one version of the data, in first-report order, with what the feed filters on."""

    data: Dataset
    claims: tuple[Claim, ...]
    shapes: tuple[shapely.Geometry, ...]  # the area for a claim about an area, else its point
    tree: shapely.STRtree
    reported: np.ndarray  # first report, as day ordinals
    starts: np.ndarray  # the period each claim refers to, as day ordinals
    ends: np.ndarray
    names: PublicNames

    def rows(self, query: FeedQuery, graded: set[str]) -> np.ndarray:
        """Positions of the claims a query selects, in first-report order."""
        chosen = np.array([claim.id in graded for claim in self.claims], dtype=bool)
        if query.known_on is not None:
            chosen &= self.reported <= query.known_on.toordinal()
        if query.period is not None:
            chosen &= overlaps(self.starts, self.ends, query.period)
        if query.bbox is not None:
            inside = np.zeros(len(self.claims), dtype=bool)
            inside[self.tree.query(query.box, predicate="intersects")] = True
            chosen &= inside
        return np.flatnonzero(chosen)


def overlaps(starts: np.ndarray, ends: np.ndarray, period: Interval) -> np.ndarray:
    meets = np.ones(len(starts), dtype=bool)
    if period.start is not None:
        meets &= ends >= period.start.toordinal()
    if period.end is not None:
        meets &= starts <= period.end.toordinal()
    return meets


def shape_of(claim: Claim, data: Dataset) -> shapely.Geometry:
    """What `bbox` is tested against: a claim about an area meets a box wherever its area does."""
    place = resolve(claim.location, data.places, data.areas)
    return place.area if place.area is not None else shapely.Point(place.lon, place.lat)


# This version of the data and the one before, while requests move over:
INDEXES: BuiltOnce[ClaimIndex] = BuiltOnce(budget=2)
KNOWN_ON: BuiltOnce[dict[str, Grade]] = BuiltOnce(budget=KNOWN_ON_DATES_KEPT + 1)  # the last dates asked, and today


def claim_index(key: DataKey) -> ClaimIndex:
    """Built once per change of data (the key carries the store's change stamp), loading it if need be."""
    return INDEXES.get(key, lambda: build_index(key))


def build_index(key: DataKey) -> ClaimIndex:
    data = load_source(key)
    claims = tuple(data.by_report)
    shapes = tuple(shape_of(claim, data) for claim in claims)
    store = current_store() if key.on_store else None
    return ClaimIndex(
        data=data,
        claims=claims,
        shapes=shapes,
        tree=shapely.STRtree(shapes),
        reported=np.array([claim.first_reported.toordinal() for claim in claims], dtype=np.int32),
        starts=np.array([claim.refers_to.start.toordinal() for claim in claims], dtype=np.int32),
        ends=np.array([claim.refers_to.end.toordinal() for claim in claims], dtype=np.int32),
        names=PublicNames(store.users() if store is not None else ()),
    )


def grades_for(key: DataKey, on: dt.date | None) -> dict[str, Grade]:
    """Grades today (shared with the page) or as known on a date; one grading runs at a time, so 8 new
    dates at once never hold 8 gradings in memory."""

    def grade() -> dict[str, Grade]:
        claim_index(key)  # the data loaded once, before grading
        with GRADING:
            return graded_source(key) if on is None else load_source(key).grades_known_on(on)

    return KNOWN_ON.get((key, on), grade)


@dataclass(frozen=True)
class Page:
    features: list[dict[str, Any]]
    matched: int


def page_of(key: DataKey, query: FeedQuery) -> Page:
    """The features of one page of a query, and how many the whole query matches."""
    index = claim_index(key)
    grades = grades_for(key, query.known_on)
    rows = index.rows(query, set(grades))
    chosen = rows[query.offset : query.offset + query.limit]
    features = [claim_feature(index.claims[row], index, grades[index.claims[row].id]) for row in chosen]
    return Page(features, len(rows))


def one_feature(key: DataKey, claim_id: str) -> dict[str, Any] | None:
    index = claim_index(key)
    grades = grades_for(key, None)
    claim = index.data.by_id.get(claim_id)
    if claim is None or claim_id not in grades:
        return None
    return claim_feature(claim, index, grades[claim_id])


def claim_feature(claim: Claim, index: ClaimIndex, grade: Grade) -> dict[str, Any]:
    """A claim as a GeoJSON feature: the claim record (geo.publishing.claim_record) at its point. A claim
    about an area is a point inside it (where the map draws its badge) with the area's id, whose polygon
    the `areas` collection serves once."""
    return point_feature(claim_record(claim, grade, index.data, index.names))


def area_feature(area: NamedArea) -> dict[str, Any]:
    """An area claims refer to, once: its polygon, name, description and size."""
    properties = {"id": area.id, "name": area.name, "description": area.description, "area_km2": area.area_km2}
    return {
        "type": "Feature",
        "id": area.id,
        "geometry": shapely.geometry.mapping(area.geometry),
        "properties": properties,
    }


def case_period(key: DataKey) -> Interval | None:
    case = claim_index(key).data.case
    return None if case is None else Interval(case.period.start, case.period.end)
