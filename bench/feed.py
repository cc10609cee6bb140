"""Time the feed at scale: what one whole answer costs, and what 8 concurrent requests for new dates cost.

Serves app.py on a claims folder (bench/make_dataset.py makes 10,000 claims) and, over HTTP:

- fetches one path (the first page, or the whole answer on an older feed) and times it, with its size,
  then every page from it by `next` links;
- sends 8 requests at once, each for a date nobody asked for yet, and times each;
- reads the server's resident memory (now and its peak) from /proc before and after.

    .venv/bin/python -m bench.make_dataset --claims 10000 --out <folder>
    .venv/bin/python -m bench.feed --data <folder> [--store] [--path /api/claims.geojson] [--dated ...?date=]

Prints the figures as JSON. Nothing leaves the machine: the app listens on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from geo.settings import child_environment

REPO = Path(__file__).resolve().parents[1]
CONCURRENT = 8
FIRST_DATE = dt.date(2025, 1, 2)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def memory_mb(pid: int) -> dict[str, float]:
    """Resident memory now and at its peak (VmRSS, VmHWM), in MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return {name: int(fields[key].split()[0]) / 1024 for name, key in (("rss_mb", "VmRSS"), ("peak_mb", "VmHWM"))}


def fetch(url: str) -> tuple[float, int, int]:
    """Seconds, status and body size of one GET."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=600) as answer:
            status, body = answer.status, answer.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    return time.perf_counter() - start, status, len(body)


def every_page(url: str) -> dict[str, float]:
    """Follow `next` links from `url` to the end (an older feed answers in one page): pages, bytes, seconds."""
    pages, size, start = 0, 0, time.perf_counter()
    while url:
        with urllib.request.urlopen(url, timeout=600) as answer:
            body = answer.read()
        pages, size = pages + 1, size + len(body)
        links = json.loads(body).get("links", [])
        url = next((link["href"] for link in links if link["rel"] == "next"), "")
    return {"pages": pages, "bytes": size, "seconds": round(time.perf_counter() - start, 2)}


def wait_until_up(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the app exited early")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the app did not start within 120 s")


def measure(data: Path, path: str, dated: str, store: str | None = None) -> dict[str, object]:
    """`store`: a store URL the app reads (as it does by default), else the folder read directly."""
    port = free_port()
    if store:
        env = child_environment({"KURSK_MAP_DB": store, "KURSK_MAP_DATA": None})
    else:
        env = child_environment({"KURSK_MAP_DATA": str(data), "KURSK_MAP_DB": None})
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    server = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, server)
        started = memory_mb(server.pid)
        first_s, first_status, first_bytes = fetch(base + path)
        again_s, _, _ = fetch(base + path)
        whole = every_page(base + path)
        dates = [FIRST_DATE + dt.timedelta(days=7 * k) for k in range(CONCURRENT)]
        with ThreadPoolExecutor(CONCURRENT) as pool:
            start = time.perf_counter()
            answers = list(pool.map(lambda day: fetch(f"{base}{dated}{day.isoformat()}"), dates))
            all_s = time.perf_counter() - start
        return {
            "path": path,
            "first_answer": {"seconds": round(first_s, 2), "status": first_status, "bytes": first_bytes},
            "same_answer_again_s": round(again_s, 3),
            "every_claim_by_next_links": whole,
            "concurrent_new_dates": {
                "requests": CONCURRENT,
                "path": dated + "<date>",
                "statuses": sorted({status for _, status, _ in answers}),
                "slowest_s": round(max(seconds for seconds, _, _ in answers), 2),
                "fastest_s": round(min(seconds for seconds, _, _ in answers), 2),
                "all_done_s": round(all_s, 2),
                "largest_bytes": max(size for _, _, size in answers),
            },
            "memory_after_start": started,
            "memory_after": memory_mb(server.pid),
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a claims folder (bench/make_dataset.py)")
    parser.add_argument("--path", default="/api/claims.geojson", help="the answer to time first")
    parser.add_argument("--dated", default="/api/claims.geojson?date=", help="a path the date is appended to")
    parser.add_argument("--store", action="store_true", help="import the folder into a new SQLite store and serve that")
    args = parser.parse_args()
    if not args.store:
        print(json.dumps(measure(args.data, args.path, args.dated), indent=2))
        return
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'store.sqlite'}"
        snippet = "import sys; from pathlib import Path; from geo.store import Store; "
        snippet += "Store(sys.argv[1]).import_bundle(Path(sys.argv[2]), 'bench', 'bench data')"
        subprocess.run([sys.executable, "-c", snippet, url, str(args.data)], cwd=REPO, check=True)
        print(json.dumps(measure(args.data, args.path, args.dated, url) | {"store": "SQLite"}, indent=2))


if __name__ == "__main__":
    main()
