"""Figures compared by value: whether two claims' numbers agree is computed, never linked by hand.

Each figure is an interval from its value and its qualifier, widened by a stated tolerance;
two figures of one quantity whose dates lie at most `SAME_DATE` (per quantity) apart agree when their
intervals overlap and contradict when they do not. A peak figure is one number for the whole
case, so peak figures are compared whatever their dates.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from geo.model.records import Claim, Measure

EXACT_TOLERANCE = 0.05
"""An exact figure from a map or a count still carries method error: ±5 %."""
ABOUT_TOLERANCE = 0.10
""""About 1,000": ±10 %."""
OVER_REACH = 0.20
""""Over 420" is read as 420 to 20 % above it, "under" as up to 20 % below: no one says "over 420"
of 1,000."""
SAME_DATE = {"ua-held-area-km2": dt.timedelta(days=1), "nk-casualties": dt.timedelta(days=7)}
"""How far apart two figures' dates may be and still describe one state of a moving quantity: a front moves
tens of km² a day, so one day; casualty totals change by a few per cent a week, so seven."""
TIMELESS = {"ua-held-area-peak-km2", "nk-troops-first-deployment"}
"""Quantities that describe one past state whenever they are stated: the salient at its largest, the size of
North Korea's first deployment (autumn 2024; the second wave of 2025 is another quantity)."""


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high


def interval(measure: Measure) -> Interval:
    """The values the figure allows, tolerance included."""
    value = measure.value
    if measure.qualifier == "about":
        return Interval(value * (1 - ABOUT_TOLERANCE), value * (1 + ABOUT_TOLERANCE))
    if measure.qualifier == "over":
        return Interval(value, value * (1 + OVER_REACH))
    if measure.qualifier == "under":
        return Interval(value * (1 - OVER_REACH), value)
    if measure.qualifier == "range":
        assert measure.high is not None
        return Interval(value * (1 - EXACT_TOLERANCE), measure.high * (1 + EXACT_TOLERANCE))
    return Interval(value * (1 - EXACT_TOLERANCE), value * (1 + EXACT_TOLERANCE))


def as_of(claim: Claim) -> dt.date:
    """The day a figure describes: the last day of the period the claim is about."""
    return claim.refers_to.end


def same_quantity(first: Claim, second: Claim) -> bool:
    return (
        first.measure is not None and second.measure is not None and first.measure.quantity == second.measure.quantity
    )


def comparable(first: Claim, second: Claim) -> bool:
    """One quantity and one date (or a peak), and neither worked out from the other."""
    one, two = first.measure, second.measure
    if one is None or two is None or one.quantity != two.quantity:
        return False
    if one.derived_from == second.id or two.derived_from == first.id:
        return False
    return one.quantity in TIMELESS or abs(as_of(first) - as_of(second)) <= SAME_DATE[one.quantity]


@dataclass(frozen=True)
class FigureLinks:
    """Which claims' figures agree and which contradict, as computed from their values."""

    agree: frozenset[tuple[str, str]]
    contradict: frozenset[tuple[str, str]]


def figure_links(claims: Iterable[Claim]) -> FigureLinks:
    """Every comparable pair, once, in id order: sorted by quantity and date so that only
    neighbours in time are compared (10,000 figures stay fast)."""
    by_quantity: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.measure is not None:
            by_quantity[claim.measure.quantity].append(claim)
    agree: set[tuple[str, str]] = set()
    contradict: set[tuple[str, str]] = set()
    for quantity, figures in by_quantity.items():
        figures.sort(key=as_of)
        for index, first in enumerate(figures):
            for second in figures[index + 1 :]:
                if quantity not in TIMELESS and as_of(second) - as_of(first) > SAME_DATE[quantity]:
                    break
                if not comparable(first, second):
                    continue
                assert first.measure is not None and second.measure is not None
                pair = (min(first.id, second.id), max(first.id, second.id))
                overlap = interval(first.measure).overlaps(interval(second.measure))
                (agree if overlap else contradict).add(pair)
    return FigureLinks(frozenset(agree), frozenset(contradict))
