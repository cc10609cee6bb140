"""Which claims the panel and the map show: side, category, confidence, status and text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from geo.grading.rule import Grade, origin_of
from geo.model.confidence import ConfidenceLevel, Status
from geo.model.records import Affiliation, Category, Claim
from geo.selection.search import SearchIndex


@dataclass(frozen=True)
class ClaimFilter:
    """Empty sets mean 'any'; the default filter lets every claim through."""

    sides: frozenset[Affiliation] = field(default_factory=frozenset)
    categories: frozenset[Category] = field(default_factory=frozenset)
    min_confidence: ConfidenceLevel | None = None
    statuses: frozenset[Status] = field(default_factory=frozenset)
    text: str = ""

    def matches(self, claim: Claim, grade: Grade, index: SearchIndex) -> bool:
        origin = origin_of(claim)
        sources = index.sources
        side = sources[origin].affiliation if origin in sources else Affiliation.INDEPENDENT
        if self.sides and side not in self.sides:
            return False
        if self.categories and claim.category not in self.categories:
            return False
        if self.min_confidence and grade.confidence.rank < self.min_confidence.rank:
            return False
        if self.statuses and grade.status not in self.statuses:
            return False
        return not self.text.strip() or index.matches(claim, self.text)


def apply(
    claims: list[Claim], grades: Mapping[str, Grade], index: SearchIndex, claim_filter: ClaimFilter
) -> list[Claim]:
    return [claim for claim in claims if claim_filter.matches(claim, grades[claim.id], index)]


def pass_once_followed(
    claims: list[Claim],
    on: dt.date,
    at_date: set[str],
    grades_on: Callable[[dt.date], Mapping[str, Grade]],
    index: SearchIndex,
    claim_filter: ClaimFilter,
) -> set[str]:
    """Claims a link between claims can select without clearing the filters.

    A linked claim the date already covers (`at_date`) is judged by the grades on that date;
    any other is reached by moving the date to its first report, so it is judged by the grades
    in force then. With "Known then" on those differ from today's grades.
    """

    def day_shown(claim: Claim) -> dt.date:
        return on if claim.id in at_date else claim.first_reported

    return {claim.id for claim in claims if claim_filter.matches(claim, grades_on(day_shown(claim))[claim.id], index)}
