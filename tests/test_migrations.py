"""The store's migrations are history: each creates the tables as they were at its revision, so a later
change to the live schema cannot rewrite what an old migration does. Upgrading an empty database from
base to head still gives today's schema, on SQLite and, with a server, PostGIS."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, MetaData, String, create_engine, text

from geo.store import MIGRATIONS, Store, schema

VERSIONS = MIGRATIONS / "versions"
LIVE_PACKAGES = ("geo", "components", "web", "page", "app")
POSTGIS_OWN = {"spatial_ref_sys"}  # the table PostGIS's extension creates for itself


def imported_modules(path: Path) -> list[str]:
    """Every module a file imports, at any depth of its code (a function's own imports too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.append("." * node.level + (node.module or ""))
    return found


def live_imports(path: Path) -> list[str]:
    """The imports of the app's own code (or relative ones, which can only reach it)."""
    return [
        module for module in imported_modules(path) if module.startswith(".") or module.split(".")[0] in LIVE_PACKAGES
    ]


def test_no_migration_imports_the_apps_code() -> None:
    migrations = sorted(VERSIONS.glob("*.py"))
    assert len(migrations) >= 6
    found = {path.name: live_imports(path) for path in migrations}
    assert {name: modules for name, modules in found.items() if modules} == {}


def test_the_import_check_finds_each_way_of_importing_live_code(tmp_path: Path) -> None:
    for line in (
        "from geo.store.schema import GeometryColumn",
        "import geo.store.audit",
        "from geo import model",
        "from .schema import metadata",
        "def upgrade():\n    from geo.store.audit import event_hash",
        "import components.escaping as escaping",
    ):
        migration = tmp_path / "0099_new.py"
        migration.write_text(f"import sqlalchemy as sa\n{line}\n", encoding="utf-8")
        assert live_imports(migration), line
    migration.write_text("import sqlalchemy as sa\nfrom alembic import op\nimport geometry_tools\n", encoding="utf-8")
    assert live_imports(migration) == []


def differences_from(url: str, metadata: MetaData = schema.metadata) -> list[object]:
    """What autogenerate would change to bring the migrated database to the metadata (today's by default)."""
    Store(url).engine.dispose()  # opening an empty store upgrades it from base to head

    def ours(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
        if type_ == "table" and name in POSTGIS_OWN:
            return False
        # the GiST index on each geometry column is PostgreSQL's alone: the migrations make it, not the metadata
        return not (type_ == "index" and reflected and compare_to is None and (name or "").endswith("_geom"))

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_object": ours, "include_schemas": False}
            )
            return compare_metadata(context, metadata)
    finally:
        engine.dispose()


@pytest.mark.filterwarnings("ignore:Did not recognize type 'geometry':sqlalchemy.exc.SAWarning")
def test_upgrading_an_empty_store_from_base_to_head_gives_todays_schema(store_url: str) -> None:
    assert differences_from(store_url) == []
    if not store_url.startswith("postgresql"):
        return
    # autogenerate cannot read PostGIS's type: each geometry column is asked of PostGIS itself, with its index
    with_geometry = {table.name for table in schema.metadata.tables.values() if "geom" in table.c}
    engine = create_engine(store_url)
    try:
        with engine.connect() as connection:
            columns = connection.execute(text("SELECT f_table_name, type, srid FROM geometry_columns")).all()
            indexes = connection.execute(
                text("SELECT tablename FROM pg_indexes WHERE indexname LIKE 'ix_%_geom' AND indexdef LIKE '%gist%'")
            ).scalars()
            assert sorted(columns) == [(table, "GEOMETRY", 4326) for table in sorted(with_geometry)]
            assert set(indexes) == with_geometry
    finally:
        engine.dispose()


def test_the_schema_check_sees_a_column_the_migrations_do_not_make(tmp_path: Path) -> None:
    ahead = MetaData(naming_convention=schema.metadata.naming_convention)
    for table in schema.metadata.tables.values():
        table.to_metadata(ahead)
    ahead.tables["events"].append_column(Column("witness", String(200), nullable=True))
    differences = differences_from(f"sqlite:///{tmp_path / 'store.sqlite'}", ahead)
    assert [difference[:3] for difference in differences] == [("add_column", None, "events")]
