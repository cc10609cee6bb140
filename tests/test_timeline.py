"""The date control: which front snapshot and which claims belong to a date."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

from geo.model.records import Claim
from geo.time.timeline import (
    by_layer,
    is_visible,
    known_by,
    latest_snapshots,
    nearest_date,
    timeline_dates,
    visible_claims,
)
from tests.conftest import valid_claim


def test_timeline_holds_every_front_date_and_claim_report_date(bundled) -> None:
    dates = timeline_dates(bundled.fronts, bundled.claims)
    assert dates == sorted(set(dates))
    assert {snapshot.date for snapshot in bundled.fronts} <= set(dates)
    assert {claim.first_reported for claim in bundled.claims} <= set(dates)


def test_each_layer_shows_its_latest_snapshot_on_or_before_the_date(bundled) -> None:
    chosen = latest_snapshots(bundled.fronts, dt.date(2025, 1, 31))
    assert chosen["ua-held-mapsite"].date == dt.date(2025, 1, 1)
    assert chosen["isw-russian-advances"].date == dt.date(2025, 1, 24)
    assert latest_snapshots(bundled.fronts, dt.date(2024, 8, 1)) == {}


def test_claim_appears_when_reported_and_fades_after_the_window() -> None:
    claim = Claim.model_validate(
        valid_claim(
            reports=[{"outlet": "bbc", "date": "2025-01-31"}], refers_to={"start": "2025-01-10", "end": "2025-01-31"}
        )
    )
    assert not is_visible(claim, dt.date(2025, 1, 30))
    assert is_visible(claim, dt.date(2025, 1, 31))
    assert is_visible(claim, dt.date(2025, 5, 1))
    assert not is_visible(claim, dt.date(2025, 5, 2))


def test_seed_claims_are_visible_on_the_day_of_the_bbc_report(bundled) -> None:
    shown = {claim.id for claim in visible_claims(bundled.claims, dt.date(2025, 1, 31))}
    assert {
        "nk-absent-kursk-front-three-weeks",
        "nk-withdrawal-may-be-temporary",
        "nk-troops-unready-for-modern-war-drones",
        "russia-has-not-commented",
    } <= shown


def test_nearest_date_snaps_back_never_forward() -> None:
    options = [dt.date(2025, 1, 1), dt.date(2025, 2, 1)]
    assert nearest_date(options, dt.date(2025, 1, 20)) == dt.date(2025, 1, 1)
    assert nearest_date(options, dt.date(2024, 1, 1)) == dt.date(2025, 1, 1)


def test_kursk_layers_come_before_the_context_layer(bundled) -> None:
    layers = by_layer(bundled.fronts)
    assert list(layers) == ["isw-russian-advances", "ua-held-mapsite", "ru-occupied-deepstate"]
    assert all(snapshot.context for snapshot in layers["ru-occupied-deepstate"])
    assert all(earlier.date < later.date for snapshots in layers.values() for earlier, later in pairwise(snapshots))


def test_the_dataset_answers_exactly_as_the_rule_on_every_date(bundled) -> None:
    """Dataset.visible_on and known_on are the fast forms of visible_claims and known_by: same claims, same order."""
    for day in timeline_dates(bundled.fronts, bundled.claims):
        assert bundled.visible_on(day) == visible_claims(bundled.claims, day)
        assert bundled.known_on(day) == known_by(bundled.claims, day)
