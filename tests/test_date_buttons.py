"""The date's previous / next buttons: each press lands where the slider's step would, greyed out at the ends
(AppTest for the page, a property test for the rule they share with the slider)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from components.panel.date import neighbour
from geo.reading.dataset import load_dataset
from geo.time.timeline import timeline_dates
from tests.conftest import DATA
from tests.test_app import start

DAYS = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 12, 31))


def bundled_timeline() -> list[dt.date]:
    data = load_dataset(DATA)
    return timeline_dates(data.fronts, data.claims)


@given(st.lists(DAYS, min_size=1, max_size=30, unique=True).map(sorted), DAYS)
def test_a_step_lands_on_the_nearest_date_with_something_that_way_and_nowhere_past_the_ends(
    options: list[dt.date], current: dt.date
) -> None:
    earlier, later = neighbour(options, current, -1), neighbour(options, current, 1)
    assert earlier == max((day for day in options if day < current), default=None)
    assert later == min((day for day in options if day > current), default=None)
    # Nothing with something lies strictly between the date and either step.
    assert not [day for day in options if earlier is not None and earlier < day < current]
    assert not [day for day in options if later is not None and current < day < later]


def test_the_buttons_step_through_the_dates_with_something_and_grey_out_at_each_end() -> None:
    options = bundled_timeline()
    app = start({"date": options[0].isoformat()})
    assert app.button(key="date-previous").disabled
    for expected in options[1:4]:
        app.button(key="date-next").click().run()
        assert app.slider(key="date").value == expected
        assert app.query_params["date"] == expected.isoformat()
        assert not app.button(key="date-previous").disabled
    app.button(key="date-previous").click().run()
    assert app.slider(key="date").value == options[2]


def test_the_next_button_stops_at_the_last_date() -> None:
    options = bundled_timeline()
    app = start({"date": options[-2].isoformat()})
    assert not app.button(key="date-next").disabled
    app.button(key="date-next").click().run()
    assert app.slider(key="date").value == options[-1]
    assert app.button(key="date-next").disabled
    assert not app.button(key="date-previous").disabled
    assert [app.button(key=key).label for key in ("date-previous", "date-next")] == ["Previous date", "Next date"]


def test_the_buttons_are_named_in_the_readers_language() -> None:
    app = start({"lang": "uk"})
    assert [app.button(key=key).label for key in ("date-previous", "date-next")] == ["Попередня дата", "Наступна дата"]
