"""Public claim numbers are never given twice: the bundle's record of the numbers already issued.

A claim's number is what a briefing, a screenshot or a report cites ("#37"). If a deleted claim's
number went to a new claim, every earlier citation of it would silently point at something else.
So a bundle records, in `claim_numbers.yaml` beside `case.yaml`:

- `issued_through`: the highest number ever given (a claim deleted by hand leaves it standing);
- `retired`: each number whose claim is gone, with the id of the claim it was given to.

A claim without a number gets one above all of them; a claim that holds another claim's retired
number, or a claim whose id comes back with a number other than its retired one, is refused. A claim
whose id comes back without a number gets its old number again: it is the same claim. The store keeps
the same record as a table (geo.store.numbers) and writes this file on export.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any

from pydantic import Field

from geo.model.issues import DataIssue
from geo.model.records import LONG_TEXT, Claim, RecordId, Strict
from geo.reading.bundle import Bundle
from geo.reading.loading import document_of, validated

NUMBERS_FILE = "claim_numbers.yaml"
HIGHEST_NUMBER = 9_999_999  # Claim.number's own limit
PublicNumber = Annotated[int, Field(strict=True, ge=1, le=HIGHEST_NUMBER)]


class RetiredNumber(Strict):
    """A number whose claim is gone: never given to another claim."""

    number: PublicNumber
    id: RecordId  # the claim it was given to
    reason: str = Field(default="", max_length=LONG_TEXT)


class NumbersHeader(Strict):
    """Everything in the file but the retired list (an unknown key is refused, like everywhere)."""

    issued_through: Annotated[int, Field(strict=True, ge=0, le=HIGHEST_NUMBER)] = 0


@dataclass(frozen=True)
class ClaimNumbers:
    """What a bundle records of the numbers it has issued; empty for a bundle without the file."""

    issued_through: int = 0
    retired: Mapping[int, RetiredNumber] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def highest(self) -> int:
        """The highest number ever issued or retired: a new claim's number lies above it."""
        return max(self.issued_through, max(self.retired, default=0))

    def retired_number_of(self, claim_id: str) -> int | None:
        return next((number for number, entry in self.retired.items() if entry.id == claim_id), None)

    def problem(self, claim: Claim) -> str | None:
        """Why the claim may not hold its number, in the loader's words ('field: reason'), or None."""
        entry = self.retired.get(claim.number) if claim.number is not None else None
        if entry is not None and entry.id != claim.id:
            return (
                f"number: {claim.number} is retired (it was the number of {entry.id}, see {NUMBERS_FILE}); "
                "a number is never given to another claim: leave number out and the claim gets a new one"
            )
        own = self.retired_number_of(claim.id)
        if own is not None and claim.number is not None and claim.number != own:
            return (
                f"number: {claim.id} was given number {own} (retired in {NUMBERS_FILE}); "
                f"a number never changes once given: write number: {own} or leave it out"
            )
        return None

    def document(self) -> dict[str, Any]:
        """The file's content, as the store exports it."""
        return {
            "issued_through": self.issued_through,
            "retired": [
                {"number": entry.number, "id": entry.id, **({"reason": entry.reason} if entry.reason else {})}
                for entry in sorted(self.retired.values(), key=lambda entry: entry.number)
            ],
        }


def load_claim_numbers(bundle: Bundle, issues: list[DataIssue]) -> ClaimNumbers:
    """The bundle's record of issued numbers (optional: without it nothing is recorded yet)."""
    if NUMBERS_FILE not in bundle:
        return ClaimNumbers()
    return claim_numbers_of(document_of(bundle, NUMBERS_FILE, issues), NUMBERS_FILE, issues)


def claim_numbers_of(document: Any, file: str, issues: list[DataIssue]) -> ClaimNumbers:
    """The record from a parsed document; every problem is an issue naming the file, the entry and the field.
    A refused entry protects nothing, so the bundle then has a problem and is not imported."""
    if document is None:  # an empty file, or one the reader refused (already an issue)
        return ClaimNumbers()
    if not isinstance(document, dict):
        issues.append(DataIssue(file, "(whole file)", "expected a mapping with issued_through and retired"))
        return ClaimNumbers()
    header = validated(
        NumbersHeader, {key: value for key, value in document.items() if key != "retired"}, file, "(header)", issues
    )
    listed = document.get("retired") or []
    if not isinstance(listed, list):
        issues.append(DataIssue(file, "(header)", "retired: expected a list of {number, id, reason}"))
        listed = []
    retired: dict[int, RetiredNumber] = {}
    where: dict[int, str] = {}
    by_id: dict[str, int] = {}
    for index, raw in enumerate(listed):
        record = f"retired #{index + 1}"
        entry = validated(RetiredNumber, raw, file, record, issues)
        if entry is None:
            continue
        if entry.number in retired:
            issues.append(
                DataIssue(file, record, f"number: {entry.number} is retired twice (also {where[entry.number]})")
            )
        elif entry.id in by_id:
            issues.append(
                DataIssue(
                    file, record, f"id: {entry.id} already retired number {by_id[entry.id]}; a claim has one number"
                )
            )
        else:
            retired[entry.number] = entry
            where[entry.number] = record
            by_id[entry.id] = entry.number
    issued_through = header.issued_through if header is not None else 0
    return ClaimNumbers(issued_through, MappingProxyType(retired))


ISSUED_THROUGH = re.compile(r"^issued_through:[^\n#]*", re.MULTILINE)
NEW_FILE = """# Claim numbers once given are never given again (README: "Numbers never change once given").
# issued_through: the highest number ever given; a claim without a number gets the next one above every number here.
# retired: numbers whose claims were deleted or merged, each with the id of the claim it was given to, e.g.
#   - {number: 12, id: some-claim-id, reason: "merged into another-claim-id"}
issued_through: {highest}
retired: []
"""


def record_issued_through(path: Path, highest: int) -> bool:
    """Raise `issued_through` in the file to `highest` (creating the file), leaving every other line as it is.
    True when the file changed."""
    if not path.is_file():
        path.write_text(NEW_FILE.replace("{highest}", str(highest)), encoding="utf-8")
        return True
    text = path.read_text(encoding="utf-8")
    found = ISSUED_THROUGH.search(text)
    current = found.group(0).partition(":")[2].strip() if found else "0"
    if not current.isdigit() or int(current) >= highest:
        return False  # high enough already, or not a number: the loader names that problem, nothing is guessed
    line = f"issued_through: {highest}"
    updated = ISSUED_THROUGH.sub(line, text, count=1) if found else f"{text.rstrip()}\n{line}\n".lstrip()
    path.write_text(updated, encoding="utf-8")
    return True
