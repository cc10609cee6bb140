"""The base map is byte-identical between builds, self-contained and escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import shapely
import streamlit_folium

from components.map.assets import vendored_files
from components.map.frame import build_map
from components.map.payload import STATEMENTS_PER_PART, build_map_data
from geo.language.languages import Language
from geo.publishing.map_parts import SHELF, documents_of, series_part
from geo.reading.dataset import load_dataset
from geo.time.timeline import by_layer
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
        build_map(build_map_data(dataset, grades)), key="map", returned_objects=[], height=760, use_container_width=True
    )
    return captured


def test_two_builds_send_identical_arguments(bundled, monkeypatch) -> None:
    first = component_arguments(bundled, monkeypatch)
    second = component_arguments(bundled, monkeypatch)
    assert json.dumps(first, sort_keys=True, default=str) == json.dumps(second, sort_keys=True, default=str)
    assert len(first["script"]) < 20_000  # the map's script names its payload; the payload is fetched


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
    data = build_map_data(bundled, bundled.grade_all())
    payload, parts = data.payload, documents_of(data.parts)
    assert parts[data.entry] == json.loads(json.dumps(payload))  # the payload is a part, named in the map's script
    assert sum(len(layer["dates"]) for layer in payload["fronts"]) == len(bundled.fronts)
    for layer in payload["fronts"]:  # each snapshot's geometry is a part, fetched when its date is drawn
        snapshots = by_layer(bundled.fronts)[layer["id"]]
        assert layer["dates"] == [snapshot.date.isoformat() for snapshot in snapshots]
        assert layer["areasKm2"] == [snapshot.area_km2 for snapshot in snapshots]
        for place, snapshot in enumerate(snapshots):
            name = series_part(layer["geometries"], place)
            geometry = shapely.geometry.shape(parts[name])
            assert geometry.symmetric_difference(snapshot.geometry).area < 1e-6  # as drawn: to 4 decimals
            assert SHELF.get(name) == data.parts.bodies[name]  # served while data is held
    batches = range(-(-len(bundled.claims) // STATEMENTS_PER_PART))
    statements = [text for batch in batches for text in parts[series_part(payload["statements"], batch)]]
    assert statements == [bundled.by_id[claim_id].statement for claim_id in payload["claims"]["ids"]]
    assert set(data.words) == set(Language)  # the map's words in each language (components.map.words_part)
    assert len(data.parts.bodies) == 1 + len(bundled.fronts) + len(batches) + len(Language)  # nothing else
    assert payload["statementsPerPart"] == STATEMENTS_PER_PART
    columns = payload["claims"]
    assert set(columns["ids"]) == {claim.id for claim in bundled.claims}
    assert columns["numbers"] == [bundled.numbers[claim_id] for claim_id in columns["ids"]]
    assert len(set(columns["numbers"])) == len(bundled.claims)
    assert {len(values) for values in columns.values()} == {len(bundled.claims), len(columns["grades"])}


def test_claim_text_is_escaped_in_the_map(data_copy, monkeypatch) -> None:
    hostile = "<img src=x onerror=alert(1)></script>"
    write_claims(data_copy, [valid_claim(statement=hostile)])
    dataset = load_dataset(data_copy)
    arguments = component_arguments(dataset, monkeypatch)
    assert "<img src=x" not in arguments["script"]
    assert "</script>" not in arguments["script"].split("KurskMap.init", 1)[1]
    data = build_map_data(dataset, dataset.grade_all())
    assert all(b"<" not in body and b">" not in body for body in data.parts.bodies.values())
    assert hostile in documents_of(data.parts)[series_part(data.payload["statements"], 0)]
