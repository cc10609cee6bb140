"""Tell the viewer when some records could not be loaded, and which and why.

Problems are shown as table cells, never as Markdown: a bad value quoted in a message (a URL
without its scheme, say) stays plain text and can never become a link.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from components.escaping import markdown_text
from geo.model.issues import DataIssue


def page_errors(errors: list[str]) -> None:
    """A required layer that cannot serve: said at the top of the page, in words, with what still works."""
    for error in errors:
        st.error(
            f"The map cannot draw its base layer: {markdown_text(error)}. "
            "Claims and fronts that loaded are still shown.",
            icon=":material/error:",
        )


def store_unreachable_note(answered: dt.datetime | None) -> None:
    """The store stopped answering under an open page: what is on screen stays, and the page says since when.
    Where the store lives (host, user, database) is not said: viewers read this too."""
    as_of = (
        f"as of {answered:%-d %b %Y, %H:%M:%S} UTC, when the store last answered"
        if answered is not None
        else "as this page last loaded them"
    )
    with st.container(key="store-unreachable"):
        st.warning(
            f"The claims store cannot be reached. The map and the claims are shown {as_of}; changes cannot be "
            "saved, and the page catches up by itself when the store answers again.",
            icon=":material/cloud_off:",
        )


def data_health_note(issues: list[DataIssue], problems_in_link: list[str]) -> None:
    """A folded note with one row per problem; silent when everything loaded."""
    for problem in problems_in_link:
        st.warning(f"Link: {markdown_text(problem)}", icon=":material/link_off:")
    if not issues:
        return
    skipped = sum(not issue.loaded for issue in issues)
    counts = [
        *([f"{skipped} record(s) not loaded"] if skipped else []),
        *([f"{len(issues) - skipped} loaded with a problem"] if len(issues) > skipped else []),
    ]
    with st.expander(f"Data health: {', '.join(counts)}", icon=":material/warning:"):
        rows = pd.DataFrame(
            {
                "File": [issue.file for issue in issues],
                "Record": [issue.record for issue in issues],
                "Loaded": ["yes, in part" if issue.loaded else "no" for issue in issues],
                "Problem": [issue.problem for issue in issues],
            }
        )
        st.dataframe(rows, hide_index=True, width="stretch")
