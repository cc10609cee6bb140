"""The export command writes every format from a bundle folder, offline, and each file says what it holds."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo.publishing.formats import FORMATS
from tests.conftest import DATA, REPO

DAY = "2025-01-31"


def export(out: Path, fmt: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The command as a script would run it, on the bundled data folder."""
    command = [
        sys.executable,
        "-m",
        "geo.publishing",
        "export",
        "--format",
        fmt,
        "--out",
        str(out),
        "--data",
        str(DATA),
    ]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, cwd=REPO, env=dict(os.environ), check=False
    )


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_command_writes_every_format(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"export.{fmt}"
    done = export(out, fmt, "--date", DAY)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0
    assert f"({fmt}, " in done.stdout


def test_the_command_writes_the_claims_of_the_date_or_the_whole_case(tmp_path: Path, bundled) -> None:
    dated, whole = tmp_path / "dated.geojson", tmp_path / "whole.geojson"
    assert export(dated, "geojson", "--date", DAY).returncode == 0
    assert export(whole, "geojson").returncode == 0
    on_day = json.loads(dated.read_text("utf-8"))
    assert on_day["metadata"]["as_of"] == DAY and on_day["metadata"]["known_then"] is False
    assert [feature["id"] for feature in on_day["features"]] == [
        c.id for c in bundled.visible_on(dt.date.fromisoformat(DAY))
    ]
    case = json.loads(whole.read_text("utf-8"))
    assert case["metadata"]["as_of"] is None and len(case["features"]) == len(bundled.claims)


def test_the_csv_from_the_command_is_the_download(tmp_path: Path, bundled) -> None:
    out = tmp_path / "claims.csv"
    assert export(out, "csv", "--date", DAY).returncode == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert {row["as_of"] for row in rows} == {DAY}
    assert len(rows) == len(bundled.visible_on(dt.date.fromisoformat(DAY)))


def test_the_command_refuses_an_unknown_story(tmp_path: Path) -> None:
    done = export(tmp_path / "x.geojson", "geojson", "--story", "no-such-story")
    assert done.returncode == 2 and "unknown story 'no-such-story'" in done.stderr
    assert not (tmp_path / "x.geojson").exists()
