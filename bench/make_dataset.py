"""Make a larger claims dataset from the bundled one, so loading and grading can be timed at scale.

The output is a full copy of data/ whose claims/ folder holds the bundled files unchanged (so the
bundled stories still validate) plus generated copies of every claim, each id suffixed `-c<k>`.
A copy is shifted in time and jittered in space, so it lands on other dates and other map points
instead of stacking on the originals, and its links stay inside the copy, so grading meets
networks of the same shape as the real one.

    .venv/bin/python -m bench.make_dataset --claims 10000 --out <folder> [--seed 1]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import math
import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parents[1] / "data"
FIRST_DAY = dt.date(2024, 8, 6)  # every shifted claim stays within the incursion's span
LAST_DAY = dt.date(2025, 11, 30)
PLACE_JITTER_KM = 3.0
FILE_SIZE = 1000
HEADER = {"case": "north-korean-troops-kursk", "key_date": dt.date(2025, 1, 31)}
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: 10,000 claims in seconds

Record = dict[str, Any]


def bundled_claims(folder: Path) -> list[Record]:
    """Every claim of the bundled files, in file order."""
    claims: list[Record] = []
    for path in sorted(folder.glob("*.yaml")):
        claims += yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]
    return claims


def gazetteer(path: Path) -> dict[str, tuple[float, float]]:
    """Place name -> (lat, lon), so a place can be turned into a jittered point."""
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    places: dict[str, tuple[float, float]] = {}
    for feature in features:
        lon, lat = feature["geometry"]["coordinates"]
        places.setdefault(feature["properties"]["name"], (lat, lon))
    return places


def dates_of(claim: Record) -> list[dt.date]:
    return [report["date"] for report in claim["reports"]] + [claim["refers_to"]["start"], claim["refers_to"]["end"]]


def day_shift(claim: Record, rng: random.Random) -> int:
    """A random shift that keeps all of the claim's dates inside the span, or 0 if none can."""
    dates = dates_of(claim)
    earliest, latest = (FIRST_DAY - min(dates)).days, (LAST_DAY - max(dates)).days
    return rng.randint(earliest, latest) if earliest <= latest else 0


def jitter(lat: float, lon: float, radius_km: float, rng: random.Random) -> Record:
    """A point uniformly within radius_km of (lat, lon)."""
    distance = radius_km * math.sqrt(rng.random())
    bearing = rng.uniform(0, 2 * math.pi)
    north, east = distance * math.cos(bearing), distance * math.sin(bearing)
    return {
        "lat": round(lat + north / 110.574, 5),
        "lon": round(lon + east / (111.320 * math.cos(math.radians(lat))), 5),
    }


def moved_location(location: Record, places: dict[str, tuple[float, float]], rng: random.Random) -> Record:
    """Places become points near them, points move within half their precision, areas stay."""
    if "place" in location:
        lat, lon = places[location["place"]]
        return {
            "point": jitter(lat, lon, PLACE_JITTER_KM, rng),
            "precision_km": PLACE_JITTER_KM,
            "note": f"near {location['place']}",
        }
    if "point" in location:
        point = location["point"]
        return {**location, "point": jitter(point["lat"], point["lon"], location["precision_km"] / 2, rng)}
    return dict(location)


def copy_of(
    claim: Record, number: int, kept: set[str], places: dict[str, tuple[float, float]], rng: random.Random
) -> Record:
    """Copy `number` of a claim; links to claims outside `kept` (a truncated copy) are dropped."""
    suffix = f"-c{number}"
    shift = dt.timedelta(days=day_shift(claim, rng))
    result = copy.deepcopy(claim)
    result.pop("measure", None)  # the km² chart plots measures; copies would flood it
    result.pop("number", None)  # numbers are unique: copies get the next free ones when loaded
    result["id"] += suffix
    result["reports"] = [{**report, "date": report["date"] + shift} for report in result["reports"]]
    result["refers_to"] = {
        **result["refers_to"],
        "start": result["refers_to"]["start"] + shift,
        "end": result["refers_to"]["end"] + shift,
    }
    result["location"] = moved_location(result["location"], places, rng)
    for key in ("same_as", "supports", "contradicts"):
        if key in result:
            result[key] = [other + suffix for other in result[key] if other in kept]
    return result


def copies(
    claims: list[Record], count: int, places: dict[str, tuple[float, float]], rng: random.Random
) -> Iterator[Record]:
    """`count` generated claims: copy 1 of every claim, then copy 2, ..., the last copy cut short."""
    for number in range(1, math.ceil(count / len(claims)) + 1):
        chosen = claims[: count - (number - 1) * len(claims)]
        kept = {claim["id"] for claim in chosen}
        for claim in chosen:
            yield copy_of(claim, number, kept, places, rng)


def write_files(claims: list[Record], folder: Path) -> list[Path]:
    """generated_001.yaml ... with at most FILE_SIZE claims each; the case's key date in the first only."""
    paths = []
    chunks = [claims[start : start + FILE_SIZE] for start in range(0, len(claims), FILE_SIZE)]
    for index, chunk in enumerate(chunks, start=1):
        header: Record = {"case": HEADER["case"], "title": f"Generated copies of the bundled claims, part {index}"}
        if index == 1:
            header["key_date"] = HEADER["key_date"]
        path = folder / f"generated_{index:03d}.yaml"
        text = yaml.dump({**header, "claims": chunk}, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=120)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def make_dataset(out: Path, count: int, seed: int = 1) -> list[Path]:
    """Copy data/ to `out` and fill out/claims with `count` claims; returns the generated files."""
    originals = bundled_claims(DATA / "claims")
    if count < len(originals):
        raise ValueError(f"--claims must be at least the {len(originals)} bundled claims")
    shutil.copytree(DATA, out, dirs_exist_ok=True)
    shutil.rmtree(out / "claims")
    shutil.copytree(DATA / "claims", out / "claims")
    places = gazetteer(DATA / "places" / "settlements.geojson")
    generated = list(copies(originals, count - len(originals), places, random.Random(seed)))
    return write_files(generated, out / "claims")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, required=True, help="total number of claims, bundled ones included")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the dataset to")
    parser.add_argument("--seed", type=int, default=1, help="random seed; the same seed gives the same files")
    args = parser.parse_args()
    paths = make_dataset(args.out, args.claims, args.seed)
    print(f"{args.claims} claims in {args.out} ({len(paths)} generated files)")


if __name__ == "__main__":
    main()
