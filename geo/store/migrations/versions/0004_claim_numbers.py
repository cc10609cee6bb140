"""A record of every claim number ever issued, so that no number is given twice.

A claim's public number is cited in briefings and reports. Before this, a new claim got the highest
stored number plus one: a claim row deleted by hand, or a number changed by an import, freed its
number for the next claim. `claim_numbers` holds each number issued (the claim it was given to, or
none when a bundle only said how far its numbering went) and the database itself keeps it whole:

- a trigger records every claim's number as the claim is inserted, and refuses a claim whose number
  was given to another claim before, whatever code path inserts it;
- a claim's number never changes (UPDATE of claims.number is refused);
- the record is never deleted from, and an entry only ever gains the claim it was given to.

SQLite drops a table's triggers when a migration rebuilds it (batch_alter_table): a later migration
that rebuilds `claims` or `claim_numbers` must create these triggers again.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

GIVEN_BEFORE = "this claim number was given to another claim before: a number is never given twice"
NEVER_CHANGES = "a claim number never changes once given"
KEPT = "the record of issued claim numbers is kept whole: an entry is never deleted or changed"

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER claims_number_issued AFTER INSERT ON claims BEGIN
        SELECT RAISE(ABORT, '{GIVEN_BEFORE}') WHERE EXISTS (
            SELECT 1 FROM claim_numbers WHERE number = NEW.number AND claim_id IS NOT NULL AND claim_id <> NEW.id);
        UPDATE claim_numbers SET claim_id = NEW.id WHERE number = NEW.number AND claim_id IS NULL;
        INSERT OR IGNORE INTO claim_numbers (number, claim_id) VALUES (NEW.number, NEW.id);
    END""",
    f"""CREATE TRIGGER claims_number_kept BEFORE UPDATE OF number ON claims WHEN NEW.number <> OLD.number
        BEGIN SELECT RAISE(ABORT, '{NEVER_CHANGES}'); END""",
    f"""CREATE TRIGGER claim_numbers_kept_delete BEFORE DELETE ON claim_numbers
        BEGIN SELECT RAISE(ABORT, '{KEPT}'); END""",
    f"""CREATE TRIGGER claim_numbers_kept_update BEFORE UPDATE ON claim_numbers
        WHEN OLD.claim_id IS NOT NULL OR NEW.number <> OLD.number OR NEW.claim_id IS NULL
        BEGIN SELECT RAISE(ABORT, '{KEPT}'); END""",
]
POSTGRES_TRIGGERS = [
    f"""CREATE FUNCTION claims_number_issued() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM claim_numbers
                       WHERE number = NEW.number AND claim_id IS NOT NULL AND claim_id <> NEW.id) THEN
                RAISE EXCEPTION '{GIVEN_BEFORE} (%)', NEW.number;
            END IF;
            UPDATE claim_numbers SET claim_id = NEW.id WHERE number = NEW.number AND claim_id IS NULL;
            INSERT INTO claim_numbers (number, claim_id) VALUES (NEW.number, NEW.id) ON CONFLICT (number) DO NOTHING;
            RETURN NEW;
        END $$""",
    "CREATE TRIGGER claims_number_issued AFTER INSERT ON claims FOR EACH ROW EXECUTE FUNCTION claims_number_issued()",
    f"""CREATE FUNCTION claims_number_kept() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '{NEVER_CHANGES}'; END $$""",
    "CREATE TRIGGER claims_number_kept BEFORE UPDATE OF number ON claims FOR EACH ROW "
    "WHEN (NEW.number IS DISTINCT FROM OLD.number) EXECUTE FUNCTION claims_number_kept()",
    f"""CREATE FUNCTION claim_numbers_kept() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '{KEPT}'; END $$""",
    "CREATE TRIGGER claim_numbers_kept BEFORE DELETE ON claim_numbers "
    "FOR EACH ROW EXECUTE FUNCTION claim_numbers_kept()",
    "CREATE TRIGGER claim_numbers_kept_update BEFORE UPDATE ON claim_numbers FOR EACH ROW "
    "WHEN (OLD.claim_id IS NOT NULL OR NEW.number <> OLD.number OR NEW.claim_id IS NULL) "
    "EXECUTE FUNCTION claim_numbers_kept()",
    "CREATE TRIGGER claim_numbers_never_truncated BEFORE TRUNCATE ON claim_numbers "
    "FOR EACH STATEMENT EXECUTE FUNCTION claim_numbers_kept()",
]


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "claim_numbers",
        sa.Column("number", sa.Integer, nullable=False, autoincrement=False),
        sa.Column("claim_id", sa.String(80), nullable=True),
        sa.Column("reason", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("number", name="pk_claim_numbers"),
    )
    op.create_index("ix_claim_numbers_claim_id", "claim_numbers", ["claim_id"])
    op.execute("INSERT INTO claim_numbers (number, claim_id) SELECT number, id FROM claims")  # every number so far
    for statement in POSTGRES_TRIGGERS if postgres else SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for trigger, table in [
            ("claim_numbers_never_truncated", "claim_numbers"),
            ("claim_numbers_kept_update", "claim_numbers"),
            ("claim_numbers_kept", "claim_numbers"),
            ("claims_number_kept", "claims"),
            ("claims_number_issued", "claims"),
        ]:
            op.execute(f"DROP TRIGGER {trigger} ON {table}")
        for function in ("claim_numbers_kept", "claims_number_kept", "claims_number_issued"):
            op.execute(f"DROP FUNCTION {function}()")
    else:
        for trigger in (
            "claim_numbers_kept_update",
            "claim_numbers_kept_delete",
            "claims_number_kept",
            "claims_number_issued",
        ):
            op.execute(f"DROP TRIGGER {trigger}")
    op.drop_index("ix_claim_numbers_claim_id", "claim_numbers")
    op.drop_table("claim_numbers")
