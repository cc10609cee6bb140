"""The claims on screen as data files: GeoJSON for GIS tools and CSV for spreadsheets.

Each row carries what the panel shows — who claims it, who reported it with links, when,
where and how precisely, and the grade with its reasons — so a file stands on its own.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from geo.grading.rule import Grade
from geo.model.claim_text import describe
from geo.model.records import Claim
from geo.reading.dataset import Dataset

COLUMNS = [
    "id",
    "number",
    "statement",
    "claimant",
    "claimant_side",
    "first_reported",
    "refers_from",
    "refers_to",
    "time_precision",
    "place",
    "location_precision",
    "uncertainty_km",
    "lat",
    "lon",
    "category",
    "origin",
    "access",
    "statement_kind",
    "corroborating_origins",
    "status",
    "confidence",
    "confidence_why",
    "likelihood",
    "admiralty_code",
    "admiralty",
    "corroborated_by",
    "reasons",
    "override",
    "record_state",
    "retraction",
    "on_record",
    "outlets",
    "links",
]


def claim_record(claim: Claim, grade: Grade, dataset: Dataset) -> dict[str, Any]:
    """One row: the words of geo.model.claim_text, the same the panel shows."""
    text = describe(claim, grade, dataset)
    place = text.place
    return {
        "id": text.id,
        "number": text.number,
        "statement": text.statement,
        "claimant": text.claimant,
        "claimant_side": text.claimant_side,
        "first_reported": text.first_reported.isoformat(),
        "refers_from": claim.refers_to.start.isoformat(),
        "refers_to": claim.refers_to.end.isoformat(),
        "time_precision": text.period_precision,
        "place": place.label,
        "location_precision": place.precision,
        "uncertainty_km": place.radius_km,
        "lat": round(place.lat, 4),
        "lon": round(place.lon, 4),
        "category": claim.category.value,
        **text.grade_fields(),
        **text.record_fields(),
        "corroborated_by": " ".join(grade.corroborated_by),
        "reasons": " ".join(grade.reasons),
        "outlets": "; ".join(f"{report.outlet} ({report.date.isoformat()})" for report in text.reports),
        "links": " ".join(report.url for report in text.reports if report.url),
    }


def claims_geojson(claims: list[Claim], grades: Mapping[str, Grade], dataset: Dataset) -> dict[str, Any]:
    """A FeatureCollection of points; `uncertainty_km` says how far each may be off."""
    features = []
    for claim in claims:
        record = claim_record(claim, grades[claim.id], dataset)
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [record["lon"], record["lat"]]},
                "properties": record,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def spreadsheet_safe(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula (=, +, -, @) is prefixed with a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def claims_csv(claims: list[Claim], grades: Mapping[str, Grade], dataset: Dataset) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for claim in claims:
        record = claim_record(claim, grades[claim.id], dataset)
        writer.writerow({key: spreadsheet_safe(value) for key, value in record.items()})
    return buffer.getvalue()
