"""The audit log's commands: `verify` the chain, and give the app's PostgreSQL role its privileges.

verify [--anchor HASH]    walk the chain; print the first broken link (exit 1) or the head's hash
app-role ROLE             (PostgreSQL, run as the schema's owner) ROLE may only insert and read events
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from geo.store.privileges import grant_app_role

COMMANDS = ("verify", "app-role")


def add_audit_commands(commands: Any) -> None:
    """Add the commands to `python -m geo.store`'s subparsers."""
    verifying = commands.add_parser("verify", help="check the audit log's chain: the first broken link, if any")
    verifying.add_argument("--anchor", default=None, help="a head hash kept elsewhere: the chain must still hold it")
    granting = commands.add_parser("app-role", help="(PostgreSQL, as the owner) the app's role: no DELETE, log INSERT")
    granting.add_argument("role", help="the database role the app connects as")


def run_audit_command(store: Any, args: argparse.Namespace) -> int:
    """0 the chain holds (or the privileges were set), 1 a broken link (or no PostgreSQL)."""
    if args.command == "verify":
        verdict = store.verify(args.anchor)
        if not verdict.intact:
            print(f"audit log broken after {verdict.events} good event(s): {verdict.broken}", file=sys.stderr)
            return 1
        print(f"audit log intact: {verdict.events} event(s), head {verdict.head}")
        return 0
    try:
        with store.engine.begin() as connection:
            statements = grant_app_role(connection, args.role)
    except ValueError as refused:
        print(f"nothing granted: {refused}", file=sys.stderr)
        return 1
    print("\n".join(statements))
    return 0
