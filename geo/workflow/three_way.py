"""Re-applying an analyst's edit on top of what another analyst saved meanwhile, field by field."""

from __future__ import annotations

from typing import Any


def reapply(base: dict[str, Any], theirs: dict[str, Any], mine: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Their version with every field I changed from the base set to mine.

    Returns the merged record and the fields we both changed to different values (mine is kept for
    those, and the form asks to check them): nothing of theirs is lost silently, nothing of mine either."""
    merged = dict(theirs)
    clashes = []
    for name in dict.fromkeys([*base, *mine]):
        if mine.get(name) == base.get(name):
            continue  # I did not touch it: theirs stands
        if theirs.get(name) != base.get(name) and theirs.get(name) != mine.get(name):
            clashes.append(name)
        if name in mine:
            merged[name] = mine[name]
        else:
            merged.pop(name, None)
    return merged, clashes
