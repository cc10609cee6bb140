"""Check a data folder from the command line: `python -m geo.reading.validate data/`.

Prints one line per problem (file: record: reason) and exits 1 if there is any, so it
can guard a data change before it is merged. Warnings (likely duplicates, places outside
the case's region, claims without a number) need an analyst's judgement and do not fail.

  --grades FILE.csv   writes every claim's grade, as the app shows it, for review
  --write-numbers     writes the numbers claims have now into the files that lack them, and
                      raises claim_numbers.yaml's issued_through to the highest (never given again)

Exit status: 0 clean (warnings allowed), 1 problems found, 2 the checker itself failed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo.publishing.export import claims_csv
from geo.reading.dataset import load_dataset
from geo.reading.warnings import warnings, write_numbers


def main(argv: list[str] | None = None) -> int:
    try:
        return check(argv)
    except Exception as error:  # the last line of defence: a checker must answer, never crash on its input
        print(f"internal error while checking: {type(error).__name__}: {error}", file=sys.stderr)
        return 2


def check(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, nargs="?", default=Path("data"))
    parser.add_argument("--grades", type=Path, metavar="FILE.csv", help="write the grades report here")
    parser.add_argument("--write-numbers", action="store_true", help="write missing claim numbers into the files")
    args = parser.parse_args(argv)
    dataset = load_dataset(args.data_dir)
    for issue in dataset.issues:
        print(issue, file=sys.stderr)
    for note in warnings(dataset):
        print(note, file=sys.stderr)
    if args.write_numbers:
        print(f"{write_numbers(dataset, args.data_dir / 'claims')} claim number(s) written")
    if args.grades is not None:
        by_number = sorted(dataset.claims, key=lambda claim: dataset.numbers[claim.id])
        args.grades.write_text(claims_csv(by_number, dataset.grade_all(), dataset), encoding="utf-8")
        print(f"grades of {len(by_number)} claims written to {args.grades}")
    print(
        f"{len(dataset.claims)} claims, {len(dataset.sources)} sources, "
        f"{len(dataset.fronts)} front snapshots, {len(dataset.places)} places loaded; "
        f"{len(dataset.issues)} problem(s)"
    )
    return 1 if dataset.issues else 0


if __name__ == "__main__":
    sys.exit(main())
