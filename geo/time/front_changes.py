"""Fronts through time: change between snapshots, a reconstructed series, and disagreement.

All areas are measured in an equal-area CRS (geo.model.geometry.area_km2).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import shapely
from babel.numbers import format_decimal
from shapely.geometry.base import BaseGeometry

from geo.language.words import ENGLISH, N_, Words
from geo.model.geometry import area_km2
from geo.reading.loading import FrontSnapshot
from geo.time.timeline import by_layer

MIN_CHANGE_KM2 = 0.5
"""Slivers below this are noise from redrawn borders, not a change on the ground."""

ISW_LAYER = "isw-russian-advances"
HELD_LAYER = "ua-held-mapsite"
IMPLIED_LAYER = "isw-implied-ua-held"


@dataclass(frozen=True)
class Change:
    """What a layer gained and lost since its previous snapshot."""

    layer: str
    since: dt.date
    until: dt.date
    gained: BaseGeometry
    lost: BaseGeometry
    gained_km2: float
    lost_km2: float


def without_slivers(geometry: BaseGeometry) -> BaseGeometry:
    parts = [
        part
        for part in getattr(geometry, "geoms", [geometry])
        if part.geom_type in ("Polygon", "MultiPolygon") and area_km2(part) >= MIN_CHANGE_KM2
    ]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def change(previous: FrontSnapshot, current: FrontSnapshot) -> Change:
    gained = without_slivers(shapely.difference(current.geometry, previous.geometry))
    lost = without_slivers(shapely.difference(previous.geometry, current.geometry))
    return Change(
        layer=current.layer,
        since=previous.date,
        until=current.date,
        gained=gained,
        lost=lost,
        gained_km2=area_km2(gained),
        lost_km2=area_km2(lost),
    )


def change_until(snapshots: Sequence[FrontSnapshot], until: dt.date) -> Change | None:
    """A layer's change up to its snapshot of `until`, since the snapshot before it (on a daily layer, the day
    before): one pair's geometry work, for a date asked, instead of every pair of a long history at once."""
    index = bisect.bisect_right([snapshot.date for snapshot in snapshots], until)
    if index < 2 or snapshots[index - 1].date != until:
        return None
    return change(snapshots[index - 2], snapshots[index - 1])


OTHER_SIDE = {"RU": "UA", "UA": "RU"}


def tenths(value: float, words: Words) -> str:
    """An area to a tenth of a km², the language's way (1,234.5 / 1 234,5)."""
    return format_decimal(value, format="#,##0.0", locale=words.locale)


def in_whose_favour(side: str, gained_km2: float, lost_km2: float, words: Words = ENGLISH) -> str:
    """Whose gain a layer's change is: a layer maps the area one side holds, so what it gained is that side's
    gain and what it lost the other side's."""
    net = round(gained_km2 - lost_km2, 1)
    if net == 0:
        return words.gettext("no net change")
    winner = side if net > 0 else OTHER_SIDE[side]
    if winner == "RU":
        return words.gettext("net Russian gain of {area} km²", area=tenths(abs(net), words))
    return words.gettext("net Ukrainian gain of {area} km²", area=tenths(abs(net), words))


def changes(fronts: Iterable[FrontSnapshot]) -> dict[tuple[str, dt.date], Change]:
    """For every snapshot after a layer's first: the change since the one before it."""
    result = {}
    for layer, snapshots in by_layer(fronts).items():
        for previous, current in itertools.pairwise(snapshots):
            result[(layer, current.date)] = change(previous, current)
    return result


def implied_held(fronts: Iterable[FrontSnapshot]) -> list[FrontSnapshot]:
    """The Ukrainian-held area as ISW's layer implies it: all it ever marked retaken, minus what was by then.

    A reconstruction, not ISW's own layer: it cannot show ground Ukraine held but Russia never
    retook, and it says nothing before ISW's first snapshot.
    """
    advances = by_layer(fronts).get(ISW_LAYER, [])
    if not advances:
        return []
    everything = shapely.union_all([snapshot.geometry for snapshot in advances])
    implied = []
    for snapshot in advances:
        held = without_slivers(shapely.make_valid(shapely.difference(everything, snapshot.geometry)))
        implied.append(
            snapshot.model_copy(
                update={
                    "layer": IMPLIED_LAYER,
                    "side": "UA",
                    "basis": "assessed",
                    "label": "Ukrainian-held area implied by ISW",
                    "caveat": (
                        "Reconstructed: everything ISW ever marked as retaken, minus what it had marked by this date."
                    ),
                    "geometry": held,
                    "area_km2": area_km2(held),
                }
            )
        )
    return implied


@dataclass(frozen=True)
class Disagreement:
    """Where two sources' Ukrainian-held areas differ on a date (each at its latest snapshot)."""

    first: FrontSnapshot
    second: FrontSnapshot
    only_first: BaseGeometry
    only_second: BaseGeometry
    only_first_km2: float
    only_second_km2: float

    @property
    def total_km2(self) -> float:
        return round(self.only_first_km2 + self.only_second_km2, 1)


def comparable_pairs(layers: Mapping[str, Sequence[FrontSnapshot]]) -> list[tuple[str, str]]:
    """Pairs of layers that map the same thing — one side's area, in Kursk or both elsewhere — so their
    difference means something; mapsite against the ISW-implied area first, as the page always compared."""
    heads = {layer: snapshots[0] for layer, snapshots in layers.items() if snapshots}
    pairs = [
        (first, second)
        for first, second in itertools.combinations(heads, 2)
        if (heads[first].side, heads[first].context) == (heads[second].side, heads[second].context)
    ]
    return sorted(pairs, key=lambda pair: pair != (HELD_LAYER, IMPLIED_LAYER))


def disagreement(first: FrontSnapshot, second: FrontSnapshot) -> Disagreement:
    only_first = without_slivers(shapely.difference(first.geometry, second.geometry))
    only_second = without_slivers(shapely.difference(second.geometry, first.geometry))
    return Disagreement(first, second, only_first, only_second, area_km2(only_first), area_km2(only_second))


SERIES_NAMES = {  # marked: the chart names each series in the reader's language
    HELD_LAYER: N_("UA-held (mapsite)"),
    IMPLIED_LAYER: N_("UA-held implied by ISW"),
    ISW_LAYER: N_("Retaken by Russia (ISW)"),
}
MAX_STEP = dt.timedelta(days=31)
"""Snapshots further apart than this leave a gap the chart shows rather than bridges."""


def area_series(fronts: Iterable[FrontSnapshot], implied: Iterable[FrontSnapshot]) -> list[dict[str, object]]:
    """km² per source and date in Kursk, for the chart; context layers map somewhere else."""
    rows = []
    for snapshot in [*fronts, *implied]:
        if snapshot.context:
            continue
        rows.append(
            {
                "date": snapshot.date.isoformat(),
                "km2": snapshot.area_km2,
                "series": SERIES_NAMES.get(snapshot.layer, snapshot.label),
            }
        )
    return sorted(rows, key=lambda row: (str(row["series"]), str(row["date"])))


def mapping_gaps(snapshot_dates: Iterable[dt.date], since: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Periods from `since` on with no snapshot: before the first, and between any two too far apart."""
    dates = sorted(set(snapshot_dates))
    if not dates:
        return []
    gaps = [(since, dates[0])] if since < dates[0] else []
    gaps += [(earlier, later) for earlier, later in itertools.pairwise(dates) if later - earlier > MAX_STEP]
    return gaps
