"""The Admiralty code is kept as two separate grades and read out in plain words."""

from __future__ import annotations

import pytest

from geo import confidence
from geo.model import Confidence


def grade(reliability: str, credibility: int) -> Confidence:
    return Confidence(reliability=reliability, credibility=credibility, rationale="test")


@pytest.mark.parametrize(("reliability", "credibility", "level"), [
    ("A", 1, confidence.Level.HIGH),
    ("B", 2, confidence.Level.HIGH),
    ("B", 3, confidence.Level.MODERATE),
    ("C", 1, confidence.Level.MODERATE),
    ("D", 2, confidence.Level.LOW),
    ("B", 4, confidence.Level.LOW),
    ("F", 2, confidence.Level.UNJUDGED),
    ("A", 6, confidence.Level.UNJUDGED),
])
def test_levels(reliability: str, credibility: int, level: confidence.Level) -> None:
    assert confidence.level(grade(reliability, credibility)) == level


def test_describe_reads_both_scales() -> None:
    assert confidence.describe(grade("B", 3)) == "B3 — usually reliable source; possibly true"


def test_every_bundled_claim_has_a_reasoned_grade(bundled) -> None:
    for claim in bundled.claims:
        assert len(claim.confidence.rationale) > 20, claim.id
