"""Map overlays for one date: where two sources disagree, and what changed since the last snapshot.

Sent with the view for the chosen date only (a few kB), never embedded in the base map.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from shapely.geometry.base import BaseGeometry

from components.map.payload import rounded_geometry
from components.map.protocol import AnalysisFeature
from geo.model.claim_text import day
from geo.reading.loading import FrontSnapshot
from geo.time.front_changes import (
    HELD_LAYER,
    IMPLIED_LAYER,
    SIDE_WORDS,
    Change,
    comparable_pairs,
    disagreement,
    implied_held,
    in_whose_favour,
)
from geo.time.timeline import by_layer, latest_on_or_before


@dataclass(frozen=True)
class FrontHistory:
    """The fronts' history an overlay draws from: every layer's snapshots (the ISW-implied series among them) and
    a layer's change up to one of its snapshot dates, worked out when a date asks for it, not for every pair."""

    layers: dict[str, list[FrontSnapshot]]
    change_until: Callable[[str, dt.date], Change | None]

    @property
    def implied(self) -> list[FrontSnapshot]:
        return self.layers.get(IMPLIED_LAYER, [])

    def pairs(self) -> list[tuple[str, str]]:
        """The pairs of layers Compare can set side by side, mapsite against the ISW-implied area first."""
        return comparable_pairs(self.layers)


def history_of(fronts: list[FrontSnapshot], change: Callable[[str, dt.date], Change | None]) -> FrontHistory:
    """The layers as the loader gave them, the ISW-implied series beside them, changes asked of `change`."""
    implied = implied_held(fronts)
    return FrontHistory({**by_layer(fronts), **({IMPLIED_LAYER: implied} if implied else {})}, change)


SHORT_NAMES = {HELD_LAYER: "mapsite", IMPLIED_LAYER: "ISW-implied"}


def pair_words(history: FrontHistory, pair: tuple[str, str]) -> str:
    """A pair as the picker names it."""
    first, second = (history.layers[layer][0] for layer in pair)
    return f"{SHORT_NAMES.get(first.layer, first.label)} vs {SHORT_NAMES.get(second.layer, second.label)}"


def feature(
    kind: str, geometry: BaseGeometry, title: str, *lines: str, context: bool = False
) -> AnalysisFeature | None:
    """One overlay shape; its tooltip is plain text (a title and lines) that the browser lays out."""
    if geometry.is_empty:
        return None
    return {
        "type": "Feature",
        "geometry": rounded_geometry(geometry),
        "properties": {"kind": kind, "title": title, "lines": list(lines), "context": context},
    }


def as_of(snapshot: FrontSnapshot, dated: bool) -> str:
    """A compared layer by its short name, with its snapshot's date when the two compared differ in it."""
    name = SHORT_NAMES.get(snapshot.layer, snapshot.label)
    return f"{name} (as of {day(snapshot.date)})" if dated else name


def comparison(history: FrontHistory, on: dt.date, pair: tuple[str, str]) -> tuple[list[AnalysisFeature], list[str]]:
    """Where two layers, each at its latest snapshot on or before the date, disagree on what one side holds."""
    first = latest_on_or_before(history.layers.get(pair[0], []), on)
    second = latest_on_or_before(history.layers.get(pair[1], []), on)
    if first is None or second is None:
        side = next((snapshots[0].side for layer in pair if (snapshots := history.layers.get(layer))), "UA")
        return [], [f"No two sources map the {SIDE_WORDS[side]}-held area on or before this date."]
    result = disagreement(first, second)
    held = f"{SIDE_WORDS[first.side]}-held"
    dated = first.date != second.date
    first_words, second_words = as_of(first, dated), as_of(second, dated)
    features = [
        feature(
            "implied",
            second.geometry,
            second.label,
            f"as of {day(second.date)} · {second.area_km2:,.0f} km²",
            second.caveat,
            context=second.context,
        ),
        feature(
            "only-first",
            result.only_first,
            f"{held} only in {first_words}: {result.only_first_km2:,.0f} km²",
            context=first.context,
        ),
        feature(
            "only-second",
            result.only_second,
            f"{held} only in {second_words}: {result.only_second_km2:,.0f} km²",
            context=second.context,
        ),
    ]
    first_all, second_all = (
        f"{SHORT_NAMES.get(snapshot.layer, snapshot.label)} ({f'as of {day(snapshot.date)}, ' if dated else ''}"
        f"{snapshot.area_km2:,.0f} km² in all)"
        for snapshot in (first, second)
    )
    caption = (
        f"Sources disagree on {result.total_km2:,.0f} km² of the {held} area"
        f"{'' if dated else f' as of {day(first.date)}'}: {result.only_first_km2:,.0f} km² only in {first_all}, "
        f"{result.only_second_km2:,.0f} km² only in {second_all}."
    )
    if first.clipped_by != second.clipped_by:
        cuts = [f"{as_of(snapshot, False)}: {snapshot.clipped_by or 'as drawn'}" for snapshot in (first, second)]
        caption += (
            f" The two are cut to different areas ({'; '.join(cuts)}): part of the difference is where each stops."
        )
    return [item for item in features if item], [caption]


def changes_since_previous(history: FrontHistory, on: dt.date) -> tuple[list[AnalysisFeature], list[str]]:
    """Each layer's change up to its latest snapshot on or before the date, and in whose favour it is."""
    features, lines = [], []
    for layer, snapshots in history.layers.items():
        current = latest_on_or_before(snapshots, on)
        found = history.change_until(layer, current.date) if current and layer != IMPLIED_LAYER else None
        if current is None or found is None:
            continue
        between = f"between {day(found.since)} and {day(found.until)}"
        side = SIDE_WORDS[current.side]
        features += [
            feature(
                "gained",
                found.gained,
                current.label,
                f"{side}-held area gained {found.gained_km2:,.1f} km² {between}: a {side} gain",
                context=current.context,
            ),
            feature(
                "lost",
                found.lost,
                current.label,
                f"{side}-held area lost {found.lost_km2:,.1f} km² {between}: a {side} loss",
                context=current.context,
            ),
        ]
        lines.append(
            f"{current.label} ({side}-held): {day(found.since)} → {day(found.until)}: +{found.gained_km2:,.1f} km² "
            f"gained, −{found.lost_km2:,.1f} km² lost, "
            f"{in_whose_favour(current.side, found.gained_km2, found.lost_km2)}"
        )
    return [item for item in features if item], lines


def analysis_overlay(
    history: FrontHistory, on: dt.date, compare: tuple[str, str] | None, show_change: bool
) -> tuple[dict[str, Any] | None, list[str]]:
    """The overlay to send to the map and the sentences that count it, for the panel: Compare sets the pair of
    layers `compare` names side by side (None: off), Change draws each layer's change since its snapshot before."""
    features: list[AnalysisFeature] = []
    lines: list[str] = []
    if compare is not None:
        more, words = comparison(history, on, compare)
        features += more
        lines += words
    if show_change:
        more, words = changes_since_previous(history, on)
        features += more
        lines += words
    overlay = {"type": "FeatureCollection", "features": features} if features else None
    return overlay, lines
