"""The rooms import downwards only: geo/ (the model, grading, the store) imports neither Streamlit nor the
HTTP layer nor the page's components; web/ (the feed and the guard) imports no Streamlit page code. Read from
the syntax tree, so a new import is caught in the file that writes it."""

from __future__ import annotations

import ast
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
