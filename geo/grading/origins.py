"""Whose information a claim is, and when two claims' information is independent.

Corroboration counts independent information origins (who observed, counted or decided
it), never outlets or claimants. Independence must be shown, not assumed: wherever the
data cannot tell, two claims are read as dependent (ICD 206; "circular reporting").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from geo.language.phrase import Joined, Name, Phrase
from geo.model.records import Access, Affiliation, Alliance, Claim, Source, SourceKind, StatementKind

HEDGES = re.compile(
    r"\b(probably|presumably|possibly|perhaps|apparently|reportedly|allegedly|likely|may|might|could|"
    r"believed|suspected|seems?|appears?)\b"
)
"""Words that make a statement less than a statement of fact (case-sensitive: 'May' is a month)."""
CORROBORATING_KINDS = {StatementKind.FACT, StatementKind.ESTIMATE}
NEWS_KINDS = {SourceKind.NEWS_OUTLET, SourceKind.NEWS_AGENCY}


@dataclass(frozen=True)
class Sides:
    """Who fights on which side, from the data: a party's camp is its alliance, else itself."""

    alliances: tuple[Alliance, ...] = ()

    def camp(self, side: Affiliation) -> str | None:
        if not side.is_party:
            return None
        return next((alliance.id for alliance in self.alliances if side in alliance.members), side.value)

    def allies(self, side: Affiliation) -> list[Affiliation]:
        mine = self.camp(side)
        return [other for other in Affiliation if other != side and mine is not None and self.camp(other) == mine]


def side_phrase(side: Affiliation) -> Phrase:
    """A side's name as a reason says it, each language its own (the names of geo.language.scales)."""
    return Phrase.pgettext("side", side.label)


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


def name(source_id: str, sources: Mapping[str, Source]) -> Name:
    """A source's name as a reason says it: in the reader's language where the source has a name in it."""
    source = sources.get(source_id)
    return Name(source.name, source.names) if source is not None else Name(source_id)


def names_of(source_ids: Iterable[str], sources: Mapping[str, Source]) -> Joined:
    """Several sources' names, each in the reader's language, in the order of their English names."""
    return Joined.of(sorted({name(source_id, sources) for source_id in source_ids}), ", ")


def hedge_in(statement: str) -> str:
    """The first hedging word of a statement, or '' when it reads as a plain statement."""
    match = HEDGES.search(statement)
    return match.group(1) if match else ""


def kind_of(claim: Claim) -> StatementKind:
    """The statement's kind as graded: unstated reads as an inference, and a 'fact' or 'estimate'
    whose words hedge ("probably", "could") is graded as the inference it is."""
    if claim.kind is None:
        return StatementKind.INFERENCE
    if claim.kind in CORROBORATING_KINDS and hedge_in(claim.statement):
        return StatementKind.INFERENCE
    return claim.kind


def speaks_for_a_side(source_id: str, sources: Mapping[str, Source]) -> bool:
    """A party to the war speaking (its state, forces, state media, a mapper tied to its forces), not a
    news outlet of that country: only such a source has a stake in what it claims."""
    kind = sources[source_id].kind if source_id in sources else None
    return side_of(source_id, sources).is_party and kind not in NEWS_KINDS


class Origins:
    """Origins, sides and outlets of the claims of one dataset, worked out once per claim."""

    def __init__(self, claims: Mapping[str, Claim], sources: Mapping[str, Source], sides: Sides) -> None:
        self.claims = claims
        self.sources = sources
        self.sides = sides
        self._roots: dict[str, frozenset[str]] = {}

    def roots(self, claim: Claim) -> frozenset[str]:
        """Every origin the claim's information comes from, each up to its top organisation;
        a figure worked out from another claim's figure shares that claim's origins."""
        known = self._roots.get(claim.id)
        if known is None:
            ids = {origin_of(claim), *claim.informed_by}
            derived = claim.measure.derived_from if claim.measure else None
            if derived is not None and derived in self.claims and derived != claim.id:
                source = self.claims[derived]
                ids |= {origin_of(source), *source.informed_by}
            known = frozenset(root_of(source_id, self.sources) for source_id in ids)
            self._roots[claim.id] = known
        return known

    def outlets(self, claim: Claim) -> frozenset[str]:
        return frozenset(root_of(report.outlet, self.sources) for report in claim.reports)

    def camps(self, claim: Claim) -> set[str]:
        """The fighting camps the claim's speakers belong to (its claimant and every origin)."""
        speakers = {claim.claimant, origin_of(claim), *claim.informed_by}
        camps = {self.sides.camp(side_of(speaker, self.sources)) for speaker in speakers}
        return {camp for camp in camps if camp is not None}

    def party_side(self, claim: Claim) -> Affiliation | None:
        """The side of the war the claim's origin speaks for; a news outlet's affiliation is its country,
        not a side, so its own reporting carries no stake (its camp still bars it from confirming its side)."""
        origin = origin_of(claim)
        return side_of(origin, self.sources) if speaks_for_a_side(origin, self.sources) else None

    def against_interest(self, claim: Claim) -> bool:
        """Said against the origin's own side: marked so, or favouring a side outside its camp."""
        side = self.party_side(claim)
        if side is None:
            return False
        if claim.against_interest:
            return True
        favours = claim.favours
        return favours not in (None, "neither") and self.sides.camp(Affiliation(favours)) != self.sides.camp(side)

    def stake(self, claim: Claim) -> bool:
        """A party's claim that helps its own camp. Whom a claim favours must be recorded; where it is
        not, a party's claim is read as self-serving (never the other way round)."""
        side = self.party_side(claim)
        if side is None or self.against_interest(claim) or claim.favours == "neither":
            return False
        return claim.favours is None or self.sides.camp(Affiliation(claim.favours)) == self.sides.camp(side)

    def dependence(self, claim: Claim, other: Claim) -> Phrase | None:
        """Why `other` cannot count as independent of `claim`, or None when it can; in words for the card."""
        shared = self.roots(claim) & self.roots(other)
        if shared:
            return Phrase.gettext(
                "same origin ({sources}), so it is an echo rather than a confirmation",
                sources=names_of(shared, self.sources),
            )
        for first, second in ((claim, other), (other, claim)):
            if first.measure is not None and first.measure.derived_from == second.id:
                return Phrase.gettext("one figure is worked out from the other, so they are one origin")
        if other.access is Access.UNKNOWN:
            return Phrase.gettext("how its source knows this is not recorded, so its independence cannot be shown")
        carried = self.roots(other) & self.outlets(claim)
        if carried:
            return Phrase.gettext(
                "{sources} also published this claim, so its agreement may be an echo of it",
                sources=names_of(carried, self.sources),
            )
        carried = self.roots(claim) & self.outlets(other)
        if carried:
            return Phrase.gettext(
                "it was published by {sources}, so this claim may be an echo of it",
                sources=names_of(carried, self.sources),
            )
        shared_camps = self.camps(claim) & self.camps(other)
        if shared_camps:
            members = sorted(
                {side for side in Affiliation if self.sides.camp(side) in shared_camps}, key=lambda side: side.label
            )
            if len(members) > 1:
                allies = Joined.of((side_phrase(side) for side in members), ", ")
                return Phrase.gettext("same side of the war as the claimant (allies: {allies})", allies=allies)
            return Phrase.gettext("same side of the war as the claimant")
        return None
