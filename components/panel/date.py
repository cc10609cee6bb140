"""The panel's date: a slider over the days that have something new, and what the map shows on that day.

All data text goes through components.escaping before st.markdown sees it.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components import session_keys
from components.escaping import markdown_text
from geo.language.languages import Language
from geo.language.words import Words
from geo.reading.loading import FrontSnapshot
from geo.time.timeline import nearest_date

STEP_KEYS = {False: "date-previous", True: "date-next"}  # the buttons' keys, which their CSS names


def snap_to_step(options: list[dt.date]) -> None:
    """Callback: a day with nothing new moves on to the next date that has something, in the direction moved.

    The slider runs over days (so its size does not grow with the number of claims); this keeps its
    steps on the dates that have a front snapshot or a claim report.
    """
    chosen, previous = st.session_state[session_keys.DATE], st.session_state.get(session_keys.SHOWN_DATE)
    if chosen in options:
        return
    if previous is not None and chosen > previous:
        st.session_state[session_keys.DATE] = next((option for option in options if option >= chosen), options[-1])
    else:
        st.session_state[session_keys.DATE] = nearest_date(options, chosen)


SLIDER_DATE_FORMATS = {Language.EN: "D MMM YYYY", Language.UK: "DD.MM.YYYY", Language.RU: "DD.MM.YYYY"}
"""The slider's own label, written by the browser (moment.js) in English month names only: Ukrainian and Russian
read a date in digits (31.01.2025), as their own short dates do."""


def neighbour(options: list[dt.date], current: dt.date, direction: int) -> dt.date | None:
    """The date with something new just before (`direction` < 0) or after `current`; None at that end."""
    if direction < 0:
        return next((option for option in reversed(options) if option < current), None)
    return next((option for option in options if option > current), None)


def step_date(options: list[dt.date], direction: int) -> None:
    """Callback of the previous / next buttons: the date moves to the next one with something, as the slider's
    step does."""
    target = neighbour(options, st.session_state[session_keys.DATE], direction)
    if target is not None:
        st.session_state[session_keys.DATE] = target


def step_button(row: DeltaGenerator, options: list[dt.date], direction: int, words: Words) -> None:
    """A thumb-sized button beside the slider, greyed out at its end of the timeline. Its words are for screen
    readers (static/app.css hides them); the arrow is what the eye sees."""
    later = direction > 0
    row.button(
        words.gettext("Next date") if later else words.gettext("Previous date"),
        key=STEP_KEYS[later],
        icon=":material/chevron_right:" if later else ":material/chevron_left:",
        on_click=step_date,
        args=(options, direction),
        disabled=neighbour(options, st.session_state[session_keys.DATE], direction) is None,
    )


def date_control(options: list[dt.date], words: Words) -> dt.date:
    """A slider over the timeline between previous / next buttons; its value lives in session state under
    session_keys.DATE."""
    row = st.container(horizontal=True, wrap=False, vertical_alignment="bottom", gap="small", key="date-row")
    step_button(row, options, -1, words)
    chosen = row.slider(
        words.gettext("Date"),
        min_value=options[0],
        max_value=options[-1],
        step=dt.timedelta(days=1),
        format=SLIDER_DATE_FORMATS[words.language],
        key=session_keys.DATE,
        on_change=snap_to_step,
        args=(options,),
        help=words.gettext(
            "Steps through the dates with a front snapshot or a claim report. Each front layer "
            "shows its latest snapshot on or before this date."
        ),
    )
    step_button(row, options, 1, words)
    st.session_state[session_keys.SHOWN_DATE] = chosen
    return chosen


def fronts_caption(snapshots: dict[str, FrontSnapshot], words: Words) -> None:
    """Which snapshot of each source the map shows, with its own 'as of' date and area."""
    if not snapshots:
        st.caption(words.gettext("No front data on or before this date."))
        return
    lines = [
        words.gettext(
            "{layer}: as of {day}, {area} km² — {source}",
            layer=markdown_text(words.gettext(snapshot.label)),  # a bundled layer's name is marked
            day=words.date(snapshot.date),
            area=words.number(round(snapshot.area_km2)),
            source=markdown_text(words.gettext(snapshot.source_name)),  # so is a bundled layer's source
        )
        for snapshot in snapshots.values()
    ]
    st.caption("  \n".join(lines))


def analysis_caption(lines: list[str]) -> None:
    """The counts behind the comparison and change overlays, in words."""
    if lines:
        st.caption("  \n".join(markdown_text(line) for line in lines))
