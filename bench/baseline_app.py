"""Benchmark baseline: the common design that sends the chosen date's front with the map.

Same data, same vendored assets, same slider and the same claim cards beside the map; the
front for the date travels through st_folium's `feature_group_to_add`, so every step
re-sends the whole map element.
"""

import folium
import shapely
import streamlit as st
from streamlit_folium import st_folium

from components.map.assets import use_vendored_assets
from components.panel import cards as panel
from geo.model.claim_text import day
from geo.publishing.public_dataset import load_for_page
from geo.reading.source import data_source, graded_source
from geo.time.timeline import latest_snapshots, visible_claims

source = data_source()
data = load_for_page(source)
options = sorted({snapshot.date for snapshot in data.fronts})  # every step changes a front, so the map redraws
chosen = st.select_slider("Date", options=options, value=options[len(options) // 2], format_func=day)
map_column, panel_column = st.columns([0.66, 0.34])
with panel_column:
    shown = visible_claims(data.claims, chosen)
    context = panel.PanelContext(data, graded_source(source), shown, {claim.id for claim in shown})
    panel.claims_list(shown, context, len(shown), None, (chosen,))
use_vendored_assets()
base = folium.Map(location=(51.35, 35.55), zoom_start=8, tiles=None)
folium.GeoJson(data.regions, name="regions").add_to(base)
fronts = folium.FeatureGroup(name="fronts")
for snapshot in latest_snapshots(data.fronts, chosen).values():
    folium.GeoJson(shapely.geometry.mapping(snapshot.geometry)).add_to(fronts)
with map_column:
    st_folium(base, key="map", feature_group_to_add=fronts, returned_objects=[], height=700)
