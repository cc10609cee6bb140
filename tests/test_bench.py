"""The benchmark's baseline app still runs, so the benchmark measures something real."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

BASELINE = str(Path(__file__).resolve().parents[1] / "bench" / "baseline_app.py")


def test_baseline_app_draws_its_slider_and_claims() -> None:
    app = AppTest.from_file(BASELINE, default_timeout=60)
    app.run()
    assert not app.exception, [error.message for error in app.exception]
    assert app.select_slider[0].label == "Date"
    assert any("claims**" in block.value for block in app.markdown)
