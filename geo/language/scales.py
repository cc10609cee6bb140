"""The model's scales as a reader sees them: sides, kinds of source, categories, confidence levels and statuses by
name, in the reader's language. A scale's value stays the enum's (links, filters and files carry it); only its name
is said.

Each name is its own literal call, so that the catalogues carry it; a member without a name here fails
tests/test_scale_names.py in every language.
"""

from __future__ import annotations

from typing import assert_never

from geo.language.words import Words
from geo.model.confidence import ConfidenceLevel, Status
from geo.model.records import Affiliation, Category, Precision, SourceKind


def side_name(side: Affiliation, words: Words) -> str:
    """Whose side a source is on, as the filter offers it ("Ukraine", "Independent media / analysts")."""
    return {
        Affiliation.UKRAINE: words.pgettext("side", "Ukraine"),
        Affiliation.RUSSIA: words.pgettext("side", "Russia"),
        Affiliation.NORTH_KOREA: words.pgettext("side", "North Korea"),
        Affiliation.THIRD_PARTY_GOVERNMENT: words.pgettext("side", "Third-party government"),
        Affiliation.INDEPENDENT: words.pgettext("side", "Independent media / analysts"),
    }[side]


def source_kind_name(kind: SourceKind, words: Words) -> str:
    """What sort of source it is ("News agency"), as the sources form offers it."""
    return {
        SourceKind.NEWS_OUTLET: words.pgettext("source kind", "News outlet"),
        SourceKind.NEWS_AGENCY: words.pgettext("source kind", "News agency"),
        SourceKind.STATE_MEDIA: words.pgettext("source kind", "State media"),
        SourceKind.GOVERNMENT: words.pgettext("source kind", "Government"),
        SourceKind.MILITARY: words.pgettext("source kind", "Military"),
        SourceKind.INTELLIGENCE: words.pgettext("source kind", "Intelligence service"),
        SourceKind.LEGISLATURE: words.pgettext("source kind", "Legislature"),
        SourceKind.THINK_TANK: words.pgettext("source kind", "Think tank"),
        SourceKind.MAPPING_PROJECT: words.pgettext("source kind", "Mapping project"),
        SourceKind.OTHER: words.pgettext("source kind", "Other"),
    }[kind]


def category_name(category: Category, words: Words) -> str:
    """What a claim is about ("Troop presence")."""
    return {
        Category.TROOP_PRESENCE: words.pgettext("category", "Troop presence"),
        Category.CASUALTIES: words.pgettext("category", "Casualties"),
        Category.TERRITORIAL_CONTROL: words.pgettext("category", "Territorial control"),
        Category.MATERIEL: words.pgettext("category", "Materiel"),
        Category.DIPLOMACY: words.pgettext("category", "Diplomacy"),
        Category.CAPABILITY: words.pgettext("category", "Capability"),
    }[category]


def confidence_name(level: ConfidenceLevel, words: Words) -> str:
    """An ICD 203 confidence level ("High"): a grade, not a height."""
    return {
        ConfidenceLevel.HIGH: words.pgettext("confidence", "High"),
        ConfidenceLevel.MODERATE: words.pgettext("confidence", "Moderate"),
        ConfidenceLevel.LOW: words.pgettext("confidence", "Low"),
    }[level]


def status_name(status: Status, words: Words) -> str:
    """Where a claim stands against the others, capitalised as a filter's option ("Corroborated")."""
    return {
        Status.CLAIMED: words.pgettext("status", "Claimed"),
        Status.CORROBORATED: words.pgettext("status", "Corroborated"),
        Status.ASSESSED: words.pgettext("status", "Assessed"),
        Status.DISPUTED: words.pgettext("status", "Disputed"),
        Status.REFUTED: words.pgettext("status", "Refuted"),
        Status.RETRACTED: words.pgettext("status", "Retracted"),
    }[status]


def precision_name(precision: Precision, words: Words) -> str:
    """How precisely a claim's time is known ("week"), as a card says it beside the period. A match, not a table:
    the model lists the precisions once (records.Precision), and mypy names a precision this does not."""
    match precision:
        case "day":
            return words.pgettext("precision", "day")
        case "week":
            return words.pgettext("precision", "week")
        case "month":
            return words.pgettext("precision", "month")
        case "period":
            return words.pgettext("precision", "period")
        case unnamed:
            assert_never(unnamed)


def language_name(code: str, words: Words) -> str:
    """A language by its code ("uk"), named in the reader's language as CLDR names it ("Ukrainian", "Українська",
    "Украинский"), capitalised as an option in a list is."""
    name = str(words.locale.languages.get(code, code))
    return name[:1].upper() + name[1:]
