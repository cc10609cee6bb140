"""The data the browser map draws, as one JSON-ready dict built once from the dataset.

Everything dated (every front snapshot, every claim, which claims show on which date) is
embedded once so that changing the date or the selection never re-sends the map. This is
also where data text becomes HTML for tooltips and popups, so it is escaped here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import shapely

from components.escaping import html_link, html_text
from geo.confidence import ConfidenceLevel, Status, admiralty_words
from geo.dataset import Dataset
from geo.grading import Grade
from geo.grading import name as source_name
from geo.loading import FrontSnapshot
from geo.locations import ResolvedLocation, resolve
from geo.model import Claim, Source
from geo.timeline import by_layer, timeline_dates, visible_claims

FRONT_STYLES = {  # claimed areas (a partisan mapper's) are hatched, assessed ones filled
    "UA": {"color": "#0b4f8a", "fillColor": "#56B4E9", "fillOpacity": 0.35, "weight": 2, "dashArray": None},
    "RU": {"color": "#7a1f4c", "fillColor": "#CC79A7", "fillOpacity": 0.35, "weight": 2, "dashArray": "6 4"},
}
LEVEL_COLOURS = {  # Okabe–Ito palette: distinguishable with the common colour-vision deficiencies
    ConfidenceLevel.HIGH: "#009E73",
    ConfidenceLevel.MODERATE: "#E69F00",
    ConfidenceLevel.LOW: "#D55E00",
}
CREDIBILITY_OPACITY = {1: 1.0, 2: 1.0, 3: 0.85, 4: 0.7, 5: 0.55, 6: 0.55}
STATUS_OUTLINES = {  # shown in the legend; drawn by kursk_map.css
    Status.CLAIMED: "claimed (one origin)",
    Status.CORROBORATED: "corroborated or assessed",
    Status.DISPUTED: "disputed",
    Status.REFUTED: "refuted",
}
COORD_DIGITS = 4
PLACES_CREDIT = "Places: GeoNames (CC BY 4.0), Wikipedia"


def day(value: dt.date) -> str:
    """'30 Jan 2025': unambiguous for every reader, unlike 01/02/2025."""
    return f"{value.day} {value:%b %Y}"


def period_text(claim: Claim) -> str:
    start, end = claim.refers_to.start, claim.refers_to.end
    return day(start) if start == end else f"{day(start)} – {day(end)}"


def claim_numbers(claims: list[Claim]) -> dict[str, int]:
    """Stable numbers shared by map markers and panel cards: oldest report is #1."""
    ordered = sorted(claims, key=lambda claim: (claim.first_reported, claim.id))
    return {claim.id: number for number, claim in enumerate(ordered, start=1)}


def rounded_geometry(geometry: shapely.Geometry) -> dict[str, Any]:
    return shapely.geometry.mapping(shapely.set_precision(geometry, 10**-COORD_DIGITS))


def claim_tooltip(claim: Claim, number: int, grade: Grade, sources: dict[str, Source]) -> str:
    return (f"<b>#{number} {html_text(claim.statement)}</b><br>"
            f"Claimed by {html_text(source_name(claim.claimant, sources))}, "
            f"reported {html_text(day(claim.first_reported))}<br>"
            f"Confidence: {html_text(grade.confidence.value)} · {html_text(grade.status.value)} · "
            f"{html_text(grade.code)}")


def claim_popup(claim: Claim, number: int, place: ResolvedLocation, grade: Grade,
                sources: dict[str, Source]) -> str:
    reports = "".join(
        f"<li>{html_link(report.url, source_name(report.outlet, sources))}, {html_text(day(report.date))}</li>"
        for report in claim.reports
    )
    return (f"<div class='kcm-popup'><b>#{number} {html_text(claim.statement)}</b>"
            f"<p>Claimed by {html_text(source_name(claim.claimant, sources))} · "
            f"about {html_text(period_text(claim))}</p>"
            f"<p>Where: {html_text(place.label)}, {html_text(place.precision)}</p>"
            f"<p>Confidence: <b>{html_text(grade.confidence.value)}</b> · status {html_text(grade.status.value)}"
            f"<br>{html_text(admiralty_words(grade.reliability, grade.credibility))}</p><ul>{reports}</ul></div>")


def claim_look(claim: Claim, number: int, grade: Grade, place: ResolvedLocation,
               sources: dict[str, Source]) -> dict[str, Any]:
    """How a claim's marker looks and reads for a grade (also sent alone when grades are 'as known then')."""
    return {
        "level": grade.confidence.value,
        "status": grade.status.value,
        "opacity": CREDIBILITY_OPACITY[grade.credibility],
        "colour": LEVEL_COLOURS[grade.confidence],
        "tooltip": claim_tooltip(claim, number, grade, sources),
        "popup": claim_popup(claim, number, place, grade, sources),
    }


def claim_feature(claim: Claim, number: int, grade: Grade, dataset: Dataset) -> dict[str, Any]:
    place = resolve(claim.location, dataset.places, dataset.areas)
    return {
        "id": claim.id,
        "number": number,
        "lat": round(place.lat, COORD_DIGITS),
        "lon": round(place.lon, COORD_DIGITS),
        "radiusM": round(place.radius_km * 1000),
        "areaId": claim.location.area,
        **claim_look(claim, number, grade, place, dataset.sources),
    }


def claim_looks(claims: list[Claim], grades: dict[str, Grade], dataset: Dataset) -> dict[str, dict[str, Any]]:
    """Marker looks for these claims under other grades, keyed by claim id."""
    numbers = claim_numbers(dataset.claims)
    return {claim.id: claim_look(claim, numbers[claim.id], grades[claim.id],
                                 resolve(claim.location, dataset.places, dataset.areas), dataset.sources)
            for claim in claims}


def front_layer(snapshots: list[FrontSnapshot]) -> dict[str, Any]:
    first = snapshots[0]
    return {
        "label": html_text(first.label),
        "side": first.side,
        "basis": first.basis,
        "style": FRONT_STYLES[first.side],
        "attribution": html_link(first.source_url, first.credit),
        "snapshots": [
            {
                "date": snapshot.date.isoformat(),
                "areaKm2": snapshot.area_km2,
                "tooltip": (f"<b>{html_text(snapshot.label)}</b><br>as of {html_text(day(snapshot.date))}"
                            f" · {snapshot.area_km2:,.0f} km²<br>Source: {html_text(snapshot.source_name)}"),
                "geometry": rounded_geometry(snapshot.geometry),
            }
            for snapshot in snapshots
        ],
    }


def place_rows(dataset: Dataset) -> list[dict[str, Any]]:
    rows = []
    for place in sorted(dataset.places.values(), key=lambda place: place.name):
        note = "" if place.verified else f" — position approximate, within about {place.precision_km:g} km (unverified)"
        rows.append({
            "name": html_text(place.name),
            "lat": round(place.lat, COORD_DIGITS),
            "lon": round(place.lon, COORD_DIGITS),
            "key": place.key_place,
            "verified": place.verified,
            "radiusM": round(place.precision_km * 1000),
            "tooltip": html_text(place.name + note),
        })
    return rows


def region_labels(dataset: Dataset) -> list[dict[str, Any]]:
    return [
        {"name": html_text(feature["properties"]["name"]), "focus": feature["properties"]["role"] == "focus",
         "lat": feature["properties"]["label_lat"], "lon": feature["properties"]["label_lon"]}
        for feature in dataset.regions["features"]
    ]


def attributions(dataset: Dataset) -> list[str]:
    """Credit for every basemap source drawn, as escaped HTML for Leaflet's attribution box."""
    credits = {feature["properties"]["attribution"]
               for feature in dataset.regions["features"] + dataset.border["features"]}
    return [html_text(credit) for credit in sorted(credits)] + [PLACES_CREDIT]


def build_payload(dataset: Dataset, grades: dict[str, Grade]) -> dict[str, Any]:
    """All the map needs, deterministic for the same dataset (no sets, no clocks)."""
    numbers = claim_numbers(dataset.claims)
    dates = timeline_dates(dataset.fronts, dataset.claims)
    fronts = by_layer(dataset.fronts)
    return {
        "regions": dataset.regions,
        "regionLabels": region_labels(dataset),
        "border": dataset.border,
        "places": place_rows(dataset),
        "fronts": {layer: front_layer(snapshots) for layer, snapshots in fronts.items()},
        "frontOrder": list(fronts),  # JSON objects are written with sorted keys
        "claims": [claim_feature(claim, numbers[claim.id], grades[claim.id], dataset)
                   for claim in sorted(dataset.claims, key=lambda claim: numbers[claim.id])
                   if claim.id in grades],  # an export 'as known then' has no grade for later claims
        "dates": [value.isoformat() for value in dates],
        "visible": {value.isoformat(): [claim.id for claim in visible_claims(dataset.claims, value)]
                    for value in dates},
        "attribution": attributions(dataset),
        "areas": {area_id: {"name": html_text(dataset.areas[area_id].name),
                            "geometry": rounded_geometry(dataset.areas[area_id].geometry)}
                  for area_id in sorted({claim.location.area for claim in dataset.claims if claim.location.area})},
        "levelColours": [[level.value, colour] for level, colour in LEVEL_COLOURS.items()],
        "statusOutlines": [[status.value, html_text(text)] for status, text in STATUS_OUTLINES.items()],
    }
