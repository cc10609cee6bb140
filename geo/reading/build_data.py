"""Rebuild the bundled geodata in data/ from the shared source extracts.

The app never reads the source extracts at run time: this script copies what the map
needs into data/, keeps every attribution as feature properties, computes areas in an
equal-area CRS and derives the named claim areas, so a rebuild is one command:

    python -m geo.reading.build_data --source <folder of source extracts> --out data

The settlement extract is read-only and partly hand-placed; the corrections and additions the project has
sourced since (sources/places.yaml, each with its evidence) are applied on top of it here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any, Literal, TypedDict

import geopandas as gpd
import pandas as pd
import shapely
import yaml
from shapely.geometry.base import BaseGeometry

from geo.model.geometry import METRIC_CRS, area_km2
from geo.paths import SOURCES_DIR

COORD_GRID_DEG = 1e-4  # ~10 m: enough for front polygons drawn at oblast scale


class FrontLayer(TypedDict):
    """How one front extract is read and credited: what geo.reading.loading.FrontSnapshot holds besides its shape."""

    file: str
    side: Literal["UA", "RU"]
    label: str
    source_name: str
    source_url: str
    credit: str
    basis: Literal["claimed", "assessed"]
    context: bool
    license: str
    caveat: str


FRONT_LAYERS: dict[str, FrontLayer] = {
    "ua-held-mapsite": {
        "file": "front/mapsite_ua_held_in_russia.geojson",
        "side": "UA",
        "label": "Ukrainian-held area in Russia",
        "source_name": "mini-krowka/mapsite control zones (pro-Russian map), clipped to the Russian side of the border",
        "source_url": "https://github.com/mini-krowka/mapsite",
        "credit": "Ukrainian-held area: mini-krowka/mapsite (pro-Russian), derived",
        "basis": "claimed",
        "context": False,
        "license": "No licence stated upstream; attribution given; derived data",
        "caveat": "Pro-Russian map compiled from Telegram geolocations; derived area "
        "depends on a 1:10m border line (slivers of up to ~1 km).",
    },
    "isw-russian-advances": {
        "file": "front/isw_kursk_russian_advances.geojson",
        "side": "RU",
        "label": "ISW: assessed Russian advances in Kursk",
        "source_name": "Institute for the Study of War and AEI's Critical Threats Project, "
        "Kursk layer 'kursk_russian_advances'",
        "source_url": "https://understandingwar.org/",
        "credit": "Russian advances: ISW/CTP",
        "basis": "assessed",
        "context": False,
        "license": "© ISW/CTP; non-commercial use with attribution",
        "caveat": "Areas ISW assesses Russian forces retook; not the Ukrainian-held area. "
        "Dates are the layer's change dates.",
    },
    "ru-occupied-deepstate": {
        "file": "front/deepstate_occupied_context.geojson",
        "side": "RU",
        "label": "DeepState: Russian-occupied Ukraine",
        "source_name": "DeepStateMap.live (Ukrainian OSINT map), via cyterat/deepstate-map-data",
        "source_url": "https://deepstatemap.live/",
        "credit": "Occupied Ukraine: DeepStateMap",
        "basis": "claimed",
        "context": True,
        "license": "DeepState data terms not stated (archive repository GPL-3.0); attribute DeepStateMap",
        "caveat": "Context only: Russian-occupied parts of Ukraine inside the map's extent (mainly "
        "north Kharkiv Oblast), not Kursk Oblast; monthly snapshots on the 15th, Aug 2024 – Apr 2025. "
        "Edges do not match the simplified oblast outlines exactly.",
    },
}

ATTRIBUTIONS = {  # short credit lines for the map, keyed by the start of each extract's `source`
    "geoBoundaries": "geoBoundaries (CC BY 4.0)",
    "Elastic Maps Service": "© OpenStreetMap contributors (ODbL), via Elastic Maps Service",
    "Natural Earth": "Natural Earth (public domain)",
}

VILLAGE_PRECISION_KM = 1.0  # gazetteer and Wikipedia infobox points mark a spot in the village
PLACES_SUPPLEMENT = SOURCES_DIR / "places.yaml"
GAZETTEER_SOURCES = ("GeoNames", "infobox coordinates")
"""What a verified place's coord_source must name: a gazetteer, or the infobox of the place's own article."""


def read(source: Path, relative: str) -> gpd.GeoDataFrame:
    """Read one extract, insisting on WGS84 so every later step can trust the CRS."""
    frame = gpd.read_file(source / relative)
    return frame.set_crs("EPSG:4326") if frame.crs is None else frame.to_crs("EPSG:4326")


def tidy(geometry: BaseGeometry) -> BaseGeometry:
    """Valid geometry on a ~10 m grid: fewer bytes for the browser, no invalid rings."""
    return shapely.make_valid(shapely.set_precision(shapely.make_valid(geometry), COORD_GRID_DEG))


def attribution(source_text: str) -> str:
    """The short credit line for an extract; an unknown source fails the build loudly."""
    for prefix, credit in ATTRIBUTIONS.items():
        if source_text.startswith(prefix):
            return credit
    raise ValueError(f"no attribution known for source {source_text!r}")


def write(frame: gpd.GeoDataFrame, path: Path) -> None:
    """Write GeoJSON with stable key order so rebuilds give identical files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = frame.to_json(drop_id=True, ensure_ascii=False, sort_keys=True)
    path.write_text(json.dumps(json.loads(text), ensure_ascii=False, indent=None) + "\n")


def build_basemap(source: Path, out: Path) -> gpd.GeoDataFrame:
    """Region, neighbours and border, with their sources and licences as properties."""
    oblast = read(source, "admin/kursk_oblast.geojson")
    neighbours = read(source, "admin/neighbours.geojson")
    border = read(source, "admin/border_ru_ua.geojson")
    regions = pd.concat([oblast.assign(role="focus"), neighbours.assign(role="neighbour")])
    regions = gpd.GeoDataFrame(regions, geometry="geometry", crs="EPSG:4326")
    regions["geometry"] = regions.geometry.map(tidy)
    regions["area_km2"] = regions.geometry.map(area_km2)
    regions["attribution"] = regions["source"].map(attribution)
    border["attribution"] = border["source"].map(attribution)
    label_points = regions.geometry.map(lambda g: g.representative_point())
    regions["label_lat"] = label_points.y.round(4)
    regions["label_lon"] = label_points.x.round(4)
    write(regions, out / "basemap" / "regions.geojson")
    write(border, out / "basemap" / "border_ru_ua.geojson")
    return regions


def precision_from_note(note: str, stated_km: float) -> float:
    """Widen the stated radius where the source's own note says the point is further off."""
    return max(stated_km, 10.0) if "more than 5 km off" in note else stated_km


def gazetteer_grade(coord_source: str) -> bool:
    """Whether a position comes from a gazetteer (or a settlement's own infobox), so may be marked verified."""
    return any(name in coord_source for name in GAZETTEER_SOURCES)


def apply_supplement(places: pd.DataFrame, supplement: dict[str, Any]) -> pd.DataFrame:
    """The extract with the project's sourced additions and corrections; any mismatch fails the build loudly."""
    places = places.copy()
    names = set(places["name"])
    for entry in supplement.get("correct", []):
        name = entry["name"]
        if name not in names:
            raise ValueError(f"sources/places.yaml corrects {name!r}, which the extract does not hold")
        if not entry.get("reason"):
            raise ValueError(f"sources/places.yaml corrects {name!r} without a reason")
        row = places.index[places["name"] == name][0]
        for field in ("precision_km", "coord_source", "verified"):
            if field in entry:
                places.at[row, field] = entry[field]
        if "lon" in entry or "lat" in entry:
            point = shapely.Point(entry["lon"], entry["lat"])
            places.at[row, "geometry"] = point  # type: ignore[assignment]  # pandas-stubs: a cell holds no shape
    added = []
    for entry in supplement.get("add", []):
        if entry["name"] in names:
            raise ValueError(f"sources/places.yaml adds {entry['name']!r}, which the extract holds already")
        added.append(
            {
                "name": entry["name"],
                "name_ru": entry["name_ru"],
                "country": entry["country"],
                "population": None,
                "key_place": bool(entry.get("key_place", False)),
                "verified": bool(entry["verified"]),
                "precision_km": float(entry["precision_km"]),
                "coord_source": " ".join(entry["coord_source"].split()),
                "geometry": shapely.Point(entry["lon"], entry["lat"]),
            }
        )
    if added:
        places = pd.concat([places, pd.DataFrame(added)], ignore_index=True)
    places["name_uk"] = ukrainian_names(places, supplement.get("names_uk", {}))
    places["coord_source"] = places["coord_source"].map(lambda text: " ".join(str(text).split()))
    places["precision_km"] = places["precision_km"].astype(float)
    for _, place in places.iterrows():
        if place["verified"] and not gazetteer_grade(place["coord_source"]):
            raise ValueError(f"{place['name']!r} is marked verified but its position names no gazetteer")
        if not place["verified"] and place["precision_km"] <= VILLAGE_PRECISION_KM:
            raise ValueError(f"{place['name']!r} is approximate but claims {place['precision_km']:g} km")
    return places


def ukrainian_names(places: pd.DataFrame, names: dict[str, dict[str, str]]) -> list[str | None]:
    """Each place's Ukrainian name where a source gives one (sources/places.yaml `names_uk`), else None."""
    unknown = set(names) - set(places["name"])
    if unknown:
        raise ValueError(f"sources/places.yaml names in Ukrainian places the gazetteer lacks: {sorted(unknown)}")
    if unsourced := sorted(name for name, entry in names.items() if not entry.get("source")):
        raise ValueError(f"sources/places.yaml gives Ukrainian names without a source: {unsourced}")
    return [names[name]["name_uk"] if name in names else None for name in places["name"]]


def build_settlements(source: Path, out: Path, supplement: Path = PLACES_SUPPLEMENT) -> None:
    """One gazetteer: sourced points plus hand-placed ones flagged approximate, then the project's corrections."""
    verified = read(source, "places/settlements.geojson")
    verified["verified"] = True
    verified["precision_km"] = VILLAGE_PRECISION_KM
    unverified = read(source, "places/settlements_unverified.geojson")
    unverified["verified"] = False
    unverified["key_place"] = False
    unverified["population"] = None
    unverified["precision_km"] = [
        precision_from_note(note, float(km))
        for note, km in zip(unverified["coord_source"], unverified["precision_km"], strict=True)
    ]
    columns = [
        "name",
        "name_ru",
        "country",
        "population",
        "key_place",
        "verified",
        "precision_km",
        "coord_source",
        "geometry",
    ]
    table: pd.DataFrame = pd.concat([verified[columns], unverified[columns]], ignore_index=True)
    table = apply_supplement(table, yaml.safe_load(supplement.read_text(encoding="utf-8")))
    places = gpd.GeoDataFrame(table, geometry="geometry", crs="EPSG:4326")
    places["population"] = places["population"].astype("Int64")
    write(places.sort_values("name", kind="stable"), out / "places" / "settlements.geojson")


def build_fronts(source: Path, out: Path) -> dict[str, gpd.GeoDataFrame]:
    """One feature per source and date: the union of that date's polygons, with its km²."""
    built = {}
    for layer_id, spec in FRONT_LAYERS.items():
        raw = read(source, spec["file"])
        rows = []
        for date, group in raw.groupby("date", sort=True):
            if not isinstance(date, str | dt.date):  # GDAL reads an extract's ISO dates as dates
                raise ValueError(f"{spec['file']}: the snapshot date {date!r} is not a date")
            merged = tidy(shapely.union_all(group.geometry.to_numpy()))
            rows.append(
                {
                    "layer": layer_id,
                    "date": pd.Timestamp(date).date().isoformat(),
                    "side": spec["side"],
                    "label": spec["label"],
                    "source_name": spec["source_name"],
                    "source_url": spec["source_url"],
                    "credit": spec["credit"],
                    "basis": spec["basis"],
                    "context": spec["context"],
                    "license": spec["license"],
                    "caveat": spec["caveat"],
                    "origin": "; ".join(sorted(set(group["origin"]))),
                    "area_km2": area_km2(merged),
                    "geometry": merged,
                }
            )
        frame = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
        write(frame, out / "fronts" / f"{layer_id}.geojson")
        built[layer_id] = frame
    return built


def build_areas(regions: gpd.GeoDataFrame, ua_held: gpd.GeoDataFrame, out: Path) -> None:
    """Named areas that claims can refer to when they name no single place."""
    oblast = regions.loc[regions["iso_3166_2"] == "RU-KRS"].geometry.iloc[0]
    held = ua_held.to_crs(METRIC_CRS)
    largest = held.iloc[held["area_km2"].argmax()]
    oblast_metric = gpd.GeoSeries([oblast], crs="EPSG:4326").to_crs(METRIC_CRS).iloc[0]
    union_held = shapely.union_all(held.geometry.values)
    front_zone = union_held.buffer(10_000).intersection(oblast_metric)
    areas = gpd.GeoDataFrame(
        [
            {
                "id": "kursk-oblast",
                "name": "Kursk Oblast",
                "description": "The whole oblast (geoBoundaries outline).",
                "geometry": oblast_metric,
            },
            {
                "id": "kursk-front",
                "name": "Kursk front",
                "description": "Zone of the fighting: every mapped Ukrainian-held area "
                "(Sep 2024 – May 2025) widened by 10 km, inside Kursk Oblast.",
                "geometry": front_zone,
            },
            {
                "id": "ua-held-kursk",
                "name": "Ukrainian-held salient",
                "description": f"Largest mapped Ukrainian-held area ({largest['date']}, mini-krowka/mapsite, derived).",
                "geometry": largest.geometry,
            },
        ],
        geometry="geometry",
        crs=METRIC_CRS,
    ).to_crs("EPSG:4326")
    areas["geometry"] = areas.geometry.map(lambda g: tidy(shapely.simplify(g, 0.002)))
    areas["area_km2"] = areas.geometry.map(area_km2)
    write(areas, out / "areas.geojson")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="folder of source extracts")
    parser.add_argument("--out", type=Path, default=Path("data"))
    parser.add_argument(
        "--places", type=Path, default=PLACES_SUPPLEMENT, help="sourced corrections and additions to the settlements"
    )
    args = parser.parse_args()
    regions = build_basemap(args.source, args.out)
    build_settlements(args.source, args.out, args.places)
    fronts = build_fronts(args.source, args.out)
    build_areas(regions, fronts["ua-held-mapsite"], args.out)


if __name__ == "__main__":
    main()
