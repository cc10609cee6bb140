"""Map overlays for one date: where two sources disagree, and what changed since the last snapshot.

Sent with the view for the chosen date only (a few kB), never embedded in the base map.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from shapely.geometry.base import BaseGeometry

from components.map.payload import rounded_geometry
from components.map.protocol import AnalysisFeature
from geo.model.claim_text import day
from geo.reading.dataset import Dataset
from geo.reading.loading import FrontSnapshot
from geo.time.front_changes import HELD_LAYER, Change, disagreement
from geo.time.timeline import by_layer, latest_on_or_before


@dataclass(frozen=True)
class FrontHistory:
    """The fronts' history an overlay draws from: changes between snapshots, and the ISW-implied series."""

    changes: dict[tuple[str, dt.date], Change]
    implied: list[FrontSnapshot]


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


def comparison(data: Dataset, history: FrontHistory, on: dt.date) -> tuple[list[AnalysisFeature], list[str]]:
    held = latest_on_or_before(by_layer(data.fronts).get(HELD_LAYER, []), on)
    implied = latest_on_or_before(history.implied, on)
    if held is None or implied is None:
        return [], ["No two sources map the Ukrainian-held area on or before this date."]
    result = disagreement(held, implied)
    first, second = f"mapsite, as of {day(held.date)}", f"ISW-implied, as of {day(implied.date)}"
    features = [
        feature(
            "implied",
            implied.geometry,
            "Ukrainian-held area implied by ISW",
            f"as of {day(implied.date)} · {implied.area_km2:,.0f} km²",
            implied.caveat,
        ),
        feature("only-first", result.only_first, f"Held only in the {first} layer: {result.only_first_km2:,.0f} km²"),
        feature(
            "only-second", result.only_second, f"Held only in the {second} area: {result.only_second_km2:,.0f} km²"
        ),
    ]
    caption = (
        f"Sources disagree on {result.total_km2:,.0f} km²: {result.only_first_km2:,.0f} km² held only in "
        f"the {first} layer ({held.area_km2:,.0f} km² in all), {result.only_second_km2:,.0f} km² only in the "
        f"{second} area ({implied.area_km2:,.0f} km² in all)."
    )
    return [item for item in features if item], [caption]


def changes_since_previous(
    data: Dataset, history: FrontHistory, on: dt.date
) -> tuple[list[AnalysisFeature], list[str]]:
    features, lines = [], []
    for layer, snapshots in by_layer(data.fronts).items():
        current = latest_on_or_before(snapshots, on)
        found = history.changes.get((layer, current.date)) if current else None
        if current is None or found is None:
            continue
        between = f"between {day(found.since)} and {day(found.until)}"
        features += [
            feature(
                "gained",
                found.gained,
                current.label,
                f"gained {found.gained_km2:,.1f} km² {between}",
                context=current.context,
            ),
            feature(
                "lost", found.lost, current.label, f"lost {found.lost_km2:,.1f} km² {between}", context=current.context
            ),
        ]
        lines.append(
            f"{current.label}: {day(found.since)} → {day(found.until)}: +{found.gained_km2:,.1f} km² "
            f"gained, −{found.lost_km2:,.1f} km² lost"
        )
    return [item for item in features if item], lines


def analysis_overlay(
    data: Dataset, history: FrontHistory, on: dt.date, compare: bool, show_change: bool
) -> tuple[dict[str, Any] | None, list[str]]:
    """The overlay to send to the map and the sentences that count it, for the panel."""
    features: list[AnalysisFeature] = []
    lines: list[str] = []
    for wanted, build in ((compare, comparison), (show_change, changes_since_previous)):
        if wanted:
            more, words = build(data, history, on)
            features += more
            lines += words
    overlay = {"type": "FeatureCollection", "features": features} if features else None
    return overlay, lines
