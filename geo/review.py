"""Checks an analyst runs before publishing a bundle: warnings, not errors, since each needs a judgement.

- likely duplicates: one origin, reports within a day, the same category and location, and
  statements that share most of their words;
- claims that have no number in the data yet (their number is given at load, and would
  shift if an earlier claim were added without one too).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from anyascii import anyascii

from geo.dataset import Dataset
from geo.grading import origin_of as origin_of_claim
from geo.grading import root_of
from geo.model import Claim, Source

SAME_WORDS = 0.5  # share of the shorter statement's words the other must have too
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
        "not",
        "no",
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


@dataclass(frozen=True)
class ReviewNote:
    record: str
    problem: str

    def __str__(self) -> str:
        return f"warning: {self.record}: {self.problem}"


def word_stems(text: str) -> set[str]:
    """Lower-case ASCII word beginnings: 'liberated' and 'liberation' meet, Cyrillic is transliterated."""
    return {word[:5] for word in re.findall(r"[a-z0-9]+", anyascii(text).lower()) if word not in STOP_WORDS}


def shared_words(first: str, second: str) -> float:
    one, two = word_stems(first), word_stems(second)
    return len(one & two) / max(1, min(len(one), len(two)))


def where(claim: Claim) -> tuple[str, str]:
    location = claim.location
    if location.place is not None:
        return ("place", location.place)
    if location.area is not None:
        return ("area", location.area)
    assert location.point is not None
    return ("point", f"{location.point.lat:.2f},{location.point.lon:.2f}")


def bucket_of(claim: Claim, sources: dict[str, Source]) -> tuple[str, str, tuple[str, str]]:
    """Only claims sharing an origin, a category and a location can be one claim entered twice."""
    return (root_of(origin_of_claim(claim), sources), claim.category.value, where(claim))


def likely_same(first: Claim, second: Claim) -> bool:
    """Two claims of one bucket that probably are one: reported within a day, similar words, not yet linked."""
    if abs((second.first_reported - first.first_reported).days) > 1:
        return False
    if first.measure and second.measure and first.measure.value != second.measure.value:
        return False
    if {second.id, first.id} & {*first.same_as, *first.supports, *second.same_as, *second.supports}:
        return False  # already related by an analyst
    return shared_words(first.statement, second.statement) >= SAME_WORDS


def likely_duplicates(dataset: Dataset) -> Iterator[ReviewNote]:
    """Pairs that probably are one claim entered twice; compared only within (origin, category, location)."""
    buckets: dict[tuple[str, str, tuple[str, str]], list[Claim]] = defaultdict(list)
    for claim in dataset.claims:
        buckets[bucket_of(claim, dataset.sources)].append(claim)
    numbers = dataset.numbers
    for bucket in buckets.values():
        for first, second in combinations(sorted(bucket, key=lambda claim: claim.first_reported), 2):
            if likely_same(first, second):
                yield ReviewNote(
                    first.id,
                    f"likely the same claim as {second.id} (#{numbers[first.id]} and #{numbers[second.id]}: "
                    "one origin, reported within a day, same category and location, similar statement); "
                    "merge them into one claim with all their reports, or link them with same_as",
                )


def duplicates_of(claim: Claim, dataset: Dataset) -> list[Claim]:
    """The stored claims a new or edited claim is likely a copy of: pointed out before it is saved."""
    bucket = bucket_of(claim, dataset.sources)
    return [
        other
        for other in dataset.claims
        if other.id != claim.id and bucket_of(other, dataset.sources) == bucket and likely_same(claim, other)
    ]


def unnumbered(dataset: Dataset) -> Iterator[ReviewNote]:
    missing = [claim for claim in dataset.by_report if claim.number is None]
    if missing:
        yield ReviewNote(
            f"{len(missing)} claim(s)",
            f"no number in the data yet ({', '.join(claim.id for claim in missing[:5])}"
            f"{', …' if len(missing) > 5 else ''}); run with --write-numbers to keep the numbers they have now",
        )


def warnings(dataset: Dataset) -> list[ReviewNote]:
    return [*likely_duplicates(dataset), *unnumbered(dataset)]


CLAIM_START = re.compile(r"^(?P<indent>\s*)- id: (?P<id>[a-z0-9-]+)\s*$")


def write_numbers(dataset: Dataset, claims_dir: Path) -> int:
    """Write each unnumbered claim's number under its id in the YAML files, leaving every other line as it is."""
    wanted = {claim.id: dataset.numbers[claim.id] for claim in dataset.claims if claim.number is None}
    written = 0
    for path in sorted(claims_dir.glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        out = []
        for line in lines:
            out.append(line)
            match = CLAIM_START.match(line)
            if match and match["id"] in wanted:
                out.append(f"{match['indent']}  number: {wanted.pop(match['id'])}\n")
                written += 1
        if len(out) != len(lines):
            path.write_text("".join(out), encoding="utf-8")
    return written
