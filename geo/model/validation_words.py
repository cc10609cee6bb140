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

from geo.model.issues import quoted

CLAIM_FIELDS = {  # a claim field's path (a list's index as *) → its name on the form; {n} is the item's number
    "id": "Id",
    "number": "Number",
    "statement": "Statement",
    "claimant": "Claimant",
    "origin": "Origin",
    "reports": "Reports",
    "reports.*": "Report {n}",
    "reports.*.outlet": "Report {n}, outlet",
    "reports.*.date": "Report {n}, date",
    "reports.*.url": "Report {n}, link",
    "reports.*.title": "Report {n}, title",
    "reports.*.via": "Report {n}, via",
    "reports.*.quote": "Report {n}, quote",
    "refers_to": "Dates the claim is about",
    "refers_to.start": "About — from",
    "refers_to.end": "About — to",
    "refers_to.precision": "Known to the",
    "location": "Where",
    "location.place": "Place",
    "location.area": "Area",
    "location.point": "Point",
    "location.point.lat": "Latitude",
    "location.point.lon": "Longitude",
    "location.precision_km": "Precision radius",
    "location.note": "Location note",
    "location.beyond_region": "Outside the case's region",
    "category": "Category",
    "about": "About — whose forces or gains",
    "against_interest": "Against the claimant's interest",
    "kind": "Kind of statement",
    "access": "How its source knows",
    "favours": "Whose side it helps",
    "informed_by": "Also draws on",
    "informed_by.*": "Also draws on, source {n}",
    "same_as": "Same as",
    "same_as.*": "Same as, claim {n}",
    "supports": "Supports",
    "supports.*": "Supports, claim {n}",
    "contradicts": "Contradicts",
    "contradicts.*": "Contradicts, claim {n}",
    "analyst_note": "Analyst's note",
    "override": "Override",
    "override.credibility": "Override, credibility",
    "override.confidence": "Override, confidence",
    "override.status": "Override, status",
    "override.rationale": "Override, rationale",
    "measure": "Figure",
    "measure.value": "Figure, value",
    "measure.high": "Figure, upper end",
    "measure.quantity": "Figure, quantity",
    "measure.qualifier": "Figure, qualifier",
    "retraction": "Retraction",
    "retraction.reason": "Retraction, reason",
    "retraction.on": "Retraction, date",
}
SOURCE_FIELDS = {
    "id": "Id",
    "name": "Name",
    "kind": "Kind",
    "affiliation": "Side",
    "url": "Link",
    "note": "Note",
    "reliability": "Reliability",
    "reliability_note": "Reliability note",
    "part_of": "Part of",
}

PROBLEMS = {  # pydantic's error type → the problem, said after the field's name; {…} from the error's context
    "missing": "required",
    "none_required": "must be left empty",
    "string_type": "must be text",
    "string_too_short": "needs at least {min_length} characters",
    "string_too_long": "too long: at most {max_length} characters",
    "string_pattern_mismatch": "must be lower-case letters and digits, words joined by single hyphens "
    "(like sudzha-retaken-by-russia)",
    "too_short": "add at least {min_length}",
    "too_long": "has too many: at most {max_length}",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "finite_number": "must be a number",
    "bool_type": "must be yes or no",
    "bool_parsing": "must be yes or no",
    "date_type": "must be a date written YYYY-MM-DD",
    "date_parsing": "must be a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "must be a date written YYYY-MM-DD",
    "date_from_datetime_inexact": "must be a date without a time",
    "greater_than": "must be more than {gt}",
    "greater_than_equal": "must be at least {ge}",
    "less_than": "must be less than {lt}",
    "less_than_equal": "must be at most {le}",
    "literal_error": "must be one of {expected}",
    "enum": "must be one of {expected}",
    "list_type": "must be a list",
    "dict_type": "must be a group of fields",
    "model_type": "must be a group of fields",
    "model_attributes_type": "must be a group of fields",
    "extra_forbidden": "is not a field of this record",
    "frozen_instance": "cannot be changed",
}
UNNAMED = "is not valid"
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
    context = dict(context or {})
    if kind in OWN_SENTENCES and context.get("error") is not None:
        return str(context["error"])
    if kind == "missing" or given is None or given == "":
        return PROBLEMS["missing"]  # a box left empty, a choice not made
    template = PROBLEMS.get(kind, UNNAMED)
    sentence = template.format(**{name: format_bound(value) for name, value in context.items()})
    scalar = not isinstance(given, dict | list) and kind not in {"string_too_long", "extra_forbidden"}
    return f"{sentence} (not {quoted(given)})" if scalar else sentence


def format_bound(value: Any) -> str:
    """A bound as a person writes it: 90, not 90.0; a choice's quotes kept ('day', 'week' or 'month')."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def error_sentence(detail: Mapping[str, Any], names: Mapping[str, str] = CLAIM_FIELDS) -> tuple[str, str]:
    """One of pydantic's error details as (the field's path, the sentence a person reads): "Report 1, link: must
    start with http:// or https://"; an error of the whole record is its sentence alone."""
    where = tuple(detail.get("loc", ()))
    path = ".".join(str(step) for step in where)
    problem = problem_words(detail["type"], detail.get("ctx"), detail.get("input"))
    name = field_name(where, names)
    return path, (f"{name}: {problem}" if name else problem[:1].upper() + problem[1:])
