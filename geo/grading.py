"""The grading rule: how sure we are of each claim, derived — never typed in — and explained.

Inputs are facts recorded in the data: the claimant's source reliability (A–F, in
sources.yaml), which organisation each source speaks for (`part_of`), which parties are
allied (`alliances` in sources.yaml), which claims assert the same thing (`same_as`), agree
(`supports`) or disagree (`contradicts`), who the claim is about, and whether the claimant
speaks against its own interest. The rule, step by step:

1. Reliability is the origin's grade. The origin is the claimant, or the source the claimant
   passes on. Points: A +2, B +1, C 0, D −1, E −2; F gives no points.
2. Assertion groups. Claims linked by `same_as` assert one thing; every claim in the group
   shares the group's agreement and disagreement, so a new claim linked to any member grades
   as if linked to all.
3. Corroboration counts agreeing claims from *independent* origins only, once per origin.
   Origins are the same when they are one source or speak for one state or organisation
   (`part_of`, up to its top: a ministry, its forces and its leaders are one origin), so
   circular reporting counts once. When a party to the conflict speaks about its enemy's
   losses or capability, or claims its own side's gains, agreement from its own side or its
   allies does not count either. One independent origin +2, two or more +3.
4. An independent analytic source (a think tank) that agrees: +1, and the claim is "assessed".
5. Speaking against one's own side's interest: +1.
6. A stake in the claim (the cases in step 3): −1.
7. Contradiction. A claim is refuted by a later retraction from its own origin, or by an
   independent A/B source whose own claim has more independent corroboration than this one.
   Refuted claims dispute nothing, and a claim is not disputed by the earlier claim it
   retracts. Otherwise each independent contradicting origin at least as reliable costs −1
   (at most −2) and the claim is "disputed".
8. Credibility (1–6). 1, "confirmed", needs no dispute and either a corroborating origin
   graded A or B, two graded C or better, or one graded C or better for an A/B claimant:
   confirmation rests on good sources. Otherwise
   from the points: 2 at ≥2; 3 at 0–1; 4 at −1; 5 at ≤−2 or refuted; 6 when reliability is F
   and nothing corroborates or contradicts the claim. A claim from a D–F origin that no
   source graded A–C confirms is held at 3 at best.
9. Confidence (US ICD 203), in the claim: Low for credibility 4–6, or a D–F origin that no
   source graded A–C confirms; High for credibility 1–2 with independent corroboration and
   either the origin or a corroborating origin graded A/B; otherwise Moderate. Likelihood
   follows credibility in ICD 203's seven terms, in its own sentence; "almost certain" needs
   high confidence and two independent origins. So low confidence never comes with "likely"
   or better, and high confidence never with less than "likely" (see `incoherence`).

An analyst may override the result with a written rationale (`override` in the claim); the
rule's verdict is kept beside it and both are shown. An override that would make the grade
contradict itself is not applied, and the data-health note says so.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from geo.confidence import RELIABILITY, RELIABILITY_ORDER, ConfidenceLevel, Status
from geo.model import Affiliation, Alliance, Category, Claim, Credibility, Reliability, Source, SourceKind
from geo.timeline import known_by

RELIABILITY_POINTS = {"A": 2, "B": 1, "C": 0, "D": -1, "E": -2, "F": 0}
STAKE_ABOUT_ENEMY = {Category.CASUALTIES, Category.CAPABILITY}
STAKE_ABOUT_OWN_SIDE = {Category.TERRITORIAL_CONTROL}
LIKELIHOOD_FOR_CREDIBILITY: dict[int, tuple[str | None, ...]] = {
    1: ("almost certain", "very likely"),
    2: ("likely",),
    3: ("roughly even chance",),
    4: ("unlikely",),
    5: ("very unlikely", "almost no chance"),
    6: (None,),
}
AT_LEAST_LIKELY = {"likely", "very likely", "almost certain"}


@dataclass(frozen=True)
class Sides:
    """Who fights on which side, from the data: a party's camp is its alliance, else itself."""

    alliances: tuple[Alliance, ...] = ()

    def camp(self, side: Affiliation) -> str | None:
        if not side.is_party:
            return None
        return next((alliance.id for alliance in self.alliances if side in alliance.members), side.value)

    def enemies(self, side: Affiliation) -> set[Affiliation]:
        mine = self.camp(side)
        if mine is None:
            return set()
        return {other for other in Affiliation if other.is_party and self.camp(other) != mine}

    def allies(self, side: Affiliation) -> list[Affiliation]:
        mine = self.camp(side)
        return [other for other in Affiliation if other != side and mine is not None and self.camp(other) == mine]


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
    confidence_reason: str = ""
    same_as: tuple[str, ...] = ()

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


def incoherence(grade: Grade) -> list[str]:
    """Where the grade's parts would contradict each other in front of a reader; empty when coherent."""
    problems = []
    if grade.likelihood not in LIKELIHOOD_FOR_CREDIBILITY[grade.credibility]:
        problems.append(f"likelihood '{grade.likelihood}' does not fit credibility {grade.credibility}")
    if grade.confidence is ConfidenceLevel.LOW and grade.likelihood in AT_LEAST_LIKELY:
        problems.append(f"low confidence cannot come with '{grade.likelihood}'")
    if grade.confidence is ConfidenceLevel.HIGH and grade.credibility > 2:
        problems.append(f"high confidence needs credibility 1 or 2, not {grade.credibility}")
    if grade.credibility == 1 and grade.status not in {Status.CORROBORATED, Status.ASSESSED}:
        problems.append(f"credibility 1 (confirmed by other sources) contradicts status '{grade.status.value}'")
    if grade.status is Status.REFUTED and grade.credibility < 4:
        problems.append(f"a refuted claim cannot have credibility {grade.credibility}")
    return problems


@dataclass(frozen=True)
class Relations:
    """Assertion groups, and agreement and disagreement between claims, made symmetric and shared
    across each group: whoever agrees with one member agrees with the assertion."""

    agrees: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    disagrees: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    conflicts: tuple[tuple[str, str], ...] = ()  # (claim id, what is wrong with its links)

    @classmethod
    def of(cls, claims: Iterable[Claim]) -> Relations:
        claims = [claim for claim in claims if claim.retraction is None]  # a tombstone is no evidence
        known = {claim.id for claim in claims}
        leader = {claim_id: claim_id for claim_id in known}

        def find(claim_id: str) -> str:
            while leader[claim_id] != claim_id:
                leader[claim_id] = leader[leader[claim_id]]
                claim_id = leader[claim_id]
            return claim_id

        for claim in claims:
            for other in claim.same_as:
                if other in known:
                    first, second = sorted((find(claim.id), find(other)))
                    leader[second] = first
        members: dict[str, list[str]] = defaultdict(list)
        for claim_id in sorted(known):
            members[find(claim_id)].append(claim_id)
        agree_groups: dict[str, set[str]] = defaultdict(set)
        disagree_groups: dict[str, set[str]] = defaultdict(set)
        for claim in claims:
            mine = find(claim.id)
            for links, into in ((claim.supports, agree_groups), (claim.contradicts, disagree_groups)):
                for other in links:
                    if other in known and find(other) != mine:
                        into[mine].add(find(other))
                        into[find(other)].add(mine)
        conflicts = []
        for group, others in disagree_groups.items():
            for other in sorted(others & agree_groups.get(group, set())):
                if group < other:
                    conflicts.append(
                        (
                            members[group][0],
                            f"{members[group][0]} and {members[other][0]} are linked as agreeing and as contradicting",
                        )
                    )
        for group, claim_ids in members.items():
            if group in disagree_groups.get(group, set()):
                conflicts.append((claim_ids[0], "contradicts a claim of its own assertion group (same_as)"))

        def spread(linked: Mapping[str, set[str]], claim_id: str, *, own_group: bool) -> tuple[str, ...]:
            group = find(claim_id)
            found = {member for other in linked.get(group, ()) for member in members[other]}
            if own_group:
                found |= set(members[group]) - {claim_id}
            return tuple(sorted(found))

        return cls(
            {claim_id: spread(agree_groups, claim_id, own_group=True) for claim_id in known},
            {claim_id: spread(disagree_groups, claim_id, own_group=False) for claim_id in known},
            {claim_id: tuple(other for other in members[find(claim_id)] if other != claim_id) for claim_id in known},
            tuple(conflicts),
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


def has_stake(claim: Claim, sources: Mapping[str, Source], sides: Sides) -> bool:
    """A party speaking of its enemy's losses or capability, or of its own side's gains."""
    side = side_of(origin_of(claim), sources)
    if not side.is_party or claim.about is None or claim.against_interest:
        return False
    about_enemy = claim.about in sides.enemies(side) and claim.category in STAKE_ABOUT_ENEMY
    about_own_gains = claim.about == side and claim.category in STAKE_ABOUT_OWN_SIDE
    return about_enemy or about_own_gains


def name(source_id: str, sources: Mapping[str, Source]) -> str:
    return sources[source_id].name if source_id in sources else source_id


def names_of(source_ids: Iterable[str], sources: Mapping[str, Source]) -> str:
    return ", ".join(sorted({name(source_id, sources) for source_id in source_ids}))


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
    credibility: int, well_founded: bool, independent: int, reliable_somewhere: bool
) -> ConfidenceLevel:
    """How much confidence the claim deserves: it rests on the claimant or on whoever confirmed it."""
    if credibility >= 4 or not well_founded:
        return ConfidenceLevel.LOW
    if credibility <= 2 and independent >= 1 and reliable_somewhere:
        return ConfidenceLevel.HIGH
    return ConfidenceLevel.MODERATE


def likelihood_from(credibility: int, independent: int, status: Status, confidence: ConfidenceLevel) -> str | None:
    if credibility == 6:
        return None
    if credibility == 1:
        return "almost certain" if independent >= 2 and confidence is ConfidenceLevel.HIGH else "very likely"
    if status is Status.REFUTED:
        return "almost no chance" if independent == 0 else "very unlikely"
    return {2: "likely", 3: "roughly even chance", 4: "unlikely", 5: "very unlikely"}[credibility]


@dataclass
class Evidence:
    """What one claim's grade rests on, gathered while grading, to say why in one sentence."""

    origin: str
    reliability: Reliability
    confirmers: dict[str, Reliability] = field(default_factory=dict)  # independent origin → its grade
    stake: bool = False
    refuted_how: str = ""
    disputed_by: str = ""

    def best_confirmers(self, grades: str) -> list[str]:
        return sorted(origin for origin, grade in self.confirmers.items() if grade in grades)


class Grader:
    """Grades claims against each other; build once per dataset."""

    def __init__(self, claims: Iterable[Claim], sources: Mapping[str, Source], sides: Sides | None = None) -> None:
        self.claims = {claim.id: claim for claim in claims}
        self.sources = sources
        self.sides = sides or Sides()
        self.relations = Relations.of(self.claims.values())
        self.problems: dict[str, str] = {}  # claim id → why its override was not applied

    def root(self, claim: Claim) -> str:
        return root_of(origin_of(claim), self.sources)

    def independent(self, claim: Claim, other: Claim) -> bool:
        return self.root(claim) != self.root(other)

    def same_speaker(self, claim: Claim, other: Claim) -> bool:
        """One body speaking twice (or a body and its own part): only it can retract or supersede its word.
        Two ministries of one state are one origin, but one does not retract the other."""
        first, second = origin_of(claim), origin_of(other)
        return second in self.chain(first) or first in self.chain(second)

    def chain(self, source_id: str) -> list[str]:
        chain = [source_id]
        while chain[-1] in self.sources and self.sources[chain[-1]].part_of and len(chain) < 32:
            chain.append(str(self.sources[chain[-1]].part_of))
        return chain

    def counts_as_corroboration(self, claim: Claim, other: Claim) -> bool:
        if not self.independent(claim, other):
            return False
        camp = self.sides.camp(side_of(origin_of(claim), self.sources))
        same_side = camp is not None and self.sides.camp(side_of(origin_of(other), self.sources)) == camp
        return not (has_stake(claim, self.sources, self.sides) and same_side)

    def independent_supporters(self, claim: Claim) -> list[Claim]:
        supporters = [self.claims[other] for other in self.relations.agrees.get(claim.id, ())]
        return [other for other in supporters if self.counts_as_corroboration(claim, other)]

    def origins(self, claims: Iterable[Claim]) -> set[str]:
        return {self.root(claim) for claim in claims}

    def grade(self, claim: Claim) -> Grade:
        sources = self.sources
        origin = origin_of(claim)
        reliability = self.reliability_of(claim)
        evidence = Evidence(origin, reliability)
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
        if self.root(claim) != origin:
            reasons.append(
                f"{name(origin, sources)} speaks for {name(self.root(claim), sources)}: "
                f"anything else from {name(self.root(claim), sources)} is the same origin, not a confirmation."
            )
        group = self.relations.groups.get(claim.id, ())
        if group:
            reasons.append(
                f"Asserts the same as {len(group)} other claim{'s' if len(group) > 1 else ''} "
                f"(by {names_of((origin_of(self.claims[other]) for other in group), sources)}); "
                "the group's corroboration is weighed together."
            )
        points = RELIABILITY_POINTS[reliability]

        supporters = [self.claims[other] for other in self.relations.agrees.get(claim.id, ())]
        counted = self.independent_supporters(claim)
        skipped = [other for other in supporters if other not in counted]
        for other in counted:
            root = self.root(other)
            grade = self.reliability_of(other)
            known = evidence.confirmers.get(root)
            if known is None or RELIABILITY_ORDER.index(grade) < RELIABILITY_ORDER.index(known):
                evidence.confirmers[root] = grade
        independent = len(evidence.confirmers)
        if independent:
            points += 3 if independent >= 2 else 2
            reasons.append(
                f"Independently corroborated by {independent} other origin{'s' if independent > 1 else ''}: "
                f"{names_of((origin_of(other) for other in counted), sources)}"
                + (
                    f" ({len(counted)} agreeing claims, counted once per origin)."
                    if len(counted) > independent
                    else "."
                )
            )
        stake = has_stake(claim, sources, self.sides)
        evidence.stake = stake
        not_counted: dict[str, str] = {}
        for other in skipped:
            if not self.independent(claim, other):
                why = "same origin, so it is an echo rather than a confirmation"
            else:
                allies = self.sides.allies(side_of(origin, sources))
                why = (
                    "same side as the claimant"
                    + (
                        f" (allies: {', '.join(side.label for side in [side_of(origin, sources), *allies])})"
                        if allies
                        else ""
                    )
                    + ", and the claimant has a stake in this claim"
                )
            not_counted.setdefault(name(origin_of(other), sources), why)
        reasons.extend(f"Not counted as corroboration: {who} — {why}." for who, why in sorted(not_counted.items()))

        analytic = [
            other
            for other in counted
            if origin_of(other) in sources and sources[origin_of(other)].kind is SourceKind.THINK_TANK
        ]
        if analytic:
            points += 1
            reasons.append(
                f"Assessed by an independent analytic source: {names_of(map(origin_of, analytic), sources)}."
            )
        if claim.against_interest:
            points += 1
            reasons.append("The claimant says this against its own side's interest, which makes it likelier true.")
        if stake:
            points -= 1
            reasons.append(
                "The claimant is a party to the conflict with a stake in this claim "
                "(its enemy's losses or weakness, or its own side's gains)."
            )

        status, points = self.weigh_contradictions(claim, reliability, independent, points, reasons, evidence)
        if status is None:
            status = Status.ASSESSED if analytic else Status.CORROBORATED if independent else Status.CLAIMED
        unjudged = reliability == "F" and not counted and not self.relations.disagrees.get(claim.id)
        reliable_confirmers = evidence.best_confirmers("AB")
        good_confirmers = len(evidence.best_confirmers("ABC"))
        confirmed = bool(reliable_confirmers) or good_confirmers >= 2 or (reliability in "AB" and good_confirmers >= 1)
        well_founded = reliability in "ABC" or bool(evidence.best_confirmers("ABC"))
        credibility = credibility_from(points, confirmed, status, unjudged)
        if not well_founded and credibility <= 2:
            credibility = 3
            reasons.append(
                f"Held at credibility 3 (possibly true): {name(origin, sources)} is graded {reliability} "
                "and no source graded A–C confirms it."
            )
        confidence = confidence_from(
            credibility, well_founded and not unjudged, independent, reliability in "AB" or bool(reliable_confirmers)
        )
        if not independent and status is not Status.REFUTED:
            reasons.append("No independent source confirms it yet.")
        return Grade(
            reliability,
            credibility,
            confidence,
            likelihood_from(credibility, independent, status, confidence),
            status,
            points,
            tuple(reasons),
            tuple(other.id for other in counted),
            tuple(other.id for other in skipped),
            tuple(self.relations.disagrees.get(claim.id, ())),
            confidence_reason=self.why_confidence(confidence, credibility, status, unjudged, evidence),
            same_as=group,
        )

    def why_confidence(
        self, confidence: ConfidenceLevel, credibility: int, status: Status, unjudged: bool, evidence: Evidence
    ) -> str:
        """Why this much confidence, for this claim, in words that agree with its code and likelihood.
        Each confirming origin is named with its grade, so the reader sees what the confidence rests on."""
        sources = self.sources
        source = f"{name(evidence.origin, sources)} (graded {evidence.reliability})"
        by = "; ".join(
            f"{name(origin, sources)}, graded {grade}"
            for origin, grade in sorted(evidence.confirmers.items(), key=lambda item: name(item[0], sources))
        )
        dispute = f"it is disputed by {evidence.disputed_by}"
        if status is Status.REFUTED:
            return f"it is refuted: {evidence.refuted_how}"
        if unjudged:
            return (
                f"the reliability of {name(evidence.origin, sources)} cannot be judged "
                "and nothing confirms or contradicts it"
            )
        if confidence is ConfidenceLevel.LOW and credibility >= 4:
            against = [
                *(["the claimant has a stake in it"] if evidence.stake else []),
                *([dispute] if evidence.disputed_by else []),
                *([] if evidence.confirmers else ["no independent source confirms it"]),
            ]
            return f"it is doubtful: {', and '.join(against) or f'{source} is its only support'}"
        if confidence is ConfidenceLevel.LOW:
            return f"its source, {source}, is {RELIABILITY[evidence.reliability]} and no source graded A–C confirms it"
        if confidence is ConfidenceLevel.HIGH:
            if evidence.best_confirmers("AB"):
                return f"it is confirmed independently by {by}; so it rests on a source graded A or B"
            reliable = RELIABILITY[evidence.reliability]
            return f"it is confirmed independently by {by}; and its own source, {source}, is {reliable}"
        if not evidence.confirmers:
            disputed = f", and {dispute}" if evidence.disputed_by else ""
            return f"only {source} says so; no independent source confirms it yet{disputed}"
        if status is Status.DISPUTED:
            return f"it is confirmed by {by}; but {dispute}"
        if credibility == 3:
            return f"it is confirmed by {by}; but what weighs against it leaves it only possibly true"
        return f"it is confirmed by {by}; but neither its source nor any confirming source is graded A or B"

    def refuter(self, claim: Claim) -> tuple[Claim, str] | None:
        """The claim that refutes this one, and how; independent of any other claim's status."""
        independent = len(self.origins(self.independent_supporters(claim)))
        for other_id in self.relations.disagrees.get(claim.id, ()):
            other = self.claims[other_id]
            if not self.independent(claim, other):
                if self.same_speaker(claim, other) and other.first_reported > claim.first_reported:
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
        self,
        claim: Claim,
        reliability: Reliability,
        independent: int,
        points: int,
        reasons: list[str],
        evidence: Evidence,
    ) -> tuple[Status | None, int]:
        """Step 7: refuted, disputed (with its point cost) or untouched."""
        refutation = self.refuter(claim)
        if refutation is not None:
            other, how = refutation
            reasons.append(f"Refuted: {how} — {name(origin_of(other), self.sources)}.")
            evidence.refuted_how = f"{how} ({name(origin_of(other), self.sources)})"
            return Status.REFUTED, points
        opponents = []
        for other_id in self.relations.disagrees.get(claim.id, ()):
            other = self.claims[other_id]
            if self.same_speaker(claim, other) and other.first_reported <= claim.first_reported:
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
        internal = [other for other in opponents if not self.independent(claim, other)]
        if internal:
            reasons.append(
                f"Contradicted from within the same origin by {names_of(map(origin_of, internal), self.sources)}: "
                "a disagreement inside one state or organisation, not an independent dispute (no cost)."
            )
        independent_opponents = [other for other in opponents if self.independent(claim, other)]
        if not independent_opponents:
            return None, points
        weighty = self.origins(
            other
            for other in independent_opponents
            if RELIABILITY_ORDER.index(self.reliability_of(other)) <= RELIABILITY_ORDER.index(reliability)
        )
        cost = min(len(weighty), 2)
        points -= cost
        evidence.disputed_by = names_of(map(origin_of, independent_opponents), self.sources)
        reasons.append(
            f"Disputed by {evidence.disputed_by}" + (f" (−{cost})" if cost else " (less reliable, no cost)") + "."
        )
        return Status.DISPUTED, points

    def reliability_of(self, claim: Claim) -> Reliability:
        origin = origin_of(claim)
        return self.sources[origin].reliability if origin in self.sources else "F"

    def graded(self, claim: Claim) -> Grade:
        """The rule's verdict with the analyst's override on top, unless the override would contradict itself."""
        grade = self.grade(claim)
        if claim.retraction is not None:
            withdrawn = claim.retraction
            grade = replace(
                grade,
                reasons=(
                    f"Retracted on {withdrawn.on:%-d %B %Y}: {withdrawn.reason.rstrip('.')}. It is kept on the "
                    "record but no longer counts for or against any other claim.",
                    *grade.reasons,
                ),
            )
        final = with_override(grade, claim)
        problems = incoherence(final)
        if final is not grade and problems:
            self.problems[claim.id] = f"override not applied: {'; '.join(problems)}"
            return grade
        return final

    def grade_all(self) -> dict[str, Grade]:
        """Every claim's verdict, with analysts' overrides applied on top of the rule."""
        return {claim_id: self.graded(claim) for claim_id, claim in self.claims.items()}


def grades_known_on(
    claims: Iterable[Claim], sources: Mapping[str, Source], on: dt.date, sides: Sides | None = None
) -> dict[str, Grade]:
    """Grades as they stood on a date: only claims reported by then count, for or against."""
    return Grader(known_by(claims, on), sources, sides).grade_all()


def with_override(grade: Grade, claim: Claim) -> Grade:
    """The analyst's verdict where there is one; the rule's stays attached as `derived`."""
    override = claim.override
    if override is None:
        return grade
    credibility = override.credibility or grade.credibility
    status = Status(override.status) if override.status else grade.status
    confidence = ConfidenceLevel(override.confidence) if override.confidence else grade.confidence
    independent = len({*grade.corroborated_by})
    return replace(
        grade,
        credibility=credibility,
        status=status,
        confidence=confidence,
        likelihood=likelihood_from(credibility, independent, status, confidence),
        derived=grade,
        override_rationale=override.rationale,
        confidence_reason=(
            f"an analyst judged so: {override.rationale.rstrip('.')}"
            if confidence is not grade.confidence or credibility != grade.credibility
            else grade.confidence_reason
        ),
    )
