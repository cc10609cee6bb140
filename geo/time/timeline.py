"""Dates: which front snapshot and which claims belong to a chosen date."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from geo.model.records import Claim
from geo.reading.loading import FrontSnapshot

RELEVANCE_WINDOW = dt.timedelta(days=90)
"""A claim stays on the map while what it describes is at most this old."""


def timeline_dates(fronts: Iterable[FrontSnapshot], claims: Iterable[Claim]) -> list[dt.date]:
    """Every front snapshot date plus every date a claim was first reported, in order.

    Claim dates are included so that 'what was shown on the day of the report' is one step.
    """
    dates = {snapshot.date for snapshot in fronts} | {claim.first_reported for claim in claims}
    return sorted(dates)


def by_layer(fronts: Iterable[FrontSnapshot]) -> dict[str, list[FrontSnapshot]]:
    """Snapshots grouped by layer, oldest first; Kursk layers before context layers, then by id."""
    layers: dict[str, list[FrontSnapshot]] = defaultdict(list)
    for snapshot in sorted(fronts, key=lambda snapshot: snapshot.date):
        layers[snapshot.layer].append(snapshot)
    return dict(sorted(layers.items(), key=lambda item: (item[1][0].context, item[0])))


def latest_on_or_before(snapshots: list[FrontSnapshot], on: dt.date) -> FrontSnapshot | None:
    """The newest of a layer's snapshots (oldest first) on or before the date."""
    earlier = [snapshot for snapshot in snapshots if snapshot.date <= on]
    return earlier[-1] if earlier else None


def latest_snapshots(fronts: Iterable[FrontSnapshot], on: dt.date) -> dict[str, FrontSnapshot]:
    """For each layer, the newest snapshot on or before the date (none if it had not begun)."""
    chosen = {layer: latest_on_or_before(snapshots, on) for layer, snapshots in by_layer(fronts).items()}
    return {layer: snapshot for layer, snapshot in chosen.items() if snapshot is not None}


def is_visible(claim: Claim, on: dt.date) -> bool:
    """Reported by the date, and about a time that ended no more than the window before it."""
    return claim.first_reported <= on and claim.refers_to.end >= on - RELEVANCE_WINDOW


def known_by(claims: Iterable[Claim], on: dt.date) -> list[Claim]:
    """Everything reported by the date, whatever it is about: 'what we knew then'."""
    shown = [claim for claim in claims if claim.first_reported <= on]
    return sorted(shown, key=lambda claim: (claim.first_reported, claim.id), reverse=True)


def visible_claims(claims: Iterable[Claim], on: dt.date) -> list[Claim]:
    """Claims to list and draw on a date, newest report first."""
    shown = [claim for claim in claims if is_visible(claim, on)]
    return sorted(shown, key=lambda claim: (claim.first_reported, claim.id), reverse=True)


def nearest_date(options: list[dt.date], wanted: dt.date) -> dt.date:
    """The latest option on or before the wanted date, else the first option."""
    earlier = [option for option in options if option <= wanted]
    return earlier[-1] if earlier else options[0]
