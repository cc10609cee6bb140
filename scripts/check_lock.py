#!/usr/bin/env python3
"""Check that each lock file still matches the human-edited requirements it was made from.

Why: ``scripts/setup_env.sh`` installs only from the locks (every package of the tree pinned
with its hashes), so a pin changed in ``requirements*.txt`` without re-locking would
silently not be installed. This refuses that: every top-level pin must be in its lock at the
same version, every package the lock installs for a top-level reason must still be asked
for, every entry must carry hashes, and the test lock must hold the runtime lock unchanged.
Standard library only, so it runs before any package is installed.

Usage (from the repo root)::

    python3 scripts/check_lock.py            # check the repo's locks
    python3 scripts/check_lock.py --root DIR # check a copy
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (human-edited input, its lock, the lock it is constrained by so shared packages stay identical)
LOCKS: tuple[tuple[str, str, str | None], ...] = (
    ("requirements.txt", "requirements.lock.txt", None),
    ("requirements-test.txt", "requirements-test.lock.txt", "requirements.lock.txt"),
    ("requirements-tools.txt", "requirements-tools.lock.txt", None),
)
RELOCK = "re-lock with `bash scripts/lock_requirements.sh`"

_PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[(?P<extras>[^\]]*)\])?\s*==\s*(?P<version>[^\s;\\#]+)"
    r"(?:\s*;\s*(?P<marker>[^\\#]*?))?\s*\\?\s*$"
)
_HASH = re.compile(r"^\s+--hash=sha256:(?P<digest>[0-9a-f]{64})\s*\\?\s*$")
_VIA_INPUT = re.compile(r"^\s+#\s+(?:via\s+)?-r\s+(?P<file>\S+)\s*$")
_INCLUDE = re.compile(r"^-r\s+(?P<file>\S+)$")
_COMMENT = re.compile(r"(^|\s+)#.*$")  # as pip reads it: a '#' at the start or after white space


def canonical(name: str) -> str:
    """PEP 503 name, so ``PyYAML`` and ``pyyaml`` are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass
class LockEntry:
    """One pinned package of a lock: version, hashes and the input files that ask for it."""

    version: str
    marker: str = ""  # environment marker: where the entry applies (empty: everywhere)
    hashes: set[str] = field(default_factory=set)
    asked_by: set[str] = field(default_factory=set)


def read_inputs(root: Path, name: str, seen: tuple[str, ...] = ()) -> tuple[dict[str, str], list[str], list[str]]:
    """Top-level pins of an input file and the files it includes (``-r``), recursively.

    Returns (pins by canonical name, files read, problems). Anything but ``name==version``
    is a problem: the inputs are exact pins, the lock adds only what they pull in.
    """
    if name in seen:
        return {}, [], [f"{name}: included in a circle ({' -> '.join((*seen, name))})"]
    path = root / name
    if not path.is_file():
        return {}, [], [f"{name}: missing"]
    pins: dict[str, str] = {}
    files = [name]
    problems: list[str] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = _COMMENT.sub("", raw).strip()
        if not line:
            continue
        include = _INCLUDE.match(line)
        if include:
            more, more_files, more_problems = read_inputs(root, include["file"], (*seen, name))
            pins.update(more)
            files += more_files
            problems += more_problems
            continue
        pin = _PIN.match(line)
        if not pin:
            problems.append(f"{name}:{number}: not an exact pin (name==version): {line[:80]}")
            continue
        pins[canonical(pin["name"])] = pin["version"]
    return pins, files, problems


def read_lock(path: Path) -> tuple[dict[str, LockEntry], list[str]]:
    """Entries of a hash lock as uv (or pip-compile) writes it."""
    if not path.is_file():
        return {}, [f"{path.name}: missing; {RELOCK}"]
    entries: dict[str, LockEntry] = {}
    problems: list[str] = []
    current: LockEntry | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        if not raw[0].isspace():
            pin = _PIN.match(raw)
            if not pin:
                problems.append(f"{path.name}:{number}: not a pinned entry: {raw[:80]}")
                current = None
                continue
            current = LockEntry(version=pin["version"], marker=(pin["marker"] or "").strip())
            entries[canonical(pin["name"])] = current
            continue
        if current is None:
            continue
        digest = _HASH.match(raw)
        if digest:
            current.hashes.add(digest["digest"])
            continue
        via = _VIA_INPUT.match(raw)
        if via:
            current.asked_by.add(via["file"])
    for name, entry in sorted(entries.items()):
        if not entry.hashes:
            problems.append(f"{path.name}: {name}=={entry.version} has no --hash")
    return entries, problems


def check(root: Path = ROOT) -> list[str]:
    """Every way a lock can disagree with its inputs, as sentences; empty when they agree."""
    problems: list[str] = []
    for input_name, lock_name, constrained_by in LOCKS:
        pins, input_files, input_problems = read_inputs(root, input_name)
        problems += input_problems
        lock, lock_problems = read_lock(root / lock_name)
        problems += lock_problems
        if not lock:
            continue
        for name, version in sorted(pins.items()):
            entry = lock.get(name)
            if entry is None:
                problems.append(f"{name}=={version} is asked for but not in {lock_name}; {RELOCK}")
            elif entry.version != version:
                problems.append(f"{name}: pinned {version}, {lock_name} has {entry.version}; {RELOCK}")
        for name, entry in sorted(lock.items()):
            if entry.asked_by & set(input_files) and name not in pins:
                problems.append(f"{name}=={entry.version} in {lock_name} is no longer asked for; {RELOCK}")
        if constrained_by:
            base, _ = read_lock(root / constrained_by)
            for name, entry in sorted(base.items()):
                other = lock.get(name)
                if other is None:
                    problems.append(f"{name} of {constrained_by} is missing from {lock_name}; {RELOCK}")
                elif (other.version, other.hashes) != (entry.version, entry.hashes):
                    problems.append(f"{name} differs between {constrained_by} and {lock_name}; {RELOCK}")
    return list(dict.fromkeys(problems))  # an input read twice (through -r) is reported once


def main(argv: list[str] | None = None) -> int:
    """Print every disagreement and fail, or say the locks match."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="folder holding the requirements and locks")
    args = parser.parse_args(argv)
    problems = check(args.root)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    print(f"locks match their inputs: {', '.join(lock for _, lock, _ in LOCKS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
