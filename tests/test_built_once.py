"""The feed's one cache (web/built_once.py): bounded by weight, least recently used dropped first, each key
built once however many threads ask at the same moment."""

from __future__ import annotations

import threading

from hypothesis import given
from hypothesis import strategies as st

from web.built_once import BuiltOnce


@given(st.integers(1, 50), st.lists(st.tuples(st.integers(0, 9), st.integers(1, 60)), max_size=40))
def test_what_is_kept_never_outweighs_the_budget_and_the_latest_stays(budget: int, asks: list[tuple[int, int]]) -> None:
    cache: BuiltOnce[int] = BuiltOnce(budget, weight=lambda value: value)
    for key, weight in asks:
        value = cache.get(key, lambda weight=weight: weight)
        assert cache.held == sum(cache.entries.values()) <= budget
        assert (key in cache.entries) == (value <= budget)  # the one just asked is kept unless too heavy alone


def test_a_key_asked_by_many_threads_at_once_is_built_once() -> None:
    cache: BuiltOnce[str] = BuiltOnce(budget=4)
    started, release = threading.Barrier(8), threading.Event()

    def build() -> str:
        release.wait(timeout=5)
        return "built"

    def ask() -> None:
        started.wait(timeout=5)
        assert cache.get("key", build) == "built"

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    release.set()
    for thread in threads:
        thread.join(timeout=10)
    assert cache.builds == 1 and list(cache.entries) == ["key"]
