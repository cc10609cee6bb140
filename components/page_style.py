"""Page styling from a static stylesheet (no data ever goes into it)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


def apply_page_style(*extra: str) -> None:
    """The app's stylesheet, plus any mode's own (e.g. "brief.css")."""
    css = "".join((STATIC_DIR / name).read_text(encoding="utf-8") for name in ("app.css", *extra))
    st.html(f"<style>{css}</style>")
