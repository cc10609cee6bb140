"""Load a bundle's documents (geo.reading.bundle) into validated objects, collecting every problem instead
of stopping at one.

Each record is validated on its own: a bad claim becomes a DataIssue naming the file,
the record and the reason, and the valid rest still loads.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import shapely
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from shapely.geometry.base import BaseGeometry

from geo.language.phrase import Phrase
from geo.model.issues import DataIssue, quoted
from geo.model.records import Alliance, Case, CaseInfo, Claim, IsoDate, Source, check_web_url
from geo.reading.bundle import Bundle, file_name
from geo.reading.features import LINES, POINTS, POLYGONS, LayerRules, key_by, read_layer

if TYPE_CHECKING:
    from geo.reading.numbers import ClaimNumbers


class FrontSnapshot(BaseModel):
    """One source's mapped front area on one date.

    `basis` says whether the area is claimed (drawn by a partisan mapper) or assessed (by an
    analytic source); the map hatches claimed areas. A `context` layer maps somewhere other
    than Kursk Oblast (occupied Ukraine) and is listed after the Kursk layers.
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, extra="ignore")

    layer: str
    date: IsoDate
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
    geometry: BaseGeometry
    clipped_by: str | None = None  # what cut an imported snapshot to the case's region (geo.reading.front_import)

    _url = field_validator("source_url")(check_web_url)


class Place(BaseModel):
    """A gazetteer entry; unverified points carry a wider precision radius."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    name: str
    name_ru: str | None = None
    name_uk: str | None = None  # the Ukrainian name, as Ukrainian references write it; None: none was sourced
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
    geometry: BaseGeometry
    anchor: shapely.Point | None = None  # where its claims' badge is drawn; set by geo.model.locations.with_anchors


def describe(error: ValidationError) -> str:
    """Pydantic's errors in one line: 'field.path: message (got 'value'); ...', the value quoted as plain text."""
    parts = []
    for detail in error.errors(include_url=False):
        where = ".".join(str(step) for step in detail["loc"])
        given = detail.get("input")
        shown = "" if detail["type"] == "missing" or isinstance(given, dict) else f" (got {quoted(given)})"
        parts.append(f"{where}: {detail['msg']}{shown}" if where else f"{detail['msg']}{shown}")
    return "; ".join(parts)


Model = TypeVar("Model", bound=BaseModel)


def validated(model: type[Model], raw: Any, file: str, record: str, issues: list[DataIssue]) -> Model | None:
    """The record as a model, or None with the reason added to `issues`."""
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        issues.append(DataIssue(file, record, describe(error)))
        return None


CASE_FILE = "case.yaml"
SOURCES_FILE = "sources.yaml"
PLACES_FILE = "places/settlements.geojson"
AREAS_FILE = "areas.geojson"
REGIONS_FILE = "basemap/regions.geojson"
BORDER_FILE = "basemap/border_ru_ua.geojson"


def load_case(bundle: Bundle, issues: list[DataIssue]) -> Case | None:
    """Where and when the case happens; without it nothing can be checked against a region or a period."""
    if CASE_FILE not in bundle:
        issues.append(
            DataIssue(CASE_FILE, "(whole file)", "is missing: coordinates and dates are not checked against the case")
        )
        return None
    return validated(Case, document_of(bundle, CASE_FILE, issues), CASE_FILE, "(case)", issues)


def document_of(bundle: Bundle, name: str, issues: list[DataIssue]) -> Any:
    """The file's document, or None with the reason the whole file was refused (geo.reading.reader)."""
    refusal = bundle.refusal(name)
    if refusal is not None:
        issues.append(DataIssue(file_name(name), "(whole file)", refusal))
        return None
    return bundle.documents[name]


def records_of(document: Any, key: str, file: str, issues: list[DataIssue]) -> list[Any]:
    """The list under `key`, or an issue saying why there is none."""
    if not isinstance(document, dict) or not isinstance(document.get(key), list):
        issues.append(DataIssue(file, "(whole file)", f"expected a mapping with a list under '{key}'"))
        return []
    records: list[Any] = document[key]
    return records


def record_name(raw: Any, index: int) -> str:
    """The record's id if it has one, else its position, so the error can be found."""
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        given: str = raw["id"]
        return given
    return f"record #{index + 1}"


def load_sources(bundle: Bundle, issues: list[DataIssue]) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    file = SOURCES_FILE
    for index, raw in enumerate(records_of(document_of(bundle, file, issues), "sources", file, issues)):
        name = record_name(raw, index)
        source = validated(Source, raw, file, name, issues)
        if source is None:
            continue
        if source.id in sources:
            issues.append(DataIssue(file, name, "duplicate source id; the first one is kept"))
            continue
        sources[source.id] = source
    for source in list(sources.values()):
        if source.part_of is not None and source.part_of not in sources:
            issues.append(DataIssue(file, source.id, f"part_of '{source.part_of}' is not a source; ignored", True))
            sources[source.id] = source.model_copy(update={"part_of": None})
    for source in list(sources.values()):
        chain = [source.id]
        while sources[chain[-1]].part_of is not None and sources[chain[-1]].part_of not in chain:
            chain.append(str(sources[chain[-1]].part_of))
        if sources[chain[-1]].part_of is not None:
            issues.append(DataIssue(file, source.id, f"part_of goes round in a circle: {' → '.join(chain)}", True))
    return sources


def load_alliances(bundle: Bundle, issues: list[DataIssue]) -> list[Alliance]:
    """The `alliances` list of sources.yaml: parties that fight on one side (optional)."""
    document = document_of(bundle, SOURCES_FILE, issues)
    if not isinstance(document, dict) or "alliances" not in document:
        return []
    alliances: list[Alliance] = []
    for index, raw in enumerate(records_of(document, "alliances", SOURCES_FILE, issues)):
        alliance = validated(Alliance, raw, SOURCES_FILE, record_name(raw, index), issues)
        if alliance is None:
            continue
        taken = [member.value for member in alliance.members for other in alliances if member in other.members]
        if taken:
            issues.append(DataIssue(SOURCES_FILE, alliance.id, f"already in another alliance: {taken}; ignored"))
            continue
        alliances.append(alliance)
    return alliances


REGION_RULES = LayerRules(POLYGONS, key_by("name"), placement="touches")
BORDER_RULES = LayerRules(LINES, key_by("name"), placement="touches")
FRONT_RULES = LayerRules(POLYGONS, key_by("layer", "date"))
PLACE_RULES = LayerRules(POINTS, key_by("name"))
AREA_RULES = LayerRules(POLYGONS, key_by("id"))


def layer_records(
    bundle: Bundle, name: str, rules: LayerRules, case: Case | None, issues: list[DataIssue]
) -> list[tuple[str, dict[str, Any]]]:
    """A GeoJSON layer's features that pass (geo.reading.features), or none when the file was refused."""
    refusal = bundle.refusal(name)
    if refusal is not None:
        issues.append(DataIssue(file_name(name), "(whole file)", refusal))
        return []
    return read_layer(file_name(name), bundle.documents[name], rules, case, issues)


def load_fronts(bundle: Bundle, case: Case | None, issues: list[DataIssue]) -> list[FrontSnapshot]:
    """Every valid snapshot; one dated after the case's period or in the future is refused, so it can
    neither stretch the date slider nor become a layer's latest snapshot."""
    fronts = []
    for layer in bundle.in_folder("fronts", ".geojson"):
        file = file_name(layer)
        for name, properties in layer_records(bundle, layer, FRONT_RULES, case, issues):
            snapshot = validated(FrontSnapshot, properties, file, name, issues)
            if snapshot is None:
                continue
            late = date_problem(snapshot.date, case)
            if late:
                issues.append(DataIssue(file, name, f"date: {late}"))
                continue
            fronts.append(snapshot)
    return sorted(fronts, key=lambda snapshot: (snapshot.layer, snapshot.date))


def date_problem(day: dt.date, case: Case | None, today: dt.date | None = None) -> str | None:
    """Why a date cannot be right: in the future, or after the case's period."""
    phrase = date_phrase(day, case, today)
    return phrase.english if phrase is not None else None


def date_phrase(day: dt.date, case: Case | None, today: dt.date | None = None) -> Phrase | None:
    """`date_problem` kept as a phrase, for a form that says it in its reader's language."""
    today = today or dt.date.today()
    if day > today:
        return Phrase.gettext("{day} is in the future", day=day.isoformat())
    if case is not None and day > case.period.end:
        return Phrase.gettext(
            "{day} is after the case's period ({start} – {end})",
            day=day.isoformat(),
            start=case.period.start.isoformat(),
            end=case.period.end.isoformat(),
        )
    return None


def load_places(bundle: Bundle, case: Case | None, issues: list[DataIssue]) -> dict[str, Place]:
    places: dict[str, Place] = {}
    file = file_name(PLACES_FILE)
    for name, properties in layer_records(bundle, PLACES_FILE, PLACE_RULES, case, issues):
        point = properties.pop("geometry")
        place = validated(Place, {**properties, "lat": point.y, "lon": point.x}, file, name, issues)
        if place is not None:
            places[place.name] = place
    return places


def load_areas(bundle: Bundle, case: Case | None, issues: list[DataIssue]) -> dict[str, NamedArea]:
    areas: dict[str, NamedArea] = {}
    for name, properties in layer_records(bundle, AREAS_FILE, AREA_RULES, case, issues):
        area = validated(NamedArea, properties, AREAS_FILE, name, issues)
        if area is not None:
            areas[area.id] = area
    return areas


class BasemapProperties(BaseModel):
    """What the map needs of a basemap feature; other properties travel along untouched."""

    model_config = ConfigDict(extra="allow")

    name: str = Field(min_length=1, max_length=200)
    attribution: str = Field(min_length=1, max_length=300)


class RegionProperties(BasemapProperties):
    role: Literal["focus", "neighbour"]
    label_lat: float = Field(ge=-90, le=90)
    label_lon: float = Field(ge=-180, le=180)


def feature_collection(
    bundle: Bundle,
    name: str,
    rules: LayerRules,
    properties_model: type[BasemapProperties],
    case: Case | None,
    issues: list[DataIssue],
) -> dict[str, Any]:
    """A basemap layer, checked like every other layer, as the GeoJSON the map draws."""
    features = []
    for feature, properties in layer_records(bundle, name, rules, case, issues):
        geometry = properties.pop("geometry")
        checked = validated(properties_model, properties, file_name(name), feature, issues)
        if checked is not None:
            features.append(
                {"type": "Feature", "properties": checked.model_dump(), "geometry": shapely.geometry.mapping(geometry)}
            )
    return {"type": "FeatureCollection", "features": features}


def load_regions(bundle: Bundle, case: Case | None, issues: list[DataIssue]) -> tuple[dict[str, Any], list[str]]:
    """The region basemap and, when it cannot serve, why: the map needs the case's region to stand on.

    A layer that reads cleanly but holds no focus region (`features: []`, say) is refused like a missing
    file, with an issue of its own, so `geo.reading.validate` fails and the store will not import it."""
    known = len(issues)
    regions = feature_collection(bundle, REGIONS_FILE, REGION_RULES, RegionProperties, case, issues)
    focus = [feature for feature in regions["features"] if feature["properties"]["role"] == "focus"]
    if focus:
        return regions, []
    if len(issues) == known:  # nothing refused on the way: the file itself lacks what the map needs
        problem = (
            "features: no feature has role 'focus' (Kursk Oblast); the map has no region to stand on"
            if regions["features"]
            else "features: the list is empty; the map needs the region with role 'focus' (Kursk Oblast)"
        )
        issues.append(DataIssue(file_name(REGIONS_FILE), "(whole layer)", problem))
    reason = "has no usable region with role 'focus' (Kursk Oblast)" if regions["features"] else "has no usable region"
    return regions, [f"{REGIONS_FILE} {reason}; see the data-health note for each refused feature"]


def load_border(bundle: Bundle, case: Case | None, issues: list[DataIssue]) -> dict[str, Any]:
    border = feature_collection(bundle, BORDER_FILE, BORDER_RULES, BasemapProperties, case, issues)
    if not border["features"]:
        problem = "has no usable feature; the border is not drawn"
        issues.append(DataIssue(file_name(BORDER_FILE), "(whole layer)", problem, True))
    return border


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


def bounds_problems(claim: Claim, case: Case | None) -> list[str]:
    """Report dates that cannot be right, and a point outside the case's region (unless marked so)."""
    return [f"{field}: {phrase.english}" for field, phrase in bounds_phrases(claim, case)]


def bounds_phrases(claim: Claim, case: Case | None) -> list[tuple[str, Phrase]]:
    """`bounds_problems` as (the field, the problem kept as a phrase), for a form in its reader's language."""
    problems = [
        (f"reports.{index}.date", problem)
        for index, report in enumerate(claim.reports)
        if (problem := date_phrase(report.date, case))
    ]
    point = claim.location.point
    if case is not None and point is not None and not claim.location.beyond_region:
        region = case.region
        if not region.holds(point.lat, point.lon):
            where = {"lat": str(point.lat), "lon": str(point.lon)}
            outside = (
                Phrase.gettext(
                    "{lat}, {lon} lies outside the case's region (with lat and lon swapped it would be: check their "
                    "order); mark it beyond_region: true if it is meant to",
                    **where,
                )
                if region.holds(point.lon, point.lat)
                else Phrase.gettext(
                    "{lat}, {lon} lies outside the case's region; mark it beyond_region: true if it is meant to",
                    **where,
                )
            )
            problems.append(("location.point", outside))
    return problems


def support_cycles(claims: dict[str, Claim]) -> list[list[str]]:
    """Chains of `supports` that come back to where they started (a → b → a): each is reported once."""
    cycles, done = [], set()
    for start in sorted(claims):
        stack = [(start, [start])]
        while stack:
            current, path = stack.pop()
            for other in claims[current].supports:
                if other == start and len(path) > 1 and min(path) == start:
                    cycles.append([*path, start])
                elif other in claims and other not in path and other not in done and len(path) < 8:
                    stack.append((other, [*path, other]))
        done.add(start)
    return cycles


def load_claims(
    bundle: Bundle,
    sources: dict[str, Source],
    places: dict[str, Place],
    areas: dict[str, NamedArea],
    issues: list[DataIssue],
    *,
    case: Case | None = None,
    numbers: ClaimNumbers | None = None,
) -> tuple[list[Claim], list[CaseInfo], dict[str, str]]:
    """The valid claims, the files' case headers, and which file each claim came from. A claim holding
    another claim's number, or a retired one (`numbers`, geo.reading.numbers), is refused."""
    claims: dict[str, Claim] = {}
    files: dict[str, str] = {}
    numbered: dict[int, str] = {}
    cases: list[CaseInfo] = []
    for claims_file in bundle.in_folder("claims", ".yaml"):
        file = file_name(claims_file)
        document = document_of(bundle, claims_file, issues)
        header = case_info(document, file, issues)
        if header is not None:
            cases.append(header)
        for index, raw in enumerate(records_of(document, "claims", file, issues)):
            name = record_name(raw, index)
            claim = validated(Claim, raw, file, name, issues)
            if claim is None:
                continue
            problems = reference_problems(claim, sources, places, areas) + bounds_problems(claim, case)
            if claim.id in claims:
                problems.append(f"duplicate claim id (also in {files[claim.id]}); the first one is kept")
            elif claim.number is not None and claim.number in numbered:
                problems.append(f"number: {claim.number} is already the number of {numbered[claim.number]}")
            elif numbers is not None and (retired := numbers.problem(claim)):
                problems.append(retired)
            if problems:
                issues.append(DataIssue(file, name, "; ".join(problems)))
                continue
            claims[claim.id] = claim
            files[claim.id] = file
            if claim.number is not None:
                numbered[claim.number] = claim.id
    for claim in claims.values():
        unknown = [other for other in claim.same_as + claim.supports + claim.contradicts if other not in claims]
        if unknown:
            issues.append(
                DataIssue(files[claim.id], claim.id, f"links to unknown claims {unknown}; the links are ignored", True)
            )
    for cycle in support_cycles(claims):
        issues.append(
            DataIssue(
                files[cycle[0]],
                cycle[0],
                f"supports: the links go round in a circle ({' → '.join(cycle)}); agreement counts once either way, "
                "so link one way or use same_as",
                True,
            )
        )
    return list(claims.values()), cases, files
