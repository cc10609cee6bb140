"""How the map colours and credits what it draws, declared once for the web map and every printed map.

Front areas are coloured by the side that holds them; claims by their confidence level, in the Okabe–Ito
palette, which stays distinguishable with the common colour-vision deficiencies.
"""

from __future__ import annotations

from geo.language.words import N_
from geo.model.confidence import ConfidenceLevel

FRONT_STYLES = {  # claimed areas (a partisan mapper's) are hatched, assessed ones filled
    "UA": {"color": "#0b4f8a", "fillColor": "#56B4E9", "fillOpacity": 0.35, "weight": 2, "dashArray": None},
    "RU": {"color": "#7a1f4c", "fillColor": "#CC79A7", "fillOpacity": 0.35, "weight": 2, "dashArray": "6 4"},
}
LEVEL_COLOURS = {
    ConfidenceLevel.HIGH: "#009E73",
    ConfidenceLevel.MODERATE: "#E69F00",
    ConfidenceLevel.LOW: "#D55E00",
}
PLACES_CREDIT = N_("Places: GeoNames (CC BY 4.0), Wikipedia")
"""The gazetteer's credit: its data names each point's source (coord_source) but no licence."""
