"""The geometry column goes through GeoAlchemy2: WKB on SQLite, PostGIS geometry(GEOMETRY, 4326) as before.

geo.store.schema now writes and reads each shape with GeoAlchemy2 (geoalchemy2.shape): on PostGIS the
column was already geometry(GEOMETRY, 4326) with a GiST index (0001), which GeoAlchemy2's Geometry
type declares as it is, so no row changes there; the index is made again only if a store lost it,
since bounding-box queries (geo.store.spatial) rely on it. SQLite here has no SpatiaLite, so there the
column held each shape as WKT text; it now holds the shape's WKB (a BLOB), the bytes GeoAlchemy2's
WKBElement carries: every stored shape is rewritten from WKT to WKB and the column's type becomes BLOB.

Changing a column's type rebuilds the table on SQLite (batch_alter_table), which drops its triggers
(claims keeps its numbers with those of 0004): each table's triggers are read before the rebuild and
created again after it, as they were.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shapely.wkb
import shapely.wkt
import sqlalchemy as sa
from alembic import op
from sqlalchemy.engine import Connection

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLES = ("places", "areas", "fronts", "claims")  # the tables with a geometry column (0001)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for table in TABLES:
            op.execute(f"CREATE INDEX IF NOT EXISTS ix_{table}_geom ON {table} USING GIST (geom)")
        return
    for table in TABLES:
        rewrite(bind, table, lambda value: shapely.wkb.dumps(shapely.wkt.loads(str(value))))
        retyped(bind, table, sa.Text(), sa.LargeBinary())


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        return  # the GiST index is 0001's: it stays
    for table in TABLES:
        rewrite(bind, table, lambda value: shapely.wkb.loads(bytes(value)).wkt)
        retyped(bind, table, sa.LargeBinary(), sa.Text())


def rewrite(bind: Connection, table: str, convert: Callable[[Any], object]) -> None:
    """Each stored shape of a table in its new form (a NULL stays NULL)."""
    stored = bind.execute(sa.text(f"SELECT rowid, geom FROM {table} WHERE geom IS NOT NULL")).all()
    if stored:
        bind.execute(
            sa.text(f"UPDATE {table} SET geom = :geom WHERE rowid = :row"),
            [{"row": row, "geom": convert(value)} for row, value in stored],
        )


def retyped(bind: Connection, table: str, old: sa.types.TypeEngine[Any], new: sa.types.TypeEngine[Any]) -> None:
    """The column's declared type changed on SQLite, by a rebuild that keeps the table's triggers."""
    triggers = bind.execute(
        sa.text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :table ORDER BY name"),
        {"table": table},
    ).scalars()
    kept = list(triggers)
    with op.batch_alter_table(table) as batch:
        batch.alter_column("geom", type_=new, existing_type=old, existing_nullable=True)
    for trigger in kept:
        op.execute(trigger)
