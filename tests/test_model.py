"""The pydantic model rejects what a map could not show honestly."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from geo.model.records import Affiliation, Claim, Location, Source
from tests.conftest import valid_claim


def test_valid_claim_parses_and_knows_its_first_report() -> None:
    claim = Claim.model_validate(
        valid_claim(reports=[{"outlet": "bbc", "date": "2025-02-02"}, {"outlet": "nyt", "date": "2025-01-30"}])
    )
    assert claim.first_reported.isoformat() == "2025-01-30"


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,hi", "ftp://x.org/a", "/relative", "www.bbc.com"]
)
def test_links_must_be_http_or_https(url: str) -> None:
    with pytest.raises(ValidationError, match="http"):
        Claim.model_validate(valid_claim(reports=[{"outlet": "bbc", "date": "2025-01-31", "url": url}]))


def test_empty_link_means_no_link_found() -> None:
    claim = Claim.model_validate(valid_claim(reports=[{"outlet": "bbc", "date": "2025-01-31", "url": ""}]))
    assert claim.reports[0].url == ""


@pytest.mark.parametrize(
    ("location", "message"),
    [
        ({}, "choose a place, a point or an area"),
        ({"place": "Sudzha", "area": "kursk-front"}, "give one of place, point or area, not place and area"),
        ({"point": {"lat": 51.2, "lon": 35.3}}, "precision_km"),
        ({"point": {"lat": 95, "lon": 35.3}, "precision_km": 1}, "less than or equal"),
    ],
)
def test_location_needs_one_kind_and_a_precision(location: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Location.model_validate(location)


@pytest.mark.parametrize(
    "override",
    [
        {"rationale": "Changes nothing at all here."},
        {"credibility": 7, "rationale": "Out of the Admiralty scale."},
        {"credibility": 2, "rationale": "short"},
    ],
)
def test_overrides_change_something_and_say_why(override: dict) -> None:
    with pytest.raises(ValidationError):
        Claim.model_validate(valid_claim(override=override))


def test_grades_are_not_typed_into_claims() -> None:
    with pytest.raises(ValidationError, match="confidence"):
        Claim.model_validate(valid_claim(confidence={"reliability": "B", "credibility": 2, "rationale": "x"}))


def test_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValidationError, match="before it starts"):
        Claim.model_validate(valid_claim(refers_to={"start": "2025-02-01", "end": "2025-01-01"}))


def test_unknown_fields_are_errors_not_silently_dropped() -> None:
    with pytest.raises(ValidationError, match="statment"):
        Claim.model_validate(valid_claim(statment="typo"))


def test_parties_to_the_conflict_are_marked() -> None:
    assert Affiliation.RUSSIA.is_party
    assert Affiliation.NORTH_KOREA.is_party
    assert Affiliation.UKRAINE.is_party
    assert not Affiliation.INDEPENDENT.is_party
    assert not Affiliation.THIRD_PARTY_GOVERNMENT.is_party
    source = Source.model_validate({"id": "x", "name": "X", "kind": "news-outlet", "affiliation": "independent"})
    assert source.url == "" and source.reliability == "F"
