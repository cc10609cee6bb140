"""A store URL shown in a message never carries a password: not after `user:`, not in the query string."""

from __future__ import annotations

import urllib.parse

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from geo import store
from geo.reading.source import PUBLISHED, WORKING, DataKey
from geo.store.url_masking import shown_url

URL_TEXT = " ".join(
    [
        "postgresql+psycopg://mapper@db.internal:5432/claims?connect_timeout=2",
        "DataKey folder stamp edition",
        PUBLISHED,
        WORKING,
    ]
)
# a secret found in a message must have come from the secret: never one that the rest of the URL spells too
secrets = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=8, max_size=20).filter(
    lambda secret: secret not in URL_TEXT
)
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


@given(secret=secrets, stamp=st.text(alphabet="0123456789abcdef", min_size=1, max_size=12), working=st.booleans())
def test_a_data_key_names_its_version_but_never_shows_the_store_url(secret: str, stamp: str, working: bool) -> None:
    """Caches, ETags and logs see a DataKey's repr and str: the stamp and edition, never the URL's password."""
    assume(secret not in stamp)
    edition = WORKING if working else PUBLISHED
    key = DataKey(store_url=f"postgresql+psycopg://mapper:{secret}@db:5432/claims", stamp=stamp, edition=edition)
    assert secret not in repr(key) and secret not in str(key) and stamp in str(key)
    same = DataKey(store_url=f"postgresql+psycopg://mapper:{secret}@db:5432/claims", stamp=stamp, edition=edition)
    other = DataKey(store_url="sqlite:///elsewhere.sqlite", stamp=stamp, edition=edition)
    assert (key == same, hash(key) == hash(same), key == other) == (True, True, False)


def test_a_data_key_names_a_folder_or_a_store_never_both_nor_neither() -> None:
    with pytest.raises(ValueError, match="either a folder or a store"):
        DataKey(folder="data", store_url="sqlite:///x.sqlite")
    with pytest.raises(ValueError, match="either a folder or a store"):
        DataKey()
