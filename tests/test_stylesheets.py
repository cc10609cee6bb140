"""Each of the app's own classes (`kcm-…`) is styled in one stylesheet: a claim's status outline, its
lifecycle mark and the legend in static/kursk_map.css, which the app and the exported page both load. A
second sheet writing a status out again would drift from the first, and the map and its legend disagree."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from tests.conftest import REPO

MAP_SHEET = "kursk_map.css"
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
SELECTORS = re.compile(r"([^{}]+)\{")
MAP_CLASS = re.compile(r"\.(kcm-[\w-]+)")


def map_classes_by_sheet(sheets: dict[str, str]) -> dict[str, set[str]]:
    """Which stylesheets write a rule for each map class (in a selector, not in a comment or a value)."""
    found: dict[str, set[str]] = defaultdict(set)
    for name, text in sheets.items():
        for selector in SELECTORS.findall(COMMENT.sub("", text)):
            if not selector.strip().startswith("@"):
                for css_class in MAP_CLASS.findall(selector):
                    found[css_class].add(name)
    return found


def test_every_class_of_the_app_is_styled_in_one_sheet_and_the_statuses_in_the_map_sheet() -> None:
    sheets = {path.name: path.read_text(encoding="utf-8") for path in sorted((REPO / "static").glob("*.css"))}
    found = map_classes_by_sheet(sheets)
    statuses = {"kcm-status-claimed", "kcm-status-disputed", "kcm-status-refuted", "kcm-status-retracted"}
    marks = {"kcm-mark-d", "kcm-mark-r", "kcm-mark-x"}
    assert {css_class for css_class in statuses | marks if found.get(css_class) != {MAP_SHEET}} == set()
    assert {css_class: names for css_class, names in found.items() if len(names) > 1} == {}


@pytest.mark.parametrize(
    ("sheets", "elsewhere"),
    [
        ({"a.css": ".kcm-status-retracted { opacity: .6 }", "b.css": "p .kcm-status-retracted { color: red }"}, 1),
        ({"a.css": ".kcm-status-refuted, .kcm-status-retracted { border-style: dotted }"}, 0),
        ({"a.css": "/* .kcm-status-refuted */ p { color: red }", "b.css": ".kcm-status-refuted { color: red }"}, 0),
        ({"a.css": "@media (max-width: 700px) { .kcm-asof { font-size: 11px } }", "b.css": ".kcm-asof { x: 1 }"}, 1),
    ],
)
def test_the_check_finds_a_map_class_styled_in_two_sheets(sheets: dict[str, str], elsewhere: int) -> None:
    twice = [css_class for css_class, names in map_classes_by_sheet(sheets).items() if len(names) > 1]
    assert len(twice) == elsewhere
