"""Every export format by name, for the export command (geo.publishing.__main__) and anything scripted.

A writer takes the claims to write, their grades, the dataset (places, areas, fronts, sources), what the
export was made with (`Made`: the date, filters and "known then", which every file says inside it) and,
for a story's export, the story; it writes one file at `out`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from geo.grading.rule import Grade
from geo.model.records import Claim
from geo.model.stories import Story
from geo.publishing.export import Made, claims_geojson, csv_file
from geo.publishing.geopackage import write_gpkg
from geo.publishing.handout import write_pdf
from geo.publishing.kml import write_kml, write_kmz
from geo.publishing.stix import write_stix
from geo.reading.dataset import Dataset


class Writer(Protocol):
    def __call__(
        self,
        out: Path,
        claims: list[Claim],
        grades: Mapping[str, Grade],
        dataset: Dataset,
        made: Made,
        *,
        story: Story | None = None,
    ) -> None: ...


def write_geojson(
    out: Path,
    claims: list[Claim],
    grades: Mapping[str, Grade],
    dataset: Dataset,
    made: Made,
    *,
    story: Story | None = None,
) -> None:
    """The GeoJSON the page's download gives (geo.publishing.export)."""
    out.write_text(json.dumps(claims_geojson(claims, grades, dataset, made), ensure_ascii=False, indent=1), "utf-8")


def write_csv(
    out: Path,
    claims: list[Claim],
    grades: Mapping[str, Grade],
    dataset: Dataset,
    made: Made,
    *,
    story: Story | None = None,
) -> None:
    """The CSV the page's download gives, byte-order mark and all (geo.publishing.export)."""
    out.write_bytes(csv_file(claims, grades, dataset, made))


FORMATS: dict[str, Writer] = {
    "geojson": write_geojson,
    "csv": write_csv,
    "stix": write_stix,
    "kml": write_kml,
    "kmz": write_kmz,
    "gpkg": write_gpkg,
    "pdf": write_pdf,
}
"""Format name (the command's --format) -> its writer."""
