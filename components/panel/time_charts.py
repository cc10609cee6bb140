"""Charts that share the date control: km² held over time against claimed figures, and claim periods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import altair as alt
import pandas as pd
import streamlit as st
from babel.numbers import get_decimal_symbol, get_group_symbol

from components import session_keys
from geo.grading.rule import Grade
from geo.language.languages import DEFAULT
from geo.language.scales import confidence_name, precision_name
from geo.language.words import Words
from geo.model.claim_text import grade_line
from geo.model.map_style import LEVEL_COLOURS
from geo.model.records import AREA_QUANTITIES, Claim
from geo.reading.dataset import Dataset
from geo.reading.loading import FrontSnapshot
from geo.time.front_changes import HELD_LAYER, area_series, mapping_gaps
from geo.time.timeline import by_layer

CHOSEN_COLOUR = "#111111"
TOOLTIP_DAY = "%-d %b %Y"
"""A date in a tooltip as the panel writes it ("31 Jan 2025"), with the language's month names (time_locale)."""


def time_locale(words: Words) -> dict[str, object]:
    """The language's month and day names for the charts' axes and tooltips (d3's time-format locale, from CLDR
    through Babel): the browser's charts otherwise write every date in English. An axis names a month on its own
    ("Лютий"), a tooltip within a date ("5 лют. 2025")."""
    names = words.locale
    sunday_first = [6, 0, 1, 2, 3, 4, 5]  # CLDR counts from Monday, d3 from Sunday
    return {
        "dateTime": "%x, %X",
        "date": "%d.%m.%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": [names.days["format"]["wide"][day] for day in sunday_first],
        "shortDays": [names.days["format"]["abbreviated"][day] for day in sunday_first],
        "months": [names.months["stand-alone"]["wide"][month].capitalize() for month in range(1, 13)],
        "shortMonths": [names.months["format"]["abbreviated"][month] for month in range(1, 13)],
    }


def number_locale(words: Words) -> dict[str, object]:
    """The language's decimal sign and digit grouping for the charts' numbers (d3's format locale): 1 400, not
    1,400."""
    return {
        "decimal": get_decimal_symbol(words.locale),
        "thousands": get_group_symbol(words.locale),
        "grouping": [3],
        "currency": ["", ""],
    }


def in_language(chart: alt.LayerChart, words: Words) -> alt.LayerChart:
    """The chart with its dates written in the reader's language (English is Vega's own)."""
    if words.language is DEFAULT:
        return chart
    configured: alt.LayerChart = chart.configure(
        locale=alt.Locale(number=number_locale(words), time=time_locale(words))
    )
    return configured


AREA_PLOT_PX = 240
"""The km² plot's own height: legend, titles and axes come on top of it, so more series never squeeze it."""
ROW_PX = 18  # a claim's row in the periods chart
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")
"""The panel's width, and the height each chart asks for: Streamlit would otherwise fit the whole chart, legend and
titles, into its height, and the plot would shrink as the legend grows."""


def chart_title(title: str, *lines: str) -> alt.TitleParams:
    """A short title with what the marks mean under it, each line short enough for the panel at 1280 px wide."""
    return alt.TitleParams(text=title, subtitle=list(lines), anchor="start", subtitleFontSize=12)


def chosen_rule(chosen: dt.date) -> alt.Chart:
    """The date shown, as a black line; its date is said in the chart's subtitle, as a label in the plot would sit
    under (or over) the marks at the top."""
    frame = pd.DataFrame({"date": [chosen.isoformat()]})
    rule: alt.Chart = alt.Chart(frame).mark_rule(color=CHOSEN_COLOUR, strokeWidth=2).encode(x="date:T")
    return rule


MAX_MARKED_POINTS = 60
"""A series with more snapshots than this (a daily one) is drawn as a line alone: a marker per point would
blot it out in a panel a few hundred pixels wide; the hovered point is still marked and told."""


def sparse_series(series: pd.DataFrame) -> list[str]:
    """The series few enough points to mark each one."""
    if series.empty:
        return []
    counts = series.groupby("series").size()
    return sorted(str(name) for name, count in counts.items() if count <= MAX_MARKED_POINTS)


def hovered_point(base: alt.Chart, words: Words) -> alt.Chart:
    """The point nearest the pointer, of any series, marked and told (source, date, km²): a hover finds a day on
    a line drawn without markers."""
    nearest = alt.selection_point(name="hovered", nearest=True, on="pointerover", clear="pointerout", empty=False)
    hovered: alt.Chart = (
        base.mark_point(size=70, filled=False, strokeWidth=2)
        .encode(
            opacity=alt.when(nearest).then(alt.value(1)).otherwise(alt.value(0)),
            tooltip=[
                alt.Tooltip("series:N", title=words.gettext("Source")),
                alt.Tooltip("date:T", title=words.gettext("As of"), format=TOOLTIP_DAY),
                alt.Tooltip("km2:Q", title=words.gettext("km²"), format=",.0f"),
            ],
        )
        .add_params(nearest)
        .properties(name="hovered_snapshot")  # named, so the chart's spec is the same on every run
    )
    return hovered


def area_chart(
    data: Dataset, implied: list[FrontSnapshot], grades: Mapping[str, Grade], chosen: dt.date, words: Words
) -> alt.LayerChart:
    """Mapped km² per source as lines (a marker per snapshot only on a sparse series), claimed figures as points,
    gaps shaded, the chosen date marked; hovering shows the nearest snapshot's source, date and km².

    Only figures that have a grade are plotted, so 'known then' leaves out what was reported later.
    """
    series = pd.DataFrame(area_series(data.fronts, implied))
    if not series.empty:  # each series by its name in the reader's language (a layer's own label if unmarked)
        series["series"] = series["series"].map(lambda name: words.gettext(str(name)))
    figures = [
        claim
        for claim in data.claims
        if claim.measure is not None and claim.measure.quantity in AREA_QUANTITIES and claim.id in grades
    ]
    claimed = pd.DataFrame(
        [
            {
                "date": claim.refers_to.end.isoformat(),
                "km2": claim.measure.value,
                "claimant": data.sources[claim.claimant].name_in(words.language.value),
                "statement": claim.statement,
                "grade": grade_line(grades[claim.id]),
                "reported": words.date(claim.first_reported),
            }
            for claim in figures
            if claim.measure
        ],
        columns=["date", "km2", "claimant", "statement", "grade", "reported"],
    )
    held_dates = [snapshot.date for snapshot in by_layer(data.fronts).get(HELD_LAYER, [])]
    start = min([claim.refers_to.start for claim in figures] + held_dates)
    gaps = pd.DataFrame(
        [{"start": begin.isoformat(), "end": end.isoformat()} for begin, end in mapping_gaps(held_dates, start)],
        columns=["start", "end"],
    )
    shaded = alt.Chart(gaps).mark_rect(color="#999999", opacity=0.18).encode(x="start:T", x2="end:T")
    points = (
        alt.Chart(claimed)
        .mark_point(shape="diamond", size=90, filled=True, color="#E69F00", stroke="#111111", strokeWidth=1)
        .encode(
            x="date:T",
            y="km2:Q",
            tooltip=[
                alt.Tooltip("claimant:N", title=words.gettext("Claimed by")),
                alt.Tooltip("km2:Q", title=words.gettext("km²"), format=",.0f"),
                alt.Tooltip("date:T", title=words.gettext("As of"), format=TOOLTIP_DAY),
                alt.Tooltip("grade:N", title=words.gettext("Grade")),
                alt.Tooltip("statement:N", title=words.gettext("Claim")),
            ],
        )
    )
    base = alt.Chart(series).encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("km2:Q", title=words.gettext("km²")),
        color=alt.Color(
            "series:N",
            title=None,
            legend=alt.Legend(orient="top", columns=1, labelLimit=360, symbolSize=60),  # a name a line, whole
            scale=alt.Scale(range=["#0b4f8a", "#5b2a86", "#b8336a", "#00543c", "#8a2500"]),
        ),
    )
    lines = base.mark_line().encode(strokeDash=alt.StrokeDash("series:N", legend=None))
    markers = base.transform_filter(alt.FieldOneOfPredicate(field="series", oneOf=sparse_series(series))).mark_point(
        size=18, filled=True
    )
    chart: alt.LayerChart = (
        shaded + lines + markers + hovered_point(base, words) + points + chosen_rule(chosen)
    ).properties(
        height=AREA_PLOT_PX,
        autosize=FIT_WIDTH,
        title=chart_title(
            words.gettext("Area held or retaken, km²"),
            words.gettext("Lines: as mapped · ◆: as claimed"),
            words.gettext("Grey: no mapped snapshot · black line: {day}", day=words.date(chosen)),
        ),
    )
    return in_language(chart, words)


def claims_timeline(
    claims: list[Claim], numbers: Mapping[str, int], grades: Mapping[str, Grade], chosen: dt.date, words: Words
) -> alt.LayerChart:
    """When each shown claim is about: a bar for a period, a point for a day; colour is confidence."""
    rows = pd.DataFrame(
        [
            {
                "claim": f"#{numbers[claim.id]}",
                "start": claim.refers_to.start.isoformat(),
                "end": claim.refers_to.end.isoformat(),
                "precision": precision_name(claim.refers_to.precision, words),
                "confidence": confidence_name(grades[claim.id].confidence, words),
                "statement": claim.statement,
                "reported": words.date(claim.first_reported),
            }
            for claim in claims
        ],
        columns=["claim", "start", "end", "precision", "confidence", "statement", "reported"],
    )
    order = [f"#{numbers[claim.id]}" for claim in sorted(claims, key=lambda claim: claim.refers_to.start)]
    colour = alt.Color(
        "confidence:N",
        title=words.gettext("Confidence"),
        scale=alt.Scale(
            domain=[confidence_name(level, words) for level in LEVEL_COLOURS], range=list(LEVEL_COLOURS.values())
        ),
        legend=alt.Legend(orient="bottom"),
    )
    tooltip = [
        alt.Tooltip("claim:N", title=words.gettext("Claim")),
        alt.Tooltip("statement:N", title=words.gettext("Statement")),
        alt.Tooltip("start:T", title=words.gettext("From"), format=TOOLTIP_DAY),
        alt.Tooltip("end:T", title=words.gettext("To"), format=TOOLTIP_DAY),
        alt.Tooltip("precision:N", title=words.gettext("Precision")),
        alt.Tooltip("reported:N", title=words.gettext("Reported")),
    ]
    y = alt.Y("claim:N", sort=order, title=None, axis=alt.Axis(labelOverlap=False))  # every claim's row named
    periods = (
        alt.Chart(rows)
        .transform_filter(alt.datum.start != alt.datum.end)
        .mark_bar(height=8)
        .encode(x=alt.X("start:T", title=None), x2="end:T", y=y, color=colour, tooltip=tooltip)
    )
    days = (
        alt.Chart(rows)
        .transform_filter(alt.datum.start == alt.datum.end)
        .mark_point(filled=True, size=70)
        .encode(x="start:T", y=y, color=colour, tooltip=tooltip)
    )
    chart: alt.LayerChart = (periods + days + chosen_rule(chosen)).properties(
        height=max(120, ROW_PX * len(rows)),
        autosize=FIT_WIDTH,
        title=chart_title(
            words.gettext("When each shown claim is about"),
            words.gettext("Bar: a period · dot: a day · black line: {day}", day=words.date(chosen)),
        ),
    )
    return in_language(chart, words)


def over_time(
    data: Dataset,
    implied: list[FrontSnapshot],
    grades: Mapping[str, Grade],
    shown: list[Claim],
    chosen: dt.date,
    words: Words,
    *,
    playing: bool = False,
) -> None:
    """Both charts, drawn only while switched on and not playing: they cost a date step more than everything
    else, and Play's steps come faster than they draw."""
    if not st.toggle(words.gettext("Charts: area held and claim periods over time"), key=session_keys.TIME_CHARTS):
        return
    if playing:
        st.caption(words.gettext("Playing: the charts follow the date when you pause."))
        return
    st.altair_chart(area_chart(data, implied, grades, chosen, words), width="stretch")
    if shown:
        st.altair_chart(claims_timeline(shown, data.numbers, grades, chosen, words), width="stretch")
