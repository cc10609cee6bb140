"""The environment is read in one place, geo/settings.py, and read afresh whenever it changes.

A module that reads a variable itself is found by reading the source (every Python file outside the
tests), so a new one cannot slip in; the settings keep each variable's name and meaning as the modules
that read it before had them, and every variable is documented in the README's table.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic_settings import BaseSettings

from geo.reading.source import DataKey, current_store, data_source, seed_folder
from geo.settings import (
    PREFIX,
    BenchSettings,
    DataSettings,
    ServingSettings,
    bench_settings,
    child_environment,
    data_settings,
    serving,
)
from geo.store import DEFAULT_URL, store_url
from geo.workflow.roles import Role

REPO = Path(__file__).resolve().parents[1]
THE_READER = REPO / "geo" / "settings.py"
SETTINGS: tuple[type[BaseSettings], ...] = (ServingSettings, DataSettings, BenchSettings)
# What reads the process's environment: os's names for it, and libraries that read it for you.
ENVIRONMENT_NAMES = frozenset({"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"})
ENVIRONMENT_LIBRARIES = frozenset({"pydantic_settings", "dotenv", "environs", "decouple"})
SKIPPED_FOLDERS = frozenset({"tests", "node_modules", "__pycache__"})


def environment_reads(source: str) -> list[str]:
    """Each place a module's source reads the environment, as `line: what`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in ENVIRONMENT_NAMES:
            found.append(f"{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Name) and node.id in ENVIRONMENT_NAMES:
            found.append(f"{node.lineno}: {node.id}")
        elif isinstance(node, ast.Constant) and node.value in ENVIRONMENT_NAMES:
            found.append(f"{node.lineno}: {node.value!r}")
        elif isinstance(node, ast.ImportFrom):
            names = {alias.name for alias in node.names}
            if (node.module or "").split(".")[0] in ENVIRONMENT_LIBRARIES or names & ENVIRONMENT_NAMES:
                found.append(f"{node.lineno}: from {node.module} import {', '.join(sorted(names))}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in ENVIRONMENT_LIBRARIES:
                    found.append(f"{node.lineno}: import {alias.name}")
    return found


def project_modules() -> list[Path]:
    """Every Python file of the project outside the tests: the app, geo, components, bench, scripts, and
    any folder added later."""
    return sorted(
        path
        for path in REPO.rglob("*.py")
        if not any(part.startswith(".") or part in SKIPPED_FOLDERS for part in path.relative_to(REPO).parts)
        and "vendor" not in path.relative_to(REPO).parts
    )


def variable_name(kind: type[BaseSettings], field: str) -> str:
    """The environment variable a setting is read from."""
    alias = kind.model_fields[field].validation_alias
    return alias if isinstance(alias, str) else f"{PREFIX}{field.upper()}"


def every_variable() -> list[str]:
    return [variable_name(kind, field) for kind in SETTINGS for field in kind.model_fields]


def test_no_module_but_the_settings_reads_the_environment() -> None:
    modules = project_modules()
    assert THE_READER in modules and REPO / "app.py" in modules and REPO / "bench" / "load.py" in modules
    readers = {
        str(path.relative_to(REPO)): reads
        for path in modules
        if path != THE_READER and (reads := environment_reads(path.read_text(encoding="utf-8")))
    }
    assert readers == {}, "read the environment in geo/settings.py only"
    assert environment_reads(THE_READER.read_text(encoding="utf-8")), "the settings read it themselves"


@pytest.mark.parametrize(
    "source",
    [
        'import os\nos.environ["KURSK_MAP_DB"]',
        'import os\nos.environ.get("KURSK_MAP_DB")',
        'import os\nos.getenv("KURSK_MAP_DB")',
        "import os as o\no.environ.copy()",
        "from os import environ\nenviron",
        "from os import getenv as read\nread('KURSK_MAP_DB')",
        'import os\ngetattr(os, "environ")',
        "import posix\nposix.environ",
        "import os\nos.environb",
        "import os\nos.putenv('A', 'b')",
        "from pydantic_settings import BaseSettings",
        "import pydantic_settings.sources",
        "import dotenv",
        "def child(**env):\n    return {**__import__('os').environ}",
    ],
)
def test_the_search_finds_every_way_to_read_the_environment(source: str) -> None:
    assert environment_reads(source)


def test_the_search_leaves_other_names_alone() -> None:
    source = '"""Reads os.environ? No: the docstring only says the name."""\nenvironment = {}\nenv = environment\n'
    assert environment_reads(source) == []


def test_every_variable_is_documented_once_in_the_readme_table() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(KURSK_MAP_[A-Z_]+)` \|", readme, flags=re.MULTILINE)
    assert sorted(set(every_variable()) - {"KURSK_MAP_TEST_PG"}) == sorted(set(rows) - {"KURSK_MAP_TEST_PG"})
    assert len(rows) == len(set(rows)), "each variable has one row"
    assert "KURSK_MAP_TEST_PG" in rows, "the tests' own variable is documented beside the app's"


def test_the_store_and_the_folder_follow_the_environment_as_it_changes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("KURSK_MAP_DB", raising=False)
    monkeypatch.delenv("KURSK_MAP_DATA", raising=False)
    assert store_url() == DEFAULT_URL
    assert seed_folder() == str(REPO / "data")
    folder = str(REPO / "data") + "/"
    monkeypatch.setenv("KURSK_MAP_DATA", folder)  # a folder alone: previewed directly, named as given
    assert current_store() is None and data_source() == DataKey(folder=folder)
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setenv("KURSK_MAP_DB", url)  # with a store: the folder only fills it
    assert store_url() == url and seed_folder() == folder
    assert current_store() is not None and data_source().store_url == url
    monkeypatch.setenv("KURSK_MAP_DB", "")  # empty counts as unset, as before
    assert store_url() == DEFAULT_URL and current_store() is None


def test_names_are_read_exactly_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """KURSK_MAP_DB and KURSK_MAP_DATA were read with os.environ.get: a name in other letters is another variable."""
    monkeypatch.delenv("KURSK_MAP_DATA", raising=False)
    monkeypatch.setenv("kursk_map_data", "elsewhere")
    monkeypatch.setenv("Kursk_Map_Chromium", "/elsewhere/chromium")
    assert data_settings().data is None
    assert bench_settings().chromium == "/usr/bin/chromium"


def test_the_serving_settings_follow_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KURSK_MAP_LOCAL_ROLE", raising=False)
    assert serving().local_role is Role.ANALYST
    monkeypatch.setenv("KURSK_MAP_LOCAL_ROLE", "viewer")
    assert serving().local_role is Role.VIEWER
    monkeypatch.setenv("KURSK_MAP_PUBLIC_HOSTS", " Claims.Example.org. , ")
    assert serving().public_hosts == ("claims.example.org",)


VALUES = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)
CHANGES = st.lists(
    st.tuples(
        st.sampled_from(["KURSK_MAP_DB", "KURSK_MAP_DATA", "KURSK_MAP_CHROMIUM", "KURSK_MAP_OTHER"]), st.none() | VALUES
    ),
    max_size=12,
)


@given(CHANGES)
def test_settings_asked_for_are_the_environment_of_that_moment(changes: list[tuple[str, str | None]]) -> None:
    """However the variables change, settings asked for equal settings made afresh: nothing stale is kept."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in changes:
            if value is None:
                patch.delenv(name, raising=False)
            else:
                patch.setenv(name, value)
            assert data_settings() == DataSettings()
            assert bench_settings() == BenchSettings()
            assert data_settings().db == (os.environ.get("KURSK_MAP_DB") or None)
            assert data_settings().data == (os.environ.get("KURSK_MAP_DATA") or None)


@given(
    st.dictionaries(
        st.sampled_from(["KURSK_MAP_DB", "KURSK_MAP_DATA", "PATH", "KURSK_MAP_NEW"]), st.none() | VALUES, max_size=4
    )
)
def test_a_child_process_gets_this_environment_with_the_changes(changes: dict[str, str | None]) -> None:
    before = dict(os.environ)
    child = child_environment(changes)
    assert dict(os.environ) == before, "the parent's environment is left as it was"
    for name in set(before) | set(child) | set(changes):
        expected = changes[name] if name in changes else before.get(name)
        assert child.get(name) == expected, name


def test_a_process_started_with_a_folder_alone_previews_it(tmp_path: Path) -> None:
    """From outside: a fresh process with KURSK_MAP_DATA and no KURSK_MAP_DB reads the folder and opens no store."""
    changes = {"KURSK_MAP_DATA": str(REPO / "data"), "KURSK_MAP_DB": None, "kursk_map_db": f"sqlite:///{tmp_path}/x"}
    shown = subprocess.run(
        [sys.executable, "-c", "from geo.reading.source import data_source; print(data_source().folder)"],
        cwd=REPO,
        env=child_environment(changes),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert shown.stdout.strip() == str(REPO / "data")
    assert list(tmp_path.iterdir()) == []
