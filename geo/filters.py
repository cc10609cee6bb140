"""Which claims the panel and the map show: side, category, confidence, status and text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from geo.confidence import ConfidenceLevel, Status
from geo.grading import Grade, origin_of
from geo.model import Affiliation, Category, Claim, Source


@dataclass(frozen=True)
class ClaimFilter:
    """Empty sets mean 'any'; the default filter lets every claim through."""

    sides: frozenset[Affiliation] = field(default_factory=frozenset)
    categories: frozenset[Category] = field(default_factory=frozenset)
    min_confidence: ConfidenceLevel | None = None
    statuses: frozenset[Status] = field(default_factory=frozenset)
    text: str = ""

    def matches(self, claim: Claim, grade: Grade, sources: Mapping[str, Source]) -> bool:
        origin = origin_of(claim)
        side = sources[origin].affiliation if origin in sources else Affiliation.INDEPENDENT
        if self.sides and side not in self.sides:
            return False
        if self.categories and claim.category not in self.categories:
            return False
        if self.min_confidence and grade.confidence.rank < self.min_confidence.rank:
            return False
        if self.statuses and grade.status not in self.statuses:
            return False
        return not self.text.strip() or all(
            word in searchable_text(claim, sources) for word in self.text.lower().split()
        )


def searchable_text(claim: Claim, sources: Mapping[str, Source]) -> str:
    """Statement, people and outlets, lower-cased: what a viewer would type to find a claim."""
    names = [
        sources[source_id].name
        for source_id in [claim.claimant, *(report.outlet for report in claim.reports)]
        if source_id in sources
    ]
    parts = [
        claim.statement,
        claim.location.place or "",
        claim.location.note,
        claim.analyst_note,
        *names,
        *(report.via for report in claim.reports),
        *(report.title for report in claim.reports),
    ]
    return " ".join(parts).lower()


def apply(
    claims: list[Claim], grades: Mapping[str, Grade], sources: Mapping[str, Source], claim_filter: ClaimFilter
) -> list[Claim]:
    return [claim for claim in claims if claim_filter.matches(claim, grades[claim.id], sources)]


def pass_once_followed(
    claims: list[Claim],
    on: dt.date,
    at_date: set[str],
    grades_on: Callable[[dt.date], Mapping[str, Grade]],
    sources: Mapping[str, Source],
    claim_filter: ClaimFilter,
) -> set[str]:
    """Claims a link between claims can select without clearing the filters.

    A linked claim the date already covers (`at_date`) is judged by the grades on that date;
    any other is reached by moving the date to its first report, so it is judged by the grades
    in force then. With "Known then" on those differ from today's grades.
    """

    def day_shown(claim: Claim) -> dt.date:
        return on if claim.id in at_date else claim.first_reported

    return {claim.id for claim in claims if claim_filter.matches(claim, grades_on(day_shown(claim))[claim.id], sources)}
