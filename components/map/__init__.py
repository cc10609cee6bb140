"""The map and its bridge: the payload the browser draws, the folium frame, and the view carried back."""
