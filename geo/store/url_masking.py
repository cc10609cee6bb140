"""A store URL as it may be shown in a message or a log: no password, wherever the URL carries one.

SQLAlchemy hides the password after `user:`, but libpq also takes one in the query string
(`?password=`, `?sslpassword=`), and a team may pass tokens or keys there too: every query value whose
name says it is a secret is masked as well. A URL that cannot be read is not shown at all.
"""

from __future__ import annotations

import re

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

MASK = "***"
SECRET_NAME = re.compile(r"pass|secret|token|key|credential|auth", re.IGNORECASE)


def shown_url(url: str) -> str:
    """The URL with every password and secret-named query value replaced by ***."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return "(a store URL that cannot be read)"
    query = {name: MASK if SECRET_NAME.search(name) else value for name, value in parsed.query.items()}
    masked = parsed.set(query=query)
    return masked.render_as_string(hide_password=True).replace("%2A%2A%2A", MASK)
