"""On PostgreSQL, what the app's own database role may do: read and write records, only add to the log.

A role that owns a table may drop its triggers, disable them or rewrite its rows, so the app must
not own the schema. A separate owner role creates it (opening the store as the owner runs the
migrations), then gives the app's role what it needs and no more with `python -m geo.store app-role
ROLE`: SELECT, INSERT and UPDATE on the records, SELECT and INSERT alone on `events`, and no DELETE,
TRUNCATE or DDL anywhere (the app never deletes: records are kept, claims are retracted).
Run it again after a migration that adds a table.
"""

from __future__ import annotations

from sqlalchemy import Connection

from geo.store import schema

READ_ONLY = ("alembic_version",)  # the schema's revision (PostGIS's spatial_ref_sys is readable by everyone)
APPEND_ONLY = ("events",)


def app_role_grants(connection: Connection, role: str) -> list[str]:
    """The statements that leave `role` with exactly the app's privileges on every table of the schema."""
    quote = connection.dialect.identifier_preparer.quote
    who = quote(role)
    tables = sorted({*READ_ONLY, *(table.name for table in schema.metadata.sorted_tables)})
    statements = [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {who}",
        f"REVOKE CREATE ON SCHEMA public FROM {who}",
        f"GRANT USAGE ON SCHEMA public TO {who}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {who}",
    ]
    for table in tables:
        if table in READ_ONLY:
            rights = "SELECT"
        elif table in APPEND_ONLY:
            rights = "SELECT, INSERT"
        else:
            rights = "SELECT, INSERT, UPDATE"
        statements.append(f"GRANT {rights} ON {quote(table)} TO {who}")
    return statements


def grant_app_role(connection: Connection, role: str) -> list[str]:
    """Give the app's role its privileges (run by the schema's owner); returns what was run."""
    if connection.dialect.name != "postgresql":
        raise ValueError("database roles are PostgreSQL's: the embedded SQLite store has none")
    statements = app_role_grants(connection, role)
    for statement in statements:
        connection.exec_driver_sql(statement)
    return statements
