"""Checks an analyst runs before publishing a bundle: warnings, not errors, since each needs a judgement.

- likely duplicates: pairs that are probably one claim entered twice, by the signals of
  geo.grading.duplicates (a shared quote, one report under two attributions, one origin's figure or
  wording again at an overlapping time and place);
- claims that have no number in the data yet (their number is given at load, and would
  shift if an earlier claim were added without one too).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from geo.grading import duplicates
from geo.grading.duplicates import duplicates_of as duplicates_of  # re-exported for older callers
from geo.grading.duplicates import shared_words as shared_words
from geo.grading.duplicates import word_stems as word_stems
from geo.grading.rule import unrecorded
from geo.reading.dataset import Dataset


@dataclass(frozen=True)
class ReviewNote:
    record: str
    problem: str

    def __str__(self) -> str:
        return f"warning: {self.record}: {self.problem}"


def likely_duplicates(dataset: Dataset) -> Iterator[ReviewNote]:
    """Pairs that probably are one claim entered twice, each with the signals that matched and what to do."""
    for duplicate in duplicates.likely_duplicates(dataset):
        yield ReviewNote(duplicate.first.id, duplicate.problem(dataset.numbers))


def unnumbered(dataset: Dataset) -> Iterator[ReviewNote]:
    """Numbers the data does not keep yet: claims without one (theirs would shift if an earlier claim were
    added without one too), and numbers above the highest that claim_numbers.yaml records as issued (if
    such a claim were deleted, its number would be given again)."""
    from geo.reading.numbers import NUMBERS_FILE

    highest = max((claim.number for claim in dataset.claims if claim.number is not None), default=0)
    if highest > dataset.numbering.highest:
        yield ReviewNote(
            NUMBERS_FILE,
            f"claims hold numbers up to #{highest}, but issued_through records {dataset.numbering.issued_through}; "
            "run with --write-numbers so those numbers are never given again",
        )
    missing = [claim for claim in dataset.by_report if claim.number is None]
    if missing:
        yield ReviewNote(
            f"{len(missing)} claim(s)",
            f"no number in the data yet ({', '.join(claim.id for claim in missing[:5])}"
            f"{', …' if len(missing) > 5 else ''}); run with --write-numbers to keep the numbers they have now",
        )


def unrecorded_for_grading(dataset: Dataset) -> Iterator[ReviewNote]:
    """Claims graded the cautious way because the data does not say what the rule needs (geo.grading.rule)."""
    for claim in dataset.by_report:
        for missing in unrecorded(claim, dataset.sources):
            yield ReviewNote(claim.id, missing)


def warnings(dataset: Dataset) -> list[ReviewNote]:
    return [*likely_duplicates(dataset), *unnumbered(dataset), *unrecorded_for_grading(dataset)]


CLAIM_START = re.compile(r"^(?P<indent>\s*)- id: (?P<id>[a-z0-9-]+)\s*$")


def write_numbers(dataset: Dataset, claims_dir: Path) -> int:
    """Write each unnumbered claim's number under its id in the YAML files, leaving every other line as it is,
    and raise claim_numbers.yaml's issued_through to the highest number now given (the file is created if
    missing), so that deleting a claim can never free its number for the next one."""
    from geo.reading.numbers import NUMBERS_FILE, record_issued_through

    wanted = {claim.id: dataset.numbers[claim.id] for claim in dataset.claims if claim.number is None}
    written = 0
    for path in sorted(claims_dir.glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        out = []
        for line in lines:
            out.append(line)
            match = CLAIM_START.match(line)
            if match and match["id"] in wanted:
                out.append(f"{match['indent']}  number: {wanted.pop(match['id'])}\n")
                written += 1
        if len(out) != len(lines):
            path.write_text("".join(out), encoding="utf-8")
    highest = max(dataset.numbers.values(), default=0)
    if highest:
        record_issued_through(claims_dir.parent / NUMBERS_FILE, highest)
    return written
