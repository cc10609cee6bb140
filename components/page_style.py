"""Page styling from a static stylesheet (no data ever goes into it)."""

from __future__ import annotations

import streamlit as st

from components.static_files import static_text


def apply_page_style(*extra: str) -> None:
    """The app's stylesheet, plus any mode's own (e.g. "brief.css")."""
    css = "".join(static_text(name) for name in ("app.css", *extra))
    st.html(f"<style>{css}</style>")
