"""Page styling from a static stylesheet (no data ever goes into it)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "app.css"


def apply_page_style() -> None:
    st.html(f"<style>{STYLESHEET.read_text(encoding='utf-8')}</style>")
