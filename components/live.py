"""Open pages follow the store: a change made anywhere shows within seconds, without a reload."""

from __future__ import annotations

import streamlit as st

from geo.source import StoreUnavailableError, data_source

CHECK_EVERY_S = 5


@st.fragment(run_every=CHECK_EVERY_S)
def follow_the_store(shown_key: str, view: str) -> None:
    """For a page on the store: every few seconds, a look at the store's change stamp; when it moved, the
    page runs again. The map stays: new and changed claims reach it through the view (map_payload.extend_view)."""
    try:
        current = data_source(view)
    except StoreUnavailableError:
        return  # the page's next run says so; a check in the background stays quiet
    if current != shown_key:
        st.rerun(scope="app")
