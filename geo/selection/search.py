"""Search that finds: whole words and word beginnings, whatever the case, accents or alphabet.

A claim is found by the words of its statement, its claimant and outlets (names and ids),
its place (its English, Russian and Ukrainian names), area or point note, report titles and relays, and
its id. Text is folded to lower-case ASCII, so "Суджа", "SUDZHA" and "sudzha" are one word
and "Tëtkino" finds Tetkino; a query word matches the beginning of a word, so "NIS" finds
the NIS but not "Ministry".

A place is found by its name as any language's readers spell it: its Cyrillic names are indexed in each
romanisation system of geo.selection.romanisation ("Sudža", "Sudscha", "Soudja", "Sudja" find Sudzha), both
for the claim's own place and for every gazetteer place its statement or titles name in English.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from anyascii import anyascii

from geo.model.records import Claim, Source
from geo.reading.loading import NamedArea, Place
from geo.selection.romanisation import spellings

WORD = re.compile(r"[a-z0-9]+")
APOSTROPHES = re.compile(r"['\"`]")
"""A soft or hard sign romanised (Ryl'sk, Rylʹsk) or an English possessive: no break inside a word."""


def words_of(text: str) -> list[str]:
    return WORD.findall(APOSTROPHES.sub("", anyascii(text).lower()))


def place_words(place: Place) -> frozenset[str]:
    """Every word a reader may spell the place with: its names and their romanisations."""
    names = [place.name, place.name_ru or "", place.name_uk or "", *spellings(place.name_ru, place.name_uk)]
    return frozenset(words_of(" ".join(names)))


@dataclass
class SearchIndex:
    """Each claim's searchable words, worked out once per claim."""

    sources: Mapping[str, Source]
    places: Mapping[str, Place] = field(default_factory=dict)
    areas: Mapping[str, NamedArea] = field(default_factory=dict)
    _words: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _place_words: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _named_by: dict[str, list[tuple[list[str], str]]] | None = field(default=None, repr=False)

    def words(self, claim: Claim) -> frozenset[str]:
        known = self._words.get(claim.id)
        if known is None:
            own = frozenset(words_of(" ".join(self.texts(claim))))
            named = {claim.location.place or "", *self.places_named(own)}
            known = own.union(*(self.words_of_place(name) for name in named if name in self.places))
            self._words[claim.id] = known
        return known

    def words_of_place(self, name: str) -> frozenset[str]:
        known = self._place_words.get(name)
        if known is None:
            known = self._place_words[name] = place_words(self.places[name])
        return known

    def places_named(self, words: frozenset[str]) -> list[str]:
        """The gazetteer's places whose English name is among these words (every word of it)."""
        if self._named_by is None:
            self._named_by = {}
            for name in self.places:
                parts = words_of(name)
                if parts:
                    self._named_by.setdefault(parts[0], []).append((parts, name))
        return [
            name
            for word in words
            for parts, name in self._named_by.get(word, [])
            if all(part in words for part in parts)
        ]

    def texts(self, claim: Claim) -> list[str]:
        speakers = [claim.claimant, *([claim.origin] if claim.origin else []), *(r.outlet for r in claim.reports)]
        location = claim.location
        area = self.areas.get(location.area or "")
        return [
            claim.id,
            claim.statement,
            *claim.translations.values(),
            location.place or "",
            area.name if area else "",
            location.note,
            *speakers,
            *(
                name
                for speaker in speakers
                if speaker in self.sources
                for name in (self.sources[speaker].name, *dict(self.sources[speaker].names).values())
            ),
            *(report.via for report in claim.reports),
            *(report.title for report in claim.reports),
        ]

    def matches(self, claim: Claim, query: str) -> bool:
        """Every word of the query begins a word of the claim."""
        words = self.words(claim)
        return all(any(word.startswith(wanted) for word in words) for wanted in words_of(query))
