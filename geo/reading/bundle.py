"""A bundle — today's folder of YAML and GeoJSON files — held in memory as parsed documents.

The store keeps records, not files; to load them it rebuilds the bundle's documents and hands the
loader a `MemoryPath`, which answers the few questions the loader asks of a folder (names, globbing,
existence) and gives each file's document without parsing text. So a dataset from the store goes
through exactly the checks a dataset from a folder does.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from geo.reading.reader import RefusalError, StrictDumper, read_json, read_yaml


class MemoryPath:
    """A path inside an in-memory bundle: `bundle / "claims" / "x.yaml"`."""

    def __init__(self, files: Mapping[str, Any], relative: PurePosixPath | None = None) -> None:
        self._files = files
        self._relative = relative or PurePosixPath()

    def __truediv__(self, part: str) -> MemoryPath:
        return MemoryPath(self._files, self._relative / part)

    def __lt__(self, other: MemoryPath) -> bool:
        return str(self._relative) < str(other._relative)

    def __repr__(self) -> str:
        return f"MemoryPath({str(self._relative)!r})"

    @property
    def name(self) -> str:
        return self._relative.name

    @property
    def parent(self) -> MemoryPath:
        return MemoryPath(self._files, self._relative.parent)

    def is_file(self) -> bool:
        return str(self._relative) in self._files

    def is_dir(self) -> bool:
        prefix = f"{self._relative}/"
        return any(name.startswith(prefix) for name in self._files)

    def glob(self, pattern: str) -> Iterator[MemoryPath]:
        prefix = f"{self._relative}/"
        for name in sorted(self._files):
            rest = name[len(prefix) :] if name.startswith(prefix) else None
            if rest is not None and "/" not in rest and fnmatch.fnmatch(rest, pattern):
                yield MemoryPath(self._files, PurePosixPath(name))

    def held_document(self) -> Any:
        """The file's parsed document (the reader's checks were made when it entered the store)."""
        return self._files[str(self._relative)]


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


def read_bundle(folder: Path) -> dict[str, Any]:
    """Every file of a bundle folder, parsed by the strict reader; a RefusalError names the file (as the
    bundle names it, `claims/x.yaml`) and what is wrong with it."""
    files = {}
    for name in bundle_files(folder):
        try:
            files[name] = (read_yaml if name.endswith(".yaml") else read_json)(folder / name)
        except RefusalError as refusal:
            raise RefusalError(f"{name} {refusal}") from None
    return files


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
