"""Map overlays for one date: where two sources disagree, and what changed since the last snapshot.

Sent with the view for the chosen date only (a few kB), never embedded in the base map.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import shapely
import streamlit as st

from components.cache import FrontHistory, dataset, front_history
from components.escaping import html_text
from components.map_payload import day, rounded_geometry
from geo.dataset import Dataset
from geo.front_changes import HELD_LAYER, disagreement
from geo.timeline import by_layer, latest_on_or_before

ANALYSIS_KINDS = {  # kind → legend words; styles live in static/kursk_map.js
    "implied": "ISW-implied Ukrainian-held area (outline)",
    "only-first": "held only in the mapsite layer",
    "only-second": "held only in the ISW-implied area",
    "gained": "gained since the previous snapshot",
    "lost": "lost since the previous snapshot",
}


def feature(kind: str, geometry: shapely.Geometry, tooltip: str) -> dict[str, Any] | None:
    if geometry.is_empty:
        return None
    return {"type": "Feature", "geometry": rounded_geometry(geometry),
            "properties": {"kind": kind, "tooltip": tooltip}}


def comparison(data: Dataset, history: FrontHistory, on: dt.date) -> tuple[list[dict[str, Any]], list[str]]:
    held = latest_on_or_before(by_layer(data.fronts).get(HELD_LAYER, []), on)
    implied = latest_on_or_before(history.implied, on)
    if held is None or implied is None:
        return [], ["No two sources map the Ukrainian-held area on or before this date."]
    result = disagreement(held, implied)
    first, second = f"mapsite, as of {day(held.date)}", f"ISW-implied, as of {day(implied.date)}"
    features = [
        feature("implied", implied.geometry, f"<b>Ukrainian-held area implied by ISW</b><br>as of "
                f"{html_text(day(implied.date))} · {implied.area_km2:,.0f} km²<br>{html_text(implied.caveat)}"),
        feature("only-first", result.only_first, f"Held only in the {html_text(first)} layer: "
                f"{result.only_first_km2:,.0f} km²"),
        feature("only-second", result.only_second, f"Held only in the {html_text(second)} area: "
                f"{result.only_second_km2:,.0f} km²"),
    ]
    caption = (f"Sources disagree on {result.total_km2:,.0f} km²: {result.only_first_km2:,.0f} km² held only in "
               f"the {first} layer ({held.area_km2:,.0f} km² in all), {result.only_second_km2:,.0f} km² only in the "
               f"{second} area ({implied.area_km2:,.0f} km² in all).")
    return [item for item in features if item], [caption]


def changes_since_previous(data: Dataset, history: FrontHistory, on: dt.date) -> tuple[list[dict[str, Any]], list[str]]:
    features, lines = [], []
    for layer, snapshots in by_layer(data.fronts).items():
        current = latest_on_or_before(snapshots, on)
        found = history.changes.get((layer, current.date)) if current else None
        if current is None or found is None:
            continue
        label = html_text(current.label)
        features += [feature("gained", found.gained, f"<b>{label}</b>: gained {found.gained_km2:,.1f} km² "
                             f"between {html_text(day(found.since))} and {html_text(day(found.until))}"),
                     feature("lost", found.lost, f"<b>{label}</b>: lost {found.lost_km2:,.1f} km² "
                             f"between {html_text(day(found.since))} and {html_text(day(found.until))}")]
        lines.append(f"{current.label}: {day(found.since)} → {day(found.until)}: +{found.gained_km2:,.1f} km² "
                     f"gained, −{found.lost_km2:,.1f} km² lost")
    return [item for item in features if item], lines


def analysis_overlay(data: Dataset, history: FrontHistory, on: dt.date, compare: bool,
                     show_change: bool) -> tuple[dict[str, Any] | None, list[str]]:
    """The overlay to send to the map and the sentences that count it, for the panel."""
    features: list[dict[str, Any]] = []
    lines: list[str] = []
    for wanted, build in ((compare, comparison), (show_change, changes_since_previous)):
        if wanted:
            more, words = build(data, history, on)
            features += more
            lines += words
    overlay = {"type": "FeatureCollection", "features": features} if features else None
    return overlay, lines


@st.cache_resource(show_spinner=False, max_entries=512)
def cached_overlay(path: str, on: dt.date, compare: bool, show_change: bool) -> tuple[dict[str, Any] | None, list[str]]:
    """The overlay per date and switches, built once: its geometry work is the heaviest part of a step."""
    return analysis_overlay(dataset(path), front_history(path), on, compare, show_change)
