"""The feed's one cache: values by key, each built once however many requests ask for it at the same moment."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


def one_each(_value: object) -> int:
    return 1


class BuiltOnce(Generic[Value]):
    """Values by key, each built once even when many requests ask at the same moment (the others wait for that
    build). The least recently used are dropped first once what is kept weighs more than `budget`; by default
    each value weighs 1, so `budget` is how many are kept. A value heavier than the whole budget is returned,
    not kept. `builds` counts builds, so tests can see it."""

    def __init__(self, budget: int, weight: Callable[[Value], int] = one_each) -> None:
        self.budget = budget
        self.weight = weight
        self.entries: OrderedDict[Hashable, Value] = OrderedDict()
        self.held = 0
        self.builds = 0
        self.lock = threading.Lock()
        self.building: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, build: Callable[[], Value]) -> Value:
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]
            guard = self.building.setdefault(key, threading.Lock())
        with guard:
            with self.lock:
                if key in self.entries:
                    return self.entries[key]
            try:
                value = build()
            except BaseException:
                with self.lock:
                    self.building.pop(key, None)
                raise
            with self.lock:  # kept before its build is forgotten, so no later request builds it again
                self.builds += 1
                self.building.pop(key, None)
                self.keep(key, value)
            return value

    def keep(self, key: Hashable, value: Value) -> None:
        weight = self.weight(value)
        if weight > self.budget:
            return
        self.entries[key] = value
        self.held += weight
        while self.held > self.budget:
            _, dropped = self.entries.popitem(last=False)
            self.held -= self.weight(dropped)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.held = 0
