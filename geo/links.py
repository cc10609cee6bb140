"""The one place that builds and parses deep links, so every view is a URL.

A view is a date, a selected claim and the panel's filters. Parsing is forgiving (a bad
value is dropped and reported) because links are typed, pasted and truncated by people.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar
from urllib.parse import urlencode

from geo.confidence import ConfidenceLevel, Status
from geo.filters import ClaimFilter
from geo.model import Affiliation, Category

CLAIM_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_TEXT = 200


@dataclass(frozen=True)
class View:
    """What a link restores."""

    date: dt.date | None = None
    claim: str | None = None
    filter: ClaimFilter = field(default_factory=ClaimFilter)


@dataclass(frozen=True)
class ParsedView:
    view: View
    problems: list[str] = field(default_factory=list)


def first_value(value: str | list[str] | None) -> str | None:
    """Query values may arrive as a list when a key repeats; the first one wins."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


Choice = TypeVar("Choice", bound=StrEnum)


def enum_set(raw: str | None, kind: type[Choice], key: str, problems: list[str]) -> frozenset[Choice]:
    """A comma-separated list of enum values; unknown ones are reported and skipped."""
    chosen = set()
    for part in (raw or "").split(","):
        if not part:
            continue
        try:
            chosen.add(kind(part))
        except ValueError:
            problems.append(f"ignored {key} '{part}': expected one of {', '.join(item.value for item in kind)}")
    return frozenset(chosen)


def parse_filter(query: Mapping[str, str | list[str]], problems: list[str]) -> ClaimFilter:
    confidence = None
    raw_confidence = first_value(query.get("conf"))
    if raw_confidence:
        matches = [level for level in ConfidenceLevel if level.value.lower() == raw_confidence.lower()]
        if matches:
            confidence = matches[0]
        else:
            problems.append(f"ignored conf '{raw_confidence}': expected high, moderate or low")
    return ClaimFilter(
        sides=enum_set(first_value(query.get("side")), Affiliation, "side", problems),
        categories=enum_set(first_value(query.get("cat")), Category, "cat", problems),
        min_confidence=confidence,
        statuses=enum_set(first_value(query.get("status")), Status, "status", problems),
        text=(first_value(query.get("q")) or "")[:MAX_TEXT],
    )


def parse(query: Mapping[str, str | list[str]]) -> ParsedView:
    """Read a view from query parameters, keeping what is valid."""
    problems: list[str] = []
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
    return ParsedView(View(date, claim, parse_filter(query, problems)), problems)


def joined(values: frozenset[StrEnum], order: Callable[[StrEnum], int]) -> str:
    return ",".join(value.value for value in sorted(values, key=order))


def to_query(view: View) -> dict[str, str]:
    """Query parameters for a view; empty parts are left out, lists in a stable order."""
    query = {}
    if view.date is not None:
        query["date"] = view.date.isoformat()
    if view.claim:
        query["claim"] = view.claim
    chosen = view.filter
    for key, values, kind in (("side", chosen.sides, Affiliation), ("cat", chosen.categories, Category),
                              ("status", chosen.statuses, Status)):
        if values:
            members = list(kind)
            query[key] = joined(values, members.index)
    if chosen.min_confidence:
        query["conf"] = chosen.min_confidence.value.lower()
    if chosen.text.strip():
        query["q"] = chosen.text.strip()
    return query


def to_url(view: View, base: str = "") -> str:
    """A shareable link: base URL plus the view's query string."""
    query = urlencode(to_query(view))
    return f"{base}?{query}" if query else base
