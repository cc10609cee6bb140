"""A claim's "who, when, where, how sure" in words: written here once, shown everywhere.

The side panel, the exported list, the CSV and GeoJSON files and the grades report all
take their wording from `describe`, so what an analyst reviews is what a viewer reads.
Values are plain text; each renderer escapes them for its own medium. Given a reader's `Words`,
every sentence is written in their language; without, in English, as the exports and the feed
write it. The claim's own words (its statement, names, notes) stay as they were made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from geo.grading.rule import Grade, origin_of
from geo.language.scales import category_name, confidence_name, side_name, status_name
from geo.language.words import ENGLISH, Words
from geo.model.confidence import CREDIBILITY, LIKELIHOOD, RELIABILITY, Status
from geo.model.locations import ResolvedLocation, resolve
from geo.model.records import Claim, Source
from geo.reading.dataset import Dataset
from geo.workflow.lifecycle import Lifecycle


def in_sentence(name: str) -> str:
    """A scale's name as a sentence says it, not as a filter offers it: 'High' → 'high'."""
    return name[:1].lower() + name[1:]


def day(value: dt.date, words: Words = ENGLISH) -> str:
    """'30 Jan 2025': unambiguous for every reader, unlike 01/02/2025 ('30 січ. 2025 р.' in Ukrainian)."""
    return words.date(value, "medium")


def period_text(claim: Claim, words: Words = ENGLISH) -> str:
    start, end = claim.refers_to.start, claim.refers_to.end
    return day(start, words) if start == end else f"{day(start, words)} – {day(end, words)}"


def where_text(place: ResolvedLocation, words: Words = ENGLISH) -> str:
    """'Sudzha — exact point': the place (named in the reader's language) and how precisely it is known."""
    return f"{place.label_in(words)} — {place.precision_in(words)}"


def grade_line(grade: Grade, words: Words = ENGLISH) -> str:
    """'B2 · high confidence · corroborated': a grade in one line, for a tooltip, a chart or a preview."""
    return words.gettext(
        "{code} · {confidence} confidence · {status}",
        code=grade.code,
        confidence=in_sentence(confidence_name(grade.confidence, words)),
        status=in_sentence(status_name(grade.status, words)),
    )


@dataclass(frozen=True)
class ReportText:
    outlet: str
    date: dt.date
    url: str
    via: str
    words: Words = ENGLISH

    @property
    def day(self) -> str:
        return day(self.date, self.words)


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
    statement_language: str = "en"  # the language the statement was made in
    translation: str = ""  # the statement translated for this reader, when it was made in another language
    words: Words = ENGLISH  # the reader's language: every sentence below is written in it

    @property
    def stake(self) -> str:
        if self.claimant_is_party:
            return self.words.gettext("party to the conflict")
        return self.words.gettext("not a party")

    @property
    def where(self) -> str:
        return where_text(self.place, self.words)

    @property
    def grade_line(self) -> str:
        return grade_line(self.grade, self.words)

    @property
    def how_sure(self) -> str:
        """'high, corroborated': the confidence and the status, as a briefing cites a claim."""
        return self.words.gettext(
            "{confidence}, {status}",
            confidence=in_sentence(self.confidence),
            status=self.status,
        )

    @property
    def confidence(self) -> str:
        """'High', as a badge says it."""
        return confidence_name(self.grade.confidence, self.words)

    @property
    def status(self) -> str:
        """'corroborated', as a sentence says it."""
        return in_sentence(status_name(self.grade.status, self.words))

    @property
    def code(self) -> str:
        return self.grade.code

    @property
    def confidence_sentence(self) -> str:
        """Why this much confidence, for this claim: never a generic definition."""
        return self.words.gettext(
            "We have {confidence} confidence in this claim: {why}.",
            confidence=in_sentence(self.confidence),
            why=self.grade.confidence_why.said_in(self.words),
        )

    @property
    def likelihood(self) -> str:
        term = self.grade.likelihood
        return f"{self.words.gettext(term)} ({LIKELIHOOD[term]})" if term else ""

    @property
    def likelihood_sentence(self) -> str:
        """The likelihood on its own, as ICD 203 asks."""
        if self.grade.likelihood is None:
            return self.words.gettext("No likelihood can be estimated.")
        return self.words.gettext("We judge it {likelihood} that the claim is true.", likelihood=self.likelihood)

    @property
    def admiralty(self) -> str:
        """'B3 — usually reliable source; possibly true'."""
        grade = self.grade
        return self.words.gettext(
            "{code} — {reliability} source; {credibility}",
            code=grade.code,
            reliability=self.words.gettext(RELIABILITY[grade.reliability]),
            credibility=self.words.gettext(CREDIBILITY[grade.credibility]),
        )

    @property
    def corroborating_origins(self) -> str:
        """Each origin counted as corroboration with its own letter and the claim it made: what an auditor checks."""
        said = []
        for support in self.grade.supports:
            cited = {
                "source": support.origin.said_in(self.words),
                "letter": support.reliability,
                "number": str(self.numbers_of.get(support.claim_id, "?")),
            }
            if support.weaker:
                weaker = support.weaker.said_in(self.words)
                said.append(
                    self.words.gettext(
                        "{source} ({letter}; #{number}; weaker support: {weaker})", weaker=weaker, **cited
                    )
                )
            else:
                said.append(self.words.gettext("{source} ({letter}; #{number})", **cited))
        return "; ".join(said)

    def grade_fields(self) -> dict[str, str]:
        """How sure, as the named values every export and the feed carry."""
        return {
            "origin": self.grade.origin.said_in(self.words),
            "access": self.words.gettext(self.grade.access),
            "statement_kind": self.words.gettext(self.grade.kind.label),
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
        state = self.state or (self.words.gettext("Retracted") if self.retraction else self.words.gettext("Published"))
        return {"record_state": state, "retraction": self.retraction, "on_record": self.record}

    @property
    def override(self) -> str:
        """The analyst's override beside the rule's verdict, or '' when the rule stands."""
        derived = self.grade.derived
        if derived is None:
            return ""
        return self.words.gettext(
            "Analyst override — the rule gave {code}, {status}, {confidence} confidence: {rationale}",
            code=derived.code,
            status=in_sentence(status_name(derived.status, self.words)),
            confidence=in_sentence(confidence_name(derived.confidence, self.words)),
            rationale=self.grade.override_rationale,
        )


def describe(claim: Claim, grade: Grade, dataset: Dataset, words: Words = ENGLISH) -> ClaimText:
    """The claim in words: the reader's language given `words`, else English (the exports and the feed)."""
    sources, language = dataset.sources, words.language.value
    lifecycle = dataset.lifecycle.get(claim.id)
    claimant = sources[claim.claimant]
    origin = origin_of(claim)
    return ClaimText(
        id=claim.id,
        number=dataset.numbers[claim.id],
        statement=claim.statement,
        category=category_name(claim.category, words),
        claimant=claimant.name_in(language),
        claimant_side=side_name(claimant.affiliation, words),
        claimant_is_party=claimant.affiliation.is_party,
        passes_on=sources[origin].name_in(language) if origin != claim.claimant and origin in sources else "",
        reports=report_texts(claim, sources, words),
        first_reported=claim.first_reported,
        period=period_text(claim, words),
        period_precision=claim.refers_to.precision,
        place=resolve(claim.location, dataset.places, dataset.areas),
        place_note=claim.location.note,
        grade=grade,
        corroborated_by=tuple(sorted(dataset.numbers[other] for other in grade.corroborated_by)),
        state=words.gettext(lifecycle.state.label) if lifecycle and lifecycle.pending else "",
        retraction=retraction_text(claim, words) if grade.status is Status.RETRACTED else "",  # not before its date
        record=record_text(lifecycle, words),
        numbers_of=dataset.numbers,
        statement_language=claim.statement_language,
        translation=translation_for(claim, words),
        words=words,
    )


def translation_for(claim: Claim, words: Words) -> str:
    """The statement in the reader's language when it was made in another and a translation is recorded, else its
    English translation if it was not made in English; '' when the reader reads it as made."""
    if claim.statement_language == words.language.value:
        return ""
    translated = {str(language): text for language, text in claim.translations.items()}
    if words.language.value in translated:
        return translated[words.language.value]
    return translated.get("en", "") if claim.statement_language != "en" else ""


def report_texts(claim: Claim, sources: Mapping[str, Source], words: Words = ENGLISH) -> tuple[ReportText, ...]:
    """Who reported the claim and when, earliest first."""
    return tuple(
        ReportText(sources[report.outlet].name_in(words.language.value), report.date, report.url, report.via, words)
        for report in sorted(claim.reports, key=lambda report: report.date)
    )


def retraction_text(claim: Claim, words: Words = ENGLISH) -> str:
    withdrawn = claim.retraction
    if withdrawn is None:
        return ""
    if withdrawn.by:
        return words.gettext(
            "Retracted on {day} by {person}: {reason}",
            day=day(withdrawn.on, words),
            person=withdrawn.by,
            reason=withdrawn.reason,
        )
    return words.gettext("Retracted on {day}: {reason}", day=day(withdrawn.on, words), reason=withdrawn.reason)


def record_text(lifecycle: Lifecycle | None, words: Words = ENGLISH) -> str:
    """When a claim entered the record and when a reviewer verified it, besides when it was reported."""
    if lifecycle is None:
        return ""
    parts = []
    if lifecycle.entered_at:
        entered = day(lifecycle.entered_at.date(), words)
        parts.append(words.gettext("entered {day} by {person}", day=entered, person=lifecycle.entered_by))
    if lifecycle.verified_at:
        verified = day(lifecycle.verified_at.date(), words)
        parts.append(words.gettext("verified {day} by {person}", day=verified, person=lifecycle.verified_by))
    else:
        parts.append(words.gettext("not yet verified"))
    sentence = "; ".join(parts)
    return sentence[:1].upper() + sentence[1:]
