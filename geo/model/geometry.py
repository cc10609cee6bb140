"""Geometry measured in the right CRS: areas in an equal-area projection, buffers in metres."""

from __future__ import annotations

from typing import TypeVar

import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

EQUAL_AREA_CRS = "EPSG:6933"
METRIC_CRS = "EPSG:32636"  # UTM 36N covers Kursk Oblast (30–36°E edge); fine for buffers

_to_equal_area = Transformer.from_crs("EPSG:4326", EQUAL_AREA_CRS, always_xy=True)

Shape = TypeVar("Shape", bound=BaseGeometry)


def transform(transformer: Transformer, geometry: Shape) -> Shape:
    """Reproject a geometry with pyproj, vectorised over all its coordinates; a point stays a point."""

    def reproject(coordinates: NDArray[np.float64]) -> NDArray[np.float64]:
        x, y = transformer.transform(coordinates[:, 0], coordinates[:, 1])
        return np.column_stack((x, y))

    return shapely.transform(geometry, reproject)


def area_km2(geometry: BaseGeometry) -> float:
    """Area in km²; Web Mercator would overstate it about 2.5× at 51°N."""
    return round(transform(_to_equal_area, geometry).area / 1e6, 1)
