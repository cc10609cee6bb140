"""A store URL shown in a message never carries a password: not after `user:`, not in the query string."""

from __future__ import annotations

import urllib.parse

from hypothesis import given
from hypothesis import strategies as st

from geo import store
from geo.store.url_masking import shown_url

secrets = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=8, max_size=20)
secret_names = st.sampled_from(["password", "sslpassword", "PassWord", "token", "api_key", "secret", "auth"])


@given(secret=secrets, name=secret_names, in_userinfo=st.booleans())
def test_a_password_anywhere_in_the_url_is_masked(secret: str, name: str, in_userinfo: bool) -> None:
    userinfo = f"mapper:{secret}@" if in_userinfo else "mapper@"
    query = urllib.parse.urlencode({name: secret, "connect_timeout": "2"})
    for shows in (shown_url, store.shown_url):  # the page's messages, and the store's command line
        shown = shows(f"postgresql+psycopg://{userinfo}db.internal:5432/claims?{query}")
        assert secret not in shown
        assert "***" in shown and "connect_timeout=2" in shown  # what is not a secret stays readable


def test_the_usual_url_reads_as_before() -> None:
    assert shown_url("postgresql+psycopg://map:s3cret@db.example:5432/claims") == (
        "postgresql+psycopg://map:***@db.example:5432/claims"
    )
    assert shown_url("sqlite:///var/lib/map/store.sqlite") == "sqlite:///var/lib/map/store.sqlite"
    assert shown_url("not a url") == "(a store URL that cannot be read)"
