"""Kursk claims map: what is claimed about the 2024–25 Kursk incursion, and how sure we can be.

`streamlit run app.py` serves the page (page.py) and, next to it, the read-only feed (web/feed.py) and the
parts the page's map fetches as it draws them (web/map_parts.py), behind a guard (web/serving.py) that
refuses other sites' websockets and frames. The app listens on loopback unless a team chose to serve it to a
network (geo/settings.py): it will not start otherwise.
"""

import streamlit as st
from starlette.middleware import Middleware
from streamlit import config

from geo.settings import serving
from web import map_parts
from web.feed import ROUTES
from web.serving import ServingGuard, listening_problem

if problem := listening_problem(config.get_option("server.address"), serving()):
    raise SystemExit(problem)

app = st.App("page.py", routes=[*ROUTES, *map_parts.ROUTES], middleware=[Middleware(ServingGuard)])
