"""Geometry measured in the right CRS: areas in an equal-area projection, buffers in metres."""

from __future__ import annotations

import shapely
from pyproj import Transformer

EQUAL_AREA_CRS = "EPSG:6933"
METRIC_CRS = "EPSG:32636"  # UTM 36N covers Kursk Oblast (30–36°E edge); fine for buffers

_to_equal_area = Transformer.from_crs("EPSG:4326", EQUAL_AREA_CRS, always_xy=True)


def transform(transformer: Transformer, geometry: shapely.Geometry) -> shapely.Geometry:
    """Reproject a geometry with pyproj, vectorised over all its coordinates."""
    return shapely.transform(geometry, lambda x, y: transformer.transform(x, y), interleaved=False)


def area_km2(geometry: shapely.Geometry) -> float:
    """Area in km²; Web Mercator would overstate it about 2.5× at 51°N."""
    return round(transform(_to_equal_area, geometry).area / 1e6, 1)
