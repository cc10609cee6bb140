"""The grading rule: how sure we are of each claim, derived — never typed in — and explained.

Inputs are facts recorded in the data: the claimant's source reliability (A–F, in
sources.yaml), which claims agree or disagree with which, who the claim is about, and
whether the claimant speaks against its own interest. The rule, step by step:

1. Reliability is the origin's grade. The origin is the claimant, or the source the claimant
   passes on. Points: A +2, B +1, C 0, D −1, E −2; F gives no points.
2. Corroboration counts agreeing claims from *independent* origins only. Origins are the same
   when they are one source or parts of one organisation (`part_of`), so circular reporting
   counts once. When a party to the conflict speaks about its enemy's losses or capability,
   or claims its own side's gains, agreement from the same side (co-belligerents included)
   does not count either.
   One independent origin +2, two or more +3.
3. An independent analytic source (a think tank) that agrees: +1, and the claim is "assessed".
4. Speaking against one's own side's interest: +1.
5. A stake in the claim (the cases in step 2): −1.
6. Contradiction. A claim is refuted by a later retraction from its own origin, or by an
   independent A/B source whose own claim has more independent corroboration than this one.
   Refuted claims dispute nothing, and a claim is not disputed by the earlier claim it
   retracts. Otherwise each independent contradicting origin at least as reliable costs −1
   (at most −2) and the claim is "disputed".
7. Credibility (1–6). 1, "confirmed", needs no dispute and either two independent origins
   or one independent origin graded A or B: confirmation rests on the confirmer, not the
   claimant. Otherwise from the points: 2 at ≥2; 3 at 0–1; 4 at −1; 5 at ≤−2 or refuted;
   6 when reliability is F and nothing corroborates or contradicts the claim.
8. Confidence (US ICD 203): High needs credibility 1–2 and independent corroboration, with
   either the origin or a corroborating source graded A/B; Low is credibility 4–6, or a D–F
   origin that no A/B source confirms; otherwise Moderate. Likelihood uses ICD 203's seven
   terms and is reported in its own sentence.

An analyst may override the result with a written rationale (`override` in the claim); the
rule's verdict is kept beside it and both are shown.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from geo.confidence import RELIABILITY, RELIABILITY_ORDER, ConfidenceLevel, Status
from geo.model import Affiliation, Category, Claim, Credibility, Reliability, Source, SourceKind
from geo.timeline import known_by

RELIABILITY_POINTS = {"A": 2, "B": 1, "C": 0, "D": -1, "E": -2, "F": 0}
STAKE_ABOUT_ENEMY = {Category.CASUALTIES, Category.CAPABILITY}
STAKE_ABOUT_OWN_SIDE = {Category.TERRITORIAL_CONTROL}
ENEMIES = {
    Affiliation.UKRAINE: {Affiliation.RUSSIA, Affiliation.NORTH_KOREA},
    Affiliation.RUSSIA: {Affiliation.UKRAINE},
    Affiliation.NORTH_KOREA: {Affiliation.UKRAINE},
}
CAMPS = {  # co-belligerents count as one side when a claim's stake is weighed
    Affiliation.UKRAINE: "ukraine",
    Affiliation.RUSSIA: "russia-and-north-korea",
    Affiliation.NORTH_KOREA: "russia-and-north-korea",
}


@dataclass(frozen=True)
class Grade:
    """The rule's verdict on one claim, with every reason that produced it."""

    reliability: Reliability
    credibility: Credibility
    confidence: ConfidenceLevel
    likelihood: str | None
    status: Status
    points: int
    reasons: tuple[str, ...]
    corroborated_by: tuple[str, ...] = ()
    not_counted: tuple[str, ...] = ()
    contradicted_by: tuple[str, ...] = ()
    derived: Grade | None = None
    override_rationale: str = ""

    @property
    def headline(self) -> str:
        """The one reason that decided the grade, for a one-line summary."""
        if self.override_rationale:
            return f"Analyst override: {self.override_rationale}"
        wanted = {
            Status.REFUTED: "Refuted",
            Status.DISPUTED: "Disputed",
            Status.ASSESSED: "Assessed by",
            Status.CORROBORATED: "Independently corroborated",
            Status.CLAIMED: "No independent source",
        }
        prefix = wanted[self.status]
        return next((reason for reason in self.reasons if reason.startswith(prefix)), self.reasons[0])

    @property
    def code(self) -> str:
        return f"{self.reliability}{self.credibility}"


@dataclass(frozen=True)
class Relations:
    """Agreement and disagreement between claims, made symmetric."""

    agrees: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    disagrees: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, claims: Iterable[Claim]) -> Relations:
        known = {claim.id for claim in claims}
        agrees: dict[str, set[str]] = defaultdict(set)
        disagrees: dict[str, set[str]] = defaultdict(set)
        for claim in claims:
            for other in claim.supports:
                if other in known and other != claim.id:
                    agrees[claim.id].add(other)
                    agrees[other].add(claim.id)
            for other in claim.contradicts:
                if other in known and other != claim.id:
                    disagrees[claim.id].add(other)
                    disagrees[other].add(claim.id)
        return cls(
            {key: tuple(sorted(value)) for key, value in agrees.items()},
            {key: tuple(sorted(value)) for key, value in disagrees.items()},
        )


def origin_of(claim: Claim) -> str:
    """Whose word the claim ultimately is: the source passed on, else the claimant."""
    return claim.origin or claim.claimant


def root_of(source_id: str, sources: Mapping[str, Source]) -> str:
    """The top organisation a source belongs to (parts of one body are not independent)."""
    seen = set()
    while source_id in sources and sources[source_id].part_of and source_id not in seen:
        seen.add(source_id)
        source_id = str(sources[source_id].part_of)
    return source_id


def side_of(source_id: str, sources: Mapping[str, Source]) -> Affiliation:
    return sources[source_id].affiliation if source_id in sources else Affiliation.INDEPENDENT


def has_stake(claim: Claim, sources: Mapping[str, Source]) -> bool:
    """A party speaking of its enemy's losses or capability, or of its own side's gains."""
    side = side_of(origin_of(claim), sources)
    if not side.is_party or claim.about is None or claim.against_interest:
        return False
    about_enemy = claim.about in ENEMIES.get(side, set()) and claim.category in STAKE_ABOUT_ENEMY
    about_own_gains = claim.about == side and claim.category in STAKE_ABOUT_OWN_SIDE
    return about_enemy or about_own_gains


def name(source_id: str, sources: Mapping[str, Source]) -> str:
    return sources[source_id].name if source_id in sources else source_id


def credibility_from(points: int, confirmed: bool, status: Status, unjudged: bool) -> Credibility:
    if status is Status.REFUTED:
        return 5
    if unjudged:
        return 6
    if confirmed and status is not Status.DISPUTED:
        return 1
    if points >= 2:
        return 2
    if points >= 0:
        return 3
    if points == -1:
        return 4
    return 5


def confidence_from(
    reliability: Reliability, credibility: int, independent: int, confirmed_by_reliable: bool
) -> ConfidenceLevel:
    """How well-founded our judgement is: it rests on the claimant or on whoever confirmed it."""
    well_sourced = reliability in "AB" or confirmed_by_reliable
    if credibility >= 4 or (reliability in "DEF" and not confirmed_by_reliable):
        return ConfidenceLevel.LOW
    if credibility <= 2 and independent >= 1 and well_sourced:
        return ConfidenceLevel.HIGH
    return ConfidenceLevel.MODERATE


def likelihood_from(credibility: int, independent: int, status: Status) -> str | None:
    if credibility == 6:
        return None
    if credibility == 1:
        return "almost certain" if independent >= 2 else "very likely"
    if status is Status.REFUTED:
        return "almost no chance" if independent == 0 else "very unlikely"
    return {2: "likely", 3: "roughly even chance", 4: "unlikely", 5: "very unlikely"}[credibility]


class Grader:
    """Grades claims against each other; build once per dataset."""

    def __init__(self, claims: Iterable[Claim], sources: Mapping[str, Source]) -> None:
        self.claims = {claim.id: claim for claim in claims}
        self.sources = sources
        self.relations = Relations.of(self.claims.values())

    def independent(self, claim: Claim, other: Claim) -> bool:
        return root_of(origin_of(claim), self.sources) != root_of(origin_of(other), self.sources)

    def counts_as_corroboration(self, claim: Claim, other: Claim) -> bool:
        if not self.independent(claim, other):
            return False
        camp = CAMPS.get(side_of(origin_of(claim), self.sources))
        same_side = camp is not None and CAMPS.get(side_of(origin_of(other), self.sources)) == camp
        return not (has_stake(claim, self.sources) and same_side)

    def independent_supporters(self, claim: Claim) -> list[Claim]:
        supporters = [self.claims[other] for other in self.relations.agrees.get(claim.id, ())]
        return [other for other in supporters if self.counts_as_corroboration(claim, other)]

    def origins(self, claims: Iterable[Claim]) -> set[str]:
        return {root_of(origin_of(claim), self.sources) for claim in claims}

    def grade(self, claim: Claim) -> Grade:
        sources = self.sources
        origin = origin_of(claim)
        reliability: Reliability = sources[origin].reliability if origin in sources else "F"
        note = sources[origin].reliability_note.rstrip(".") if origin in sources else ""
        reasons = [
            f"Source: {name(origin, sources)}, graded {reliability} ({RELIABILITY[reliability]})"
            + (f" — {note}." if note else ".")
        ]
        if claim.origin and claim.origin != claim.claimant:
            reasons.append(
                f"{name(claim.claimant, sources)} passes on what {name(origin, sources)} said; "
                "the original source is graded."
            )
        points = RELIABILITY_POINTS[reliability]

        supporters = [self.claims[other] for other in self.relations.agrees.get(claim.id, ())]
        counted = self.independent_supporters(claim)
        skipped = [other for other in supporters if other not in counted]
        independent = len(self.origins(counted))
        if independent:
            points += 3 if independent >= 2 else 2
            names = ", ".join(sorted({name(origin_of(other), sources) for other in counted}))
            reasons.append(
                f"Independently corroborated by {independent} other source{'s' if independent > 1 else ''}: {names}."
            )
        for other in skipped:
            why = (
                "same origin, so it is an echo rather than a confirmation"
                if not self.independent(claim, other)
                else "same side as the claimant, which has a stake in this claim"
            )
            reasons.append(f"Not counted as corroboration: {name(origin_of(other), sources)} — {why}.")

        analytic = [
            other
            for other in counted
            if origin_of(other) in sources and sources[origin_of(other)].kind is SourceKind.THINK_TANK
        ]
        if analytic:
            points += 1
            reasons.append(
                f"Assessed by an independent analytic source: "
                f"{', '.join(sorted({name(origin_of(other), sources) for other in analytic}))}."
            )
        if claim.against_interest:
            points += 1
            reasons.append("The claimant says this against its own side's interest, which makes it likelier true.")
        stake = has_stake(claim, sources)
        if stake:
            points -= 1
            reasons.append(
                "The claimant is a party to the conflict with a stake in this claim "
                "(its enemy's losses or weakness, or its own side's gains)."
            )

        status, points = self.weigh_contradictions(claim, reliability, independent, points, reasons)
        if status is None:
            status = Status.ASSESSED if analytic else Status.CORROBORATED if independent else Status.CLAIMED
        unjudged = reliability == "F" and not counted and not self.relations.disagrees.get(claim.id)
        confirmed_by_reliable = any(self.reliability_of(other) in "AB" for other in counted)
        confirmed = independent >= 2 or confirmed_by_reliable
        credibility = credibility_from(points, confirmed, status, unjudged)
        confidence = confidence_from(reliability, credibility, independent, confirmed_by_reliable)
        if not independent and status is not Status.REFUTED:
            reasons.append("No independent source confirms it yet.")
        contradicted = self.relations.disagrees.get(claim.id, ())
        return Grade(
            reliability,
            credibility,
            confidence,
            likelihood_from(credibility, independent, status),
            status,
            points,
            tuple(reasons),
            tuple(other.id for other in counted),
            tuple(other.id for other in skipped),
            tuple(contradicted),
        )

    def refuter(self, claim: Claim) -> tuple[Claim, str] | None:
        """The claim that refutes this one, and how; independent of any other claim's status."""
        independent = len(self.origins(self.independent_supporters(claim)))
        for other_id in self.relations.disagrees.get(claim.id, ()):
            other = self.claims[other_id]
            if not self.independent(claim, other):
                if other.first_reported > claim.first_reported:
                    return other, "later retracted by the same source"
                continue
            stronger = (
                self.reliability_of(other) in "AB"
                and len(self.origins(self.independent_supporters(other))) > independent
            )
            if stronger:
                return other, "contradicted by a reliable source with more independent corroboration"
        return None

    def weigh_contradictions(
        self, claim: Claim, reliability: Reliability, independent: int, points: int, reasons: list[str]
    ) -> tuple[Status | None, int]:
        """Step 6: refuted, disputed (with its point cost) or untouched."""
        refutation = self.refuter(claim)
        if refutation is not None:
            other, how = refutation
            reasons.append(f"Refuted: {how} — {name(origin_of(other), self.sources)}.")
            return Status.REFUTED, points
        opponents = []
        for other_id in self.relations.disagrees.get(claim.id, ()):
            other = self.claims[other_id]
            if not self.independent(claim, other) and other.first_reported <= claim.first_reported:
                reasons.append(
                    f"Supersedes an earlier contradicting statement by the same source "
                    f"({name(origin_of(other), self.sources)})."
                )
            elif self.refuter(other) is not None:
                reasons.append(
                    f"Contradicted only by a claim that is itself refuted ({name(origin_of(other), self.sources)})."
                )
            else:
                opponents.append(other)
        if not opponents:
            return None, points
        independent_opponents = [other for other in opponents if self.independent(claim, other)]
        weighty = self.origins(
            other
            for other in independent_opponents
            if RELIABILITY_ORDER.index(self.reliability_of(other)) <= RELIABILITY_ORDER.index(reliability)
        )
        cost = min(len(weighty), 2)
        points -= cost
        names = ", ".join(sorted({name(origin_of(other), self.sources) for other in opponents}))
        reasons.append(f"Disputed by {names}" + (f" (−{cost})" if cost else " (less reliable, no cost)") + ".")
        return Status.DISPUTED, points

    def reliability_of(self, claim: Claim) -> Reliability:
        origin = origin_of(claim)
        return self.sources[origin].reliability if origin in self.sources else "F"

    def grade_all(self) -> dict[str, Grade]:
        """Every claim's verdict, with analysts' overrides applied on top of the rule."""
        return {claim_id: with_override(self.grade(claim), claim) for claim_id, claim in self.claims.items()}


def grades_known_on(claims: Iterable[Claim], sources: Mapping[str, Source], on: dt.date) -> dict[str, Grade]:
    """Grades as they stood on a date: only claims reported by then count, for or against."""
    return Grader(known_by(claims, on), sources).grade_all()


def with_override(grade: Grade, claim: Claim) -> Grade:
    """The analyst's verdict where there is one; the rule's stays attached as `derived`."""
    override = claim.override
    if override is None:
        return grade
    credibility = override.credibility or grade.credibility
    status = Status(override.status) if override.status else grade.status
    confidence = ConfidenceLevel(override.confidence) if override.confidence else grade.confidence
    independent = len(grade.corroborated_by)
    return replace(
        grade,
        credibility=credibility,
        status=status,
        confidence=confidence,
        likelihood=likelihood_from(credibility, independent, status),
        derived=grade,
        override_rationale=override.rationale,
    )
