"""Tell the viewer when some records could not be loaded, and which and why.

Problems are shown as table cells, never as Markdown: a bad value quoted in a message (a URL
without its scheme, say) stays plain text and can never become a link.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from components.escaping import markdown_text
from geo.language.words import Words
from geo.model.issues import DataIssue
from geo.publishing.links import Problem


def page_errors(errors: list[str], words: Words) -> None:
    """A required layer that cannot serve: said at the top of the page, in words, with what still works."""
    for error in errors:
        st.error(
            words.gettext(
                "The map cannot draw its base layer: {error}. Claims and fronts that loaded are still shown.",
                error=markdown_text(error),
            ),
            icon=":material/error:",
        )


def store_unreachable_note(answered: dt.datetime | None, words: Words) -> None:
    """The store stopped answering under an open page: what is on screen stays, and the page says since when.
    Where the store lives (host, user, database) is not said: viewers read this too."""
    if answered is not None:
        note = words.gettext(
            "The claims store cannot be reached. The map and the claims are shown as of {day}, {time} UTC, when "
            "the store last answered; changes cannot be saved, and the page catches up by itself when the store "
            "answers again.",
            day=words.date(answered.date()),
            time=f"{answered:%H:%M:%S}",
        )
    else:
        note = words.gettext(
            "The claims store cannot be reached. The map and the claims are shown as this page last loaded them; "
            "changes cannot be saved, and the page catches up by itself when the store answers again."
        )
    with st.container(key="store-unreachable"):
        st.warning(note, icon=":material/cloud_off:")


def health_counts(issues: list[DataIssue], words: Words) -> str:
    """How many records were left out and how many came in with a problem, each count in its plural form."""
    skipped = sum(not issue.loaded for issue in issues)
    partial = len(issues) - skipped
    counts = [
        *([words.ngettext("{count} record not loaded", "{count} records not loaded", skipped)] if skipped else []),
        *(
            [words.ngettext("{count} loaded with a problem", "{count} loaded with a problem", partial)]
            if partial
            else []
        ),
    ]
    return words.gettext("Data health: {counts}", counts=", ".join(counts))


def data_health_note(issues: list[DataIssue], problems_in_link: list[Problem], words: Words) -> None:
    """A folded note with one row per problem; silent when everything loaded."""
    for problem in problems_in_link:
        st.warning(
            words.gettext("Link: {problem}", problem=markdown_text(problem.in_words(words))),
            icon=":material/link_off:",
        )
    if not issues:
        return
    with st.expander(health_counts(issues, words), icon=":material/warning:"):
        rows = pd.DataFrame(
            {
                words.gettext("File"): [issue.file for issue in issues],
                words.gettext("Record"): [issue.record for issue in issues],
                words.gettext("Loaded"): [
                    words.gettext("yes, in part") if issue.loaded else words.gettext("no") for issue in issues
                ],
                words.gettext("Problem"): [issue.problem for issue in issues],
            }
        )
        st.dataframe(rows, hide_index=True, width="stretch")
