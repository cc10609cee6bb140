/* The front layers: each drawn as of the shown date, with its source credited while it is on the map. */

import { titledBox } from "kcm/map_dom.js";
import { isoText, latestOnOrBefore } from "kcm/map_dates.js";

function frontStyle(layer) {
  return Object.assign({}, layer.style, layer.hatched ? { className: "kcm-hatched-" + layer.side } : {});
}

function frontTooltip(layer, snapshot) {
  return titledBox(layer.label, ["as of " + isoText(snapshot.date) + " · " +
    Math.round(snapshot.areaKm2).toLocaleString("en-GB") + " km²", "Source: " + layer.sourceName]);
}

/**
 * The map's credits. A front layer's credit shows while the layer is on the map. (Leaflet would do this from
 * the group's `attribution` option, but folium's FeatureGroup does not pass its options to Leaflet.)
 */
export function addCredits(map, data, groups) {
  const credits = map.attributionControl;
  for (const credit of data.attributionHtml) credits.addAttribution(credit);
  credits.addAttribution(data.placesCreditHtml);
  for (const layer of data.fronts) {
    const group = groups[layer.id];
    group.on("add", () => credits.addAttribution(layer.creditHtml));
    group.on("remove", () => credits.removeAttribution(layer.creditHtml));
    if (map.hasLayer(group)) credits.addAttribution(layer.creditHtml);
  }
}

/** Each front layer as of `wanted`: its latest snapshot on or before that date, redrawn only when it changes. */
export function drawFronts(ctx, wanted) {
  const { data, groups, state } = ctx;
  for (const layer of data.fronts) {
    const snapshot = latestOnOrBefore(layer.snapshots, wanted, "date");
    const shown = snapshot ? snapshot.date : null;
    if (state.fronts[layer.id] === shown) continue;
    groups[layer.id].clearLayers();
    if (snapshot) {
      L.geoJSON(snapshot.geometry, { style: frontStyle(layer) })
        .bindTooltip(() => frontTooltip(layer, snapshot), { sticky: true }).addTo(groups[layer.id]);
    }
    state.fronts[layer.id] = shown;
    state.redraws += 1;
  }
}

/** The date box's lines: the "as of" date of each front layer that is on the map. */
export function frontDateLines(ctx) {
  const { data, groups, map, state } = ctx;
  return data.fronts.filter((layer) => map.hasLayer(groups[layer.id])).map((layer) => {
    const shown = state.fronts[layer.id];
    return layer.label + ": " + (shown ? "as of " + isoText(shown) : "no data yet");
  });
}
