"""A problem found in the data, and how a bad value is quoted in it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

QUOTE_LIMIT = 80


@dataclass(frozen=True)
class DataIssue:
    """One problem found in the data, precise enough to fix without searching."""

    file: str
    record: str
    problem: str
    loaded: bool = False  # the record was loaded all the same, without the part named in the problem

    def __str__(self) -> str:
        return f"{self.file}: {self.record}: {self.problem}" + (" (the record is loaded)" if self.loaded else "")


def quoted(value: Any, limit: int = QUOTE_LIMIT) -> str:
    """A bad value as short plain text in quotes: long values are cut, nothing is interpreted."""
    if isinstance(value, str):
        text = value
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, default=str)
        except (TypeError, ValueError, RecursionError):
            text = type(value).__name__
    text = " ".join(text.split())
    return "'" + (text if len(text) <= limit else text[: limit - 1] + "…") + "'"
