"""Each grading scale and the record-id pattern is written once in Python: every other module, and the map
through its payload, takes it from there (components/map/protocol.py, tests/test_map_protocol.py for the JS)."""

from __future__ import annotations

import ast
import typing
from pathlib import Path

import pytest

from geo.model.confidence import ConfidenceLevel, Reliability, Status
from geo.model.records import RECORD_ID_PATTERN, Precision

REPO = Path(__file__).resolve().parents[1]
SCALES = {
    "status": ({status.value for status in Status}, "geo/model/confidence.py"),
    "confidence": ({level.value for level in ConfidenceLevel}, "geo/model/confidence.py"),
    "precision": (set(typing.get_args(Precision)), "geo/model/records.py"),
    "reliability": (set(typing.get_args(Reliability)), "geo/model/confidence.py"),
}
SOURCES = sorted(
    path
    for folder in ("geo", "components", "web", "scripts", "bench")
    for path in (REPO / folder).rglob("*.py")
    if "migrations" not in path.parts  # an old migration keeps the values of its day
) + [REPO / name for name in ("app.py", "page.py") if (REPO / name).exists()]


def collections_of_strings(tree: ast.AST) -> list[set[str]]:
    """The string constants of every list, tuple, set, dict's keys and Literal[...] in a module."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            items = node.elts
        elif isinstance(node, ast.Dict):
            items = [key for key in node.keys if key is not None]
        else:
            continue
        found.append({item.value for item in items if isinstance(item, ast.Constant) and isinstance(item.value, str)})
    return found


@pytest.mark.parametrize("scale", SCALES)
def test_no_module_but_its_own_lists_a_scale(scale: str) -> None:
    """Three or more of a scale's values side by side outside its definition is a copy that goes stale."""
    values, home = SCALES[scale]
    copies = [
        f"{path.relative_to(REPO)}: {sorted(found & values)}"
        for path in SOURCES
        if path != REPO / home
        for found in collections_of_strings(ast.parse(path.read_text(), str(path)))
        if len(found & values) >= 3
    ]
    assert copies == []


def test_no_module_but_the_model_writes_the_record_id_pattern() -> None:
    body = RECORD_ID_PATTERN.strip("^$")
    copies = [
        path.relative_to(REPO) for path in SOURCES if path != REPO / "geo/model/records.py" and body in path.read_text()
    ]
    assert copies == []
