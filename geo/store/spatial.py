"""Which claims lie in a box, asked of the store's geometry column: on PostGIS through its GiST index.

A claim's `geom` is where its working version is (drafts and claims in review included): the store
writes it with every save (geo.store.claims) and when a reviewer publishes a move of the place the claim
cites (geo.store.registry). So this answers an analyst's question about the store as it is being worked
on — `python -m geo.store bbox` — and never the public's: the feed serves published versions, from its
own index (web.feed_index).
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely
from geoalchemy2 import functions
from sqlalchemy import Engine, Select, select

from geo.store import schema


@dataclass(frozen=True)
class ClaimInBox:
    number: int
    id: str
    state: str


def checked_box(bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """west, south, east, north in degrees; ValueError unless west < east and south < north on the globe."""
    west, south, east, north = bbox
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise ValueError(f"a box is west < east and south < north in longitude/latitude, got {bbox}")
    return west, south, east, north


def claims_in_bbox_query(bbox: tuple[float, float, float, float]) -> Select[int, str, str]:
    """PostGIS: ST_Intersects with the envelope; PostGIS gives it the index condition `geom && envelope`,
    so the GiST index picks the candidates by bounding box and only those are tested exactly."""
    claims = schema.claims
    envelope = functions.ST_MakeEnvelope(*checked_box(bbox), schema.SRID)
    return (
        select(claims.c.number, claims.c.id, claims.c.state)
        .where(functions.ST_Intersects(claims.c.geom, envelope))
        .order_by(claims.c.number)
    )


def claims_in_bbox(engine: Engine, bbox: tuple[float, float, float, float]) -> list[ClaimInBox]:
    """The claims whose working version's place or area meets the box, by number. SQLite has no spatial
    index here (no SpatiaLite): each stored shape is read and tested with shapely, with the same answer."""
    claims = schema.claims
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            return [ClaimInBox(*row) for row in connection.execute(claims_in_bbox_query(bbox))]
        box = shapely.box(*checked_box(bbox))
        stored = connection.execute(
            select(claims.c.number, claims.c.id, claims.c.state, claims.c.geom).order_by(claims.c.number)
        ).all()
    return [
        ClaimInBox(number, claim_id, state)
        for number, claim_id, state, shape in stored
        if shape is not None and shapely.intersects(shape, box)
    ]
