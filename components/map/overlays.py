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
from geo.language.words import ENGLISH, Words
from geo.reading.loading import FrontSnapshot
from geo.time.front_changes import (
    HELD_LAYER,
    IMPLIED_LAYER,
    OTHER_SIDE,
    Change,
    comparable_pairs,
    disagreement,
    implied_held,
    in_whose_favour,
    tenths,
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
GAIN_KIND = {"RU": "russia-gained", "UA": "ukraine-gained"}
"""Change draws a side's gain in its own colour: what a layer gained is its side's gain, what it lost the other's."""


def held_by(side: str, words: Words) -> str:
    """Whose area a layer maps ("Ukrainian-held"), as a sentence names it before "area"."""
    return words.pgettext("area", "Russian-held") if side == "RU" else words.pgettext("area", "Ukrainian-held")


def whose(side: str, words: Words) -> str:
    """A side as the owner of a gain or a loss ("a Ukrainian gain")."""
    return words.pgettext("whose", "Russian") if side == "RU" else words.pgettext("whose", "Ukrainian")


def whole_km2(value: float, words: Words) -> str:
    return words.number(round(value))


def pair_words(history: FrontHistory, pair: tuple[str, str], words: Words = ENGLISH) -> str:
    """A pair as the picker names it."""
    first, second = (history.layers[layer][0] for layer in pair)
    return words.gettext(
        "{first} vs {second}",
        first=SHORT_NAMES.get(first.layer, first.label),
        second=SHORT_NAMES.get(second.layer, second.label),
    )


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


def as_of(snapshot: FrontSnapshot, dated: bool, words: Words) -> str:
    """A compared layer by its short name, with its snapshot's date when the two compared differ in it."""
    name = SHORT_NAMES.get(snapshot.layer, snapshot.label)
    return words.gettext("{source} (as of {day})", source=name, day=words.date(snapshot.date)) if dated else name


def in_all(snapshot: FrontSnapshot, dated: bool, words: Words) -> str:
    """A compared layer with the whole area it maps (and its date, when the two compared differ in it)."""
    name, area = SHORT_NAMES.get(snapshot.layer, snapshot.label), whole_km2(snapshot.area_km2, words)
    if dated:
        return words.gettext(
            "{source} (as of {day}, {area} km² in all)", source=name, day=words.date(snapshot.date), area=area
        )
    return words.gettext("{source} ({area} km² in all)", source=name, area=area)


def comparison(
    history: FrontHistory, on: dt.date, pair: tuple[str, str], words: Words = ENGLISH
) -> tuple[list[AnalysisFeature], list[str]]:
    """Where two layers, each at its latest snapshot on or before the date, disagree on what one side holds."""
    first = latest_on_or_before(history.layers.get(pair[0], []), on)
    second = latest_on_or_before(history.layers.get(pair[1], []), on)
    if first is None or second is None:
        side = next((snapshots[0].side for layer in pair if (snapshots := history.layers.get(layer))), "UA")
        return [], [
            words.gettext("No two sources map the {held} area on or before this date.", held=held_by(side, words))
        ]
    result = disagreement(first, second)
    held = held_by(first.side, words)
    dated = first.date != second.date
    first_words, second_words = as_of(first, dated, words), as_of(second, dated, words)
    features = [
        feature(
            "implied",
            second.geometry,
            words.gettext(second.label),
            words.gettext(
                "as of {day} · {area} km²", day=words.date(second.date), area=whole_km2(second.area_km2, words)
            ),
            second.caveat,
            context=second.context,
        ),
        feature(
            "only-first",
            result.only_first,
            words.gettext(
                "{held} only in {source}: {area} km²",
                held=held,
                source=first_words,
                area=whole_km2(result.only_first_km2, words),
            ),
            context=first.context,
        ),
        feature(
            "only-second",
            result.only_second,
            words.gettext(
                "{held} only in {source}: {area} km²",
                held=held,
                source=second_words,
                area=whole_km2(result.only_second_km2, words),
            ),
            context=second.context,
        ),
    ]
    values = {
        "total": whole_km2(result.total_km2, words),
        "held": held,
        "first_km2": whole_km2(result.only_first_km2, words),
        "first": in_all(first, dated, words),
        "second_km2": whole_km2(result.only_second_km2, words),
        "second": in_all(second, dated, words),
    }
    if dated:
        caption = words.gettext(
            "Sources disagree on {total} km² of the {held} area: {first_km2} km² only in {first}, "
            "{second_km2} km² only in {second}.",
            **values,
        )
    else:
        caption = words.gettext(
            "Sources disagree on {total} km² of the {held} area as of {day}: {first_km2} km² only in {first}, "
            "{second_km2} km² only in {second}.",
            day=words.date(first.date),
            **values,
        )
    if first.clipped_by != second.clipped_by:
        cuts = [
            words.gettext(
                "{source}: {area}",
                source=as_of(snapshot, False, words),
                area=snapshot.clipped_by or words.gettext("as drawn"),
            )
            for snapshot in (first, second)
        ]
        caption += " " + words.gettext(
            "The two are cut to different areas ({cuts}): part of the difference is where each stops.",
            cuts="; ".join(cuts),
        )
    return [item for item in features if item], [caption]


def changes_since_previous(
    history: FrontHistory, on: dt.date, words: Words = ENGLISH
) -> tuple[list[AnalysisFeature], list[str]]:
    """Each layer's change up to its latest snapshot on or before the date, and in whose favour it is."""
    features, lines = [], []
    for layer, snapshots in history.layers.items():
        current = latest_on_or_before(snapshots, on)
        found = history.change_until(layer, current.date) if current and layer != IMPLIED_LAYER else None
        if current is None or found is None:
            continue
        between = words.gettext(
            "between {since} and {until}", since=words.date(found.since), until=words.date(found.until)
        )
        held, side = held_by(current.side, words), whose(current.side, words)
        gained, lost = tenths(found.gained_km2, words), tenths(found.lost_km2, words)
        features += [
            feature(
                GAIN_KIND[current.side],
                found.gained,
                words.gettext(current.label),
                words.gettext(
                    "{held} area gained {area} km² {between}: a {side} gain",
                    held=held,
                    area=gained,
                    between=between,
                    side=side,
                ),
                context=current.context,
            ),
            feature(
                GAIN_KIND[OTHER_SIDE[current.side]],
                found.lost,
                words.gettext(current.label),
                words.gettext(
                    "{held} area lost {area} km² {between}: a {side} loss",
                    held=held,
                    area=lost,
                    between=between,
                    side=side,
                ),
                context=current.context,
            ),
        ]
        lines.append(
            words.gettext(
                "{layer} ({held}): {since} → {until}: +{gained} km² gained, −{lost} km² lost, {favour}",
                layer=words.gettext(current.label),
                held=held,
                since=words.date(found.since),
                until=words.date(found.until),
                gained=gained,
                lost=lost,
                favour=in_whose_favour(current.side, found.gained_km2, found.lost_km2, words),
            )
        )
    return [item for item in features if item], lines


def analysis_overlay(
    history: FrontHistory, on: dt.date, compare: tuple[str, str] | None, show_change: bool, words: Words = ENGLISH
) -> tuple[dict[str, Any] | None, list[str]]:
    """The overlay to send to the map and the sentences that count it, for the panel: Compare sets the pair of
    layers `compare` names side by side (None: off), Change draws each layer's change since its snapshot before."""
    features: list[AnalysisFeature] = []
    lines: list[str] = []
    if compare is not None:
        more, said = comparison(history, on, compare, words)
        features += more
        lines += said
    if show_change:
        more, said = changes_since_previous(history, on, words)
        features += more
        lines += said
    overlay = {"type": "FeatureCollection", "features": features} if features else None
    return overlay, lines
