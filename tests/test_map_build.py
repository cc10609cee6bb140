"""The base map is byte-identical between builds, self-contained and escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import streamlit_folium

from components.map.assets import vendored_files
from components.map.frame import build_map
from components.map.payload import build_payload
from geo.reading.dataset import load_dataset
from tests.conftest import valid_claim, write_claims

REPO = Path(__file__).resolve().parents[1]


def component_arguments(dataset, monkeypatch) -> dict:
    """What st_folium would send to the browser for this dataset (callbacks left out)."""
    captured: dict = {}

    def record(**kwargs):
        captured.update({key: value for key, value in kwargs.items() if not callable(value)})
        return None

    monkeypatch.setattr(streamlit_folium, "_component_func", record)
    grades = dataset.grade_all()
    streamlit_folium.st_folium(
        build_map(build_payload(dataset, grades)), key="map", returned_objects=[], height=760, use_container_width=True
    )
    return captured


def test_two_builds_send_identical_arguments(bundled, monkeypatch) -> None:
    first = component_arguments(bundled, monkeypatch)
    second = component_arguments(bundled, monkeypatch)
    assert json.dumps(first, sort_keys=True, default=str) == json.dumps(second, sort_keys=True, default=str)
    assert len(first["script"]) > 100_000  # every dated front and claim is in the base map


def test_every_asset_is_served_locally(bundled, monkeypatch) -> None:
    arguments = component_arguments(bundled, monkeypatch)
    links = arguments["js_links"] + arguments["css_links"]
    assert links
    assert all(link.startswith("/app/static/") for link in links)
    assert not re.search(
        r"https?://(?!tile\.openstreetmap\.org|www\.openstreetmap\.org)[^\"' ]+\.(js|css)",
        arguments["script"] + arguments["header"],
    )
    for path in vendored_files():
        assert path.is_file()
        assert path.stat().st_size > 0


def test_payload_holds_every_front_and_claim(bundled) -> None:
    payload = build_payload(bundled, bundled.grade_all())
    assert sum(len(layer["snapshots"]) for layer in payload["fronts"]) == len(bundled.fronts)
    columns = payload["claims"]
    assert set(columns["ids"]) == {claim.id for claim in bundled.claims}
    assert columns["numbers"] == [bundled.numbers[claim_id] for claim_id in columns["ids"]]
    assert len(set(columns["numbers"])) == len(bundled.claims)
    assert {len(values) for values in columns.values()} == {len(bundled.claims), len(columns["grades"])}


def test_claim_text_is_escaped_in_the_map(data_copy, monkeypatch) -> None:
    write_claims(data_copy, [valid_claim(statement="<img src=x onerror=alert(1)></script>")])
    arguments = component_arguments(load_dataset(data_copy), monkeypatch)
    assert "<img src=x" not in arguments["script"]
    assert "</script>" not in arguments["script"].split("KurskMap.init", 1)[1]
