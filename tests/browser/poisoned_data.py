"""A copy of the bundle with hostile text in every text field a person or an import could fill.

Layers (labels, sources, credits, caveats), sources (names and notes), places (names, Russian names, where the
coordinates came from), regions, the border, named areas, and claims (statements, notes, report titles, `via`,
quotes, override rationales, a retraction's reason). Each field gets a different kind of hostile text
(tests/hostile_text.py), so together they cover every kind on every route. The bundle still loads cleanly:
what is refused never reaches the page, and the point is what is shown.
"""

from __future__ import annotations

import json
import shutil
from itertools import count
from pathlib import Path
from typing import Any

import yaml

from geo.reading.reader import StrictDumper, read_yaml
from tests.conftest import DATA, valid_claim, write_claims
from tests.hostile_text import KINDS, hostile_string

CLAIMS = len(KINDS)  # one per kind of hostile text, so each kind is a statement somewhere
CLAIM_DATE = "2025-01-31"


def claim_id(index: int) -> str:
    return f"hostile-{index}"


def hostile_claims(kinds: count) -> list[dict[str, Any]]:
    """Claims at points of their own (no place name needed), linked in a chain so cards show link buttons."""
    claims = []
    for index in range(CLAIMS):

        def text(field: str, index: int = index) -> str:
            return hostile_string(f"claim {index} {field}", next(kinds))

        claims.append(
            valid_claim(
                id=claim_id(index),
                statement=hostile_string(f"claim {index} statement", index),
                analyst_note=text("analyst note"),
                location={
                    "point": {"lat": 51.1 + 0.02 * index, "lon": 35.1 + 0.04 * index},
                    "precision_km": 2,
                    "note": text("location note"),
                },
                reports=[
                    {
                        "outlet": "bbc",
                        "date": CLAIM_DATE,
                        "url": "https://www.bbc.com/news",
                        "title": text("report title"),
                        "via": text("via"),
                        "quote": text("quote"),
                    }
                ],
                override={"confidence": "Low", "rationale": text("override rationale")},
                supports=[claim_id(index + 1)] if index + 1 < CLAIMS else [],
            )
        )
    claims[-1]["retraction"] = {"on": CLAIM_DATE, "reason": hostile_string("retraction reason", next(kinds))}
    return claims


def edit_features(path: Path, kinds: count, fields: tuple[str, ...], per_file: bool = False) -> None:
    """Hostile text in `fields` of every feature (the same in every feature of the file when `per_file`)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    shared = {field: hostile_string(f"{path.stem} {field}", next(kinds)) for field in fields}
    for number, feature in enumerate(document["features"]):
        for field in fields:
            given = shared[field] if per_file else hostile_string(f"{path.stem} {number} {field}", next(kinds))
            feature["properties"][field] = given
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def poison(target: Path) -> Path:
    """A hostile copy of data/ at `target` (which must not exist yet)."""
    shutil.copytree(DATA, target)
    kinds = count()
    write_claims(target, hostile_claims(kinds))
    sources = read_yaml(target / "sources.yaml")
    for source in sources["sources"]:
        source["name"] = hostile_string(f"source {source['id']} name", next(kinds))
        source["note"] = hostile_string(f"source {source['id']} note", next(kinds))
        source["reliability_note"] = hostile_string(f"source {source['id']} reliability", next(kinds))
    (target / "sources.yaml").write_text(
        yaml.dump(sources, Dumper=StrictDumper, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    for number, front in enumerate(sorted((target / "fronts").glob("*.geojson"))):  # the first label: <img onerror>
        edit_features(front, count(4 * number), ("label", "source_name", "credit", "caveat"), per_file=True)
    edit_features(target / "places" / "settlements.geojson", kinds, ("name", "name_ru", "coord_source"))
    edit_features(target / "basemap" / "regions.geojson", kinds, ("name", "attribution"))
    edit_features(target / "basemap" / "border_ru_ua.geojson", kinds, ("name", "attribution"))
    edit_features(target / "areas.geojson", kinds, ("name", "description"))
    return target
