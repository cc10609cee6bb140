"""The scales confidence is expressed in, in plain words.

NATO Admiralty code (STANAG 2511): source reliability A–F and information credibility
1–6, always graded separately. US ICD 203: analytic confidence High / Moderate / Low, and
likelihood in seven estimative terms, never stated in the same sentence as confidence.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, get_args

from geo.language.words import N_

Reliability = Literal["A", "B", "C", "D", "E", "F"]
"""Admiralty source reliability, best first: the one place the letters are written (the map gets them in its
payload's scales)."""
RELIABILITY_ORDER = "".join(get_args(Reliability))
RELIABILITY = dict(
    zip(
        RELIABILITY_ORDER,
        (
            N_("completely reliable"),
            N_("usually reliable"),
            N_("fairly reliable"),
            N_("not usually reliable"),
            N_("unreliable"),
            N_("reliability cannot be judged"),
        ),
        strict=True,
    )
)

CREDIBILITY = {
    1: N_("confirmed by other sources"),
    2: N_("probably true"),
    3: N_("possibly true"),
    4: N_("doubtful"),
    5: N_("improbable"),
    6: N_("truth cannot be judged"),
}

LIKELIHOOD = {  # ICD 203 estimative terms and the probability each stands for
    N_("almost no chance"): "1–5%",
    N_("very unlikely"): "5–20%",
    N_("unlikely"): "20–45%",
    N_("roughly even chance"): "45–55%",
    N_("likely"): "55–80%",
    N_("very likely"): "80–95%",
    N_("almost certain"): "95–99%",
}


class ConfidenceLevel(StrEnum):
    """ICD 203 analytic confidence: how well-founded the judgement is, not how likely."""

    HIGH = "High"
    MODERATE = "Moderate"
    LOW = "Low"

    @property
    def rank(self) -> int:
        return {"High": 3, "Moderate": 2, "Low": 1}[self.value]

    @property
    def meaning(self) -> str:
        return {
            "High": N_(
                "probably true or confirmed, independently corroborated, and resting on a source graded A or B "
                "(the claimant or one that confirms it)"
            ),
            "Moderate": N_(
                "sourced well enough to weigh, but short of high confidence: not yet confirmed, "
                "disputed, or with no source graded A or B behind it"
            ),
            "Low": N_("doubtful, refuted or ungradable, or resting only on sources graded D–F"),
        }[self.value]


class Status(StrEnum):
    """Where a claim stands against the others."""

    CLAIMED = "claimed"
    CORROBORATED = "corroborated"
    ASSESSED = "assessed"
    DISPUTED = "disputed"
    REFUTED = "refuted"
    RETRACTED = "retracted"

    @property
    def meaning(self) -> str:
        return {
            "claimed": N_("asserted by one origin only"),
            "corroborated": N_("at least one independent source agrees"),
            "assessed": N_("an independent analytic source agrees"),
            "disputed": N_("an independent source disagrees"),
            "refuted": N_("shown false by a stronger source, or retracted by its own source"),
            "retracted": N_("withdrawn from the record by a reviewer, from the date of the retraction"),
        }[self.value]


OVERRIDE_STATUSES = tuple(status for status in Status if status is not Status.RETRACTED)
"""The statuses an analyst's override may set: a retraction is a reviewer's act, recorded as one."""
