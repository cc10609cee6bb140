"""A claim's "who, when, where, how sure" in words: written here once, shown everywhere.

The side panel, the exported list, the CSV and GeoJSON files and the grades report all
take their wording from `describe`, so what an analyst reviews is what a viewer reads.
Values are plain text; each renderer escapes them for its own medium.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from geo.grading.rule import Grade, origin_of
from geo.language.words import ENGLISH, Words
from geo.model.confidence import CREDIBILITY, LIKELIHOOD, RELIABILITY, Status
from geo.model.locations import ResolvedLocation, resolve
from geo.model.records import Claim, Source
from geo.reading.dataset import Dataset
from geo.workflow.lifecycle import Lifecycle


def day(value: dt.date) -> str:
    """'30 Jan 2025': unambiguous for every reader, unlike 01/02/2025."""
    return f"{value.day} {value:%b %Y}"


def period_text(claim: Claim) -> str:
    start, end = claim.refers_to.start, claim.refers_to.end
    return day(start) if start == end else f"{day(start)} – {day(end)}"


def where_text(place: ResolvedLocation, words: Words = ENGLISH) -> str:
    """'Sudzha — exact point': the place (named in the reader's language) and how precisely it is known."""
    return f"{place.label_in(words)} — {place.precision_in(words)}"


def grade_line(grade: Grade) -> str:
    """'B2 · high confidence · corroborated': a grade in one line, for a tooltip, a chart or a preview."""
    return f"{grade.code} · {grade.confidence.value.lower()} confidence · {grade.status.value}"


@dataclass(frozen=True)
class ReportText:
    outlet: str
    date: dt.date
    url: str
    via: str

    @property
    def day(self) -> str:
        return day(self.date)


@dataclass(frozen=True)
class ClaimText:
    """Everything a reader is told about one claim, as plain text."""

    id: str
    number: int
    statement: str
    category: str
    claimant: str
    claimant_side: str
    claimant_is_party: bool
    passes_on: str  # the source the claimant passes on, if any
    reports: tuple[ReportText, ...]
    first_reported: dt.date
    period: str
    period_precision: str
    place: ResolvedLocation
    place_note: str
    grade: Grade
    corroborated_by: tuple[int, ...]  # claim numbers counted as independent corroboration
    state: str = ""  # "Draft" or "In review" for a version viewers do not see; "" when published
    retraction: str = ""  # "Retracted on 3 February 2025 by …: why", for a tombstone
    record: str = ""  # when it was entered and verified, and by whom (from the store)
    numbers_of: Mapping[str, int] = field(default_factory=dict)  # claim id → public number, for citations

    @property
    def stake(self) -> str:
        return "party to the conflict" if self.claimant_is_party else "not a party"

    @property
    def where(self) -> str:
        return where_text(self.place)

    @property
    def grade_line(self) -> str:
        return grade_line(self.grade)

    @property
    def how_sure(self) -> str:
        """'high, corroborated': the confidence and the status, as a briefing cites a claim."""
        return f"{self.confidence.lower()}, {self.status}"

    @property
    def confidence(self) -> str:
        return self.grade.confidence.value

    @property
    def status(self) -> str:
        return self.grade.status.value

    @property
    def code(self) -> str:
        return self.grade.code

    @property
    def confidence_sentence(self) -> str:
        """Why this much confidence, for this claim: never a generic definition."""
        return f"We have {self.confidence.lower()} confidence in this claim: {self.grade.confidence_reason}."

    @property
    def likelihood(self) -> str:
        term = self.grade.likelihood
        return f"{term} ({LIKELIHOOD[term]})" if term else ""

    @property
    def likelihood_sentence(self) -> str:
        """The likelihood on its own, as ICD 203 asks."""
        if self.grade.likelihood is None:
            return "No likelihood can be estimated."
        return f"We judge it {self.likelihood} that the claim is true."

    @property
    def admiralty(self) -> str:
        """'B3 — usually reliable source; possibly true'."""
        grade = self.grade
        return f"{grade.code} — {RELIABILITY[grade.reliability]} source; {CREDIBILITY[grade.credibility]}"

    @property
    def corroborating_origins(self) -> str:
        """Each origin counted as corroboration with its own letter and the claim it made: what an auditor checks."""
        return "; ".join(
            f"{support.origin} ({support.reliability}; #{self.numbers_of.get(support.claim_id, '?')}"
            + (f"; weaker support: {support.weaker}" if support.weaker else "")
            + ")"
            for support in self.grade.supports
        )

    def grade_fields(self) -> dict[str, str]:
        """How sure, as the named values every export and the feed carry."""
        return {
            "origin": self.grade.origin,
            "access": self.grade.access,
            "statement_kind": self.grade.kind.label,
            "corroborating_origins": self.corroborating_origins,
            "status": self.status,
            "confidence": self.confidence,
            "confidence_why": self.confidence_sentence,
            "likelihood": self.likelihood,
            "admiralty_code": self.code,
            "admiralty": self.admiralty,
            "override": self.override,
        }

    def record_fields(self) -> dict[str, str]:
        """Where the claim stands on the record, for every export and the feed: an analyst's export may
        hold drafts, and a retracted claim must never pass for a live one."""
        state = self.state or ("Retracted" if self.retraction else "Published")
        return {"record_state": state, "retraction": self.retraction, "on_record": self.record}

    @property
    def override(self) -> str:
        """The analyst's override beside the rule's verdict, or '' when the rule stands."""
        derived = self.grade.derived
        if derived is None:
            return ""
        return (
            f"Analyst override — the rule gave {derived.code}, {derived.status.value}, "
            f"{derived.confidence.value.lower()} confidence: {self.grade.override_rationale}"
        )


def describe(claim: Claim, grade: Grade, dataset: Dataset) -> ClaimText:
    sources = dataset.sources
    lifecycle = dataset.lifecycle.get(claim.id)
    claimant = sources[claim.claimant]
    origin = origin_of(claim)
    return ClaimText(
        id=claim.id,
        number=dataset.numbers[claim.id],
        statement=claim.statement,
        category=claim.category.label,
        claimant=claimant.name,
        claimant_side=claimant.affiliation.label,
        claimant_is_party=claimant.affiliation.is_party,
        passes_on=sources[origin].name if origin != claim.claimant and origin in sources else "",
        reports=report_texts(claim, sources),
        first_reported=claim.first_reported,
        period=period_text(claim),
        period_precision=claim.refers_to.precision,
        place=resolve(claim.location, dataset.places, dataset.areas),
        place_note=claim.location.note,
        grade=grade,
        corroborated_by=tuple(sorted(dataset.numbers[other] for other in grade.corroborated_by)),
        state=lifecycle.state.label if lifecycle and lifecycle.pending else "",
        retraction=retraction_text(claim) if grade.status is Status.RETRACTED else "",  # not before its date
        record=record_text(lifecycle),
        numbers_of=dataset.numbers,
    )


def report_texts(claim: Claim, sources: Mapping[str, Source]) -> tuple[ReportText, ...]:
    """Who reported the claim and when, earliest first."""
    return tuple(
        ReportText(sources[report.outlet].name, report.date, report.url, report.via)
        for report in sorted(claim.reports, key=lambda report: report.date)
    )


def retraction_text(claim: Claim) -> str:
    withdrawn = claim.retraction
    if withdrawn is None:
        return ""
    by = f" by {withdrawn.by}" if withdrawn.by else ""
    return f"Retracted on {day(withdrawn.on)}{by}: {withdrawn.reason}"


def record_text(lifecycle: Lifecycle | None) -> str:
    """When a claim entered the record and when a reviewer verified it, besides when it was reported."""
    if lifecycle is None:
        return ""
    parts = []
    if lifecycle.entered_at:
        parts.append(f"entered {day(lifecycle.entered_at.date())} by {lifecycle.entered_by}")
    if lifecycle.verified_at:
        parts.append(f"verified {day(lifecycle.verified_at.date())} by {lifecycle.verified_by}")
    else:
        parts.append("not yet verified")
    sentence = "; ".join(parts)
    return sentence[:1].upper() + sentence[1:]
