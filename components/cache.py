"""Cached loading: the dataset is read and validated once per process, not per rerun."""

from __future__ import annotations

import datetime as dt
import gc
from dataclasses import dataclass

import streamlit as st

from components.map.payload import build_payload
from components.map.protocol import MapPayload
from geo.grading.rule import Grade
from geo.publishing.public_dataset import load_for_page
from geo.reading.dataset import Dataset
from geo.reading.loading import FrontSnapshot
from geo.reading.source import graded_source
from geo.time.front_changes import Change, changes, implied_held
from geo.time.timeline import timeline_dates


@dataclass(frozen=True)
class FrontHistory:
    changes: dict[tuple[str, dt.date], Change]
    implied: list[FrontSnapshot]


@st.cache_resource(show_spinner="Loading the dataset…", max_entries=4)
def dataset(path: str) -> Dataset:
    """Shared, read-only: cache_resource avoids copying shapely geometries on every call. The published view
    names people as the public may read them (geo.publishing.public_dataset)."""
    loaded = load_for_page(path)
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
    graded = graded_source(path)
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
