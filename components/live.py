"""Open pages follow the store: a change made anywhere shows within seconds, without a reload."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from geo.source import StoreUnavailableError, data_source

CHECK_EVERY_S = 5
HELD_KEY = "store-change-held"  # the change stamp a page with an open form has been told of


@st.fragment(run_every=CHECK_EVERY_S)
def follow_the_store(shown_key: str, view: str, hold: Callable[[], bool] = lambda: False) -> None:
    """For a page on the store: every few seconds, a look at the store's change stamp; when it moved, the
    page runs again. The map stays: new and changed claims reach it through the view (map_payload.extend_view).

    While `hold()` is true (an analyst's form is open) the page waits: a run of the whole page would close the
    dialog under the analyst's hands, and the save checks the claim's version itself."""
    try:
        current = data_source(view)
    except StoreUnavailableError:
        return  # the page's next run says so; a check in the background stays quiet
    if current == shown_key:
        return
    if not hold():
        st.rerun(scope="app")
    if st.session_state.get(HELD_KEY) != current:  # said once per change
        st.session_state[HELD_KEY] = current
        st.toast("The claims have changed since this page was drawn; the map updates when you close the form.")
