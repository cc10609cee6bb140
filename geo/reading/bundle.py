"""A bundle — today's folder of YAML and GeoJSON files — as parsed documents, which is what the loader reads.

A bundle folder is read by the strict reader (`read_folder`); the store, which keeps records, not files,
rebuilds the same documents from its records. Either way the loader gets a `Bundle` and checks it the
same way, so a dataset from the store goes through exactly the checks a dataset from a folder does.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from geo.reading.reader import RefusalError, StrictDumper, read_json, read_yaml

MISSING = "cannot be opened: No such file or directory"
"""Why a file the loader needs and the bundle lacks is refused: what the reader says of a missing file."""


@dataclass(frozen=True)
class Bundle:
    """A bundle's files by name as the bundle names them (`claims/x.yaml`): the parsed document of each,
    and for each file the strict reader refused, why (checked once, when it was read)."""

    documents: Mapping[str, Any]
    refused: Mapping[str, str] = field(default_factory=dict)

    def __contains__(self, name: object) -> bool:
        return name in self.documents or name in self.refused

    def in_folder(self, folder: str, suffix: str) -> list[str]:
        """The names of the files directly in `folder` that end in `suffix`, in order."""
        prefix = f"{folder}/"
        return sorted(
            name
            for name in [*self.documents, *self.refused]
            if name.startswith(prefix) and "/" not in name[len(prefix) :] and name.endswith(suffix)
        )

    def refusal(self, name: str) -> str | None:
        """Why the file cannot be read: refused by the reader, or missing; None when its document is here."""
        return self.refused.get(name, None if name in self.documents else MISSING)


def file_name(name: str) -> str:
    """A bundle file's own name, as problems name it: `x.yaml` for `claims/x.yaml`."""
    return PurePosixPath(name).name


BUNDLE_PATTERNS = (
    "case.yaml",
    "claim_numbers.yaml",
    "sources.yaml",
    "areas.geojson",
    "basemap/*.geojson",
    "places/*.geojson",
)
BUNDLE_FOLDERS = {"claims": "*.yaml", "fronts": "*.geojson", "stories": "*.yaml"}


def bundle_files(folder: Path) -> list[str]:
    """The relative names of a bundle folder's files, in a stable order."""
    names = [path for pattern in BUNDLE_PATTERNS for path in sorted(folder.glob(pattern))]
    names += [path for sub, pattern in BUNDLE_FOLDERS.items() for path in sorted((folder / sub).glob(pattern))]
    return [path.relative_to(folder).as_posix() for path in names]


MAP_ONLY = ("basemap/", "fronts/", "stories/")
"""What only a map needs: the claims-only check (geo.reading.dataset.load_claims_only) reads none of it."""


def read_folder(folder: Path, *, map_layers: bool = True) -> Bundle:
    """A bundle folder's files as the loader reads them, each parsed by the strict reader; a file it refuses
    is kept with the reason, for the loader to report. Without `map_layers`, the basemap, fronts and stories
    are left unread."""
    documents: dict[str, Any] = {}
    refused: dict[str, str] = {}
    for name in bundle_files(folder):
        if not map_layers and name.startswith(MAP_ONLY):
            continue
        try:
            documents[name] = (read_yaml if name.endswith(".yaml") else read_json)(folder / name)
        except RefusalError as refusal:
            refused[name] = str(refusal)
    return Bundle(documents, refused)


def read_bundle(folder: Path) -> dict[str, Any]:
    """Every file of a bundle folder, parsed by the strict reader; a RefusalError names the first file refused
    (as the bundle names it, `claims/x.yaml`) and what is wrong with it."""
    bundle = read_folder(folder)
    if bundle.refused:
        name, refusal = next(iter(bundle.refused.items()))
        raise RefusalError(f"{name} {refusal}")
    return dict(bundle.documents)


def write_bundle(files: Mapping[str, Any], folder: Path) -> None:
    """Write documents as a bundle folder: YAML for .yaml, GeoJSON for .geojson, in UTF-8."""
    for name, document in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".yaml"):
            text = yaml.dump(document, Dumper=StrictDumper, allow_unicode=True, sort_keys=False, width=120)
        else:
            text = json.dumps(document, ensure_ascii=False) + "\n"
        target.write_text(text, encoding="utf-8")
