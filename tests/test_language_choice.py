"""A language chosen on the switch holds for the rest of the session. A run may be sent with the address as it
was before the choice reached the browser (the map reports a move at that moment): the choice outlives it, and
the link is written again with it; a language the link names is taken until one is chosen."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components import session_keys
from tests.test_app import start

CAPTION = {"en": "Kursk claims map", "uk": "Карта заяв про Курщину", "ru": "Карта заявлений о Курской области"}


def title(app: AppTest) -> str:
    return app.title[0].value


def choose(app: AppTest, language: str) -> AppTest:
    app.segmented_control(key=session_keys.LANGUAGE).set_value(language).run()
    assert not app.exception, [error.message for error in app.exception]
    return app


@pytest.mark.parametrize(("first", "chosen"), [(None, "ru"), ("uk", "ru"), ("ru", "en"), (None, "uk")])
def test_a_chosen_language_outlives_a_run_sent_with_the_address_from_before_the_choice(
    first: str | None, chosen: str
) -> None:
    app = start({"date": "2025-01-31", **({"lang": first} if first else {})})
    assert title(app) == CAPTION[first or "en"]
    choose(app, chosen)
    assert title(app) == CAPTION[chosen] and app.query_params["lang"] == chosen
    # A run carrying the address from before the choice (the map's event, sent before the new address arrived).
    if first:
        app.query_params["lang"] = first
    else:
        del app.query_params["lang"]
    app.run()
    assert title(app) == CAPTION[chosen]
    assert app.query_params["lang"] == chosen  # the link is written again with the choice
    assert app.segmented_control(key=session_keys.LANGUAGE).value == chosen


def test_the_links_language_holds_until_one_is_chosen() -> None:
    app = start({"date": "2025-01-31", "lang": "uk"})
    app.run()
    assert title(app) == CAPTION["uk"]
