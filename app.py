"""Kursk claims map: what is claimed about the 2024–25 Kursk incursion, and how sure we can be.

`streamlit run app.py` serves the page (page.py) and, next to it, the read-only feed (geo/feed.py).
"""

import streamlit as st

from geo.feed import ROUTES

app = st.App("page.py", routes=ROUTES)
