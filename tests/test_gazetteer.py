"""The gazetteer holds every place the claims name, where the sources say it is, no more precisely than known.

The settlement extract is partly hand-placed (data/PROVENANCE.md). Its sourced corrections and additions, and
what text sources say about where each approximate place lies, are in sources/places.yaml; these tests hold
the built gazetteer (data/places/settlements.geojson) to that record, so a new place, a moved point or a
narrowed radius that the sources do not bear out fails here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shapely
import shapely.ops
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pyproj import Geod

from geo.model.locations import place_radius, resolve
from geo.model.records import Location
from geo.reading.build_data import GAZETTEER_SOURCES
from geo.reading.loading import Place

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
EXTRACT = REPO.parent / "shared" / "data" / "places"
SUPPLEMENT = yaml.safe_load((REPO / "sources" / "places.yaml").read_text(encoding="utf-8"))
GEOD = Geod(ellps="WGS84")

BORDER_ACCURACY_KM = 1.0  # Natural Earth 1:10m (data/PROVENANCE.md)
DIRECTIONS = {"n": 0, "ne": 45, "e": 90, "se": 135, "s": 180, "sw": 225, "w": 270, "nw": 315}
COUNTRIES = {"Russia", "Ukraine", "Korea", "North Korea", "South Korea"}

NAME = r"[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?"
MENTIONS = [
    # "the villages of Oleshnya and Gornal", "the town of Sudzha", "the last village, Gornal"
    re.compile(
        rf"\b(?:villages?|towns?|settlements?|hamlets?|khutors?)(?:,| of(?: the)?)? ({NAME})(?:,? and ({NAME}))?"
    ),
    # "near Makhnovka", "around Gornal and Oleshnya"
    re.compile(
        rf"\b(?:near|around|outside) (?:the (?:villages?|towns?|settlements?) of )?({NAME})(?:,? and ({NAME}))?"
    ),
    # "advanced to southern Zaoleshenka"
    re.compile(rf"\b(?:southern|northern|eastern|western|central) ({NAME})"),
]


def gazetteer() -> dict[str, dict[str, Any]]:
    features = json.loads((DATA / "places" / "settlements.geojson").read_text(encoding="utf-8"))["features"]
    return {feature["properties"]["name"]: feature for feature in features}


PLACES = gazetteer()


def position(name: str) -> tuple[float, float]:
    lon, lat = PLACES[name]["geometry"]["coordinates"]
    return lon, lat


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    return GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000


def offset(origin: tuple[float, float], bearing: float, km: float) -> tuple[float, float]:
    lon, lat, _ = GEOD.fwd(origin[0], origin[1], bearing, km * 1000)
    return lon, lat


def border() -> shapely.Geometry:
    features = json.loads((DATA / "basemap" / "border_ru_ua.geojson").read_text(encoding="utf-8"))["features"]
    return shapely.union_all([shapely.geometry.shape(feature["geometry"]) for feature in features])


BORDER = border()


def km_to_border(point: tuple[float, float]) -> float:
    nearest = shapely.ops.nearest_points(BORDER, shapely.Point(point))[0]
    return km_between(point, (nearest.x, nearest.y))


def slack(km: float) -> float:
    """Distances in the press are round figures ("about 10 km"): a fifth of the figure, at least 1 km."""
    return max(1.0, 0.2 * km)


def texts(record: Any) -> Iterator[str]:
    """Every piece of prose in a claims or story file (addresses left out)."""
    if isinstance(record, str):
        if not record.startswith(("http://", "https://")):
            yield " ".join(record.split())
    elif isinstance(record, dict):
        for value in record.values():
            yield from texts(value)
    elif isinstance(record, list):
        for value in record:
            yield from texts(value)


def named_settlements() -> dict[str, set[str]]:
    """Settlement names the claims and stories use, each with the files that use it."""
    named: dict[str, set[str]] = {}
    for path in sorted((DATA / "claims").glob("*.yaml")) + sorted((DATA / "stories").glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for claim in document.get("claims", []) if isinstance(document, dict) else []:
            place = (claim.get("location") or {}).get("place")
            if place:
                named.setdefault(place, set()).add(path.name)
        for text in texts(document):
            for pattern in MENTIONS:
                for match in pattern.finditer(text):
                    for name in filter(None, match.groups()):
                        if name not in COUNTRIES:
                            named.setdefault(name, set()).add(path.name)
    return named


def test_every_place_a_claim_or_story_names_is_in_the_gazetteer_or_recorded_as_unplaced() -> None:
    unplaced = {entry["name"] for entry in SUPPLEMENT["unplaced"]}
    missing = {name: files for name, files in named_settlements().items() if name not in PLACES.keys() | unplaced}
    assert not missing, (
        f"named but neither in the gazetteer nor listed under `unplaced` in sources/places.yaml: {missing}"
    )


def test_unplaced_places_are_still_named_and_still_missing() -> None:
    named = named_settlements()
    for entry in SUPPLEMENT["unplaced"]:
        assert entry["name"] not in PLACES, f"{entry['name']} is in the gazetteer now: drop it from `unplaced`"
        assert entry["name"] in named, f"no claim or story names {entry['name']} any more: drop it from `unplaced`"
        assert entry["searched"], f"say what was searched for {entry['name']}"


def test_the_mention_finder_sees_the_phrasings_the_claims_use() -> None:
    found = {
        name
        for pattern in MENTIONS
        for match in pattern.finditer(
            "Russia retook the town of Sudzha, with the villages of Melovoy and Podol, and the last village, Gornal; "
            "fighting near Makhnovka and around Gornal and Oleshnya; an advance to southern Zaoleshenka."
        )
        for name in filter(None, match.groups())
    }
    assert found == {"Sudzha", "Melovoy", "Podol", "Gornal", "Makhnovka", "Oleshnya", "Zaoleshenka"}


def test_every_approximate_place_has_its_evidence_on_record() -> None:
    approximate = {name for name, feature in PLACES.items() if not feature["properties"]["verified"]}
    recorded = set(SUPPLEMENT["evidence"])
    assert approximate == recorded, (
        f"approximate places without an `evidence` entry: {sorted(approximate - recorded)}; "
        f"evidence for places that are not approximate: {sorted(recorded - approximate)}"
    )


def evidence() -> Iterator[tuple[str, dict[str, Any]]]:
    for name, hints in SUPPLEMENT["evidence"].items():
        for hint in hints:
            yield name, hint


@pytest.mark.parametrize(("name", "hint"), list(evidence()), ids=lambda value: value if isinstance(value, str) else "")
def test_an_approximate_place_is_no_more_precise_than_its_sources_allow(name: str, hint: dict[str, Any]) -> None:
    """The radius drawn around a hand-placed point reaches every position its text sources imply."""
    point = position(name)
    radius = PLACES[name]["properties"]["precision_km"]
    assert hint["source"], f"{name}: each piece of evidence names its source"
    if "border_km" in hint:
        off = km_to_border(point) - hint["border_km"]
        allowed = radius + BORDER_ACCURACY_KM + slack(hint["border_km"])
        assert off <= allowed, f"{name}: {off:.1f} km further from the border than {hint['source']!r} says"
        return
    reference = position(hint["near"])
    if "direction" in hint:
        centre = DIRECTIONS[hint["direction"]]
        reach = min(
            km_between(point, offset(reference, centre + turn, km / 2))
            for turn in range(-45, 46, 5)
            for km in range(1, 81)
        )
        assert reach <= radius, f"{name}: {reach:.1f} km from anywhere {hint['direction']} of {hint['near']}"
        return
    if "bearing" in hint:
        implied = offset(reference, hint["bearing"], hint["km"])
        off = km_between(point, implied)
    else:
        off = abs(km_between(point, reference) - hint["km"])
    assert off <= radius + slack(hint["km"]), f"{name}: {off:.1f} km from where {hint['source']!r} puts it"


def test_verified_places_come_from_a_gazetteer() -> None:
    for name, feature in PLACES.items():
        properties = feature["properties"]
        if properties["verified"]:
            assert any(source in properties["coord_source"] for source in GAZETTEER_SOURCES), name
            assert properties["precision_km"] <= 2, name
        else:
            assert properties["precision_km"] > 1, f"{name} is approximate but shown as exact"
            assert "APPROXIMATE" in properties["coord_source"], name


@pytest.mark.skipif(not EXTRACT.is_dir(), reason="source extracts are not beside the project")
def test_verified_places_are_the_extracts_or_a_sourced_addition() -> None:
    extract = {}
    for file in ("settlements.geojson", "settlements_unverified.geojson"):
        for feature in json.loads((EXTRACT / file).read_text(encoding="utf-8"))["features"]:
            extract[feature["properties"]["name"]] = feature
    added = {entry["name"]: entry for entry in SUPPLEMENT["add"]}
    corrected = {entry["name"] for entry in SUPPLEMENT["correct"]}
    for name, feature in PLACES.items():
        if name in added:
            assert [added[name]["lon"], added[name]["lat"]] == feature["geometry"]["coordinates"], name
            continue
        assert name in extract, f"{name} is neither in the extract nor added in sources/places.yaml"
        if feature["properties"]["verified"]:
            assert extract[name]["properties"].get("verified", True), f"{name} was hand-placed in the extract"
            assert extract[name]["geometry"] == feature["geometry"] or name in corrected, name


def test_a_claim_about_an_approximate_place_is_drawn_no_more_precisely_than_the_place(bundled) -> None:
    claim = bundled.by_id["zelensky-makhnovka-nk-battalion-losses"]
    place = bundled.places["Makhnovka"]
    drawn = resolve(claim.location, bundled.places, bundled.areas)
    assert not place.verified
    assert drawn.radius_km == claim.location.precision_km + place.precision_km
    assert drawn.precision == f"approximate (within {drawn.radius_km:g} km)"


@given(
    claim_km=st.none() | st.floats(min_value=0.1, max_value=500),
    place_km=st.floats(min_value=0.1, max_value=50),
    verified=st.booleans(),
)
def test_the_drawn_radius_never_undercuts_the_claim_or_the_place(
    claim_km: float | None, place_km: float, verified: bool
) -> None:
    place = Place(
        name="X",
        country="RU",
        lat=51.2,
        lon=35.3,
        key_place=False,
        verified=verified,
        precision_km=place_km,
        coord_source="test",
    )
    radius = place_radius(claim_km, place)
    assert radius >= place_km
    assert claim_km is None or radius >= claim_km
    drawn = resolve(Location(place="X", precision_km=claim_km), {"X": place}, {})
    assert drawn.radius_km == radius
