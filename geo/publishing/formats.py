"""Every export format by name, for the export command (geo.publishing.__main__) and anything scripted.

A writer takes a Selection (geo.publishing.export: the claims to write, their grades, the dataset they come from,
what the export was made with — the date, filters and "known then", which every file says inside it — and, for
a story's export, the story) and writes one file at `out`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

from geo.publishing.export import Selection, claims_geojson, csv_file
from geo.publishing.geopackage import write_gpkg
from geo.publishing.handout import write_pdf
from geo.publishing.kml import write_kml, write_kmz
from geo.publishing.stix import write_stix


class Writer(Protocol):
    def __call__(self, out: Path, selection: Selection) -> None: ...


def write_geojson(out: Path, selection: Selection) -> None:
    """The GeoJSON the page's download gives (geo.publishing.export)."""
    out.write_text(
        json.dumps(
            claims_geojson(list(selection.claims), selection.grades, selection.dataset, selection.made),
            ensure_ascii=False,
            indent=1,
        ),
        "utf-8",
    )


def write_csv(out: Path, selection: Selection) -> None:
    """The CSV the page's download gives, byte-order mark and all (geo.publishing.export)."""
    out.write_bytes(csv_file(list(selection.claims), selection.grades, selection.dataset, selection.made))


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
