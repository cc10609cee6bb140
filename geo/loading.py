"""Load data/ into validated objects, collecting every problem instead of stopping at one.

Each record is validated on its own: a bad claim becomes a DataIssue naming the file,
the record and the reason, and the valid rest still loads.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

import shapely
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from geo.model import Alliance, CaseInfo, Claim, Source, check_web_url


@dataclass(frozen=True)
class DataIssue:
    """One problem found in the data, precise enough to fix without searching."""

    file: str
    record: str
    problem: str
    loaded: bool = False  # the record was loaded all the same, without the part named in the problem

    def __str__(self) -> str:
        return f"{self.file}: {self.record}: {self.problem}" + (" (the record is loaded)" if self.loaded else "")


class FrontSnapshot(BaseModel):
    """One source's mapped front area on one date.

    `basis` says whether the area is claimed (drawn by a partisan mapper) or assessed (by an
    analytic source); the map hatches claimed areas. A `context` layer maps somewhere other
    than Kursk Oblast (occupied Ukraine) and is listed after the Kursk layers.
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, extra="ignore")

    layer: str
    date: dt.date
    side: Literal["UA", "RU"]
    label: str
    source_name: str
    source_url: str
    credit: str
    basis: Literal["claimed", "assessed"]
    context: bool = False
    license: str
    caveat: str
    origin: str
    area_km2: float = Field(ge=0)
    geometry: shapely.Geometry

    _url = field_validator("source_url")(check_web_url)


class Place(BaseModel):
    """A gazetteer entry; unverified points carry a wider precision radius."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    name: str
    name_ru: str | None = None
    country: str
    lat: float
    lon: float
    key_place: bool
    verified: bool
    precision_km: float = Field(gt=0)
    coord_source: str
    population: int | None = None


class NamedArea(BaseModel):
    """An area that claims may name when they concern no single place."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, extra="ignore")

    id: str
    name: str
    description: str
    area_km2: float
    geometry: shapely.Geometry
    anchor: shapely.Point | None = None  # where its claims' badge is drawn; set by geo.locations.with_anchors


def describe(error: ValidationError) -> str:
    """Pydantic's errors in one line: 'field.path: message; ...'."""
    parts = []
    for detail in error.errors():
        where = ".".join(str(step) for step in detail["loc"])
        parts.append(f"{where}: {detail['msg']}" if where else detail["msg"])
    return "; ".join(parts)


Model = TypeVar("Model", bound=BaseModel)


def validated(model: type[Model], raw: Any, file: str, record: str, issues: list[DataIssue]) -> Model | None:
    """The record as a model, or None with the reason added to `issues`."""
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        issues.append(DataIssue(file, record, describe(error)))
        return None


YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML was built with it (its wheels are): ten times faster, same rules."""


def read_yaml(path: Path, issues: list[DataIssue]) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    except (OSError, yaml.YAMLError) as error:
        issues.append(DataIssue(path.name, "(whole file)", f"cannot be read as YAML: {error}"))
        return None


def read_geojson(path: Path, issues: list[DataIssue]) -> list[dict[str, Any]]:
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
        return list(collection["features"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        issues.append(DataIssue(path.name, "(whole file)", f"not a GeoJSON FeatureCollection: {error}"))
        return []


def records_of(document: Any, key: str, file: str, issues: list[DataIssue]) -> list[Any]:
    """The list under `key`, or an issue saying why there is none."""
    if not isinstance(document, dict) or not isinstance(document.get(key), list):
        issues.append(DataIssue(file, "(whole file)", f"expected a mapping with a list under '{key}'"))
        return []
    return document[key]


def record_name(raw: Any, index: int) -> str:
    """The record's id if it has one, else its position, so the error can be found."""
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return raw["id"]
    return f"record #{index + 1}"


def load_sources(path: Path, issues: list[DataIssue]) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for index, raw in enumerate(records_of(read_yaml(path, issues), "sources", path.name, issues)):
        name = record_name(raw, index)
        source = validated(Source, raw, path.name, name, issues)
        if source is None:
            continue
        if source.id in sources:
            issues.append(DataIssue(path.name, name, "duplicate source id; the first one is kept"))
            continue
        sources[source.id] = source
    for source in list(sources.values()):
        if source.part_of is not None and source.part_of not in sources:
            issues.append(DataIssue(path.name, source.id, f"part_of '{source.part_of}' is not a source; ignored", True))
            sources[source.id] = source.model_copy(update={"part_of": None})
    for source in list(sources.values()):
        chain = [source.id]
        while sources[chain[-1]].part_of is not None and sources[chain[-1]].part_of not in chain:
            chain.append(str(sources[chain[-1]].part_of))
        if sources[chain[-1]].part_of is not None:
            issues.append(DataIssue(path.name, source.id, f"part_of goes round in a circle: {' → '.join(chain)}", True))
    return sources


def load_alliances(path: Path, issues: list[DataIssue]) -> list[Alliance]:
    """The `alliances` list of sources.yaml: parties that fight on one side (optional)."""
    document = read_yaml(path, issues)
    if not isinstance(document, dict) or "alliances" not in document:
        return []
    alliances: list[Alliance] = []
    for index, raw in enumerate(records_of(document, "alliances", path.name, issues)):
        alliance = validated(Alliance, raw, path.name, record_name(raw, index), issues)
        if alliance is None:
            continue
        taken = [member.value for member in alliance.members for other in alliances if member in other.members]
        if taken:
            issues.append(DataIssue(path.name, alliance.id, f"already in another alliance: {taken}; ignored"))
            continue
        alliances.append(alliance)
    return alliances


def feature_name(properties: dict[str, Any], index: int) -> str:
    """A front snapshot is known by layer and date, other features by id or name."""
    if "layer" in properties and "date" in properties:
        return f"{properties['layer']} {properties['date']}"
    return str(properties.get("id") or properties.get("name") or f"feature #{index + 1}")


def feature_records(path: Path, issues: list[DataIssue]) -> list[tuple[str, dict[str, Any]]]:
    """(record name, properties with geometry) for every feature that has a geometry."""
    records = []
    for index, feature in enumerate(read_geojson(path, issues)):
        properties = dict(feature.get("properties") or {})
        name = feature_name(properties, index)
        try:
            properties["geometry"] = shapely.geometry.shape(feature["geometry"])
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            issues.append(DataIssue(path.name, name, f"missing or broken geometry: {error}"))
            continue
        if not properties["geometry"].is_valid:
            reason = shapely.is_valid_reason(properties["geometry"])
            issues.append(DataIssue(path.name, name, f"invalid geometry: {reason}"))
            continue
        records.append((name, properties))
    return records


def load_fronts(folder: Path, issues: list[DataIssue]) -> list[FrontSnapshot]:
    fronts = []
    for path in sorted(folder.glob("*.geojson")):
        for name, properties in feature_records(path, issues):
            snapshot = validated(FrontSnapshot, properties, path.name, name, issues)
            if snapshot is not None:
                fronts.append(snapshot)
    return sorted(fronts, key=lambda snapshot: (snapshot.layer, snapshot.date))


def load_places(path: Path, issues: list[DataIssue]) -> dict[str, Place]:
    places: dict[str, Place] = {}
    for name, properties in feature_records(path, issues):
        point = properties.pop("geometry")
        try:
            place = Place.model_validate({**properties, "lat": point.y, "lon": point.x})
        except (ValidationError, AttributeError) as error:
            reason = describe(error) if isinstance(error, ValidationError) else "not a point"
            issues.append(DataIssue(path.name, name, reason))
            continue
        places.setdefault(place.name, place)
    return places


def load_areas(path: Path, issues: list[DataIssue]) -> dict[str, NamedArea]:
    areas: dict[str, NamedArea] = {}
    for name, properties in feature_records(path, issues):
        area = validated(NamedArea, properties, path.name, name, issues)
        if area is not None:
            areas[area.id] = area
    return areas


def reference_problems(
    claim: Claim, sources: dict[str, Source], places: dict[str, Place], areas: dict[str, NamedArea]
) -> list[str]:
    """What a claim names that the registry, gazetteer or area list does not hold."""
    problems = []
    if claim.claimant not in sources:
        problems.append(f"claimant '{claim.claimant}' is not in sources.yaml")
    if claim.origin is not None and claim.origin not in sources:
        problems.append(f"origin '{claim.origin}' is not in sources.yaml")
    for report in claim.reports:
        if report.outlet not in sources:
            problems.append(f"outlet '{report.outlet}' is not in sources.yaml")
    if claim.location.place is not None and claim.location.place not in places:
        problems.append(f"place '{claim.location.place}' is not in the gazetteer")
    if claim.location.area is not None and claim.location.area not in areas:
        problems.append(f"area '{claim.location.area}' is not a known area ({', '.join(sorted(areas))})")
    return problems


def case_info(document: Any, file: str, issues: list[DataIssue]) -> CaseInfo | None:
    """The file's header (case id, title, key date); problems are reported, claims still load."""
    if not isinstance(document, dict):
        return None
    header = {key: value for key, value in document.items() if key != "claims"}
    return validated(CaseInfo, header, file, "(file header)", issues)


def load_claims(
    folder: Path,
    sources: dict[str, Source],
    places: dict[str, Place],
    areas: dict[str, NamedArea],
    issues: list[DataIssue],
) -> tuple[list[Claim], list[CaseInfo], dict[str, str]]:
    """The valid claims, the files' case headers, and which file each claim came from."""
    claims: dict[str, Claim] = {}
    files: dict[str, str] = {}
    numbered: dict[int, str] = {}
    cases: list[CaseInfo] = []
    for path in sorted(folder.glob("*.yaml")):
        document = read_yaml(path, issues)
        case = case_info(document, path.name, issues)
        if case is not None:
            cases.append(case)
        for index, raw in enumerate(records_of(document, "claims", path.name, issues)):
            name = record_name(raw, index)
            claim = validated(Claim, raw, path.name, name, issues)
            if claim is None:
                continue
            problems = reference_problems(claim, sources, places, areas)
            if claim.id in claims:
                problems.append(f"duplicate claim id (also in {files[claim.id]}); the first one is kept")
            elif claim.number is not None and claim.number in numbered:
                problems.append(f"number: {claim.number} is already the number of {numbered[claim.number]}")
            if problems:
                issues.append(DataIssue(path.name, name, "; ".join(problems)))
                continue
            claims[claim.id] = claim
            files[claim.id] = path.name
            if claim.number is not None:
                numbered[claim.number] = claim.id
    for claim in claims.values():
        unknown = [other for other in claim.same_as + claim.supports + claim.contradicts if other not in claims]
        if unknown:
            issues.append(
                DataIssue(files[claim.id], claim.id, f"links to unknown claims {unknown}; the links are ignored", True)
            )
    return list(claims.values()), cases, files
