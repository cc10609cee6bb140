"""What the map's layer control calls its layers, in English: folium writes these into the map once (the same
bytes in every language), and the map's words part (components.map.words_part) carries them in the reader's
language, which the map puts in their place."""

from __future__ import annotations

from geo.language.words import N_

BASE_GROUPS = {  # overlay key → name in the layer control; front layers come from the data, between these
    "regions": N_("Kursk Oblast and neighbours"),
    "border": N_("Russia–Ukraine border"),
    "places": N_("Settlements"),
}
TOP_GROUPS = {"analysis": N_("Comparison and change"), "claims": N_("Claims")}
BASE_LAYERS = {  # the choice of base layer, the first shown: static/map_tiles.js offers the tiles once chosen
    "basemap": N_("Bundled basemap (works offline)"),
    "tiles": N_("OpenStreetMap tiles (needs the internet)"),
}
LAYER_CONTROL_NAMES = [*BASE_LAYERS.values(), *BASE_GROUPS.values(), *TOP_GROUPS.values()]
