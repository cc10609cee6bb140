"""The first schema: records as JSON documents with their key columns and geometry, and the event log.

The tables are written out as they were at this revision, with nothing from the app's code: a later
change to geo.store.schema must not change what this migration creates.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.types import UserDefinedType

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

DOCUMENT_TABLES: dict[str, list[tuple[str, sa.types.TypeEngine[Any]]]] = {  # table: its key columns
    "case_info": [("id", sa.String(80))],
    "sources": [("id", sa.String(80))],
    "alliances": [("id", sa.String(80))],
    "places": [("name", sa.String(300))],
    "areas": [("id", sa.String(80))],
    "fronts": [("layer", sa.String(80)), ("date", sa.Date())],
    "basemap": [("layer", sa.String(80))],
    "claim_files": [("name", sa.String(200))],
    "claims": [("id", sa.String(80))],
    "stories": [("id", sa.String(80))],
}
CLAIM_COLUMNS: list[tuple[str, sa.types.TypeEngine[Any]]] = [
    ("number", sa.Integer()),
    ("first_reported", sa.Date()),
    ("version", sa.Integer()),
]
WITH_GEOMETRY = {"places", "areas", "fronts", "claims"}


class PostgisGeometry(UserDefinedType[str]):  # its values pass as text, as the SQLite variant's do
    """PostGIS `geometry(Geometry, 4326)`, as the column was declared at this revision."""

    cache_ok = True

    def get_col_spec(self, **_: object) -> str:
        return "geometry(Geometry, 4326)"


GEOMETRY = sa.Text().with_variant(PostgisGeometry(), "postgresql")  # WKT text on SQLite


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    for table, key_columns in DOCUMENT_TABLES.items():
        keys = [sa.Column(name, kind, nullable=False) for name, kind in key_columns]
        extra = [sa.Column(name, kind, nullable=False) for name, kind in CLAIM_COLUMNS] if table == "claims" else []
        geometry = [sa.Column("geom", GEOMETRY, nullable=True)] if table in WITH_GEOMETRY else []
        op.create_table(
            table,
            *keys,
            *extra,
            sa.Column("file", sa.String(200), nullable=False),
            sa.Column("position", sa.Integer, nullable=False),
            sa.Column("document", sa.JSON, nullable=False),
            *geometry,
            sa.PrimaryKeyConstraint(*[column.name for column in keys], name=f"pk_{table}"),
            *([sa.UniqueConstraint("number", name="uq_claims_number")] if table == "claims" else []),
        )
        if postgres and geometry:
            op.execute(f"CREATE INDEX ix_{table}_geom ON {table} USING GIST (geom)")
    op.create_index("ix_claims_first_reported", "claims", ["first_reported"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("record", sa.String(300), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("before", sa.JSON, nullable=True),
        sa.Column("after", sa.JSON, nullable=True),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_index("ix_events_kind_record", "events", ["kind", "record"])


def downgrade() -> None:
    op.drop_table("events")
    for table in reversed(DOCUMENT_TABLES):
        op.drop_table(table)
