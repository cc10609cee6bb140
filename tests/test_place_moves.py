"""What a place's change does to the claims drawn there, as the review queue says it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.model.records import Claim
from geo.workflow.place_moves import place_move
from tests.conftest import valid_claim


def feature(lon: float, lat: float, precision_km: float = 1.0) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {"name": "Sudzha", "precision_km": precision_km},
    }


CLAIMS = [
    Claim.model_validate(valid_claim(id="at-sudzha")),
    Claim.model_validate(valid_claim(id="at-gornal", location={"place": "Gornal"})),
]


def test_the_queue_says_how_many_claims_move_how_far_and_what_happens_to_their_precision() -> None:
    move = place_move(feature(35.2726, 51.1976), feature(35.2726, 51.1526, 3.0), CLAIMS)
    assert move.claims == ("at-sudzha",)  # only the claims at this place
    assert move.km == pytest.approx(5.0, abs=0.05)
    assert str(move) == "moves 1 claim at Sudzha by 5.0 km; precision 1 km → 3 km"
    assert str(place_move(feature(35.27, 51.19), feature(35.27, 51.19), [*CLAIMS, *CLAIMS])) == (
        "keeps 2 claims at Sudzha where they are"
    )


@given(
    lon=st.floats(33.0, 39.0),
    lat=st.floats(49.5, 53.0),
    east=st.floats(-0.5, 0.5),
    north=st.floats(-0.5, 0.5),
)
def test_a_move_is_as_far_either_way_and_nothing_when_the_point_stays(
    lon: float, lat: float, east: float, north: float
) -> None:
    there, back = feature(lon, lat), feature(lon + east, lat + north)
    assert place_move(there, back, CLAIMS).km == pytest.approx(place_move(back, there, CLAIMS).km, abs=0.011)
    assert place_move(there, there, CLAIMS).km == 0
    assert place_move(there, back, CLAIMS).km <= 0.5 * 111.4 * 2  # never more than the degrees moved
