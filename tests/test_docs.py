"""The README documents what a data editor and a link sharer need."""

from __future__ import annotations

from pathlib import Path

from geo.model.records import Claim

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_every_claim_field_appears_in_the_readme_example() -> None:
    for field in Claim.model_fields:
        assert f"{field}:" in README, field


def test_both_commands_and_link_parameters_are_documented() -> None:
    assert "bash scripts/run.sh" in README and "bash scripts/test.sh" in README
    for parameter in ["date=", "claim=", "status=", "conf=", "lat=", "zoom=", "mode=brief", "story=", "step="]:
        assert parameter in README, parameter
