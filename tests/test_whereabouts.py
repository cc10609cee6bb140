"""A point said in words ("12.4 km E of Sudzha") names the place it is really nearest, the distance to it, and the
direction it lies in from it, for any point and any place: checked against points set off from a place on purpose."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from geo.model.whereabouts import COMPASS, EARTH_RADIUS_KM, compass_point, distance_km, nearest_place
from geo.reading.dataset import Dataset, load_dataset
from tests.conftest import DATA

GAZETTEER = load_dataset(DATA).places  # read once: hypothesis draws hundreds of points


def moved(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """The point `km` from (lat, lon) along the great circle leaving it at `bearing` degrees."""
    phi, lam, theta, delta = math.radians(lat), math.radians(lon), math.radians(bearing), km / EARTH_RADIUS_KM
    phi2 = math.asin(math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(theta))
    lam2 = lam + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi), math.cos(delta) - math.sin(phi) * math.sin(phi2)
    )
    return math.degrees(phi2), math.degrees(lam2)


@settings(max_examples=300, deadline=None)
@given(lat=st.floats(50.0, 52.5), lon=st.floats(33.5, 37.5))
def test_the_place_named_is_the_nearest_of_all(lat: float, lon: float) -> None:
    found = nearest_place(lat, lon, GAZETTEER)
    assert found is not None
    closest = min(distance_km(place.lat, place.lon, lat, lon) for place in GAZETTEER.values())
    assert math.isclose(found.km, closest, abs_tol=1e-9)
    assert found.words.endswith(f"of {found.place.name}") or found.words == f"at {found.place.name}"


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(sorted(GAZETTEER)),
    sector=st.integers(0, 7),
    off_centre=st.floats(-20.0, 20.0),
    km=st.floats(0.6, 60.0),
)
def test_a_point_set_off_from_a_place_is_said_as_so_far_that_way(
    name: str, sector: int, off_centre: float, km: float
) -> None:
    place = GAZETTEER[name]
    lat, lon = moved(place.lat, place.lon, sector * 45 + off_centre, km)
    found = nearest_place(lat, lon, {name: place})
    assert found is not None
    assert math.isclose(found.km, km, rel_tol=1e-6)
    assert found.words == f"{found.km:.1f} km {COMPASS[sector]} of {name}"


def test_within_half_a_kilometre_a_point_is_at_the_place_and_no_places_say_nothing(bundled: Dataset) -> None:
    sudzha = bundled.places["Sudzha"]
    found = nearest_place(*moved(sudzha.lat, sudzha.lon, 90, 0.3), bundled.places)
    assert found is not None and found.words == "at Sudzha"
    assert nearest_place(sudzha.lat, sudzha.lon, {}) is None
    assert [compass_point(bearing) for bearing in (0, 22.4, 22.6, 90, 180, 270, 337.4, 337.6, 359.9)] == [
        "N",
        "N",
        "NE",
        "E",
        "S",
        "W",
        "NW",
        "N",
        "N",
    ]
