"""Move bundles into and out of the store: `python -m geo.store import DIR` / `export DIR`.

  import DIR [--reason TEXT] [--actor NAME]   add and update records by id, each change an event
  export DIR                                   write the store as a bundle folder (YAML + GeoJSON)
  history CLAIM-ID                             a claim's events, oldest first

The store is KURSK_MAP_DB (a PostgreSQL + PostGIS URL) or, by default, the embedded SQLite file.
Exit status: 0 done, 1 the bundle was refused (nothing changed; every problem is printed).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from geo.store import ImportRefusedError, Store, shown_url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.store", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    importing = commands.add_parser("import", help="add and update records from a bundle folder")
    importing.add_argument("folder", type=Path)
    importing.add_argument("--reason", default="bundle imported", help="why, for the event log")
    importing.add_argument("--actor", default=getpass.getuser(), help="who, for the event log")
    exporting = commands.add_parser("export", help="write the store as a bundle folder")
    exporting.add_argument("folder", type=Path)
    history = commands.add_parser("history", help="a claim's events")
    history.add_argument("claim")
    args = parser.parse_args(argv)
    store = Store()
    if args.command == "import":
        try:
            report = store.import_bundle(args.folder, args.actor, args.reason)
        except ImportRefusedError as refused:
            for issue in refused.issues:
                print(issue, file=sys.stderr)
            print(f"nothing imported into {shown_url(store.url)}: {len(refused.issues)} problem(s)", file=sys.stderr)
            return 1
        print(f"{args.folder} into {shown_url(store.url)}: {report}")
    elif args.command == "export":
        store.export_bundle(args.folder)
        print(f"{shown_url(store.url)} written to {args.folder}")
    else:
        for entry in store.history("claim", args.claim):
            print(f"{entry['at']:%Y-%m-%d %H:%M} {entry['actor']} {entry['action']}: {entry['reason']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
