"""Bring a front layer's real history in: dated snapshots from a folder, a .zip, a .geojson(.gz) or KML become one
layer file in the bundle's own format (`fronts/<layer>.geojson`, a feature a date), or go into the store.

    python -m geo.reading.front_import SOURCE --layer-id ID --label TEXT --side RU|UA --basis claimed|assessed
        --source-id ID --licence TEXT --caveat TEXT [--clip-to FILE#KEY] (--into DIR [--replace] | --store)

The layer's label, side, basis, source (an id of the bundle's sources.yaml), licence and caveat are given once and
written on every snapshot as the loader wants them. Each snapshot's km² is computed here, in an equal-area CRS. A
snapshot reaching beyond the case's region (data/case.yaml's box, which the loader holds every front to) is clipped
to it, or to a named outline inside it (`--clip-to basemap/regions.geojson#RU-KRS`), and says so in `clipped_by`.
A snapshot that cannot come in is named with its file and why (bad geometry, no date in its name, a date given twice,
empty after clipping, after the case's period); the rest come in. Nothing is repaired, rounded or guessed.

Exit status: 0 every snapshot came in, 2 some were refused (each printed, the rest written), 1 nothing was written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
import tempfile
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import shapely
from pydantic import ValidationError
from shapely.geometry.base import BaseGeometry

from geo.model.geometry import area_km2
from geo.model.issues import DataIssue, quoted
from geo.model.records import Case, Source
from geo.reading.dataset import load_dataset
from geo.reading.features import CLIPPED_BY, POLYGONS, geometry_problem
from geo.reading.front_files import DATE_LAYOUTS, Piece, Reading, parse_json, read_pieces
from geo.reading.loading import FrontSnapshot, date_problem
from geo.reading.reader import RefusalError
from geo.store import ImportRefusedError, Store, shown_url


@dataclass(frozen=True)
class LayerSpec:
    """What is said once for the whole layer and written on each of its snapshots."""

    layer: str
    label: str
    side: Literal["UA", "RU"]
    basis: Literal["claimed", "assessed"]
    source: Source
    license: str
    caveat: str
    credit: str = ""  # the map's short credit line; the source's name when not given
    context: bool = False  # maps somewhere other than the case's own ground (occupied Ukraine beside Kursk)
    origin: str = ""  # where the files came from (`cyterat/deepstate-map-data`), put before each file's name

    def properties(self) -> dict[str, Any]:
        return {
            "layer": self.layer,
            "side": self.side,
            "label": self.label,
            "source_name": self.source.name,
            "source_url": self.source.url,
            "credit": self.credit or self.source.name,
            "basis": self.basis,
            "context": self.context,
            "license": self.license,
            "caveat": self.caveat,
        }


@dataclass(frozen=True)
class ClipRegion:
    """What a snapshot is clipped to, and how `clipped_by` names it."""

    shape: BaseGeometry
    label: str


def case_region(case: Case) -> ClipRegion:
    """The case's box: the loader refuses a front snapshot reaching beyond it."""
    box = case.region
    return ClipRegion(
        shapely.box(box.west, box.south, box.east, box.north),
        f"the case's region (case.yaml {case.id}: longitude {box.west}–{box.east}, latitude {box.south}–{box.north})",
    )


def outline_region(reference: str, case: Case) -> ClipRegion:
    """An outline named `FILE#KEY` (a feature of a GeoJSON file whose iso_3166_2, id or name is KEY), within the
    case's box; a ValueError says why it cannot be used."""
    file, _, key = reference.partition("#")
    if not key:
        raise ValueError(f"--clip-to {quoted(reference)}: name the outline as FILE#KEY (regions.geojson#RU-KRS)")
    try:
        document = parse_json(Path(file).read_text(encoding="utf-8"))
    except RefusalError as refusal:
        raise ValueError(f"--clip-to: {Path(file).name} {refusal}") from None
    features = document.get("features") if isinstance(document, dict) else None
    matches = [
        feature
        for feature in (features if isinstance(features, list) else [])
        if isinstance(feature, dict)
        and isinstance(feature.get("properties"), dict)
        and key in {str(feature["properties"].get(name)) for name in ("iso_3166_2", "id", "name")}
    ]
    if len(matches) != 1:
        raise ValueError(f"--clip-to: {len(matches)} features of {Path(file).name} are called {quoted(key)}; need one")
    problem = geometry_problem(matches[0].get("geometry"), POLYGONS)
    outline = shapely.geometry.shape(matches[0]["geometry"]) if problem is None else None
    if outline is None or not outline.is_valid:
        raise ValueError(f"--clip-to: {quoted(key)} in {Path(file).name} is not a valid polygon")
    box = case_region(case)
    name = (matches[0].get("properties") or {}).get("name") or key
    return ClipRegion(outline.intersection(box.shape), f"{name} ({Path(file).parent.name}/{Path(file).name} {key})")


@dataclass
class Imported:
    """A layer's snapshots as bundle features, oldest first, and every snapshot or file that did not come in."""

    features: list[dict[str, Any]] = field(default_factory=list)
    issues: list[DataIssue] = field(default_factory=list)

    @property
    def clipped(self) -> int:
        return sum(1 for feature in self.features if CLIPPED_BY in feature["properties"])


def by_date(pieces: list[Piece], issues: list[DataIssue]) -> dict[dt.date, list[Piece]]:
    """The pieces of each date. The pieces one file gives a date are parts of one snapshot (an extract's polygons of
    that day); a date that two files give is refused in both, since which one is right is not known."""
    grouped: dict[dt.date, list[Piece]] = defaultdict(list)
    for piece in pieces:
        grouped[piece.date].append(piece)
    kept = {}
    for day, parts in sorted(grouped.items()):
        files = sorted({piece.file for piece in parts})
        if len(files) == 1:
            kept[day] = parts
            continue
        for file in files:
            others = ", ".join(quoted(other) for other in files if other != file)
            issues.append(DataIssue(file, str(day), f"duplicate date: {day} is also the date of {others}"))
    return kept


def clipped(geometry: BaseGeometry, region: ClipRegion) -> tuple[BaseGeometry, bool]:
    """The geometry inside the region (polygons only: a touching edge has no area), and whether it was cut."""
    if region.shape.covers(geometry):
        return geometry, False
    parts = [part for part in shapely.get_parts(geometry.intersection(region.shape)) if part.geom_type in POLYGONS]
    return shapely.union_all(parts) if parts else shapely.Polygon(), True


def snapshot_feature(
    parts: list[Piece], spec: LayerSpec, region: ClipRegion, case: Case
) -> tuple[dict[str, Any] | None, str | None]:
    """One date's feature as the bundle writes it, or why that date cannot come in."""
    day = parts[0].date
    late = date_problem(day, case)
    if late:
        return None, f"date: {late}"
    inside, was_clipped = clipped(shapely.union_all([piece.geometry for piece in parts]), region)
    if inside.is_empty:
        return None, f"empty after clipping to {region.label}"
    if not inside.is_valid:
        return None, f"invalid geometry after clipping: {shapely.is_valid_reason(inside)}"
    files = sorted({piece.file for piece in parts})
    properties = {
        **spec.properties(),
        "date": day.isoformat(),
        "origin": "; ".join(f"{spec.origin}:{file}" if spec.origin else file for file in files),
        "area_km2": area_km2(inside),
    }
    if was_clipped:
        properties[CLIPPED_BY] = region.label
    try:
        FrontSnapshot.model_validate({**properties, "geometry": inside})
    except ValidationError as error:
        return None, "; ".join(f"{'.'.join(map(str, item['loc']))}: {item['msg']}" for item in error.errors())
    return {"type": "Feature", "properties": properties, "geometry": shapely.geometry.mapping(inside)}, None


def import_layer(source: Path, spec: LayerSpec, region: ClipRegion, case: Case, reading: Reading) -> Imported:
    """Every date of the source that can come in, as a feature of the layer; the rest, each with why."""
    imported = Imported()
    for day, parts in by_date(read_pieces(source, reading, imported.issues), imported.issues).items():
        feature, problem = snapshot_feature(parts, spec, region, case)
        if feature is not None:
            imported.features.append(feature)
            continue
        for file in sorted({piece.file for piece in parts}):
            imported.issues.append(DataIssue(file, str(day), problem or "refused"))
    return imported


def layer_document(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def write_layer(features: list[dict[str, Any]], layer: str, folder: Path) -> Path:
    """The layer file as the bundle keeps it: `fronts/<layer>.geojson`, keys sorted, one line."""
    target = folder / "fronts" / f"{layer}.geojson"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(layer_document(features), ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return target


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m geo.reading.front_import", description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a folder, a .zip, a .geojson(.gz) or a .kml of dated snapshots")
    parser.add_argument("--layer-id", required=True)
    parser.add_argument("--label", required=True)
    parser.add_argument("--side", required=True, choices=["RU", "UA"], help="whose area the polygons are")
    parser.add_argument("--basis", required=True, choices=["claimed", "assessed"])
    parser.add_argument("--source-id", required=True, help="the mapper's id in the bundle's sources.yaml")
    parser.add_argument("--licence", required=True)
    parser.add_argument("--caveat", required=True)
    parser.add_argument("--credit", default="", help="the map's short credit line (default: the source's name)")
    parser.add_argument("--context", action="store_true", help="the layer maps ground beside the case's own")
    parser.add_argument("--origin", default="", help="where the files came from, e.g. cyterat/deepstate-map-data")
    parser.add_argument("--clip-to", default="", metavar="FILE#KEY", help="an outline inside the case's region")
    parser.add_argument("--date-layout", default="yyyymmdd", choices=sorted(DATE_LAYOUTS))
    parser.add_argument("--style", default=None, help="KML: take only Placemarks with this styleUrl (#ua)")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--into", type=Path, metavar="DIR", help="a bundle folder: writes DIR/fronts/ID.geojson")
    where.add_argument("--store", action="store_true", help="import into the store, as `python -m geo.store import`")
    parser.add_argument("--replace", action="store_true", help="with --into: overwrite an existing layer file")
    parser.add_argument("--reason", default="front layer imported", help="with --store: why, for the event log")
    parser.add_argument("--actor", default=getpass.getuser(), help="with --store: who, for the event log")
    return parser.parse_args(argv)


def layer_spec(args: argparse.Namespace, sources: Mapping[str, Source]) -> LayerSpec:
    if args.source_id not in sources:
        raise ValueError(f"--source-id {quoted(args.source_id)} is not in the bundle's sources.yaml")
    return LayerSpec(
        layer=args.layer_id,
        label=args.label,
        side=args.side,
        basis=args.basis,
        source=sources[args.source_id],
        license=args.licence,
        caveat=args.caveat,
        credit=args.credit,
        context=args.context,
        origin=args.origin,
    )


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    store = Store() if args.store else None
    dataset = store.load("working") if store is not None else load_dataset(args.into)
    if dataset.case is None:
        print("the bundle has no usable case.yaml: the case's region is not known", file=sys.stderr)
        return 1
    target = args.into / "fronts" / f"{args.layer_id}.geojson" if args.into else None
    if target is not None and target.exists() and not args.replace:
        print(f"{target} exists; give --replace to overwrite it", file=sys.stderr)
        return 1
    try:
        spec = layer_spec(args, dataset.sources)
        region = outline_region(args.clip_to, dataset.case) if args.clip_to else case_region(dataset.case)
    except (ValueError, OSError) as error:
        print(error, file=sys.stderr)
        return 1
    imported = import_layer(args.source, spec, region, dataset.case, Reading(args.date_layout, args.style))
    for issue in imported.issues:
        print(issue, file=sys.stderr)
    if not imported.features:
        print(f"nothing imported: no snapshot of {args.source.name} could come in", file=sys.stderr)
        return 1
    summary = f"{len(imported.features)} snapshot(s), {imported.clipped} clipped to {region.label}"
    if store is not None:
        print(summary)
        return into_store(store, imported, args)
    print(f"{write_layer(imported.features, args.layer_id, args.into)}: {summary}")
    return 2 if any(not issue.loaded for issue in imported.issues) else 0


def into_store(store: Store, imported: Imported, args: argparse.Namespace) -> int:
    """Through the store's own import, as `python -m geo.store import` does: each snapshot an event."""
    with tempfile.TemporaryDirectory() as folder:
        write_layer(imported.features, args.layer_id, Path(folder))
        try:
            report = store.import_bundle(Path(folder), args.actor, args.reason)
        except ImportRefusedError as refused:
            for issue in refused.issues:
                print(issue, file=sys.stderr)
            print(f"nothing imported into {shown_url(store.url)}", file=sys.stderr)
            return 1
    print(f"layer {args.layer_id} into {shown_url(store.url)}: {report}")
    return 2 if report.held or any(not issue.loaded for issue in imported.issues) else 0


if __name__ == "__main__":
    sys.exit(main())
