"""Pydantic's complaints about a record in words a person reads: the field by the name a form gives it and the
problem as a sentence ("Report 1, link: must start with http:// or https://"), never pydantic's own text ("List
should have at least 1 item after validation, not 0").

Each kind of error pydantic can raise for the app's records has its sentence here, by its type; a kind without
one still reads as a sentence ("is not valid"), and tests/test_validation_words.py fails on any such kind a
record can raise, so a new one gets its own words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from geo.language.phrase import Phrase, PhraseError
from geo.language.words import N_
from geo.model.issues import quoted

CLAIM_FIELDS = {  # a claim field's path (a list's index as *) → its name on the form; {n} is the item's number
    "id": N_("Id"),
    "number": N_("Number"),
    "statement": N_("Statement"),
    "statement_language": N_("Language of the statement"),
    "translations": N_("Translation"),
    "translations.en": N_("Translation into English"),
    "translations.uk": N_("Translation into Ukrainian"),
    "translations.ru": N_("Translation into Russian"),
    "claimant": N_("Claimant"),
    "origin": N_("Origin"),
    "reports": N_("Reports"),
    "reports.*": N_("Report {n}"),
    "reports.*.outlet": N_("Report {n}, outlet"),
    "reports.*.date": N_("Report {n}, date"),
    "reports.*.url": N_("Report {n}, link"),
    "reports.*.title": N_("Report {n}, title"),
    "reports.*.via": N_("Report {n}, via"),
    "reports.*.quote": N_("Report {n}, quote"),
    "refers_to": N_("Dates the claim is about"),
    "refers_to.start": N_("About — from"),
    "refers_to.end": N_("About — to"),
    "refers_to.precision": N_("Known to the"),
    "location": N_("Where"),
    "location.place": N_("Place"),
    "location.area": N_("Area"),
    "location.point": N_("Point"),
    "location.point.lat": N_("Latitude"),
    "location.point.lon": N_("Longitude"),
    "location.precision_km": N_("Precision radius"),
    "location.note": N_("Location note"),
    "location.beyond_region": N_("Outside the case's region"),
    "category": N_("Category"),
    "about": N_("About — whose forces or gains"),
    "against_interest": N_("Against the claimant's interest"),
    "kind": N_("Kind of statement"),
    "access": N_("How its source knows"),
    "favours": N_("Whose side it helps"),
    "informed_by": N_("Also draws on"),
    "informed_by.*": N_("Also draws on, source {n}"),
    "same_as": N_("Same as"),
    "same_as.*": N_("Same as, claim {n}"),
    "supports": N_("Supports"),
    "supports.*": N_("Supports, claim {n}"),
    "contradicts": N_("Contradicts"),
    "contradicts.*": N_("Contradicts, claim {n}"),
    "analyst_note": N_("Analyst's note"),
    "override": N_("Override"),
    "override.credibility": N_("Override, credibility"),
    "override.confidence": N_("Override, confidence"),
    "override.status": N_("Override, status"),
    "override.rationale": N_("Override, rationale"),
    "measure": N_("Figure"),
    "measure.value": N_("Figure, value"),
    "measure.high": N_("Figure, upper end"),
    "measure.quantity": N_("Figure, quantity"),
    "measure.qualifier": N_("Figure, qualifier"),
    "retraction": N_("Retraction"),
    "retraction.reason": N_("Retraction, reason"),
    "retraction.on": N_("Retraction, date"),
}
SOURCE_FIELDS = {
    "id": N_("Id"),
    "name": N_("Name"),
    "name_uk": N_("Name in Ukrainian"),
    "name_ru": N_("Name in Russian"),
    "kind": N_("Kind"),
    "affiliation": N_("Side"),
    "url": N_("Link"),
    "note": N_("Note"),
    "reliability": N_("Reliability"),
    "reliability_note": N_("Reliability note"),
    "part_of": N_("Part of"),
}
PLACE_FIELDS = {
    "name": N_("Name"),
    "name_ru": N_("Name in Russian"),
    "name_uk": N_("Name in Ukrainian"),
    "country": N_("Country"),
    "key_place": N_("Key place"),
    "verified": N_("Coordinates checked against a second source"),
    "precision_km": N_("Precision radius, km"),
    "coord_source": N_("Where the coordinates come from"),
    "population": N_("Population"),
}

PROBLEMS = {  # pydantic's error type → the problem, said after the field's name; {…} from the error's context
    "missing": N_("required"),
    "none_required": N_("must be left empty"),
    "string_type": N_("must be text"),
    "string_too_short": N_("needs at least {min_length} characters"),
    "string_too_long": N_("too long: at most {max_length} characters"),
    "string_pattern_mismatch": N_(
        "must be lower-case letters and digits, words joined by single hyphens (like sudzha-retaken-by-russia)"
    ),
    "too_short": N_("add at least {min_length}"),
    "too_long": N_("has too many: at most {max_length}"),
    "int_type": N_("must be a whole number"),
    "int_parsing": N_("must be a whole number"),
    "int_from_float": N_("must be a whole number"),
    "float_type": N_("must be a number"),
    "float_parsing": N_("must be a number"),
    "finite_number": N_("must be a number"),
    "bool_type": N_("must be yes or no"),
    "bool_parsing": N_("must be yes or no"),
    "date_type": N_("must be a date written YYYY-MM-DD"),
    "date_parsing": N_("must be a date written YYYY-MM-DD"),
    "date_from_datetime_parsing": N_("must be a date written YYYY-MM-DD"),
    "date_from_datetime_inexact": N_("must be a date without a time"),
    "greater_than": N_("must be more than {gt}"),
    "greater_than_equal": N_("must be at least {ge}"),
    "less_than": N_("must be less than {lt}"),
    "less_than_equal": N_("must be at most {le}"),
    "literal_error": N_("must be one of {expected}"),
    "enum": N_("must be one of {expected}"),
    "list_type": N_("must be a list"),
    "dict_type": N_("must be a group of fields"),
    "model_type": N_("must be a group of fields"),
    "model_attributes_type": N_("must be a group of fields"),
    "extra_forbidden": N_("is not a field of this record"),
    "frozen_instance": N_("cannot be changed"),
    "letters_not_ukrainian": N_("has letters Ukrainian does not write ({letters}): is it the Russian name?"),
    "letters_not_russian": N_("has letters Russian does not write ({letters}): is it the Ukrainian name?"),
    "translation_in_statement_language": N_("a translation is into a language other than the statement's"),
}
SAME_LANGUAGE = {  # a translation into the statement's own language, by that language: each said whole
    "en": N_("the statement is in English already: a translation is into another language"),
    "uk": N_("the statement is in Ukrainian already: a translation is into another language"),
    "ru": N_("the statement is in Russian already: a translation is into another language"),
}
UNNAMED = N_("is not valid")
"""Said of an error whose type has no sentence above: still words, never pydantic's text."""
OWN_SENTENCES = {"value_error", "assertion_error"}
"""The record's own validators raise these with a sentence written for people: that sentence is said."""


def field_name(where: Sequence[str | int], names: Mapping[str, str] = CLAIM_FIELDS) -> str:
    """The name a form gives the field at `where` ("reports", 0, "url" → "Report 1, link"); a field not in
    `names` by its own words ("precision_km" → "Precision km")."""
    pattern = ".".join("*" if isinstance(step, int) else step for step in where)
    numbers = [step + 1 for step in where if isinstance(step, int)]
    if pattern in names:
        return names[pattern].format(n=numbers[-1] if numbers else "")
    words = [str(step) for step in where if not isinstance(step, int)]
    return (words[-1] if words else "").replace("_", " ").capitalize()


def problem_words(kind: str, context: Mapping[str, Any] | None, given: Any) -> str:
    """The problem of one error, with the value given when it helps to see it (a pattern, a bound, a choice)."""
    return str(problem_phrase(kind, context, given))


def problem_phrase(kind: str, context: Mapping[str, Any] | None, given: Any) -> Phrase | str:
    """`problem_words` kept as a phrase, written in each reader's language where it is shown; a validator's own
    sentence is its phrase (geo.language.phrase.PhraseError), or as it was written when it raised a bare error."""
    context = dict(context or {})
    if kind in OWN_SENTENCES and context.get("error") is not None:
        error = context["error"]
        return error.phrase if isinstance(error, PhraseError) else str(error)
    if kind == "missing" or given is None or given == "":
        return Phrase(PROBLEMS["missing"])  # a box left empty, a choice not made
    if kind == "translation_in_statement_language":  # the language named in each reader's words, whole
        return Phrase(SAME_LANGUAGE.get(str(context.get("language")), PROBLEMS[kind]))
    template = PROBLEMS.get(kind, UNNAMED)
    sentence = Phrase.gettext(template, **{name: format_bound(value) for name, value in context.items()})
    scalar = not isinstance(given, dict | list) and kind not in {"string_too_long", "extra_forbidden"}
    return Phrase.gettext("{problem} (not {given})", problem=sentence, given=quoted(given)) if scalar else sentence


def format_bound(value: Any) -> str:
    """A bound as a person writes it: 90, not 90.0; a choice's quotes kept ('day', 'week' or 'month')."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def field_phrase(where: Sequence[str | int], names: Mapping[str, str] = CLAIM_FIELDS) -> Phrase | str:
    """`field_name` kept as a phrase: a named field in each reader's language, any other by its own words."""
    pattern = ".".join("*" if isinstance(step, int) else step for step in where)
    numbers = [step + 1 for step in where if isinstance(step, int)]
    if pattern in names:
        return Phrase.gettext(names[pattern], n=numbers[-1] if numbers else "")
    return field_name(where, names)


def error_sentence(detail: Mapping[str, Any], names: Mapping[str, str] = CLAIM_FIELDS) -> tuple[str, str]:
    """One of pydantic's error details as (the field's path, the sentence a person reads): "Report 1, link: must
    start with http:// or https://"; an error of the whole record is its sentence alone."""
    path, said = error_phrase(detail, names)
    return path, str(said)


def error_phrase(detail: Mapping[str, Any], names: Mapping[str, str] = CLAIM_FIELDS) -> tuple[str, Phrase | str]:
    """`error_sentence` kept as a phrase ("{field}: {problem}"), so a form says it in its reader's language."""
    where = tuple(detail.get("loc", ()))
    path = ".".join(str(step) for step in where)
    problem = problem_phrase(detail["type"], detail.get("ctx"), detail.get("input"))
    name = field_phrase(where, names)
    if name:
        return path, Phrase.gettext("{field}: {problem}", field=name, problem=problem)
    if isinstance(problem, Phrase):  # a whole record's problem: a sentence of its own
        return path, problem.as_sentence()
    return path, problem[:1].upper() + problem[1:]  # a bare error's own words, as written
