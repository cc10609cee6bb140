"""Many analysts editing one claim at once: no edit may be lost, and every commit is one audit row.

Each of several processes makes its share of edits to the same claim. An edit reads the claim,
adds one to a counter kept in its analyst note and saves with the version it read
(compare-and-swap); when someone else saved first, the save is refused, and the edit is re-read and
re-applied, as the app's form offers. At the end the counter must have grown by exactly the number
of edits (0 lost) and the claim's "edited" events must number the same.

    .venv/bin/python -m bench.conflicts [--edits 1000] [--processes 4] [--url URL]

Without --url a fresh SQLite store is made in a temporary folder (KURSK_MAP_DB is never touched).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from geo.store import Store
from geo.store.claims import ConflictError
from geo.workflow.roles import Actor, Role

DATA = Path(__file__).resolve().parents[1] / "data"
CLAIM = "nk-absent-kursk-front-three-weeks"
COUNTER = re.compile(r"Edit count: (\d+)\.")


@dataclass
class Tally:
    commits: int = 0
    conflicts: int = 0
    seconds: float = 0.0


def count_in(document: dict) -> int:
    found = COUNTER.search(document.get("analyst_note", ""))
    return int(found.group(1)) if found else 0


def edit(url: str, worker: int, edits: int) -> Tally:
    """One analyst's edits, each retried on a conflict until it lands."""
    store = Store(url)
    analyst = Actor(f"analyst-{worker}@example.org", f"Analyst {worker}", Role.ANALYST)
    tally = Tally()
    start = time.perf_counter()
    for _ in range(edits):
        while True:
            current = store.stored_claim(CLAIM)
            document = {**current.document, "analyst_note": f"Edit count: {count_in(current.document) + 1}."}
            try:
                store.save_claim(analyst, document, expected=current.version, reason=f"edit by worker {worker}")
            except ConflictError:
                tally.conflicts += 1
                continue
            tally.commits += 1
            break
    tally.seconds = time.perf_counter() - start
    store.engine.dispose()
    return tally


def run(url: str, edits: int, processes: int) -> dict:
    """Seed the store, let the processes edit at once, and count what landed."""
    store = Store(url)
    if store.is_empty():
        store.import_bundle(DATA, "bench", "seed for the conflict benchmark")
    before = store.stored_claim(CLAIM)
    events_before = sum(event["action"] == "edited" for event in store.history("claim", CLAIM))
    shares = [edits // processes + (1 if worker < edits % processes else 0) for worker in range(processes)]
    start = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        tallies = pool.starmap(edit, [(url, worker, share) for worker, share in enumerate(shares)])
    elapsed = time.perf_counter() - start
    after = store.stored_claim(CLAIM)
    events = sum(event["action"] == "edited" for event in store.history("claim", CLAIM)) - events_before
    commits = sum(tally.commits for tally in tallies)
    return {
        "backend": store.engine.dialect.name,
        "processes": processes,
        "edits": edits,
        "commits": commits,
        "conflicts_retried": sum(tally.conflicts for tally in tallies),
        "lost": edits - (count_in(after.document) - count_in(before.document)),
        "audit_rows": events,
        "versions_added": after.version - before.version,
        "seconds": round(elapsed, 1),
        "commits_per_second": round(commits / elapsed, 1),
        "workers": [asdict(tally) for tally in tallies],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--url", help="a store URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.url or f"sqlite:///{Path(folder) / 'conflicts.sqlite'}"
        print(json.dumps(run(url, args.edits, args.processes), indent=2))


if __name__ == "__main__":
    main()
