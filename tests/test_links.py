"""Deep links: every view round-trips through the URL; bad values are dropped and named."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl, urlsplit

from geo import links


def test_view_round_trips_through_a_url() -> None:
    view = links.View(dt.date(2025, 1, 30), "nk-absent-kursk-front-three-weeks")
    url = links.to_url(view, "http://localhost:8501/")
    assert url == "http://localhost:8501/?date=2025-01-30&claim=nk-absent-kursk-front-three-weeks"
    parsed = links.parse(dict(parse_qsl(urlsplit(url).query)))
    assert parsed.view == view
    assert parsed.problems == []


def test_empty_view_is_the_bare_address() -> None:
    assert links.to_url(links.View(), "/") == "/"
    assert links.to_query(links.View(dt.date(2025, 1, 1))) == {"date": "2025-01-01"}


def test_bad_values_are_dropped_with_a_reason() -> None:
    parsed = links.parse({"date": "30/01/2025", "claim": "<script>"})
    assert parsed.view == links.View()
    assert any("30/01/2025" in problem for problem in parsed.problems)
    assert any("not a claim id" in problem for problem in parsed.problems)


def test_repeated_keys_take_the_first_value() -> None:
    assert links.parse({"date": ["2025-01-02", "2025-03-04"]}).view.date == dt.date(2025, 1, 2)
