"""The grading rule: how sure we are of each claim, derived — never typed in — and explained.

The two Admiralty scales are judged each on its own. The letter (A–F) is the origin's record
(sources.yaml). The digit (1–6) grades the information: whether independent origins confirm
it, whether credible information contradicts it, and what sort of statement it is. The rule,
step by step (docs/grading.md says it in plain words, with worked examples):

1. Origins. A claim's information is its origin's (`origin`, else the claimant), plus any
   source it draws on (`informed_by`), each up to its top organisation (`part_of`). How the
   origin knows is recorded (`access`); a claim whose access is not recorded is never taken as
   independent of anything.
2. Groups. Claims linked by `same_as` assert one thing and share their links; figures of one
   quantity and date agree or contradict by value (geo.grading.figures), never by hand.
3. Corroboration counts independent origins, once each. Another claim counts only if it shares
   no origin with this one, neither published the other, neither is worked out from the other,
   its access is recorded, no speaker of either is on the same side of the war (allies
   included), it is not a forecast, denial or "no comment" (unless this claim is one too), and
   its own information, taken alone, is at least possibly true (3) and not refuted. "Taken
   alone" means without corroboration, so no claim lifts itself through a cycle. An inference, or
   a party's claim for its own side, lends only weaker support (at most 2).
4. Contradiction. A claim is refuted when its own origin later contradicts it, or when an
   independent source graded A/B stating a fact or figure, with more independent corroboration,
   contradicts it. Independent contradiction otherwise makes it disputed (a source graded F, or a
   body of the claim's own state, is noted, not weighed).
5. Digit. Refuted 5. Otherwise 1 (confirmed) with a firm corroborating origin graded A–C, 2 with
   only weaker support or origins graded D–F, else 3 (possibly true), or 4 (doubtful) for a
   party's claim that helps its own side (a stake), 6 when the origin is F and nothing bears on
   it. A disputed claim is then held at 2, 3 or 4 as its independent support is more than, equal
   to or less than its strongest contradictor's; a dispute never raises a grade. A denial is the negation
   of what it denies: a claim that would be 4 while its negation is 4 or 5 is 3 (one of them is true).
6. Kind. An inference (or a hedged statement, or one whose kind is not recorded) and a forecast
   are never confirmed (at best 2), and an inference is no surer than the claims of its own origin
   it `supports` (what it was inferred from); a figure is no surer than the figure it was worked
   out from.
7. Departure from the Admiralty system, on purpose: information that no source graded A–C stands
   behind is held at 3, so a grade never says "probably true" with low confidence.
8. Confidence (ICD 203): Low for digits 4–6 or nothing graded A–C behind it; High for 1–2 with
   independent corroboration and a source graded A/B; else Moderate. Likelihood follows the digit
   in ICD 203's terms, "almost certain" only with two independent origins graded A–C (its own included).
9. Time. Graded as known on a date, only what was reported by then counts, and a retraction
   counts from its date; from then on the claim is retracted.

An analyst may override the result with a written rationale; the rule's verdict is kept beside it.
An override that would make the grade contradict itself is not applied.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from geo.grading.figures import figure_links, same_quantity
from geo.grading.origins import (
    CORROBORATING_KINDS,
    Origins,
    Sides,
    hedge_in,
    kind_of,
    name,
    names_of,
    origin_of,
    root_of,
    side_of,
    speaks_for_a_side,
)
from geo.language.phrase import Joined, Name, Phrase, Value
from geo.language.words import N_
from geo.model.confidence import CREDIBILITY, RELIABILITY, RELIABILITY_ORDER, ConfidenceLevel, Reliability, Status
from geo.model.records import Access, Affiliation, Claim, Credibility, Source, SourceKind, StatementKind
from geo.time.timeline import known_by

__all__ = [
    "Grade",
    "Grader",
    "Relations",
    "Sides",
    "grades_known_on",
    "incoherence",
    "name",
    "origin_of",
    "root_of",
    "rule_problems",
    "side_of",
    "unrecorded",
]
LIKELIHOOD_FOR_CREDIBILITY: dict[int, tuple[str | None, ...]] = {
    1: ("almost certain", "very likely"),
    2: ("likely",),
    3: ("roughly even chance",),
    4: ("unlikely",),
    5: ("very unlikely", "almost no chance"),
    6: (None,),
}
AT_LEAST_LIKELY = {"likely", "very likely", "almost certain"}
NEVER_CONFIRMED = {StatementKind.INFERENCE, StatementKind.FORECAST}
REFUTING_KINDS = {StatementKind.FACT, StatementKind.ESTIMATE, StatementKind.DENIAL}
"""An inference, a forecast or a refusal to comment may dispute a claim, never refute it."""
CONFIRMED_WORD = re.compile(r"\bconfirmed\b")
UNSAID = Phrase("")
FIGURES_LINKED_BY_HAND = {  # a link between two figures of one quantity, by the field that made it
    "supports": N_(
        "supports {other}: figures of one quantity are compared by value (same date) or not at all, never linked by "
        "hand; remove the link"
    ),
    "contradicts": N_(
        "contradicts {other}: figures of one quantity are compared by value (same date) or not at all, never linked "
        "by hand; remove the link"
    ),
}
NO_NAMES = Joined(())


@dataclass(frozen=True)
class Support:
    """One origin counted as corroboration, with its own grade: what an auditor checks."""

    origin: Name  # the origin's name, in each reader's language
    reliability: Reliability
    claim_id: str
    weaker: Phrase | None = None  # why it lends only weaker support ("an inference"), or None when it can confirm

    @property
    def firm(self) -> bool:
        return not self.weaker

    @property
    def rank(self) -> tuple[bool, int]:
        """Firmer first, then better graded: the claim that speaks for its origin."""
        return (not self.firm, RELIABILITY_ORDER.index(self.reliability))


@dataclass(frozen=True)
class Grade:
    """The rule's verdict on one claim, with every reason that produced it."""

    reliability: Reliability
    credibility: Credibility
    confidence: ConfidenceLevel
    likelihood: str | None
    status: Status
    why: tuple[Phrase, ...]  # every reason, kept as phrases each reader's language writes out (`reasons`: English)
    corroborated_by: tuple[str, ...] = ()
    not_counted: tuple[str, ...] = ()
    contradicted_by: tuple[str, ...] = ()
    derived: Grade | None = None
    override_rationale: str = ""
    confidence_why: Phrase = UNSAID  # why this much confidence, as a phrase (`confidence_reason`: English)
    same_as: tuple[str, ...] = ()
    kind: StatementKind = StatementKind.FACT
    origin: Joined = NO_NAMES  # the origin's name, and any further origins, each in the reader's language
    access: str = ""
    supports: tuple[Support, ...] = ()

    @property
    def reasons(self) -> tuple[str, ...]:
        """Every reason in English, as the exports, the feed and the records write them."""
        return tuple(reason.english for reason in self.why)

    @property
    def confidence_reason(self) -> str:
        return self.confidence_why.english

    @property
    def headline(self) -> str:
        """The one reason that decided the grade, in English, for a one-line summary."""
        return self.deciding.english

    @property
    def deciding(self) -> Phrase:
        """The one reason that decided the grade, for a reader's one-line summary in their language."""
        if self.override_rationale:
            return Phrase.gettext("Analyst override: {rationale}", rationale=self.override_rationale)
        wanted = {
            Status.RETRACTED: "Retracted",
            Status.REFUTED: "Refuted",
            Status.DISPUTED: "Disputed",
            Status.ASSESSED: "Assessed by",
            Status.CORROBORATED: "Independently corroborated",
            Status.CLAIMED: "Nothing independent",
        }
        prefix = wanted[self.status]
        return next((reason for reason in self.why if reason.message.startswith(prefix)), self.why[0])

    @property
    def code(self) -> str:
        return f"{self.reliability}{self.credibility}"


def support_words(support: Support) -> Phrase:
    """One corroborating origin as a reason names it: "ISW, graded A (isw-sudzha)"."""
    if support.weaker:
        return Phrase.gettext(
            "{source}, graded {letter} ({claim}; weaker support: {weaker})",
            source=support.origin,
            letter=support.reliability,
            claim=support.claim_id,
            weaker=support.weaker,
        )
    return Phrase.gettext(
        "{source}, graded {letter} ({claim})", source=support.origin, letter=support.reliability, claim=support.claim_id
    )


def incoherence(grade: Grade) -> list[Phrase]:
    """Where the grade's parts would contradict each other in front of a reader; empty when coherent. Each is a
    phrase: English in the checks' reports, the reader's language on the claim form."""
    problems = []
    credibility = str(grade.credibility)
    likelihood: Value = Phrase(grade.likelihood) if grade.likelihood else str(grade.likelihood)  # an ICD 203 term
    if grade.likelihood not in LIKELIHOOD_FOR_CREDIBILITY[grade.credibility]:
        problems.append(
            Phrase.gettext(
                "likelihood '{likelihood}' does not fit credibility {credibility}",
                likelihood=likelihood,
                credibility=credibility,
            )
        )
    if grade.confidence is ConfidenceLevel.LOW and grade.likelihood in AT_LEAST_LIKELY:
        problems.append(Phrase.gettext("low confidence cannot come with '{likelihood}'", likelihood=likelihood))
    if grade.confidence is ConfidenceLevel.HIGH and grade.credibility > 2:
        problems.append(
            Phrase.gettext("high confidence needs credibility 1 or 2, not {credibility}", credibility=credibility)
        )
    reliable = grade.reliability in "AB" or any(support.reliability in "AB" for support in grade.supports)
    if grade.confidence is ConfidenceLevel.HIGH and not (grade.supports and reliable):
        problems.append(
            Phrase.gettext("high confidence needs independent corroboration and a source graded A or B behind it")
        )
    if grade.credibility == 1 and grade.status not in {Status.CORROBORATED, Status.ASSESSED}:
        problems.append(
            Phrase.gettext(
                "credibility 1 (confirmed by other sources) contradicts status '{status}'", status=grade.status.value
            )
        )
    if grade.credibility == 1 and grade.kind in NEVER_CONFIRMED:
        problems.append(Phrase.gettext("{kind} is never confirmed (credibility 1)", kind=Phrase(grade.kind.label)))
    if grade.status is Status.REFUTED and grade.credibility < 4:
        problems.append(
            Phrase.gettext("a refuted claim cannot have credibility {credibility}", credibility=credibility)
        )
    if grade.status is Status.RETRACTED and grade.credibility != 6:
        problems.append(Phrase.gettext("a retracted claim has no grade but 6 (truth cannot be judged)"))
    if grade.derived is None and bool(CONFIRMED_WORD.search(grade.confidence_reason)) != (grade.credibility == 1):
        problems.append(
            Phrase.gettext(
                "the confidence sentence says 'confirmed' at credibility {credibility} or not at 1",
                credibility=credibility,
            )
        )
    return problems


@dataclass(frozen=True)
class Relations:
    """Assertion groups, and agreement and disagreement between claims, made symmetric and shared
    across each group: whoever agrees with one member agrees with the assertion. Figures of one
    quantity and date agree or disagree by value (geo.grading.figures); a hand link between two such
    figures is reported, not followed."""

    agrees: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    disagrees: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    conflicts: tuple[tuple[str, Phrase], ...] = ()  # (claim id, what is wrong with its links, in any language)
    negations: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # a denial and what it denies

    @classmethod
    def of(cls, claims: Iterable[Claim], as_of: dt.date | None = None) -> Relations:
        claims = [claim for claim in claims if not retracted(claim, as_of)]  # a tombstone is no evidence
        by_id = {claim.id: claim for claim in claims}
        leader = {claim_id: claim_id for claim_id in by_id}

        def find(claim_id: str) -> str:
            while leader[claim_id] != claim_id:
                leader[claim_id] = leader[leader[claim_id]]
                claim_id = leader[claim_id]
            return claim_id

        for claim in claims:
            for other in claim.same_as:
                if other in by_id:
                    first, second = sorted((find(claim.id), find(other)))
                    leader[second] = first
        members: dict[str, list[str]] = defaultdict(list)
        for claim_id in sorted(by_id):
            members[find(claim_id)].append(claim_id)
        agree_groups: dict[str, set[str]] = defaultdict(set)
        disagree_groups: dict[str, set[str]] = defaultdict(set)
        negation_groups: dict[str, set[str]] = defaultdict(set)
        conflicts: list[tuple[str, Phrase]] = []

        def link(first: str, second: str, into: dict[str, set[str]]) -> None:
            if find(first) != find(second):
                into[find(first)].add(find(second))
                into[find(second)].add(find(first))
            elif into is disagree_groups:  # one assertion (same_as) said to contradict itself
                own = Phrase.gettext("contradicts {other}, a claim of its own assertion group (same_as)", other=second)
                conflicts.append((first, own))

        for claim in claims:
            for links, into, words in (
                (claim.supports, agree_groups, "supports"),
                (claim.contradicts, disagree_groups, "contradicts"),
            ):
                for other in links:
                    if other not in by_id:
                        continue
                    if same_quantity(claim, by_id[other]):
                        conflicts.append((claim.id, Phrase.gettext(FIGURES_LINKED_BY_HAND[words], other=other)))
                        continue
                    link(claim.id, other, into)
                    if into is disagree_groups and denies(claim, by_id[other]):
                        link(claim.id, other, negation_groups)
        figures = figure_links(claims)
        for pairs, into in ((figures.agree, agree_groups), (figures.contradict, disagree_groups)):
            for first, second in pairs:
                link(first, second, into)
        for group, others in disagree_groups.items():
            for other in sorted(others & agree_groups.get(group, set())):
                if group < other:
                    first, second = members[group][0], members[other][0]
                    both = Phrase.gettext(
                        "{first} and {second} are linked as agreeing and as contradicting", first=first, second=second
                    )
                    conflicts.append((first, both))

        def spread(linked: Mapping[str, set[str]], claim_id: str, *, own_group: bool) -> tuple[str, ...]:
            group = find(claim_id)
            found = {member for other in linked.get(group, ()) for member in members[other]}
            if own_group:
                found |= set(members[group]) - {claim_id}
            return tuple(sorted(found))

        return cls(
            {claim_id: spread(agree_groups, claim_id, own_group=True) for claim_id in by_id},
            {claim_id: spread(disagree_groups, claim_id, own_group=False) for claim_id in by_id},
            {claim_id: tuple(other for other in members[find(claim_id)] if other != claim_id) for claim_id in by_id},
            tuple(conflicts),
            {claim_id: spread(negation_groups, claim_id, own_group=False) for claim_id in by_id},
        )


def denies(claim: Claim, other: Claim) -> bool:
    """Whether one of two contradicting claims is the other's denial: a denial of a statement, a figure, an
    inference or a forecast (not of another denial or of a refusal to comment)."""
    kinds = {kind_of(claim), kind_of(other)}
    return StatementKind.DENIAL in kinds and len(kinds) == 2 and StatementKind.NO_COMMENT not in kinds


def retracted(claim: Claim, as_of: dt.date | None) -> bool:
    """Withdrawn by then: a retraction counts from its own date, never before."""
    return claim.retraction is not None and (as_of is None or claim.retraction.on <= as_of)


def likelihood_from(
    credibility: int, strong_origins: int, status: Status, confidence: ConfidenceLevel, supported: bool
) -> str | None:
    """ICD 203's term for the digit; "almost certain" only when two independent origins graded A–C (the
    claim's own among them) state it, so every claim about one event reads the same."""
    if credibility == 6:
        return None
    if credibility == 1:
        return "almost certain" if strong_origins >= 2 and confidence is ConfidenceLevel.HIGH else "very likely"
    if status is Status.REFUTED:
        return "very unlikely" if supported else "almost no chance"
    return {2: "likely", 3: "roughly even chance", 4: "unlikely", 5: "very unlikely"}[credibility]


@dataclass
class Weighing:
    """What one claim's grade rests on, gathered while grading, to say why in one sentence."""

    origin: str
    reliability: Reliability
    kind: StatementKind
    supports: list[Support] = field(default_factory=list)
    stake: bool = False
    refuted_how: Phrase | None = None
    disputed_by: Joined = NO_NAMES  # the names of the independent sources that dispute it
    bound: Phrase | None = None  # why the kind or an input held the digit down

    def origins_graded(self, grades: str) -> list[Support]:
        """Supporting origins graded as given, whose claims state facts or figures (not inferences)."""
        return [support for support in self.supports if support.reliability in grades and support.firm]


class Grader:
    """Grades claims against each other, as known on a date (today when `as_of` is None)."""

    def __init__(
        self,
        claims: Iterable[Claim],
        sources: Mapping[str, Source],
        sides: Sides | None = None,
        as_of: dt.date | None = None,
    ) -> None:
        self.claims = {claim.id: claim for claim in claims}
        self.sources = sources
        self.sides = sides or Sides()
        self.as_of = as_of
        self.relations = Relations.of(self.claims.values(), as_of)
        self.origins = Origins(self.claims, sources, self.sides)
        self.problems: dict[str, str] = {}  # claim id → why its override was not applied
        self.override_refusals: dict[str, Phrase] = {}  # the same, for a form in its reader's language
        self._alone: dict[str, Grade] = {}
        self._full: dict[str, Grade] = {}
        self._unpaired: dict[str, Grade] = {}
        self._as_input: dict[str, Grade] = {}
        self._support_counts: dict[str, int] = {}
        self._refuted: dict[str, bool] = {}
        self._refuting: set[str] = set()

    # ---- who is independent of whom --------------------------------------------------

    def reliability_of(self, claim: Claim) -> Reliability:
        origin = origin_of(claim)
        return self.sources[origin].reliability if origin in self.sources else "F"

    def same_speaker(self, claim: Claim, other: Claim) -> bool:
        """One body speaking twice (or a body and its own part): only it can retract or supersede its word.
        Two ministries of one state are one origin, but one does not retract the other."""
        first, second = origin_of(claim), origin_of(other)
        return second in self.chain(first) or first in self.chain(second)

    def chain(self, source_id: str) -> list[str]:
        """A source and the bodies above it, nearest first."""
        chain = [source_id]
        while chain[-1] in self.sources and self.sources[chain[-1]].part_of and len(chain) < 32:
            chain.append(str(self.sources[chain[-1]].part_of))
        return chain

    def corroboration_blocked(self, claim: Claim, other: Claim, *, credible: bool) -> Phrase | None:
        """Why `other` does not count as corroboration of `claim`, or None when it does. The claims of one
        assertion group say one thing: a supporter must be independent of each of them."""
        members = (claim, *(self.claims[same] for same in self.relations.groups.get(claim.id, ()) if same != other.id))
        for member in members:
            dependence = self.origins.dependence(member, other)
            if dependence:
                return dependence
        kind, other_kind = kind_of(claim), kind_of(other)
        if other_kind not in {*CORROBORATING_KINDS, StatementKind.INFERENCE} and other_kind != kind:
            return Phrase.gettext(
                "it is {kind}, which confirms no other kind of statement", kind=Phrase.gettext(other_kind.label)
            )
        if credible:
            alone = self.alone(other)
            if alone.status in {Status.REFUTED, Status.RETRACTED} or alone.credibility > 3:
                return Phrase.gettext(
                    "its own information, taken alone, is graded {digit} ({credibility}), so it cannot lend support",
                    digit=alone.credibility,
                    credibility=Phrase.gettext(CREDIBILITY[alone.credibility]),
                )
        return None

    def weaker(self, claim: Claim, other: Claim) -> Phrase | None:
        """Why `other` only lends weaker support to `claim` (it can make it probably true, never confirmed),
        or None when it can confirm it: a statement of fact or a figure (or one of the claim's own kind)."""
        kind = kind_of(other)
        if kind not in CORROBORATING_KINDS and kind != kind_of(claim):
            return Phrase.gettext(kind.label)
        if self.origins.stake(other):
            return Phrase.gettext("a party's claim for its own side")
        return None

    def agreeing(self, claim: Claim) -> list[Claim]:
        return [self.claims[other] for other in self.relations.agrees.get(claim.id, ())]

    def counted(self, claim: Claim, *, credible: bool) -> list[Claim]:
        return [
            other for other in self.agreeing(claim) if not self.corroboration_blocked(claim, other, credible=credible)
        ]

    def support_count(self, claim: Claim) -> int:
        """Independent origins agreeing that are not themselves refuted: used to weigh a contradiction,
        so that weighing never needs another claim's full grade."""
        known = self._support_counts.get(claim.id)
        if known is None:
            roots: set[str] = set()
            for other in self.counted(claim, credible=False):
                if not self.is_refuted(other):
                    roots |= self.origins.roots(other)
            known = self._support_counts[claim.id] = len(roots)
        return known

    def is_refuted(self, claim: Claim) -> bool:
        """Whether the claim is refuted; inside a cycle of contradictions, it is taken as standing."""
        if claim.id not in self._refuted:
            if claim.id in self._refuting:
                return False
            self._refuting.add(claim.id)
            try:
                self._refuted[claim.id] = self.refuter(claim) is not None
            finally:
                self._refuting.discard(claim.id)
        return self._refuted[claim.id]

    # ---- contradiction ---------------------------------------------------------------

    def refuter(self, claim: Claim) -> tuple[Claim, Phrase] | None:
        """The claim that refutes this one, and how; independent of any other claim's grade."""
        independent = self.support_count(claim)
        for other_id in self.relations.disagrees.get(claim.id, ()):
            other = self.claims[other_id]
            if self.origins.roots(claim) & self.origins.roots(other):
                if (
                    self.same_speaker(claim, other)
                    and other.first_reported > claim.first_reported
                    and other.access is not Access.RELAYED  # a later copy of an old word is not a new word
                ):
                    return other, Phrase.gettext("contradicted by its own source's later statement")
                continue
            if (
                kind_of(other) in REFUTING_KINDS
                and self.reliability_of(other) in "AB"
                and self.support_count(other) > independent
            ):
                return other, Phrase.gettext("contradicted by a reliable source with more independent corroboration")
        return None

    def weigh_contradictions(
        self, claim: Claim, reasons: list[Phrase], weighing: Weighing
    ) -> tuple[Status | None, int]:
        """Refuted, disputed (with the strongest contradicting support) or untouched."""
        refutation = self.refuter(claim)
        if refutation is not None:
            other, how = refutation
            source = name(origin_of(other), self.sources)
            reasons.append(Phrase.gettext("Refuted: {how} — {source}.", how=how, source=source))
            weighing.refuted_how = Phrase.gettext("{how} ({source})", how=how, source=source)
            return Status.REFUTED, 0
        opponents = []
        for other_id in self.relations.disagrees.get(claim.id, ()):
            other = self.claims[other_id]
            source = name(origin_of(other), self.sources)
            if kind_of(other) is StatementKind.NO_COMMENT or kind_of(claim) is StatementKind.NO_COMMENT:
                reasons.append(
                    Phrase.gettext("A refusal to comment neither confirms nor disputes ({source}).", source=source)
                )
            elif self.same_speaker(claim, other) and other.first_reported <= claim.first_reported:
                reasons.append(
                    Phrase.gettext(
                        "Supersedes an earlier contradicting statement by the same source ({source}).", source=source
                    )
                )
            elif self.is_refuted(other):
                reasons.append(
                    Phrase.gettext("Contradicted only by a claim that is itself refuted ({source}).", source=source)
                )
            elif self.reliability_of(other) == "F":
                reasons.append(
                    Phrase.gettext(
                        "Contradicted by {source}, whose reliability cannot be judged: noted, not weighed.",
                        source=source,
                    )
                )
            else:
                opponents.append(other)
        internal = [other for other in opponents if self.origins.roots(claim) & self.origins.roots(other)]
        if internal:
            reasons.append(
                Phrase.gettext(
                    "Contradicted from within the same origin by {sources}: a disagreement inside one state or "
                    "organisation, not an independent dispute.",
                    sources=names_of(map(origin_of, internal), self.sources),
                )
            )
        independent = [other for other in opponents if other not in internal]
        if not independent:
            return None, 0
        weighing.disputed_by = names_of(map(origin_of, independent), self.sources)
        strongest = max(self.support_count(other) for other in independent) + 1
        reasons.append(Phrase.gettext("Disputed by {sources}.", sources=weighing.disputed_by))
        return Status.DISPUTED, strongest

    # ---- the grade -------------------------------------------------------------------

    def alone(self, claim: Claim) -> Grade:
        """The claim's information judged on its own — no corroboration, and a party's stake left to the
        claims it supports (its support is weak): whether it may lend support at all."""
        known = self._alone.get(claim.id)
        if known is None:
            known = self._alone[claim.id] = self.grade(claim, corroboration=False)
        return known

    def full(self, claim: Claim) -> Grade:
        known = self._full.get(claim.id)
        if known is None:
            known = self._full[claim.id] = self.grade(claim)
        return known

    def as_input(self, claim: Claim) -> Grade:
        """What a claim resting on this one may be no surer than: its grade with corroboration but without
        its own inputs' bounds, so that a chain or a circle of inputs is graded the same whatever the order."""
        known = self._as_input.get(claim.id)
        if known is None:
            known = self._as_input[claim.id] = self.grade(claim, bound=False)
        return known

    def source_reasons(self, claim: Claim, reliability: Reliability, kind: StatementKind) -> list[Phrase]:
        sources = self.sources
        origin = origin_of(claim)
        note = sources[origin].reliability_note.rstrip(".") if origin in sources else ""
        graded: dict[str, Value] = {
            "source": name(origin, sources),
            "letter": reliability,
            "reliability": Phrase.gettext(RELIABILITY[reliability]),
            "access": Phrase.gettext(claim.access.label),
        }
        reasons = [
            Phrase.gettext(
                "Source: {source}, graded {letter} ({reliability}) — {note}. How it knows: {access}.",
                note=note,
                **graded,
            )
            if note
            else Phrase.gettext("Source: {source}, graded {letter} ({reliability}). How it knows: {access}.", **graded)
        ]
        if claim.origin and claim.origin != claim.claimant:
            reasons.append(
                Phrase.gettext(
                    "{claimant} passes on what {source} said; the original source is graded.",
                    claimant=name(claim.claimant, sources),
                    source=name(origin, sources),
                )
            )
        if claim.informed_by:
            reasons.append(
                Phrase.gettext(
                    "It also draws on {sources}: nothing from them counts as confirmation of it.",
                    sources=names_of(claim.informed_by, sources),
                )
            )
        root = root_of(origin, sources)
        if root != origin:
            reasons.append(
                Phrase.gettext(
                    "{source} speaks for {root}: anything else from {root} is the same origin, not a confirmation.",
                    source=name(origin, sources),
                    root=name(root, sources),
                )
            )
        stated = claim.kind
        if stated is None:
            reasons.append(Phrase.gettext("Its kind of statement is not recorded, so it is graded as an inference."))
        elif stated is not kind:
            reasons.append(
                Phrase.gettext(
                    "Recorded as {kind}, but its words hedge ('{hedge}'): graded as an inference.",
                    kind=Phrase.gettext(stated.label),
                    hedge=hedge_in(claim.statement),
                )
            )
        else:
            reasons.append(Phrase.gettext("Statement: {kind}.", kind=Phrase.gettext(kind.label)))
        return reasons

    def favoured_camp(self, claim: Claim) -> str | None:
        """Whose side the claim helps if believed, as the rule reads it: what `favours` records, else the
        side a party speaks for (read as self-serving); None for 'neither' or a non-party's unrecorded claim."""
        if claim.favours == "neither" or (claim.favours is None and self.origins.against_interest(claim)):
            return None
        if claim.favours is not None:
            return self.sides.camp(Affiliation(claim.favours))
        side = self.origins.party_side(claim)
        return None if side is None else self.sides.camp(side)

    def favour_conflicts(self) -> list[tuple[str, str]]:
        """Claims whose `favours` contradict their links: one assertion helping two sides, or a denial helping
        the same side as the claim it denies. Their grades would read both ways; the data must say which."""
        conflicts = []
        for claim_id, claim in sorted(self.claims.items()):
            camp = self.favoured_camp(claim)
            if camp is None:
                continue
            for links, clash, words in (
                (self.relations.groups, lambda other, camp=camp: other not in {None, camp}, "asserts the same as"),
                (self.relations.negations, lambda other, camp=camp: other == camp, "is the negation of"),
            ):
                for other_id in links.get(claim_id, ()):
                    if other_id > claim_id and clash(self.favoured_camp(self.claims[other_id])):
                        conflicts.append(
                            (
                                claim_id,
                                f"favours: it {words} {other_id}, which favours "
                                f"{self.claims[other_id].favours or 'its party'}; the two cannot both be right",
                            )
                        )
        return conflicts

    def doubtful_negation(self, claim: Claim) -> Claim | None:
        """The claim that says this one is false (a denial, or what this one denies) when that too is graded
        doubtful or worse on its own terms: a party's word against the other party's, nothing deciding."""
        for other_id in self.relations.negations.get(claim.id, ()):
            other = self.claims[other_id]
            theirs = self._unpaired.get(other_id)
            if theirs is None:
                theirs = self._unpaired[other_id] = self.grade(other, paired=False)
            if theirs.credibility in {4, 5}:
                return other
        return None

    def grade(self, claim: Claim, *, corroboration: bool = True, bound: bool = True, paired: bool = True) -> Grade:
        sources = self.sources
        origin = origin_of(claim)
        reliability = self.reliability_of(claim)
        kind = kind_of(claim)
        weighing = Weighing(origin, reliability, kind)
        reasons = self.source_reasons(claim, reliability, kind)
        group = self.relations.groups.get(claim.id, ())
        if group:
            reasons.append(
                Phrase.ngettext(
                    "Asserts the same as {count} other claim (by {sources}); the group's corroboration is weighed "
                    "together.",
                    "Asserts the same as {count} other claims (by {sources}); the group's corroboration is weighed "
                    "together.",
                    len(group),
                    sources=names_of((origin_of(self.claims[other]) for other in group), sources),
                )
            )
        counted = self.counted(claim, credible=True) if corroboration else []
        skipped = [other for other in self.agreeing(claim) if other not in counted] if corroboration else []
        by_root: dict[str, Support] = {}  # one entry per independent origin: its firmest, best-graded claim
        for other in counted:
            root = root_of(origin_of(other), sources)
            candidate = Support(
                name(origin_of(other), sources),
                self.reliability_of(other),
                other.id,
                self.weaker(claim, other),
            )
            best = by_root.get(root)
            if best is None or candidate.rank < best.rank:
                by_root[root] = candidate
        weighing.supports = sorted(by_root.values(), key=lambda support: support.origin)
        independent = len(by_root)
        if independent:
            reasons.append(
                Phrase.ngettext(
                    "Independently corroborated by {count} other origin: {supports}.",
                    "Independently corroborated by {count} other origins: {supports}.",
                    independent,
                    supports=Joined.of(support_words(support) for support in weighing.supports),
                )
            )
        not_counted: dict[Name, Phrase | None] = {}
        for other in skipped:
            blocked = self.corroboration_blocked(claim, other, credible=True)
            not_counted.setdefault(name(origin_of(other), sources), blocked)
        reasons.extend(
            Phrase.gettext("Not counted as corroboration: {source} — {why}.", source=who, why=blocked or "")
            for who, blocked in sorted(not_counted.items())
        )
        analytic = [
            other
            for other in counted
            if origin_of(other) in sources and sources[origin_of(other)].kind is SourceKind.THINK_TANK
        ]
        if analytic:
            reasons.append(
                Phrase.gettext(
                    "Assessed by an independent analytic source: {sources}.",
                    sources=names_of(map(origin_of, analytic), sources),
                )
            )
        if self.origins.against_interest(claim):
            reasons.append(Phrase.gettext("The claimant says this against its own side's interest."))
        weighing.stake = self.origins.stake(claim)
        if weighing.stake:
            reasons.append(
                Phrase.gettext(
                    "The claimant is a party to the conflict and this claim helps its own side (whom it favours is "
                    "not recorded, so it is read as self-serving)."
                )
                if claim.favours is None
                else Phrase.gettext("The claimant is a party to the conflict and this claim helps its own side.")
            )
        status, opposing = self.weigh_contradictions(claim, reasons, weighing)
        if status is None:
            status = Status.ASSESSED if analytic else Status.CORROBORATED if independent else Status.CLAIMED
        related = counted or self.relations.disagrees.get(claim.id) or skipped
        unjudged = reliability == "F" and not related
        strong = len(weighing.origins_graded("ABC"))
        stake = corroboration and weighing.stake
        credibility = self.digit(status, strong, independent, opposing, unjudged, stake)
        negation = self.doubtful_negation(claim) if corroboration and paired and credibility == 4 else None
        if negation is not None:
            credibility = 3
            reasons.append(
                Phrase.gettext(
                    "Held at credibility 3 (possibly true): its negation, {claim} ({source}), is no more than doubtful "
                    "either; one of the two is true, so neither is doubtful.",
                    claim=negation.id,
                    source=name(origin_of(negation), sources),
                )
            )
        if corroboration:
            credibility = self.bounded(claim, kind, credibility, reasons, weighing, inputs=bound)
        well_founded = reliability in "ABC" or strong > 0
        if not well_founded and credibility <= 2:
            credibility = 3
            reasons.append(
                Phrase.gettext(
                    "Held at credibility 3 (possibly true): {source} is graded {letter} and nothing from a source "
                    "graded A–C confirms it as fact.",
                    source=name(origin, sources),
                    letter=reliability,
                )
            )
        if not independent and status not in {Status.REFUTED}:
            reasons.append(Phrase.gettext("Nothing independent supports it yet."))
        confidence = self.confidence(credibility, well_founded and not unjudged, independent, weighing)
        grade = Grade(
            reliability=reliability,
            credibility=credibility,
            confidence=confidence,
            likelihood=likelihood_from(
                credibility, strong + (reliability in "ABC"), status, confidence, independent > 0
            ),
            status=status,
            why=tuple(reasons),
            corroborated_by=tuple(other.id for other in counted),
            not_counted=tuple(other.id for other in skipped),
            contradicted_by=tuple(self.relations.disagrees.get(claim.id, ())),
            same_as=group,
            kind=kind,
            origin=names_of({origin, *claim.informed_by}, sources),
            access=claim.access.label,
            supports=tuple(weighing.supports),
        )
        return replace(grade, confidence_why=self.why_confidence(grade, unjudged, weighing))

    @staticmethod
    def digit(status: Status, strong: int, independent: int, opposing: int, unjudged: bool, stake: bool) -> Credibility:
        """The information's digit from confirmation and contradiction alone (never the source's letter)."""
        if status is Status.REFUTED:
            return 5
        if unjudged:
            return 6
        undisputed: Credibility = 1 if strong else 2 if independent else 4 if stake else 3
        if status is not Status.DISPUTED:
            return undisputed
        ours = independent + 1
        weighed: Credibility = 2 if ours > opposing else 3 if ours == opposing else 4
        return max(undisputed, weighed)  # a dispute never raises a grade

    def bounded(
        self,
        claim: Claim,
        kind: StatementKind,
        credibility: Credibility,
        reasons: list[Phrase],
        weighing: Weighing,
        *,
        inputs: bool = True,
    ) -> Credibility:
        """What the statement's kind and (unless `inputs` is off) its inputs allow: never surer than its evidence."""
        if kind in NEVER_CONFIRMED and credibility < 2:
            credibility = 2
            weighing.bound = Phrase.gettext(
                "as {kind} it can be no more than probably true", kind=Phrase.gettext(kind.label)
            )
            reasons.append(Phrase.gettext("Held at credibility 2 (probably true): {why}.", why=weighing.bound))
        if not inputs:
            return credibility
        resting_on = [  # an inference rests on what its own origin observed: it is no surer than that
            self.claims[other]
            for other in claim.supports
            if kind in NEVER_CONFIRMED
            and other in self.claims
            and not retracted(self.claims[other], self.as_of)
            and self.origins.roots(claim) & self.origins.roots(self.claims[other])
        ]
        derived = claim.measure.derived_from if claim.measure else None
        if derived is not None and derived in self.claims and not retracted(self.claims[derived], self.as_of):
            resting_on.append(self.claims[derived])
        for other in resting_on:
            theirs = self.as_input(other)
            worst = theirs.credibility if theirs.credibility != 6 else 3
            if worst > credibility:
                credibility = worst
                resting: dict[str, Value] = {
                    "claim": other.id,
                    "source": name(origin_of(other), self.sources),
                    "code": theirs.code,
                }
                weighing.bound = Phrase.gettext(
                    "it rests on {source}'s claim {claim} ({code}) and is no surer than that", **resting
                )
                reasons.append(
                    Phrase.gettext(
                        "Held at credibility {digit} ({credibility}): it rests on {claim} ({source}, {code}) and is "
                        "no surer than that.",
                        digit=worst,
                        credibility=Phrase.gettext(CREDIBILITY[worst]),
                        **resting,
                    )
                )
        return credibility

    @staticmethod
    def confidence(credibility: int, well_founded: bool, independent: int, weighing: Weighing) -> ConfidenceLevel:
        """How much confidence the claim deserves: it rests on the claimant or on whoever confirmed it."""
        if credibility >= 4 or not well_founded:
            return ConfidenceLevel.LOW
        reliable = weighing.reliability in "AB" or bool(weighing.origins_graded("AB"))
        if credibility <= 2 and independent >= 1 and reliable:
            return ConfidenceLevel.HIGH
        return ConfidenceLevel.MODERATE

    def why_confidence(self, grade: Grade, unjudged: bool, weighing: Weighing) -> Phrase:
        """Why this much confidence, for this claim, in words that say no more and no less than its code:
        "confirmed" only at credibility 1, each supporting origin named with its grade."""
        sources = self.sources
        source = Phrase.gettext(
            "{source} (graded {letter})", source=name(weighing.origin, sources), letter=weighing.reliability
        )
        firm = Joined.of(
            Phrase.gettext("{source}, graded {letter}", source=support.origin, letter=support.reliability)
            for support in weighing.supports
            if support.firm
        )
        weak = Joined.of(
            Phrase.gettext(
                "{source}, graded {letter} ({weaker})",
                source=support.origin,
                letter=support.reliability,
                weaker=support.weaker,
            )
            for support in weighing.supports
            if support.weaker
        )
        by: Phrase | Joined = (
            Phrase.gettext("{firm}, with weaker support from {weak}", firm=firm, weak=weak)
            if firm and weak
            else firm or weak
        )
        dispute = Phrase.gettext("it is disputed by {sources}", sources=weighing.disputed_by)
        also = Phrase.gettext(", and ")
        credibility, status = grade.credibility, grade.status
        if status is Status.REFUTED:
            return Phrase.gettext("it is refuted: {how}", how=weighing.refuted_how or "")
        if unjudged:
            return Phrase.gettext(
                "the reliability of {source} cannot be judged and nothing bears on it",
                source=name(weighing.origin, sources),
            )
        if credibility == 1:
            if grade.confidence is ConfidenceLevel.HIGH:
                return Phrase.gettext(
                    "it is confirmed independently by {by}; so it rests on a source graded A or B", by=by
                )
            return Phrase.gettext("it is confirmed independently by {by}", by=by)
        if credibility >= 4:
            against = [
                *(
                    [Phrase.gettext("its claimant, a party to the conflict, says what helps its own side")]
                    if weighing.stake
                    else []
                ),
                *([dispute] if weighing.disputed_by else []),
                *([weighing.bound] if weighing.bound else []),
                *([] if weighing.supports else [Phrase.gettext("nothing independent supports it")]),
            ]
            return Phrase.gettext("it is doubtful: {why}", why=Joined.of(against, also))
        if grade.confidence is ConfidenceLevel.LOW:
            record = (
                Phrase.gettext(
                    "its source, {source}, cannot be judged, and nothing from a source graded A–C confirms it as fact",
                    source=source,
                )
                if weighing.reliability == "F"
                else Phrase.gettext(
                    "its source, {source}, is {reliability}, and nothing from a source graded A–C confirms it as fact",
                    source=source,
                    reliability=Phrase.gettext(RELIABILITY[weighing.reliability]),
                )
            )
            if weighing.disputed_by:
                return Phrase.gettext("{reason}; and {dispute}", reason=record, dispute=dispute)
            return record
        if not weighing.supports:
            alone = Phrase.gettext("only {source} says so; nothing independent supports it yet", source=source)
            held = [alone, *([weighing.bound] if weighing.bound else []), *([dispute] if weighing.disputed_by else [])]
            more = Joined.of(held[1:], also)
            return Phrase.gettext("{reason}, and {more}", reason=alone, more=more) if more else alone
        if status is Status.DISPUTED:
            return Phrase.gettext("it is supported independently by {by}; but {objection}", by=by, objection=dispute)
        if weighing.bound:
            return Phrase.gettext(
                "it is supported independently by {by}; but {objection}", by=by, objection=weighing.bound
            )
        if credibility == 2:
            if not any(support.firm for support in weighing.supports):
                return Phrase.gettext("it has only weaker support, from {by}; so it is probably true, no more", by=by)
            if len(weighing.supports) > 1:
                return Phrase.gettext(
                    "it is supported independently by {by}, none of them graded A–C; so it is probably true, no more",
                    by=by,
                )
            return Phrase.gettext(
                "it is supported independently by {by}, not graded A–C; so it is probably true, no more", by=by
            )
        return Phrase.gettext("it is supported independently by {by}; but it is only possibly true", by=by)

    def graded(self, claim: Claim) -> Grade:
        """The rule's verdict with the analyst's override on top, unless the override would contradict itself;
        a retracted claim, from its retraction's date, is retracted and has no grade but 6."""
        grade = self.full(claim)
        if retracted(claim, self.as_of):
            assert claim.retraction is not None
            withdrawn = claim.retraction
            return replace(
                grade,
                credibility=6,
                confidence=ConfidenceLevel.LOW,
                likelihood=None,
                status=Status.RETRACTED,
                why=(
                    Phrase.gettext(
                        "Retracted on {day}: {reason}. It is kept on the record but no longer counts for or against "
                        "any other claim.",
                        day=withdrawn.on,
                        reason=withdrawn.reason.rstrip("."),
                    ),
                    *grade.why,
                ),
                confidence_why=Phrase.gettext("it was retracted on {day}", day=withdrawn.on),
            )
        final = with_override(grade, claim)
        problems = incoherence(final)
        if final is not grade and problems:
            self.problems[claim.id] = f"override not applied: {'; '.join(problem.english for problem in problems)}"
            self.override_refusals[claim.id] = Phrase.gettext(
                "override not applied: {problems}", problems=Joined.of(problems)
            )
            return grade
        return final

    def grade_all(self) -> dict[str, Grade]:
        """Every claim's verdict, with analysts' overrides applied on top of the rule."""
        return {claim_id: self.graded(claim) for claim_id, claim in self.claims.items()}


def grades_known_on(
    claims: Iterable[Claim], sources: Mapping[str, Source], on: dt.date, sides: Sides | None = None
) -> dict[str, Grade]:
    """Grades as they stood on a date: only claims reported by then count, for or against, and a
    retraction only from its own date."""
    return Grader(known_by(claims, on), sources, sides, as_of=on).grade_all()


def with_override(grade: Grade, claim: Claim) -> Grade:
    """The analyst's verdict where there is one; the rule's stays attached as `derived`."""
    override = claim.override
    if override is None:
        return grade
    credibility = override.credibility or grade.credibility
    status = Status(override.status) if override.status else grade.status
    confidence = ConfidenceLevel(override.confidence) if override.confidence else grade.confidence
    strong = len([support for support in grade.supports if support.reliability in "ABC" and support.firm])
    strong += grade.reliability in "ABC"
    return replace(
        grade,
        credibility=credibility,
        status=status,
        confidence=confidence,
        likelihood=likelihood_from(credibility, strong, status, confidence, bool(grade.corroborated_by)),
        derived=grade,
        override_rationale=override.rationale,
        confidence_why=(
            Phrase.gettext("an analyst judged so: {rationale}", rationale=override.rationale.rstrip("."))
            if confidence is not grade.confidence or credibility != grade.credibility
            else grade.confidence_why
        ),
    )


def unrecorded(claim: Claim, sources: Mapping[str, Source]) -> list[str]:
    """What the rule needs and a claim does not record. Not an error: the claim is graded the cautious
    way meanwhile (as an inference, as dependent, as self-serving), and a warning asks for it."""
    missing = []
    if claim.kind is None:
        missing.append("kind: not recorded (fact, estimate, inference, forecast, denial or no-comment)")
    if claim.access is Access.UNKNOWN:
        missing.append("access: how its source knows is not recorded, so it can confirm no other claim")
    if speaks_for_a_side(origin_of(claim), sources) and claim.favours is None:
        missing.append("favours: a party's claim should say whose side it helps if believed (or 'neither')")
    return missing


def rule_problems(claim: Claim, sources: Mapping[str, Source], sides: Sides) -> list[str]:
    """What a claim says against itself or against the rule: a 'fact' that hedges, an admission that
    favours its own side, a worked-out figure called a fact, an unknown further origin."""
    problems = []
    if claim.kind is not None and kind_of(claim) is not claim.kind:
        problems.append(
            f"kind: recorded as '{claim.kind.value}' but the statement hedges ('{hedge_in(claim.statement)}'); "
            "record it as an inference or forecast"
        )
    party = side_of(origin_of(claim), sources)
    if claim.against_interest and claim.favours not in (None, "neither") and party.is_party:
        favoured = sides.camp(type(party)(claim.favours))
        if favoured == sides.camp(party):
            problems.append(f"against_interest: it favours {claim.favours}, the claimant's own side")
    if claim.measure is not None and claim.measure.derived_from is not None and claim.kind is StatementKind.FACT:
        problems.append("kind: a figure worked out from another is an estimate, not a fact")
    for source_id in claim.informed_by:
        if source_id not in sources:
            problems.append(f"informed_by: '{source_id}' is not in sources.yaml")
    return problems
