"""Check a data folder from the command line: `python -m geo.validate data/`.

Prints one line per problem (file: record: reason) and exits 1 if there is any, so it
can guard a data change before it is merged.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo.dataset import load_dataset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, nargs="?", default=Path("data"))
    args = parser.parse_args(argv)
    dataset = load_dataset(args.data_dir)
    for issue in dataset.issues:
        print(issue, file=sys.stderr)
    print(
        f"{len(dataset.claims)} claims, {len(dataset.sources)} sources, "
        f"{len(dataset.fronts)} front snapshots, {len(dataset.places)} places loaded; "
        f"{len(dataset.issues)} problem(s)"
    )
    return 1 if dataset.issues else 0


if __name__ == "__main__":
    sys.exit(main())
