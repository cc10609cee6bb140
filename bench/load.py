"""Many viewers on one server: every viewer loads the page, waits for the map, then steps the date.

Starts `streamlit run app.py` on a free loopback port (one server process), opens N pages in
headless Chromium, each in its own browser context (its own session, cookies and websocket), in
waves so that all N stay connected at once, then has every page step the date slider a few times
while the others are open. It reports:

- maps drawn (the map frame's KurskMap reached the page's date), and pages that failed to;
- date steps that did not reach the map within the timeout (a failed step);
- step latency, key press to the map showing the new date, median and 95th percentile;
- the server's peak resident memory (VmHWM of the process, which includes the loaded dataset);
- errors in the server log, leaving aside Streamlit's own websocket-disconnect noise.

Real browsers are heavy: 50 pages of this app fit in 24 GB, but on 2 cores they load slowly, so
the waves and timeouts are generous. The figures go into the README.

    .venv/bin/python -m bench.load --viewers 50 [--steps 3] [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from geo.settings import bench_settings

REPO = Path(__file__).resolve().parents[1]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
NOISE = re.compile(r"WebSocketClosedError|StreamClosedError|Stream is closed|websocket|Task was destroyed", re.I)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    server = subprocess.Popen(command, cwd=REPO, stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError(f"the app did not start:\n{log.read_text()}")


def peak_memory_mb(pid: int) -> float:
    """VmHWM: the most resident memory the process has ever had, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def map_date(page: Page) -> str | None:
    frame_element = page.query_selector(MAP_FRAME)
    frame = frame_element.content_frame() if frame_element else None
    if frame is None:
        return None
    try:
        return frame.evaluate("window.KurskMap && KurskMap.state ? KurskMap.state.date : null")
    except Exception:  # a frame mid-navigation answers nothing yet
        return None


def wait_for_map(page: Page, timeout_s: float, not_date: str | None = None) -> str | None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        date = map_date(page)
        if date and date != not_date:
            return date
        page.wait_for_timeout(50)
    return None


def open_viewers(browser: Browser, url: str, viewers: int, wave: int, timeout_s: float) -> tuple[list[Page], int]:
    pages, failed = [], 0
    block = lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort()  # noqa: E731
    for first in range(0, viewers, wave):
        batch = []
        for _ in range(first, min(viewers, first + wave)):
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            page = context.new_page()
            page.route("**/*", block)
            page.goto(url, wait_until="commit")
            batch.append(page)
        for page in batch:
            if wait_for_map(page, timeout_s):
                pages.append(page)
            else:
                failed += 1
    return pages, failed


def step_all(pages: list[Page], steps: int, timeout_s: float) -> tuple[list[float], int]:
    """Each round presses ← on every page's date slider, then waits for every map to show a new date."""
    latencies, failed = [], 0
    for _ in range(steps):
        pressed = []
        for page in pages:
            before = map_date(page)
            slider = page.get_by_role("slider").first
            slider.focus()
            started = time.monotonic()
            slider.press("ArrowLeft")
            pressed.append((page, before, started))
        for page, before, started in pressed:
            remaining = max(0.1, timeout_s - (time.monotonic() - started))
            if wait_for_map(page, remaining, not_date=before):
                latencies.append(time.monotonic() - started)
            else:
                failed += 1
    return latencies, failed


def server_errors(log: Path) -> list[str]:
    lines = log.read_text(errors="replace").splitlines()
    suspicious = [line for line in lines if re.search(r"Traceback|Error|Exception", line)]
    return [line for line in suspicious if not NOISE.search(line)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", type=int, default=50)
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--wave", type=int, default=10, help="pages opened together before waiting for their maps")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a map or a step may take")
    parser.add_argument("--chromium", default=bench_settings().chromium)
    args = parser.parse_args(argv)
    log = Path(tempfile.mkdtemp(prefix="kursk-load-")) / "server.log"
    port = free_port()
    server = start_server(port, log)
    started = time.monotonic()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, args=["--disable-gpu"])
            pages, load_failures = open_viewers(
                browser, f"http://127.0.0.1:{port}/", args.viewers, args.wave, args.timeout
            )
            loaded_s = time.monotonic() - started
            latencies, step_failures = step_all(pages, args.steps, args.timeout)
            browser.close()
        report = {
            "viewers": args.viewers,
            "maps_drawn": len(pages),
            "maps_failed": load_failures,
            "all_loaded_s": round(loaded_s, 1),
            "steps": len(latencies) + step_failures,
            "steps_failed": step_failures,
            "step_median_s": round(statistics.median(latencies), 2) if latencies else None,
            "step_p95_s": round(statistics.quantiles(latencies, n=20)[-1], 2) if len(latencies) > 1 else None,
            "server_peak_mb": round(peak_memory_mb(server.pid)),
            "server_errors": server_errors(log)[:20],
        }
    finally:
        server.terminate()
        server.wait(timeout=20)
    print(json.dumps(report, indent=2))
    return 0 if not (report["maps_failed"] or report["steps_failed"] or report["server_errors"]) else 1


if __name__ == "__main__":
    sys.exit(main())
