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
from geo.language.words import ENGLISH, N_, Words
from geo.model.records import Claim
from geo.model.stories import Story
from geo.publishing import links
from geo.reading.dataset import Dataset

VIEW, CASE = "view", "case"
SCOPE_HELP = N_(
    "The view: the claims on screen with the grades on screen (as known then, if chosen), and the fronts up to "
    "the date. The whole case: every claim with today's grades, and every front snapshot. The map file (HTML) "
    "is of the view only. Each file says inside it what it holds."
)


def share_link(view: links.View, words: Words, key: str = "share-link") -> None:
    """The link to this exact view, with a button that copies it."""
    st.caption(words.gettext("Link to this view:"))
    copy_link(links.to_url(view, "") or "?", key=key, words=words)


def file_buttons(scope: downloads.Scope, claim: str | None, words: Words) -> None:
    """One button per format of the scope, then the PDF: a story's handout, or the selected claim's sheet."""
    selection = scope.selection
    for row in downloads.DOWNLOADS:
        st.download_button(
            row.label,
            key=f"export-{row.fmt}",
            file_name=f"{scope.stem}.{row.extension}",
            mime=row.mime,
            help=words.gettext(row.help),
            on_click="ignore",
            data=functools.partial(downloads.file_bytes, row.fmt, selection, f"{scope.stem}.{row.extension}"),
        )
    pdf = downloads.pdf_download(scope, claim)
    label, pdf_help = pdf.said(words)
    if pdf.selection is None:  # a disabled button shows no tooltip: say in words why there is no PDF
        st.caption(pdf_help, width="stretch")
        return
    st.download_button(
        label,
        key="export-pdf",
        file_name=pdf.file_name,
        mime=downloads.PDF_MIME,
        help=pdf_help,
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
    words: Words = ENGLISH,
) -> None:
    """Downloads of the view (the claims on screen with the grades on screen) or of the whole case (every
    claim, today's grades); in briefing, `story` is the story shown, and the PDF is its handout."""
    named = {
        VIEW: words.ngettext("the view ({count} claim)", "the view ({count} claims)", len(shown)),
        CASE: words.ngettext("the whole case ({count} claim)", "the whole case ({count} claims)", len(data.claims)),
    }
    scope = st.radio(
        words.gettext("Files of"),
        (VIEW, CASE),
        format_func=lambda choice: named[choice],
        key="export-scope",
        horizontal=True,
        help=words.gettext(SCOPE_HELP),
    )
    if scope == VIEW:
        chosen = downloads.on_screen(view, data, shown, verdicts, story)
    else:
        chosen = downloads.whole_case(data, today, story)
    with st.container(horizontal=True, key="export-files"):
        if scope == VIEW:
            st.download_button(
                words.gettext("Map (HTML)"),
                key="export-html",
                file_name=f"{chosen.stem}.html",
                mime="text/html",
                data=lambda: standalone_html(data, verdicts, view, shown, words),
                on_click="ignore",
                help=words.gettext(
                    "One file that opens with no network: the map and these claims with their sources and grades."
                ),
            )
        file_buttons(chosen, view.claim, words)


def share_and_export(
    view: links.View,
    data: Dataset,
    shown: list[Claim],
    verdicts: Mapping[str, Grade],
    today: Mapping[str, Grade],
    words: Words,
) -> None:
    """The link to this view and its downloads, folded away under the panel."""
    with st.expander(words.gettext("Share and export"), icon=":material/share:"):
        share_link(view, words)
        export_buttons(view, data, shown, verdicts, today=today, words=words)
