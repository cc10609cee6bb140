"""The store's tables: one schema for SQLite (embedded, the default) and PostgreSQL + PostGIS (teams).

Each record is kept whole as the JSON document the strict reader accepted, beside the columns that
are queried: ids, claim numbers, dates, and a geometry (a GeoAlchemy2 PostGIS geometry with a GiST
index on PostgreSQL, WKB on SQLite; geo.store.spatial asks it). `events` is the append-only,
hash-chained log of every write; `claim_numbers` records every claim number ever issued, so that none
is given twice.
"""

from __future__ import annotations

from typing import Any

from geoalchemy2 import Geometry, WKBElement
from geoalchemy2.shape import from_shape, to_shape
from shapely.geometry.base import BaseGeometry
from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


SRID = 4326  # WGS 84 longitude/latitude, as every bundle's GeoJSON


class GeometryColumn(TypeDecorator[BaseGeometry]):
    """A shapely geometry, converted by GeoAlchemy2 (geoalchemy2.shape) on both back ends.

    On PostgreSQL it is GeoAlchemy2's `geometry(GEOMETRY, 4326)`: written through ST_GeomFromEWKT, read
    through ST_AsEWKB, so PostGIS functions (ST_Intersects, &&) work on it and its GiST index. SQLite here
    has no SpatiaLite, which GeoAlchemy2's own SQLite support needs, so there the column is the shape's
    WKB as a BLOB (migration 0007), the same bytes GeoAlchemy2's WKBElement carries."""

    impl = LargeBinary
    cache_ok = True
    spatial_index = False  # GeoAlchemy2 asks: the GiST index ix_<table>_geom is made by the migrations (0001)

    def load_dialect_impl(self, dialect: Dialect | None) -> TypeEngine[Any]:
        # GeoAlchemy2's DDL hooks ask without a dialect, meaning any
        if dialect is not None and dialect.name == "postgresql":
            return Geometry("GEOMETRY", srid=SRID, spatial_index=False)
        return LargeBinary()

    def process_bind_param(self, value: BaseGeometry | None, dialect: Dialect) -> WKBElement | bytes | None:
        if value is None:
            return None
        element = from_shape(value, srid=SRID)
        return element if dialect.name == "postgresql" else bytes(element.data)

    def process_result_value(self, value: Any, dialect: Dialect) -> BaseGeometry | None:
        if value is None:
            return None
        return to_shape(value if isinstance(value, WKBElement) else WKBElement(bytes(value), srid=SRID))


def documents(name: str, *columns: Column[Any], geometry: bool = False) -> Table:
    """A table of whole records: its key columns, the JSON document, and where it came from in a bundle."""
    extra = [Column("geom", GeometryColumn, nullable=True)] if geometry else []
    return Table(
        name,
        metadata,
        *columns,
        Column("file", String(200), nullable=False),
        Column("position", Integer, nullable=False),
        Column("document", JSON, nullable=False),
        *extra,
    )


def versioned_columns() -> list[Column[Any]]:
    """A source's or place's version and review state (migration 0006): changes wait for a reviewer as a claim's do."""
    return [
        Column("version", Integer, nullable=False, default=1),
        Column("state", String(20), nullable=False, default="published", index=True),
        Column("published", JSON, nullable=True),  # what viewers see: the last version a reviewer approved
    ]


case = documents("case_info", Column("id", String(80), primary_key=True))
sources = documents(
    "sources",
    Column("id", String(80), primary_key=True),
    *versioned_columns(),
)
alliances = documents("alliances", Column("id", String(80), primary_key=True))
places = documents(
    "places",
    Column("name", String(300), primary_key=True),
    *versioned_columns(),
    geometry=True,
)
areas = documents("areas", Column("id", String(80), primary_key=True), geometry=True)
fronts = documents(
    "fronts",
    Column("layer", String(80), primary_key=True),
    Column("date", Date, primary_key=True),
    geometry=True,
)
basemap = documents("basemap", Column("layer", String(80), primary_key=True))
claim_files = documents("claim_files", Column("name", String(200), primary_key=True))
claims = documents(
    "claims",
    Column("id", String(80), primary_key=True),
    Column("number", Integer, nullable=False, unique=True),
    Column("first_reported", Date, nullable=False, index=True),
    Column("version", Integer, nullable=False, default=1),
    Column("state", String(20), nullable=False, default="published", index=True),
    Column("published", JSON, nullable=True),  # what viewers see: the last version a reviewer approved
    *[
        Column(f"{who}_{part}", kind, nullable=True)
        for who in ("entered", "edited", "verified")
        for part, kind in (("at", DateTime(timezone=True)), ("by", String(200)))
    ],
    geometry=True,
)
stories = documents("stories", Column("id", String(80), primary_key=True))
events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("record", String(300), nullable=False),
    Column("action", String(20), nullable=False),
    Column("before", JSON, nullable=True),
    Column("after", JSON, nullable=True),
    Column("reason", Text, nullable=False),
    Column("changes", JSON, nullable=True),  # [{"field": …, "from": …, "to": …}] for an edit
    Column("version", Integer, nullable=True),  # the claim's version this write made
    Column("os_user", String(200), nullable=True),  # who ran a command line write, as the machine knows them
    Column("prev_hash", String(64), nullable=True),  # the chain (migration 0005, geo.store.audit)
    Column("hash", String(64), nullable=True),
    Index("ix_events_kind_record", "kind", "record"),
)
claim_numbers = Table(  # every public claim number ever issued (migration 0004): none is ever given twice
    "claim_numbers",
    metadata,
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("claim_id", String(80), nullable=True),  # None: issued by a bundle that did not say to which claim
    Column("reason", Text, nullable=True),  # why a retired number's claim is gone, as the bundle said
    Index("ix_claim_numbers_claim_id", "claim_id"),
)
users = Table(
    "users",
    metadata,
    Column("subject", String(200), primary_key=True),
    Column("name", String(200), nullable=False, default=""),
    Column("role", String(20), nullable=False),
)
KINDS: dict[str, Table] = {
    "case": case,
    "source": sources,
    "alliance": alliances,
    "place": places,
    "area": areas,
    "front": fronts,
    "basemap": basemap,
    "claim-file": claim_files,
    "claim": claims,
    "story": stories,
}
