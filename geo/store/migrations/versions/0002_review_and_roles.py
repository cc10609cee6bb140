"""Review before publishing, roles, and an audit log nobody can rewrite.

A claim keeps two documents: `document`, the working version analysts edit, and `published`, the
version viewers see (none until a reviewer approves one). `state` is draft, review, published or
retracted; `version` is the compare-and-swap counter every write bumps. Claims record who entered
them and when, who last edited, and who verified (published) them and when.

`users` holds each signed-in person's role. `events` gains the changed fields and the version a write
made, refuses an empty reason, and triggers refuse every UPDATE and DELETE on it, on both backends.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

APPEND_ONLY = "the audit log is append-only: events are never updated or deleted"
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER events_append_only_{verb.lower()} BEFORE {verb} ON events "
    f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
    for verb in ("UPDATE", "DELETE")
]
POSTGRES_TRIGGERS = [
    f"""CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END $$""",
    "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events "
    "FOR EACH ROW EXECUTE FUNCTION events_append_only()",
    "CREATE TRIGGER events_never_truncated BEFORE TRUNCATE ON events "
    "FOR EACH STATEMENT EXECUTE FUNCTION events_append_only()",
]


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    stamp = sa.DateTime(timezone=True)
    with op.batch_alter_table("claims") as claims:
        claims.add_column(sa.Column("state", sa.String(20), nullable=False, server_default="published"))
        claims.add_column(sa.Column("published", sa.JSON, nullable=True))
        for who in ("entered", "edited", "verified"):
            claims.add_column(sa.Column(f"{who}_at", stamp, nullable=True))
            claims.add_column(sa.Column(f"{who}_by", sa.String(200), nullable=True))
        claims.create_check_constraint("claims_state", "state IN ('draft', 'review', 'published', 'retracted')")
    # Every claim stored so far came in through an import, which publishes: its first event entered it.
    first_event = (
        "(SELECT {column} FROM events WHERE events.kind = 'claim' AND events.record = claims.id "
        "ORDER BY events.id LIMIT 1)"
    )
    op.execute(
        "UPDATE claims SET published = document, "
        f"entered_at = {first_event.format(column='at')}, entered_by = {first_event.format(column='actor')}, "
        f"verified_at = {first_event.format(column='at')}, verified_by = {first_event.format(column='actor')}"
    )
    op.create_index("ix_claims_state", "claims", ["state"])
    op.create_table(
        "users",
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("name", sa.String(200), nullable=False, server_default=""),
        sa.Column("role", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("subject", name="pk_users"),
        sa.CheckConstraint("role IN ('viewer', 'analyst', 'reviewer')", name="ck_users_role"),
    )
    with op.batch_alter_table("events") as events:
        events.add_column(sa.Column("changes", sa.JSON, nullable=True))
        events.add_column(sa.Column("version", sa.Integer, nullable=True))
        events.create_check_constraint("events_reason", "length(trim(reason)) > 0")
    for statement in POSTGRES_TRIGGERS if postgres else SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER events_never_truncated ON events")
        op.execute("DROP TRIGGER events_append_only ON events")
        op.execute("DROP FUNCTION events_append_only()")
    else:
        op.execute("DROP TRIGGER events_append_only_update")
        op.execute("DROP TRIGGER events_append_only_delete")
    with op.batch_alter_table("events") as events:
        events.drop_constraint("events_reason", type_="check")
        events.drop_column("version")
        events.drop_column("changes")
    op.drop_table("users")
    op.drop_index("ix_claims_state", "claims")
    with op.batch_alter_table("claims") as claims:
        claims.drop_constraint("claims_state", type_="check")
        for column in ("verified_by", "verified_at", "edited_by", "edited_at", "entered_by", "entered_at"):
            claims.drop_column(column)
        claims.drop_column("published")
        claims.drop_column("state")
