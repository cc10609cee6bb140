"""Sources and places are edited in the app too: each gets the compare-and-swap version claims have.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("sources", "places"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="1"))


def downgrade() -> None:
    for table in ("sources", "places"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
