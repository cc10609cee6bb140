"""What a first visit costs the browser: bytes over the websocket and the map's parts, and the JS heap.

The map's payload and its parts come over HTTP beside the websocket (web/map_parts.py), so the first load is
both: the websocket's messages and every part's response as sent (gzip), in a fresh browser context with an
empty cache: every websocket message until the page is quiet (nothing arrived for a second), and every part
asked for before the map had drawn the date (`KurskMap.settled()`: every front of the date, every shown claim's
statement). Streamlit's own JavaScript bundle is not counted: it is the same for every dataset. What the map
asks for after that, while the browser is idle (the snapshots next to the shown one), is counted apart.
The JS heap is the page's, the map's frame included, after a garbage collection, once the map has settled.

    .venv/bin/python -m bench.first_load [--db URL | --data DIR] [--date 2025-01-31] [--runs 3]

Prints one JSON object: ws_mb, parts_mb, first_load_mb (their sum), parts (how many), ahead_mb (fetched
ahead after), js_heap_mb, settled_s, each the median of the runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

from bench.play import CHROMIUM_ARGS, REPO, map_frame, start_app, stop_app
from geo.publishing.map_parts import PARTS_PATH
from geo.settings import bench_settings

MB = 1_000_000


def visit(browser: Browser, url: str, timeout_s: float) -> dict[str, float]:
    """One first visit in a fresh context: what arrived, and the heap once the map settled."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Performance.enable")
    received = {"ws": 0, "last": time.perf_counter()}
    asked: dict[str, float] = {}  # a part's request and when it was sent
    sizes: dict[str, int] = {}

    def websocket_frame(event: Mapping[str, Any]) -> None:
        received["ws"] += len(event["response"]["payloadData"])
        received["last"] = time.perf_counter()

    def request_sent(event: Mapping[str, Any]) -> None:
        if PARTS_PATH in event["request"]["url"]:
            asked[event["requestId"]] = time.perf_counter()

    def loading_finished(event: Mapping[str, Any]) -> None:
        if event["requestId"] in asked:
            sizes[event["requestId"]] = int(event["encodedDataLength"])
            received["last"] = time.perf_counter()

    session.on("Network.webSocketFrameReceived", websocket_frame)
    session.on("Network.requestWillBeSent", request_sent)
    session.on("Network.loadingFinished", loading_finished)
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    frame = map_frame(page, timeout_s * 1000)
    frame.wait_for_function("() => KurskMap.settled()", timeout=timeout_s * 1000)
    settled_at = time.perf_counter()
    while time.perf_counter() - received["last"] < 1.0:  # the rest of the page, and the parts fetched ahead
        page.wait_for_timeout(100)
    session.send("HeapProfiler.collectGarbage")
    metrics = {item["name"]: item["value"] for item in session.send("Performance.getMetrics")["metrics"]}
    context.close()
    first = sum(size for request, size in sizes.items() if asked[request] <= settled_at)
    ahead = sum(size for request, size in sizes.items() if asked[request] > settled_at)
    return {
        "ws_mb": received["ws"] / MB,
        "parts_mb": first / MB,
        "first_load_mb": (received["ws"] + first) / MB,
        "parts": sum(1 for request in sizes if asked[request] <= settled_at),
        "ahead_mb": ahead / MB,
        "js_heap_mb": metrics["JSHeapUsedSize"] / MB,
        "settled_s": settled_at - started,
    }


def measure_first_load(
    app_dir: Path, python: str, env: Mapping[str, str | None], query: str, runs: int, timeout_s: float = 300
) -> dict[str, float]:
    """The median of `runs` first visits to one server (started here, warmed by one visit first, so the
    server's own first build of the data is not what is timed)."""
    with tempfile.TemporaryDirectory() as workdir:
        server, port = start_app(python, app_dir, env, Path(workdir) / "app.log")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=bench_settings().chromium, args=CHROMIUM_ARGS)
                url = f"http://127.0.0.1:{port}/{query}"
                visit(browser, url, timeout_s)
                visits = [visit(browser, url, timeout_s) for _ in range(runs)]
                browser.close()
        finally:
            stop_app(server)
    return {key: round(statistics.median(item[key] for item in visits), 3) for key in visits[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", help="the store the app reads (KURSK_MAP_DB)")
    parser.add_argument("--data", help="a bundle folder the app previews (KURSK_MAP_DATA)")
    parser.add_argument("--date", default="2025-01-31")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--python", default=str(REPO / ".venv" / "bin" / "python"))
    args = parser.parse_args()
    env = {"KURSK_MAP_DB": args.db, "KURSK_MAP_DATA": args.data}
    print(json.dumps(measure_first_load(REPO, args.python, env, f"?date={args.date}", args.runs), indent=1))


if __name__ == "__main__":
    main()
