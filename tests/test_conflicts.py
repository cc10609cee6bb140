"""No lost update: analysts in four processes edit one claim at once; every edit lands exactly once,
with exactly one audit row. bench/conflicts.py runs the same with 1,000 edits (figures in the README)."""

from __future__ import annotations

from bench.conflicts import run


def test_concurrent_edits_are_never_lost_and_each_commit_is_one_audit_row(store_url: str) -> None:
    result = run(store_url, edits=200, processes=4)
    assert result["commits"] == 200
    assert result["lost"] == 0
    assert result["audit_rows"] == result["commits"] == result["versions_added"]
    assert result["conflicts_retried"] > 0  # the edits really did collide
