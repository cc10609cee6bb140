/*
 * The base layer: the bundled vector basemap, which opens offline, or OpenStreetMap's tiles, offered in the
 * layer control. Tiles are asked for only once chosen: one tile is fetched first, and the tile layer goes on the
 * map only once it has loaded; if it cannot, the map says so and keeps the bundled basemap. A page with no
 * network thus asks for nothing outside the app, the exported page included.
 */

import { el } from "kcm/map_dom.js";
import { t } from "kcm/map_words.js";

const TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const TILES_CREDIT = "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors";
const MAX_TILE_ZOOM = 19;
const NOTE_MS = 8000;

/** The URL of the tile under the map's centre, at its zoom. */
function centreTile(map) {
  const zoom = Math.round(map.getZoom());
  const point = map.project(map.getCenter(), zoom).divideBy(256).floor();
  return L.Util.template(TILES, { z: zoom, x: point.x, y: point.y });
}

/** Resolves once one tile has loaded, rejects if it cannot be. */
function probe(url) {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = resolve;
    image.onerror = reject;
    image.src = url;
  });
}

/** A short note at the foot of the map, gone after a few seconds. */
function say(map, text) {
  const note = L.control({ position: "bottomleft" });
  note.onAdd = () => el("div", "kcm-tiles-note", text);
  note.addTo(map);
  setTimeout(() => note.remove(), NOTE_MS);
}

/**
 * @param {L.Map} map
 * @param {{basemap?: L.FeatureGroup, tiles?: L.FeatureGroup}} groups the layer control's two base layers
 */
export function offerTiles(map, groups) {
  const { basemap, tiles } = groups;
  if (!basemap || !tiles) return;
  let layer = null;
  tiles.on("add", () => {
    if (layer) return;
    probe(centreTile(map)).then(() => {
      layer = L.tileLayer(TILES, { attribution: TILES_CREDIT, maxZoom: MAX_TILE_ZOOM });
      tiles.addLayer(layer);
    }, () => {
      map.removeLayer(tiles);
      map.addLayer(basemap);
      say(map, t("Map tiles could not be loaded (no connection?): the bundled basemap is shown."));
    });
  });
}
