"""The feed's query parameters, parsed strictly: each value must match its form in full, or the request is refused.

A feed that accepted "any date from year 1 to 9999" or a limit of a million did unbounded work for anyone
who asked. Here every parameter has one form (a regular expression matched in full), dates must fall in the
case's period, a page holds at most MAX_LIMIT features, and an unknown or repeated parameter is an error
(OGC API – Features, /req/core/query-param-unknown), so a typo never silently returns everything.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

import shapely

MAX_LIMIT = 1000  # the most features one page holds
MAX_OFFSET = 10_000_000
# re.ASCII: \d is 0-9 only, never another script's digits (which int() and float() would read).
DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
DATE_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})", re.ASCII)
# Degrees as GIS tools write them: GDAL prints 17 significant digits (35.2000000000000028), and %g an
# exponent for a value near 0 (1.0000000000000001e-05).
NUMBER = re.compile(r"-?\d{1,3}(\.\d{1,20})?([eE][-+]?\d{1,2})?", re.ASCII)
COUNT = re.compile(r"0|[1-9]\d{0,8}", re.ASCII)
OPEN = {"", ".."}


class QueryError(ValueError):
    """A query the feed refuses (400), with a message that says which parameter and why."""


@dataclass(frozen=True)
class Interval:
    """Days from `start` to `end`, both included; None is open on that side."""

    start: dt.date | None
    end: dt.date | None

    def text(self) -> str:
        return f"{self.start or '..'}/{self.end or '..'}"


@dataclass(frozen=True)
class FeedQuery:
    """What one request asks for, in a normal form: two requests that ask the same have equal queries."""

    limit: int
    offset: int = 0
    known_on: dt.date | None = None  # the claims reported by then, graded on what was known then
    bbox: tuple[float, float, float, float] | None = None
    period: Interval | None = None  # claims whose period meets this interval (OGC `datetime`)

    @property
    def box(self) -> shapely.Geometry | None:
        return None if self.bbox is None else shapely.box(*self.bbox)

    def params(self, offset: int | None = None) -> dict[str, str]:
        """The query as parameters, for `next` and `prev` links and the cache key."""
        found = {"limit": str(self.limit)}
        starts_at = self.offset if offset is None else offset
        if starts_at:
            found["offset"] = str(starts_at)
        if self.known_on is not None:
            found["date"] = self.known_on.isoformat()
        if self.bbox is not None:
            found["bbox"] = ",".join(f"{value:g}" for value in self.bbox)
        if self.period is not None:
            found["datetime"] = self.period.text()
        return found


def quoted(raw: str) -> str:
    return repr(raw[:40] + ("…" if len(raw) > 40 else ""))


def single_values(pairs: Iterable[tuple[str, str]], allowed: frozenset[str]) -> dict[str, str]:
    """Each parameter once, and only those this route knows."""
    found: dict[str, str] = {}
    for name, value in pairs:
        if name not in allowed:
            raise QueryError(f"unknown parameter {quoted(name)}: this route takes {', '.join(sorted(allowed))}")
        if name in found:
            raise QueryError(f"parameter {name!r} given more than once")
        found[name] = value
    return found


def parse_date(raw: str, name: str, period: Interval | None) -> dt.date:
    """A calendar date YYYY-MM-DD (or an RFC 3339 date-time, of which the date counts) within the case."""
    stamp = DATE_TIME.fullmatch(raw)
    text = stamp.group(1) if stamp else raw
    if not DATE.fullmatch(text):
        raise QueryError(f"{name} must be a date YYYY-MM-DD, got {quoted(raw)}")
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise QueryError(f"{name}: {quoted(raw)} is not a date on the calendar") from None
    early = period is not None and period.start is not None and day < period.start
    late = period is not None and period.end is not None and day > period.end
    if period is not None and (early or late):
        raise QueryError(f"{name} must fall within the case, {period.start} to {period.end}; got {day}")
    return day


def parse_interval(raw: str, case: Interval | None) -> Interval:
    """OGC `datetime`: a date, or an interval start/end with `..` (or nothing) for an open end."""
    if "/" not in raw:
        day = parse_date(raw, "datetime", case)
        return Interval(day, day)
    start_text, end_text = raw.split("/", 1)
    if start_text in OPEN and end_text in OPEN:
        raise QueryError("datetime: an interval needs at least one end, e.g. 2024-08-06/2024-09-01")
    start = None if start_text in OPEN else parse_date(start_text, "datetime", case)
    end = None if end_text in OPEN else parse_date(end_text, "datetime", case)
    if start is not None and end is not None and start > end:
        raise QueryError(f"datetime: the interval ends before it starts ({start} to {end})")
    return Interval(start, end)


def parse_bbox(raw: str) -> tuple[float, float, float, float]:
    """west,south,east,north in degrees (WGS 84 longitude/latitude)."""
    parts = raw.split(",")
    if len(parts) != 4 or not all(NUMBER.fullmatch(part) for part in parts):
        raise QueryError(f"bbox must be west,south,east,north in degrees, got {quoted(raw)}")
    west, south, east, north = (float(part) for part in parts)
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise QueryError(f"bbox must have west < east and south < north within longitude/latitude, got {quoted(raw)}")
    return west, south, east, north


def parse_count(raw: str, name: str, least: int, most: int) -> int:
    if not COUNT.fullmatch(raw) or not least <= int(raw) <= most:
        raise QueryError(f"{name} must be a whole number from {least} to {most}, got {quoted(raw)}")
    return int(raw)


def parse_limit(raw: str) -> int:
    """1 or more; a larger limit than MAX_LIMIT gets MAX_LIMIT features (OGC: a server caps the page)."""
    if not COUNT.fullmatch(raw) or int(raw) < 1:
        raise QueryError(f"limit must be a whole number of at least 1, got {quoted(raw)}")
    return min(int(raw), MAX_LIMIT)


def parse_format(raw: str) -> None:
    if raw not in {"json", "geojson"}:
        raise QueryError(f"f must be json (the only format served), got {quoted(raw)}")


def feed_query(
    pairs: Iterable[tuple[str, str]], *, case: Interval | None, default_limit: int, allowed: frozenset[str]
) -> FeedQuery:
    """The query of an items request; QueryError names the first bad parameter."""
    given = single_values(pairs, allowed)
    if "f" in given:
        parse_format(given["f"])
    return FeedQuery(
        limit=parse_limit(given["limit"]) if "limit" in given else default_limit,
        offset=parse_count(given["offset"], "offset", 0, MAX_OFFSET) if "offset" in given else 0,
        known_on=parse_date(given["date"], "date", case) if "date" in given else None,
        bbox=parse_bbox(given["bbox"]) if "bbox" in given else None,
        period=parse_interval(given["datetime"], case) if "datetime" in given else None,
    )


def no_parameters(pairs: Iterable[tuple[str, str]]) -> None:
    """A route that takes no parameters (besides `f=json`) refuses any."""
    given = single_values(pairs, frozenset({"f"}))
    if "f" in given:
        parse_format(given["f"])
