"""Open pages follow the store: a change made anywhere shows within seconds, without a reload.

When the store stops answering under an open page, the page keeps what it last showed and says so: that the
store cannot be reached, and as of when the map is (the last time the store answered this page).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from components import session_keys
from components.data_health import store_unreachable_note
from components.page_context import PageContext
from geo.reading.source import DataKey, StoreUnavailableError, data_source

CHECK_EVERY_S = 5


def last_answered() -> tuple[DataKey, dt.datetime] | None:
    """The data this page showed when the store last answered, and when that was."""
    return st.session_state.get(session_keys.STORE_LAST_ANSWERED)


def stand_in() -> DataKey | None:
    """For a run of the whole page while the store cannot be reached: the key of the data this page last
    showed (still in the process's caches), or None when it never showed any (nothing to keep showing)."""
    answered = last_answered()
    if answered is None:
        return None
    st.session_state[session_keys.STORE_STANDING_IN] = True
    return answered[0]


@st.fragment(run_every=CHECK_EVERY_S)
def follow_the_store(context: PageContext, hold: Callable[[], bool] = lambda: False) -> None:
    """For a page on the store: every few seconds, a look at the store's change stamp; when it moved, the
    page runs again. The map stays: new and changed claims reach it through the view
    (components.map.payload.extend_view).

    While `hold()` is true (an analyst's form is open) the page waits: a run of the whole page would close the
    dialog under the analyst's hands, and the save checks the claim's version itself.

    When the store cannot be reached, the map stays as it was and a note says so, with the time the store
    last answered; once it answers again the note goes, and a page that was drawn without it runs again."""
    try:
        current = data_source(context.key.edition)
    except StoreUnavailableError:
        answered = last_answered()
        store_unreachable_note(answered[1] if answered is not None else None, context.words)
        return
    if current == context.key:
        st.session_state[session_keys.STORE_LAST_ANSWERED] = (context.key, dt.datetime.now(dt.UTC))
        if st.session_state.pop(session_keys.STORE_STANDING_IN, False):
            st.rerun(scope="app")  # the analyst's desk, left out while the store was away, comes back
        return
    if not hold():
        st.rerun(scope="app")
    if st.session_state.get(session_keys.STORE_CHANGE_HELD) != current:  # said once per change
        st.session_state[session_keys.STORE_CHANGE_HELD] = current
        st.toast(
            context.words.gettext(
                "The claims have changed since this page was drawn; the map updates when you close the form."
            )
        )
