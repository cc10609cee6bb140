"""The rooms import downwards only: geo/ (the model, grading, the store) imports neither Streamlit nor the
HTTP layer nor the page's components; web/ (the feed and the guard) imports no Streamlit page code. Read from
the syntax tree, so a new import is caught in the file that writes it."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

from tests.conftest import REPO

FORBIDDEN = {
    "geo": {"streamlit", "starlette", "uvicorn", "web", "components", "page", "app"},
    "web": {"streamlit", "components", "page", "app"},
}


def imported_packages(path: Path) -> set[str]:
    """The top-level package of every import in a file, wherever in the file it is written."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("room", sorted(FORBIDDEN))
def test_each_room_imports_only_what_lies_below_it(room: str) -> None:
    offending = {
        str(path.relative_to(REPO)): sorted(imported_packages(path) & FORBIDDEN[room])
        for path in sorted((REPO / room).rglob("*.py"))
    }
    assert {path: packages for path, packages in offending.items() if packages} == {}


def test_the_import_reader_sees_every_way_of_importing(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        "import streamlit as st\nfrom web.feed import ROUTES\nimport os.path\n"
        "def late():\n    from components import panel\n    import starlette.routing\n",
        encoding="utf-8",
    )
    assert imported_packages(module) == {"streamlit", "web", "os", "components", "starlette"}


def imported_modules(path: Path) -> set[str]:
    """The full dotted name of every module a file imports (`from a.b import c` names both a.b and a.b.c)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_only_the_page_context_reads_the_page_cache() -> None:
    """A part of the page takes what is shown from the context it is handed (components.page_context); going
    back up to the cache for the dataset or its grades is how the flow became hard to follow."""
    readers = {
        str(path.relative_to(REPO))
        for path in sorted([*(REPO / "components").rglob("*.py"), REPO / "page.py"])
        if "components.cache" in imported_modules(path)
    }
    assert readers == {"components/page_context.py"}


ROOMS = {
    "geo": {"model", "reading", "grading", "time", "selection", "publishing", "workflow", "store", "language"},
    "components": {"map", "panel", "desk", "briefing", "sharing"},
}
LOOSE = {
    "geo": {"__init__.py", "settings.py", "paths.py"},  # what every room reads: settings and the project's folders
    "components": {  # page-wide: used by several rooms of the page, or by page.py alone
        "cache.py",
        "page_context.py",
        "session_keys.py",
        "escaping.py",
        "static_files.py",
        "page_style.py",
        "live.py",
        "data_health.py",
        "grading_help.py",
        "language_switch.py",
        "skip_links.py",
    },
}


@pytest.mark.parametrize("package", sorted(ROOMS))
def test_a_package_holds_its_named_rooms_and_few_loose_modules(package: str) -> None:
    """From the folder names alone a newcomer can tell where a change belongs: a new module goes into a room, and a
    new room or page-wide module is a decision recorded here and in ARCHITECTURE.md."""
    root = REPO / package
    rooms = {path.name for path in root.iterdir() if path.is_dir() and (path / "__init__.py").exists()}
    loose = {path.name for path in root.glob("*.py")}
    assert (rooms, loose) == (ROOMS[package], LOOSE[package])


ARCHITECTURE = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")


def test_the_architecture_map_names_every_room() -> None:
    missing = [
        f"{package}/{room}/" for package, rooms in ROOMS.items() for room in rooms if f"  {room}/" not in ARCHITECTURE
    ]
    assert missing == []


def resolves(dotted: str) -> bool:
    """Whether a dotted name is a module, or an attribute of one (a class, a function, a method)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(found, attribute):
                return False
            found = getattr(found, attribute)
        return True
    return False


def test_every_name_and_path_the_architecture_map_gives_exists() -> None:
    """The map must not lead the next person to a room that moved: every module, function and path it names is
    real."""
    names = set(re.findall(r"`((?:geo|web|components)(?:\.\w+)+)", ARCHITECTURE))
    paths = set(re.findall(r"`((?:geo|web|components|static|data|tests|docs|bench|sources)/[\w/.*-]*)", ARCHITECTURE))
    assert len(names) > 20 and len(paths) > 20  # the patterns still find what the map names
    assert sorted(name for name in names if not resolves(name)) == []
    assert sorted(path for path in paths if not any(REPO.glob(path.rstrip("/")))) == []
