"""Cached loading: the dataset is read and validated once per process, not per rerun."""

from __future__ import annotations

import datetime as dt
import gc
import os
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from components.map_payload import build_payload
from components.map_protocol import MapPayload
from geo.dataset import Dataset, load_dataset
from geo.front_changes import Change, changes, implied_held
from geo.grading import Grade
from geo.loading import FrontSnapshot
from geo.store import ImportRefusedError, Store, shown_url, store_url
from geo.timeline import timeline_dates


@dataclass(frozen=True)
class FrontHistory:
    changes: dict[tuple[str, dt.date], Change]
    implied: list[FrontSnapshot]


DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
STORE_PREFIX = "store:"


class StoreUnavailableError(RuntimeError):
    """The store cannot serve the page; the message names it (password hidden) and says why."""


@st.cache_resource(show_spinner="Opening the store…")
def opened_store(url: str, seed_from: str) -> Store:
    """The store, its schema brought up to date; an empty one is first filled from the bundle."""
    try:
        store = Store(url)
        if store.is_empty():
            store.import_bundle(Path(seed_from), "seed", f"first run: the store was empty, seeded from {seed_from}")
    except ImportRefusedError as refused:
        problems = "; ".join(str(issue) for issue in refused.issues[:3])
        raise StoreUnavailableError(
            f"the store {shown_url(url)} is empty and the bundle {seed_from} could not fill it: {problems}"
        ) from None
    except SQLAlchemyError as error:
        raise StoreUnavailableError(
            f"the store {shown_url(url)} cannot be reached: {error.__class__.__name__}"
        ) from None
    return store


def seed_folder() -> str:
    return os.environ.get("KURSK_MAP_DATA") or str(DEFAULT_DATA_DIR)


def data_source() -> str:
    """What the page shows, as the key of every cache below.

    With KURSK_MAP_DATA alone, a bundle folder read directly (a preview before import: nothing is stored).
    Otherwise the store (KURSK_MAP_DB, else the embedded SQLite file) with its change stamp, so caches follow
    every change to it; an empty store is seeded from KURSK_MAP_DATA, else from the bundled data/.
    """
    folder = os.environ.get("KURSK_MAP_DATA")
    if folder and not os.environ.get("KURSK_MAP_DB"):
        return folder
    store = opened_store(store_url(), seed_folder())
    try:
        return f"{STORE_PREFIX}{store.url}#{store.stamp()}"
    except SQLAlchemyError as error:
        raise StoreUnavailableError(
            f"the store {shown_url(store.url)} cannot be reached: {error.__class__.__name__}"
        ) from None


@st.cache_resource(show_spinner="Loading the dataset…", max_entries=4)
def dataset(path: str) -> Dataset:
    """Shared, read-only: cache_resource avoids copying shapely geometries on every call."""
    if path.startswith(STORE_PREFIX):
        url = path.removeprefix(STORE_PREFIX).rsplit("#", 1)[0]
        loaded = opened_store(url, seed_folder()).load()
    else:
        loaded = load_dataset(Path(path))
    gc.freeze()  # it lives as long as the process: later collections need not scan it again
    return loaded


@st.cache_resource(show_spinner=False, max_entries=4)
def timeline(path: str) -> list[dt.date]:
    """The dates the slider steps through: every snapshot and every first report."""
    data = dataset(path)
    return timeline_dates(data.fronts, data.claims)


@st.cache_resource(show_spinner=False, max_entries=4)
def grades(path: str) -> dict[str, Grade]:
    """The grading rule's verdict on every claim; pure and deterministic, so computed once."""
    data = dataset(path)
    graded = data.grade_all()
    gc.freeze()  # like the dataset, it lives as long as the process
    return graded


@st.cache_resource(show_spinner=False, max_entries=4)
def map_payload(path: str) -> MapPayload:
    """What the map draws: built once per process, the same bytes for every session."""
    built = build_payload(dataset(path), grades(path))
    gc.freeze()  # like the dataset, it lives as long as the process
    return built


@st.cache_resource(show_spinner=False, max_entries=4)
def front_history(path: str) -> FrontHistory:
    """Changes between snapshots and the ISW-implied series: geometry work done once per process."""
    data = dataset(path)
    return FrontHistory(changes(data.fronts), implied_held(data.fronts))


@st.cache_resource(show_spinner=False, max_entries=256)
def grades_known_on(path: str, on: dt.date) -> dict[str, Grade]:
    """Grades as they stood on a date: only claims reported by then count, for or against."""
    data = dataset(path)
    return data.grades_known_on(on)


def grades_shown_on(path: str, on: dt.date, known_then: bool) -> dict[str, Grade]:
    """The grades the panel shows on a date: as they stood then, or today's."""
    return grades_known_on(path, on) if known_then else grades(path)
