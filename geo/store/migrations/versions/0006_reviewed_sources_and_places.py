"""Sources and places are reviewed like claims: an analyst's change waits for a reviewer.

A source's name or grade and a place's position reach every claim that cites them, so each keeps two
documents as a claim does: `document`, the working version analysts edit, and `published`, the one
viewers see (none until a reviewer approves one). `state` is draft, review or published. Every source
and place stored so far came in through an import, which publishes: its published version is the
one stored.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TABLES = ("sources", "places")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("state", sa.String(20), nullable=False, server_default="published"))
            batch.add_column(sa.Column("published", sa.JSON, nullable=True))
            batch.create_check_constraint(f"{table}_state", "state IN ('draft', 'review', 'published')")
        op.execute(f"UPDATE {table} SET published = document")
        op.create_index(f"ix_{table}_state", table, ["state"])


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_state", table)
        op.execute(f"UPDATE {table} SET document = published WHERE published IS NOT NULL")
        op.execute(f"DELETE FROM {table} WHERE published IS NULL")
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"{table}_state", type_="check")
            batch.drop_column("published")
            batch.drop_column("state")
