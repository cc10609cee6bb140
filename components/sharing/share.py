"""Share the current view as a link, or take it away as a file: the view or the whole case, in every format.

Every data file holds the claim record the feed serves (geo.publishing.claim_record) and says inside it the
date, the filters and the "known then" choice it was made with; the table of formats and what each scope
holds is components.sharing.downloads. Each file is made only when its button is clicked.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import streamlit as st

from components.sharing import downloads
from components.sharing.copy_link import copy_link
from components.sharing.standalone import standalone_html
from geo.grading.rule import Grade
from geo.model.records import Claim
from geo.model.stories import Story
from geo.publishing import links
from geo.reading.dataset import Dataset

VIEW, CASE = "view", "case"
SCOPE_HELP = (
    "The view: the claims on screen with the grades on screen (as known then, if chosen), and the fronts up to "
    "the date. The whole case: every claim with today's grades, and every front snapshot. The map file (HTML) "
    "is of the view only. Each file says inside it what it holds."
)


def share_link(view: links.View, key: str = "share-link") -> None:
    """The link to this exact view, with a button that copies it."""
    st.caption("Link to this view:")
    copy_link(links.to_url(view, "") or "?", key=key)


def file_buttons(scope: downloads.Scope, claim: str | None) -> None:
    """One button per format of the scope, then the PDF: a story's handout, or the selected claim's sheet."""
    selection = scope.selection
    for row in downloads.DOWNLOADS:
        st.download_button(
            row.label,
            key=f"export-{row.fmt}",
            file_name=f"{scope.stem}.{row.extension}",
            mime=row.mime,
            help=row.help,
            on_click="ignore",
            data=functools.partial(downloads.file_bytes, row.fmt, selection, f"{scope.stem}.{row.extension}"),
        )
    pdf = downloads.pdf_download(scope, claim)
    if pdf.selection is None:  # a disabled button shows no tooltip: say in words why there is no PDF
        st.caption(pdf.help, width="stretch")
        return
    st.download_button(
        pdf.label,
        key="export-pdf",
        file_name=pdf.file_name,
        mime=downloads.PDF_MIME,
        help=pdf.help,
        on_click="ignore",
        data=functools.partial(downloads.file_bytes, downloads.PDF, pdf.selection, pdf.file_name),
    )


def export_buttons(
    view: links.View,
    data: Dataset,
    shown: list[Claim],
    verdicts: Mapping[str, Grade],
    *,
    today: Mapping[str, Grade],
    story: Story | None = None,
) -> None:
    """Downloads of the view (the claims on screen with the grades on screen) or of the whole case (every
    claim, today's grades); in briefing, `story` is the story shown, and the PDF is its handout."""
    scope = st.radio(
        "Files of",
        (VIEW, CASE),
        format_func=lambda choice: {
            VIEW: f"the view ({len(shown)} claims)",
            CASE: f"the whole case ({len(data.claims)} claims)",
        }[choice],
        key="export-scope",
        horizontal=True,
        help=SCOPE_HELP,
    )
    if scope == VIEW:
        chosen = downloads.on_screen(view, data, shown, verdicts, story)
    else:
        chosen = downloads.whole_case(data, today, story)
    with st.container(horizontal=True, key="export-files"):
        if scope == VIEW:
            st.download_button(
                "Map (HTML)",
                key="export-html",
                file_name=f"{chosen.stem}.html",
                mime="text/html",
                data=lambda: standalone_html(data, verdicts, view, shown),
                on_click="ignore",
                help="One file that opens with no network: the map and these claims with their sources and grades.",
            )
        file_buttons(chosen, view.claim)


def share_and_export(
    view: links.View, data: Dataset, shown: list[Claim], verdicts: Mapping[str, Grade], today: Mapping[str, Grade]
) -> None:
    """The link to this view and its downloads, folded away under the panel."""
    with st.expander("Share and export", icon=":material/share:"):
        share_link(view)
        export_buttons(view, data, shown, verdicts, today=today)
