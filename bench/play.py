"""Play through a month of dates in headless Chromium and measure how smoothly the map follows.

Starts `streamlit run app.py` on a free loopback port, opens the page at a date (`?date=`), presses the
panel's Play button and lets it step (one step a little under a second after the map took the last
view, as static/sidecar.js times it) through `--steps` dates. Meanwhile, inside the map's frame, it
records the gap between every two animation frames and every long task (PerformanceObserver
"longtask"), and when the map's `KurskMap.state` shows each date with the front layer's snapshot for
it; in the page, when the date slider shows each new date. It prints one JSON object:

- max_frame_gap_ms, frames_over_100ms: the longest gap between animation frames while playing, and how
  many gaps were longer than 0.1 s (a dropped frame a viewer can see);
- long_tasks, longest_task_ms: the main thread's tasks over 50 ms while playing;
- step_median_s, step_p95_s, step_max_s: from the slider showing a date to the map drawing that
  date's front (negative when the map drew it before the slider moved).
- first_load_mb, play_mb: the data the page received (websocket messages, and the answers of the app's
  own routes such as the map's parts, as sent) until it was drawn, and while it played.

Every request to another host fails at once (no name resolves, and everything else goes to a
proxy that does not exist); loopback requests keep the browser's HTTP cache.

    .venv/bin/python -m bench.play --data DIR [--db URL] [--layer ID] [--date 2024-11-01] [--steps 30]

`--data` is the bundle folder whose front layer `--layer` is played (the snapshot dates are read from
it); the app reads that folder, or the store `--db` holding the same bundle.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, CDPSession, Frame, Page, sync_playwright

from geo.settings import bench_settings, child_environment

REPO = Path(__file__).resolve().parents[1]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
SLIDER = 'input[type="range"][aria-label="Date"]'
# The text of the panel's Play control (components/panel/time_controls.py), "Play" or "Pause".
PLAY_BUTTON_TEXT = "(document.querySelector('.st-key-time-play button') || {innerText: ''}).innerText"
DAY_US = 86_400_000_000  # the date slider's value: microseconds since 1970-01-01
DROPPED_FRAME_MS = 100.0
# What the server made for the page, besides the websocket: the answers of the app's own routes (the map's parts, the
# feed) and Streamlit's media. Streamlit's frontend, the app's static files and the component's files are code.
DATA_PATHS = ("/api/", "/media/")
# Chromium as mapbench runs it, with every other host unreachable: no name resolves, and any other address goes to
# a proxy on the discard port, which nothing serves (loopback is never proxied).
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9",
]

# Each animation frame over 0.1 s in a document, with the scripts that took longest in it (Chromium's Long Animation
# Frames API), so a dropped frame names what held the main thread: the page's own scripts or the map's.
LONG_FRAMES = """(rec, where) => {
  if (!PerformanceObserver.supportedEntryTypes.includes("long-animation-frame")) return;
  new PerformanceObserver((list) => {
    if (rec.stopped) return;
    for (const entry of list.getEntries()) {
      if (entry.duration <= 100) continue;
      const scripts = [...entry.scripts].sort((a, b) => b.duration - a.duration).slice(0, 3);
      rec.longFrames.push({at: performance.timeOrigin + entry.startTime + entry.duration, ms: entry.duration, where,
        scripts: scripts.map((script) => ({ms: Math.round(script.duration), invoker: script.invoker,
          source: (script.sourceURL || "").split("/").pop() + " " + (script.sourceFunctionName || "")}))});
    }
  }).observe({type: "long-animation-frame"});
}"""

# The map frame's recorder: every animation frame's gap, every long task, and each (date, front) the map shows.
MAP_RECORDER = """layer => {
  if (window.__kcmPlay) return;
  const now = () => performance.timeOrigin + performance.now();
  const rec = window.__kcmPlay = {gaps: [], longTasks: [], longFrames: [], shown: [], stopped: false, startedAt: now()};
  let previous = null, last = "";
  const frame = (stamp) => {
    if (rec.stopped) return;
    if (previous !== null) rec.gaps.push([performance.timeOrigin + stamp, stamp - previous]);
    previous = stamp;
    const state = window.KurskMap && window.KurskMap.state;
    if (state) {
      const front = state.fronts[layer] === undefined ? null : state.fronts[layer];
      const key = state.date + "|" + front;
      if (key !== last) { last = key; rec.shown.push({date: state.date, front, at: now()}); }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  new PerformanceObserver((list) => {
    if (rec.stopped) return;
    for (const task of list.getEntries()) {
      rec.longTasks.push({at: performance.timeOrigin + task.startTime, ms: task.duration, from: task.name});
    }
  }).observe({type: "longtask"});
  (__LONG_FRAMES__)(rec, "map");
}""".replace("__LONG_FRAMES__", LONG_FRAMES)

# The page's recorder: each date the slider shows (its text, or its value as it is rewritten), when it shows it.
PAGE_RECORDER = """selector => {
  if (window.__kcmPlay) return;
  const rec = window.__kcmPlay = {dates: [], longFrames: [], stopped: false};
  const now = () => performance.timeOrigin + performance.now();
  const take = (input) => {
    rec.dates.push({text: input.getAttribute("aria-valuetext"), value: input.getAttribute("value"), at: now()});
  };
  const input = document.querySelector(selector);
  if (input) take(input);
  new MutationObserver((records) => {
    for (const record of records) if (record.target.matches && record.target.matches(selector)) take(record.target);
  }).observe(document.body, {subtree: true, attributes: true, attributeFilter: ["value", "aria-valuetext"]});
  (__LONG_FRAMES__)(rec, "page");
}""".replace("__LONG_FRAMES__", LONG_FRAMES)


@dataclass(frozen=True)
class PlayOptions:
    """What to play: a front layer, from a date, for a number of steps, in which Chromium."""

    layer: str
    start: str = "2024-11-01"
    steps: int = 30
    timeout_s: float = 180.0
    chromium: str = "/usr/bin/chromium"


@dataclass(frozen=True)
class Seen:
    """A date the page or the map showed, and when (milliseconds on the browser's clock)."""

    date: dt.date
    at_ms: float


def slider_date(text: str | None, value: str | None) -> dt.date | None:
    """The date a slider reading shows: its text as the page formats it (`D MMM YYYY`), else its value."""
    if text:
        try:
            return dt.datetime.strptime(text, "%d %b %Y").date()
        except ValueError:
            pass
    if value and value.lstrip("-").isdigit():
        return dt.date(1970, 1, 1) + dt.timedelta(days=round(int(value) / DAY_US))
    return None


def first_showings(readings: Sequence[Mapping[str, Any]]) -> list[Seen]:
    """Each date the slider came to, at the first reading that showed it (text and value change apart)."""
    seen: dict[dt.date, float] = {}
    for reading in readings:
        for date in (slider_date(reading.get("text"), None), slider_date(None, reading.get("value"))):
            if date is not None and date not in seen:
                seen[date] = float(reading["at"])
    return sorted((Seen(date, at) for date, at in seen.items()), key=lambda seen: seen.at_ms)


def front_for(snapshots: Sequence[dt.date], on: dt.date) -> dt.date | None:
    """The snapshot a layer shows on a date: its latest on or before it (the dates sorted)."""
    index = bisect.bisect_right(snapshots, on)
    return snapshots[index - 1] if index else None


def drawn_at(shown: Sequence[Mapping[str, Any]], snapshots: Sequence[dt.date]) -> dict[dt.date, float]:
    """When the map first showed each date with that date's front drawn."""
    drawn: dict[dt.date, float] = {}
    for entry in shown:
        if not entry.get("date"):
            continue
        date = dt.date.fromisoformat(entry["date"])
        wanted = front_for(snapshots, date)
        front = dt.date.fromisoformat(entry["front"]) if entry.get("front") else None
        if front == wanted and date not in drawn:
            drawn[date] = float(entry["at"])
    return drawn


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (share 0.95 = the 95th): a value that occurred, no interpolation."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def frame_summary(gaps_ms: Sequence[float]) -> dict[str, float | int]:
    """The longest gap between animation frames, how many exceeded a dropped frame's 0.1 s, and the 95th."""
    if not gaps_ms:
        raise ValueError("no animation frames were recorded: the map's frame never painted while playing")
    return {
        "frames": len(gaps_ms),
        "max_frame_gap_ms": round(max(gaps_ms), 1),
        "frame_gap_p95_ms": round(percentile(gaps_ms, 0.95), 1),
        "frames_over_100ms": sum(1 for gap in gaps_ms if gap > DROPPED_FRAME_MS),
    }


def step_seconds(page_dates: Sequence[Seen], drawn: Mapping[dt.date, float]) -> list[float]:
    """Per date the page stepped to, the seconds from the slider showing it to the map drawing its front."""
    return [round((drawn[seen.date] - seen.at_ms) / 1000, 3) for seen in page_dates if seen.date in drawn]


def dropped_frames(
    gaps: Sequence[Sequence[float]], page_dates: Sequence[Seen], start: dt.date, started_ms: float
) -> list[dict[str, Any]]:
    """Each gap over 0.1 s: when it ended (seconds after Play was pressed), how long, and the date then shown."""
    dropped = []
    for ended, gap in gaps:
        if gap > DROPPED_FRAME_MS:
            shown = [start] + [seen.date for seen in page_dates if seen.at_ms <= ended]
            when = round((ended - started_ms) / 1000, 2)
            dropped.append({"at_s": when, "ms": round(gap, 1), "date": shown[-1].isoformat()})
    return dropped


def long_frames(frames: Sequence[Mapping[str, Any]], started_ms: float) -> list[dict[str, Any]]:
    """The page's and the map's frames over 0.1 s in the order they ended, timed from the press on Play."""
    return [
        {"at_s": round((frame["at"] - started_ms) / 1000, 2), "ms": round(frame["ms"]), "where": frame["where"]}
        | {"scripts": frame["scripts"]}
        for frame in sorted(frames, key=lambda frame: float(frame["at"]))
    ]


def summary(
    recorded: Mapping[str, Any], page_readings: Sequence[Mapping[str, Any]], snapshots: Sequence[dt.date]
) -> dict[str, Any]:
    """One Play run's figures from what the map frame and the page recorded."""
    start = dt.date.fromisoformat(recorded["start"])
    showings = first_showings(page_readings)
    stepped = [seen for seen in showings if seen.date > start]
    steps = step_seconds(stepped, drawn_at(recorded["shown"], snapshots))
    tasks = recorded["longTasks"]
    started = float(recorded["startedAt"])
    return {
        "from": recorded["start"],
        "to": stepped[-1].date.isoformat() if stepped else None,
        "steps": len(stepped),
        "steps_drawn": len(steps),
        "played_s": round((recorded["gaps"][-1][0] - started) / 1000, 1) if recorded["gaps"] else 0.0,
        **frame_summary([gap for _, gap in recorded["gaps"]]),
        "dropped_frames": dropped_frames(recorded["gaps"], showings, start, started),
        "long_tasks": len(tasks),
        "longest_task_ms": round(max((task["ms"] for task in tasks), default=0.0), 1),
        "step_median_s": round(percentile(steps, 0.5), 3) if steps else None,
        "step_p95_s": round(percentile(steps, 0.95), 3) if steps else None,
        "step_max_s": round(max(steps), 3) if steps else None,
        "step_s": steps,
        "long_task_list": [
            {"at_s": round((task["at"] - started) / 1000, 2), "ms": round(task["ms"]), "from": task["from"]}
            for task in tasks
        ],
        "long_frames": long_frames(recorded.get("longFrames", []), started),
    }


def snapshot_dates(folder: Path, layer: str) -> list[dt.date]:
    """A front layer's snapshot dates, oldest first, from a bundle folder's layer file."""
    collection = json.loads((folder / "fronts" / f"{layer}.geojson").read_text(encoding="utf-8"))
    return sorted(dt.date.fromisoformat(feature["properties"]["date"]) for feature in collection["features"])


def is_data(url: str) -> bool:
    """A loopback answer the server made for the page (not a file of code or style every page loads alike)."""
    path = urllib.parse.urlsplit(url).path
    return urllib.parse.urlsplit(url).hostname in ("127.0.0.1", "localhost") and path.startswith(DATA_PATHS)


class Traffic:
    """Bytes the page received as data: websocket messages and the app's own routes' answers (as sent, compressed)."""

    def __init__(self, context: BrowserContext, page: Page) -> None:
        self.received = 0
        self.urls: dict[str, str] = {}
        self.cdp: CDPSession = context.new_cdp_session(page)
        self.cdp.on(
            "Network.requestWillBeSent",
            lambda event: self.urls.__setitem__(event["requestId"], event["request"]["url"]),
        )
        self.cdp.on("Network.loadingFinished", self.finished)
        self.cdp.on("Network.webSocketFrameReceived", self.frame)
        self.cdp.send("Network.enable")

    def finished(self, event: dict[str, Any]) -> None:
        if is_data(self.urls.get(event["requestId"], "")):
            self.received += int(event.get("encodedDataLength", 0))

    def frame(self, event: dict[str, Any]) -> None:
        response = event["response"]
        data = response.get("payloadData", "")
        self.received += len(data) if response.get("opcode") == 1 else len(data) * 3 // 4  # binary frames: base64


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_app(
    python: str, app_dir: Path, env: Mapping[str, str | None], log: Path
) -> tuple[subprocess.Popen[bytes], int]:
    """The app on a free loopback port, once it answers its health check."""
    port = free_port()
    command = [python, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address", "127.0.0.1"]
    command += ["--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    environment = child_environment({"PYTHONPATH": str(app_dir), **env})
    server = subprocess.Popen(command, cwd=app_dir, env=environment, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return server, port
        except OSError:
            time.sleep(0.2)  # the server is starting: nothing in the browser is being timed
    stop_app(server)
    raise RuntimeError(f"the app did not start:\n{log.read_text(errors='replace')[-2000:]}")


def stop_app(server: subprocess.Popen[bytes]) -> None:
    """Stop the server this module started, by its process."""
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


def map_frame(page: Page, timeout_ms: float) -> Frame:
    """The frame the map draws in, once the map in it has drawn a date."""
    handle = page.wait_for_selector(MAP_FRAME, timeout=timeout_ms)
    frame = handle.content_frame() if handle else None
    if frame is None:
        raise RuntimeError("the page has no map frame")
    frame.wait_for_function("() => window.KurskMap && KurskMap.state && KurskMap.state.date", timeout=timeout_ms)
    return frame


def play_page(
    page: Page, url: str, snapshots: Sequence[dt.date], options: PlayOptions, traffic: Traffic
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Opens the page, plays `steps` dates, and returns what the map frame and the page recorded."""
    timeout_ms = options.timeout_s * 1000
    page.goto(url, wait_until="commit")
    frame = map_frame(page, timeout_ms)
    frame.wait_for_function(
        "layer => KurskMap.state.fronts[layer] !== undefined", arg=options.layer, timeout=timeout_ms
    )
    page.wait_for_function(f"() => /Play/.test(({PLAY_BUTTON_TEXT}))", timeout=timeout_ms)
    start = frame.evaluate("() => KurskMap.state.date")
    first_load = traffic.received
    frame.evaluate(MAP_RECORDER, options.layer)
    page.evaluate(PAGE_RECORDER, SLIDER)
    page.get_by_role("button", name="Play", exact=True).click()
    page.wait_for_function(f"() => /Pause/.test({PLAY_BUTTON_TEXT})", timeout=timeout_ms)
    # Stepped far enough, or Play stopped at the last date by itself (its button says Play again).
    page.wait_for_function(
        f"""steps => new Set(window.__kcmPlay.dates.map((r) => r.text)).size > steps
             || !/Pause/.test({PLAY_BUTTON_TEXT})""",
        arg=options.steps,
        timeout=timeout_ms + options.steps * 5000,
    )
    # The map has caught up with the last date the slider showed, that date's front drawn; then the recording ends,
    # before a Pause would rerun the page.
    readings: list[dict[str, Any]] = page.evaluate("() => window.__kcmPlay.dates")
    last = first_showings(readings)[-1].date
    front = front_for(snapshots, last)
    frame.wait_for_function(
        "([date, front]) => window.__kcmPlay.shown.some((entry) => entry.date === date && entry.front === front)",
        arg=[last.isoformat(), front.isoformat() if front else None],
        timeout=timeout_ms,
    )
    recorded: dict[str, Any] = frame.evaluate("() => { window.__kcmPlay.stopped = true; return window.__kcmPlay; }")
    recorded["start"] = start
    recorded["bytes"] = {"first_load": first_load, "play": traffic.received - first_load}
    recorded["longFrames"] += page.evaluate(
        "() => { window.__kcmPlay.stopped = true; return window.__kcmPlay.longFrames; }"
    )
    return recorded, readings


def measure_play(
    app_dir: Path, python: str, env: Mapping[str, str | None], snapshots: Sequence[dt.date], options: PlayOptions
) -> dict[str, Any]:
    """One Play run against a fresh server: the app started, played in Chromium, stopped."""
    log = Path(tempfile.mkdtemp(prefix="kursk-play-")) / "app.log"
    server, port = start_app(python, app_dir, env, log)
    load_before = os.getloadavg()[0]
    blocked: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=options.chromium, args=CHROMIUM_ARGS)
            try:
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                context.on("requestfailed", lambda request: blocked.append(request.url))
                page = context.new_page()
                url = f"http://127.0.0.1:{port}/?date={options.start}"
                recorded, readings = play_page(page, url, snapshots, options, Traffic(context, page))
            finally:
                browser.close()
    finally:
        stop_app(server)
    result = summary(recorded, readings, snapshots)
    result["layer"] = options.layer
    result["first_load_mb"] = round(recorded["bytes"]["first_load"] / 1e6, 3)
    result["play_mb"] = round(recorded["bytes"]["play"] / 1e6, 3)
    # Frame gaps follow what else the machine runs: its one-minute load average before and after says how busy it was.
    result["load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    result["failed_requests"] = sorted({url for url in blocked})[:10]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, required=True, help="the bundle folder the played layer is read from")
    parser.add_argument("--db", help="a store holding the same bundle (default: the app previews --data)")
    parser.add_argument("--layer", default="ru-occupied-deepstate-daily", help="the front layer whose steps are timed")
    parser.add_argument("--date", default="2024-11-01", help="where Play starts (YYYY-MM-DD)")
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds the map may take to load")
    parser.add_argument("--python", default=sys.executable, help="the interpreter that runs the app")
    parser.add_argument("--chromium", default=bench_settings().chromium)
    args = parser.parse_args(argv)
    env = {"KURSK_MAP_DATA": str(args.data.resolve()), "KURSK_MAP_DB": args.db}
    options = PlayOptions(args.layer, args.date, args.steps, args.timeout, args.chromium)
    result = measure_play(REPO, args.python, env, snapshot_dates(args.data, args.layer), options)
    print(json.dumps(result, indent=2))
    return 0 if result["steps_drawn"] == result["steps"] else 1


if __name__ == "__main__":
    sys.exit(main())
