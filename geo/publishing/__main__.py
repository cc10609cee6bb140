"""Exports for scripted use, reading the store as the app does or a bundle folder:

    python -m geo.publishing export --format FMT --out FILE [--date YYYY-MM-DD] [--story ID] [--data DIR]
        [--claim ID]

With --date, the claims the map shows on that date; without, every claim. Formats: geo.publishing.formats.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from geo.publishing.export import Made, Selection
from geo.publishing.formats import FORMATS
from geo.publishing.handout import CLAIM_FILTER
from geo.publishing.public_dataset import load_for_page
from geo.reading.dataset import load_dataset
from geo.reading.source import data_source


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo.publishing", description="Export what the map knows.")
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="write one file in a standard format")
    export.add_argument("--format", required=True, choices=sorted(FORMATS))
    export.add_argument("--out", required=True, type=Path)
    export.add_argument("--date", type=dt.date.fromisoformat, help="the map's date (YYYY-MM-DD)")
    export.add_argument("--story", help="the story to tell (formats that tell one; default the first)")
    export.add_argument("--data", type=Path, help="a bundle folder to read instead of the store")
    export.add_argument("--claim", help="export this claim alone (as pdf: its one-page claim sheet)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    dataset = (
        load_dataset(args.data) if args.data else load_for_page(data_source())
    )  # staff named as the public reads them
    if args.story is not None and args.story not in dataset.stories:
        known = ", ".join(sorted(dataset.stories)) or "none"
        print(f"unknown story '{args.story}' (known: {known})", file=sys.stderr)
        return 2
    if args.claim is not None and args.claim not in dataset.by_id:
        print(f"unknown claim '{args.claim}'", file=sys.stderr)
        return 2
    grades = dataset.grade_all()
    claims = dataset.visible_on(args.date) if args.date else dataset.by_report
    made = Made(as_of=args.date)
    if args.claim is not None:
        claims, made = [dataset.by_id[args.claim]], Made(as_of=args.date, filters={CLAIM_FILTER: args.claim})
    story = dataset.stories[args.story] if args.story else None
    FORMATS[args.format](args.out, Selection(claims=claims, grades=grades, dataset=dataset, made=made, story=story))
    print(f"wrote {args.out} ({args.format}, {len(claims)} claims)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
