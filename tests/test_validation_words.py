"""A record refused by the model is refused in words a person reads: every kind of error pydantic raises for a
claim or a source has a sentence (geo.model.validation_words), said with the field's name on the form, and none
of pydantic's own text ("List should have at least 1 item after validation, not 0") reaches the person."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from geo.model.records import Claim, Source
from geo.model.validation_words import CLAIM_FIELDS, OWN_SENTENCES, PROBLEMS, SOURCE_FIELDS, error_sentence
from geo.workflow.editing import pydantic_problems
from tests.conftest import valid_claim

PYDANTIC_PHRASES = ("should", "Input", "after validation", "Value error", "valid string", "Extra inputs", "pattern '")
BAD_VALUES = [None, "", [], {}, "A b", "maybe", -1, 0, 3.5, 1e12, True, "2025-13-01", "x" * 5000, [{}], {"a": 1}]
VALID_SOURCE = {"id": "bbc-test", "name": "BBC", "kind": "news-outlet", "affiliation": "independent"}


def paths(document: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every field and item of a record, nested ones too, as paths."""
    found: list[tuple[str | int, ...]] = []
    children = document.items() if isinstance(document, dict) else enumerate(document)
    for step, value in children:
        found.append((*prefix, step))
        if isinstance(value, dict | list):
            found += paths(value, (*prefix, step))
    return found


def broken(document: dict[str, Any], changes: list[tuple[int, Any, bool]]) -> dict[str, Any]:
    """The record with some fields set to a bad value or dropped, and maybe a field it does not have."""
    result = copy.deepcopy(document)
    for pick, value, drop in changes:
        where = paths(result)
        if not where:
            break
        *parents, last = where[pick % len(where)]
        holder: Any = result
        for step in parents:
            holder = holder[step]
        if drop and isinstance(holder, dict):
            holder.pop(last)
        else:
            holder[last] = copy.deepcopy(value)
    return result


CHANGES = st.lists(st.tuples(st.integers(0, 200), st.sampled_from(BAD_VALUES), st.booleans()), min_size=1, max_size=4)


def sentences_of(model: type[BaseModel], document: dict[str, Any], names: dict[str, str]) -> list[tuple[str, str]]:
    try:
        model.model_validate(document)
    except ValidationError as error:
        details = error.errors(include_url=False)
        unnamed = sorted({detail["type"] for detail in details} - set(PROBLEMS) - OWN_SENTENCES)
        assert unnamed == [], f"pydantic error types with no sentence in geo.model.validation_words: {unnamed}"
        return [(detail["msg"], error_sentence(detail, names)[1]) for detail in details]
    return []


@settings(max_examples=300, deadline=None)
@given(changes=CHANGES, extra=st.booleans())
def test_every_error_a_broken_claim_raises_reads_as_words(changes: list[tuple[int, Any, bool]], extra: bool) -> None:
    document = broken(valid_claim(measure={"quantity": "area-km2", "value": 10}), changes)
    if extra:
        document["unknown_field"] = 1
    for raw, sentence in sentences_of(Claim, document, CLAIM_FIELDS):
        assert raw not in sentence and not any(phrase in sentence for phrase in PYDANTIC_PHRASES), sentence
        name = sentence.split(":", 1)[0]
        assert "_" not in name and name[:1].isupper(), sentence  # the form's name, not the record's path


@settings(max_examples=150, deadline=None)
@given(changes=CHANGES)
def test_every_error_a_broken_source_reads_as_words(changes: list[tuple[int, Any, bool]]) -> None:
    for raw, sentence in sentences_of(Source, broken(VALID_SOURCE, changes), SOURCE_FIELDS):
        assert raw not in sentence and not any(phrase in sentence for phrase in PYDANTIC_PHRASES), sentence


@pytest.mark.parametrize(
    ("changes", "field", "sentence"),
    [
        ({"reports": []}, "reports", "Reports: add at least 1"),
        ({"statement": ""}, "statement", "Statement: required"),
        ({"claimant": None}, "claimant", "Claimant: required"),
        (
            {"reports": [{"outlet": "bbc", "date": "2025-01-31", "url": "ftp://example.org/x"}]},
            "reports.0.url",
            "Report 1, link: link must be an http(s) URL, got 'ftp://example.org/x'",
        ),
        (
            {"location": {"point": {"lat": 95, "lon": 35}, "precision_km": 1}},
            "location.point.lat",
            "Latitude: must be at most 90 (not '95')",
        ),
    ],
)
def test_a_blank_or_wrong_field_is_named_as_on_the_form(changes: dict[str, Any], field: str, sentence: str) -> None:
    with pytest.raises(ValidationError, match=field.split(".")[0]) as refused:
        Claim.model_validate(valid_claim(**changes))
    assert [(problem.field, problem.message) for problem in pydantic_problems(refused.value)] == [(field, sentence)]
