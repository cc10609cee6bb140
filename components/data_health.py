"""Tell the viewer when some records could not be loaded, and which and why."""

from __future__ import annotations

import streamlit as st

from components.escaping import markdown_text
from geo.loading import DataIssue


def data_health_note(issues: list[DataIssue], problems_in_link: list[str]) -> None:
    """A warning with one line per skipped record; silent when everything loaded."""
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
        st.markdown(
            "\n".join(
                f"- `{issue.file}` · **{markdown_text(issue.record)}**"
                f"{' (loaded)' if issue.loaded else ' (not loaded)'}: {markdown_text(issue.problem)}"
                for issue in issues
            )
        )
