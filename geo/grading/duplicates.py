"""Claims that are probably one claim entered twice, found by what a copy shares with its original.

A copy rarely looks like its original field for field. One sentence gets split into two claims; a
ministry's post is entered under the ministry and again under its General Staff; an analysis is
credited to the analyst and to the mapper it measured; a statement is entered again from a second
article (another outlet, a day later, in that article's words) and coded at another area or a nearby
place. So no field is used as a bucket that both must share. Instead each pair is judged on signals,
each of which alone makes a copy likely:

- **same quote**: their reports quote the same words (a run of QUOTE_RUN words, or all of a shorter
  quote), about overlapping periods or reported within QUOTE_DAYS: one sentence, several claims.
  Whoever they are attributed to, since the same words cannot be two origins' independent statements.
- **one report, two attributions**: both come from one report (the same URL within a day, or the same
  outlet on the same day where a URL is missing), from one origin root (geo.grading.rule's `root_of` of
  `origin_of`: a state's ministries, forces and leaders are one origin), in one category and at
  overlapping locations, but credited to different claimants or origins: one statement attributed twice.
- **same figure**: one origin root states the same figure of the same quantity (within
  FIGURE_TOLERANCE) about overlapping periods.
- **same origin, similar wording**: one origin root, overlapping periods and locations, the same
  polarity (a denial is not a copy of what it denies), figures and numbers that do not differ, and at least
  SIMILAR of the shorter statement's word stems in the other, in the same category; near-identical
  wording (NEAR_IDENTICAL of all their stems) is enough across categories too.

Two claims of different origins that say the same thing are corroboration, not a copy: only the
quote signal, which shows that their words are one source's, compares across origins.

Locations overlap when an area contains (or lies within its precision of) a place or a point, when two
areas intersect, and when two places or points lie within the sum of their precisions; a name the
gazetteer does not know is taken to overlap everything (it cannot rule a copy out). Periods overlap
with a day's slack, since a second article may date the same statement a day later.

Claims an analyst has already linked (same_as, supports, contradicts, directly or through their
same_as groups) are not flagged: the link is a judgement that they are distinct. One exception, see
`Links.judged_distinct`. Retracted claims are left out: a tombstone and the claim entered to replace it
are not copies.

At 10,000 claims comparing every pair is 50 million comparisons, so candidates come from indexes
(`Finder`): claims of one root by URL or by outlet and day; distinct quotes by their word runs; claims
of one root by figure; distinct statements of one root by the rarest half of their stems (a pair sharing
at least half of the shorter statement's stems must share one of those). Their holders are then paired
by a sweep over time, so only claims whose periods (or report dates) meet are ever compared.
`Comparer.judge` decides every candidate pair, and what depends only on two texts once per pair of
texts; the indexes only narrow which pairs it sees, and never hide a pair it would flag (a test
compares them with judging every pair).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import parse_qsl, urlencode, urlsplit

import shapely
import shapely.affinity
from anyascii import anyascii
from shapely.geometry.base import BaseGeometry

from geo.grading.rule import origin_of, root_of
from geo.language.phrase import Phrase
from geo.language.words import N_, Words
from geo.model.records import Claim, Location, Source
from geo.reading.dataset import Dataset
from geo.reading.loading import NamedArea, Place

SIMILAR = 0.5  # share of the shorter statement's stems the other must have too (same origin, category, place)
NEAR_IDENTICAL = 0.8  # share of all stems of both (Jaccard): the same words, whatever the category
MIN_SHARED_STEMS = 2  # a one-word overlap is no evidence, however short the statements
QUOTE_RUN = 6  # this many words in a row in two quotes are the same quotation
SHORTEST_QUOTE = 4  # a quote shorter than this ("no comment") is too common to tell anything
QUOTE_DAYS = 2  # the same words quoted in reports this close are one quotation, whatever the periods
REPORT_DAYS = 1  # one URL dated a day apart is one article (time zones, updates)
PERIOD_SLACK_DAYS = 1  # a second article may date the same statement a day later
FIGURE_TOLERANCE = 0.01  # relative difference under which two figures are one (rounding), at least 0.5
KM_PER_DEGREE = 111.2

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "be",
        "been",
        "by",
        "for",
        "from",
        "had",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "this",
        "to",
        "was",
        "were",
        "with",
    ]
)
REPORTING = frozenset(["said", "says", "say", "told", "tells", "accor", "claim", "annou", "repor", "state", "added"])
NEGATION = re.compile(r"\b(?:not|no|never|nor|neither|none|nobody|nothing)\b|n't\b")
TOKEN = re.compile(r"[a-z]+|\d+(?:[.,]\d+)*")


# --- Words ----------------------------------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def words_of(text: str) -> tuple[str, ...]:
    """Lower-case ASCII words (Cyrillic transliterated); a number keeps its digits whole: 1,268 is one word."""
    return tuple(
        token.replace(",", "").replace(".", "") if token[0].isdigit() else token
        for token in TOKEN.findall(anyascii(text).lower())
    )


@lru_cache(maxsize=65536)
def word_stems(text: str) -> frozenset[str]:
    """Word beginnings without stop words or negations: 'liberated' and 'liberation' meet (polarity is
    compared on its own, see `negated`)."""
    return frozenset(
        word if word[0].isdigit() else word[:5]
        for word in words_of(text)
        if word not in STOP_WORDS and not NEGATION.fullmatch(word)
    )


@lru_cache(maxsize=65536)
def numbers_in(text: str) -> frozenset[str]:
    return frozenset(word for word in words_of(text) if word[0].isdigit())


def numbers_differ(one: frozenset[str], two: frozenset[str]) -> bool:
    """Two statements whose numbers differ (neither's all in the other) state different facts: 1,000 km² on
    12 August is not 1,150 km² on 15 August, however alike the words. A copy may drop a number, not change it."""
    return bool(one) and bool(two) and not (one <= two or two <= one)


@lru_cache(maxsize=65536)
def negated(text: str) -> bool:
    return NEGATION.search(anyascii(text).lower()) is not None


def speaker_words(sources: Mapping[str, Source]) -> dict[str, frozenset[str]]:
    """For each origin root, the stems of its members' names and ids ("General Staff", "Kremlin", "Putin").

    Who speaks is coded in the claimant, not in the statement: a second article's wording says "Gerasimov's
    General Staff told Putin that ...", which the first entry's statement does not. Within one root (the
    only place statements are compared word by word) these words, and reporting verbs, are left out."""
    found: dict[str, set[str]] = defaultdict(set)
    for source in sources.values():
        found[root_of(source.id, sources)].update(word_stems(source.name), word_stems(source.id.replace("-", " ")))
    return {root: frozenset(words) for root, words in found.items()}


def shared_words(first: str, second: str) -> float:
    """The share of the shorter statement's stems that the other has too."""
    one, two = word_stems(first), word_stems(second)
    return len(one & two) / max(1, min(len(one), len(two)))


def runs_of(words: tuple[str, ...], length: int) -> Iterator[tuple[str, ...]]:
    for start in range(len(words) - length + 1):
        yield words[start : start + length]


@lru_cache(maxsize=65536)
def quote_words(quote: str) -> tuple[str, ...]:
    """A quote's words; none when it is too short to tell anything."""
    words = words_of(quote)
    return words if len(words) >= SHORTEST_QUOTE else ()


@lru_cache(maxsize=65536)
def quote_keys(words: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """What a quote is indexed under: its runs of QUOTE_RUN words, or all of it when shorter."""
    if len(words) < QUOTE_RUN:
        return frozenset([words])
    return frozenset(runs_of(words, QUOTE_RUN))


@lru_cache(maxsize=65536)
def runs_in(words: tuple[str, ...], length: int) -> frozenset[tuple[str, ...]]:
    return frozenset(runs_of(words, length))


def same_quotation(one: tuple[str, ...], two: tuple[str, ...]) -> bool:
    """Two quotes share a run of QUOTE_RUN words, or the shorter one (fewer words than that) is inside the other."""
    if not one or not two:
        return False
    short, long = (one, two) if len(one) <= len(two) else (two, one)
    if len(short) < QUOTE_RUN:
        return short in runs_in(long, len(short))
    return not quote_keys(short).isdisjoint(quote_keys(long))


@lru_cache(maxsize=65536)
def url_key(url: str) -> str:
    """One article, however its address was copied: no scheme, www., default port, fragment or tracking."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = urlencode(
        sorted((key, value) for key, value in parse_qsl(parts.query) if not key.lower().startswith(("utm_", "fbclid")))
    )
    return f"{host}{parts.path.rstrip('/')}{'?' + query if query else ''}"


# --- Places ---------------------------------------------------------------------------------------------------------


class Spot(NamedTuple):
    """Where a claim applies, for overlap: a circle (a place or point with its precision) or a named area."""

    lat: float = 0.0
    lon: float = 0.0
    radius_km: float = 0.0
    area: str | None = None


class Geography:
    """Do two claims' locations overlap? Areas are measured in a local equirectangular frame (km)."""

    def __init__(self, places: Mapping[str, Place], areas: Mapping[str, NamedArea]) -> None:
        self.places, self.areas = places, areas
        self._frames: dict[str, tuple[BaseGeometry, float]] = {}
        self._spots: dict[tuple[object, ...], Spot | None] = {}
        self._answers: dict[tuple[Spot, Spot], bool] = {}

    def spot(self, location: Location) -> Spot | None:
        """None when the location names a place or area this dataset does not know."""
        point = location.point
        key = (
            location.place,
            location.area,
            point.lat if point else None,
            point.lon if point else None,
            location.precision_km,
        )
        if key not in self._spots:
            self._spots[key] = self._spot(location)
        return self._spots[key]

    def _spot(self, location: Location) -> Spot | None:
        if location.place is not None:
            place = self.places.get(location.place)
            if place is None:
                return None
            return Spot(place.lat, place.lon, float(location.precision_km or place.precision_km))
        if location.point is not None:
            return Spot(location.point.lat, location.point.lon, float(location.precision_km or 1))
        return Spot(area=location.area) if location.area in self.areas else None

    def overlap(self, one: Spot | None, two: Spot | None) -> bool:
        if one is None or two is None or one == two:
            return True
        key = (one, two)
        if key not in self._answers:
            self._answers[key] = self._answers[(two, one)] = self._overlap(one, two)
        return self._answers[key]

    def _overlap(self, one: Spot, two: Spot) -> bool:
        if one.area is not None and two.area is not None:
            return bool(self.areas[one.area].geometry.intersects(self.areas[two.area].geometry))
        if one.area is not None or two.area is not None:
            area, circle = (one, two) if one.area is not None else (two, one)
            geometry, factor = self._frame(str(area.area))
            point = shapely.Point(circle.lon * factor, circle.lat)
            return bool(geometry.distance(point) * KM_PER_DEGREE <= circle.radius_km)
        return distance_km(one, two) <= one.radius_km + two.radius_km

    def _frame(self, area_id: str) -> tuple[BaseGeometry, float]:
        if area_id not in self._frames:
            self._frames[area_id] = local_frame(self.areas[area_id].geometry)
        return self._frames[area_id]


@lru_cache(maxsize=64)
def local_frame(geometry: BaseGeometry) -> tuple[BaseGeometry, float]:
    """The area with longitudes shrunk by the cosine of its latitude, so degrees measure alike both ways;
    worked out once per area geometry (a form's every check builds a new Geography). Shapes hash and compare by
    their coordinates, so an equal area reuses the frame."""
    factor = math.cos(math.radians(geometry.centroid.y))
    scaled = shapely.affinity.scale(geometry, xfact=factor, yfact=1, origin=(0, 0))
    shapely.prepare(scaled)
    return scaled, factor


def distance_km(one: Spot, two: Spot) -> float:
    """Great-circle distance (haversine)."""
    lat1, lat2 = math.radians(one.lat), math.radians(two.lat)
    dlat, dlon = lat2 - lat1, math.radians(two.lon - one.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


# --- Claims as compared -----------------------------------------------------------------------------------------------


class ReportKey(NamedTuple):
    url: str  # url_key, "" when the report has none
    outlet: str
    day: int  # date ordinal
    date: dt.date


@dataclass
class Profile:
    """What a claim is compared on, worked out once."""

    index: int
    claim: Claim
    root: str
    attribution: tuple[str, str]
    stems: frozenset[str]  # the statement's word stems, less who speaks (see speaker_words)
    numbers: frozenset[str]  # the numbers in the statement
    negated: bool
    quotes: tuple[tuple[str, tuple[str, ...]], ...]  # (as written, its words)
    quote_runs: frozenset[tuple[str, ...]]  # every quote's keys (see quote_keys)
    short_quotes: bool  # has a quote shorter than QUOTE_RUN words
    reports: tuple[ReportKey, ...]
    linked_days: frozenset[tuple[str, int]]  # (url, day) of reports with a URL
    outlet_days: frozenset[tuple[str, int]]  # (outlet, day) of every report
    bare_outlet_days: frozenset[tuple[str, int]]  # (outlet, day) of reports without a URL
    days: frozenset[int]  # the dates of its reports, as ordinals
    start: int
    end: int
    figure: tuple[str, float] | None
    spot: Spot | None
    # set by Comparer.register: the same_as group (Links.group), and ids shared by every claim with the same
    # root, category and statement (words, numbers, figure), and by every claim with the same quotes
    group: str = ""
    wording_id: int = -1
    quote_id: int = -1


def figure_of(claim: Claim) -> tuple[str, float] | None:
    """The figure a claim states, as (quantity, value); None without one."""
    measure = claim.measure
    value = getattr(measure, "value", None)
    if measure is None or not isinstance(value, int | float):
        return None
    return (str(getattr(measure, "quantity", "")), float(value))


def profile_of(
    index: int,
    claim: Claim,
    sources: Mapping[str, Source],
    geography: Geography,
    speakers: Mapping[str, frozenset[str]],
) -> Profile:
    root = root_of(origin_of(claim), sources)
    quotes = tuple((report.quote, words) for report in claim.reports if (words := quote_words(report.quote)))
    reports = tuple(
        ReportKey(url_key(report.url), report.outlet, report.date.toordinal(), report.date) for report in claim.reports
    )
    return Profile(
        index=index,
        claim=claim,
        root=root,
        attribution=(claim.claimant, origin_of(claim)),
        stems=word_stems(claim.statement) - REPORTING - speakers.get(root, frozenset()),
        numbers=numbers_in(claim.statement),
        negated=negated(claim.statement),
        quotes=quotes,
        quote_runs=frozenset(key for _, words in quotes for key in quote_keys(words)),
        short_quotes=any(len(words) < QUOTE_RUN for _, words in quotes),
        reports=reports,
        linked_days=frozenset((report.url, report.day) for report in reports if report.url),
        outlet_days=frozenset((report.outlet, report.day) for report in reports),
        bare_outlet_days=frozenset((report.outlet, report.day) for report in reports if not report.url),
        days=frozenset(report.day for report in reports),
        start=claim.refers_to.start.toordinal(),
        end=claim.refers_to.end.toordinal(),
        figure=figure_of(claim),
        spot=geography.spot(claim.location),
    )


# --- Links an analyst has made ---------------------------------------------------------------------------------------


class Links:
    """The links between claims, with same_as groups: whoever is linked to one member is linked to the group."""

    def __init__(self, claims: Iterable[Claim]) -> None:
        claims = list(claims)
        self.leader: dict[str, str] = {claim.id: claim.id for claim in claims}
        for claim in claims:
            for other in claim.same_as:
                if other in self.leader:
                    first, second = sorted((self.group(claim.id), self.group(other)))
                    self.leader[second] = first
        self.linked: set[tuple[str, str]] = set()
        for claim in claims:
            for other in (*claim.supports, *claim.contradicts):
                if other in self.leader:
                    one, two = self.group(claim.id), self.group(other)
                    self.linked.update({(one, two), (two, one)})

    def group(self, claim_id: str) -> str:
        leader = self.leader.setdefault(claim_id, claim_id)
        while leader != self.leader[leader]:
            self.leader[leader] = self.leader[self.leader[leader]]
            leader = self.leader[leader]
        return leader

    def related(self, one: Profile, two: Profile) -> bool:
        return one.group == two.group or (one.group, two.group) in self.linked

    def judged_distinct(self, one: Profile, two: Profile, report: ReportKey | None) -> bool:
        """Of two linked claims: has the link settled that they are not one claim entered twice?

        Yes, except for a same_as pair of one origin root in one report. same_as says two claims assert
        the same thing: the right link for one origin saying it again (another day, another channel), or
        for two origins saying it. But one origin's words in one report are one statement. Two records of
        it put two markers, two numbers and two cards on the map, let a reader count it twice, and drift
        apart when only one is corrected; the link hides that instead of fixing it. So such a pair is
        still flagged, and the way out is to merge it. A supports or contradicts link between two claims
        of one report is an analyst's judgement that the report holds two different statements, and
        is respected, as is every link between claims of different origins or reports."""
        return not (one.group == two.group and one.root == two.root and report is not None)


# --- Signals and verdicts --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Signal:
    name: str
    remedy: str


SAME_QUOTE = Signal(
    N_("same quote"),
    N_(
        "one sentence is one assertion with one grade: merge them into one claim that carries every report; only if "
        "the sentence asserts two different things keep both, with in each quote the words that say it, and link them"
    ),
)
TWO_ATTRIBUTIONS = Signal(
    N_("one report, two attributions"),
    N_(
        "one statement attributed twice: keep one claim, with the claimant who made it (and `origin` for whose "
        "information it is) and every report; if the report holds two different statements, link them"
    ),
)
SAME_FIGURE = Signal(
    N_("same figure"),
    N_(
        "one figure entered twice, e.g. from a second article: merge them into one claim with every report, "
        "or link them with same_as if the origin stated it again"
    ),
)
SIMILAR_WORDING = Signal(
    N_("same origin, similar wording"),
    N_(
        "one statement entered twice (from a second article, under another claimant of the same body, or at "
        "another area or place): merge them into one claim with every report, or link them with same_as if "
        "the origin said it again"
    ),
)
LINKED_COPY = Signal(
    N_("linked same_as, yet one statement"),
    N_(
        "same_as joins separate statements of one assertion, not two records of one: merge them into one claim "
        "with every report"
    ),
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A signal that matched, and what matched, kept as a phrase: English for the check's report, each reader's
    language on the claim form."""

    signal: Signal
    found: Phrase

    @property
    def detail(self) -> str:
        return self.found.english

    def said_in(self, words: Words) -> str:
        return f"{words.gettext(self.signal.name)}: {self.found.said_in(words)}"

    def __str__(self) -> str:
        return f"{self.signal.name}: {self.detail}"


@dataclass(slots=True)
class Duplicate:
    """Two claims that are probably one, the earlier reported first, with every signal that matched."""

    first: Claim
    second: Claim
    evidence: tuple[Evidence, ...]

    @property
    def signals(self) -> tuple[str, ...]:
        return tuple(item.signal.name for item in self.evidence)

    @property
    def remedy(self) -> str:
        return self.evidence[0].signal.remedy

    def other(self, claim_id: str) -> Claim:
        return self.second if self.first.id == claim_id else self.first

    def problem(self, numbers: Mapping[str, int]) -> str:
        """The warning's text, as `python -m geo.reading.validate` prints it under the first claim."""
        first, second = self.first.id, self.second.id
        found = "; ".join(str(item) for item in self.evidence)
        return (
            f"likely the same claim as {second} (#{numbers.get(first, '?')} and #{numbers.get(second, '?')}: "
            f"{found}); {self.remedy}"
        )


def periods_overlap(one: Profile, two: Profile) -> bool:
    return one.start <= two.end + PERIOD_SLACK_DAYS and two.start <= one.end + PERIOD_SLACK_DAYS


def reported_close(one: Profile, two: Profile, days: int) -> bool:
    return any(abs(first - second) <= days for first in one.days for second in two.days)


def shares_report(one: Profile, two: Profile) -> bool:
    """A report both carry: one URL dated within REPORT_DAYS, or one outlet on one day where a URL is missing."""
    if not one.bare_outlet_days.isdisjoint(two.outlet_days) or not two.bare_outlet_days.isdisjoint(one.outlet_days):
        return True
    return any(
        (url, day + shift) in two.linked_days
        for url, day in one.linked_days
        for shift in range(-REPORT_DAYS, 1 + REPORT_DAYS)
    )


def shared_report(one: Profile, two: Profile) -> ReportKey | None:
    """The report of `one` that `two` carries too (see shares_report)."""
    for mine in one.reports:
        for theirs in two.reports:
            if mine.url and mine.url == theirs.url and abs(mine.day - theirs.day) <= REPORT_DAYS:
                return mine
            if (not mine.url or not theirs.url) and mine.outlet == theirs.outlet and mine.day == theirs.day:
                return mine
    return None


def shared_quote(one: Profile, two: Profile) -> str | None:
    """The quote of `one` whose words `two` quotes too, as written."""
    if not one.quotes or not two.quotes:
        return None
    if one.quote_runs.isdisjoint(two.quote_runs) and not one.short_quotes and not two.short_quotes:
        return None  # the common case, decided by the runs worked out once
    for written, words in one.quotes:
        if any(same_quotation(words, others) for _, others in two.quotes):
            return written
    return None


def same_figure(one: tuple[str, float], two: tuple[str, float]) -> bool:
    if one[0] != two[0]:
        return False
    return abs(one[1] - two[1]) <= max(0.5, FIGURE_TOLERANCE * max(abs(one[1]), abs(two[1])))


def clipped(text: str, size: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else f"{text[: size - 1]}…"


def described(report: ReportKey) -> str:
    return f"{report.outlet}, {report.date.isoformat()}"


def attribution(profile: Profile) -> Phrase | str:
    claimant, origin = profile.attribution
    return (
        claimant
        if claimant == origin
        else Phrase.gettext("{claimant} relaying {origin}", claimant=claimant, origin=origin)
    )


class Comparer:
    """Judges pairs of profiles (see the module's docstring). What depends only on two statements' words or
    two sets of quotes is decided once per distinct pair of them: copies repeat their original's words."""

    def __init__(self, geography: Geography, links: Links) -> None:
        self.geography, self.links = geography, links
        self.wording_ids: dict[tuple[object, ...], int] = {}
        self.quote_ids: dict[tuple[tuple[str, ...], ...], int] = {}
        self.wordings: dict[tuple[int, int], Evidence | None] = {}
        self.quotations: dict[tuple[int, int], Evidence | None] = {}

    def register(self, profile: Profile) -> Profile:
        profile.group = self.links.group(profile.claim.id)
        wording = (
            profile.root,
            profile.stems,
            profile.numbers,
            profile.negated,
            profile.figure,
            profile.claim.category,
        )
        profile.wording_id = self.wording_ids.setdefault(wording, len(self.wording_ids))
        quotes = tuple(words for _, words in profile.quotes)
        profile.quote_id = self.quote_ids.setdefault(quotes, len(self.quote_ids))
        return profile

    def judge(self, one: Profile, two: Profile) -> Duplicate | None:
        """Every signal the pair shows, or None when it is no likely copy."""
        if self.links.related(one, two):
            report = shared_report(one, two) if one.root == two.root else None
            if report is None or self.links.judged_distinct(one, two, report):
                return None
            return verdict(
                one,
                two,
                [
                    Evidence(
                        LINKED_COPY,
                        Phrase.gettext(
                            "one origin ({origin}) in one report ({report})", origin=one.root, report=described(report)
                        ),
                    )
                ],
            )
        evidence: list[Evidence] = []
        periods = periods_overlap(one, two)
        if one.quotes and two.quotes and (periods or reported_close(one, two, QUOTE_DAYS)):
            quotation = self.quotation(one, two)
            if quotation is not None:
                evidence.append(quotation)
        if one.root == two.root:
            same_category = one.claim.category == two.claim.category
            if (
                one.attribution != two.attribution
                and same_category
                and shares_report(one, two)
                and self.geography.overlap(one.spot, two.spot)
            ):
                report = shared_report(one, two)
                assert report is not None
                evidence.append(
                    Evidence(
                        TWO_ATTRIBUTIONS,
                        Phrase.gettext(
                            "one report ({report}) of one origin ({origin}), attributed to {first} and to {second}",
                            report=described(report),
                            origin=one.root,
                            first=attribution(one),
                            second=attribution(two),
                        ),
                    )
                )
            if periods and one.figure is not None and two.figure is not None and same_figure(one.figure, two.figure):
                evidence.append(
                    Evidence(
                        SAME_FIGURE,
                        Phrase.gettext(
                            "one origin ({origin}) gives the same figure ({figure} {quantity}) for overlapping periods",
                            origin=one.root,
                            figure=f"{one.figure[1]:g}",
                            quantity=one.figure[0],
                        ),
                    )
                )
            if periods:
                wording = self.wording(one, two)
                if wording is not None and self.geography.overlap(one.spot, two.spot):
                    evidence.append(wording)
        return verdict(one, two, evidence) if evidence else None

    def quotation(self, one: Profile, two: Profile) -> Evidence | None:
        key = (one.quote_id, two.quote_id)
        if key not in self.quotations:
            quote = shared_quote(one, two)
            self.quotations[key] = (
                None
                if quote is None
                else Evidence(
                    SAME_QUOTE, Phrase.gettext('their reports quote the same words ("{quote}")', quote=clipped(quote))
                )
            )
        return self.quotations[key]

    def wording(self, one: Profile, two: Profile) -> Evidence | None:
        key = (one.wording_id, two.wording_id)
        if key not in self.wordings:
            alike = similar_wording(one, two, one.claim.category == two.claim.category)
            self.wordings[key] = (
                None
                if alike is None
                else Evidence(
                    SIMILAR_WORDING,
                    Phrase.gettext(
                        "one origin ({origin}), overlapping periods and locations, {alike}",
                        origin=one.root,
                        alike=alike,
                    ),
                )
            )
        return self.wordings[key]


def similar_wording(one: Profile, two: Profile, same_category: bool) -> Phrase | None:
    """How alike two statements of one origin are, when alike enough to be one (else None)."""
    shared = len(one.stems & two.stems)
    if shared < MIN_SHARED_STEMS:
        return None
    share = shared / min(len(one.stems), len(two.stems))
    overall = shared / (len(one.stems) + len(two.stems) - shared)
    if share < SIMILAR or (not same_category and overall < NEAR_IDENTICAL):
        return None
    if one.negated != two.negated:
        return None  # a denial of a statement is its contradiction, not its copy
    if one.figure and two.figure and one.figure[0] == two.figure[0] and not same_figure(one.figure, two.figure):
        return None  # two different figures of one quantity are two statements, however alike the words
    if numbers_differ(one.numbers, two.numbers):
        return None
    if same_category:
        return Phrase.gettext("{share} of the shorter statement's words in the other", share=f"{share:.0%}")
    return Phrase.gettext(
        "near-identical wording ({overall} of their words shared) in different categories", overall=f"{overall:.0%}"
    )


def verdict(one: Profile, two: Profile, evidence: list[Evidence]) -> Duplicate:
    first, second = one.claim, two.claim
    if (second.first_reported, second.id) < (first.first_reported, first.id):
        first, second = second, first
    return Duplicate(first, second, tuple(evidence))


# --- Finding the pairs -----------------------------------------------------------------------------------------------

Interval = tuple[int, int, int]  # first day, last day (ordinals), profile index


def period_window(profile: Profile) -> Interval:
    """Two periods overlap (with the slack) exactly when these windows intersect."""
    return (profile.start, profile.end + PERIOD_SLACK_DAYS, profile.index)


def quote_windows(profile: Profile) -> list[Interval]:
    """Two claims about overlapping periods, or reported within QUOTE_DAYS, have intersecting windows here."""
    return [period_window(profile), *((day, day + QUOTE_DAYS, profile.index) for day in profile.days)]


def meeting(left: Iterable[Interval], right: Iterable[Interval] | None = None) -> Iterator[tuple[int, int]]:
    """The pairs of intervals that intersect: within `left`, or between `left` and `right` when given.
    A sweep over the starts: each interval meets the ones still open when it starts."""
    tagged = [(start, end, index, 0) for start, end, index in left]
    if right is not None:
        tagged += [(start, end, index, 1) for start, end, index in right]
    tagged.sort()
    open_: list[list[tuple[int, int]]] = [[], []]  # (end, index) per side
    for start, end, index, side in tagged:
        other = open_[1 - side] if right is not None else open_[0]
        other[:] = [entry for entry in other if entry[0] >= start]
        for _, partner in other:
            yield index, partner
        if right is not None:
            open_[side][:] = [entry for entry in open_[side] if entry[0] >= start]
        open_[side].append((end, index))


@dataclass
class Finder:
    """The candidate pairs of a set of claims, from indexes; `judge` decides each."""

    profiles: list[Profile]
    comparer: Comparer
    candidates: set[tuple[int, int]] = field(default_factory=set)

    def add(self, pairs: Iterable[tuple[int, int]]) -> None:
        for one, two in pairs:
            if one != two:
                self.candidates.add((one, two) if one < two else (two, one))

    def by_report(self) -> None:
        """Claims of one origin root carrying one report: one URL within REPORT_DAYS, or one outlet on one day
        where a URL is missing (only the two-attributions and linked-copy signals need a shared report)."""
        by_url: dict[tuple[str, str], list[Interval]] = defaultdict(list)
        by_outlet: dict[tuple[str, str, int], list[tuple[bool, int]]] = defaultdict(list)
        for profile in self.profiles:
            for url, day in profile.linked_days:
                by_url[(profile.root, url)].append((day, day + REPORT_DAYS, profile.index))
            for report in profile.reports:
                by_outlet[(profile.root, report.outlet, report.day)].append((bool(report.url), profile.index))
        for windows in by_url.values():
            self.add(meeting(windows))
        for entries in by_outlet.values():
            bare = [index for has_url, index in entries if not has_url]
            if bare:
                self.add((one, two) for one in bare for _, two in entries)

    def by_quote(self) -> None:
        """Claims whose quotes share words: distinct quotes are matched first, then their holders by time."""
        holders: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for profile in self.profiles:
            for words in {words for _, words in profile.quotes}:
                holders[words].append(profile.index)
        by_key: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
        for words in holders:
            for key in quote_keys(words):
                by_key[key].append(words)
        matched: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
        for quotes in by_key.values():
            matched.update((one, two) for one in quotes for two in quotes if one <= two)
        short_lengths = {len(words) for words in holders if len(words) < QUOTE_RUN}
        for words in holders:  # a short quote inside a longer one
            for length in short_lengths:
                if length < len(words):
                    for run in runs_of(words, length):
                        if run in holders:
                            matched.add((run, words) if run <= words else (words, run))
        for one, two in matched:
            left = [window for index in holders[one] for window in quote_windows(self.profiles[index])]
            if one == two:
                self.add(meeting(left))
            else:
                right = [window for index in holders[two] for window in quote_windows(self.profiles[index])]
                self.add(meeting(left, right))

    def by_figure(self) -> None:
        """Claims of one origin root stating a figure of one quantity about overlapping periods."""
        groups: dict[tuple[str, str], list[Interval]] = defaultdict(list)
        for profile in self.profiles:
            if profile.figure is not None:
                groups[(profile.root, profile.figure[0])].append(period_window(profile))
        for windows in groups.values():
            self.add(meeting(windows))

    def by_wording(self) -> None:
        """Claims of one origin root whose statements share at least SIMILAR of the shorter one's stems, about
        overlapping periods. Alike statements are found first (each distinct one once), by prefix filtering:
        if two stem sets share at least SIMILAR of the smaller one, then the smaller one's rarest
        len - ceil(SIMILAR * len) + 1 stems include one of the larger one's."""
        holders: dict[tuple[str, frozenset[str]], list[int]] = defaultdict(list)
        for profile in self.profiles:
            if len(profile.stems) >= MIN_SHARED_STEMS:
                holders[(profile.root, profile.stems)].append(profile.index)
        frequency: dict[str, int] = defaultdict(int)
        for _, stems in holders:
            for stem in stems:
                frequency[stem] += 1
        index: dict[tuple[str, str], list[tuple[str, frozenset[str]]]] = defaultdict(list)
        for key in holders:
            for stem in key[1]:
                index[(key[0], stem)].append(key)
        alike: set[tuple[tuple[str, frozenset[str]], tuple[str, frozenset[str]]]] = set()
        for key in holders:
            root, stems = key
            size = len(stems)
            rarest = sorted(stems, key=lambda stem: (frequency[stem], stem))
            for stem in rarest[: size - math.ceil(SIMILAR * size - 1e-9) + 1]:
                for other in index[(root, stem)]:
                    if len(other[1]) >= size and len(stems & other[1]) >= max(MIN_SHARED_STEMS, SIMILAR * size - 1e-9):
                        alike.add((key, other))
        for key in holders:
            alike.add((key, key))
        for one, two in alike:
            left = [period_window(self.profiles[index]) for index in holders[one]]
            if one == two:
                self.add(meeting(left))
            else:
                self.add(meeting(left, [period_window(self.profiles[index]) for index in holders[two]]))

    def duplicates(self) -> list[Duplicate]:
        self.by_report()
        self.by_quote()
        self.by_figure()
        self.by_wording()
        found = []
        for one, two in self.candidates:
            duplicate = self.comparer.judge(self.profiles[one], self.profiles[two])
            if duplicate is not None:
                found.append(duplicate)
        return sorted(found, key=lambda item: (item.first.first_reported, item.first.id, item.second.id))


def find_duplicates(
    claims: Iterable[Claim],
    sources: Mapping[str, Source],
    places: Mapping[str, Place],
    areas: Mapping[str, NamedArea],
) -> list[Duplicate]:
    """Every pair of claims that is probably one claim entered twice, each once, oldest first."""
    claims = list(claims)
    geography, speakers = Geography(places, areas), speaker_words(sources)
    live = [claim for claim in claims if claim.retraction is None]
    comparer = Comparer(geography, Links(claims))
    profiles = [
        comparer.register(profile_of(index, claim, sources, geography, speakers)) for index, claim in enumerate(live)
    ]
    return Finder(profiles, comparer).duplicates()


def likely_duplicates(dataset: Dataset) -> list[Duplicate]:
    """The dataset's likely duplicates (geo.reading.validate prints them as warnings)."""
    return find_duplicates(dataset.claims, dataset.sources, dataset.places, dataset.areas)


def duplicate_matches(claim: Claim, dataset: Dataset, *, replacing: str | None = None) -> list[Duplicate]:
    """The stored claims a new or edited claim is likely a copy of, the likeliest first, with why: pointed out
    before it is saved.

    One claim against all others needs no index, only a first look at dates: every signal needs the periods
    to overlap or the reports to be close in time (a shared report or quote), so the others are worked out
    in full only when one of those holds."""
    if claim.retraction is not None:
        return []
    others = [other for other in dataset.claims if other.id not in {claim.id, replacing}]
    geography, speakers = Geography(dataset.places, dataset.areas), speaker_words(dataset.sources)
    comparer = Comparer(geography, Links([*others, claim]))
    mine = comparer.register(profile_of(-1, claim, dataset.sources, geography, speakers))
    near = max(QUOTE_DAYS, REPORT_DAYS)
    first_day, last_day = min(mine.days) - near, max(mine.days) + near
    found = []
    for index, other in enumerate(others):
        if other.retraction is not None:
            continue
        start, end = other.refers_to.start.toordinal(), other.refers_to.end.toordinal()
        if not (mine.start <= end + PERIOD_SLACK_DAYS and start <= mine.end + PERIOD_SLACK_DAYS) and not any(
            first_day <= report.date.toordinal() <= last_day for report in other.reports
        ):
            continue
        duplicate = comparer.judge(
            mine, comparer.register(profile_of(index, other, dataset.sources, geography, speakers))
        )
        if duplicate is not None:
            found.append(duplicate)
    return sorted(found, key=lambda match: -len(match.evidence))  # the likeliest (most signals) first


def duplicates_of(claim: Claim, dataset: Dataset, *, replacing: str | None = None) -> list[Claim]:
    """The stored claims a new or edited claim is likely a copy of."""
    return [match.other(claim.id) for match in duplicate_matches(claim, dataset, replacing=replacing)]
