/* Compare and Change: the page's overlays, drawn as sent, with their features' titles and lines as tooltips. */

import { titledBox } from "kcm/map_dom.js";

function drawAnalysis(ctx, analysis) {
  const styles = Object.fromEntries(ctx.data.analysisKinds.map((kind) => [kind.key, kind.style]));
  return L.geoJSON(analysis, {
    style: (feature) => styles[feature.properties.kind] || {},
    onEachFeature: (feature, layer) => layer.bindTooltip(
      () => titledBox(feature.properties.title, feature.properties.lines || []), { sticky: true }),
  }).addTo(ctx.groups.analysis);
}

/** What the overlay is about: its features that are not context, else all it drew. */
function focusBounds(analysis, drawn) {
  const focus = L.geoJSON({ type: "FeatureCollection",
    features: analysis.features.filter((feature) => !feature.properties.context) });
  return focus.getBounds().isValid() ? focus.getBounds() : drawn.getBounds();
}

/** Draws the view's overlay, if it changed; switching Compare or Change on brings what they draw into view. */
export function applyAnalysis(ctx, analysis) {
  const { groups, map, state } = ctx;
  const key = analysis ? JSON.stringify(analysis) : "";
  if (key === state.analysisKey) return;
  const wasEmpty = state.analysisKey === "";
  state.analysisKey = key;
  groups.analysis.clearLayers();
  state.analysisKinds = [];
  if (!analysis) return;
  const drawn = drawAnalysis(ctx, analysis);
  state.analysisKinds = analysis.features.map((feature) => feature.properties.kind);
  const bounds = focusBounds(analysis, drawn);
  if (!bounds.isValid()) return;
  state.analysisBounds = [[bounds.getSouth(), bounds.getWest()], [bounds.getNorth(), bounds.getEast()]];
  if (wasEmpty && !state.brief) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 10, animate: false });
}
