"""The one place that builds and parses deep links, so every view is a URL.

A view is a date, a selected claim, the panel's filters, the map's centre and zoom, and in
briefing mode the story and its step. Parsing is forgiving (a bad value is dropped and
reported) because links are typed, pasted and truncated by people.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar
from urllib.parse import urlencode

from geo.language.languages import Language
from geo.language.words import ENGLISH, N_, Words
from geo.model.confidence import ConfidenceLevel, Status
from geo.model.records import RECORD_ID_PATTERN, Affiliation, Category
from geo.selection.filters import ClaimFilter

CLAIM_ID = re.compile(RECORD_ID_PATTERN)
MAX_TEXT = 200
# Numbers in a link are read only when the whole value is plain ASCII of a sane length: `int` and
# `float` also take '²'-like digits of other scripts, '1_000', 'nan', 'inf' and 5,000-digit strings
# (which `int` refuses with a ValueError of its own), none of which a link of ours ever holds.
WHOLE_NUMBER = re.compile(r"[0-9]{1,6}")
DECIMAL = re.compile(r"-?[0-9]{1,3}(\.[0-9]{1,10})?")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def whole_number(raw: str) -> int | None:
    """A count from a link (a step, a zoom), or None when the value is not one, as a full match."""
    return int(raw) if WHOLE_NUMBER.fullmatch(raw) else None


def decimal(raw: str) -> float | None:
    """A coordinate from a link, or None when the value is not a plain decimal, as a full match."""
    return float(raw) if DECIMAL.fullmatch(raw) else None


@dataclass(frozen=True)
class MapPosition:
    lat: float
    lon: float
    zoom: int


@dataclass(frozen=True)
class View:
    """What a link restores."""

    date: dt.date | None = None
    claim: str | None = None
    filter: ClaimFilter = field(default_factory=ClaimFilter)
    position: MapPosition | None = None
    brief: bool = False
    story: str | None = None
    step: int | None = None
    known_then: bool = False
    compare: bool = False
    show_change: bool = False
    language: Language | None = None
    """The interface's language the link asks for; None: the reader's browser decides."""


@dataclass(frozen=True)
class Problem:
    """A part of the link that was dropped, and why: its message is marked for the catalogues and its values are
    named, so the page says it in the reader's language (`in_words`); `str()` is the English."""

    message: str
    values: Mapping[str, str] = field(default_factory=dict)

    def in_words(self, words: Words = ENGLISH) -> str:
        return words.gettext(self.message, **self.values)

    def __str__(self) -> str:
        return self.in_words()


@dataclass(frozen=True)
class ParsedView:
    view: View
    problems: list[Problem] = field(default_factory=list)


def shown(raw: str | None) -> str:
    """A value from the link as a problem names it: cut short, so a 5,000-character value is not echoed whole."""
    raw = raw or ""
    return raw if len(raw) <= 40 else raw[:40] + "…"


def first_value(value: str | list[str] | None) -> str | None:
    """Query values may arrive as a list when a key repeats; the first one wins."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


Choice = TypeVar("Choice", bound=StrEnum)


def enum_set(raw: str | None, kind: type[Choice], key: str, problems: list[Problem]) -> frozenset[Choice]:
    """A comma-separated list of enum values; unknown ones are reported and skipped."""
    chosen = set()
    for part in (raw or "").split(","):
        if not part:
            continue
        try:
            chosen.add(kind(part))
        except ValueError:
            expected = ", ".join(item.value for item in kind)
            message = N_("ignored {key} '{value}': expected one of {expected}")
            problems.append(Problem(message, {"key": key, "value": shown(part), "expected": expected}))
    return frozenset(chosen)


def parse_filter(query: Mapping[str, str | list[str]], problems: list[Problem]) -> ClaimFilter:
    confidence = None
    raw_confidence = first_value(query.get("conf"))
    if raw_confidence:
        matches = [level for level in ConfidenceLevel if level.value.lower() == raw_confidence.lower()]
        if matches:
            confidence = matches[0]
        else:
            message = N_("ignored conf '{value}': expected high, moderate or low")
            problems.append(Problem(message, {"value": shown(raw_confidence)}))
    return ClaimFilter(
        sides=enum_set(first_value(query.get("side")), Affiliation, "side", problems),
        categories=enum_set(first_value(query.get("cat")), Category, "cat", problems),
        min_confidence=confidence,
        statuses=enum_set(first_value(query.get("status")), Status, "status", problems),
        text=(first_value(query.get("q")) or "")[:MAX_TEXT],
    )


def parse_position(query: Mapping[str, str | list[str]], problems: list[Problem]) -> MapPosition | None:
    raw = [first_value(query.get(key)) for key in ("lat", "lon", "zoom")]
    if not any(raw):
        return None
    lat, lon, zoom = decimal(raw[0] or ""), decimal(raw[1] or ""), whole_number(raw[2] or "")
    if lat is None or lon is None or zoom is None:
        problems.append(Problem(N_("ignored the map position: lat, lon and zoom must all be numbers")))
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 1 <= zoom <= 19):
        problems.append(Problem(N_("ignored the map position: lat, lon or zoom out of range")))
        return None
    return MapPosition(lat, lon, zoom)


def parse_story(query: Mapping[str, str | list[str]], problems: list[Problem]) -> tuple[bool, str | None, int | None]:
    mode = first_value(query.get("mode"))
    if mode not in (None, "", "brief"):
        problems.append(Problem(N_("ignored mode '{value}': the only mode is 'brief'"), {"value": shown(mode)}))
    story = first_value(query.get("story")) or None
    if story is not None and not CLAIM_ID.fullmatch(story):
        problems.append(Problem(N_("ignored story '{value}': not a story id"), {"value": shown(story)}))
        story = None
    raw_step = first_value(query.get("step"))
    step = None
    if raw_step:
        step = whole_number(raw_step)
        if step is None or step < 1:
            message = N_("ignored step '{value}': expected a number from 1")
            problems.append(Problem(message, {"value": shown(raw_step)}))
            step = None
    return mode == "brief", story, step


def parse_language(raw: str | None, problems: list[Problem]) -> Language | None:
    if not raw:
        return None
    try:
        return Language(raw.lower())
    except ValueError:
        expected = ", ".join(language for language in Language)
        message = N_("ignored lang '{value}': expected one of {expected}")
        problems.append(Problem(message, {"value": shown(raw), "expected": expected}))
        return None


def parse(query: Mapping[str, str | list[str]]) -> ParsedView:
    """Read a view from query parameters, keeping what is valid."""
    problems: list[Problem] = []
    date = None
    raw_date = first_value(query.get("date"))
    if raw_date:
        try:
            date = dt.date.fromisoformat(raw_date) if ISO_DATE.fullmatch(raw_date) else None
        except ValueError:  # 2025-02-30: the shape of a date, but no day
            date = None
        if date is None:
            problems.append(Problem(N_("ignored date '{value}': expected YYYY-MM-DD"), {"value": shown(raw_date)}))
    claim = first_value(query.get("claim")) or None
    if claim is not None and not CLAIM_ID.fullmatch(claim):
        problems.append(Problem(N_("ignored claim '{value}': not a claim id"), {"value": shown(claim)}))
        claim = None
    brief, story, step = parse_story(query, problems)
    switches = {key: first_value(query.get(key)) for key in ("known", "compare", "change")}
    language = parse_language(first_value(query.get("lang")), problems)
    if switches["known"] not in (None, "", "then", "now"):
        message = N_("ignored known '{value}': expected 'then'")
        problems.append(Problem(message, {"value": shown(switches["known"] or "")}))
    return ParsedView(
        View(
            date=date,
            claim=claim,
            filter=parse_filter(query, problems),
            position=parse_position(query, problems),
            brief=brief,
            story=story,
            step=step,
            known_then=switches["known"] == "then",
            compare=switches["compare"] == "1",
            show_change=switches["change"] == "1",
            language=language,
        ),
        problems,
    )


def joined(values: frozenset[StrEnum], order: Callable[[StrEnum], int]) -> str:
    return ",".join(value.value for value in sorted(values, key=order))


def to_query(view: View) -> dict[str, str]:
    """Query parameters for a view; empty parts are left out, lists in a stable order."""
    query = {}
    if view.brief:
        query["mode"] = "brief"
    if view.story:
        query["story"] = view.story
    if view.step:
        query["step"] = str(view.step)
    if view.date is not None:
        query["date"] = view.date.isoformat()
    if view.claim:
        query["claim"] = view.claim
    chosen = view.filter
    for key, values, kind in (
        ("side", chosen.sides, Affiliation),
        ("cat", chosen.categories, Category),
        ("status", chosen.statuses, Status),
    ):
        if values:
            members = list(kind)
            query[key] = joined(values, members.index)
    if chosen.min_confidence:
        query["conf"] = chosen.min_confidence.value.lower()
    if chosen.text.strip():
        query["q"] = chosen.text.strip()
    if view.known_then:
        query["known"] = "then"
    if view.compare:
        query["compare"] = "1"
    if view.show_change:
        query["change"] = "1"
    if view.language is not None:
        query["lang"] = view.language.value
    if view.position is not None:
        query["lat"] = f"{view.position.lat:.4f}"
        query["lon"] = f"{view.position.lon:.4f}"
        query["zoom"] = str(view.position.zoom)
    return query


def to_url(view: View, base: str = "") -> str:
    """A shareable link: base URL plus the view's query string."""
    query = urlencode(to_query(view))
    return f"{base}?{query}" if query else base
