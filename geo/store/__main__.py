"""Move bundles into and out of the store: `python -m geo.store import DIR` / `export DIR`.

  import DIR [--reason TEXT] [--actor NAME]   add and update records by id, each change an event
  export DIR                                   write the store as a bundle folder (YAML + GeoJSON)
  history CLAIM-ID                             a claim's events, oldest first
  bbox WEST SOUTH EAST NORTH                   the claims whose place or area meets a box (working
                                               versions; on PostGIS through its spatial index)
  grant WHO ROLE --reason TEXT [--name NAME] [--issuer URL]
                                               give a person a role: WHO is an address their provider
                                               verifies, or with --issuer the provider's subject (sub)
  users                                        who holds which role
  verify [--anchor HASH]                       check the audit log's chain (geo.store.audit_commands)
  app-role ROLE                                (PostgreSQL) the app's role may only insert and read events

The store is KURSK_MAP_DB (a PostgreSQL + PostGIS URL) or, by default, the embedded SQLite file.
Exit status: 0 done, 1 the bundle or the grant was refused (nothing changed; every problem is printed)
or the audit log is broken, 2 imported but some records were held back (each is printed, with why).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from geo.store import ImportRefusedError, Store, shown_url
from geo.store.audit import operating_system_user
from geo.store.audit_commands import COMMANDS, add_audit_commands, run_audit_command
from geo.store.claims import SaveRefusedError
from geo.store.spatial import claims_in_bbox
from geo.workflow.roles import Role, email_key, subject_key


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
    boxed = commands.add_parser("bbox", help="claims whose place or area meets a box, in degrees")
    boxed.add_argument("box", type=float, nargs=4, metavar=("WEST", "SOUTH", "EAST", "NORTH"))
    granting = commands.add_parser("grant", help="give a person a role (the administrator's grant, logged)")
    granting.add_argument("subject", help="an e-mail address the provider verifies, or with --issuer its sub")
    granting.add_argument("role", choices=[role.value for role in Role])
    granting.add_argument("--reason", required=True, help="why, for the event log")
    granting.add_argument("--name", default="", help="their name, for people reading the log")
    granting.add_argument("--issuer", default="", help="the provider's issuer (https://…) whose sub WHO is")
    commands.add_parser("users", help="who holds which role")
    add_audit_commands(commands)
    args = parser.parse_args(argv)
    store = Store()
    store.os_user = operating_system_user()  # recorded beside the free-text --actor
    if args.command == "import":
        try:
            report = store.import_bundle(args.folder, args.actor, args.reason)
        except ImportRefusedError as refused:
            for issue in refused.issues:
                print(issue, file=sys.stderr)
            print(f"nothing imported into {shown_url(store.url)}: {len(refused.issues)} problem(s)", file=sys.stderr)
            return 1
        print(f"{args.folder} into {shown_url(store.url)}: {report}")
        for held in report.held:
            print(held, file=sys.stderr)
        return 2 if report.held else 0
    elif args.command == "export":
        store.export_bundle(args.folder)
        print(f"{shown_url(store.url)} written to {args.folder}")
    elif args.command == "grant":
        try:
            who = subject_key(args.issuer, args.subject) if args.issuer else email_key(args.subject)
            store.grant(None, who, Role(args.role), reason=args.reason, name=args.name)
        except (SaveRefusedError, ValueError) as refused:  # no reason given, or WHO names nobody a provider vouches for
            print(f"nothing granted: {refused}", file=sys.stderr)
            return 1
        print(f"{who} is now {args.role} in {shown_url(store.url)}")
    elif args.command == "users":
        for user in store.users():
            print(f"{user['subject']}\t{user['role']}\t{user['name']}")
    elif args.command == "bbox":
        try:
            found = claims_in_bbox(store.engine, tuple(args.box))
        except ValueError as refused:
            print(refused, file=sys.stderr)
            return 1
        for claim in found:
            print(f"{claim.number}\t{claim.id}\t{claim.state}")
    elif args.command in COMMANDS:
        return run_audit_command(store, args)
    else:
        for entry in store.history("claim", args.claim):
            who = f"{entry['actor']} (as {entry['os_user']})" if entry["os_user"] else entry["actor"]
            print(f"{entry['at']:%Y-%m-%d %H:%M} {who} {entry['action']}: {entry['reason']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
