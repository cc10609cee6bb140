"""Confidence in plain words: the NATO Admiralty code (STANAG 2511) and a map grade.

Reliability (A–F) judges the source; credibility (1–6) judges this piece of information.
They are graded separately and only combined into a coarse level for map styling.
"""

from __future__ import annotations

from enum import StrEnum

from geo.model import Confidence

RELIABILITY = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}

CREDIBILITY = {
    1: "Confirmed by other sources",
    2: "Probably true",
    3: "Possibly true",
    4: "Doubtful",
    5: "Improbable",
    6: "Truth cannot be judged",
}


class Level(StrEnum):
    """A coarse grade for styling and sorting; the Admiralty code stays the detail."""

    HIGH = "High"
    MODERATE = "Moderate"
    LOW = "Low"
    UNJUDGED = "Cannot be judged"

    @property
    def rank(self) -> int:
        return {"High": 3, "Moderate": 2, "Low": 1, "Cannot be judged": 0}[self.value]


def code(confidence: Confidence) -> str:
    """The compact Admiralty code, e.g. 'B3'."""
    return f"{confidence.reliability}{confidence.credibility}"


def level(confidence: Confidence) -> Level:
    """High needs a reliable source and probable information; either weak makes it Low."""
    reliability, credibility = confidence.reliability, confidence.credibility
    if reliability == "F" or credibility == 6:
        return Level.UNJUDGED
    if reliability in "DE" or credibility >= 4:
        return Level.LOW
    if reliability in "AB" and credibility <= 2:
        return Level.HIGH
    return Level.MODERATE


def describe(confidence: Confidence) -> str:
    """'B3 — usually reliable source; possibly true'."""
    return (f"{code(confidence)} — {RELIABILITY[confidence.reliability].lower()} source; "
            f"{CREDIBILITY[confidence.credibility].lower()}")
