"""A claim's words are written in one place (geo.model.claim_text): a grade's letters, confidence and status, a
place with its precision. What shows or exports a claim — the page, the feed, the export files — takes them from
there (a ClaimText, conventionally named `text`, or its functions). Read from the syntax tree, so a new f-string
that writes them by hand is caught in the file that writes it. The grading rule writes its own reasons."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

GRADE_PARTS = {"code", "confidence", "status", "likelihood", "reliability", "credibility"}
PLACE_PARTS = {"label", "precision"}


READERS = ("components", "web", "geo/publishing")


def attributes_in(node: ast.JoinedStr) -> set[str]:
    """The attributes an f-string reads, except those of a ClaimText (`text`) or of the object itself (`self`)."""
    return {
        inner.attr
        for inner in ast.walk(node)
        if isinstance(inner, ast.Attribute)
        and not (isinstance(inner.value, ast.Name) and inner.value.id in {"text", "self"})
    }


def hand_written_words(path: Path, root: Path = REPO) -> list[str]:
    """Each f-string that puts two parts of a grade, or a place's label beside its precision, into words."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.JoinedStr):
            continue
        used = attributes_in(node)
        if len(used & GRADE_PARTS) >= 2 or used >= PLACE_PARTS:
            found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_only_the_words_module_writes_a_grade_or_a_place_in_words() -> None:
    sources = [path for room in READERS for path in sorted((REPO / room).rglob("*.py"))]
    assert [where for path in sources for where in hand_written_words(path)] == []


def test_the_check_finds_words_written_by_hand(tmp_path: Path) -> None:
    written = tmp_path / "card.py"
    written.write_text(
        'a = f"{grade.code} · {grade.confidence.value}"\nb = f"{place.label}, {place.precision}"\n'
        'c = f"{grade.code} alone"\nd = f"{text.code} {text.confidence}"\n',
        encoding="utf-8",
    )
    assert hand_written_words(written, tmp_path) == ["card.py:1", "card.py:2"]
