"""Search that finds: whole words and word beginnings, whatever the case, accents or alphabet.

A claim is found by the words of its statement, its claimant and outlets (names and ids),
its place (Latin and Cyrillic names), area or point note, report titles and relays, and
its id. Text is folded to lower-case ASCII, so "Суджа", "SUDZHA" and "sudzha" are one word
and "Tëtkino" finds Tetkino; a query word matches the beginning of a word, so "NIS" finds
the NIS but not "Ministry".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from anyascii import anyascii

from geo.model.records import Claim, Source
from geo.reading.loading import NamedArea, Place

WORD = re.compile(r"[a-z0-9]+")


def words_of(text: str) -> list[str]:
    return WORD.findall(anyascii(text).lower())


@dataclass
class SearchIndex:
    """Each claim's searchable words, worked out once per claim."""

    sources: Mapping[str, Source]
    places: Mapping[str, Place] = field(default_factory=dict)
    areas: Mapping[str, NamedArea] = field(default_factory=dict)
    _words: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def words(self, claim: Claim) -> frozenset[str]:
        known = self._words.get(claim.id)
        if known is None:
            known = self._words[claim.id] = frozenset(words_of(" ".join(self.texts(claim))))
        return known

    def texts(self, claim: Claim) -> list[str]:
        speakers = [claim.claimant, *([claim.origin] if claim.origin else []), *(r.outlet for r in claim.reports)]
        location = claim.location
        place = self.places.get(location.place or "")
        area = self.areas.get(location.area or "")
        return [
            claim.id,
            claim.statement,
            location.place or "",
            place.name_ru or "" if place else "",
            area.name if area else "",
            location.note,
            *speakers,
            *(self.sources[speaker].name for speaker in speakers if speaker in self.sources),
            *(report.via for report in claim.reports),
            *(report.title for report in claim.reports),
        ]

    def matches(self, claim: Claim, query: str) -> bool:
        """Every word of the query begins a word of the claim."""
        words = self.words(claim)
        return all(any(word.startswith(wanted) for word in words) for wanted in words_of(query))
