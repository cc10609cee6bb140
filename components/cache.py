"""Cached loading: the dataset is read and validated once per process, not per rerun."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from geo.dataset import Dataset, load_dataset
from geo.grading import Grade, Grader

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def data_dir() -> Path:
    """The bundled data, unless KURSK_MAP_DATA points elsewhere (used by tests)."""
    return Path(os.environ.get("KURSK_MAP_DATA", DEFAULT_DATA_DIR))


@st.cache_resource(show_spinner="Loading the dataset…")
def dataset(path: str) -> Dataset:
    """Shared, read-only: cache_resource avoids copying shapely geometries on every call."""
    return load_dataset(Path(path))


@st.cache_resource(show_spinner=False)
def grades(path: str) -> dict[str, Grade]:
    """The grading rule's verdict on every claim; pure and deterministic, so computed once."""
    data = dataset(path)
    return Grader(data.claims, data.sources).grade_all()
