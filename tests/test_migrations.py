"""The store's migrations are history: each creates the tables as they were at its revision, so a later
change to the live schema cannot rewrite what an old migration does. Upgrading an empty database from
base to head still gives today's schema, on SQLite and, with a server, PostGIS."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import shapely
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import Column, Connection, MetaData, String, create_engine, select, text
from sqlalchemy.exc import DBAPIError

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


def test_upgrading_an_empty_store_from_base_to_head_gives_todays_schema(store_url: str) -> None:
    assert differences_from(store_url) == []
    if not store_url.startswith("postgresql"):
        return
    # GeoAlchemy2 reads PostGIS's type back, so the comparison above saw geometry(GEOMETRY, 4326) on both sides;
    # PostGIS itself confirms each geometry column's type and SRID, and its GiST index
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


def migrated(url: str, revision: str, *, down: bool = False) -> None:
    """Bring a database to a revision with the store's own migrations, as Store.migrate does for head."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            (command.downgrade if down else command.upgrade)(config, revision)
    finally:
        engine.dispose()


AREA = shapely.Polygon(
    [(35.0, 51.0), (35.4, 51.0), (35.4, 51.3), (35.0, 51.3)], [[(35.1, 51.1), (35.2, 51.1), (35.2, 51.2)]]
)
SHAPES_0006 = {  # (table, key): a shape as the geometry column of 0006 held it
    ("places", "Sudzha"): shapely.Point(35.2706136, 51.1916187),
    ("areas", "hole"): AREA,
    ("areas", "two"): shapely.MultiPolygon([shapely.box(34.5, 51.5, 34.6, 51.6), shapely.box(36.0, 52.0, 36.1, 52.1)]),
    ("areas", "nowhere"): None,
    ("claims", "a-claim"): shapely.Point(35.123456789012345, 51.00000000000001),
}


def written_by_0006(connection: Connection, table: str, key: str, shape: shapely.Geometry | None) -> None:
    """A row as the 0006 schema's column wrote it: WKT text on SQLite, EWKT cast by PostGIS."""
    postgres = connection.dialect.name == "postgresql"
    wkt = None if shape is None else (f"SRID=4326;{shape.wkt}" if postgres else shape.wkt)
    common = {"key": key, "geom": wkt}
    geom = "CAST(:geom AS geometry)" if postgres else ":geom"
    if table == "claims":
        connection.execute(
            text(
                "INSERT INTO claims (id, number, first_reported, version, file, position, document, geom) "
                f"VALUES (:key, 1, '2024-08-10', 1, 'claims/a.yaml', 0, '{{}}', {geom})"
            ),
            common,
        )
    else:
        column = "name" if table == "places" else "id"
        connection.execute(
            text(
                f"INSERT INTO {table} ({column}, file, position, document, geom) VALUES (:key, 'f', 0, '{{}}', {geom})"
            ),
            common,
        )


def stored_shapes(url: str) -> dict[tuple[str, str], shapely.Geometry | None]:
    """Every geometry, read through today's schema (GeoAlchemy2 on PostGIS, WKB on SQLite)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            found = {}
            for name in ("places", "areas", "claims"):
                table = schema.metadata.tables[name]
                key = table.c.name if name == "places" else table.c.id
                found |= {(name, row[0]): row[1] for row in connection.execute(select(key, table.c.geom))}
            return found
    finally:
        engine.dispose()


def sqlite_facts(url: str) -> tuple[set[str], set[str], list[str]]:
    """On SQLite: how each stored shape is typed, the claims table's triggers, and its CHECK constraints kept."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            kinds = set(connection.execute(text("SELECT DISTINCT typeof(geom) FROM areas")).scalars())
            triggers = set(
                connection.execute(
                    text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'claims'")
                ).scalars()
            )
            tables = connection.execute(text("SELECT sql FROM sqlite_master WHERE name IN ('claims', 'places')"))
            checks = sorted(
                name for sql in tables.scalars() for name in ("claims_state", "places_state") if name in sql
            )
            return kinds, triggers, checks
    finally:
        engine.dispose()


def test_0007_converts_the_rows_0006_wrote_and_back(store_url: str) -> None:
    migrated(store_url, "0006")
    engine = create_engine(store_url)
    with engine.begin() as connection:
        for (table, key), shape in SHAPES_0006.items():
            written_by_0006(connection, table, key, shape)
    engine.dispose()
    sqlite = store_url.startswith("sqlite")
    before = sqlite_facts(store_url) if sqlite else None

    Store(store_url).engine.dispose()  # opening the store upgrades it to head, as a running app would
    after = stored_shapes(store_url)
    assert after.keys() == SHAPES_0006.keys()
    for where, shape in SHAPES_0006.items():
        assert (after[where] is None) if shape is None else shapely.equals_exact(after[where], shape, tolerance=0)
    if sqlite:
        assert before is not None
        kinds, triggers, checks = sqlite_facts(store_url)
        assert kinds == {"blob", "null"} and before[0] == {"text", "null"}
        assert triggers == before[1] == {"claims_number_issued", "claims_number_kept"}  # kept through the rebuild
        assert checks == before[2] == ["claims_state", "places_state"]
    engine = create_engine(store_url)
    try:  # a number once given is refused to another claim, even after its claim is gone: the trigger came back
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM claims WHERE id = 'a-claim'"))
        with pytest.raises(DBAPIError, match="given to another claim"), engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO claims (id, number, first_reported, version, file, position, document) "
                    "VALUES ('other', 1, '2024-08-11', 1, 'claims/a.yaml', 1, '{}')"
                )
            )
    finally:
        engine.dispose()

    migrated(store_url, "0006", down=True)
    if sqlite:
        engine = create_engine(store_url)
        with engine.connect() as connection:
            texts = dict(connection.execute(text("SELECT id, geom FROM areas")).all())
        engine.dispose()
        assert texts == {"hole": AREA.wkt, "two": SHAPES_0006["areas", "two"].wkt, "nowhere": None}
