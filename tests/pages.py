"""The page through Streamlit's AppTest as a local user with a role meets it, and what it says to them.

`page_as` opens the page the way a link does (a date, and a language and a claim where the link names them) after
the map's report that it drew (in a browser static/sidecar.js sends it; here no browser draws the map), on whatever
store the test set (the `page_store` fixture). `as_written` is the page's text as it sends it, Markdown escapes and
all, for a test of how text is escaped; `said` is the same text as a person reads it."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from components.session_keys import MAP_DRAWN
from tests.conftest import REPO

APP = str(REPO / "page.py")
OPENING_DAY = "2025-01-31"  # the day the page opens on when a link names none


def page_as(
    role: str,
    monkeypatch: pytest.MonkeyPatch,
    *,
    date: str = OPENING_DAY,
    language: str | None = None,
    claim: str | None = None,
) -> AppTest:
    """The page after its first run for the local user of `role` (KURSK_MAP_LOCAL_ROLE), opened on `date`, in the
    link's `language` and with the link's `claim` selected where they are given; the run raised nothing."""
    monkeypatch.setenv("KURSK_MAP_LOCAL_ROLE", role)
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["date"] = date
    if language is not None:
        app.query_params["lang"] = language
    if claim is not None:
        app.query_params["claim"] = claim
    app.session_state[MAP_DRAWN] = True
    app.run()
    assert not app.exception, [error.message for error in app.exception]
    return app


def as_written(app: AppTest) -> str:
    """Every sentence the page shows (markdown, captions, errors, warnings, notes) as it sends them: Markdown source,
    with the escapes that keep text from formatting or linking."""
    blocks = [*app.markdown, *app.caption, *app.error, *app.warning, *app.info]
    return "\n".join(block.value for block in blocks)


def unescaped(text: str) -> str:
    """Markdown text as read: each backslash escape undone."""
    return re.sub(r"\\(.)", r"\1", text)


def said(app: AppTest) -> str:
    """Every sentence the page shows (markdown, captions, errors, warnings, notes) as a person reads it."""
    return unescaped(as_written(app))
