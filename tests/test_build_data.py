"""data/ is exactly what the build script makes from the source extracts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO.parent / "shared" / "data"
BUILT = [
    "basemap/regions.geojson",
    "basemap/border_ru_ua.geojson",
    "places/settlements.geojson",
    "fronts/ua-held-mapsite.geojson",
    "fronts/isw-russian-advances.geojson",
    "fronts/ru-occupied-deepstate.geojson",
    "areas.geojson",
]


@pytest.mark.skipif(not SOURCE.is_dir(), reason="source extracts are not beside the project")
def test_rebuild_reproduces_the_bundled_files(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "geo.reading.build_data", "--source", str(SOURCE), "--out", str(tmp_path)],
        cwd=REPO,
        check=True,
    )
    for name in BUILT:
        assert (tmp_path / name).read_bytes() == (REPO / "data" / name).read_bytes(), name


def test_every_built_feature_keeps_its_attribution(bundled) -> None:
    for feature in bundled.regions["features"] + bundled.border["features"]:
        assert feature["properties"]["source"]
        assert feature["properties"]["license"]
        assert feature["properties"]["attribution"]
    for snapshot in bundled.fronts:
        assert snapshot.source_name
        assert snapshot.license
        assert snapshot.origin
        assert snapshot.credit
    for place in bundled.places.values():
        assert place.coord_source
        assert place.verified or place.precision_km > 1  # approximate is never shown as exact; see test_gazetteer
