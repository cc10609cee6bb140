"""A claim entered or edited by hand, checked as the loader checks a file, field by field.

The form and the store ask the same question: would this claim load, beside every other claim?
The answer names each field that is wrong and why, so the form can say it on the field; a claim
with any problem is never saved. The same check gives the grade the claim would get, and the
stored claims it probably duplicates, while the analyst is still typing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from geo.grading.duplicates import Duplicate, duplicate_matches
from geo.grading.rule import Grade, Grader, Relations
from geo.language.phrase import Phrase
from geo.language.words import Words
from geo.model.issues import quoted
from geo.model.records import Claim
from geo.model.validation_words import CLAIM_FIELDS, error_phrase
from geo.reading.dataset import Dataset
from geo.reading.loading import bounds_phrases, reference_problems, support_cycles


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one field of a form ('' for the claim as a whole)."""

    field: str
    message: str  # in English, as the store's refusals and the logs say it
    phrase: Phrase | None = None  # the message kept in no language yet, when it was built as one

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message

    def said_in(self, words: Words) -> str:
        """The message in the reader's language where it was kept as a phrase, else as written."""
        return self.phrase.said_in(words) if self.phrase is not None else self.message


@dataclass
class CheckedClaim:
    """A form's claim as the loader sees it: the claim when valid, every problem, its grade and look-alikes
    (each with the signals that matched and what to do, geo.grading.duplicates)."""

    claim: Claim | None
    problems: list[FieldProblem] = field(default_factory=list)
    grade: Grade | None = None
    look_alikes: list[Duplicate] = field(default_factory=list)

    @property
    def duplicates(self) -> list[Claim]:
        """The stored claims it is probably a copy of."""
        if self.claim is None:
            return []
        return [match.other(self.claim.id) for match in self.look_alikes]

    @property
    def valid(self) -> bool:
        return self.claim is not None and not self.problems

    def on(self, field_name: str) -> list[str]:
        """The messages for one field and the fields within it (`reports` holds `reports.0.url`)."""
        return [problem.message for problem in self.problems_on(field_name)]

    def problems_on(self, field_name: str) -> list[FieldProblem]:
        return [
            problem
            for problem in self.problems
            if problem.field == field_name or problem.field.startswith(f"{field_name}.")
        ]


def pydantic_problems(error: ValidationError, names: Mapping[str, str] = CLAIM_FIELDS) -> list[FieldProblem]:
    """The model's complaints, each on its field and in words a person reads (geo.model.validation_words); `names`
    are the fields' names on the record's form."""
    return [problem_of(*error_phrase(detail, names)) for detail in error.errors(include_url=False)]


def problem_of(field_path: str, said: Phrase | str) -> FieldProblem:
    """A problem whose message is its English, keeping the phrase for readers of other languages."""
    return FieldProblem(field_path, str(said), said if isinstance(said, Phrase) else None)


def split_problem(text: str) -> FieldProblem:
    """The loader's 'field …: message' sentences, as a problem on that field."""
    head, _, rest = text.partition(" ")
    field_name = head.rstrip(":")
    if field_name in {"claimant", "origin", "outlet", "place", "area"}:
        return FieldProblem("reports" if field_name == "outlet" else location_field(field_name), text)
    if head.endswith(":") and rest:
        return FieldProblem(field_name, rest)
    return FieldProblem("", text)


def location_field(name: str) -> str:
    return f"location.{name}" if name in {"place", "area"} else name


def check_claim(raw: dict[str, Any], dataset: Dataset, *, replacing: str | None = None) -> CheckedClaim:
    """Check a claim as if it were saved into `dataset` (replacing the claim `replacing`, when editing).

    Besides the model's rules: what it names must exist, its dates and point must fit the case,
    its id and number must be free (a retired number is not), every linked claim must exist, the links
    must not go round or contradict themselves, and an override must not contradict the grade's own rules."""
    try:
        claim = Claim.model_validate(raw)
    except ValidationError as error:
        return CheckedClaim(None, pydantic_problems(error))
    problems = [
        split_problem(text) for text in reference_problems(claim, dataset.sources, dataset.places, dataset.areas)
    ]
    problems += [problem_of(field_path, phrase) for field_path, phrase in bounds_phrases(claim, dataset.case)]
    others = {other.id: other for other in dataset.claims if other.id != replacing}
    if claim.id in others:
        taken_id = Phrase.gettext(
            "{id} is already the id of claim #{number}", id=quoted(claim.id), number=str(number_of(claim.id, dataset))
        )
        problems.append(problem_of("id", taken_id))
    taken = {dataset.numbers.get(other_id): other_id for other_id in others}
    if claim.number is not None and claim.number in taken:
        number = Phrase.gettext(
            "#{number} is already the number of {id}", number=str(claim.number), id=taken[claim.number]
        )
        problems.append(problem_of("number", number))
    elif retired := dataset.numbering.problem(claim):
        problems.append(split_problem(retired))
    for link in ("same_as", "supports", "contradicts"):
        unknown = [other for other in getattr(claim, link) if other not in others]
        if unknown:
            problems.append(problem_of(link, Phrase.gettext("no such claim: {ids}", ids=", ".join(unknown))))
    together = {**others, claim.id: claim}
    for cycle in support_cycles(together):
        if claim.id in cycle:
            circle = Phrase.gettext("the links go round in a circle ({path})", path=" → ".join(cycle))
            problems.append(problem_of("supports", circle))
    grader = Grader(together.values(), dataset.sources, dataset.sides)
    already = dataset.link_conflicts if replacing is None else set(Relations.of(others.values()).conflicts)
    problems += [
        FieldProblem("contradicts", phrase.english, phrase)
        for first, phrase in grader.relations.conflicts
        if (first, phrase) not in already
    ]
    grade = grader.graded(claim)
    if claim.id in grader.problems:
        problems.append(FieldProblem("override", grader.problems[claim.id], grader.override_refusals[claim.id]))
    return CheckedClaim(claim, problems, grade, duplicate_matches(claim, dataset, replacing=replacing))


def number_of(claim_id: str, dataset: Dataset) -> int | str:
    return dataset.numbers.get(claim_id, "?")
