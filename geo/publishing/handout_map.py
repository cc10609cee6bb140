"""The map of a printed handout, drawn on the server from the same geometry as the web map, offline.

Matplotlib draws the bundled basemap (regions and the border), each front layer's latest snapshot on or
before the date (coloured by side as the web map colours it, geo.model.map_style; a partisan mapper's
claimed area hatched), the places, and the claims to show as numbered markers (#N, the number on the page)
coloured by confidence, an area claim as its outline. The picture is a JPEG at print resolution; the handout
prints every word beside it as text.

A view is the web map's (centre and Leaflet zoom): at zoom z one degree of longitude is 256·2^z/360 pixels,
and a printed millimetre shows what PX_PER_MM screen pixels do, so a step's zoom means what it means on screen.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import shapely
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse, PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.patheffects import withStroke
from shapely.geometry.base import BaseGeometry

from geo.grading.rule import Grade
from geo.model.locations import resolve
from geo.model.map_style import FRONT_STYLES, LEVEL_COLOURS
from geo.model.records import Claim
from geo.reading.dataset import Dataset
from geo.reading.loading import FrontSnapshot
from geo.time.timeline import latest_snapshots

PX_PER_MM = 960 / 186  # a page-wide printed map shows what a 960-pixel-wide screen map does
DPI = 200
JPEG_QUALITY = 90  # no visible artefacts around the labels at 200 dpi
FONT = "DejaVu Sans"  # bundled with matplotlib; carries Cyrillic
UNGRADED_COLOUR = "#777777"
GROUP_COLOUR = "#333333"  # the web map's count badge
REGION_FILL = {"focus": "#fbf7ee", "other": "#f1f1ef"}
BORDER_COLOUR = "#333333"
KM_PER_DEGREE = 111.32
CYRILLIC_LABELS_FROM_ZOOM = 8.5  # key towns' Russian names beside their Latin ones, where there is room


@dataclass(frozen=True)
class MapFrame:
    """Where to look: a centre, a Leaflet zoom and the printed size (mm)."""

    lat: float
    lon: float
    zoom: float
    width_mm: float
    height_mm: float

    def bounds(self) -> tuple[float, float, float, float]:
        """West, south, east, north of what the frame shows."""
        degrees_per_px = 360 / (256 * 2**self.zoom)
        half_width = self.width_mm * PX_PER_MM * degrees_per_px / 2
        half_height = half_width * self.height_mm / self.width_mm * math.cos(math.radians(self.lat))
        return self.lon - half_width, self.lat - half_height, self.lon + half_width, self.lat + half_height


@dataclass(frozen=True)
class Marker:
    """A claim to draw: its number, where, and how sure (its grade's colour)."""

    number: int
    lat: float
    lon: float
    radius_km: float
    area: BaseGeometry | None
    colour: str
    strong: bool  # highlighted: drawn larger, with a dark ring
    numbered: bool = True  # False: a small dot for a claim the step neither cites nor highlights


def markers(
    claims: Iterable[Claim], grades: Mapping[str, Grade], dataset: Dataset, strong: set[str], numbered: bool = True
) -> list[Marker]:
    """Where each claim is drawn (the web map's point, radius and area) in its grade's colour."""
    found = []
    for claim in claims:
        place = resolve(claim.location, dataset.places, dataset.areas)
        grade = grades.get(claim.id)
        colour = LEVEL_COLOURS[grade.confidence] if grade is not None else UNGRADED_COLOUR
        found.append(
            Marker(
                number=dataset.numbers[claim.id],
                lat=place.lat,
                lon=place.lon,
                radius_km=place.radius_km,
                area=place.area,
                colour=colour,
                strong=claim.id in strong,
                numbered=numbered,
            )
        )
    return found


def fitting(frame: MapFrame, drawn: Iterable[Marker], least_zoom: float = 6) -> MapFrame:
    """The frame zoomed out, half a level at a time, until every given marker is inside it, as the web map
    fits a step's highlighted claims."""
    points = [(marker.lon, marker.lat) for marker in drawn]
    while frame.zoom > least_zoom:
        west, south, east, north = frame.bounds()
        inset_x, inset_y = (east - west) * 0.04, (north - south) * 0.06
        if all(
            west + inset_x < lon < east - inset_x and south + inset_y < lat < north - inset_y for lon, lat in points
        ):
            break
        frame = dataclasses.replace(frame, zoom=frame.zoom - 0.5)
    return frame


def shape_path(geometry: shapely.Geometry) -> MplPath | None:
    """Polygons (with holes) as one matplotlib path; None for anything without area."""
    polygons = [part for part in getattr(geometry, "geoms", [geometry]) if isinstance(part, shapely.Polygon)]
    vertices: list[Sequence[float]] = []
    codes: list[Any] = []  # matplotlib's path codes are numpy bytes
    for polygon in polygons:
        for ring in [polygon.exterior, *polygon.interiors]:
            points = list(ring.coords)
            vertices += points
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(points) - 2) + [MplPath.CLOSEPOLY]
    return MplPath(vertices, codes) if vertices else None


def draw_shape(axes: Axes, geometry: shapely.Geometry, **style: Any) -> None:
    """Only the part inside the frame, added without updating the data limits (the frame sets them)."""
    west, south, east, north = axes.get_xlim()[0], axes.get_ylim()[0], axes.get_xlim()[1], axes.get_ylim()[1]
    path = shape_path(shapely.clip_by_rect(geometry, west, south, east, north))
    if path is not None:
        axes.add_artist(PathPatch(path, **style))


def draw_lines(axes: Axes, geometry: BaseGeometry, **style: Any) -> None:
    for part in getattr(geometry, "geoms", [geometry]):
        if isinstance(part, shapely.LineString):
            xs, ys = part.xy
            axes.plot(xs, ys, **style)


def dashes(pattern: str | None) -> tuple[int, tuple[float, ...]] | str:
    return (0, tuple(float(value) / 2 for value in pattern.split())) if pattern else "solid"


def draw_front(axes: Axes, snapshot: FrontSnapshot) -> None:
    """Filled by side, outlined (dashed for the Russian side) and hatched when a partisan mapper claims it."""
    style = FRONT_STYLES[snapshot.side]
    fill_opacity = style["fillOpacity"]
    weight = style["weight"]
    dash = style["dashArray"]
    assert isinstance(fill_opacity, float) and isinstance(weight, int)
    draw_shape(axes, snapshot.geometry, facecolor=style["fillColor"], alpha=fill_opacity, edgecolor="none", zorder=2)
    draw_shape(
        axes,
        snapshot.geometry,
        facecolor="none",
        edgecolor=style["color"],
        linewidth=weight * 0.6,
        linestyle=dashes(dash if isinstance(dash, str) else None),
        hatch="////" if snapshot.basis == "claimed" else None,
        zorder=3,
    )


def halo(text_colour: str = "#222222") -> dict[str, Any]:
    return {"color": text_colour, "path_effects": [withStroke(linewidth=2.2, foreground="white")], "family": FONT}


def draw_basemap(axes: Axes, dataset: Dataset, layers: set[str]) -> None:
    if "regions" in layers:
        for feature in dataset.regions["features"]:
            role = "focus" if feature["properties"]["role"] == "focus" else "other"
            shape = shapely.geometry.shape(feature["geometry"])
            draw_shape(axes, shape, facecolor=REGION_FILL[role], edgecolor="#9a9a9a", linewidth=0.6, zorder=1)
    if "border" in layers:
        for feature in dataset.border["features"]:
            draw_lines(axes, shapely.geometry.shape(feature["geometry"]), color=BORDER_COLOUR, linewidth=1.1, zorder=4)


def draw_places(axes: Axes, dataset: Dataset, frame: MapFrame, bounds: tuple[float, float, float, float]) -> None:
    west, south, east, north = bounds
    for place in dataset.places.values():
        if not (place.key_place or frame.zoom >= 10) or not (west < place.lon < east and south < place.lat < north):
            continue
        axes.plot(place.lon, place.lat, "o", color="#222222", markersize=2.2 if place.key_place else 1.5, zorder=6)
        both = place.key_place and place.name_ru and frame.zoom >= CYRILLIC_LABELS_FROM_ZOOM
        label = f"{place.name} ({place.name_ru})" if both else place.name
        axes.annotate(
            label if place.verified else f"{label} (approx.)",
            (place.lon, place.lat),
            xytext=(3, 2),
            textcoords="offset points",
            fontsize=6.5 if place.key_place else 5.5,
            zorder=7,
            clip_on=True,
            **halo(),
        )


def draw_extent(axes: Axes, marker: Marker, cos_lat: float) -> None:
    """An area claim's outline, or the dashed ring of how approximate its place is, as the web map draws them."""
    if marker.area is not None:
        outline = {"facecolor": "none", "edgecolor": marker.colour, "linewidth": 1.4, "linestyle": "--"}
        draw_shape(axes, marker.area, zorder=8, **outline)
    elif marker.radius_km > 1:
        radius = marker.radius_km / KM_PER_DEGREE
        ring = Ellipse((marker.lon, marker.lat), 2 * radius / cos_lat, 2 * radius, zorder=8)
        ring.set(facecolor="none", edgecolor=marker.colour, linestyle="--", linewidth=0.8)
        axes.add_artist(ring)


def draw_badge(axes: Axes, lon: float, lat: float, colour: str, strong: bool, label: str) -> None:
    size = 11 if strong else 8
    edge = "#111111" if strong else "white"
    axes.plot(lon, lat, "o", markersize=size, markerfacecolor=colour, markeredgecolor=edge, zorder=9 + strong)
    font = 6 if len(label) < 3 else 5
    axes.annotate(label, (lon, lat), ha="center", va="center", fontsize=font, fontweight="bold", color="white",
                  family=FONT, zorder=10 + strong)  # fmt: skip


def draw_markers(axes: Axes, drawn: list[Marker], cos_lat: float) -> None:
    """Dots for the claims shown; a numbered marker for each claim to point at. Claims at one point (an area's
    badge point) share one dark badge with their count, their numbers written beside it."""
    groups: dict[tuple[float, float], list[Marker]] = {}
    for marker in drawn:
        if not marker.numbered:
            axes.plot(marker.lon, marker.lat, "o", markersize=3.5, color=marker.colour, alpha=0.7, zorder=8)
            continue
        draw_extent(axes, marker, cos_lat)
        groups.setdefault((round(marker.lon, 3), round(marker.lat, 3)), []).append(marker)
    for (lon, lat), group in groups.items():
        strong = any(marker.strong for marker in group)
        if len(group) == 1:
            draw_badge(axes, lon, lat, group[0].colour, strong, str(group[0].number))
            continue
        draw_badge(axes, lon, lat, GROUP_COLOUR, strong, str(len(group)))
        numbers = ", ".join(f"#{marker.number}" for marker in sorted(group, key=lambda marker: marker.number))
        axes.annotate(numbers, (lon, lat), xytext=(8, -2), textcoords="offset points", fontsize=6.5,
                      fontweight="bold", zorder=11, **halo())  # fmt: skip


def map_image(
    frame: MapFrame,
    dataset: Dataset,
    on: dt.date,
    layers: Iterable[str],
    drawn: list[Marker],
    caption: str = "",
) -> bytes:
    """The map as a JPEG the handout places at frame.width_mm × frame.height_mm. JPEG because a PDF carries it
    as it is (a PNG is decoded and compressed again), which is most of the time a page takes."""
    shown = set(layers)
    bounds = frame.bounds()
    west, south, east, north = bounds
    figure = Figure(figsize=(frame.width_mm / 25.4, frame.height_mm / 25.4), dpi=DPI)  # no pyplot: no global state
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    axes.set_aspect(1 / math.cos(math.radians(frame.lat)), adjustable="datalim")
    axes.set_axis_off()
    axes.set_facecolor("#dfe8ee")
    figure.patch.set_facecolor("#e8eef2")
    draw_basemap(axes, dataset, shown)
    for layer, snapshot in latest_snapshots(dataset.fronts, on).items():
        if layer in shown:
            draw_front(axes, snapshot)
    if "places" in shown:
        draw_places(axes, dataset, frame, bounds)
    draw_markers(axes, drawn, math.cos(math.radians(frame.lat)))
    if caption:
        axes.text(0.012, 0.975, caption, transform=axes.transAxes, ha="left", va="top", fontsize=8, zorder=12, **halo())
    buffer = io.BytesIO()
    figure.savefig(buffer, format="jpeg", dpi=DPI, pil_kwargs={"quality": JPEG_QUALITY})
    return buffer.getvalue()
