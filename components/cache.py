"""The page's one cache layer: what the page derives from the shown data, built once per change of the data.

The data itself — the dataset and today's grades — is cached once per process in geo
(geo.publishing.public_dataset.load_for_page, geo.reading.source.graded_source) and shared with the feed;
the page reads it through its context (components.page_context), never through here. What is cached here is
only what the page alone derives from that data, each value keyed on the DataKey that names the shown data,
so every value follows a change of the data and none is held twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import streamlit as st

from components.map.overlays import FrontHistory, analysis_overlay, history_of
from components.map.payload import Extension, MapBase, MapData, build_map_data, extension
from geo.grading.rule import Grade
from geo.language.languages import DEFAULT, Language
from geo.language.words import words_for
from geo.publishing.public_dataset import load_for_page
from geo.reading.dataset import Dataset
from geo.reading.source import DataKey, graded_source
from geo.time.front_changes import Change, change_until
from geo.time.timeline import timeline_dates


@st.cache_resource(show_spinner=False, max_entries=4)
def timeline(key: DataKey) -> list[dt.date]:
    """The dates the slider steps through: every snapshot and every first report."""
    data = load_for_page(key)
    return timeline_dates(data.fronts, data.claims)


@st.cache_resource(show_spinner=False, max_entries=4)
def map_data(key: DataKey) -> MapData:
    """What the map draws, and the parts it fetches: built and written once per process, the same bytes for
    every session."""
    return build_map_data(load_for_page(key), graded_source(key))


@st.cache_resource(show_spinner=False, max_entries=4)
def front_history(key: DataKey) -> FrontHistory:
    """Every layer's snapshots and the ISW-implied series, once per process; a change between two snapshots is
    worked out only when a date asks for it (layer_change), so a daily history costs nothing at page start."""
    return history_of(load_for_page(key).fronts, lambda layer, until: layer_change(key, layer, until))


@st.cache_resource(show_spinner=False, max_entries=4096)
def layer_change(key: DataKey, layer: str, until: dt.date) -> Change | None:
    """A layer's change up to its snapshot of `until` since the one before, once per layer and date."""
    return change_until(front_history(key).layers.get(layer, []), until)


@st.cache_resource(show_spinner=False, max_entries=256)
def grades_known_on(key: DataKey, on: dt.date) -> dict[str, Grade]:
    """Grades as they stood on a date: only claims reported by then count, for or against."""
    return load_for_page(key).grades_known_on(on)


@st.cache_resource(show_spinner=False, max_entries=512)
def overlay(
    key: DataKey, on: dt.date, compare: tuple[str, str] | None, show_change: bool, language: Language = DEFAULT
) -> tuple[dict[str, Any] | None, list[str]]:
    """The overlay per date, switches and language, built once: its geometry work is the heaviest part of a
    step."""
    return analysis_overlay(front_history(key), on, compare, show_change, words_for(language))


@st.cache_resource(show_spinner=False, max_entries=8)
def cached_extension(
    base_key: DataKey, key: DataKey, _base: MapBase, _now: Dataset, _grades: Mapping[str, Grade]
) -> Extension:
    """How an open map's columns extend to the data now shown: the same for every page opened before a change,
    so worked out once per pair of keys (the arguments with a leading _ are named by those keys)."""
    return extension(_base, _now, key, _grades)
