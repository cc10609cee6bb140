"""A "Copy link" button: the view's address goes to the clipboard, and stays visible to select by hand.

A tiny in-page component rather than st.code, whose syntax highlighter alone weighs 1.5 MB.
"""

from __future__ import annotations

import streamlit as st

from components.static_files import module_loader, static_url
from geo.language.words import Words

_copy_link = st.components.v2.component("kursk_copy_link", js=module_loader("copy_link.js"))


def copy_link(query: str, key: str, words: Words) -> None:
    """Show the link for this query string ("?date=…") with a button that copies it, in the reader's language."""
    said = {
        "field": words.gettext("Link to this view"),
        "copy": words.gettext("Copy link"),
        "copied": words.gettext("Copied"),
    }
    _copy_link(key=key, data={"query": query, "stylesheet": static_url("copy_link.css"), "said": said})
