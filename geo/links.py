"""The one place that builds and parses deep links, so every view is a URL.

A view is a date and a selected claim. Parsing is forgiving (a bad value is dropped and
reported) because links are typed, pasted and truncated by people.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

CLAIM_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class View:
    """What a link restores."""

    date: dt.date | None = None
    claim: str | None = None


@dataclass(frozen=True)
class ParsedView:
    view: View
    problems: list[str] = field(default_factory=list)


def first_value(value: str | list[str] | None) -> str | None:
    """Query values may arrive as a list when a key repeats; the first one wins."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def parse(query: Mapping[str, str | list[str]]) -> ParsedView:
    """Read a view from query parameters, keeping what is valid."""
    problems = []
    date = None
    raw_date = first_value(query.get("date"))
    if raw_date:
        try:
            date = dt.date.fromisoformat(raw_date)
        except ValueError:
            problems.append(f"ignored date '{raw_date}': expected YYYY-MM-DD")
    claim = first_value(query.get("claim")) or None
    if claim is not None and not CLAIM_ID.match(claim):
        problems.append(f"ignored claim '{claim}': not a claim id")
        claim = None
    return ParsedView(View(date, claim), problems)


def to_query(view: View) -> dict[str, str]:
    """Query parameters for a view; empty parts are left out."""
    query = {}
    if view.date is not None:
        query["date"] = view.date.isoformat()
    if view.claim:
        query["claim"] = view.claim
    return query


def to_url(view: View, base: str = "") -> str:
    """A shareable link: base URL plus the view's query string."""
    query = urlencode(to_query(view))
    return f"{base}?{query}" if query else base
